//! `POST /{tenant}/oauth2/v2.0/par` (RFC 9126 §2): the client authenticates as at the token
//! endpoint and pushes an authorization request; the answer is a single-use `request_uri` (201).
//! Refusals are JSON (§2.3) and signed in (flow `par`).
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sigil_core::client_auth;
use sigil_core::par::{self, PushRequest};

use super::token::{client_refusal, presented};
use crate::errors;
use crate::request::{self, Opening, ParamsFrom, RateLimited, Refused, TenantRequest, fill_error};

const FLOW: &str = "par";

pub struct PushedAuthorization;

impl Opening for PushedAuthorization {
    const PARAMS: ParamsFrom = ParamsFrom::Form;
    const RATE_LIMITED: RateLimited = RateLimited::Source;

    fn refuse(r: Refused<'_>) -> Response {
        client_refusal(r, FLOW)
    }
}

pub async fn par(req: TenantRequest<PushedAuthorization>) -> Response {
    let TenantRequest { state, meta, view, params, .. } = &req;
    let presented = presented(&req.headers);
    let mut record = req.record(FLOW.into());
    record.client_id = client_auth::claimed_client_id(params, &presented);
    let url = req.url();
    let outcome = match req.dpop_header() {
        Ok(dpop) => par::push(&state.ctx, PushRequest { view, params, presented: &presented, dpop, url: &url }).await,
        Err(e) => Err(e),
    };
    let res = match outcome {
        Ok(pushed) => {
            record.reason = "request pushed".into();
            let mut res = (StatusCode::CREATED, axum::Json(&pushed)).into_response();
            errors::no_store(res.headers_mut());
            res
        }
        Err(err) => {
            fill_error(&mut record, &err);
            let mut res = errors::json(state, meta, req.locale(), &req.tenant_name, &err);
            errors::dpop_nonce(state, view, &err, &mut res);
            res
        }
    };
    request::finish(state, meta, record);
    res
}
