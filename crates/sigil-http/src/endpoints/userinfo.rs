//! `GET|POST /{tenant}/oidc/userinfo` (OIDC Core §5.3) with a Bearer access token in the
//! Authorization header (RFC 6750 §2.1) or, on POST, in a form body (§2.2). Refuses tokens whose
//! grant was revoked, even before they expire.
use std::sync::Arc;

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use sigil_core::catalog;
use sigil_core::error::SigilError;

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
    let token = bearer_token(headers, body)?;
    sigil_core::userinfo::claims(&state.ctx, &view, &token).await
}
