//! [`AdminStore`] on SQLite: the admin API's audit log and its reads of grants.

use async_trait::async_trait;
use sigil_core::admin::{AuditEntry, AuditQuery, ConsentRecord};
use sigil_core::error::StoreError;
use sigil_core::model::{Grant, Session};
use sigil_core::store::*;
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Sqlite};
use uuid::Uuid;

use super::SqliteStore;
use super::conn::OnWriter;
use crate::{decode, map_err, parse_list, uuid};

/// The insert of one entry; `apply` runs it inside its transaction (`Change::Audit`).
pub(super) fn insert(e: &AuditEntry) -> sqlx::query::Query<'_, Sqlite, sqlx::sqlite::SqliteArguments> {
    sqlx::query(
        "INSERT INTO audit_log (time_millis, actor, tenant_id, action, target, before_json, after_json, trace_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .bind(e.time_millis)
    .bind(&e.actor)
    .bind(e.tenant_id.map(|t| t.to_string()))
    .bind(&e.action)
    .bind(&e.target)
    .bind(e.before.as_ref().map(|v| v.to_string()))
    .bind(e.after.as_ref().map(|v| v.to_string()))
    .bind(&e.trace_id)
}

fn json(r: &SqliteRow, column: &str) -> Result<Option<serde_json::Value>, StoreError> {
    decode::<Option<String>, _>(r, column)?
        .map(|s| serde_json::from_str(&s).map_err(|e| StoreError::Other(format!("audit_log.{column}: {e}"))))
        .transpose()
}

fn to_entry(r: &SqliteRow) -> Result<AuditEntry, StoreError> {
    Ok(AuditEntry {
        id: decode(r, "id")?,
        time_millis: decode(r, "time_millis")?,
        actor: decode(r, "actor")?,
        tenant_id: decode::<Option<String>, _>(r, "tenant_id")?.map(|s| uuid(&s)).transpose()?,
        action: decode(r, "action")?,
        target: decode(r, "target")?,
        before: json(r, "before_json")?,
        after: json(r, "after_json")?,
        trace_id: decode(r, "trace_id")?,
    })
}

#[async_trait]
impl AdminStore for SqliteStore {
    async fn write_audit(&self, e: &AuditEntry) -> StoreResult<()> {
        insert(e).execute_on(&self.write).await.map(|_| ())
    }

    async fn audit(&self, q: &AuditQuery) -> StoreResult<Vec<AuditEntry>> {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new("SELECT * FROM audit_log WHERE 1 = 1");
        if let Some(t) = q.tenant_id {
            qb.push(" AND tenant_id = ").push_bind(t.to_string());
        }
        for (column, value) in
            [("actor", &q.actor), ("action", &q.action), ("target", &q.target), ("trace_id", &q.trace_id)]
        {
            if let Some(v) = value {
                qb.push(format_args!(" AND {column} = ")).push_bind(v.clone());
            }
        }
        if let Some(v) = q.since_millis {
            qb.push(" AND time_millis >= ").push_bind(v);
        }
        if let Some(v) = q.until_millis {
            qb.push(" AND time_millis < ").push_bind(v);
        }
        if let Some(v) = q.before_id {
            qb.push(" AND id < ").push_bind(v);
        }
        qb.push(" ORDER BY id DESC LIMIT ").push_bind(i64::from(q.limit.clamp(1, 1000)));
        let rows = qb.build().fetch_all(&self.read).await.map_err(map_err)?;
        rows.iter().map(to_entry).collect()
    }

    async fn user_grants(&self, tenant: Uuid, user: Uuid) -> StoreResult<Vec<Grant>> {
        let rows = sqlx::query(
            "SELECT * FROM grants WHERE user_id = ?1 AND tenant_id = ?2 ORDER BY created_at DESC, id LIMIT 1000",
        )
        .bind(user.to_string())
        .bind(tenant.to_string())
        .fetch_all(&self.read)
        .await
        .map_err(map_err)?;
        rows.iter().map(super::grants::to_grant).collect()
    }

    /// In chunks (index `audit_log_time`), as the sign-in log's purge.
    async fn purge_audit(&self, before_millis: i64) -> StoreResult<u64> {
        self.delete_in_chunks(|| {
            sqlx::query(
                "DELETE FROM audit_log WHERE id IN
                   (SELECT id FROM audit_log WHERE time_millis < ?1 ORDER BY time_millis LIMIT ?2)",
            )
            .bind(before_millis)
        })
        .await
    }

    async fn user_consents(&self, tenant: Uuid, user: Uuid) -> StoreResult<Vec<ConsentRecord>> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT client_id, scopes, granted_at FROM consents WHERE tenant_id = ?1 AND user_id = ?2 ORDER BY client_id",
        )
        .bind(tenant.to_string())
        .bind(user.to_string())
        .fetch_all(&self.read)
        .await
        .map_err(map_err)?;
        rows.into_iter()
            .map(|(client_id, scopes, granted_at)| {
                Ok(ConsentRecord { client_id, scopes: parse_list("consents.scopes", &scopes)?, granted_at })
            })
            .collect()
    }

    async fn user_sessions(&self, tenant: Uuid, user: Uuid) -> StoreResult<Vec<Session>> {
        let rows = sqlx::query(
            "SELECT * FROM sessions WHERE user_id = ?1 AND tenant_id = ?2 ORDER BY auth_time DESC LIMIT 1000",
        )
        .bind(user.to_string())
        .bind(tenant.to_string())
        .fetch_all(&self.read)
        .await
        .map_err(map_err)?;
        rows.iter().map(super::sessions::to_session).collect()
    }
}
