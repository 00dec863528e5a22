//! The one check of tokens Sigil issued and is shown again: access tokens (userinfo today;
//! introspection, revocation and token exchange later) and ID tokens given as `id_token_hint`.
//! Every endpoint that accepts a token calls one of the two entry points; none reads a JWT itself.
use serde::Deserialize;
use uuid::Uuid;

use crate::catalog;
use crate::clock::UnixTime;
use crate::context::Context;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::jwt;
use crate::model::Grant;

/// Seconds a token's `nbf`/`iat` may lie ahead of our clock (another instance's clock).
const CLOCK_SKEW: i64 = 60;

/// RFC 9068 §2.1: the `typ` header of Sigil's access tokens.
const ACCESS_TOKEN_TYP: &str = "at+jwt";
/// OIDC Core §2: ID tokens are plain JWTs.
const ID_TOKEN_TYP: &str = "JWT";

/// The claims of an access token Sigil issued (RFC 9068 §2.2; see `token::AccessClaims`).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct AccessTokenClaims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub exp: UnixTime,
    pub iat: Option<UnixTime>,
    pub nbf: Option<UnixTime>,
    pub jti: Option<String>,
    pub client_id: String,
    pub tid: Uuid,
    pub scope: Option<String>,
    #[serde(default)]
    pub roles: Vec<String>,
    pub oid: Option<Uuid>,
    pub preferred_username: Option<String>,
    pub auth_time: Option<UnixTime>,
    /// The grant a user token descends from; client-credentials tokens have none.
    pub gid: Option<Uuid>,
    /// RFC 9449 §6.1: the DPoP key a bound token is used with.
    pub cnf: Option<Confirmation>,
    /// RFC 8693 §4.1: the actor of a delegated token.
    pub act: Option<serde_json::Value>,
    /// Entra's client capabilities the client declared (`cp1`: it handles claims challenges).
    #[serde(default)]
    pub xms_cc: Vec<String>,
}

/// RFC 7800 §3.1 `cnf` with RFC 9449 §6.1 `jkt`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, serde::Serialize)]
pub struct Confirmation {
    pub jkt: String,
}

/// A verified access token and, for a user token, its grant (read once, still live).
#[derive(Debug, Clone)]
pub struct VerifiedAccessToken {
    pub claims: AccessTokenClaims,
    pub grant: Option<Grant>,
}

/// The claims of an ID token Sigil issued that `id_token_hint` relies on (OIDC Core §2).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct IdTokenClaims {
    pub iss: String,
    pub sub: String,
    /// Sigil's ID tokens have a single audience: the client's id.
    pub aud: String,
    pub exp: Option<UnixTime>,
    pub iat: Option<UnixTime>,
    pub tid: Option<Uuid>,
    pub sid: Option<String>,
}

fn invalid_access(why: impl Into<String>) -> SigilError {
    SigilError::new(catalog::INVALID_ACCESS_TOKEN, why)
}

/// RFC 6750 §3.1 `invalid_token`: signed by one of this tenant's keys with that key's algorithm
/// (no `none`, no key confusion: `jwt::verify`), `typ: at+jwt` (RFC 9068 §4: an ID token is not an
/// access token), this tenant's issuer and id, not expired, `nbf`/`iat` not ahead of `now` beyond
/// the skew. The grant is checked by [`verify_access_token`].
pub fn check_access_token(
    issuer: &str,
    view: &TenantView,
    now: UnixTime,
    token: &str,
) -> Result<AccessTokenClaims, SigilError> {
    let c = check_signed_access_token(issuer, view, token)?;
    if !within_lifetime(&c, now) {
        return Err(invalid_access("token expired or not yet valid"));
    }
    Ok(c)
}

/// The half of [`check_access_token`] that does not depend on time: signature, `typ`, issuer and
/// tenant. For a caller that reports an expired token differently (on-behalf-of assertions).
pub fn check_signed_access_token(
    issuer: &str,
    view: &TenantView,
    token: &str,
) -> Result<AccessTokenClaims, SigilError> {
    let raw = jwt::verify(token, &view.keys, Some(ACCESS_TOKEN_TYP))
        .map_err(|e| invalid_access(format!("token rejected: {e:?}")))?;
    let c: AccessTokenClaims =
        serde_json::from_value(raw).map_err(|e| invalid_access(format!("token rejected: claims: {e}")))?;
    if c.iss != issuer || c.tid != view.tenant.id {
        return Err(invalid_access("issued for another tenant"));
    }
    Ok(c)
}

