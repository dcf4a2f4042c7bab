//! Exactly-once issuing and confirmed voiding through the `PayNow` facade, against
//! `paynow-mock` with faults injected: answers lost after the commit (dropped, cut, late
//! beyond the client's timeout), HTTP 5xx and SOAP faults before it, and reconciliation
//! look-ups that fail too. Every order ends issued exactly once as the mock counts it, or
//! with `Error::OutcomeUnknown` (issued at most once) whose text says how to reconcile;
//! following that text then issues it exactly once.
//!
//! Each scenario runs against a mock that refuses a duplicate order (as PayNow does) and
//! against one that issues it again, where a blind retry would show as a second invoice.

mod facade_support;

use std::time::Duration;

use facade_support::*;
use paynow_einvoice::domain::{InvoiceInfo, InvoiceNumber, LookupResult, OrderNo};
use paynow_einvoice::facade::{Error, Issued, PayNow, RetryPolicy, Voided};
use paynow_mock::{FaultKind, FaultRule, InvoiceStatus, MockServer};
use soap_runtime::{SoapError, SoapVersion};

const UPLOAD: &str = "UploadInvoice_Patch";
const CHECK_ORDER: &str = "Check_invoiceOrder";

/// What goes wrong with an issuance, and what the facade should make of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scenario {
    /// Committed, then the connection dropped without an answer.
    Drop,
    /// Committed, then half the answer and a broken connection.
    Truncate,
    /// Committed, the answer held back beyond the client's timeout.
    Delay,
    /// HTTP 500 with an empty body; not committed.
    Empty500,
    /// A SOAP fault (`soap:Server` / `soap12:Receiver`, ASP.NET's unhandled exception);
    /// not committed.
    SoapFault,
    /// HTTP 502 with a text body; not committed.
    BadGateway,
    /// An IIS 500 HTML page; not committed.
    Iis500,
    /// A SOAP fault, then on the resend a dropped answer after the commit.
    SoapFaultThenDrop,
    /// A dropped answer after the commit, and the first reconciling look-up gets a 500.
    DropWithLookupHiccup,
    /// HTTP 500 on every attempt: the facade gives up with `OutcomeUnknown`.
    AlwaysFails,
}

const SCENARIOS: [Scenario; 10] = [
    Scenario::Drop,
    Scenario::Truncate,
    Scenario::Delay,
    Scenario::Empty500,
    Scenario::SoapFault,
    Scenario::BadGateway,
    Scenario::Iis500,
    Scenario::SoapFaultThenDrop,
    Scenario::DropWithLookupHiccup,
    Scenario::AlwaysFails,
];

impl Scenario {
    /// The `i`-th scenario of the deterministic pattern.
    fn nth(i: usize) -> Self {
        SCENARIOS[i % SCENARIOS.len()]
    }

    /// Injects the faults; returns how many were injected.
    fn inject(self, mock: &MockServer) -> usize {
        let faults = mock.faults();
        let on = |kind: FaultKind| FaultRule::new(kind).on(UPLOAD);
        match self {
            Self::Drop => faults.inject(on(FaultKind::DropAfterCommit)),
            Self::Truncate => faults.inject(on(FaultKind::TruncateAfterCommit)),
            Self::Delay => faults.inject(on(FaultKind::Delay(BEYOND_TIMEOUT))),
            Self::Empty500 => faults.inject(on(FaultKind::empty_500())),
            Self::SoapFault => faults.inject(on(FaultKind::server_fault())),
            Self::BadGateway => faults.inject(on(FaultKind::HttpStatus {
                status: 502,
                body: "Bad Gateway".into(),
            })),
            Self::Iis500 => faults.inject(on(FaultKind::iis_500())),
            Self::SoapFaultThenDrop => {
                faults.inject(on(FaultKind::server_fault()));
                faults.inject(on(FaultKind::DropAfterCommit));
            }
            Self::DropWithLookupHiccup => {
                faults.inject(on(FaultKind::DropAfterCommit));
                faults.inject(FaultRule::new(FaultKind::empty_500()).on(CHECK_ORDER));
            }
            Self::AlwaysFails => {
                faults.inject(on(FaultKind::empty_500()).times(RETRY.max_attempts as usize))
            }
        }
        match self {
            Self::SoapFaultThenDrop | Self::DropWithLookupHiccup => 2,
            Self::AlwaysFails => RETRY.max_attempts as usize,
            _ => 1,
        }
    }

