//! `/tenants/{tenant}/applications/{client_id}/federated-credentials`: Entra's workload identity
//! federation. A token of an external issuer whose `iss`, `sub` and `aud` match one of these
//! authenticates the client as a `private_key_jwt` assertion (RFC 7523 §2.2, RFC 7521 §4.2). Listed,
//! added (by name, unique within the application) and removed, under the application's `ETag`.
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use sigil_core::model::{Client, FEDERATED_DEFAULT_AUDIENCE, FederatedCredential};
use sigil_core::provisioning::{self as rules, ProvisioningError};
use sigil_core::store::Change;
use utoipa::ToSchema;

use super::{Admin, Body, Path, Reply, etag, if_match, no_content, tagged};

#[derive(Debug, Serialize, ToSchema)]
pub struct FederatedOut {
    pub name: String,
    /// The external issuer (`iss`), an https URL whose discovery document and JWKS Sigil fetches.
    pub issuer: String,
    /// The `sub` the external token must carry.
    pub subject: String,
    /// The `aud` it must carry (Entra's default `api://AzureADTokenExchange`).
    pub audience: String,
}

impl FederatedOut {
    fn of(f: &FederatedCredential) -> Self {
        Self {
            name: f.name.clone(),
            issuer: f.issuer.clone(),
            subject: f.subject.clone(),
            audience: f.audience.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FederatedList {
    pub items: Vec<FederatedOut>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FederatedIn {
    pub name: String,
    pub issuer: String,
    pub subject: String,
    /// Default `api://AzureADTokenExchange`.
    pub audience: Option<String>,
}

fn list_of(c: &Client) -> FederatedList {
    FederatedList { items: c.federated.iter().map(FederatedOut::of).collect() }
}

/// The application's federated credentials, with the application's `ETag`.
#[utoipa::path(get, path = "/admin/api/v1/tenants/{tenant}/applications/{client_id}/federated-credentials", tag = "applications",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("client_id" = String, Path, example = "web-portal")),
    responses((status = 200, body = FederatedList, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn list(admin: Admin, Path((tenant, client_id)): Path<(String, String)>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant(&d, &tenant)?;
    let c = rules::find_client(&d, t, &client_id)?;
    Ok(tagged(StatusCode::OK, &list_of(c), &etag(c)))
}

/// Adds one; the application authenticates with `private_key_jwt` from then on as well. A name the
/// application already uses is 409.
#[utoipa::path(post, path = "/admin/api/v1/tenants/{tenant}/applications/{client_id}/federated-credentials", tag = "applications", request_body = FederatedIn,
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("client_id" = String, Path, example = "web-portal"), ("If-Match" = Option<String>, Header, description = "ETag of the application as last read")),
    responses((status = 201, body = FederatedOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn add(
    admin: Admin,
    Path((tenant, client_id)): Path<(String, String)>,
    headers: HeaderMap,
    Body(b): Body<FederatedIn>,
) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let current = rules::find_client(&d, t, &client_id)?;
    let expect = if_match(&headers, &etag(current))?.then_some(d.generation);
    if current.federated.iter().any(|f| f.name == b.name) {
        return Err(ProvisioningError::Conflict(format!(
            "application '{}' has a federated credential '{}'",
            current.client_id, b.name
        ))
        .into());
    }
    let f = FederatedCredential {
        name: b.name,
        issuer: b.issuer,
        subject: b.subject,
        audience: b.audience.unwrap_or_else(|| FEDERATED_DEFAULT_AUDIENCE.into()),
    };
    let c = rules::add_assertion_credentials(current, vec![], vec![f.clone()])?;
    let out = FederatedOut::of(&f);
    let audit = admin.audit(
        Some(t.id),
        "application.federated.add",
        format!("application:{}/federated:{}", c.client_id, f.name),
        None,
        serde_json::to_value(&out).ok(),
    );
    admin.apply(expect, vec![Change::PutClient(Box::new(c.clone()))], audit).await?;
    Ok(tagged(StatusCode::CREATED, &out, &etag(&c)))
}

/// Removes one by name (the application must keep a credential for each of its methods).
#[utoipa::path(delete, path = "/admin/api/v1/tenants/{tenant}/applications/{client_id}/federated-credentials/{name}", tag = "applications",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("client_id" = String, Path, example = "web-portal"), ("name" = String, Path), ("If-Match" = Option<String>, Header, description = "ETag of the application as last read")),
    responses((status = 204, description = "Removed"), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn remove(
    admin: Admin,
    Path((tenant, client_id, name)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let current = rules::find_client(&d, t, &client_id)?;
    let expect = if_match(&headers, &etag(current))?.then_some(d.generation);
    let before = current.federated.iter().find(|f| f.name == name).map(FederatedOut::of);
    let c = rules::remove_federated(current, &name)?;
    let audit = admin.audit(
        Some(t.id),
        "application.federated.remove",
        format!("application:{}/federated:{name}", c.client_id),
        before.and_then(|b| serde_json::to_value(b).ok()),
        None,
    );
    admin.apply(expect, vec![Change::PutClient(Box::new(c))], audit).await?;
    Ok(no_content())
}
