//! [`PostgresJournal`]: the journal in PostgreSQL, shared by several worker processes.
//!
//! Workers claim pending orders with `FOR UPDATE SKIP LOCKED`, so no two send the same
//! order, and mark each claim with their own id. Each worker holds a session-level
//! advisory lock on its id for as long as its connection lives: an order left `sending`
//! by a worker whose lock is free belongs to a worker that died, and is taken to be
//! reconciled ([`Journal::take_in_doubt`]); one whose worker is alive is left alone. No
//! TLS: connect over a Unix socket or loopback.

use std::hash::{BuildHasher, Hasher};

use tokio::sync::Mutex;
use tokio::task::JoinHandle;
use tokio_postgres::{Client, NoTls, Row};

use super::error::not_held;
use super::record::now_ms;
use super::{
    Claimed, Entry, Journal, JournalError, JournalFuture, NewOrder, OrderState, Outcome, Summary,
    pending_migrations,
};

/// The schema, one migration per version; each runs once, in order.
const MIGRATIONS: &[&str] = &[
    // 1: the orders; `owner` is the id of the worker that claimed or reconciles it.
    "CREATE TABLE orders (
        seq BIGSERIAL PRIMARY KEY,
        order_no TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        payload_hash TEXT NOT NULL,
        state TEXT NOT NULL
            CHECK (state IN ('pending', 'sending', 'issued', 'refused', 'in_doubt')),
        invoice_number TEXT,
        adopted BOOLEAN NOT NULL DEFAULT FALSE,
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        owner BIGINT,
        created_ms BIGINT NOT NULL,
        updated_ms BIGINT NOT NULL
    );
    CREATE INDEX orders_by_state ON orders (state, seq);",
];

/// The advisory lock that serializes migrations between workers starting together.
const MIGRATION_LOCK: i64 = 0x7061_796e_6f77; // "paynow"

/// An issuance journal in PostgreSQL.
#[derive(Debug)]
pub struct PostgresJournal {
    client: Mutex<Client>,
    owner: i64,
    connection: JoinHandle<()>,
}

impl PostgresJournal {
    /// Connects to `url` (`postgres://user@host/db`, or `…?host=/socket/dir`), takes this
    /// worker's liveness lock, and migrates the schema.
    pub async fn connect(url: &str) -> Result<Self, JournalError> {
        let fail = |error| storage("connecting", error);
        let (mut client, connection) = tokio_postgres::connect(url, NoTls).await.map_err(fail)?;
        let connection = tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::warn!(%error, "journal: the PostgreSQL connection ended");
            }
        });
        let owner = worker_id();
        client
            .execute("SELECT pg_advisory_lock($1)", &[&owner])
            .await
            .map_err(fail)?;
        migrate(&mut client).await?;
        Ok(Self {
            client: Mutex::new(client),
            owner,
            connection,
        })
    }

    /// This worker's id, as recorded on the orders it claims.
    pub fn worker(&self) -> i64 {
        self.owner
    }
}

impl Drop for PostgresJournal {
    fn drop(&mut self) {
        // Closing the connection frees the liveness lock.
        self.connection.abort();
    }
}

/// A random id for this worker.
fn worker_id() -> i64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    hasher.write_i64(now_ms());
    hasher.finish() as i64
}

async fn migrate(client: &mut Client) -> Result<(), JournalError> {
    let fail = |error| storage("migrating the schema", error);
    let transaction = client.transaction().await.map_err(fail)?;
    transaction
        .execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await
        .map_err(fail)?;
    transaction
        .batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")
        .await
        .map_err(fail)?;
    let current: i64 = transaction
        .query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[])
        .await
        .map_err(fail)?
        .get(0);
    for (version, migration) in pending_migrations(MIGRATIONS, current)? {
        transaction.batch_execute(migration).await.map_err(fail)?;
        transaction
            .execute("DELETE FROM schema_version", &[])
            .await
            .map_err(fail)?;
        transaction
            .execute(
                "INSERT INTO schema_version (version) VALUES ($1)",
                &[&version],
            )
            .await
            .map_err(fail)?;
    }
    transaction.commit().await.map_err(fail)
}

