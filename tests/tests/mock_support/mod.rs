//! Shared by the `mock_*` tests: a running `paynow-mock` with a fixed clock, clients for
//! its three bindings (SOAP 1.1, SOAP 1.2 through the generated client; HTTP POST through
//! reqwest), and batches built with the domain's CSV encoder.

#![allow(dead_code)] // each test file uses a different part

use std::time::Duration;

use paynow_einvoice::domain::{Invoice, encode_batch};
use paynow_einvoice::generated::*;
use paynow_mock::{MockConfig, MockServer, TaiwanTime};
use soap_runtime::{ClientConfig, FromXml, Limits, SoapVersion, XmlReader};

/// The merchant the mock accepts.
pub const MEM_CID: &str = "12345675";
/// Its password.
pub const MEM_PASSWORD: &str = "mock-secret";
/// The time the mock's clock is stopped at: within the Mar–Apr 2025 period.
pub const NOW: (i32, u8, u8, u8, u8, u8) = (2025, 3, 10, 10, 0, 0);
/// The longest any single call may take in these tests.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// Both SOAP versions.
pub const VERSIONS: [SoapVersion; 2] = [SoapVersion::Soap11, SoapVersion::Soap12];

/// The mock's configuration in these tests: our merchant, a fixed clock.
pub fn config() -> MockConfig {
    let (y, mo, d, h, mi, s) = NOW;
    MockConfig::new(MEM_CID, MEM_PASSWORD)
        .now(TaiwanTime::new(y, mo, d, h, mi, s).expect("a real date"))
}

/// A mock on 127.0.0.1 with [`config`].
pub async fn start() -> MockServer {
    MockServer::start(config())
        .await
        .expect("the mock starts on 127.0.0.1")
}

/// The generated client for the mock, speaking `version`.
pub fn soap_client(mock: &MockServer, version: SoapVersion) -> PayNowEInvoiceClient {
    soap_client_with_timeout(mock, version, CALL_TIMEOUT)
}

/// The generated client with its own timeout.
pub fn soap_client_with_timeout(
    mock: &MockServer,
    version: SoapVersion,
    timeout: Duration,
) -> PayNowEInvoiceClient {
    PayNowEInvoiceClient::new(ClientConfig::new(mock.url(), version).timeout(timeout))
        .expect("a client")
}

/// A plain HTTP client for 127.0.0.1 (no proxy).
pub fn http() -> reqwest::Client {
    soap_runtime::http_client_builder()
        .no_proxy()
        .timeout(CALL_TIMEOUT)
        .build()
        .expect("an HTTP client")
}

/// A consumer invoice for `order_no`, e-mailed, one taxable line per amount.
pub fn invoice(order_no: &str, amounts: &[i64]) -> Invoice {
    paynow_einvoice::samples::consumer_invoice(order_no, amounts)
}

/// The `csvStr` of these invoices.
pub fn csv_str(invoices: &[Invoice]) -> String {
    encode_batch(invoices).expect("valid invoices")
}

/// The `csvStr` of one invoice of one line.
pub fn one_invoice(order_no: &str, amount: i64) -> String {
    csv_str(&[invoice(order_no, &[amount])])
}

