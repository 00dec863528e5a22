//! [`DpopProofStore`] on PostgreSQL: the DPoP proofs seen (RFC 9449 §11.1), shared by instances.
use async_trait::async_trait;
use sigil_core::clock::UnixTime;
use sigil_core::store::*;

use super::PgStore;

#[async_trait]
impl DpopProofStore for PgStore {
    /// An expired row is taken over (its proof could no longer pass the `iat` check anyway). The
    /// unique key makes concurrent inserts of one hash wait for each other: one inserts, the rest
    /// meet a live row and update nothing.
    async fn use_dpop_proof(&self, hash: &[u8], expires_at: UnixTime, now: UnixTime) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO dpop_proofs (hash, expires_at) VALUES ($1, $2)
             ON CONFLICT (hash) DO UPDATE SET expires_at = excluded.expires_at WHERE dpop_proofs.expires_at <= $3",
        )
        .bind(hash)
        .bind(expires_at)
        .bind(now)
        .execute(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))?;
        Ok(done.rows_affected() == 1)
    }
}