fn storage(doing: &'static str, error: impl std::fmt::Display) -> JournalError {
    JournalError::Storage {
        doing,
        message: error.to_string(),
    }
}

fn claimed(rows: Vec<Row>) -> Result<Vec<Claimed>, JournalError> {
    rows.into_iter()
        .map(|row| Claimed::from_payload(row.get(0), row.get::<_, &str>(1)))
        .collect()
}

impl Journal for PostgresJournal {
    fn register<'a>(&'a self, orders: &'a [NewOrder]) -> JournalFuture<'a, ()> {
        Box::pin(async move {
            let fail = |error| storage("registering orders", error);
            let numbers: Vec<&str> = orders.iter().map(|o| o.order_no.as_str()).collect();
            let payloads: Vec<&str> = orders.iter().map(|o| o.payload.as_str()).collect();
            let hashes: Vec<&str> = orders.iter().map(|o| o.payload_hash.as_str()).collect();
            let mut client = self.client.lock().await;
            let transaction = client.transaction().await.map_err(fail)?;
            transaction
                .execute(
                    "INSERT INTO orders (order_no, payload, payload_hash, state, created_ms, updated_ms)
                     SELECT number, payload, hash, 'pending', $4, $4
                     FROM UNNEST($1::text[], $2::text[], $3::text[])
                        WITH ORDINALITY AS new (number, payload, hash, position)
                     ORDER BY position
                     ON CONFLICT (order_no) DO NOTHING",
                    &[&numbers, &payloads, &hashes, &now_ms()],
                )
                .await
                .map_err(fail)?;
            let changed: Vec<String> = transaction
                .query(
                    "SELECT o.order_no FROM orders o
                     JOIN UNNEST($1::text[], $2::text[]) AS new (number, hash) ON o.order_no = new.number
                     WHERE o.payload_hash <> new.hash ORDER BY o.seq",
                    &[&numbers, &hashes],
                )
                .await
                .map_err(fail)?
                .iter()
                .map(|row| row.get(0))
                .collect();
            if !changed.is_empty() {
                // Dropping the transaction rolls it back: nothing is recorded.
                return Err(JournalError::PayloadChanged { orders: changed });
            }
            transaction.commit().await.map_err(fail)
        })
    }

