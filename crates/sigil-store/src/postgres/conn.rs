//! PostgreSQL connection handling shared by every area: storage faults noted per statement and
//! `BEGIN` that survives a cancelled caller.
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use sigil_core::error::StoreError;
use sigil_core::store::StoreResult;
use sqlx::Postgres;
use sqlx::postgres::PgPool;

use crate::map_err;

/// Storage faults (issue 17 item 9). A session opened while the database was read-only (a
/// fail-over to a standby, `default_transaction_read_only`) stays read-only after the database
/// is writable again. When a statement meets one (SQLSTATE 25006), or a new connection turns out
/// read-only, every connection opened until then is dropped at its next use instead of reused, so
/// once the database accepts writes the pool refills with sessions opened afresh and the store
/// writes again by itself. While the database stays read-only, each use opens a new connection.
pub(super) struct Faults {
    pub(super) start: Instant,
    /// Milliseconds after `start` at which a statement last met a read-only session (0: never).
    pub(super) last_seen: AtomicU64,
    pub(super) recent: crate::RecentFaults,
}

impl Faults {
    /// [`map_err`], noting a read-only session and any failure for readiness.
    pub(super) fn seen(&self, e: sqlx::Error) -> StoreError {
        if let sqlx::Error::Database(d) = &e
            && d.code().as_deref() == Some("25006")
        {
            self.mark();
        }
        let err = map_err(e);
        self.recent.note::<()>(&Err(err.clone()));
        err
    }

    pub(super) fn mark(&self) {
        self.last_seen.fetch_max(self.start.elapsed().as_millis() as u64 + 1, Ordering::Relaxed);
    }

    /// Whether a connection of this age was opened before the last read-only session was met.
    pub(super) fn opened_before_fault(&self, age: Duration) -> bool {
        let last = self.last_seen.load(Ordering::Relaxed);
        last != 0 && (self.start.elapsed().saturating_sub(age).as_millis() as u64) < last
    }
}

/// `BEGIN` in a task of its own. sqlx 0.9 leaves a PostgreSQL connection inside a transaction when
/// `begin()` is dropped while it waits for the server's answer (its rollback guard only acts once
/// the transaction is counted, which happens after that answer); the connection then goes back to
/// the pool mid-transaction, and every later statement on it stays uncommitted and keeps its row
/// locks. A caller that goes away (a client that disconnected) must not do that: the spawned task
/// always finishes `begin()`, and if nobody takes the transaction, dropping it rolls it back. Once
/// begun, the transaction's own guard covers the rest. The conformance test
/// `cancelled_calls_leave_the_store_consistent` hung without this.
pub(super) async fn begin(pool: &PgPool) -> StoreResult<sqlx::Transaction<'static, Postgres>> {
    begin_with(pool, None).await
}

/// [`begin`] with a `BEGIN` statement of the caller's.
pub(super) async fn begin_with(
    pool: &PgPool,
    statement: Option<&'static str>,
) -> StoreResult<sqlx::Transaction<'static, Postgres>> {
    let pool = pool.clone();
    let task = async move {
        match statement {
            Some(s) => pool.begin_with(s).await,
            None => pool.begin().await,
        }
    };
    match tokio::spawn(task).await {
        Ok(tx) => tx.map_err(map_err),
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => Err(StoreError::Unavailable(format!("store task: {e}"))),
    }
}
