//! The client's HTTP controls against the fake ASMX service on loopback: gzipped answers,
//! the caller's own reqwest client (its settings are used, the configured timeout still
//! applies), and a bad endpoint refused when the client is made.

mod support;

use std::io::Write;
use std::time::Duration;

use flate2::Compression;
use flate2::write::GzEncoder;
use paynow_einvoice::generated::{CheckInvoice, PayNowEInvoiceClient};
use soap_runtime::reqwest::header::{HeaderMap, HeaderValue};
use soap_runtime::{ClientConfig, SoapError, SoapVersion, TransportErrorKind};
use support::{MockAsmx, Reply};

fn check_invoice() -> CheckInvoice {
    CheckInvoice {
        mem_cid: Some("70828783".into()),
        invoice_no: Some("AB12345678".into()),
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("gzip into memory");
    encoder.finish().expect("gzip into memory")
}

#[tokio::test]
async fn a_gzipped_answer_is_decompressed_and_decoded() {
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let plain = Reply::result(version, "Check_invoice", "S,AB12345678");
        let compressed = gzip(plain.body());
        assert_ne!(compressed.as_slice(), plain.body());
        let reply = Reply::soap(version, 200, compressed).with_header("Content-Encoding", "gzip");
        let server = MockAsmx::answering(version, reply).await;
        let client =
            PayNowEInvoiceClient::new(ClientConfig::new(server.url(), version)).expect("a client");

        let answer = client
            .check_invoice(&check_invoice())
            .await
            .expect("the gzipped answer decodes");

        assert_eq!(answer.check_invoice_result.as_deref(), Some("S,AB12345678"));
        let request = server.single_request("Check_invoice");
        assert!(
            request
                .header("Accept-Encoding")
                .is_some_and(|v| v.contains("gzip")),
            "the client offers gzip: {:?}",
            request.headers
        );
    }
}

#[tokio::test]
async fn the_callers_own_http_client_is_used() {
    let version = SoapVersion::Soap11;
    let server = MockAsmx::answering(
        version,
        Reply::result(version, "Check_invoice", "S,AB12345678"),
    )
    .await;
    let mut defaults = HeaderMap::new();
    defaults.insert("X-Deployment", HeaderValue::from_static("blue"));
    let http = soap_runtime::http_client_builder()
        .default_headers(defaults)
        .user_agent("billing-service/7")
        .build()
        .expect("an HTTP client");
    let config = ClientConfig::new(server.url(), version).http_client(http);
    let client = PayNowEInvoiceClient::new(config).expect("a client");

    let answer = client
        .check_invoice(&check_invoice())
        .await
        .expect("an answer");

    assert_eq!(answer.check_invoice_result.as_deref(), Some("S,AB12345678"));
    let request = server.single_request("Check_invoice");
    assert_eq!(request.header("X-Deployment"), Some("blue"));
    assert_eq!(request.header("User-Agent"), Some("billing-service/7"));
}

#[tokio::test]
async fn the_configured_timeout_applies_to_the_callers_client() {
    let version = SoapVersion::Soap11;
    let reply =
        Reply::result(version, "Check_invoice", "S,AB12345678").delayed(Duration::from_secs(5));
    let server = MockAsmx::answering(version, reply).await;
    // The caller's client has no timeout of its own.
    let http = soap_runtime::http_client_builder()
        .build()
        .expect("an HTTP client");
    let timeout = Duration::from_millis(200);
    let config = ClientConfig::new(server.url(), version)
        .timeout(timeout)
        .http_client(http);
    let client = PayNowEInvoiceClient::new(config).expect("a client");

    let error = client
        .check_invoice(&check_invoice())
        .await
        .expect_err("no answer within the timeout");

    assert!(
        matches!(error, SoapError::Timeout(t) if t == timeout),
        "{error:?}"
    );
}

#[test]
fn an_endpoint_that_is_not_an_http_url_is_refused_when_the_client_is_made() {
    for endpoint in ["not a url", "ftp://example.com/Service.asmx"] {
        let error = PayNowEInvoiceClient::new(ClientConfig::new(endpoint, SoapVersion::Soap11))
            .expect_err("no client for a bad endpoint");
        match error {
            SoapError::Transport {
                kind: TransportErrorKind::Setup,
                message,
            } => assert!(message.contains(endpoint), "{message}"),
            other => panic!("expected a setup error, got {other:?}"),
        }
    }
}
