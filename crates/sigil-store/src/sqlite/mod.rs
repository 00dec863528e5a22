//! SQLite store. One writer connection (SQLite allows one writer at a time anyway, and a single
//! writer never meets SQLITE_BUSY) and a pool of readers, in WAL mode.
use std::collections::{HashMap, HashSet};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use sigil_core::clock::UnixTime;
use sigil_core::error::StoreError;
use sigil_core::model::*;
use sigil_core::signin_log::{SigninQuery, SigninRecord};
use sigil_core::store::*;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{Connection, QueryBuilder, Row, Sqlite};
use uuid::Uuid;

use crate::batch::{OwnedRotation, RefreshBatches, RefreshStatements, padded_size};
use crate::client_body::{self, ClientRow};
use crate::{map_err, uuid};

mod conn;

use conn::{OnWriter, OwnedConn, ScalarOnWriter};

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

    /// SQLite's plan for a sign-in log lookup (`EXPLAIN QUERY PLAN`, one line per step): lets a
    /// test, or an operator with a slow lookup, check which index it takes.
    pub async fn explain_signins(&self, q: &SigninQuery) -> StoreResult<Vec<String>> {
        let rows =
            signin_query("EXPLAIN QUERY PLAN SELECT *", q).build().fetch_all(&self.read).await.map_err(map_err)?;
        Ok(rows.iter().map(|r| r.get::<String, _>("detail")).collect())
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

const REFRESH_SELECT: &str = "SELECT t.hash AS rt_hash, g.*, t.created_at AS rt_created, t.used_at AS rt_used,
       u.id AS u_id, u.tenant_id AS u_tenant_id, u.username AS u_username, u.display_name AS u_display_name,
       u.email AS u_email, u.enabled AS u_enabled, u.password_hash AS u_password_hash,
       u.email_verified AS u_email_verified, u.profile AS u_profile, u.updated_at AS u_updated_at
     FROM refresh_tokens t JOIN grants g ON g.id = t.grant_id
       LEFT JOIN users u ON u.id = g.user_id AND u.tenant_id = g.tenant_id
     WHERE t.hash";

fn to_refresh_state(r: &SqliteRow) -> Result<RefreshTokenState, StoreError> {
    let user = match r.get::<Option<String>, _>("u_id") {
        Some(_) => Some(user_columns(r, "u_")?),
        None => None,
    };
    Ok(RefreshTokenState { grant: to_grant(r)?, created_at: r.get("rt_created"), used_at: r.get("rt_used"), user })
}

/// How far before the oldest remaining grant `purge` stops reclaiming refresh tokens: a token's
/// key carries the issue time from the clock, so a clock stepped back (up to this far) cannot make
/// a remaining grant's token look older than its grant.
const CLOCK_STEP_MARGIN: UnixTime = 86_400;

/// Refresh-token statements for [`RefreshBatches`]: reads on their own readers, rotations on the writer.
#[derive(Clone)]
struct RefreshSql {
    read: Arc<[OwnedConn]>,
    write: Arc<OwnedConn>,
}

impl RefreshStatements for RefreshSql {
    const READS_IN_FLIGHT: usize = 2;
    const ROTATIONS_IN_FLIGHT: usize = 1;

    async fn read_one(&self, hash: &[u8]) -> StoreResult<Option<RefreshTokenState>> {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(REFRESH_SELECT);
        let mut conn = OwnedConn::lock_any(&self.read).await?;
        let row = qb.push(" = ").push_bind(hash).build().fetch_optional(&mut *conn).await.map_err(map_err)?;
        row.as_ref().map(to_refresh_state).transpose()
    }

    /// `IN` over the batch, padded with the empty hash (which no token has) to a power of two so
    /// that few distinct statements are prepared.
    async fn read_many(&self, hashes: &[Vec<u8>]) -> StoreResult<HashMap<Vec<u8>, RefreshTokenState>> {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(REFRESH_SELECT);
        qb.push(" IN (");
        let mut list = qb.separated(", ");
        for i in 0..padded_size(hashes.len()) {
            list.push_bind(hashes.get(i).map_or(&[][..], Vec::as_slice));
        }
        qb.push(")");
        let rows = qb.build().fetch_all(&mut *OwnedConn::lock_any(&self.read).await?).await.map_err(map_err)?;
        rows.iter().map(|r| Ok((r.get::<Vec<u8>, _>("rt_hash"), to_refresh_state(r)?))).collect()
    }

    /// One statement in autocommit: the `refresh_tokens_rotate` trigger (migration 0003) inserts
    /// the successor inside the same statement, so spending and storing are one atomic step and
    /// one hand-off to the writer connection instead of four (BEGIN, UPDATE, INSERT, COMMIT).
    async fn spend_one(&self, rot: &OwnedRotation) -> StoreResult<bool> {
        let won: Option<String> = sqlx::query_scalar(
            "UPDATE refresh_tokens SET used_at = ?2, successor_hash = ?3, successor_sealed = ?4
             WHERE hash = ?1 AND used_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.id = refresh_tokens.grant_id AND g.revoked_at IS NOT NULL)
             RETURNING grant_id",
        )
        .bind(&rot.hash)
        .bind(rot.now)
        .bind(&rot.successor_hash)
        .bind(&rot.successor_sealed)
        .fetch_optional_on(&self.write)
        .await?;
        Ok(won.is_some())
    }

    /// `UPDATE … FROM (VALUES …)`: every live token of the batch spent and (by the trigger) its
    /// successor inserted in one statement and one commit. Padded like [`Self::read_many`].
    async fn spend_many(&self, reqs: &[&OwnedRotation]) -> StoreResult<Option<HashSet<Vec<u8>>>> {
        let mut qb: QueryBuilder<Sqlite> =
            QueryBuilder::new("WITH v(hash, now, successor_hash, successor_sealed) AS (");
        qb.push_values(0..padded_size(reqs.len()), |mut b, i| {
            let r = reqs.get(i);
            b.push_bind(r.map_or(&[][..], |r| r.hash.as_slice()))
                .push_bind(r.map_or(0, |r| r.now))
                .push_bind(r.map_or(&[][..], |r| r.successor_hash.as_slice()))
                .push_bind(r.map_or(&[][..], |r| r.successor_sealed.as_slice()));
        });
        qb.push(
            ") UPDATE refresh_tokens SET used_at = v.now, successor_hash = v.successor_hash,
               successor_sealed = v.successor_sealed
             FROM v WHERE refresh_tokens.hash = v.hash AND refresh_tokens.used_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.id = refresh_tokens.grant_id AND g.revoked_at IS NOT NULL)
             RETURNING hash",
        );
        let rows = qb.build().fetch_all_on(&self.write).await?;
        Ok(Some(rows.iter().map(|r| r.get("hash")).collect()))
    }

    /// Read on the writer, which saw the winner's commit.
    async fn spent_state(&self, hash: &[u8]) -> StoreResult<RotationOutcome> {
        let row = sqlx::query(
            "SELECT t.used_at, t.successor_sealed, g.revoked_at FROM refresh_tokens t JOIN grants g ON g.id = t.grant_id
             WHERE t.hash = ?1",
        )
        .bind(hash)
        .fetch_optional_on(&self.write)
        .await?;
        Ok(RotationOutcome::lost(row.map(|r| (r.get("revoked_at"), r.get("used_at"), r.get("successor_sealed")))))
    }
}

