//! `POST /{tenant}/oauth2/v2.0/revoke` (RFC 7009 §2): the client authenticates as at the token
//! endpoint; every outcome is in the sign-in log (flow `revoke`, the note says what was revoked).
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sigil_core::client_auth;

use super::token::{client_refusal, presented};
use crate::errors;
use crate::request::{self, Opening, ParamsFrom, Refused, TenantRequest, fill_error};

/// The sign-in log's flow of a revocation request.
const FLOW: &str = "revoke";

/// The revocation endpoint's opening: a form body (§2.1); refusals are JSON (§2.2.1: RFC 6749 §5.2)
/// and signed in.
pub struct Revocation;

impl Opening for Revocation {
    const PARAMS: ParamsFrom = ParamsFrom::Form;

    fn refuse(r: Refused<'_>) -> Response {
        client_refusal(r, FLOW)
    }
}

/// §2.2: 200 with an empty body whether or not anything was revoked.
pub async fn revoke(req: TenantRequest<Revocation>) -> Response {
    let TenantRequest { state, meta, view, params, .. } = &req;
    let presented = presented(&req.headers);
    let mut record = req.record(FLOW.into());
    record.client_id = client_auth::claimed_client_id(params, &presented);
    let res = match sigil_core::revocation::revoke(&state.ctx, view, params, &presented).await {
        Ok(revoked) => {
            record.reason = revoked.note;
            let mut res = StatusCode::OK.into_response();
            errors::no_store(res.headers_mut());
            res
        }
        Err(err) => {
            fill_error(&mut record, &err);
            errors::json(state, meta, req.locale(), &req.tenant_name, &err)
        }
    };
    request::finish(state, meta, record);
    res
}
