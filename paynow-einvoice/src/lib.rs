//! Typed client for the PayNow (立吉富) Taiwan e-invoice SOAP service, generated at build
//! time from `wsdl/PayNowEInvoice.wsdl` by `soap-codegen`, speaking SOAP 1.1 or 1.2.
//!
//! ```no_run
//! # async fn run() -> Result<(), soap_runtime::SoapError> {
//! use paynow_einvoice::generated::{CheckInvoice, PayNowEInvoiceClient};
//! use soap_runtime::{ClientConfig, SoapVersion};
//!
//! let client = PayNowEInvoiceClient::new(ClientConfig::new(
//!     "https://testinvoice.paynow.com.tw/PayNowEInvoice.asmx",
//!     SoapVersion::Soap12,
//! ))?;
//! let answer = client
//!     .check_invoice(&CheckInvoice { mem_cid: Some("70828783".into()), invoice_no: Some("AB12345678".into()) })
//!     .await?;
//! println!("{:?}", answer.check_invoice_result);
//! # Ok(()) }
//! ```

/// The code generated from the WSDL: a struct per schema type and message element, and
/// [`PayNowEInvoiceClient`](generated::PayNowEInvoiceClient) with a method per operation.
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/paynow_einvoice.rs"));
}

pub mod domain;
pub mod facade;
pub mod journal;
pub mod samples;

pub use facade::{Config, Credentials, Environment, Error, InvoiceDetails, Issued, PayNow, Voided};
pub use soap_runtime::{ClientConfig, SoapError, SoapVersion};
