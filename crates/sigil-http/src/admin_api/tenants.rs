//! `/tenants`: list, create (with its signing keys), get, update, delete.
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use sigil_core::model::{MfaPolicy, RegistrationPolicy, Tenant};
use sigil_core::provisioning::{self as rules, NewTenant};
use sigil_core::store::Change;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Admin, Body, Page, Path, Query, Reply, etag, if_match, json, no_content, page, tagged};

#[derive(Debug, Serialize, ToSchema)]
pub struct TenantOut {
    pub id: Uuid,
    pub name: String,
    pub display_name: String,
    pub default_locale: String,
    pub signing_alg: String,
    pub allow_plain_pkce: bool,
    pub issuer_uses_name: bool,
    /// Dynamic client registration policy (docs/provisioning.md).
    #[schema(value_type = Object)]
    pub registration: serde_json::Value,
    /// Multi-factor authentication for every user: `off` or `required`.
    pub mfa: String,
    /// RFC 7523 §2.1 issuers whose assertions are accepted as authorization grants (the
    /// `[[tenant.trusted_issuer]]` entries of the import file).
    #[schema(value_type = Vec<Object>)]
    pub trusted_issuers: serde_json::Value,
    /// Session lifetimes and "Stay signed in?" (`[tenant.session]`, docs/sign-in-policies.md).
    #[schema(value_type = Object)]
    pub session: serde_json::Value,
    /// Logo address, colours, sign-in text and links (`[tenant.branding]`, docs/branding.md).
    #[schema(value_type = Object)]
    pub branding: serde_json::Value,
    /// The uploaded logo, served from `/{tenant}/branding/logo`; absent when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<LogoOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LogoOut {
    /// image/png, image/jpeg or image/webp.
    pub content_type: String,
    pub bytes: usize,
}

