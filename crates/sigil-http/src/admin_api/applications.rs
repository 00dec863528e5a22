//! `/tenants/{tenant}/applications`: clients (list, create, get, update incl. redirect URIs,
//! delete). A new confidential client gets a generated secret, shown once in the answer.
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use sigil_core::model::{Client, Permission};
use sigil_core::provisioning::{self as rules, ClientType, NewClient, NewSecret};
use sigil_core::store::Change;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Admin, Body, Page, Path, Query, Reply, etag, if_match, json, no_content, page, tagged};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PermissionDto {
    /// The API's identifier, e.g. `api://reports`.
    pub api: String,
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default)]
    pub scopes: Vec<String>,
}

impl PermissionDto {
    fn of(p: &Permission) -> Self {
        Self { api: p.api.clone(), roles: p.roles.clone(), scopes: p.scopes.clone() }
    }
    fn model(self) -> Permission {
        Permission { api: self.api, roles: self.roles, scopes: self.scopes }
    }
}

/// A secret as listed: never its value (shown once, when added) nor its hash.
#[derive(Debug, Serialize, ToSchema)]
pub struct SecretOut {
    pub id: Uuid,
    /// The first characters of the value.
    pub hint: String,
    pub created_at: i64,
    pub expires_at: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CertificateOut {
    /// SHA-256 thumbprint (`x5t#S256`, base64url): the id to remove it by.
    pub thumbprint: String,
    pub not_after: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationOut {
    pub id: Uuid,
    pub client_id: String,
    pub name: String,
    /// confidential, public or spa.
    #[serde(rename = "type")]
    pub type_: String,
    pub auth_methods: Vec<String>,
    pub grant_types: Vec<String>,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub permissions: Vec<PermissionDto>,
    pub require_pkce: bool,
    pub always_issue_refresh_token: bool,
    pub secrets: Vec<SecretOut>,
    pub certificates: Vec<CertificateOut>,
}

impl ApplicationOut {
    pub fn of(c: &Client) -> Self {
        Self {
            id: c.id,
            client_id: c.client_id.clone(),
            name: c.name.clone(),
            type_: ClientType::of(c).as_str().into(),
            auth_methods: c.auth_methods.iter().map(|m| m.as_str().into()).collect(),
            grant_types: c.grant_types.iter().map(|g| g.as_str().into()).collect(),
            redirect_uris: c.redirect_uris.clone(),
            post_logout_redirect_uris: c.post_logout_redirect_uris.clone(),
            permissions: c.permissions.iter().map(PermissionDto::of).collect(),
            require_pkce: c.require_pkce,
            always_issue_refresh_token: c.always_issue_refresh_token,
            secrets: c
                .secrets
                .iter()
                .map(|s| SecretOut {
                    id: s.id,
                    hint: s.hint.clone(),
                    created_at: s.created_at,
                    expires_at: s.expires_at,
                })
                .collect(),
            certificates: c
                .keys
                .iter()
                .filter_map(|k| k.x5t_s256.clone().map(|t| CertificateOut { thumbprint: t, not_after: k.not_after }))
                .collect(),
        }
    }
    pub fn value(c: &Client) -> serde_json::Value {
        serde_json::to_value(Self::of(c)).unwrap_or_default()
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationList {
    pub items: Vec<ApplicationOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// A secret's value, in the one answer that shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewSecretOut {
    pub id: Uuid,
    /// Shown once: store it now. Sigil keeps only a keyed hash.
    pub value: String,
    pub expires_at: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationCreated {
    pub application: ApplicationOut,
    /// A confidential client's first secret (shown once).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<NewSecretOut>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationIn {
    pub client_id: String,
    pub name: Option<String>,
    /// confidential (web app, daemon, API), public (native) or spa.
    #[serde(rename = "type")]
    pub type_: String,
    /// authorization_code, client_credentials, refresh_token, password, device_code, jwt_bearer, token_exchange.
    pub grant_types: Vec<String>,
    #[serde(default)]
    pub redirect_uris: Vec<String>,
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
    #[serde(default)]
    pub permissions: Vec<PermissionDto>,
    /// Only a confidential client may turn PKCE off.
    pub require_pkce: Option<bool>,
    #[serde(default)]
    pub always_issue_refresh_token: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationPatch {
    pub name: Option<String>,
    pub grant_types: Option<Vec<String>>,
    pub redirect_uris: Option<Vec<String>>,
    pub post_logout_redirect_uris: Option<Vec<String>>,
    pub permissions: Option<Vec<PermissionDto>>,
    pub require_pkce: Option<bool>,
    pub always_issue_refresh_token: Option<bool>,
}

/// A generated secret: 256 random bits, base64url.
pub fn generated_secret(
    admin: &Admin,
    expires_at: Option<i64>,
) -> Result<(String, sigil_core::model::ClientSecret), super::Failure> {
    let ctx = &admin.state.ctx;
    let value = sigil_core::rng::token_256(ctx.rng.as_ref());
    let s = NewSecret { value: value.clone(), expires_at }.build(
        "secret",
        &ctx.master,
        ctx.rng.as_ref(),
        ctx.clock.now(),
        &[],
    )?;
    Ok((value, s))
}

#[utoipa::path(get, path = "/admin/api/v1/tenants/{tenant}/applications", tag = "applications",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), Page),
    responses((status = 200, body = ApplicationList), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn list(admin: Admin, Path(tenant): Path<String>, Query(p): Query<Page>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant(&d, &tenant)?;
    let clients: Vec<&Client> = d.clients.iter().filter(|c| c.tenant_id == t.id).collect();
    let (items, next_cursor) = page(clients, &p, |c| c.client_id.clone())?;
    Ok(json(
        StatusCode::OK,
        &ApplicationList { items: items.into_iter().map(ApplicationOut::of).collect(), next_cursor },
    ))
}

#[utoipa::path(post, path = "/admin/api/v1/tenants/{tenant}/applications", tag = "applications", request_body = ApplicationIn,
    params(("tenant" = String, Path, description = "Name or id", example = "contoso")),
    responses((status = 201, body = ApplicationCreated, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn create(admin: Admin, Path(tenant): Path<String>, Body(b): Body<ApplicationIn>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    if rules::find_client(&d, t, &b.client_id).is_ok() {
        return Err(rules::ProvisioningError::Conflict(format!("client '{}'", b.client_id)).into());
    }
    let kind = rules::client_type(&b.type_)?;
    let mut spec = NewClient::new(b.client_id, kind.confidential(), b.grant_types);
    spec.spa = kind.spa();
    spec.name = b.name;
    spec.redirect_uris = b.redirect_uris;
    spec.post_logout_redirect_uris = b.post_logout_redirect_uris;
    spec.permissions = b.permissions.into_iter().map(PermissionDto::model).collect();
    spec.require_pkce = b.require_pkce.unwrap_or(true);
    spec.always_issue_refresh_token = b.always_issue_refresh_token;
    let mut shown = None;
    if kind.confidential() {
        let (value, s) = generated_secret(&admin, None)?;
        shown = Some(NewSecretOut { id: s.id, value, expires_at: None });
        spec.secrets = vec![s];
    }
    let c = spec.build(t, &rules::tenant_apis(&d, t), None, admin.state.ctx.rng.as_ref())?;
    let audit = admin.audit(
        Some(t.id),
        "application.create",
        format!("application:{}", c.client_id),
        None,
        Some(ApplicationOut::value(&c)),
    );
    admin.apply(None, vec![Change::PutClient(Box::new(c.clone()))], audit).await?;
    let body = ApplicationCreated { application: ApplicationOut::of(&c), secret: shown };
    Ok(tagged(StatusCode::CREATED, &body, &etag(&c)))
}

#[utoipa::path(get, path = "/admin/api/v1/tenants/{tenant}/applications/{client_id}", tag = "applications",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("client_id" = String, Path, example = "web-portal")),
    responses((status = 200, body = ApplicationOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn get(admin: Admin, Path((tenant, client_id)): Path<(String, String)>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant(&d, &tenant)?;
    let c = rules::find_client(&d, t, &client_id)?;
    Ok(tagged(StatusCode::OK, &ApplicationOut::of(c), &etag(c)))
}

#[utoipa::path(patch, path = "/admin/api/v1/tenants/{tenant}/applications/{client_id}", tag = "applications", request_body = ApplicationPatch,
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("client_id" = String, Path, example = "web-portal"), ("If-Match" = Option<String>, Header, description = "ETag as last read")),
    responses((status = 200, body = ApplicationOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn update(
    admin: Admin,
    Path((tenant, client_id)): Path<(String, String)>,
    headers: HeaderMap,
    Body(b): Body<ApplicationPatch>,
) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let current = rules::find_client(&d, t, &client_id)?;
    let expect = if_match(&headers, &etag(current))?.then_some(d.generation);
    let mut spec = NewClient::from_existing(current);
    if b.name.is_some() {
        spec.name = b.name;
    }
    if let Some(x) = b.grant_types {
        spec.grant_types = x;
    }
    if let Some(x) = b.redirect_uris {
        spec.redirect_uris = x;
    }
    if let Some(x) = b.post_logout_redirect_uris {
        spec.post_logout_redirect_uris = x;
    }
    if let Some(x) = b.permissions {
        spec.permissions = x.into_iter().map(PermissionDto::model).collect();
    }
    if let Some(x) = b.require_pkce {
        spec.require_pkce = x;
    }
    if let Some(x) = b.always_issue_refresh_token {
        spec.always_issue_refresh_token = x;
    }
    let c = spec.build(t, &rules::tenant_apis(&d, t), Some(current), admin.state.ctx.rng.as_ref())?;
    put(&admin, expect, current, c, "application.update").await
}

/// Writes a changed client with its audit entry and answers it with its new `ETag`.
pub async fn put(admin: &Admin, expect: Option<i64>, before: &Client, c: Client, action: &str) -> Reply {
    let audit = admin.audit(
        Some(c.tenant_id),
        action,
        format!("application:{}", c.client_id),
        Some(ApplicationOut::value(before)),
        Some(ApplicationOut::value(&c)),
    );
    admin.apply(expect, vec![Change::PutClient(Box::new(c.clone()))], audit).await?;
    Ok(tagged(StatusCode::OK, &ApplicationOut::of(&c), &etag(&c)))
}

#[utoipa::path(delete, path = "/admin/api/v1/tenants/{tenant}/applications/{client_id}", tag = "applications",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("client_id" = String, Path, example = "web-portal"), ("If-Match" = Option<String>, Header, description = "ETag as last read")),
    responses((status = 204, description = "Deleted"), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn delete(admin: Admin, Path((tenant, client_id)): Path<(String, String)>, headers: HeaderMap) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let c = rules::find_client(&d, t, &client_id)?;
    let expect = if_match(&headers, &etag(c))?.then_some(d.generation);
    let audit = admin.audit(
        Some(t.id),
        "application.delete",
        format!("application:{}", c.client_id),
        Some(ApplicationOut::value(c)),
        None,
    );
    admin.apply(expect, vec![Change::DeleteClient(c.id)], audit).await?;
    Ok(no_content())
}
