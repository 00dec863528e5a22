//! The data model. Every object belongs to a tenant; names are unique within their tenant.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::clock::UnixTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub enum SigningAlg {
    ES256,
    RS256,
    EdDSA,
}

impl SigningAlg {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ES256 => "ES256",
            Self::RS256 => "RS256",
            Self::EdDSA => "EdDSA",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "ES256" => Some(Self::ES256),
            "RS256" => Some(Self::RS256),
            "EdDSA" => Some(Self::EdDSA),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tenant {
    pub id: Uuid,
    pub name: String,
    pub display_name: String,
    pub default_locale: String,
    pub signing_alg: SigningAlg,
    /// RFC 7636 §4.2 `plain` is refused unless the tenant opts in.
    pub allow_plain_pkce: bool,
    /// The issuer is `<base>/<name>/v2.0` instead of `<base>/<id>/v2.0`, for libraries that check
    /// the discovered issuer against the URL they were configured with (OpenID Connect Discovery
    /// §4.3). Off by default: Entra's shape, which MSAL expects.
    pub issuer_uses_name: bool,
    /// Dynamic client registration (RFC 7591/7592) and Client ID Metadata Documents: off unless set.
    pub registration: RegistrationPolicy,
    /// Issue 21: multi-factor authentication for every user of the tenant (`off` by default).
    #[serde(default)]
    pub mfa: MfaPolicy,
    /// RFC 7523 §2.1: external issuers whose JWTs are accepted as authorization grants.
    pub trusted_issuers: Vec<TrustedIssuer>,
    /// Issue 21: browser session lifetimes and the "Stay signed in?" question.
    #[serde(default)]
    pub session: SessionPolicy,
    /// Issue 21: the logo, colours, sign-in text and links of the tenant's pages (boxed: most
    /// tenants have none, and it would double the size of every tenant change).
    #[serde(default)]
    pub branding: Box<crate::branding::Branding>,
}

/// Issue 21: how long a browser session lasts, and whether the user is asked to stay signed in
/// (Entra's "Stay signed in?", KMSI). Both lifetimes are absolute: counted from the sign-in, not
/// renewed by use, so a session ends at a time known when it starts (docs/configuration.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionPolicy {
    #[serde(default)]
    pub stay_signed_in: StaySignedIn,
    /// Seconds a session lasts when the user did not choose to stay signed in (its cookie ends
    /// with the browser too); `None`: the server's `tokens.session_lifetime`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime: Option<i64>,
    /// Seconds a session lasts when the user chose to stay signed in (a persistent cookie).
    #[serde(default = "default_persistent_lifetime")]
    pub persistent_lifetime: i64,
}

/// 90 days, Entra's default for a persistent browser session.
pub const DEFAULT_PERSISTENT_LIFETIME: i64 = 90 * 24 * 3600;

fn default_persistent_lifetime() -> i64 {
    DEFAULT_PERSISTENT_LIFETIME
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            stay_signed_in: StaySignedIn::default(),
            lifetime: None,
            persistent_lifetime: DEFAULT_PERSISTENT_LIFETIME,
        }
    }
}

/// Whether the "Stay signed in?" page is shown after an interactive sign-in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaySignedIn {
    /// Ask after each interactive sign-in.
    Ask,
    /// Never: every session is a browser session.
    #[default]
    Never,
    /// Always, without asking: every session is persistent.
    Always,
}

/// An external issuer whose JWTs this tenant accepts as authorization grants (RFC 7523 §2.1,
/// `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` without `requested_token_use`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustedIssuer {
    /// The exact `iss` of its JWTs (RFC 7523 §3 item 1).
    pub issuer: String,
    /// Its JWK set; when absent, the `jwks_uri` of `<issuer>/.well-known/openid-configuration`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwks_uri: Option<String>,
    /// `aud` values accepted (§3 item 3); empty: this tenant's token endpoint or issuer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audiences: Vec<String>,
    /// The claim naming the user (`sub` by default, §3 item 2) ...
    #[serde(default = "default_user_claim")]
    pub user_claim: String,
    /// ... and what its value is in Sigil.
    #[serde(default)]
    pub user_match: UserMatch,
    /// The clients (client_id) that may present this issuer's JWTs.
    pub clients: Vec<String>,
    /// §3 item 7: a JWT without `jti` is refused (one with a `jti` is accepted once either way).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub require_jti: bool,
}

