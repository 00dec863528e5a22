//! Constructors: the one way a tenant, API, client, secret or user is made (or changed) outside
//! the store's row mapping. Each takes what an operator gives (text, as in the import file or on
//! the command line), applies every rule of [`super`] and reports all that are broken.
//! To change an object: `NewX::from_existing(&x)`, set fields, `build` again.
use uuid::Uuid;

use std::collections::BTreeMap;

use super::ClaimsSpec;
use super::{Kind, ProvisioningError, RuleError};
use crate::branding::{Branding, LocalizedText};
use crate::clock::UnixTime;
use crate::crypto::MasterKey;
use crate::keys::{self, KeyError};
use crate::model::{
    Api, AppRoleRef, AuthMethod, Client, ClientKey, ClientProfile, ClientRegistration, ClientSecret, ExchangePolicy,
    FederatedCredential, GrantType, Group, MfaPolicy, Permission, RegistrationPolicy, SessionPolicy, SigningAlg,
    Tenant, TokenLifetimes, TrustedIssuer, User, UserAccess, UserProfile,
};
use crate::password;
use crate::rng::{Rng, uuid_v4};
use crate::store::{Change, DirectoryData};

/// A new id for an object that has none yet.
pub fn new_id(existing: Option<Uuid>, rng: &dyn Rng) -> Uuid {
    existing.unwrap_or_else(|| uuid_v4(rng))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTenant {
    pub name: String,
    /// The name when absent.
    pub display_name: Option<String>,
    /// `en` when absent.
    pub default_locale: Option<String>,
    /// When absent: the tenant's current algorithm, else ES256.
    pub signing_alg: Option<String>,
    pub allow_plain_pkce: bool,
    pub issuer_uses_name: bool,
    /// Dynamic registration and metadata documents (off by default).
    pub registration: RegistrationPolicy,
    /// Issue 21: multi-factor authentication for every user (off by default).
    pub mfa: MfaPolicy,
    /// Issue 21: session lifetimes and "Stay signed in?".
    pub session: SessionPolicy,
    /// RFC 7523 §2.1: issuers whose JWTs are accepted as authorization grants.
    pub trusted_issuers: Vec<TrustedIssuer>,
    /// Issue 21: logo, colours, sign-in text and links (`crate::branding` has the rules).
    pub branding: Branding,
}

impl NewTenant {
    pub fn from_existing(t: &Tenant) -> Self {
        Self {
            name: t.name.clone(),
            display_name: Some(t.display_name.clone()),
            default_locale: Some(t.default_locale.clone()),
            signing_alg: Some(t.signing_alg.as_str().into()),
            allow_plain_pkce: t.allow_plain_pkce,
            issuer_uses_name: t.issuer_uses_name,
            registration: t.registration.clone(),
            mfa: t.mfa,
            session: t.session.clone(),
            trusted_issuers: t.trusted_issuers.clone(),
            branding: (*t.branding).clone(),
        }
    }

    /// `current`: the stored tenant of this name, if any (keeps its id and algorithm).
    pub fn build(self, current: Option<&Tenant>, rng: &dyn Rng) -> Result<Tenant, ProvisioningError> {
        let mut broken = Vec::new();
        broken.extend(super::tenant_name(&self.name).err());
        let alg = match self.signing_alg.as_deref().map(super::signing_alg) {
            None => current.map_or(SigningAlg::ES256, |t| t.signing_alg),
            Some(Ok(a)) => a,
            Some(Err(e)) => {
                broken.push(e);
                SigningAlg::ES256
            }
        };
        let locale = super::locale(self.default_locale.as_deref().unwrap_or("en")).unwrap_or_else(|e| {
            broken.push(e);
            "en"
        });
        broken.extend(super::registration_policy(&self.registration));
        broken.extend(super::trusted_issuers(&self.trusted_issuers));
        broken.extend(super::session_policy(&self.session));
        broken.extend(
            self.branding.check().into_iter().map(|e| RuleError::new(format!("branding.{}", e.field), e.message)),
        );
        ProvisioningError::check(broken)?;
        Ok(Tenant {
            id: new_id(current.map(|t| t.id), rng),
            display_name: self.display_name.unwrap_or_else(|| self.name.clone()),
            name: self.name,
            default_locale: locale.into(),
            signing_alg: alg,
            allow_plain_pkce: self.allow_plain_pkce,
            issuer_uses_name: self.issuer_uses_name,
            registration: self.registration,
            mfa: self.mfa,
            trusted_issuers: self.trusted_issuers,
            session: self.session,
            branding: Box::new(self.branding),
        })
    }
}

/// A new tenant's signing keys, active now: its algorithm's and RS256 for ID tokens.
pub fn tenant_keys(master: &MasterKey, rng: &dyn Rng, tenant: &Tenant, now: UnixTime) -> Result<Vec<Change>, KeyError> {
    keys::tenant_algs(tenant.signing_alg)
        .into_iter()
        .map(|a| Ok(Change::PutKey(keys::new_stored_key(master, rng, tenant.id, a, now, now)?)))
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApi {
    pub name: String,
    pub identifier: String,
    pub scopes: Vec<String>,
    pub roles: Vec<String>,
    /// What the API's access tokens carry (groups, optional claims).
    pub claims: ClaimsSpec,
    /// What the consent page says each scope allows (per language optional).
    pub scope_descriptions: BTreeMap<String, LocalizedText>,
}

impl NewApi {
    pub fn from_existing(a: &Api) -> Self {
        Self {
            name: a.name.clone(),
            identifier: a.identifier.clone(),
            scopes: a.scopes.clone(),
            roles: a.roles.clone(),
            claims: ClaimsSpec::from_existing(&a.claims),
            scope_descriptions: a.scope_descriptions.clone(),
        }
    }

    /// `current`: the stored API of this name in the tenant, if any (keeps its id).
    pub fn build(self, tenant: &Tenant, current: Option<&Api>, rng: &dyn Rng) -> Result<Api, ProvisioningError> {
        let (claims, mut broken) = super::token_claims(&self.claims, true);
        let a = Api {
            id: new_id(current.map(|a| a.id), rng),
            tenant_id: tenant.id,
            name: self.name,
            identifier: self.identifier,
            scopes: self.scopes,
            roles: self.roles,
            scope_descriptions: self.scope_descriptions,
            claims,
        };
        broken.extend(super::api(&a));
        ProvisioningError::check(broken)?;
        Ok(a)
    }
}

/// A client secret given in clear (by the operator or generated): only its keyed hash is kept.
#[derive(Clone, PartialEq, Eq)]
pub struct NewSecret {
    pub value: String,
    pub expires_at: Option<UnixTime>,
}

impl std::fmt::Debug for NewSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NewSecret(expires_at: {:?})", self.expires_at)
    }
}