/// Not expired, `nbf`/`iat` not ahead of `now` beyond the skew.
pub fn within_lifetime(c: &AccessTokenClaims, now: UnixTime) -> bool {
    let ahead = |t: Option<UnixTime>| t.is_some_and(|t| t > now + CLOCK_SKEW);
    c.exp > now && !ahead(c.nbf) && !ahead(c.iat)
}

/// A user token's grant must still exist and not be revoked: revocation (a code replay, a
/// refresh-token reuse, an admin) takes effect before the token expires.
pub fn check_grant(gid: Uuid, tenant: Uuid, grant: Option<Grant>) -> Result<Grant, SigilError> {
    let grant = grant.filter(|g| g.tenant_id == tenant).ok_or_else(|| invalid_access("grant unknown"))?;
    if grant.revoked_at.is_some() {
        return Err(invalid_access(format!("grant {gid} revoked")));
    }
    Ok(grant)
}

/// The access-token check every endpoint uses: [`check_access_token`] with the injected clock,
/// then, for a user token, [`check_grant`] on the stored grant, then (user and client-credentials
/// tokens alike) that its `jti` was not revoked (RFC 7009 §2.1). Only verification reads the store:
/// issuing a client-credentials token still does not.
pub async fn verify_access_token(
    ctx: &Context,
    view: &TenantView,
    token: &str,
) -> Result<VerifiedAccessToken, SigilError> {
    let claims = check_access_token(&ctx.issuer(view), view, ctx.clock.now(), token)?;
    check_live(ctx, view, claims).await
}

/// The store half of [`verify_access_token`], for a caller that has already run
/// [`check_access_token`] (introspection decides who may see a token between the two).
pub async fn check_live(
    ctx: &Context,
    view: &TenantView,
    claims: AccessTokenClaims,
) -> Result<VerifiedAccessToken, SigilError> {
    let grant = match claims.gid {
        Some(gid) => Some(check_grant(gid, view.tenant.id, ctx.store.grant(gid).await?)?),
        None => None,
    };
    if let Some(jti) = &claims.jti
        && ctx.store.access_token_revoked(view.tenant.id, jti).await?
    {
        return Err(invalid_access(format!("access token {} revoked", crate::params::sanitize(jti))));
    }
    Ok(VerifiedAccessToken { claims, grant })
}

/// RP-Initiated Logout 1.0 §2: the hint must be an ID token this tenant issued: its keys, its
/// issuer, `typ: JWT` (access tokens are `at+jwt`, RFC 9068 §2.1) and an audience that is one of
/// its clients (an access token's audience is an API). §3: an expired one is still acceptable,
/// so no time is checked.
pub fn verify_id_token_hint(ctx: &Context, view: &TenantView, hint: &str) -> Result<IdTokenClaims, SigilError> {
    check_id_token_hint(&ctx.issuer(view), view, hint)
}

