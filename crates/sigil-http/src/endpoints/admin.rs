//! `GET /admin/signins`: the sign-in log over HTTP, behind the admin bearer credential.
use std::sync::Arc;

use axum::Extension;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sigil_core::catalog;
use sigil_core::crypto::ct_eq;
use sigil_core::error::SigilError;
use sigil_core::signin_log::SigninQuery;

use crate::meta::RequestMeta;
use crate::{AppState, errors};

#[derive(Deserialize)]
pub struct SigninFilter {
    trace_id: Option<String>,
    correlation_id: Option<String>,
    tenant: Option<String>,
    client: Option<String>,
    user: Option<String>,
    code: Option<u32>,
    /// Milliseconds since the Unix epoch.
    since: Option<i64>,
    until: Option<i64>,
    limit: Option<u32>,
}

pub async fn signins(
    State(state): State<Arc<AppState>>,
    Extension(meta): Extension<RequestMeta>,
    headers: HeaderMap,
    f: Result<Query<SigninFilter>, QueryRejection>,
) -> Response {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    let authorized = state.admin_token.as_deref().is_some_and(|t| ct_eq(t.as_bytes(), presented.as_bytes()));
    if !authorized {
        let e = SigilError::new(catalog::ADMIN_UNAUTHORIZED, "admin credential missing or wrong");
        return errors::json(&state, &meta, "en", "sigil-admin", &e);
    }
    let f = match f {
        Ok(Query(f)) => f,
        Err(e) => {
            let err = SigilError::new(catalog::MALFORMED_REQUEST, format!("query: {e}"))
                .arg("reason", "the query string does not parse");
            return errors::json(&state, &meta, "en", "sigil-admin", &err);
        }
    };
    let q = SigninQuery {
        trace_id: f.trace_id,
        correlation_id: f.correlation_id,
        tenant: f.tenant,
        client_id: f.client,
        user: f.user,
        code: f.code,
        since_millis: f.since,
        until_millis: f.until,
        limit: f.limit.unwrap_or(100),
    };
    match state.ctx.store.query_signins(&q).await {
        Ok(rows) => {
            let mut res = axum::Json(rows).into_response();
            errors::no_store(res.headers_mut());
            res
        }
        Err(e) => errors::json(&state, &meta, "en", "sigil-admin", &e.into()),
    }
}
