//! PostgreSQL store, for several stateless instances sharing one database. One pool; transactions
//! run at READ COMMITTED except `load_directory`, which reads one REPEATABLE READ snapshot.
//!
//! Single-use operations rely on row locks: a concurrent `UPDATE … WHERE used_at IS NULL` waits for
//! the first updater to commit and then re-checks its condition against the committed row, so of
//! many callers exactly one matches.
//!
//! Case-insensitive names fold with `lower(x COLLATE "C")` (ASCII only, like SQLite's NOCASE) and the
//! JSON columns are `jsonb`, bound as text and cast (`$n::jsonb`), read back as `col::text`.
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use sigil_core::clock::UnixTime;
use sigil_core::error::StoreError;
use sigil_core::model::*;
use sigil_core::signin_log::{SigninQuery, SigninRecord};
use sigil_core::store::*;
use sqlx::postgres::{PgPool, PgPoolOptions, PgRow};
use sqlx::{Postgres, QueryBuilder, Row};
use uuid::Uuid;

use crate::batch::{OwnedRotation, RefreshBatches, RefreshStatements};
use crate::client_body::{self, ClientRow};
use crate::map_err;

pub struct PgStore {
    pool: PgPool,
    refresh: RefreshBatches,
    faults: Arc<Faults>,
}

/// Storage faults (issue 17 item 9). A session opened while the database was read-only (a
/// fail-over to a standby, `default_transaction_read_only`) stays read-only after the database
/// is writable again. When a statement meets one (SQLSTATE 25006), or a new connection turns out
/// read-only, every connection opened until then is dropped at its next use instead of reused, so
/// once the database accepts writes the pool refills with sessions opened afresh and the store
/// writes again by itself. While the database stays read-only, each use opens a new connection.
struct Faults {
    start: Instant,
    /// Milliseconds after `start` at which a statement last met a read-only session (0: never).
    last_seen: AtomicU64,
    recent: crate::RecentFaults,
}

impl Faults {
    /// [`map_err`], noting a read-only session and any failure for readiness.
    fn seen(&self, e: sqlx::Error) -> StoreError {
        if let sqlx::Error::Database(d) = &e
            && d.code().as_deref() == Some("25006")
        {
            self.mark();
        }
        let err = map_err(e);
        self.recent.note::<()>(&Err(err.clone()));
        err
    }

    fn mark(&self) {
        self.last_seen.fetch_max(self.start.elapsed().as_millis() as u64 + 1, Ordering::Relaxed);
    }

    /// Whether a connection of this age was opened before the last read-only session was met.
    fn opened_before_fault(&self, age: Duration) -> bool {
        let last = self.last_seen.load(Ordering::Relaxed);
        last != 0 && (self.start.elapsed().saturating_sub(age).as_millis() as u64) < last
    }
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
        ])
        .run(&pool)
        .await
        .map_err(|e| StoreError::Other(format!("migrations: {e}")))?;
        let refresh = RefreshBatches::start(RefreshSql { pool: pool.clone(), faults: faults.clone() });
        Ok(Self { pool, refresh, faults })
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
async fn begin(pool: &PgPool) -> StoreResult<sqlx::Transaction<'static, Postgres>> {
    begin_with(pool, None).await
}

