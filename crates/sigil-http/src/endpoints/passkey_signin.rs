//! `POST /{tenant}/passkey`: passwordless sign-in with a discoverable passkey (W3C WebAuthn Level 3
//! §7.2), posted by the sign-in page's autofill or its "Sign in with a passkey" button with the
//! sign-in form's own sealed interaction. The credential's user handle names the user; a verified
//! assertion with user verification starts a session whose `amr` is `hwk`/`swk`, `user` and `mfa`
//! (docs/passkeys.md: possession of the device and the PIN or biometrics that unlocked it are two
//! factors). A refusal shows the sign-in page again with its catalog code, recorded.
use axum::http::header;
use axum::response::Response;
use sigil_core::catalog;
use sigil_core::error::SigilError;
use sigil_core::factor::passkey::{self, Assertion, CeremonyKind, Used};
use sigil_core::interaction::{FormStep, session};
use sigil_core::model::User;

use super::interaction::{Flow, FormPost, error_page, open_post, refuse_form, with_header};
use crate::cookies;
use crate::meta::CatalogCode;
use crate::request::{self, Opening, ParamsFrom, RateLimited, Refused, TenantRequest};

/// The passkey sign-in form's opening: like the password form's (rate-limited per source).
pub struct PasskeySignin;

impl Opening for PasskeySignin {
    const PARAMS: ParamsFrom = ParamsFrom::Form;
    const RATE_LIMITED: RateLimited = RateLimited::Source;

    fn refuse(r: Refused<'_>) -> Response {
        refuse_form(r, "passkey")
    }
}

/// The methods of a passwordless passkey sign-in (RFC 8176 §2): the key's kind, `user` when the
/// authenticator verified the user, and then `mfa`: something held and something known or been.
pub fn amr(used: &Used) -> String {
    let mut v = used.amr.clone();
    if v.contains(&"user") {
        v.push("mfa");
    }
    v.join(" ")
}

pub async fn passkey(req: TenantRequest<PasskeySignin>) -> Response {
    let FormPost { sealed, locale, mut record } = match open_post(&req, "passkey", FormStep::Signin) {
        Ok(f) => f,
        Err(page) => return *page,
    };
    let TenantRequest { state, meta, view, params, headers, .. } = &req;
    let flow = Flow { state, meta, view: view.clone(), locale, headers };
    let ctx = &state.ctx;
    let verified = async {
        let Some(c) = sealed.passkey.as_ref() else {
            return Err(SigilError::new(catalog::INTERACTION_EXPIRED, "sign-in form without a passkey ceremony"));
        };
        let a = Assertion::parse(params.get("credential").unwrap_or(""))?;
        let unknown = || SigilError::new(catalog::PASSKEY_UNKNOWN, "the passkey's user handle names no enabled user");
        let id = a.user_handle().ok_or_else(unknown)?;
        let user: User = ctx.store.user_by_id(view.tenant.id, id).await?.filter(|u| u.enabled).ok_or_else(unknown)?;
        let used = passkey::finish_assertion(ctx, view, &user, c, CeremonyKind::Discoverable, &a).await;
        Ok::<_, SigilError>((user, used))
    }
    .await;
    let (user, used) = match verified {
        Ok((user, Ok(used))) => (user, used),
        Ok((user, Err(e))) => {
            record.user = Some(user.username.clone());
            return refused(&flow, &sealed.pending, e, &mut record);
        }
        Err(e) => return refused(&flow, &sealed.pending, e, &mut record),
    };
    record.user = Some(user.username.clone());
    let (token, session) =
        match session::start_with(ctx, view.tenant.id, &view.tenant.session, user.id, &amr(&used)).await {
            Ok(s) => s,
            Err(e) => return error_page(state, meta, locale, &e, &mut record),
        };
    record.reason = format!("signed in with {}", used.describe());
    request::finish(state, meta, record.clone());
    let cookie = cookies::session_cookie(state, view, &token, &session);
    super::account::note_use(state, meta, &session).await;
    let res = flow.proceed(sealed.pending, Some(session), true, false, &mut record).await;
    with_header(res, header::SET_COOKIE, cookie)
}

/// A refused passkey: the sign-in page again (a fresh challenge) with the reason and its code;
/// errors that are not the user's (the store) are the error page.
fn refused(
    flow: &Flow<'_>,
    pending: &sigil_core::interaction::PendingRequest,
    e: SigilError,
    record: &mut sigil_core::signin_log::SigninRecord,
) -> Response {
    if e.entry.status >= 500 || e.entry.code == catalog::INTERACTION_EXPIRED.code {
        return error_page(flow.state, flow.meta, flow.locale, &e, record);
    }
    request::fill_error(record, &e);
    request::finish(flow.state, flow.meta, record.clone());
    let code = e.public_entry().code;
    let text = flow.state.messages.get(flow.locale, "ui-passkey-refused", &[]);
    let mut res = flow.signin_page_with(pending, "", Some((text, Some(code))));
    res.extensions_mut().insert(CatalogCode(code));
    res
}
