//! Provisioning rules: the one set of invariants for tenants, APIs, clients and users, whichever
//! way they come in (`sigil import`, the admin CLI, the admin HTTP API). Each rule reports the
//! field it concerns and why; callers only add where the object is (file path, command).
//!
//! The rules below check one value each; [`build`]'s constructors (`NewClient { .. }.build(..)`)
//! apply all of them and are the only way a [`Client`], [`Api`], [`User`], tenant or secret is made
//! outside the store's row mapping; [`plan`] turns a desired state (an import file) into validated
//! store changes.
use uuid::Uuid;

use crate::model::{
    Api, AppRoleRef, AuthMethod, Client, ExchangePolicy, GrantType, Group, GroupMembershipClaims, OptionalClaim,
    Permission, RegistrationPolicy, SigningAlg, TokenClaims, TrustedIssuer, User, UserProfile,
};

mod build;
mod error;
pub mod plan;

pub use build::*;
pub use error::{Kind, ProvisioningError};

/// Minimum length of a user's password.
pub const MIN_PASSWORD_LEN: usize = 8;
/// Minimum length of an operator-supplied client secret.
pub const MIN_SECRET_LEN: usize = 32;
/// Longest name, username or profile value accepted (a claim in every token; keeps them small).
pub const MAX_TEXT_LEN: usize = 256;

/// One broken rule: `field: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub field: String,
    pub message: String,
}

impl RuleError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() { f.write_str(&self.message) } else { write!(f, "{}: {}", self.field, self.message) }
    }
}

impl std::error::Error for RuleError {}

/// A tenant name is a URL path segment and is looked up by name or by id: a UUID-shaped name
/// could never be found by name.
pub fn tenant_name(name: &str) -> Result<(), RuleError> {
    let bad = name.trim().is_empty()
        || name.len() > MAX_TEXT_LEN
        || name.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '/' | '?' | '#' | '%' | '\\'))
        || Uuid::parse_str(name).is_ok();
    if bad {
        return Err(RuleError::new(
            "name",
            "must be non-empty, without '/', '?', '#', '%', '\\' or spaces, and not a UUID",
        ));
    }
    Ok(())
}

pub fn locale(tag: &str) -> Result<&'static str, RuleError> {
    crate::i18n::supported(tag).ok_or_else(|| {
        RuleError::new("default_locale", format!("'{tag}' is not one of {}", crate::i18n::LOCALES.join(", ")))
    })
}

pub fn signing_alg(s: &str) -> Result<SigningAlg, RuleError> {
    SigningAlg::parse(s).ok_or_else(|| RuleError::new("signing_alg", "must be ES256, RS256 or EdDSA"))
}

/// A grant type by its short name or by its `grant_type` URN (RFC 8628, RFC 7523).
pub fn grant_type(s: &str) -> Result<GrantType, RuleError> {
    GrantType::parse(s).or_else(|| GrantType::ALL.into_iter().find(|g| g.wire_name() == s)).ok_or_else(|| {
        RuleError::new(
            "grant_types",
            format!(
                "'{s}' is not one of authorization_code, client_credentials, refresh_token, password, device_code, \
                 jwt_bearer, token_exchange"
            ),
        )
    })
}

pub fn auth_method(s: &str) -> Result<AuthMethod, RuleError> {
    AuthMethod::parse(s).ok_or_else(|| {
        RuleError::new(
            "auth_methods",
            format!(
                "'{s}' is not one of client_secret_basic, client_secret_post, none, private_key_jwt, client_secret_jwt"
            ),
        )
    })
}

/// An API: an identifier usable as an audience and scope prefix, one-word scope and role names.
pub fn api(a: &Api) -> Vec<RuleError> {
    let mut errors = Vec::new();
    if a.identifier.is_empty() || a.identifier.ends_with('/') || a.identifier.contains(char::is_whitespace) {
        errors.push(RuleError::new(
            "identifier",
            "must be a URI such as api://reports, without a trailing '/' or spaces",
        ));
    }
    for s in a.scopes.iter().chain(&a.roles) {
        if s.is_empty() || s.contains([' ', '/', '"', '\\']) || s == ".default" {
            errors.push(RuleError::new("scopes/roles", format!("'{s}' must be one word without '/' and not .default")));
        }
    }
    for (scope, text) in &a.scope_descriptions {
        if !a.scopes.contains(scope) {
            errors
                .push(RuleError::new(format!("scope.{scope}"), "has a description but is not one of the API's scopes"));
        }
        errors.extend(text.check(&format!("scope.{scope}.description")));
    }
    errors
}

/// A redirect URI must be absolute, without fragment (RFC 6749 §3.1.2); plain http only on
/// loopback (RFC 8252 §7.3); private-use schemes for native apps (RFC 8252 §7.1).
pub fn redirect_uri(u: &str) -> Result<(), String> {
    if u.contains('#') {
        return Err("must not contain a fragment".into());
    }
    // Checked on the string: the URL parser would drop or escape them, so the registered string
    // (compared exactly at authorization) would not be the URI it denotes.
    if u.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("must not contain spaces or control characters".into());
    }
    let parsed = url::Url::parse(u).map_err(|e| format!("is not an absolute URI ({e})"))?;
    // The scheme and host as written: the parser lowercases and normalizes them (`HTTP://`,
    // `http://127.1`), and the exact match at authorization compares what is written.
    let scheme = u.get(..parsed.scheme().len()).unwrap_or("");
    let written_host = |host: &str| {
        u.strip_prefix(scheme)
            .and_then(|r| r.strip_prefix("://"))
            .and_then(|r| r.strip_prefix(host))
            .is_some_and(|rest| matches!(rest.as_bytes().first(), None | Some(b':' | b'/')))
    };
    let host = parsed.host_str().unwrap_or("");
    match scheme {
        "https" if !host.is_empty() && u.starts_with("https://") => Ok(()),
        // The parsed host, not a prefix: `http://localhost:80@evil.example/` is evil.example.
        "http" if ["localhost", "127.0.0.1", "[::1]"].contains(&host) && written_host(host) => Ok(()),
        s if s.contains('.') && !s.starts_with("http") => Ok(()),
        _ => Err("must be https, http on a loopback host, or a private-use scheme such as com.example.app:/cb".into()),
    }
}

