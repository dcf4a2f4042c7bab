//! The facade over a journal: [`PayNow::issue_journaled`] registers a batch, settles the
//! orders in doubt, then sends the pending ones with a few workers, recording each step.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::task::JoinSet;

use super::pace::Pace;
use super::{BatchError, Claimed, Journal, JournalError, NewOrder, OrderState, Outcome, Summary};
use crate::domain::{CsvBatch, Invoice, OrderNo};
use crate::facade::{Error, PayNow, Reconcile};

/// A progress callback, shared by the workers.
pub type ProgressFn = Arc<dyn Fn(&Progress) + Send + Sync>;

/// How a journaled batch runs.
#[derive(Clone)]
pub struct BatchOptions {
    /// Uploads in flight at once (at least 1).
    pub parallel: usize,
    /// At most this many uploads a second, all workers together (`None`: no limit).
    pub rate: Option<f64>,
    /// Called after each order changes state.
    pub progress: Option<ProgressFn>,
}

impl Default for BatchOptions {
    fn default() -> Self {
        Self {
            parallel: 1,
            rate: None,
            progress: None,
        }
    }
}

impl fmt::Debug for BatchOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BatchOptions")
            .field("parallel", &self.parallel)
            .field("rate", &self.rate)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

/// Where a running batch stands, as this worker sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The journal's orders by state (counted at the start of the run, then kept up to
    /// date with this worker's changes).
    pub summary: Summary,
    /// Orders this run has settled (issued, refused, or found issued or not).
    pub settled: u64,
    /// Since the run started.
    pub elapsed: Duration,
}

/// What a journaled batch run did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchReport {
    /// The journal's orders by state when the run ended.
    pub summary: Summary,
    /// Why the run stopped before every order was settled, if it did: the next run
    /// continues from there.
    pub stopped: Option<String>,
}

/// Rounds of "settle the in-doubt orders, send the pending ones" in one run: an order
/// PayNow turns out not to hold goes back to pending and is sent again in the next round.
const MAX_ROUNDS: usize = 8;

impl PayNow {
    /// Issues `invoices` through `journal`, each exactly once even across crashes.
    ///
    /// The invoices are validated and registered first ([`Journal::register`]; an order
    /// known with a different payload is [`JournalError::PayloadChanged`]). Then, before
    /// anything new is sent, the orders in doubt (a previous run died while sending them)
    /// are looked up with `Check_invoiceOrder`: adopted if PayNow holds a matching invoice,
    /// sent again if it holds none. Then `options.parallel` workers claim pending orders and
    /// upload them one by one ([`issue`](Self::issue): lost answers are reconciled), each
    /// claim written before the upload and each outcome after it. Orders already issued are
    /// never sent again; running the same batch again continues where it stopped.
    ///
    /// A run stops early, leaving the rest pending or in doubt ([`BatchReport::stopped`]),
    /// when PayNow cannot be reached or an order cannot be settled.
    pub async fn issue_journaled(
        &self,
        journal: Arc<dyn Journal>,
        invoices: &[Invoice],
        options: &BatchOptions,
    ) -> Result<BatchReport, BatchError> {
        self.ensure_open()?;
        if !invoices.is_empty() {
            CsvBatch::new(invoices).map_err(Error::from)?;
        }
        let orders: Vec<NewOrder> = invoices
            .iter()
            .map(NewOrder::of)
            .collect::<Result<_, _>>()?;
        journal.register(&orders).await?;
        self.resume_journaled(journal, options).await
    }

    /// Continues the batch in `journal`: settles the orders in doubt, then sends the
    /// pending ones, as [`issue_journaled`](Self::issue_journaled) does after registering.
    pub async fn resume_journaled(
        &self,
        journal: Arc<dyn Journal>,
        options: &BatchOptions,
    ) -> Result<BatchReport, BatchError> {
        self.ensure_open()?;
        let tracker = Arc::new(Tracker::new(journal.summary().await?, options));
        let mut stopped = None;
        for round in 1..=MAX_ROUNDS {
            let still_in_doubt = self.settle_in_doubt(&*journal, &tracker).await?;
            if still_in_doubt > 0 {
                stopped = Some(format!(
                    "{still_in_doubt} order(s) still in doubt: PayNow could not be asked; nothing new was sent"
                ));
                break;
            }
            let (claimed, stop) = self.send_pending(&journal, options, &tracker).await?;
            if stop.is_some() || claimed == 0 {
                stopped = stop;
                break;
            }
            if round == MAX_ROUNDS {
                stopped = Some(format!(
                    "orders kept coming back unsettled after {MAX_ROUNDS} rounds; run again later"
                ));
            }
        }
        Ok(BatchReport {
            summary: journal.summary().await?,
            stopped,
        })
    }