fn to_user(r: &SqliteRow) -> Result<User, StoreError> {
    user_columns(r, "")
}

/// A user whose columns carry `prefix` (a join that also selects a grant's `id`, `tenant_id`).
fn user_columns(r: &SqliteRow, prefix: &str) -> Result<User, StoreError> {
    let col = |name: &str| format!("{prefix}{name}");
    Ok(User {
        id: uuid(&r.get::<String, _>(col("id").as_str()))?,
        tenant_id: uuid(&r.get::<String, _>(col("tenant_id").as_str()))?,
        username: r.get(col("username").as_str()),
        display_name: r.get(col("display_name").as_str()),
        email: r.get(col("email").as_str()),
        email_verified: r.get::<i64, _>(col("email_verified").as_str()) != 0,
        profile: crate::user_profile(&r.get::<String, _>(col("profile").as_str()))?,
        updated_at: r.get(col("updated_at").as_str()),
        enabled: r.get::<i64, _>(col("enabled").as_str()) != 0,
        password_hash: r.get(col("password_hash").as_str()),
    })
}

fn to_grant(r: &SqliteRow) -> Result<Grant, StoreError> {
    Ok(Grant {
        id: uuid(&r.get::<String, _>("id"))?,
        tenant_id: uuid(&r.get::<String, _>("tenant_id"))?,
        client_id: r.get("client_id"),
        user_id: r.get::<Option<String>, _>("user_id").map(|s| uuid(&s)).transpose()?,
        scope: r.get("scope"),
        auth_time: r.get("auth_time"),
        created_at: r.get("created_at"),
        expires_at: r.get("expires_at"),
        revoked_at: r.get("revoked_at"),
    })
}

fn to_code(r: &SqliteRow) -> Result<AuthCode, StoreError> {
    Ok(AuthCode {
        hash: r.get("hash"),
        tenant_id: uuid(&r.get::<String, _>("tenant_id"))?,
        client_id: r.get("client_id"),
        grant_id: uuid(&r.get::<String, _>("grant_id"))?,
        user_id: uuid(&r.get::<String, _>("user_id"))?,
        redirect_uri: r.get("redirect_uri"),
        scope: r.get("scope"),
        nonce: r.get("nonce"),
        code_challenge: r.get("code_challenge"),
        code_challenge_method: r.get("code_challenge_method"),
        auth_time: r.get("auth_time"),
        session_id: r.get("session_id"),
        created_at: r.get("created_at"),
        expires_at: r.get("expires_at"),
    })
}

