//! [`AccountStore`] on SQLite: what the self-service account page reads and changes.

use async_trait::async_trait;
use sigil_core::clock::UnixTime;
use sigil_core::error::StoreError;
use sigil_core::store::*;
use sqlx::Connection;
use uuid::Uuid;

use super::SqliteStore;
use super::conn::OnWriter;
use super::sessions::to_session;
use crate::{decode, map_err, parse_list};

/// `last_seen_at` is noted at most this often per session (seconds).
const SEEN_EVERY: i64 = 60;

#[async_trait]
impl AccountStore for SqliteStore {
    async fn account_sessions(&self, tenant: Uuid, user: Uuid, now: UnixTime) -> StoreResult<Vec<SessionInfo>> {
        let rows = sqlx::query(
            "SELECT * FROM sessions WHERE user_id = ?1 AND tenant_id = ?2 AND expires_at > ?3
             ORDER BY auth_time DESC, hash LIMIT 1000",
        )
        .bind(user.to_string())
        .bind(tenant.to_string())
        .bind(now)
        .fetch_all(&self.read)
        .await
        .map_err(map_err)?;
        rows.iter()
            .map(|r| {
                Ok(SessionInfo {
                    session: to_session(r)?,
                    user_agent: decode(r, "user_agent")?,
                    last_seen_at: decode(r, "last_seen_at")?,
                })
            })
            .collect()
    }

    async fn note_session_use(&self, hash: &[u8], user_agent: &str, now: UnixTime) -> StoreResult<bool> {
        let r = sqlx::query(
            "UPDATE sessions SET last_seen_at = ?2, user_agent = COALESCE(user_agent, ?3)
             WHERE hash = ?1 AND (last_seen_at IS NULL OR last_seen_at <= ?2 - ?4)",
        )
        .bind(hash)
        .bind(now)
        .bind(user_agent)
        .bind(SEEN_EVERY)
        .execute_on(&self.write)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    async fn end_account_session(
        &self,
        tenant: Uuid,
        user: Uuid,
        hash: &[u8],
        sid: &str,
        now: UnixTime,
    ) -> StoreResult<bool> {
        let mut w = self.write.write().await?;
        let outcome = async {
            let mut tx = w.begin().await.map_err(map_err)?;
            let ended = sqlx::query("DELETE FROM sessions WHERE hash = ?1 AND tenant_id = ?2 AND user_id = ?3")
                .bind(hash)
                .bind(tenant.to_string())
                .bind(user.to_string())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?
                .rows_affected()
                == 1;
            if ended {
                sqlx::query(
                    "UPDATE grants SET revoked_at = ?3, revoke_reason = 'session ended on the account page'
                     WHERE revoked_at IS NULL AND id IN
                       (SELECT grant_id FROM auth_codes WHERE tenant_id = ?1 AND session_id = ?2)",
                )
                .bind(tenant.to_string())
                .bind(sid)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            }
            tx.commit().await.map_err(map_err)?;
            Ok::<_, StoreError>(ended)
        }
        .await;
        w.settle(outcome)
    }

    async fn account_consents(&self, tenant: Uuid, user: Uuid) -> StoreResult<Vec<ConsentInfo>> {
        let rows = sqlx::query(
            "SELECT client_id, scopes, granted_at FROM consents WHERE tenant_id = ?1 AND user_id = ?2 ORDER BY client_id",
        )
        .bind(tenant.to_string())
        .bind(user.to_string())
        .fetch_all(&self.read)
        .await
        .map_err(map_err)?;
        rows.iter()
            .map(|r| {
                Ok(ConsentInfo {
                    client_id: decode(r, "client_id")?,
                    scopes: parse_list("consents.scopes", &decode::<String, _>(r, "scopes")?)?,
                    granted_at: decode(r, "granted_at")?,
                })
            })
            .collect()
    }

    async fn withdraw_consent(&self, tenant: Uuid, user: Uuid, client_id: &str, now: UnixTime) -> StoreResult<bool> {
        let mut w = self.write.write().await?;
        let outcome = async {
            let mut tx = w.begin().await.map_err(map_err)?;
            let withdrawn =
                sqlx::query("DELETE FROM consents WHERE tenant_id = ?1 AND user_id = ?2 AND client_id = ?3")
                    .bind(tenant.to_string())
                    .bind(user.to_string())
                    .bind(client_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?
                    .rows_affected()
                    == 1;
            if withdrawn {
                sqlx::query(
                    "UPDATE grants SET revoked_at = ?4, revoke_reason = 'consent withdrawn on the account page'
                     WHERE tenant_id = ?1 AND user_id = ?2 AND client_id = ?3 AND revoked_at IS NULL",
                )
                .bind(tenant.to_string())
                .bind(user.to_string())
                .bind(client_id)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            }
            tx.commit().await.map_err(map_err)?;
            Ok::<_, StoreError>(withdrawn)
        }
        .await;
        w.settle(outcome)
    }

    async fn set_password_hash(&self, tenant: Uuid, user: Uuid, phc: &str, now: UnixTime) -> StoreResult<bool> {
        let r = sqlx::query("UPDATE users SET password_hash = ?3, updated_at = ?4 WHERE tenant_id = ?1 AND id = ?2")
            .bind(tenant.to_string())
            .bind(user.to_string())
            .bind(phc)
            .bind(now)
            .execute_on(&self.write)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    async fn remove_totp(&self, tenant: Uuid, user: Uuid) -> StoreResult<u64> {
        let mut w = self.write.write().await?;
        let outcome = async {
            let mut tx = w.begin().await.map_err(map_err)?;
            let removed =
                sqlx::query("DELETE FROM authenticators WHERE tenant_id = ?1 AND user_id = ?2 AND kind = 'totp'")
                    .bind(tenant.to_string())
                    .bind(user.to_string())
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?
                    .rows_affected();
            sqlx::query(
                "DELETE FROM recovery_codes WHERE tenant_id = ?1 AND user_id = ?2
                 AND NOT EXISTS (SELECT 1 FROM authenticators WHERE tenant_id = ?1 AND user_id = ?2)",
            )
            .bind(tenant.to_string())
            .bind(user.to_string())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
            tx.commit().await.map_err(map_err)?;
            Ok::<_, StoreError>(removed)
        }
        .await;
        w.settle(outcome)
    }
}
