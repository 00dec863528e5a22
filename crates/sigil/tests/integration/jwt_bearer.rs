//! The JWT bearer authorization grant (RFC 7523 §2.1) from issuers a tenant trusts, against a
//! spawned server on SQLite and PostgreSQL. The issuers are independent loopback servers started
//! by the test (the federated credentials' fixture, `DocServer`): one found through its discovery
//! document, one by a configured `jwks_uri`, with its user named by email and its own audience.
//! Every check of §3 is provoked, and the trust is set through the import file and the CLI.
use serde_json::{Value, json};
use sigil_testkit::{Backend, Server};

use crate::client_assertions::*;
use crate::common::*;

const JWT_BEARER: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const APP: (&str, &str) = ("bearer-app", "bearer-secret-0123456789abcdef-0123456789ab");
const OTHER: (&str, &str) = ("bearer-other", "bearer-secret-0123456789abcdef-0123456789ab");

fn clients(idp: &str) -> String {
    let client = |(id, secret): (&str, &str)| {
        format!(
            r#"
  [[tenant.client]]
  client_id = "{id}"
  type = "confidential"
  grant_types = ["{JWT_BEARER}", "refresh_token"]
    [[tenant.client.secret]]
    value = "{secret}"
    [[tenant.client.permission]]
    api = "api://reports"
    scopes = ["Reports.Read"]
"#
        )
    };
    format!(
        r#"
  [[tenant.trusted_issuer]]
  issuer = "{idp}"
  clients = ["bearer-app"]
  [[tenant.trusted_issuer]]
  issuer = "{idp}/hr"
  jwks_uri = "{idp}/hr-keys"
  audiences = ["api://sigil-bearer"]
  user_claim = "email"
  user_match = "email"
  require_jti = true
  clients = ["bearer-app", "bearer-other"]
{}{}"#,
        client(APP),
        client(OTHER)
    )
}

struct Setup {
    s: Server,
    idp: String,
    key: TestKey,
    hr_key: TestKey,
    aud: String,
    _docs: DocServer,
}

async fn setup(backend: Backend) -> Setup {
    let docs = DocServer::start().await;
    let (key, hr_key) = (TestKey::rsa(), TestKey::ec());
    let idp = docs.base.clone();
    docs.put("/.well-known/openid-configuration", json!({"issuer": idp, "jwks_uri": format!("{idp}/keys")}));
    docs.put("/keys", json!({"keys": [key.jwk("idp-1")]}));
    docs.put("/hr-keys", json!({"keys": [hr_key.jwk("hr-1")]}));
    let s = server_with_overlay(overlay("jwt-bearer", &clients(&idp)), backend).await;
    let aud = discovery(&s, "contoso").await["token_endpoint"].as_str().unwrap().to_string();
    Setup { s, idp, key, hr_key, aud, _docs: docs }
}

fn grant_claims(iss: &str, sub: &str, aud: &str) -> Value {
    let t = now();
    json!({"iss": iss, "sub": sub, "aud": aud, "iat": t, "nbf": t, "exp": t + 300,
        "jti": uuid::Uuid::new_v4().to_string()})
}

async fn grant(s: &Server, client: (&str, &str), assertion: &str, scope: Option<&str>) -> reqwest::Response {
    let mut form = vec![("grant_type", JWT_BEARER), ("assertion", assertion)];
    if let Some(sc) = scope {
        form.push(("scope", sc));
    }
    token(s, "contoso", &form, Some(client)).await
}

