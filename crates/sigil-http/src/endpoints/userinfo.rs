//! `GET|POST /{tenant}/oidc/userinfo` (OIDC Core §5.3) with a Bearer access token in the
//! Authorization header (RFC 6750 §2.1) or, on POST, in a form body (§2.2). Refuses tokens whose
//! grant was revoked, even before they expire.
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use sigil_core::catalog;
use sigil_core::context::Context;
use sigil_core::directory::TenantView;
use sigil_core::dpop::Presentation;
use sigil_core::error::SigilError;
use sigil_core::params::Params;

use crate::errors;
use crate::request::{Opening, ParamsFrom, Refused, TenantRequest};

/// The UserInfo endpoint's opening: the form body of a POST only (RFC 6750 §2.2: never with GET,
/// whose body has no defined meaning); refusals are JSON in English.
pub struct UserInfo;

impl Opening for UserInfo {
    const PARAMS: ParamsFrom = ParamsFrom::BearerForm;

    fn refuse(r: Refused<'_>) -> Response {
        errors::json(r.state, r.meta, "en", r.tenant_name, &r.error)
    }
}

pub async fn userinfo(req: TenantRequest<UserInfo>) -> Response {
    bearer_json(&req, async |ctx, view, token, p| sigil_core::userinfo::claims(ctx, view, token, p).await).await
}

/// The answer of an endpoint that takes an access token (Bearer, or DPoP with its proof) and
/// returns JSON (`no-store`) or a JSON refusal: `answer` gets the token and how it was presented.
pub(crate) async fn bearer_json(
    req: &TenantRequest<UserInfo>,
    answer: impl AsyncFnOnce(&Context, &TenantView, &str, &Presentation<'_>) -> Result<Value, SigilError>,
) -> Response {
    let TenantRequest { state, meta, tenant_name, view, params, headers, .. } = req;
    let url = req.url();
    let presented = bearer_token(headers, params);
    let dpop_scheme = matches!(presented, Ok((_, true)));
    let claims = match (presented, req.dpop_header()) {
        (Ok((token, dpop_scheme)), Ok(proof)) => {
            let p = Presentation { dpop_scheme, proof, method: req.method.as_str(), url: &url };
            answer(&state.ctx, view, &token, &p).await
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    match claims {
        Ok(v) => {
            let mut res = axum::Json(v).into_response();
            errors::no_store(res.headers_mut());
            res
        }
        Err(e) => {
            let mut res = errors::json(state, meta, "en", tenant_name, &e);
            errors::dpop_challenge(state, view, &e, dpop_scheme, &mut res);
            res
        }
    }
}

/// The access token from the Authorization header (RFC 6750 §2.1; RFC 9449 §7.1 under the
/// `DPoP` scheme, then `true`) or from a form body (§2.2: only with `Content-Type:
/// application/x-www-form-urlencoded`, read by [`ParamsFrom::BearerForm`]); §2: never both.
fn bearer_token(headers: &HeaderMap, params: &Params) -> Result<(String, bool), SigilError> {
    let in_header = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| {
        let (scheme, token) = v.split_once(' ')?;
        // RFC 9110 §11.1: the scheme is case-insensitive.
        let dpop = scheme.eq_ignore_ascii_case("dpop");
        (dpop || scheme.eq_ignore_ascii_case("bearer")).then(|| (token.trim().to_string(), dpop))
    });
    match (in_header, params.get("access_token")) {
        (Some(_), Some(_)) => Err(SigilError::new(
            catalog::ACCESS_TOKEN_SENT_MORE_THAN_ONCE,
            "access token in both the Authorization header and the body",
        )),
        (Some(t), None) => Ok(t),
        (None, Some(t)) => Ok((t.to_string(), false)),
        (None, None) => Err(SigilError::new(catalog::INVALID_ACCESS_TOKEN, "no Bearer token")),
    }
}