fn to_signin(r: &SqliteRow) -> SigninRecord {
    SigninRecord {
        time_millis: r.get("time_millis"),
        trace_id: r.get("trace_id"),
        correlation_id: r.get("correlation_id"),
        tenant: r.get("tenant"),
        client_id: r.get("client_id"),
        user: r.get("username"),
        flow: r.get("flow"),
        code: r.get::<i64, _>("code") as u32,
        error: r.get("error"),
        reason: r.get("reason"),
        source: r.get("source"),
        user_agent: r.get("user_agent"),
        latency_micros: r.get("latency_micros"),
    }
}

fn json_list(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

fn parse_list(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

#[async_trait]
impl DirectoryStore for SqliteStore {
    async fn generation(&self) -> StoreResult<i64> {
        sqlx::query_scalar("SELECT value FROM meta WHERE key = 'generation'")
            .fetch_one(&self.read)
            .await
            .map_err(map_err)
    }

    async fn load_directory(&self) -> StoreResult<DirectoryData> {
        // One read transaction: a consistent snapshot across tables.
        let mut tx = self.read.begin().await.map_err(map_err)?;
        let generation: i64 = sqlx::query_scalar("SELECT value FROM meta WHERE key = 'generation'")
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
        let mut d = DirectoryData { generation, ..Default::default() };
        for r in sqlx::query("SELECT * FROM tenants").fetch_all(&mut *tx).await.map_err(map_err)? {
            d.tenants.push(Tenant {
                id: uuid(&r.get::<String, _>("id"))?,
                name: r.get("name"),
                display_name: r.get("display_name"),
                default_locale: r.get("default_locale"),
                signing_alg: SigningAlg::parse(&r.get::<String, _>("signing_alg")).unwrap_or(SigningAlg::ES256),
                allow_plain_pkce: r.get::<i64, _>("allow_plain_pkce") != 0,
                issuer_uses_name: r.get::<i64, _>("issuer_uses_name") != 0,
            });
        }
        for r in sqlx::query("SELECT * FROM apis").fetch_all(&mut *tx).await.map_err(map_err)? {
            d.apis.push(Api {
                id: uuid(&r.get::<String, _>("id"))?,
                tenant_id: uuid(&r.get::<String, _>("tenant_id"))?,
                name: r.get("name"),
                identifier: r.get("identifier"),
                scopes: parse_list(&r.get::<String, _>("scopes")),
                roles: parse_list(&r.get::<String, _>("roles")),
            });
        }
        let mut secrets: std::collections::HashMap<String, Vec<ClientSecret>> = Default::default();
        for r in sqlx::query("SELECT * FROM client_secrets ORDER BY created_at")
            .fetch_all(&mut *tx)
            .await
            .map_err(map_err)?
        {
            secrets.entry(r.get("client")).or_default().push(ClientSecret {
                id: uuid(&r.get::<String, _>("id"))?,
                hash: r.get("hash"),
                hint: r.get("hint"),
                expires_at: r.get("expires_at"),
                created_at: r.get("created_at"),
            });
        }
        for r in sqlx::query("SELECT * FROM clients").fetch_all(&mut *tx).await.map_err(map_err)? {
            let id: String = r.get("id");
            let s = secrets.remove(&id).unwrap_or_default();
            d.clients.push(client_body::from_row(
                ClientRow {
                    id: uuid(&id)?,
                    tenant_id: uuid(&r.get::<String, _>("tenant_id"))?,
                    client_id: r.get("client_id"),
                    name: r.get("name"),
                    body: r.get("body"),
                },
                s,
            )?);
        }
        for r in sqlx::query("SELECT * FROM signing_keys").fetch_all(&mut *tx).await.map_err(map_err)? {
            d.keys.push(StoredKey {
                kid: r.get("kid"),
                tenant_id: uuid(&r.get::<String, _>("tenant_id"))?,
                alg: SigningAlg::parse(&r.get::<String, _>("alg")).unwrap_or(SigningAlg::ES256),
                sealed_private: r.get("sealed_private"),
                created_at: r.get("created_at"),
                active_from: r.get("active_from"),
                retired_at: r.get("retired_at"),
            });
        }
        tx.commit().await.map_err(map_err)?;
        Ok(d)
    }

    async fn apply(&self, changes: &[Change]) -> StoreResult<()> {
        let mut w = self.write.write().await?;
        let mut tx = w.begin().await.map_err(map_err)?;
        for c in changes {
            let q = match c {
                Change::PutTenant(t) => sqlx::query(
                    "INSERT INTO tenants (id, name, display_name, default_locale, signing_alg, allow_plain_pkce,
                       issuer_uses_name)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (id) DO UPDATE SET name = ?2, display_name = ?3, default_locale = ?4,
                       signing_alg = ?5, allow_plain_pkce = ?6, issuer_uses_name = ?7",
                )
                .bind(t.id.to_string())
                .bind(&t.name)
                .bind(&t.display_name)
                .bind(&t.default_locale)
                .bind(t.signing_alg.as_str())
                .bind(t.allow_plain_pkce as i64)
                .bind(t.issuer_uses_name as i64),
                Change::DeleteTenant(id) => sqlx::query("DELETE FROM tenants WHERE id = ?1").bind(id.to_string()),
                Change::PutApi(a) => sqlx::query(
                    "INSERT INTO apis (id, tenant_id, name, identifier, scopes, roles) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (id) DO UPDATE SET name = ?3, identifier = ?4, scopes = ?5, roles = ?6",
                )
                .bind(a.id.to_string())
                .bind(a.tenant_id.to_string())
                .bind(&a.name)
                .bind(&a.identifier)
                .bind(json_list(&a.scopes))
                .bind(json_list(&a.roles)),
                Change::DeleteApi(id) => sqlx::query("DELETE FROM apis WHERE id = ?1").bind(id.to_string()),
                Change::PutClient(cl) => {
                    sqlx::query(
                        "INSERT INTO clients (id, tenant_id, client_id, name, body) VALUES (?1, ?2, ?3, ?4, ?5)
                         ON CONFLICT (id) DO UPDATE SET client_id = ?3, name = ?4, body = ?5",
                    )
                    .bind(cl.id.to_string())
                    .bind(cl.tenant_id.to_string())
                    .bind(&cl.client_id)
                    .bind(&cl.name)
                    .bind(client_body::to_json(cl))
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                    sqlx::query("DELETE FROM client_secrets WHERE client = ?1")
                        .bind(cl.id.to_string())
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    for s in &cl.secrets {
                        sqlx::query(
                            "INSERT INTO client_secrets (id, client, hash, hint, expires_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        )
                        .bind(s.id.to_string())
                        .bind(cl.id.to_string())
                        .bind(&s.hash)
                        .bind(&s.hint)
                        .bind(s.expires_at)
                        .bind(s.created_at)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    }
                    continue;
                }
                Change::DeleteClient(id) => sqlx::query("DELETE FROM clients WHERE id = ?1").bind(id.to_string()),
                Change::PutUser(u) => sqlx::query(
                    "INSERT INTO users (id, tenant_id, username, display_name, email, enabled, password_hash,
                       email_verified, profile, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                     ON CONFLICT (id) DO UPDATE SET username = ?3, display_name = ?4, email = ?5, enabled = ?6,
                       password_hash = ?7, email_verified = ?8, profile = ?9, updated_at = ?10",
                )
                .bind(u.id.to_string())
                .bind(u.tenant_id.to_string())
                .bind(&u.username)
                .bind(&u.display_name)
                .bind(&u.email)
                .bind(u.enabled as i64)
                .bind(&u.password_hash)
                .bind(u.email_verified as i64)
                .bind(crate::user_profile_json(&u.profile))
                .bind(u.updated_at),
                Change::DeleteUser(id) => sqlx::query("DELETE FROM users WHERE id = ?1").bind(id.to_string()),
                Change::PutKey(k) => sqlx::query(
                    "INSERT INTO signing_keys (kid, tenant_id, alg, sealed_private, created_at, active_from, retired_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .bind(&k.kid)
                .bind(k.tenant_id.to_string())
                .bind(k.alg.as_str())
                .bind(&k.sealed_private)
                .bind(k.created_at)
                .bind(k.active_from)
                .bind(k.retired_at),
                Change::RetireKey { kid, at } => {
                    sqlx::query("UPDATE signing_keys SET retired_at = ?2 WHERE kid = ?1").bind(kid).bind(*at)
                }
            };
            q.execute(&mut *tx).await.map_err(map_err)?;
        }
        sqlx::query("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        let committed = tx.commit().await.map_err(map_err);
        w.settle(committed)
    }

    async fn master_key_check(&self) -> StoreResult<Option<Vec<u8>>> {
        sqlx::query_scalar("SELECT value FROM meta WHERE key = 'master_key_check'")
            .fetch_optional(&self.read)
            .await
            .map_err(map_err)
    }

    async fn set_master_key_check(&self, sealed: &[u8]) -> StoreResult<()> {
        sqlx::query("INSERT INTO meta (key, value) VALUES ('master_key_check', ?1)")
            .bind(sealed)
            .execute_on(&self.write)
            .await
            .map(|_| ())
    }
}

#[async_trait]
impl UserStore for SqliteStore {
    async fn user_by_username(&self, tenant: Uuid, username: &str) -> StoreResult<Option<User>> {
        sqlx::query("SELECT * FROM users WHERE tenant_id = ?1 AND username = ?2")
            .bind(tenant.to_string())
            .bind(username)
            .fetch_optional(&self.read)
            .await
            .map_err(map_err)?
            .map(|r| to_user(&r))
            .transpose()
    }

    async fn user_by_email(&self, tenant: Uuid, email: &str) -> StoreResult<Option<User>> {
        let rows = sqlx::query("SELECT * FROM users WHERE tenant_id = ?1 AND email = ?2 COLLATE NOCASE LIMIT 2")
            .bind(tenant.to_string())
            .bind(email)
            .fetch_all(&self.read)
            .await
            .map_err(map_err)?;
        if rows.len() == 1 { Ok(Some(to_user(&rows[0])?)) } else { Ok(None) }
    }

    async fn user_by_id(&self, tenant: Uuid, id: Uuid) -> StoreResult<Option<User>> {
        sqlx::query("SELECT * FROM users WHERE tenant_id = ?1 AND id = ?2")
            .bind(tenant.to_string())
            .bind(id.to_string())
            .fetch_optional(&self.read)
            .await
            .map_err(map_err)?
            .map(|r| to_user(&r))
            .transpose()
    }

    async fn users(&self, tenant: Uuid) -> StoreResult<Vec<User>> {
        sqlx::query("SELECT * FROM users WHERE tenant_id = ?1 ORDER BY username")
            .bind(tenant.to_string())
            .fetch_all(&self.read)
            .await
            .map_err(map_err)?
            .iter()
            .map(to_user)
            .collect()
    }

    async fn reserve_attempt(&self, a: &SignInAttempt<'_>) -> StoreResult<Option<Budget>> {
        // One statement: pick the budget (the source's own row when it signed this user in since
        // `familiar_since`, else the shared '*' row), restart it when its window passed or its lock
        // ended, and charge the attempt unless it is locked or used up (no row returned then).
        // The single writer connection serializes concurrent reservations.
        let bucket: Option<String> = sqlx::query_scalar(
            "INSERT INTO lockouts (tenant_id, username, source, failures, first_at, locked_until)
             SELECT ?1, ?2, CASE WHEN EXISTS (
                 SELECT 1 FROM lockouts WHERE tenant_id = ?1 AND username = ?2 AND source = ?3
                   AND last_success_at >= ?7) THEN ?3 ELSE '*' END, 1, ?4, NULL
             WHERE true
             ON CONFLICT (tenant_id, username, source) DO UPDATE SET
               failures = CASE WHEN (locked_until IS NULL AND first_at + ?5 <= ?4) OR locked_until <= ?4
                          THEN 1 ELSE failures + 1 END,
               first_at = CASE WHEN (locked_until IS NULL AND first_at + ?5 <= ?4) OR locked_until <= ?4
                          THEN ?4 ELSE first_at END,
               locked_until = CASE WHEN locked_until <= ?4 THEN NULL ELSE locked_until END
             WHERE (locked_until IS NULL AND (first_at + ?5 <= ?4 OR failures < ?6)) OR locked_until <= ?4
             RETURNING source",
        )
        .bind(a.tenant.to_string())
        .bind(a.username)
        .bind(a.source)
        .bind(a.now)
        .bind(a.window)
        .bind(a.threshold as i64)
        .bind(a.familiar_since)
        .fetch_optional_on(&self.write)
        .await?;
        Ok(bucket.map(|b| if b == UNFAMILIAR_SOURCES { Budget::Unfamiliar } else { Budget::Source }))
    }

    async fn record_failure(&self, a: &SignInAttempt<'_>, budget: Budget) -> StoreResult<Option<UnixTime>> {
        sqlx::query_scalar(
            "UPDATE lockouts SET locked_until = ?4 + ?6
             WHERE tenant_id = ?1 AND username = ?2 AND source = ?3 AND locked_until IS NULL AND failures >= ?5
             RETURNING locked_until",
        )
        .bind(a.tenant.to_string())
        .bind(a.username)
        .bind(budget.key(a))
        .bind(a.now)
        .bind(a.threshold as i64)
        .bind(a.lock_for)
        .fetch_optional_on(&self.write)
        .await
    }

    async fn record_success(&self, a: &SignInAttempt<'_>, budget: Budget) -> StoreResult<()> {
        let mut w = self.write.write().await?;
        let mut tx = w.begin().await.map_err(map_err)?;
        sqlx::query(
            "INSERT INTO lockouts (tenant_id, username, source, failures, first_at, locked_until, last_success_at)
             VALUES (?1, ?2, ?3, 0, ?4, NULL, ?4)
             ON CONFLICT (tenant_id, username, source) DO UPDATE SET
               failures = 0, first_at = ?4, locked_until = NULL, last_success_at = ?4",
        )
        .bind(a.tenant.to_string())
        .bind(a.username)
        .bind(a.source)
        .bind(a.now)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        if budget == Budget::Unfamiliar {
            sqlx::query(
                "UPDATE lockouts SET failures = max(failures - 1, 0)
                 WHERE tenant_id = ?1 AND username = ?2 AND source = ?3 AND locked_until IS NULL",
            )
            .bind(a.tenant.to_string())
            .bind(a.username)
            .bind(UNFAMILIAR_SOURCES)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        }
        let committed = tx.commit().await.map_err(map_err);
        w.settle(committed)
    }

    async fn purge_lockouts(&self, stale_before: UnixTime, familiar_since: UnixTime) -> StoreResult<u64> {
        let r = sqlx::query(
            "DELETE FROM lockouts WHERE first_at < ?1 AND coalesce(locked_until, 0) < ?1
               AND coalesce(last_success_at, 0) < ?2",
        )
        .bind(stale_before)
        .bind(familiar_since)
        .execute_on(&self.write)
        .await?;
        Ok(r.rows_affected())
    }
}

#[async_trait]
impl GrantStore for SqliteStore {
    async fn create_grant(&self, g: &Grant, refresh_hash: Option<&[u8]>) -> StoreResult<()> {
        let mut w = self.write.write().await?;
        let mut tx = w.begin().await.map_err(map_err)?;
        sqlx::query(
            // A replay that arrived first may have left a revoked placeholder: it stays revoked.
            "INSERT INTO grants (id, tenant_id, client_id, user_id, scope, auth_time, created_at, expires_at, revoked_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO NOTHING",
        )
        .bind(g.id.to_string())
        .bind(g.tenant_id.to_string())
        .bind(&g.client_id)
        .bind(g.user_id.map(|u| u.to_string()))
        .bind(&g.scope)
        .bind(g.auth_time)
        .bind(g.created_at)
        .bind(g.expires_at)
        .bind(g.revoked_at)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        if let Some(h) = refresh_hash {
            sqlx::query("INSERT INTO refresh_tokens (hash, grant_id, created_at) VALUES (?1, ?2, ?3)")
                .bind(h)
                .bind(g.id.to_string())
                .bind(g.created_at)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        }
        let committed = tx.commit().await.map_err(map_err);
        w.settle(committed)
    }

    async fn grant(&self, id: Uuid) -> StoreResult<Option<Grant>> {
        sqlx::query("SELECT * FROM grants WHERE id = ?1")
            .bind(id.to_string())
            .fetch_optional(&self.read)
            .await
            .map_err(map_err)?
            .map(|r| to_grant(&r))
            .transpose()
    }

    async fn revoke_grant(&self, id: Uuid, now: UnixTime, reason: &str) -> StoreResult<()> {
        sqlx::query("UPDATE grants SET revoked_at = ?2, revoke_reason = ?3 WHERE id = ?1 AND revoked_at IS NULL")
            .bind(id.to_string())
            .bind(now)
            .bind(reason)
            .execute_on(&self.write)
            .await
            .map(|_| ())
    }

    /// Batched with concurrent reads ([`RefreshBatches`]); alone, one `=` lookup.
    async fn refresh_token(&self, hash: &[u8]) -> StoreResult<Option<RefreshTokenState>> {
        self.refresh.read(hash).await
    }

    /// Batched with concurrent rotations ([`RefreshBatches`]); alone, [`RefreshSql::spend_one`].
    async fn rotate_refresh(&self, rot: &Rotation<'_>) -> StoreResult<RotationOutcome> {
        self.refresh.rotate(rot).await
    }

    async fn put_code(&self, c: &AuthCode) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO auth_codes (hash, tenant_id, client_id, grant_id, user_id, redirect_uri, scope, nonce, code_challenge,
               code_challenge_method, auth_time, session_id, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )
        .bind(&c.hash)
        .bind(c.tenant_id.to_string())
        .bind(&c.client_id)
        .bind(c.grant_id.to_string())
        .bind(c.user_id.to_string())
        .bind(&c.redirect_uri)
        .bind(&c.scope)
        .bind(&c.nonce)
        .bind(&c.code_challenge)
        .bind(&c.code_challenge_method)
        .bind(c.auth_time)
        .bind(&c.session_id)
        .bind(c.created_at)
        .bind(c.expires_at)
        .execute_on(&self.write)
        .await
        .map(|_| ())
    }

    async fn consume_code(&self, hash: &[u8], now: UnixTime) -> StoreResult<CodeOutcome> {
        let mut w = self.write.write().await?;
        let mut tx = w.begin().await.map_err(map_err)?;
        let row =
            sqlx::query("UPDATE auth_codes SET consumed_at = ?2 WHERE hash = ?1 AND consumed_at IS NULL RETURNING *")
                .bind(hash)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await
                .map_err(map_err)?;
        let outcome = match row {
            Some(r) => CodeOutcome::Consumed(Box::new(to_code(&r)?)),
            None => {
                let grant: Option<String> = sqlx::query_scalar("SELECT grant_id FROM auth_codes WHERE hash = ?1")
                    .bind(hash)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(map_err)?;
                match grant {
                    Some(g) => {
                        sqlx::query(
                            // Revoke the code's grant; if the winning redemption has not recorded it yet,
                            // record it revoked now so it is born revoked (RFC 6749 §4.1.2).
                            "INSERT INTO grants (id, tenant_id, client_id, user_id, scope, auth_time, created_at, expires_at,
                               revoked_at, revoke_reason)
                             SELECT grant_id, tenant_id, client_id, user_id, scope, auth_time, ?2, expires_at, ?2,
                               'authorization code replay'
                             FROM auth_codes WHERE hash = ?3 AND grant_id = ?1
                             ON CONFLICT (id) DO UPDATE SET revoked_at = COALESCE(grants.revoked_at, excluded.revoked_at),
                               revoke_reason = COALESCE(grants.revoke_reason, excluded.revoke_reason)",
                        )
                        .bind(&g)
                        .bind(now)
                        .bind(hash)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                        CodeOutcome::Replayed { grant_id: uuid(&g)? }
                    }
                    None => CodeOutcome::NotFound,
                }
            }
        };
        let committed = tx.commit().await.map_err(map_err).map(|()| outcome);
        w.settle(committed)
    }

    async fn purge(
        &self,
        sealed_before: UnixTime,
        codes_before: UnixTime,
        grants_before: UnixTime,
    ) -> StoreResult<u64> {
        let a = sqlx::query(
            "UPDATE refresh_tokens SET successor_sealed = NULL WHERE successor_sealed IS NOT NULL AND used_at < ?1",
        )
        .bind(sealed_before)
        .execute_on(&self.write)
        .await?;
        let b = sqlx::query("DELETE FROM auth_codes WHERE expires_at < ?1")
            .bind(codes_before)
            .execute_on(&self.write)
            .await?;
        // In chunks (index `grants_expiry`), so a large backlog never holds the writer for long.
        let grants = self
            .delete_in_chunks(|| {
                sqlx::query("DELETE FROM grants WHERE id IN (SELECT id FROM grants WHERE expires_at < ?1 LIMIT ?2)")
                    .bind(grants_before)
            })
            .await?;
        // Their refresh tokens (migration 0005): a time-ordered key issued before the oldest
        // remaining grant was created belongs to none. A grant created after this query has a
        // later creation time, and every token of a remaining grant was issued after its grant.
        let oldest: Option<UnixTime> =
            sqlx::query_scalar("SELECT min(created_at) FROM grants").fetch_one_on(&self.write).await?;
        let before = sigil_core::token::refresh_key_time_prefix(
            (oldest.unwrap_or(grants_before) - CLOCK_STEP_MARGIN).saturating_mul(1000),
        );
        self.delete_in_chunks(|| {
            sqlx::query(
                "DELETE FROM refresh_tokens WHERE hash IN
                   (SELECT hash FROM refresh_tokens WHERE hash < ?1 AND length(hash) = ?2 LIMIT ?3)",
            )
            .bind(before.clone())
            .bind(sigil_core::token::ORDERED_REFRESH_KEY_LEN as i64)
        })
        .await?;
        Ok(a.rows_affected() + b.rows_affected() + grants)
    }
}

#[async_trait]
impl SessionStore for SqliteStore {
    async fn create_session(&self, s: &Session) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO sessions (hash, tenant_id, user_id, auth_time, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .bind(&s.hash)
        .bind(s.tenant_id.to_string())
        .bind(s.user_id.to_string())
        .bind(s.auth_time)
        .bind(s.expires_at)
        .execute_on(&self.write)
        .await
        .map(|_| ())
    }

    async fn session(&self, hash: &[u8]) -> StoreResult<Option<Session>> {
        let Some(r) = sqlx::query("SELECT * FROM sessions WHERE hash = ?1")
            .bind(hash)
            .fetch_optional(&self.read)
            .await
            .map_err(map_err)?
        else {
            return Ok(None);
        };
        Ok(Some(Session {
            hash: r.get("hash"),
            tenant_id: uuid(&r.get::<String, _>("tenant_id"))?,
            user_id: uuid(&r.get::<String, _>("user_id"))?,
            auth_time: r.get("auth_time"),
            expires_at: r.get("expires_at"),
        }))
    }

    async fn delete_session(&self, hash: &[u8]) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE hash = ?1").bind(hash).execute_on(&self.write).await.map(|_| ())
    }

    async fn consent(&self, tenant: Uuid, user: Uuid, client_id: &str) -> StoreResult<Option<Vec<String>>> {
        let s: Option<String> =
            sqlx::query_scalar("SELECT scopes FROM consents WHERE tenant_id = ?1 AND user_id = ?2 AND client_id = ?3")
                .bind(tenant.to_string())
                .bind(user.to_string())
                .bind(client_id)
                .fetch_optional(&self.read)
                .await
                .map_err(map_err)?;
        Ok(s.map(|s| parse_list(&s)))
    }

    async fn put_consent(
        &self,
        tenant: Uuid,
        user: Uuid,
        client_id: &str,
        scopes: &[String],
        now: UnixTime,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO consents (tenant_id, user_id, client_id, scopes, granted_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (tenant_id, user_id, client_id) DO UPDATE SET scopes = ?4, granted_at = ?5",
        )
        .bind(tenant.to_string())
        .bind(user.to_string())
        .bind(client_id)
        .bind(json_list(scopes))
        .bind(now)
        .execute_on(&self.write)
        .await
        .map(|_| ())
    }

    async fn revoke_consent(&self, tenant: Uuid, user: Uuid, client_id: &str) -> StoreResult<bool> {
        let r = sqlx::query("DELETE FROM consents WHERE tenant_id = ?1 AND user_id = ?2 AND client_id = ?3")
            .bind(tenant.to_string())
            .bind(user.to_string())
            .bind(client_id)
            .execute_on(&self.write)
            .await?;
        Ok(r.rows_affected() > 0)
    }
}

/// The sign-in log lookup behind [`SigninLogStore::query_signins`], after `select`.
fn signin_query(select: &str, q: &SigninQuery) -> QueryBuilder<Sqlite> {
    let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(select);
    qb.push(" FROM signin_log WHERE 1 = 1");
    crate::push_signin_filters(&mut qb, q, push_trace_filter, push_correlation_filter, "+");
    qb
}

/// The millisecond a trace or correlation ID carries, when it is a UUIDv7.
fn v7_millis(id: &str) -> Option<i64> {
    sigil_core::rng::uuid_v7_millis(&Uuid::parse_str(id).ok()?)
}

/// A trace lookup by the index migration 0006 left for it: a UUIDv7 trace ID at the millisecond it
/// carries (the row's `time_millis`, see [`SigninRecord::time_millis`]) through `signin_log_time`,
/// any other trace ID through the partial index `signin_log_trace_not_v7`, whose condition the
/// query repeats word for word so that SQLite may use it.
fn push_trace_filter(qb: &mut QueryBuilder<Sqlite>, trace_id: String) {
    match v7_millis(&trace_id) {
        Some(millis) => {
            qb.push(" AND time_millis = ").push_bind(millis);
            qb.push(" AND trace_id = ").push_bind(trace_id);
        }
        None => {
            qb.push(" AND trace_id = ").push_bind(trace_id);
            qb.push(" AND substr(trace_id, 15, 1) <> '7'");
        }
    }
}

/// A correlation lookup (migration 0007): rows that carried this correlation ID from the client,
/// through the partial index `signin_log_correlation` (its condition repeated word for word), or,
/// for a UUIDv7, the one row that was its own correlation: the row whose trace ID it is.
fn push_correlation_filter(qb: &mut QueryBuilder<Sqlite>, correlation_id: String) {
    let own = v7_millis(&correlation_id);
    qb.push(" AND ((correlation_id = ").push_bind(correlation_id.clone());
    qb.push(" AND correlation_id <> trace_id)");
    if let Some(millis) = own {
        qb.push(" OR (time_millis = ").push_bind(millis);
        qb.push(" AND trace_id = ").push_bind(correlation_id);
        qb.push(" AND correlation_id = trace_id)");
    }
    qb.push(")");
}

#[async_trait]
impl SigninLogStore for SqliteStore {
    async fn write_signins(&self, batch: &[SigninRecord]) -> StoreResult<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let mut w = self.write.write().await?;
        let mut tx = w.begin().await.map_err(map_err)?;
        for chunk in crate::fixed_chunks(batch) {
            let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO signin_log (time_millis, trace_id, correlation_id, tenant, client_id, username, flow, code, error,
                   reason, source, user_agent, latency_micros) ",
            );
            qb.push_values(chunk, |mut b, r| {
                b.push_bind(r.time_millis)
                    .push_bind(r.trace_id.as_str())
                    .push_bind(r.correlation_id.as_str())
                    .push_bind(r.tenant.as_str())
                    .push_bind(r.client_id.as_deref())
                    .push_bind(r.user.as_deref())
                    .push_bind(r.flow.as_str())
                    .push_bind(r.code as i64)
                    .push_bind(r.error.as_deref())
                    .push_bind(r.reason.as_str())
                    .push_bind(r.source.as_str())
                    .push_bind(r.user_agent.as_str())
                    .push_bind(r.latency_micros);
            });
            qb.build().execute(&mut *tx).await.map_err(map_err)?;
        }
        let committed = tx.commit().await.map_err(map_err);
        w.settle(committed)
    }

    async fn query_signins(&self, q: &SigninQuery) -> StoreResult<Vec<SigninRecord>> {
        let rows = signin_query("SELECT *", q).build().fetch_all(&self.read).await.map_err(map_err)?;
        Ok(rows.iter().map(to_signin).collect())
    }

    async fn purge_signins(&self, before_millis: i64) -> StoreResult<u64> {
        let r = sqlx::query("DELETE FROM signin_log WHERE time_millis < ?1")
            .bind(before_millis)
            .execute_on(&self.write)
            .await?;
        Ok(r.rows_affected())
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
