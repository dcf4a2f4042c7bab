//! [`SqliteJournal`]: the journal in one SQLite file, for one process at a time.
//!
//! The file is locked for the process that opens it (`locking_mode=EXCLUSIVE`), so a
//! second process is refused ([`JournalError::InUse`]) instead of both sending the same
//! orders; every change is committed durably (WAL, `synchronous=FULL`) before the call
//! returns. SQLite calls block, so each runs on tokio's blocking pool behind a mutex, and
//! the futures stay `Send`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::{Connection, ErrorCode, OptionalExtension, TransactionBehavior, params};

use super::error::not_held;
use super::record::now_ms;
use super::{
    Claimed, Entry, Journal, JournalError, JournalFuture, NewOrder, OrderState, Outcome, Summary,
    pending_migrations,
};

/// The schema, one migration per version; each runs once, in order, in a transaction.
const MIGRATIONS: &[&str] = &[
    // 1: the orders.
    "CREATE TABLE orders (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        order_no TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        payload_hash TEXT NOT NULL,
        state TEXT NOT NULL
            CHECK (state IN ('pending', 'sending', 'issued', 'refused', 'in_doubt')),
        invoice_number TEXT,
        adopted INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL
    );
    CREATE INDEX orders_by_state ON orders (state, seq);",
];

/// An issuance journal in a SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteJournal {
    connection: Arc<Mutex<Connection>>,
    path: PathBuf,
}

impl SqliteJournal {
    /// Opens the journal at `path`, creating it if needed, migrating its schema, and
    /// locking it for this process: another process holding it is [`JournalError::InUse`].
    pub async fn open(path: impl AsRef<Path>) -> Result<Self, JournalError> {
        let path = path.as_ref().to_owned();
        let location = path.display().to_string();
        let connection = tokio::task::spawn_blocking(move || open_locked(&path, &location))
            .await
            .map_err(|error| storage("opening", error))??;
        Ok(connection)
    }