    /// Whether the invoice comes back adopted (found by reconciling), `None` when the
    /// facade gives up.
    fn adopted(self) -> Option<bool> {
        match self {
            Self::Drop
            | Self::Truncate
            | Self::Delay
            | Self::SoapFaultThenDrop
            | Self::DropWithLookupHiccup => Some(true),
            Self::Empty500 | Self::SoapFault | Self::BadGateway | Self::Iis500 => Some(false),
            Self::AlwaysFails => None,
        }
    }

    /// How many `UploadInvoice_Patch` requests the facade sends.
    fn uploads(self) -> usize {
        match self {
            Self::Drop | Self::Truncate | Self::Delay | Self::DropWithLookupHiccup => 1,
            Self::Empty500
            | Self::SoapFault
            | Self::BadGateway
            | Self::Iis500
            | Self::SoapFaultThenDrop => 2,
            Self::AlwaysFails => RETRY.max_attempts as usize,
        }
    }
}

fn order(text: &str) -> OrderNo {
    OrderNo::parse(text).expect("an order number")
}

/// Checks an `OutcomeUnknown` of an issuance: its operation, the orders it names, and a
/// text that says how to reconcile.
fn assert_issue_outcome_unknown(error: &Error, orders: &[String]) {
    match error {
        Error::OutcomeUnknown {
            operation,
            subject,
            reconcile,
            ..
        } => {
            assert_eq!(*operation, UPLOAD);
            let text = error.to_string();
            assert!(
                reconcile.contains("check_order"),
                "the text says how to reconcile: {text}"
            );
            for order_no in orders {
                assert!(subject.contains(order_no.as_str()), "{order_no}: {text}");
                assert!(reconcile.contains(order_no.as_str()), "{order_no}: {text}");
            }
        }
        other => panic!("expected Error::OutcomeUnknown, got {other:?}"),
    }
}

/// Follows an `OutcomeUnknown`'s advice: looks each order up and issues only those that
/// are not issued, each exactly once.
async fn reconcile_then_issue(paynow: &PayNow, mock: &MockServer, orders: &[String]) {
    for order_no in orders {
        match paynow.check_order(&order(order_no)).await.unwrap() {
            LookupResult::Found(number) => {
                assert_eq!(
                    number.as_str(),
                    mock.state()
                        .invoice_for_order(order_no)
                        .unwrap()
                        .invoice_number
                );
            }
            LookupResult::NotFound => {
                let issued = paynow.issue(&invoice(order_no, &[100])).await.unwrap();
                assert!(!issued.adopted);
            }
        }
    }
}

/// What a run observed, for the final checks and the report.
#[derive(Debug, Default)]
struct Tally {
    issuances: usize,
    faults: usize,
    adopted: usize,
    outcome_unknown: usize,
}

