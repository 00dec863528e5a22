//! RFC 7662 OAuth 2.0 Token Introspection: a resource server asks whether an access token is live.
//!
//! Who may see what (§2.1 "the endpoint MUST also require some form of authorization"): an
//! authenticated confidential client whose `introspect` setting names APIs; it sees the access
//! tokens whose `aud` is one of those APIs, and nothing else. Every other token, like an unknown,
//! expired, revoked or foreign one, is `{"active": false}` (§2.2), so the answer never tells a
//! caller that a token it may not see exists.
use serde_json::{Value, json};

use crate::catalog;
use crate::client_auth::{self, Presented};
use crate::context::Context;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::keys::JwtType;
use crate::model::{Client, SigningAlg};
use crate::params::Params;
use crate::verify::{self, AccessTokenClaims};

/// The answer and what the sign-in log should know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Introspected {
    pub response: Value,
    pub client_id: String,
    pub note: String,
}

/// §2.1 (the request) and §2.2 (the response). The client authenticates as at the token endpoint
/// and must be allowed to introspect (else `unauthorized_client`, 88000200); `token` is required;
/// `token_type_hint` is ignored (§2.1 lets the server do so): only access tokens are ever active,
/// so a refresh token, like anything else that is not a live access token the caller may see, is
/// inactive.
pub async fn introspect(
    ctx: &Context,
    view: &TenantView,
    params: &Params,
    presented: &Presented,
) -> Result<Introspected, SigilError> {
    let now = ctx.clock.now();
    let client = client_auth::authenticate(ctx, view, params, presented).await?;
    let client = client.client();
    if client.introspect.is_empty() {
        return Err(SigilError::new(
            catalog::INTROSPECTION_NOT_ALLOWED,
            format!("client '{}' has no APIs to introspect", client.client_id),
        )
        .arg("client", client.client_id.clone()));
    }
    let token = params.require("token")?;
    let done = |response: Value, note: String| Introspected { response, client_id: client.client_id.clone(), note };
    let inactive = |why: String| done(json!({"active": false}), format!("inactive: {why}"));
    let claims = match verify::check_access_token(&ctx.issuer(view), view, now, token) {
        Ok(c) => c,
        Err(e) => return Ok(inactive(e.reason)),
    };
    // Decided before any store read: a token the caller may not see costs no lookup.
    if !may_see(client, &claims) {
        return Ok(inactive(format!(
            "aud '{}' not introspectable by this client",
            crate::params::sanitize(&claims.aud)
        )));
    }
    match verify::check_live(ctx, view, claims).await {
        Ok(v) => {
            let note =
                format!("active: jti {}", v.claims.jti.as_deref().map(crate::params::sanitize).unwrap_or_default());
            Ok(done(active_response(&v.claims), note))
        }
        // Revoked grant or jti: inactive. Anything else (the store failing) is the server's error.
        Err(e) if e.entry.code == catalog::INVALID_ACCESS_TOKEN.code => Ok(inactive(e.reason)),
        Err(e) => Err(e),
    }
}

/// RFC 9701 §4: the media type a resource server sends in `Accept` to ask for a JWT response.
pub const JWT_MEDIA_TYPE: &str = "application/token-introspection+jwt";

/// RFC 9701 §6: `introspection_signed_response_alg` defaults to RS256; Sigil registers no other, so
/// the answer is signed with the tenant's RS256 key (its ID-token key, always present).
pub const JWT_RESPONSE_ALG: SigningAlg = SigningAlg::RS256;

/// RFC 9701 §4: whether an `Accept` header value asks for the JWT response.
pub fn wants_jwt(accept: &str) -> bool {
    accept
        .split(',')
        .any(|range| range.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case(JWT_MEDIA_TYPE)))
}

/// RFC 9701 §5: the answer as a JWT signed by the authorization server: `iss`, `aud` (the resource
/// server that asked), `iat` and `token_introspection` (the RFC 7662 §2.2 object, `{"active":
/// false}` for a token that is not active). No top-level `sub` or `exp`, so that it can never pass
/// for an access token (§5, §8.1); `typ: token-introspection+jwt`.
pub fn jwt_response(ctx: &Context, view: &TenantView, out: &Introspected) -> Result<String, SigilError> {
    let now = ctx.clock.now();
    let key = crate::token::signing_key(view, JWT_RESPONSE_ALG, now)?;
    let claims = json!({
        "iss": ctx.issuer(view),
        "aud": out.client_id,
        "iat": now,
        "token_introspection": out.response,
    });
    Ok(key.sign_jwt(JwtType::TokenIntrospection, claims.to_string().as_bytes()))
}