impl NewSecret {
    /// `field`: where the secret is named in errors (`secret`, `secret[0]`). A secret whose value
    /// is already among `existing` keeps its id and creation time.
    pub fn build(
        self,
        field: &str,
        master: &MasterKey,
        rng: &dyn Rng,
        now: UnixTime,
        existing: &[ClientSecret],
    ) -> Result<ClientSecret, RuleError> {
        self.build_with(field, master, rng, now, existing, false)
    }

    /// [`Self::build`]; `recoverable`: also kept sealed under the master key, for a client that
    /// uses `client_secret_jwt` (the secret is its MAC key). A kept secret keeps its sealed copy.
    pub fn build_with(
        self,
        field: &str,
        master: &MasterKey,
        rng: &dyn Rng,
        now: UnixTime,
        existing: &[ClientSecret],
        recoverable: bool,
    ) -> Result<ClientSecret, RuleError> {
        super::client_secret_value(&self.value).map_err(|e| RuleError::new(format!("{field}.value"), e.message))?;
        let hash = master.secret_hash(&self.value);
        let kept = existing.iter().find(|x| x.hash == hash);
        let id = new_id(kept.map(|k| k.id), rng);
        let sealed = match kept.and_then(|k| k.sealed.clone()) {
            _ if !recoverable => None,
            Some(s) => Some(s),
            None => Some(master.seal(rng, ClientSecret::seal_context(id).as_bytes(), self.value.as_bytes())),
        };
        Ok(ClientSecret {
            id,
            hash,
            hint: self.value.chars().take(3).collect(),
            expires_at: self.expires_at,
            created_at: kept.map_or(now, |k| k.created_at),
            sealed,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewClient {
    pub client_id: String,
    /// The client id when absent.
    pub name: Option<String>,
    pub confidential: bool,
    /// When absent: `client_secret_basic` and `client_secret_post` for a confidential client,
    /// `none` for a public one.
    pub auth_methods: Option<Vec<String>>,
    pub grant_types: Vec<String>,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub permissions: Vec<Permission>,
    pub lifetimes: TokenLifetimes,
    pub always_issue_refresh_token: bool,
    pub require_pkce: bool,
    pub id_token_alg: Option<String>,
    /// API identifiers whose access tokens the client may introspect (RFC 7662).
    pub introspect: Vec<String>,
    /// OIDC Back-Channel Logout 1.0 §2.2.
    pub backchannel_logout_uri: Option<String>,
    pub backchannel_logout_session_required: bool,
    /// A single-page application (public, PKCE, browser redirect URIs; see [`super::client`]).
    pub spa: bool,
    /// What the client's ID tokens carry (groups, optional claims).
    pub claims: ClaimsSpec,

    /// Set by dynamic registration (RFC 7591) only.
    pub registration: Option<ClientRegistration>,
    /// RFC 9126 §6, RFC 9449 §5.2 and §8 (see [`Client`]).
    pub require_pushed_authorization_requests: bool,
    pub dpop_bound_access_tokens: bool,
    pub require_dpop_nonce: bool,
    /// The API identifier this client implements (on-behalf-of assertions are its tokens).
    pub exposes_api: Option<String>,
    /// RFC 8693: what the client may exchange for what.
    pub token_exchange: Option<ExchangePolicy>,
    pub secrets: Vec<ClientSecret>,
    /// `private_key_jwt` keys ([`crate::jwk::keys_from_certificates`], [`crate::jwk::keys_from_jwks`]).
    pub keys: Vec<ClientKey>,
    pub jwks_uri: Option<String>,
    pub federated: Vec<FederatedCredential>,
    pub strict_assertion_replay: bool,
    /// RFC 9101 §10.5 (see [`Client`]).
    pub require_signed_request_object: bool,
    /// `"standard"` or `"fapi2"` ([`crate::fapi`]); `None`: standard.
    pub profile: Option<String>,
    /// Issue 21: users of this application sign in with a second factor.
    pub require_mfa: bool,
    /// Issue 21: ... from a new device or network.
    pub mfa_unfamiliar: bool,
}

impl NewClient {
    /// A client with the defaults: no lifetimes of its own, PKCE required, RS256 ID tokens.
    pub fn new(client_id: impl Into<String>, confidential: bool, grant_types: Vec<String>) -> Self {
        Self {
            client_id: client_id.into(),
            name: None,
            confidential,
            auth_methods: None,
            grant_types,
            redirect_uris: vec![],
            post_logout_redirect_uris: vec![],
            permissions: vec![],
            lifetimes: TokenLifetimes { access_token: None, refresh_inactivity: None, refresh_max: None },
            always_issue_refresh_token: false,
            require_pkce: true,
            id_token_alg: None,
            introspect: vec![],
            backchannel_logout_uri: None,
            backchannel_logout_session_required: false,
            spa: false,
            claims: ClaimsSpec::default(),

            registration: None,
            require_pushed_authorization_requests: false,
            dpop_bound_access_tokens: false,
            require_dpop_nonce: false,
            exposes_api: None,
            token_exchange: None,
            secrets: vec![],
            keys: vec![],
            jwks_uri: None,
            federated: vec![],
            strict_assertion_replay: false,
            require_signed_request_object: false,
            profile: None,
            require_mfa: false,
            mfa_unfamiliar: false,
        }
    }

    pub fn from_existing(c: &Client) -> Self {
        Self {
            client_id: c.client_id.clone(),
            name: Some(c.name.clone()),
            confidential: c.confidential,
            auth_methods: Some(c.auth_methods.iter().map(|m| m.as_str().into()).collect()),
            grant_types: c.grant_types.iter().map(|g| g.as_str().into()).collect(),
            redirect_uris: c.redirect_uris.clone(),
            post_logout_redirect_uris: c.post_logout_redirect_uris.clone(),
            permissions: c.permissions.clone(),
            lifetimes: c.lifetimes.clone(),
            always_issue_refresh_token: c.always_issue_refresh_token,
            require_pkce: c.require_pkce,
            id_token_alg: c.id_token_alg.map(|a| a.as_str().into()),
            introspect: c.introspect.clone(),
            backchannel_logout_uri: c.backchannel_logout_uri.clone(),
            backchannel_logout_session_required: c.backchannel_logout_session_required,
            spa: c.spa,
            claims: ClaimsSpec::from_existing(&c.claims),

            registration: c.registration.clone(),
            require_pushed_authorization_requests: c.require_pushed_authorization_requests,
            dpop_bound_access_tokens: c.dpop_bound_access_tokens,
            require_dpop_nonce: c.require_dpop_nonce,
            exposes_api: c.exposes_api.clone(),
            token_exchange: c.token_exchange.clone(),
            secrets: c.secrets.clone(),
            keys: c.keys.clone(),
            jwks_uri: c.jwks_uri.clone(),
            federated: c.federated.clone(),
            strict_assertion_replay: c.strict_assertion_replay,
            require_signed_request_object: c.require_signed_request_object,
            profile: Some(c.profile.as_str().into()),
            require_mfa: c.require_mfa,
            mfa_unfamiliar: c.mfa_unfamiliar,
        }
    }

    /// The fields that are parsed or checked against the tenant: grant types, authentication
    /// methods, permissions on the tenant's `apis`, an ID token algorithm the tenant has keys for.
    fn parse(
        &self,
        tenant: &Tenant,
        apis: &[Api],
    ) -> (Vec<GrantType>, Vec<AuthMethod>, Option<SigningAlg>, crate::model::TokenClaims, Vec<RuleError>) {
        let mut broken = Vec::new();
        let grant_types: Vec<GrantType> =
            self.grant_types.iter().filter_map(|g| super::grant_type(g).map_err(|e| broken.push(e)).ok()).collect();
        let methods = self.auth_methods.clone().unwrap_or_else(|| {
            let fapi2 = self.profile.as_deref() == Some(ClientProfile::Fapi2.as_str());
            let assertion_only = fapi2
                || self.secrets.is_empty()
                    && (!self.keys.is_empty() || self.jwks_uri.is_some() || !self.federated.is_empty());
            let defaults: &[AuthMethod] = if !self.confidential {
                &[AuthMethod::None]
            } else if assertion_only {
                &[AuthMethod::PrivateKeyJwt]
            } else {
                &[AuthMethod::ClientSecretBasic, AuthMethod::ClientSecretPost]
            };
            defaults.iter().map(|m| m.as_str().to_string()).collect()
        });
        let auth_methods: Vec<AuthMethod> =
            methods.iter().filter_map(|m| super::auth_method(m).map_err(|e| broken.push(e)).ok()).collect();
        broken.extend(super::permissions(&self.permissions, apis));
        broken.extend(super::introspect(&self.introspect, apis));
        broken.extend(super::exposes_api(self.exposes_api.as_deref(), apis));
        broken.extend(super::token_exchange(self.token_exchange.as_ref(), apis));
        let id_token_alg = self
            .id_token_alg
            .as_deref()
            .and_then(|a| super::id_token_alg(a, tenant.signing_alg).map_err(|e| broken.push(e)).ok());
        let (claims, claim_errors) = super::token_claims(&self.claims, false);
        broken.extend(claim_errors);
        if let Some(p) = self.profile.as_deref()
            && ClientProfile::parse(p).is_none()
        {
            broken.push(RuleError::new("profile", format!("'{p}' is not one of standard, fapi2")));
        }
        (grant_types, auth_methods, id_token_alg, claims, broken)
    }

    /// The errors of [`Self::parse`] alone, for a caller that reports a client it cannot build
    /// (its secrets could not be read) with everything else that is wrong with it.
    pub fn field_errors(&self, tenant: &Tenant, apis: &[Api]) -> Vec<RuleError> {
        self.parse(tenant, apis).4
    }

    /// Every invariant: [`Self::parse`], then [`super::client`]. `current`: the stored client of
    /// this id, if any (keeps its id).
    pub fn build(
        self,
        tenant: &Tenant,
        apis: &[Api],
        current: Option<&Client>,
        rng: &dyn Rng,
    ) -> Result<Client, ProvisioningError> {
        let (grant_types, auth_methods, id_token_alg, claims, broken) = self.parse(tenant, apis);
        ProvisioningError::check(broken)?;
        // Only a `client_secret_jwt` client keeps its secrets recoverable; others hash-only.
        let mut secrets = self.secrets;
        if !auth_methods.contains(&AuthMethod::ClientSecretJwt) {
            secrets.iter_mut().for_each(|s| s.sealed = None);
        }
        let mut c = Client {
            id: new_id(current.map(|c| c.id), rng),
            tenant_id: tenant.id,
            name: self.name.unwrap_or_else(|| self.client_id.clone()),
            client_id: self.client_id,
            confidential: self.confidential,
            auth_methods,
            grant_types,
            redirect_uris: self.redirect_uris,
            post_logout_redirect_uris: self.post_logout_redirect_uris,
            permissions: self.permissions,
            lifetimes: self.lifetimes,
            always_issue_refresh_token: self.always_issue_refresh_token,
            require_pkce: self.require_pkce,
            id_token_alg,
            introspect: self.introspect,
            backchannel_logout_uri: self.backchannel_logout_uri,
            backchannel_logout_session_required: self.backchannel_logout_session_required,
            spa: self.spa,
            claims,

            registration: self.registration,
            require_pushed_authorization_requests: self.require_pushed_authorization_requests,
            dpop_bound_access_tokens: self.dpop_bound_access_tokens,
            require_dpop_nonce: self.require_dpop_nonce,
            exposes_api: self.exposes_api,
            token_exchange: self.token_exchange,
            secrets,
            keys: self.keys,
            jwks_uri: self.jwks_uri,
            federated: self.federated,
            strict_assertion_replay: self.strict_assertion_replay,
            require_signed_request_object: self.require_signed_request_object,
            profile: self.profile.as_deref().and_then(ClientProfile::parse).unwrap_or_default(),
            require_mfa: self.require_mfa,
            mfa_unfamiliar: self.mfa_unfamiliar,
        };
        crate::fapi::implied(&mut c);
        ProvisioningError::check(super::client(&c))?;
        Ok(c)
    }
}

/// The client with one more secret (rotation: several may be active at once).
pub fn add_secret(c: &Client, secret: ClientSecret) -> Result<Client, ProvisioningError> {
    if !c.confidential {
        return Err(ProvisioningError::invalid("", format!("client '{}' is public and has no secrets", c.client_id)));
    }
    let mut c = c.clone();
    c.secrets.push(secret);
    Ok(c)
}

/// The client with more `private_key_jwt` keys (certificates: several at once for rotation) or
/// federated credentials; `private_key_jwt` is added to its methods.
pub fn add_assertion_credentials(
    c: &Client,
    keys: Vec<ClientKey>,
    federated: Vec<FederatedCredential>,
) -> Result<Client, ProvisioningError> {
    let mut c = c.clone();
    c.keys.extend(keys.into_iter().filter(|k| !c.keys.contains(k)).collect::<Vec<_>>());
    c.federated.extend(federated);
    if !c.auth_methods.contains(&AuthMethod::PrivateKeyJwt) {
        c.auth_methods.push(AuthMethod::PrivateKeyJwt);
    }
    ProvisioningError::check(super::client(&c))?;
    Ok(c)
}

/// The client without the certificate whose SHA-256 thumbprint (`x5t#S256`) is `thumbprint`.
pub fn remove_certificate(c: &Client, thumbprint: &str) -> Result<Client, ProvisioningError> {
    let mut c = c.clone();
    let before = c.keys.len();
    c.keys.retain(|k| k.x5t_s256.as_deref() != Some(thumbprint));
    if c.keys.len() == before {
        return Err(ProvisioningError::invalid(
            "",
            format!("client '{}' has no certificate {thumbprint}", c.client_id),
        ));
    }
    ProvisioningError::check(super::client(&c))?;
    Ok(c)
}

/// The client without its federated credential `name`; without any assertion credential left, also
/// without `private_key_jwt`.
pub fn remove_federated(c: &Client, name: &str) -> Result<Client, ProvisioningError> {
    let mut c = c.clone();
    let before = c.federated.len();
    c.federated.retain(|f| f.name != name);
    if c.federated.len() == before {
        return Err(ProvisioningError::not_found_in(Kind::FederatedCredential, name, Kind::Client, &c.client_id));
    }
    // Adding one turned private_key_jwt on; removing the last assertion credential turns it off
    // (a client with no other method is then refused by the rules below).
    if c.keys.is_empty() && c.jwks_uri.is_none() && c.federated.is_empty() {
        c.auth_methods.retain(|m| *m != AuthMethod::PrivateKeyJwt);
    }
    ProvisioningError::check(super::client(&c))?;
    Ok(c)
}

/// The client without the secret `secret_id`; a confidential client keeps at least one.
pub fn remove_secret(c: &Client, secret_id: &str) -> Result<Client, ProvisioningError> {
    let mut c = c.clone();
    let before = c.secrets.len();
    c.secrets.retain(|s| s.id.to_string() != secret_id);
    if c.secrets.len() == before {
        return Err(ProvisioningError::not_found_in(Kind::Secret, secret_id, Kind::Client, &c.client_id));
    }
    ProvisioningError::check(super::client(&c))?;
    Ok(c)
}

#[derive(Clone, PartialEq, Eq)]
pub struct NewUser {
    pub username: String,
    /// The username when absent.
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub email_verified: bool,
    pub profile: UserProfile,
    pub enabled: bool,
    /// A new user needs one; for an existing user `None` keeps the current password.
    pub password: Option<String>,
}

impl std::fmt::Debug for NewUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NewUser({})", self.username)
    }
}

impl NewUser {
    pub fn new(username: impl Into<String>) -> Self {
        Self {
            username: username.into(),
            display_name: None,
            email: None,
            email_verified: false,
            profile: UserProfile::default(),
            enabled: true,
            password: None,
        }
    }

    pub fn from_existing(u: &User) -> Self {
        Self {
            username: u.username.clone(),
            display_name: Some(u.display_name.clone()),
            email: u.email.clone(),
            email_verified: u.email_verified,
            profile: u.profile.clone(),
            enabled: u.enabled,
            password: None,
        }
    }

    /// The password rules, then [`super::user`]; argon2id only once both hold (it is costly), and
    /// not at all when the password is the current one. `updated_at` moves to `now` only when
    /// something changed, so an unchanged user compares equal to `current`.
    pub fn build(
        self,
        tenant: &Tenant,
        current: Option<&User>,
        rng: &dyn Rng,
        now: UnixTime,
    ) -> Result<User, ProvisioningError> {
        match (&self.password, current) {
            (None, None) => return Err(ProvisioningError::invalid("password", "a new user needs a password")),
            (Some(p), _) => super::password(p)?,
            (None, Some(_)) => {}
        }
        let mut u = User {
            id: new_id(current.map(|u| u.id), rng),
            tenant_id: tenant.id,
            display_name: self.display_name.unwrap_or_else(|| self.username.clone()),
            username: self.username,
            email: self.email,
            email_verified: self.email_verified,
            profile: self.profile,
            updated_at: current.and_then(|o| o.updated_at),
            enabled: self.enabled,
            password_hash: String::new(),
        };
        ProvisioningError::check(super::user(&u))?;
        u.password_hash = match (self.password, current) {
            (Some(p), Some(o)) if password::verify_password(&o.password_hash, &p) => o.password_hash.clone(),
            (Some(p), _) => password::hash_password(rng, &p),
            (None, o) => o.map(|o| o.password_hash.clone()).unwrap_or_default(),
        };
        if current != Some(&u) {
            u.updated_at = Some(now);
        }
        Ok(u)
    }
}

/// A group, and the application roles assigned to it (`<API identifier>/<role>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewGroup {
    pub name: String,
    /// Entra's `securityEnabled`: a security group (the default) rather than a distribution or
    /// Microsoft 365 group; `groupMembershipClaims = SecurityGroup` names only these.
    pub security: bool,
    pub app_roles: Vec<String>,
    /// Issue 21: members sign in with a second factor.
    pub require_mfa: bool,
    /// Issue 21: ... from a new device or network.
    pub mfa_unfamiliar: bool,
}

impl NewGroup {
    pub fn from_existing(g: &Group, apis: &[Api]) -> Self {
        Self {
            name: g.name.clone(),
            security: g.security,
            app_roles: g.app_roles.iter().map(|r| super::app_role_name(r, apis)).collect(),
            require_mfa: g.require_mfa,
            mfa_unfamiliar: g.mfa_unfamiliar,
        }
    }

