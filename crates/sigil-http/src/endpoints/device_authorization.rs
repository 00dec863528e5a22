//! `POST /{tenant}/oauth2/v2.0/devicecode` (RFC 8628 §3.1, §3.2; Entra's path): the client
//! authenticates as at the token endpoint; refusals are JSON and signed in (flow `device_code`).
use axum::response::{IntoResponse, Response};
use sigil_core::client_auth;

use super::token::{client_refusal, presented};
use crate::errors;
use crate::request::{self, Opening, ParamsFrom, RateLimited, Refused, TenantRequest, fill_error};

const FLOW: &str = "device_code";

pub struct DeviceAuthorization;

impl Opening for DeviceAuthorization {
    const PARAMS: ParamsFrom = ParamsFrom::Form;
    const RATE_LIMITED: RateLimited = RateLimited::Source;

    fn refuse(r: Refused<'_>) -> Response {
        client_refusal(r, FLOW)
    }
}

pub async fn device_authorization(req: TenantRequest<DeviceAuthorization>) -> Response {
    let TenantRequest { state, meta, view, params, .. } = &req;
    let presented = presented(&req.headers);
    let mut record = req.record(FLOW.into());
    record.client_id = client_auth::claimed_client_id(params, &presented);
    let res = match sigil_core::device::authorize(&state.ctx, view, params, &presented).await {
        Ok(answer) => {
            record.reason = "device code issued".into();
            let mut res = axum::Json(&answer).into_response();
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
