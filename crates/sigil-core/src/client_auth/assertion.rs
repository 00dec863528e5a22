//! A `client_assertion` (RFC 7521 §4.2, RFC 7523 §2.2): read, then handed to the client's own keys
//! (`private_key_jwt`, OIDC Core §9), its secret (`client_secret_jwt`, the same section) or a
//! federated credential's external issuer. The checks they share live here: the JWS signature
//! against candidate keys, the claims of a client's own assertion (RFC 7523 §3 items 1–3), the
//! time claims (items 4–6) and replay (item 7). The JWT bearer grant (`grant/jwt_bearer.rs`)
//! reuses the parsing, signature and time checks with its own refusals.
use std::sync::Arc;

use serde::Deserialize;
use serde_json::Value;

use super::{AuthenticatedClient, check_registered, client_secret_jwt, federated, find_client, private_key_jwt};
use crate::catalog;
use crate::clock::UnixTime;
use crate::context::Context;
use crate::crypto::{b64url_decode, sha256};
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::jwk;
use crate::limits::MAX_ASSERTION_BYTES;
use crate::model::{AuthMethod, Client, ClientKey};
use crate::outbound::FetchMode;
use crate::params::{Params, sanitize};

/// RFC 7523 §2.2: the only `client_assertion_type` this profile defines.
pub const JWT_BEARER_ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The parts of a compact JWS a signature check reads: a client assertion, or a request object
/// (RFC 9101, `crate::request_object`).
pub(crate) trait Compact {
    fn header(&self) -> &Value;
    /// The JWS signing input (RFC 7515 §5.2: header and payload, base64url, with the dot).
    fn signing_input(&self) -> &str;
    fn signature(&self) -> &[u8];
}

/// A compact JWS (RFC 7515 §7.1), split and decoded, not yet verified.
pub(crate) struct Jws<'a> {
    pub raw: &'a str,
    signed: &'a str,
    sig: Vec<u8>,
    pub header: Value,
    pub payload: Value,
}

impl<'a> Jws<'a> {
    /// `None` when `raw` is not three base64url parts with a JSON object header and JSON payload.
    pub(crate) fn split(raw: &'a str) -> Option<Self> {
        let (signed, sig) = raw.rsplit_once('.')?;
        let (header, payload) = signed.split_once('.')?;
        let json = |part: &str| -> Option<Value> { serde_json::from_slice(&b64url_decode(part)?).ok() };
        let header = json(header).filter(Value::is_object)?;
        let payload = json(payload)?;
        let sig = b64url_decode(sig)?;
        Some(Self { raw, signed, sig, header, payload })
    }
}

impl Compact for Jws<'_> {
    fn header(&self) -> &Value {
        &self.header
    }
    fn signing_input(&self) -> &str {
        self.signed
    }
    fn signature(&self) -> &[u8] {
        &self.sig
    }
}

impl Compact for Assertion<'_> {
    fn header(&self) -> &Value {
        &self.header
    }
    fn signing_input(&self) -> &str {
        self.signed
    }
    fn signature(&self) -> &[u8] {
        &self.sig
    }
}

/// A parsed, not yet verified, assertion.
pub(crate) struct Assertion<'a> {
    pub raw: &'a str,
    pub(super) signed: &'a str,
    pub(super) sig: Vec<u8>,
    pub header: Value,
    pub claims: Claims,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Claims {
    pub iss: String,
    pub sub: String,
    pub aud: Audience,
    #[serde(deserialize_with = "numeric_date")]
    pub exp: UnixTime,
    #[serde(default, deserialize_with = "optional_numeric_date")]
    pub nbf: Option<UnixTime>,
    #[serde(default, deserialize_with = "optional_numeric_date")]
    pub iat: Option<UnixTime>,
    pub jti: Option<String>,
}

/// RFC 7519 §2 NumericDate: seconds, "possibly non-integer" (MSAL Python sends fractions);
/// truncated to whole seconds.
pub(crate) fn numeric_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<UnixTime, D::Error> {
    let v = f64::deserialize(d)?;
    if !v.is_finite() || v.abs() > 1e15 {
        return Err(serde::de::Error::custom("NumericDate out of range"));
    }
    Ok(v.trunc() as UnixTime)
}