    /// `current`: the stored group of this name in the tenant, if any (keeps its id).
    pub fn build(
        self,
        tenant: &Tenant,
        apis: &[Api],
        current: Option<&Group>,
        rng: &dyn Rng,
    ) -> Result<Group, ProvisioningError> {
        let (app_roles, mut broken) = app_roles(&self.app_roles, apis);
        let g = Group {
            id: new_id(current.map(|g| g.id), rng),
            tenant_id: tenant.id,
            name: self.name,
            security: self.security,
            app_roles,
            require_mfa: self.require_mfa,
            mfa_unfamiliar: self.mfa_unfamiliar,
        };
        broken.extend(super::group(&g));
        ProvisioningError::check(broken)?;
        Ok(g)
    }
}

/// Each `<API identifier>/<role>` resolved, sorted and once.
fn app_roles(names: &[String], apis: &[Api]) -> (Vec<AppRoleRef>, Vec<RuleError>) {
    let mut broken = Vec::new();
    let mut out: Vec<AppRoleRef> = names
        .iter()
        .enumerate()
        .filter_map(|(i, n)| super::app_role(&format!("app_roles[{i}]"), n, apis).map_err(|e| broken.push(e)).ok())
        .collect();
    out.sort();
    out.dedup();
    (out, broken)
}

/// A user's groups (by name) and directly assigned application roles (`<API identifier>/<role>`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewUserAccess {
    pub groups: Vec<String>,
    pub app_roles: Vec<String>,
}