/// OIDC Back-Channel Logout 1.0 §2.2: an absolute URI without a fragment that Sigil POSTs to:
/// https, or http on a loopback host (as for redirect URIs); no private-use scheme.
pub fn backchannel_logout_uri(u: &str) -> Result<(), String> {
    redirect_uri(u)?;
    if u.starts_with("https://") || u.starts_with("http://") {
        Ok(())
    } else {
        Err("must be https, or http on a loopback host".into())
    }
}

/// An operator-supplied client secret.
pub fn client_secret_value(v: &str) -> Result<(), RuleError> {
    if v.chars().count() < MIN_SECRET_LEN {
        return Err(RuleError::new("secret.value", format!("must be at least {MIN_SECRET_LEN} characters")));
    }
    Ok(())
}

/// Every invariant of a client as it would be stored: its type against its authentication methods,
/// grants and secrets (RFC 6749 §2.1: a public client cannot authenticate, so no client
/// credentials), redirect URIs present for the code flow (OIDC Core §3.1.2.1) and well formed.
pub fn client(c: &Client) -> Vec<RuleError> {
    let mut errors = Vec::new();
    if c.client_id.is_empty() || c.client_id.len() > MAX_TEXT_LEN || c.client_id.chars().any(char::is_control) {
        errors.push(RuleError::new(
            "client_id",
            format!("must be 1 to {MAX_TEXT_LEN} characters without control characters"),
        ));
    }
    if c.grant_types.is_empty() {
        errors.push(RuleError::new("grant_types", "at least one grant type is needed"));
    }
    if !c.confidential && (c.auth_methods.iter().any(|m| *m != AuthMethod::None) || !c.secrets.is_empty()) {
        errors.push(RuleError::new(
            "auth_methods/secret",
            "a public client authenticates with 'none' and has no secrets",
        ));
    }
    if c.confidential && c.auth_methods.contains(&AuthMethod::None) {
        errors.push(RuleError::new("auth_methods", "a confidential client cannot authenticate with 'none'"));
    }
    if !c.confidential && c.grant_types.contains(&GrantType::ClientCredentials) {
        errors.push(RuleError::new("grant_types", "a public client cannot use client_credentials"));
    }
    // On-behalf-of: a middle-tier API trades the tokens it receives, so it must authenticate
    // (Entra: confidential clients only) and say which API it implements.
    // (RFC 7523 §2.1 from a trusted issuer needs no `exposes_api`: the tenant's trusted issuer
    // names the clients; on-behalf-of requests are refused without it.)
    if c.grant_types.contains(&GrantType::JwtBearer) && !c.confidential {
        errors.push(RuleError::new("grant_types", "jwt_bearer needs a confidential client"));
    }
    // RFC 8693 §2.1: the client authenticates; its policy names what it may ask for.
    let exchanges = c.token_exchange.as_ref().is_some_and(|p| !p.target_audiences.is_empty());
    if c.grant_types.contains(&GrantType::TokenExchange) && (!c.confidential || !exchanges) {
        errors.push(RuleError::new(
            "grant_types",
            "token_exchange needs a confidential client with token_exchange.target_audiences",
        ));
    }
    if c.grant_types.contains(&GrantType::AuthorizationCode) && c.redirect_uris.is_empty() {
        errors.push(RuleError::new("redirect_uris", "authorization_code needs at least one redirect URI"));
    }
    for (list, uris) in
        [("redirect_uris", &c.redirect_uris), ("post_logout_redirect_uris", &c.post_logout_redirect_uris)]
    {
        for (i, u) in uris.iter().enumerate() {
            if let Err(why) = redirect_uri(u) {
                errors.push(RuleError::new(format!("{list}[{i}]"), format!("'{u}' {why}")));
            }
        }
    }
    if let Some(u) = &c.backchannel_logout_uri
        && let Err(why) = backchannel_logout_uri(u)
    {
        errors.push(RuleError::new("backchannel_logout_uri", format!("'{u}' {why}")));
    }
    errors.extend(credentials(c));
    // RFC 7662 §2.1: introspection needs an authenticated caller.
    if !c.confidential && !c.introspect.is_empty() {
        errors.push(RuleError::new("introspect", "a public client cannot introspect tokens"));
    }
    // RFC 9700 §2.1.1: only a confidential client may be exempted from PKCE.
    if !c.confidential && !c.require_pkce {
        errors.push(RuleError::new("require_pkce", "a public client always needs PKCE"));
    }
    if c.spa {
        errors.extend(spa(c));
    }
    errors.extend(crate::fapi::rules(c));
    errors
}