pub(crate) fn optional_numeric_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<UnixTime>, D::Error> {
    numeric_date(d).map(Some)
}

/// RFC 7519 §4.1.3: one audience or several.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum Audience {
    One(String),
    Many(Vec<String>),
}

impl Audience {
    pub fn contains_any(&self, accepted: &[String]) -> bool {
        match self {
            Self::One(a) => accepted.contains(a),
            Self::Many(l) => l.iter().any(|a| accepted.contains(a)),
        }
    }
    pub fn contains(&self, aud: &str) -> bool {
        match self {
            Self::One(a) => a == aud,
            Self::Many(l) => l.iter().any(|a| a == aud),
        }
    }
}

pub(super) fn malformed(why: impl Into<String>) -> SigilError {
    SigilError::new(catalog::MALFORMED_CLIENT_CREDENTIALS, why)
}

pub(crate) fn parse(raw: &str) -> Result<Assertion<'_>, SigilError> {
    if raw.len() > MAX_ASSERTION_BYTES {
        return Err(malformed(format!("client_assertion is longer than {MAX_ASSERTION_BYTES} bytes")));
    }
    let (signed, sig) = raw.rsplit_once('.').ok_or_else(|| malformed("client_assertion is not a JWS"))?;
    let (header, payload) = signed.split_once('.').ok_or_else(|| malformed("client_assertion is not a JWS"))?;
    let json = |part: &str| -> Option<Value> { serde_json::from_slice(&b64url_decode(part)?).ok() };
    let header = json(header).filter(Value::is_object).ok_or_else(|| malformed("client_assertion header"))?;
    let claims = json(payload).ok_or_else(|| malformed("client_assertion payload is not JSON"))?;
    let claims: Claims = serde_json::from_value(claims)
        .map_err(|e| malformed(format!("client_assertion claims (iss, sub, aud, exp required): {e}")))?;
    let sig = b64url_decode(sig).ok_or_else(|| malformed("client_assertion signature is not base64url"))?;
    Ok(Assertion { raw, signed, sig, header, claims })
}

impl Assertion<'_> {
    /// The payload as JSON (for claims beyond [`Claims`]); it parsed once already.
    pub(crate) fn payload(&self) -> Value {
        let part = self.signed.split_once('.').map_or("", |(_, p)| p);
        b64url_decode(part).and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or(Value::Null)
    }
}

/// The `sub` of an assertion, unverified: only for the sign-in log of a request.
pub(super) fn unverified_subject(raw: &str) -> Option<String> {
    parse(raw).ok().map(|a| a.claims.sub)
}

pub(super) async fn authenticate(
    ctx: &Context,
    view: &TenantView,
    params: &Params,
    now: UnixTime,
) -> Result<AuthenticatedClient, SigilError> {
    let kind = params.require("client_assertion_type")?;
    if kind != JWT_BEARER_ASSERTION_TYPE {
        return Err(malformed(format!(
            "client_assertion_type '{}' is not {JWT_BEARER_ASSERTION_TYPE}",
            sanitize(kind)
        )));
    }
    let raw = params.require("client_assertion")?;
    // RFC 7521 §4.2: `client_id` is optional; the assertion's `sub` names the client (RFC 7523 §3
    // item 2). A federated token's `sub` is the workload, so such clients send `client_id`.
    let named = params.get("client_id").map(|id| client_for_assertion(view, id, now)).transpose()?;
    let a = parse(raw)?;
    let client = match named {
        Some(c) => c,
        None => client_for_assertion(view, &a.claims.sub, now)?,
    };
    // The header's `alg` picks the key source, and each source verifies only its own algorithms:
    // an HMAC is checked only against the client's secrets, a signature only against public keys,
    // so neither can be passed off as the other (RFC 8725 §2.1, §3.1).
    let alg = a.header["alg"].as_str().unwrap_or("");
    let method =
        if client_secret_jwt::is_mac_alg(alg) { AuthMethod::ClientSecretJwt } else { AuthMethod::PrivateKeyJwt };
    if !client.auth_methods.contains(&method) {
        return Err(SigilError::new(
            catalog::CLIENT_ASSERTION_SIGNATURE,
            format!(
                "alg '{}' is {}, which client '{}' is not registered for",
                sanitize(alg),
                method.as_str(),
                client.client_id
            ),
        ));
    }
    match method {
        AuthMethod::ClientSecretJwt => client_secret_jwt::verify(ctx, view, client, &a, now).await?,
        _ if a.claims.iss == client.client_id || client.federated.is_empty() => {
            private_key_jwt::verify(ctx, view, client, &a, now).await?
        }
        _ => federated::verify(ctx, view, client, &a, now).await?,
    }
    Ok(AuthenticatedClient { client: client.clone(), method })
}

