//! A 1000-invoice batch through `paynow issue --journal FILE`, against a separate
//! `paynow-mock` process that drops, cuts and fails answers, with the CLI killed
//! (SIGKILL) at seeded-random points several times and resumed each time. Counted on the
//! mock at the end: every order issued exactly once (the mock issues a duplicate instead
//! of refusing it, so a resent order would show), none lost, none left in doubt.

mod support;

use std::process::Stdio;
use std::time::Duration;

use support::*;

const ORDERS: usize = 1000;
const KILLS: usize = 5;
const SEED: u64 = 0x000C_0FFE;

/// Faults spread over the whole run: answers lost after the commit, 500s before it, and
/// reconciling look-ups that fail.
const FAULTS: [&str; 4] = [
    "drop-after-commit@UploadInvoice_Patch,every=37,times=1000",
    "truncate-after-commit@UploadInvoice_Patch,every=53,times=1000",
    "http-500@UploadInvoice_Patch,every=61,times=1000",
    "http-500@Check_invoiceOrder,every=7,times=1000",
];

#[test]
fn a_batch_killed_and_resumed_again_and_again_issues_every_order_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let batch = batch_file(dir.path(), "CRASH", ORDERS);
    let journal = dir.path().join("batch.journal");
    let journal = journal.to_str().unwrap();
    let mock = MockProcess::start(&FAULTS);
    let issue = |dir: &std::path::Path| {
        let mut command = paynow(dir);
        command
            .args(["--env", &mock.url, "--no-maintenance-window"])
            .args(["--timeout", "10", "issue"])
            .arg(&batch)
            .args(["--journal", journal, "--parallel", "4"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    };
    let mut random = Seeded(SEED);
    let mut killed_mid_run = 0;
    for _ in 0..KILLS {
        let mut child = issue(dir.path()).spawn().expect("paynow starts");
        std::thread::sleep(Duration::from_millis(random.between(80, 600)));
        if child.try_wait().expect("paynow runs").is_none() {
            killed_mid_run += 1;
        }
        child.kill().expect("SIGKILL is delivered");
        child.wait().expect("paynow is reaped");
        let summary = journal_summary(dir.path(), journal);
        let total: u64 = ["pending", "sending", "issued", "refused", "in_doubt"]
            .iter()
            .map(|state| summary[state].as_u64().unwrap_or(0))
            .sum();
        // The journal lost nothing: every order is there (or none, if killed before the
        // batch was registered), and none was refused.
        assert!(total == 0 || total == ORDERS as u64, "{summary}");
        assert_eq!(summary["refused"], 0, "{summary}");
    }
    eprintln!("{killed_mid_run} of {KILLS} runs were killed mid-run (seed {SEED:#x})");

    let finished = issue(dir.path()).status().expect("paynow runs");
    assert_eq!(
        finished.code(),
        Some(0),
        "the resumed run settles everything"
    );
    let summary = journal_summary(dir.path(), journal);
    assert_eq!(summary["issued"], ORDERS, "{summary}");
    assert_eq!(summary["in_doubt"], 0, "{summary}");
    assert_eq!(summary["sending"], 0, "{summary}");

    let counted = mock.stop();
    let expected =
        format!("issued: {ORDERS} invoices for {ORDERS} orders, 0 orders more than once;");
    assert!(counted.starts_with(&expected), "{counted}");
}
