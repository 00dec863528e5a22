//! Public keys of clients and external issuers: read from X.509 certificates (PEM) and JWK sets
//! (RFC 7517), and used to check JWS signatures (RFC 7515 §5.2) with RS256, PS256 or ES256
//! (RFC 7518 §3.3, §3.5, §3.4).
use aws_lc_rs::digest;
use aws_lc_rs::signature::{self, UnparsedPublicKey};
use serde_json::Value;

use crate::clock::UnixTime;
use crate::crypto::{b64url, b64url_decode, sha256};
use crate::limits::{MAX_CLIENT_KEYS, MAX_JWKS_KEYS};
use crate::model::{ClientKey, PublicJwk};

/// The algorithms accepted on client assertions: MSAL signs with PS256 (certificate credential)
/// or RS256, Azure Identity and most JOSE libraries with RS256 or ES256. No `none`, no HMAC.
pub const ASSERTION_ALGS: [&str; 3] = ["RS256", "PS256", "ES256"];

/// Every certificate in a PEM text, as keys matched by their thumbprints (`x5t`, `x5t#S256`, as
/// MSAL sends them) and expiring with the certificate (`notAfter`).
pub fn keys_from_certificates(pem: &str) -> Result<Vec<ClientKey>, String> {
    let mut keys = Vec::new();
    for block in x509_parser::pem::Pem::iter_from_buffer(pem.as_bytes()) {
        let block = block.map_err(|e| format!("not a PEM certificate: {e}"))?;
        if block.label != "CERTIFICATE" {
            continue;
        }
        let cert = block.parse_x509().map_err(|e| format!("not an X.509 certificate: {e}"))?;
        let public = match cert.public_key().parsed().map_err(|e| format!("unreadable public key: {e}"))? {
            x509_parser::public_key::PublicKey::RSA(rsa) => {
                PublicJwk::Rsa { n: b64url(strip_zeros(rsa.modulus)), e: b64url(strip_zeros(rsa.exponent)) }
            }
            x509_parser::public_key::PublicKey::EC(point) => {
                let p256 = cert
                    .public_key()
                    .algorithm
                    .parameters
                    .as_ref()
                    .and_then(|p| p.as_oid().ok())
                    .is_some_and(|o| o.to_id_string() == "1.2.840.10045.3.1.7");
                let d = point.data();
                if !p256 || d.len() != 65 || d[0] != 4 {
                    return Err("only P-256 EC keys are supported".into());
                }
                PublicJwk::Ec { crv: "P-256".into(), x: b64url(&d[1..33]), y: b64url(&d[33..65]) }
            }
            _ => return Err("only RSA and P-256 EC keys are supported".into()),
        };
        let der = &block.contents;
        keys.push(ClientKey {
            kid: None,
            x5t: Some(b64url(digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, der).as_ref())),
            x5t_s256: Some(b64url(&sha256(der))),
            not_after: Some(cert.validity().not_after.timestamp()),
            public,
        });
    }
    if keys.is_empty() {
        return Err("no CERTIFICATE block found".into());
    }
    if keys.len() > MAX_CLIENT_KEYS {
        return Err(format!("more than {MAX_CLIENT_KEYS} certificates"));
    }
    Ok(keys)
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let first = b.iter().position(|x| *x != 0).unwrap_or(b.len().saturating_sub(1));
    &b[first..]
}

/// The signing keys of a JWK set (RFC 7517 §5): RSA and P-256 EC keys whose `use` (when present)
/// is `sig`; others are skipped. At most [`MAX_JWKS_KEYS`] are read.
pub fn keys_from_jwks(jwks: &Value) -> Vec<ClientKey> {
    let Some(list) = jwks["keys"].as_array() else { return vec![] };
    list.iter().take(MAX_JWKS_KEYS).filter_map(key_from_jwk).collect()
}

fn key_from_jwk(k: &Value) -> Option<ClientKey> {
    if k.get("use").is_some_and(|u| u != "sig") {
        return None;
    }
    let s = |name: &str| k[name].as_str().map(str::to_string);
    let public = match k["kty"].as_str()? {
        "RSA" => PublicJwk::Rsa { n: s("n")?, e: s("e")? },
        "EC" if k["crv"] == "P-256" => PublicJwk::Ec { crv: "P-256".into(), x: s("x")?, y: s("y")? },
        _ => return None,
    };
    Some(ClientKey { kid: s("kid"), x5t: s("x5t"), x5t_s256: s("x5t#S256"), not_after: None, public })
}

/// Whether the JWS header names this key: by `x5t#S256`, `x5t` or `kid`, whichever the header
/// carries and the key has (a key without any of them matches only a header without any).
/// Thumbprints are compared without base64 padding: RFC 7515 §2 base64url has none, but MSAL
/// Python pads them (Entra accepts both).
pub fn names_key(header: &Value, key: &ClientKey) -> bool {
    let h = |name: &str| {
        let v = header[name].as_str();
        if name == "kid" { v } else { v.map(|t| t.trim_end_matches('=')) }
    };
    let pairs = [(h("x5t#S256"), &key.x5t_s256), (h("x5t"), &key.x5t), (h("kid"), &key.kid)];
    if pairs.iter().all(|(h, _)| h.is_none()) {
        return true;
    }
    pairs.iter().any(|(h, k)| h.is_some() && k.as_deref() == *h)
}

