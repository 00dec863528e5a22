//! An application's credentials: secrets (added → value shown once; removed) and certificates for
//! `private_key_jwt` (PEM, public part only; removed by SHA-256 thumbprint).
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use sigil_core::provisioning as rules;
use utoipa::ToSchema;

use super::applications::{ApplicationOut, NewSecretOut, generated_secret, put};
use super::{Admin, Body, Path, Reply, etag, if_match, tagged};

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SecretIn {
    /// Unix seconds; absent: never expires.
    pub expires_at: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SecretAdded {
    pub secret: NewSecretOut,
    pub application: ApplicationOut,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificateIn {
    /// One or more PEM certificates (public part only).
    pub pem: String,
}

/// A new secret; several may be active at once (rotation).
#[utoipa::path(post, path = "/admin/api/v1/tenants/{tenant}/applications/{client_id}/secrets", tag = "applications", request_body = SecretIn,
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("client_id" = String, Path, example = "web-portal"), ("If-Match" = Option<String>, Header, description = "ETag of the application as last read")),
    responses((status = 201, body = SecretAdded, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn add_secret(
    admin: Admin,
    Path((tenant, client_id)): Path<(String, String)>,
    headers: HeaderMap,
    Body(b): Body<SecretIn>,
) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let current = rules::find_client(&d, t, &client_id)?;
    let expect = if_match(&headers, &etag(current))?.then_some(d.generation);
    if let Some(e) = b.expires_at
        && e <= admin.state.ctx.clock.now()
    {
        return Err(rules::RuleError::new("expires_at", "must be in the future").into());
    }
    let (value, s) = generated_secret(&admin, b.expires_at)?;
    let shown = NewSecretOut { id: s.id, value, expires_at: s.expires_at };
    let c = rules::add_secret(current, s)?;
    let res = put(&admin, expect, current, c.clone(), "application.secret.add").await?;
    let tag = res.headers().get(axum::http::header::ETAG).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    Ok(tagged(StatusCode::CREATED, &SecretAdded { secret: shown, application: ApplicationOut::of(&c) }, &tag))
}

/// Removes a secret; a confidential client keeps at least one (or another credential).
#[utoipa::path(delete, path = "/admin/api/v1/tenants/{tenant}/applications/{client_id}/secrets/{secret_id}", tag = "applications",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("client_id" = String, Path, example = "web-portal"), ("secret_id" = String, Path), ("If-Match" = Option<String>, Header, description = "ETag of the application as last read")),
    responses((status = 200, body = ApplicationOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn remove_secret(
    admin: Admin,
    Path((tenant, client_id, secret_id)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let current = rules::find_client(&d, t, &client_id)?;
    let expect = if_match(&headers, &etag(current))?.then_some(d.generation);
    let c = rules::remove_secret(current, &secret_id)?;
    put(&admin, expect, current, c, "application.secret.remove").await
}

/// Adds certificates; the client authenticates with `private_key_jwt` from then on as well.
#[utoipa::path(post, path = "/admin/api/v1/tenants/{tenant}/applications/{client_id}/certificates", tag = "applications", request_body = CertificateIn,
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("client_id" = String, Path, example = "web-portal"), ("If-Match" = Option<String>, Header, description = "ETag of the application as last read")),
    responses((status = 200, body = ApplicationOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn add_certificate(
    admin: Admin,
    Path((tenant, client_id)): Path<(String, String)>,
    headers: HeaderMap,
    Body(b): Body<CertificateIn>,
) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let current = rules::find_client(&d, t, &client_id)?;
    let expect = if_match(&headers, &etag(current))?.then_some(d.generation);
    let keys = sigil_core::jwk::keys_from_certificates(&b.pem).map_err(|e| rules::RuleError::new("pem", e))?;
    if keys.is_empty() {
        return Err(rules::RuleError::new("pem", "no certificate found").into());
    }
    let c = rules::add_assertion_credentials(current, keys, vec![])?;
    put(&admin, expect, current, c, "application.certificate.add").await
}

#[utoipa::path(delete, path = "/admin/api/v1/tenants/{tenant}/applications/{client_id}/certificates/{thumbprint}", tag = "applications",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("client_id" = String, Path, example = "web-portal"), ("thumbprint" = String, Path, description = "x5t#S256"), ("If-Match" = Option<String>, Header, description = "ETag of the application as last read")),
    responses((status = 200, body = ApplicationOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn remove_certificate(
    admin: Admin,
    Path((tenant, client_id, thumbprint)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let current = rules::find_client(&d, t, &client_id)?;
    let expect = if_match(&headers, &etag(current))?.then_some(d.generation);
    let c = rules::remove_certificate(current, &thumbprint)?;
    put(&admin, expect, current, c, "application.certificate.remove").await
}
