//! `sigil import FILE.toml`: declarative provisioning. Idempotent (a second run changes nothing),
//! transactional (any error changes nothing; errors name tenant, object and field), and it deletes
//! only with `--prune`. This file only reads the TOML (and the environment variables it names)
//! into a desired state; `sigil_core::provisioning::plan` validates it and computes the changes.
use serde::Deserialize;
use sigil_core::branding::{Branding, LocalizedText, Logo};
use sigil_core::clock::{Clock, SystemClock};
use sigil_core::jwk;
use sigil_core::model::{
    ClientKey, FEDERATED_DEFAULT_AUDIENCE, FederatedCredential, Permission, TokenLifetimes, UserProfile,
};
use sigil_core::provisioning::plan::{DesiredClient, DesiredTenant, DesiredUser, plan};
use sigil_core::provisioning::{
    self as rules, ClaimsSpec, NewApi, NewClient, NewGroup, NewSecret, NewTenant, NewUser, NewUserAccess, RuleError,
};
use sigil_core::rng::SystemRng;

use crate::EXIT_USAGE;
use crate::bootstrap::{self, AnyError};
use crate::config::Config;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportFile {
    #[serde(default)]
    pub tenant: Vec<TenantSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantSpec {
    pub name: String,
    pub display_name: Option<String>,
    pub default_locale: Option<String>,
    pub signing_alg: Option<String>,
    #[serde(default)]
    pub allow_plain_pkce: bool,
    /// Issuer `<base>/<name>/v2.0` instead of the tenant id (OpenID Connect Discovery §4.3).
    #[serde(default)]
    pub issuer_uses_name: bool,
    /// Dynamic client registration (RFC 7591) and Client ID Metadata Documents.
    #[serde(default)]
    pub registration: sigil_core::model::RegistrationPolicy,
    /// Multi-factor authentication for every user: `off` (default), `required`, or
    /// `unfamiliar` (when the device or network is new for the user).
    #[serde(default)]
    pub mfa: sigil_core::model::MfaPolicy,
    /// `[tenant.session]`: `stay_signed_in = "ask" | "never" | "always"`, `lifetime`,
    /// `persistent_lifetime` (seconds).
    #[serde(default)]
    pub session: sigil_core::model::SessionPolicy,
    /// RFC 7523 §2.1: `[[tenant.trusted_issuer]]`, issuers whose JWTs are authorization grants.
    #[serde(default)]
    pub trusted_issuer: Vec<sigil_core::model::TrustedIssuer>,
    /// Issue 21: `[tenant.branding]`, the logo, colours, sign-in text and links of its pages.
    pub branding: Option<BrandingSpec>,
    #[serde(default)]
    pub api: Vec<ApiSpec>,
    #[serde(default)]
    pub client: Vec<ClientSpec>,
    #[serde(default)]
    pub user: Vec<UserSpec>,
    #[serde(default)]
    pub group: Vec<GroupSpec>,
}

/// `[tenant.branding]`: what `sigil_core::branding::Branding` holds, with the logo as a file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrandingSpec {
    /// A PNG, JPEG or WebP file (at most 100 KiB), stored in the database.
    pub logo_file: Option<String>,
    /// Or a logo served by another site (https).
    pub logo_url: Option<String>,
    pub primary_color: Option<String>,
    pub background_color: Option<String>,
    /// `"..."` or `{ en = "...", ro = "..." }`.
    #[serde(default)]
    pub signin_text: LocalizedText,
    pub privacy_url: Option<String>,
    pub terms_url: Option<String>,
}

/// A scope: its name alone, or with what the consent page says it allows.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum ScopeSpec {
    Name(String),
    Described { name: String, description: LocalizedText },
}

impl ScopeSpec {
    fn name(&self) -> &str {
        match self {
            Self::Name(n) | Self::Described { name: n, .. } => n,
        }
    }
}

