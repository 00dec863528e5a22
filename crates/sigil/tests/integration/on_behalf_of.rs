//! On-behalf-of (Entra's form of RFC 7523 §2.1) against a spawned server: a front end signs the
//! user in for the middle-tier API (`front`, password grant), the middle tier (`middle`,
//! `exposes_api = "api://middle"`) trades that token for one of `api://downstream`. Fixture:
//! `crates/sigil-testkit/fixtures/obo.toml`. Every refusal, and revocation of the original grant
//! reaching what was derived from it, on both databases.
use serde_json::Value;
use sigil_testkit::browser::Agent;
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::common::*;

pub const FRONT: (&str, &str) = ("front", "front-secret-0123456789abcdef-0123456789ab");
pub const FRONT_SHORT: (&str, &str) = ("front-short", "front-secret-0123456789abcdef-0123456789ab");
pub const MIDDLE: (&str, &str) = ("middle", "middle-secret-0123456789abcdef-0123456789a");
pub const DOWNSTREAM: (&str, &str) = ("downstream-backend", "downstream-secret-0123456789abcdef-01234567");
pub const CAROL: (&str, &str) = ("carol", "carol-password-for-obo-tests");
const JWT_BEARER: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const MIDDLE_REDIRECT: &str = "http://127.0.0.1/middle-callback";

pub fn obo_options(backend: Backend) -> ServerOptions {
    let mut imports = ServerOptions::default().imports;
    imports.push(sigil_testkit::fixture("obo.toml"));
    ServerOptions { backend, imports, ..Default::default() }
}

/// The user's access token for the middle tier (and the front end's refresh token), by `client`.
pub async fn user_token(s: &Server, client: (&str, &str)) -> Value {
    let r = token(
        s,
        "obo",
        &[
            ("grant_type", "password"),
            ("username", CAROL.0),
            ("password", CAROL.1),
            ("scope", "api://middle/access_as_user offline_access"),
        ],
        Some(client),
    )
    .await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

/// Carol signs in to the middle tier once and consents to `scope` for it.
pub async fn consent_to_middle(s: &Server, scope: &str) {
    let mut agent = Agent::new(s.http(), &s.base);
    let enc = |v: &str| url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>();
    let url = format!(
        "/obo/oauth2/v2.0/authorize?client_id={}&response_type=code&redirect_uri={}&scope={}&state=s",
        MIDDLE.0,
        enc(MIDDLE_REDIRECT),
        enc(&format!("openid {scope}"))
    );
    let done = agent.sign_in(&url, CAROL.0, CAROL.1).await;
    assert!(done.starts_with(MIDDLE_REDIRECT) && done.contains("code="), "{done}");
}

pub async fn obo(s: &Server, client: (&str, &str), assertion: &str, scope: &str) -> reqwest::Response {
    token(
        s,
        "obo",
        &[
            ("grant_type", JWT_BEARER),
            ("requested_token_use", "on_behalf_of"),
            ("assertion", assertion),
            ("scope", scope),
        ],
        Some(client),
    )
    .await
}

async fn flow(backend: Backend) {
    let s = server_with(obo_options(backend)).await;
    let front = user_token(&s, FRONT).await;
    let assertion = front["access_token"].as_str().unwrap();

    // No consent to the middle tier yet: Entra's 65001, invalid_grant, suberror consent_required.
    let r =
        expect_error(obo(&s, MIDDLE, assertion, "api://downstream/Data.Read").await, 400, "invalid_grant", 65001).await;
    assert_eq!(r.body["suberror"], "consent_required", "{}", r.body);
    assert_eq!(signin_record(&s, r.trace_id()).await["code"], 88000321, "the log keeps the real code");
    let r =
        expect_error(obo(&s, MIDDLE, assertion, "api://downstream/.default").await, 400, "invalid_grant", 65001).await;
    assert_eq!(r.body["suberror"], "consent_required");

    consent_to_middle(&s, "api://downstream/Data.Read").await;
    let ok = obo(&s, MIDDLE, assertion, "api://downstream/Data.Read offline_access").await;
    assert_eq!(ok.status(), 200);
    let b: Value = ok.json().await.unwrap();
    let (user, derived) = (claims(assertion), claims(b["access_token"].as_str().unwrap()));
    assert_eq!(derived["aud"], "api://downstream");
    assert_eq!(derived["scope"], "Data.Read");
    assert_eq!((&derived["sub"], &derived["oid"]), (&user["sub"], &user["oid"]), "the same user");
    assert_eq!(derived["client_id"], "middle");
    assert_eq!(derived["auth_time"], user["auth_time"], "the user's sign-in, not the exchange");
    assert_ne!(derived["gid"], user["gid"], "a grant of its own");
    assert_eq!(b["scope"], "offline_access api://downstream/Data.Read");
    let derived_refresh = b["refresh_token"].as_str().expect("offline_access: a refresh token").to_string();

    // Beyond the consent: Data.Write was never consented to.
    let r = expect_error(obo(&s, MIDDLE, assertion, "api://downstream/Data.Write").await, 400, "invalid_grant", 65001)
        .await;
    assert_eq!(r.body["suberror"], "consent_required");
    // `.default` (azure-identity's usual scope): what was consented of what the client holds.
    let b: Value = obo(&s, MIDDLE, assertion, "api://downstream/.default").await.json().await.unwrap();
    assert_eq!(claims(b["access_token"].as_str().unwrap())["scope"], "Data.Read", "{b}");
    // Without offline_access: no refresh token.
    let b: Value = obo(&s, MIDDLE, assertion, "api://downstream/Data.Read").await.json().await.unwrap();
    assert!(b["access_token"].is_string() && b.get("refresh_token").is_none(), "{b}");

    // The derived refresh token works while the original grant lives...
    let refresh = |rt: String| {
        let s = &s;
        async move { token(s, "obo", &[("grant_type", "refresh_token"), ("refresh_token", &rt)], Some(MIDDLE)).await }
    };
    let r = refresh(derived_refresh).await;
    assert_eq!(r.status(), 200);
    let rotated = r.json::<Value>().await.unwrap()["refresh_token"].as_str().unwrap().to_string();
    // ...and dies with it: RFC 7009 revocation of the front end's refresh token revokes its grant.
    let revoked = s
        .http()
        .post(s.url("/obo/oauth2/v2.0/revoke"))
        .basic_auth(FRONT.0, Some(FRONT.1))
        .form(&[("token", front["refresh_token"].as_str().unwrap()), ("token_type_hint", "refresh_token")])
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 200);
    expect_error(refresh(rotated).await, 400, "invalid_grant", 50173).await;
    // The assertion's grant is revoked too: no new exchange.
    expect_error(obo(&s, MIDDLE, assertion, "api://downstream/Data.Read").await, 400, "invalid_grant", 50013).await;
}

