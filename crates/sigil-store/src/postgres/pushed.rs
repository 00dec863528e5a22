//! [`PushedRequestStore`] on PostgreSQL: RFC 9126 pushed authorization requests.
use async_trait::async_trait;
use sigil_core::clock::UnixTime;
use sigil_core::store::*;
use uuid::Uuid;

use super::PgStore;

#[async_trait]
impl PushedRequestStore for PgStore {
    async fn put_pushed_request(&self, r: &PushedRequest) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO pushed_requests (hash, tenant_id, client_id, params, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&r.hash)
        .bind(r.tenant_id)
        .bind(&r.client_id)
        .bind(&r.params)
        .bind(r.expires_at)
        .execute(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))
        .map(|_| ())
    }

    async fn take_pushed_request(
        &self,
        tenant: Uuid,
        client_id: &str,
        hash: &[u8],
        now: UnixTime,
    ) -> StoreResult<Option<String>> {
        // The row lock makes concurrent deletes of one row wait; the losers then match nothing.
        sqlx::query_scalar(
            "DELETE FROM pushed_requests WHERE hash = $1 AND tenant_id = $2 AND client_id = $3 AND expires_at > $4
             RETURNING params",
        )
        .bind(hash)
        .bind(tenant)
        .bind(client_id)
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))
    }
}