/// [`begin`] with a `BEGIN` statement of the caller's.
async fn begin_with(
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

const REFRESH_SELECT: &str = "SELECT t.hash AS rt_hash, g.*, t.created_at AS rt_created, t.used_at AS rt_used,
       u.id AS u_id, u.tenant_id AS u_tenant_id, u.username AS u_username, u.display_name AS u_display_name,
       u.email AS u_email, u.enabled AS u_enabled, u.password_hash AS u_password_hash,
       u.email_verified AS u_email_verified, u.profile AS u_profile, u.updated_at AS u_updated_at
     FROM refresh_tokens t JOIN grants g ON g.id = t.grant_id
       LEFT JOIN users u ON u.id = g.user_id AND u.tenant_id = g.tenant_id";

fn to_refresh_state(r: &PgRow) -> Result<RefreshTokenState, StoreError> {
    let user = r.get::<Option<Uuid>, _>("u_id").map(|_| user_columns(r, "u_")).transpose()?;
    Ok(RefreshTokenState { grant: to_grant(r), created_at: r.get("rt_created"), used_at: r.get("rt_used"), user })
}

/// Refresh-token statements for [`RefreshBatches`]. A batch binds arrays (`= ANY`, `UNNEST`), so
/// each statement has one text whatever the batch size, prepared once per connection.
#[derive(Clone)]
struct RefreshSql {
    pool: PgPool,
    faults: Arc<Faults>,
}

impl RefreshStatements for RefreshSql {
    const READS_IN_FLIGHT: usize = 4;
    const ROTATIONS_IN_FLIGHT: usize = 4;

    async fn read_one(&self, hash: &[u8]) -> StoreResult<Option<RefreshTokenState>> {
        let mut qb: QueryBuilder<Postgres> = QueryBuilder::new(REFRESH_SELECT);
        let row = qb.push(" WHERE t.hash = ").push_bind(hash).build().fetch_optional(&self.pool).await;
        row.map_err(|e| self.faults.seen(e))?.as_ref().map(to_refresh_state).transpose()
    }

    async fn read_many(&self, hashes: &[Vec<u8>]) -> StoreResult<HashMap<Vec<u8>, RefreshTokenState>> {
        let mut qb: QueryBuilder<Postgres> = QueryBuilder::new(REFRESH_SELECT);
        qb.push(" WHERE t.hash = ANY(").push_bind(hashes).push(")");
        let rows = qb.build().fetch_all(&self.pool).await.map_err(|e| self.faults.seen(e))?;
        rows.iter().map(|r| Ok((r.get("rt_hash"), to_refresh_state(r)?))).collect()
    }

    /// One statement, one round trip, one commit: the data-modifying CTE spends the presented token
    /// and inserts its successor atomically. Concurrent callers block on the row lock the first one
    /// takes; when it commits, PostgreSQL re-checks `used_at IS NULL` against the committed row
    /// (READ COMMITTED update semantics) and they match nothing.
    async fn spend_one(&self, rot: &OwnedRotation) -> StoreResult<bool> {
        let won: Option<Uuid> = sqlx::query_scalar(
            "WITH spent AS (
               UPDATE refresh_tokens SET used_at = $2, successor_hash = $3, successor_sealed = $4
               WHERE hash = $1 AND used_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.id = refresh_tokens.grant_id AND g.revoked_at IS NOT NULL)
               RETURNING grant_id)
             INSERT INTO refresh_tokens (hash, grant_id, created_at) SELECT $3, grant_id, $2 FROM spent
             RETURNING grant_id",
        )
        .bind(&rot.hash)
        .bind(rot.now)
        .bind(&rot.successor_hash)
        .bind(&rot.successor_sealed)
        .fetch_optional(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))?;
        Ok(won.is_some())
    }

    /// The same CTE over `UNNEST` of the batch: one round trip and one WAL flush for all of it,
    /// with the same row-lock semantics per token.
    async fn spend_many(&self, reqs: &[&OwnedRotation]) -> StoreResult<Option<HashSet<Vec<u8>>>> {
        let hashes: Vec<&[u8]> = reqs.iter().map(|r| r.hash.as_slice()).collect();
        let nows: Vec<i64> = reqs.iter().map(|r| r.now).collect();
        let successors: Vec<&[u8]> = reqs.iter().map(|r| r.successor_hash.as_slice()).collect();
        let sealed: Vec<&[u8]> = reqs.iter().map(|r| r.successor_sealed.as_slice()).collect();
        let rows: Result<Vec<Vec<u8>>, sqlx::Error> = sqlx::query_scalar(
            "WITH v AS (
               SELECT * FROM UNNEST($1::bytea[], $2::int8[], $3::bytea[], $4::bytea[])
                 AS v(hash, now, successor_hash, successor_sealed)),
             spent AS (
               UPDATE refresh_tokens t SET used_at = v.now, successor_hash = v.successor_hash,
                 successor_sealed = v.successor_sealed
               FROM v WHERE t.hash = v.hash AND t.used_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.id = t.grant_id AND g.revoked_at IS NOT NULL)
               RETURNING t.hash, t.grant_id, t.successor_hash, t.used_at),
             stored AS (
               INSERT INTO refresh_tokens (hash, grant_id, created_at)
               SELECT successor_hash, grant_id, used_at FROM spent)
             SELECT hash FROM spent",
        )
        .bind(&hashes)
        .bind(&nows)
        .bind(&successors)
        .bind(&sealed)
        .fetch_all(&self.pool)
        .await;
        match rows {
            Ok(rows) => Ok(Some(rows.into_iter().collect())),
            // Two instances' batches locking the same tokens in different orders: PostgreSQL rolls
            // one back (40P01); one by one, each statement locks a single row and cannot deadlock.
            Err(sqlx::Error::Database(d)) if d.code().as_deref() == Some("40P01") => Ok(None),
            Err(e) => Err(map_err(e)),
        }
    }

    /// A new statement, so a new READ COMMITTED snapshot: it sees the winner's commit.
    async fn spent_state(&self, hash: &[u8]) -> StoreResult<RotationOutcome> {
        let row = sqlx::query(
            "SELECT t.used_at, t.successor_sealed, g.revoked_at FROM refresh_tokens t JOIN grants g ON g.id = t.grant_id
             WHERE t.hash = $1",
        )
        .bind(hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))?;
        Ok(RotationOutcome::lost(row.map(|r| (r.get("revoked_at"), r.get("used_at"), r.get("successor_sealed")))))
    }
}

