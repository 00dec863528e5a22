//! `POST /{tenant}/consent`: the consent step. Accept remembers the consent and asks the engine
//! for the next step; deny is `access_denied` (RFC 6749 §4.1.2.1).
use axum::response::Response;
use sigil_core::interaction::{FormStep, consent as rules, engine};

use super::interaction::{Flow, FormPost, error_page, open_post, refuse_form};
use crate::cookies;
use crate::request::{self, Opening, ParamsFrom, Refused, TenantRequest};

/// The consent form's opening: a form body; refusals are the error page, recorded.
pub struct Consent;

impl Opening for Consent {
    const PARAMS: ParamsFrom = ParamsFrom::Form;

    fn refuse(r: Refused<'_>) -> Response {
        refuse_form(r, "consent")
    }
}

pub async fn consent(req: TenantRequest<Consent>) -> Response {
    let FormPost { sealed, locale, mut record } = match open_post(&req, "consent", FormStep::Consent) {
        Ok(f) => f,
        Err(page) => return *page,
    };
    let TenantRequest { state, meta, view, params, headers, .. } = &req;
    let flow = Flow { state, meta, view: view.clone(), locale, headers };
    let session = match cookies::current_session(state, view, headers).await {
        Ok(Some(s)) => s,
        Ok(None) => return flow.signin_page(&sealed.pending, "", None),
        Err(e) => return error_page(state, meta, locale, &e, &mut record),
    };
    if let Err(e) = sealed.check_session(&session) {
        return error_page(state, meta, locale, &e, &mut record);
    }
    let mut p = sealed.pending;
    // The language switcher: the consent page again in the chosen language.
    if let Some(lang) = params.get("switch_lang") {
        p.choose_locale(lang);
        let locale = request::locale(meta, p.ui_locales(), Some(view));
        let flow = Flow { state, meta, view: view.clone(), locale, headers };
        return flow.proceed(p, Some(session), sealed.fresh, false, &mut record).await;
    }
    match params.get("decision") {
        Some("accept") => {
            if let Err(e) = rules::remember(&state.ctx, view.tenant.id, session.user_id, p.client_id(), p.scope()).await
            {
                return flow.back(&p, e, &mut record);
            }
            flow.proceed(p, Some(session), sealed.fresh, true, &mut record).await
        }
        _ => flow.back(&p, engine::decline(&state.ctx, view.tenant.id, &p).await, &mut record),
    }
}
