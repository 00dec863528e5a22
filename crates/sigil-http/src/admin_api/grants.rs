//! `/tenants/{tenant}/users/{user}/grants`: a user's grants (what refresh tokens and access tokens
//! descend from) and their revocation, which revokes every token and derived grant with them.
use axum::http::StatusCode;
use serde::Serialize;
use sigil_core::model::Grant;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Admin, Path, Reply, json, no_content, not_found};

#[derive(Debug, Serialize, ToSchema)]
pub struct GrantOut {
    pub id: Uuid,
    pub client_id: String,
    pub scope: String,
    pub auth_time: i64,
    pub created_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    /// RFC 9449: bound to this DPoP key thumbprint.
    pub dpop_jkt: Option<String>,
}

impl GrantOut {
    fn of(g: &Grant) -> Self {
        Self {
            id: g.id,
            client_id: g.client_id.clone(),
            scope: g.scope.clone(),
            auth_time: g.auth_time,
            created_at: g.created_at,
            expires_at: g.expires_at,
            revoked_at: g.revoked_at,
            dpop_jkt: g.dpop_jkt.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GrantList {
    pub items: Vec<GrantOut>,
}

/// Newest first, live and revoked (at most 1000).
#[utoipa::path(get, path = "/admin/api/v1/tenants/{tenant}/users/{user}/grants", tag = "grants",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("user" = String, Path, description = "Username or id", example = "alice")),
    responses((status = 200, body = GrantList), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn list(admin: Admin, Path((tenant, user)): Path<(String, String)>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant(&d, &tenant)?;
    let u = admin.user(t, &user).await?;
    let grants = admin.state.ctx.store.user_grants(t.id, u.id).await?;
    Ok(json(StatusCode::OK, &GrantList { items: grants.iter().map(GrantOut::of).collect() }))
}

/// Revokes the grant: its refresh tokens stop at once, its access tokens at their next check
/// (`verify::check_grant`), and every grant derived from it (on-behalf-of) with it. Idempotent.
#[utoipa::path(delete, path = "/admin/api/v1/tenants/{tenant}/users/{user}/grants/{grant_id}", tag = "grants",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("user" = String, Path, description = "Username or id", example = "alice"), ("grant_id" = Uuid, Path)),
    responses((status = 204, description = "Revoked"), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn revoke(admin: Admin, Path((tenant, user, grant_id)): Path<(String, String, Uuid)>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let u = admin.user(t, &user).await?;
    let store = &admin.state.ctx.store;
    let g = store
        .grant(grant_id)
        .await?
        .filter(|g| g.tenant_id == t.id && g.user_id == Some(u.id))
        .ok_or_else(|| not_found(format!("user '{}' has no grant {grant_id}", u.username)))?;
    if g.revoked_at.is_none() {
        store.revoke_grant(g.id, admin.state.ctx.clock.now(), "revoked through the admin API").await?;
        // Not a directory change: the entry is written right after the revocation.
        let before = serde_json::to_value(GrantOut::of(&g)).ok();
        let audit =
            admin.audit(Some(t.id), "grant.revoke", format!("user:{}/grant:{}", u.username, g.id), before, None);
        store.write_audit(&audit).await?;
    }
    Ok(no_content())
}