/// Whether the key can be used at `now` (a certificate's `notAfter`).
pub fn expired(key: &ClientKey, now: UnixTime) -> bool {
    key.not_after.is_some_and(|t| t < now)
}

/// RFC 7515 §5.2 step 8 with RFC 7518's algorithms: the key type must fit `alg`.
pub fn verify(key: &PublicJwk, alg: &str, signed: &[u8], sig: &[u8]) -> bool {
    match (key, alg) {
        (PublicJwk::Rsa { n, e }, "RS256" | "PS256") => {
            let (Some(n), Some(e)) = (b64url_decode(n), b64url_decode(e)) else { return false };
            let params = if alg == "RS256" {
                &signature::RSA_PKCS1_2048_8192_SHA256
            } else {
                &signature::RSA_PSS_2048_8192_SHA256
            };
            signature::RsaPublicKeyComponents { n: &n, e: &e }.verify(params, signed, sig).is_ok()
        }
        (PublicJwk::Ec { crv, x, y }, "ES256") if crv == "P-256" => {
            let (Some(x), Some(y)) = (b64url_decode(x), b64url_decode(y)) else { return false };
            if x.len() != 32 || y.len() != 32 {
                return false;
            }
            let mut point = vec![4u8];
            point.extend_from_slice(&x);
            point.extend_from_slice(&y);
            UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, &point).verify(signed, sig).is_ok()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{EcdsaKeyPair, KeyPair, RsaKeyPair};
    use serde_json::json;

    use super::*;
    use crate::keys;
    use crate::model::SigningAlg;

    fn ec() -> (EcdsaKeyPair, ClientKey) {
        let kp = EcdsaKeyPair::from_pkcs8(
            &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            &keys::generate_pkcs8(SigningAlg::ES256).unwrap(),
        )
        .unwrap();
        let p = kp.public_key().as_ref().to_vec();
        let jwk = json!({"keys": [{"kty": "EC", "crv": "P-256", "kid": "e", "x": b64url(&p[1..33]), "y": b64url(&p[33..65])}]});
        (kp, keys_from_jwks(&jwk).remove(0))
    }

    #[test]
    fn headers_name_keys_by_thumbprint_or_kid_padded_or_not() {
        let key = ClientKey {
            kid: Some("k".into()),
            x5t: Some("c2hhMQ".into()),
            x5t_s256: Some("c2hhMjU2".into()),
            not_after: None,
            public: PublicJwk::Rsa { n: "n".into(), e: "e".into() },
        };
        assert!(names_key(&json!({"x5t#S256": "c2hhMjU2"}), &key));
        assert!(names_key(&json!({"x5t#S256": "c2hhMjU2=="}), &key), "MSAL Python pads");
        assert!(names_key(&json!({"x5t": "c2hhMQ"}), &key));
        assert!(names_key(&json!({"kid": "k"}), &key));
        assert!(!names_key(&json!({"kid": "k="}), &key), "a kid is compared as it is");
        assert!(!names_key(&json!({"x5t#S256": "other", "x5t": "other"}), &key));
        assert!(names_key(&json!({}), &key), "a header naming no key tries every key");
    }

    #[test]
    fn signatures_verify_only_with_an_algorithm_that_fits_the_key() {
        let (kp, key) = ec();
        let sig = kp.sign(&SystemRandom::new(), b"msg").unwrap();
        assert!(verify(&key.public, "ES256", b"msg", sig.as_ref()));
        assert!(!verify(&key.public, "ES256", b"other", sig.as_ref()));
        assert!(!verify(&key.public, "RS256", b"msg", sig.as_ref()), "an EC key is not RSA");
        assert!(!verify(&key.public, "HS256", b"msg", sig.as_ref()));
        let rsa = RsaKeyPair::from_pkcs8(&keys::generate_pkcs8(SigningAlg::RS256).unwrap()).unwrap();
        let pk = rsa.public_key();
        let public = PublicJwk::Rsa {
            n: b64url(pk.modulus().big_endian_without_leading_zero()),
            e: b64url(pk.exponent().big_endian_without_leading_zero()),
        };
        let mut pss = vec![0; rsa.public_modulus_len()];
        rsa.sign(&signature::RSA_PSS_SHA256, &SystemRandom::new(), b"msg", &mut pss).unwrap();
        assert!(verify(&public, "PS256", b"msg", &pss));
        assert!(!verify(&public, "RS256", b"msg", &pss), "PSS is not PKCS#1 v1.5");
        assert!(!verify(&public, "ES256", b"msg", &pss));
    }

    #[test]
    fn jwks_keep_signing_keys_of_known_types_only() {
        let set = json!({"keys": [
            {"kty": "RSA", "n": "AQAB", "e": "AQAB", "use": "enc"},
            {"kty": "oct", "k": "c2VjcmV0"},
            {"kty": "EC", "crv": "P-384", "x": "a", "y": "b"},
            {"kty": "RSA", "n": "AQAB", "e": "AQAB", "kid": "ok"},
        ]});
        let keys = keys_from_jwks(&set);
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].kid.as_deref(), Some("ok"));
        assert!(keys_from_certificates("no pem here").is_err());
    }
}
