//! What the authorization endpoint and its forms share: rendering a step of the interaction
//! (`sigil_core::interaction` decides which) and reading a posted form. No decisions here.
use std::sync::Arc;

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use serde_json::json;
use sigil_core::authorize::AuthorizeRequest;
use sigil_core::directory::TenantView;
use sigil_core::error::SigilError;
use sigil_core::factor::unfamiliar::{self, Signals};
use sigil_core::factor::{passkey, totp};
use sigil_core::interaction::engine::{self, Factor, SignInReason};
use sigil_core::interaction::sealed::FormAnswer;
use sigil_core::interaction::{FormStep, PendingRequest, Sealed, Step};
use sigil_core::model::{AuthenticatorKind, Session, User};
use sigil_core::signin_log::SigninRecord;

use crate::errors::{self, ClientRedirect};
use crate::meta::RequestMeta;
use crate::pages::{self, form_target, page_response};
use crate::request::{self, Opening, Refused, TenantRequest};
use crate::{AppState, cookies};

/// An error shown as a page, recorded in the sign-in log.
pub(super) fn error_page(
    state: &AppState,
    meta: &RequestMeta,
    locale: &str,
    err: &SigilError,
    record: &mut SigninRecord,
) -> Response {
    request::fill_error(record, err);
    request::finish(state, meta, record.clone());
    errors::page(state, meta, locale, err)
}

/// The answer to a request refused before its handler (unknown tenant, unreadable parameters):
/// the error page, recorded on the tenant as the client wrote it.
pub(super) fn refused_page(r: &Refused<'_>, flow: &str, locale: &str) -> Response {
    let mut record = request::signin_record(r.meta, r.tenant_name, flow.into());
    error_page(r.state, r.meta, locale, &r.error, &mut record)
}

/// One request's view of the interaction: renders the step the engine decides.
pub(super) struct Flow<'a> {
    pub state: &'a AppState,
    pub meta: &'a RequestMeta,
    pub view: Arc<TenantView>,
    pub locale: &'static str,
    pub headers: &'a HeaderMap,
}

