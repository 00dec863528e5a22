//! SQLite connections held outside sqlx's pool: the writer, and the readers of the refresh-token
//! read batches.
//!
//! sqlx's pool pings a connection when it is taken (`test_before_acquire`, on by default) and,
//! always, in a spawned task when it is given back; for SQLite each ping is a round trip to the
//! connection's own thread. With one writer that made every write three hand-offs instead of one,
//! and the next write waited for the previous one's release ping. A connection in a mutex has
//! neither, and SQLite allows one writer at a time anyway.
//!
//! Storage faults (disk full, a read-only or immutable file). A statement outside a transaction
//! commits when SQLite finishes it; sqlx stops a `fetch_one`/`fetch_optional` after its first row
//! and finishes the statement by resetting it, ignoring the result, so a commit that failed there
//! (an `UPDATE … RETURNING` whose WAL write failed) went unseen: the caller was told the write
//! succeeded. SQLite calls the connection's commit hook, then, as the commit fails and the
//! transaction is rolled back, its rollback hook ([`CommitWatch`]): a write that returned rows
//! while that happened did not commit ([`ConnGuard::settle`]). A
//! connection that met a fault is replaced by a new one at its next use: after a failed `COMMIT`,
//! sqlx's count of open transactions no longer matches SQLite's, and every later transaction on
//! that connection could stay open, uncommitted, for good.
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use sigil_core::error::StoreError;
use sigil_core::store::StoreResult;
use sqlx::ConnectOptions;
use sqlx::Sqlite;
use sqlx::query::{Query, QueryScalar};
use sqlx::sqlite::{SqliteArguments, SqliteConnectOptions, SqliteConnection, SqliteQueryResult, SqliteRow};
use tokio::sync::{Mutex, MutexGuard};

use crate::{RecentFaults, map_err};

pub(super) struct OwnedConn {
    slot: Mutex<Slot>,
    opts: SqliteConnectOptions,
    faults: Arc<RecentFaults>,
}

enum Slot {
    Open(Live),
    /// Dropped after a fault; connected again at the next use.
    Lost,
    Closed,
}

struct Live {
    conn: SqliteConnection,
    commits: Arc<CommitWatch>,
}

/// What SQLite's commit and rollback hooks saw since the connection was last taken. SQLite calls
/// the commit hook before it writes a commit, and the rollback hook when the commit then fails; a
/// rollback without a commit before it (an error inside a transaction, a statement prepared again
/// after a schema change) is not a failed commit.
#[derive(Default)]
struct CommitWatch {
    committing: AtomicBool,
    failed: AtomicBool,
}

impl CommitWatch {
    fn reset(&self) {
        self.committing.store(false, Ordering::Relaxed);
        self.failed.store(false, Ordering::Relaxed);
    }
}

/// A connection, to run statements on. One taken to write ([`OwnedConn::write`]) must be given
/// the outcome ([`ConnGuard::settle`]); dropped without it (an early return on an error, a
/// cancelled call) it is replaced, since its state is then unknown.
pub(super) struct ConnGuard<'a> {
    slot: MutexGuard<'a, Slot>,
    unsettled_write: bool,
    faults: &'a RecentFaults,
}

/// How long a statement waits for the connection (the pool's acquire timeout, before).
const WAIT: Duration = Duration::from_secs(10);

impl OwnedConn {
    /// A connection whose failures are noted in `faults`.
    pub(super) async fn connect(opts: &SqliteConnectOptions, faults: Arc<RecentFaults>) -> Result<Self, StoreError> {
        Ok(Self { slot: Mutex::new(Slot::Open(Live::connect(opts).await?)), opts: opts.clone(), faults })
    }

    /// The connection, once the statement before has finished; an error after [`Self::close`].
    /// Private: a writer is only taken through [`Self::write`] (and [`OnWriter`]), so that no
    /// write skips [`ConnGuard::settle`]; readers through [`Self::lock_any`]; the migrations at
    /// start through [`Self::lock_to_migrate`].
    async fn lock(&self) -> StoreResult<ConnGuard<'_>> {
        let guard = tokio::time::timeout(WAIT, self.slot.lock())
            .await
            .map_err(|_| StoreError::Unavailable(format!("an SQLite connection was busy for {} s", WAIT.as_secs())))?;
        self.open(guard).await
    }

    /// [`Self::lock`], for the migrations at start: a failure there fails the start, whatever it is.
    pub(super) async fn lock_to_migrate(&self) -> StoreResult<ConnGuard<'_>> {
        self.lock().await
    }

    /// [`Self::lock`], to write: the outcome goes to [`ConnGuard::settle`].
    pub(super) async fn write(&self) -> StoreResult<ConnGuard<'_>> {
        let mut guard = self.lock().await?;
        guard.unsettled_write = true;
        Ok(guard)
    }

    /// The first of `conns` that is free, else the first once it is.
    pub(super) async fn lock_any(conns: &[OwnedConn]) -> StoreResult<ConnGuard<'_>> {
        for c in conns {
            if let Ok(guard) = c.slot.try_lock() {
                return c.open(guard).await;
            }
        }
        conns[0].lock().await
    }

    async fn open<'a>(&'a self, mut guard: MutexGuard<'a, Slot>) -> StoreResult<ConnGuard<'a>> {
        match &*guard {
            Slot::Open(live) => live.commits.reset(),
            Slot::Lost => {
                let live = Live::connect(&self.opts).await;
                self.faults.note(&live);
                *guard = Slot::Open(live?);
                tracing::debug!("SQLite connection opened again after a storage fault");
            }
            Slot::Closed => return Err(StoreError::Unavailable("store is shutting down".into())),
        }
        Ok(ConnGuard { slot: guard, unsettled_write: false, faults: &self.faults })
    }

    /// Whether a statement is running now (for the pool gauges).
    pub(super) fn busy(&self) -> bool {
        self.slot.try_lock().is_err()
    }

    pub(super) async fn close(&self) {
        if let Slot::Open(live) = std::mem::replace(&mut *self.slot.lock().await, Slot::Closed) {
            let _ = sqlx::Connection::close(live.conn).await;
        }
    }
}

