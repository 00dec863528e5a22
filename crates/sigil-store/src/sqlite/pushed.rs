//! [`PushedRequestStore`] on SQLite: RFC 9126 pushed authorization requests.
use async_trait::async_trait;
use sigil_core::clock::UnixTime;
use sigil_core::store::*;
use uuid::Uuid;

use super::SqliteStore;
use super::conn::OnWriter;
use super::conn::ScalarOnWriter;

#[async_trait]
impl PushedRequestStore for SqliteStore {
    async fn put_pushed_request(&self, r: &PushedRequest) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO pushed_requests (hash, tenant_id, client_id, params, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .bind(&r.hash)
        .bind(r.tenant_id.to_string())
        .bind(&r.client_id)
        .bind(&r.params)
        .bind(r.expires_at)
        .execute_on(&self.write)
        .await
        .map(|_| ())
    }

    async fn take_pushed_request(
        &self,
        tenant: Uuid,
        client_id: &str,
        hash: &[u8],
        now: UnixTime,
    ) -> StoreResult<Option<String>> {
        sqlx::query_scalar(
            "DELETE FROM pushed_requests WHERE hash = ?1 AND tenant_id = ?2 AND client_id = ?3 AND expires_at > ?4
             RETURNING params",
        )
        .bind(hash)
        .bind(tenant.to_string())
        .bind(client_id)
        .bind(now)
        .fetch_optional_on(&self.write)
        .await
    }
}
