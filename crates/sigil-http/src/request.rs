//! What every `/{tenant}/…` endpoint opens with, extracted once: the tenant (`{tenant}` → its
//! [`TenantView`], or the catalog's 90002), the parameters (query or form per method, parsed
//! strictly by [`crate::form`]), the locale, the trace and correlation IDs ([`RequestMeta`]) and
//! the start of the sign-in record. A handler takes one [`TenantRequest<K>`]; the kind `K` says
//! where its parameters come from and how a request refused before the handler is answered
//! ([`Opening::refuse`]: the endpoint's error form, and its sign-in record when it keeps one).
//!
//! Nothing is copied: the headers and the request's meta are moved out of the request, and the
//! locale is negotiated only when asked for (the client-credentials path never asks).
use std::marker::PhantomData;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sigil_core::catalog;
use sigil_core::directory::TenantView;
use sigil_core::error::SigilError;
use sigil_core::i18n;
use sigil_core::limits::MAX_BODY_BYTES;
use sigil_core::params::{Params, sanitize};
use sigil_core::signin_log::SigninRecord;

use crate::AppState;
use crate::meta::RequestMeta;

/// Where an endpoint's parameters are read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamsFrom {
    /// None: the body is not read.
    Nothing,
    /// The form body (`application/x-www-form-urlencoded`, RFC 6749 §3.2).
    Form,
    /// GET: the query; POST: the form body (RFC 6749 §3.1, OIDC Core §3.1.2.1).
    QueryOrForm,
    /// A Bearer token's form body (RFC 6750 §2.2): read on a POST whose `Content-Type` is
    /// `application/x-www-form-urlencoded` (any other is no parameters, not a refusal); the body
    /// of other methods is read (within the limit) and ignored.
    BearerForm,
    /// The query's parameters, and the body kept as it is (within the limit) in
    /// [`TenantRequest::body`]: a JSON API such as registration (RFC 7591 §3.1).
    QueryAndBody,
}

/// Which rate limits (`sigil_core::ratelimit`) an endpoint's requests count against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateLimited {
    No,
    /// The source address and its network prefix, and the user of a `username` parameter.
    Source,
    /// [`RateLimited::Source`] and the client (`client_id`, Basic header or assertion subject) when
    /// the tenant has it: the token endpoint.
    SourceAndClient,
}

/// An endpoint's kind: its parameters and its answer to a request refused before the handler runs.
pub trait Opening: Send + Sync + 'static {
    const PARAMS: ParamsFrom;
    /// The rate limits its requests count against (issue 23).
    const RATE_LIMITED: RateLimited = RateLimited::No;
    /// The response to an unknown tenant or unreadable parameters, already in the endpoint's error
    /// form; writes the sign-in record when the endpoint keeps one.
    fn refuse(refused: Refused<'_>) -> Response;
}

/// A `/{tenant}/…` request, opened: its handler starts at the protocol.
pub struct TenantRequest<K: Opening> {
    pub state: Arc<AppState>,
    pub meta: RequestMeta,
    pub method: Method,
    /// `{tenant}` as the client wrote it (the realm of `WWW-Authenticate`, RFC 6749 §5.2).
    pub tenant_name: String,
    pub view: Arc<TenantView>,
    /// Empty for [`ParamsFrom::Nothing`].
    pub params: Params,
    pub headers: HeaderMap,
    /// The raw body, for [`ParamsFrom::QueryAndBody`] only (else empty).
    pub body: Bytes,
    /// The request's path (no query): with the public URL, the URL it was sent to.
    pub path: String,
    kind: PhantomData<K>,
}

/// What was read of a request refused before its handler.
pub struct Refused<'a> {
    pub state: &'a AppState,
    pub meta: &'a RequestMeta,
    pub tenant_name: &'a str,
    pub view: Option<&'a TenantView>,
    pub params: Option<&'a Params>,
    pub headers: &'a HeaderMap,
    /// The tenant's error when both failed.
    pub error: SigilError,
}

impl Refused<'_> {
    pub fn locale(&self) -> &'static str {
        locale(self.meta, self.params.and_then(|p| p.get("ui_locales")), self.view)
    }

    /// The sign-in record, on the tenant as resolved or else as named.
    pub fn record(&self, flow: String) -> SigninRecord {
        signin_record(self.meta, self.view.map_or(self.tenant_name, |v| v.tenant.name.as_str()), flow)
    }
}

