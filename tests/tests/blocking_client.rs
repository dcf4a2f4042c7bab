//! The generated blocking client (paynow-einvoice's `blocking` feature) against
//! `paynow-mock` on loopback: the same operations from synchronous code, faults typed,
//! and a call from inside an async runtime (`spawn_blocking`) that still works.

use std::time::Duration;

use paynow_einvoice::generated::blocking::PayNowEInvoiceClient;
use paynow_einvoice::generated::{CheckInvoiceOrder, UploadInvoicePatch};
use paynow_mock::{FaultKind, FaultRule, MockConfig, MockServer, TaiwanTime};
use soap_runtime::{ClientConfig, SoapError, SoapVersion};

const MEM_CID: &str = "12345675";
const MEM_PASSWORD: &str = "blocking-secret";

/// The mock, served by its own runtime on a background thread for as long as the
/// returned runtime lives: the test itself stays synchronous.
fn mock() -> (tokio::runtime::Runtime, MockServer) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime for the mock");
    let config = MockConfig::new(MEM_CID, MEM_PASSWORD)
        .now(TaiwanTime::new(2025, 3, 10, 10, 0, 0).expect("a date"));
    let mock = runtime
        .block_on(MockServer::start(config))
        .expect("the mock starts");
    (runtime, mock)
}

fn client(mock: &MockServer, version: SoapVersion) -> PayNowEInvoiceClient {
    let config = ClientConfig::new(mock.url(), version).timeout(Duration::from_secs(10));
    PayNowEInvoiceClient::new(config).expect("a blocking client")
}

fn upload(order_no: &str) -> UploadInvoicePatch {
    let invoice = paynow_einvoice::samples::consumer_invoice(order_no, &[120]);
    UploadInvoicePatch {
        mem_cid: Some(MEM_CID.into()),
        mem_password: Some(MEM_PASSWORD.into()),
        csv_str: Some(paynow_einvoice::domain::encode_batch(&[invoice]).expect("valid")),
    }
}

fn check_order(order_no: &str) -> CheckInvoiceOrder {
    CheckInvoiceOrder {
        mem_cid: Some(MEM_CID.into()),
        orderno: Some(order_no.into()),
    }
}

#[test]
fn the_blocking_client_issues_and_looks_up_in_both_versions() {
    let (_runtime, mock) = mock();
    for (version, order) in [
        (SoapVersion::Soap11, "SYNC-11"),
        (SoapVersion::Soap12, "SYNC-12"),
    ] {
        let client = client(&mock, version);

        let answer = client
            .upload_invoice_patch(&upload(order))
            .expect("an answer");
        let result = answer.upload_invoice_patch_result.expect("a result");
        assert!(result.starts_with('S'), "issued: {result}");

        let found = client
            .check_invoice_order(&check_order(order))
            .expect("an answer")
            .check_invoice_order_result
            .expect("a result");
        assert!(found.starts_with("S,"), "found: {found}");
        assert_eq!(
            mock.state().requests("UploadInvoice_Patch"),
            match version {
                SoapVersion::Soap11 => 1,
                SoapVersion::Soap12 => 2,
            }
        );
    }
}

#[test]
fn a_fault_comes_back_typed_from_the_blocking_client() {
    let (_runtime, mock) = mock();
    mock.faults()
        .inject(FaultRule::new(FaultKind::server_fault()).on("Check_invoiceOrder"));
    let client = client(&mock, SoapVersion::Soap11);

    let error = client
        .check_invoice_order(&check_order("SYNC-F"))
        .expect_err("the injected fault");

    assert!(
        matches!(error, SoapError::Fault { status: 500, .. }),
        "{error:?}"
    );
}

#[test]
fn the_blocking_client_works_from_inside_an_async_runtime() {
    let (runtime, mock) = mock();
    let client = client(&mock, SoapVersion::Soap12);
    // A blocking section of an async program: tokio would refuse to start the client's
    // runtime on this thread, so the client waits on a helper thread.
    let answer = runtime
        .block_on(async move {
            tokio::task::spawn_blocking(move || {
                client.check_invoice_order(&check_order("SYNC-NONE"))
            })
            .await
        })
        .expect("the blocking task ends")
        .expect("an answer");
    let result = answer.check_invoice_order_result.expect("a result");
    assert!(
        !result.starts_with("S,"),
        "no invoice for this order: {result}"
    );
}