impl Flow<'_> {
    /// Where an authorization request's answer goes; a device authorization has no redirect.
    fn client_redirect<'r>(&self, p: &'r PendingRequest) -> Option<ClientRedirect<'r>> {
        let PendingRequest::Authorize(req) = p else { return None };
        Some(self.redirect_of(req))
    }

    fn redirect_of<'r>(&self, req: &'r AuthorizeRequest) -> ClientRedirect<'r> {
        ClientRedirect {
            redirect_uri: &req.redirect_uri,
            mode: req.response_mode,
            state: req.state.as_deref(),
            issuer: self.state.ctx.issuer(&self.view),
        }
    }

    /// An error sent back to the client, or shown as a page when there is no client to send it to
    /// (device authorization); recorded in the sign-in log.
    pub fn back(&self, p: &PendingRequest, err: SigilError, record: &mut SigninRecord) -> Response {
        request::fill_error(record, &err);
        request::finish(self.state, self.meta, record.clone());
        match self.client_redirect(p) {
            Some(to) => errors::redirect(self.state, self.meta, self.locale, to, &err),
            None => errors::page(self.state, self.meta, self.locale, &err),
        }
    }

    /// RFC 9700 §4.18: an error met before the user acted (the engine's `prompt=none` refusals, a
    /// failed decision) goes back to the client only when its redirect URIs are trusted; for a
    /// self-registered client it is a page, so the endpoint cannot bounce a browser to any site.
    fn back_unattended(&self, p: &PendingRequest, err: SigilError, record: &mut SigninRecord) -> Response {
        match p {
            PendingRequest::Authorize(req) if req.untrusted_redirect => {
                error_page(self.state, self.meta, self.locale, &err, record)
            }
            _ => self.back(p, err, record),
        }
    }

    /// After validation and after each form: asks the engine for the next step and renders it.
    pub async fn proceed(
        &self,
        p: PendingRequest,
        session: Option<Session>,
        fresh_signin: bool,
        just_consented: bool,
        record: &mut SigninRecord,
    ) -> Response {
        record.client_id = Some(p.client_id().to_string());
        let tenant = self.view.tenant.id;
        let signals = self.signals();
        let ctx = &self.state.ctx;
        let outcome = match engine::decide(ctx, tenant, &p, session, fresh_signin, just_consented, &signals).await {
            Ok(o) => o,
            Err(e) => return self.back_unattended(&p, e, record),
        };
        if let Some(u) = outcome.user.as_ref().filter(|u| u.enabled) {
            record.user = Some(u.username.clone());
        }
        record.signals = outcome.familiarity.as_ref().map(|f| f.describe());
        let signed_in = outcome.session.as_ref().zip(outcome.user.as_ref());
        match (outcome.step, signed_in) {
            (Step::Error(e), _) => self.back_unattended(&p, e, record),
            (Step::SignIn { login_hint, reason, .. }, _) => {
                if reason == SignInReason::Required {
                    record.reason = "sign-in page shown".into();
                    request::finish(self.state, self.meta, record.clone());
                }
                self.signin_page(&p, login_hint.as_deref().unwrap_or(""), None)
            }
            (Step::FurtherFactor { factor }, Some((session, user))) => {
                let why = outcome.mfa.as_ref().map(|m| m.reason.describe()).unwrap_or_default();
                record.reason = format!("second factor asked: {why}");
                request::finish(self.state, self.meta, record.clone());
                match factor {
                    Factor::Totp => self.totp_page(&p, user, session, outcome.fresh_signin, None),
                    Factor::Passkey => self.passkey_page(&p, user, session, outcome.fresh_signin, None).await,
                }
            }
            (Step::EnrollFactor { factor }, Some((session, user))) => {
                let why = outcome.mfa.as_ref().map(|m| m.reason.describe()).unwrap_or_default();
                record.reason = format!("second factor enrollment asked: {why}");
                request::finish(self.state, self.meta, record.clone());
                match factor {
                    // Passkeys are added on the account page; enrollment at sign-in is TOTP.
                    Factor::Totp | Factor::Passkey => {
                        self.enroll_page(&p, user, session, outcome.fresh_signin, None, None)
                    }
                }
            }
            (Step::StaySignedIn, Some((session, _))) => {
                record.reason = "stay signed in page shown".into();
                request::finish(self.state, self.meta, record.clone());
                self.stay_signed_in_page(&p, session)
            }
            (Step::Consent { items }, Some((session, user))) => {
                record.reason = "consent page shown".into();
                request::finish(self.state, self.meta, record.clone());
                self.consent_page(&p, user, session, outcome.fresh_signin, &items)
            }
            (Step::Complete, Some((session, user))) => {
                // A sign-in this interaction made, with every factor its policy asked for: its
                // device and network are known from now on (factor::unfamiliar).
                let new_device = if outcome.fresh_signin {
                    match unfamiliar::remember(ctx, tenant, user.id, &signals).await {
                        Ok(d) => d,
                        Err(e) => return self.back(&p, e, record),
                    }
                } else {
                    None
                };
                let res = self.complete(&p, user, session, record).await;
                match new_device {
                    Some(d) => with_header(res, header::SET_COOKIE, cookies::set_device_cookie(self.state, &d)),
                    None => res,
                }
            }
            // The engine decides these steps only with a session and its user.
            (
                Step::Consent { .. }
                | Step::Complete
                | Step::FurtherFactor { .. }
                | Step::EnrollFactor { .. }
                | Step::StaySignedIn,
                None,
            ) => self.signin_page(&p, "", None),
        }
    }

    /// The browser's device cookie and the network of the request's source address.
    fn signals(&self) -> Signals {
        Signals::new(cookies::device_cookie(self.state, self.headers), &self.meta.source)
    }

    /// Entra's "Stay signed in?" after an interactive sign-in.
    fn stay_signed_in_page(&self, p: &PendingRequest, session: &Session) -> Response {
        let now = self.state.ctx.clock.now();
        let sealed = Sealed::factor(self.view.tenant.id, now, p, session, true, FormStep::StaySignedIn);
        let m = &self.state.messages;
        let ctx = json!({
            "action": format!("/{}/kmsi", self.view.tenant.id),
            "tenant_line": m.get(self.locale, "ui-signin-tenant", &[("tenant", self.view.tenant.display_name.clone())]),
        });
        self.page("kmsi.html", p, &sealed, ctx)
    }

    /// The `Complete` step: for an authorization request, the code to the redirect URI; for a
    /// device authorization, the device code approved and "return to your device".
    async fn complete(
        &self,
        p: &PendingRequest,
        user: &User,
        session: &Session,
        record: &mut SigninRecord,
    ) -> Response {
        let tenant = self.view.tenant.id;
        let req = match p {
            PendingRequest::Authorize(req) => req,
            // The account page (issue 21): back to it, now signed in.
            PendingRequest::Account(a) => {
                record.reason = "signed in to the account page".into();
                request::finish(self.state, self.meta, record.clone());
                return super::account::see_other(&a.return_to);
            }
            PendingRequest::DeviceAuthorization(d) => {
                return match engine::approve_device(&self.state.ctx, tenant, d, user, session).await {
                    Ok(()) => {
                        record.reason = format!("device code approved for '{}'", d.scope);
                        request::finish(self.state, self.meta, record.clone());
                        self.message_page("ui-device-done-title", "ui-device-done-body")
                    }
                    Err(e) => self.back(p, e, record),
                };
            }
        };
        super::account::note_use(self.state, self.meta, session).await;
        match engine::issue_code(&self.state.ctx, tenant, req, user, session).await {
            Ok(code) => {
                record.reason = format!("code issued for '{}'", req.scope);
                request::finish(self.state, self.meta, record.clone());
                errors::to_client(self.state, self.redirect_of(req), vec![("code", code)])
            }
            Err(e) => self.back(p, e, record),
        }
    }

    /// A page with a title and a line, in the interaction's language.
    fn message_page(&self, title: &str, body: &str) -> Response {
        let m = &self.state.messages;
        let ctx = json!({
            "title": m.get(self.locale, title, &[]), "body": m.get(self.locale, body, &[]),
            "brand": pages::brand(&self.view, self.locale),
        });
        let html = self.state.pages.render(m, self.locale, "message.html", ctx).unwrap_or_default();
        let mut res = crate::pages::html_response(StatusCode::OK, html, self.locale, None);
        pages::allow_image_origin(&mut res, &self.view);
        res
    }

    /// A form page of the interaction; its answer may redirect to the client's `redirect_uri`.
    /// Every form page carries the tenant's brand and the language switcher (a form that posts the
    /// interaction back with `switch_lang`, so the request is kept); `script` loads the
    /// show-password toggle under a per-response nonce.
    fn page(&self, name: &str, p: &PendingRequest, sealed: &Sealed, mut ctx: serde_json::Value) -> Response {
        let interaction = sealed.seal(&self.state.ctx.master, self.state.ctx.rng.as_ref());
        let (csrf_token, set_csrf) = cookies::csrf_for(self.state, self.headers, &interaction);
        ctx["interaction"] = json!(interaction);
        ctx["csrf_token"] = json!(csrf_token);
        ctx["brand"] = pages::brand(&self.view, self.locale);
        ctx["switch_langs"] = json!(pages::language_choices(self.locale));
        ctx["tenant_display"] = json!(self.view.tenant.display_name);
        // The sign-in page's show-password toggle and any passkey ceremony (/assets/passkey.js)
        // load under a per-response nonce; every other page runs no script.
        let nonce = (name == "signin.html" || ctx.get("passkey_options").is_some())
            .then(|| sigil_core::rng::token_256(self.state.ctx.rng.as_ref()));
        ctx["script_nonce"] = json!(nonce.as_deref());
        let html = self
            .state
            .pages
            .render(&self.state.messages, self.locale, name, ctx)
            .unwrap_or_else(|e| format!("template error: {e}"));
        let target = p.redirect_uri().and_then(form_target);
        let mut res = page_response(StatusCode::OK, html, self.locale, nonce.as_deref(), target.as_deref());
        pages::allow_image_origin(&mut res, &self.view);
        if let Some(c) = set_csrf {
            res.headers_mut().append(header::SET_COOKIE, c);
        }
        res
    }

    fn app_name(&self, client_id: &str) -> String {
        self.view.client(client_id).map(|c| c.name.clone()).unwrap_or_else(|| client_id.to_string())
    }

    pub fn signin_page(&self, p: &PendingRequest, username: &str, error: Option<String>) -> Response {
        self.signin_page_with(p, username, error.map(|e| (e, None)))
    }

    /// The sign-in page, with a refusal (and its catalog code) above the forms. Besides the
    /// password form it runs a discoverable passkey ceremony (W3C WebAuthn §5.1.4, conditional
    /// mediation: the username field's autofill, and the "Sign in with a passkey" button).
    pub fn signin_page_with(
        &self,
        p: &PendingRequest,
        username: &str,
        error: Option<(String, Option<u32>)>,
    ) -> Response {
        let mut sealed = Sealed::signin(self.view.tenant.id, self.state.ctx.clock.now(), p);
        let m = &self.state.messages;
        let app = self.app_name(p.client_id());
        // "Back to the application" only where the redirect URI is the operator's (RFC 9700 §4.18).
        let back = p.can_return_to_client().then(|| m.get(self.locale, "ui-back-to-app", &[("app", app.clone())]));
        let mut ctx = json!({
            "action": format!("/{}/login", self.view.tenant.id),
            "heading": m.get(self.locale, "ui-signin-heading", &[("app", app)]),
            "tenant_line": m.get(self.locale, "ui-signin-tenant", &[("tenant", self.view.tenant.display_name.clone())]),
            "username": username, "error": error.as_ref().map(|e| &e.0), "error_code": error.as_ref().and_then(|e| e.1),
            "back": back,
        });
        match passkey::begin_discoverable(&self.state.ctx, &self.view) {
            Ok(b) => {
                sealed.passkey = Some(b.ceremony);
                ctx["passkey_options"] = json!(b.options);
                ctx["passkey_action"] = json!(format!("/{}/passkey", self.view.tenant.id));
            }
            // A misconfigured relying party leaves the password form working.
            Err(e) => tracing::debug!(reason = %e.reason, "passkeys unavailable on the sign-in page"),
        }
        self.page("signin.html", p, &sealed, ctx)
    }

    /// "Back to the application" on the sign-in page: RFC 6749 §4.1.2.1 `access_denied` to the
    /// client's redirect URI; for a client whose redirect URIs are not the operator's, the error
    /// page instead (the button is not shown to them, but a forged post gets no redirect).
    pub fn cancel(&self, p: &PendingRequest, record: &mut SigninRecord) -> Response {
        let err = SigilError::new(
            sigil_core::catalog::USER_CANCELLED_SIGNIN,
            "the user chose 'back to the application' on the sign-in page",
        );
        if p.can_return_to_client() {
            self.back(p, err, record)
        } else {
            error_page(self.state, self.meta, self.locale, &err, record)
        }
    }

    /// The passkey second-factor step (W3C WebAuthn §5.1.4 with the user's passkeys), with the
    /// TOTP form beside it when the user also has an authenticator app.
    pub async fn passkey_page(
        &self,
        p: &PendingRequest,
        user: &User,
        session: &Session,
        fresh: bool,
        error: Option<(String, u32)>,
    ) -> Response {
        let c = &self.state.ctx;
        let tenant = self.view.tenant.id;
        let (now, rng) = (c.clock.now(), c.rng.as_ref());
        let all = match c.store.authenticators(tenant, user.id).await {
            Ok(a) => a,
            Err(e) => return errors::page(self.state, self.meta, self.locale, &SigilError::from(e)),
        };
        let begun = match passkey::begin_second_factor(c, &self.view, &all) {
            Ok(b) => b,
            Err(e) => return errors::page(self.state, self.meta, self.locale, &e),
        };
        let mut sealed = Sealed::factor(tenant, now, p, session, fresh, FormStep::Passkey);
        sealed.passkey = Some(begun.ceremony);
        let m = &self.state.messages;
        let mut ctx = json!({
            "action": format!("/{tenant}/factor/passkey"),
            "passkey_options": begun.options,
            "heading": m.get(self.locale, "ui-passkey-mfa-heading", &[("user", user.username.clone())]),
            "tenant_line": m.get(self.locale, "ui-signin-tenant", &[("tenant", self.view.tenant.display_name.clone())]),
            "error": error.as_ref().map(|e| &e.0), "error_code": error.as_ref().map(|e| e.1),
        });
        // The TOTP alternative needs the CSRF cookie the sign-in form already set (one cookie,
        // two forms); without one, the passkey form alone sets it.
        let cookie = cookies::csrf_cookie(self.state, self.headers);
        if all.iter().any(|a| a.kind == AuthenticatorKind::Totp)
            && let Some(cookie) = sigil_core::interaction::sealed::usable_csrf_cookie(cookie.as_deref())
        {
            let totp = Sealed::factor(tenant, now, p, session, fresh, FormStep::Factor).seal(&c.master, rng);
            ctx["totp_csrf_token"] = json!(sigil_core::interaction::sealed::csrf_token(&c.master, cookie, &totp));
            ctx["totp_interaction"] = json!(totp);
            ctx["totp_action"] = json!(format!("/{tenant}/factor"));
        }
        self.page("passkey.html", p, &sealed, ctx)
    }

    /// The TOTP step (a recovery code is accepted in the same field).
    pub fn totp_page(
        &self,
        p: &PendingRequest,
        user: &User,
        session: &Session,
        fresh: bool,
        error: Option<(String, u32)>,
    ) -> Response {
        let now = self.state.ctx.clock.now();
        let sealed = Sealed::factor(self.view.tenant.id, now, p, session, fresh, FormStep::Factor);
        let m = &self.state.messages;
        let ctx = json!({
            "action": format!("/{}/factor", self.view.tenant.id),
            "heading": m.get(self.locale, "ui-mfa-heading", &[("user", display_name(user))]),
            "tenant_line": m.get(self.locale, "ui-signin-tenant", &[("tenant", self.view.tenant.display_name.clone())]),
            "error": error.as_ref().map(|e| &e.0), "error_code": error.as_ref().map(|e| e.1),
        });
        self.page("totp.html", p, &sealed, ctx)
    }

    /// TOTP enrollment: a new secret (or the one being confirmed, after a wrong code) shown as a
    /// QR code and as text, carried sealed in the form until a first code confirms it.
    pub fn enroll_page(
        &self,
        p: &PendingRequest,
        user: &User,
        session: &Session,
        fresh: bool,
        secret: Option<Vec<u8>>,
        error: Option<(String, u32)>,
    ) -> Response {
        let ctx_ = &self.state.ctx;
        let secret = secret.unwrap_or_else(|| totp::new_secret(ctx_.rng.as_ref()));
        let b32 = totp::base32(&secret);
        let mut sealed = Sealed::factor(self.view.tenant.id, ctx_.clock.now(), p, session, fresh, FormStep::Enroll);
        sealed.enroll_secret = Some(b32.clone());
        let uri = totp::otpauth_uri(&self.view.tenant.display_name, &user.username, &secret);
        let grouped: Vec<String> = b32.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
        let m = &self.state.messages;
        let ctx = json!({
            "action": format!("/{}/enroll", self.view.tenant.id),
            "qr": crate::qr::svg_data_uri(&uri),
            "secret_display": grouped.join(" "),
            "tenant_line": m.get(self.locale, "ui-signin-tenant", &[("tenant", self.view.tenant.display_name.clone())]),
            "error": error.as_ref().map(|e| &e.0), "error_code": error.as_ref().map(|e| e.1),
        });
        self.page("enroll.html", p, &sealed, ctx)
    }

    /// The recovery codes, shown once; the form continues the interaction.
    pub fn recovery_page(&self, p: &PendingRequest, session: &Session, fresh: bool, codes: &[String]) -> Response {
        let now = self.state.ctx.clock.now();
        let sealed = Sealed::factor(self.view.tenant.id, now, p, session, fresh, FormStep::EnrollDone);
        let ctx = json!({ "action": format!("/{}/enroll/done", self.view.tenant.id), "codes": codes });
        self.page("recovery.html", p, &sealed, ctx)
    }

    fn consent_page(
        &self,
        p: &PendingRequest,
        user: &User,
        session: &Session,
        fresh: bool,
        items: &[String],
    ) -> Response {
        let sealed = Sealed::consent(self.view.tenant.id, self.state.ctx.clock.now(), p, session, fresh);
        let m = &self.state.messages;
        let items: Vec<String> = items.iter().map(|s| self.describe_scope(s)).collect();
        let ctx = json!({
            "action": format!("/{}/consent", self.view.tenant.id),
            "heading": m.get(self.locale, "ui-consent-heading", &[("app", self.app_name(p.client_id()))]),
            "signed_in_as": m.get(self.locale, "ui-consent-signed-in-as", &[("user", display_name(user))]),
            "items": items,
        });
        self.page("consent.html", p, &sealed, ctx)
    }
}

