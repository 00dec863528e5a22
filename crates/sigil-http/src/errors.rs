//! The one place a [`SigilError`] becomes HTTP: JSON for protocol endpoints (RFC 6749 §5.2), a
//! redirect for the authorization endpoint (§4.1.2.1), or a page. Every form carries the catalog
//! number, trace ID, correlation ID, timestamp and an `error_uri` to the troubleshooting page.
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::json;
use sigil_core::authorize::ResponseMode;
use sigil_core::directory::TenantView;
use sigil_core::error::{AuthAttempt, SigilError};
use sigil_core::params::sanitize;

use crate::AppState;
use crate::meta::{CatalogCode, RequestMeta};
use crate::pages::{form_target, html_response, page_response};

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
        // The condition's own `error` (an alias hides only the number and message).
        error: err.entry.error,
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
    // Chosen by route: everything under /admin/api/ (handlers, extractors, fallbacks) answers RFC 9457.
    if meta.admin_api {
        return problem(state, meta, err, &[]);
    }
    let body = describe(state, meta, locale, err);
    let entry = err.entry;
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
        "insufficient_user_authentication" | "insufficient_claims" => {
            // RFC 9470 §3 (`acr_values`, `max_age`) and Entra's claims challenge (`claims`): the
            // parameters the client's next authorization request needs.
            let mut v = format!("Bearer error=\"{}\", error_description=\"{}\"", entry.error, body.error_description);
            for (name, value) in err.args.iter().filter(|(n, _)| matches!(*n, "acr_values" | "max_age" | "claims")) {
                v.push_str(&format!(", {name}=\"{}\"", sanitize_long(value)));
            }
            if let Ok(v) = HeaderValue::from_str(&v) {
                h.insert(header::WWW_AUTHENTICATE, v);
            }
        }
        "invalid_token" | "insufficient_scope" | "invalid_request"
            if matches!(
                entry.surface,
                sigil_core::catalog::Surface::Userinfo | sigil_core::catalog::Surface::Registration
            ) =>
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

/// RFC 9449 §8: a `use_dpop_nonce` refusal carries the nonce to use in a `DPoP-Nonce` header.
pub fn dpop_nonce(state: &AppState, view: &TenantView, err: &SigilError, res: &mut Response) {
    if err.entry.code == sigil_core::catalog::DPOP_NONCE_REQUIRED.code {
        let nonce = sigil_core::dpop::nonce(&state.ctx, view.tenant.id, state.ctx.clock.now());
        if let Ok(v) = HeaderValue::from_str(&nonce) {
            res.headers_mut().insert("dpop-nonce", v);
        }
    }
}

/// RFC 9449 §7.1 at a protected resource: a DPoP error, or any token error of a request that used
/// the DPoP scheme, is 401 with a `DPoP` challenge naming the algorithms (§7.1) and the error;
/// `use_dpop_nonce` also carries the nonce (§9).
pub fn dpop_challenge(state: &AppState, view: &TenantView, err: &SigilError, dpop_scheme: bool, res: &mut Response) {
    let entry = err.public_entry();
    let dpop_error = matches!(entry.error, "invalid_dpop_proof" | "use_dpop_nonce");
    if !(dpop_error || dpop_scheme && entry.error == "invalid_token") {
        return;
    }
    *res.status_mut() = StatusCode::UNAUTHORIZED;
    let v = format!("DPoP error=\"{}\", algs=\"{}\"", entry.error, sigil_core::dpop::ALGS.join(" "));
    if let Ok(v) = HeaderValue::from_str(&v) {
        res.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    dpop_nonce(state, view, err, res);
}

/// An error shown as a page (RFC 6749 §4.1.2.1: never redirect to an unverified client).
pub fn page(state: &AppState, meta: &RequestMeta, locale: &str, err: &SigilError) -> Response {
    let body = describe(state, meta, locale, err);
    let entry = err.public_entry();
    let ctx = json!({
        "title": state.messages.get(locale, "ui-error-title", &[]),
        "body": state.messages.get(locale, &entry.key("description"), &err.args),
        "code": entry.code, "name": entry.name,
        "trace_id": body.trace_id, "correlation_id": body.correlation_id, "timestamp": body.timestamp,
        "help_url": body.error_uri,
    });
    tracing::info!(code = err.entry.code, reason = %err.reason, "page error");
    let html = state
        .pages
        .render(&state.messages, locale, "message.html", ctx)
        .unwrap_or_else(|e| format!("template error: {e}"));
    // A page has no WWW-Authenticate challenge: client errors show as 400 (RFC 6749 §4.1.2.1).
    let status = match entry.status {
        401 => StatusCode::BAD_REQUEST,
        s => StatusCode::from_u16(s).unwrap_or(StatusCode::BAD_REQUEST),
    };
    let mut res = html_response(status, html, locale, None);
    // A storage fault (503): when to try again, as for the JSON endpoints.
    if let Some(s) = err.retry_after {
        res.headers_mut().insert(axum::http::header::RETRY_AFTER, s.into());
    }
    res.extensions_mut().insert(CatalogCode(entry.code));
    res
}

/// Where a redirect-form response goes: the client's verified redirect URI, in its response mode,
/// with the issuer (RFC 9207) and the request's `state`.
pub struct ClientRedirect<'a> {
    pub redirect_uri: &'a str,
    pub mode: ResponseMode,
    pub state: Option<&'a str>,
    pub issuer: String,
}