/// The client, confidential and registered for `private_key_jwt` or `client_secret_jwt`.
fn client_for_assertion<'v>(
    view: &'v TenantView,
    client_id: &str,
    now: UnixTime,
) -> Result<&'v Arc<Client>, SigilError> {
    let client = find_client(view, client_id, now)?;
    if !client.confidential {
        return Err(SigilError::new(catalog::PUBLIC_CLIENT_SENT_SECRET, "public client presented a client_assertion"));
    }
    if !client.auth_methods.contains(&AuthMethod::ClientSecretJwt) {
        check_registered(client, AuthMethod::PrivateKeyJwt)?;
    }
    Ok(client)
}

/// RFC 7523 §3 items 1 and 2, OIDC Core §9: a client's own assertion has `iss` and `sub` both
/// its client_id, and (OIDC Core §9) a `jti`.
pub(super) fn check_issued_by_client(client: &Client, a: &Assertion<'_>) -> Result<(), SigilError> {
    let c = &a.claims;
    if c.iss != client.client_id || c.sub != client.client_id {
        return Err(SigilError::new(
            catalog::CLIENT_ASSERTION_ISSUER_MISMATCH,
            format!("iss '{}' and sub '{}' must both be '{}'", sanitize(&c.iss), sanitize(&c.sub), client.client_id),
        ));
    }
    if c.jti.is_none() {
        return Err(malformed("client_assertion has no jti (OIDC Core §9)"));
    }
    Ok(())
}

/// RFC 7523 §3 item 3 (`aud` identifies the authorization server: the token endpoint or the
/// issuer, with the tenant named by id or by name), then the time claims and replay.
pub(super) async fn check_audience_time_replay(
    ctx: &Context,
    view: &TenantView,
    client: &Client,
    a: &Assertion<'_>,
    now: UnixTime,
) -> Result<(), SigilError> {
    let accepted = server_audiences(ctx, view);
    if !a.claims.aud.contains_any(&accepted) {
        return Err(SigilError::new(
            catalog::CLIENT_ASSERTION_AUDIENCE_INVALID,
            format!("aud is none of {accepted:?}"),
        ));
    }
    check_time(ctx, &a.claims, now)?;
    check_replay(ctx, view, client, a).await
}

/// The values that identify this tenant's authorization server as an audience.
pub(crate) fn server_audiences(ctx: &Context, view: &TenantView) -> Vec<String> {
    let mut out = Vec::with_capacity(4);
    for t in [view.tenant.id.to_string(), view.tenant.name.clone()] {
        out.push(format!("{}/{t}/oauth2/v2.0/token", ctx.public_url));
        out.push(format!("{}/{t}/v2.0", ctx.public_url));
    }
    out
}

