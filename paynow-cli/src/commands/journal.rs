//! `issue --journal` and `journal status|list|reconcile`: resumable batches over the
//! library's issuance journal (SQLite file, or PostgreSQL for several workers).

use std::sync::Arc;

use paynow_einvoice::domain::Invoice;
use paynow_einvoice::journal::{
    BatchError, BatchOptions, BatchReport, Entry, Journal, JournalError, OrderState,
    PostgresJournal, SqliteJournal, Summary,
};
use serde_json::json;

use crate::args::{GlobalOptions, IssueArgs, StateFilter};
use crate::failure::{CliError, Effect, Kind};
use crate::output::Report;
use crate::progress;
use crate::session::Session;

/// Opens the journal at `location`: `postgres://…` or `postgresql://…`, else a SQLite file,
/// created if `create` (a batch) and otherwise required to exist (`journal …`).
pub async fn open(location: &str, create: bool) -> Result<Arc<dyn Journal>, CliError> {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        return open_postgres(location).await;
    }
    let journal = match create {
        true => SqliteJournal::open(location).await,
        false => SqliteJournal::open_existing(location).await,
    }
    .map_err(journal_error)?;
    Ok(Arc::new(journal))
}

async fn open_postgres(location: &str) -> Result<Arc<dyn Journal>, CliError> {
    let journal = PostgresJournal::connect(location)
        .await
        .map_err(journal_error)?;
    Ok(Arc::new(journal))
}

/// `--parallel`, `--rate`, and the progress display (a bar on a terminal, plain lines
/// otherwise).
pub fn batch_options(args: &IssueArgs, global: &GlobalOptions) -> Result<BatchOptions, CliError> {
    Ok(BatchOptions {
        parallel: usize::from(args.parallel),
        rate: args.rate,
        progress: Some(progress::display(global.json)),
    })
}

/// Issues `invoices` through the journal, continuing what an earlier run left.
pub async fn issue(
    session: &Session,
    journal: Arc<dyn Journal>,
    invoices: &[Invoice],
    options: BatchOptions,
) -> Result<Report, CliError> {
    let report = session
        .paynow
        .issue_journaled(Arc::clone(&journal), invoices, &options)
        .await;
    progress::finish();
    outcome_report(&*journal, report?).await
}

/// Settles the orders in doubt; nothing is sent.
pub async fn reconcile(session: &Session, journal: Arc<dyn Journal>) -> Result<Report, CliError> {
    let report = session
        .paynow
        .reconcile_journal(Arc::clone(&journal))
        .await?;
    outcome_report(&*journal, report).await
}

/// The counts by state.
pub async fn status(journal: &dyn Journal) -> Result<Report, CliError> {
    let summary = journal.summary().await.map_err(journal_error)?;
    Ok(summary_rows(Report::new(), &summary)
        .field("summary", json!(summary))
        .exit(exit_code(&summary)))
}

/// Every order (or those in `state`), one line each.
pub async fn list(journal: &dyn Journal, state: Option<StateFilter>) -> Result<Report, CliError> {
    let entries = journal
        .entries(state.map(StateFilter::state))
        .await
        .map_err(journal_error)?;
    let report = entries.iter().fold(Report::new(), |report, entry| {
        report.row(entry.state.as_str(), entry_line(entry))
    });
    Ok(report.field("orders", json!(entries)))
}

/// The exit code of a batch by what the journal holds: 6 if anything may be in doubt
/// (`sending` counts: its worker may have died), 5 if orders were not sent yet, 1 if some
/// were refused, else 0.
pub fn exit_code(summary: &Summary) -> u8 {
    if summary.in_doubt + summary.sending > 0 {
        6
    } else if summary.pending > 0 {
        5
    } else if summary.refused > 0 {
        1
    } else {
        0
    }
}

/// The counts, why the run stopped, and every order refused or in doubt with its error.
async fn outcome_report(journal: &dyn Journal, report: BatchReport) -> Result<Report, CliError> {
    let BatchReport { summary, stopped } = report;
    let mut unsettled: Vec<Entry> = Vec::new();
    for state in [
        OrderState::Refused,
        OrderState::InDoubt,
        OrderState::Sending,
    ] {
        unsettled.extend(journal.entries(Some(state)).await.map_err(journal_error)?);
    }
    let mut out = summary_rows(Report::new(), &summary);
    if let Some(reason) = &stopped {
        out = out.row("stopped", reason.clone());
    }
    let out = unsettled.iter().fold(out, |out, entry| {
        out.row(entry.state.as_str(), entry_line(entry))
    });
    Ok(out
        .field("summary", json!(summary))
        .field("stopped", json!(stopped))
        .field("unsettled", json!(unsettled))
        .field("exit_code", exit_code(&summary))
        .exit(exit_code(&summary)))
}

fn summary_rows(report: Report, summary: &Summary) -> Report {
    let report = report
        .row("issued", summary.issued.to_string())
        .row("refused", summary.refused.to_string())
        .row("in doubt", summary.in_doubt.to_string())
        .row("pending", summary.pending.to_string());
    if summary.sending > 0 {
        report.row(
            "sending",
            format!(
                "{} (in doubt unless a worker is still sending them)",
                summary.sending
            ),
        )
    } else {
        report
    }
}

/// `ORDER  INVOICE  (adopted)  error`.
fn entry_line(entry: &Entry) -> String {
    let mut line = entry.order_no.clone();
    if let Some(number) = &entry.invoice_number {
        line.push_str(&format!("  {number}"));
    }
    if entry.adopted {
        line.push_str("  (found issued after a lost answer)");
    }
    if let Some(error) = &entry.error {
        line.push_str(&format!("  {error}"));
    }
    line
}

fn journal_error(error: JournalError) -> CliError {
    match error {
        JournalError::PayloadChanged { .. } => CliError::new(Kind::InvalidInput, error.to_string())
            .with_hint(
                "nothing was sent; an order number cannot stand for two invoices: give the changed order a new number, or use a new journal for a new batch",
            ),
        JournalError::InUse { .. } => CliError::new(Kind::Journal, error.to_string()).with_hint(
            "a SQLite journal serves one process at a time; wait for the other run, or use a postgres:// journal for several workers",
        ),
        other => CliError::new(Kind::Journal, other.to_string()),
    }
}

impl From<BatchError> for CliError {
    fn from(error: BatchError) -> Self {
        match error {
            BatchError::Journal(error) => journal_error(error),
            BatchError::NotSent(error) => CliError::from_facade(error, &Effect::Issue(Vec::new())),
        }
    }
}
