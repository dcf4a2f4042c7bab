//! A typed model of issuing PayNow e-invoices: the pure logic, no network.
//!
//! - [`Invoice`] describes what to issue; [`Invoice::validate`] reports every problem at
//!   once, each with its field path ([`ValidationError`]).
//! - [`CsvBatch`] turns validated invoices into the `csvStr` of `UploadInvoice_Patch` and
//!   `Invoice_PatchData_Check`; [`decode_batch`] reads one back into [`CsvRow`]s.
//! - [`results`] parses the operations' result strings into types.
//! - [`Ubn`], [`OrderNo`] and [`InvoiceNumber`] are identifiers checked on construction.
//!
//! Quantities and money are [`Decimal`]s, never floats.

#![deny(missing_docs)]

pub mod csv;
pub mod ids;
pub mod invoice;
pub mod results;
mod text;
pub mod ubn;
pub mod validation;

pub use csv::{COLUMNS, CsvBatch, CsvError, CsvRow, decode_batch, encode_batch, parse_csv_text};
pub use ids::{InvoiceNumber, InvoiceNumberError, ORDER_NO_MAX, OrderNo, OrderNoError};
pub use invoice::{
    ADDRESS_MAX, BUYER_NAME_MAX, Buyer, Carrier, Customs, DESCRIPTION_MAX, Delivery, EMAIL_MAX,
    Invoice, Item, REMARK_MAX, TaxType,
};
pub use results::{
    CancelResult, InvoiceInfo, InvoiceUrl, LookupResult, PatchCheckResult, UnknownResult,
    UploadResult,
};
/// The exact decimal type of quantities, prices and amounts (re-exported from `rust_decimal`).
pub use rust_decimal::Decimal;
pub use text::{CSV_UNSAFE, text_len};
pub use ubn::{Ubn, UbnError};
pub use validation::{Problem, Rule, ValidationError};
