//! [`UserStore`] on SQLite: users and smart lockout.

use async_trait::async_trait;
use sigil_core::clock::UnixTime;
use sigil_core::error::StoreError;
use sigil_core::model::*;
use sigil_core::store::*;
use sqlx::Connection;
use sqlx::sqlite::SqliteRow;
use uuid::Uuid;

use super::conn::{OnWriter, ScalarOnWriter};
use super::{SqliteStore, flag};
use crate::{decode, map_err, uuid};

fn to_user(r: &SqliteRow) -> Result<User, StoreError> {
    user_columns(r, "")
}

/// A user whose columns carry `prefix` (a join that also selects a grant's `id`, `tenant_id`).
pub(super) fn user_columns(r: &SqliteRow, prefix: &str) -> Result<User, StoreError> {
    let col = |name: &str| format!("{prefix}{name}");
    Ok(User {
        id: uuid(&decode::<String, _>(r, col("id").as_str())?)?,
        tenant_id: uuid(&decode::<String, _>(r, col("tenant_id").as_str())?)?,
        username: decode(r, col("username").as_str())?,
        display_name: decode(r, col("display_name").as_str())?,
        email: decode(r, col("email").as_str())?,
        email_verified: flag("users.email_verified", decode(r, col("email_verified").as_str())?)?,
        profile: crate::user_profile(&decode::<String, _>(r, col("profile").as_str())?)?,
        updated_at: decode(r, col("updated_at").as_str())?,
        enabled: flag("users.enabled", decode(r, col("enabled").as_str())?)?,
        password_hash: decode(r, col("password_hash").as_str())?,
    })
}

#[async_trait]
impl UserStore for SqliteStore {
    async fn user_by_username(&self, tenant: Uuid, username: &str) -> StoreResult<Option<User>> {
        sqlx::query("SELECT * FROM users WHERE tenant_id = ?1 AND username = ?2")
            .bind(tenant.to_string())
            .bind(username)
            .fetch_optional(&self.read)
            .await
            .map_err(map_err)?
            .map(|r| to_user(&r))
            .transpose()
    }

    async fn user_by_email(&self, tenant: Uuid, email: &str) -> StoreResult<Option<User>> {
        let rows = sqlx::query("SELECT * FROM users WHERE tenant_id = ?1 AND email = ?2 COLLATE NOCASE LIMIT 2")
            .bind(tenant.to_string())
            .bind(email)
            .fetch_all(&self.read)
            .await
            .map_err(map_err)?;
        if rows.len() == 1 { Ok(Some(to_user(&rows[0])?)) } else { Ok(None) }
    }

    async fn user_by_id(&self, tenant: Uuid, id: Uuid) -> StoreResult<Option<User>> {
        sqlx::query("SELECT * FROM users WHERE tenant_id = ?1 AND id = ?2")
            .bind(tenant.to_string())
            .bind(id.to_string())
            .fetch_optional(&self.read)
            .await
            .map_err(map_err)?
            .map(|r| to_user(&r))
            .transpose()
    }

    async fn users(&self, tenant: Uuid) -> StoreResult<Vec<User>> {
        sqlx::query("SELECT * FROM users WHERE tenant_id = ?1 ORDER BY username")
            .bind(tenant.to_string())
            .fetch_all(&self.read)
            .await
            .map_err(map_err)?
            .iter()
            .map(to_user)
            .collect()
    }

    async fn user_access(&self, tenant: Uuid, user: Uuid) -> StoreResult<UserAccess> {
        // One statement, so memberships and roles come from one snapshot.
        let rows = sqlx::query(
            "SELECT 'g' AS kind, m.group_id AS id, '' AS role FROM group_members m
               JOIN users u ON u.id = m.user_id WHERE u.tenant_id = ?1 AND m.user_id = ?2
             UNION ALL
             SELECT 'r', a.api_id, a.role FROM app_role_assignments a
               JOIN users u ON u.id = a.user_id WHERE u.tenant_id = ?1 AND a.user_id = ?2
             ORDER BY 1, 2, 3",
        )
        .bind(tenant.to_string())
        .bind(user.to_string())
        .fetch_all(&self.read)
        .await
        .map_err(map_err)?;
        let mut access = UserAccess::default();
        for r in rows {
            let id = crate::uuid(&decode::<String, _>(&r, "id")?)?;
            match decode::<String, _>(&r, "kind")?.as_str() {
                "g" => access.groups.push(id),
                _ => access.app_roles.push(AppRoleRef { api: id, role: decode(&r, "role")? }),
            }
        }
        Ok(access)
    }