/// Issues 40 orders one by one per SOAP version, a fault pattern on each, and checks that
/// every order ends issued exactly once on the mock.
async fn forty_single_issuances(mock: MockServer) -> Tally {
    let mut tally = Tally::default();
    for version in VERSIONS {
        let paynow = facade(&mock, version);
        let mut unknown = Vec::new();
        for i in 0..40 {
            let scenario = Scenario::nth(i);
            let order_no = format!("EO-{version:?}-{i:02}");
            let uploads_before = mock.state().requests(UPLOAD);
            tally.faults += scenario.inject(&mock);
            tally.issuances += 1;
            let result = paynow.issue(&invoice(&order_no, &[100 + i as i64])).await;
            let context = format!("{version} order {i} {scenario:?}");
            match (scenario.adopted(), result) {
                (Some(adopted), Ok(issued)) => {
                    assert_eq!(
                        issued,
                        Issued {
                            order_no: order(&order_no),
                            invoice_number: InvoiceNumber::parse(
                                &mock
                                    .state()
                                    .invoice_for_order(&order_no)
                                    .unwrap()
                                    .invoice_number
                            )
                            .unwrap(),
                            adopted,
                        },
                        "{context}"
                    );
                    assert_eq!(mock.state().issued_count(&order_no), 1, "{context}");
                    tally.adopted += usize::from(adopted);
                }
                (None, Err(error)) => {
                    assert_issue_outcome_unknown(&error, std::slice::from_ref(&order_no));
                    assert!(
                        mock.state().issued_count(&order_no) <= 1,
                        "{context}: at most once"
                    );
                    tally.outcome_unknown += 1;
                    unknown.push(order_no.clone());
                }
                (expected, got) => panic!("{context}: expected {expected:?}, got {got:?}"),
            }
            assert_eq!(
                mock.state().requests(UPLOAD) - uploads_before,
                scenario.uploads(),
                "{context}: uploads sent"
            );
            assert_eq!(mock.faults().pending(), 0, "{context}: every fault fired");
        }
        reconcile_then_issue(&paynow, &mock, &unknown).await;
        for i in 0..40 {
            let order_no = format!("EO-{version:?}-{i:02}");
            assert_eq!(
                mock.state().issued_count(&order_no),
                1,
                "{version} order {i} {:?}: exactly once",
                Scenario::nth(i)
            );
        }
    }
    assert_eq!(
        mock.state().invoices().len(),
        80,
        "no invoice beyond one per order"
    );
    mock.shutdown().await;
    tally
}

#[tokio::test]
async fn forty_issuances_under_faults_are_each_issued_exactly_once() {
    let tally = bounded(async { forty_single_issuances(start().await).await }).await;
    assert_eq!(tally.issuances, 80);
    assert_eq!(tally.outcome_unknown, 8);
    assert_eq!(tally.adopted, 40);
    eprintln!("{tally:?}");
}

#[tokio::test]
async fn forty_issuances_under_faults_never_issue_twice_where_duplicates_are_allowed() {
    let tally =
        bounded(async { forty_single_issuances(start_allowing_duplicates().await).await }).await;
    assert_eq!(tally.issuances, 80);
    assert_eq!(tally.outcome_unknown, 8);
    assert_eq!(tally.adopted, 40);
    eprintln!("{tally:?}");
}

/// Issues 40 orders in batches of 5 per SOAP version, a fault pattern on each batch.
async fn forty_in_batches(mock: MockServer) -> Tally {
    let mut tally = Tally::default();
    for version in VERSIONS {
        let paynow = facade(&mock, version);
        let mut unknown = Vec::new();
        for b in 0..8 {
            let scenario = Scenario::nth(b + 2 * usize::from(version == SoapVersion::Soap12));
            let orders: Vec<String> = (0..5).map(|j| format!("EB-{version:?}-{b}-{j}")).collect();
            let invoices: Vec<_> = orders
                .iter()
                .enumerate()
                .map(|(j, o)| invoice(o, &[10 * (j as i64 + 1)]))
                .collect();
            tally.faults += scenario.inject(&mock);
            tally.issuances += orders.len();
            let context = format!("{version} batch {b} {scenario:?}");
            match (scenario.adopted(), paynow.issue_batch(&invoices).await) {
                (Some(adopted), Ok(issued)) => {
                    let got: Vec<(&str, bool)> = issued
                        .iter()
                        .map(|done| (done.order_no.as_str(), done.adopted))
                        .collect();
                    let want: Vec<(&str, bool)> =
                        orders.iter().map(|o| (o.as_str(), adopted)).collect();
                    assert_eq!(got, want, "{context}");
                    for done in &issued {
                        let record = mock
                            .state()
                            .invoice_for_order(done.order_no.as_str())
                            .unwrap();
                        assert_eq!(done.invoice_number.as_str(), record.invoice_number);
                    }
                    tally.adopted += issued.iter().filter(|done| done.adopted).count();
                }
                (None, Err(error)) => {
                    assert_issue_outcome_unknown(&error, &orders);
                    tally.outcome_unknown += 1;
                    unknown.extend(orders.iter().cloned());
                }
                (expected, got) => panic!("{context}: expected {expected:?}, got {got:?}"),
            }
            for order_no in &orders {
                assert!(mock.state().issued_count(order_no) <= 1, "{context}");
            }
            assert_eq!(mock.faults().pending(), 0, "{context}");
        }
        reconcile_then_issue(&paynow, &mock, &unknown).await;
        for b in 0..8 {
            for j in 0..5 {
                let order_no = format!("EB-{version:?}-{b}-{j}");
                assert_eq!(mock.state().issued_count(&order_no), 1, "{order_no}");
            }
        }
    }
    assert_eq!(mock.state().invoices().len(), 80);
    mock.shutdown().await;
    tally
}

