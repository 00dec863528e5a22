//! Scope parsing and resolution (RFC 6749 §3.3). API scopes are `<api identifier>/<name>`;
//! `<api identifier>/.default` means everything the client holds on that API.
use std::collections::HashSet;

use crate::catalog;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::limits::{MAX_SCOPE_BYTES, MAX_SCOPE_VALUES};
use crate::model::Client;
use crate::params::sanitize;

pub const OIDC_SCOPES: [&str; 4] = ["openid", "profile", "email", "offline_access"];

/// §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), separated by single spaces. Duplicates are
/// dropped keeping the first occurrence. Linear in the input: sizes are checked first, every token
/// counts towards the cap (duplicates too), and duplicates are found with a hash set.
pub fn parse(scope: &str) -> Result<Vec<String>, SigilError> {
    if scope.len() > MAX_SCOPE_BYTES {
        return Err(too_large(format!("scope of {} bytes", scope.len())));
    }
    let mut out: Vec<String> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, t) in scope.split(' ').filter(|t| !t.is_empty()).enumerate() {
        if i == MAX_SCOPE_VALUES {
            return Err(too_large(format!("more than {MAX_SCOPE_VALUES} scope values")));
        }
        if !t.bytes().all(|b| matches!(b, 0x21 | 0x23..=0x5B | 0x5D..=0x7E)) {
            return Err(SigilError::new(
                catalog::INVALID_SCOPE,
                "scope contains characters outside RFC 6749 section 3.3",
            )
            .arg("scope", sanitize(t)));
        }
        if seen.insert(t) {
            out.push(t.to_string());
        }
    }
    Ok(out)
}

fn too_large(reason: String) -> SigilError {
    SigilError::new(catalog::SCOPE_TOO_LARGE, reason)
        .arg("values", MAX_SCOPE_VALUES.to_string())
        .arg("bytes", MAX_SCOPE_BYTES.to_string())
}

/// OIDC Core §3.1.2.1: scope values that are not understood SHOULD be ignored; RFC 6749 §3.3 lets
/// the server issue fewer scopes than requested (the token response then names them, §5.1). A
/// value without '/' names no API: `openid`, `profile`, `email`, `offline_access` are understood,
/// any other (`address`, `phone`, a provider-specific one) is not and is dropped. A value with '/'
/// names an API, and an unknown API or scope there stays an error: the application asked for a
/// permission it needs, and silently issuing a token without it would only fail later.
fn ignored_in_user_flows(token: &str) -> bool {
    !token.contains('/') && !OIDC_SCOPES.contains(&token)
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
    /// The API of the access token (its `aud`).
    pub api: Option<String>,
    /// Delegated scope names on `api`.
    pub scopes: Vec<String>,
    /// Delegated scopes (`<api>/<name>`) on further APIs: only an authorization request naming
    /// several resources (RFC 8707 §2) has them; they are in the grant, not in this access token.
    pub more: Vec<String>,
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
        parts.extend(self.more.iter().cloned());
        parts.join(" ")
    }
    /// The scopes in the access token's `scope` claim: delegated API scopes, else the OIDC ones.
    pub fn access_token_scope(&self) -> String {
        if self.api.is_some() { self.scopes.join(" ") } else { self.oidc.join(" ") }
    }
}

/// Scopes of one API per request (Entra's rule; a second API is `MULTIPLE_RESOURCES`).
pub fn resolve_user(view: &TenantView, client: &Client, scope: &str) -> Result<UserScope, SigilError> {
    resolve_user_across(view, client, scope, &[])
}

