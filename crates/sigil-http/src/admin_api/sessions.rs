//! `/tenants/{tenant}/users/{user}/sessions`: a user's sign-in sessions, named by their public
//! `sid` (OIDC Front-/Back-Channel Logout's session ID, never the cookie), and their revocation: the
//! browser must sign in again. Tokens already issued live on with their grants (`.../grants`).
use axum::http::StatusCode;
use serde::Serialize;
use sigil_core::interaction::session::sid;
use sigil_core::model::Session;
use utoipa::ToSchema;

use super::{Admin, Path, Reply, json, no_content, not_found};

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionOut {
    /// The session's `sid` (as in its ID tokens).
    pub sid: String,
    pub auth_time: i64,
    pub expires_at: i64,
    /// Issue 21: the answer to "Stay signed in?" (absent: not asked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub persistent: Option<bool>,
}

impl SessionOut {
    fn of(s: &Session) -> Self {
        Self { sid: sid(&s.hash), auth_time: s.auth_time, expires_at: s.expires_at, persistent: s.persistent }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionList {
    pub items: Vec<SessionOut>,
}

/// Newest first (at most 1000), expired ones included until purged.
#[utoipa::path(get, path = "/admin/api/v1/tenants/{tenant}/users/{user}/sessions", tag = "sessions",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("user" = String, Path, description = "Username or id", example = "alice")),
    responses((status = 200, body = SessionList), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn list(admin: Admin, Path((tenant, user)): Path<(String, String)>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant(&d, &tenant)?;
    let u = admin.user(t, &user).await?;
    let sessions = admin.state.ctx.store.user_sessions(t.id, u.id).await?;
    Ok(json(StatusCode::OK, &SessionList { items: sessions.iter().map(SessionOut::of).collect() }))
}

/// Ends the session (one statement: `delete_session`); its browser signs in again next time.
#[utoipa::path(delete, path = "/admin/api/v1/tenants/{tenant}/users/{user}/sessions/{sid}", tag = "sessions",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("user" = String, Path, description = "Username or id", example = "alice"), ("sid" = String, Path)),
    responses((status = 204, description = "Ended"), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn revoke(admin: Admin, Path((tenant, user, id)): Path<(String, String, String)>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let u = admin.user(t, &user).await?;
    let store = &admin.state.ctx.store;
    let s = store
        .user_sessions(t.id, u.id)
        .await?
        .into_iter()
        .find(|s| sid(&s.hash) == id)
        .ok_or_else(|| not_found(format!("user '{}' has no session {id}", u.username)))?;
    if let Some(ended) = store.delete_session(&s.hash).await? {
        // Not a directory change: the entry is written right after.
        let before = serde_json::to_value(SessionOut::of(&ended)).ok();
        let audit =
            admin.audit(Some(t.id), "session.revoke", format!("user:{}/session:{id}", u.username), before, None);
        store.write_audit(&audit).await?;
    }
    Ok(no_content())
}
