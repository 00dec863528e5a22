//! One file per endpoint. A `/{tenant}/…` handler takes a [`crate::request::TenantRequest`]; the
//! helpers below are what it is built from (and what handlers not yet on it call directly).
pub mod admin;
pub mod authorize;
pub mod consent;
pub mod discovery;
pub mod health;
pub mod help;
pub mod home;
mod interaction;
pub mod logout;
pub mod msal;
pub mod signin;
pub mod token;
pub mod userinfo;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, Method, StatusCode};
use sigil_core::limits::MAX_BODY_BYTES;
use sigil_core::params::Params;

use sigil_core::catalog;
use sigil_core::directory::TenantView;
use sigil_core::error::SigilError;
use sigil_core::params::sanitize;

use crate::AppState;

/// `{tenant}` → the tenant's view, or Entra's 90002.
pub fn tenant(state: &AppState, name: &str) -> Result<Arc<TenantView>, SigilError> {
    state.ctx.directory.get().tenant(name).cloned().ok_or_else(|| {
        SigilError::new(catalog::TENANT_NOT_FOUND, format!("no tenant '{}'", sanitize(name)))
            .arg("tenant", sanitize(name))
    })
}

/// A body axum could not read (too large, aborted) is a catalogued refusal like any other: over
/// [`MAX_BODY_BYTES`] (the router's `DefaultBodyLimit`) is 413 (RFC 9110 §15.5.14).
pub fn body(body: Result<Bytes, BytesRejection>) -> Result<Bytes, SigilError> {
    body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return SigilError::new(catalog::REQUEST_BODY_TOO_LARGE, format!("body over {MAX_BODY_BYTES} bytes"))
                .arg("limit", MAX_BODY_BYTES.to_string());
        }
        SigilError::new(catalog::MALFORMED_REQUEST, format!("body unreadable: {e}"))
            .arg("reason", "the body is too large or unreadable")
    })
}

/// Parameters of an endpoint that takes both GET (query) and POST (form body).
pub fn query_or_form(
    method: &Method,
    query: Option<&str>,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Params, SigilError> {
    if method == Method::POST {
        crate::form::parse_form(headers, &self::body(body)?)
    } else {
        crate::form::parse_urlencoded(query.unwrap_or("").as_bytes())
    }
}