/// A confidential client holds what its methods need: a secret for `client_secret_*`; for
/// `private_key_jwt` keys, a `jwks_uri` or a federated credential. RFC 7591 §2: `jwks` and
/// `jwks_uri` are never both registered. A public client holds none of them.
fn credentials(c: &Client) -> Vec<RuleError> {
    let mut errors = Vec::new();
    let secret_method = c.auth_methods.iter().any(|m| {
        matches!(m, AuthMethod::ClientSecretBasic | AuthMethod::ClientSecretPost | AuthMethod::ClientSecretJwt)
    });
    let assertion = !c.keys.is_empty() || c.jwks_uri.is_some() || !c.federated.is_empty();
    if c.confidential && secret_method && c.secrets.is_empty() {
        errors.push(RuleError::new("secret", "a confidential client needs at least one secret"));
    }
    // OIDC Core §9 `client_secret_jwt`: the secret is the MAC key, so one must be recoverable
    // (added while the method was on); a secret stored only as a hash cannot serve.
    if c.auth_methods.contains(&AuthMethod::ClientSecretJwt) && !c.secrets.iter().any(|s| s.sealed.is_some()) {
        errors.push(RuleError::new(
            "secret",
            "client_secret_jwt needs a secret added while client_secret_jwt is on (older secrets are kept only as \
             hashes)",
        ));
    }
    if c.auth_methods.contains(&AuthMethod::PrivateKeyJwt) && !assertion {
        errors.push(RuleError::new(
            "auth_methods",
            "private_key_jwt needs a certificate, a jwks, a jwks_uri or a federated credential",
        ));
    }
    if assertion && !c.auth_methods.contains(&AuthMethod::PrivateKeyJwt) {
        errors.push(RuleError::new("auth_methods", "keys and federated credentials need private_key_jwt"));
    }
    if !c.keys.is_empty() && c.jwks_uri.is_some() {
        errors.push(RuleError::new("jwks_uri", "give keys (certificates, jwks) or a jwks_uri, not both"));
    }
    if c.keys.len() > crate::limits::MAX_CLIENT_KEYS || c.federated.len() > crate::limits::MAX_CLIENT_KEYS {
        errors.push(RuleError::new(
            "keys",
            format!("at most {} keys and federated credentials", crate::limits::MAX_CLIENT_KEYS),
        ));
    }
    if let Some(u) = &c.jwks_uri
        && !url::Url::parse(u).is_ok_and(|p| matches!(p.scheme(), "https" | "http") && p.host().is_some())
    {
        errors.push(RuleError::new("jwks_uri", format!("'{u}' is not an https URL")));
    }
    for (i, f) in c.federated.iter().enumerate() {
        let field = format!("federated_credential[{i}]");
        if !url::Url::parse(&f.issuer).is_ok_and(|p| matches!(p.scheme(), "https" | "http") && p.host().is_some()) {
            errors.push(RuleError::new(format!("{field}.issuer"), format!("'{}' is not an https URL", f.issuer)));
        }
        if f.subject.is_empty() || f.audience.is_empty() || f.name.is_empty() {
            errors.push(RuleError::new(&field, "name, subject and audience must not be empty"));
        }
        if c.federated[..i].iter().any(|g| g.name == f.name) {
            errors.push(RuleError::new(format!("{field}.name"), format!("'{}' is used twice", f.name)));
        }
    }
    errors
}

/// An SPA is public, signs users in with the code flow (no implicit, no client credentials, no
/// password), and its redirect URIs are browser URLs (http or https with a host) whose origins
/// are the ones CORS answers (the IETF draft "OAuth 2.0 for Browser-Based Applications").
fn spa(c: &Client) -> Vec<RuleError> {
    let mut errors = Vec::new();
    if c.confidential {
        errors.push(RuleError::new("type", "an SPA is a public client"));
    }
    if c.grant_types.iter().any(|g| !matches!(g, GrantType::AuthorizationCode | GrantType::RefreshToken)) {
        errors.push(RuleError::new("grant_types", "an SPA uses only authorization_code and refresh_token"));
    }
    if !c.grant_types.contains(&GrantType::AuthorizationCode) {
        errors.push(RuleError::new("grant_types", "an SPA needs authorization_code"));
    }
    for (i, u) in c.redirect_uris.iter().enumerate() {
        let browser = url::Url::parse(u).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
        if !browser {
            errors.push(RuleError::new(
                format!("redirect_uris[{i}]"),
                format!("'{u}' is not an http(s) URL an SPA runs at"),
            ));
        }
    }
    errors
}

/// A tenant's registration policy: something a registered client could use, a positive lifetime,
/// schemes and hosts that are names (the permissions are checked against the APIs at registration).
/// Issue 21: session lifetimes are positive and at most 400 days (the longest a browser keeps a
/// cookie, RFC 6265bis §5.6.1); a persistent session lasts at least as long as a browser session.
pub fn session_policy(p: &crate::model::SessionPolicy) -> Vec<RuleError> {
    const MAX: i64 = 400 * 24 * 3600;
    let mut errors = Vec::new();
    let bad = |l: i64| l <= 0 || l > MAX;
    if p.lifetime.is_some_and(bad) {
        errors.push(RuleError::new("session.lifetime", "must be between 1 second and 400 days"));
    }
    if bad(p.persistent_lifetime) {
        errors.push(RuleError::new("session.persistent_lifetime", "must be between 1 second and 400 days"));
    }
    if p.lifetime.is_some_and(|l| l > p.persistent_lifetime) {
        errors.push(RuleError::new("session.persistent_lifetime", "must not be shorter than session.lifetime"));
    }
    errors
}