fn to_user(r: &PgRow) -> Result<User, StoreError> {
    user_columns(r, "")
}

/// A user whose columns carry `prefix` (a join that also selects a grant's `id`, `tenant_id`).
fn user_columns(r: &PgRow, prefix: &str) -> Result<User, StoreError> {
    let col = |name: &str| format!("{prefix}{name}");
    Ok(User {
        id: r.get(col("id").as_str()),
        tenant_id: r.get(col("tenant_id").as_str()),
        username: r.get(col("username").as_str()),
        display_name: r.get(col("display_name").as_str()),
        email: r.get(col("email").as_str()),
        email_verified: r.get(col("email_verified").as_str()),
        profile: crate::user_profile(&r.get::<String, _>(col("profile").as_str()))?,
        updated_at: r.get(col("updated_at").as_str()),
        enabled: r.get(col("enabled").as_str()),
        password_hash: r.get(col("password_hash").as_str()),
    })
}

fn to_grant(r: &PgRow) -> Grant {
    Grant {
        id: r.get("id"),
        tenant_id: r.get("tenant_id"),
        client_id: r.get("client_id"),
        user_id: r.get("user_id"),
        scope: r.get("scope"),
        auth_time: r.get("auth_time"),
        created_at: r.get("created_at"),
        expires_at: r.get("expires_at"),
        revoked_at: r.get("revoked_at"),
    }
}

fn to_code(r: &PgRow) -> AuthCode {
    AuthCode {
        hash: r.get("hash"),
        tenant_id: r.get("tenant_id"),
        client_id: r.get("client_id"),
        grant_id: r.get("grant_id"),
        user_id: r.get("user_id"),
        redirect_uri: r.get("redirect_uri"),
        scope: r.get("scope"),
        nonce: r.get("nonce"),
        code_challenge: r.get("code_challenge"),
        code_challenge_method: r.get("code_challenge_method"),
        auth_time: r.get("auth_time"),
        session_id: r.get("session_id"),
        created_at: r.get("created_at"),
        expires_at: r.get("expires_at"),
    }
}

