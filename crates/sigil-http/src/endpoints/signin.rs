//! `POST /{tenant}/login`: the password step of the sign-in interaction. Wrong credentials show
//! the form again, never a code; success starts a session and asks the engine for the next step.
//! The same form's other buttons: `switch_lang` (the page in another language) and `cancel`
//! ("back to the application", `access_denied`).
use axum::http::header;
use axum::response::Response;
use sigil_core::interaction::{FormStep, session};
use sigil_core::signin::check_credentials;

use super::interaction::{Flow, FormPost, error_page, open_post, refuse_form, with_header};
use crate::cookies;
use crate::meta::CatalogCode;
use crate::request::{self, Opening, ParamsFrom, RateLimited, Refused, TenantRequest};

/// The sign-in form's opening: a form body; refusals are the error page, recorded.
pub struct Login;

impl Opening for Login {
    const PARAMS: ParamsFrom = ParamsFrom::Form;
    const RATE_LIMITED: RateLimited = RateLimited::Source;

    fn refuse(r: Refused<'_>) -> Response {
        refuse_form(r, "signin")
    }
}

pub async fn login(req: TenantRequest<Login>) -> Response {
    let FormPost { sealed, locale, mut record } = match open_post(&req, "signin", FormStep::Signin) {
        Ok(f) => f,
        Err(page) => return *page,
    };
    let TenantRequest { state, meta, view, params, headers, .. } = &req;
    let username = params.get("username").unwrap_or("").trim().to_string();
    // The language switcher: the same page again in the chosen language, the request kept.
    if let Some(lang) = params.get("switch_lang") {
        let mut pending = sealed.pending;
        pending.choose_locale(lang);
        let locale = request::locale(meta, pending.ui_locales(), Some(view));
        return Flow { state, meta, view: view.clone(), locale, headers }.signin_page(&pending, &username, None);
    }
    let password = params.get("password").unwrap_or("");
    record.user = Some(username.clone());
    let flow = Flow { state, meta, view: view.clone(), locale, headers };
    if params.get("cancel").is_some() {
        return flow.cancel(&sealed.pending, &mut record);
    }
    match check_credentials(&state.ctx, view.tenant.id, &username, password, &meta.source).await {
        Ok(user) => {
            let policy = &view.tenant.session;
            let (token, session) = match session::start(&state.ctx, view.tenant.id, policy, user.id).await {
                Ok(s) => s,
                Err(e) => return error_page(state, meta, locale, &e, &mut record),
            };
            let cookie = cookies::session_cookie(state, view, &token, &session);
            super::account::note_use(state, meta, &session).await;
            let res = flow.proceed(sealed.pending, Some(session), true, false, &mut record).await;
            with_header(res, header::SET_COOKIE, cookie)
        }
        Err(e) if e.entry.error == "invalid_grant" => {
            request::fill_error(&mut record, &e);
            request::finish(state, meta, record);
            let key = match e.entry.code {
                50053 => "ui-signin-locked",
                50057 => "ui-signin-disabled",
                _ => "ui-signin-failed",
            };
            // The lock lasts at most the configured duration: say how long, in whole minutes.
            let minutes = ((state.ctx.lockout.duration + 59) / 60).max(1).to_string();
            let text = state.messages.get(locale, key, &[("minutes", minutes)]);
            let mut res = flow.signin_page(&sealed.pending, &username, Some(text));
            res.extensions_mut().insert(CatalogCode(e.public_entry().code));
            res
        }
        Err(e) => error_page(state, meta, locale, &e, &mut record),
    }
}