pub fn registration_policy(p: &RegistrationPolicy) -> Vec<RuleError> {
    let mut errors = Vec::new();
    if p.enabled && p.grant_types.is_empty() {
        errors.push(RuleError::new("registration.grant_types", "at least one grant type is needed"));
    }
    if p.client_lifetime.is_some_and(|l| l <= 0) {
        errors.push(RuleError::new("registration.client_lifetime", "must be a positive number of seconds"));
    }
    let bad = |s: &str| s.is_empty() || s.len() > MAX_TEXT_LEN || s.contains(|c: char| c.is_whitespace() || c == '/');
    for s in p.redirect_uri_schemes.iter().filter(|s| bad(s) || s.contains(':')) {
        errors.push(RuleError::new("registration.redirect_uri_schemes", format!("'{s}' is not a URI scheme")));
    }
    for h in p.redirect_uri_hosts.iter().filter(|h| bad(h)) {
        errors.push(RuleError::new("registration.redirect_uri_hosts", format!("'{h}' is not a host name")));
    }
    errors
}

/// RFC 7523 §2.1 trusted issuers: an absolute http(s) issuer (the exact `iss`), at most once; a
/// JWK set URL when given; at least one client; a user claim.
pub fn trusted_issuers(list: &[TrustedIssuer]) -> Vec<RuleError> {
    let mut errors = Vec::new();
    let http_url =
        |u: &str| url::Url::parse(u).is_ok_and(|p| matches!(p.scheme(), "https" | "http") && p.host().is_some());
    if list.len() > crate::limits::MAX_CLIENT_KEYS {
        errors.push(RuleError::new("trusted_issuer", format!("at most {}", crate::limits::MAX_CLIENT_KEYS)));
    }
    for (i, t) in list.iter().enumerate() {
        let field = format!("trusted_issuer[{i}]");
        if !http_url(&t.issuer) {
            errors.push(RuleError::new(format!("{field}.issuer"), format!("'{}' is not an https URL", t.issuer)));
        }
        if list[..i].iter().any(|o| o.issuer == t.issuer) {
            errors.push(RuleError::new(format!("{field}.issuer"), format!("'{}' is listed twice", t.issuer)));
        }
        if let Some(u) = t.jwks_uri.as_deref().filter(|u| !http_url(u)) {
            errors.push(RuleError::new(format!("{field}.jwks_uri"), format!("'{u}' is not an https URL")));
        }
        if t.clients.is_empty() || t.clients.iter().any(String::is_empty) {
            errors.push(RuleError::new(format!("{field}.clients"), "name at least one client"));
        }
        if t.user_claim.is_empty() || t.audiences.iter().any(String::is_empty) {
            errors.push(RuleError::new(&field, "user_claim and audiences must not be empty"));
        }
    }
    errors
}

/// What the tenant's policy allows a self-registered or metadata-document client (on top of
/// [`client`]): its grant types, and redirect URIs of the allowed schemes and hosts (a host
/// `*.example` allows the subdomains of `example`).
pub fn registered_client(c: &Client, p: &RegistrationPolicy) -> Vec<RuleError> {
    let mut errors = Vec::new();
    for g in c.grant_types.iter().filter(|g| !p.grant_types.contains(g)) {
        errors
            .push(RuleError::new("grant_types", format!("'{}' is not allowed for registered clients", g.wire_name())));
    }
    for (i, u) in c.redirect_uris.iter().enumerate() {
        let Ok(parsed) = url::Url::parse(u) else { continue };
        if !p.redirect_uri_schemes.iter().any(|s| s.eq_ignore_ascii_case(parsed.scheme())) {
            errors.push(RuleError::new(format!("redirect_uris[{i}]"), format!("'{u}': this scheme is not allowed")));
            continue;
        }
        let host = parsed.host_str().unwrap_or("");
        let host_ok = p.redirect_uri_hosts.is_empty()
            || p.redirect_uri_hosts.iter().any(|h| match h.strip_prefix("*.") {
                Some(parent) => host.len() > parent.len() + 1 && host.ends_with(&format!(".{parent}")),
                None => host.eq_ignore_ascii_case(h),
            });
        if !host_ok {
            errors.push(RuleError::new(format!("redirect_uris[{i}]"), format!("'{u}': this host is not allowed")));
        }
    }
    errors
}

/// A client's permissions name APIs of its tenant and only roles and scopes those APIs define.
pub fn permissions(perms: &[Permission], apis: &[Api]) -> Vec<RuleError> {
    let mut errors = Vec::new();
    for (i, p) in perms.iter().enumerate() {
        match apis.iter().find(|a| a.identifier == p.api) {
            None => errors
                .push(RuleError::new(format!("permission[{i}].api"), format!("no API '{}' in this tenant", p.api))),
            Some(a) => {
                for r in p.roles.iter().filter(|r| !a.roles.contains(r)) {
                    errors.push(RuleError::new(
                        format!("permission[{i}].roles"),
                        format!("API '{}' defines no role '{r}'", a.identifier),
                    ));
                }
                for s in p.scopes.iter().filter(|s| !a.scopes.contains(s)) {
                    errors.push(RuleError::new(
                        format!("permission[{i}].scopes"),
                        format!("API '{}' defines no scope '{s}'", a.identifier),
                    ));
                }
            }
        }
    }
    errors
}

/// The APIs a client may introspect tokens for must be APIs of its tenant.
pub fn introspect(apis_named: &[String], apis: &[Api]) -> Vec<RuleError> {
    apis_named
        .iter()
        .enumerate()
        .filter(|(_, name)| !apis.iter().any(|a| &a.identifier == *name))
        .map(|(i, name)| RuleError::new(format!("introspect[{i}]"), format!("no API '{name}' in this tenant")))
        .collect()
}

