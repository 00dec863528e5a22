//! Discovery (OIDC Discovery 1.0 §4, RFC 8414 §3) and the tenant's JWKS (RFC 7517 §5).
use std::sync::Arc;

use axum::body::Bytes;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sigil_core::discovery::{self, Paths};

use crate::request::{Opening, ParamsFrom, Refused, TenantRequest};
use crate::{AppState, errors};

/// A document computed once and shared by every response (no copy per request).
struct SharedDoc(Arc<str>);

impl AsRef<[u8]> for SharedDoc {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// `Vary: origin` on every answer, with or without `Origin`: a shared cache must not hand the
/// answer without CORS headers to an SPA, or an SPA's to another origin (Fetch standard, "CORS
/// protocol and HTTP caches"; the CORS headers come from `cors.rs`).
fn json_cached(body: &Arc<str>, cache_control: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/json")),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache_control)),
            (header::VARY, HeaderValue::from_static("origin")),
        ],
        Bytes::from_owner(SharedDoc(body.clone())),
    )
        .into_response()
}

/// The endpoints this build serves; discovery lists exactly these.
pub fn paths(_state: &AppState) -> Paths {
    Paths { authorize: true, userinfo: true, logout: true }
}

/// A metadata endpoint's opening: no parameters; an unknown tenant is a JSON error in English.
pub struct Metadata;

impl Opening for Metadata {
    const PARAMS: ParamsFrom = ParamsFrom::Nothing;

    fn refuse(r: Refused<'_>) -> Response {
        errors::json(r.state, r.meta, "en", r.tenant_name, &r.error)
    }
}

pub async fn openid_configuration(req: TenantRequest<Metadata>) -> Response {
    let TenantRequest { state, view, .. } = &req;
    let doc = view.discovery.get_or_init(|| discovery::metadata(&state.ctx, view, &paths(state)).to_string().into());
    json_cached(doc, "public, max-age=3600")
}

pub async fn oauth_metadata(req: TenantRequest<Metadata>) -> Response {
    openid_configuration(req).await
}

pub async fn jwks(req: TenantRequest<Metadata>) -> Response {
    // Short max-age: a newly published key must reach clients before it signs.
    json_cached(req.view.keys.jwks_json(), "public, max-age=300")
}