    /// Settles the orders in doubt only (nothing is sent): each is looked up with
    /// `Check_invoiceOrder` and recorded issued, refused, or pending again.
    pub async fn reconcile_journal(
        &self,
        journal: Arc<dyn Journal>,
    ) -> Result<BatchReport, BatchError> {
        self.ensure_open()?;
        let tracker = Tracker::new(journal.summary().await?, &BatchOptions::default());
        let still_in_doubt = self.settle_in_doubt(&*journal, &tracker).await?;
        Ok(BatchReport {
            summary: journal.summary().await?,
            stopped: (still_in_doubt > 0).then(|| {
                format!("{still_in_doubt} order(s) still in doubt: PayNow could not be asked")
            }),
        })
    }

    /// Reconciles every order in doubt; returns how many are still in doubt.
    async fn settle_in_doubt(
        &self,
        journal: &dyn Journal,
        tracker: &Tracker,
    ) -> Result<u64, JournalError> {
        let taken = journal.take_in_doubt().await?;
        if !taken.is_empty() {
            tracing::info!(
                orders = taken.len(),
                "journal: reconciling orders in doubt before sending"
            );
            // The counts may have moved under other workers: count again.
            tracker.reset(journal.summary().await?);
        }
        let mut still = 0;
        for Claimed { order_no, invoice } in taken {
            let outcome = self.reconciled(&order_no, &invoice).await;
            if matches!(outcome, Outcome::InDoubt { .. }) {
                still += 1;
            }
            journal.record(&order_no, &outcome).await?;
            tracker.moved(OrderState::InDoubt, &outcome);
        }
        Ok(still)
    }

    /// What `Check_invoiceOrder` (and the invoice's details) say about an order in doubt.
    async fn reconciled(&self, order_no: &str, invoice: &Invoice) -> Outcome {
        let order = match OrderNo::parse(order_no) {
            Ok(order) => order,
            Err(error) => {
                return Outcome::Refused {
                    error: error.to_string(),
                };
            }
        };
        match self.reconcile_order(invoice, &order).await {
            Ok(Some(number)) => Outcome::Issued {
                invoice_number: number.as_str().to_owned(),
                adopted: true,
            },
            Ok(None) => Outcome::NotSent {
                error: Some("PayNow holds no invoice for it: it is sent again".to_owned()),
            },
            Err(Reconcile::Refused(error)) => Outcome::Refused {
                error: error.to_string(),
            },
            Err(Reconcile::LookupFailed(error)) => Outcome::InDoubt {
                error: error.to_string(),
            },
        }
    }

    /// Sends pending orders with `options.parallel` workers until none is left or one
    /// says to stop; returns how many were claimed, and why the run stopped, if it must.
    async fn send_pending(
        &self,
        journal: &Arc<dyn Journal>,
        options: &BatchOptions,
        tracker: &Arc<Tracker>,
    ) -> Result<(u64, Option<String>), JournalError> {
        let shared = Arc::new(Workers {
            pace: options.rate.map(Pace::new),
            stop: AtomicBool::new(false),
            reason: OnceLock::new(),
        });
        let mut workers = JoinSet::new();
        for _ in 0..options.parallel.max(1) {
            let (paynow, journal, tracker, shared) = (
                self.clone(),
                Arc::clone(journal),
                Arc::clone(tracker),
                Arc::clone(&shared),
            );
            workers.spawn(async move { paynow.work(&*journal, &tracker, &shared).await });
        }
        let mut claimed = 0;
        let mut failure = None;
        while let Some(joined) = workers.join_next().await {
            match joined {
                Ok(Ok(count)) => claimed += count,
                Ok(Err(error)) => {
                    shared.stop.store(true, Ordering::SeqCst);
                    failure.get_or_insert(error);
                }
                Err(panic) => {
                    shared.stop.store(true, Ordering::SeqCst);
                    failure.get_or_insert(JournalError::Storage {
                        doing: "running a worker",
                        message: panic.to_string(),
                    });
                }
            }
        }
        match failure {
            Some(error) => Err(error),
            None => Ok((claimed, shared.reason.get().cloned())),
        }
    }

