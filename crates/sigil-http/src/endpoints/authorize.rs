//! `GET|POST /{tenant}/oauth2/v2.0/authorize` (RFC 6749 §4.1.1, OIDC Core §3.1.2), the sign-in form
//! (`POST /{tenant}/login`) and the consent form (`POST /{tenant}/consent`).
//!
//! The interaction between them is stateless: the validated request is sealed (AES-GCM under the
//! master key, with an expiry) into a hidden form field; the anti-forgery token is a MAC over that
//! field and a browser cookie (SameSite=Lax), so a cross-site POST cannot carry it.
use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sigil_core::authorize::{self, AuthorizeError, AuthorizeRequest, ResponseMode};
use sigil_core::catalog;
use sigil_core::crypto::{b64url, b64url_decode, ct_eq, token_hash};
use sigil_core::directory::TenantView;
use sigil_core::error::SigilError;
use sigil_core::grant::{NewCode, mint_code};
use sigil_core::i18n;
use sigil_core::model::Session;
use sigil_core::params::Params;
use sigil_core::signin::check_credentials;
use sigil_core::signin_log::SigninRecord;

use crate::meta::{CatalogCode, RequestMeta};
use crate::pages::{form_target, html_response, page_response};
use crate::{AppState, errors, form};

/// How long a sign-in form stays valid.
const INTERACTION_TTL: i64 = 900;
const CSRF_COOKIE: &str = "sigil_csrf";

/// The form a sealed interaction was issued for. A form is accepted only by its own handler, so the
/// sign-in form's fields cannot stand in for a consent (and skip `prompt=login`, OIDC Core §3.1.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Step {
    Signin,
    Consent,
}

#[derive(Serialize, Deserialize)]
struct Interaction {
    tenant: uuid::Uuid,
    exp: i64,
    step: Step,
    /// Consent: the `sid` of the session the page was shown to; another session cannot submit it.
    sid: Option<String>,
    /// Consent: that session was created by this interaction's own sign-in form, so it counts as
    /// the fresh authentication `prompt=login` / `max_age` asked for.
    fresh: bool,
    req: AuthorizeRequest,
}

/// AES-GCM associated data of sealed interactions (v2: bound to a step and a session).
const INTERACTION_AAD: &[u8] = b"sigil/interaction/v2";

/// RFC 6265bis §4.1.3.2: under TLS Sigil's cookies carry the `__Host-` prefix, which browsers
/// accept only with Secure, Path=/ and no Domain, so a sibling host cannot set or shadow them.
/// Readers and writers both take the name from here.
pub(crate) fn cookie_name(state: &AppState, base: &str) -> String {
    if state.secure_cookies { format!("__Host-{base}") } else { base.to_string() }
}

pub fn session_cookie_name(state: &AppState, view: &TenantView) -> String {
    cookie_name(state, &format!("sigil_session_{}", view.tenant.id.simple()))
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|c| {
        let (k, v) = c.trim().split_once('=')?;
        (k == name).then_some(v)
    })
}

/// Path=/ and no Domain always; Secure under TLS (what the `__Host-` prefix requires).
pub(crate) fn set_cookie(state: &AppState, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let age = max_age.map(|a| format!("; Max-Age={a}")).unwrap_or_default();
    HeaderValue::from_str(&format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax{secure}{age}"))
        .expect("cookie is ASCII")
}

/// The current session for this tenant, if its cookie names a live one.
pub async fn current_session(
    state: &AppState,
    view: &TenantView,
    headers: &HeaderMap,
) -> Result<Option<Session>, SigilError> {
    let Some(token) = cookie(headers, &session_cookie_name(state, view)) else { return Ok(None) };
    let s = state.ctx.store.session(&token_hash(token)).await?;
    Ok(s.filter(|s| s.tenant_id == view.tenant.id && s.expires_at > state.ctx.clock.now()))
}

/// A public, stable identifier of a session for the ID token's `sid` (never the cookie value).
fn sid(session_hash: &[u8]) -> String {
    b64url(&session_hash[..16])
}

struct Flow<'a> {
    state: &'a AppState,
    meta: &'a RequestMeta,
    view: Arc<TenantView>,
    locale: &'static str,
    headers: &'a HeaderMap,
}

