//! Discovery (OIDC Discovery 1.0 §4, RFC 8414 §3) and the tenant's JWKS (RFC 7517 §5).
use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sigil_core::discovery::{self, Paths};

use crate::meta::RequestMeta;
use crate::{AppState, errors};

/// A document computed once and shared by every response (no copy per request).
struct SharedDoc(Arc<str>);

impl AsRef<[u8]> for SharedDoc {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

fn json_cached(body: &Arc<str>, cache_control: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/json")),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache_control)),
        ],
        Bytes::from_owner(SharedDoc(body.clone())),
    )
        .into_response()
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
            json_cached(doc, "public, max-age=3600")
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
        Ok(view) => json_cached(view.keys.jwks_json(), "public, max-age=300"),
        Err(e) => errors::json(&state, &meta, "en", &tenant, &e),
    }
}