/// [`resolve_user`] for an authorization request naming `resources` (RFC 8707 §2, already checked
/// by `resource::apis`): its API scopes may span those APIs and no other (`invalid_target`), and a
/// resource that no scope names contributes `<resource>/.default`, everything the client holds
/// there. The first API (in the order of `resources`) is the one `api` names.
pub fn resolve_user_across(
    view: &TenantView,
    client: &Client,
    scope: &str,
    resources: &[&str],
) -> Result<UserScope, SigilError> {
    let mut oidc: Vec<String> = Vec::new();
    // Per API, in order of first appearance: (identifier, scope names).
    let mut per_api: Vec<(String, Vec<String>)> = Vec::new();
    let mut tokens = parse(scope)?;
    for r in resources {
        if !tokens.iter().any(|t| split_api(t).is_some_and(|(a, _)| a == *r)) {
            tokens.push(format!("{r}/.default"));
        }
    }
    for t in tokens {
        if OIDC_SCOPES.contains(&t.as_str()) {
            oidc.push(t);
            continue;
        }
        if ignored_in_user_flows(&t) {
            continue;
        }
        let Some((api, name)) = split_api(&t) else {
            return Err(SigilError::new(catalog::INVALID_SCOPE, format!("unknown scope '{}'", sanitize(&t)))
                .arg("scope", sanitize(&t)));
        };
        if !resources.is_empty() && !resources.contains(&api) {
            return Err(SigilError::new(
                catalog::INVALID_TARGET,
                format!("scope '{}' names an API that no resource parameter names", sanitize(&t)),
            )
            .arg("resource", sanitize(api)));
        }
        if resources.is_empty()
            && let Some((prev, _)) = per_api.first()
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
        let names = match per_api.iter().position(|(a, _)| *a == def.identifier) {
            Some(i) => &mut per_api[i].1,
            None => {
                per_api.push((def.identifier.clone(), Vec::new()));
                &mut per_api.last_mut().expect("just pushed").1
            }
        };
        if name == ".default" {
            names.extend(held.iter().cloned());
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
            names.push(name.to_string());
        }
    }
    // The token's API is the first resource when there are resources, else the one API named.
    per_api.sort_by_key(|(a, _)| resources.iter().position(|r| r == a));
    let mut out = UserScope { oidc, ..UserScope::default() };
    for (i, (api, mut names)) in per_api.into_iter().enumerate() {
        names.sort();
        names.dedup();
        if i == 0 {
            out.api = Some(api);
            out.scopes = names;
        } else {
            out.more.extend(names.iter().map(|n| format!("{api}/{n}")));
        }
    }
    Ok(out)
}

/// On refresh, a narrower scope is allowed; anything beyond the original grant is `invalid_scope`.
pub fn narrow(granted: &str, requested: Option<&str>) -> Result<String, SigilError> {
    let Some(requested) = requested else { return Ok(granted.to_string()) };
    let granted_list = parse(granted)?;
    let granted_set: HashSet<&str> = granted_list.iter().map(String::as_str).collect();
    // `<api>/.default` on refresh means "what the grant holds on that API" (as MSAL asks for it).
    let mut req: Vec<String> = Vec::new();
    for r in parse(requested)?.into_iter().filter(|r| !ignored_in_user_flows(r)) {
        match r.strip_suffix("/.default") {
            Some(api) => {
                let held = granted_list.iter().filter(|g| g.rsplit_once('/').is_some_and(|(a, _)| a == api));
                let before = req.len();
                req.extend(held.cloned());
                if req.len() == before {
                    req.push(r);
                }
            }
            None => req.push(r),
        }
    }
    if let Some(extra) = req.iter().find(|r| !granted_set.contains(r.as_str())) {
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
        // Scopes naming no API that Sigil does not understand are ignored, as at the first request.
        assert_eq!(narrow(g, Some("openid phone")).unwrap(), "openid");
    }

    #[test]
    fn parsing_is_linear_keeps_order_and_caps_size() {
        assert_eq!(parse("b a  b c a").unwrap(), ["b", "a", "c"]);
        assert_eq!(parse("").unwrap(), Vec::<String>::new());
        assert_eq!(parse("a\"b").unwrap_err().entry.code, 70011);
        let at_cap: Vec<String> = (0..MAX_SCOPE_VALUES).map(|i| format!("s{i}")).collect();
        assert_eq!(parse(&at_cap.join(" ")).unwrap(), at_cap);
        let over = format!("{} extra", at_cap.join(" "));
        assert_eq!(parse(&over).unwrap_err().entry.code, 88000102);
        // Duplicates count: the work is in the raw tokens.
        assert_eq!(parse(&vec!["openid"; MAX_SCOPE_VALUES + 1].join(" ")).unwrap_err().entry.code, 88000102);
        assert_eq!(parse(&"x".repeat(MAX_SCOPE_BYTES + 1)).unwrap_err().entry.code, 88000102);
        // A cap, not a stopwatch: a megabyte is refused after reading its length.
        let huge = (0..200_000).map(|i| format!("t{i}")).collect::<Vec<_>>().join(" ");
        let start = std::time::Instant::now();
        assert_eq!(parse(&huge).unwrap_err().entry.code, 88000102);
        assert!(start.elapsed() < std::time::Duration::from_millis(500));
    }

    #[test]
    fn unknown_scopes_without_an_api_are_ignored_in_user_flows() {
        assert!(
            ignored_in_user_flows("phone") && ignored_in_user_flows("address") && ignored_in_user_flows("User.Read")
        );
        assert!(!ignored_in_user_flows("openid") && !ignored_in_user_flows("api://x/Read"));
    }
}
