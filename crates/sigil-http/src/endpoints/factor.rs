//! `POST /{tenant}/factor`: the second-factor step (RFC 6238 TOTP, or a recovery code). A wrong
//! or replayed code shows the form again with its catalog code; every attempt is recorded in the
//! sign-in log with its reason; success adds `otp mfa` to the session and asks the engine for the
//! next step.
use axum::response::Response;
use sigil_core::catalog;
use sigil_core::factor::totp;
use sigil_core::interaction::{FormStep, session};

use super::interaction::{Flow, FormPost, error_page, open_post, refuse_form};
use crate::cookies;
use crate::meta::CatalogCode;
use crate::request::{self, Opening, ParamsFrom, Refused, TenantRequest};

/// The second-factor form's opening: a form body; refusals are the error page, recorded.
pub struct FactorForm;

impl Opening for FactorForm {
    const PARAMS: ParamsFrom = ParamsFrom::Form;

    fn refuse(r: Refused<'_>) -> Response {
        refuse_form(r, "factor")
    }
}

pub async fn factor(req: TenantRequest<FactorForm>) -> Response {
    let FormPost { sealed, locale, mut record } = match open_post(&req, "factor", FormStep::Factor) {
        Ok(f) => f,
        Err(page) => return *page,
    };
    let TenantRequest { state, meta, view, params, headers, .. } = &req;
    let flow = Flow { state, meta, view: view.clone(), locale, headers };
    let (session, user) = match super::enroll::signed_in(&flow, &sealed).await {
        Ok(Some(su)) => su,
        Ok(None) => return flow.signin_page(&sealed.pending, "", None),
        Err(e) => return error_page(state, meta, locale, &e, &mut record),
    };
    record.user = Some(user.username.clone());
    let code = params.get("code").unwrap_or("");
    match totp::verify(&state.ctx, view.tenant.id, &user, code, &meta.source).await {
        Ok(v) => {
            record.reason = v.describe();
            request::finish(state, meta, record.clone());
            match session::add_factor(&state.ctx, session, v.amr()).await {
                Ok(Some(s)) => flow.proceed(sealed.pending, Some(s), sealed.fresh, false, &mut record).await,
                Ok(None) => flow.signin_page(&sealed.pending, "", None),
                Err(e) => error_page(state, meta, locale, &e, &mut record),
            }
        }
        Err(e) if e.entry.error == "invalid_grant" => {
            request::fill_error(&mut record, &e);
            request::finish(state, meta, record);
            let text = wrong_code_text(&flow, e.entry.code);
            let code = e.public_entry().code;
            let mut res = flow.totp_page(&sealed.pending, &user, &session, sealed.fresh, Some((text, code)));
            res.extensions_mut().insert(CatalogCode(e.public_entry().code));
            res
        }
        Err(e) => error_page(state, meta, locale, &e, &mut record),
    }
}

/// The line a refused code shows above the form again.
pub(super) fn wrong_code_text(flow: &Flow<'_>, code: u32) -> String {
    let key = match code {
        c if c == catalog::OTP_CODE_REPLAYED.code => "ui-mfa-replayed",
        c if c == catalog::FACTOR_LOCKED.code => "ui-mfa-locked",
        _ => "ui-mfa-failed",
    };
    let minutes = ((totp::LOCK_SECONDS + 59) / 60).to_string();
    flow.state.messages.get(flow.locale, key, &[("minutes", minutes)])
}

/// The session cookie the form came with, if it still names a live session.
pub(super) async fn current(
    flow: &Flow<'_>,
) -> Result<Option<sigil_core::model::Session>, sigil_core::error::SigilError> {
    cookies::current_session(flow.state, &flow.view, flow.headers).await
}
