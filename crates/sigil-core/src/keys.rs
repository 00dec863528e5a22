//! Tenant signing keys: generated once per tenant (ES256 by default; RS256 and EdDSA per tenant),
//! parsed once at load into ready-to-sign aws-lc-rs key objects, published as a JWKS (RFC 7517).
use std::sync::Arc;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{self, KeyPair};
use serde_json::json;

use crate::clock::UnixTime;
use crate::crypto::{b64url, sha256};
use crate::model::{SigningAlg, StoredKey};

enum Material {
    Ec(signature::EcdsaKeyPair),
    Rsa(signature::RsaKeyPair),
    Ed(signature::Ed25519KeyPair),
}

/// A parsed signing key. Header prefixes are pre-encoded: signing a token costs one signature.
pub struct SigningKey {
    pub kid: String,
    pub alg: SigningAlg,
    material: Material,
    public: Vec<u8>,
    pub jwk: serde_json::Value,
    header_at: String,
    header_jwt: String,
    header_introspection: String,
    header_logout: String,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SigningKey({}, {})", self.kid, self.alg.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("signing key could not be used: {0}")]
pub struct KeyError(pub String);

/// New private key material, PKCS#8 DER.
pub fn generate_pkcs8(alg: SigningAlg) -> Result<Vec<u8>, KeyError> {
    let rng = SystemRandom::new();
    let err = |e: &dyn std::fmt::Debug| KeyError(format!("{e:?}"));
    Ok(match alg {
        SigningAlg::ES256 => signature::EcdsaKeyPair::generate_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            .map_err(|e| err(&e))?
            .as_ref()
            .to_vec(),
        SigningAlg::EdDSA => signature::Ed25519KeyPair::generate_pkcs8(&rng).map_err(|e| err(&e))?.as_ref().to_vec(),
        SigningAlg::RS256 => {
            let kp = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).map_err(|e| err(&e))?;
            let der: aws_lc_rs::encoding::Pkcs8V1Der = kp.as_der().map_err(|e| err(&e))?;
            der.as_ref().to_vec()
        }
    })
}

impl SigningKey {
    pub fn from_pkcs8(alg: SigningAlg, pkcs8: &[u8]) -> Result<Self, KeyError> {
        let err = |e: &dyn std::fmt::Debug| KeyError(format!("{e:?}"));
        let (material, public, jwk_members) = match alg {
            SigningAlg::ES256 => {
                let kp = signature::EcdsaKeyPair::from_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8)
                    .map_err(|e| err(&e))?;
                let public = kp.public_key().as_ref().to_vec();
                // Uncompressed point: 0x04 || x (32) || y (32).
                let (x, y) = (b64url(&public[1..33]), b64url(&public[33..65]));
                (Material::Ec(kp), public, json!({"crv": "P-256", "kty": "EC", "x": x, "y": y}))
            }
            SigningAlg::EdDSA => {
                let kp = signature::Ed25519KeyPair::from_pkcs8(pkcs8).map_err(|e| err(&e))?;
                let public = kp.public_key().as_ref().to_vec();
                let x = b64url(&public);
                (Material::Ed(kp), public, json!({"crv": "Ed25519", "kty": "OKP", "x": x}))
            }
            SigningAlg::RS256 => {
                let kp = signature::RsaKeyPair::from_pkcs8(pkcs8).map_err(|e| err(&e))?;
                let pk = kp.public_key();
                let n = b64url(pk.modulus().big_endian_without_leading_zero());
                let e = b64url(pk.exponent().big_endian_without_leading_zero());
                let public = pk.as_ref().to_vec();
                (Material::Rsa(kp), public, json!({"e": e, "kty": "RSA", "n": n}))
            }
        };
        // RFC 7638 thumbprint as kid: members in lexicographic order, no whitespace (serde_json
        // objects are sorted maps without the preserve_order feature).
        let kid = b64url(&sha256(jwk_members.to_string().as_bytes()));
        let mut jwk = jwk_members;
        jwk["kid"] = json!(kid);
        jwk["use"] = json!("sig");
        jwk["alg"] = json!(alg.as_str());
        let header = |typ: &str| b64url(json!({"alg": alg.as_str(), "kid": kid, "typ": typ}).to_string().as_bytes());
        Ok(Self {
            header_at: header("at+jwt"),
            header_jwt: header("JWT"),
            header_introspection: header("token-introspection+jwt"),
            header_logout: header("logout+jwt"),
            kid,
            alg,
            material,
            public,
            jwk,
        })
    }

    fn sign_bytes(&self, msg: &[u8]) -> Vec<u8> {
        match &self.material {
            Material::Ec(kp) => kp.sign(&SystemRandom::new(), msg).expect("ECDSA signing succeeds").as_ref().to_vec(),
            Material::Ed(kp) => kp.sign(msg).as_ref().to_vec(),
            Material::Rsa(kp) => {
                let mut sig = vec![0u8; kp.public_modulus_len()];
                kp.sign(&signature::RSA_PKCS1_SHA256, &SystemRandom::new(), msg, &mut sig)
                    .expect("RSA signing succeeds");
                sig
            }
        }
    }

    /// Signs a JWS compact serialization (RFC 7515 §7.1) over the given JSON payload.
    pub fn sign_jwt(&self, typ: JwtType, payload_json: &[u8]) -> String {
        let header = match typ {
            JwtType::AccessToken => &self.header_at,
            JwtType::Jwt => &self.header_jwt,
            JwtType::TokenIntrospection => &self.header_introspection,
            JwtType::LogoutToken => &self.header_logout,
        };
        let mut out = String::with_capacity(header.len() + payload_json.len() * 4 / 3 + 100);
        out.push_str(header);
        out.push('.');
        out.push_str(&b64url(payload_json));
        let sig = self.sign_bytes(out.as_bytes());
        out.push('.');
        out.push_str(&b64url(&sig));
        out
    }

    pub fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        let alg: &dyn signature::VerificationAlgorithm = match self.alg {
            SigningAlg::ES256 => &signature::ECDSA_P256_SHA256_FIXED,
            SigningAlg::EdDSA => &signature::ED25519,
            SigningAlg::RS256 => &signature::RSA_PKCS1_2048_8192_SHA256,
        };
        signature::UnparsedPublicKey::new(alg, &self.public).verify(msg, sig).is_ok()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwtType {
    /// RFC 9068 §2.1: `typ: at+jwt`.
    AccessToken,
    Jwt,
    /// RFC 9701 §5: `typ: token-introspection+jwt`.
    TokenIntrospection,
    /// OIDC Back-Channel Logout 1.0 §2.4: `typ: logout+jwt`.
    LogoutToken,
}