fn locale_for(meta: &RequestMeta, ui_locales: Option<&str>, view: Option<&TenantView>) -> &'static str {
    i18n::negotiate(ui_locales, meta.accept_language.as_deref(), view.map(|v| v.tenant.default_locale.as_str()))
}

pub async fn authorize(
    State(state): State<Arc<AppState>>,
    Path(tenant): Path<String>,
    Extension(meta): Extension<RequestMeta>,
    method: Method,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let params = super::query_or_form(&method, query.as_deref(), &headers, body);
    let view = super::tenant(&state, &tenant);
    let locale = locale_for(
        &meta,
        params.as_ref().ok().and_then(|p| p.get("ui_locales")),
        view.as_ref().ok().map(|v| v.as_ref()),
    );
    let mut record = record(&meta, &tenant, "authorize");
    let (view, params) = match (view, params) {
        (Ok(v), Ok(p)) => (v, p),
        (Err(e), _) | (_, Err(e)) => return error_page(&state, &meta, locale, &e, &mut record),
    };
    record.tenant = view.tenant.name.clone();
    record.client_id = params.get("client_id").map(str::to_string);
    let flow = Flow { state: &state, meta: &meta, view, locale, headers: &headers };
    match authorize::validate(&flow.view, &params) {
        Err(AuthorizeError::Page(e)) => error_page(&state, &meta, locale, &e, &mut record),
        Err(AuthorizeError::Redirect { error, redirect_uri, response_mode, state: st }) => {
            flow.redirect_error(&redirect_uri, response_mode, st.as_deref(), &error, &mut record)
        }
        Ok((req, _)) => match current_session(&state, &flow.view, &headers).await {
            Ok(session) => flow.proceed(req, session, false, false, &mut record).await,
            Err(e) => error_page(&state, &meta, locale, &e, &mut record),
        },
    }
}

fn record(meta: &RequestMeta, tenant: &str, flow: &str) -> SigninRecord {
    SigninRecord {
        time_millis: meta.time_millis,
        trace_id: meta.trace_id.to_string(),
        correlation_id: meta.correlation_id.to_string(),
        tenant: tenant.to_string(),
        client_id: None,
        user: None,
        flow: flow.into(),
        code: 0,
        error: None,
        reason: String::new(),
        source: meta.source.clone(),
        user_agent: meta.user_agent.clone(),
        latency_micros: 0,
    }
}

fn finish(state: &AppState, meta: &RequestMeta, mut record: SigninRecord) {
    record.latency_micros = meta.start.elapsed().as_micros() as i64;
    state.signin.record(record);
}

/// An error shown as a page (§4.1.2.1: never redirect to an unverified client).
pub fn error_page(
    state: &AppState,
    meta: &RequestMeta,
    locale: &str,
    err: &SigilError,
    record: &mut SigilRecordRef,
) -> Response {
    super::token::fill_error(record, err);
    finish(state, meta, record.clone());
    render_error_page(state, meta, locale, err)
}

pub type SigilRecordRef = SigninRecord;

