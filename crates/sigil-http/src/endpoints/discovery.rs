//! Discovery (OIDC Discovery 1.0 §4, RFC 8414 §3) and the tenant's JWKS (RFC 7517 §5).
use std::sync::Arc;

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sigil_core::discovery::{self, Paths};

use crate::meta::RequestMeta;
use crate::{AppState, errors};

fn json_cached(body: String, max_age: u32) -> Response {
    let mut res = ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("public, max-age={max_age}")) {
        res.headers_mut().insert(header::CACHE_CONTROL, v);
    }
    res
}

/// The endpoints this build serves; discovery lists exactly these.
pub fn paths(_state: &AppState) -> Paths {
    Paths { authorize: true, userinfo: true, logout: true }
}

pub async fn openid_configuration(
    State(state): State<Arc<AppState>>,
    Path(tenant): Path<String>,
    Extension(meta): Extension<RequestMeta>,
) -> Response {
    match super::tenant(&state, &tenant) {
        Ok(view) => {
            let doc = view
                .discovery
                .get_or_init(|| discovery::metadata(&state.ctx, &view, &paths(&state)).to_string().into());
            json_cached(doc.to_string(), 3600)
        }
        Err(e) => errors::json(&state, &meta, "en", &tenant, &e),
    }
}

pub async fn oauth_metadata(
    state: State<Arc<AppState>>,
    tenant: Path<String>,
    meta: Extension<RequestMeta>,
) -> Response {
    openid_configuration(state, tenant, meta).await
}

pub async fn jwks(
    State(state): State<Arc<AppState>>,
    Path(tenant): Path<String>,
    Extension(meta): Extension<RequestMeta>,
) -> Response {
    match super::tenant(&state, &tenant) {
        // Short max-age: a newly published key must reach clients before it signs.
        Ok(view) => json_cached(view.keys.jwks_json().to_string(), 300),
        Err(e) => errors::json(&state, &meta, "en", &tenant, &e),
    }
}
