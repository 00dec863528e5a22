//! SQLite store. One writer connection (SQLite allows one writer at a time anyway, and a single
//! writer never meets SQLITE_BUSY) and a pool of readers, in WAL mode.
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use sigil_core::error::StoreError;
use sigil_core::store::*;
use sqlx::Sqlite;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

use crate::batch::{RefreshBatches, RefreshStatements};
use crate::map_err;

mod account;
mod audit;
mod conn;
mod devices;
mod directory;
mod dpop;
mod factors;
mod grants;
mod pushed;
mod ratelimit;
mod registration;
mod scim;
mod sessions;
mod signin_log;
mod users;

use conn::{OnWriter, OwnedConn};
use grants::RefreshSql;

/// A SQLite boolean column (the tables are `STRICT` integers): 0 or 1, anything else is an error.
fn flag(column: &str, v: i64) -> Result<bool, StoreError> {
    match v {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(StoreError::Other(format!("bad {column} flag {v}"))),
    }
}

pub struct SqliteStore {
    faults: Arc<crate::RecentFaults>,
    write: Arc<OwnedConn>,
    read: SqlitePool,
    refresh_read: Arc<[OwnedConn]>,
    refresh: RefreshBatches,
    checkpointer: Checkpointer,
}

/// Copies the WAL back into the database file from its own connection, so that the checkpoint's
/// fsyncs never run on the writer (with SQLite's automatic checkpoints the committing writer does
/// that work, and every request waits behind it). `PASSIVE` every 50 ms blocks no one. Under a
/// continuous write stream a passive checkpoint never finds the WAL idle, so the WAL is not reset
/// and keeps growing; past [`Self::RESTART_FRAMES`] a `RESTART` resets it. `RESTART` holds off
/// the writer while it copies what the last passive one left (about 50 ms of writes) and fsyncs;
/// it never waits for readers (busy timeout 0: it gives up and is tried at the next tick).
struct Checkpointer {
    conn: SqlitePool,
    task: tokio::task::JoinHandle<()>,
}

impl Checkpointer {
    const EVERY: Duration = Duration::from_millis(50);
    const RESTART_FRAMES: i64 = 32_768;

    async fn start(opts: SqliteConnectOptions) -> Result<Self, StoreError> {
        let opts = opts.busy_timeout(Duration::ZERO);
        let conn = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .connect_with(opts)
            .await
            .map_err(map_err)?;
        let c = conn.clone();
        let task = tokio::spawn(async move {
            let mut tick = tokio::time::interval(Self::EVERY);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            let mut mode = "PASSIVE";
            // Logged when checkpoints start failing and when they work again, not every 50 ms
            // while the disk is full or the file read-only.
            let mut failing = false;
            while !c.is_closed() {
                tick.tick().await;
                let sql =
                    if mode == "PASSIVE" { "PRAGMA wal_checkpoint(PASSIVE)" } else { "PRAGMA wal_checkpoint(RESTART)" };
                match sqlx::query_as::<_, (i64, i64, i64)>(sql).fetch_one(&c).await {
                    Ok((_, log, _)) => {
                        mode = if log > Self::RESTART_FRAMES { "RESTART" } else { "PASSIVE" };
                        if std::mem::take(&mut failing) {
                            tracing::info!("WAL checkpoints work again");
                        }
                    }
                    Err(e) if !c.is_closed() => {
                        if !std::mem::replace(&mut failing, true) {
                            tracing::warn!(error = %e, "WAL checkpoint failed (logged again once they work)");
                        }
                    }
                    Err(_) => break,
                }
            }
        });
        Ok(Self { conn, task })
    }