/// The user as a person reads it: the display name, the username when there is none.
fn display_name(user: &User) -> String {
    if user.display_name.trim().is_empty() { user.username.clone() } else { user.display_name.clone() }
}

impl Flow<'_> {
    /// A permission on the consent page in the user's language: the well-known OIDC scopes (OIDC
    /// Core §5.4, §11) by Sigil's own strings; an API scope by the description its API registered
    /// (`scope_descriptions`), else by the API's name and the scope.
    fn describe_scope(&self, s: &str) -> String {
        let m = &self.state.messages;
        let Some((identifier, scope)) = s.rsplit_once('/') else {
            return m.get(self.locale, &format!("ui-consent-scope-{s}"), &[]);
        };
        let api = self.view.apis.get(identifier);
        let described = api
            .and_then(|a| a.scope_descriptions.get(scope))
            .and_then(|d| d.pick(self.locale, &self.view.tenant.default_locale));
        match described {
            Some(d) => d.to_string(),
            None => {
                let name = api.map_or(identifier, |a| a.name.as_str());
                m.get(self.locale, "ui-consent-scope-api", &[("api", name.to_string()), ("scope", scope.to_string())])
            }
        }
    }
}

/// A sign-in or consent form's opening: a form body; refusals are the error page, recorded.
pub(super) fn refuse_form(r: Refused<'_>, flow: &str) -> Response {
    // The forms' pages are in the tenant's language before the interaction is opened: a posted
    // `ui_locales` is not the request's (the sealed interaction carries that).
    refused_page(&r, flow, request::locale(r.meta, None, r.view))
}

