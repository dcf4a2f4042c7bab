//! The facade's error: each way an e-invoice call can fail.

use std::time::Duration;

use soap_runtime::SoapError;

use crate::domain::{CsvError, UnknownResult, ValidationError};

/// A failed facade call.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The invoices are invalid; nothing was sent. Lists every problem with its field path.
    #[error(transparent)]
    Validation(#[from] ValidationError),
    /// The call falls in PayNow's daily maintenance window; nothing was sent.
    #[error(
        "PayNow is in its daily maintenance window (03:50-05:00 Taiwan time) for another {remaining:?}; nothing was sent"
    )]
    Maintenance {
        /// Time until the window ends.
        remaining: Duration,
    },
    /// PayNow answered, and refused: its own message (free text, mostly Chinese).
    #[error("PayNow refused {operation}: {message}")]
    Rejected {
        /// The operation.
        operation: &'static str,
        /// PayNow's message.
        message: String,
    },
    /// PayNow has nothing under this number: no such invoice, order or merchant.
    #[error(
        "not found: PayNow's {operation} has nothing for {subject}{}",
        message.as_deref().map(|m| format!(" ({m})")).unwrap_or_default()
    )]
    NotFound {
        /// The operation that looked.
        operation: &'static str,
        /// The invoice or order number looked for.
        subject: String,
        /// PayNow's text, when it gave one.
        message: Option<String>,
    },
    /// The order already has an invoice at PayNow that this call did not issue, or that
    /// does not match what was sent; it was not adopted, and nothing was issued for the
    /// order. Both invoices are described.
    #[error(
        "order {order_no} already has invoice {invoice_number} at PayNow, not adopted: {reason}; sent: {sent}; PayNow holds: {existing}"
    )]
    AlreadyIssued {
        /// The order number.
        order_no: String,
        /// The invoice PayNow holds for it.
        invoice_number: String,
        /// Why it was not taken as this call's invoice.
        reason: String,
        /// What was sent: total, buyer, item count.
        sent: String,
        /// What PayNow holds: total, buyer, item count (or why that is not known).
        existing: String,
    },
    /// PayNow answered in a shape this client does not know; the text is kept whole.
    #[error(transparent)]
    UnknownResult(#[from] UnknownResult),
    /// The call may or may not have taken effect (timeout, dropped connection, 5xx after
    /// sending), and reconciling could not tell. Do not issue or void again blindly.
    #[error("the outcome of {operation} for {subject} is unknown ({source}); {reconcile}")]
    OutcomeUnknown {
        /// The operation.
        operation: &'static str,
        /// The order or invoice number concerned.
        subject: String,
        /// What failed (boxed: it is large and rare).
        source: Box<SoapError>,
        /// How to find out, in words.
        reconcile: String,
    },
    /// The SOAP call failed and nothing suggests it took effect.
    #[error(transparent)]
    Soap(#[from] SoapError),
    /// The answer had no result element.
    #[error("PayNow's {operation} answer has no result")]
    MissingResult {
        /// The operation.
        operation: &'static str,
    },
    /// A csvStr could not be built or read.
    #[error(transparent)]
    Csv(#[from] CsvError),
}
