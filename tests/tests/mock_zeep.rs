//! Interoperability: python-zeep, an independent SOAP stack, loads the mock's `?WSDL` and
//! calls it (`tests/zeep/call_mock.py`). Needs `python3` with zeep (`pip install zeep`);
//! without them the test fails, saying so, rather than skipping.

mod mock_support;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mock_support::*;
use paynow_einvoice::domain::Decimal;
use paynow_mock::messages;

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/zeep/call_mock.py");
/// The script's time limit; it normally needs about a second.
const SCRIPT_DEADLINE: Duration = Duration::from_secs(60);

/// Fails the test, with the fix, unless `python3 -c "import zeep"` works. It runs in the
/// temporary directory: from this crate's directory, `import zeep` would find the
/// `zeep/` folder of the script as a namespace package.
fn require_zeep() {
    let probe = Command::new("python3")
        .args(["-c", "import zeep; zeep.Client"])
        .current_dir(std::env::temp_dir())
        .output();
    match probe {
        Ok(output) if output.status.success() => {}
        Ok(output) => panic!(
            "python-zeep is not installed (python3 -c \"import zeep\": {}): run `pip install zeep`",
            String::from_utf8_lossy(&output.stderr).trim()
        ),
        Err(error) => {
            panic!("cannot run python3 ({error}): install Python 3, then `pip install zeep`")
        }
    }
}

/// Runs `command` to completion within `deadline` (killing it past that), returning its
/// standard output; fails the test if it fails.
fn run_bounded(mut command: Command, deadline: Duration) -> String {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status;
        }
        if started.elapsed() > deadline {
            // Kill failing means it just exited; either way it is gone after wait().
            let _ = child.kill();
            let _ = child.wait();
            panic!("{SCRIPT} took longer than {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |pipe: Option<&mut dyn Read>| {
        let mut text = String::new();
        if let Some(pipe) = pipe {
            pipe.read_to_string(&mut text).expect("UTF-8 output");
        }
        text
    };
    let stdout = read(child.stdout.as_mut().map(|p| p as &mut dyn Read));
    let stderr = read(child.stderr.as_mut().map(|p| p as &mut dyn Read));
    assert!(
        status.success(),
        "{SCRIPT} failed ({status}):\n{stderr}\n{stdout}"
    );
    stdout
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_loads_the_wsdl_and_calls_the_mock() {
    require_zeep();
    let mock = start().await;
    let mut command = Command::new("python3");
    command
        .arg(SCRIPT)
        .args([mock.wsdl_url().as_str(), MEM_CID, MEM_PASSWORD, "ZEEP-001"])
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("no_proxy", "127.0.0.1,localhost")
        .current_dir(std::env::temp_dir());
    // The mock serves on the runtime's workers while this thread waits for Python.
    let stdout = tokio::task::spawn_blocking(move || run_bounded(command, SCRIPT_DEADLINE))
        .await
        .expect("the script runs");
    let results: serde_json::Value =
        serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let field = |name: &str| {
        results[name]
            .as_str()
            .unwrap_or_else(|| panic!("no {name} in {results}"))
            .to_owned()
    };

    let invoice_no = field("invoice_no");
    assert_eq!(field("upload"), format!("S_1,ZEEP-001_{invoice_no}"));
    let issued = mock
        .state()
        .invoice(&invoice_no)
        .expect("zeep's csvStr issued an invoice");
    assert_eq!(
        (issued.order_no.as_str(), issued.rows.len(), issued.total),
        ("ZEEP-001", 2, Decimal::from(150))
    );
    assert_eq!(issued.rows[0].description, "咖啡豆");
    assert_eq!(field("check"), format!("S,{invoice_no}"));
    assert_eq!(field("info"), "開立,150");
    assert_eq!(field("cancel"), "S");
    assert_eq!(
        field("cancel_again"),
        messages::failure(messages::ALREADY_VOIDED)
    );
    for (operation, count) in [
        ("UploadInvoice_Patch", 1),
        ("Check_invoice", 1),
        ("Invoice_Info", 1),
        ("CancelInvoice_I", 2),
    ] {
        assert_eq!(mock.state().requests(operation), count, "{operation}");
    }
    mock.shutdown().await;
}
