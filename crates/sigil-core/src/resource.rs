//! Resource indicators (RFC 8707). A `resource` value names an API of the tenant by its
//! identifier, compared exactly (e.g. `resource=api://reports` is the API `api://reports`): an
//! API's identifier is the URI its access tokens carry as `aud`, so the resource a client names is
//! the audience it gets.
use crate::catalog;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::model::{Api, Client};
use crate::params::{Params, sanitize};
use crate::scope::OIDC_SCOPES;

/// What the client must hold on an API for it to be a target it may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holding {
    /// Application roles (client credentials).
    Roles,
    /// Delegated scopes (user flows).
    Scopes,
}

fn invalid(resource: &str, why: String) -> SigilError {
    SigilError::new(catalog::INVALID_TARGET, why).arg("resource", sanitize(resource))
}

/// RFC 8707 §2: "an absolute URI, as specified by Section 4.3 of RFC 3986 … MUST NOT include a
/// fragment component". Then the API with that identifier, which the client must hold something
/// on; anything else is `invalid_target` ("the requested resource is invalid, missing, unknown").
pub fn api<'v>(view: &'v TenantView, client: &Client, resource: &str, holding: Holding) -> Result<&'v Api, SigilError> {
    match url::Url::parse(resource) {
        Ok(u) if u.fragment().is_none() && !resource.contains('#') => {}
        _ => {
            return Err(invalid(resource, format!("'{}' is not an absolute URI without fragment", sanitize(resource))));
        }
    }
    let Some(api) = view.apis.get(resource) else {
        return Err(invalid(resource, format!("no API '{}' in tenant", sanitize(resource))));
    };
    let held = client.permission(&api.identifier).map(|p| match holding {
        Holding::Roles => p.roles.as_slice(),
        Holding::Scopes => p.scopes.as_slice(),
    });
    if held.is_none_or(<[String]>::is_empty) {
        return Err(invalid(resource, format!("client holds nothing on '{}'", api.identifier)));
    }
    Ok(api)
}

/// Every `resource` of an authorization request, each checked by [`api`] (§2.1: several make one
/// grant covering them).
pub fn apis<'v>(view: &'v TenantView, client: &Client, params: &Params) -> Result<Vec<&'v Api>, SigilError> {
    params.resources().iter().map(|r| api(view, client, r, Holding::Scopes)).collect()
}

/// The one resource of a token request (§2.2: an access token is for one audience here; several
/// are `invalid_target`, as the RFC allows when the server cannot issue one token for them all).
pub fn one<'v>(
    view: &'v TenantView,
    client: &Client,
    params: &Params,
    holding: Holding,
) -> Result<Option<&'v Api>, SigilError> {
    match params.resources() {
        [] => Ok(None),
        [r] => api(view, client, r, holding).map(Some),
        [first, ..] => {
            Err(invalid(first, format!("{} resource values; a token request names one", params.resources().len())))
        }
    }
}

/// The part of a granted scope string that an access token for `api` carries: the OpenID Connect
/// scopes and the scopes on that API. None when the grant holds nothing on it (§2.2: the resource
/// must be one the grant covers).
pub fn narrow_to(granted: &str, api: &str) -> Option<String> {
    let mut on_api = false;
    let kept: Vec<&str> = granted
        .split(' ')
        .filter(|t| {
            let mine = t.rsplit_once('/').is_some_and(|(a, _)| a == api);
            on_api |= mine;
            mine || OIDC_SCOPES.contains(t)
        })
        .collect();
    on_api.then(|| kept.join(" "))
}

/// [`narrow_to`] or `invalid_target`.
pub fn narrow_grant(granted: &str, api: &str) -> Result<String, SigilError> {
    narrow_to(granted, api).ok_or_else(|| invalid(api, format!("the grant holds no scope on '{api}'")))
}