impl<K: Opening> TenantRequest<K> {
    /// The URL this request was sent to, as Sigil publishes it (RFC 9449 `htu`).
    pub fn url(&self) -> String {
        format!("{}{}", self.state.ctx.public_url, self.path)
    }

    /// RFC 9449 §4.1: the request's one `DPoP` header (several are an error).
    pub fn dpop_header(&self) -> Result<Option<&str>, SigilError> {
        sigil_core::dpop::single_header(self.headers.get_all("dpop").iter().map(|v| v.as_bytes()))
    }

    pub fn locale(&self) -> &'static str {
        locale(&self.meta, self.params.get("ui_locales"), Some(&self.view))
    }

    /// The sign-in record of this request, on the resolved tenant; the handler fills in the rest
    /// and hands it to [`finish`].
    pub fn record(&self, flow: String) -> SigninRecord {
        signin_record(&self.meta, &self.view.tenant.name, flow)
    }
}

/// `ui_locales` (OIDC Core §3.1.2.1), then `Accept-Language`, then the tenant's default.
pub fn locale(meta: &RequestMeta, ui_locales: Option<&str>, view: Option<&TenantView>) -> &'static str {
    i18n::negotiate(ui_locales, meta.accept_language.as_deref(), view.map(|v| v.tenant.default_locale.as_str()))
}

/// A sign-in record started from the request's facts.
pub fn signin_record(meta: &RequestMeta, tenant: &str, flow: String) -> SigninRecord {
    SigninRecord {
        time_millis: meta.time_millis,
        trace_id: meta.trace_id.to_string(),
        correlation_id: meta.correlation_id.to_string(),
        tenant: tenant.to_string(),
        client_id: None,
        user: None,
        flow,
        code: 0,
        error: None,
        reason: String::new(),
        source: meta.source.clone(),
        user_agent: meta.user_agent.clone(),
        latency_micros: 0,
        signals: None,
    }
}

/// Marks a record refused with `err`.
pub fn fill_error(record: &mut SigninRecord, err: &SigilError) {
    record.code = err.entry.code;
    record.error = Some(err.entry.error.to_string());
    record.reason = err.reason.clone();
}

/// Stamps the latency and hands the record to the sign-in log (never blocks).
pub fn finish(state: &AppState, meta: &RequestMeta, mut record: SigninRecord) {
    record.latency_micros = meta.start.elapsed().as_micros() as i64;
    state.signin.record(record);
}

/// The answer to a request refused before its handler: [`Opening::refuse`]'s, or axum's own when
/// the route has no `{tenant}` or the meta middleware did not run (a routing defect).
pub struct Refusal(Response);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        self.0
    }
}

impl<K: Opening> FromRequest<Arc<AppState>> for TenantRequest<K> {
    type Rejection = Refusal;

    async fn from_request(req: Request, state: &Arc<AppState>) -> Result<Self, Refusal> {
        let (mut parts, body) = req.into_parts();
        let tenant_name = match Path::<String>::from_request_parts(&mut parts, state).await {
            Ok(Path(t)) => t,
            Err(e) => return Err(Refusal(e.into_response())),
        };
        let Some(meta) = parts.extensions.remove::<RequestMeta>() else {
            return Err(Refusal((StatusCode::INTERNAL_SERVER_ERROR, "request meta missing").into_response()));
        };
        let headers = std::mem::take(&mut parts.headers);
        let method = parts.method.clone();
        let mut raw = Bytes::new();
        let path = parts.uri.path().to_string();
        let params = match K::PARAMS {
            ParamsFrom::Nothing => Ok(Params::default()),
            ParamsFrom::QueryAndBody => {
                let query = crate::form::parse_urlencoded(parts.uri.query().unwrap_or("").as_bytes());
                match read_body(parts, body, state).await {
                    Ok(b) => {
                        raw = b;
                        query
                    }
                    Err(e) => Err(e),
                }
            }
            ParamsFrom::QueryOrForm if method != Method::POST => {
                crate::form::parse_urlencoded(parts.uri.query().unwrap_or("").as_bytes())
            }
            ParamsFrom::Form | ParamsFrom::QueryOrForm => {
                read_body(parts, body, state).await.and_then(|b| crate::form::parse_form(&headers, &b))
            }
            ParamsFrom::BearerForm => read_body(parts, body, state).await.and_then(|b| {
                if method == Method::POST && is_form(&headers) && !b.is_empty() {
                    crate::form::parse_urlencoded(&b)
                } else {
                    Ok(Params::default())
                }
            }),
        };
        let view = tenant(state, &tenant_name);
        let (view, params, error) = match (view, params) {
            (Ok(view), Ok(params)) => match rate_limit::<K>(state, &meta, &view, &params, &headers).await {
                Err(e) => (Some(view), Some(params), e),
                Ok(()) => {
                    let kind = PhantomData;
                    let (state, body) = (state.clone(), raw);
                    return Ok(Self { state, meta, method, tenant_name, view, params, headers, body, path, kind });
                }
            },
            // The tenant's error first, as before the extractor existed.
            (Err(e), params) => (None, params.ok(), e),
            (Ok(view), Err(e)) => (Some(view), None, e),
        };
        Err(Refusal(K::refuse(Refused {
            state,
            meta: &meta,
            tenant_name: &tenant_name,
            view: view.as_deref(),
            params: params.as_ref(),
            headers: &headers,
            error,
        })))
    }
}