fn payload(jwt: &str) -> Value {
    use base64::Engine;
    let part = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

const READ: &str = "api://reports/Reports.Read offline_access";

async fn jwt_bearer_grant(backend: Backend) {
    let t = setup(backend).await;
    let (s, idp, aud) = (&t.s, t.idp.as_str(), t.aud.as_str());
    let signed = |c: &Value| t.key.sign(json!({"alg": "RS256", "kid": "idp-1", "typ": "JWT"}), c);
    let hr = |c: &Value| t.hr_key.sign(json!({"alg": "ES256", "kid": "hr-1"}), c);
    let hr_iss = format!("{idp}/hr");

    // Keys through the issuer's discovery document; `sub` is the username.
    let a = signed(&grant_claims(idp, "alice", aud));
    let r = grant(s, APP, &a, Some(READ)).await;
    let body = expect_token(r).await;
    let at = payload(body["access_token"].as_str().unwrap());
    assert_eq!(at["preferred_username"], "alice", "{at}");
    assert_eq!((at["aud"].as_str(), at["client_id"].as_str()), (Some("api://reports"), Some("bearer-app")));
    assert_eq!(at["scope"], "Reports.Read", "{at}");
    assert!(body["refresh_token"].is_string(), "offline_access gives a refresh token: {body}");
    // The refresh token works like any other.
    let r = token(
        s,
        "contoso",
        &[("grant_type", "refresh_token"), ("refresh_token", body["refresh_token"].as_str().unwrap())],
        Some(APP),
    )
    .await;
    expect_token(r).await;
    // §3 item 7: each JWT once.
    expect_error(grant(s, APP, &a, Some(READ)).await, 400, "invalid_grant", 88000405).await;

    // Keys by the configured jwks_uri; the user by the `email` claim; its own audience; jti required.
    let mut c = grant_claims(&hr_iss, "employee-4711", "api://sigil-bearer");
    c["email"] = json!("alice@contoso.example");
    let body = expect_token(grant(s, OTHER, &hr(&c), Some(READ)).await).await;
    assert_eq!(payload(body["access_token"].as_str().unwrap())["preferred_username"], "alice");
    c["jti"] = json!(uuid::Uuid::new_v4().to_string());
    c["aud"] = json!(aud);
    expect_error(grant(s, OTHER, &hr(&c), Some(READ)).await, 400, "invalid_grant", 88000403).await;
    c["aud"] = json!("api://sigil-bearer");
    c.as_object_mut().unwrap().remove("jti");
    expect_error(grant(s, OTHER, &hr(&c), Some(READ)).await, 400, "invalid_grant", 88000402).await;
    let mut c = grant_claims(&hr_iss, "employee-4711", "api://sigil-bearer");
    c["email"] = json!("nobody@contoso.example");
    expect_error(grant(s, OTHER, &hr(&c), Some(READ)).await, 400, "invalid_grant", 88000406).await;
    c.as_object_mut().unwrap().remove("email");
    expect_error(grant(s, OTHER, &hr(&c), Some(READ)).await, 400, "invalid_grant", 88000402).await;

    // §3 item 1: an issuer the tenant does not trust; a trusted one not for this client.
    let untrusted = signed(&grant_claims("https://idp.elsewhere.example", "alice", aud));
    expect_error(grant(s, APP, &untrusted, Some(READ)).await, 400, "invalid_grant", 88000400).await;
    expect_error(
        grant(s, OTHER, &signed(&grant_claims(idp, "alice", aud)), Some(READ)).await,
        400,
        "unauthorized_client",
        88000401,
    )
    .await;
    // §3 item 3: another audience (by default the token endpoint or the issuer, by id or name).
    let by_name = s.url("/contoso/oauth2/v2.0/token");
    expect_token(grant(s, APP, &signed(&grant_claims(idp, "alice", &by_name)), Some(READ)).await).await;
    let other_aud = signed(&grant_claims(idp, "alice", "https://login.microsoftonline.com/x/oauth2/v2.0/token"));
    expect_error(grant(s, APP, &other_aud, Some(READ)).await, 400, "invalid_grant", 88000403).await;
    // §3 items 4–6: expired, not yet valid, issued in the future, valid too long.
    for (name, v) in [("exp", now() - 120), ("nbf", now() + 600), ("iat", now() + 600), ("exp", now() + 7200)] {
        let mut c = grant_claims(idp, "alice", aud);
        c[name] = json!(v);
        expect_error(grant(s, APP, &signed(&c), Some(READ)).await, 400, "invalid_grant", 88000404).await;
    }
    // §3 item 2: `sub` names no user; a disabled user.
    expect_error(
        grant(s, APP, &signed(&grant_claims(idp, "mallory", aud)), Some(READ)).await,
        400,
        "invalid_grant",
        88000406,
    )
    .await;
    expect_error(
        grant(s, APP, &signed(&grant_claims(idp, "disabled-user", aud)), Some(READ)).await,
        400,
        "invalid_grant",
        50057,
    )
    .await;
    // §3 item 9: a key the issuer does not publish, a forged signature, an HMAC, no signature.
    let foreign = TestKey::rsa();
    let c = grant_claims(idp, "alice", aud);
    expect_error(
        grant(s, APP, &foreign.sign(json!({"alg": "RS256", "kid": "idp-9"}), &c), Some(READ)).await,
        400,
        "invalid_grant",
        88000402,
    )
    .await;
    expect_error(
        grant(s, APP, &foreign.sign(json!({"alg": "RS256", "kid": "idp-1"}), &c), Some(READ)).await,
        400,
        "invalid_grant",
        88000402,
    )
    .await;
    let mac = format!("{}.{}.{}", b64(br#"{"alg":"HS256","kid":"idp-1"}"#), b64(c.to_string().as_bytes()), b64(b"mac"));
    expect_error(grant(s, APP, &mac, Some(READ)).await, 400, "invalid_grant", 88000402).await;
    let none = format!("{}.{}.", b64(br#"{"alg":"none"}"#), b64(c.to_string().as_bytes()));
    expect_error(grant(s, APP, &none, Some(READ)).await, 400, "invalid_grant", 88000402).await;
    expect_error(grant(s, APP, "not-a-jwt", Some(READ)).await, 400, "invalid_grant", 88000402).await;
    // A refused request does not spend its jti: the same JWT with a scope succeeds afterwards.
    let a = signed(&grant_claims(idp, "alice", aud));
    expect_error(grant(s, APP, &a, None).await, 400, "invalid_scope", 70011).await;
    expect_token(grant(s, APP, &a, Some(READ)).await).await;
}

/// §3 item 7 under a race: the same JWT sent 16 times at once is redeemed exactly once.
async fn replay_race(backend: Backend) {
    let t = setup(backend).await;
    let a = t.key.sign(json!({"alg": "RS256", "kid": "idp-1"}), &grant_claims(&t.idp, "alice", &t.aud));
    let url = t.s.url("/contoso/oauth2/v2.0/token");
    let tries: Vec<_> = (0..16)
        .map(|_| {
            let (http, url, a) = (t.s.http(), url.clone(), a.clone());
            async move {
                let form = [("grant_type", JWT_BEARER), ("assertion", a.as_str()), ("scope", READ)];
                http.post(url).basic_auth(APP.0, Some(APP.1)).form(&form).send().await.unwrap().status().as_u16()
            }
        })
        .collect();
    let statuses = crate::token::futures_join(tries).await;
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 200 || *s == 400), "{statuses:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn jwt_bearer_replay_race_sqlite() {
    replay_race(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn jwt_bearer_replay_race_postgres() {
    replay_race(Backend::Postgres).await;
}

#[tokio::test]
async fn jwt_bearer_grant_sqlite() {
    jwt_bearer_grant(Backend::Sqlite).await;
}

#[tokio::test]
async fn jwt_bearer_grant_postgres() {
    jwt_bearer_grant(Backend::Postgres).await;
}

#[tokio::test]
async fn trusted_issuers_through_the_cli() {
    let t = setup(Backend::Sqlite).await;
    let s = &t.s;
    let out = s.cli(&["tenant", "show", "contoso", "--json"]);
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["trusted_issuers"][1]["user_match"], "email", "{shown}");
    // Replace the list: the discovery-found issuer goes, and its JWTs with it.
    let list = json!([{"issuer": format!("{}/hr", t.idp), "jwks_uri": format!("{}/hr-keys", t.idp),
        "clients": ["bearer-other"], "user_match": "username"}]);
    let out = s.cli(&["tenant", "update", "contoso", "--trusted-issuers", &list.to_string()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // A broken entry is refused with the field named (exit code 2).
    let out =
        s.cli(&["tenant", "update", "contoso", "--trusted-issuers", r#"[{"issuer": "not a url", "clients": []}]"#]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("trusted_issuer[0].issuer") && err.contains("trusted_issuer[0].clients"), "{err}");
    let mut last = 0;
    for _ in 0..40 {
        let a = t.key.sign(json!({"alg": "RS256", "kid": "idp-1"}), &grant_claims(&t.idp, "alice", &t.aud));
        let r = grant(s, APP, &a, Some(READ)).await;
        last = r.status().as_u16();
        if last == 400 {
            expect_error(r, 400, "invalid_grant", 88000400).await;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(last, 400, "the directory reloaded without the issuer");
    let mut c = grant_claims(&format!("{}/hr", t.idp), "alice", "x");
    c["aud"] = json!(t.aud);
    let hr = t.hr_key.sign(json!({"alg": "ES256", "kid": "hr-1"}), &c);
    expect_token(grant(s, OTHER, &hr, Some(READ)).await).await;
}