/// A token exchange policy names APIs of the tenant.
pub fn token_exchange(policy: Option<&ExchangePolicy>, apis: &[Api]) -> Vec<RuleError> {
    let Some(p) = policy else { return vec![] };
    [("subject_audiences", &p.subject_audiences), ("target_audiences", &p.target_audiences)]
        .into_iter()
        .flat_map(|(list, names)| names.iter().enumerate().map(move |(i, n)| (list, i, n)))
        .filter(|(_, _, n)| !apis.iter().any(|a| &a.identifier == *n))
        .map(|(list, i, n)| {
            RuleError::new(format!("token_exchange.{list}[{i}]"), format!("no API '{n}' in this tenant"))
        })
        .collect()
}

/// `exposes_api` names an API of the tenant.
pub fn exposes_api(api: Option<&str>, apis: &[Api]) -> Option<RuleError> {
    api.filter(|name| !apis.iter().any(|a| a.identifier == *name))
        .map(|name| RuleError::new("exposes_api", format!("no API '{name}' in this tenant")))
}

pub fn password(p: &str) -> Result<(), RuleError> {
    if p.chars().count() < MIN_PASSWORD_LEN {
        return Err(RuleError::new("password", format!("must be at least {MIN_PASSWORD_LEN} characters")));
    }
    Ok(())
}

fn text(field: &str, v: &str) -> Option<RuleError> {
    (v.is_empty() || v.chars().count() > MAX_TEXT_LEN || v.chars().any(char::is_control))
        .then(|| RuleError::new(field, format!("must be 1 to {MAX_TEXT_LEN} characters without control characters")))
}

/// A user as it would be stored (the password is checked by [`password`] before hashing).
pub fn user(u: &User) -> Vec<RuleError> {
    let mut errors: Vec<RuleError> = Vec::new();
    errors.extend(text("username", &u.username));
    errors.extend(text("display_name", &u.display_name));
    if let Some(e) = &u.email {
        let parts: Vec<&str> = e.split('@').collect();
        if parts.len() != 2
            || parts.iter().any(|p| p.is_empty())
            || e.chars().any(|c| c.is_whitespace() || c.is_control())
            || e.len() > MAX_TEXT_LEN
        {
            errors.push(RuleError::new("email", format!("'{e}' is not an address such as name@example.com")));
        }
    }
    if u.email_verified && u.email.is_none() {
        errors.push(RuleError::new("email_verified", "there is no email address to be verified"));
    }
    errors.extend(profile(&u.profile));
    errors
}

/// OIDC Core §5.1 claims a user can hold: short single-line text; `locale` a BCP 47 tag and
/// `zoneinfo` a tz database name.
pub fn profile(p: &UserProfile) -> Vec<RuleError> {
    let mut errors: Vec<RuleError> = Vec::new();
    for (field, v) in [
        ("given_name", &p.given_name),
        ("family_name", &p.family_name),
        ("middle_name", &p.middle_name),
        ("nickname", &p.nickname),
    ] {
        if let Some(v) = v {
            errors.extend(text(field, v));
        }
    }
    if let Some(l) = &p.locale {
        let ok = !l.is_empty()
            && l.len() <= 35
            && l.split('-').all(|s| !s.is_empty() && s.len() <= 8 && s.chars().all(|c| c.is_ascii_alphanumeric()));
        if !ok {
            errors.push(RuleError::new("locale", format!("'{l}' is not a BCP 47 language tag such as en-US")));
        }
    }
    if let Some(z) = &p.zoneinfo {
        let ok = !z.is_empty()
            && z.len() <= 64
            && z.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'));
        if !ok {
            errors.push(RuleError::new("zoneinfo", format!("'{z}' is not a time zone name such as Europe/Paris")));
        }
    }
    errors
}

/// Entra's `groupMembershipClaims` and `optionalClaims` as an operator writes them (import file,
/// CLI flags): the manifest's values (`SecurityGroup`, `email`, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimsSpec {
    pub group_membership_claims: Option<String>,
    pub id_token: Vec<String>,
    pub access_token: Vec<String>,
}

impl ClaimsSpec {
    pub fn from_existing(c: &TokenClaims) -> Self {
        let names = |l: &[OptionalClaim]| l.iter().map(|c| c.as_str().to_string()).collect();
        Self {
            group_membership_claims: Some(c.group_membership_claims.as_str().into()),
            id_token: names(&c.id_token),
            access_token: names(&c.access_token),
        }
    }
}

/// The claims settings of a client, or of an API (`api`: an API issues no ID tokens). Each
/// optional claim once, sorted; `idtyp` only in access tokens (Entra: an ID token is always a user's).
pub fn token_claims(spec: &ClaimsSpec, api: bool) -> (TokenClaims, Vec<RuleError>) {
    let mut errors = Vec::new();
    let groups = match spec.group_membership_claims.as_deref() {
        None => GroupMembershipClaims::None,
        Some(g) => GroupMembershipClaims::parse(g).unwrap_or_else(|| {
            let names: Vec<&str> = GroupMembershipClaims::ALL.iter().map(|g| g.as_str()).collect();
            errors.push(RuleError::new("group_membership_claims", format!("'{g}' is not one of {}", names.join(", "))));
            GroupMembershipClaims::None
        }),
    };
    let mut list = |field: &str, names: &[String]| {
        let mut out: Vec<OptionalClaim> = names
            .iter()
            .filter_map(|n| {
                let c = OptionalClaim::parse(n);
                if c.is_none() {
                    let all: Vec<&str> = OptionalClaim::ALL.iter().map(|c| c.as_str()).collect();
                    errors.push(RuleError::new(field, format!("'{n}' is not one of {}", all.join(", "))));
                }
                c
            })
            .collect();
        out.sort();
        out.dedup();
        out
    };
    let id_token = list("optional_claims_id_token", &spec.id_token);
    let access_token = list("optional_claims_access_token", &spec.access_token);
    if api && !id_token.is_empty() {
        errors.push(RuleError::new("optional_claims_id_token", "an API is the audience of access tokens only"));
    }
    if id_token.contains(&OptionalClaim::Idtyp) {
        errors.push(RuleError::new("optional_claims_id_token", "idtyp is an access-token claim"));
    }
    (TokenClaims { group_membership_claims: groups, id_token, access_token }, errors)
}