fn to_signin(r: &PgRow) -> SigninRecord {
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
impl DirectoryStore for PgStore {
    async fn generation(&self) -> StoreResult<i64> {
        sqlx::query_scalar("SELECT int_value FROM meta WHERE key = 'generation'")
            .fetch_one(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))
    }

    async fn load_directory(&self) -> StoreResult<DirectoryData> {
        // One snapshot across tables: at READ COMMITTED every statement would see its own.
        let mut tx = begin_with(&self.pool, Some("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")).await?;
        let generation: i64 = sqlx::query_scalar("SELECT int_value FROM meta WHERE key = 'generation'")
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| self.faults.seen(e))?;
        let mut d = DirectoryData { generation, ..Default::default() };
        for r in sqlx::query("SELECT * FROM tenants").fetch_all(&mut *tx).await.map_err(|e| self.faults.seen(e))? {
            d.tenants.push(Tenant {
                id: r.get("id"),
                name: r.get("name"),
                display_name: r.get("display_name"),
                default_locale: r.get("default_locale"),
                signing_alg: SigningAlg::parse(&r.get::<String, _>("signing_alg")).unwrap_or(SigningAlg::ES256),
                allow_plain_pkce: r.get("allow_plain_pkce"),
                issuer_uses_name: r.get("issuer_uses_name"),
            });
        }
        for r in sqlx::query(
            "SELECT id, tenant_id, name, identifier, scopes::text AS scopes, roles::text AS roles FROM apis",
        )
        .fetch_all(&mut *tx)
        .await
        .map_err(|e| self.faults.seen(e))?
        {
            d.apis.push(Api {
                id: r.get("id"),
                tenant_id: r.get("tenant_id"),
                name: r.get("name"),
                identifier: r.get("identifier"),
                scopes: parse_list(&r.get::<String, _>("scopes")),
                roles: parse_list(&r.get::<String, _>("roles")),
            });
        }
        let mut secrets: HashMap<Uuid, Vec<ClientSecret>> = HashMap::new();
        for r in sqlx::query("SELECT * FROM client_secrets ORDER BY created_at")
            .fetch_all(&mut *tx)
            .await
            .map_err(|e| self.faults.seen(e))?
        {
            secrets.entry(r.get("client")).or_default().push(ClientSecret {
                id: r.get("id"),
                hash: r.get("hash"),
                hint: r.get("hint"),
                expires_at: r.get("expires_at"),
                created_at: r.get("created_at"),
            });
        }
        for r in sqlx::query("SELECT id, tenant_id, client_id, name, body::text AS body FROM clients")
            .fetch_all(&mut *tx)
            .await
            .map_err(|e| self.faults.seen(e))?
        {
            let id: Uuid = r.get("id");
            let s = secrets.remove(&id).unwrap_or_default();
            d.clients.push(client_body::from_row(
                ClientRow {
                    id,
                    tenant_id: r.get("tenant_id"),
                    client_id: r.get("client_id"),
                    name: r.get("name"),
                    body: r.get("body"),
                },
                s,
            )?);
        }
        for r in sqlx::query("SELECT * FROM signing_keys").fetch_all(&mut *tx).await.map_err(|e| self.faults.seen(e))? {
            d.keys.push(StoredKey {
                kid: r.get("kid"),
                tenant_id: r.get("tenant_id"),
                alg: SigningAlg::parse(&r.get::<String, _>("alg")).unwrap_or(SigningAlg::ES256),
                sealed_private: r.get("sealed_private"),
                created_at: r.get("created_at"),
                active_from: r.get("active_from"),
                retired_at: r.get("retired_at"),
            });
        }
        tx.commit().await.map_err(|e| self.faults.seen(e))?;
        Ok(d)
    }

    async fn apply(&self, changes: &[Change]) -> StoreResult<()> {
        let mut tx = begin(&self.pool).await?;
        for c in changes {
            let q = match c {
                Change::PutTenant(t) => sqlx::query(
                    "INSERT INTO tenants (id, name, display_name, default_locale, signing_alg, allow_plain_pkce,
                       issuer_uses_name)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)
                     ON CONFLICT (id) DO UPDATE SET name = $2, display_name = $3, default_locale = $4,
                       signing_alg = $5, allow_plain_pkce = $6, issuer_uses_name = $7",
                )
                .bind(t.id)
                .bind(&t.name)
                .bind(&t.display_name)
                .bind(&t.default_locale)
                .bind(t.signing_alg.as_str())
                .bind(t.allow_plain_pkce)
                .bind(t.issuer_uses_name),
                Change::DeleteTenant(id) => {
                    sqlx::query("DELETE FROM tenants WHERE id = $1").bind(*id)
                }
                Change::PutApi(a) => sqlx::query(
                    "INSERT INTO apis (id, tenant_id, name, identifier, scopes, roles)
                     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)
                     ON CONFLICT (id) DO UPDATE SET name = $3, identifier = $4, scopes = $5::jsonb, roles = $6::jsonb",
                )
                .bind(a.id)
                .bind(a.tenant_id)
                .bind(&a.name)
                .bind(&a.identifier)
                .bind(json_list(&a.scopes))
                .bind(json_list(&a.roles)),
                Change::DeleteApi(id) => sqlx::query("DELETE FROM apis WHERE id = $1").bind(*id),
                Change::PutClient(cl) => {
                    sqlx::query(
                        "INSERT INTO clients (id, tenant_id, client_id, name, body) VALUES ($1, $2, $3, $4, $5::jsonb)
                         ON CONFLICT (id) DO UPDATE SET client_id = $3, name = $4, body = $5::jsonb",
                    )
                    .bind(cl.id)
                    .bind(cl.tenant_id)
                    .bind(&cl.client_id)
                    .bind(&cl.name)
                    .bind(client_body::to_json(cl))
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| self.faults.seen(e))?;
                    sqlx::query("DELETE FROM client_secrets WHERE client = $1")
                        .bind(cl.id)
                        .execute(&mut *tx)
                        .await
                        .map_err(|e| self.faults.seen(e))?;
                    for s in &cl.secrets {
                        sqlx::query(
                            "INSERT INTO client_secrets (id, client, hash, hint, expires_at, created_at)
                             VALUES ($1, $2, $3, $4, $5, $6)",
                        )
                        .bind(s.id)
                        .bind(cl.id)
                        .bind(&s.hash)
                        .bind(&s.hint)
                        .bind(s.expires_at)
                        .bind(s.created_at)
                        .execute(&mut *tx)
                        .await
                        .map_err(|e| self.faults.seen(e))?;
                    }
                    continue;
                }
                Change::DeleteClient(id) => {
                    sqlx::query("DELETE FROM clients WHERE id = $1").bind(*id)
                }
                Change::PutUser(u) => sqlx::query(
                    "INSERT INTO users (id, tenant_id, username, display_name, email, enabled, password_hash,
                       email_verified, profile, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                     ON CONFLICT (id) DO UPDATE SET username = $3, display_name = $4, email = $5, enabled = $6,
                       password_hash = $7, email_verified = $8, profile = $9, updated_at = $10",
                )
                .bind(u.id)
                .bind(u.tenant_id)
                .bind(&u.username)
                .bind(&u.display_name)
                .bind(&u.email)
                .bind(u.enabled)
                .bind(&u.password_hash)
                .bind(u.email_verified)
                .bind(crate::user_profile_json(&u.profile))
                .bind(u.updated_at),
                Change::DeleteUser(id) => sqlx::query("DELETE FROM users WHERE id = $1").bind(*id),
                Change::PutKey(k) => sqlx::query(
                    "INSERT INTO signing_keys (kid, tenant_id, alg, sealed_private, created_at, active_from, retired_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&k.kid)
                .bind(k.tenant_id)
                .bind(k.alg.as_str())
                .bind(&k.sealed_private)
                .bind(k.created_at)
                .bind(k.active_from)
                .bind(k.retired_at),
                Change::RetireKey { kid, at } => {
                    sqlx::query("UPDATE signing_keys SET retired_at = $2 WHERE kid = $1")
                        .bind(kid)
                        .bind(*at)
                }
            };
            q.execute(&mut *tx).await.map_err(|e| self.faults.seen(e))?;
        }
        sqlx::query("UPDATE meta SET int_value = int_value + 1 WHERE key = 'generation'")
            .execute(&mut *tx)
            .await
            .map_err(|e| self.faults.seen(e))?;
        tx.commit().await.map_err(|e| self.faults.seen(e))
    }

    async fn master_key_check(&self) -> StoreResult<Option<Vec<u8>>> {
        sqlx::query_scalar("SELECT bytes_value FROM meta WHERE key = 'master_key_check'")
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))
    }

    async fn set_master_key_check(&self, sealed: &[u8]) -> StoreResult<()> {
        sqlx::query("INSERT INTO meta (key, bytes_value) VALUES ('master_key_check', $1)")
            .bind(sealed)
            .execute(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))
            .map(|_| ())
    }
}