/// Counts the request against the endpoint's rate limits; over one: 88000500 with `Retry-After`,
/// counted in `sigil_rate_limited_total`.
async fn rate_limit<K: Opening>(
    state: &AppState,
    meta: &RequestMeta,
    view: &TenantView,
    params: &Params,
    headers: &HeaderMap,
) -> Result<(), SigilError> {
    if K::RATE_LIMITED == RateLimited::No || !state.rate_limiter.settings().enabled {
        return Ok(());
    }
    let client_id = match K::RATE_LIMITED {
        // Only a client the tenant has: made-up IDs would only fill the counters.
        RateLimited::SourceAndClient => {
            sigil_core::client_auth::claimed_client_id(params, &crate::endpoints::token::presented(headers))
                .filter(|id| view.client(id).is_some())
        }
        _ => None,
    };
    let subject = sigil_core::ratelimit::Subject {
        tenant: view.tenant.id,
        client_id: client_id.as_deref(),
        user: params.get("username"),
        source: &meta.source,
    };
    let ctx = &state.ctx;
    match state.rate_limiter.check(ctx.store.as_ref(), ctx.clock.now(), &subject).await {
        Ok(()) => Ok(()),
        Err(t) => {
            state.metrics.rate_limited(t.dimension.as_str());
            Err(t.error())
        }
    }
}

/// `{tenant}` → the tenant's view, or Entra's 90002.
fn tenant(state: &AppState, name: &str) -> Result<Arc<TenantView>, SigilError> {
    state.ctx.directory.get().tenant(name).cloned().ok_or_else(|| {
        SigilError::new(catalog::TENANT_NOT_FOUND, format!("no tenant '{}'", sanitize(name)))
            .arg("tenant", sanitize(name))
    })
}

/// `Content-Type: application/x-www-form-urlencoded` (parameters ignored).
fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|ct| ct.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded"))
}

/// The body within the router's `DefaultBodyLimit` (kept in the request's extensions).
async fn read_body(
    parts: axum::http::request::Parts,
    body: axum::body::Body,
    state: &Arc<AppState>,
) -> Result<Bytes, SigilError> {
    body_or_refusal(Bytes::from_request(Request::from_parts(parts, body), state).await)
}

/// A body axum could not read (too large, aborted) is a catalogued refusal like any other: over
/// [`MAX_BODY_BYTES`] (the router's `DefaultBodyLimit`) is 413 (RFC 9110 §15.5.14).
fn body_or_refusal(body: Result<Bytes, BytesRejection>) -> Result<Bytes, SigilError> {
    body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return SigilError::new(catalog::REQUEST_BODY_TOO_LARGE, format!("body over {MAX_BODY_BYTES} bytes"))
                .arg("limit", MAX_BODY_BYTES.to_string());
        }
        SigilError::new(catalog::MALFORMED_REQUEST, format!("body unreadable: {e}"))
            .arg("reason", "the body is too large or unreadable")
    })
}