    fn take_in_doubt(&self) -> JournalFuture<'_, Vec<Claimed>> {
        Box::pin(async move {
            let fail = |error| storage("taking orders in doubt", error);
            let mut client = self.client.lock().await;
            let transaction = client.transaction().await.map_err(fail)?;
            let candidates = transaction
                .query(
                    "SELECT seq, owner FROM orders
                     WHERE state IN ('sending', 'in_doubt') AND owner IS DISTINCT FROM $1
                     FOR UPDATE SKIP LOCKED",
                    &[&self.owner],
                )
                .await
                .map_err(fail)?;
            let mut owners: Vec<i64> = candidates.iter().filter_map(|row| row.get(1)).collect();
            owners.sort_unstable();
            owners.dedup();
            let mut dead = Vec::new();
            for owner in owners {
                // Free only if the worker's connection is gone; then let it go again.
                let free: bool = transaction
                    .query_one("SELECT pg_try_advisory_lock($1)", &[&owner])
                    .await
                    .map_err(fail)?
                    .get(0);
                if free {
                    transaction
                        .execute("SELECT pg_advisory_unlock($1)", &[&owner])
                        .await
                        .map_err(fail)?;
                    dead.push(owner);
                }
            }
            let taken: Vec<i64> = candidates
                .iter()
                .filter(|row| {
                    row.get::<_, Option<i64>>(1)
                        .is_none_or(|o| dead.contains(&o))
                })
                .map(|row| row.get(0))
                .collect();
            transaction
                .execute(
                    "UPDATE orders SET owner = $1, updated_ms = $3, error = CASE WHEN state = 'sending'
                        THEN 'the worker sending it stopped before recording an answer' ELSE error END,
                        state = 'in_doubt'
                     WHERE seq = ANY($2)",
                    &[&self.owner, &taken, &now_ms()],
                )
                .await
                .map_err(fail)?;
            let rows = transaction
                .query(
                    "SELECT order_no, payload FROM orders
                     WHERE state = 'in_doubt' AND owner = $1 ORDER BY seq",
                    &[&self.owner],
                )
                .await
                .map_err(fail)?;
            transaction.commit().await.map_err(fail)?;
            claimed(rows)
        })
    }

    fn claim(&self, limit: usize) -> JournalFuture<'_, Vec<Claimed>> {
        Box::pin(async move {
            let client = self.client.lock().await;
            let rows = client
                .query(
                    "UPDATE orders SET state = 'sending', owner = $1, attempts = attempts + 1,
                        updated_ms = $3
                     WHERE seq IN (SELECT seq FROM orders WHERE state = 'pending' ORDER BY seq
                                   LIMIT $2 FOR UPDATE SKIP LOCKED)
                     RETURNING order_no, payload",
                    &[&self.owner, &(limit as i64), &now_ms()],
                )
                .await
                .map_err(|error| storage("claiming orders", error))?;
            claimed(rows)
        })
    }

    fn record<'a>(&'a self, order_no: &'a str, outcome: &'a Outcome) -> JournalFuture<'a, ()> {
        Box::pin(async move {
            let client = self.client.lock().await;
            let changed = client
                .execute(
                    "UPDATE orders SET state = $1, invoice_number = $2, adopted = $3, error = $4,
                        updated_ms = $5
                     WHERE order_no = $6 AND owner = $7 AND state IN ('sending', 'in_doubt')",
                    &[
                        &outcome.state().as_str(),
                        &outcome.invoice_number(),
                        &matches!(outcome, Outcome::Issued { adopted: true, .. }),
                        &outcome.error(),
                        &now_ms(),
                        &order_no,
                        &self.owner,
                    ],
                )
                .await
                .map_err(|error| storage("recording an outcome", error))?;
            not_held(changed, order_no)
        })
    }

    fn summary(&self) -> JournalFuture<'_, Summary> {
        Box::pin(async move {
            let client = self.client.lock().await;
            let rows = client
                .query("SELECT state, COUNT(*) FROM orders GROUP BY state", &[])
                .await
                .map_err(|error| storage("counting orders", error))?;
            let mut summary = Summary::default();
            for row in rows {
                let count: i64 = row.get(1);
                summary.add(row.get::<_, &str>(0).parse()?, count as u64);
            }
            Ok(summary)
        })
    }

    fn entries(&self, state: Option<OrderState>) -> JournalFuture<'_, Vec<Entry>> {
        Box::pin(async move {
            let client = self.client.lock().await;
            let rows = client
                .query(
                    "SELECT order_no, state, payload_hash, invoice_number, adopted, error, attempts,
                        created_ms, updated_ms
                     FROM orders WHERE $1::text IS NULL OR state = $1 ORDER BY seq",
                    &[&state.map(OrderState::as_str)],
                )
                .await
                .map_err(|error| storage("listing orders", error))?;
            rows.iter()
                .map(|row| {
                    Ok(Entry {
                        order_no: row.get(0),
                        state: row.get::<_, &str>(1).parse()?,
                        payload_hash: row.get(2),
                        invoice_number: row.get(3),
                        adopted: row.get(4),
                        error: row.get(5),
                        attempts: row.get::<_, i32>(6) as u32,
                        created_ms: row.get(7),
                        updated_ms: row.get(8),
                    })
                })
                .collect()
        })
    }
}
