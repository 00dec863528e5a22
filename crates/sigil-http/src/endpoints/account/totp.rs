//! `POST /{tenant}/account/totp` and `POST /{tenant}/account/totp/remove`: set up an
//! authenticator app (RFC 6238) with recovery codes, through the sign-in's own enrollment pages
//! (`enroll.rs`) carrying the account page's pending request, which returns here once done; and
//! remove it, which needs a sign-in with both factors in the last ten minutes: without one the
//! user is sent through one (`max_age` and `acr_values`, as an application asks) and back.
use axum::response::Response;
use sigil_core::{account, catalog};

use super::{AccountForm, done, open_form, refused};
use crate::endpoints::interaction::Flow;
use crate::request::{self, TenantRequest};

pub async fn setup(req: TenantRequest<AccountForm>) -> Response {
    let (signed, rec) = match open_form(&req).await {
        Ok(o) => o,
        Err(res) => return *res,
    };
    let tenant = req.view.tenant.id;
    if let Err(e) = account::may_enroll_totp(&req.state.ctx, tenant, &signed.user).await {
        return refused(&req, &signed, e, rec).await;
    }
    let TenantRequest { state, meta, view, headers, .. } = &req;
    let flow = Flow { state, meta, view: view.clone(), locale: req.locale(), headers };
    flow.enroll_page(&account::sign_in(tenant), &signed.user, &signed.session, false, None, None)
}

pub async fn remove(req: TenantRequest<AccountForm>) -> Response {
    let (signed, rec) = match open_form(&req).await {
        Ok(o) => o,
        Err(res) => return *res,
    };
    let (state, tenant) = (&req.state, req.view.tenant.id);
    match account::remove_totp(&state.ctx, tenant, &signed.user, &signed.session).await {
        Ok(n) => done(&req, rec, format!("{n} authenticator app removed"), "totp-removed"),
        Err(e) if e.entry.code == catalog::ACCOUNT_RECENT_SIGNIN_REQUIRED.code => {
            // One record for the request: the code, and the step the engine shows (its reason).
            let mut rec = rec;
            request::fill_error(&mut rec, &e);
            let TenantRequest { meta, view, headers, .. } = &req;
            let flow = Flow { state, meta, view: view.clone(), locale: req.locale(), headers };
            let pending = account::reauthenticate(tenant, true);
            flow.proceed(pending, Some(signed.session), false, false, &mut rec).await
        }
        Err(e) => refused(&req, &signed, e, rec).await,
    }
}