pub fn render_error_page(state: &AppState, meta: &RequestMeta, locale: &str, err: &SigilError) -> Response {
    let body = errors::describe(state, meta, locale, err);
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

impl Flow<'_> {
    fn issuer(&self) -> String {
        self.state.ctx.issuer(&self.view)
    }

    /// Sends the response to the client's redirect URI in the requested mode (OAuth 2.0 Multiple
    /// Response Type Encoding Practices; Form Post Response Mode), always with `iss` (RFC 9207).
    fn to_client(&self, redirect_uri: &str, mode: ResponseMode, mut fields: Vec<(&'static str, String)>) -> Response {
        fields.push(("iss", self.issuer()));
        match mode {
            ResponseMode::FormPost => {
                let nonce = sigil_core::rng::token_256(self.state.ctx.rng.as_ref());
                let ctx = json!({"action": redirect_uri, "fields": fields.iter().map(|(k, v)| (k.to_string(), v.clone())).collect::<std::collections::BTreeMap<_, _>>(), "nonce": nonce});
                let html = self
                    .state
                    .pages
                    .env()
                    .get_template("form_post.html")
                    .and_then(|t| t.render(&ctx))
                    .unwrap_or_default();
                page_response(StatusCode::OK, html, "en", Some(&nonce), form_target(redirect_uri).as_deref())
            }
            ResponseMode::Query | ResponseMode::Fragment => {
                let encoded = serde_urlencoded::to_string(&fields).unwrap_or_default();
                let sep = match mode {
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

    /// §4.1.2.1 error response plus Sigil's code, trace and correlation IDs.
    fn redirect_error(
        &self,
        redirect_uri: &str,
        mode: ResponseMode,
        st: Option<&str>,
        err: &SigilError,
        record: &mut SigninRecord,
    ) -> Response {
        super::token::fill_error(record, err);
        finish(self.state, self.meta, record.clone());
        let b = errors::describe(self.state, self.meta, self.locale, err);
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
        if let Some(s) = st {
            fields.push(("state", s.to_string()));
        }
        let mut res = self.to_client(redirect_uri, mode, fields);
        res.extensions_mut().insert(CatalogCode(err.public_entry().code));
        res
    }

    fn back(&self, req: &AuthorizeRequest, err: SigilError, record: &mut SigninRecord) -> Response {
        self.redirect_error(&req.redirect_uri, req.response_mode, req.state.as_deref(), &err, record)
    }

    /// After validation (and after each form): sign-in if needed, consent if needed, then the code.
    async fn proceed(
        &self,
        req: AuthorizeRequest,
        session: Option<Session>,
        just_signed_in: bool,
        just_consented: bool,
        record: &mut SigninRecord,
    ) -> Response {
        let ctx = &self.state.ctx;
        let now = ctx.clock.now();
        record.client_id = Some(req.client_id.clone());
        // OIDC Core §3.1.2.1: older than max_age seconds means sign in again (max_age=0: always).
        let too_old = |s: &Session| req.max_age.is_some_and(|m| now - s.auth_time >= m);
        let forced = (req.has_prompt("login") || req.has_prompt("select_account")) && !just_signed_in;
        let session = match session {
            Some(s) if !forced && !too_old(&s) => s,
            other => {
                if req.has_prompt("none") {
                    let why = match other {
                        None => "prompt=none without a session",
                        Some(_) => "prompt=none but max_age requires a new sign-in",
                    };
                    return self.back(
                        &req,
                        SigilError::new(catalog::LOGIN_REQUIRED, why).suberror("login_required"),
                        record,
                    );
                }
                record.reason = "sign-in page shown".into();
                finish(self.state, self.meta, record.clone());
                return self.signin_page(&req, req.login_hint.as_deref().unwrap_or(""), None);
            }
        };
        let user = match ctx.store.user_by_id(self.view.tenant.id, session.user_id).await {
            Ok(Some(u)) if u.enabled => u,
            Ok(_) => return self.signin_page(&req, "", None),
            Err(e) => return self.back(&req, e.into(), record),
        };
        record.user = Some(user.username.clone());
        let items = authorize::consent_items(&req.scope);
        let granted = match ctx.store.consent(self.view.tenant.id, user.id, &req.client_id).await {
            Ok(g) => g.unwrap_or_default(),
            Err(e) => return self.back(&req, e.into(), record),
        };
        let needs_consent =
            !just_consented && (req.has_prompt("consent") || !authorize::consent_covers(&granted, &items));
        if needs_consent {
            if req.has_prompt("none") {
                let e = SigilError::new(
                    catalog::CONSENT_REQUIRED,
                    format!("user {} has not consented to '{}'", user.username, req.scope),
                )
                .suberror("consent_required");
                return self.back(&req, e, record);
            }
            record.reason = "consent page shown".into();
            finish(self.state, self.meta, record.clone());
            return self.consent_page(&req, &user.username, &session, just_signed_in);
        }
        let code = mint_code(
            ctx,
            NewCode {
                tenant_id: self.view.tenant.id,
                client_id: &req.client_id,
                user_id: user.id,
                redirect_uri: &req.redirect_uri,
                scope: &req.scope,
                nonce: req.nonce.as_deref(),
                code_challenge: req.code_challenge.as_deref(),
                code_challenge_method: req.code_challenge_method.as_deref(),
                auth_time: session.auth_time,
                session_id: Some(&sid(&session.hash)),
            },
        )
        .await;
        let code = match code {
            Ok(c) => c,
            Err(e) => return self.back(&req, e, record),
        };
        record.reason = format!("code issued for '{}'", req.scope);
        finish(self.state, self.meta, record.clone());
        let mut fields = vec![("code", code)];
        if let Some(s) = &req.state {
            fields.push(("state", s.clone()));
        }
        self.to_client(&req.redirect_uri, req.response_mode, fields)
    }

    fn seal(&self, req: &AuthorizeRequest, step: Step, consent_for: Option<(&Session, bool)>) -> String {
        let i = Interaction {
            tenant: self.view.tenant.id,
            exp: self.state.ctx.clock.now() + INTERACTION_TTL,
            step,
            sid: consent_for.map(|(s, _)| sid(&s.hash)),
            fresh: consent_for.is_some_and(|(_, fresh)| fresh),
            req: req.clone(),
        };
        let json = serde_json::to_vec(&i).expect("interaction serializes");
        b64url(&self.state.ctx.master.seal(self.state.ctx.rng.as_ref(), INTERACTION_AAD, &json))
    }

    fn form_fields(
        &self,
        req: &AuthorizeRequest,
        step: Step,
        consent_for: Option<(&Session, bool)>,
    ) -> (String, String, Option<HeaderValue>) {
        let interaction = self.seal(req, step, consent_for);
        let (token, set) = csrf_for(self.state, self.headers, &interaction);
        (interaction, token, set)
    }

    /// A form page of the interaction; its answer may redirect to the client's `redirect_uri`.
    fn page(
        &self,
        name: &str,
        req: &AuthorizeRequest,
        mut ctx: serde_json::Value,
        set_csrf: Option<HeaderValue>,
        status: StatusCode,
    ) -> Response {
        ctx["tenant_display"] = json!(self.view.tenant.display_name);
        let html = self
            .state
            .pages
            .render(&self.state.messages, self.locale, name, ctx)
            .unwrap_or_else(|e| format!("template error: {e}"));
        let mut res = page_response(status, html, self.locale, None, form_target(&req.redirect_uri).as_deref());
        if let Some(c) = set_csrf {
            res.headers_mut().append(header::SET_COOKIE, c);
        }
        res
    }

    fn app_name(&self, client_id: &str) -> String {
        self.view.client(client_id).map(|c| c.name.clone()).unwrap_or_else(|| client_id.to_string())
    }

    fn signin_page(&self, req: &AuthorizeRequest, username: &str, error: Option<String>) -> Response {
        let (interaction, csrf_token, set) = self.form_fields(req, Step::Signin, None);
        let m = &self.state.messages;
        let ctx = json!({
            "action": format!("/{}/login", self.view.tenant.id),
            "heading": m.get(self.locale, "ui-signin-heading", &[("app", self.app_name(&req.client_id))]),
            "tenant_line": m.get(self.locale, "ui-signin-tenant", &[("tenant", self.view.tenant.display_name.clone())]),
            "username": username, "error": error, "interaction": interaction, "csrf_token": csrf_token,
        });
        self.page("signin.html", req, ctx, set, StatusCode::OK)
    }

    fn consent_page(&self, req: &AuthorizeRequest, username: &str, session: &Session, fresh: bool) -> Response {
        let (interaction, csrf_token, set) = self.form_fields(req, Step::Consent, Some((session, fresh)));
        let m = &self.state.messages;
        let items: Vec<String> = authorize::consent_items(&req.scope)
            .iter()
            .map(|s| match s.rsplit_once('/') {
                Some((api, scope)) => m.get(
                    self.locale,
                    "ui-consent-scope-api",
                    &[("api", api.to_string()), ("scope", scope.to_string())],
                ),
                None => m.get(self.locale, &format!("ui-consent-scope-{s}"), &[]),
            })
            .collect();
        let ctx = json!({
            "action": format!("/{}/consent", self.view.tenant.id),
            "heading": m.get(self.locale, "ui-consent-heading", &[("app", self.app_name(&req.client_id))]),
            "signed_in_as": m.get(self.locale, "ui-consent-signed-in-as", &[("user", username.to_string())]),
            "items": items, "interaction": interaction, "csrf_token": csrf_token,
        });
        self.page("consent.html", req, ctx, set, StatusCode::OK)
    }
}

fn csrf_token(state: &AppState, cookie_value: &str, bound_to: &str) -> String {
    let mut data = cookie_value.as_bytes().to_vec();
    data.push(b'|');
    data.extend_from_slice(bound_to.as_bytes());
    b64url(&state.ctx.master.csrf_mac(&data))
}

/// The anti-forgery token for a form bound to `bound_to` (the sealed interaction, or what a form
/// without one is for), and the CSRF cookie to set when the browser has none yet.
pub(crate) fn csrf_for(state: &AppState, headers: &HeaderMap, bound_to: &str) -> (String, Option<HeaderValue>) {
    let name = cookie_name(state, CSRF_COOKIE);
    let (cookie_value, set) = match cookie(headers, &name) {
        Some(c) if c.len() >= 32 => (c.to_string(), None),
        _ => {
            let c = sigil_core::rng::token_256(state.ctx.rng.as_ref());
            let h = set_cookie(state, &name, &c, None);
            (c, Some(h))
        }
    };
    (csrf_token(state, &cookie_value, bound_to), set)
}

/// Checks a posted anti-forgery token against the CSRF cookie and what the form is bound to.
pub(crate) fn check_csrf(state: &AppState, headers: &HeaderMap, bound_to: &str, given: &str) -> Result<(), SigilError> {
    let cookie_value = cookie(headers, &cookie_name(state, CSRF_COOKIE)).unwrap_or("");
    let expected = csrf_token(state, cookie_value, bound_to);
    if cookie_value.is_empty() || !ct_eq(expected.as_bytes(), given.as_bytes()) {
        return Err(SigilError::new(
            catalog::INVALID_CSRF_TOKEN,
            "anti-forgery token missing or does not match the cookie",
        ));
    }
    Ok(())
}

/// Checks the anti-forgery token and opens the sealed interaction of a sign-in or consent form.
fn open_form(
    state: &AppState,
    view: &TenantView,
    headers: &HeaderMap,
    params: &Params,
    step: Step,
) -> Result<Interaction, SigilError> {
    let interaction = params.get("interaction").unwrap_or("");
    check_csrf(state, headers, interaction, params.get("csrf_token").unwrap_or(""))?;
    let expired = || SigilError::new(catalog::INTERACTION_EXPIRED, "sign-in form expired or was altered");
    let sealed = b64url_decode(interaction).ok_or_else(expired)?;
    let json = state.ctx.master.open(INTERACTION_AAD, &sealed).map_err(|_| expired())?;
    let i: Interaction = serde_json::from_slice(&json).map_err(|_| expired())?;
    if i.tenant != view.tenant.id || i.exp <= state.ctx.clock.now() {
        return Err(expired());
    }
    if i.step != step {
        return Err(SigilError::new(
            catalog::INTERACTION_MISMATCH,
            format!("a {:?} form was posted to the {step:?} step", i.step),
        ));
    }
    Ok(i)
}

/// What both form handlers start from: the tenant, the form, the opened interaction.
struct FormPost {
    view: Arc<TenantView>,
    params: Params,
    req: AuthorizeRequest,
    /// The opened interaction's consent binding: (`sid`, fresh).
    bound_to: (Option<String>, bool),
    locale: &'static str,
    record: SigninRecord,
}

/// Reads a sign-in or consent form; any failure is already the error page to answer with.
fn open_post(
    state: &AppState,
    tenant: &str,
    meta: &RequestMeta,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    flow: &str,
    step: Step,
) -> Result<FormPost, Box<Response>> {
    let params = super::body(body).and_then(|b| form::parse_form(headers, &b));
    let view = super::tenant(state, tenant);
    let mut record = record(meta, tenant, flow);
    let locale = locale_for(meta, None, view.as_ref().ok().map(|v| v.as_ref()));
    let (view, params) = match (view, params) {
        (Ok(v), Ok(p)) => (v, p),
        (Err(e), _) | (_, Err(e)) => return Err(Box::new(error_page(state, meta, locale, &e, &mut record))),
    };
    record.tenant = view.tenant.name.clone();
    let Interaction { req, sid, fresh, .. } = open_form(state, &view, headers, &params, step)
        .map_err(|e| error_page(state, meta, locale, &e, &mut record))?;
    let locale = locale_for(meta, req.ui_locales.as_deref(), Some(&view));
    record.client_id = Some(req.client_id.clone());
    Ok(FormPost { view, params, req, bound_to: (sid, fresh), locale, record })
}

/// `POST /{tenant}/login`: the sign-in form. Wrong credentials show the form again, never a code.
pub async fn login(
    State(state): State<Arc<AppState>>,
    Path(tenant): Path<String>,
    Extension(meta): Extension<RequestMeta>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let FormPost { view, params, req, locale, mut record, .. } =
        match open_post(&state, &tenant, &meta, &headers, body, "signin", Step::Signin) {
            Ok(f) => f,
            Err(page) => return *page,
        };
    let username = params.get("username").unwrap_or("").trim().to_string();
    let password = params.get("password").unwrap_or("");
    record.user = Some(username.clone());
    let flow = Flow { state: &state, meta: &meta, view: view.clone(), locale, headers: &headers };
    match check_credentials(&state.ctx, view.tenant.id, &username, password, &meta.source).await {
        Ok(user) => {
            let now = state.ctx.clock.now();
            let token = sigil_core::rng::token_256(state.ctx.rng.as_ref());
            let session = Session {
                hash: token_hash(&token),
                tenant_id: view.tenant.id,
                user_id: user.id,
                auth_time: now,
                expires_at: now + state.ctx.tokens.session_lifetime,
            };
            if let Err(e) = state.ctx.store.create_session(&session).await {
                return error_page(&state, &meta, locale, &e.into(), &mut record);
            }
            let mut res = flow.proceed(req, Some(session), true, false, &mut record).await;
            res.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(
                    &state,
                    &session_cookie_name(&state, &view),
                    &token,
                    Some(state.ctx.tokens.session_lifetime),
                ),
            );
            res
        }
        Err(e) if e.entry.error == "invalid_grant" => {
            super::token::fill_error(&mut record, &e);
            finish(&state, &meta, record);
            let key = match e.entry.code {
                50053 => "ui-signin-locked",
                50057 => "ui-signin-disabled",
                _ => "ui-signin-failed",
            };
            // The lock lasts at most the configured duration: say how long, in whole minutes.
            let minutes = ((state.ctx.lockout.duration + 59) / 60).max(1).to_string();
            let text = state.messages.get(locale, key, &[("minutes", minutes)]);
            let mut res = flow.signin_page(&req, &username, Some(text));
            res.extensions_mut().insert(CatalogCode(e.public_entry().code));
            res
        }
        Err(e) => error_page(&state, &meta, locale, &e, &mut record),
    }
}

/// `POST /{tenant}/consent`: accept remembers the consent and issues the code; deny is access_denied.
pub async fn consent(
    State(state): State<Arc<AppState>>,
    Path(tenant): Path<String>,
    Extension(meta): Extension<RequestMeta>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let FormPost { view, params, req, bound_to: (bound_sid, fresh), locale, mut record } =
        match open_post(&state, &tenant, &meta, &headers, body, "consent", Step::Consent) {
            Ok(f) => f,
            Err(page) => return *page,
        };
    let flow = Flow { state: &state, meta: &meta, view: view.clone(), locale, headers: &headers };
    let session = match current_session(&state, &view, &headers).await {
        Ok(Some(s)) => s,
        Ok(None) => return flow.signin_page(&req, "", None),
        Err(e) => return error_page(&state, &meta, locale, &e, &mut record),
    };
    // The consent form answers for the session it was shown to, and counts as a fresh sign-in
    // only when that session came from this interaction's own sign-in form.
    if bound_sid.as_deref() != Some(sid(&session.hash).as_str()) {
        let e = SigilError::new(catalog::INTERACTION_MISMATCH, "consent form shown to another session");
        return error_page(&state, &meta, locale, &e, &mut record);
    }
    record.client_id = Some(req.client_id.clone());
    match params.get("decision") {
        Some("accept") => {
            let items = authorize::consent_items(&req.scope);
            let now = state.ctx.clock.now();
            if let Err(e) =
                state.ctx.store.put_consent(view.tenant.id, session.user_id, &req.client_id, &items, now).await
            {
                return flow.back(&req, e.into(), &mut record);
            }
            flow.proceed(req, Some(session), fresh, true, &mut record).await
        }
        _ => flow.back(&req, SigilError::new(catalog::CONSENT_DECLINED, "user declined consent"), &mut record),
    }
}