impl NewUserAccess {
    pub fn from_existing(a: &UserAccess, groups: &[Group], apis: &[Api]) -> Self {
        Self {
            groups: a
                .groups
                .iter()
                .map(|id| groups.iter().find(|g| g.id == *id).map_or_else(|| id.to_string(), |g| g.name.clone()))
                .collect(),
            app_roles: a.app_roles.iter().map(|r| super::app_role_name(r, apis)).collect(),
        }
    }

    /// `groups`: the tenant's groups (names compare case-insensitively); `apis`: its APIs.
    pub fn build(self, groups: &[Group], apis: &[Api]) -> Result<UserAccess, ProvisioningError> {
        let mut broken = Vec::new();
        let mut ids: Vec<Uuid> = self
            .groups
            .iter()
            .enumerate()
            .filter_map(|(i, n)| {
                let g = groups.iter().find(|g| g.name.eq_ignore_ascii_case(n)).map(|g| g.id);
                if g.is_none() {
                    broken.push(RuleError::new(format!("groups[{i}]"), format!("no group '{n}' in this tenant")));
                }
                g
            })
            .collect();
        ids.sort();
        ids.dedup();
        let (app_roles, role_errors) = app_roles(&self.app_roles, apis);
        broken.extend(role_errors);
        ProvisioningError::check(broken)?;
        Ok(UserAccess { groups: ids, app_roles })
    }
}

