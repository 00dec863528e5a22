//! DPoP (RFC 9449): checking a proof (§4.3), the key's thumbprint (RFC 7638) that binds tokens to
//! it, the replay record of proof `jti`s (§11.1, shared by every instance through the store) and
//! stateless server nonces (§8: an HMAC of a time window under the master key).
use aws_lc_rs::signature::{self, RsaPublicKeyComponents, UnparsedPublicKey};
use serde_json::Value;
use uuid::Uuid;

use crate::catalog;
use crate::clock::UnixTime;
use crate::config::TokenSettings;
use crate::context::Context;
use crate::crypto::{MasterKey, b64url, b64url_decode, ct_eq, sha256};
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::limits::MAX_DPOP_PROOF_BYTES;
use crate::params::sanitize;
use crate::verify::AccessTokenClaims;

/// §5.1 `dpop_signing_alg_values_supported`: what Sigil can verify.
pub const ALGS: &[&str] = &["ES256", "RS256", "PS256", "EdDSA"];

/// The request a proof must match (§4.3 steps 8–12).
pub struct Expected<'a> {
    /// `htm`: the HTTP method.
    pub method: &'a str,
    /// `htu`: the endpoint's URL as Sigil publishes it (no query, no fragment).
    pub url: &'a str,
    /// `ath`: the access token the proof accompanies, at a protected resource.
    pub access_token: Option<&'a str>,
    /// §8: whether this client must include a server nonce.
    pub nonce_required: bool,
    pub tenant: Uuid,
}

/// A checked, first-time proof.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proof {
    /// RFC 7638 thumbprint of the proof's key (base64url SHA-256): `cnf.jkt` (§6.1).
    pub jkt: String,
}

/// How an access token was presented at a protected resource (RFC 9449 §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presentation<'a> {
    /// `Authorization: DPoP` (§7.1) rather than `Bearer`.
    pub dpop_scheme: bool,
    /// The request's one `DPoP` header.
    pub proof: Option<&'a str>,
    pub method: &'a str,
    pub url: &'a str,
}

/// §7.1: a DPoP-bound token (`cnf.jkt`) is accepted only under the DPoP scheme with a proof by
/// its key whose `ath` is the token's hash; an unbound token not under the DPoP scheme.
pub async fn check_presentation(
    ctx: &Context,
    view: &TenantView,
    claims: &AccessTokenClaims,
    token: &str,
    p: &Presentation<'_>,
) -> Result<(), SigilError> {
    let misused = |why: &str| SigilError::new(catalog::DPOP_BOUND_TOKEN_MISUSED, why.to_string());
    let Some(cnf) = &claims.cnf else {
        return if p.dpop_scheme { Err(misused("a token not bound to a DPoP key sent as DPoP")) } else { Ok(()) };
    };
    if !p.dpop_scheme {
        return Err(misused("a DPoP-bound token sent as a Bearer token"));
    }
    let proof = p.proof.ok_or_else(|| misused("a DPoP-bound token sent without a DPoP proof"))?;
    let nonce_required = view.client(&claims.client_id).is_some_and(|c| c.require_dpop_nonce);
    let expected =
        Expected { method: p.method, url: p.url, access_token: Some(token), nonce_required, tenant: view.tenant.id };
    let proof = check(ctx, proof, &expected).await?;
    if !ct_eq(proof.jkt.as_bytes(), cnf.jkt.as_bytes()) {
        return Err(misused("the DPoP proof is by another key than the token's"));
    }
    Ok(())
}

/// The `DPoP` header values of a request: none is `None`; §4.3 step 1: more than one is refused.
pub fn single_header<'a>(mut values: impl Iterator<Item = &'a [u8]>) -> Result<Option<&'a str>, SigilError> {
    let Some(first) = values.next() else { return Ok(None) };
    if values.next().is_some() {
        return Err(invalid("more than one DPoP header"));
    }
    std::str::from_utf8(first).map(Some).map_err(|_| invalid("DPoP header is not text"))
}

/// §4.3: checks the proof, then records its `jti` (one atomic insert: of concurrent uses of one
/// proof exactly one passes).
pub async fn check(ctx: &Context, proof: &str, expected: &Expected<'_>) -> Result<Proof, SigilError> {
    let now = ctx.clock.now();
    let keys = Keys { master: &ctx.master, tokens: &ctx.tokens };
    let (proof, jti) = check_proof(&keys, proof, expected, now)?;
    // §11.1: a `jti` is remembered while its `iat` could still be accepted.
    let window = ctx.tokens.dpop_proof_window;
    let mut key = proof.jkt.clone().into_bytes();
    key.push(b' ');
    key.extend_from_slice(jti.as_bytes());
    if !ctx.store.use_dpop_proof(&sha256(&key), now + 2 * window + 1, now).await? {
        return Err(SigilError::new(catalog::DPOP_PROOF_REPLAYED, "DPoP proof jti presented before"));
    }
    Ok(proof)
}

