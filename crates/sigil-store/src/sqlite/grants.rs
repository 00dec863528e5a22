//! [`GrantStore`] on SQLite: grants, authorization codes, refresh tokens (the rotation statements,
//! batched by [`crate::batch`]) and their purge.
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use async_trait::async_trait;
use sigil_core::clock::UnixTime;
use sigil_core::error::StoreError;
use sigil_core::model::*;
use sigil_core::store::*;
use sqlx::sqlite::SqliteRow;
use sqlx::{Connection, QueryBuilder, Sqlite};
use uuid::Uuid;

use super::SqliteStore;
use super::conn::{OnWriter, OwnedConn, ScalarOnWriter};
use super::users::user_columns;
use crate::batch::{OwnedRotation, RefreshStatements, padded_size};
use crate::{decode, map_err, uuid};

const REFRESH_SELECT: &str = "SELECT t.hash AS rt_hash, g.*, t.created_at AS rt_created, t.used_at AS rt_used,
       u.id AS u_id, u.tenant_id AS u_tenant_id, u.username AS u_username, u.display_name AS u_display_name,
       u.email AS u_email, u.enabled AS u_enabled, u.password_hash AS u_password_hash,
       u.email_verified AS u_email_verified, u.profile AS u_profile, u.updated_at AS u_updated_at
     FROM refresh_tokens t JOIN grants g ON g.id = t.grant_id
       LEFT JOIN users u ON u.id = g.user_id AND u.tenant_id = g.tenant_id
     WHERE t.hash";

fn to_refresh_state(r: &SqliteRow) -> Result<RefreshTokenState, StoreError> {
    let user = match decode::<Option<String>, _>(r, "u_id")? {
        Some(_) => Some(user_columns(r, "u_")?),
        None => None,
    };
    Ok(RefreshTokenState {
        grant: to_grant(r)?,
        created_at: decode(r, "rt_created")?,
        used_at: decode(r, "rt_used")?,
        user,
    })
}

/// How far before the oldest remaining grant `purge` stops reclaiming refresh tokens: a token's
/// key carries the issue time from the clock, so a clock stepped back (up to this far) cannot make
/// a remaining grant's token look older than its grant.
const CLOCK_STEP_MARGIN: UnixTime = 86_400;

/// Refresh-token statements for [`RefreshBatches`]: reads on their own readers, rotations on the writer.
#[derive(Clone)]
pub(super) struct RefreshSql {
    pub(super) read: Arc<[OwnedConn]>,
    pub(super) write: Arc<OwnedConn>,
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
        rows.iter().map(|r| Ok((decode::<Vec<u8>, _>(r, "rt_hash")?, to_refresh_state(r)?))).collect()
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
        Ok(Some(rows.iter().map(|r| decode(r, "hash")).collect::<StoreResult<_>>()?))
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
        let spent = |r: &_| -> StoreResult<SpentRow> {
            Ok((decode(r, "revoked_at")?, decode(r, "used_at")?, decode(r, "successor_sealed")?))
        };
        Ok(RotationOutcome::lost(row.as_ref().map(spent).transpose()?))
    }
}

fn to_grant(r: &SqliteRow) -> Result<Grant, StoreError> {
    Ok(Grant {
        id: uuid(&decode::<String, _>(r, "id")?)?,
        tenant_id: uuid(&decode::<String, _>(r, "tenant_id")?)?,
        client_id: decode(r, "client_id")?,
        user_id: decode::<Option<String>, _>(r, "user_id")?.map(|s| uuid(&s)).transpose()?,
        scope: decode(r, "scope")?,
        auth_time: decode(r, "auth_time")?,
        created_at: decode(r, "created_at")?,
        expires_at: decode(r, "expires_at")?,
        revoked_at: decode(r, "revoked_at")?,
        dpop_jkt: decode(r, "dpop_jkt")?,
        amr: crate::amr("grants.amr", decode(r, "amr")?)?,
    })
}

