//! The journal's errors.

/// A journal operation that failed.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// Orders already in the journal were registered again with a different payload: the
    /// same order number would be a different invoice. Nothing was recorded.
    #[error(
        "the journal already holds {} with a different payload (the same order number would be a different invoice): {}",
        if orders.len() == 1 { "an order" } else { "orders" },
        orders.join(", ")
    )]
    PayloadChanged {
        /// The order numbers.
        orders: Vec<String>,
    },
    /// Another process has the journal open for issuing (SQLite journals are for one
    /// process at a time; use PostgreSQL for several workers).
    #[error("the journal {location} is in use by another process")]
    InUse {
        /// The journal's path or address.
        location: String,
    },
    /// There is no journal at this location (only a batch that issues creates one).
    #[error("there is no journal at {location}")]
    NotFound {
        /// The journal's path.
        location: String,
    },
    /// The journal was written by a newer version of this library.
    #[error("the journal's schema version {found} is newer than this program knows ({known})")]
    NewerSchema {
        /// The version in the journal.
        found: i64,
        /// The newest version this library knows.
        known: i64,
    },
    /// The database failed.
    #[error("journal storage failed while {doing}: {message}")]
    Storage {
        /// What the journal was doing.
        doing: &'static str,
        /// The database's message.
        message: String,
    },
    /// The journal holds something this library cannot read.
    #[error("the journal holds something unreadable: {message}")]
    Corrupt {
        /// What and where.
        message: String,
    },
}

/// A journaled batch that could not run.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The journal failed; what it holds is still true.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// The invoices are invalid, or PayNow is in maintenance: nothing was sent.
    #[error(transparent)]
    NotSent(#[from] crate::facade::Error),
}

/// An outcome recorded for an order this worker does not hold (not sending or in doubt)
/// would overwrite what another worker or run recorded: refused.
pub(super) fn not_held(changed: u64, order_no: &str) -> Result<(), JournalError> {
    if changed == 1 {
        Ok(())
    } else {
        Err(JournalError::Corrupt {
            message: format!(
                "order {order_no} is not sending or in doubt for this worker: its outcome was not recorded"
            ),
        })
    }
}