#[tokio::test]
async fn forty_orders_in_batches_under_faults_are_each_issued_exactly_once() {
    let tally = bounded(async { forty_in_batches(start().await).await }).await;
    assert_eq!(tally.issuances, 80);
    eprintln!("{tally:?}");
}

#[tokio::test]
async fn forty_orders_in_batches_never_issue_twice_where_duplicates_are_allowed() {
    let tally = bounded(async { forty_in_batches(start_allowing_duplicates().await).await }).await;
    assert_eq!(tally.issuances, 80);
    assert!(tally.outcome_unknown >= 1, "{tally:?}");
    eprintln!("{tally:?}");
}

#[tokio::test]
async fn when_reconciling_fails_too_the_outcome_is_unknown_and_says_how_to_reconcile() {
    bounded(async {
        for duplicates in [false, true] {
            let mock = if duplicates {
                start_allowing_duplicates().await
            } else {
                start().await
            };
            for version in VERSIONS {
                let paynow = facade(&mock, version);
                let v = format!("{version:?}-{duplicates}");

                // Committed, answer lost; the look-up answers a SOAP fault.
                let committed = format!("RF-{v}-committed");
                mock.faults()
                    .inject(FaultRule::new(FaultKind::DropAfterCommit).on(UPLOAD));
                mock.faults()
                    .inject(FaultRule::new(FaultKind::server_fault()).on(CHECK_ORDER));
                let error = paynow
                    .issue(&invoice(&committed, &[100]))
                    .await
                    .unwrap_err();
                assert_issue_outcome_unknown(&error, std::slice::from_ref(&committed));
                match &error {
                    Error::OutcomeUnknown { source, .. } => assert!(
                        source.outcome_unknown(),
                        "the source is the lost answer: {source:?}"
                    ),
                    _ => unreachable!(),
                }
                assert_eq!(mock.state().issued_count(&committed), 1, "{v}");
                assert_eq!(mock.state().requests(UPLOAD), 4 * vers(version) + 1, "{v}");

                // Not committed (500); every look-up attempt fails with 500 too.
                let lost = format!("RF-{v}-lost");
                mock.faults()
                    .inject(FaultRule::new(FaultKind::empty_500()).on(UPLOAD));
                mock.faults().inject(
                    FaultRule::new(FaultKind::empty_500())
                        .on(CHECK_ORDER)
                        .times(RETRY.max_attempts as usize),
                );
                let error = paynow.issue(&invoice(&lost, &[100])).await.unwrap_err();
                assert_issue_outcome_unknown(&error, std::slice::from_ref(&lost));
                assert_eq!(mock.state().issued_count(&lost), 0, "{v}");

                // Committed batch, answer late; every look-up answer is cut short.
                let batch: Vec<String> = (0..3).map(|j| format!("RF-{v}-batch-{j}")).collect();
                mock.faults()
                    .inject(FaultRule::new(FaultKind::Delay(BEYOND_TIMEOUT)).on(UPLOAD));
                mock.faults().inject(
                    FaultRule::new(FaultKind::TruncateAfterCommit)
                        .on(CHECK_ORDER)
                        .times(RETRY.max_attempts as usize),
                );
                let invoices: Vec<_> = batch.iter().map(|o| invoice(o, &[10])).collect();
                let error = paynow.issue_batch(&invoices).await.unwrap_err();
                assert_issue_outcome_unknown(&error, &batch);
                for order_no in &batch {
                    assert_eq!(mock.state().issued_count(order_no), 1, "{v}");
                }
                assert_eq!(mock.faults().pending(), 0, "{v}");

                // Following the text settles every order, each exactly once.
                let mut all = vec![committed.clone(), lost.clone()];
                all.extend(batch.iter().cloned());
                reconcile_then_issue(&paynow, &mock, &all).await;
                for order_no in &all {
                    assert_eq!(mock.state().issued_count(order_no), 1, "{v} {order_no}");
                }
                assert_eq!(
                    mock.state().requests(UPLOAD),
                    4 * vers(version) + 4,
                    "{v}: one upload each, plus the reissue of the lost order"
                );
            }
            mock.shutdown().await;
        }
    })
    .await;
}