#[derive(Debug, Clone)]
pub struct LoadedKey {
    pub key: Arc<SigningKey>,
    pub active_from: UnixTime,
    pub retired_at: Option<UnixTime>,
}

/// The keys of one tenant, newest activation last.
#[derive(Debug, Clone, Default)]
pub struct KeySet {
    keys: Vec<LoadedKey>,
    jwks: Arc<str>,
}

impl KeySet {
    pub fn new(mut keys: Vec<LoadedKey>, now: UnixTime, publish_after_retire: i64) -> Self {
        keys.sort_by_key(|k| k.active_from);
        let published: Vec<_> = keys
            .iter()
            .filter(|k| k.retired_at.is_none_or(|r| r + publish_after_retire > now))
            .map(|k| k.key.jwk.clone())
            .collect();
        let jwks = json!({ "keys": published }).to_string().into();
        Self { keys, jwks }
    }

    /// The key of `alg` to sign with now: the newest one whose activation time has come.
    pub fn signing_key(&self, alg: SigningAlg, now: UnixTime) -> Option<&Arc<SigningKey>> {
        let of_alg = || self.keys.iter().filter(|k| k.key.alg == alg);
        of_alg().rev().find(|k| k.active_from <= now).or_else(|| of_alg().next()).map(|k| &k.key)
    }

    pub fn has_alg(&self, alg: SigningAlg) -> bool {
        self.keys.iter().any(|k| k.key.alg == alg)
    }

    pub fn by_kid(&self, kid: &str) -> Option<&Arc<SigningKey>> {
        self.keys.iter().find(|k| k.key.kid == kid).map(|k| &k.key)
    }

