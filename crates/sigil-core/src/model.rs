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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    ClientSecretBasic,
    ClientSecretPost,
    None,
}

impl AuthMethod {
    pub const ALL: [AuthMethod; 3] = [Self::ClientSecretBasic, Self::ClientSecretPost, Self::None];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ClientSecretBasic => "client_secret_basic",
            Self::ClientSecretPost => "client_secret_post",
            Self::None => "none",
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
    /// The API (identifier) this client implements, as an Entra app registration exposes an API:
    /// access tokens for that API are the assertions it may trade on-behalf-of the user.
    pub exposes_api: Option<String>,
    /// RFC 8693 token exchange policy; `None`: the client exchanges nothing.
    pub token_exchange: Option<ExchangePolicy>,
    pub secrets: Vec<ClientSecret>,
}

impl Client {
    /// The algorithm this client's ID tokens are signed with.
    pub fn id_token_alg(&self) -> SigningAlg {
        self.id_token_alg.unwrap_or(crate::keys::ID_TOKEN_ALG)
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

/// A client secret as stored: only its keyed hash and the first characters as a hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientSecret {
    pub id: Uuid,
    #[serde(with = "hex_bytes")]
    pub hash: Vec<u8>,
    pub hint: String,
    pub expires_at: Option<UnixTime>,
    pub created_at: UnixTime,
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub hash: Vec<u8>,
    pub tenant_id: Uuid,
    pub user_id: Uuid,
    pub auth_time: UnixTime,
    pub expires_at: UnixTime,
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
        exposes_api: None,
        token_exchange: None,
        secrets: if confidential {
            vec![ClientSecret { id: Uuid::nil(), hash: vec![1], hint: "abc".into(), expires_at: None, created_at: 0 }]
        } else {
            vec![]
        },
    }
}