fn default_user_claim() -> String {
    "sub".into()
}

/// How a trusted issuer's user claim finds a Sigil user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserMatch {
    /// The user's id (a UUID).
    Id,
    #[default]
    Username,
    Email,
}

/// A tenant's rules for clients that register themselves (RFC 7591 §3: "the authorization server
/// MAY ... limit which clients can register") and for clients identified by a metadata document
/// URL (IETF draft "OAuth Client ID Metadata Document"). Every such client is also held to the
/// provisioning rules every client is (`provisioning::client`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RegistrationPolicy {
    /// The registration endpoint exists (and is in discovery).
    pub enabled: bool,
    /// Anyone may register; otherwise an initial access token (RFC 7591 §3) is required.
    pub open: bool,
    /// Grant types a registered client may ask for.
    pub grant_types: Vec<GrantType>,
    /// Redirect URI schemes allowed (`https`, `http` — loopback only, as for every client — or a
    /// private-use scheme such as `com.example.app`).
    pub redirect_uri_schemes: Vec<String>,
    /// Redirect URI hosts allowed: `app.example`, or `*.example` for its subdomains. Empty: any.
    pub redirect_uri_hosts: Vec<String>,
    /// Seconds a registered client lives (its secret expires then, and it is removed). `None`: no end.
    pub client_lifetime: Option<i64>,
    /// What a registered or metadata-document client may ask for: the roles and scopes of APIs.
    pub permissions: Vec<Permission>,
    /// A `client_id` that is an https URL of a Client ID Metadata Document is accepted.
    pub client_id_metadata_documents: bool,
}

impl Default for RegistrationPolicy {
    fn default() -> Self {
        Self {
            enabled: false,
            open: false,
            grant_types: vec![GrantType::AuthorizationCode, GrantType::RefreshToken],
            redirect_uri_schemes: vec!["https".into(), "http".into()],
            redirect_uri_hosts: vec![],
            client_lifetime: None,
            permissions: vec![],
            client_id_metadata_documents: false,
        }
    }
}

/// How a client registered itself (RFC 7591 §3.2.1, RFC 7592 §3): the hash of its registration
/// access token, its times and the informational metadata it registered, returned as given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientRegistration {
    /// SHA-256 of the registration access token.
    #[serde(with = "hex_bytes")]
    pub access_token_hash: Vec<u8>,
    pub issued_at: UnixTime,
    /// The client is removed then (and its secret expires then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<UnixTime>,
    /// `client_uri`, `logo_uri`, `contacts`, `tos_uri`, `policy_uri`, `software_id`,
    /// `software_version`, `scope` as registered.
    #[serde(default)]
    pub metadata: std::collections::BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Api {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub name: String,
    /// e.g. `api://reports`
    pub identifier: String,
    pub scopes: Vec<String>,
    pub roles: Vec<String>,
    /// What the consent page says each scope allows (per language optional); a scope without
    /// one is named by its identifier.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub scope_descriptions: std::collections::BTreeMap<String, crate::branding::LocalizedText>,
    /// What this API's access tokens carry besides the defaults (Entra: the resource's manifest
    /// decides, so these apply to every token issued for this API, whichever client asked).
    pub claims: TokenClaims,
}

/// Entra's `groupMembershipClaims`: which of the signed-in user's groups a token names in `groups`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub enum GroupMembershipClaims {
    /// No `groups` claim.
    #[default]
    None,
    /// The security groups the user is a member of.
    SecurityGroup,
    /// Every group the user is a member of (security groups and others).
    All,
    /// Groups the user is a member of that are assigned to the application: here, that hold an
    /// application role on the token's API (an access token for an API), or on an API the client
    /// has a permission on (ID tokens, and access tokens for the client itself).
    ApplicationGroup,
}

impl GroupMembershipClaims {
    pub const ALL: [Self; 4] = [Self::None, Self::SecurityGroup, Self::All, Self::ApplicationGroup];
    /// The manifest value, as Entra spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "None",
            Self::SecurityGroup => "SecurityGroup",
            Self::All => "All",
            Self::ApplicationGroup => "ApplicationGroup",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

/// Entra's optional claims that Sigil can fill from what it knows of a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum OptionalClaim {
    /// The user's email address, when set (without asking for the `email` scope).
    Email,
    /// The user principal name: Sigil's username.
    Upn,
    GivenName,
    FamilyName,
    /// `user` in a user's access token (app-only tokens always carry `app`).
    Idtyp,
    /// Account status in the tenant: 0 for a member (every Sigil user).
    Acct,
}

