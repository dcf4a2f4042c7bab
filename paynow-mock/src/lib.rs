//! A mock of the PayNow (立吉富) Taiwan e-invoice SOAP service, so that clients can be
//! built and tested without PayNow credentials (PayNow has no public test account).
//!
//! [`MockServer`] is a real HTTP server (axum on tokio) that serves the service's WSDL,
//! SOAP 1.1, SOAP 1.2 and ASMX "HTTP POST", and implements all 18 operations statefully in
//! memory, answering in PayNow's string formats. Tests read and arrange its
//! [`MockState`] (issued invoices, allowances, the clock, request counts) and inject
//! [`Faults`]: dropped connections after the change is committed, cut answers, delays,
//! HTTP errors, SOAP faults, IIS error pages and the daily maintenance answer.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use paynow_einvoice::generated::{CheckInvoice, PayNowEInvoiceClient};
//! use paynow_mock::{FaultKind, FaultRule, MockConfig, MockServer};
//! use soap_runtime::{ClientConfig, SoapVersion};
//!
//! let mock = MockServer::start(MockConfig::new("12345675", "secret")).await?;
//! let client = PayNowEInvoiceClient::new(ClientConfig::new(mock.url(), SoapVersion::Soap11))?;
//! mock.faults().inject(FaultRule::new(FaultKind::Maintenance).on("Check_invoice"));
//! let answer = client
//!     .check_invoice(&CheckInvoice { mem_cid: Some("12345675".into()), invoice_no: Some("AB12345678".into()) })
//!     .await;
//! assert!(answer.is_err()); // 503: the service is suspended
//! mock.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! The binary `paynow-mock` runs one from the command line (`--listen`, `--mem-cid`,
//! `--mem-password`).
//!
//! Where PayNow's behaviour is undocumented, the mock makes assumptions; they are listed
//! in [`messages`] (error texts) and [`operations`] (result formats, `折讓` numbers), and
//! in [`FaultKind`] (what each fault looks like on the wire).

#![deny(missing_docs)]

pub mod clock;
mod config;
mod faults;
mod http;
mod http_post;
mod limits;
pub mod messages;
pub mod operations;
mod pages;
mod server;
mod soap;
mod state;
mod wsdl;

pub use clock::{Period, TaiwanTime};
pub use config::{DEFAULT_MEM_CID, DEFAULT_MEM_PASSWORD, MockConfig};
pub use faults::{FaultKind, FaultRule, Faults};
pub use limits::ServerLimits;
pub use operations::invoice_page_url;
pub use server::MockServer;
pub use state::{
    AllowanceLine, AllowanceRecord, InvoiceRecord, InvoiceStatus, MockState, StateError,
};
pub use wsdl::WSDL;

/// The path of the service, as on PayNow's hosts.
pub const ENDPOINT_PATH: &str = "/PayNowEInvoice.asmx";

/// The WSDL names of the 18 operations the mock implements.
pub const OPERATIONS: [&str; 18] = [
    "Invoice_PatchData_Check",
    "UploadInvoice_Patch",
    "CancelInvoice",
    "CancelInvoice_I",
    "Check_invoice",
    "Check_invoiceOrder",
    "Invoice_Info",
    "Invoice_Info_orderno",
    "Get_InvoiceURL_I",
    "Get_InvoiceURL_O",
    "Sel_Allowance",
    "Sel_Allowance_body",
    "SelectInvoice",
    "Sel_Invoice_body_mem_cid",
    "Sel_AllowanceData",
    "CancelInvoice_S",
    "getInvoiceTrackList",
    "GetInvoiceNumber_ParamIntUUID",
];
