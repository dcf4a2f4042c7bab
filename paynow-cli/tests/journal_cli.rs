//! `paynow issue --journal` and `paynow journal …` exit codes without crashes: PayNow
//! unreachable leaves orders pending (5), a finished batch is 0 and is not sent again, and
//! a file that changes a journaled order is refused whole (3).

mod support;

use serde_json::Value;
use support::*;

fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}/PayNowEInvoice.asmx")
}

#[test]
fn exit_codes_say_what_is_left_and_a_finished_batch_is_not_sent_again() {
    let dir = tempfile::tempdir().unwrap();
    let batch = batch_file(dir.path(), "EXIT", 3);
    let journal = dir.path().join("exit.journal");
    let journal = journal.to_str().unwrap();
    let issue = |url: &str| {
        paynow(dir.path())
            .args(["--env", url, "--no-maintenance-window", "--json", "issue"])
            .arg(&batch)
            .args(["--journal", journal, "--parallel", "2"])
            .output()
            .expect("paynow runs")
    };

    let unreachable = issue(&closed_port_url());
    assert_eq!(unreachable.status.code(), Some(5), "{unreachable:?}");
    let document: Value = serde_json::from_slice(&unreachable.stdout).unwrap();
    assert_eq!(document["summary"]["pending"], 3, "{document}");
    assert!(
        document["stopped"]
            .as_str()
            .unwrap()
            .contains("could not be reached")
    );
    assert_eq!(journal_summary(dir.path(), journal)["pending"], 3);

    let mock = MockProcess::start(&[]);
    let finished = issue(&mock.url);
    assert_eq!(finished.status.code(), Some(0), "{finished:?}");
    let again = issue(&mock.url);
    assert_eq!(again.status.code(), Some(0), "{again:?}");
    let listed = paynow(dir.path())
        .args([
            "journal",
            "--journal",
            journal,
            "list",
            "--state",
            "issued",
            "--json",
        ])
        .output()
        .unwrap();
    let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(listed["orders"].as_array().unwrap().len(), 3, "{listed}");

    // The same order numbers with other contents: refused, nothing sent.
    let changed = std::fs::read_to_string(&batch)
        .unwrap()
        .replace("\"350\"", "\"351\"")
        .replace("\"700\"", "\"702\"");
    std::fs::write(&batch, changed).unwrap();
    let refused = issue(&mock.url);
    assert_eq!(refused.status.code(), Some(3), "{refused:?}");
    let document: Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert!(
        document["error"]["message"]
            .as_str()
            .unwrap()
            .contains("different payload"),
        "{document}"
    );
    assert!(
        mock.stop()
            .starts_with("issued: 3 invoices for 3 orders, 0 orders more than once;")
    );
}

#[test]
fn looking_at_a_journal_that_is_not_there_is_an_error_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.journal");
    let output = paynow(dir.path())
        .args(["journal", "--journal"])
        .arg(&missing)
        .args(["status", "--json"])
        .output()
        .expect("paynow runs");
    assert_eq!(output.status.code(), Some(7), "{output:?}");
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        document["error"]["message"]
            .as_str()
            .unwrap()
            .contains("there is no journal at"),
        "{document}"
    );
    assert!(!missing.exists(), "status created {}", missing.display());
}
