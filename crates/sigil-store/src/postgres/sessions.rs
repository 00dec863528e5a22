//! [`SessionStore`] on PostgreSQL: sign-in sessions and remembered consent.

use async_trait::async_trait;
use sigil_core::clock::UnixTime;
use sigil_core::model::*;
use sigil_core::store::*;
use uuid::Uuid;

use super::PgStore;
use crate::{decode, json_list, parse_list};

#[async_trait]
impl SessionStore for PgStore {
    async fn create_session(&self, s: &Session) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO sessions (hash, tenant_id, user_id, auth_time, expires_at, amr, persistent)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&s.hash)
        .bind(s.tenant_id)
        .bind(s.user_id)
        .bind(s.auth_time)
        .bind(s.expires_at)
        .bind(&s.amr)
        .bind(s.persistent)
        .execute(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))
        .map(|_| ())
    }

    async fn session(&self, hash: &[u8]) -> StoreResult<Option<Session>> {
        sqlx::query("SELECT * FROM sessions WHERE hash = $1")
            .bind(hash)
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?
            .map(|r| to_session(&r))
            .transpose()
    }

    async fn delete_session(&self, hash: &[u8]) -> StoreResult<Option<Session>> {
        sqlx::query("DELETE FROM sessions WHERE hash = $1 RETURNING *")
            .bind(hash)
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?
            .map(|r| to_session(&r))
            .transpose()
    }

    async fn session_clients(&self, tenant: Uuid, sid: &str) -> StoreResult<Vec<String>> {
        sqlx::query_scalar(
            "SELECT client_id FROM auth_codes WHERE tenant_id = $1 AND session_id = $2
             UNION SELECT client_id FROM device_codes WHERE tenant_id = $1 AND session_id = $2",
        )
        .bind(tenant)
        .bind(sid)
        .fetch_all(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))
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
        s.map(|s| parse_list("consents.scopes", &s)).transpose()
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

    async fn set_session_persistence(&self, hash: &[u8], persistent: bool, expires_at: UnixTime) -> StoreResult<bool> {
        let r = sqlx::query("UPDATE sessions SET persistent = $2, expires_at = $3 WHERE hash = $1")
            .bind(hash)
            .bind(persistent)
            .bind(expires_at)
            .execute(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?;
        Ok(r.rows_affected() == 1)
    }
}

pub(super) fn to_session(r: &sqlx::postgres::PgRow) -> StoreResult<Session> {
    Ok(Session {
        hash: decode(r, "hash")?,
        tenant_id: decode(r, "tenant_id")?,
        user_id: decode(r, "user_id")?,
        auth_time: decode(r, "auth_time")?,
        expires_at: decode(r, "expires_at")?,
        amr: crate::amr("sessions.amr", decode(r, "amr")?)?,
        persistent: decode(r, "persistent")?,
    })
}