/// A group (Entra: security group by default) and the application roles assigned to it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub name: String,
    #[serde(default = "yes")]
    pub security: bool,
    /// `<API identifier>/<role>`, e.g. `api://reports/Admin`.
    #[serde(default)]
    pub app_roles: Vec<String>,
    /// Members sign in with a second factor.
    #[serde(default)]
    pub require_mfa: bool,
    /// `"required"` (the same as `require_mfa`) or `"unfamiliar"`: members use a second factor
    /// from a new device or network.
    #[serde(default)]
    pub mfa: sigil_core::model::MfaPolicy,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiSpec {
    pub name: String,
    pub identifier: String,
    /// `"read"` or `{ name = "read", description = "..." | { en = "...", ro = "..." } }`.
    #[serde(default)]
    pub scopes: Vec<ScopeSpec>,
    #[serde(default)]
    pub roles: Vec<String>,
    /// Entra's `groupMembershipClaims` for this API's access tokens.
    pub group_membership_claims: Option<String>,
    /// Entra's `optionalClaims.accessToken`.
    #[serde(default)]
    pub optional_claims_access_token: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientSpec {
    pub client_id: String,
    pub name: Option<String>,
    /// `confidential` (default), `public` or `spa`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub auth_methods: Option<Vec<String>>,
    pub grant_types: Vec<String>,
    #[serde(default)]
    pub redirect_uris: Vec<String>,
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
    #[serde(default)]
    pub permission: Vec<Permission>,
    pub access_token_lifetime: Option<i64>,
    pub refresh_token_inactivity: Option<i64>,
    pub refresh_token_max_lifetime: Option<i64>,
    #[serde(default)]
    pub always_issue_refresh_token: bool,
    /// RFC 9700 §2.1.1: `false` lets a confidential client send authorization requests without PKCE.
    #[serde(default = "yes")]
    pub require_pkce: bool,
    /// OIDC Dynamic Client Registration §2; RS256 when absent.
    pub id_token_signed_response_alg: Option<String>,
    /// RFC 7662: API identifiers whose access tokens this client may introspect.
    #[serde(default)]
    pub introspect: Vec<String>,
    /// OIDC Back-Channel Logout 1.0 §2.2.
    pub backchannel_logout_uri: Option<String>,
    #[serde(default)]
    pub backchannel_logout_session_required: bool,
    /// Entra's `groupMembershipClaims` for this client's ID tokens.
    pub group_membership_claims: Option<String>,
    /// Entra's `optionalClaims.idToken`.
    #[serde(default)]
    pub optional_claims_id_token: Vec<String>,
    /// Entra's `optionalClaims.accessToken`: for access tokens whose audience is this client.
    #[serde(default)]
    pub optional_claims_access_token: Vec<String>,
    /// RFC 9126 §6: authorization requests only through the PAR endpoint.
    #[serde(default)]
    pub require_pushed_authorization_requests: bool,
    /// RFC 9449 §5.2: every token request carries a DPoP proof.
    #[serde(default)]
    pub dpop_bound_access_tokens: bool,
    /// RFC 9449 §8: DPoP proofs must carry a server nonce.
    #[serde(default)]
    pub require_dpop_nonce: bool,
    /// The API (identifier) this client implements: on-behalf-of assertions are its tokens.
    pub exposes_api: Option<String>,
    /// RFC 8693: `subject_audiences`, `target_audiences`.
    pub token_exchange: Option<sigil_core::model::ExchangePolicy>,
    #[serde(default)]
    pub secret: Vec<SecretSpec>,
    /// `private_key_jwt` certificates (PEM), several at once for rotation.
    #[serde(default)]
    pub certificate: Vec<CertificateSpec>,
    /// `private_key_jwt` keys as a JWK set (RFC 7517 §5), JSON text.
    pub jwks: Option<String>,
    /// RFC 7591 §2 `jwks_uri`.
    pub jwks_uri: Option<String>,
    #[serde(default)]
    pub federated_credential: Vec<FederatedSpec>,
    /// Refuse any client assertion `jti` seen before (default: the same assertion is accepted
    /// again from the same client within its lifetime).
    #[serde(default)]
    pub strict_assertion_replay: bool,
    /// RFC 9101 §10.5: authorization requests only as signed request objects.
    #[serde(default)]
    pub require_signed_request_object: bool,
    /// `"fapi2"`: the FAPI 2.0 Security Profile (docs/fapi.md); default `"standard"`.
    pub profile: Option<String>,
    /// Users of this application sign in with a second factor.
    #[serde(default)]
    pub require_mfa: bool,
    /// `"required"` (the same as `require_mfa`) or `"unfamiliar"`: users use a second factor
    /// from a new device or network.
    #[serde(default)]
    pub mfa: sigil_core::model::MfaPolicy,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateSpec {
    /// The certificate, PEM.
    pub pem: Option<String>,
    /// Or a PEM file to read it from.
    pub pem_file: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FederatedSpec {
    pub name: String,
    pub issuer: String,
    pub subject: String,
    /// Entra's default when absent: `api://AzureADTokenExchange`.
    pub audience: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretSpec {
    pub value: Option<String>,
    /// Read the secret from this environment variable instead of the file.
    pub value_env: Option<String>,
    /// RFC 3339, e.g. `2027-06-30T00:00:00Z`.
    pub expires: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserSpec {
    pub username: String,
    pub display_name: Option<String>,
    pub email: Option<String>,
    #[serde(default)]
    pub email_verified: bool,
    /// OIDC Core §5.1 standard claims.
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub middle_name: Option<String>,
    pub nickname: Option<String>,
    pub locale: Option<String>,
    pub zoneinfo: Option<String>,
    #[serde(default = "yes")]
    pub enabled: bool,
    pub password: Option<String>,
    pub password_env: Option<String>,
    /// Group names. With `app_roles`, replaces the user's memberships and direct role
    /// assignments; when both are absent they are left as they are.
    pub groups: Option<Vec<String>>,
    /// `<API identifier>/<role>` assigned to the user directly.
    pub app_roles: Option<Vec<String>>,
}

fn yes() -> bool {
    true
}

pub async fn run(cfg: &Config, file: &str, prune: bool, dry_run: bool, json: bool) -> Result<i32, AnyError> {
    let src = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let mut spec: ImportFile = match toml::from_str(&src) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {file}: {e}");
            return Ok(EXIT_USAGE);
        }
    };
    // A relative `logo_file` is next to the import file, wherever `sigil import` runs from.
    let dir = std::path::Path::new(file).parent().unwrap_or(std::path::Path::new("."));
    for b in spec.tenant.iter_mut().filter_map(|t| t.branding.as_mut()) {
        if let Some(f) = b.logo_file.as_mut().filter(|f| std::path::Path::new(f.as_str()).is_relative()) {
            *f = dir.join(&*f).display().to_string();
        }
    }
    let opened = bootstrap::open(cfg).await?;
    let desired = desired(&spec);
    let plan = match plan(opened.store.as_ref(), &opened.master, &SystemRng, &desired, prune, SystemClock.now()).await?
    {
        Ok(p) => p,
        Err(errors) => {
            eprintln!("error: {file}: nothing was changed:");
            for e in errors {
                eprintln!("  {e}");
            }
            return Ok(EXIT_USAGE);
        }
    };
    if !dry_run && !plan.changes.is_empty() {
        opened.store.apply(&plan.changes).await?;
    }
    if json {
        outln!(
            "{}",
            serde_json::json!({"changed": !plan.summary.is_empty(), "applied": !dry_run, "changes": plan.summary})
        );
    } else if plan.summary.is_empty() {
        outln!("no changes");
    } else {
        for s in &plan.summary {
            outln!("{s}");
        }
        outln!("{} change(s) {}", plan.summary.len(), if dry_run { "planned (dry run)" } else { "applied" });
    }
    Ok(0)
}

/// The file's desired state, for the core's planner. What cannot even be read (an unset
/// environment variable, a malformed date, an unknown client type) is passed on as refused, so
/// that it is reported with the rest.
pub fn desired(spec: &ImportFile) -> Vec<DesiredTenant> {
    spec.tenant.iter().map(desired_tenant).collect()
}

/// The branding of the file; a logo file that cannot be read or is no accepted image is refused.
fn desired_branding(b: Option<&BrandingSpec>, refused: &mut Vec<RuleError>) -> Branding {
    let Some(b) = b else { return Branding::default() };
    let logo = b.logo_file.as_ref().and_then(|f| {
        std::fs::read(f)
            .map_err(|e| RuleError::new("branding.logo_file", format!("{f}: {e}")))
            .and_then(|bytes| {
                Logo::new(bytes).map_err(|e| RuleError::new("branding.logo_file", format!("{f} {}", e.message)))
            })
            .map_err(|e| refused.push(e))
            .ok()
    });
    Branding {
        logo_url: b.logo_url.clone(),
        logo,
        primary_color: b.primary_color.clone(),
        background_color: b.background_color.clone(),
        signin_text: b.signin_text.clone(),
        privacy_url: b.privacy_url.clone(),
        terms_url: b.terms_url.clone(),
    }
}

fn desired_tenant(ts: &TenantSpec) -> DesiredTenant {
    let mut refused = Vec::new();
    let branding = desired_branding(ts.branding.as_ref(), &mut refused);
    DesiredTenant {
        refused,
        tenant: NewTenant {
            name: ts.name.clone(),
            display_name: ts.display_name.clone(),
            default_locale: ts.default_locale.clone(),
            signing_alg: ts.signing_alg.clone(),
            allow_plain_pkce: ts.allow_plain_pkce,
            issuer_uses_name: ts.issuer_uses_name,
            registration: ts.registration.clone(),
            mfa: ts.mfa,
            session: ts.session.clone(),
            trusted_issuers: ts.trusted_issuer.clone(),
            branding,
        },
        apis: ts
            .api
            .iter()
            .map(|a| NewApi {
                name: a.name.clone(),
                identifier: a.identifier.clone(),
                scopes: a.scopes.iter().map(|s| s.name().to_string()).collect(),
                scope_descriptions: a
                    .scopes
                    .iter()
                    .filter_map(|s| match s {
                        ScopeSpec::Described { name, description } => Some((name.clone(), description.clone())),
                        ScopeSpec::Name(_) => None,
                    })
                    .collect(),
                roles: a.roles.clone(),
                claims: ClaimsSpec {
                    group_membership_claims: a.group_membership_claims.clone(),
                    id_token: vec![],
                    access_token: a.optional_claims_access_token.clone(),
                },
            })
            .collect(),
        groups: ts
            .group
            .iter()
            .map(|g| NewGroup {
                name: g.name.clone(),
                security: g.security,
                app_roles: g.app_roles.clone(),
                require_mfa: g.require_mfa || g.mfa == sigil_core::model::MfaPolicy::Required,
                mfa_unfamiliar: g.mfa == sigil_core::model::MfaPolicy::Unfamiliar,
            })
            .collect(),
        clients: ts.client.iter().map(desired_client).collect(),
        users: ts.user.iter().map(desired_user).collect(),
    }
}

/// The value of the environment variable `var`, for `<field>_env`.
fn from_env(field: &str, var: &str) -> Result<String, RuleError> {
    std::env::var(var)
        .map_err(|_| RuleError::new(format!("{field}_env"), format!("environment variable {var} is not set")))
}

fn desired_client(c: &ClientSpec) -> DesiredClient {
    let mut refused = Vec::new();
    let kind = rules::client_type(c.kind.as_deref().unwrap_or("confidential")).unwrap_or_else(|e| {
        refused.push(e);
        rules::ClientType::Confidential
    });
    let confidential = kind.confidential();
    let mut secrets = Vec::new();
    for (i, s) in c.secret.iter().enumerate() {
        let field = format!("secret[{i}]");
        let value = match (&s.value, &s.value_env) {
            (Some(v), None) => Ok(v.clone()),
            (None, Some(var)) => from_env(&format!("{field}.value"), var),
            _ => Err(RuleError::new(&field, "give exactly one of value, value_env")),
        };
        let value = match value {
            Ok(v) => v,
            Err(e) => {
                refused.push(e);
                continue;
            }
        };
        let expires_at = match s.expires.as_deref().map(|e| rules::rfc3339(&format!("{field}.expires"), e)) {
            None => None,
            Some(Ok(t)) => Some(t),
            Some(Err(e)) => {
                refused.push(e);
                continue;
            }
        };
        secrets.push(NewSecret { value, expires_at });
    }
    let keys = client_keys(c).unwrap_or_else(|e| {
        refused.push(e);
        vec![]
    });
    let client = NewClient {
        client_id: c.client_id.clone(),
        name: c.name.clone(),
        confidential,
        auth_methods: c.auth_methods.clone(),
        grant_types: c.grant_types.clone(),
        redirect_uris: c.redirect_uris.clone(),
        post_logout_redirect_uris: c.post_logout_redirect_uris.clone(),
        permissions: c.permission.clone(),
        lifetimes: TokenLifetimes {
            access_token: c.access_token_lifetime,
            refresh_inactivity: c.refresh_token_inactivity,
            refresh_max: c.refresh_token_max_lifetime,
        },
        always_issue_refresh_token: c.always_issue_refresh_token,
        require_pkce: c.require_pkce,
        id_token_alg: c.id_token_signed_response_alg.clone(),
        introspect: c.introspect.clone(),
        backchannel_logout_uri: c.backchannel_logout_uri.clone(),
        backchannel_logout_session_required: c.backchannel_logout_session_required,
        registration: None,
        spa: kind.spa(),
        claims: ClaimsSpec {
            group_membership_claims: c.group_membership_claims.clone(),
            id_token: c.optional_claims_id_token.clone(),
            access_token: c.optional_claims_access_token.clone(),
        },
        require_pushed_authorization_requests: c.require_pushed_authorization_requests,
        dpop_bound_access_tokens: c.dpop_bound_access_tokens,
        require_dpop_nonce: c.require_dpop_nonce,
        exposes_api: c.exposes_api.clone(),
        token_exchange: c.token_exchange.clone(),
        secrets: vec![],
        keys,
        jwks_uri: c.jwks_uri.clone(),
        federated: c
            .federated_credential
            .iter()
            .map(|f| FederatedCredential {
                name: f.name.clone(),
                issuer: f.issuer.clone(),
                subject: f.subject.clone(),
                audience: f.audience.clone().unwrap_or_else(|| FEDERATED_DEFAULT_AUDIENCE.into()),
            })
            .collect(),
        strict_assertion_replay: c.strict_assertion_replay,
        require_signed_request_object: c.require_signed_request_object,
        profile: c.profile.clone(),
        require_mfa: c.require_mfa || c.mfa == sigil_core::model::MfaPolicy::Required,
        mfa_unfamiliar: c.mfa == sigil_core::model::MfaPolicy::Unfamiliar,
    };
    DesiredClient { client, secrets, refused }
}

/// The client's `private_key_jwt` keys: each certificate's, then the JWK set's.
fn client_keys(c: &ClientSpec) -> Result<Vec<ClientKey>, RuleError> {
    let mut keys = Vec::new();
    for (i, cert) in c.certificate.iter().enumerate() {
        let field = format!("certificate[{i}]");
        let pem = match (&cert.pem, &cert.pem_file) {
            (Some(p), None) => p.clone(),
            (None, Some(f)) => std::fs::read_to_string(f)
                .map_err(|e| RuleError::new(format!("{field}.pem_file"), format!("{f}: {e}")))?,
            _ => return Err(RuleError::new(&field, "give exactly one of pem, pem_file")),
        };
        keys.extend(jwk::keys_from_certificates(&pem).map_err(|e| RuleError::new(&field, e))?);
    }
    if let Some(text) = &c.jwks {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| RuleError::new("jwks", format!("not JSON: {e}")))?;
        let found = jwk::keys_from_jwks(&v);
        if found.is_empty() {
            return Err(RuleError::new("jwks", "no RSA or P-256 signing key in it"));
        }
        keys.extend(found);
    }
    Ok(keys)
}

fn desired_user(u: &UserSpec) -> DesiredUser {
    let mut refused = Vec::new();
    let password = match (&u.password, &u.password_env) {
        (Some(p), None) => Ok(Some(p.clone())),
        (None, Some(var)) => from_env("password", var).map(Some),
        (None, None) => Ok(None),
        _ => Err(RuleError::new("", "give at most one of password, password_env")),
    }
    .unwrap_or_else(|e| {
        refused.push(e);
        None
    });
    let user = NewUser {
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        email: u.email.clone(),
        email_verified: u.email_verified,
        profile: UserProfile {
            given_name: u.given_name.clone(),
            family_name: u.family_name.clone(),
            middle_name: u.middle_name.clone(),
            nickname: u.nickname.clone(),
            locale: u.locale.clone(),
            zoneinfo: u.zoneinfo.clone(),
        },
        enabled: u.enabled,
        password,
    };
    let access = (u.groups.is_some() || u.app_roles.is_some()).then(|| NewUserAccess {
        groups: u.groups.clone().unwrap_or_default(),
        app_roles: u.app_roles.clone().unwrap_or_default(),
    });
    DesiredUser { user, access, refused }
}

#[cfg(test)]
mod tests {
    use sigil_core::crypto::MasterKey;
    use sigil_core::provisioning::plan::Plan;
    use sigil_core::store::Store;

    use super::*;

    const FILE: &str = r#"
[[tenant]]
name = "newco"
  [[tenant.api]]
  name = "reports"
  identifier = "api://reports"
  roles = ["Read"]
  [[tenant.client]]
  client_id = "daemon"
  grant_types = ["client_credentials"]
    [[tenant.client.permission]]
    api = "api://reports"
    roles = ["Read"]
    [[tenant.client.secret]]
    value = "daemon-secret-0123456789abcdef-0123"
  [[tenant.user]]
  username = "dora"
  password = "correct horse"
"#;

    async fn store() -> std::sync::Arc<dyn Store> {
        sigil_store::open(&sigil_testkit::db::sqlite_url("import"), 2).await.unwrap()
    }

    async fn plan_of(s: &dyn Store, m: &MasterKey, file: &str, prune: bool) -> Result<Plan, Vec<String>> {
        let spec: ImportFile = toml::from_str(file).unwrap();
        plan(s, m, &SystemRng, &desired(&spec), prune, 1_800_000_000).await.unwrap()
    }

    #[tokio::test]
    async fn a_file_is_planned_once_then_plans_nothing_and_prunes_only_when_asked() {
        let (s, m) = (store().await, MasterKey::from_bytes(&[7; 32]).unwrap());
        let first = plan_of(s.as_ref(), &m, FILE, false).await.unwrap();
        assert_eq!(
            first.summary,
            [
                "created tenant 'newco'",
                "created tenant 'newco' > api 'reports'",
                "created tenant 'newco' > client 'daemon'",
                "created tenant 'newco' > user 'dora'"
            ]
        );
        s.apply(&first.changes).await.unwrap();
        // The same file again: the secret and the password are recognised, not made anew.
        let again = plan_of(s.as_ref(), &m, FILE, false).await.unwrap();
        assert!(again.changes.is_empty(), "{:?}", again.summary);
        let without_user = FILE.split("  [[tenant.user]]").next().unwrap();
        assert!(plan_of(s.as_ref(), &m, without_user, false).await.unwrap().changes.is_empty());
        let pruned = plan_of(s.as_ref(), &m, without_user, true).await.unwrap();
        assert_eq!(pruned.summary, ["deleted tenant 'newco' > user 'dora'"]);
    }

    #[tokio::test]
    async fn every_problem_is_reported_with_its_place_and_nothing_is_planned() {
        let (s, m) = (store().await, MasterKey::from_bytes(&[7; 32]).unwrap());
        let file = FILE
            .replace(
                r#"value = "daemon-secret-0123456789abcdef-0123""#,
                r#"value_env = "SIGIL_TEST_UNSET_VARIABLE_4711""#,
            )
            .replace(r#"grant_types = ["client_credentials"]"#, r#"grant_types = ["client_credentials", "bogus"]"#)
            .replace(r#"password = "correct horse""#, "password = \"correct horse\"\npassword_env = \"X\"")
            .replace(r#"roles = ["Read"]"#, r#"roles = ["Write"]"#);
        let errors = plan_of(s.as_ref(), &m, &file, false).await.unwrap_err();
        let expected = [
            "tenant 'newco' > client 'daemon': grant_types: 'bogus' is not one of authorization_code, client_credentials, refresh_token, password, device_code, jwt_bearer, token_exchange",
            "tenant 'newco' > client 'daemon': secret[0].value_env: environment variable SIGIL_TEST_UNSET_VARIABLE_4711 is not set",
            "tenant 'newco' > user 'dora': give at most one of password, password_env",
        ];
        for e in expected {
            assert!(errors.iter().any(|l| l == e), "{e}\nnot in {errors:#?}");
        }
        // The API defines `Write` now (both `roles` lines were replaced), so the permission holds.
        assert_eq!(errors.len(), 3, "{errors:#?}");
        // A wrong locale is reported and the tenant's objects are still checked.
        let file = file.replace("name = \"newco\"", "name = \"newco\"\ndefault_locale = \"xx\"");
        let errors = plan_of(s.as_ref(), &m, &file, false).await.unwrap_err();
        assert_eq!(errors.len(), 4, "{errors:#?}");
        assert!(errors[0].starts_with("tenant 'newco': default_locale: 'xx' is not one of"), "{errors:#?}");
    }

    /// OIDC Back-Channel Logout 1.0 §2.2: the client's URI and flag from the file, checked.
    #[tokio::test]
    async fn backchannel_logout_settings_are_imported_and_checked() {
        let (s, m) = (store().await, MasterKey::from_bytes(&[7; 32]).unwrap());
        let with = |uri: &str| {
            FILE.replace(
                r#"grant_types = ["client_credentials"]"#,
                &format!("grant_types = [\"client_credentials\"]\nbackchannel_logout_uri = \"{uri}\"\nbackchannel_logout_session_required = true"),
            )
        };
        let errors = plan_of(s.as_ref(), &m, &with("com.example.app:/bc"), false).await.unwrap_err();
        assert!(errors.iter().any(|e| e.contains("backchannel_logout_uri")), "{errors:#?}");
        let ok = plan_of(s.as_ref(), &m, &with("https://rp.example/bc"), false).await.unwrap();
        s.apply(&ok.changes).await.unwrap();
        let d = s.load_directory().await.unwrap();
        let c = d.clients.iter().find(|c| c.client_id == "daemon").unwrap();
        assert_eq!(c.backchannel_logout_uri.as_deref(), Some("https://rp.example/bc"));
        assert!(c.backchannel_logout_session_required);
    }
}
