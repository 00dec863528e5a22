//! The parts of a client stored as one JSON document (both backends).
use serde::{Deserialize, Serialize};
use sigil_core::error::StoreError;
use sigil_core::model::{
    AuthMethod, Client, ClientKey, ClientProfile, ClientRegistration, ClientSecret, ExchangePolicy,
    FederatedCredential, GrantType, Permission, SigningAlg, TokenClaims, TokenLifetimes,
};

#[derive(Serialize, Deserialize)]
struct Body {
    confidential: bool,
    auth_methods: Vec<AuthMethod>,
    grant_types: Vec<GrantType>,
    redirect_uris: Vec<String>,
    #[serde(default)]
    post_logout_redirect_uris: Vec<String>,
    permissions: Vec<Permission>,
    lifetimes: TokenLifetimes,
    #[serde(default)]
    always_issue_refresh_token: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id_token_alg: Option<SigningAlg>,
    /// Absent (stored before the setting existed, or on): PKCE required.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    require_pkce: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    introspect: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    backchannel_logout_uri: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    backchannel_logout_session_required: bool,
    #[serde(default, skip_serializing_if = "is_no")]
    spa: bool,
    #[serde(default, skip_serializing_if = "TokenClaims::is_default")]
    claims: TokenClaims,

    #[serde(default, skip_serializing_if = "Option::is_none")]
    registration: Option<ClientRegistration>,
    #[serde(default, skip_serializing_if = "is_no")]
    require_pushed_authorization_requests: bool,
    #[serde(default, skip_serializing_if = "is_no")]
    dpop_bound_access_tokens: bool,
    #[serde(default, skip_serializing_if = "is_no")]
    require_dpop_nonce: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    keys: Vec<ClientKey>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    jwks_uri: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    federated: Vec<FederatedCredential>,
    #[serde(default, skip_serializing_if = "is_no")]
    strict_assertion_replay: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    exposes_api: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    token_exchange: Option<ExchangePolicy>,
    #[serde(default, skip_serializing_if = "is_no")]
    require_mfa: bool,
    #[serde(default, skip_serializing_if = "is_no")]
    mfa_unfamiliar: bool,
    require_signed_request_object: bool,
    #[serde(default, skip_serializing_if = "is_standard")]
    profile: ClientProfile,
}

fn is_standard(p: &ClientProfile) -> bool {
    *p == ClientProfile::Standard
}

fn is_no(b: &bool) -> bool {
    !*b
}

fn yes() -> bool {
    true
}

fn is_yes(b: &bool) -> bool {
    *b
}

pub(crate) fn to_json(c: &Client) -> String {
    serde_json::to_string(&Body {
        confidential: c.confidential,
        auth_methods: c.auth_methods.clone(),
        grant_types: c.grant_types.clone(),
        redirect_uris: c.redirect_uris.clone(),
        post_logout_redirect_uris: c.post_logout_redirect_uris.clone(),
        permissions: c.permissions.clone(),
        lifetimes: c.lifetimes.clone(),
        always_issue_refresh_token: c.always_issue_refresh_token,
        id_token_alg: c.id_token_alg,
        require_pkce: c.require_pkce,
        introspect: c.introspect.clone(),
        backchannel_logout_uri: c.backchannel_logout_uri.clone(),
        backchannel_logout_session_required: c.backchannel_logout_session_required,
        spa: c.spa,
        claims: c.claims.clone(),

        registration: c.registration.clone(),
        require_pushed_authorization_requests: c.require_pushed_authorization_requests,
        dpop_bound_access_tokens: c.dpop_bound_access_tokens,
        require_dpop_nonce: c.require_dpop_nonce,
        keys: c.keys.clone(),
        jwks_uri: c.jwks_uri.clone(),
        federated: c.federated.clone(),
        strict_assertion_replay: c.strict_assertion_replay,
        require_mfa: c.require_mfa,
        mfa_unfamiliar: c.mfa_unfamiliar,
        exposes_api: c.exposes_api.clone(),
        token_exchange: c.token_exchange.clone(),
        require_signed_request_object: c.require_signed_request_object,
        profile: c.profile,
    })
    .expect("client body serializes")
}

pub(crate) struct ClientRow {
    pub id: uuid::Uuid,
    pub tenant_id: uuid::Uuid,
    pub client_id: String,
    pub name: String,
    pub body: String,
}

pub(crate) fn from_row(r: ClientRow, secrets: Vec<ClientSecret>) -> Result<Client, StoreError> {
    let b: Body =
        serde_json::from_str(&r.body).map_err(|e| StoreError::Other(format!("client {} body: {e}", r.client_id)))?;
    Ok(Client {
        id: r.id,
        tenant_id: r.tenant_id,
        client_id: r.client_id,
        name: r.name,
        confidential: b.confidential,
        auth_methods: b.auth_methods,
        grant_types: b.grant_types,
        redirect_uris: b.redirect_uris,
        post_logout_redirect_uris: b.post_logout_redirect_uris,
        permissions: b.permissions,
        lifetimes: b.lifetimes,
        always_issue_refresh_token: b.always_issue_refresh_token,
        id_token_alg: b.id_token_alg,
        require_pkce: b.require_pkce,
        introspect: b.introspect,
        backchannel_logout_uri: b.backchannel_logout_uri,
        backchannel_logout_session_required: b.backchannel_logout_session_required,
        spa: b.spa,
        claims: b.claims,

        registration: b.registration,
        require_pushed_authorization_requests: b.require_pushed_authorization_requests,
        dpop_bound_access_tokens: b.dpop_bound_access_tokens,
        require_dpop_nonce: b.require_dpop_nonce,
        exposes_api: b.exposes_api,
        token_exchange: b.token_exchange,
        secrets,
        keys: b.keys,
        jwks_uri: b.jwks_uri,
        federated: b.federated,
        strict_assertion_replay: b.strict_assertion_replay,
        require_signed_request_object: b.require_signed_request_object,
        profile: b.profile,
        require_mfa: b.require_mfa,
        mfa_unfamiliar: b.mfa_unfamiliar,
    })
}
