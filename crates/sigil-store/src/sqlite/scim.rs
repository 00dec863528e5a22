//! [`ScimStore`] on SQLite: SCIM's records (`scim_users`, `scim_groups`) and its lookups.

use async_trait::async_trait;
use sigil_core::error::StoreError;
use sigil_core::scim::{Kind, ScimRecord};
use sigil_core::store::*;
use sqlx::Sqlite;
use sqlx::sqlite::SqliteRow;
use uuid::Uuid;

use super::SqliteStore;
use crate::{decode, map_err, uuid};

fn table(kind: Kind) -> &'static str {
    match kind {
        Kind::User => "scim_users",
        Kind::Group => "scim_groups",
    }
}

fn to_record(r: &SqliteRow, kind: Kind) -> Result<ScimRecord, StoreError> {
    let attributes: String = decode(r, "attributes")?;
    Ok(ScimRecord {
        id: uuid(&decode::<String, _>(r, "id")?)?,
        tenant_id: uuid(&decode::<String, _>(r, "tenant_id")?)?,
        kind,
        external_id: decode(r, "external_id")?,
        attributes: serde_json::from_str(&attributes)
            .map_err(|e| StoreError::Other(format!("scim attributes: {e}")))?,
        created_at: decode(r, "created_at")?,
        modified_at: decode(r, "modified_at")?,
    })
}

/// The upsert of one record; `apply` runs it inside its transaction (`Change::PutScim`).
pub(super) fn put(r: &ScimRecord) -> sqlx::query::Query<'_, Sqlite, sqlx::sqlite::SqliteArguments> {
    let sql = match r.kind {
        Kind::User => {
            "INSERT INTO scim_users (id, tenant_id, external_id, attributes, created_at, modified_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id) DO UPDATE SET external_id = ?3, attributes = ?4, modified_at = ?6"
        }
        Kind::Group => {
            "INSERT INTO scim_groups (id, tenant_id, external_id, attributes, created_at, modified_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id) DO UPDATE SET external_id = ?3, attributes = ?4, modified_at = ?6"
        }
    };
    sqlx::query(sql)
        .bind(r.id.to_string())
        .bind(r.tenant_id.to_string())
        .bind(&r.external_id)
        .bind(r.attributes.to_string())
        .bind(r.created_at)
        .bind(r.modified_at)
}

#[async_trait]
impl ScimStore for SqliteStore {
    async fn scim_record(&self, tenant: Uuid, id: Uuid) -> StoreResult<Option<ScimRecord>> {
        for kind in [Kind::User, Kind::Group] {
            let sql = format!("SELECT * FROM {} WHERE tenant_id = ?1 AND id = ?2", table(kind));
            let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(tenant.to_string())
                .bind(id.to_string())
                .fetch_optional(&self.read)
                .await
                .map_err(map_err)?;
            if let Some(r) = row {
                return to_record(&r, kind).map(Some);
            }
        }
        Ok(None)
    }

    async fn scim_records(&self, tenant: Uuid, kind: Kind) -> StoreResult<Vec<ScimRecord>> {
        let sql = format!("SELECT * FROM {} WHERE tenant_id = ?1", table(kind));
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tenant.to_string())
            .fetch_all(&self.read)
            .await
            .map_err(map_err)?
            .iter()
            .map(|r| to_record(r, kind))
            .collect()
    }

    async fn scim_by_external_id(&self, tenant: Uuid, kind: Kind, external_id: &str) -> StoreResult<Vec<Uuid>> {
        let sql = format!("SELECT id FROM {} WHERE tenant_id = ?1 AND external_id = ?2", table(kind));
        sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql))
            .bind(tenant.to_string())
            .bind(external_id)
            .fetch_all(&self.read)
            .await
            .map_err(map_err)?
            .iter()
            .map(|s| uuid(s))
            .collect()
    }

    async fn memberships(&self, tenant: Uuid) -> StoreResult<Vec<(Uuid, Uuid)>> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT m.group_id, m.user_id FROM group_members m JOIN groups g ON g.id = m.group_id
             WHERE g.tenant_id = ?1",
        )
        .bind(tenant.to_string())
        .fetch_all(&self.read)
        .await
        .map_err(map_err)?;
        rows.iter().map(|(g, u)| Ok((uuid(g)?, uuid(u)?))).collect()
    }
}
