//! `GET|POST /{tenant}/oidc/userinfo` (OIDC Core §5.3) with a Bearer access token in the
//! Authorization header (RFC 6750 §2.1) or, on POST, in a form body (§2.2). Refuses tokens whose
//! grant was revoked, even before they expire.
use std::sync::Arc;

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use sigil_core::catalog;
use sigil_core::error::SigilError;
use sigil_core::jwt;

use crate::meta::RequestMeta;
use crate::{AppState, errors};

pub async fn userinfo(
    State(state): State<Arc<AppState>>,
    Path(tenant): Path<String>,
    Extension(meta): Extension<RequestMeta>,
    method: axum::http::Method,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    // §2.2: never with GET, whose body has no defined meaning.
    let body = if method == axum::http::Method::POST { &body[..] } else { &[] };
    match run(&state, &tenant, &headers, body).await {
        Ok(v) => {
            let mut res = axum::Json(v).into_response();
            errors::no_store(res.headers_mut());
            res
        }
        Err(e) => errors::json(&state, &meta, "en", &tenant, &e),
    }
}

/// The access token from the Authorization header (RFC 6750 §2.1) or from a form body (§2.2: only
/// with `Content-Type: application/x-www-form-urlencoded`); §2: never both.
fn bearer_token(headers: &HeaderMap, body: &[u8]) -> Result<String, SigilError> {
    let invalid = |why: &str| SigilError::new(catalog::INVALID_ACCESS_TOKEN, why.to_string());
    let in_header = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(|t| t.trim().to_string());
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|ct| ct.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded"));
    let in_body = if is_form && !body.is_empty() {
        crate::form::parse_urlencoded(body)?.get("access_token").map(str::to_string)
    } else {
        None
    };
    match (in_header, in_body) {
        (Some(_), Some(_)) => Err(SigilError::new(
            catalog::ACCESS_TOKEN_SENT_MORE_THAN_ONCE,
            "access token in both the Authorization header and the body",
        )),
        (Some(t), None) | (None, Some(t)) => Ok(t),
        (None, None) => Err(invalid("no Bearer token")),
    }
}

async fn run(
    state: &AppState,
    tenant: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<serde_json::Value, SigilError> {
    let view = super::tenant(state, tenant)?;
    let invalid = |why: &str| SigilError::new(catalog::INVALID_ACCESS_TOKEN, why.to_string());
    let token = bearer_token(headers, body)?;
    let c = jwt::verify(&token, &view.keys, Some("at+jwt")).map_err(|e| invalid(&format!("token rejected: {e:?}")))?;
    let now = state.ctx.clock.now();
    if c["iss"].as_str() != Some(state.ctx.issuer(&view).as_str()) {
        return Err(invalid("issued for another tenant"));
    }
    if c["exp"].as_i64().is_none_or(|e| e <= now) || c["nbf"].as_i64().is_some_and(|n| n > now + 60) {
        return Err(invalid("token expired or not yet valid"));
    }
    let gid =
        c["gid"].as_str().and_then(|g| uuid::Uuid::parse_str(g).ok()).ok_or_else(|| invalid("not a user token"))?;
    let grant = state.ctx.store.grant(gid).await?.ok_or_else(|| invalid("grant unknown"))?;
    if grant.revoked_at.is_some() {
        return Err(invalid(&format!("grant {gid} revoked")));
    }
    let scopes: Vec<&str> = grant.scope.split(' ').collect();
    if !scopes.contains(&"openid") {
        return Err(SigilError::new(catalog::INSUFFICIENT_SCOPE, "grant has no openid scope"));
    }
    let user = match grant.user_id {
        Some(u) => state.ctx.store.user_by_id(view.tenant.id, u).await?,
        None => None,
    }
    .filter(|u| u.enabled)
    .ok_or_else(|| invalid("user gone or disabled"))?;
    let mut out = json!({"sub": user.id, "oid": user.id, "tid": view.tenant.id, "preferred_username": user.username});
    sigil_core::token::user_claims(&mut out, &user, scopes.contains(&"profile"), scopes.contains(&"email"));
    Ok(out)
}
