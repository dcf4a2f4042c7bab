//! The issuance journal: the SQLite journal's own rules (registering, claiming, taking
//! orders in doubt, truthful outcomes, one process at a time), and journaled batches
//! through the facade against `paynow-mock`: with faults, after a simulated crash (orders
//! left `sending`, one of them issued at PayNow), and with PayNow unreachable while
//! reconciling. The mock issues a duplicate order again instead of refusing it, so that
//! any order sent twice shows in `issued_count`.

mod facade_support;

use std::sync::Arc;

use facade_support::*;
use paynow_einvoice::journal::{
    BatchError, BatchOptions, Journal, JournalError, NewOrder, OrderState, Outcome, SqliteJournal,
};
use paynow_mock::{FaultKind, FaultRule};
use soap_runtime::SoapVersion;

const UPLOAD: &str = "UploadInvoice_Patch";
const CHECK_ORDER: &str = "Check_invoiceOrder";

fn orders(count: usize) -> Vec<paynow_einvoice::domain::Invoice> {
    (0..count)
        .map(|i| invoice(&format!("J{i:04}"), &[100 + i as i64]))
        .collect()
}

fn new_orders(invoices: &[paynow_einvoice::domain::Invoice]) -> Vec<NewOrder> {
    invoices
        .iter()
        .map(|invoice| NewOrder::of(invoice).expect("an invoice serializes"))
        .collect()
}

async fn open(dir: &tempfile::TempDir) -> SqliteJournal {
    SqliteJournal::open(dir.path().join("batch.journal"))
        .await
        .expect("the journal opens")
}

#[tokio::test]
async fn registering_is_idempotent_and_a_changed_payload_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let journal = open(&dir).await;
    let invoices = orders(3);
    journal.register(&new_orders(&invoices)).await.unwrap();
    journal.register(&new_orders(&invoices)).await.unwrap();
    assert_eq!(journal.summary().await.unwrap().pending, 3);

    let mut changed = orders(4);
    changed[1] = invoice("J0001", &[999]);
    let error = journal.register(&new_orders(&changed)).await.unwrap_err();
    match &error {
        JournalError::PayloadChanged { orders } => assert_eq!(orders, &["J0001".to_owned()]),
        other => panic!("expected PayloadChanged, got {other:?}"),
    }
    assert!(error.to_string().contains("J0001"), "{error}");
    // Nothing of the refused registration was kept: not even the new J0003.
    let entries = journal.entries(None).await.unwrap();
    let numbers: Vec<&str> = entries.iter().map(|e| e.order_no.as_str()).collect();
    assert_eq!(numbers, ["J0000", "J0001", "J0002"]);
    assert_eq!(
        entries[1].payload_hash,
        new_orders(&invoices)[1].payload_hash
    );
    assert_eq!(entries[1].payload_hash.len(), 64);
}

#[tokio::test]
async fn claims_are_written_first_and_survive_reopening_as_orders_in_doubt() {
    let dir = tempfile::tempdir().unwrap();
    let invoices = orders(3);
    {
        let journal = open(&dir).await;
        journal.register(&new_orders(&invoices)).await.unwrap();
        let claimed = journal.claim(2).await.unwrap();
        let claimed: Vec<&str> = claimed.iter().map(|c| c.order_no.as_str()).collect();
        assert_eq!(claimed, ["J0000", "J0001"]);
        let outcome = Outcome::Issued {
            invoice_number: "AB00000001".into(),
            adopted: false,
        };
        journal.record("J0000", &outcome).await.unwrap();
        // A pending order cannot be recorded issued: it was never claimed.
        let refused = journal.record("J0002", &outcome).await.unwrap_err();
        assert!(
            matches!(refused, JournalError::Corrupt { .. }),
            "{refused:?}"
        );
        // The process "dies" here: J0001 is left sending.
    }
    let journal = open(&dir).await;
    let summary = journal.summary().await.unwrap();
    assert_eq!(
        (summary.issued, summary.sending, summary.pending),
        (1, 1, 1)
    );
    let taken = journal.take_in_doubt().await.unwrap();
    assert_eq!(taken.len(), 1);
    assert_eq!(taken[0].order_no, "J0001");
    assert_eq!(taken[0].invoice, invoices[1]);
    let in_doubt = journal.entries(Some(OrderState::InDoubt)).await.unwrap();
    assert_eq!(in_doubt.len(), 1);
    assert_eq!(in_doubt[0].attempts, 1);
    assert!(in_doubt[0].error.as_deref().unwrap().contains("stopped"));
    let issued = &journal.entries(Some(OrderState::Issued)).await.unwrap()[0];
    assert_eq!(issued.invoice_number.as_deref(), Some("AB00000001"));
}