    pub fn jwks_json(&self) -> &Arc<str> {
        &self.jwks
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn loaded(&self) -> &[LoadedKey] {
        &self.keys
    }
}

/// OpenID Connect Core §3.1.3.7 and Discovery §3: ID tokens are RS256 unless a client registers
/// otherwise, and every provider must support it. Access tokens use the tenant's algorithm.
pub const ID_TOKEN_ALG: SigningAlg = SigningAlg::RS256;

/// The algorithms a tenant needs keys for.
pub fn tenant_algs(tenant_alg: SigningAlg) -> Vec<SigningAlg> {
    if tenant_alg == ID_TOKEN_ALG { vec![tenant_alg] } else { vec![tenant_alg, ID_TOKEN_ALG] }
}

/// Unseals and parses a stored key.
pub fn load(master: &crate::crypto::MasterKey, k: &StoredKey) -> Result<LoadedKey, KeyError> {
    let der = master
        .open(seal_context(&k.kid).as_bytes(), &k.sealed_private)
        .map_err(|e| KeyError(format!("key {}: {e}", k.kid)))?;
    let key = SigningKey::from_pkcs8(k.alg, &der)?;
    Ok(LoadedKey { key: Arc::new(key), active_from: k.active_from, retired_at: k.retired_at })
}

pub fn seal_context(kid: &str) -> String {
    format!("sigil/signing-key/{kid}")
}

/// Generates a key and seals it for storage.
pub fn new_stored_key(
    master: &crate::crypto::MasterKey,
    rng: &dyn crate::rng::Rng,
    tenant: uuid::Uuid,
    alg: SigningAlg,
    now: UnixTime,
    active_from: UnixTime,
) -> Result<StoredKey, KeyError> {
    let der = generate_pkcs8(alg)?;
    let kid = SigningKey::from_pkcs8(alg, &der)?.kid;
    let sealed_private = master.seal(rng, seal_context(&kid).as_bytes(), &der);
    Ok(StoredKey { kid, tenant_id: tenant, alg, sealed_private, created_at: now, active_from, retired_at: None })
}

/// A rotation of one tenant's keys of `alg`: a new key published now and signing from
/// `active_from`; the tenant's current keys of that algorithm retire then (and stay published
/// until every token they signed has expired, see [`KeySet::new`]). Publishing before signing lets
/// every relying party's JWKS cache see the new key before any token carries it.
pub fn rotation(
    master: &crate::crypto::MasterKey,
    rng: &dyn crate::rng::Rng,
    keys: &[StoredKey],
    tenant: uuid::Uuid,
    alg: SigningAlg,
    now: UnixTime,
    active_from: UnixTime,
) -> Result<(StoredKey, Vec<crate::store::Change>), KeyError> {
    use crate::store::Change;
    let key = new_stored_key(master, rng, tenant, alg, now, active_from)?;
    let mut changes = vec![Change::PutKey(key.clone())];
    for old in keys.iter().filter(|k| k.tenant_id == tenant && k.alg == alg && k.retired_at.is_none()) {
        changes.push(Change::RetireKey { kid: old.kid.clone(), at: active_from });
    }
    Ok((key, changes))
}

/// Whether a scheduled rotation is due: the newest unretired key of `alg` was created at least
/// `interval` seconds ago (0: never). A tenant without keys of `alg` is not due: start-up creates them.
pub fn rotation_due(keys: &[StoredKey], tenant: uuid::Uuid, alg: SigningAlg, now: UnixTime, interval: i64) -> bool {
    interval > 0
        && keys
            .iter()
            .filter(|k| k.tenant_id == tenant && k.alg == alg && k.retired_at.is_none())
            .map(|k| k.created_at)
            .max()
            .is_some_and(|newest| now - newest >= interval)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_is_due_after_the_interval_from_the_newest_key() {
        let t = uuid::Uuid::from_u128(1);
        let key = |created_at, retired_at| StoredKey {
            kid: format!("k{created_at}"),
            tenant_id: t,
            alg: SigningAlg::ES256,
            sealed_private: vec![],
            created_at,
            active_from: created_at,
            retired_at,
        };
        let keys = [key(100, Some(500)), key(400, None)];
        assert!(!rotation_due(&keys, t, SigningAlg::ES256, 499, 100));
        assert!(rotation_due(&keys, t, SigningAlg::ES256, 500, 100));
        assert!(!rotation_due(&keys, t, SigningAlg::ES256, 10_000, 0), "0 turns it off");
        assert!(!rotation_due(&keys, t, SigningAlg::RS256, 10_000, 100), "no RS256 keys: start-up makes them");
        assert!(!rotation_due(&keys, uuid::Uuid::from_u128(2), SigningAlg::ES256, 10_000, 100));
    }

    #[test]
    fn every_alg_signs_and_verifies() {
        for alg in [SigningAlg::ES256, SigningAlg::EdDSA, SigningAlg::RS256] {
            let der = generate_pkcs8(alg).unwrap();
            let k = SigningKey::from_pkcs8(alg, &der).unwrap();
            let jwt = k.sign_jwt(JwtType::AccessToken, br#"{"a":1}"#);
            let (signed, sig) = jwt.rsplit_once('.').unwrap();
            assert!(k.verify(signed.as_bytes(), &crate::crypto::b64url_decode(sig).unwrap()), "{alg:?}");
            assert!(!k.verify(b"other", &crate::crypto::b64url_decode(sig).unwrap()));
            assert_eq!(k.jwk["kid"], k.kid.as_str());
        }
    }
}
