//! `GET|POST /{tenant}/me/getMemberObjects`: where a token past the groups limit points its reader
//! (`_claim_sources`, OpenID Connect Core §5.6.2), shaped as Graph's `getMemberObjects`
//! (`{"value": [group ids]}`), for the user of the Bearer access token (RFC 6750 §2.1, §2.2).
use axum::response::Response;

use crate::endpoints::userinfo::{UserInfo, bearer_json};
use crate::request::TenantRequest;

/// Same opening as UserInfo: a Bearer token, refusals as JSON.
pub async fn member_objects(req: TenantRequest<UserInfo>) -> Response {
    bearer_json(&req, async |ctx, view, token, _| sigil_core::claims::member_objects(ctx, view, token).await).await
}
