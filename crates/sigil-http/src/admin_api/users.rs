//! `/tenants/{tenant}/users`: list, create, get, update, disable, delete, set password. A user is
//! named by username or id.
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use sigil_core::model::{User, UserProfile};
use sigil_core::provisioning::NewUser;
use sigil_core::store::Change;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Admin, Body, Page, Path, Query, Reply, etag, if_match, json, no_content, page, tagged};

/// A user's ETag covers its password too (its hash, hashed again: nothing of it shows), so setting
/// a password within the second `updated_at` last moved still changes the tag.
fn tag(u: &User) -> String {
    etag(&(u, &u.password_hash))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub enabled: bool,
    /// given_name, family_name, middle_name, nickname, locale, zoneinfo.
    #[schema(value_type = Object)]
    pub profile: serde_json::Value,
    pub updated_at: Option<i64>,
}

impl UserOut {
    pub fn of(u: &User) -> Self {
        Self {
            id: u.id,
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            email: u.email.clone(),
            email_verified: u.email_verified,
            enabled: u.enabled,
            profile: serde_json::to_value(&u.profile).unwrap_or_default(),
            updated_at: u.updated_at,
        }
    }
    fn value(u: &User) -> serde_json::Value {
        serde_json::to_value(Self::of(u)).unwrap_or_default()
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserList {
    pub items: Vec<UserOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserIn {
    pub username: String,
    /// At least 8 characters; kept only as an argon2id hash.
    pub password: String,
    pub display_name: Option<String>,
    pub email: Option<String>,
    #[serde(default)]
    pub email_verified: bool,
    #[schema(value_type = Option<Object>)]
    pub profile: Option<UserProfile>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    pub enabled: Option<bool>,
    #[schema(value_type = Option<Object>)]
    pub profile: Option<UserProfile>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordIn {
    pub password: String,
}

#[utoipa::path(get, path = "/admin/api/v1/tenants/{tenant}/users", tag = "users",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), Page),
    responses((status = 200, body = UserList), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn list(admin: Admin, Path(tenant): Path<String>, Query(p): Query<Page>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant(&d, &tenant)?;
    let users = admin.state.ctx.store.users(t.id).await?;
    let (items, next_cursor) = page(users, &p, |u| u.username.to_ascii_lowercase())?;
    Ok(json(StatusCode::OK, &UserList { items: items.iter().map(UserOut::of).collect(), next_cursor }))
}

#[utoipa::path(post, path = "/admin/api/v1/tenants/{tenant}/users", tag = "users", request_body = UserIn,
    params(("tenant" = String, Path, description = "Name or id", example = "contoso")),
    responses((status = 201, body = UserOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn create(admin: Admin, Path(tenant): Path<String>, Body(b): Body<UserIn>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    if admin.state.ctx.store.user_by_username(t.id, &b.username).await?.is_some() {
        return Err(sigil_core::provisioning::ProvisioningError::Conflict(format!("user '{}'", b.username)).into());
    }
    let spec = NewUser {
        display_name: b.display_name,
        email: b.email,
        email_verified: b.email_verified,
        profile: b.profile.unwrap_or_default(),
        password: Some(b.password),
        ..NewUser::new(b.username)
    };
    let u = build(spec, t, None, &admin).await?;
    let audit = admin.audit(Some(t.id), "user.create", format!("user:{}", u.username), None, Some(UserOut::value(&u)));
    admin.apply(None, vec![Change::PutUser(Box::new(u.clone()))], audit).await?;
    Ok(tagged(StatusCode::CREATED, &UserOut::of(&u), &tag(&u)))
}

/// argon2id is costly: built on a blocking thread.
async fn build(
    spec: NewUser,
    t: &sigil_core::model::Tenant,
    current: Option<&User>,
    admin: &Admin,
) -> Result<User, super::Failure> {
    let (t, current, rng, now) =
        (t.clone(), current.cloned(), admin.state.ctx.rng.clone(), admin.state.ctx.clock.now());
    tokio::task::spawn_blocking(move || spec.build(&t, current.as_ref(), rng.as_ref(), now))
        .await
        .map_err(|e| sigil_core::error::SigilError::internal(format!("password hashing: {e}")))?
        .map_err(Into::into)
}

#[utoipa::path(get, path = "/admin/api/v1/tenants/{tenant}/users/{user}", tag = "users",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("user" = String, Path, description = "Username or id", example = "alice")),
    responses((status = 200, body = UserOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn get(admin: Admin, Path((tenant, user)): Path<(String, String)>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant(&d, &tenant)?;
    let u = admin.user(t, &user).await?;
    Ok(tagged(StatusCode::OK, &UserOut::of(&u), &tag(&u)))
}

#[utoipa::path(patch, path = "/admin/api/v1/tenants/{tenant}/users/{user}", tag = "users", request_body = UserPatch,
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("user" = String, Path, description = "Username or id", example = "alice"), ("If-Match" = Option<String>, Header, description = "ETag as last read")),
    responses((status = 200, body = UserOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn update(
    admin: Admin,
    Path((tenant, user)): Path<(String, String)>,
    headers: HeaderMap,
    Body(b): Body<UserPatch>,
) -> Reply {
    change(admin, tenant, user, headers, "user.update", move |spec| {
        if b.display_name.is_some() {
            spec.display_name = b.display_name;
        }
        if b.email.is_some() {
            spec.email = b.email;
        }
        if let Some(x) = b.email_verified {
            spec.email_verified = x;
        }
        if let Some(x) = b.enabled {
            spec.enabled = x;
        }
        if let Some(x) = b.profile {
            spec.profile = x;
        }
    })
    .await
}

/// The user can no longer sign in (existing grants stay until revoked: `.../grants`).
#[utoipa::path(post, path = "/admin/api/v1/tenants/{tenant}/users/{user}/disable", tag = "users",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("user" = String, Path, description = "Username or id", example = "alice"), ("If-Match" = Option<String>, Header, description = "ETag as last read")),
    responses((status = 200, body = UserOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn disable(admin: Admin, Path((tenant, user)): Path<(String, String)>, headers: HeaderMap) -> Reply {
    change(admin, tenant, user, headers, "user.disable", |spec| spec.enabled = false).await
}

#[utoipa::path(put, path = "/admin/api/v1/tenants/{tenant}/users/{user}/password", tag = "users", request_body = PasswordIn,
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("user" = String, Path, description = "Username or id", example = "alice"), ("If-Match" = Option<String>, Header, description = "ETag as last read")),
    responses((status = 200, body = UserOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn set_password(
    admin: Admin,
    Path((tenant, user)): Path<(String, String)>,
    headers: HeaderMap,
    Body(b): Body<PasswordIn>,
) -> Reply {
    change(admin, tenant, user, headers, "user.password", move |spec| spec.password = Some(b.password)).await
}

/// Read, check `If-Match`, change through `NewUser`, write with the audit entry (the password
/// never appears in it: `UserOut` has none).
async fn change(
    admin: Admin,
    tenant: String,
    user: String,
    headers: HeaderMap,
    action: &str,
    edit: impl FnOnce(&mut NewUser),
) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let current = admin.user(t, &user).await?;
    let expect = if_match(&headers, &tag(&current))?.then_some(d.generation);
    let mut spec = NewUser::from_existing(&current);
    edit(&mut spec);
    let u = build(spec, t, Some(&current), &admin).await?;
    let audit = admin.audit(
        Some(t.id),
        action,
        format!("user:{}", u.username),
        Some(UserOut::value(&current)),
        Some(UserOut::value(&u)),
    );
    admin.apply(expect, vec![Change::PutUser(Box::new(u.clone()))], audit).await?;
    Ok(tagged(StatusCode::OK, &UserOut::of(&u), &tag(&u)))
}

#[utoipa::path(delete, path = "/admin/api/v1/tenants/{tenant}/users/{user}", tag = "users",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("user" = String, Path, description = "Username or id", example = "alice"), ("If-Match" = Option<String>, Header, description = "ETag as last read")),
    responses((status = 204, description = "Deleted"), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn delete(admin: Admin, Path((tenant, user)): Path<(String, String)>, headers: HeaderMap) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let u = admin.user(t, &user).await?;
    let expect = if_match(&headers, &tag(&u))?.then_some(d.generation);
    let audit = admin.audit(Some(t.id), "user.delete", format!("user:{}", u.username), Some(UserOut::value(&u)), None);
    admin.apply(expect, vec![Change::DeleteUser(u.id)], audit).await?;
    Ok(no_content())
}