/// RFC 7515 §5.2: one of `keys` named by the header (`x5t#S256`, `x5t`, `kid`) verifies the
/// signature with the header's `alg`, one of [`jwk::ASSERTION_ALGS`]. `Ok(false)` when no key is
/// named (the caller may fetch the keys again).
pub(crate) fn check_signature(a: &impl Compact, keys: &[ClientKey], now: UnixTime) -> Result<bool, SigilError> {
    let alg = a.header()["alg"].as_str().unwrap_or("");
    if !jwk::ASSERTION_ALGS.contains(&alg) {
        return Err(SigilError::new(
            catalog::CLIENT_ASSERTION_SIGNATURE,
            format!("alg '{}' is not one of {:?}", sanitize(alg), jwk::ASSERTION_ALGS),
        ));
    }
    let named: Vec<&ClientKey> = keys.iter().filter(|k| jwk::names_key(a.header(), k)).collect();
    if named.is_empty() {
        return Ok(false);
    }
    // A renewed certificate often keeps its key: an unexpired one is preferred.
    let verifies = |k: &&&ClientKey| jwk::verify(&k.public, alg, a.signing_input().as_bytes(), a.signature());
    let valid = named.iter().filter(|k| !jwk::expired(k, now)).find(verifies).or_else(|| named.iter().find(verifies));
    match valid {
        Some(k) if jwk::expired(k, now) => Err(SigilError::new(
            catalog::CLIENT_CERTIFICATE_EXPIRED,
            format!("the certificate expired at {}", crate::clock::rfc3339(k.not_after.unwrap_or(0) * 1000)),
        )),
        Some(_) => Ok(true),
        None => Err(SigilError::new(
            catalog::CLIENT_ASSERTION_SIGNATURE,
            format!("signature ({alg}) verified with none of {} named key(s)", named.len()),
        )),
    }
}

pub(crate) fn key_not_found(a: &impl Compact, count: usize) -> SigilError {
    let h = |n: &str| a.header()[n].as_str().map(sanitize).unwrap_or_default();
    SigilError::new(
        catalog::CLIENT_ASSERTION_KEY_NOT_FOUND,
        format!("no key among {count} has kid '{}', x5t '{}' or x5t#S256 '{}'", h("kid"), h("x5t"), h("x5t#S256")),
    )
}

/// The keys of a JWK set at `url`, through the SSRF-guarded fetcher.
pub(crate) async fn fetch_keys(ctx: &Context, url: &str, mode: FetchMode) -> Result<Vec<ClientKey>, SigilError> {
    let doc = ctx.fetcher.get_json(url, mode).await.map_err(|e| keys_unavailable(url, e))?;
    Ok(jwk::keys_from_jwks(&doc.json))
}

pub(crate) fn keys_unavailable(url: &str, e: impl std::fmt::Display) -> SigilError {
    SigilError::new(catalog::ASSERTION_KEYS_UNAVAILABLE, format!("{}: {e}", sanitize(url)))
}

/// Verifies against the keys at `url`; an unknown key forces one bounded refresh (the other side
/// may have rotated).
pub(crate) async fn check_signature_at(
    ctx: &Context,
    a: &impl Compact,
    url: &str,
    now: UnixTime,
) -> Result<(), SigilError> {
    let keys = fetch_keys(ctx, url, FetchMode::Cached).await?;
    if check_signature(a, &keys, now)? {
        return Ok(());
    }
    let keys = fetch_keys(ctx, url, FetchMode::Refresh).await?;
    if check_signature(a, &keys, now)? { Ok(()) } else { Err(key_not_found(a, keys.len())) }
}

/// RFC 7523 §3 items 4–6: `exp` not passed, `nbf` and `iat` not ahead, each with the clock skew;
/// and the assertion no longer valid than `assertion_max_lifetime` from now.
pub(crate) fn check_time(ctx: &Context, c: &Claims, now: UnixTime) -> Result<(), SigilError> {
    time_window(ctx, c.exp, c.nbf, c.iat, now).map_err(|why| SigilError::new(catalog::CLIENT_ASSERTION_TIME_RANGE, why))
}

/// The time rule of [`check_time`], shared with request objects (RFC 9101 §10.2): the reason
/// when `exp`/`nbf`/`iat` are out of range.
pub(crate) fn time_window(
    ctx: &Context,
    exp: UnixTime,
    nbf: Option<UnixTime>,
    iat: Option<UnixTime>,
    now: UnixTime,
) -> Result<(), String> {
    let skew = ctx.tokens.assertion_clock_skew;
    if exp + skew <= now {
        return Err(format!("expired {} s ago", now - exp));
    }
    if let Some(t) = nbf.into_iter().chain(iat).find(|t| *t > now + skew) {
        return Err(format!("not valid for another {} s (nbf/iat)", t - now));
    }
    if exp - now > ctx.tokens.assertion_max_lifetime + skew {
        return Err(format!(
            "valid for {} s, longer than the {} s allowed",
            exp - now,
            ctx.tokens.assertion_max_lifetime
        ));
    }
    Ok(())
}

