//! `POST /{tenant}/factor/passkey`: a passkey as the second factor after a password (W3C WebAuthn
//! Level 3 §7.2 against the user's passkeys). Success adds the key's `hwk`/`swk`, `user` and `mfa`
//! to the session and asks the engine for the next step; a refusal shows the step again with its
//! catalog code, recorded in the sign-in log with the internal reason.
use axum::response::Response;
use sigil_core::catalog;
use sigil_core::error::SigilError;
use sigil_core::factor::passkey::{self, Assertion, CeremonyKind};
use sigil_core::interaction::{FormStep, session};

use super::interaction::{Flow, FormPost, error_page, open_post};
use crate::meta::CatalogCode;
use crate::request;
use crate::request::TenantRequest;

use super::factor::FactorForm;

pub async fn passkey_factor(req: TenantRequest<FactorForm>) -> Response {
    let FormPost { sealed, locale, mut record } = match open_post(&req, "factor", FormStep::Passkey) {
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
    let Some(c) = sealed.passkey.as_ref() else {
        let e = SigilError::new(catalog::INTERACTION_EXPIRED, "passkey form without its ceremony");
        return error_page(state, meta, locale, &e, &mut record);
    };
    let used = match Assertion::parse(params.get("credential").unwrap_or("")) {
        Ok(a) => passkey::finish_assertion(&state.ctx, view, &user, c, CeremonyKind::SecondFactor, &a).await,
        Err(e) => Err(e),
    };
    match used {
        Ok(used) => {
            record.reason = format!("second factor: {}", used.describe());
            request::finish(state, meta, record.clone());
            match session::add_factor(&state.ctx, session, &used.amr.join(" ")).await {
                Ok(Some(s)) => flow.proceed(sealed.pending, Some(s), sealed.fresh, false, &mut record).await,
                Ok(None) => flow.signin_page(&sealed.pending, "", None),
                Err(e) => error_page(state, meta, locale, &e, &mut record),
            }
        }
        Err(e) if e.entry.status < 500 && e.entry.code != catalog::INTERACTION_EXPIRED.code => {
            request::fill_error(&mut record, &e);
            request::finish(state, meta, record);
            let code = e.public_entry().code;
            let text = state.messages.get(locale, "ui-passkey-refused", &[]);
            let mut res = flow.passkey_page(&sealed.pending, &user, &session, sealed.fresh, Some((text, code))).await;
            res.extensions_mut().insert(CatalogCode(code));
            res
        }
        Err(e) => error_page(state, meta, locale, &e, &mut record),
    }
}
