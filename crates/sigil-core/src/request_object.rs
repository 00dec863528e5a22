//! JWT-Secured Authorization Requests (RFC 9101): a `request` parameter whose value is a request
//! object signed by the client with a key it registered for `private_key_jwt` (the same keys and
//! the same resolution: certificates, a JWKS, a `jwks_uri`). Accepted at the authorization
//! endpoint (by value) and at the PAR endpoint (RFC 9126 §3). Sigil fetches no request object by
//! reference: the only `request_uri` it knows is its own pushed request's URN.
use serde::Deserialize;
use serde_json::Value;

use crate::authorize::Origin;
use crate::catalog;
use crate::client_auth::assertion::{
    Jws, check_signature, check_signature_at, key_not_found, numeric_date, optional_numeric_date, time_window,
};
use crate::clock::UnixTime;
use crate::context::Context;
use crate::crypto::sha256;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::limits::MAX_ASSERTION_BYTES;
use crate::model::Client;
use crate::par;
use crate::params::{Params, sanitize};
use crate::store::AssertionUse;

/// The JWT claims of a request object that are not authorization request parameters.
const JWT_CLAIMS: [&str; 6] = ["iss", "aud", "exp", "nbf", "iat", "jti"];

#[derive(Deserialize)]
struct Times {
    /// Required: a request object that never expires could be replayed forever (§10.2).
    #[serde(deserialize_with = "numeric_date")]
    exp: UnixTime,
    #[serde(default, deserialize_with = "optional_numeric_date")]
    nbf: Option<UnixTime>,
    #[serde(default, deserialize_with = "optional_numeric_date")]
    iat: Option<UnixTime>,
}

/// The front channel (`GET|POST /authorize`): RFC 9101 §5 — `request` and `request_uri` never
/// together; `request_uri` by [`par::resolve`] (a pushed request's URN only, §6.2
/// `request_uri_not_supported` otherwise); `request` unpacked by [`unpack`]. Without either, the
/// request's own parameters.
pub async fn front_channel(ctx: &Context, view: &TenantView, params: Params) -> Result<(Params, Origin), SigilError> {
    if params.contains("request") && params.contains("request_uri") {
        return Err(SigilError::new(catalog::MALFORMED_REQUEST, "both request and request_uri"));
    }
    if params.contains("request") {
        let client_id = params.require("client_id")?.to_string();
        let client = view.client(&client_id).filter(|c| !c.registration_expired(ctx.clock.now())).ok_or_else(|| {
            SigilError::new(catalog::UNKNOWN_CLIENT, format!("no client '{}'", sanitize(&client_id)))
                .arg("client", sanitize(&client_id))
                .arg("tenant", view.tenant.name.clone())
        })?;
        return Ok((unpack(ctx, view, client, &params).await?, Origin::RequestObject));
    }
    par::resolve(ctx, view, params).await
}

/// RFC 9101 §6.3: the authorization request is the request object's claims and nothing else
/// (`client_id` of the object must be the request's, §5), after the checks of §6.1 and §6.2:
/// - a compact JWS (no encryption), signed (never `alg` `none`, §10.1 of RFC 9101 leaves the
///   choice to the server) with RS256, PS256 or ES256 by one of the client's registered keys;
/// - `iss` is the client (§4 via RFC 7519 §4.1.1), `aud` the issuer (§4: "SHOULD be or include
///   the AS's Issuer Identifier");
/// - `exp` required, `exp`/`nbf`/`iat` within the assertion rules (§10.2);
/// - a `jti` is accepted once per client until `exp` (§10.2, the assertion `jti` table);
/// - no `request` or `request_uri` inside the object (§4); `typ`, when present, `JWT` or
///   `oauth-authz-req+jwt` (§10.8).
pub async fn unpack(ctx: &Context, view: &TenantView, client: &Client, params: &Params) -> Result<Params, SigilError> {
    let now = ctx.clock.now();
    let raw = params.require("request")?;
    let invalid = |why: String| SigilError::new(catalog::REQUEST_OBJECT_INVALID, why);
    if raw.len() > MAX_ASSERTION_BYTES {
        return Err(invalid(format!("request is longer than {MAX_ASSERTION_BYTES} bytes")));
    }
    let jws = Jws::split(raw).ok_or_else(|| invalid("request is not a compact JWS with a JSON object".into()))?;
    let claims =
        jws.payload.as_object().ok_or_else(|| invalid("request object payload is not a JSON object".into()))?;
    // The signature first: nothing of an unverified object is looked at further.
    let as_object = |e: SigilError| invalid(format!("signature: {}", e.reason));
    let verified = check_signature(&jws, &client.keys, now).map_err(as_object)?;
    if !verified {
        match &client.jwks_uri {
            Some(url) => check_signature_at(ctx, &jws, url, now).await.map_err(as_object)?,
            None => return Err(invalid(format!("signature: {}", key_not_found(&jws, client.keys.len()).reason))),
        }
    }
    // §10.8 (cross-JWT confusion): a JWT typed as anything else (a DPoP proof, an access token,
    // a logout token) is not a request object.
    match jws.header.get("typ").and_then(Value::as_str) {
        None | Some("JWT") | Some("oauth-authz-req+jwt") => {}
        Some(t) => return Err(invalid(format!("typ '{}' is not oauth-authz-req+jwt", sanitize(t)))),
    }
    if claims.contains_key("request") || claims.contains_key("request_uri") {
        return Err(invalid("a request object may not carry request or request_uri".into()));
    }
    let mismatch = |why: String| SigilError::new(catalog::REQUEST_OBJECT_CLAIMS_MISMATCH, why);
    if claims.get("iss").and_then(Value::as_str) != Some(client.client_id.as_str()) {
        return Err(mismatch(format!("iss must be '{}'", client.client_id)));
    }
    if claims.get("client_id").and_then(Value::as_str) != Some(client.client_id.as_str()) {
        return Err(mismatch(format!("client_id of the object must be '{}'", client.client_id)));
    }
    if let Some(outer) = params.get("client_id")
        && outer != client.client_id
    {
        return Err(mismatch(format!("client_id '{}' is not the object's", sanitize(outer))));
    }
    let issuer = ctx.issuer(view);
    let aud_ok = match claims.get("aud") {
        Some(Value::String(a)) => *a == issuer,
        Some(Value::Array(l)) => l.iter().any(|a| a.as_str() == Some(issuer.as_str())),
        _ => false,
    };
    if !aud_ok {
        return Err(mismatch(format!("aud must be or include '{issuer}'")));
    }
    let times: Times = serde_json::from_value(jws.payload.clone()).map_err(|e| {
        SigilError::new(catalog::REQUEST_OBJECT_TIME_RANGE, format!("exp required, times are NumericDates: {e}"))
    })?;
    time_window(ctx, times.exp, times.nbf, times.iat, now)
        .map_err(|why| SigilError::new(catalog::REQUEST_OBJECT_TIME_RANGE, why))?;
    if let Some(jti) = claims.get("jti") {
        let jti = jti.as_str().ok_or_else(|| invalid("jti is not a string".into()))?;
        check_replay(ctx, view, client, &jws, jti, times.exp).await?;
    }
    Params::from_pairs(parameters(claims)?)
}

