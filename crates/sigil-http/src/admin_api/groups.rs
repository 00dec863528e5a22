//! `/tenants/{tenant}/groups`: groups with their application roles, and memberships (stored per
//! user, `Change::SetUserAccess`: adding or removing one rewrites that user's set).
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use sigil_core::model::{Api, Group};
use sigil_core::provisioning::{self as rules, NewGroup, NewUserAccess};
use sigil_core::store::Change;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Admin, Body, Page, Path, Query, Reply, etag, if_match, json, no_content, page, tagged};

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupOut {
    pub id: Uuid,
    pub name: String,
    /// A security group (Entra's securityEnabled).
    pub security: bool,
    /// `<API identifier>/<role>`, e.g. `api://reports/Admin`.
    pub app_roles: Vec<String>,
    /// Members must use a second factor.
    pub require_mfa: bool,
}

impl GroupOut {
    fn of(g: &Group, apis: &[Api]) -> Self {
        Self {
            id: g.id,
            name: g.name.clone(),
            security: g.security,
            app_roles: g.app_roles.iter().map(|r| rules::app_role_name(r, apis)).collect(),
            require_mfa: g.require_mfa,
        }
    }
    fn value(g: &Group, apis: &[Api]) -> serde_json::Value {
        serde_json::to_value(Self::of(g, apis)).unwrap_or_default()
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupList {
    pub items: Vec<GroupOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupIn {
    pub name: String,
    /// Default true.
    pub security: Option<bool>,
    #[serde(default)]
    pub app_roles: Vec<String>,
    #[serde(default)]
    pub require_mfa: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupPatch {
    pub security: Option<bool>,
    pub app_roles: Option<Vec<String>>,
    pub require_mfa: Option<bool>,
}

/// A user's groups (by name) and directly assigned application roles.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserAccessOut {
    pub groups: Vec<String>,
    pub app_roles: Vec<String>,
}

#[utoipa::path(get, path = "/admin/api/v1/tenants/{tenant}/groups", tag = "groups",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), Page),
    responses((status = 200, body = GroupList), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn list(admin: Admin, Path(tenant): Path<String>, Query(p): Query<Page>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant(&d, &tenant)?;
    let apis = rules::tenant_apis(&d, t);
    let (items, next_cursor) = page(rules::tenant_groups(&d, t), &p, |g| g.name.to_ascii_lowercase())?;
    Ok(json(StatusCode::OK, &GroupList { items: items.iter().map(|g| GroupOut::of(g, &apis)).collect(), next_cursor }))
}

#[utoipa::path(post, path = "/admin/api/v1/tenants/{tenant}/groups", tag = "groups", request_body = GroupIn,
    params(("tenant" = String, Path, description = "Name or id", example = "contoso")),
    responses((status = 201, body = GroupOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn create(admin: Admin, Path(tenant): Path<String>, Body(b): Body<GroupIn>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    if rules::find_group(&d, t, &b.name).is_ok() {
        return Err(rules::ProvisioningError::Conflict(format!("group '{}'", b.name)).into());
    }
    let apis = rules::tenant_apis(&d, t);
    let spec = NewGroup {
        name: b.name,
        security: b.security.unwrap_or(true),
        app_roles: b.app_roles,
        require_mfa: b.require_mfa,
        mfa_unfamiliar: false,
    };
    let g = spec.build(t, &apis, None, admin.state.ctx.rng.as_ref())?;
    let audit =
        admin.audit(Some(t.id), "group.create", format!("group:{}", g.name), None, Some(GroupOut::value(&g, &apis)));
    admin.apply(None, vec![Change::PutGroup(Box::new(g.clone()))], audit).await?;
    Ok(tagged(StatusCode::CREATED, &GroupOut::of(&g, &apis), &etag(&g)))
}

#[utoipa::path(get, path = "/admin/api/v1/tenants/{tenant}/groups/{group}", tag = "groups",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("group" = String, Path, description = "Name")),
    responses((status = 200, body = GroupOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn get(admin: Admin, Path((tenant, group)): Path<(String, String)>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant(&d, &tenant)?;
    let g = rules::find_group(&d, t, &group)?;
    Ok(tagged(StatusCode::OK, &GroupOut::of(g, &rules::tenant_apis(&d, t)), &etag(g)))
}

#[utoipa::path(patch, path = "/admin/api/v1/tenants/{tenant}/groups/{group}", tag = "groups", request_body = GroupPatch,
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("group" = String, Path, description = "Name"), ("If-Match" = Option<String>, Header, description = "ETag as last read")),
    responses((status = 200, body = GroupOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn update(
    admin: Admin,
    Path((tenant, group)): Path<(String, String)>,
    headers: HeaderMap,
    Body(b): Body<GroupPatch>,
) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let current = rules::find_group(&d, t, &group)?;
    let expect = if_match(&headers, &etag(current))?.then_some(d.generation);
    let apis = rules::tenant_apis(&d, t);
    let mut spec = NewGroup::from_existing(current, &apis);
    if let Some(x) = b.security {
        spec.security = x;
    }
    if let Some(x) = b.app_roles {
        spec.app_roles = x;
    }
    if let Some(x) = b.require_mfa {
        spec.require_mfa = x;
    }
    let g = spec.build(t, &apis, Some(current), admin.state.ctx.rng.as_ref())?;
    let audit = admin.audit(
        Some(t.id),
        "group.update",
        format!("group:{}", g.name),
        Some(GroupOut::value(current, &apis)),
        Some(GroupOut::value(&g, &apis)),
    );
    admin.apply(expect, vec![Change::PutGroup(Box::new(g.clone()))], audit).await?;
    Ok(tagged(StatusCode::OK, &GroupOut::of(&g, &apis), &etag(&g)))
}

/// The group, its memberships and its role assignments.
#[utoipa::path(delete, path = "/admin/api/v1/tenants/{tenant}/groups/{group}", tag = "groups",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("group" = String, Path, description = "Name"), ("If-Match" = Option<String>, Header, description = "ETag as last read")),
    responses((status = 204, description = "Deleted"), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn delete(admin: Admin, Path((tenant, group)): Path<(String, String)>, headers: HeaderMap) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let g = rules::find_group(&d, t, &group)?;
    let expect = if_match(&headers, &etag(g))?.then_some(d.generation);
    let apis = rules::tenant_apis(&d, t);
    let audit =
        admin.audit(Some(t.id), "group.delete", format!("group:{}", g.name), Some(GroupOut::value(g, &apis)), None);
    admin.apply(expect, vec![Change::DeleteGroup(g.id)], audit).await?;
    Ok(no_content())
}

#[utoipa::path(get, path = "/admin/api/v1/tenants/{tenant}/users/{user}/groups", tag = "groups",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("user" = String, Path, description = "Username or id", example = "alice")),
    responses((status = 200, body = UserAccessOut), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn of_user(admin: Admin, Path((tenant, user)): Path<(String, String)>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant(&d, &tenant)?;
    let u = admin.user(t, &user).await?;
    let access = admin.state.ctx.store.user_access(t.id, u.id).await?;
    let shown = NewUserAccess::from_existing(&access, &rules::tenant_groups(&d, t), &rules::tenant_apis(&d, t));
    Ok(json(StatusCode::OK, &UserAccessOut { groups: shown.groups, app_roles: shown.app_roles }))
}

#[utoipa::path(put, path = "/admin/api/v1/tenants/{tenant}/groups/{group}/members/{user}", tag = "groups",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("group" = String, Path, description = "Name"), ("user" = String, Path, description = "Username or id", example = "alice")),
    responses((status = 200, body = UserAccessOut), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn add_member(admin: Admin, Path((tenant, group, user)): Path<(String, String, String)>) -> Reply {
    membership(admin, tenant, group, user, true).await
}

#[utoipa::path(delete, path = "/admin/api/v1/tenants/{tenant}/groups/{group}/members/{user}", tag = "groups",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("group" = String, Path, description = "Name"), ("user" = String, Path, description = "Username or id", example = "alice")),
    responses((status = 200, body = UserAccessOut), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn remove_member(admin: Admin, Path((tenant, group, user)): Path<(String, String, String)>) -> Reply {
    membership(admin, tenant, group, user, false).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AppRolesIn {
    /// `<API identifier>/<role>`, e.g. `api://reports/Reports.Read.All`; replaces the user's
    /// directly assigned roles (roles through groups are unchanged).
    pub app_roles: Vec<String>,
}

/// Role assignment: the application roles assigned to the user directly (Entra's
/// `appRoleAssignments` of a user), replaced as a whole. Tokens issued from then on carry them in
/// `roles`. An unknown API or role is 400; the answer is the user's access as `GET …/groups`.
#[utoipa::path(put, path = "/admin/api/v1/tenants/{tenant}/users/{user}/app-roles", tag = "groups", request_body = AppRolesIn,
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("user" = String, Path, description = "Username or id", example = "alice")),
    responses((status = 200, body = UserAccessOut), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn set_app_roles(
    admin: Admin,
    Path((tenant, user)): Path<(String, String)>,
    Body(b): Body<AppRolesIn>,
) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let u = admin.user(t, &user).await?;
    let (groups, apis) = (rules::tenant_groups(&d, t), rules::tenant_apis(&d, t));
    let before = admin.state.ctx.store.user_access(t.id, u.id).await?;
    let mut spec = NewUserAccess::from_existing(&before, &groups, &apis);
    let shown_before = UserAccessOut { groups: spec.groups.clone(), app_roles: spec.app_roles.clone() };
    spec.app_roles = b.app_roles;
    let access = spec.build(&groups, &apis)?;
    let shown = NewUserAccess::from_existing(&access, &groups, &apis);
    let shown = UserAccessOut { groups: shown.groups, app_roles: shown.app_roles };
    if access != before {
        let audit = admin.audit(
            Some(t.id),
            "user.app_roles",
            format!("user:{}", u.username),
            serde_json::to_value(&shown_before).ok(),
            serde_json::to_value(&shown).ok(),
        );
        // Read and rewritten whole, as memberships: the generation read is expected.
        admin.apply(Some(d.generation), vec![Change::SetUserAccess { user: u.id, access }], audit).await?;
    }
    Ok(json(StatusCode::OK, &shown))
}

/// Idempotent: adding a member twice or removing a non-member changes nothing (and is not audited).
async fn membership(admin: Admin, tenant: String, group: String, user: String, member: bool) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let g = rules::find_group(&d, t, &group)?;
    let u = admin.user(t, &user).await?;
    let (groups, apis) = (rules::tenant_groups(&d, t), rules::tenant_apis(&d, t));
    let before = admin.state.ctx.store.user_access(t.id, u.id).await?;
    let mut access = before.clone();
    access.groups.retain(|id| *id != g.id);
    if member {
        access.groups.push(g.id);
        access.groups.sort();
    }
    let shown = |a: &sigil_core::model::UserAccess| {
        let s = NewUserAccess::from_existing(a, &groups, &apis);
        UserAccessOut { groups: s.groups, app_roles: s.app_roles }
    };
    if access != before {
        let audit = admin.audit(
            Some(t.id),
            if member { "group.member.add" } else { "group.member.remove" },
            format!("group:{}/user:{}", g.name, u.username),
            serde_json::to_value(shown(&before)).ok(),
            serde_json::to_value(shown(&access)).ok(),
        );
        // The memberships are read and rewritten whole: expecting the generation read keeps a
        // concurrent change to the same user from being lost (a 412 asks the caller to retry).
        admin
            .apply(Some(d.generation), vec![Change::SetUserAccess { user: u.id, access: access.clone() }], audit)
            .await?;
    }
    Ok(json(StatusCode::OK, &shown(&access)))
}
