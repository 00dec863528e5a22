//! `GET /`: a small landing page for a person who opens the server in a browser: where discovery
//! is, how the endpoint URLs are shaped, and the troubleshooting pages. `?tenant=NAME` goes to that
//! tenant's discovery document. Tenants are not listed: their names are not public information.
use std::sync::Arc;

use axum::Extension;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use sigil_core::i18n;

use crate::AppState;
use crate::meta::RequestMeta;
use crate::pages::{LANGUAGE_NAMES, html_response};

#[derive(Deserialize)]
pub struct HomeQuery {
    tenant: Option<String>,
    lang: Option<String>,
}

/// The endpoint URL templates shown on the page, relative to the public URL.
const ENDPOINTS: [(&str, &str); 6] = [
    ("discovery", "/{tenant}/v2.0/.well-known/openid-configuration"),
    ("authorize", "/{tenant}/oauth2/v2.0/authorize"),
    ("token", "/{tenant}/oauth2/v2.0/token"),
    ("keys", "/{tenant}/discovery/v2.0/keys"),
    ("userinfo", "/{tenant}/oidc/userinfo"),
    ("logout", "/{tenant}/oauth2/v2.0/logout"),
];

pub async fn home(
    State(state): State<Arc<AppState>>,
    Extension(meta): Extension<RequestMeta>,
    headers: HeaderMap,
    q: Result<Query<HomeQuery>, QueryRejection>,
) -> Response {
    let q = q.map(|Query(q)| q).unwrap_or(HomeQuery { tenant: None, lang: None });
    let base = &state.ctx.public_url;
    // Only a plain tenant name or ID goes into the Location header.
    if let Some(t) = q.tenant.as_deref().map(str::trim).filter(|t| !t.is_empty())
        && t.len() <= 64
        && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
    {
        let mut res = StatusCode::SEE_OTHER.into_response();
        if let Ok(v) = HeaderValue::from_str(&format!("/{t}/v2.0/.well-known/openid-configuration")) {
            res.headers_mut().insert(header::LOCATION, v);
        }
        return res;
    }
    let endpoints: Vec<_> = ENDPOINTS.iter().map(|(k, p)| json!({"name": k, "url": format!("{base}{p}")})).collect();
    let wants_json =
        headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("application/json"));
    if wants_json {
        let body = json!({"service": "sigil", "version": env!("CARGO_PKG_VERSION"), "endpoints": endpoints,
            "troubleshooting": format!("{base}/error")});
        return (StatusCode::OK, axum::Json(body)).into_response();
    }
    let locale = i18n::negotiate(q.lang.as_deref(), meta.accept_language.as_deref(), None);
    let langs: Vec<_> = LANGUAGE_NAMES
        .iter()
        .map(|(code, name)| json!({"code": code, "name": name, "href": format!("/?lang={code}")}))
        .collect();
    let ctx = json!({"endpoints": endpoints, "langs": langs, "version": env!("CARGO_PKG_VERSION")});
    let html = state
        .pages
        .render(&state.messages, locale, "home.html", ctx)
        .unwrap_or_else(|e| format!("template error: {e}"));
    html_response(StatusCode::OK, html, locale, None)
}