fn check_id_token_hint(issuer: &str, view: &TenantView, hint: &str) -> Result<IdTokenClaims, SigilError> {
    let invalid = || SigilError::new(catalog::INVALID_ID_TOKEN_HINT, "id_token_hint is not an ID token of this tenant");
    let raw = jwt::verify(hint, &view.keys, Some(ID_TOKEN_TYP)).map_err(|_| invalid())?;
    let c: IdTokenClaims = serde_json::from_value(raw).map_err(|_| invalid())?;
    if c.iss != issuer || view.client(&c.aud).is_none() {
        return Err(invalid());
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Arc;

    use serde_json::json;

    use super::*;
    use crate::clock::{Clock, ManualClock};
    use crate::crypto::{b64url, b64url_decode};
    use crate::keys::{self, JwtType, KeySet, LoadedKey, SigningKey};
    use crate::model::{Client, GrantType, SigningAlg, Tenant};

    const ISS: &str = "https://login.example/t/v2.0";
    const T0: UnixTime = 1_800_000_000;

    struct Fixture {
        view: TenantView,
        access: Arc<SigningKey>,
        id: Arc<SigningKey>,
    }

    fn key(alg: SigningAlg) -> Arc<SigningKey> {
        Arc::new(SigningKey::from_pkcs8(alg, &keys::generate_pkcs8(alg).unwrap()).unwrap())
    }

    fn tenant(name: &str) -> Fixture {
        let (access, id) = (key(SigningAlg::ES256), key(SigningAlg::RS256));
        let loaded = [&access, &id]
            .into_iter()
            .map(|k| LoadedKey { key: k.clone(), active_from: 0, retired_at: None })
            .collect();
        let t = Tenant {
            id: Uuid::new_v4(),
            name: name.into(),
            display_name: name.into(),
            default_locale: "en".into(),
            signing_alg: SigningAlg::ES256,
            allow_plain_pkce: false,
            issuer_uses_name: false,
            registration: Default::default(),
            mfa: Default::default(),
            trusted_issuers: vec![],
            session: Default::default(),
            branding: Default::default(),
        };
        let app = Client {
            id: Uuid::new_v4(),
            tenant_id: t.id,
            ..crate::model::test_client(false, &[GrantType::AuthorizationCode], &["http://127.0.0.1/cb"])
        };
        let clients = HashMap::from([("app".to_string(), Arc::new(app))]);
        let view = TenantView {
            tenant: t,
            clients,
            apis: HashMap::new(),
            keys: KeySet::new(loaded, T0, 0),
            discovery: Default::default(),
            spa_origins: Default::default(),
            groups: Default::default(),
        };
        Fixture { view, access, id }
    }

    fn access_claims(f: &Fixture, now: UnixTime) -> serde_json::Value {
        json!({"iss": ISS, "sub": "u", "aud": "api://reports", "exp": now + 300, "iat": now, "nbf": now,
               "jti": "j", "client_id": "app", "tid": f.view.tenant.id, "gid": Uuid::nil()})
    }

    fn id_claims(now: UnixTime) -> serde_json::Value {
        json!({"iss": ISS, "sub": "u", "aud": "app", "exp": now + 300, "iat": now, "nbf": now})
    }

    fn sign(k: &SigningKey, typ: JwtType, c: &serde_json::Value) -> String {
        k.sign_jwt(typ, c.to_string().as_bytes())
    }

    #[test]
    fn a_fresh_access_token_passes_and_expires_with_the_clock() {
        let f = tenant("t");
        let clock = ManualClock::new(T0);
        let t = sign(&f.access, JwtType::AccessToken, &access_claims(&f, T0));
        let c = check_access_token(ISS, &f.view, clock.now(), &t).unwrap();
        assert_eq!((c.client_id.as_str(), c.gid), ("app", Some(Uuid::nil())));
        clock.advance(299);
        assert!(check_access_token(ISS, &f.view, clock.now(), &t).is_ok());
        clock.advance(1);
        let e = check_access_token(ISS, &f.view, clock.now(), &t).unwrap_err();
        assert_eq!((e.entry.code, e.reason.as_str()), (88000030, "token expired or not yet valid"));
    }

    #[test]
    fn nbf_or_iat_in_the_future_is_refused_beyond_the_skew() {
        let f = tenant("t");
        for claim in ["nbf", "iat"] {
            let mut c = access_claims(&f, T0);
            c[claim] = json!(T0 + CLOCK_SKEW);
            assert!(check_access_token(ISS, &f.view, T0, &sign(&f.access, JwtType::AccessToken, &c)).is_ok());
            c[claim] = json!(T0 + CLOCK_SKEW + 1);
            let e = check_access_token(ISS, &f.view, T0, &sign(&f.access, JwtType::AccessToken, &c)).unwrap_err();
            assert_eq!(e.reason, "token expired or not yet valid", "{claim}");
        }
    }

    #[test]
    fn another_tenants_token_is_refused() {
        let (f, other) = (tenant("t"), tenant("o"));
        let theirs = sign(&other.access, JwtType::AccessToken, &access_claims(&other, T0));
        let e = check_access_token(ISS, &f.view, T0, &theirs).unwrap_err();
        assert_eq!(e.reason, "token rejected: UnknownKey");
        // Signed with our key but naming another issuer or tenant id.
        let mut c = access_claims(&f, T0);
        c["iss"] = json!("https://login.example/o/v2.0");
        let e = check_access_token(ISS, &f.view, T0, &sign(&f.access, JwtType::AccessToken, &c)).unwrap_err();
        assert_eq!(e.reason, "issued for another tenant");
        let mut c = access_claims(&f, T0);
        c["tid"] = json!(other.view.tenant.id);
        let e = check_access_token(ISS, &f.view, T0, &sign(&f.access, JwtType::AccessToken, &c)).unwrap_err();
        assert_eq!(e.reason, "issued for another tenant");
    }

    #[test]
    fn a_tampered_payload_or_signature_is_refused() {
        let f = tenant("t");
        let t = sign(&f.access, JwtType::AccessToken, &access_claims(&f, T0));
        let (h, rest) = t.split_once('.').unwrap();
        let (_, sig) = rest.split_once('.').unwrap();
        let mut forged = access_claims(&f, T0);
        forged["sub"] = json!("admin");
        let tampered = format!("{h}.{}.{sig}", b64url(forged.to_string().as_bytes()));
        assert_eq!(check_access_token(ISS, &f.view, T0, &tampered).unwrap_err().reason, "token rejected: BadSignature");
        let mut s = b64url_decode(sig).unwrap();
        s[5] ^= 1;
        let flipped = format!("{h}.{}.{}", rest.split_once('.').unwrap().0, b64url(&s));
        assert_eq!(check_access_token(ISS, &f.view, T0, &flipped).unwrap_err().reason, "token rejected: BadSignature");
    }

    #[test]
    fn alg_none_and_key_confusion_are_refused() {
        let f = tenant("t");
        let payload = b64url(access_claims(&f, T0).to_string().as_bytes());
        for alg in ["none", "HS256", "RS256"] {
            let header = json!({"alg": alg, "kid": f.access.kid, "typ": "at+jwt"});
            let t = format!("{}.{payload}.", b64url(header.to_string().as_bytes()));
            let e = check_access_token(ISS, &f.view, T0, &t).unwrap_err();
            assert_eq!(e.reason, "token rejected: BadSignature", "{alg}");
        }
        let no_kid = format!("{}.{payload}.", b64url(br#"{"alg":"none","typ":"at+jwt"}"#));
        assert_eq!(check_access_token(ISS, &f.view, T0, &no_kid).unwrap_err().reason, "token rejected: UnknownKey");
    }

    #[test]
    fn an_id_token_is_not_an_access_token_nor_the_reverse() {
        let f = tenant("t");
        // Same key, same claims: only `typ` tells them apart.
        let as_id = sign(&f.access, JwtType::Jwt, &access_claims(&f, T0));
        assert_eq!(check_access_token(ISS, &f.view, T0, &as_id).unwrap_err().reason, "token rejected: Malformed");
        let id = sign(&f.id, JwtType::Jwt, &id_claims(T0));
        assert!(check_access_token(ISS, &f.view, T0, &id).is_err());
        let access = sign(&f.access, JwtType::AccessToken, &access_claims(&f, T0));
        assert_eq!(check_id_token_hint(ISS, &f.view, &access).unwrap_err().entry.code, 88000041);
        // An ID-typed token whose audience is an API, not a client, is no hint either.
        let mut c = id_claims(T0);
        c["aud"] = json!("api://reports");
        assert!(check_id_token_hint(ISS, &f.view, &sign(&f.id, JwtType::Jwt, &c)).is_err());
    }

    #[test]
    fn an_id_token_hint_may_be_expired_but_must_be_this_tenants() {
        let (f, other) = (tenant("t"), tenant("o"));
        let hint = sign(&f.id, JwtType::Jwt, &id_claims(T0 - 86_400));
        assert_eq!(check_id_token_hint(ISS, &f.view, &hint).unwrap().aud, "app");
        let theirs = sign(&other.id, JwtType::Jwt, &id_claims(T0));
        assert!(check_id_token_hint(ISS, &f.view, &theirs).is_err());
        let mut c = id_claims(T0);
        c["iss"] = json!("https://login.example/o/v2.0");
        assert!(check_id_token_hint(ISS, &f.view, &sign(&f.id, JwtType::Jwt, &c)).is_err());
        let (h, rest) = hint.split_once('.').unwrap();
        let tampered =
            format!("{h}.{}.{}", b64url(id_claims(T0).to_string().as_bytes()), rest.split_once('.').unwrap().1);
        assert!(check_id_token_hint(ISS, &f.view, &tampered).is_err());
    }

    #[test]
    fn a_revoked_or_foreign_grant_is_refused() {
        let tid = Uuid::new_v4();
        let gid = Uuid::now_v7();
        let g = Grant {
            id: gid,
            tenant_id: tid,
            client_id: "app".into(),
            user_id: Some(Uuid::nil()),
            scope: "openid".into(),
            auth_time: T0,
            created_at: T0,
            expires_at: T0 + 3600,
            revoked_at: None,
            dpop_jkt: None,
            amr: "pwd".into(),
        };
        assert_eq!(check_grant(gid, tid, Some(g.clone())).unwrap(), g);
        assert_eq!(check_grant(gid, tid, None).unwrap_err().reason, "grant unknown");
        assert_eq!(check_grant(gid, Uuid::new_v4(), Some(g.clone())).unwrap_err().reason, "grant unknown");
        let revoked = Grant { revoked_at: Some(T0 + 1), ..g };
        assert_eq!(check_grant(gid, tid, Some(revoked)).unwrap_err().reason, format!("grant {gid} revoked"));
    }
}