/// RFC 7523 §3 item 7, RFC 7521 §5.2: the `jti`, remembered until the assertion expires. By
/// default the same assertion is accepted again from the same client (MSAL re-sends its cached
/// assertion for every request for about nine minutes, and Entra accepts it); a client with
/// `strict_assertion_replay` accepts each `jti` once. No `jti`: refused in strict mode.
pub(super) async fn check_replay(
    ctx: &Context,
    view: &TenantView,
    client: &Client,
    a: &Assertion<'_>,
) -> Result<(), SigilError> {
    let Some(jti) = a.claims.jti.as_deref() else {
        if client.strict_assertion_replay {
            return Err(malformed("the client requires a jti in its assertions (strict replay)"));
        }
        return Ok(());
    };
    let (tenant, strict, now) = (view.tenant.id, client.strict_assertion_replay, ctx.clock.now());
    let assertion_hash = sha256(a.raw.as_bytes());
    if !strict && ctx.accepted_assertions.seen(tenant, &client.client_id, &assertion_hash, now) {
        return Ok(());
    }
    let mut id = a.claims.iss.as_bytes().to_vec();
    id.push(0);
    id.extend_from_slice(jti.as_bytes());
    let jti_hash = sha256(&id);
    let expires_at = a.claims.exp + ctx.tokens.assertion_clock_skew;
    let accepted = ctx
        .store
        .use_assertion(&crate::store::AssertionUse {
            tenant: view.tenant.id,
            jti_hash: &jti_hash,
            client_id: &client.client_id,
            assertion_hash: &assertion_hash,
            expires_at,
            strict,
        })
        .await?;
    if accepted {
        if !strict {
            ctx.accepted_assertions.remember(tenant, &client.client_id, assertion_hash, expires_at, now);
        }
        Ok(())
    } else {
        Err(SigilError::new(catalog::CLIENT_ASSERTION_REPLAYED, format!("jti '{}' was used before", sanitize(jti))))
    }
}

#[cfg(test)]
mod tests {
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{self, EcdsaKeyPair, KeyPair};
    use serde_json::json;

    use super::*;
    use crate::crypto::b64url;
    use crate::keys;
    use crate::model::{PublicJwk, SigningAlg};

    #[test]
    fn an_unexpired_certificate_with_the_same_key_is_preferred() {
        let kp = EcdsaKeyPair::from_pkcs8(
            &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            &keys::generate_pkcs8(SigningAlg::ES256).unwrap(),
        )
        .unwrap();
        let p = kp.public_key().as_ref().to_vec();
        let public = PublicJwk::Ec { crv: "P-256".into(), x: b64url(&p[1..33]), y: b64url(&p[33..65]) };
        let cert = |not_after| ClientKey { kid: None, x5t: None, x5t_s256: None, not_after, public: public.clone() };
        let header = b64url(json!({"alg": "ES256"}).to_string().as_bytes());
        let payload = b64url(json!({"iss": "a", "sub": "a", "aud": "x", "exp": 2000}).to_string().as_bytes());
        let input = format!("{header}.{payload}");
        let sig = kp.sign(&SystemRandom::new(), input.as_bytes()).unwrap();
        let raw = format!("{input}.{}", b64url(sig.as_ref()));
        let a = parse(&raw).unwrap();
        let (expired, renewed) = (cert(Some(500)), cert(Some(5000)));
        assert!(check_signature(&a, &[expired.clone(), renewed], 1000).unwrap());
        let e = check_signature(&a, &[expired], 1000).unwrap_err();
        assert_eq!(e.entry.code, catalog::CLIENT_CERTIFICATE_EXPIRED.code);
    }
}
