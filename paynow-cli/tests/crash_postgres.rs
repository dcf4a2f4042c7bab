//! Two `paynow issue --journal postgres://…` workers share one PostgreSQL journal on a
//! 1000-invoice batch, against a separate `paynow-mock` process with faults; one worker
//! is killed (SIGKILL) mid-run. The other finishes (settling the orders the dead one left
//! `sending`), and a resumed run finds nothing left. Counted on the mock: every order
//! issued exactly once, none lost, none in doubt.

mod support;

use std::process::Stdio;
use std::time::Duration;

use support::postgres::Postgres;
use support::*;

const ORDERS: usize = 1000;

const FAULTS: [&str; 3] = [
    "drop-after-commit@UploadInvoice_Patch,every=41,times=1000",
    "http-500@UploadInvoice_Patch,every=59,times=1000",
    "http-500@Check_invoiceOrder,every=7,times=1000",
];

#[test]
fn two_workers_share_a_postgres_journal_and_one_is_killed_yet_each_order_is_issued_once() {
    let postgres = Postgres::start();
    let dir = tempfile::tempdir().unwrap();
    let batch = batch_file(dir.path(), "PG", ORDERS);
    let mock = MockProcess::start(&FAULTS);
    let issue = || {
        let mut command = paynow(dir.path());
        command
            .args(["--env", &mock.url, "--no-maintenance-window"])
            .args(["--timeout", "10", "issue"])
            .arg(&batch)
            .args(["--journal", &postgres.url, "--parallel", "3"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        command
    };
    let mut doomed = issue().spawn().expect("the first worker starts");
    let survivor = issue().spawn().expect("the second worker starts");
    let mut random = Seeded(0x5EED_0002);
    std::thread::sleep(Duration::from_millis(random.between(300, 900)));
    doomed.kill().expect("SIGKILL is delivered");
    doomed.wait().expect("the first worker is reaped");

    let survived = survivor
        .wait_with_output()
        .expect("the second worker finishes");
    let stderr = String::from_utf8_lossy(&survived.stderr);
    assert_eq!(survived.status.code(), Some(0), "{stderr}");

    let resumed = issue().output().expect("a resumed run");
    assert_eq!(
        resumed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    let summary = journal_summary(dir.path(), &postgres.url);
    assert_eq!(summary["issued"], ORDERS, "{summary}");
    assert_eq!(summary["in_doubt"], 0, "{summary}");

    let counted = mock.stop();
    let expected =
        format!("issued: {ORDERS} invoices for {ORDERS} orders, 0 orders more than once;");
    assert!(counted.starts_with(&expected), "{counted}");
}
