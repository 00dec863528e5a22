//! The one place a [`SigilError`] becomes HTTP: JSON for protocol endpoints (RFC 6749 §5.2), a
//! redirect for the authorization endpoint (§4.1.2.1), or a page. Every form carries the catalog
//! number, trace ID, correlation ID, timestamp and an `error_uri` to the troubleshooting page.
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sigil_core::error::{AuthAttempt, SigilError};
use sigil_core::params::sanitize;

use crate::AppState;
use crate::meta::{CatalogCode, RequestMeta};

/// Everything a caller is told about one refusal.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorBody {
    pub error: &'static str,
    pub error_description: String,
    pub error_codes: [u32; 1],
    pub timestamp: String,
    pub trace_id: String,
    pub correlation_id: String,
    pub error_uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suberror: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_description_localized: Option<String>,
}

/// The troubleshooting page for a code, in a language (English needs no `lang`).
pub fn error_uri(state: &AppState, code: u32, locale: &str) -> String {
    if locale == "en" {
        format!("{}/error?code={code}", state.ctx.public_url)
    } else {
        format!("{}/error?code={code}&lang={locale}", state.ctx.public_url)
    }
}

pub fn describe(state: &AppState, meta: &RequestMeta, locale: &str, err: &SigilError) -> ErrorBody {
    let entry = err.public_entry();
    let key = entry.key("description");
    let english = state.messages.get("en", &key, &err.args);
    let timestamp = sigil_core::clock::rfc3339(meta.time_millis);
    // RFC 6749 §5.2: error_description is printable ASCII without '"' and '\'.
    let error_description = sanitize_long(&format!(
        "SIGIL{}: {} Trace ID: {} Correlation ID: {} Timestamp: {}",
        entry.code, english, meta.trace_id, meta.correlation_id, timestamp
    ));
    let error_description_localized = (locale != "en").then(|| state.messages.get(locale, &key, &err.args));
    ErrorBody {
        error: entry.error,
        error_description,
        error_codes: [entry.code],
        timestamp,
        trace_id: meta.trace_id.to_string(),
        correlation_id: meta.correlation_id.to_string(),
        error_uri: error_uri(state, entry.code, locale),
        suberror: err.suberror,
        error_description_localized,
    }
}

fn sanitize_long(s: &str) -> String {
    s.chars().filter(|c| matches!(*c as u32, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E)).collect()
}

pub fn no_store(headers: &mut HeaderMap) {
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
}

/// A JSON protocol error (token endpoint and other JSON endpoints). `realm` is the tenant as the
/// client named it, for `WWW-Authenticate` on `invalid_client` (RFC 6749 §5.2).
pub fn json(state: &AppState, meta: &RequestMeta, locale: &str, realm: &str, err: &SigilError) -> Response {
    let body = describe(state, meta, locale, err);
    let entry = err.public_entry();
    let status = StatusCode::from_u16(entry.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut res = (status, axum::Json(&body)).into_response();
    let h = res.headers_mut();
    no_store(h);
    if locale != "en"
        && let Ok(v) = HeaderValue::from_str(locale)
    {
        h.insert(header::CONTENT_LANGUAGE, v);
    }
    match entry.error {
        "invalid_client" => {
            let realm = sanitize(realm);
            // §5.2: MUST when the client used the Authorization header; otherwise Sigil still names
            // the scheme it supports there.
            let v = match err.auth_attempt {
                Some(AuthAttempt::BasicHeader) => format!("Basic realm=\"{realm}\""),
                _ => format!("Basic realm=\"{realm}\", charset=\"UTF-8\""),
            };
            if let Ok(v) = HeaderValue::from_str(&v) {
                h.insert(header::WWW_AUTHENTICATE, v);
            }
        }
        "invalid_token" | "insufficient_scope" | "invalid_request"
            if entry.surface == sigil_core::catalog::Surface::Userinfo =>
        {
            // RFC 6750 §3.
            let v = format!("Bearer error=\"{}\", error_description=\"{}\"", entry.error, body.error_description);
            if let Ok(v) = HeaderValue::from_str(&v) {
                h.insert(header::WWW_AUTHENTICATE, v);
            }
        }
        _ => {}
    }
    if let Some(s) = err.retry_after {
        h.insert(header::RETRY_AFTER, HeaderValue::from(s));
    }
    res.extensions_mut().insert(CatalogCode(entry.code));
    if entry.status >= 500 {
        tracing::error!(code = err.entry.code, reason = %err.reason, "request failed");
    } else {
        tracing::info!(code = err.entry.code, reason = %err.reason, "request refused");
    }
    res
}
