//! `POST /{tenant}/account/password`: change the password. The current password is checked as a
//! sign-in is (smart lockout counts a wrong one), the new one against the password rules; the
//! user chooses whether their other sessions end too (`sessions=end`).
use axum::response::Response;
use sigil_core::account;

use super::{AccountForm, done, open_form, refused};
use crate::request::TenantRequest;

pub async fn change(req: TenantRequest<AccountForm>) -> Response {
    let (signed, rec) = match open_form(&req).await {
        Ok(o) => o,
        Err(res) => return *res,
    };
    let (state, p, tenant) = (&req.state, &req.params, req.view.tenant.id);
    let field = |name: &str| p.get(name).unwrap_or("");
    let (current, new, confirm) = (field("current_password"), field("new_password"), field("confirm_password"));
    let changed =
        account::change_password(&state.ctx, tenant, &signed.user, current, new, confirm, &req.meta.source).await;
    if let Err(e) = changed {
        return refused(&req, &signed, e, rec).await;
    }
    if field("sessions") != "end" {
        return done(&req, rec, "password changed; other sessions kept".into(), "password");
    }
    match account::end_other_sessions(&state.ctx, &req.view, &signed.user, &signed.session).await {
        Ok((n, notices)) => {
            crate::backchannel::deliver(notices);
            done(&req, rec, format!("password changed; {n} other sessions ended"), "password-others")
        }
        Err(e) => refused(&req, &signed, e, rec).await,
    }
}
