//! JWS signature check for tokens Sigil itself issued; only [`crate::verify`] calls it.
use serde_json::Value;

use crate::crypto::b64url_decode;
use crate::keys::KeySet;

#[derive(Debug, PartialEq, Eq)]
pub enum JwtError {
    Malformed,
    UnknownKey,
    BadSignature,
}

/// Checks structure and signature against the tenant's keys (RFC 7515 §5.2) and returns the claims.
/// Time-based checks are the caller's, as each token type has its own rules.
pub(crate) fn verify(token: &str, keys: &KeySet, expected_typ: Option<&str>) -> Result<Value, JwtError> {
    let (signed, sig) = token.rsplit_once('.').ok_or(JwtError::Malformed)?;
    let (header, payload) = signed.split_once('.').ok_or(JwtError::Malformed)?;
    let header: Value =
        serde_json::from_slice(&b64url_decode(header).ok_or(JwtError::Malformed)?).map_err(|_| JwtError::Malformed)?;
    let kid = header["kid"].as_str().ok_or(JwtError::UnknownKey)?;
    let key = keys.by_kid(kid).ok_or(JwtError::UnknownKey)?;
    if header["alg"].as_str() != Some(key.alg.as_str()) {
        return Err(JwtError::BadSignature);
    }
    if let Some(t) = expected_typ
        && header["typ"].as_str() != Some(t)
    {
        return Err(JwtError::Malformed);
    }
    let sig = b64url_decode(sig).ok_or(JwtError::Malformed)?;
    if !key.verify(signed.as_bytes(), &sig) {
        return Err(JwtError::BadSignature);
    }
    serde_json::from_slice(&b64url_decode(payload).ok_or(JwtError::Malformed)?).map_err(|_| JwtError::Malformed)
}
