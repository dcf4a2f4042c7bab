//! A write-ahead issuance journal, so that a batch survives the process dying mid-way.
//!
//! Each order of a batch is recorded before anything is sent ([`Journal::register`]:
//! its payload and a SHA-256 of it, state `pending`), claimed before its upload
//! ([`Journal::claim`]: `sending`), and its outcome is recorded after PayNow's answer
//! ([`Journal::record`]: `issued`, `refused`, `in_doubt`). An order left `sending` by a
//! worker that died may have been issued: it is reconciled with `Check_invoiceOrder`
//! ([`Journal::take_in_doubt`], then [`PayNow::issue_journaled`](crate::PayNow::issue_journaled))
//! before anything new is sent. An order registered again with a different payload is
//! refused ([`JournalError::PayloadChanged`]). Nothing is recorded `issued` unless PayNow
//! answered so or holds a matching invoice.
//!
//! Two implementations: [`SqliteJournal`] (feature `sqlite`, default), a file for one
//! process at a time, and [`PostgresJournal`] (feature `postgres`), which several worker
//! processes share, claiming orders with `FOR UPDATE SKIP LOCKED`. Both create and migrate
//! their tables themselves (a `schema_version` table).
//!
//! ```no_run
//! # async fn run(paynow: paynow_einvoice::PayNow, invoices: Vec<paynow_einvoice::domain::Invoice>)
//! # -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! use paynow_einvoice::journal::{BatchOptions, SqliteJournal};
//!
//! let journal = Arc::new(SqliteJournal::open("batch.journal").await?);
//! let report = paynow.issue_journaled(journal, &invoices, &BatchOptions::default()).await?;
//! println!("{} issued, {} in doubt", report.summary.issued, report.summary.in_doubt);
//! # Ok(()) }
//! ```

mod error;
mod pace;
#[cfg(feature = "postgres")]
mod postgres;
mod record;
mod run;
#[cfg(feature = "sqlite")]
mod sqlite;

use std::future::Future;
use std::pin::Pin;

pub use error::{BatchError, JournalError};
#[cfg(feature = "postgres")]
pub use postgres::PostgresJournal;
pub use record::{Claimed, Entry, NewOrder, OrderState, Outcome, Summary, payload_hash};
pub use run::{BatchOptions, BatchReport, Progress, ProgressFn};
#[cfg(feature = "sqlite")]
pub use sqlite::SqliteJournal;

/// The future a [`Journal`] method returns: `Send`, so journaled batches run on any
/// runtime and in spawned tasks.
/// The migrations of `migrations` a journal at schema version `current` still needs, each
/// with the version it brings the schema to; a journal newer than this library knows is
/// [`JournalError::NewerSchema`].
fn pending_migrations<'m>(
    migrations: &'m [&'m str],
    current: i64,
) -> Result<impl Iterator<Item = (i64, &'m str)>, JournalError> {
    let known = migrations.len() as i64;
    if current > known {
        return Err(JournalError::NewerSchema {
            found: current,
            known,
        });
    }
    Ok((current + 1..).zip(migrations[current as usize..].iter().copied()))
}

pub type JournalFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, JournalError>> + Send + 'a>>;

/// Where a batch's orders and their outcomes are kept. Each method is one atomic change:
/// after a crash, the journal holds either the state before it or after it.
pub trait Journal: Send + Sync {
    /// Records `orders` as pending, unless the journal knows them already with the same
    /// payload (then they keep their state). If any is known with a different payload,
    /// nothing is recorded and the error is [`JournalError::PayloadChanged`].
    fn register<'a>(&'a self, orders: &'a [NewOrder]) -> JournalFuture<'a, ()>;

    /// Takes the orders that may have been sent and that no running worker answers for
    /// (left `sending` by a worker that died, or `in_doubt`): they are `in_doubt` now,
    /// for this worker to reconcile.
    fn take_in_doubt(&self) -> JournalFuture<'_, Vec<Claimed>>;

    /// Claims up to `limit` pending orders for this worker: they are `sending` from now
    /// on, before anything is sent. Empty when none is left.
    fn claim(&self, limit: usize) -> JournalFuture<'_, Vec<Claimed>>;

    /// Records what happened to `order_no`.
    fn record<'a>(&'a self, order_no: &'a str, outcome: &'a Outcome) -> JournalFuture<'a, ()>;

    /// How many orders are in each state.
    fn summary(&self) -> JournalFuture<'_, Summary>;

    /// The orders, oldest first; only those in `state` if given.
    fn entries(&self, state: Option<OrderState>) -> JournalFuture<'_, Vec<Entry>>;
}