    /// A last full checkpoint, so a closed store leaves no WAL behind.
    async fn close(&self) {
        self.task.abort();
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.conn).await;
        self.conn.close().await;
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl SqliteStore {
    /// [`crate::delete_in_chunks`] on the writer: `delete` is a statement with every parameter
    /// bound but its last, the chunk's row limit.
    async fn delete_in_chunks<'q>(
        &self,
        delete: impl Fn() -> sqlx::query::Query<'q, Sqlite, sqlx::sqlite::SqliteArguments>,
    ) -> StoreResult<u64> {
        crate::delete_in_chunks(|limit| {
            let q = delete().bind(limit);
            async move { q.execute_on(&self.write).await.map(|r| r.rows_affected()) }
        })
        .await
    }

    pub async fn open(url: &str, max_connections: u32) -> Result<Self, StoreError> {
        let opts = SqliteConnectOptions::from_str(url)
            .map_err(map_err)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // WAL + NORMAL: a commit survives a process crash; only an OS crash may lose the last ones.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        owner_only(opts.get_filename())?;
        // The writer keeps a larger page cache (16 MiB): the sign-in log's indexes stay in memory
        // between batches instead of being re-read from the file. It never checkpoints: a
        // checkpoint fsyncs, and every write would wait behind it (see `Checkpointer`).
        let faults = Arc::new(crate::RecentFaults::new());
        let write = OwnedConn::connect(
            &opts
                .clone()
                .pragma("cache_size", "-16384")
                .pragma("wal_autocheckpoint", "0")
                .pragma("journal_size_limit", "67108864"),
            faults.clone(),
        )
        .await?;
        crate::migrate::migrator(&[
            (1, "initial", include_str!("../../migrations/sqlite/0001_initial.sql")),
            (
                2,
                "signin log lookup indexes",
                include_str!("../../migrations/sqlite/0002_signin_log_lookup_indexes.sql"),
            ),
            (3, "refresh rotation trigger", include_str!("../../migrations/sqlite/0003_refresh_rotation_trigger.sql")),
            (4, "grants expiry index", include_str!("../../migrations/sqlite/0004_grants_expiry_index.sql")),
            (
                5,
                "refresh tokens without grant index",
                include_str!("../../migrations/sqlite/0005_refresh_tokens_without_grant_index.sql"),
            ),
            (6, "signin log fewer indexes", include_str!("../../migrations/sqlite/0006_signin_log_fewer_indexes.sql")),
            (
                7,
                "signin log correlation when given",
                include_str!("../../migrations/sqlite/0007_signin_log_correlation_when_given.sql"),
            ),
            (
                8,
                "user profile and issuer name",
                include_str!("../../migrations/sqlite/0008_user_profile_and_issuer_name.sql"),
            ),
            (9, "lockout familiar sources", include_str!("../../migrations/sqlite/0009_lockout_familiar_sources.sql")),
            (10, "write probe", include_str!("../../migrations/sqlite/0010_write_probe.sql")),
            (11, "revoked access tokens", include_str!("../../migrations/sqlite/0011_revoked_access_tokens.sql")),
            (12, "device codes", include_str!("../../migrations/sqlite/0012_device_codes.sql")),
            (13, "session clients index", include_str!("../../migrations/sqlite/0013_session_clients_index.sql")),
            (14, "assertion jtis", include_str!("../../migrations/sqlite/0014_assertion_jtis.sql")),
            (15, "derived grants", include_str!("../../migrations/sqlite/0015_derived_grants.sql")),
            (16, "par and dpop", include_str!("../../migrations/sqlite/0016_par_and_dpop.sql")),
            (17, "groups and app roles", include_str!("../../migrations/sqlite/0017_groups_and_app_roles.sql")),
            (18, "registration", include_str!("../../migrations/sqlite/0018_registration.sql")),
            (
                19,
                "client secret jwt and trusted issuers",
                include_str!("../../migrations/sqlite/0019_client_secret_jwt_and_trusted_issuers.sql"),
            ),
            (21, "mfa", include_str!("../../migrations/sqlite/0021_mfa.sql")),
            (23, "admin audit log", include_str!("../../migrations/sqlite/0023_admin_audit_log.sql")),
            (27, "branding", include_str!("../../migrations/sqlite/0027_branding.sql")),
            (29, "account sessions", include_str!("../../migrations/sqlite/0029_account_sessions.sql")),
            (31, "signin policies", include_str!("../../migrations/sqlite/0031_signin_policies.sql")),
            (33, "scim", include_str!("../../migrations/sqlite/0033_scim.sql")),
            (
                37,
                "log search and retention indexes",
                include_str!("../../migrations/sqlite/0037_log_search_and_retention_indexes.sql"),
            ),
        ])
        .run(&mut *write.lock_to_migrate().await?)
        .await
        .map_err(|e| StoreError::Other(format!("migrations: {e}")))?;
        // No ping before a reader is handed out: it is a round trip to the connection's thread, and
        // an in-process connection cannot have been dropped by a server (see `conn`).
        let read = SqlitePoolOptions::new()
            .max_connections(max_connections.max(2))
            .acquire_timeout(Duration::from_secs(10))
            .test_before_acquire(false)
            .connect_with(opts.clone().read_only(true))
            .await
            .map_err(map_err)?;
        let write = Arc::new(write);
        // The refresh read batches have their own readers, one per batch in flight, outside the pool.
        let mut refresh_read = Vec::with_capacity(RefreshSql::READS_IN_FLIGHT);
        for _ in 0..RefreshSql::READS_IN_FLIGHT {
            refresh_read.push(OwnedConn::connect(&opts.clone().read_only(true), faults.clone()).await?);
        }
        let refresh_read: Arc<[OwnedConn]> = refresh_read.into();
        let refresh = RefreshBatches::start(RefreshSql { read: refresh_read.clone(), write: write.clone() });
        let checkpointer = Checkpointer::start(opts).await?;
        Ok(Self { faults, write, read, refresh_read, refresh, checkpointer })
    }
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.read).await.map_err(map_err).map(|_| ())
    }

    /// Through the writer, like every write: a fault there is what it must see. 16 KiB, several
    /// pages, more than a token request writes: where it fits, theirs do.
    async fn probe_write(&self) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO write_probe (id, probed_at, filler) VALUES (1, unixepoch(), zeroblob(16384))
             ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at, filler = excluded.filler",
        )
        .execute_on(&self.write)
        .await?;
        self.faults.check()
    }

    fn pool_usage(&self) -> (u32, u32) {
        let owned = std::iter::once(&*self.write).chain(self.refresh_read.iter());
        let (n, busy) = owned.fold((0, 0), |(n, b), c| (n + 1, b + u32::from(c.busy())));
        let size = self.read.size() + n;
        let idle = self.read.num_idle() as u32 + n - busy;
        (size.saturating_sub(idle), idle)
    }

    async fn close(&self) {
        self.write.close().await;
        for c in self.refresh_read.iter() {
            c.close().await;
        }
        self.read.close().await;
        self.checkpointer.close().await;
    }
}

/// The database holds password hashes, sealed keys and the sign-in log: its folder (when Sigil
/// creates it) is 0700 and the file 0600. SQLite creates `-wal` and `-shm` with the database
/// file's mode; files left looser by an older version are tightened.
fn owner_only(db: &std::path::Path) -> Result<(), StoreError> {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
    let fail = |p: &std::path::Path, e: std::io::Error| StoreError::Other(format!("{}: {e}", p.display()));
    if db.as_os_str().is_empty() || db.to_str() == Some(":memory:") {
        return Ok(());
    }
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|e| fail(dir, e))?;
    }
    match std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(db) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(fail(db, e)),
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        let path = std::path::Path::new(&name);
        if let Ok(m) = std::fs::metadata(path)
            && m.permissions().mode() & 0o077 != 0
        {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(|e| fail(path, e))?;
            tracing::warn!(path = %path.display(), "database file was readable by others; now 0600");
        }
    }
    Ok(())
}