impl OptionalClaim {
    pub const ALL: [Self; 6] = [Self::Email, Self::Upn, Self::GivenName, Self::FamilyName, Self::Idtyp, Self::Acct];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Upn => "upn",
            Self::GivenName => "given_name",
            Self::FamilyName => "family_name",
            Self::Idtyp => "idtyp",
            Self::Acct => "acct",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Entra's `groupMembershipClaims` and `optionalClaims` of an application (a client, or an API).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenClaims {
    #[serde(default, skip_serializing_if = "is_none_groups")]
    pub group_membership_claims: GroupMembershipClaims,
    /// Optional claims of ID tokens (clients only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub id_token: Vec<OptionalClaim>,
    /// Optional claims of access tokens whose audience this application is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access_token: Vec<OptionalClaim>,
}

fn is_none_groups(g: &GroupMembershipClaims) -> bool {
    *g == GroupMembershipClaims::None
}

impl TokenClaims {
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// A group of users (Entra: a security group, or a Microsoft 365/distribution group when
/// `security` is false). Memberships are stored per user ([`UserAccess`]); the application roles
/// assigned to the group are here, as the directory holds every group in memory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub name: String,
    pub security: bool,
    pub app_roles: Vec<AppRoleRef>,
    /// Issue 21: members of this group sign in with a second factor.
    #[serde(default)]
    pub require_mfa: bool,
    /// Issue 21: members use a second factor when signing in from a new device or network.
    #[serde(default)]
    pub mfa_unfamiliar: bool,
}

/// One application role of one API, assigned to a user or a group.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AppRoleRef {
    /// The API's id.
    pub api: Uuid,
    pub role: String,
}

/// A user's group memberships and directly assigned application roles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserAccess {
    pub groups: Vec<Uuid>,
    pub app_roles: Vec<AppRoleRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    ClientSecretBasic,
    ClientSecretPost,
    None,
    /// OIDC Core §9, RFC 7523 §2.2: a JWT signed with the client's key (a certificate, a JWKS,
    /// a `jwks_uri`) or issued by a trusted external issuer (a federated credential).
    PrivateKeyJwt,
    /// OIDC Core §9, RFC 7523 §2.2: a JWT MACed (HS256/384/512) with the client secret, which is
    /// then kept sealed (recoverable) besides its hash.
    ClientSecretJwt,
}

impl AuthMethod {
    pub const ALL: [AuthMethod; 5] =
        [Self::ClientSecretBasic, Self::ClientSecretPost, Self::None, Self::PrivateKeyJwt, Self::ClientSecretJwt];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ClientSecretBasic => "client_secret_basic",
            Self::ClientSecretPost => "client_secret_post",
            Self::None => "none",
            Self::PrivateKeyJwt => "private_key_jwt",
            Self::ClientSecretJwt => "client_secret_jwt",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum GrantType {
    AuthorizationCode,
    ClientCredentials,
    RefreshToken,
    Password,
    /// RFC 8628: the device authorization grant.
    DeviceCode,
    /// RFC 7523 §2.1: a JWT as an authorization grant; with `requested_token_use=on_behalf_of`,
    /// Entra's on-behalf-of flow.
    JwtBearer,
    /// RFC 8693: token exchange, within the client's `token_exchange` policy.
    TokenExchange,
}

impl GrantType {
    pub const ALL: [GrantType; 7] = [
        Self::AuthorizationCode,
        Self::ClientCredentials,
        Self::RefreshToken,
        Self::Password,
        Self::DeviceCode,
        Self::JwtBearer,
        Self::TokenExchange,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AuthorizationCode => "authorization_code",
            Self::ClientCredentials => "client_credentials",
            Self::RefreshToken => "refresh_token",
            Self::Password => "password",
            Self::DeviceCode => "device_code",
            Self::JwtBearer => "jwt_bearer",
            Self::TokenExchange => "token_exchange",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == s)
    }
    /// The `grant_type` value on the wire and in discovery: RFC 8628 §3.4's URN for the device grant.
    pub fn wire_name(self) -> &'static str {
        match self {
            Self::DeviceCode => DEVICE_CODE_URN,
            Self::JwtBearer => JWT_BEARER_URN,
            Self::TokenExchange => TOKEN_EXCHANGE_URN,
            g => g.as_str(),
        }
    }
}

