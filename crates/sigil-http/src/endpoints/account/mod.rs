//! `GET /{tenant}/account`: the self-service account page (issue 21, item 6), and what its forms
//! share. The page is a built-in first-party application of every tenant: without a session it
//! starts the interaction engine (`sigil_core::account::sign_in`), whose `Complete` returns here.
//! Its forms are one file each: `password.rs`, `totp.rs`, `sessions.rs`, `consents.rs`; each
//! carries an anti-forgery token bound to the CSRF cookie and to the session it was shown to.
pub mod consents;
pub mod password;
pub mod sessions;
pub mod totp;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use sigil_core::account::{self as core, SIGNIN_DAYS};
use sigil_core::error::SigilError;
use sigil_core::interaction::session;
use sigil_core::model::{Session, User};
use sigil_core::signin_log::SigninRecord;

use super::interaction::Flow;
use crate::meta::{CatalogCode, RequestMeta};
use crate::pages::page_response;
use crate::request::{self, Opening, ParamsFrom, Refused, TenantRequest};
use crate::{AppState, cookies, errors};

/// The page's opening: its query (`before`, `done`, `ui_locales`); refusals are the error page.
pub struct AccountPage;

impl Opening for AccountPage {
    const PARAMS: ParamsFrom = ParamsFrom::QueryOrForm;

    fn refuse(r: Refused<'_>) -> Response {
        errors::page(r.state, r.meta, r.locale(), &r.error)
    }
}

/// The forms' opening: a form body, counted against the source's rate limit (a form checks a
/// password); refusals are the error page.
pub struct AccountForm;

impl Opening for AccountForm {
    const PARAMS: ParamsFrom = ParamsFrom::Form;
    const RATE_LIMITED: request::RateLimited = request::RateLimited::Source;

    fn refuse(r: Refused<'_>) -> Response {
        errors::page(r.state, r.meta, r.locale(), &r.error)
    }
}

/// The browser's live session and its enabled user.
pub struct SignedIn {
    pub session: Session,
    pub user: User,
}

/// The signed-in user, or the answer that signs the browser in first and then comes back (the
/// interaction engine with the account page's pending request).
pub(super) async fn signed_in<K: Opening>(req: &TenantRequest<K>) -> Result<SignedIn, Box<Response>> {
    let TenantRequest { state, meta, view, headers, .. } = req;
    let locale = req.locale();
    let mut record = req.record("account".into());
    let session = match cookies::current_session(state, view, headers).await {
        Ok(s) => s,
        Err(e) => return Err(Box::new(super::interaction::error_page(state, meta, locale, &e, &mut record))),
    };
    let user = match &session {
        Some(s) => match state.ctx.store.user_by_id(view.tenant.id, s.user_id).await {
            Ok(u) => u.filter(|u| u.enabled),
            Err(e) => {
                let e = SigilError::from(e);
                return Err(Box::new(super::interaction::error_page(state, meta, locale, &e, &mut record)));
            }
        },
        None => None,
    };
    match (session, user) {
        (Some(session), Some(user)) => Ok(SignedIn { session, user }),
        (session, _) => {
            let flow = Flow { state, meta, view: view.clone(), locale, headers };
            let pending = core::sign_in(view.tenant.id);
            Err(Box::new(flow.proceed(pending, session, false, false, &mut record).await))
        }
    }
}

/// What the page's anti-forgery tokens are bound to: this tenant's account page, shown to this
/// session (a form shown to another session, or another browser's, is refused).
fn csrf_binding(tenant: uuid::Uuid, s: &Session) -> String {
    format!("account:{tenant}:{}", session::sid(&s.hash))
}

/// Checks a posted form's anti-forgery token.
fn check_csrf(req: &TenantRequest<AccountForm>, signed: &SignedIn) -> Result<(), SigilError> {
    let bound = csrf_binding(req.view.tenant.id, &signed.session);
    cookies::check_csrf(&req.state, &req.headers, &bound, req.params.get("csrf_token").unwrap_or(""))
}

/// Opens a posted form: the signed-in user (else the sign-in, as for the page), the change's
/// sign-in record, and the anti-forgery token checked (else the refusal, recorded).
pub(super) async fn open_form(req: &TenantRequest<AccountForm>) -> Result<(SignedIn, SigninRecord), Box<Response>> {
    let signed = signed_in(req).await?;
    let rec = record(req, &signed);
    match check_csrf(req, &signed) {
        Ok(()) => Ok((signed, rec)),
        Err(e) => Err(Box::new(refused(req, &signed, e, rec).await)),
    }
}