#[async_trait]
impl UserStore for PgStore {
    async fn user_by_username(&self, tenant: Uuid, username: &str) -> StoreResult<Option<User>> {
        sqlx::query(
            r#"SELECT * FROM users WHERE tenant_id = $1 AND lower(username COLLATE "C") = lower($2 COLLATE "C")"#,
        )
        .bind(tenant)
        .bind(username)
        .fetch_optional(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))?
        .map(|r| to_user(&r))
        .transpose()
    }

    async fn user_by_email(&self, tenant: Uuid, email: &str) -> StoreResult<Option<User>> {
        let rows = sqlx::query(
            r#"SELECT * FROM users WHERE tenant_id = $1 AND lower(email COLLATE "C") = lower($2 COLLATE "C") LIMIT 2"#,
        )
        .bind(tenant)
        .bind(email)
        .fetch_all(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))?;
        if rows.len() == 1 { Ok(Some(to_user(&rows[0])?)) } else { Ok(None) }
    }

    async fn user_by_id(&self, tenant: Uuid, id: Uuid) -> StoreResult<Option<User>> {
        sqlx::query("SELECT * FROM users WHERE tenant_id = $1 AND id = $2")
            .bind(tenant)
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?
            .map(|r| to_user(&r))
            .transpose()
    }

    async fn users(&self, tenant: Uuid) -> StoreResult<Vec<User>> {
        // SQLite orders by the NOCASE column, so case-insensitively; so does this.
        sqlx::query(r#"SELECT * FROM users WHERE tenant_id = $1 ORDER BY lower(username COLLATE "C")"#)
            .bind(tenant)
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?
            .iter()
            .map(to_user)
            .collect()
    }

    async fn reserve_attempt(&self, a: &SignInAttempt<'_>) -> StoreResult<Option<Budget>> {
        // One statement: pick the budget (the source's own row when it signed this user in since
        // `familiar_since`, else the shared '*' row), restart it when its window passed or its lock
        // ended, and charge the attempt unless it is locked or used up (no row returned then).
        // Concurrent reservations serialize on the row and re-check the WHERE on its latest version.
        let bucket: Option<String> = sqlx::query_scalar(
            r#"INSERT INTO lockouts AS l (tenant_id, username, source, failures, first_at, locked_until)
               SELECT $1, lower($2 COLLATE "C"), CASE WHEN EXISTS (
                   SELECT 1 FROM lockouts WHERE tenant_id = $1 AND username = lower($2 COLLATE "C")
                     AND source = $3 AND last_success_at >= $7) THEN $3 ELSE '*' END, 1, $4, NULL
               ON CONFLICT (tenant_id, username, source) DO UPDATE SET
                 failures = CASE WHEN (l.locked_until IS NULL AND l.first_at + $5 <= $4) OR l.locked_until <= $4
                            THEN 1 ELSE l.failures + 1 END,
                 first_at = CASE WHEN (l.locked_until IS NULL AND l.first_at + $5 <= $4) OR l.locked_until <= $4
                            THEN $4 ELSE l.first_at END,
                 locked_until = CASE WHEN l.locked_until <= $4 THEN NULL ELSE l.locked_until END
               WHERE (l.locked_until IS NULL AND (l.first_at + $5 <= $4 OR l.failures < $6)) OR l.locked_until <= $4
               RETURNING l.source"#,
        )
        .bind(a.tenant)
        .bind(a.username)
        .bind(a.source)
        .bind(a.now)
        .bind(a.window)
        .bind(a.threshold as i64)
        .bind(a.familiar_since)
        .fetch_optional(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))?;
        Ok(bucket.map(|b| if b == UNFAMILIAR_SOURCES { Budget::Unfamiliar } else { Budget::Source }))
    }

    async fn record_failure(&self, a: &SignInAttempt<'_>, budget: Budget) -> StoreResult<Option<UnixTime>> {
        sqlx::query_scalar(
            r#"UPDATE lockouts SET locked_until = $4 + $6
               WHERE tenant_id = $1 AND username = lower($2 COLLATE "C") AND source = $3
                 AND locked_until IS NULL AND failures >= $5
               RETURNING locked_until"#,
        )
        .bind(a.tenant)
        .bind(a.username)
        .bind(budget.key(a))
        .bind(a.now)
        .bind(a.threshold as i64)
        .bind(a.lock_for)
        .fetch_optional(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))
    }

    async fn record_success(&self, a: &SignInAttempt<'_>, budget: Budget) -> StoreResult<()> {
        // One statement: the source's row becomes familiar and restarts; an attempt charged to the
        // shared row is given back (unless that row locked meanwhile).
        sqlx::query(
            r#"WITH familiar AS (
                 INSERT INTO lockouts AS l (tenant_id, username, source, failures, first_at, locked_until, last_success_at)
                 VALUES ($1, lower($2 COLLATE "C"), $3, 0, $4, NULL, $4)
                 ON CONFLICT (tenant_id, username, source) DO UPDATE SET
                   failures = 0, first_at = $4, locked_until = NULL, last_success_at = $4
               )
               UPDATE lockouts SET failures = greatest(failures - 1, 0)
               WHERE $5 AND tenant_id = $1 AND username = lower($2 COLLATE "C") AND source = '*'
                 AND locked_until IS NULL"#,
        )
        .bind(a.tenant)
        .bind(a.username)
        .bind(a.source)
        .bind(a.now)
        .bind(budget == Budget::Unfamiliar)
        .execute(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))
        .map(|_| ())
    }

    async fn purge_lockouts(&self, stale_before: UnixTime, familiar_since: UnixTime) -> StoreResult<u64> {
        let r = sqlx::query(
            "DELETE FROM lockouts WHERE first_at < $1 AND coalesce(locked_until, 0) < $1
               AND coalesce(last_success_at, 0) < $2",
        )
        .bind(stale_before)
        .bind(familiar_since)
        .execute(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))?;
        Ok(r.rows_affected())
    }
}

