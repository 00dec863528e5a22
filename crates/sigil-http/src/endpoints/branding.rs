//! A tenant's brand on its pages (docs/branding.md): `GET /{tenant}/branding/logo` (the uploaded
//! logo) and `GET /{tenant}/branding/style.css` (its colours), and Sigil's one script.
//!
//! The colours are a stylesheet of this origin, not an inline `<style>`: the pages' CSP keeps
//! `style-src 'self'` with no nonce and no `'unsafe-inline'`, the sheet is cached by browsers,
//! and it holds only CSS custom properties built from validated `#rrggbb` values.
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sigil_core::catalog;
use sigil_core::error::SigilError;

use super::discovery::Metadata;
use crate::errors;
use crate::request::TenantRequest;

/// Logos and stylesheets change rarely; an ETag makes a changed one visible after this.
const CACHE: &str = "public, max-age=300";

/// RFC 9110 §13.1.2: `If-None-Match` with a matching entity tag answers 304.
fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == etag || t.trim() == "*")
}

/// A cacheable body with a strict content type; `sandbox` keeps a logo opened on its own from
/// running anything even if a browser were to sniff it.
fn cached(headers: &HeaderMap, content_type: &'static str, etag: String, body: Vec<u8>) -> Response {
    let mut h = HeaderMap::new();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    if not_modified(headers, &etag) {
        return (StatusCode::NOT_MODIFIED, h).into_response();
    }
    (StatusCode::OK, h, body).into_response()
}

pub async fn logo(req: TenantRequest<Metadata>) -> Response {
    let TenantRequest { state, meta, view, headers, .. } = &req;
    match &view.tenant.branding.logo {
        Some(l) => cached(headers, l.content_type, l.etag(), l.bytes.clone()),
        None => {
            let err = SigilError::new(catalog::TENANT_LOGO_NOT_FOUND, "the tenant has no uploaded logo");
            errors::json(state, meta, "en", &view.tenant.name, &err)
        }
    }
}

pub async fn stylesheet(req: TenantRequest<Metadata>) -> Response {
    let css = req.view.tenant.branding.stylesheet();
    let etag = format!("\"{}\"", crate::pages::checksum(&css));
    cached(&req.headers, "text/css; charset=utf-8", etag, css.into_bytes())
}

/// The show-password toggle (progressive enhancement: without it the field is a plain password
/// field and the button stays hidden). Loaded with the page's script nonce.
pub const SCRIPT: &str = include_str!("../../assets/sigil.js");

pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        SCRIPT,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_lists_are_understood() {
        let mut h = HeaderMap::new();
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"a\", \"b\""));
        assert!(not_modified(&h, "\"b\""));
        assert!(!not_modified(&h, "\"c\""));
        assert!(!not_modified(&HeaderMap::new(), "\"b\""));
    }
}