fn vers(version: SoapVersion) -> usize {
    VERSIONS.iter().position(|v| *v == version).unwrap()
}

#[tokio::test]
async fn a_void_whose_answer_is_lost_is_confirmed_and_sent_once() {
    bounded(async {
        let mock = start().await;
        for version in VERSIONS {
            let paynow = facade(&mock, version);
            for (k, fault) in [
                FaultKind::DropAfterCommit,
                FaultKind::TruncateAfterCommit,
                FaultKind::Delay(BEYOND_TIMEOUT),
            ]
            .into_iter()
            .enumerate()
            {
                let context = format!("{version} {fault:?}");
                let issued = paynow
                    .issue(&invoice(&format!("VD-{version:?}-{k}"), &[300]))
                    .await
                    .unwrap();
                let number = issued.invoice_number;
                let cancels = mock.state().requests("CancelInvoice_I");
                mock.faults()
                    .inject(FaultRule::new(fault).on("CancelInvoice_I"));
                assert_eq!(
                    paynow.void(&number).await.unwrap(),
                    Voided {
                        invoice_number: number.clone(),
                        adopted: true
                    },
                    "{context}"
                );
                assert_eq!(
                    mock.state().status(number.as_str()),
                    Some(InvoiceStatus::Voided),
                    "{context}"
                );
                assert_eq!(
                    mock.state().requests("CancelInvoice_I") - cancels,
                    1,
                    "{context}: sent once, confirmed by Invoice_Info"
                );
                assert_eq!(paynow.info(&number).await.unwrap(), InvoiceInfo::Voided);
            }

            // Not committed (500): Invoice_Info shows it still issued; not sent again.
            let number = paynow
                .issue(&invoice(&format!("VD-{version:?}-500"), &[300]))
                .await
                .unwrap()
                .invoice_number;
            let cancels = mock.state().requests("CancelInvoice_I");
            mock.faults()
                .inject(FaultRule::new(FaultKind::empty_500()).on("CancelInvoice_I"));
            match paynow.void(&number).await {
                Err(Error::Soap(SoapError::HttpStatus { status: 500, .. })) => {}
                other => panic!("{version}: {other:?}"),
            }
            assert_eq!(
                mock.state().status(number.as_str()),
                Some(InvoiceStatus::Issued)
            );
            assert_eq!(mock.state().requests("CancelInvoice_I") - cancels, 1);

            // Answer lost and Invoice_Info failing: unknown, with how to find out.
            mock.faults()
                .inject(FaultRule::new(FaultKind::DropAfterCommit).on("CancelInvoice_I"));
            mock.faults().inject(
                FaultRule::new(FaultKind::empty_500())
                    .on("Invoice_Info")
                    .times(RETRY.max_attempts as usize),
            );
            match paynow.void(&number).await {
                Err(error @ Error::OutcomeUnknown { .. }) => {
                    let Error::OutcomeUnknown {
                        operation,
                        subject,
                        reconcile,
                        ..
                    } = &error
                    else {
                        unreachable!()
                    };
                    assert_eq!(*operation, "CancelInvoice_I");
                    assert_eq!(subject, number.as_str());
                    assert!(
                        reconcile.contains("info") && reconcile.contains(number.as_str()),
                        "{error}"
                    );
                }
                other => panic!("{version}: {other:?}"),
            }
            assert_eq!(
                mock.state().status(number.as_str()),
                Some(InvoiceStatus::Voided),
                "committed once"
            );
            // Following the advice: info says voided; voiding again is refused, not doubled.
            assert_eq!(paynow.info(&number).await.unwrap(), InvoiceInfo::Voided);
            assert!(matches!(
                paynow.void(&number).await,
                Err(Error::Rejected { .. })
            ));
            assert_eq!(mock.faults().pending(), 0);
        }
        mock.shutdown().await;
    })
    .await;
}

