//! [`FactorStore`] on SQLite: authenticators (second factors), recovery codes, session methods.

use async_trait::async_trait;
use sigil_core::clock::UnixTime;
use sigil_core::model::*;
use sigil_core::store::*;
use uuid::Uuid;

use super::SqliteStore;
use super::conn::OnWriter;
use crate::{decode, map_err, uuid};
use sqlx::Connection;

#[async_trait]
impl FactorStore for SqliteStore {
    async fn authenticators(&self, tenant: Uuid, user: Uuid) -> StoreResult<Vec<Authenticator>> {
        sqlx::query("SELECT * FROM authenticators WHERE tenant_id = ?1 AND user_id = ?2 ORDER BY created_at, id")
            .bind(tenant.to_string())
            .bind(user.to_string())
            .fetch_all(&self.read)
            .await
            .map_err(map_err)?
            .iter()
            .map(to_authenticator)
            .collect()
    }

    async fn add_authenticator(&self, a: &Authenticator) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO authenticators (id, tenant_id, user_id, kind, name, secret_sealed, last_step, created_at,
               last_used_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .bind(a.id.to_string())
        .bind(a.tenant_id.to_string())
        .bind(a.user_id.to_string())
        .bind(a.kind.as_str())
        .bind(&a.name)
        .bind(&a.secret_sealed)
        .bind(a.last_step)
        .bind(a.created_at)
        .bind(a.last_used_at)
        .execute_on(&self.write)
        .await
        .map(|_| ())
    }