/// Everything of §4.3 but the replay record: the proof and its `jti`.
/// What proof checks and nonces are computed with.
pub(crate) struct Keys<'a> {
    pub(crate) master: &'a MasterKey,
    pub(crate) tokens: &'a TokenSettings,
}

pub(crate) fn check_proof(
    ctx: &Keys<'_>,
    proof: &str,
    expected: &Expected<'_>,
    now: UnixTime,
) -> Result<(Proof, String), SigilError> {
    // Step 2: a well-formed JWS, bounded.
    if proof.len() > MAX_DPOP_PROOF_BYTES {
        return Err(invalid(&format!("DPoP proof over {MAX_DPOP_PROOF_BYTES} bytes")));
    }
    let mut parts = proof.split('.');
    let (Some(h), Some(p), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(invalid("DPoP proof is not a compact JWS"));
    };
    let header = json_part(h, "header")?;
    let claims = json_part(p, "payload")?;
    // Step 4: `typ`.
    if header["typ"].as_str() != Some("dpop+jwt") {
        return Err(invalid("DPoP proof typ is not dpop+jwt"));
    }
    // Steps 5–7: a supported asymmetric `alg`, a public `jwk`, a valid signature.
    let alg = header["alg"].as_str().unwrap_or("");
    let jwk = &header["jwk"];
    let key = PublicJwk::parse(jwk, alg)?;
    let sig = b64url_decode(s).ok_or_else(|| invalid("DPoP proof signature is not base64url"))?;
    let signed = &proof[..h.len() + 1 + p.len()];
    if !key.verify(alg, signed.as_bytes(), &sig) {
        return Err(invalid("DPoP proof signature does not verify with its jwk"));
    }
    // Step 3: the required claims.
    let claim = |name: &'static str| {
        claims[name].as_str().filter(|v| !v.is_empty()).ok_or_else(|| invalid(&format!("DPoP proof has no {name}")))
    };
    let jti = claim("jti")?;
    if jti.len() > 256 {
        return Err(invalid("DPoP proof jti over 256 bytes"));
    }
    let (htm, htu) = (claim("htm")?, claim("htu")?);
    let iat = claims["iat"].as_i64().ok_or_else(|| invalid("DPoP proof has no numeric iat"))?;
    // Steps 8, 9: method and URI (§4.3: without query and fragment, compared after RFC 3986
    // §6.2.2 and §6.2.3 normalization, which `url` applies to scheme, host, default port, path).
    if htm != expected.method {
        return Err(mismatch(format!("htm '{}' is not {}", sanitize(htm), expected.method)));
    }
    if normalized(htu).as_deref() != normalized(expected.url).as_deref() {
        return Err(mismatch(format!("htu '{}' is not {}", sanitize(htu), expected.url)));
    }
    // Step 10: the server nonce, when required (§8); before `iat`, since with a nonce the server
    // may rely on it for freshness.
    let jkt = key.thumbprint();
    if expected.nonce_required {
        let fresh = claims["nonce"].as_str().is_some_and(|n| nonce_valid(ctx, expected.tenant, n, now));
        if !fresh {
            return Err(SigilError::new(catalog::DPOP_NONCE_REQUIRED, "DPoP proof without a current server nonce"));
        }
    }
    // Step 11: `iat` within the window either side of now.
    let window = ctx.tokens.dpop_proof_window;
    let offset = iat.saturating_sub(now);
    if offset.saturating_abs() > window {
        return Err(SigilError::new(
            catalog::DPOP_PROOF_STALE,
            format!("DPoP proof iat {offset} s from now, over {window}"),
        ));
    }
    // Step 12: `ath`, the hash of the access token it accompanies.
    if let Some(at) = expected.access_token {
        let ath = claims["ath"].as_str().ok_or_else(|| mismatch("DPoP proof has no ath".into()))?;
        if !ct_eq(ath.as_bytes(), b64url(&sha256(at.as_bytes())).as_bytes()) {
            return Err(mismatch("DPoP proof ath is not the access token's hash".into()));
        }
    }
    Ok((Proof { jkt }, jti.to_string()))
}

