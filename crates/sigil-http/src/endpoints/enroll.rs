//! `POST /{tenant}/enroll` and `POST /{tenant}/enroll/done`: TOTP enrollment inside the sign-in
//! (a second factor is required and the user has none: Entra's 50079 at the next sign-in). The
//! first form confirms the sealed new secret with a code; the second shows the recovery codes
//! once and continues. A confirmed enrollment is this sign-in's second factor.
use axum::response::Response;
use sigil_core::error::SigilError;
use sigil_core::factor::totp;
use sigil_core::interaction::{FormStep, Sealed, session};
use sigil_core::model::{Session, User};

use super::factor::{current, wrong_code_text};
use super::interaction::{Flow, FormPost, error_page, open_post, refuse_form};
use crate::meta::CatalogCode;
use crate::request::{self, Opening, ParamsFrom, Refused, TenantRequest};

/// The enrollment forms' opening: a form body; refusals are the error page, recorded.
pub struct EnrollForm;

impl Opening for EnrollForm {
    const PARAMS: ParamsFrom = ParamsFrom::Form;

    fn refuse(r: Refused<'_>) -> Response {
        refuse_form(r, "enroll")
    }
}

/// The session the form was shown to and its (enabled) user; `None` when either is gone.
pub(super) async fn signed_in(flow: &Flow<'_>, sealed: &Sealed) -> Result<Option<(Session, User)>, SigilError> {
    let Some(s) = current(flow).await? else { return Ok(None) };
    sealed.check_session(&s)?;
    let user = flow.state.ctx.store.user_by_id(flow.view.tenant.id, s.user_id).await?;
    Ok(user.filter(|u| u.enabled).map(|u| (s, u)))
}

pub async fn enroll(req: TenantRequest<EnrollForm>) -> Response {
    let FormPost { sealed, locale, mut record } = match open_post(&req, "enroll", FormStep::Enroll) {
        Ok(f) => f,
        Err(page) => return *page,
    };
    let TenantRequest { state, meta, view, params, headers, .. } = &req;
    let flow = Flow { state, meta, view: view.clone(), locale, headers };
    let (session, user) = match signed_in(&flow, &sealed).await {
        Ok(Some(su)) => su,
        Ok(None) => return flow.signin_page(&sealed.pending, "", None),
        Err(e) => return error_page(state, meta, locale, &e, &mut record),
    };
    record.user = Some(user.username.clone());
    let Some(secret) = sealed.enroll_secret.as_deref().and_then(totp::from_base32) else {
        let e = SigilError::new(sigil_core::catalog::INTERACTION_EXPIRED, "enrollment form without its secret");
        return error_page(state, meta, locale, &e, &mut record);
    };
    let code = params.get("code").unwrap_or("");
    match totp::enroll(&state.ctx, view.tenant.id, &user, &secret, code, &meta.source).await {
        Ok((id, codes)) => {
            record.reason = format!("totp {id} enrolled; {} recovery codes issued", codes.len());
            request::finish(state, meta, record.clone());
            match session::add_factor(&state.ctx, session, "otp").await {
                Ok(Some(s)) => flow.recovery_page(&sealed.pending, &s, sealed.fresh, &codes),
                Ok(None) => flow.signin_page(&sealed.pending, "", None),
                Err(e) => error_page(state, meta, locale, &e, &mut record),
            }
        }
        Err(e) if e.entry.error == "invalid_grant" => {
            request::fill_error(&mut record, &e);
            request::finish(state, meta, record);
            let text = (wrong_code_text(&flow, e.entry.code), e.public_entry().code);
            let mut res = flow.enroll_page(&sealed.pending, &user, &session, sealed.fresh, Some(secret), Some(text));
            res.extensions_mut().insert(CatalogCode(e.public_entry().code));
            res
        }
        Err(e) => error_page(state, meta, locale, &e, &mut record),
    }
}

pub async fn done(req: TenantRequest<EnrollForm>) -> Response {
    let FormPost { sealed, locale, mut record } = match open_post(&req, "enroll", FormStep::EnrollDone) {
        Ok(f) => f,
        Err(page) => return *page,
    };
    let TenantRequest { state, meta, view, headers, .. } = &req;
    let flow = Flow { state, meta, view: view.clone(), locale, headers };
    match signed_in(&flow, &sealed).await {
        Ok(Some((s, _))) => flow.proceed(sealed.pending, Some(s), sealed.fresh, false, &mut record).await,
        Ok(None) => flow.signin_page(&sealed.pending, "", None),
        Err(e) => error_page(state, meta, locale, &e, &mut record),
    }
}
