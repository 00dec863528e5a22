//! `GET|POST /{tenant}/me/getMemberObjects`: where a token past the groups limit points its reader
//! (`_claim_sources`, OpenID Connect Core §5.6.2), shaped as Graph's `getMemberObjects`
//! (`{"value": [group ids]}`), for the user of the Bearer access token (RFC 6750 §2.1, §2.2).
use axum::response::{IntoResponse, Response};

use crate::endpoints::userinfo::{UserInfo, bearer_token};
use crate::errors;
use crate::request::TenantRequest;

/// Same opening as UserInfo: a Bearer token, refusals as JSON.
pub async fn member_objects(req: TenantRequest<UserInfo>) -> Response {
    let TenantRequest { state, meta, tenant_name, view, params, headers, .. } = &req;
    let groups = match bearer_token(headers, params) {
        Ok(token) => sigil_core::claims::member_objects(&state.ctx, view, &token).await,
        Err(e) => Err(e),
    };
    match groups {
        Ok(v) => {
            let mut res = axum::Json(v).into_response();
            errors::no_store(res.headers_mut());
            res
        }
        Err(e) => errors::json(state, meta, "en", tenant_name, &e),
    }
}
