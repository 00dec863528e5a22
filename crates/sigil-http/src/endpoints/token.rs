//! `POST /{tenant}/oauth2/v2.0/token` (RFC 6749 §3.2).
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use sigil_core::client_auth::{self, BasicCredentials, Presented};
use sigil_core::grant::{self, TokenRequest};
use sigil_core::params::Params;
use sigil_core::signin_log::SigninRecord;

use crate::errors;
use crate::request::{self, Opening, ParamsFrom, RateLimited, Refused, TenantRequest, fill_error};

/// The token endpoint's opening: a form body; refusals are JSON (RFC 6749 §5.2) and signed in.
pub struct Token;

impl Opening for Token {
    const PARAMS: ParamsFrom = ParamsFrom::Form;
    const RATE_LIMITED: RateLimited = RateLimited::SourceAndClient;

    fn refuse(r: Refused<'_>) -> Response {
        let presented = presented(r.headers);
        let empty = Params::default();
        let mut record =
            token_record(r.record(flow(r.params.unwrap_or(&empty))), r.params.unwrap_or(&empty), &presented);
        fill_error(&mut record, &r.error);
        let res = errors::json(r.state, r.meta, r.locale(), r.tenant_name, &r.error);
        request::finish(r.state, r.meta, record);
        res
    }
}

/// RFC 6749 §2.3.1: the client's credentials in the `Authorization: Basic` header.
pub(crate) fn presented(headers: &HeaderMap) -> Presented {
    Presented {
        basic: headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(BasicCredentials::parse_header),
    }
}

/// The refusal of a client-authenticated endpoint other than the token endpoint (revocation,
/// introspection) before its handler: JSON (RFC 6749 §5.2), signed in under `flow`.
pub(crate) fn client_refusal(r: Refused<'_>, flow: &str) -> Response {
    let empty = Params::default();
    let mut record = r.record(flow.into());
    record.client_id = client_auth::claimed_client_id(r.params.unwrap_or(&empty), &presented(r.headers));
    fill_error(&mut record, &r.error);
    let res = errors::json(r.state, r.meta, r.locale(), r.tenant_name, &r.error);
    request::finish(r.state, r.meta, record);
    res
}

/// The record's flow: the grant type as sent, bounded.
fn flow(params: &Params) -> String {
    params.get("grant_type").unwrap_or("").chars().take(64).collect()
}

fn token_record(mut record: SigninRecord, params: &Params, presented: &Presented) -> SigninRecord {
    record.client_id = client_auth::claimed_client_id(params, presented);
    record.user = params.get("username").map(str::to_string);
    record
}

pub async fn token(req: TenantRequest<Token>) -> Response {
    let TenantRequest { state, meta, view, params, .. } = &req;
    let presented = presented(&req.headers);
    let origin = req.headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let url = req.url();
    let outcome = match req.dpop_header() {
        Ok(dpop) => {
            let t = TokenRequest { view, params, presented: &presented, source: &meta.source, origin, dpop, url: &url };
            grant::token(&state.ctx, t).await
        }
        Err(e) => Err(e),
    };
    let mut record = token_record(req.record(flow(params)), params, &presented);
    let res = match outcome {
        Ok(issued) => {
            state.metrics.token_issued(issued.grant_type.as_str());
            record.user = issued.user.or(record.user);
            record.reason = issued.note;
            let mut res = axum::Json(&issued.response).into_response();
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