/// Every query of the facade, by name, returning its result as text.
async fn query(
    paynow: &PayNow,
    operation: &str,
    number: &InvoiceNumber,
    order_no: &str,
    allowance_no: &str,
) -> Result<String, Error> {
    fn text<T: std::fmt::Debug>(result: Result<T, Error>) -> Result<String, Error> {
        result.map(|value| format!("{value:?}"))
    }
    let o = order(order_no);
    match operation {
        "Invoice_PatchData_Check" => text(paynow.validate_batch(&[invoice("Q-NEW", &[1])]).await),
        "Check_invoice" => text(paynow.check_invoice(number).await),
        "Check_invoiceOrder" => text(paynow.check_order(&o).await),
        "Invoice_Info" => text(paynow.info(number).await),
        "Invoice_Info_orderno" => text(paynow.info_by_order(&o).await),
        "Get_InvoiceURL_I" => text(paynow.invoice_url(number).await),
        "Get_InvoiceURL_O" => text(paynow.invoice_url_by_order(&o).await),
        "Sel_Allowance" => text(paynow.allowance(allowance_no).await),
        "Sel_Allowance_body" => text(paynow.allowance_lines(allowance_no).await),
        other => panic!("not a query: {other}"),
    }
}

const QUERIES: [&str; 9] = [
    "Invoice_PatchData_Check",
    "Check_invoice",
    "Check_invoiceOrder",
    "Invoice_Info",
    "Invoice_Info_orderno",
    "Get_InvoiceURL_I",
    "Get_InvoiceURL_O",
    "Sel_Allowance",
    "Sel_Allowance_body",
];