impl TenantOut {
    pub fn of(t: &Tenant) -> Self {
        Self {
            id: t.id,
            name: t.name.clone(),
            display_name: t.display_name.clone(),
            default_locale: t.default_locale.clone(),
            signing_alg: t.signing_alg.as_str().into(),
            allow_plain_pkce: t.allow_plain_pkce,
            issuer_uses_name: t.issuer_uses_name,
            registration: serde_json::to_value(&t.registration).unwrap_or_default(),
            mfa: t.mfa.as_str().into(),
            trusted_issuers: serde_json::to_value(&t.trusted_issuers).unwrap_or_default(),
            session: serde_json::to_value(&t.session).unwrap_or_default(),
            branding: serde_json::to_value(&t.branding).unwrap_or_default(),
            logo: t
                .branding
                .logo
                .as_ref()
                .map(|l| LogoOut { content_type: l.content_type.into(), bytes: l.bytes.len() }),
        }
    }
    fn value(t: &Tenant) -> serde_json::Value {
        serde_json::to_value(Self::of(t)).unwrap_or_default()
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TenantList {
    pub items: Vec<TenantOut>,
    /// Absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TenantIn {
    pub name: String,
    pub display_name: Option<String>,
    /// en, ru, zh-CN, sl, ar or ro.
    pub default_locale: Option<String>,
    /// ES256 (default), RS256 or EdDSA.
    pub signing_alg: Option<String>,
    #[serde(default)]
    pub allow_plain_pkce: bool,
    #[serde(default)]
    pub issuer_uses_name: bool,
    /// `off` (default) or `required`.
    pub mfa: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TenantPatch {
    pub display_name: Option<String>,
    pub default_locale: Option<String>,
    pub allow_plain_pkce: Option<bool>,
    pub issuer_uses_name: Option<bool>,
    #[schema(value_type = Option<Object>)]
    pub registration: Option<serde_json::Value>,
    /// `off` or `required`.
    pub mfa: Option<String>,
    /// Replaces the trusted issuers (`[]` removes them): each `issuer`, `jwks_uri` or `jwks`, and
    /// what its assertions may ask for (docs/provisioning.md).
    #[schema(value_type = Option<Vec<Object>>)]
    pub trusted_issuers: Option<serde_json::Value>,
    /// Replaces the session policy: `stay_signed_in` (`ask`, `never`, `always`), `lifetime`,
    /// `persistent_lifetime` in seconds.
    #[schema(value_type = Option<Object>)]
    pub session: Option<serde_json::Value>,
    /// Replaces the branding (`logo_url`, `primary_color`, `background_color`, `signin_text`,
    /// `privacy_url`, `terms_url`); an uploaded logo is kept.
    #[schema(value_type = Option<Object>)]
    pub branding: Option<serde_json::Value>,
    /// An uploaded logo as standard base64 (PNG, JPEG or WebP, at most 100 KiB); `""` removes it.
    pub logo_base64: Option<String>,
}

/// `off` or `required`, as the import file and the CLI take it.
fn mfa_policy(value: Option<&str>) -> Result<Option<MfaPolicy>, rules::RuleError> {
    value
        .map(|m| {
            MfaPolicy::parse(m)
                .ok_or_else(|| rules::RuleError::new("mfa", "expected 'off', 'required' or 'unfamiliar'"))
        })
        .transpose()
}

/// The tenants this caller reaches, by name.
#[utoipa::path(get, path = "/admin/api/v1/tenants", tag = "tenants", params(Page),
    responses((status = 200, body = TenantList), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn list(admin: Admin, Query(p): Query<Page>) -> Reply {
    let d = admin.directory().await?;
    let mine: Vec<&Tenant> = d.tenants.iter().filter(|t| admin.who.read(t.id).is_ok()).collect();
    let (items, next_cursor) = page(mine, &p, |t| t.name.to_ascii_lowercase())?;
    Ok(json(StatusCode::OK, &TenantList { items: items.into_iter().map(TenantOut::of).collect(), next_cursor }))
}

/// A new tenant with its signing keys (installation-wide: the bootstrap token or a global admin).
#[utoipa::path(post, path = "/admin/api/v1/tenants", tag = "tenants", request_body = TenantIn,
    responses((status = 201, body = TenantOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn create(admin: Admin, Body(b): Body<TenantIn>) -> Reply {
    admin.who.change_global()?;
    let d = admin.directory().await?;
    if rules::find_tenant(&d, &b.name).is_ok() {
        return Err(rules::ProvisioningError::Conflict(format!("tenant '{}'", b.name)).into());
    }
    let spec = NewTenant {
        name: b.name,
        display_name: b.display_name,
        default_locale: b.default_locale,
        signing_alg: b.signing_alg,
        allow_plain_pkce: b.allow_plain_pkce,
        issuer_uses_name: b.issuer_uses_name,
        registration: RegistrationPolicy::default(),
        mfa: mfa_policy(b.mfa.as_deref())?.unwrap_or_default(),
        trusted_issuers: vec![],
        session: Default::default(),
        branding: Default::default(),
    };
    let ctx = &admin.state.ctx;
    let t = spec.build(None, ctx.rng.as_ref())?;
    let mut changes = vec![Change::PutTenant(t.clone())];
    changes.extend(
        rules::tenant_keys(&ctx.master, ctx.rng.as_ref(), &t, ctx.clock.now())
            .map_err(|e| sigil_core::error::SigilError::internal(format!("signing keys: {e:?}")))?,
    );
    let audit =
        admin.audit(Some(t.id), "tenant.create", format!("tenant:{}", t.name), None, Some(TenantOut::value(&t)));
    admin.apply(None, changes, audit).await?;
    Ok(tagged(StatusCode::CREATED, &TenantOut::of(&t), &etag(&t)))
}

#[utoipa::path(get, path = "/admin/api/v1/tenants/{tenant}", tag = "tenants",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso")),
    responses((status = 200, body = TenantOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn get(admin: Admin, Path(name): Path<String>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant(&d, &name)?;
    Ok(tagged(StatusCode::OK, &TenantOut::of(t), &etag(t)))
}

#[utoipa::path(patch, path = "/admin/api/v1/tenants/{tenant}", tag = "tenants", request_body = TenantPatch,
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("If-Match" = Option<String>, Header, description = "ETag of the tenant as last read")),
    responses((status = 200, body = TenantOut, headers(("ETag" = String))), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn update(admin: Admin, Path(name): Path<String>, headers: HeaderMap, Body(b): Body<TenantPatch>) -> Reply {
    let d = admin.directory().await?;
    let current = admin.tenant_to_change(&d, &name)?;
    let expect = if_match(&headers, &etag(current))?.then_some(d.generation);
    let mut spec = NewTenant::from_existing(current);
    if b.display_name.is_some() {
        spec.display_name = b.display_name;
    }
    if b.default_locale.is_some() {
        spec.default_locale = b.default_locale;
    }
    if let Some(x) = b.allow_plain_pkce {
        spec.allow_plain_pkce = x;
    }
    if let Some(x) = b.issuer_uses_name {
        spec.issuer_uses_name = x;
    }
    if let Some(m) = mfa_policy(b.mfa.as_deref())? {
        spec.mfa = m;
    }
    if let Some(l) = b.trusted_issuers {
        spec.trusted_issuers =
            serde_json::from_value(l).map_err(|e| rules::RuleError::new("trusted_issuers", e.to_string()))?;
    }
    if let Some(r) = b.registration {
        spec.registration =
            serde_json::from_value(r).map_err(|e| rules::RuleError::new("registration", e.to_string()))?;
    }
    if let Some(x) = b.session {
        spec.session = serde_json::from_value(x).map_err(|e| rules::RuleError::new("session", e.to_string()))?;
    }
    if let Some(x) = b.branding {
        let logo = spec.branding.logo.take();
        spec.branding = serde_json::from_value(x).map_err(|e| rules::RuleError::new("branding", e.to_string()))?;
        spec.branding.logo = logo;
    }
    if let Some(x) = b.logo_base64 {
        spec.branding.logo = if x.is_empty() {
            None
        } else {
            let bytes = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, x.trim())
                .map_err(|e| rules::RuleError::new("logo_base64", format!("not base64: {e}")))?;
            Some(sigil_core::branding::Logo::new(bytes).map_err(|e| rules::RuleError::new("logo_base64", e.message))?)
        };
    }
    let t = spec.build(Some(current), admin.state.ctx.rng.as_ref())?;
    let audit = admin.audit(
        Some(t.id),
        "tenant.update",
        format!("tenant:{}", t.name),
        Some(TenantOut::value(current)),
        Some(TenantOut::value(&t)),
    );
    admin.apply(expect, vec![Change::PutTenant(t.clone())], audit).await?;
    Ok(tagged(StatusCode::OK, &TenantOut::of(&t), &etag(&t)))
}

/// The tenant and everything in it (installation-wide).
#[utoipa::path(delete, path = "/admin/api/v1/tenants/{tenant}", tag = "tenants",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso"), ("If-Match" = Option<String>, Header, description = "ETag of the tenant as last read")),
    responses((status = 204, description = "Deleted"), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn delete(admin: Admin, Path(name): Path<String>, headers: HeaderMap) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant(&d, &name)?;
    admin.who.change_global()?;
    let expect = if_match(&headers, &etag(t))?.then_some(d.generation);
    let audit = admin.audit(Some(t.id), "tenant.delete", format!("tenant:{}", t.name), Some(TenantOut::value(t)), None);
    admin.apply(expect, vec![Change::DeleteTenant(t.id)], audit).await?;
    Ok(no_content())
}
