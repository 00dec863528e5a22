//! `POST /{tenant}/account/sessions`: sign out one of the user's other sessions (`sid`, its public
//! identifier) or all of them (`others`). An ended session's grants (refresh tokens of the codes
//! issued to it) are revoked with it; a `sid` that is not this user's is refused.
use axum::response::Response;
use sigil_core::account;

use super::{AccountForm, done, open_form, refused};
use crate::request::TenantRequest;

pub async fn end(req: TenantRequest<AccountForm>) -> Response {
    let (signed, rec) = match open_form(&req).await {
        Ok(o) => o,
        Err(res) => return *res,
    };
    let (ctx, tenant) = (&req.state.ctx, req.view.tenant.id);
    if req.params.contains("others") {
        return match account::end_other_sessions(ctx, tenant, &signed.user, &signed.session).await {
            Ok(n) => done(&req, rec, format!("{n} other sessions ended"), "sessions"),
            Err(e) => refused(&req, &signed, e, rec).await,
        };
    }
    let sid = req.params.get("sid").unwrap_or("");
    match account::end_session(ctx, tenant, &signed.user, sid).await {
        Ok(()) => done(&req, rec, format!("session {sid} ended"), "session"),
        Err(e) => refused(&req, &signed, e, rec).await,
    }
}