/// A group: a name as a user's is (one line, bounded).
pub fn group(g: &Group) -> Vec<RuleError> {
    text("name", &g.name).into_iter().collect()
}

/// An application role written `<API identifier>/<role>` (e.g. `api://reports/Admin`, the way
/// Entra writes a scope), found among the tenant's APIs and the roles each defines.
pub fn app_role(field: &str, s: &str, apis: &[Api]) -> Result<AppRoleRef, RuleError> {
    let Some((identifier, role)) = s.rsplit_once('/') else {
        return Err(RuleError::new(field, format!("'{s}' is not <API identifier>/<role>, e.g. api://reports/Admin")));
    };
    let api = apis
        .iter()
        .find(|a| a.identifier == identifier)
        .ok_or_else(|| RuleError::new(field, format!("no API '{identifier}' in this tenant")))?;
    if !api.roles.iter().any(|r| r == role) {
        return Err(RuleError::new(field, format!("API '{identifier}' defines no role '{role}'")));
    }
    Ok(AppRoleRef { api: api.id, role: role.to_string() })
}

/// `<API identifier>/<role>` of an assigned role, for display and [`from_existing`]-style round trips.
pub fn app_role_name(r: &AppRoleRef, apis: &[Api]) -> String {
    let api = apis.iter().find(|a| a.id == r.api).map_or_else(|| r.api.to_string(), |a| a.identifier.clone());
    format!("{api}/{}", r.role)
}

/// A client's type (RFC 6749 §2.1): `confidential` (can authenticate), `public`, or `spa`: a
/// public client running in a browser (so PKCE, RFC 9700 §2.1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientType {
    Confidential,
    Public,
    Spa,
}

impl ClientType {
    pub fn confidential(self) -> bool {
        self == Self::Confidential
    }
    pub fn spa(self) -> bool {
        self == Self::Spa
    }
    pub fn of(c: &Client) -> Self {
        match (c.confidential, c.spa) {
            (true, _) => Self::Confidential,
            (false, true) => Self::Spa,
            (false, false) => Self::Public,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confidential => "confidential",
            Self::Public => "public",
            Self::Spa => "spa",
        }
    }
}

pub fn client_type(s: &str) -> Result<ClientType, RuleError> {
    match s {
        "confidential" => Ok(ClientType::Confidential),
        "public" => Ok(ClientType::Public),
        "spa" => Ok(ClientType::Spa),
        other => Err(RuleError::new("type", format!("'{other}' must be confidential, public or spa"))),
    }
}

/// OIDC Dynamic Client Registration §2 `id_token_signed_response_alg`: only an algorithm the
/// tenant holds keys for (its own and RS256, `keys::tenant_algs`).
pub fn id_token_alg(a: &str, tenant_alg: SigningAlg) -> Result<SigningAlg, RuleError> {
    let algs = crate::keys::tenant_algs(tenant_alg);
    SigningAlg::parse(a).filter(|a| algs.contains(a)).ok_or_else(|| {
        let names: Vec<&str> = algs.iter().map(|a| a.as_str()).collect();
        RuleError::new(
            "id_token_signed_response_alg",
            format!("'{a}' is not one of this tenant's algorithms ({})", names.join(", ")),
        )
    })
}

