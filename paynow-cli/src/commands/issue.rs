//! `issue FILE`: issue invoices, each exactly once (the facade reconciles lost answers).

use paynow_einvoice::Issued;
use paynow_einvoice::domain::{CsvBatch, Invoice};
use serde_json::json;

use crate::failure::{CliError, Effect, plural};
use crate::input::Batch;
use crate::output::Report;
use crate::session::Session;

/// Issues `invoices` (validated already) and reports the invoice numbers.
pub async fn run(session: &Session, invoices: &[Invoice]) -> Result<Report, CliError> {
    submit(session, invoices)
        .await
        .map(|issued| report(&issued))
}

/// Issues `invoices` with `UploadInvoice_Patch`.
pub async fn submit(session: &Session, invoices: &[Invoice]) -> Result<Vec<Issued>, CliError> {
    session.paynow.issue_batch(invoices).await.map_err(|error| {
        let orders = invoices.iter().map(|i| i.order_no.clone()).collect();
        CliError::from_facade(error, &Effect::Issue(orders))
    })
}

/// One line per invoice: `issued  ORDER  →  INVOICE`, noting those found already issued.
pub fn report(issued: &[Issued]) -> Report {
    let width = issued
        .iter()
        .map(|done| done.order_no.as_str().chars().count())
        .max()
        .unwrap_or(0);
    issued
        .iter()
        .fold(Report::new(), |report, done| {
            let order = done.order_no.as_str();
            let pad = width - order.chars().count();
            let note = if done.adopted {
                "  (issued before; its answer had been lost)"
            } else {
                ""
            };
            report.row(
                "issued",
                format!("{order}{:pad$}  →  {}{note}", "", done.invoice_number),
            )
        })
        .field("issued", json!(issued))
}

/// What `--dry-run` shows: the invoices are valid, and the CSV that would be sent.
pub fn dry_run_report(batch: &Batch, csv: &CsvBatch) -> Report {
    let count = batch.invoices.len();
    let rows = csv.rows().len();
    let orders: Vec<&str> = batch.invoices.iter().map(|i| i.order_no.as_str()).collect();
    let mut report = Report::new()
        .row(
            "valid",
            format!(
                "{count} invoice{}, {rows} line{}; nothing sent (--dry-run)",
                plural(count),
                plural(rows)
            ),
        )
        .row("orders", orders.join(", "))
        .field("dry_run", true)
        .field("orders", json!(orders))
        .field("csv", csv.text());
    report.push_text(&format!("csvStr text:\n{}\n", csv.text()));
    report
}
