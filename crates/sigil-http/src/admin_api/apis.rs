//! `/tenants/{tenant}/apis`: APIs (resources) with their delegated scopes and application roles:
//! list, create, get, update, delete. `{api}` is the API's name or, percent-encoded, its identifier.
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use sigil_core::model::Api;
use sigil_core::provisioning::{self as rules, ClaimsSpec, NewApi};
use sigil_core::store::Change;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Admin, Body, Page, Path, Query, Reply, etag, if_match, json, no_content, page, tagged};

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiOut {
    pub id: Uuid,
    pub name: String,
    /// The audience of its access tokens and the prefix of its scopes, e.g. `api://reports`.
    pub identifier: String,
    /// Delegated permissions (user tokens).
    pub scopes: Vec<String>,
    /// Application roles (client-credentials tokens; users and groups by assignment).
    pub roles: Vec<String>,
    /// groupMembershipClaims and optional claims of its access tokens.
    #[schema(value_type = Object)]
    pub claims: serde_json::Value,
}

impl ApiOut {
    fn of(a: &Api) -> Self {
        Self {
            id: a.id,
            name: a.name.clone(),
            identifier: a.identifier.clone(),
            scopes: a.scopes.clone(),
            roles: a.roles.clone(),
            claims: serde_json::to_value(&a.claims).unwrap_or_default(),
        }
    }
    fn value(a: &Api) -> serde_json::Value {
        serde_json::to_value(Self::of(a)).unwrap_or_default()
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiList {
    pub items: Vec<ApiOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiIn {
    pub name: String,
    pub identifier: String,
    #[serde(default)]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub roles: Vec<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiPatch {
    pub scopes: Option<Vec<String>>,
    pub roles: Option<Vec<String>>,
}

#[utoipa::path(get, path = "/admin/api/v1/tenants/{tenant}/apis", tag = "apis",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), Page),
    responses((status = 200, body = ApiList), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn list(admin: Admin, Path(tenant): Path<String>, Query(p): Query<Page>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant(&d, &tenant)?;
    let (items, next_cursor) = page(rules::tenant_apis(&d, t), &p, |a| a.name.clone())?;
    Ok(json(StatusCode::OK, &ApiList { items: items.iter().map(ApiOut::of).collect(), next_cursor }))
}

#[utoipa::path(post, path = "/admin/api/v1/tenants/{tenant}/apis", tag = "apis", request_body = ApiIn,
    params(("tenant" = String, Path, description = "Name or id", example = "contoso")),
    responses((status = 201, body = ApiOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn create(admin: Admin, Path(tenant): Path<String>, Body(b): Body<ApiIn>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    if rules::find_api(&d, t, &b.name).is_ok() || rules::find_api(&d, t, &b.identifier).is_ok() {
        return Err(rules::ProvisioningError::Conflict(format!("API '{}' ({})", b.name, b.identifier)).into());
    }
    let spec = NewApi {
        name: b.name,
        identifier: b.identifier,
        scopes: b.scopes,
        roles: b.roles,
        scope_descriptions: Default::default(),
        claims: ClaimsSpec::default(),
    };
    let a = spec.build(t, None, admin.state.ctx.rng.as_ref())?;
    let audit = admin.audit(Some(t.id), "api.create", format!("api:{}", a.name), None, Some(ApiOut::value(&a)));
    admin.apply(None, vec![Change::PutApi(a.clone())], audit).await?;
    Ok(tagged(StatusCode::CREATED, &ApiOut::of(&a), &etag(&a)))
}

#[utoipa::path(get, path = "/admin/api/v1/tenants/{tenant}/apis/{api}", tag = "apis",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("api" = String, Path, description = "Name or identifier", example = "reports")),
    responses((status = 200, body = ApiOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn get(admin: Admin, Path((tenant, api)): Path<(String, String)>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant(&d, &tenant)?;
    let a = rules::find_api(&d, t, &api)?;
    Ok(tagged(StatusCode::OK, &ApiOut::of(a), &etag(a)))
}

#[utoipa::path(patch, path = "/admin/api/v1/tenants/{tenant}/apis/{api}", tag = "apis", request_body = ApiPatch,
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("api" = String, Path, description = "Name or identifier", example = "reports"), ("If-Match" = Option<String>, Header, description = "ETag as last read")),
    responses((status = 200, body = ApiOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn update(
    admin: Admin,
    Path((tenant, api)): Path<(String, String)>,
    headers: HeaderMap,
    Body(b): Body<ApiPatch>,
) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let current = rules::find_api(&d, t, &api)?;
    let expect = if_match(&headers, &etag(current))?.then_some(d.generation);
    let mut spec = NewApi::from_existing(current);
    if let Some(x) = b.scopes {
        spec.scopes = x;
    }
    if let Some(x) = b.roles {
        spec.roles = x;
    }
    let a = spec.build(t, Some(current), admin.state.ctx.rng.as_ref())?;
    let audit = admin.audit(
        Some(t.id),
        "api.update",
        format!("api:{}", a.name),
        Some(ApiOut::value(current)),
        Some(ApiOut::value(&a)),
    );
    admin.apply(expect, vec![Change::PutApi(a.clone())], audit).await?;
    Ok(tagged(StatusCode::OK, &ApiOut::of(&a), &etag(&a)))
}

#[utoipa::path(delete, path = "/admin/api/v1/tenants/{tenant}/apis/{api}", tag = "apis",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("api" = String, Path, description = "Name or identifier", example = "reports"), ("If-Match" = Option<String>, Header, description = "ETag as last read")),
    responses((status = 204, description = "Deleted"), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn delete(admin: Admin, Path((tenant, api)): Path<(String, String)>, headers: HeaderMap) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let a = rules::find_api(&d, t, &api)?;
    let expect = if_match(&headers, &etag(a))?.then_some(d.generation);
    let audit = admin.audit(Some(t.id), "api.delete", format!("api:{}", a.name), Some(ApiOut::value(a)), None);
    admin.apply(expect, vec![Change::DeleteApi(a.id)], audit).await?;
    Ok(no_content())
}