/// The caller sees a token issued for one of the APIs it introspects.
fn may_see(client: &Client, claims: &AccessTokenClaims) -> bool {
    client.introspect.contains(&claims.aud)
}

/// §2.2: `active` and the standard members Sigil's access tokens carry; `token_type` is the
/// RFC 6749 §7.1 type they are issued with, `username` the user's (user tokens only). RFC 9449
/// §6.2: a DPoP-bound token's `token_type` is `DPoP` and its `cnf` names the key.
fn active_response(c: &AccessTokenClaims) -> Value {
    let mut v = json!({
        "active": true,
        "client_id": c.client_id,
        "token_type": if c.cnf.is_some() { "DPoP" } else { "Bearer" },
        "exp": c.exp,
        "sub": c.sub,
        "aud": c.aud,
        "iss": c.iss,
    });
    let optional = [
        ("scope", c.scope.as_ref().map(|s| json!(s))),
        ("username", c.preferred_username.as_ref().map(|u| json!(u))),
        ("iat", c.iat.map(|t| json!(t))),
        ("nbf", c.nbf.map(|t| json!(t))),
        ("jti", c.jti.as_ref().map(|j| json!(j))),
        ("cnf", c.cnf.as_ref().map(|cnf| json!(cnf))),
        // RFC 8693 §4.1: a delegated token's actor.
        ("act", c.act.clone()),
    ];
    for (k, value) in optional {
        if let Some(value) = value {
            v[k] = value;
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;
    use crate::model::{GrantType, test_client};

    fn claims(aud: &str) -> AccessTokenClaims {
        AccessTokenClaims {
            iss: "https://login.example/t/v2.0".into(),
            sub: "u".into(),
            aud: aud.into(),
            exp: 1_800_000_300,
            iat: Some(1_800_000_000),
            nbf: Some(1_800_000_000),
            jti: Some("j".into()),
            client_id: "app".into(),
            tid: Uuid::nil(),
            scope: Some("Reports.Read".into()),
            roles: vec![],
            oid: None,
            preferred_username: Some("alice".into()),
            auth_time: None,
            gid: None,
            cnf: None,
            act: None,
            xms_cc: vec![],
        }
    }

    #[test]
    fn a_client_sees_only_tokens_for_the_apis_it_introspects() {
        let mut rs = test_client(true, &[GrantType::ClientCredentials], &[]);
        assert!(!may_see(&rs, &claims("api://reports")), "nothing without the setting");
        rs.introspect = vec!["api://reports".into()];
        assert!(may_see(&rs, &claims("api://reports")));
        assert!(!may_see(&rs, &claims("api://billing")));
        assert!(!may_see(&rs, &claims("api://reports/")), "exact identifiers only");
        assert!(!may_see(&rs, &claims("app")), "a token whose audience is a client");
    }

    #[test]
    fn the_jwt_response_is_asked_for_by_its_media_type() {
        assert!(wants_jwt("application/token-introspection+jwt"));
        assert!(wants_jwt("application/json;q=0.5, Application/Token-Introspection+JWT; q=1"));
        assert!(!wants_jwt("application/json"));
        assert!(!wants_jwt("*/*"));
        assert!(!wants_jwt("application/token-introspection+jwt-not"));
    }

    #[test]
    fn an_active_answer_has_the_standard_members() {
        let v = active_response(&claims("api://reports"));
        assert_eq!(
            v,
            json!({"active": true, "client_id": "app", "token_type": "Bearer", "exp": 1_800_000_300_i64, "sub": "u",
                   "aud": "api://reports", "iss": "https://login.example/t/v2.0", "scope": "Reports.Read",
                   "username": "alice", "iat": 1_800_000_000_i64, "nbf": 1_800_000_000_i64, "jti": "j"})
        );
        // A client-credentials token: no username, no scope.
        let cc = AccessTokenClaims { scope: None, preferred_username: None, ..claims("api://reports") };
        let v = active_response(&cc);
        assert!(v.get("username").is_none() && v.get("scope").is_none(), "{v}");
    }
}
