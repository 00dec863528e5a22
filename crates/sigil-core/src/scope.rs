//! Scope parsing and resolution (RFC 6749 §3.3). API scopes are `<api identifier>/<name>`;
//! `<api identifier>/.default` means everything the client holds on that API.
use crate::catalog;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::model::Client;
use crate::params::sanitize;

pub const OIDC_SCOPES: [&str; 4] = ["openid", "profile", "email", "offline_access"];

/// §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), separated by single spaces.
pub fn parse(scope: &str) -> Result<Vec<String>, SigilError> {
    let mut out: Vec<String> = Vec::new();
    for t in scope.split(' ').filter(|t| !t.is_empty()) {
        if !t.bytes().all(|b| matches!(b, 0x21 | 0x23..=0x5B | 0x5D..=0x7E)) {
            return Err(SigilError::new(
                catalog::INVALID_SCOPE,
                "scope contains characters outside RFC 6749 section 3.3",
            )
            .arg("scope", sanitize(t)));
        }
        if !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    }
    Ok(out)
}

fn split_api(token: &str) -> Option<(&str, &str)> {
    token.rsplit_once('/').filter(|(api, name)| !api.is_empty() && !name.is_empty())
}

/// Application permissions for client credentials: the API (the token's `aud`) and the roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppScope {
    pub api: String,
    pub roles: Vec<String>,
}

pub fn resolve_app(view: &TenantView, client: &Client, scope: &str) -> Result<AppScope, SigilError> {
    let tokens = parse(scope)?;
    if tokens.is_empty() {
        return Err(SigilError::missing("scope"));
    }
    let mut api_id: Option<&str> = None;
    let mut roles: Vec<String> = Vec::new();
    for t in &tokens {
        let Some((api, name)) = split_api(t) else {
            return Err(SigilError::new(catalog::INVALID_SCOPE, format!("'{}' names no API", sanitize(t)))
                .arg("scope", sanitize(t)));
        };
        match api_id {
            Some(prev) if prev != api => {
                return Err(SigilError::new(
                    catalog::MULTIPLE_RESOURCES,
                    format!("scopes for '{prev}' and '{}'", sanitize(api)),
                ));
            }
            _ => api_id = Some(api),
        }
        let Some(def) = view.apis.get(api) else {
            return Err(SigilError::new(catalog::API_NOT_FOUND, format!("no API '{}' in tenant", sanitize(api)))
                .arg("api", sanitize(api)));
        };
        let held = client.permission(&def.identifier).map(|p| p.roles.as_slice()).unwrap_or_default();
        if held.is_empty() {
            return Err(SigilError::new(
                catalog::NO_PERMISSION_ON_API,
                format!("client holds no application role on '{}'", def.identifier),
            )
            .arg("api", def.identifier.clone()));
        }
        if name == ".default" {
            roles.extend(held.iter().cloned());
        } else if !def.roles.iter().any(|r| r == name) {
            return Err(SigilError::new(
                catalog::INVALID_SCOPE,
                format!("API '{}' defines no role '{}'", def.identifier, sanitize(name)),
            )
            .arg("scope", sanitize(t)));
        } else if !held.iter().any(|r| r == name) {
            return Err(SigilError::new(
                catalog::SCOPE_NOT_GRANTED,
                format!("role '{}' not granted to the client", sanitize(name)),
            )
            .arg("scope", sanitize(t)));
        } else {
            roles.push(name.to_string());
        }
    }
    roles.sort();
    roles.dedup();
    Ok(AppScope { api: api_id.unwrap_or_default().to_string(), roles })
}

/// Delegated permissions for user flows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserScope {
    /// OpenID Connect scopes present (`openid`, `profile`, `email`, `offline_access`).
    pub oidc: Vec<String>,
    pub api: Option<String>,
    /// Delegated scope names on `api`.
    pub scopes: Vec<String>,
}

impl UserScope {
    pub fn has(&self, s: &str) -> bool {
        self.oidc.iter().any(|o| o == s)
    }
    /// Normalized, as stored in grants and returned in `scope`.
    pub fn to_scope_string(&self) -> String {
        let mut parts: Vec<String> = self.oidc.clone();
        if let Some(api) = &self.api {
            parts.extend(self.scopes.iter().map(|s| format!("{api}/{s}")));
        }
        parts.join(" ")
    }
    /// The scopes in the access token's `scope` claim: delegated API scopes, else the OIDC ones.
    pub fn access_token_scope(&self) -> String {
        if self.api.is_some() { self.scopes.join(" ") } else { self.oidc.join(" ") }
    }
}