#[tokio::test]
async fn a_second_process_cannot_open_a_journal_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let _first = open(&dir).await;
    let second = SqliteJournal::open(dir.path().join("batch.journal")).await;
    assert!(
        matches!(second, Err(JournalError::InUse { .. })),
        "{second:?}"
    );
}

#[tokio::test]
async fn a_journaled_batch_under_faults_issues_each_order_exactly_once() {
    let mock = start_allowing_duplicates().await;
    let paynow = facade(&mock, SoapVersion::Soap12);
    for kind in [
        FaultKind::DropAfterCommit,
        FaultKind::TruncateAfterCommit,
        FaultKind::empty_500(),
        FaultKind::server_fault(),
    ] {
        mock.faults()
            .inject(FaultRule::new(kind).on(UPLOAD).times(2));
    }
    let dir = tempfile::tempdir().unwrap();
    let journal = Arc::new(open(&dir).await);
    let invoices = orders(30);
    let options = BatchOptions {
        parallel: 4,
        ..BatchOptions::default()
    };
    let report = bounded(paynow.issue_journaled(journal.clone(), &invoices, &options))
        .await
        .expect("the batch runs");
    assert_eq!(report.stopped, None);
    assert_eq!(report.summary.issued, 30, "{report:?}");
    for invoice in &invoices {
        assert_eq!(
            mock.state().issued_count(&invoice.order_no),
            1,
            "{}",
            invoice.order_no
        );
    }
    // Every journaled invoice number is the one PayNow holds.
    for entry in journal.entries(None).await.unwrap() {
        let held = mock.state().invoice_for_order(&entry.order_no).unwrap();
        assert_eq!(
            entry.invoice_number.as_deref(),
            Some(held.invoice_number.as_str())
        );
    }
    // Running it again sends nothing.
    let uploads = mock.state().requests(UPLOAD);
    let again = paynow
        .issue_journaled(journal.clone(), &invoices, &options)
        .await
        .unwrap();
    assert_eq!(again.summary.issued, 30);
    assert_eq!(mock.state().requests(UPLOAD), uploads);
    mock.shutdown().await;
}

#[tokio::test]
async fn after_a_crash_orders_in_doubt_are_settled_before_anything_new_is_sent() {
    let mock = start_allowing_duplicates().await;
    let paynow = facade(&mock, SoapVersion::Soap11);
    let dir = tempfile::tempdir().unwrap();
    let invoices = orders(5);
    {
        // A run claims two orders; the first reaches PayNow, then the process dies.
        let journal = open(&dir).await;
        journal.register(&new_orders(&invoices)).await.unwrap();
        journal.claim(2).await.unwrap();
        paynow.issue(&invoices[0]).await.unwrap();
    }
    let journal = Arc::new(open(&dir).await);
    let report =
        bounded(paynow.issue_journaled(journal.clone(), &invoices, &BatchOptions::default()))
            .await
            .unwrap();
    assert_eq!(report.summary.issued, 5, "{report:?}");
    for invoice in &invoices {
        assert_eq!(
            mock.state().issued_count(&invoice.order_no),
            1,
            "{}",
            invoice.order_no
        );
    }
    let first = &journal.entries(None).await.unwrap()[0];
    assert!(
        first.adopted,
        "J0000 was found issued, not issued by this run: {first:?}"
    );
    // One upload before the crash, then one for each of the four others.
    assert_eq!(mock.state().requests(UPLOAD), 5);
    mock.shutdown().await;
}