fn json_part(part: &str, what: &str) -> Result<Value, SigilError> {
    let bytes = b64url_decode(part).ok_or_else(|| invalid(&format!("DPoP proof {what} is not base64url")))?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(v) if v.is_object() => Ok(v),
        _ => Err(invalid(&format!("DPoP proof {what} is not a JSON object"))),
    }
}

/// `scheme://host[:port]/path`, normalized; `None` when not an absolute http(s) URL.
fn normalized(u: &str) -> Option<String> {
    let mut url = url::Url::parse(u).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    url.set_query(None);
    url.set_fragment(None);
    Some(url.to_string())
}

fn invalid(reason: &str) -> SigilError {
    SigilError::new(catalog::DPOP_PROOF_INVALID, reason)
}

fn mismatch(reason: String) -> SigilError {
    SigilError::new(catalog::DPOP_PROOF_MISMATCH, reason)
}

/// A public key from a proof's `jwk` header (RFC 7517), of a type matching `alg`.
enum PublicJwk {
    Ec { x: String, y: String, point: Vec<u8> },
    Rsa { n: String, e: String, n_bytes: Vec<u8>, e_bytes: Vec<u8> },
    Okp { x: String, raw: Vec<u8> },
}

impl PublicJwk {
    fn parse(jwk: &Value, alg: &str) -> Result<Self, SigilError> {
        if !jwk.is_object() {
            return Err(invalid("DPoP proof header has no jwk"));
        }
        // Step 7: a private key in the header is refused, never used.
        if ["d", "p", "q", "dp", "dq", "qi", "k"].iter().any(|m| jwk.get(*m).is_some()) {
            return Err(invalid("DPoP proof jwk contains private key material"));
        }
        let member = |name: &str| -> Result<(String, Vec<u8>), SigilError> {
            let v = jwk[name].as_str().ok_or_else(|| invalid(&format!("DPoP proof jwk has no {name}")))?;
            let bytes = b64url_decode(v).ok_or_else(|| invalid(&format!("DPoP proof jwk {name} is not base64url")))?;
            Ok((v.to_string(), bytes))
        };
        let kty = jwk["kty"].as_str().unwrap_or("");
        match (alg, kty) {
            ("ES256", "EC") if jwk["crv"].as_str() == Some("P-256") => {
                let ((x, xb), (y, yb)) = (member("x")?, member("y")?);
                if xb.len() != 32 || yb.len() != 32 {
                    return Err(invalid("DPoP proof jwk is not a P-256 point"));
                }
                let mut point = vec![4u8];
                point.extend_from_slice(&xb);
                point.extend_from_slice(&yb);
                Ok(Self::Ec { x, y, point })
            }
            ("RS256" | "PS256", "RSA") => {
                let ((n, n_bytes), (e, e_bytes)) = (member("n")?, member("e")?);
                Ok(Self::Rsa { n, e, n_bytes, e_bytes })
            }
            ("EdDSA", "OKP") if jwk["crv"].as_str() == Some("Ed25519") => {
                let (x, raw) = member("x")?;
                Ok(Self::Okp { x, raw })
            }
            _ if ALGS.contains(&alg) => Err(invalid("DPoP proof jwk does not fit its alg")),
            _ => Err(invalid(&format!("DPoP proof alg '{}' is not supported", sanitize(alg)))),
        }
    }

