//! Token minting: RFC 9068 JWT access tokens, OIDC ID tokens, opaque refresh tokens and the
//! RFC 6749 §5.1 success response.
use serde::Serialize;
use uuid::Uuid;

use crate::clock::UnixTime;
use crate::context::Context;
use crate::crypto::{b64url, token_hash};
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::keys::{JwtType, SigningKey};
use crate::model::{SigningAlg, User};
use crate::rng;

/// RFC 9068 §2.2 claims.
#[derive(Debug, Serialize)]
pub struct AccessClaims<'a> {
    pub iss: &'a str,
    pub sub: &'a str,
    pub aud: &'a str,
    pub exp: UnixTime,
    pub iat: UnixTime,
    pub nbf: UnixTime,
    pub jti: String,
    pub client_id: &'a str,
    pub tid: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oid: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_username: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_time: Option<UnixTime>,
    /// The grant this token descends from; Sigil's own endpoints refuse it once the grant is revoked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gid: Option<Uuid>,
}

/// RFC 6749 §5.1 plus `id_token` (OIDC Core §3.1.3.3) and `client_info` (MSAL).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_info: Option<String>,
}

/// The tenant's current key for `alg`.
pub fn signing_key(
    view: &TenantView,
    alg: SigningAlg,
    now: UnixTime,
) -> Result<&std::sync::Arc<SigningKey>, SigilError> {
    view.keys
        .signing_key(alg, now)
        .ok_or_else(|| SigilError::internal(format!("tenant {} has no {} signing key", view.tenant.name, alg.as_str())))
}

pub fn sign_access_token(key: &SigningKey, claims: &AccessClaims<'_>) -> Result<String, SigilError> {
    let payload = serde_json::to_vec(claims).map_err(|e| SigilError::internal(format!("claims: {e}")))?;
    Ok(key.sign_jwt(JwtType::AccessToken, &payload))
}

/// A new opaque token (256 bits) and the hash that is all the store keeps.
pub fn new_opaque(ctx: &Context) -> (String, Vec<u8>) {
    let t = rng::token_256(ctx.rng.as_ref());
    let h = token_hash(&t);
    (t, h)
}

/// MSAL's `client_info`: base64url JSON `{"uid": user id, "utid": tenant id}`.
pub fn client_info(user: Uuid, tenant: Uuid) -> String {
    b64url(serde_json::json!({"uid": user.to_string(), "utid": tenant.to_string()}).to_string().as_bytes())
}

/// OIDC Core §3.1.3.6: the left-most half of the hash of the access token, base64url. The hash is the
/// one the JWS `alg` uses (SHA-256 for ES256/RS256; SHA-512 for Ed25519, as is common practice).
pub fn at_hash(alg: SigningAlg, access_token: &str) -> String {
    use aws_lc_rs::digest;
    let d = match alg {
        SigningAlg::EdDSA => digest::digest(&digest::SHA512, access_token.as_bytes()),
        _ => digest::digest(&digest::SHA256, access_token.as_bytes()),
    };
    let h = d.as_ref();
    b64url(&h[..h.len() / 2])
}

pub struct IdTokenInput<'a> {
    pub user: &'a User,
    pub client_id: &'a str,
    pub nonce: Option<&'a str>,
    pub auth_time: UnixTime,
    pub access_token: &'a str,
    pub scope: &'a crate::scope::UserScope,
    pub session_id: Option<&'a str>,
}

/// OIDC Core §2 ID token.
pub fn id_token(ctx: &Context, view: &TenantView, key: &SigningKey, now: UnixTime, i: &IdTokenInput<'_>) -> String {
    let mut c = serde_json::json!({
        "iss": ctx.issuer(view),
        "sub": i.user.id.to_string(),
        "aud": i.client_id,
        "exp": now + ctx.tokens.id_token_lifetime,
        "iat": now,
        "nbf": now,
        "auth_time": i.auth_time,
        "at_hash": at_hash(key.alg, i.access_token),
        "tid": view.tenant.id.to_string(),
        "oid": i.user.id.to_string(),
        "preferred_username": i.user.username,
        "ver": "2.0",
    });
    if let Some(n) = i.nonce {
        c["nonce"] = n.into();
    }
    if let Some(sid) = i.session_id {
        c["sid"] = sid.into();
    }
    if i.scope.has("profile") {
        c["name"] = i.user.display_name.clone().into();
    }
    if i.scope.has("email")
        && let Some(e) = &i.user.email
    {
        c["email"] = e.clone().into();
    }
    key.sign_jwt(JwtType::Jwt, c.to_string().as_bytes())
}