#[tokio::test]
async fn on_behalf_of_sqlite() {
    flow(Backend::Sqlite).await;
}

#[tokio::test]
async fn on_behalf_of_postgres() {
    flow(Backend::Postgres).await;
}

#[tokio::test]
async fn refusals() {
    let s = server_with(obo_options(Backend::Sqlite)).await;
    consent_to_middle(&s, "api://downstream/Data.Read").await;
    let front = user_token(&s, FRONT).await;
    let assertion = front["access_token"].as_str().unwrap();
    let read = "api://downstream/Data.Read";

    // An assertion for another audience: api://middle's token presented by api://downstream's backend.
    expect_error(obo(&s, DOWNSTREAM, assertion, "api://middle/access_as_user").await, 400, "invalid_grant", 500131)
        .await;
    // A token for the downstream API presented back by the middle tier (its audience is not api://middle).
    let b: Value = obo(&s, MIDDLE, assertion, read).await.json().await.unwrap();
    expect_error(obo(&s, MIDDLE, b["access_token"].as_str().unwrap(), read).await, 400, "invalid_grant", 500131).await;

    // From another tenant: contoso's token for its own API.
    let theirs: Value = token(
        &s,
        "contoso",
        &[
            ("grant_type", "password"),
            ("username", "alice"),
            ("password", "correct horse battery staple"),
            ("scope", "api://reports/Reports.Read"),
        ],
        Some(LEGACY),
    )
    .await
    .json()
    .await
    .unwrap();
    expect_error(obo(&s, MIDDLE, theirs["access_token"].as_str().unwrap(), read).await, 400, "invalid_grant", 50013)
        .await;
    // Altered, an ID token, not a JWT at all.
    let (head, rest) = assertion.split_once('.').unwrap();
    let (payload, sig) = rest.split_once('.').unwrap();
    let mut c = claims(assertion);
    c["oid"] = Value::String(uuid::Uuid::new_v4().to_string());
    use base64::Engine;
    let forged = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(c.to_string());
    assert_ne!(forged, payload);
    expect_error(obo(&s, MIDDLE, &format!("{head}.{forged}.{sig}"), read).await, 400, "invalid_grant", 50013).await;
    expect_error(obo(&s, MIDDLE, "not-a-jwt", read).await, 400, "invalid_grant", 50013).await;
    let with_id: Value = token(
        &s,
        "obo",
        &[
            ("grant_type", "password"),
            ("username", CAROL.0),
            ("password", CAROL.1),
            ("scope", "openid api://middle/access_as_user"),
        ],
        Some(FRONT),
    )
    .await
    .json()
    .await
    .unwrap();
    expect_error(obo(&s, MIDDLE, with_id["id_token"].as_str().unwrap(), read).await, 400, "invalid_grant", 50013).await;

    // An application token names no user.
    let app: Value =
        token(&s, "obo", &[("grant_type", "client_credentials"), ("scope", "api://middle/.default")], Some(FRONT))
            .await
            .json()
            .await
            .unwrap();
    expect_error(obo(&s, MIDDLE, app["access_token"].as_str().unwrap(), read).await, 400, "invalid_grant", 88000320)
        .await;

    // Expired (one-second access tokens).
    let short = user_token(&s, FRONT_SHORT).await;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    expect_error(obo(&s, MIDDLE, short["access_token"].as_str().unwrap(), read).await, 400, "invalid_grant", 500133)
        .await;

    // Request shape: requested_token_use missing or another value; assertion missing.
    let form = |extra: &[(&'static str, &'static str)]| {
        let mut f = vec![("grant_type", JWT_BEARER), ("scope", read)];
        f.extend_from_slice(extra);
        f
    };
    let a: &'static str = String::leak(assertion.to_string());
    // Without requested_token_use it is RFC 7523 §2.1's grant: Sigil's own issuer is not one the
    // tenant trusts for it.
    expect_error(token(&s, "obo", &form(&[("assertion", a)]), Some(MIDDLE)).await, 400, "invalid_grant", 88000400)
        .await;
    expect_error(
        token(&s, "obo", &form(&[("assertion", a), ("requested_token_use", "other")]), Some(MIDDLE)).await,
        400,
        "invalid_request",
        88000004,
    )
    .await;
    expect_error(
        token(&s, "obo", &form(&[("requested_token_use", "on_behalf_of")]), Some(MIDDLE)).await,
        400,
        "invalid_request",
        900144,
    )
    .await;
    // A client not registered for the grant; the short name is not a grant_type on the wire.
    expect_error(obo(&s, FRONT, assertion, read).await, 400, "unauthorized_client", 88000011).await;
    let short_name = [("grant_type", "jwt_bearer"), ("requested_token_use", "on_behalf_of"), ("assertion", a)];
    expect_error(token(&s, "obo", &short_name, Some(MIDDLE)).await, 400, "unsupported_grant_type", 70003).await;

    // A revoked access token (RFC 7009, by jti) is no assertion either.
    let fresh = user_token(&s, FRONT).await;
    let at = fresh["access_token"].as_str().unwrap();
    let revoked = s
        .http()
        .post(s.url("/obo/oauth2/v2.0/revoke"))
        .basic_auth(FRONT.0, Some(FRONT.1))
        .form(&[("token", at), ("token_type_hint", "access_token")])
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 200);
    expect_error(obo(&s, MIDDLE, at, read).await, 400, "invalid_grant", 50013).await;
}

