//! `POST /{tenant}/account/consents`: withdraw the consent given to an application (`client_id`).
//! The next sign-in to it asks for consent again, and its refresh tokens for the user are revoked
//! in the same transaction; a consent that is not this user's is refused.
use axum::response::Response;
use sigil_core::account;

use super::{AccountForm, done, open_form, refused};
use crate::request::TenantRequest;

pub async fn withdraw(req: TenantRequest<AccountForm>) -> Response {
    let (signed, mut rec) = match open_form(&req).await {
        Ok(o) => o,
        Err(res) => return *res,
    };
    let client_id = req.params.get("client_id").unwrap_or("").to_string();
    match account::withdraw_consent(&req.state.ctx, req.view.tenant.id, &signed.user, &client_id).await {
        Ok(()) => {
            rec.client_id = Some(client_id.clone());
            done(&req, rec, format!("consent to {client_id} withdrawn; its grants revoked"), "consent")
        }
        Err(e) => refused(&req, &signed, e, rec).await,
    }
}
