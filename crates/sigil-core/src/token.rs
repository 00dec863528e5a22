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

/// RFC 9068 §2.2 claims, and Entra's v2.0 access-token claims (docs/claims.md).
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
    /// Entra: the client the token was issued to (as `client_id`).
    pub azp: &'a str,
    /// Entra: how that client authenticated (`claims::azpacr`).
    pub azpacr: &'static str,
    /// Entra: `app` in an app-only token; `user` in a user's when its application asks for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idtyp: Option<&'static str>,
    /// Entra's token version, `2.0`.
    pub ver: &'static str,
    /// Groups (or their overage) and optional claims (`claims::user_claims`).
    #[serde(flatten)]
    pub extra: Option<&'a serde_json::Map<String, serde_json::Value>>,
    /// RFC 9449 §6.1: the DPoP key the token is bound to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cnf: Option<Confirmation<'a>>,
    /// RFC 8693 §4.1: the acting party of a delegated token (prior actors nested inside).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub act: Option<&'a serde_json::Value>,
}

/// RFC 7800 §3.1 `cnf` with RFC 9449 §6.1's `jkt` member.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Confirmation<'a> {
    pub jkt: &'a str,
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
    /// RFC 8693 §2.2.1: the type of the token issued by a token exchange.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued_token_type: Option<&'static str>,
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

/// Milliseconds since the epoch, big-endian in 6 bytes, at the front of a refresh token and of its
/// store key.
const REFRESH_TIME_BYTES: usize = 6;
const REFRESH_SECRET_BYTES: usize = 32;

/// The length of a time-ordered store key ([`refresh_key`] of a token from [`new_refresh_token`]).
/// Keys of any other length (earlier tokens) carry no issue time.
pub const ORDERED_REFRESH_KEY_LEN: usize = REFRESH_TIME_BYTES + SHA256_BYTES;
const SHA256_BYTES: usize = 32;

/// The key prefix of a token issued at `millis`: every time-ordered key of a token issued before
/// then sorts below it, so a store can drop such tokens by key range.
pub fn refresh_key_time_prefix(millis: i64) -> Vec<u8> {
    millis.max(0).to_be_bytes()[8 - REFRESH_TIME_BYTES..].to_vec()
}

/// A new refresh token and its store key. The token is base64url of the issue time in
/// milliseconds (6 bytes, big-endian) followed by 256 random bits; the key is that same time
/// prefix followed by SHA-256 of the token. Keys of new tokens therefore sort by issue time, so
/// both the successor's insert and (since a token is usually spent some time after it was issued,
/// in order) the spend land on the recent end of the store's index instead of a random page of
/// it: fewer pages touched and written per rotation. The prefix tells only when the token was
/// issued, which its holder knows anyway; the 256 random bits are what make it unguessable.
pub fn new_refresh_token(rng: &dyn rng::Rng, now_millis: i64) -> (String, Vec<u8>) {
    let mut raw = [0u8; REFRESH_TIME_BYTES + REFRESH_SECRET_BYTES];
    raw[..REFRESH_TIME_BYTES].copy_from_slice(&refresh_key_time_prefix(now_millis));
    rng.fill(&mut raw[REFRESH_TIME_BYTES..]);
    let token = b64url(&raw);
    let key = refresh_key(&token);
    (token, key)
}

/// The store key of a presented refresh token (see [`new_refresh_token`]). A token in the earlier
/// format (256 random bits, no time prefix) keys by its SHA-256 alone, so tokens issued before
/// the prefix existed keep working; anything else yields a key no token has.
pub fn refresh_key(token: &str) -> Vec<u8> {
    let hash = token_hash(token);
    match crate::crypto::b64url_decode(token) {
        Some(raw) if raw.len() == REFRESH_TIME_BYTES + REFRESH_SECRET_BYTES => {
            let mut key = raw[..REFRESH_TIME_BYTES].to_vec();
            key.extend_from_slice(&hash);
            key
        }
        _ => hash,
    }
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
    /// Groups (or their overage) and optional claims (`claims::user_claims`).
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
}

/// The user's standard claims that the granted scopes ask for, for the ID token and userinfo alike:
/// `profile` (OIDC Core §5.4) gives `name`, the profile fields that are set and `updated_at`;
/// `email` gives `email` and `email_verified`.
pub fn user_claims(c: &mut serde_json::Value, user: &User, profile: bool, email: bool) {
    if profile {
        c["name"] = user.display_name.clone().into();
        for (k, v) in user.profile.claims() {
            c[k] = v.into();
        }
        if let Some(t) = user.updated_at {
            c["updated_at"] = t.into();
        }
    }
    if email && let Some(e) = &user.email {
        c["email"] = e.clone().into();
        c["email_verified"] = user.email_verified.into();
    }
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
    user_claims(&mut c, i.user, i.scope.has("profile"), i.scope.has("email"));
    for (k, v) in i.extra {
        c[k] = v.clone();
    }
    key.sign_jwt(JwtType::Jwt, c.to_string().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::b64url_decode;
    use crate::rng::SystemRng;

    #[test]
    fn refresh_key_is_the_time_prefix_then_the_token_hash() {
        let ms = 1_796_000_000_123_i64;
        let (token, key) = new_refresh_token(&SystemRng, ms);
        let raw = b64url_decode(&token).expect("base64url");
        assert_eq!(raw.len(), 38);
        assert_eq!(&raw[..6], &ms.to_be_bytes()[2..]);
        assert_eq!(key.len(), ORDERED_REFRESH_KEY_LEN);
        assert_eq!(ORDERED_REFRESH_KEY_LEN, 38, "SQLite migration 0005 names this length");
        assert_eq!(&key[..6], &raw[..6]);
        assert_eq!(&key[6..], token_hash(&token).as_slice());
        assert_eq!(refresh_key(&token), key);
    }

    #[test]
    fn refresh_keys_sort_by_issue_time() {
        let keys: Vec<Vec<u8>> = [1_000_i64, 1_001, 256_000, 1_796_000_000_000]
            .iter()
            .map(|&ms| new_refresh_token(&SystemRng, ms).1)
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        let (a, b) = (new_refresh_token(&SystemRng, 5).0, new_refresh_token(&SystemRng, 5).0);
        assert_ne!(a, b, "the random part differs within one millisecond");
    }

    #[test]
    fn the_time_prefix_bounds_every_key_issued_before_it() {
        let cut = refresh_key_time_prefix(256_000);
        assert!(new_refresh_token(&SystemRng, 255_999).1 < cut);
        assert!(new_refresh_token(&SystemRng, 256_000).1 > cut, "a longer key with the same prefix sorts after it");
        assert!(new_refresh_token(&SystemRng, 256_001).1 > cut);
        assert_eq!(refresh_key_time_prefix(-5), vec![0; 6]);
    }

    #[test]
    fn earlier_format_and_garbage_key_by_hash_alone() {
        let legacy = rng::token_256(&SystemRng);
        assert_eq!(refresh_key(&legacy), token_hash(&legacy));
        for garbage in ["", "not base64 at all!", "AAAA", "corrupt-refresh-token-0123456789abcdef0123456789"] {
            assert_eq!(refresh_key(garbage), token_hash(garbage));
        }
    }
}