/// RFC 8628 §3.4: the device grant's `grant_type`.
pub const DEVICE_CODE_URN: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// RFC 7523 §2.1: the JWT bearer grant's `grant_type` (on-behalf-of uses it too).
pub const JWT_BEARER_URN: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/// RFC 8693 §2.1: the token exchange grant's `grant_type`.
pub const TOKEN_EXCHANGE_URN: &str = "urn:ietf:params:oauth:grant-type:token-exchange";

/// What a client may exchange for what (RFC 8693 §5: the server decides, by policy, which tokens
/// a client may exchange and for which targets). Subject tokens are this tenant's access tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangePolicy {
    /// API identifiers: a subject token must have one of them as its `aud`.
    #[serde(default)]
    pub subject_audiences: Vec<String>,
    /// API identifiers the client may ask tokens for (`audience`, `resource` or the scope's API).
    #[serde(default)]
    pub target_audiences: Vec<String>,
}

/// What a client holds on one API: application roles (client credentials) and delegated scopes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permission {
    pub api: String,
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default)]
    pub scopes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenLifetimes {
    pub access_token: Option<i64>,
    pub refresh_inactivity: Option<i64>,
    pub refresh_max: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub client_id: String,
    pub name: String,
    pub confidential: bool,
    pub auth_methods: Vec<AuthMethod>,
    pub grant_types: Vec<GrantType>,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub permissions: Vec<Permission>,
    pub lifetimes: TokenLifetimes,
    /// Issue refresh tokens even without `offline_access`.
    pub always_issue_refresh_token: bool,
    /// RFC 9700 §2.1.1: authorization requests must carry a PKCE `code_challenge`. On by default;
    /// only a confidential client can opt out (a public client always needs PKCE).
    pub require_pkce: bool,
    /// OpenID Connect Dynamic Client Registration 1.0 §2 `id_token_signed_response_alg`: RS256 when
    /// not registered (`crate::keys::ID_TOKEN_ALG`).
    pub id_token_alg: Option<SigningAlg>,
    /// RFC 7662 §2.1 ("the endpoint MUST also require some form of authorization"): the APIs
    /// (identifiers) whose access tokens this client may introspect. Empty: none. Only a
    /// confidential client may have any.
    pub introspect: Vec<String>,
    /// OIDC Back-Channel Logout 1.0 §2.2 `backchannel_logout_uri`: where logout tokens are POSTed
    /// when a session this client signed in to ends.
    pub backchannel_logout_uri: Option<String>,
    /// §2.2 `backchannel_logout_session_required`: the logout token must carry `sid` (it always does
    /// when the session is known; recorded and published for the client's benefit).
    pub backchannel_logout_session_required: bool,
    /// A single-page application (`type = "spa"`): a public client whose code is redeemed by a
    /// browser, so the origins of its redirect URIs get CORS answers and its refresh tokens a
    /// bounded lifetime (`tokens.spa_refresh_token_max_lifetime`).
    pub spa: bool,
    /// Entra's `groupMembershipClaims` and `optionalClaims` for this client's ID tokens (and access
    /// tokens whose audience is the client itself).
    pub claims: TokenClaims,

    /// Set for a client that registered itself (RFC 7591), `None` for one an operator made.
    pub registration: Option<ClientRegistration>,
    /// RFC 9126 §6 `require_pushed_authorization_requests`: authorization requests only by PAR.
    pub require_pushed_authorization_requests: bool,
    /// RFC 9449 §5.2 `dpop_bound_access_tokens`: token requests must carry a DPoP proof.
    pub dpop_bound_access_tokens: bool,
    /// RFC 9449 §8: this client's DPoP proofs must carry a server nonce.
    pub require_dpop_nonce: bool,
    /// The API (identifier) this client implements, as an Entra app registration exposes an API:
    /// access tokens for that API are the assertions it may trade on-behalf-of the user.
    pub exposes_api: Option<String>,
    /// RFC 8693 token exchange policy; `None`: the client exchanges nothing.
    pub token_exchange: Option<ExchangePolicy>,
    pub secrets: Vec<ClientSecret>,
    /// `private_key_jwt` (OIDC Core §9): public keys the client signs its assertions with
    /// (certificates or a JWKS given at registration).
    pub keys: Vec<ClientKey>,
    /// RFC 7591 §2 `jwks_uri`: where the client publishes its keys (fetched through the outbound
    /// fetcher, cached, refreshed for an unknown `kid`).
    pub jwks_uri: Option<String>,
    /// Workload identity federation: tokens of these external issuers authenticate the client.
    pub federated: Vec<FederatedCredential>,
    /// Refuse any assertion `jti` seen before, even the same assertion from this client (by
    /// default the same assertion is accepted again within its lifetime, as MSAL re-sends it).
    pub strict_assertion_replay: bool,
    /// Issue 21: every user signing in to this application uses a second factor.
    pub require_mfa: bool,
    /// Issue 21: users signing in to this application from a new device or network use a
    /// second factor.
    pub mfa_unfamiliar: bool,
    /// RFC 9101 §10.5 `require_signed_request_object`: authorization requests only as signed
    /// request objects (`request`, by value or pushed).
    pub require_signed_request_object: bool,
    /// A security profile whose rules are enforced together (`crate::fapi`).
    pub profile: ClientProfile,
}