    /// One worker: claims an order, sends it, records the outcome, until none is left.
    async fn work(
        &self,
        journal: &dyn Journal,
        tracker: &Tracker,
        shared: &Workers,
    ) -> Result<u64, JournalError> {
        let mut claimed = 0;
        while !shared.stop.load(Ordering::SeqCst) {
            if let Some(pace) = &shared.pace {
                pace.wait().await;
            }
            let Some(Claimed { order_no, invoice }) = journal.claim(1).await?.pop() else {
                break;
            };
            claimed += 1;
            tracker.claimed();
            let (outcome, stop) = self.sent(&invoice).await;
            journal.record(&order_no, &outcome).await?;
            tracker.moved(OrderState::Sending, &outcome);
            if let Some(reason) = stop {
                shared.reason.get_or_init(|| reason);
                shared.stop.store(true, Ordering::SeqCst);
            }
        }
        Ok(claimed)
    }

    /// Uploads one invoice; the outcome to record, and why the run must stop, if it must.
    async fn sent(&self, invoice: &Invoice) -> (Outcome, Option<String>) {
        match self.issue(invoice).await {
            Ok(issued) => (
                Outcome::Issued {
                    invoice_number: issued.invoice_number.as_str().to_owned(),
                    adopted: issued.adopted,
                },
                None,
            ),
            Err(
                error @ (Error::Rejected { .. }
                | Error::AlreadyIssued { .. }
                | Error::Validation(_)
                | Error::Csv(_)),
            ) => (
                Outcome::Refused {
                    error: error.to_string(),
                },
                None,
            ),
            // Nothing suggests the upload reached PayNow: the order may be sent again,
            // but the next ones would fail the same way.
            Err(error @ (Error::Soap(_) | Error::Maintenance { .. })) => {
                let reason = format!("PayNow could not be reached: {error}");
                (
                    Outcome::NotSent {
                        error: Some(error.to_string()),
                    },
                    Some(reason),
                )
            }
            // Lost answers PayNow could not settle, and answers this client cannot read:
            // the upload may have taken effect.
            Err(error) => (
                Outcome::InDoubt {
                    error: error.to_string(),
                },
                None,
            ),
        }
    }
}

/// What the workers of one round share.
struct Workers {
    pace: Option<Pace>,
    stop: AtomicBool,
    reason: OnceLock<String>,
}

/// Counts the run's changes and reports them to the progress callback.
struct Tracker {
    summary: Mutex<Summary>,
    settled: Mutex<u64>,
    started: Instant,
    callback: Option<ProgressFn>,
}

impl Tracker {
    fn new(summary: Summary, options: &BatchOptions) -> Self {
        let tracker = Self {
            summary: Mutex::new(summary),
            settled: Mutex::new(0),
            started: Instant::now(),
            callback: options.progress.clone(),
        };
        tracker.report();
        tracker
    }

    fn reset(&self, summary: Summary) {
        *self.summary.lock().unwrap_or_else(PoisonError::into_inner) = summary;
        self.report();
    }

    fn claimed(&self) {
        self.summary
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .moved(OrderState::Pending, OrderState::Sending);
    }

    fn moved(&self, from: OrderState, outcome: &Outcome) {
        self.summary
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .moved(from, outcome.state());
        if outcome.state() != OrderState::InDoubt {
            *self.settled.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        }
        self.report();
    }

    fn report(&self) {
        if let Some(callback) = &self.callback {
            let progress = Progress {
                summary: *self.summary.lock().unwrap_or_else(PoisonError::into_inner),
                settled: *self.settled.lock().unwrap_or_else(PoisonError::into_inner),
                elapsed: self.started.elapsed(),
            };
            callback(&progress);
        }
    }
}
