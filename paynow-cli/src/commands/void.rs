//! `void NO`: void an invoice with `CancelInvoice_I`; a lost answer is confirmed with
//! `Invoice_Info`, never by voiding again.

use paynow_einvoice::domain::InvoiceNumber;

use crate::failure::{CliError, Effect};
use crate::output::Report;
use crate::session::Session;

/// Voids invoice `number`.
pub async fn run(session: &Session, number: &InvoiceNumber) -> Result<Report, CliError> {
    let voided = session
        .paynow
        .void(number)
        .await
        .map_err(|error| CliError::from_facade(error, &Effect::Void(number.to_string())))?;
    let status = if voided.adopted {
        "voided (confirmed by Invoice_Info after the answer was lost)"
    } else {
        "voided"
    };
    Ok(Report::new()
        .both("invoice", voided.invoice_number.as_str())
        .row("status", status)
        .field("status", "voided")
        .field("adopted", voided.adopted))
}
