//! `check`, `info` and `url`: queries by invoice or order number. A query changes nothing,
//! so the facade retries it when the network fails.

use paynow_einvoice::domain::{InvoiceInfo, LookupResult};
use serde_json::json;

use crate::args::Subject;
use crate::failure::{CliError, Effect, Kind};
use crate::output::Report;
use crate::session::Session;

/// The report's first line: what was looked up.
fn about(subject: &Subject) -> Report {
    Report::new().both(subject.label(), subject.value())
}

fn failed(error: paynow_einvoice::Error) -> CliError {
    CliError::from_facade(error, &Effect::Query)
}

/// Whether the invoice exists (`Check_invoice`), or which invoice the order has
/// (`Check_invoiceOrder`). Not found is a failure (exit 1).
pub async fn check(session: &Session, subject: &Subject) -> Result<Report, CliError> {
    let result = match subject {
        Subject::Invoice(number) => session.paynow.check_invoice(number).await,
        Subject::Order(order) => session.paynow.check_order(order).await,
    }
    .map_err(failed)?;
    match result {
        LookupResult::Found(number) => {
            let report = about(subject).row("found", "yes");
            let report = match subject {
                Subject::Invoice(_) => report,
                Subject::Order(_) => report.row("invoice", number.as_str()),
            };
            Ok(report
                .field("found", true)
                .field("invoice_number", number.as_str()))
        }
        LookupResult::NotFound => {
            let what = match subject {
                Subject::Invoice(number) => format!("invoice {number}"),
                Subject::Order(order) => format!("invoice for order {order}"),
            };
            Err(CliError::new(
                Kind::NotFound,
                format!("not found: PayNow has no {what}"),
            ))
        }
    }
}

/// Status, amount and allowances (`Invoice_Info`, `Invoice_Info_orderno`).
pub async fn info(session: &Session, subject: &Subject) -> Result<Report, CliError> {
    let info = match subject {
        Subject::Invoice(number) => session.paynow.info(number).await,
        Subject::Order(order) => session.paynow.info_by_order(order).await,
    }
    .map_err(failed)?;
    let report = about(subject);
    Ok(match info {
        InvoiceInfo::Issued { amount } => report
            .row("status", "issued (開立)")
            .row("amount", amount.to_string())
            .field("status", "issued")
            .field("amount", amount.to_string()),
        InvoiceInfo::Voided => report
            .row("status", "voided (作廢)")
            .field("status", "voided"),
        InvoiceInfo::Allowance { numbers } => {
            let numbers: Vec<String> = numbers.iter().map(ToString::to_string).collect();
            report
                .row("status", "allowance (折讓)")
                .row("numbers", numbers.join(", "))
                .field("status", "allowance")
                .field("numbers", json!(numbers))
        }
    })
}

/// The invoice page's address (`Get_InvoiceURL_I`, `Get_InvoiceURL_O`).
pub async fn url(session: &Session, subject: &Subject) -> Result<Report, CliError> {
    let url = match subject {
        Subject::Invoice(number) => session.paynow.invoice_url(number).await,
        Subject::Order(order) => session.paynow.invoice_url_by_order(order).await,
    }
    .map_err(failed)?;
    Ok(about(subject).both("url", url.as_str()))
}