#[async_trait]
impl GrantStore for PgStore {
    async fn create_grant(&self, g: &Grant, refresh_hash: Option<&[u8]>) -> StoreResult<()> {
        let mut tx = begin(&self.pool).await?;
        sqlx::query(
            // A replay that arrived first may have left a revoked placeholder: it stays revoked.
            "INSERT INTO grants (id, tenant_id, client_id, user_id, scope, auth_time, created_at, expires_at, revoked_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING",
        )
        .bind(g.id)
        .bind(g.tenant_id)
        .bind(&g.client_id)
        .bind(g.user_id)
        .bind(&g.scope)
        .bind(g.auth_time)
        .bind(g.created_at)
        .bind(g.expires_at)
        .bind(g.revoked_at)
        .execute(&mut *tx)
        .await
        .map_err(|e| self.faults.seen(e))?;
        if let Some(h) = refresh_hash {
            sqlx::query("INSERT INTO refresh_tokens (hash, grant_id, created_at) VALUES ($1, $2, $3)")
                .bind(h)
                .bind(g.id)
                .bind(g.created_at)
                .execute(&mut *tx)
                .await
                .map_err(|e| self.faults.seen(e))?;
        }
        tx.commit().await.map_err(|e| self.faults.seen(e))
    }

    async fn grant(&self, id: Uuid) -> StoreResult<Option<Grant>> {
        Ok(sqlx::query("SELECT * FROM grants WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?
            .map(|r| to_grant(&r)))
    }

    async fn revoke_grant(&self, id: Uuid, now: UnixTime, reason: &str) -> StoreResult<()> {
        sqlx::query("UPDATE grants SET revoked_at = $2, revoke_reason = $3 WHERE id = $1 AND revoked_at IS NULL")
            .bind(id)
            .bind(now)
            .bind(reason)
            .execute(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))
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
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(&c.hash)
        .bind(c.tenant_id)
        .bind(&c.client_id)
        .bind(c.grant_id)
        .bind(c.user_id)
        .bind(&c.redirect_uri)
        .bind(&c.scope)
        .bind(&c.nonce)
        .bind(&c.code_challenge)
        .bind(&c.code_challenge_method)
        .bind(c.auth_time)
        .bind(&c.session_id)
        .bind(c.created_at)
        .bind(c.expires_at)
        .execute(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))
        .map(|_| ())
    }

    async fn consume_code(&self, hash: &[u8], now: UnixTime) -> StoreResult<CodeOutcome> {
        let mut tx = begin(&self.pool).await?;
        // Same row-lock re-check as `rotate_refresh`: one caller matches, the rest match nothing.
        let row =
            sqlx::query("UPDATE auth_codes SET consumed_at = $2 WHERE hash = $1 AND consumed_at IS NULL RETURNING *")
                .bind(hash)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await
                .map_err(|e| self.faults.seen(e))?;
        let outcome = match row {
            Some(r) => CodeOutcome::Consumed(Box::new(to_code(&r))),
            None => {
                let grant: Option<Uuid> = sqlx::query_scalar("SELECT grant_id FROM auth_codes WHERE hash = $1")
                    .bind(hash)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(|e| self.faults.seen(e))?;
                match grant {
                    Some(g) => {
                        sqlx::query(
                            // Revoke the code's grant; if the winning redemption has not recorded it yet,
                            // record it revoked now so it is born revoked (RFC 6749 §4.1.2).
                            "INSERT INTO grants (id, tenant_id, client_id, user_id, scope, auth_time, created_at, expires_at,
                               revoked_at, revoke_reason)
                             SELECT grant_id, tenant_id, client_id, user_id, scope, auth_time, $2, expires_at, $2,
                               'authorization code replay'
                             FROM auth_codes WHERE hash = $3 AND grant_id = $1
                             ON CONFLICT (id) DO UPDATE SET revoked_at = COALESCE(grants.revoked_at, excluded.revoked_at),
                               revoke_reason = COALESCE(grants.revoke_reason, excluded.revoke_reason)",
                        )
                        .bind(g)
                        .bind(now)
                        .bind(hash)
                        .execute(&mut *tx)
                        .await
                        .map_err(|e| self.faults.seen(e))?;
                        CodeOutcome::Replayed { grant_id: g }
                    }
                    None => CodeOutcome::NotFound,
                }
            }
        };
        tx.commit().await.map_err(|e| self.faults.seen(e))?;
        Ok(outcome)
    }

    async fn purge(
        &self,
        sealed_before: UnixTime,
        codes_before: UnixTime,
        grants_before: UnixTime,
    ) -> StoreResult<u64> {
        let a = sqlx::query(
            "UPDATE refresh_tokens SET successor_sealed = NULL WHERE successor_sealed IS NOT NULL AND used_at < $1",
        )
        .bind(sealed_before)
        .execute(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))?;
        let b = sqlx::query("DELETE FROM auth_codes WHERE expires_at < $1")
            .bind(codes_before)
            .execute(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?;
        // In chunks (index `grants_expiry`), so a large backlog never holds the writer for long; the
        // grants' refresh tokens go by `ON DELETE CASCADE` (index `refresh_tokens_grant`).
        let grants = crate::delete_in_chunks(|limit| async move {
            sqlx::query("DELETE FROM grants WHERE id IN (SELECT id FROM grants WHERE expires_at < $1 LIMIT $2)")
                .bind(grants_before)
                .bind(limit)
                .execute(&self.pool)
                .await
                .map(|r| r.rows_affected())
                .map_err(|e| self.faults.seen(e))
        })
        .await?;
        Ok(a.rows_affected() + b.rows_affected() + grants)
    }
}