/// The sign-in record of an account change by the signed-in user.
fn record(req: &TenantRequest<AccountForm>, signed: &SignedIn) -> SigninRecord {
    let mut r = req.record("account".into());
    r.client_id = Some(core::ACCOUNT_CLIENT_ID.into());
    r.user = Some(signed.user.username.clone());
    r
}

/// A refused form: recorded, then the page again with the refusal and its code, or (a bad
/// anti-forgery token) the error page.
pub(super) async fn refused(
    req: &TenantRequest<AccountForm>,
    signed: &SignedIn,
    err: SigilError,
    mut record: SigninRecord,
) -> Response {
    if err.entry.code == sigil_core::catalog::INVALID_CSRF_TOKEN.code {
        return super::interaction::error_page(&req.state, &req.meta, req.locale(), &err, &mut record);
    }
    request::fill_error(&mut record, &err);
    request::finish(&req.state, &req.meta, record);
    render(req, signed, None, Some(&err), None).await
}

/// A change done: recorded, then back to the page (POST/redirect/GET) with a notice.
pub(super) fn done(
    req: &TenantRequest<AccountForm>,
    mut record: SigninRecord,
    reason: String,
    notice: &str,
) -> Response {
    record.reason = reason;
    request::finish(&req.state, &req.meta, record);
    let mut to = format!("{}?done={notice}", core::page_path(req.view.tenant.id));
    if let Some(l) = req.params.get("ui_locales").filter(|l| l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')) {
        to = format!("{to}&ui_locales={l}");
    }
    see_other(&to)
}