    /// Opens the journal at `path` as [`open`](Self::open) does, but only if the file
    /// exists: looking at a journal that is not there is [`JournalError::NotFound`], not a
    /// new empty journal.
    pub async fn open_existing(path: impl AsRef<Path>) -> Result<Self, JournalError> {
        let path = path.as_ref();
        if !path.is_file() {
            return Err(JournalError::NotFound {
                location: path.display().to_string(),
            });
        }
        Self::open(path).await
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` on the blocking pool with the connection.
    fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Connection) -> Result<T, JournalError> + Send + 'static,
    ) -> JournalFuture<'_, T> {
        let connection = Arc::clone(&self.connection);
        Box::pin(async move {
            tokio::task::spawn_blocking(move || {
                let mut connection = connection.lock().unwrap_or_else(PoisonError::into_inner);
                work(&mut connection)
            })
            .await
            .map_err(|error| storage("waiting for SQLite", error))?
        })
    }
}

fn open_locked(path: &Path, location: &str) -> Result<SqliteJournal, JournalError> {
    let in_use = |error: rusqlite::Error| match error.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => JournalError::InUse {
            location: location.to_owned(),
        },
        _ => storage("opening", error),
    };
    let mut connection = Connection::open(path).map_err(in_use)?;
    // `journal_mode` answers a row, so it is queried rather than executed.
    connection
        .pragma_update(None, "locking_mode", "EXCLUSIVE")
        .map_err(in_use)?;
    connection
        .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
        .map_err(in_use)?;
    connection
        .pragma_update(None, "synchronous", "FULL")
        .map_err(in_use)?;
    // The exclusive lock is taken by the first write and kept until the connection closes.
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Exclusive)
        .map_err(in_use)?;
    migrate(&transaction)?;
    transaction.commit().map_err(in_use)?;
    Ok(SqliteJournal {
        connection: Arc::new(Mutex::new(connection)),
        path: path.to_owned(),
    })
}

/// Brings the schema to the newest version.
fn migrate(connection: &Connection) -> Result<(), JournalError> {
    let fail = |error| storage("migrating the schema", error);
    connection
        .execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
            [],
        )
        .map_err(fail)?;
    let current: i64 = connection
        .query_row(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version",
            [],
            |row| row.get(0),
        )
        .map_err(fail)?;
    for (version, migration) in pending_migrations(MIGRATIONS, current)? {
        connection.execute_batch(migration).map_err(fail)?;
        connection
            .execute("DELETE FROM schema_version", [])
            .map_err(fail)?;
        connection
            .execute(
                "INSERT INTO schema_version (version) VALUES (?1)",
                [version],
            )
            .map_err(fail)?;
    }
    Ok(())
}

fn storage(doing: &'static str, error: impl std::fmt::Display) -> JournalError {
    JournalError::Storage {
        doing,
        message: error.to_string(),
    }
}

impl Journal for SqliteJournal {
    fn register<'a>(&'a self, orders: &'a [NewOrder]) -> JournalFuture<'a, ()> {
        let orders = orders.to_vec();
        self.blocking(move |connection| {
            let fail = |error| storage("registering orders", error);
            let transaction = connection.transaction().map_err(fail)?;
            let now = now_ms();
            let mut changed = Vec::new();
            {
                let mut known = transaction
                    .prepare_cached("SELECT payload_hash FROM orders WHERE order_no = ?1")
                    .map_err(fail)?;
                let mut insert = transaction
                    .prepare_cached(
                        "INSERT INTO orders (order_no, payload, payload_hash, state, created_ms, updated_ms)
                         VALUES (?1, ?2, ?3, 'pending', ?4, ?4)",
                    )
                    .map_err(fail)?;
                for order in &orders {
                    let hash: Option<String> = known
                        .query_row([&order.order_no], |row| row.get(0))
                        .optional()
                        .map_err(fail)?;
                    match hash {
                        Some(hash) if hash == order.payload_hash => {}
                        Some(_) => changed.push(order.order_no.clone()),
                        None => {
                            insert
                                .execute(params![order.order_no, order.payload, order.payload_hash, now])
                                .map_err(fail)?;
                        }
                    }
                }
            }
            if !changed.is_empty() {
                // Dropping the transaction rolls back: nothing is recorded.
                return Err(JournalError::PayloadChanged { orders: changed });
            }
            transaction.commit().map_err(fail)
        })
    }

    fn take_in_doubt(&self) -> JournalFuture<'_, Vec<Claimed>> {
        self.blocking(|connection| {
            let fail = |error| storage("taking orders in doubt", error);
            let transaction = connection.transaction().map_err(fail)?;
            // The file is this process's alone: an order still `sending` was left by a
            // run that died between claiming it and recording PayNow's answer.
            transaction
                .execute(
                    "UPDATE orders SET state = 'in_doubt', updated_ms = ?1,
                        error = 'the run sending it stopped before recording an answer'
                     WHERE state = 'sending'",
                    [now_ms()],
                )
                .map_err(fail)?;
            let taken = {
                let mut select = transaction
                    .prepare("SELECT order_no, payload FROM orders WHERE state = 'in_doubt' ORDER BY seq")
                    .map_err(fail)?;
                claimed_rows(&mut select, [])?
            };
            transaction.commit().map_err(fail)?;
            Ok(taken)
        })
    }

    fn claim(&self, limit: usize) -> JournalFuture<'_, Vec<Claimed>> {
        self.blocking(move |connection| {
            let fail = |error| storage("claiming orders", error);
            let mut claim = connection
                .prepare_cached(
                    "UPDATE orders SET state = 'sending', attempts = attempts + 1, updated_ms = ?1
                     WHERE seq IN (SELECT seq FROM orders WHERE state = 'pending' ORDER BY seq LIMIT ?2)
                     RETURNING order_no, payload",
                )
                .map_err(fail)?;
            claimed_rows(&mut claim, params![now_ms(), limit as i64])
        })
    }

    fn record<'a>(&'a self, order_no: &'a str, outcome: &'a Outcome) -> JournalFuture<'a, ()> {
        let order_no = order_no.to_owned();
        let outcome = outcome.clone();
        self.blocking(move |connection| {
            let fail = |error| storage("recording an outcome", error);
            let changed = connection
                .prepare_cached(
                    "UPDATE orders SET state = ?1, invoice_number = ?2, adopted = ?3, error = ?4,
                        updated_ms = ?5
                     WHERE order_no = ?6 AND state IN ('sending', 'in_doubt')",
                )
                .map_err(fail)?
                .execute(params![
                    outcome.state().as_str(),
                    outcome.invoice_number(),
                    matches!(outcome, Outcome::Issued { adopted: true, .. }),
                    outcome.error(),
                    now_ms(),
                    order_no,
                ])
                .map_err(fail)?;
            not_held(changed as u64, &order_no)
        })
    }

    fn summary(&self) -> JournalFuture<'_, Summary> {
        self.blocking(|connection| {
            let fail = |error| storage("counting orders", error);
            let mut select = connection
                .prepare_cached("SELECT state, COUNT(*) FROM orders GROUP BY state")
                .map_err(fail)?;
            let mut rows = select.query([]).map_err(fail)?;
            let mut summary = Summary::default();
            while let Some(row) = rows.next().map_err(fail)? {
                let state: String = row.get(0).map_err(fail)?;
                let count: i64 = row.get(1).map_err(fail)?;
                summary.add(state.parse()?, count as u64);
            }
            Ok(summary)
        })
    }

    fn entries(&self, state: Option<OrderState>) -> JournalFuture<'_, Vec<Entry>> {
        self.blocking(move |connection| {
            let fail = |error| storage("listing orders", error);
            let mut select = connection
                .prepare_cached(
                    "SELECT order_no, state, payload_hash, invoice_number, adopted, error, attempts,
                        created_ms, updated_ms
                     FROM orders WHERE ?1 IS NULL OR state = ?1 ORDER BY seq",
                )
                .map_err(fail)?;
            let mut rows = select
                .query([state.map(OrderState::as_str)])
                .map_err(fail)?;
            let mut entries = Vec::new();
            while let Some(row) = rows.next().map_err(fail)? {
                let state: String = row.get(1).map_err(fail)?;
                entries.push(Entry {
                    order_no: row.get(0).map_err(fail)?,
                    state: state.parse()?,
                    payload_hash: row.get(2).map_err(fail)?,
                    invoice_number: row.get(3).map_err(fail)?,
                    adopted: row.get(4).map_err(fail)?,
                    error: row.get(5).map_err(fail)?,
                    attempts: row.get(6).map_err(fail)?,
                    created_ms: row.get(7).map_err(fail)?,
                    updated_ms: row.get(8).map_err(fail)?,
                });
            }
            Ok(entries)
        })
    }
}

/// The `(order_no, payload)` rows of `statement`.
fn claimed_rows(
    statement: &mut rusqlite::Statement<'_>,
    params: impl rusqlite::Params,
) -> Result<Vec<Claimed>, JournalError> {
    let fail = |error| storage("reading claimed orders", error);
    let mut rows = statement.query(params).map_err(fail)?;
    let mut claimed = Vec::new();
    while let Some(row) = rows.next().map_err(fail)? {
        let order_no: String = row.get(0).map_err(fail)?;
        let payload: String = row.get(1).map_err(fail)?;
        claimed.push(Claimed::from_payload(order_no, &payload)?);
    }
    Ok(claimed)
}