/// An expiry given as RFC 3339 text, in Unix seconds.
pub fn rfc3339(field: &str, s: &str) -> Result<i64, RuleError> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
        .map(|t| t.unix_timestamp())
        .map_err(|_| RuleError::new(field, format!("'{s}' is not an RFC 3339 time such as 2027-06-30T00:00:00Z")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client_of(confidential: bool, grants: &[GrantType], redirects: &[&str]) -> Client {
        crate::model::test_client(confidential, grants, redirects)
    }

    fn fields(e: &[RuleError]) -> Vec<&str> {
        e.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn on_behalf_of_and_token_exchange_need_a_confidential_client_and_their_settings() {
        // RFC 7523 §2.1 from a trusted issuer needs no exposes_api (on-behalf-of is refused without).
        let mut c = client_of(true, &[GrantType::JwtBearer], &[]);
        assert!(client(&c).is_empty());
        c.exposes_api = Some("api://middle".into());
        assert!(client(&c).is_empty());
        let public =
            Client { exposes_api: Some("api://middle".into()), ..client_of(false, &[GrantType::JwtBearer], &[]) };
        assert_eq!(fields(&client(&public)), ["grant_types"], "a public client cannot trade tokens");

        let mut c = client_of(true, &[GrantType::TokenExchange], &[]);
        assert_eq!(fields(&client(&c)), ["grant_types"], "token_exchange without a policy");
        c.token_exchange = Some(ExchangePolicy { subject_audiences: vec!["api://a".into()], target_audiences: vec![] });
        assert_eq!(fields(&client(&c)), ["grant_types"], "a policy with no target");
        c.token_exchange.as_mut().unwrap().target_audiences = vec!["api://b".into()];
        assert!(client(&c).is_empty());

        let apis = [Api {
            id: Uuid::nil(),
            tenant_id: Uuid::nil(),
            name: "a".into(),
            identifier: "api://a".into(),
            scopes: vec![],
            roles: vec![],
            scope_descriptions: Default::default(),
            claims: Default::default(),
        }];
        assert!(exposes_api(Some("api://a"), &apis).is_none());
        assert_eq!(exposes_api(Some("api://nope"), &apis).unwrap().field, "exposes_api");
        let p =
            ExchangePolicy { subject_audiences: vec!["api://a".into()], target_audiences: vec!["api://nope".into()] };
        assert_eq!(fields(&token_exchange(Some(&p), &apis)), ["token_exchange.target_audiences[0]"]);
        assert!(token_exchange(None, &apis).is_empty());
        assert_eq!(grant_type("urn:ietf:params:oauth:grant-type:jwt-bearer").unwrap(), GrantType::JwtBearer);
        assert_eq!(grant_type("token_exchange").unwrap(), GrantType::TokenExchange);
    }

    #[test]
    fn tenant_names() {
        assert!(tenant_name("contoso").is_ok());
        for bad in [
            "",
            "  ",
            "a/b",
            "a b",
            "a?b",
            "a#b",
            "a%2Fb",
            "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            "3F2504E04F8911D39A0C0305E82C3301",
        ] {
            assert!(tenant_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn spa_is_a_public_code_client_with_browser_redirects() {
        let code = [GrantType::AuthorizationCode, GrantType::RefreshToken];
        let spa = |grants: &[GrantType], uris: &[&str]| Client { spa: true, ..client_of(false, grants, uris) };
        let ok = spa(&code, &["http://127.0.0.1:3000/", "https://app.example/cb", "https://app.example:8443/x"]);
        assert!(client(&ok).is_empty(), "{:?}", client(&ok));
        assert_eq!(ok.origins(), ["http://127.0.0.1:3000", "https://app.example", "https://app.example:8443"]);
        assert!(Client { spa: false, ..ok.clone() }.origins().is_empty(), "only an SPA has origins");
        assert_eq!(fields(&client(&spa(&code, &["com.example.app:/cb"]))), ["redirect_uris[0]"]);
        let grants = [GrantType::AuthorizationCode, GrantType::Password];
        assert_eq!(fields(&client(&spa(&grants, &["https://app.example/cb"]))), ["grant_types"]);
        let mut c = Client { confidential: true, ..ok };
        c.auth_methods = vec![AuthMethod::ClientSecretBasic];
        assert_eq!(fields(&client(&c)), ["secret", "type"]);
        assert_eq!(client_type("spa"), Ok(ClientType::Spa));
        assert_eq!(ClientType::of(&spa(&code, &[])), ClientType::Spa);
        assert!(client_type("browser").is_err());
    }

    #[test]
    fn client_type_grants_and_redirects() {
        let cc = [GrantType::ClientCredentials];
        let code = [GrantType::AuthorizationCode];
        assert!(client(&client_of(true, &cc, &[])).is_empty());
        assert_eq!(fields(&client(&client_of(false, &cc, &[]))), ["grant_types"]);
        assert_eq!(fields(&client(&client_of(false, &code, &[]))), ["redirect_uris"]);
        assert!(client(&client_of(false, &code, &["http://127.0.0.1/cb"])).is_empty());
        assert_eq!(fields(&client(&client_of(true, &code, &["http://evil.example/cb"]))), ["redirect_uris[0]"]);
        let mut c = client_of(true, &cc, &[]);
        c.secrets.clear();
        assert_eq!(fields(&client(&c)), ["secret"]);
        let mut c = client_of(false, &code, &["http://127.0.0.1/cb"]);
        c.auth_methods = vec![AuthMethod::ClientSecretPost];
        assert_eq!(fields(&client(&c)), ["auth_methods/secret"]);
        let mut c = client_of(true, &cc, &[]);
        c.post_logout_redirect_uris = vec!["https://a.example/#x".into()];
        assert_eq!(fields(&client(&c)), ["post_logout_redirect_uris[0]"]);
        assert!(client(&client_of(true, &[], &[])).iter().any(|e| e.field == "grant_types"));
    }

    #[test]
    fn backchannel_logout_uris() {
        let mut c = client_of(true, &[GrantType::AuthorizationCode], &["https://a.example/cb"]);
        c.backchannel_logout_uri = Some("https://a.example/logout?x=1".into());
        assert!(client(&c).is_empty());
        for bad in ["com.example.app:/logout", "https://a.example/#x", "http://a.example/logout"] {
            c.backchannel_logout_uri = Some(bad.into());
            assert_eq!(fields(&client(&c)), ["backchannel_logout_uri"], "{bad}");
        }
    }

    #[test]
    fn registered_clients_keep_to_the_tenants_policy() {
        let mut p = RegistrationPolicy { enabled: true, ..Default::default() };
        p.redirect_uri_hosts = vec!["app.example".into(), "*.tools.example".into(), "127.0.0.1".into()];
        let code = [GrantType::AuthorizationCode];
        let ok =
            client_of(false, &code, &["https://app.example/cb", "https://a.tools.example/cb", "http://127.0.0.1/cb"]);
        assert!(registered_client(&ok, &p).is_empty(), "{:?}", registered_client(&ok, &p));
        let bad = client_of(false, &code, &["https://evil.example/cb", "https://tools.example/cb", "com.x.app:/cb"]);
        assert_eq!(fields(&registered_client(&bad, &p)), ["redirect_uris[0]", "redirect_uris[1]", "redirect_uris[2]"]);
        let cc = client_of(true, &[GrantType::ClientCredentials], &[]);
        assert_eq!(fields(&registered_client(&cc, &p)), ["grant_types"]);
        p.client_lifetime = Some(0);
        p.redirect_uri_schemes.push("a b".into());
        p.grant_types.clear();
        assert_eq!(
            fields(&registration_policy(&p)),
            ["registration.grant_types", "registration.client_lifetime", "registration.redirect_uri_schemes"]
        );
    }

    #[test]
    fn redirect_uris() {
        for ok in [
            "https://a.example/cb",
            "http://localhost:3000/cb",
            "http://127.0.0.1",
            "http://[::1]:8/x",
            "com.example.app:/cb",
        ] {
            assert!(redirect_uri(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com/cb",
            "https://a.example/#f",
            "http://localhost.evil.example/",
            "https://",
            "https://a b",
            "/relative",
            "javascript:alert(1)",
            "HTTPS://a.example/cb",
            "https:a.example/cb",
            "http://127.1/cb",
            "http://LOCALHOST/cb",
            "http://localhost:80@evil.example/cb",
            "http://127.0.0.1:1@evil.example/cb",
            "https://a.example:99999/cb",
            "1com.example:/cb",
        ] {
            assert!(redirect_uri(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn permissions_name_defined_roles_and_scopes() {
        let api = Api {
            id: Uuid::nil(),
            tenant_id: Uuid::nil(),
            name: "r".into(),
            identifier: "api://r".into(),
            scopes: vec!["Read".into()],
            roles: vec!["Admin".into()],
            scope_descriptions: Default::default(),
            claims: Default::default(),
        };
        let p = |api: &str, roles: &[&str], scopes: &[&str]| Permission {
            api: api.into(),
            roles: roles.iter().map(|s| s.to_string()).collect(),
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
        };
        assert!(permissions(&[p("api://r", &["Admin"], &["Read"])], std::slice::from_ref(&api)).is_empty());
        let e = permissions(&[p("api://x", &[], &[]), p("api://r", &["Read"], &["Admin"])], std::slice::from_ref(&api));
        assert_eq!(fields(&e), ["permission[0].api", "permission[1].roles", "permission[1].scopes"]);
        let mut bad = api;
        bad.identifier = "api://r/".into();
        bad.scopes.push(".default".into());
        assert_eq!(fields(&self::api(&bad)), ["identifier", "scopes/roles"]);
    }

    #[test]
    fn users_passwords_and_profiles() {
        assert_eq!(password("short").unwrap_err().to_string(), "password: must be at least 8 characters");
        assert!(password("long enough").is_ok());
        let mut u = User {
            id: Uuid::nil(),
            tenant_id: Uuid::nil(),
            username: "dora".into(),
            display_name: "Dora".into(),
            email: Some("dora@example.com".into()),
            email_verified: true,
            profile: UserProfile {
                given_name: Some("Dora".into()),
                locale: Some("sl-SI".into()),
                zoneinfo: Some("Europe/Ljubljana".into()),
                ..Default::default()
            },
            updated_at: None,
            enabled: true,
            password_hash: String::new(),
        };
        assert!(user(&u).is_empty(), "{:?}", user(&u));
        u.email = Some("not an address".into());
        u.profile.locale = Some("sl_SI!".into());
        u.profile.zoneinfo = Some("Europe/Ljubljana; drop".into());
        u.profile.nickname = Some("a\nb".into());
        u.username = String::new();
        assert_eq!(fields(&user(&u)), ["username", "email", "nickname", "locale", "zoneinfo"]);
        u.email = None;
        assert!(fields(&user(&u)).contains(&"email_verified"));
    }

    #[test]
    fn only_a_confidential_client_may_skip_pkce() {
        let mut c = client_of(false, &[GrantType::AuthorizationCode], &["http://127.0.0.1/cb"]);
        assert!(client(&c).is_empty());
        c.require_pkce = false;
        assert_eq!(client(&c).iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["require_pkce"]);
        let mut c = client_of(true, &[GrantType::AuthorizationCode], &["http://127.0.0.1/cb"]);
        c.require_pkce = false;
        assert!(client(&c).is_empty());
    }

    #[test]
    fn only_a_confidential_client_may_introspect_and_only_the_tenants_apis() {
        let mut c = client_of(false, &[GrantType::AuthorizationCode], &["http://127.0.0.1/cb"]);
        c.introspect = vec!["api://r".into()];
        assert_eq!(fields(&client(&c)), ["introspect"]);
        let mut c = client_of(true, &[GrantType::ClientCredentials], &[]);
        c.introspect = vec!["api://r".into()];
        assert!(client(&c).is_empty());
        let api = Api {
            id: Uuid::nil(),
            tenant_id: Uuid::nil(),
            name: "r".into(),
            identifier: "api://r".into(),
            scopes: vec![],
            roles: vec![],
            scope_descriptions: Default::default(),
            claims: Default::default(),
        };
        let apis = std::slice::from_ref(&api);
        assert!(introspect(&["api://r".into()], apis).is_empty());
        assert_eq!(
            fields(&introspect(&["api://r".into(), "api://x".into(), "api://r/".into()], apis)),
            ["introspect[1]", "introspect[2]"]
        );
    }
}