pub fn resolve_user(view: &TenantView, client: &Client, scope: &str) -> Result<UserScope, SigilError> {
    let mut out = UserScope::default();
    for t in parse(scope)? {
        if OIDC_SCOPES.contains(&t.as_str()) {
            out.oidc.push(t);
            continue;
        }
        let Some((api, name)) = split_api(&t) else {
            return Err(SigilError::new(catalog::INVALID_SCOPE, format!("unknown scope '{}'", sanitize(&t)))
                .arg("scope", sanitize(&t)));
        };
        if let Some(prev) = &out.api
            && prev != api
        {
            return Err(SigilError::new(
                catalog::MULTIPLE_RESOURCES,
                format!("scopes for '{prev}' and '{}'", sanitize(api)),
            ));
        }
        let Some(def) = view.apis.get(api) else {
            return Err(SigilError::new(catalog::API_NOT_FOUND, format!("no API '{}' in tenant", sanitize(api)))
                .arg("api", sanitize(api)));
        };
        let held = client.permission(&def.identifier).map(|p| p.scopes.as_slice()).unwrap_or_default();
        if held.is_empty() {
            return Err(SigilError::new(
                catalog::NO_PERMISSION_ON_API,
                format!("client holds no delegated scope on '{}'", def.identifier),
            )
            .arg("api", def.identifier.clone()));
        }
        out.api = Some(def.identifier.clone());
        if name == ".default" {
            out.scopes.extend(held.iter().cloned());
        } else if !def.scopes.iter().any(|s| s == name) {
            return Err(SigilError::new(
                catalog::INVALID_SCOPE,
                format!("API '{}' defines no scope '{}'", def.identifier, sanitize(name)),
            )
            .arg("scope", sanitize(&t)));
        } else if !held.iter().any(|s| s == name) {
            return Err(SigilError::new(
                catalog::SCOPE_NOT_GRANTED,
                format!("scope '{}' not granted to the client", sanitize(name)),
            )
            .arg("scope", sanitize(&t)));
        } else {
            out.scopes.push(name.to_string());
        }
    }
    out.scopes.sort();
    out.scopes.dedup();
    Ok(out)
}

/// On refresh, a narrower scope is allowed; anything beyond the original grant is `invalid_scope`.
pub fn narrow(granted: &str, requested: Option<&str>) -> Result<String, SigilError> {
    let Some(requested) = requested else { return Ok(granted.to_string()) };
    let granted_set = parse(granted)?;
    // `<api>/.default` on refresh means "what the grant holds on that API" (as MSAL asks for it).
    let mut req: Vec<String> = Vec::new();
    for r in parse(requested)? {
        match r.strip_suffix("/.default") {
            Some(api) => {
                let held = granted_set.iter().filter(|g| g.rsplit_once('/').is_some_and(|(a, _)| a == api));
                let before = req.len();
                req.extend(held.cloned());
                if req.len() == before {
                    req.push(r);
                }
            }
            None => req.push(r),
        }
    }
    if let Some(extra) = req.iter().find(|r| !granted_set.contains(r)) {
        return Err(SigilError::new(
            catalog::SCOPE_NOT_GRANTED,
            format!("'{}' is beyond the original grant", sanitize(extra)),
        )
        .arg("scope", sanitize(extra))
        // MSAL classifies this suberror as "interaction required": the app prompts for consent.
        .suberror("consent_required"));
    }
    Ok(req.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrowing_on_refresh() {
        let g = "openid offline_access api://reports/Reports.Read api://reports/Reports.Export";
        assert_eq!(narrow(g, None).unwrap(), g);
        assert_eq!(narrow(g, Some("openid api://reports/Reports.Read")).unwrap(), "openid api://reports/Reports.Read");
        assert_eq!(
            narrow(g, Some("api://reports/.default offline_access")).unwrap(),
            "api://reports/Reports.Read api://reports/Reports.Export offline_access"
        );
        let e = narrow(g, Some("openid email")).unwrap_err();
        assert_eq!((e.entry.code, e.suberror), (88000012, Some("consent_required")));
        assert_eq!(narrow(g, Some("api://billing/.default")).unwrap_err().entry.code, 88000012);
    }
}