/// 303 See Other to a path of this server.
pub(super) fn see_other(path: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(path) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Notes that the session was used now (the sessions list's "last seen" and its browser); a
/// failure only loses that note.
pub(super) async fn note_use(state: &AppState, meta: &RequestMeta, s: &Session) {
    let ua = sigil_core::limits::bound_owned(meta.user_agent.clone(), sigil_core::limits::MAX_LOGGED_FIELD_BYTES);
    if let Err(e) = state.ctx.store.note_session_use(&s.hash, &ua, state.ctx.clock.now()).await {
        tracing::debug!(error = %e, "session use not noted");
    }
}

/// Notices a change can leave on the page, by the `done` value of its redirect.
const NOTICES: [&str; 6] = ["password", "password-others", "session", "sessions", "consent", "totp-removed"];

pub async fn page(req: TenantRequest<AccountPage>) -> Response {
    let signed = match signed_in(&req).await {
        Ok(s) => s,
        Err(res) => return *res,
    };
    note_use(&req.state, &req.meta, &signed.session).await;
    let before = req.params.get("before").and_then(|b| b.parse::<i64>().ok());
    let done = req.params.get("done").and_then(|d| NOTICES.iter().find(|n| **n == d)).copied();
    render(&req, &signed, done, None, before).await
}

/// A time as the page shows it (UTC, to the minute), and as `<time datetime>` reads it.
fn when(unix: i64) -> Value {
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    let t = time::OffsetDateTime::from_unix_timestamp(unix).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let iso = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    json!({"text": t.format(&fmt).unwrap_or_default(), "iso": t.format(&iso).unwrap_or_default()})
}

/// The page, with a notice (a change done) or a refusal (a change refused, with its code).
async fn render<K: Opening>(
    req: &TenantRequest<K>,
    signed: &SignedIn,
    done: Option<&str>,
    error: Option<&SigilError>,
    before: Option<i64>,
) -> Response {
    let TenantRequest { state, meta, view, headers, .. } = req;
    let locale = req.locale();
    let (ctx_, tenant, user) = (&state.ctx, view.tenant.id, &signed.user);
    let m = &state.messages;
    let loaded = async {
        let factors = ctx_.store.authenticators(tenant, user.id).await?;
        let codes_left = ctx_.store.recovery_codes_left(tenant, user.id).await?;
        let sessions = ctx_.store.account_sessions(tenant, user.id, ctx_.clock.now()).await?;
        let consents = ctx_.store.account_consents(tenant, user.id).await?;
        let signins = core::recent_signins(ctx_, &view.tenant.name, user, before).await?;
        Ok::<_, SigilError>((factors, codes_left, sessions, consents, signins))
    }
    .await;
    let (factors, codes_left, sessions, consents, signins) = match loaded {
        Ok(l) => l,
        Err(e) => return errors::page(state, meta, locale, &e),
    };
    let app = |client_id: &str| match view.client(client_id) {
        Some(c) => c.name.clone(),
        None if client_id == core::ACCOUNT_CLIENT_ID => m.get(locale, "ui-account-app", &[]),
        None => client_id.to_string(),
    };
    let current = session::sid(&signed.session.hash);
    let totp = factors.iter().find(|a| a.kind == sigil_core::model::AuthenticatorKind::Totp);
    let help = |code: u32| crate::errors::error_uri(state, code, locale);
    let next_before = signins.next_before;
    let signins: Vec<Value> = signins
        .records
        .iter()
        .map(|r| {
            json!({
                "when": when(r.time_millis.div_euclid(1000)),
                "app": r.client_id.as_deref().map(app).unwrap_or_default(),
                "place": core::place(&r.source),
                "device": core::device(&r.user_agent),
                "ok": r.code == 0,
                "code": r.code,
                "help": help(r.code),
            })
        })
        .collect();
    let sessions: Vec<Value> = sessions
        .iter()
        .map(|s| {
            let sid = session::sid(&s.session.hash);
            json!({
                "sid": sid,
                "current": sid == current,
                "device": s.user_agent.as_deref().map(core::device).unwrap_or_default(),
                "created": when(s.session.auth_time),
                "last_seen": s.last_seen_at.map(when),
            })
        })
        .collect();
    let consents: Vec<Value> = consents
        .iter()
        .map(|c| {
            let scopes: Vec<String> = c.scopes.iter().map(|s| scope_label(state, locale, s)).collect();
            json!({"client_id": c.client_id, "app": app(&c.client_id), "scopes": scopes, "granted": when(c.granted_at)})
        })
        .collect();
    let (csrf_token, set_csrf) = cookies::csrf_for(state, headers, &csrf_binding(tenant, &signed.session));
    let base = core::page_path(tenant);
    let lang_q = req.params.get("ui_locales").map(|_| format!("&ui_locales={locale}")).unwrap_or_default();
    let ctx = json!({
        "tenant_display": view.tenant.display_name,
        "wide": true,
        "base": base,
        "heading": m.get(locale, "ui-account-heading", &[("user", user.display_name.clone())]),
        "username": user.username,
        "csrf_token": csrf_token,
        "ui_locales": req.params.get("ui_locales").map(|_| locale),
        "notice": done.map(|d| m.get(locale, &format!("ui-account-done-{d}"), &[])),
        "reauthenticated": req.params.contains("reauthenticated"),
        "error": error.map(|e| json!({
            "text": m.get(locale, &e.public_entry().key("description"), &e.args),
            "code": e.public_entry().code, "help": help(e.public_entry().code),
        })),
        "totp": totp.map(|a| json!({"created": when(a.created_at), "last_used": a.last_used_at.map(when)})),
        "codes_left": codes_left,
        "passkeys": format!("{base}/passkeys"),
        "signins": signins,
        "signins_days": SIGNIN_DAYS,
        "older": next_before.map(|b| format!("{base}?before={b}{lang_q}#signins")),
        "newer": before.map(|_| format!("{base}?{}#signins", lang_q.trim_start_matches('&'))),
        "sessions": sessions,
        "consents": consents,
    });
    let html = state.pages.render(m, locale, "account.html", ctx).unwrap_or_else(|e| format!("template error: {e}"));
    let status =
        error.map_or(StatusCode::OK, |e| StatusCode::from_u16(e.entry.status).unwrap_or(StatusCode::BAD_REQUEST));
    let mut res = page_response(status, html, locale, None, None);
    if let Some(c) = set_csrf {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    if let Some(e) = error {
        res.extensions_mut().insert(CatalogCode(e.public_entry().code));
    }
    res
}

/// A scope as the consent page shows it.
fn scope_label(state: &AppState, locale: &str, scope: &str) -> String {
    let m = &state.messages;
    match scope.rsplit_once('/') {
        Some((api, s)) => m.get(locale, "ui-consent-scope-api", &[("api", api.into()), ("scope", s.into())]),
        None => m.get(locale, &format!("ui-consent-scope-{scope}"), &[]),
    }
}
