//! What the client and the facade trace, seen by a capturing subscriber: one `soap.call`
//! span per call with its fields, bodies only when asked for, the facade's retries and
//! reconciliation as events, and never the password.

mod support;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use paynow_einvoice::facade::{Config, Credentials, Environment, PayNow, RetryPolicy};
use paynow_einvoice::generated::{CheckInvoice, InvoicePatchDataCheck, PayNowEInvoiceClient};
use paynow_mock::{FaultKind, FaultRule, MockConfig, MockServer, TaiwanTime};
use soap_runtime::{ClientConfig, SoapVersion};
use support::{MockAsmx, Reply, asmx_envelope};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// A span or event as captured: its name (for an event, its message) and fields as text.
#[derive(Debug, Clone, Default)]
struct Captured {
    name: String,
    target: String,
    fields: BTreeMap<String, String>,
}

impl Captured {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
}

impl Visit for Captured {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.fields
            .insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.fields
            .insert(field.name().to_owned(), value.to_owned());
    }
}

/// Records every span (with the fields recorded later) and every event.
#[derive(Default, Clone)]
struct Capture {
    spans: Arc<Mutex<Vec<Captured>>>,
    events: Arc<Mutex<Vec<Captured>>>,
}

impl Capture {
    fn spans(&self, name: &str) -> Vec<Captured> {
        let spans = self.spans.lock().unwrap();
        spans.iter().filter(|s| s.name == name).cloned().collect()
    }

    fn events(&self) -> Vec<Captured> {
        self.events.lock().unwrap().clone()
    }

    /// Every recorded value, spans and events.
    fn all_text(&self) -> String {
        let spans = self.spans.lock().unwrap().clone();
        spans
            .iter()
            .chain(self.events().iter())
            .flat_map(|c| c.fields.values().cloned())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let mut span = Captured {
            name: attributes.metadata().name().to_owned(),
            target: attributes.metadata().target().to_owned(),
            ..Captured::default()
        };
        attributes.record(&mut span);
        let mut spans = self.spans.lock().unwrap();
        spans.push(span);
        Id::from_u64(spans.len() as u64)
    }

