//! `/tenants/{tenant}/users/{user}/consents`: what a user allowed each client (the consent page does
//! not ask again while it covers a request), and its revocation: the next sign-in to that client
//! asks again. Tokens already issued live on with their grants (`.../grants`).
use axum::http::StatusCode;
use serde::Serialize;
use sigil_core::admin::ConsentRecord;
use utoipa::ToSchema;

use super::{Admin, Path, Reply, json, no_content, not_found};

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentOut {
    pub client_id: String,
    /// The scope values allowed.
    pub scopes: Vec<String>,
    /// Unix seconds.
    pub granted_at: i64,
}

impl ConsentOut {
    fn of(c: ConsentRecord) -> Self {
        Self { client_id: c.client_id, scopes: c.scopes, granted_at: c.granted_at }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentList {
    pub items: Vec<ConsentOut>,
}

/// By client ID.
#[utoipa::path(get, path = "/admin/api/v1/tenants/{tenant}/users/{user}/consents", tag = "consents",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("user" = String, Path, description = "Username or id", example = "alice")),
    responses((status = 200, body = ConsentList), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn list(admin: Admin, Path((tenant, user)): Path<(String, String)>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant(&d, &tenant)?;
    let u = admin.user(t, &user).await?;
    let consents = admin.state.ctx.store.user_consents(t.id, u.id).await?;
    Ok(json(StatusCode::OK, &ConsentList { items: consents.into_iter().map(ConsentOut::of).collect() }))
}

/// Forgets the consent (one statement); the next authorization request of that client asks again.
#[utoipa::path(delete, path = "/admin/api/v1/tenants/{tenant}/users/{user}/consents/{client_id}", tag = "consents",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("user" = String, Path, description = "Username or id", example = "alice"), ("client_id" = String, Path, example = "web-portal")),
    responses((status = 204, description = "Revoked"), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn revoke(admin: Admin, Path((tenant, user, client_id)): Path<(String, String, String)>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let u = admin.user(t, &user).await?;
    let store = &admin.state.ctx.store;
    let before = store.user_consents(t.id, u.id).await?.into_iter().find(|c| c.client_id == client_id);
    if !sigil_core::interaction::consent::withdraw(store.as_ref(), t.id, u.id, &client_id).await? {
        return Err(not_found(format!("user '{}' has no consent for client '{client_id}'", u.username)));
    }
    // Not a directory change: the entry is written right after the revocation.
    let before = before.map(ConsentOut::of).and_then(|c| serde_json::to_value(c).ok());
    let audit =
        admin.audit(Some(t.id), "consent.revoke", format!("user:{}/consent:{client_id}", u.username), before, None);
    store.write_audit(&audit).await?;
    Ok(no_content())
}