#[tokio::test]
async fn discovery_lists_jwt_bearer_only_where_a_client_has_it() {
    let s = server_with(obo_options(Backend::Sqlite)).await;
    // The settings through the CLI: shown, and the grant's rule holds (exit code 2).
    let out = s.cli(&["client", "show", "--tenant", "obo", "middle", "--json"]);
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["exposes_api"], "api://middle");
    let out = s.cli(&["client", "show", "--tenant", "obo", "exchanger", "--json"]);
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["token_exchange"]["target_audiences"][0], "api://downstream");
    let out = s.cli(&["client", "update", "--tenant", "obo", "exchanger", "--exchange-target-audience", "api://nope"]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let out = s.cli(&[
        "client",
        "update",
        "--tenant",
        "obo",
        "exchanger",
        "--exchange-subject-audience",
        "api://middle",
        "--exchange-subject-audience",
        "api://downstream",
        "--json",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["token_exchange"]["subject_audiences"][1], "api://downstream");
    assert_eq!(shown["token_exchange"]["target_audiences"][0], "api://downstream", "the other list is kept");
    let has = |d: &Value| d["grant_types_supported"].as_array().unwrap().iter().any(|g| g == JWT_BEARER);
    assert!(has(&discovery(&s, "obo").await));
    assert!(!has(&discovery(&s, "contoso").await));
}
