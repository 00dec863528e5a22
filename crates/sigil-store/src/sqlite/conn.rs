//! SQLite connections held outside sqlx's pool: the writer, and the readers of the refresh-token
//! read batches.
//!
//! sqlx's pool pings a connection when it is taken (`test_before_acquire`, on by default) and,
//! always, in a spawned task when it is given back; for SQLite each ping is a round trip to the
//! connection's own thread. With one writer that made every write three hand-offs instead of one,
//! and the next write waited for the previous one's release ping. A connection in a mutex has
//! neither, and SQLite allows one writer at a time anyway.
use std::time::Duration;

use sigil_core::error::StoreError;
use sigil_core::store::StoreResult;
use sqlx::ConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use tokio::sync::{MappedMutexGuard, Mutex, MutexGuard};

use crate::map_err;

pub(super) struct OwnedConn(Mutex<Option<SqliteConnection>>);

pub(super) type ConnGuard<'a> = MappedMutexGuard<'a, SqliteConnection>;

/// How long a statement waits for the connection (the pool's acquire timeout, before).
const WAIT: Duration = Duration::from_secs(10);

impl OwnedConn {
    pub(super) async fn connect(opts: &SqliteConnectOptions) -> Result<Self, StoreError> {
        Ok(Self(Mutex::new(Some(opts.connect().await.map_err(map_err)?))))
    }

    /// The connection, once the statement before has finished; an error after [`Self::close`].
    pub(super) async fn lock(&self) -> StoreResult<ConnGuard<'_>> {
        let guard = tokio::time::timeout(WAIT, self.0.lock())
            .await
            .map_err(|_| StoreError::Unavailable(format!("an SQLite connection was busy for {} s", WAIT.as_secs())))?;
        open(guard)
    }

    /// The first of `conns` that is free, else the first once it is.
    pub(super) async fn lock_any(conns: &[OwnedConn]) -> StoreResult<ConnGuard<'_>> {
        for c in conns {
            if let Ok(guard) = c.0.try_lock() {
                return open(guard);
            }
        }
        conns[0].lock().await
    }

    /// Whether a statement is running now (for the pool gauges).
    pub(super) fn busy(&self) -> bool {
        self.0.try_lock().is_err()
    }

    pub(super) async fn close(&self) {
        if let Some(c) = self.0.lock().await.take() {
            let _ = sqlx::Connection::close(c).await;
        }
    }
}

fn open(guard: MutexGuard<'_, Option<SqliteConnection>>) -> StoreResult<ConnGuard<'_>> {
    MutexGuard::try_map(guard, Option::as_mut).map_err(|_| StoreError::Unavailable("store is shutting down".into()))
}