/// RFC 6749 §4.1.2.1 error response plus Sigil's code, trace and correlation IDs.
pub fn redirect(
    app: &AppState,
    meta: &RequestMeta,
    locale: &str,
    to: ClientRedirect<'_>,
    err: &SigilError,
) -> Response {
    let b = describe(app, meta, locale, err);
    let mut fields = vec![
        ("error", b.error.to_string()),
        ("error_description", b.error_description),
        ("error_uri", b.error_uri),
        ("error_codes", b.error_codes[0].to_string()),
        ("trace_id", b.trace_id),
        ("correlation_id", b.correlation_id),
        ("timestamp", b.timestamp),
    ];
    if let Some(s) = b.suberror {
        fields.push(("suberror", s.to_string()));
    }
    let mut res = to_client(app, to, fields);
    res.extensions_mut().insert(CatalogCode(err.public_entry().code));
    res
}

/// Sends a response (a code or an error) to the client's redirect URI in the requested mode
/// (OAuth 2.0 Multiple Response Type Encoding Practices; Form Post Response Mode), always with
/// `iss` (RFC 9207) and, when the request had one, `state`.
pub fn to_client(app: &AppState, to: ClientRedirect<'_>, mut fields: Vec<(&'static str, String)>) -> Response {
    if let Some(s) = to.state {
        fields.push(("state", s.to_string()));
    }
    fields.push(("iss", to.issuer));
    let redirect_uri = to.redirect_uri;
    match to.mode {
        ResponseMode::FormPost => {
            let nonce = sigil_core::rng::token_256(app.ctx.rng.as_ref());
            let ctx = json!({"action": redirect_uri, "fields": fields.iter().map(|(k, v)| (k.to_string(), v.clone())).collect::<std::collections::BTreeMap<_, _>>(), "nonce": nonce});
            let html = app.pages.env().get_template("form_post.html").and_then(|t| t.render(&ctx)).unwrap_or_default();
            page_response(StatusCode::OK, html, "en", Some(&nonce), form_target(redirect_uri).as_deref())
        }
        ResponseMode::Query | ResponseMode::Fragment => {
            let encoded = serde_urlencoded::to_string(&fields).unwrap_or_default();
            let sep = match to.mode {
                ResponseMode::Fragment => "#",
                _ if redirect_uri.contains('?') => "&",
                _ => "?",
            };
            let mut res = StatusCode::SEE_OTHER.into_response();
            if let Ok(v) = HeaderValue::from_str(&format!("{redirect_uri}{sep}{encoded}")) {
                res.headers_mut().insert(header::LOCATION, v);
            }
            res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res.headers_mut().insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
            res
        }
    }
}

/// RFC 9457 problem details, the admin API's error form (§3.1 members; `code`, `error`,
/// `trace_id`, `correlation_id`, `timestamp` and the broken provisioning rules in `errors` are
/// extension members, §3.2). `type` is the code's troubleshooting page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// The request, as `urn:uuid:<trace id>`.
    pub instance: String,
    /// The catalog number.
    pub code: u32,
    /// The RFC 6749-style error value of the catalog entry.
    pub error: String,
    pub trace_id: String,
    pub correlation_id: String,
    pub timestamp: String,
    /// Each broken provisioning rule (88000482).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// An admin API refusal as `application/problem+json` (RFC 9457 §3), with the same headers as
/// [`json`] (`no-store`, `Retry-After`) and, for 401/403, an RFC 6750 §3 challenge.
pub fn problem(
    state: &AppState,
    meta: &RequestMeta,
    err: &SigilError,
    fields: &[sigil_core::provisioning::RuleError],
) -> Response {
    let b = describe(state, meta, "en", err);
    let entry = err.public_entry();
    let status = StatusCode::from_u16(entry.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = Problem {
        type_: b.error_uri,
        title: entry.name.to_string(),
        status: status.as_u16(),
        detail: b.error_description,
        instance: format!("urn:uuid:{}", b.trace_id),
        code: entry.code,
        error: b.error.to_string(),
        trace_id: b.trace_id,
        correlation_id: b.correlation_id,
        timestamp: b.timestamp,
        errors: fields.iter().map(|f| FieldError { field: f.field.clone(), message: f.message.clone() }).collect(),
    };
    let mut res = (status, axum::Json(&body)).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
    no_store(h);
    admin_refusal(&mut res, err, "sigil-admin");
    res
}

/// What every refusal of the admin surfaces (problem details, SCIM errors) carries besides its
/// body: `WWW-Authenticate` on 401/403 (RFC 6750 §3), `Retry-After`, the code for metrics, and
/// the log line with the internal reason.
pub fn admin_refusal(res: &mut Response, err: &SigilError, realm: &str) {
    let entry = err.public_entry();
    let h = res.headers_mut();
    if matches!(entry.status, 401 | 403) {
        let v = format!(
            "Bearer realm=\"{realm}\", error=\"{}\"",
            if entry.status == 401 { "invalid_token" } else { "insufficient_scope" }
        );
        if let Ok(v) = HeaderValue::from_str(&v) {
            h.insert(header::WWW_AUTHENTICATE, v);
        }
    }
    if let Some(s) = err.retry_after {
        h.insert(header::RETRY_AFTER, HeaderValue::from(s));
    }
    res.extensions_mut().insert(CatalogCode(entry.code));
    if entry.status >= 500 {
        tracing::error!(code = err.entry.code, reason = %err.reason, "admin request failed");
    } else {
        tracing::info!(code = err.entry.code, reason = %err.reason, "admin request refused");
    }
}
