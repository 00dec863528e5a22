//! `/{tenant}/oauth2/v2.0/register`: dynamic client registration (RFC 7591 §3, `POST`) and the
//! client configuration endpoint (RFC 7592 §2, `GET`/`PUT`/`DELETE` with `?client_id=`). The
//! decisions are `sigil_core::registration`'s; every call is in the sign-in log (flow `register`).
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sigil_core::catalog;
use sigil_core::error::SigilError;
use sigil_core::registration;

use crate::errors;
use crate::request::{self, Opening, ParamsFrom, RateLimited, Refused, TenantRequest, fill_error};

const FLOW: &str = "register";

/// The registration endpoint's opening: the query (`client_id` of RFC 7592) and a JSON body;
/// refusals are JSON (RFC 7591 §3.2.2), recorded.
pub struct Registration;

impl Opening for Registration {
    const PARAMS: ParamsFrom = ParamsFrom::QueryAndBody;
    const RATE_LIMITED: RateLimited = RateLimited::Source;

    fn refuse(r: Refused<'_>) -> Response {
        let mut record = r.record(FLOW.into());
        fill_error(&mut record, &r.error);
        let res = errors::json(r.state, r.meta, r.locale(), r.tenant_name, &r.error);
        request::finish(r.state, r.meta, record);
        res
    }
}

/// RFC 6750 §2.1: the Bearer token of the `Authorization` header (an initial or a registration
/// access token).
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim()).filter(|t| !t.is_empty())
}

/// RFC 7591 §3.1: the request body is `application/json`.
fn json_body(headers: &HeaderMap) -> Result<(), SigilError> {
    let ct = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let media = ct.split(';').next().unwrap_or("").trim();
    if media.eq_ignore_ascii_case("application/json") {
        Ok(())
    } else {
        Err(SigilError::new(
            catalog::UNSUPPORTED_CONTENT_TYPE,
            format!("content type '{}'", sigil_core::params::sanitize(ct)),
        )
        .arg("content_type", sigil_core::params::sanitize(ct)))
    }
}

pub async fn register(req: TenantRequest<Registration>) -> Response {
    let TenantRequest { state, meta, view, params, headers, method, body, .. } = &req;
    let ctx = &state.ctx;
    let mut record = req.record(FLOW.into());
    let client_id = params.get("client_id");
    record.client_id = client_id.map(str::to_string);
    let token = bearer(headers);
    let outcome = match (method, client_id) {
        (&Method::POST, None) => match json_body(headers) {
            Ok(()) => registration::register(ctx, view, token, body).await,
            Err(e) => Err(e),
        },
        (&Method::GET, Some(_)) => registration::read(ctx, view, client_id, token).await,
        (&Method::PUT, Some(_)) => match json_body(headers) {
            Ok(()) => registration::update(ctx, view, client_id, token, body).await,
            Err(e) => Err(e),
        },
        (&Method::DELETE, Some(_)) => registration::delete(ctx, view, client_id, token).await,
        (_, None) => Err(SigilError::missing("client_id")),
        (_, Some(_)) => Err(SigilError::new(catalog::MALFORMED_REQUEST, "client_id with POST")
            .arg("reason", "a registration (POST) names no client_id; manage a client with GET, PUT or DELETE")),
    };
    let res = match outcome {
        Ok(answer) => {
            record.client_id = Some(answer.client_id);
            record.reason = answer.note;
            let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
            let mut res = match answer.body {
                Some(b) => (status, axum::Json(b)).into_response(),
                None => status.into_response(),
            };
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