/// A group by name (case-insensitive).
pub fn find_group<'a>(d: &'a DirectoryData, t: &Tenant, name: &str) -> Result<&'a Group, ProvisioningError> {
    d.groups
        .iter()
        .find(|g| g.tenant_id == t.id && g.name.eq_ignore_ascii_case(name))
        .ok_or_else(|| ProvisioningError::not_found_in(Kind::Group, name, Kind::Tenant, &t.name))
}

/// The tenant's groups.
pub fn tenant_groups(d: &DirectoryData, t: &Tenant) -> Vec<Group> {
    d.groups.iter().filter(|g| g.tenant_id == t.id).cloned().collect()
}

/// A tenant by name (case-insensitive) or id.
pub fn find_tenant<'a>(d: &'a DirectoryData, name: &str) -> Result<&'a Tenant, ProvisioningError> {
    d.tenants
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case(name) || t.id.to_string() == name)
        .ok_or_else(|| ProvisioningError::not_found(Kind::Tenant, name))
}

pub fn find_client<'a>(d: &'a DirectoryData, t: &Tenant, id: &str) -> Result<&'a Client, ProvisioningError> {
    d.clients
        .iter()
        .find(|c| c.tenant_id == t.id && c.client_id == id)
        .ok_or_else(|| ProvisioningError::not_found_in(Kind::Client, id, Kind::Tenant, &t.name))
}

