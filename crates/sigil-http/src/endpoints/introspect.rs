//! `POST /{tenant}/oauth2/v2.0/introspect` (RFC 7662 §2): a resource server, authenticated as a
//! client at the token endpoint, asks whether an access token is active. Every call is in the
//! sign-in log (flow `introspect`; the note says active or why not).
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sigil_core::{client_auth, introspection};

use super::token::{client_refusal, presented};
use crate::errors;
use crate::request::{self, Opening, ParamsFrom, Refused, TenantRequest, fill_error};

/// The sign-in log's flow of an introspection request.
const FLOW: &str = "introspect";

/// The introspection endpoint's opening: a form body (§2.1); refusals are JSON (§2.3: RFC 6749
/// §5.2) and signed in.
pub struct Introspection;

impl Opening for Introspection {
    const PARAMS: ParamsFrom = ParamsFrom::Form;

    fn refuse(r: Refused<'_>) -> Response {
        client_refusal(r, FLOW)
    }
}

/// §2.2: 200 with a JSON object, `active` true with the token's members or `active` false alone.
pub async fn introspect(req: TenantRequest<Introspection>) -> Response {
    let TenantRequest { state, meta, view, params, .. } = &req;
    let presented = presented(&req.headers);
    let mut record = req.record(FLOW.into());
    record.client_id = client_auth::claimed_client_id(params, &presented);
    let wants_jwt = req.headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(introspection::wants_jwt);
    let answer = match introspection::introspect(&state.ctx, view, params, &presented).await {
        // RFC 9701 §5: the same answer, signed, when asked for by `Accept`.
        Ok(out) if wants_jwt => introspection::jwt_response(&state.ctx, view, &out).map(|jwt| {
            let mut res = jwt.into_response();
            res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(introspection::JWT_MEDIA_TYPE));
            (res, out.note + " (JWT response)")
        }),
        Ok(out) => Ok((axum::Json(out.response).into_response(), out.note)),
        Err(e) => Err(e),
    };
    let res = match answer {
        Ok((mut res, note)) => {
            record.reason = note;
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