/// An HTTP answer: status, content type, body.
#[derive(Debug)]
pub struct HttpAnswer {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

/// POSTs form `params` to `<url>/<operation>` (the ASMX HTTP POST binding).
pub async fn post_form(url: &str, operation: &str, params: &[(&str, &str)]) -> HttpAnswer {
    let body = form_body(params);
    let response = http()
        .post(format!("{url}/{operation}"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("the mock answers");
    answer(response).await
}

/// Turns a reqwest response into an [`HttpAnswer`].
pub async fn answer(response: reqwest::Response) -> HttpAnswer {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response.text().await.expect("a text body");
    HttpAnswer {
        status,
        content_type,
        body,
    }
}

fn form_body(params: &[(&str, &str)]) -> String {
    fn encode(text: &str) -> String {
        text.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    char::from(b).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }
    params
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Reads a bare HTTP POST answer document whose root is `T` (`<Allowance>`), or the text
/// of `<string>`.
pub fn read_document<T: FromXml>(body: &str) -> T {
    let mut reader = XmlReader::new(body.as_bytes(), Limits::default()).expect("XML");
    let root = reader.root().expect("a root element");
    reader.read_complex(root).expect("the document decodes")
}

/// The text of a `<string xmlns="https://invoice.PayNow.com.tw/">` answer.
pub fn read_string(body: &str) -> String {
    let mut reader = XmlReader::new(body.as_bytes(), Limits::default()).expect("XML");
    let root = reader.root().expect("a root element");
    assert!(
        reader.has_name(&root, TARGET_NAMESPACE, "string"),
        "not a <string>: {body}"
    );
    reader.read_text(&root).expect("text").into_owned()
}

/// The mock's three bindings.
#[derive(Debug, Clone, Copy)]
pub enum Binding {
    /// SOAP, in this version.
    Soap(SoapVersion),
    /// ASMX HTTP POST.
    HttpPost,
}

/// SOAP 1.1, SOAP 1.2 and HTTP POST.
pub const BINDINGS: [Binding; 3] = [
    Binding::Soap(SoapVersion::Soap11),
    Binding::Soap(SoapVersion::Soap12),
    Binding::HttpPost,
];

/// A client of one of the mock's bindings, called with the HTTP POST parameter names.
pub enum Api {
    /// SOAP 1.1 or 1.2 through the generated client.
    Soap(PayNowEInvoiceClient),
    /// ASMX HTTP POST at this endpoint.
    HttpPost(String),
}

impl Api {
    /// A client of `mock` through `binding`.
    pub fn new(mock: &MockServer, binding: Binding) -> Self {
        match binding {
            Binding::Soap(version) => Api::Soap(soap_client(mock, version)),
            Binding::HttpPost => Api::HttpPost(mock.url().to_owned()),
        }
    }

    /// Clients of `mock` through each binding.
    pub fn all(mock: &MockServer) -> [Api; 3] {
        BINDINGS.map(|binding| Api::new(mock, binding))
    }

    /// A name for messages.
    pub fn name(&self) -> String {
        match self {
            Api::Soap(client) => client.inner().config().version.to_string(),
            Api::HttpPost(_) => "HTTP POST".into(),
        }
    }

    /// Calls a string-answering operation and returns its result text.
    pub async fn call(&self, operation: &str, params: &[(&str, &str)]) -> String {
        let client = match self {
            Api::HttpPost(url) => {
                let answer = post_form(url, operation, params).await;
                assert_eq!(answer.status, 200, "{operation}: {answer:?}");
                assert_eq!(answer.content_type, "text/xml; charset=utf-8");
                assert!(answer.body.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<string xmlns=\"https://invoice.PayNow.com.tw/\">"), "{}", answer.body);
                return read_string(&answer.body);
            }
            Api::Soap(client) => client,
        };
        let p = |name: &str| {
            params
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        };
        let result = match operation {
            "Invoice_PatchData_Check" => client
                .invoice_patch_data_check(&InvoicePatchDataCheck {
                    mem_cid: p("mem_cid"),
                    mem_password: p("mem_password").map(Into::into),
                    csv_str: p("csvStr"),
                })
                .await
                .map(|r| r.invoice_patch_data_check_result),
            "UploadInvoice_Patch" => client
                .upload_invoice_patch(&UploadInvoicePatch {
                    mem_cid: p("mem_cid"),
                    mem_password: p("mem_password").map(Into::into),
                    csv_str: p("csvStr"),
                })
                .await
                .map(|r| r.upload_invoice_patch_result),
            "CancelInvoice_I" => client
                .cancel_invoice_i(&CancelInvoiceI {
                    mem_cid: p("mem_cid"),
                    invoice_no: p("InvoiceNo"),
                })
                .await
                .map(|r| r.cancel_invoice_i_result),
            "Check_invoice" => client
                .check_invoice(&CheckInvoice {
                    mem_cid: p("mem_cid"),
                    invoice_no: p("InvoiceNo"),
                })
                .await
                .map(|r| r.check_invoice_result),
            "Check_invoiceOrder" => client
                .check_invoice_order(&CheckInvoiceOrder {
                    mem_cid: p("mem_cid"),
                    orderno: p("orderno"),
                })
                .await
                .map(|r| r.check_invoice_order_result),
            "Invoice_Info" => client
                .invoice_info(&InvoiceInfo {
                    mem_cid: p("mem_cid"),
                    invoice_no: p("InvoiceNo"),
                })
                .await
                .map(|r| r.invoice_info_result),
            "Invoice_Info_orderno" => client
                .invoice_info_orderno(&InvoiceInfoOrderno {
                    mem_cid: p("mem_cid"),
                    order_no: p("OrderNo"),
                })
                .await
                .map(|r| r.invoice_info_orderno_result),
            "Get_InvoiceURL_I" => client
                .get_invoice_url_i(&GetInvoiceUrlI {
                    mem_cid: p("mem_cid"),
                    invoice_no: p("InvoiceNo"),
                })
                .await
                .map(|r| r.get_invoice_url_i_result),
            "Get_InvoiceURL_O" => client
                .get_invoice_url_o(&GetInvoiceUrlO {
                    mem_cid: p("mem_cid"),
                    order_no: p("OrderNo"),
                })
                .await
                .map(|r| r.get_invoice_url_o_result),
            "Sel_Allowance_body" => client
                .sel_allowance_body(&SelAllowanceBody {
                    mem_cid: p("mem_cid"),
                    allowance_no: p("AllowanceNo"),
                })
                .await
                .map(|r| r.sel_allowance_body_result),
            other => panic!("no string operation {other}"),
        };
        result
            .unwrap_or_else(|e| panic!("{operation} over {}: {e}", self.name()))
            .unwrap_or_default()
    }

    /// Calls `Sel_Allowance`.
    pub async fn sel_allowance(&self, mem_cid: &str, allowance_no: &str) -> Allowance {
        match self {
            Api::HttpPost(url) => {
                let answer = post_form(
                    url,
                    "Sel_Allowance",
                    &[("mem_cid", mem_cid), ("AllowanceNo", allowance_no)],
                )
                .await;
                assert_eq!(answer.status, 200, "{answer:?}");
                read_document(&answer.body)
            }
            Api::Soap(client) => client
                .sel_allowance(&SelAllowance {
                    mem_cid: Some(mem_cid.into()),
                    allowance_no: Some(allowance_no.into()),
                })
                .await
                .expect("Sel_Allowance answers")
                .sel_allowance_result
                .unwrap_or_default(),
        }
    }

    /// Calls `UploadInvoice_Patch` as our merchant.
    pub async fn upload(&self, csv_str: &str) -> String {
        self.call(
            "UploadInvoice_Patch",
            &[
                ("mem_cid", MEM_CID),
                ("mem_password", MEM_PASSWORD),
                ("csvStr", csv_str),
            ],
        )
        .await
    }

    /// Calls an operation that takes `mem_cid` and one more parameter, as our merchant.
    pub async fn ask(&self, operation: &str, parameter: &str, value: &str) -> String {
        self.call(operation, &[("mem_cid", MEM_CID), (parameter, value)])
            .await
    }
}

/// Runs `future` under a deadline, so that no test can hang.
pub async fn bounded<F: std::future::Future>(future: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(60), future)
        .await
        .expect("the test finishes within 60 s")
}
