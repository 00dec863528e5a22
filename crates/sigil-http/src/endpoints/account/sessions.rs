//! `POST /{tenant}/account/sessions`: sign out one of the user's other sessions (`sid`, its public
//! identifier) or all of them (`others`). An ended session's grants (refresh tokens of the codes
//! issued to it) are revoked with it and its applications get back-channel logout tokens (OIDC
//! Back-Channel Logout 1.0 §2.7); a `sid` that is not this user's is refused.
use axum::response::Response;
use sigil_core::account;

use super::{AccountForm, done, open_form, refused};
use crate::request::TenantRequest;

pub async fn end(req: TenantRequest<AccountForm>) -> Response {
    let (signed, rec) = match open_form(&req).await {
        Ok(o) => o,
        Err(res) => return *res,
    };
    let (ctx, view) = (&req.state.ctx, &req.view);
    if req.params.contains("others") {
        return match account::end_other_sessions(ctx, view, &signed.user, &signed.session).await {
            Ok((n, notices)) => {
                crate::backchannel::deliver(notices);
                done(&req, rec, format!("{n} other sessions ended"), "sessions")
            }
            Err(e) => refused(&req, &signed, e, rec).await,
        };
    }
    let sid = req.params.get("sid").unwrap_or("");
    match account::end_session(ctx, view, &signed.user, sid).await {
        Ok(notices) => {
            crate::backchannel::deliver(notices);
            done(&req, rec, format!("session {sid} ended"), "session")
        }
        Err(e) => refused(&req, &signed, e, rec).await,
    }
}