#[tokio::test]
async fn orders_that_cannot_be_settled_stay_in_doubt_and_nothing_new_is_sent() {
    let mock = start_allowing_duplicates().await;
    let paynow = facade(&mock, SoapVersion::Soap12);
    let dir = tempfile::tempdir().unwrap();
    let invoices = orders(3);
    {
        let journal = open(&dir).await;
        journal.register(&new_orders(&invoices)).await.unwrap();
        journal.claim(1).await.unwrap();
    }
    mock.faults().inject(
        FaultRule::new(FaultKind::empty_500())
            .on(CHECK_ORDER)
            .times(100),
    );
    let journal = Arc::new(open(&dir).await);
    let report =
        bounded(paynow.issue_journaled(journal.clone(), &invoices, &BatchOptions::default()))
            .await
            .unwrap();
    let summary = report.summary;
    assert_eq!(
        (summary.in_doubt, summary.pending, summary.issued),
        (1, 2, 0)
    );
    assert!(report.stopped.unwrap().contains("in doubt"));
    assert_eq!(mock.state().requests(UPLOAD), 0);

    // Once PayNow answers, reconciling finds nothing issued, and the run sends all three.
    mock.faults().clear();
    let settled = paynow.reconcile_journal(journal.clone()).await.unwrap();
    assert_eq!((settled.summary.in_doubt, settled.summary.pending), (0, 3));
    let report = paynow
        .issue_journaled(journal, &invoices, &BatchOptions::default())
        .await
        .unwrap();
    assert_eq!(report.summary.issued, 3);
    mock.shutdown().await;
}

#[tokio::test]
async fn a_changed_payload_or_an_invalid_invoice_sends_nothing() {
    let mock = start_allowing_duplicates().await;
    let paynow = facade(&mock, SoapVersion::Soap12);
    let dir = tempfile::tempdir().unwrap();
    let journal = Arc::new(open(&dir).await);
    let invoices = orders(2);
    journal.register(&new_orders(&invoices)).await.unwrap();
    let changed = vec![invoices[0].clone(), invoice("J0001", &[5])];
    let error = paynow
        .issue_journaled(journal.clone(), &changed, &BatchOptions::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            BatchError::Journal(JournalError::PayloadChanged { .. })
        ),
        "{error:?}"
    );
    let mut invalid = invoices.clone();
    invalid[1].items.clear();
    let error = paynow
        .issue_journaled(journal, &invalid, &BatchOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(error, BatchError::NotSent(_)), "{error:?}");
    assert_eq!(mock.state().requests(UPLOAD), 0);
    mock.shutdown().await;
}

#[tokio::test]
async fn a_refusal_is_recorded_refused_and_the_rest_is_issued() {
    let mock = start().await;
    let paynow = facade(&mock, SoapVersion::Soap12);
    let invoices = orders(3);
    // Issued outside the journal with another total: PayNow holds a different invoice.
    paynow.issue(&invoice("J0001", &[1])).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let journal = Arc::new(open(&dir).await);
    let report = paynow
        .issue_journaled(journal.clone(), &invoices, &BatchOptions::default())
        .await
        .unwrap();
    assert_eq!((report.summary.issued, report.summary.refused), (2, 1));
    let refused = journal.entries(Some(OrderState::Refused)).await.unwrap();
    assert_eq!(refused[0].order_no, "J0001");
    assert!(
        refused[0].error.as_deref().unwrap().contains("J0001"),
        "{refused:?}"
    );
    assert_eq!(refused[0].invoice_number, None);
    mock.shutdown().await;
}