    fn verify(&self, alg: &str, msg: &[u8], sig: &[u8]) -> bool {
        match self {
            Self::Ec { point, .. } => {
                UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, point).verify(msg, sig).is_ok()
            }
            Self::Okp { raw, .. } => UnparsedPublicKey::new(&signature::ED25519, raw).verify(msg, sig).is_ok(),
            Self::Rsa { n_bytes, e_bytes, .. } => {
                let params = if alg == "PS256" {
                    &signature::RSA_PSS_2048_8192_SHA256
                } else {
                    &signature::RSA_PKCS1_2048_8192_SHA256
                };
                RsaPublicKeyComponents { n: n_bytes, e: e_bytes }.verify(params, msg, sig).is_ok()
            }
        }
    }

    /// RFC 7638 §3.2: the required members only, in lexicographic order, no whitespace; then
    /// SHA-256, base64url (RFC 9449 §6.1).
    fn thumbprint(&self) -> String {
        let json = match self {
            Self::Ec { x, y, .. } => format!(r#"{{"crv":"P-256","kty":"EC","x":"{x}","y":"{y}"}}"#),
            Self::Rsa { n, e, .. } => format!(r#"{{"e":"{e}","kty":"RSA","n":"{n}"}}"#),
            Self::Okp { x, .. } => format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#),
        };
        b64url(&sha256(json.as_bytes()))
    }
}

/// §8: a server nonce: the HMAC under the master key of the tenant and the current window of
/// `tokens.dpop_nonce_lifetime` seconds. Stateless: every instance computes the same one.
pub fn nonce(ctx: &Context, tenant: Uuid, now: UnixTime) -> String {
    let ctx = &Keys { master: &ctx.master, tokens: &ctx.tokens };
    nonce_for(ctx, tenant, now.div_euclid(ctx.tokens.dpop_nonce_lifetime.max(1)))
}

fn nonce_for(ctx: &Keys<'_>, tenant: Uuid, window: i64) -> String {
    let data = format!("sigil/dpop-nonce/{tenant}/{window}");
    b64url(&ctx.master.csrf_mac(data.as_bytes()))
}

/// The nonce of this window or of the one before (a nonce handed out just before the window
/// turned stays good for at least one more window).
fn nonce_valid(ctx: &Keys<'_>, tenant: Uuid, presented: &str, now: UnixTime) -> bool {
    let w = now.div_euclid(ctx.tokens.dpop_nonce_lifetime.max(1));
    [w, w - 1].iter().any(|w| ct_eq(presented.as_bytes(), nonce_for(ctx, tenant, *w).as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, Ed25519KeyPair, KeyPair};
    use serde_json::json;

    /// RFC 7638 §3.1's example key and thumbprint.
    #[test]
    fn rfc7638_example_thumbprint() {
        let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        let k = PublicJwk::parse(&json!({"kty": "RSA", "n": n, "e": "AQAB", "alg": "RS256"}), "RS256").ok().unwrap();
        assert_eq!(k.thumbprint(), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    fn es256_proof(claims: Value, header_extra: Value) -> String {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
        let kp = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref()).unwrap();
        let pt = kp.public_key().as_ref();
        let mut header = json!({"typ": "dpop+jwt", "alg": "ES256",
            "jwk": {"kty": "EC", "crv": "P-256", "x": b64url(&pt[1..33]), "y": b64url(&pt[33..65])}});
        for (k, v) in header_extra.as_object().unwrap() {
            header[k] = v.clone();
        }
        let signed = format!("{}.{}", b64url(header.to_string().as_bytes()), b64url(claims.to_string().as_bytes()));
        let sig = kp.sign(&rng, signed.as_bytes()).unwrap();
        format!("{signed}.{}", b64url(sig.as_ref()))
    }

    struct Fixture {
        master: MasterKey,
        tokens: TokenSettings,
        now: UnixTime,
    }

    fn fixture() -> Fixture {
        Fixture { master: MasterKey::from_bytes(&[7; 32]).unwrap(), tokens: TokenSettings::default(), now: 1_000_000 }
    }

    impl Fixture {
        fn keys(&self) -> Keys<'_> {
            Keys { master: &self.master, tokens: &self.tokens }
        }
    }

    fn expected(access_token: Option<&str>) -> Expected<'_> {
        Expected {
            method: "POST",
            url: "https://sigil.test/t/oauth2/v2.0/token",
            access_token,
            nonce_required: false,
            tenant: Uuid::nil(),
        }
    }

    fn code(r: Result<(Proof, String), SigilError>) -> u32 {
        r.err().map(|e| e.entry.code).unwrap_or(0)
    }

    #[test]
    fn each_step_of_section_4_3() {
        let f = fixture();
        let ctx = f.keys();
        let now = f.now;
        let good = json!({"jti": "j1", "htm": "POST", "htu": "https://sigil.test/t/oauth2/v2.0/token", "iat": now});
        let p = es256_proof(good.clone(), json!({}));
        let (proof, jti) = check_proof(&ctx, &p, &expected(None), now).unwrap();
        assert_eq!((proof.jkt.len(), jti.as_str()), (43, "j1"));
        // The URL compares without query or fragment, after normalization.
        let mut c = good.clone();
        c["htu"] = json!("HTTPS://SIGIL.test:443/t/oauth2/v2.0/token?x=1#f");
        assert_eq!(code(check_proof(&ctx, &es256_proof(c, json!({})), &expected(None), now)), 0);
        let bad = |claims: Value, header: Value, at: Option<&str>| {
            code(check_proof(&ctx, &es256_proof(claims, header), &expected(at), now))
        };
        let with = |k: &str, v: Value| {
            let mut c = good.clone();
            c[k] = v;
            c
        };
        assert_eq!(bad(good.clone(), json!({"typ": "JWT"}), None), catalog::DPOP_PROOF_INVALID.code);
        assert_eq!(bad(good.clone(), json!({"alg": "HS256"}), None), catalog::DPOP_PROOF_INVALID.code);
        assert_eq!(bad(good.clone(), json!({"alg": "none"}), None), catalog::DPOP_PROOF_INVALID.code);
        assert_eq!(bad(good.clone(), json!({"alg": "RS256"}), None), catalog::DPOP_PROOF_INVALID.code);
        let with_d = json!({"jwk": {"kty": "EC", "crv": "P-256", "x": "a", "y": "b", "d": "c"}});
        assert_eq!(bad(good.clone(), with_d, None), catalog::DPOP_PROOF_INVALID.code);
        assert_eq!(bad(with("jti", json!(null)), json!({}), None), catalog::DPOP_PROOF_INVALID.code);
        assert_eq!(bad(with("htm", json!("GET")), json!({}), None), catalog::DPOP_PROOF_MISMATCH.code);
        assert_eq!(
            bad(with("htu", json!("https://sigil.test/t/other")), json!({}), None),
            catalog::DPOP_PROOF_MISMATCH.code
        );
        assert_eq!(bad(with("iat", json!(now - 61)), json!({}), None), catalog::DPOP_PROOF_STALE.code);
        assert_eq!(bad(with("iat", json!(now + 61)), json!({}), None), catalog::DPOP_PROOF_STALE.code);
        assert_eq!(bad(with("iat", json!(i64::MIN)), json!({}), None), catalog::DPOP_PROOF_STALE.code);
        assert_eq!(bad(with("iat", json!("now")), json!({}), None), catalog::DPOP_PROOF_INVALID.code);
        assert_eq!(bad(good.clone(), json!({}), Some("at")), catalog::DPOP_PROOF_MISMATCH.code);
        let ath = b64url(&sha256(b"at"));
        assert_eq!(bad(with("ath", json!(ath)), json!({}), Some("at")), 0);
        assert_eq!(bad(with("ath", json!(ath)), json!({}), Some("other")), catalog::DPOP_PROOF_MISMATCH.code);
        // A signature by another key.
        let other = es256_proof(good.clone(), json!({}));
        let forged = format!("{}.{}", p.rsplit_once('.').unwrap().0, other.rsplit_once('.').unwrap().1);
        assert_eq!(code(check_proof(&ctx, &forged, &expected(None), now)), catalog::DPOP_PROOF_INVALID.code);
        assert_eq!(code(check_proof(&ctx, "a.b", &expected(None), now)), catalog::DPOP_PROOF_INVALID.code);
    }

    #[test]
    fn ed25519_proofs_verify() {
        let f = fixture();
        let ctx = f.keys();
        let now = f.now;
        let rng = SystemRandom::new();
        let kp = Ed25519KeyPair::from_pkcs8(Ed25519KeyPair::generate_pkcs8(&rng).unwrap().as_ref()).unwrap();
        let header = json!({"typ": "dpop+jwt", "alg": "EdDSA",
            "jwk": {"kty": "OKP", "crv": "Ed25519", "x": b64url(kp.public_key().as_ref())}});
        let claims = json!({"jti": "e1", "htm": "POST", "htu": "https://sigil.test/t/oauth2/v2.0/token", "iat": now});
        let signed = format!("{}.{}", b64url(header.to_string().as_bytes()), b64url(claims.to_string().as_bytes()));
        let p = format!("{signed}.{}", b64url(kp.sign(signed.as_bytes()).as_ref()));
        assert!(check_proof(&ctx, &p, &expected(None), now).is_ok());
    }

    #[test]
    fn nonces_hold_for_their_window_and_the_next() {
        let f = fixture();
        let ctx = f.keys();
        let now = f.now;
        let t = Uuid::nil();
        let life = f.tokens.dpop_nonce_lifetime;
        let n = nonce_for(&ctx, t, now.div_euclid(life));
        assert!(nonce_valid(&ctx, t, &n, now));
        assert!(nonce_valid(&ctx, t, &n, now + life));
        assert!(!nonce_valid(&ctx, t, &n, now + 2 * life));
        assert!(!nonce_valid(&ctx, Uuid::max(), &n, now), "another tenant's nonce");
        let claims = json!({"jti": "n1", "htm": "POST", "htu": "https://sigil.test/t/oauth2/v2.0/token", "iat": now});
        let e = Expected { nonce_required: true, ..expected(None) };
        assert_eq!(
            code(check_proof(&ctx, &es256_proof(claims.clone(), json!({})), &e, now)),
            catalog::DPOP_NONCE_REQUIRED.code
        );
        let mut c = claims;
        c["nonce"] = json!(n);
        assert_eq!(code(check_proof(&ctx, &es256_proof(c, json!({})), &e, now)), 0);
    }
}
