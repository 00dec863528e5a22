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

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