/// The object's members as authorization request parameters: strings as they are, numbers and
/// booleans as their JSON text (`max_age`), a `resource` array as repeated `resource` values
/// (RFC 8707 §2), other values (`claims`) as JSON text.
fn parameters(claims: &serde_json::Map<String, Value>) -> Result<Vec<(String, String)>, SigilError> {
    let mut pairs = Vec::with_capacity(claims.len());
    for (k, v) in claims {
        if JWT_CLAIMS.contains(&k.as_str()) {
            continue;
        }
        match v {
            Value::String(s) => pairs.push((k.clone(), s.clone())),
            Value::Array(items) if k == crate::params::RESOURCE => {
                for item in items {
                    let s = item.as_str().ok_or_else(|| {
                        SigilError::new(catalog::REQUEST_OBJECT_INVALID, "resource values must be strings")
                    })?;
                    pairs.push((k.clone(), s.to_string()));
                }
            }
            Value::Null => {}
            other => pairs.push((k.clone(), other.to_string())),
        }
    }
    Ok(pairs)
}

/// §10.2: the `jti` of the client's request objects, once each (strict), in the table of
/// assertion `jti`s under its own namespace so that it never collides with an assertion's.
async fn check_replay(
    ctx: &Context,
    view: &TenantView,
    client: &Client,
    jws: &Jws<'_>,
    jti: &str,
    exp: UnixTime,
) -> Result<(), SigilError> {
    let mut id = b"request-object\0".to_vec();
    id.extend_from_slice(client.client_id.as_bytes());
    id.push(0);
    id.extend_from_slice(jti.as_bytes());
    let accepted = ctx
        .store
        .use_assertion(&AssertionUse {
            tenant: view.tenant.id,
            jti_hash: &sha256(&id),
            client_id: &client.client_id,
            assertion_hash: &sha256(jws.raw.as_bytes()),
            expires_at: exp + ctx.tokens.assertion_clock_skew,
            strict: true,
        })
        .await?;
    if accepted {
        Ok(())
    } else {
        Err(SigilError::new(catalog::REQUEST_OBJECT_REPLAYED, format!("jti '{}' was used before", sanitize(jti))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_members_become_parameters() {
        let v = serde_json::json!({"iss": "a", "aud": "x", "exp": 1, "jti": "j", "client_id": "a",
            "response_type": "code", "max_age": 0, "resource": ["api://a", "api://b"], "nonce": null});
        let mut p = parameters(v.as_object().unwrap()).unwrap();
        p.sort();
        let want: Vec<(String, String)> = [
            ("client_id", "a"),
            ("max_age", "0"),
            ("resource", "api://a"),
            ("resource", "api://b"),
            ("response_type", "code"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(p, want);
        let bad = serde_json::json!({"resource": [1]});
        assert_eq!(parameters(bad.as_object().unwrap()).unwrap_err().entry.code, catalog::REQUEST_OBJECT_INVALID.code);
    }
}
