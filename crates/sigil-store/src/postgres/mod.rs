//! PostgreSQL store, for several stateless instances sharing one database. One pool; transactions
//! run at READ COMMITTED except `load_directory`, which reads one REPEATABLE READ snapshot.
//!
//! Single-use operations rely on row locks: a concurrent `UPDATE … WHERE used_at IS NULL` waits for
//! the first updater to commit and then re-checks its condition against the committed row, so of
//! many callers exactly one matches.
//!
//! Case-insensitive names fold with `lower(x COLLATE "C")` (ASCII only, like SQLite's NOCASE) and the
//! JSON columns are `jsonb`, bound as text and cast (`$n::jsonb`), read back as `col::text`.
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use sigil_core::error::StoreError;
use sigil_core::store::*;
use sqlx::postgres::{PgPool, PgPoolOptions};

use crate::batch::RefreshBatches;
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

use conn::Faults;
use grants::RefreshSql;

pub struct PgStore {
    pool: PgPool,
    refresh: RefreshBatches,
    faults: Arc<Faults>,
    /// The connection `LISTEN`ing for directory changes; opened on first use, dropped on error.
    listener: tokio::sync::Mutex<Option<sqlx::postgres::PgListener>>,
}

impl PgStore {
    pub async fn open(url: &str, max_connections: u32) -> Result<Self, StoreError> {
        // No ping before a connection is handed out: it is a round trip to PostgreSQL (and a wake-up
        // of its backend) per statement. A connection PostgreSQL dropped fails one statement, and
        // the pool's ping when that connection is given back then discards it.
        let faults = Arc::new(Faults {
            start: Instant::now(),
            last_seen: AtomicU64::new(0),
            recent: crate::RecentFaults::new(),
        });
        let (ro, ro_new) = (faults.clone(), faults.clone());
        let pool = PgPoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
            .test_before_acquire(false)
            .before_acquire(move |_, meta| {
                let keep = !ro.opened_before_fault(meta.age);
                Box::pin(async move { Ok(keep) })
            })
            .after_connect(move |conn, _| {
                let ro = ro_new.clone();
                Box::pin(async move {
                    let setting: String = sqlx::query_scalar("SELECT current_setting('transaction_read_only')")
                        .fetch_one(&mut *conn)
                        .await?;
                    if setting == "on" {
                        ro.mark();
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await
            .map_err(map_err)?;
        // The migrator holds a PostgreSQL advisory lock, so instances starting together migrate once.
        crate::migrate::migrator(&[
            (1, "initial", include_str!("../../migrations/postgres/0001_initial.sql")),
            (
                2,
                "signin log lookup indexes",
                include_str!("../../migrations/postgres/0002_signin_log_lookup_indexes.sql"),
            ),
            (3, "grants expiry index", include_str!("../../migrations/postgres/0003_grants_expiry_index.sql")),
            (
                4,
                "user profile and issuer name",
                include_str!("../../migrations/postgres/0004_user_profile_and_issuer_name.sql"),
            ),
            (
                5,
                "lockout familiar sources",
                include_str!("../../migrations/postgres/0005_lockout_familiar_sources.sql"),
            ),
            (6, "write probe", include_str!("../../migrations/postgres/0006_write_probe.sql")),
            (7, "revoked access tokens", include_str!("../../migrations/postgres/0007_revoked_access_tokens.sql")),
            (8, "device codes", include_str!("../../migrations/postgres/0008_device_codes.sql")),
            (9, "session clients index", include_str!("../../migrations/postgres/0009_session_clients_index.sql")),
            (10, "assertion jtis", include_str!("../../migrations/postgres/0010_assertion_jtis.sql")),
            (11, "derived grants", include_str!("../../migrations/postgres/0011_derived_grants.sql")),
            (12, "par and dpop", include_str!("../../migrations/postgres/0012_par_and_dpop.sql")),
            (13, "groups and app roles", include_str!("../../migrations/postgres/0013_groups_and_app_roles.sql")),
            (14, "registration", include_str!("../../migrations/postgres/0014_registration.sql")),
            (
                15,
                "client secret jwt and trusted issuers",
                include_str!("../../migrations/postgres/0015_client_secret_jwt_and_trusted_issuers.sql"),
            ),
            (17, "mfa", include_str!("../../migrations/postgres/0017_mfa.sql")),
            (19, "admin audit log", include_str!("../../migrations/postgres/0019_admin_audit_log.sql")),
            (20, "rate limits", include_str!("../../migrations/postgres/0020_rate_limits.sql")),
            (23, "branding", include_str!("../../migrations/postgres/0023_branding.sql")),
            (25, "account sessions", include_str!("../../migrations/postgres/0025_account_sessions.sql")),
            (27, "signin policies", include_str!("../../migrations/postgres/0027_signin_policies.sql")),
            (29, "scim", include_str!("../../migrations/postgres/0029_scim.sql")),
            (
                33,
                "log search and retention indexes",
                include_str!("../../migrations/postgres/0033_log_search_and_retention_indexes.sql"),
            ),
        ])
        .run(&pool)
        .await
        .map_err(|e| StoreError::Other(format!("migrations: {e}")))?;
        let refresh = RefreshBatches::start(RefreshSql { pool: pool.clone(), faults: faults.clone() });
        Ok(Self { pool, refresh, faults, listener: tokio::sync::Mutex::new(None) })
    }
}

#[async_trait]
impl Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map_err(|e| self.faults.seen(e)).map(|_| ())
    }

    async fn probe_write(&self) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO write_probe (id, probed_at) VALUES (1, extract(epoch FROM now())::bigint)
             ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at",
        )
        .execute(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))?;
        self.faults.recent.check()
    }

    fn pool_usage(&self) -> (u32, u32) {
        let size = self.pool.size();
        let idle = self.pool.num_idle() as u32;
        (size.saturating_sub(idle), idle)
    }

    async fn close(&self) {
        // The change-notice connection is the store's, not a request's: `close` waits for every
        // pooled connection to come back, so hand this one back first.
        drop(self.listener.lock().await.take());
        self.pool.close().await;
    }
}