    async fn reserve_attempt(&self, a: &SignInAttempt<'_>) -> StoreResult<Option<Budget>> {
        // One statement: pick the budget (the source's own row when it signed this user in since
        // `familiar_since`, else the shared '*' row), restart it when its window passed or its lock
        // ended, and charge the attempt unless it is locked or used up (no row returned then).
        // The single writer connection serializes concurrent reservations.
        let bucket: Option<String> = sqlx::query_scalar(
            "INSERT INTO lockouts (tenant_id, username, source, failures, first_at, locked_until)
             SELECT ?1, ?2, CASE WHEN EXISTS (
                 SELECT 1 FROM lockouts WHERE tenant_id = ?1 AND username = ?2 AND source = ?3
                   AND last_success_at >= ?7) THEN ?3 ELSE '*' END, 1, ?4, NULL
             WHERE true
             ON CONFLICT (tenant_id, username, source) DO UPDATE SET
               failures = CASE WHEN (locked_until IS NULL AND first_at + ?5 <= ?4) OR locked_until <= ?4
                          THEN 1 ELSE failures + 1 END,
               first_at = CASE WHEN (locked_until IS NULL AND first_at + ?5 <= ?4) OR locked_until <= ?4
                          THEN ?4 ELSE first_at END,
               locked_until = CASE WHEN locked_until <= ?4 THEN NULL ELSE locked_until END
             WHERE (locked_until IS NULL AND (first_at + ?5 <= ?4 OR failures < ?6)) OR locked_until <= ?4
             RETURNING source",
        )
        .bind(a.tenant.to_string())
        .bind(a.username)
        .bind(a.source)
        .bind(a.now)
        .bind(a.window)
        .bind(a.threshold as i64)
        .bind(a.familiar_since)
        .fetch_optional_on(&self.write)
        .await?;
        Ok(bucket.map(|b| if b == UNFAMILIAR_SOURCES { Budget::Unfamiliar } else { Budget::Source }))
    }

    async fn record_failure(&self, a: &SignInAttempt<'_>, budget: Budget) -> StoreResult<Option<UnixTime>> {
        sqlx::query_scalar(
            "UPDATE lockouts SET locked_until = ?4 + ?6
             WHERE tenant_id = ?1 AND username = ?2 AND source = ?3 AND locked_until IS NULL AND failures >= ?5
             RETURNING locked_until",
        )
        .bind(a.tenant.to_string())
        .bind(a.username)
        .bind(budget.key(a))
        .bind(a.now)
        .bind(a.threshold as i64)
        .bind(a.lock_for)
        .fetch_optional_on(&self.write)
        .await
    }

    async fn record_success(&self, a: &SignInAttempt<'_>, budget: Budget) -> StoreResult<()> {
        let mut w = self.write.write().await?;
        let mut tx = w.begin().await.map_err(map_err)?;
        sqlx::query(
            "INSERT INTO lockouts (tenant_id, username, source, failures, first_at, locked_until, last_success_at)
             VALUES (?1, ?2, ?3, 0, ?4, NULL, ?4)
             ON CONFLICT (tenant_id, username, source) DO UPDATE SET
               failures = 0, first_at = ?4, locked_until = NULL, last_success_at = ?4",
        )
        .bind(a.tenant.to_string())
        .bind(a.username)
        .bind(a.source)
        .bind(a.now)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        if budget == Budget::Unfamiliar {
            sqlx::query(
                "UPDATE lockouts SET failures = max(failures - 1, 0)
                 WHERE tenant_id = ?1 AND username = ?2 AND source = ?3 AND locked_until IS NULL",
            )
            .bind(a.tenant.to_string())
            .bind(a.username)
            .bind(UNFAMILIAR_SOURCES)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        }
        let committed = tx.commit().await.map_err(map_err);
        w.settle(committed)
    }

    async fn purge_lockouts(&self, stale_before: UnixTime, familiar_since: UnixTime) -> StoreResult<u64> {
        let r = sqlx::query(
            "DELETE FROM lockouts WHERE first_at < ?1 AND coalesce(locked_until, 0) < ?1
               AND coalesce(last_success_at, 0) < ?2",
        )
        .bind(stale_before)
        .bind(familiar_since)
        .execute_on(&self.write)
        .await?;
        Ok(r.rows_affected())
    }
}