#[async_trait]
impl SessionStore for PgStore {
    async fn create_session(&self, s: &Session) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO sessions (hash, tenant_id, user_id, auth_time, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&s.hash)
        .bind(s.tenant_id)
        .bind(s.user_id)
        .bind(s.auth_time)
        .bind(s.expires_at)
        .execute(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))
        .map(|_| ())
    }

    async fn session(&self, hash: &[u8]) -> StoreResult<Option<Session>> {
        Ok(sqlx::query("SELECT * FROM sessions WHERE hash = $1")
            .bind(hash)
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?
            .map(|r| Session {
                hash: r.get("hash"),
                tenant_id: r.get("tenant_id"),
                user_id: r.get("user_id"),
                auth_time: r.get("auth_time"),
                expires_at: r.get("expires_at"),
            }))
    }

    async fn delete_session(&self, hash: &[u8]) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE hash = $1")
            .bind(hash)
            .execute(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))
            .map(|_| ())
    }

    async fn consent(&self, tenant: Uuid, user: Uuid, client_id: &str) -> StoreResult<Option<Vec<String>>> {
        let s: Option<String> = sqlx::query_scalar(
            "SELECT scopes::text FROM consents WHERE tenant_id = $1 AND user_id = $2 AND client_id = $3",
        )
        .bind(tenant)
        .bind(user)
        .bind(client_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))?;
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
            "INSERT INTO consents (tenant_id, user_id, client_id, scopes, granted_at) VALUES ($1, $2, $3, $4::jsonb, $5)
             ON CONFLICT (tenant_id, user_id, client_id) DO UPDATE SET scopes = $4::jsonb, granted_at = $5",
        )
        .bind(tenant)
        .bind(user)
        .bind(client_id)
        .bind(json_list(scopes))
        .bind(now)
        .execute(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))
        .map(|_| ())
    }

    async fn revoke_consent(&self, tenant: Uuid, user: Uuid, client_id: &str) -> StoreResult<bool> {
        let r = sqlx::query("DELETE FROM consents WHERE tenant_id = $1 AND user_id = $2 AND client_id = $3")
            .bind(tenant)
            .bind(user)
            .bind(client_id)
            .execute(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?;
        Ok(r.rows_affected() > 0)
    }
}