/// A per-client security profile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientProfile {
    /// Each setting on its own.
    #[default]
    Standard,
    /// FAPI 2.0 Security Profile (Final, 2025-02-22): see `crate::fapi`.
    Fapi2,
}

impl ClientProfile {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Fapi2 => "fapi2",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Standard, Self::Fapi2].into_iter().find(|p| p.as_str() == s)
    }
}

/// A public key registered for `private_key_jwt`. From a certificate, `x5t`/`x5t_s256` are its
/// SHA-1 and SHA-256 thumbprints (RFC 7515 §4.1.7, §4.1.8, base64url) and `not_after` its expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientKey {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x5t: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x5t_s256: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_after: Option<UnixTime>,
    pub public: PublicJwk,
}

/// The public members of a JWK (RFC 7518 §6.2.1 EC, §6.3.1 RSA), base64url without padding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kty")]
pub enum PublicJwk {
    #[serde(rename = "RSA")]
    Rsa { n: String, e: String },
    #[serde(rename = "EC")]
    Ec { crv: String, x: String, y: String },
}

/// A federated identity credential: a token whose `iss`, `sub` and `aud` are these authenticates
/// the client (Entra's workload identity federation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FederatedCredential {
    pub name: String,
    pub issuer: String,
    pub subject: String,
    pub audience: String,
}

/// Entra's default audience of a federated credential.
pub const FEDERATED_DEFAULT_AUDIENCE: &str = "api://AzureADTokenExchange";

impl Client {
    /// The algorithm this client's ID tokens are signed with.
    pub fn id_token_alg(&self) -> SigningAlg {
        self.id_token_alg.unwrap_or(crate::keys::ID_TOKEN_ALG)
    }
    /// A self-registered client whose lifetime ended (it is removed soon after; until then it is
    /// refused as unknown).
    pub fn registration_expired(&self, now: UnixTime) -> bool {
        self.registration.as_ref().and_then(|r| r.expires_at).is_some_and(|e| e <= now)
    }
    pub fn permission(&self, api: &str) -> Option<&Permission> {
        self.permissions.iter().find(|p| p.api == api)
    }
    /// The browser origins of an SPA (RFC 6454 §6.2 ASCII serialization, as the `Origin` header:
    /// `scheme://host[:port]`, the port only when not the scheme's default), from its redirect URIs.
    pub fn origins(&self) -> Vec<String> {
        if !self.spa {
            return vec![];
        }
        let mut out: Vec<String> = self
            .redirect_uris
            .iter()
            .filter_map(|u| url::Url::parse(u).ok())
            .map(|u| u.origin().ascii_serialization())
            .filter(|o| o != "null")
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// A client secret as stored: only its keyed hash and the first characters as a hint; for a
/// `client_secret_jwt` client also the secret sealed under the master key (the MAC key must be
/// recoverable), as signing keys are.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientSecret {
    pub id: Uuid,
    #[serde(with = "hex_bytes")]
    pub hash: Vec<u8>,
    pub hint: String,
    pub expires_at: Option<UnixTime>,
    pub created_at: UnixTime,
    /// AES-256-GCM under the master key, context [`ClientSecret::seal_context`].
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_hex_bytes")]
    pub sealed: Option<Vec<u8>>,
}

impl std::fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientSecret")
            .field("id", &self.id)
            .field("hint", &self.hint)
            .field("expires_at", &self.expires_at)
            .field("created_at", &self.created_at)
            .field("sealed", &self.sealed.is_some())
            .finish_non_exhaustive()
    }
}