/// An API by name or identifier.
pub fn find_api<'a>(d: &'a DirectoryData, t: &Tenant, name: &str) -> Result<&'a Api, ProvisioningError> {
    d.apis
        .iter()
        .find(|a| a.tenant_id == t.id && (a.name == name || a.identifier == name))
        .ok_or_else(|| ProvisioningError::not_found_in(Kind::Api, name, Kind::Tenant, &t.name))
}

/// The tenant's APIs, for checking a client's permissions.
pub fn tenant_apis(d: &DirectoryData, t: &Tenant) -> Vec<Api> {
    d.apis.iter().filter(|a| a.tenant_id == t.id).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SystemRng;

    fn tenant() -> Tenant {
        NewTenant {
            name: "contoso".into(),
            display_name: None,
            default_locale: None,
            signing_alg: None,
            allow_plain_pkce: false,
            issuer_uses_name: false,
            registration: RegistrationPolicy::default(),
            mfa: MfaPolicy::Off,
            session: SessionPolicy::default(),
            trusted_issuers: vec![],
            branding: Default::default(),
        }
        .build(None, &SystemRng)
        .unwrap()
    }

    fn fields(e: ProvisioningError) -> Vec<String> {
        match e {
            ProvisioningError::Invalid(v) => v.into_iter().map(|e| e.field).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_tenant_reports_every_broken_field_and_keeps_its_id_and_algorithm() {
        let t = tenant();
        assert_eq!(
            (t.display_name.as_str(), t.default_locale.as_str(), t.signing_alg),
            ("contoso", "en", SigningAlg::ES256)
        );
        let bad = NewTenant {
            name: "a/b".into(),
            signing_alg: Some("HS256".into()),
            default_locale: Some("xx".into()),
            ..NewTenant::from_existing(&t)
        };
        assert_eq!(fields(bad.build(None, &SystemRng).unwrap_err()), ["name", "signing_alg", "default_locale"]);
        // RFC 7523 §2.1 trusted issuers: URLs, no issuer twice, at least one client.
        let issuer = |i: &str, clients: &[&str]| TrustedIssuer {
            issuer: i.into(),
            jwks_uri: None,
            audiences: vec![],
            user_claim: "sub".into(),
            user_match: Default::default(),
            clients: clients.iter().map(|c| c.to_string()).collect(),
            require_jti: false,
        };
        let trusting = |l: Vec<TrustedIssuer>| NewTenant { trusted_issuers: l, ..NewTenant::from_existing(&t) };
        let ok = trusting(vec![issuer("https://idp.example", &["app"])]).build(Some(&t), &SystemRng).unwrap();
        assert_eq!(ok.trusted_issuers[0].user_claim, "sub");
        let broken = trusting(vec![
            issuer("https://idp.example", &["app"]),
            issuer("https://idp.example", &["app"]),
            issuer("not a url", &[]),
        ]);
        assert_eq!(
            fields(broken.build(Some(&t), &SystemRng).unwrap_err()),
            ["trusted_issuer[1].issuer", "trusted_issuer[2].issuer", "trusted_issuer[2].clients"]
        );
        let mut rs = t.clone();
        rs.signing_alg = SigningAlg::RS256;
        let again =
            NewTenant { signing_alg: None, ..NewTenant::from_existing(&t) }.build(Some(&rs), &SystemRng).unwrap();
        assert_eq!((again.id, again.signing_alg), (t.id, SigningAlg::RS256));
    }

    #[test]
    fn a_client_is_checked_against_its_tenant_and_apis() {
        let t = tenant();
        let api = NewApi {
            name: "r".into(),
            identifier: "api://r".into(),
            scopes: vec![],
            roles: vec!["Admin".into()],
            scope_descriptions: Default::default(),
            claims: Default::default(),
        }
        .build(&t, None, &SystemRng)
        .unwrap();
        let mut c = NewClient::new("pub", false, vec!["client_credentials".into(), "bogus".into()]);
        c.permissions = vec![Permission { api: "api://x".into(), roles: vec![], scopes: vec![] }];
        c.id_token_alg = Some("EdDSA".into());
        let apis = std::slice::from_ref(&api);
        assert_eq!(
            fields(c.clone().build(&t, apis, None, &SystemRng).unwrap_err()),
            ["grant_types", "permission[0].api", "id_token_signed_response_alg"]
        );
        // Parsing passes: the invariants of the client itself are next.
        c.grant_types.pop();
        c.permissions[0].api = "api://r".into();
        c.id_token_alg = Some("ES256".into());
        assert_eq!(fields(c.clone().build(&t, apis, None, &SystemRng).unwrap_err()), ["grant_types"]);
        c.grant_types = vec!["authorization_code".into()];
        c.redirect_uris = vec!["http://127.0.0.1/cb".into()];
        let built = c.build(&t, apis, None, &SystemRng).unwrap();
        assert_eq!(
            (built.auth_methods.as_slice(), built.id_token_alg),
            (&[AuthMethod::None][..], Some(SigningAlg::ES256))
        );
        // Changing goes through the same constructor and keeps the id.
        let mut changed = NewClient::from_existing(&built);
        changed.require_pkce = false;
        assert_eq!(fields(changed.build(&t, apis, Some(&built), &SystemRng).unwrap_err()), ["require_pkce"]);
        let same = NewClient::from_existing(&built).build(&t, apis, Some(&built), &SystemRng).unwrap();
        assert_eq!(same, built);
    }

    #[test]
    fn secrets_are_hashed_kept_by_value_and_only_on_confidential_clients() {
        let t = tenant();
        let master = MasterKey::from_bytes(&[7; 32]).unwrap();
        let short = NewSecret { value: "short".into(), expires_at: None };
        assert_eq!(
            short.build("secret[0]", &master, &SystemRng, 5, &[]).unwrap_err().to_string(),
            "secret[0].value: must be at least 32 characters"
        );
        let value = "0123456789abcdef0123456789abcdef".to_string();
        let s =
            NewSecret { value: value.clone(), expires_at: None }.build("secret", &master, &SystemRng, 5, &[]).unwrap();
        assert_eq!((s.hint.as_str(), s.created_at), ("012", 5));
        assert_ne!(s.hash, value.as_bytes());
        let again = NewSecret { value, expires_at: None }
            .build("secret", &master, &SystemRng, 9, std::slice::from_ref(&s))
            .unwrap();
        assert_eq!((again.id, again.created_at), (s.id, 5));
        let mut c = NewClient::new("daemon", true, vec!["client_credentials".into()]);
        assert_eq!(fields(c.clone().build(&t, &[], None, &SystemRng).unwrap_err()), ["secret"]);
        c.secrets = vec![s.clone()];
        let c = c.build(&t, &[], None, &SystemRng).unwrap();
        assert_eq!(
            remove_secret(&c, &s.id.to_string()).unwrap_err().to_string(),
            "secret: a confidential client needs at least one secret"
        );
        assert_eq!(remove_secret(&c, "nope").unwrap_err().to_string(), "client 'daemon' has no secret 'nope'");
        assert_eq!(add_secret(&c, again).unwrap().secrets.len(), 2);
        let public =
            NewClient::new("spa", false, vec!["refresh_token".into()]).build(&t, &[], None, &SystemRng).unwrap();
        assert_eq!(add_secret(&public, s).unwrap_err().to_string(), "client 'spa' is public and has no secrets");
    }

    #[test]
    fn client_secret_jwt_secrets_are_sealed_recoverable_and_only_for_that_method() {
        let t = tenant();
        let master = MasterKey::from_bytes(&[7; 32]).unwrap();
        let value = "0123456789abcdef0123456789abcdef".to_string();
        let new = || NewSecret { value: value.clone(), expires_at: None };
        let hashed = new().build("secret", &master, &SystemRng, 5, &[]).unwrap();
        assert_eq!(hashed.sealed, None);
        let sealed = new().build_with("secret", &master, &SystemRng, 5, &[], true).unwrap();
        let blob = sealed.sealed.clone().unwrap();
        let ctx = ClientSecret::seal_context(sealed.id);
        assert_eq!(master.open(ctx.as_bytes(), &blob).unwrap(), value.as_bytes());
        // Kept by value: the same id and the same sealed copy (an import run twice changes nothing).
        let again = new().build_with("secret", &master, &SystemRng, 9, std::slice::from_ref(&sealed), true).unwrap();
        assert_eq!(again, sealed);
        // The method needs a recoverable secret; without the method the sealed copy is dropped.
        let mut c = NewClient::new("mac", true, vec!["client_credentials".into()]);
        c.auth_methods = Some(vec!["client_secret_jwt".into()]);
        c.secrets = vec![hashed];
        assert_eq!(fields(c.clone().build(&t, &[], None, &SystemRng).unwrap_err()), ["secret"]);
        c.secrets = vec![sealed.clone()];
        assert_eq!(c.clone().build(&t, &[], None, &SystemRng).unwrap().secrets[0].sealed, Some(blob));
        c.auth_methods = Some(vec!["client_secret_basic".into()]);
        assert_eq!(c.build(&t, &[], None, &SystemRng).unwrap().secrets[0].sealed, None);
    }

    #[test]
    fn a_user_needs_a_good_password_and_moves_updated_at_only_when_changed() {
        let t = tenant();
        let mut n = NewUser::new("dora");
        assert_eq!(
            n.clone().build(&t, None, &SystemRng, 10).unwrap_err().to_string(),
            "password: a new user needs a password"
        );
        n.password = Some("short".into());
        assert_eq!(fields(n.clone().build(&t, None, &SystemRng, 10).unwrap_err()), ["password"]);
        n.password = Some("long enough".into());
        n.email_verified = true;
        assert_eq!(fields(n.clone().build(&t, None, &SystemRng, 10).unwrap_err()), ["email_verified"]);
        n.email_verified = false;
        let u = n.clone().build(&t, None, &SystemRng, 10).unwrap();
        assert_eq!((u.updated_at, u.display_name.as_str()), (Some(10), "dora"));
        assert!(password::verify_password(&u.password_hash, "long enough"));
        // The same again (password included) is no change; a new display name is.
        assert_eq!(n.clone().build(&t, Some(&u), &SystemRng, 20).unwrap(), u);
        let kept = NewUser::from_existing(&u).build(&t, Some(&u), &SystemRng, 20).unwrap();
        assert_eq!(kept, u);
        let renamed = NewUser { display_name: Some("Dora M".into()), ..NewUser::from_existing(&u) };
        let r = renamed.build(&t, Some(&u), &SystemRng, 20).unwrap();
        assert_eq!((r.updated_at, r.id, &r.password_hash), (Some(20), u.id, &u.password_hash));
    }

    #[test]
    fn lookups_say_what_is_missing_where() {
        let t = tenant();
        let d = DirectoryData { tenants: vec![t.clone()], ..Default::default() };
        assert_eq!(find_tenant(&d, "CONTOSO").unwrap().id, t.id);
        assert_eq!(find_tenant(&d, &t.id.to_string()).unwrap().id, t.id);
        assert_eq!(find_tenant(&d, "x").unwrap_err().to_string(), "no tenant 'x'");
        assert_eq!(find_client(&d, &t, "c").unwrap_err().to_string(), "no client 'c' in tenant 'contoso'");
        assert_eq!(find_api(&d, &t, "a").unwrap_err().to_string(), "no API 'a' in tenant 'contoso'");
    }
}
