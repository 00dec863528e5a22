//! [`GrantStore`] on PostgreSQL: grants, authorization codes, refresh tokens (the rotation
//! statements, batched by [`crate::batch`]) and their purge.
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use async_trait::async_trait;
use sigil_core::clock::UnixTime;
use sigil_core::error::StoreError;
use sigil_core::model::*;
use sigil_core::store::*;
use sqlx::postgres::{PgPool, PgRow};
use sqlx::{Postgres, QueryBuilder};
use uuid::Uuid;

use super::PgStore;
use super::conn::{Faults, begin};
use super::users::user_columns;
use crate::batch::{OwnedRotation, RefreshStatements};
use crate::{decode, map_err};

const REFRESH_SELECT: &str = "SELECT t.hash AS rt_hash, g.*, t.created_at AS rt_created, t.used_at AS rt_used,
       u.id AS u_id, u.tenant_id AS u_tenant_id, u.username AS u_username, u.display_name AS u_display_name,
       u.email AS u_email, u.enabled AS u_enabled, u.password_hash AS u_password_hash,
       u.email_verified AS u_email_verified, u.profile AS u_profile, u.updated_at AS u_updated_at
     FROM refresh_tokens t JOIN grants g ON g.id = t.grant_id
       LEFT JOIN users u ON u.id = g.user_id AND u.tenant_id = g.tenant_id";

fn to_refresh_state(r: &PgRow) -> Result<RefreshTokenState, StoreError> {
    let user = decode::<Option<Uuid>, _>(r, "u_id")?.map(|_| user_columns(r, "u_")).transpose()?;
    Ok(RefreshTokenState {
        grant: to_grant(r)?,
        created_at: decode(r, "rt_created")?,
        used_at: decode(r, "rt_used")?,
        user,
    })
}

/// Refresh-token statements for [`RefreshBatches`]. A batch binds arrays (`= ANY`, `UNNEST`), so
/// each statement has one text whatever the batch size, prepared once per connection.
#[derive(Clone)]
pub(super) struct RefreshSql {
    pub(super) pool: PgPool,
    pub(super) faults: Arc<Faults>,
}

impl RefreshSql {
    async fn spend_one_once(&self, rot: &OwnedRotation) -> Result<Option<Uuid>, sqlx::Error> {
        sqlx::query_scalar(
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
    }
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
        rows.iter().map(|r| Ok((decode(r, "rt_hash")?, to_refresh_state(r)?))).collect()
    }

    /// One statement, one round trip, one commit: the data-modifying CTE spends the presented token
    /// and inserts its successor atomically. Concurrent callers block on the row lock the first one
    /// takes; when it commits, PostgreSQL re-checks `used_at IS NULL` against the committed row
    /// (READ COMMITTED update semantics) and they match nothing.
    ///
    /// A deadlock victim (40P01; seen under load, with other instances' batches holding rows of
    /// this grant) was rolled back whole and changed nothing, so it is tried again, as PostgreSQL's
    /// manual advises for it (§13.3.4), a bounded number of times.
    async fn spend_one(&self, rot: &OwnedRotation) -> StoreResult<bool> {
        let mut attempts = 0;
        loop {
            match self.spend_one_once(rot).await {
                Err(sqlx::Error::Database(d)) if d.code().as_deref() == Some("40P01") && attempts < 4 => {
                    attempts += 1;
                    tracing::debug!(attempts, "refresh rotation was a deadlock victim; trying again");
                }
                other => return other.map(|won| won.is_some()).map_err(|e| self.faults.seen(e)),
            }
        }
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
            // one back (40P01); the batch's requests then run one by one (`spend_one`, which
            // locks one token and retries should it still be chosen as a victim).
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
        let spent = |r: &_| -> StoreResult<SpentRow> {
            Ok((decode(r, "revoked_at")?, decode(r, "used_at")?, decode(r, "successor_sealed")?))
        };
        Ok(RotationOutcome::lost(row.as_ref().map(spent).transpose()?))
    }
}