/// An opened sign-in or consent form: the interaction it carries, the language of its pages and
/// its sign-in record.
pub(super) struct FormPost {
    pub sealed: Sealed,
    pub locale: &'static str,
    pub record: SigninRecord,
}

/// Opens the interaction a sign-in or consent form carries; any failure is already the error
/// page to answer with.
pub(super) fn open_post<K: Opening>(
    req: &TenantRequest<K>,
    flow: &str,
    step: FormStep,
) -> Result<FormPost, Box<Response>> {
    let TenantRequest { state, meta, view, params, headers, .. } = req;
    let mut record = req.record(flow.into());
    let locale = request::locale(meta, None, Some(view));
    let csrf_cookie = cookies::csrf_cookie(state, headers);
    let answer = FormAnswer {
        csrf_cookie: csrf_cookie.as_deref(),
        interaction: params.get("interaction").unwrap_or(""),
        csrf_token: params.get("csrf_token").unwrap_or(""),
    };
    let sealed = Sealed::open_form(&state.ctx.master, state.ctx.clock.now(), view.tenant.id, answer, step)
        .map_err(|e| error_page(state, meta, locale, &e, &mut record))?;
    let locale = request::locale(meta, sealed.pending.ui_locales(), Some(view));
    record.client_id = Some(sealed.pending.client_id().to_string());
    Ok(FormPost { sealed, locale, record })
}

/// Appends a header to a response.
pub(super) fn with_header(mut res: Response, name: header::HeaderName, value: HeaderValue) -> Response {
    res.headers_mut().append(name, value);
    res
}