#[tokio::test]
async fn queries_retry_transient_failures() {
    bounded(async {
        let mock = start().await;
        for version in VERSIONS {
            let paynow = facade(&mock, version);
            let order_no = format!("QR-{version:?}");
            let number = paynow
                .issue(&invoice(&order_no, &[100]))
                .await
                .unwrap()
                .invoice_number;
            let allowance_no = mock
                .state()
                .add_allowance(
                    number.as_str(),
                    vec![paynow_mock::AllowanceLine::new("退貨", 10.into())],
                )
                .unwrap();
            for (q, operation) in QUERIES.into_iter().enumerate() {
                let ask = || query(&paynow, operation, &number, &order_no, &allowance_no);
                let expected = ask()
                    .await
                    .unwrap_or_else(|e| panic!("{version} {operation}: {e}"));
                let context = format!("{version} {operation}");

                // Two 500s, three attempts allowed: the third answers.
                let before = mock.state().requests(operation);
                mock.faults().inject(
                    FaultRule::new(FaultKind::empty_500())
                        .on(operation)
                        .times(2),
                );
                assert_eq!(ask().await.unwrap(), expected, "{context}");
                assert_eq!(mock.state().requests(operation) - before, 3, "{context}");

                // A timeout (on every third query, to keep the test fast) or a cut answer,
                // then an IIS page, then success.
                let before = mock.state().requests(operation);
                let first = if q % 3 == 0 {
                    FaultKind::Delay(BEYOND_TIMEOUT)
                } else {
                    FaultKind::TruncateAfterCommit
                };
                mock.faults().inject(FaultRule::new(first).on(operation));
                mock.faults()
                    .inject(FaultRule::new(FaultKind::iis_500()).on(operation));
                assert_eq!(ask().await.unwrap(), expected, "{context}");
                assert_eq!(mock.state().requests(operation) - before, 3, "{context}");

                // Three 500s: the attempts run out; the last error comes back.
                let before = mock.state().requests(operation);
                mock.faults().inject(
                    FaultRule::new(FaultKind::empty_500())
                        .on(operation)
                        .times(3),
                );
                match ask().await {
                    Err(Error::Soap(SoapError::HttpStatus { status: 500, .. })) => {}
                    other => panic!("{context}: {other:?}"),
                }
                assert_eq!(mock.state().requests(operation) - before, 3, "{context}");
                assert_eq!(mock.faults().pending(), 0, "{context}");
            }
        }
        assert_eq!(mock.state().invoices().len(), 2, "queries issue nothing");
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn one_attempt_means_no_retry() {
    bounded(async {
        let mock = start().await;
        let mut config = config(&mock, SoapVersion::Soap11);
        config.retry = RetryPolicy {
            max_attempts: 1,
            base_delay: Duration::from_millis(5),
        };
        let paynow = facade_with(config);
        mock.faults()
            .inject(FaultRule::new(FaultKind::empty_500()).on("Check_invoice"));
        let number = InvoiceNumber::parse("AA00000001").unwrap();
        assert!(matches!(
            paynow.check_invoice(&number).await,
            Err(Error::Soap(SoapError::HttpStatus { status: 500, .. }))
        ));
        assert_eq!(mock.state().requests("Check_invoice"), 1);
        assert_eq!(
            paynow.check_invoice(&number).await.unwrap(),
            LookupResult::NotFound
        );

        // Issuing with one attempt: a lost answer is still reconciled, never resent.
        mock.faults()
            .inject(FaultRule::new(FaultKind::DropAfterCommit).on(UPLOAD));
        let issued = paynow.issue(&invoice("ONE-1", &[5])).await.unwrap();
        assert!(issued.adopted);
        mock.faults()
            .inject(FaultRule::new(FaultKind::empty_500()).on(UPLOAD));
        let error = paynow.issue(&invoice("ONE-2", &[5])).await.unwrap_err();
        assert_issue_outcome_unknown(&error, &["ONE-2".to_owned()]);
        assert_eq!(mock.state().requests(UPLOAD), 2);
        assert_eq!(mock.state().issued_count("ONE-1"), 1);
        assert_eq!(mock.state().issued_count("ONE-2"), 0);
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn unreadable_answers_and_server_faults_are_reconciled_before_anything_else() {
    bounded(async {
        let mock = start_allowing_duplicates().await;
        for version in VERSIONS {
            let paynow = facade(&mock, version);

            // A 200 HTML page (a proxy's or a custom error page): the upload may have run;
            // reconciled, found not issued, sent again: exactly once.
            let order_no = format!("PX-{version:?}");
            let uploads = mock.state().requests(UPLOAD);
            mock.faults()
                .inject(FaultRule::new(FaultKind::HtmlErrorPage { status: 200 }).on(UPLOAD));
            let issued = paynow.issue(&invoice(&order_no, &[70])).await.unwrap();
            assert!(!issued.adopted);
            assert_eq!(mock.state().issued_count(&order_no), 1);
            assert_eq!(mock.state().requests(UPLOAD) - uploads, 2);

            // A server fault on CancelInvoice_I: Invoice_Info is asked; still issued, so the
            // fault is the answer, and the void is not sent again.
            let number = issued.invoice_number;
            let (cancels, infos) = (
                mock.state().requests("CancelInvoice_I"),
                mock.state().requests("Invoice_Info"),
            );
            mock.faults()
                .inject(FaultRule::new(FaultKind::server_fault()).on("CancelInvoice_I"));
            match paynow.void(&number).await {
                Err(Error::Soap(SoapError::Fault { fault, status: 500 })) => {
                    assert!(fault.reason.contains("Server was unable"), "{fault:?}");
                }
                other => panic!("{version}: {other:?}"),
            }
            assert_eq!(mock.state().requests("CancelInvoice_I") - cancels, 1);
            assert_eq!(mock.state().requests("Invoice_Info") - infos, 1);
            assert_eq!(
                mock.state().status(number.as_str()),
                Some(InvoiceStatus::Issued)
            );
            // And voiding then works, once.
            assert!(!paynow.void(&number).await.unwrap().adopted);
            assert_eq!(
                mock.state().status(number.as_str()),
                Some(InvoiceStatus::Voided)
            );
        }
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn void_object_with_a_lost_answer_is_an_unknown_outcome_not_a_failure() {
    bounded(async {
        let mock = start().await;
        for version in VERSIONS {
            let paynow = facade(&mock, version);
            for (k, fault) in [
                FaultKind::DropAfterCommit,
                FaultKind::TruncateAfterCommit,
                FaultKind::empty_500(),
                FaultKind::server_fault(),
            ]
            .into_iter()
            .enumerate()
            {
                let context = format!("{version} {fault:?}");
                let commits = fault.commits();
                let number = paynow
                    .issue(&invoice(&format!("VO-{version:?}-{k}"), &[90]))
                    .await
                    .unwrap()
                    .invoice_number;
                mock.faults()
                    .inject(FaultRule::new(fault).on("CancelInvoice"));
                let object = paynow_einvoice::generated::Invoice {
                    mem_cid: Some(MEM_CID.into()),
                    invoice_number: Some(number.as_str().into()),
                    ..Default::default()
                };
                let error = paynow.void_object(object.clone()).await.unwrap_err();
                match &error {
                    Error::OutcomeUnknown {
                        operation,
                        subject,
                        reconcile,
                        ..
                    } => {
                        assert_eq!(*operation, "CancelInvoice", "{context}");
                        assert_eq!(subject, number.as_str(), "{context}");
                        assert!(reconcile.contains("info"), "{context}: {error}");
                    }
                    other => panic!("{context}: {other:?}"),
                }
                // Following the advice.
                let info = paynow.info(&number).await.unwrap();
                if commits {
                    assert_eq!(info, InvoiceInfo::Voided, "{context}");
                    assert!(matches!(
                        paynow.void_object(object).await,
                        Err(Error::Rejected { .. })
                    ));
                } else {
                    assert!(
                        matches!(info, InvoiceInfo::Issued { .. }),
                        "{context}: {info:?}"
                    );
                    assert!(paynow.void_object(object).await.unwrap().return_status);
                }
                assert_eq!(
                    mock.state().status(number.as_str()),
                    Some(InvoiceStatus::Voided)
                );
            }
        }
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn paynows_own_maintenance_answer_never_issues_and_is_an_error() {
    bounded(async {
        // The merchant's clock says 10:00, PayNow's 04:00 (clocks disagree): PayNow's
        // suspended-service answer (503) comes back as errors; nothing is issued.
        let mock = start_with(
            mock_config()
                .maintenance_window(true)
                .now(paynow_mock::TaiwanTime::new(2025, 3, 10, 4, 0, 0).unwrap()),
        )
        .await;
        for version in VERSIONS {
            let paynow = facade(&mock, version);
            let order_no = format!("MW-{version:?}");
            let error = paynow.issue(&invoice(&order_no, &[10])).await.unwrap_err();
            assert_issue_outcome_unknown(&error, std::slice::from_ref(&order_no));
            assert_eq!(mock.state().issued_count(&order_no), 0);
            match paynow
                .check_invoice(&InvoiceNumber::parse("AA00000001").unwrap())
                .await
            {
                Err(Error::Soap(error)) => assert!(error.outcome_unknown(), "{error:?}"),
                other => panic!("{version}: {other:?}"),
            }
        }
        assert!(mock.state().invoices().is_empty());
        mock.shutdown().await;
    })
    .await;
}
