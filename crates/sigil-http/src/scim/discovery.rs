//! RFC 7644 §4: `/ServiceProviderConfig`, `/ResourceTypes`, `/Schemas` (computed in
//! `sigil_core::scim::discovery`). Behind the same authentication as the resources: they name
//! nothing secret, but a tenant's existence is not told to callers outside it.
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};
use sigil_core::scim::{LIST_RESPONSE, discovery as d};

use super::{Scim, not_found, scim_json};
use crate::admin_api::Failure;

const DOCS: &str = "https://github.com/sigil-auth/sigil/blob/main/docs/scim.md";

pub async fn service_provider_config(s: Scim) -> Response {
    scim_json(StatusCode::OK, &d::service_provider_config(&s.base, DOCS))
}

/// A ListResponse of every item (§4: these lists take no filter or paging).
fn all(items: Vec<Value>) -> Response {
    scim_json(
        StatusCode::OK,
        &json!({"schemas": [LIST_RESPONSE], "totalResults": items.len(), "startIndex": 1,
                "itemsPerPage": items.len(), "Resources": items}),
    )
}

fn one(items: Vec<Value>, id: &str) -> Result<Response, Failure> {
    items
        .into_iter()
        .find(|i| i["id"].as_str() == Some(id))
        .map(|i| scim_json(StatusCode::OK, &i))
        .ok_or_else(|| not_found(format!("no '{id}' here")))
}

pub async fn resource_types(s: Scim) -> Response {
    all(d::resource_types(&s.base))
}

pub async fn resource_type(s: Scim, Path((_, id)): Path<(String, String)>) -> Result<Response, Failure> {
    one(d::resource_types(&s.base), &id)
}

pub async fn schemas(s: Scim) -> Response {
    all(d::schemas(&s.base))
}

pub async fn schema(s: Scim, Path((_, id)): Path<(String, String)>) -> Result<Response, Failure> {
    one(d::schemas(&s.base), &id)
}
