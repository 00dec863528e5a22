//! `/audit`: the admin API's audit log (who, action, target, before and after, trace ID, time),
//! newest first, filtered; a tenant's administrator sees that tenant's entries only.
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use sigil_core::admin::{AuditEntry, AuditQuery};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{Admin, Query, Reply, cursor, decode_cursor, json, malformed, not_found};

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditOut {
    pub id: i64,
    pub time_millis: i64,
    /// `bootstrap`, or `<sub> via <client_id>@<tenant>`.
    pub actor: String,
    pub tenant_id: Option<Uuid>,
    pub action: String,
    pub target: String,
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
    pub trace_id: String,
}

impl AuditOut {
    fn of(e: AuditEntry) -> Self {
        Self {
            id: e.id,
            time_millis: e.time_millis,
            actor: e.actor,
            tenant_id: e.tenant_id,
            action: e.action,
            target: e.target,
            before: e.before,
            after: e.after,
            trace_id: e.trace_id,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditList {
    pub items: Vec<AuditOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditFilter {
    /// Tenant name or id.
    pub tenant: Option<String>,
    pub actor: Option<String>,
    /// e.g. `application.create`.
    pub action: Option<String>,
    /// e.g. `application:web-portal`.
    pub target: Option<String>,
    pub trace_id: Option<String>,
    /// Milliseconds since the Unix epoch, inclusive.
    pub since: Option<i64>,
    /// Milliseconds since the Unix epoch, exclusive.
    pub until: Option<i64>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

#[utoipa::path(get, path = "/admin/api/v1/audit", tag = "audit", params(AuditFilter),
    responses((status = 200, body = AuditList), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn search(admin: Admin, Query(f): Query<AuditFilter>) -> Reply {
    let limit = f.limit.unwrap_or(super::DEFAULT_LIMIT).clamp(1, super::MAX_LIMIT);
    let tenant_id = match (&f.tenant, admin.who.only_tenant()) {
        (Some(name), _) => {
            // A deleted tenant's entries stay findable by its id.
            let id = match Uuid::parse_str(name) {
                Ok(id) => id,
                Err(_) => admin.tenant(&admin.directory().await?, name)?.id,
            };
            if admin.who.read(id).is_err() {
                return Err(not_found(format!("tenant '{name}' outside the caller's reach")));
            }
            Some(id)
        }
        (None, only) => only,
    };
    let before_id = match f.cursor.as_deref() {
        Some(c) => Some(decode_cursor(c)?.parse::<i64>().map_err(|_| malformed("the cursor does not parse"))?),
        None => None,
    };
    let q = AuditQuery {
        tenant_id,
        actor: f.actor,
        action: f.action,
        target: f.target,
        trace_id: f.trace_id,
        since_millis: f.since,
        until_millis: f.until,
        before_id,
        limit: limit + 1,
    };
    let mut rows = admin.state.ctx.store.audit(&q).await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = if more { rows.last().map(|e| cursor(&e.id.to_string())) } else { None };
    Ok(json(StatusCode::OK, &AuditList { items: rows.into_iter().map(AuditOut::of).collect(), next_cursor }))
}
