//! [`RegistrationStore`] on SQLite: RFC 7591 initial access tokens, one statement each.
use async_trait::async_trait;
use sigil_core::clock::UnixTime;
use sigil_core::store::*;
use uuid::Uuid;

use super::SqliteStore;
use super::conn::OnWriter;

#[async_trait]
impl RegistrationStore for SqliteStore {
    async fn put_initial_access_token(&self, t: &NewInitialAccessToken) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO initial_access_tokens (hash, tenant_id, uses_left, expires_at, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .bind(&t.hash)
        .bind(t.tenant_id.to_string())
        .bind(t.uses)
        .bind(t.expires_at)
        .bind(t.created_at)
        .execute_on(&self.write)
        .await
        .map(|_| ())
    }

    async fn use_initial_access_token(&self, tenant: Uuid, hash: &[u8], now: UnixTime) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE initial_access_tokens SET uses_left = uses_left - 1
             WHERE hash = ?1 AND tenant_id = ?2 AND uses_left > 0 AND (expires_at IS NULL OR expires_at > ?3)",
        )
        .bind(hash)
        .bind(tenant.to_string())
        .bind(now)
        .execute_on(&self.write)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