pub(super) fn to_grant(r: &PgRow) -> Result<Grant, StoreError> {
    Ok(Grant {
        id: decode(r, "id")?,
        tenant_id: decode(r, "tenant_id")?,
        client_id: decode(r, "client_id")?,
        user_id: decode(r, "user_id")?,
        scope: decode(r, "scope")?,
        auth_time: decode(r, "auth_time")?,
        created_at: decode(r, "created_at")?,
        expires_at: decode(r, "expires_at")?,
        revoked_at: decode(r, "revoked_at")?,
        dpop_jkt: decode(r, "dpop_jkt")?,
        amr: crate::amr("grants.amr", decode(r, "amr")?)?,
    })
}

fn to_code(r: &PgRow) -> Result<AuthCode, StoreError> {
    Ok(AuthCode {
        hash: decode(r, "hash")?,
        tenant_id: decode(r, "tenant_id")?,
        client_id: decode(r, "client_id")?,
        grant_id: decode(r, "grant_id")?,
        user_id: decode(r, "user_id")?,
        redirect_uri: decode(r, "redirect_uri")?,
        scope: decode(r, "scope")?,
        nonce: decode(r, "nonce")?,
        code_challenge: decode(r, "code_challenge")?,
        code_challenge_method: decode(r, "code_challenge_method")?,
        auth_time: decode(r, "auth_time")?,
        session_id: decode(r, "session_id")?,
        created_at: decode(r, "created_at")?,
        expires_at: decode(r, "expires_at")?,
        dpop_jkt: decode(r, "dpop_jkt")?,
        amr: crate::amr("auth_codes.amr", decode(r, "amr")?)?,
    })
}