    fn record(&self, id: &Id, values: &Record<'_>) {
        let mut spans = self.spans.lock().unwrap();
        values.record(&mut spans[id.into_u64() as usize - 1]);
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut captured = Captured {
            target: event.metadata().target().to_owned(),
            ..Captured::default()
        };
        event.record(&mut captured);
        captured.name = captured.field("message").unwrap_or_default().to_owned();
        self.events.lock().unwrap().push(captured);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// Runs `test` on a current-thread runtime with `capture` as the thread's subscriber, so
/// that every span of the calls (and of nothing else) is captured.
fn with_capture<F: std::future::Future>(capture: &Capture, test: impl FnOnce() -> F) -> F::Output {
    let _guard = tracing::subscriber::set_default(capture.clone());
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(test())
}

fn check_invoice() -> CheckInvoice {
    CheckInvoice {
        mem_cid: Some("70828783".into()),
        invoice_no: Some("AB12345678".into()),
    }
}

#[test]
fn each_call_has_a_span_with_its_fields() {
    let capture = Capture::default();
    let (request_len, response_len, port) = with_capture(&capture, || async {
        let version = SoapVersion::Soap12;
        let reply = Reply::result(version, "Check_invoice", "S,AB12345678");
        let response_len = reply.body().len();
        let server = MockAsmx::answering(version, reply).await;
        let client =
            PayNowEInvoiceClient::new(ClientConfig::new(server.url(), version)).expect("a client");
        client
            .check_invoice(&check_invoice())
            .await
            .expect("an answer");
        let port = server
            .url()
            .split(':')
            .nth(2)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_owned();
        (
            server.single_request("Check_invoice").body.len(),
            response_len,
            port,
        )
    });

    let [span] = &capture.spans("soap.call")[..] else {
        panic!("one soap.call span: {:?}", capture.spans("soap.call"));
    };
    assert_eq!(span.field("service"), Some("PayNowEInvoice"));
    assert_eq!(span.field("operation"), Some("Check_invoice"));
    assert_eq!(span.field("soap.version"), Some("1.2"));
    assert_eq!(span.field("server.address"), Some("127.0.0.1"));
    assert_eq!(span.field("server.port"), Some(port.as_str()));
    assert_eq!(span.field("http.status"), Some("200"));
    assert_eq!(
        span.field("request.bytes"),
        Some(request_len.to_string().as_str())
    );
    assert_eq!(
        span.field("response.bytes"),
        Some(response_len.to_string().as_str())
    );
    assert_eq!(span.field("outcome"), Some("ok"));
    let duration: u64 = span
        .field("duration_us")
        .expect("a duration")
        .parse()
        .unwrap();
    assert!(duration > 0);
    // Bodies are not traced unless asked for.
    assert!(
        capture
            .events()
            .iter()
            .all(|e| e.target != "soap_runtime::body"),
        "{:?}",
        capture.events()
    );
}

#[test]
fn a_fault_is_the_outcome_of_its_span() {
    let capture = Capture::default();
    with_capture(&capture, || async {
        let version = SoapVersion::Soap11;
        let fault = asmx_envelope(
            version,
            "<soap:Fault><faultcode>soap:Server</faultcode><faultstring>boom</faultstring></soap:Fault>",
        );
        let server = MockAsmx::answering(version, Reply::soap(version, 500, fault)).await;
        let client =
            PayNowEInvoiceClient::new(ClientConfig::new(server.url(), version)).expect("a client");
        client
            .check_invoice(&check_invoice())
            .await
            .expect_err("a fault");
    });

    let [span] = &capture.spans("soap.call")[..] else {
        panic!("one soap.call span");
    };
    assert_eq!(span.field("http.status"), Some("500"));
    assert_eq!(span.field("outcome"), Some("fault"));
    assert_eq!(span.field("soap.version"), Some("1.1"));
}

#[test]
fn bodies_are_traced_only_when_asked_for() {
    let capture = Capture::default();
    with_capture(&capture, || async {
        let version = SoapVersion::Soap11;
        let server = MockAsmx::answering(
            version,
            Reply::result(version, "Check_invoice", "S,AB12345678"),
        )
        .await;
        let config = ClientConfig::new(server.url(), version).trace_bodies(true);
        let client = PayNowEInvoiceClient::new(config).expect("a client");
        client
            .check_invoice(&check_invoice())
            .await
            .expect("an answer");
    });

    let bodies: Vec<Captured> = capture
        .events()
        .into_iter()
        .filter(|e| e.target == "soap_runtime::body")
        .collect();
    assert_eq!(bodies.len(), 2, "{bodies:?}");
    assert!(
        bodies[0]
            .field("request")
            .unwrap()
            .contains("<InvoiceNo>AB12345678</InvoiceNo>")
    );
    assert!(
        bodies[1]
            .field("response")
            .unwrap()
            .contains("S,AB12345678")
    );
}

#[test]
fn a_traced_request_masks_the_password_by_type_and_the_wire_carries_it() {
    let capture = Capture::default();
    let wire = with_capture(&capture, || async {
        let version = SoapVersion::Soap12;
        let server = MockAsmx::answering(
            version,
            Reply::result(version, "Invoice_PatchData_Check", "S"),
        )
        .await;
        let config = ClientConfig::new(server.url(), version).trace_bodies(true);
        let client = PayNowEInvoiceClient::new(config).expect("a client");
        let request = InvoicePatchDataCheck {
            mem_cid: Some(MEM_CID.into()),
            mem_password: Some(MEM_PASSWORD.into()),
            csv_str: Some("J09SRDEs".into()),
        };
        client
            .invoice_patch_data_check(&request)
            .await
            .expect("an answer");
        server.single_request("Invoice_PatchData_Check")
    });

    // What was sent carries the password itself.
    assert_eq!(wire.field("mem_password").as_deref(), Some(MEM_PASSWORD));
    let traced = capture
        .events()
        .into_iter()
        .find_map(|e| e.field("request").map(str::to_owned))
        .expect("a traced request");
    // The trace is the same request, with the password written as the mask.
    let expected = String::from_utf8_lossy(&wire.body).replace(
        &format!(">{MEM_PASSWORD}<"),
        &format!(">{}<", soap_runtime::MASK),
    );
    assert_eq!(traced, expected);
    assert!(traced.contains(&format!("<mem_cid>{MEM_CID}</mem_cid>")));
    assert!(traced.contains("<csvStr>J09SRDEs</csvStr>"));
    assert!(!capture.all_text().contains(MEM_PASSWORD));
}

const MEM_CID: &str = "12345675";
const MEM_PASSWORD: &str = "tracing-secret-7f3a";

async fn mock() -> MockServer {
    let config =
        MockConfig::new(MEM_CID, MEM_PASSWORD).now(TaiwanTime::new(2025, 3, 10, 10, 0, 0).unwrap());
    MockServer::start(config).await.expect("the mock starts")
}

fn facade(mock: &MockServer) -> PayNow {
    let mut config = Config::new(
        Credentials {
            mem_cid: MEM_CID.into(),
            mem_password: MEM_PASSWORD.into(),
        },
        // The password also in the URL's user info: it must not reach a trace either.
        Environment::Custom(mock.url().replacen(
            "http://",
            &format!("http://u:{MEM_PASSWORD}@"),
            1,
        )),
        SoapVersion::Soap12,
    );
    config.retry = RetryPolicy {
        max_attempts: 3,
        base_delay: std::time::Duration::from_millis(1),
    };
    config.clock = Arc::new(Clock);
    PayNow::new(config).expect("a facade")
}

/// 2025-03-10 10:00 Taiwan time, outside the maintenance window.
struct Clock;

impl paynow_einvoice::facade::Clock for Clock {
    fn now(&self) -> std::time::SystemTime {
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_741_536_000 + 10 * 3600)
    }
}

#[test]
fn the_facade_traces_retries_and_reconciliation_and_never_the_password() {
    let capture = Capture::default();
    with_capture(&capture, || async {
        let mock = mock().await;
        let paynow = facade(&mock);
        let invoice = paynow_einvoice::samples::consumer_invoice("TRACE-1", &[100]);
        // The upload commits but its answer is lost: the facade reconciles.
        mock.faults()
            .inject(FaultRule::new(FaultKind::DropAfterCommit).on("UploadInvoice_Patch"));
        let issued = paynow
            .issue(&invoice)
            .await
            .expect("issued, by reconciling");
        assert!(issued.adopted);
        // A query fails once with a 503: the facade retries.
        mock.faults().inject(
            FaultRule::new(FaultKind::HttpStatus {
                status: 503,
                body: String::new(),
            })
            .on("Check_invoice"),
        );
        paynow
            .check_invoice(&issued.invoice_number)
            .await
            .expect("found on the second attempt");
    });

    let events = capture.events();
    let reconciling = events
        .iter()
        .find(|e| e.name.starts_with("reconciling"))
        .expect("a reconciliation event");
    assert_eq!(reconciling.field("operation"), Some("UploadInvoice_Patch"));
    assert_eq!(reconciling.field("orders"), Some("1"));
    let reconciled = events
        .iter()
        .find(|e| e.name.starts_with("reconciled"))
        .expect("a reconciled event");
    assert_eq!(reconciled.field("adopted"), Some("1"));
    let retry = events
        .iter()
        .find(|e| e.name.starts_with("retrying"))
        .expect("a retry event");
    assert_eq!(retry.field("operation"), Some("Check_invoice"));
    assert_eq!(retry.field("attempt"), Some("1"));
    assert!(retry.field("error").unwrap().contains("503"));

    let calls = capture.spans("soap.call");
    let outcomes: Vec<(&str, &str)> = calls
        .iter()
        .map(|s| (s.field("operation").unwrap(), s.field("outcome").unwrap()))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("UploadInvoice_Patch", "transport"),
            // Reconciling: the order is found, PayNow's invoice compared with what was
            // sent (header, then line items), and the credentials confirmed.
            ("Check_invoiceOrder", "ok"),
            ("SelectInvoice", "ok"),
            ("Sel_Invoice_body_mem_cid", "ok"),
            ("Invoice_PatchData_Check", "ok"),
            ("Check_invoice", "http_status"),
            ("Check_invoice", "ok"),
        ]
    );
    assert!(!capture.all_text().contains(MEM_PASSWORD));
}
