//! [`DeviceStore`] on SQLite: RFC 8628 device codes. Every change is one statement on the writer.
use async_trait::async_trait;
use sigil_core::clock::UnixTime;
use sigil_core::error::StoreError;
use sigil_core::store::*;
use sqlx::sqlite::SqliteRow;
use uuid::Uuid;

use super::SqliteStore;
use super::conn::OnWriter;
use crate::{decode, device_status, map_err, uuid};

fn to_approved(r: &SqliteRow) -> Result<ApprovedDevice, StoreError> {
    let user: Option<String> = decode(r, "user_id")?;
    let auth_time: Option<UnixTime> = decode(r, "auth_time")?;
    let (Some(user), Some(auth_time)) = (user, auth_time) else {
        return Err(StoreError::Other("approved device code without user or auth_time".into()));
    };
    Ok(ApprovedDevice {
        user_id: uuid(&user)?,
        scope: decode(r, "scope")?,
        auth_time,
        session_id: decode(r, "session_id")?,
        amr: crate::amr("device_codes.amr", decode(r, "amr")?)?,
    })
}

#[async_trait]
impl DeviceStore for SqliteStore {
    async fn put_device_code(&self, d: &NewDeviceCode) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO device_codes (device_hash, user_code_hash, tenant_id, client_id, scope, created_at, expires_at,
               poll_interval, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'pending')
             ON CONFLICT (tenant_id, user_code_hash) DO NOTHING",
        )
        .bind(&d.device_hash)
        .bind(&d.user_code_hash)
        .bind(d.tenant_id.to_string())
        .bind(&d.client_id)
        .bind(&d.scope)
        .bind(d.created_at)
        .bind(d.expires_at)
        .bind(d.interval)
        .execute_on(&self.write)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn pending_device(
        &self,
        tenant: Uuid,
        user_code_hash: &[u8],
        now: UnixTime,
    ) -> StoreResult<Option<PendingDevice>> {
        let row = sqlx::query(
            "SELECT device_hash, client_id, scope, expires_at FROM device_codes
             WHERE tenant_id = ?1 AND user_code_hash = ?2 AND status = 'pending' AND expires_at > ?3",
        )
        .bind(tenant.to_string())
        .bind(user_code_hash)
        .bind(now)
        .fetch_optional(&self.read)
        .await
        .map_err(map_err)?;
        row.map(|r| {
            Ok(PendingDevice {
                device_hash: decode(&r, "device_hash")?,
                client_id: decode(&r, "client_id")?,
                scope: decode(&r, "scope")?,
                expires_at: decode(&r, "expires_at")?,
            })
        })
        .transpose()
    }

    async fn approve_device(&self, a: &DeviceApproval<'_>) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE device_codes SET status = 'approved', user_id = ?3, scope = ?4, auth_time = ?5, session_id = ?6,
               amr = ?8
             WHERE tenant_id = ?1 AND user_code_hash = ?2 AND status = 'pending' AND expires_at > ?7",
        )
        .bind(a.tenant_id.to_string())
        .bind(a.user_code_hash)
        .bind(a.user_id.to_string())
        .bind(a.scope)
        .bind(a.auth_time)
        .bind(a.session_id)
        .bind(a.now)
        .bind(a.amr)
        .execute_on(&self.write)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn deny_device(&self, tenant: Uuid, user_code_hash: &[u8], now: UnixTime) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE device_codes SET status = 'denied'
             WHERE tenant_id = ?1 AND user_code_hash = ?2 AND status = 'pending' AND expires_at > ?3",
        )
        .bind(tenant.to_string())
        .bind(user_code_hash)
        .bind(now)
        .execute_on(&self.write)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn poll_device(
        &self,
        tenant: Uuid,
        client_id: &str,
        device_hash: &[u8],
        now: UnixTime,
        slow_down_by: i64,
    ) -> StoreResult<DevicePoll> {
        // The redemption: of concurrent polls, only one sees the row still 'approved'.
        let redeemed = sqlx::query(
            "UPDATE device_codes SET status = 'redeemed', last_poll = ?4
             WHERE device_hash = ?1 AND tenant_id = ?2 AND client_id = ?3 AND status = 'approved' AND expires_at > ?4
             RETURNING user_id, scope, auth_time, session_id, amr",
        )
        .bind(device_hash)
        .bind(tenant.to_string())
        .bind(client_id)
        .bind(now)
        .fetch_optional_on(&self.write)
        .await?;
        if let Some(r) = redeemed {
            return Ok(DevicePoll::Redeemed(Box::new(to_approved(&r)?)));
        }
        // Otherwise the poll is recorded; every SET expression reads the row as it was before.
        let row = sqlx::query(
            "UPDATE device_codes SET last_poll = ?4,
               polled_too_fast = (last_poll IS NOT NULL AND ?4 - last_poll < poll_interval),
               poll_interval = poll_interval
                 + CASE WHEN last_poll IS NOT NULL AND ?4 - last_poll < poll_interval THEN ?5 ELSE 0 END
             WHERE device_hash = ?1 AND tenant_id = ?2 AND client_id = ?3
             RETURNING status, expires_at, poll_interval, polled_too_fast",
        )
        .bind(device_hash)
        .bind(tenant.to_string())
        .bind(client_id)
        .bind(now)
        .bind(slow_down_by)
        .fetch_optional_on(&self.write)
        .await?;
        let Some(r) = row else { return Ok(DevicePoll::Unknown) };
        Ok(DevicePoll::Waiting {
            status: device_status(&decode::<String, _>(&r, "status")?)?,
            expires_at: decode(&r, "expires_at")?,
            interval: decode(&r, "poll_interval")?,
            too_fast: super::flag("polled_too_fast", decode(&r, "polled_too_fast")?)?,
        })
    }
}