impl Live {
    async fn connect(opts: &SqliteConnectOptions) -> StoreResult<Self> {
        let mut conn = opts.connect().await.map_err(map_err)?;
        let commits = Arc::new(CommitWatch::default());
        let mut handle = conn.lock_handle().await.map_err(map_err)?;
        let watch = commits.clone();
        handle.set_commit_hook(move || {
            watch.committing.store(true, Ordering::Relaxed);
            true // go on with the commit
        });
        let watch = commits.clone();
        handle.set_rollback_hook(move || {
            if watch.committing.swap(false, Ordering::Relaxed) {
                watch.failed.store(true, Ordering::Relaxed);
            }
        });
        drop(handle);
        Ok(Self { conn, commits })
    }
}

impl ConnGuard<'_> {
    fn live(&mut self) -> &mut Live {
        match &mut *self.slot {
            Slot::Open(live) => live,
            // `OwnedConn::open` made it so, and only `settle` (which consumes the guard) changes it.
            Slot::Lost | Slot::Closed => unreachable!("a ConnGuard always holds an open connection"),
        }
    }

    /// The outcome of the statements run on this connection since it was locked. A write that
    /// reported success while its transaction was rolled back did not commit: `Unavailable`. After
    /// any `Unavailable` the connection is dropped, and connected again at its next use. Every
    /// write on the writer ends here; a transaction that succeeds ends with its `COMMIT`.
    pub(super) fn settle<T>(mut self, outcome: StoreResult<T>) -> StoreResult<T> {
        self.unsettled_write = false;
        let outcome = match outcome {
            Ok(_) if self.live().commits.failed.load(Ordering::Relaxed) => {
                Err(StoreError::Unavailable("SQLite rolled the write back: its commit failed".into()))
            }
            other => other,
        };
        // Warned once per fault (one ends after 5 s without failures): each failed request is
        // logged anyway.
        let first = self.faults.check().is_ok();
        self.faults.note(&outcome);
        if let Err(StoreError::Unavailable(e)) = &outcome {
            if first {
                tracing::warn!(error = %e, "SQLite write failed; the connection will be opened again");
            }
            self.replace();
        }
        outcome
    }

    /// Drops the connection (closing it rolls back whatever transaction SQLite still has open on
    /// it); the next use opens a new one.
    fn replace(&mut self) {
        *self.slot = Slot::Lost;
    }
}

impl Drop for ConnGuard<'_> {
    fn drop(&mut self) {
        if self.unsettled_write {
            self.replace();
        }
    }
}

impl std::ops::Deref for ConnGuard<'_> {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        match &*self.slot {
            Slot::Open(live) => &live.conn,
            Slot::Lost | Slot::Closed => unreachable!("a ConnGuard always holds an open connection"),
        }
    }
}

impl std::ops::DerefMut for ConnGuard<'_> {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.live().conn
    }
}

/// A statement run on its own on a writer ([`OwnedConn::write`]), its outcome settled
/// ([`ConnGuard::settle`]).
pub(super) trait OnWriter: Sized {
    async fn execute_on(self, w: &OwnedConn) -> StoreResult<SqliteQueryResult>;
    async fn fetch_all_on(self, w: &OwnedConn) -> StoreResult<Vec<SqliteRow>>;
    async fn fetch_optional_on(self, w: &OwnedConn) -> StoreResult<Option<SqliteRow>>;
}

impl OnWriter for Query<'_, Sqlite, SqliteArguments> {
    async fn execute_on(self, w: &OwnedConn) -> StoreResult<SqliteQueryResult> {
        let mut g = w.write().await?;
        let r = self.execute(&mut *g).await.map_err(map_err);
        g.settle(r)
    }
    async fn fetch_all_on(self, w: &OwnedConn) -> StoreResult<Vec<SqliteRow>> {
        let mut g = w.write().await?;
        let r = self.fetch_all(&mut *g).await.map_err(map_err);
        g.settle(r)
    }
    async fn fetch_optional_on(self, w: &OwnedConn) -> StoreResult<Option<SqliteRow>> {
        let mut g = w.write().await?;
        let r = self.fetch_optional(&mut *g).await.map_err(map_err);
        g.settle(r)
    }
}

/// [`OnWriter`] for `query_scalar`.
pub(super) trait ScalarOnWriter<O>: Sized {
    async fn fetch_one_on(self, w: &OwnedConn) -> StoreResult<O>;
    async fn fetch_optional_on(self, w: &OwnedConn) -> StoreResult<Option<O>>;
}

impl<O> ScalarOnWriter<O> for QueryScalar<'_, Sqlite, O, SqliteArguments>
where
    O: Send + Unpin,
    (O,): Send + Unpin + for<'r> sqlx::FromRow<'r, SqliteRow>,
{
    async fn fetch_one_on(self, w: &OwnedConn) -> StoreResult<O> {
        let mut g = w.write().await?;
        let r = self.fetch_one(&mut *g).await.map_err(map_err);
        g.settle(r)
    }
    async fn fetch_optional_on(self, w: &OwnedConn) -> StoreResult<Option<O>> {
        let mut g = w.write().await?;
        let r = self.fetch_optional(&mut *g).await.map_err(map_err);
        g.settle(r)
    }
}