impl ClientSecret {
    /// The AES-GCM associated data of a sealed secret: binds the blob to this secret id.
    pub fn seal_context(id: Uuid) -> String {
        format!("sigil/client-secret-jwt/{id}")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    /// OIDC Core §5.1 `email_verified`: the operator vouches that the address is the user's.
    pub email_verified: bool,
    pub profile: UserProfile,
    /// OIDC Core §5.1 `updated_at`: last change through provisioning; `None` before it was recorded.
    pub updated_at: Option<UnixTime>,
    pub enabled: bool,
    /// PHC string, argon2id.
    #[serde(skip_serializing)]
    pub password_hash: String,
}

/// The OIDC Core §5.1 standard claims a user can hold besides name and email; each is returned
/// only when set and asked for (the `profile` scope, §5.4).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserProfile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    /// BCP 47 tag, e.g. `sl-SI`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// tz database name, e.g. `Europe/Paris`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zoneinfo: Option<String>,
}

impl UserProfile {
    /// `(claim name, value)` of each field that is set.
    pub fn claims(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("given_name", &self.given_name),
            ("family_name", &self.family_name),
            ("middle_name", &self.middle_name),
            ("nickname", &self.nickname),
            ("locale", &self.locale),
            ("zoneinfo", &self.zoneinfo),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredKey {
    pub kid: String,
    pub tenant_id: Uuid,
    pub alg: SigningAlg,
    /// PKCS#8, sealed under the master key.
    pub sealed_private: Vec<u8>,
    pub created_at: UnixTime,
    /// Signing starts here; until then the key is only published.
    pub active_from: UnixTime,
    /// Set when a newer key takes over signing. Published until every token it signed expired.
    pub retired_at: Option<UnixTime>,
}

/// A grant: one sign-in or code redemption and every refresh token descended from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub client_id: String,
    pub user_id: Option<Uuid>,
    pub scope: String,
    pub auth_time: UnixTime,
    pub created_at: UnixTime,
    pub expires_at: UnixTime,
    pub revoked_at: Option<UnixTime>,
    /// RFC 9449 §5: the JWK thumbprint (RFC 7638) of the DPoP key a public client's refresh tokens
    /// are bound to.
    pub dpop_jkt: Option<String>,
    /// RFC 8176 `amr` of the sign-in the grant came from, space-separated; empty when unknown.
    pub amr: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRefreshToken {
    pub hash: Vec<u8>,
    pub grant_id: Uuid,
    pub scope: String,
    pub created_at: UnixTime,
}

/// A stored authorization code (RFC 6749 §4.1.2), keyed by the hash of the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthCode {
    pub hash: Vec<u8>,
    pub tenant_id: Uuid,
    pub client_id: String,
    pub grant_id: Uuid,
    pub user_id: Uuid,
    pub redirect_uri: String,
    pub scope: String,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub auth_time: UnixTime,
    pub session_id: Option<String>,
    pub created_at: UnixTime,
    pub expires_at: UnixTime,
    /// RFC 9449 §10: the `dpop_jkt` of the authorization request; the code is redeemed only with
    /// a proof by that key.
    pub dpop_jkt: Option<String>,
    /// RFC 8176 `amr` of the session the code was issued for, space-separated (`factor::Amr`).
    pub amr: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub hash: Vec<u8>,
    pub tenant_id: Uuid,
    pub user_id: Uuid,
    pub auth_time: UnixTime,
    pub expires_at: UnixTime,
    /// RFC 8176 authentication methods of the session, space-separated (`pwd`, then `otp mfa`
    /// once a second factor was verified).
    pub amr: String,
    /// The user's answer to "Stay signed in?": `None` until answered (or when not asked).
    pub persistent: Option<bool>,
}

mod opt_hex_bytes {
    use serde::{Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(b: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match b {
            Some(b) => super::hex_bytes::serialize(b, s),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        #[derive(Deserialize)]
        struct Hex(#[serde(with = "super::hex_bytes")] Vec<u8>);
        Ok(Option::<Hex>::deserialize(d)?.map(|h| h.0))
    }
}

mod hex_bytes {
    use serde::{Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&b.iter().map(|x| format!("{x:02x}")).collect::<String>())
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let s = String::deserialize(d)?;
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(s.get(i..i + 2).unwrap_or("zz"), 16))
            .collect::<Result<_, _>>()
            .map_err(serde::de::Error::custom)
    }
}

/// A client for the core's unit tests: `client_id` "app", the code flow, defaults everywhere else; a
/// confidential one authenticates with client_secret_basic and has one secret.
#[cfg(test)]
pub(crate) fn test_client(confidential: bool, grant_types: &[GrantType], redirect_uris: &[&str]) -> Client {
    Client {
        id: Uuid::nil(),
        tenant_id: Uuid::nil(),
        client_id: "app".into(),
        name: "app".into(),
        confidential,
        auth_methods: if confidential { vec![AuthMethod::ClientSecretBasic] } else { vec![AuthMethod::None] },
        grant_types: grant_types.to_vec(),
        redirect_uris: redirect_uris.iter().map(|s| s.to_string()).collect(),
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
        claims: TokenClaims::default(),

        registration: None,
        require_pushed_authorization_requests: false,
        dpop_bound_access_tokens: false,
        require_dpop_nonce: false,
        keys: vec![],
        jwks_uri: None,
        federated: vec![],
        strict_assertion_replay: false,
        require_signed_request_object: false,
        profile: ClientProfile::Standard,
        require_mfa: false,
        mfa_unfamiliar: false,
        exposes_api: None,
        token_exchange: None,
        secrets: if confidential {
            vec![ClientSecret {
                id: Uuid::nil(),
                hash: vec![1],
                hint: "abc".into(),
                expires_at: None,
                created_at: 0,
                sealed: None,
            }]
        } else {
            vec![]
        },
    }
}

/// Issue 21: a tenant's multi-factor policy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MfaPolicy {
    #[default]
    Off,
    Required,
    /// A second factor when the sign-in comes from a device or network new for the user
    /// (`factor::unfamiliar`).
    Unfamiliar,
}

impl MfaPolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            MfaPolicy::Off => "off",
            MfaPolicy::Required => "required",
            MfaPolicy::Unfamiliar => "unfamiliar",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "off" => Some(MfaPolicy::Off),
            "required" => Some(MfaPolicy::Required),
            "unfamiliar" => Some(MfaPolicy::Unfamiliar),
            _ => None,
        }
    }
}