fn to_code(r: &SqliteRow) -> Result<AuthCode, StoreError> {
    Ok(AuthCode {
        hash: decode(r, "hash")?,
        tenant_id: uuid(&decode::<String, _>(r, "tenant_id")?)?,
        client_id: decode(r, "client_id")?,
        grant_id: uuid(&decode::<String, _>(r, "grant_id")?)?,
        user_id: uuid(&decode::<String, _>(r, "user_id")?)?,
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
impl GrantStore for SqliteStore {
    async fn create_grant(&self, g: &Grant, refresh_hash: Option<&[u8]>) -> StoreResult<()> {
        let mut w = self.write.write().await?;
        let mut tx = w.begin().await.map_err(map_err)?;
        sqlx::query(
            // A replay that arrived first may have left a revoked placeholder: it stays revoked.
            "INSERT INTO grants (id, tenant_id, client_id, user_id, scope, auth_time, created_at, expires_at, revoked_at,
               dpop_jkt, amr)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (id) DO NOTHING",
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
        .bind(&g.dpop_jkt)
        .bind(&g.amr)
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

    async fn create_derived_grant(&self, g: &Grant, parent: Uuid, refresh_hash: Option<&[u8]>) -> StoreResult<bool> {
        let mut w = self.write.write().await?;
        let mut tx = w.begin().await.map_err(map_err)?;
        // One writer: nothing can revoke the parent between this check and the commit.
        let inserted = sqlx::query(
            "INSERT INTO grants (id, tenant_id, client_id, user_id, scope, auth_time, created_at, expires_at, parent_id, amr)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, p.id, p.amr FROM grants p
             WHERE p.id = ?9 AND p.tenant_id = ?2 AND p.revoked_at IS NULL AND p.expires_at > ?7",
        )
        .bind(g.id.to_string())
        .bind(g.tenant_id.to_string())
        .bind(&g.client_id)
        .bind(g.user_id.map(|u| u.to_string()))
        .bind(&g.scope)
        .bind(g.auth_time)
        .bind(g.created_at)
        .bind(g.expires_at)
        .bind(parent.to_string())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?
        .rows_affected()
            == 1;
        if inserted && let Some(h) = refresh_hash {
            sqlx::query("INSERT INTO refresh_tokens (hash, grant_id, created_at) VALUES (?1, ?2, ?3)")
                .bind(h)
                .bind(g.id.to_string())
                .bind(g.created_at)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        }
        let committed = tx.commit().await.map_err(map_err).map(|()| inserted);
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

    async fn revoke_access_token(
        &self,
        tenant: Uuid,
        jti: &str,
        expires_at: UnixTime,
        now: UnixTime,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO revoked_access_tokens (tenant_id, jti, expires_at, revoked_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (tenant_id, jti) DO NOTHING",
        )
        .bind(tenant.to_string())
        .bind(jti)
        .bind(expires_at)
        .bind(now)
        .execute_on(&self.write)
        .await
        .map(|_| ())
    }

    async fn access_token_revoked(&self, tenant: Uuid, jti: &str) -> StoreResult<bool> {
        let row: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM revoked_access_tokens WHERE tenant_id = ?1 AND jti = ?2")
                .bind(tenant.to_string())
                .bind(jti)
                .fetch_optional(&self.read)
                .await
                .map_err(map_err)?;
        Ok(row.is_some())
    }

    /// One upsert: a new `jti` is inserted; a known one is "updated" (to itself, so the row comes
    /// back) only when the mode is not strict and the client and assertion are the same.
    async fn use_assertion(&self, u: &AssertionUse<'_>) -> StoreResult<bool> {
        let row: Option<i64> = sqlx::query_scalar(
            "INSERT INTO assertion_jtis (tenant_id, jti_hash, client_id, assertion_hash, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (tenant_id, jti_hash) DO UPDATE SET expires_at = assertion_jtis.expires_at
               WHERE ?6 = 0 AND assertion_jtis.client_id = excluded.client_id
                 AND assertion_jtis.assertion_hash = excluded.assertion_hash
             RETURNING 1",
        )
        .bind(u.tenant.to_string())
        .bind(u.jti_hash)
        .bind(u.client_id)
        .bind(u.assertion_hash)
        .bind(u.expires_at)
        .bind(u.strict as i64)
        .fetch_optional_on(&self.write)
        .await?;
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
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
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
        .bind(&c.dpop_jkt)
        .bind(&c.amr)
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
        let devices = sqlx::query("DELETE FROM device_codes WHERE expires_at < ?1")
            .bind(codes_before)
            .execute_on(&self.write)
            .await?;
        let revoked = sqlx::query("DELETE FROM revoked_access_tokens WHERE expires_at < ?1")
            .bind(codes_before)
            .execute_on(&self.write)
            .await?;
        // RFC 7591 initial access tokens used up or expired.
        let initial = sqlx::query("DELETE FROM initial_access_tokens WHERE uses_left <= 0 OR expires_at < ?1")
            .bind(codes_before)
            .execute_on(&self.write)
            .await?;
        // Pushed requests (RFC 9126) and DPoP proofs (RFC 9449 §11.1) once expired.
        let mut pushed_and_proofs = 0;
        for sql in
            ["DELETE FROM pushed_requests WHERE expires_at < ?1", "DELETE FROM dpop_proofs WHERE expires_at < ?1"]
        {
            pushed_and_proofs += sqlx::query(sql).bind(codes_before).execute_on(&self.write).await?.rows_affected();
        }
        let assertions = sqlx::query("DELETE FROM assertion_jtis WHERE expires_at < ?1")
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