    async fn use_totp_step(&self, id: Uuid, step: i64, now: UnixTime) -> StoreResult<bool> {
        let r = sqlx::query(
            "UPDATE authenticators SET last_step = ?2, last_used_at = ?3
             WHERE id = ?1 AND (last_step IS NULL OR last_step < ?2)",
        )
        .bind(id.to_string())
        .bind(step)
        .bind(now)
        .execute_on(&self.write)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    async fn touch_authenticator(&self, id: Uuid, now: UnixTime) -> StoreResult<bool> {
        let r = sqlx::query("UPDATE authenticators SET last_used_at = ?2 WHERE id = ?1")
            .bind(id.to_string())
            .bind(now)
            .execute_on(&self.write)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    async fn rename_authenticator(&self, tenant: Uuid, user: Uuid, id: Uuid, name: &str) -> StoreResult<bool> {
        let r = sqlx::query("UPDATE authenticators SET name = ?4 WHERE tenant_id = ?1 AND user_id = ?2 AND id = ?3")
            .bind(tenant.to_string())
            .bind(user.to_string())
            .bind(id.to_string())
            .bind(name)
            .execute_on(&self.write)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    async fn remove_authenticator(&self, tenant: Uuid, user: Uuid, id: Uuid) -> StoreResult<bool> {
        let r = sqlx::query("DELETE FROM authenticators WHERE tenant_id = ?1 AND user_id = ?2 AND id = ?3")
            .bind(tenant.to_string())
            .bind(user.to_string())
            .bind(id.to_string())
            .execute_on(&self.write)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    async fn replace_recovery_codes(
        &self,
        tenant: Uuid,
        user: Uuid,
        hashes: &[Vec<u8>],
        now: UnixTime,
    ) -> StoreResult<()> {
        let mut w = self.write.write().await?;
        let mut tx = w.begin().await.map_err(map_err)?;
        sqlx::query("DELETE FROM recovery_codes WHERE tenant_id = ?1 AND user_id = ?2")
            .bind(tenant.to_string())
            .bind(user.to_string())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        for h in hashes {
            sqlx::query("INSERT INTO recovery_codes (tenant_id, user_id, hash, created_at) VALUES (?1, ?2, ?3, ?4)")
                .bind(tenant.to_string())
                .bind(user.to_string())
                .bind(h)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        }
        let committed = tx.commit().await.map_err(map_err);
        w.settle(committed)
    }

    async fn use_recovery_code(&self, tenant: Uuid, user: Uuid, hash: &[u8], now: UnixTime) -> StoreResult<bool> {
        let r = sqlx::query(
            "UPDATE recovery_codes SET used_at = ?4
             WHERE tenant_id = ?1 AND user_id = ?2 AND hash = ?3 AND used_at IS NULL",
        )
        .bind(tenant.to_string())
        .bind(user.to_string())
        .bind(hash)
        .bind(now)
        .execute_on(&self.write)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    async fn recovery_codes_left(&self, tenant: Uuid, user: Uuid) -> StoreResult<i64> {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM recovery_codes WHERE tenant_id = ?1 AND user_id = ?2 AND used_at IS NULL",
        )
        .bind(tenant.to_string())
        .bind(user.to_string())
        .fetch_one(&self.read)
        .await
        .map_err(map_err)
    }

    async fn set_session_amr(&self, hash: &[u8], amr: &str) -> StoreResult<bool> {
        let r = sqlx::query("UPDATE sessions SET amr = ?2 WHERE hash = ?1")
            .bind(hash)
            .bind(amr)
            .execute_on(&self.write)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    async fn remove_factors(&self, tenant: Uuid, user: Uuid) -> StoreResult<u64> {
        let mut w = self.write.write().await?;
        let mut tx = w.begin().await.map_err(map_err)?;
        let removed = sqlx::query("DELETE FROM authenticators WHERE tenant_id = ?1 AND user_id = ?2")
            .bind(tenant.to_string())
            .bind(user.to_string())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?
            .rows_affected();
        sqlx::query("DELETE FROM recovery_codes WHERE tenant_id = ?1 AND user_id = ?2")
            .bind(tenant.to_string())
            .bind(user.to_string())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        let committed = tx.commit().await.map_err(map_err).map(|()| removed);
        w.settle(committed)
    }

    async fn known_signals(&self, tenant: Uuid, user: Uuid) -> StoreResult<Vec<KnownSignal>> {
        sqlx::query(
            "SELECT * FROM known_signin_signals WHERE tenant_id = ?1 AND user_id = ?2 ORDER BY last_seen DESC, kind, hash",
        )
        .bind(tenant.to_string())
        .bind(user.to_string())
        .fetch_all(&self.read)
        .await
        .map_err(map_err)?
        .iter()
        .map(|r| -> StoreResult<KnownSignal> {
            Ok(KnownSignal {
                kind: crate::signal_kind(&decode::<String, _>(r, "kind")?)?,
                hash: decode(r, "hash")?,
                first_seen: decode(r, "first_seen")?,
                last_seen: decode(r, "last_seen")?,
            })
        })
        .collect()
    }

    async fn remember_signals(
        &self,
        tenant: Uuid,
        user: Uuid,
        signals: &[(SignalKind, Vec<u8>)],
        now: UnixTime,
        keep: i64,
    ) -> StoreResult<()> {
        let mut w = self.write.write().await?;
        let mut tx = w.begin().await.map_err(map_err)?;
        for (kind, hash) in signals {
            sqlx::query(
                "INSERT INTO known_signin_signals (tenant_id, user_id, kind, hash, first_seen, last_seen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)
                 ON CONFLICT (tenant_id, user_id, kind, hash) DO UPDATE SET last_seen = ?5",
            )
            .bind(tenant.to_string())
            .bind(user.to_string())
            .bind(kind.as_str())
            .bind(hash)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
            sqlx::query(
                "DELETE FROM known_signin_signals WHERE tenant_id = ?1 AND user_id = ?2 AND kind = ?3
               AND hash NOT IN (SELECT hash FROM known_signin_signals WHERE tenant_id = ?1 AND user_id = ?2 AND kind = ?3
                 ORDER BY last_seen DESC, first_seen DESC, hash LIMIT ?4)",
            )
            .bind(tenant.to_string())
            .bind(user.to_string())
            .bind(kind.as_str())
            .bind(keep)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        }
        let committed = tx.commit().await.map_err(map_err);
        w.settle(committed)
    }
}

fn to_authenticator(r: &sqlx::sqlite::SqliteRow) -> StoreResult<Authenticator> {
    let kind: String = decode(r, "kind")?;
    Ok(Authenticator {
        id: uuid(&decode::<String, _>(r, "id")?)?,
        tenant_id: uuid(&decode::<String, _>(r, "tenant_id")?)?,
        user_id: uuid(&decode::<String, _>(r, "user_id")?)?,
        kind: AuthenticatorKind::parse(&kind)
            .ok_or_else(|| sigil_core::error::StoreError::Other(format!("authenticators.kind: unknown '{kind}'")))?,
        name: decode(r, "name")?,
        secret_sealed: decode(r, "secret_sealed")?,
        last_step: decode(r, "last_step")?,
        created_at: decode(r, "created_at")?,
        last_used_at: decode(r, "last_used_at")?,
    })
}
