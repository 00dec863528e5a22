//! [`ScimStore`] on PostgreSQL: SCIM's records (`scim_users`, `scim_groups`) and its lookups.

use async_trait::async_trait;
use sigil_core::error::StoreError;
use sigil_core::scim::{Kind, ScimRecord};
use sigil_core::store::*;
use sqlx::Postgres;
use sqlx::postgres::PgRow;
use uuid::Uuid;

use super::PgStore;
use crate::decode;

fn table(kind: Kind) -> &'static str {
    match kind {
        Kind::User => "scim_users",
        Kind::Group => "scim_groups",
    }
}

const COLUMNS: &str = "id, tenant_id, external_id, attributes::text AS attributes, created_at, modified_at";

fn to_record(r: &PgRow, kind: Kind) -> Result<ScimRecord, StoreError> {
    let attributes: String = decode(r, "attributes")?;
    Ok(ScimRecord {
        id: decode(r, "id")?,
        tenant_id: decode(r, "tenant_id")?,
        kind,
        external_id: decode(r, "external_id")?,
        attributes: serde_json::from_str(&attributes)
            .map_err(|e| StoreError::Other(format!("scim attributes: {e}")))?,
        created_at: decode(r, "created_at")?,
        modified_at: decode(r, "modified_at")?,
    })
}

/// The upsert of one record; `apply` runs it inside its transaction (`Change::PutScim`).
pub(super) fn put(r: &ScimRecord) -> sqlx::query::Query<'_, Postgres, sqlx::postgres::PgArguments> {
    let sql = match r.kind {
        Kind::User => {
            "INSERT INTO scim_users (id, tenant_id, external_id, attributes, created_at, modified_at)
             VALUES ($1, $2, $3, $4::jsonb, $5, $6)
             ON CONFLICT (id) DO UPDATE SET external_id = $3, attributes = $4::jsonb, modified_at = $6"
        }
        Kind::Group => {
            "INSERT INTO scim_groups (id, tenant_id, external_id, attributes, created_at, modified_at)
             VALUES ($1, $2, $3, $4::jsonb, $5, $6)
             ON CONFLICT (id) DO UPDATE SET external_id = $3, attributes = $4::jsonb, modified_at = $6"
        }
    };
    sqlx::query(sql)
        .bind(r.id)
        .bind(r.tenant_id)
        .bind(&r.external_id)
        .bind(r.attributes.to_string())
        .bind(r.created_at)
        .bind(r.modified_at)
}

#[async_trait]
impl ScimStore for PgStore {
    async fn scim_record(&self, tenant: Uuid, id: Uuid) -> StoreResult<Option<ScimRecord>> {
        for kind in [Kind::User, Kind::Group] {
            let sql = format!("SELECT {COLUMNS} FROM {} WHERE tenant_id = $1 AND id = $2", table(kind));
            let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(tenant)
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(|e| self.faults.seen(e))?;
            if let Some(r) = row {
                return to_record(&r, kind).map(Some);
            }
        }
        Ok(None)
    }

    async fn scim_records(&self, tenant: Uuid, kind: Kind) -> StoreResult<Vec<ScimRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM {} WHERE tenant_id = $1", table(kind));
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tenant)
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?
            .iter()
            .map(|r| to_record(r, kind))
            .collect()
    }

    async fn scim_by_external_id(&self, tenant: Uuid, kind: Kind, external_id: &str) -> StoreResult<Vec<Uuid>> {
        let sql = format!("SELECT id FROM {} WHERE tenant_id = $1 AND external_id = $2", table(kind));
        sqlx::query_scalar::<_, Uuid>(sqlx::AssertSqlSafe(sql))
            .bind(tenant)
            .bind(external_id)
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))
    }

    async fn memberships(&self, tenant: Uuid) -> StoreResult<Vec<(Uuid, Uuid)>> {
        sqlx::query_as(
            "SELECT m.group_id, m.user_id FROM group_members m JOIN groups g ON g.id = m.group_id
             WHERE g.tenant_id = $1",
        )
        .bind(tenant)
        .fetch_all(&self.pool)
        .await
        .map_err(|e| self.faults.seen(e))
    }
}