#[async_trait]
impl GrantStore for PgStore {
    async fn create_grant(&self, g: &Grant, refresh_hash: Option<&[u8]>) -> StoreResult<()> {
        let mut tx = begin(&self.pool).await?;
        sqlx::query(
            // A replay that arrived first may have left a revoked placeholder: it stays revoked.
            "INSERT INTO grants (id, tenant_id, client_id, user_id, scope, auth_time, created_at, expires_at, revoked_at,
               dpop_jkt, amr)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING",
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
        .bind(&g.dpop_jkt)
        .bind(&g.amr)
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

    async fn create_derived_grant(&self, g: &Grant, parent: Uuid, refresh_hash: Option<&[u8]>) -> StoreResult<bool> {
        let mut tx = begin(&self.pool).await?;
        // `FOR SHARE` holds the parent row until commit: a revocation waits for this insert and
        // its trigger then sees the new grant, or it came first and the condition fails here.
        let inserted = sqlx::query(
            "INSERT INTO grants (id, tenant_id, client_id, user_id, scope, auth_time, created_at, expires_at, parent_id, amr)
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, p.id, p.amr FROM grants p
             WHERE p.id = $9 AND p.tenant_id = $2 AND p.revoked_at IS NULL AND p.expires_at > $7
             FOR SHARE",
        )
        .bind(g.id)
        .bind(g.tenant_id)
        .bind(&g.client_id)
        .bind(g.user_id)
        .bind(&g.scope)
        .bind(g.auth_time)
        .bind(g.created_at)
        .bind(g.expires_at)
        .bind(parent)
        .execute(&mut *tx)
        .await
        .map_err(|e| self.faults.seen(e))?
        .rows_affected()
            == 1;
        if inserted && let Some(h) = refresh_hash {
            sqlx::query("INSERT INTO refresh_tokens (hash, grant_id, created_at) VALUES ($1, $2, $3)")
                .bind(h)
                .bind(g.id)
                .bind(g.created_at)
                .execute(&mut *tx)
                .await
                .map_err(|e| self.faults.seen(e))?;
        }
        tx.commit().await.map_err(|e| self.faults.seen(e))?;
        Ok(inserted)
    }

    async fn grant(&self, id: Uuid) -> StoreResult<Option<Grant>> {
        sqlx::query("SELECT * FROM grants WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?
            .map(|r| to_grant(&r))
            .transpose()
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

    async fn revoke_access_token(
        &self,
        tenant: Uuid,
        jti: &str,
        expires_at: UnixTime,
        now: UnixTime,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO revoked_access_tokens (tenant_id, jti, expires_at, revoked_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (tenant_id, jti) DO NOTHING",
        )
        .bind(tenant)
        .bind(jti)
        .bind(expires_at)
        .bind(now)
        .execute(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))
        .map(|_| ())
    }

    async fn access_token_revoked(&self, tenant: Uuid, jti: &str) -> StoreResult<bool> {
        let row: Option<i32> =
            sqlx::query_scalar("SELECT 1 FROM revoked_access_tokens WHERE tenant_id = $1 AND jti = $2")
                .bind(tenant)
                .bind(jti)
                .fetch_optional(&self.pool)
                .await
                .map_err(|e| self.faults.seen(e))?;
        Ok(row.is_some())
    }

    /// One upsert: a new `jti` is inserted; a known one is "updated" (to itself, so the row comes
    /// back) only when the mode is not strict and the client and assertion are the same.
    async fn use_assertion(&self, u: &AssertionUse<'_>) -> StoreResult<bool> {
        let row: Option<i32> = sqlx::query_scalar(
            "INSERT INTO assertion_jtis (tenant_id, jti_hash, client_id, assertion_hash, expires_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (tenant_id, jti_hash) DO UPDATE SET expires_at = assertion_jtis.expires_at
               WHERE NOT $6 AND assertion_jtis.client_id = excluded.client_id
                 AND assertion_jtis.assertion_hash = excluded.assertion_hash
             RETURNING 1",
        )
        .bind(u.tenant)
        .bind(u.jti_hash)
        .bind(u.client_id)
        .bind(u.assertion_hash)
        .bind(u.expires_at)
        .bind(u.strict)
        .fetch_optional(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))?;
        Ok(row.is_some())
    }

    /// Batched with concurrent rotations ([`RefreshBatches`]); alone, [`RefreshSql::spend_one`].
    async fn rotate_refresh(&self, rot: &Rotation<'_>) -> StoreResult<RotationOutcome> {
        self.refresh.rotate(rot).await
    }

    async fn put_code(&self, c: &AuthCode) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO auth_codes (hash, tenant_id, client_id, grant_id, user_id, redirect_uri, scope, nonce, code_challenge,
               code_challenge_method, auth_time, session_id, created_at, expires_at, dpop_jkt, amr)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
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
        .bind(&c.dpop_jkt)
        .bind(&c.amr)
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
            Some(r) => CodeOutcome::Consumed(Box::new(to_code(&r)?)),
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
        let devices = sqlx::query("DELETE FROM device_codes WHERE expires_at < $1")
            .bind(codes_before)
            .execute(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?;
        let revoked = sqlx::query("DELETE FROM revoked_access_tokens WHERE expires_at < $1")
            .bind(codes_before)
            .execute(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?;
        // Assertion jtis (RFC 7523 §3 replay records) once their assertion expired.
        let assertions = sqlx::query("DELETE FROM assertion_jtis WHERE expires_at < $1")
            .bind(codes_before)
            .execute(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?;
        // RFC 7591 initial access tokens used up or expired.
        let initial = sqlx::query("DELETE FROM initial_access_tokens WHERE uses_left <= 0 OR expires_at < $1")
            .bind(codes_before)
            .execute(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?;
        // Pushed requests (RFC 9126) and DPoP proofs (RFC 9449 §11.1) once expired.
        let mut pushed_and_proofs = 0;
        for sql in
            ["DELETE FROM pushed_requests WHERE expires_at < $1", "DELETE FROM dpop_proofs WHERE expires_at < $1"]
        {
            pushed_and_proofs += sqlx::query(sql)
                .bind(codes_before)
                .execute(&self.pool)
                .await
                .map_err(|e| self.faults.seen(e))?
                .rows_affected();
        }
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
        Ok(a.rows_affected()
            + b.rows_affected()
            + devices.rows_affected()
            + revoked.rows_affected()
            + initial.rows_affected()
            + pushed_and_proofs
            + assertions.rows_affected()
            + grants)
    }
}