/// Issue 21: a sign-in signal the unfamiliar-sign-in policy compares with the user's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// The browser's long-lived device cookie.
    Device,
    /// The network prefix of the source address (/24 IPv4, /64 IPv6).
    Network,
}

impl SignalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::Device => "device",
            SignalKind::Network => "network",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "device" => Some(SignalKind::Device),
            "network" => Some(SignalKind::Network),
            _ => None,
        }
    }
}

/// A device or network a user completed a sign-in from (stored as a keyed hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownSignal {
    pub kind: SignalKind,
    pub hash: Vec<u8>,
    pub first_seen: UnixTime,
    pub last_seen: UnixTime,
}

/// The kind of a user's authenticator. Passkeys (WebAuthn) are the next kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthenticatorKind {
    /// RFC 6238 time-based one-time passwords.
    Totp,
    /// A WebAuthn Level 3 passkey (`factor/passkey.rs`): the credential sealed in `secret_sealed`,
    /// its signature counter in `last_step`.
    Passkey,
}

impl AuthenticatorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AuthenticatorKind::Totp => "totp",
            AuthenticatorKind::Passkey => "passkey",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "totp" => Some(AuthenticatorKind::Totp),
            "passkey" => Some(AuthenticatorKind::Passkey),
            _ => None,
        }
    }
}

/// One of a user's authenticators (second factors): kind, name, created, last used. Kind-specific
/// state: TOTP keeps its secret sealed under the master key and the last time step accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authenticator {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub user_id: Uuid,
    pub kind: AuthenticatorKind,
    pub name: String,
    pub secret_sealed: Option<Vec<u8>>,
    pub last_step: Option<i64>,
    pub created_at: UnixTime,
    pub last_used_at: Option<UnixTime>,
}