#[async_trait]
impl SigninLogStore for PgStore {
    async fn write_signins(&self, batch: &[SigninRecord]) -> StoreResult<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let mut tx = begin(&self.pool).await?;
        // 13 parameters a row; 64 rows stay far below PostgreSQL's 65535 bind parameters.
        for chunk in crate::fixed_chunks(batch) {
            let mut qb: QueryBuilder<Postgres> = QueryBuilder::new(
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
            qb.build().execute(&mut *tx).await.map_err(|e| self.faults.seen(e))?;
        }
        tx.commit().await.map_err(|e| self.faults.seen(e))
    }

    async fn query_signins(&self, q: &SigninQuery) -> StoreResult<Vec<SigninRecord>> {
        let mut qb: QueryBuilder<Postgres> = QueryBuilder::new("SELECT * FROM signin_log WHERE true");
        crate::push_signin_filters(
            &mut qb,
            q,
            |qb, trace_id| {
                qb.push(" AND trace_id = ").push_bind(trace_id);
            },
            |qb, correlation_id| {
                qb.push(" AND correlation_id = ").push_bind(correlation_id);
            },
            "",
        );
        Ok(qb.build().fetch_all(&self.pool).await.map_err(|e| self.faults.seen(e))?.iter().map(to_signin).collect())
    }

    async fn purge_signins(&self, before_millis: i64) -> StoreResult<u64> {
        let r = sqlx::query("DELETE FROM signin_log WHERE time_millis < $1")
            .bind(before_millis)
            .execute(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?;
        Ok(r.rows_affected())
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
        self.pool.close().await;
    }
}
