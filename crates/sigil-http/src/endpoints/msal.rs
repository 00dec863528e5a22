//! Endpoints Microsoft's MSAL libraries call before any OAuth request, answered in Entra's shapes so
//! an application pointed at Sigil never needs Microsoft's cloud.
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use crate::AppState;

#[derive(Deserialize)]
pub struct InstanceQuery {
    authorization_endpoint: Option<String>,
    #[serde(rename = "api-version")]
    api_version: Option<String>,
}

fn host(state: &AppState, headers: &HeaderMap) -> String {
    headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .unwrap_or_else(|| state.ctx.public_url.split("://").nth(1).unwrap_or("").to_string())
}

/// `GET /common/discovery/instance`: Entra's instance discovery response.
pub async fn instance_discovery(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(q): Query<InstanceQuery>,
) -> Response {
    let host = host(&state, &headers);
    // The tenant is the first path segment of the authorization endpoint asked about.
    let tenant = q
        .authorization_endpoint
        .as_deref()
        .and_then(|u| u.split("://").nth(1))
        .and_then(|rest| rest.split('/').nth(1))
        .unwrap_or("common")
        .to_string();
    axum::Json(json!({
        "tenant_discovery_endpoint": format!("{}/{tenant}/v2.0/.well-known/openid-configuration", state.ctx.public_url),
        "api-version": q.api_version.unwrap_or_else(|| "1.1".into()),
        "metadata": [{"preferred_network": host, "preferred_cache": host, "aliases": [host]}],
    }))
    .into_response()
}

/// `GET /common/userrealm/{user}`: MSAL's username/password flow asks whether the account is
/// federated; every Sigil account is managed.
pub async fn user_realm(State(state): State<Arc<AppState>>, headers: HeaderMap, Path(user): Path<String>) -> Response {
    let domain = user.rsplit_once('@').map(|(_, d)| d.to_string()).unwrap_or_default();
    axum::Json(json!({
        "ver": "1.0",
        "account_type": "Managed",
        "domain_name": domain,
        "cloud_instance_name": host(&state, &headers),
        "cloud_audience_urn": "urn:federation:MicrosoftOnline",
    }))
    .into_response()
}