/// The scopes of the access token a code redemption or a refresh issues from `granted` (RFC 8707
/// §2.2): those of the named resource; without one, Entra's rule of one API per token: the first
/// API the grant names (a grant from one API's scopes is unchanged).
pub fn for_token(granted: &str, resource: Option<&Api>) -> Result<String, SigilError> {
    match resource {
        Some(api) => narrow_grant(granted, &api.identifier),
        None => Ok(granted
            .split(' ')
            .find_map(|t| t.rsplit_once('/').map(|(a, _)| a))
            .and_then(|first| narrow_to(granted, first))
            .unwrap_or_else(|| granted.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use uuid::Uuid;

    use super::*;
    use crate::keys::KeySet;
    use crate::model::{GrantType, Permission, SigningAlg, Tenant};
    use crate::scope::resolve_user_across;

    fn view() -> (TenantView, Client) {
        let tenant = Tenant {
            id: Uuid::nil(),
            name: "t".into(),
            display_name: "t".into(),
            default_locale: "en".into(),
            signing_alg: SigningAlg::ES256,
            allow_plain_pkce: false,
            issuer_uses_name: false,
            registration: Default::default(),
            mfa: Default::default(),
            trusted_issuers: vec![],
            session: Default::default(),
            branding: Default::default(),
        };
        let api = |id: &str, scopes: &[&str], roles: &[&str]| Api {
            id: Uuid::new_v4(),
            tenant_id: tenant.id,
            name: id.into(),
            identifier: id.into(),
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
            roles: roles.iter().map(|s| s.to_string()).collect(),
            scope_descriptions: Default::default(),
            claims: Default::default(),
        };
        let apis = [
            api("api://reports", &["Read", "Export"], &["Read.All"]),
            api("api://billing", &["Invoices"], &[]),
            api("api://hr", &["People"], &[]),
        ];
        let perm = |a: &str, scopes: &[&str], roles: &[&str]| Permission {
            api: a.into(),
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
            roles: roles.iter().map(|s| s.to_string()).collect(),
        };
        let client = Client {
            permissions: vec![
                perm("api://reports", &["Read", "Export"], &["Read.All"]),
                perm("api://billing", &["Invoices"], &[]),
            ],
            ..crate::model::test_client(true, &[GrantType::AuthorizationCode], &["http://127.0.0.1/cb"])
        };
        let view = TenantView {
            tenant,
            clients: HashMap::new(),
            apis: apis.into_iter().map(|a| (a.identifier.clone(), a)).collect(),
            keys: KeySet::new(vec![], 0, 0),
            discovery: Default::default(),
            spa_origins: Default::default(),
            groups: Default::default(),
        };
        (view, client)
    }

    #[test]
    fn a_resource_is_an_api_identifier_the_client_holds_something_on() {
        let (v, c) = view();
        let code = |r: &str, h| api(&v, &c, r, h).map(|a| a.identifier.clone()).map_err(|e| e.entry.code);
        assert_eq!(code("api://reports", Holding::Roles), Ok("api://reports".into()));
        assert_eq!(code("api://billing", Holding::Scopes), Ok("api://billing".into()));
        // No role on billing, nothing at all on hr, no such API, not absolute, a fragment.
        for (r, h) in [
            ("api://billing", Holding::Roles),
            ("api://hr", Holding::Scopes),
            ("api://nope", Holding::Scopes),
            ("reports", Holding::Scopes),
            ("api://reports#x", Holding::Scopes),
            ("api://reports/", Holding::Scopes),
        ] {
            assert_eq!(code(r, h), Err(88000210), "{r}");
        }
    }

    #[test]
    fn several_resources_make_one_scope_across_apis() {
        let (v, c) = view();
        let s = resolve_user_across(&v, &c, "openid api://reports/Read", &["api://billing", "api://reports"]).unwrap();
        // The first resource is the token's API; a resource no scope names brings its .default.
        assert_eq!((s.api.as_deref(), s.scopes.as_slice()), (Some("api://billing"), &["Invoices".to_string()][..]));
        assert_eq!(s.to_scope_string(), "openid api://billing/Invoices api://reports/Read");
        // A scope of an API no resource names.
        let e = resolve_user_across(&v, &c, "api://billing/Invoices", &["api://reports"]).unwrap_err();
        assert_eq!(e.entry.code, 88000210);
        // Without resources, Entra's rule stays: one API per request.
        let e = resolve_user_across(&v, &c, "api://reports/Read api://billing/Invoices", &[]).unwrap_err();
        assert_eq!(e.entry.code, 28000);
    }

    #[test]
    fn narrowing_keeps_oidc_scopes_and_the_one_api() {
        let g = "openid offline_access api://reports/Reports.Read api://billing/Invoices.Read api://reports/Export";
        assert_eq!(
            narrow_to(g, "api://reports").unwrap(),
            "openid offline_access api://reports/Reports.Read api://reports/Export"
        );
        assert_eq!(narrow_to(g, "api://billing").unwrap(), "openid offline_access api://billing/Invoices.Read");
        assert_eq!(narrow_to(g, "api://hr"), None);
        // A prefix of another API's identifier is not that API.
        assert_eq!(narrow_to("api://reports2/Read", "api://reports"), None);
        assert_eq!(narrow_grant(g, "api://hr").unwrap_err().entry.code, 88000210);
        assert_eq!(for_token(g, None).unwrap(), narrow_to(g, "api://reports").unwrap());
        assert_eq!(for_token("openid profile", None).unwrap(), "openid profile");
    }
}
