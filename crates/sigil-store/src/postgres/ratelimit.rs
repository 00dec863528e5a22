//! [`RateLimitStore`] on PostgreSQL: counters shared by every instance (issue 23).
use async_trait::async_trait;
use sigil_core::clock::UnixTime;
use sigil_core::error::StoreError;
use sigil_core::store::*;

use super::PgStore;

#[async_trait]
impl RateLimitStore for PgStore {
    fn shares_rate_limits(&self) -> bool {
        true
    }

    /// One upsert for all claims: a row's lock makes concurrent claims on one key add up one after
    /// the other, each seeing the total with its own hits. Callers sort claims by key, so two
    /// statements lock shared keys in one order (no deadlock).
    async fn claim_hits(&self, claims: &[HitClaim]) -> StoreResult<Vec<([u8; 16], i64)>> {
        let keys: Vec<Vec<u8>> = claims.iter().map(|c| c.key.to_vec()).collect();
        let windows: Vec<i64> = claims.iter().map(|c| c.window).collect();
        let hits: Vec<i64> = claims.iter().map(|c| c.hits).collect();
        let rows: Vec<(Vec<u8>, i64)> = sqlx::query_as(
            "INSERT INTO rate_limits (key, window_start, hits)
             SELECT * FROM UNNEST($1::bytea[], $2::bigint[], $3::bigint[])
             ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + excluded.hits
             RETURNING key, hits",
        )
        .bind(&keys)
        .bind(&windows)
        .bind(&hits)
        .fetch_all(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))?;
        rows.into_iter()
            .map(|(k, n)| {
                let key: [u8; 16] =
                    k.try_into().map_err(|_| StoreError::Other("rate_limits.key is not 16 bytes".into()))?;
                Ok((key, n))
            })
            .collect()
    }

    async fn purge_rate_limits(&self, before: UnixTime) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
            .bind(before)
            .execute(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?;
        Ok(done.rows_affected())
    }
}
