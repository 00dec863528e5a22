//! `POST /{tenant}/kmsi`: the "Stay signed in?" step (issue 21; Entra's KMSI). Yes makes the
//! session persistent (`session.persistent_lifetime`, a cookie with Max-Age), no keeps it a
//! browser session (`session.lifetime`, a cookie without Max-Age); the answer is kept on the
//! session so it is asked once, then the engine decides the next step.
use axum::http::header;
use axum::response::Response;
use sigil_core::interaction::{FormStep, session};

use super::interaction::{Flow, FormPost, error_page, open_post, refuse_form, with_header};
use crate::cookies;
use crate::request::{Opening, ParamsFrom, Refused, TenantRequest};

/// The "Stay signed in?" form's opening: a form body; refusals are the error page, recorded.
pub struct StaySignedInForm;

impl Opening for StaySignedInForm {
    const PARAMS: ParamsFrom = ParamsFrom::Form;

    fn refuse(r: Refused<'_>) -> Response {
        refuse_form(r, "kmsi")
    }
}

pub async fn kmsi(req: TenantRequest<StaySignedInForm>) -> Response {
    let FormPost { sealed, locale, mut record } = match open_post(&req, "kmsi", FormStep::StaySignedIn) {
        Ok(f) => f,
        Err(page) => return *page,
    };
    let TenantRequest { state, meta, view, params, headers, .. } = &req;
    let flow = Flow { state, meta, view: view.clone(), locale, headers };
    let token = cookies::get(headers, &cookies::session_cookie_name(state, view));
    let current = match session::current(&state.ctx, view.tenant.id, token.as_deref()).await {
        Ok(Some(s)) => s,
        Ok(None) => return flow.signin_page(&sealed.pending, "", None),
        Err(e) => return error_page(state, meta, locale, &e, &mut record),
    };
    if let Err(e) = sealed.check_session(&current) {
        return error_page(state, meta, locale, &e, &mut record);
    }
    let yes = params.get("stay") == Some("yes");
    record.reason = format!("stay signed in: {}", if yes { "yes" } else { "no" });
    match session::stay_signed_in(&state.ctx, &view.tenant.session, current, yes).await {
        Ok(Some(s)) => {
            let cookie = cookies::session_cookie(state, view, token.as_deref().unwrap_or_default(), &s);
            let res = flow.proceed(sealed.pending, Some(s), sealed.fresh, false, &mut record).await;
            with_header(res, header::SET_COOKIE, cookie)
        }
        Ok(None) => flow.signin_page(&sealed.pending, "", None),
        Err(e) => error_page(state, meta, locale, &e, &mut record),
    }
}
