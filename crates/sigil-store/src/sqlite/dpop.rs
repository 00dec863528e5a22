//! [`DpopProofStore`] on SQLite: the DPoP proofs seen (RFC 9449 §11.1).
use async_trait::async_trait;
use sigil_core::clock::UnixTime;
use sigil_core::store::*;

use super::SqliteStore;
use super::conn::OnWriter;

#[async_trait]
impl DpopProofStore for SqliteStore {
    /// An expired row is taken over (its proof could no longer pass the `iat` check anyway).
    async fn use_dpop_proof(&self, hash: &[u8], expires_at: UnixTime, now: UnixTime) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO dpop_proofs (hash, expires_at) VALUES (?1, ?2)
             ON CONFLICT (hash) DO UPDATE SET expires_at = excluded.expires_at WHERE dpop_proofs.expires_at <= ?3",
        )
        .bind(hash)
        .bind(expires_at)
        .bind(now)
        .execute_on(&self.write)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
