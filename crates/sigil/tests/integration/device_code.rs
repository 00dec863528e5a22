//! Issue 19 item 1: the device authorization grant (RFC 8628), on SQLite and PostgreSQL, through a
//! spawned server: the device authorization request and the token endpoint's answers to polling.
use serde_json::Value;
use sigil_testkit::browser::{Agent, Page};
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::common::*;

/// The public client of `examples/contoso.toml` registered for `device_code`.
const DESKTOP: &str = "desktop-app";

async fn device_flow_refusals(backend: Backend) {
    let s = server_with(ServerOptions { backend, ..ServerOptions::default() }).await;
    let d = discovery(&s, "contoso").await;
    assert!(d["device_authorization_endpoint"].as_str().unwrap().ends_with("/oauth2/v2.0/devicecode"), "{d}");
    assert!(
        d["grant_types_supported"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g == "urn:ietf:params:oauth:grant-type:device_code")
    );

    // §3.1: a client not registered for the grant is refused.
    let r = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/devicecode"))
        .form(&[("scope", "openid")])
        .basic_auth(LEGACY.0, Some(LEGACY.1))
        .send()
        .await
        .unwrap();
    expect_error(r, 400, "unauthorized_client", 88000011).await;

    let r = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/devicecode"))
        .form(&[("client_id", DESKTOP), ("scope", "openid profile offline_access")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let a: Value = r.json().await.unwrap();
    let user_code = a["user_code"].as_str().unwrap();
    assert_eq!(user_code.len(), 9, "{a}");
    assert!(user_code.chars().all(|c| c == '-' || "BCDFGHJKLMNPQRSTVWXZ".contains(c)), "{a}");
    assert!(a["verification_uri"].as_str().unwrap().ends_with("/device"), "{a}");
    assert!(a["verification_uri_complete"].as_str().unwrap().ends_with(&format!("?user_code={user_code}")));
    assert_eq!((a["expires_in"].as_i64(), a["interval"].as_i64()), (Some(900), Some(5)));
    let device_code = a["device_code"].as_str().unwrap();

    // §3.5: the first poll is pending (Entra 70016), MSAL's short grant_type accepted as well.
    let poll_as = |gt: &'static str, code: String| {
        let s = &s;
        async move { token(s, "contoso", &[("grant_type", gt), ("client_id", DESKTOP), ("device_code", &code)], None).await }
    };
    let urn = URN;
    expect_error(poll_as(urn, device_code.into()).await, 400, "authorization_pending", 70016).await;
    // Polled again at once: slow_down, and the raised interval is remembered.
    expect_error(poll_as("device_code", device_code.into()).await, 400, "slow_down", 88000220).await;
    expect_error(poll_as(urn, device_code.into()).await, 400, "slow_down", 88000220).await;
    // Unknown code, and a code presented by another client: invalid_grant.
    expect_error(poll_as(urn, "not-a-device-code".into()).await, 400, "invalid_grant", 70000).await;
    let other = token(&s, "contoso", &[("grant_type", urn), ("device_code", device_code)], Some(LEGACY)).await;
    expect_error(other, 400, "unauthorized_client", 88000011).await;
}

const URN: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// §3.1, §3.2: a device authorization for `desktop-app`.
pub async fn device_authorization(s: &Server, scope: &str) -> Value {
    let r = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/devicecode"))
        .form(&[("client_id", DESKTOP), ("scope", scope)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn poll(s: &Server, device_code: &str) -> reqwest::Response {
    token(s, "contoso", &[("grant_type", URN), ("client_id", DESKTOP), ("device_code", device_code)], None).await
}

/// The verification page: the code typed, then sign-in as alice, then the consent page.
pub async fn to_consent(agent: &mut Agent, s: &Server, typed: &str) -> Page {
    let page = agent.post(&format!("{}/contoso/device", s.base), &[("user_code", typed)]).await;
    assert!(page.is_signin(), "{}: {}", page.status, page.body);
    let page = agent.submit(&page, &[("username", "alice"), ("password", "correct horse battery staple")]).await;
    assert!(page.is_consent(), "{}: {}", page.status, page.body);
    page
}

async fn device_flow(backend: Backend) {
    let s = server_with(ServerOptions { backend, ..ServerOptions::default() }).await;
    let a = device_authorization(&s, "openid profile offline_access").await;
    let device_code = a["device_code"].as_str().unwrap();
    let user_code = a["user_code"].as_str().unwrap();
    expect_error(poll(&s, device_code).await, 400, "authorization_pending", 70016).await;

    // §3.3.1: verification_uri_complete pre-fills the form; nothing happens before the user submits.
    let mut agent = Agent::new(s.http(), &s.base);
    let prefilled = agent.get(a["verification_uri_complete"].as_str().unwrap()).await;
    assert_eq!(prefilled.status, 200);
    assert_eq!(prefilled.input("user_code").as_deref(), Some(user_code), "{}", prefilled.body);
    expect_error(poll(&s, device_code).await, 400, "slow_down", 88000220).await;

    // Case and separators do not matter; the consent page is shown even though nothing is remembered
    // yet, and accepting approves the device.
    let typed = user_code.replace('-', " ").to_lowercase();
    let consent = to_consent(&mut agent, &s, &typed).await;
    let done = agent.submit(&consent, &[("decision", "accept")]).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(done.body.contains("You can close this window"), "{}", done.body);

    // Polls race: exactly one gets the tokens (both a refresh token and an ID token: offline_access, openid).
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (http, url, code) = (s.http(), s.url("/contoso/oauth2/v2.0/token"), device_code.to_string());
            tokio::spawn(async move {
                http.post(url).form(&[("grant_type", URN), ("client_id", DESKTOP), ("device_code", &code)]).send().await
            })
        })
        .collect();
    let mut won = 0;
    for task in tasks {
        let r = task.await.unwrap().unwrap();
        if r.status() == 200 {
            let t: Value = r.json().await.unwrap();
            assert!(t["refresh_token"].is_string() && t["id_token"].is_string(), "{t}");
            assert_eq!(claims(t["access_token"].as_str().unwrap())["preferred_username"], "alice");
            won += 1;
        } else {
            expect_error(r, 400, "invalid_grant", 70000).await;
        }
    }
    assert_eq!(won, 1, "a device code yields tokens exactly once");
    expect_error(poll(&s, device_code).await, 400, "invalid_grant", 70000).await;
    // The same user code cannot be used again.
    let again = agent.post(&format!("{}/contoso/device", s.base), &[("user_code", user_code)]).await;
    assert_eq!(again.status, 400);
    assert!(again.body.contains("wrong or has expired"), "{}", again.body);

    // Declined on the consent page: the page says so (in Arabic, right to left) and the device gets access_denied.
    let b = device_authorization(&s, "openid").await;
    let mut ar = Agent::new(s.http(), &s.base);
    let consent = to_consent(&mut ar, &s, b["user_code"].as_str().unwrap()).await;
    let denied = ar.submit(&consent, &[("decision", "deny")]).await;
    assert_eq!(denied.status, 400, "{}", denied.body);
    assert!(denied.body.contains("88000221"), "{}", denied.body);
    expect_error(poll(&s, b["device_code"].as_str().unwrap()).await, 400, "access_denied", 88000221).await;

    // The page in Arabic is right to left.
    let rtl =
        s.http().get(s.url("/contoso/device?ui_locales=ar")).header("accept-language", "ar").send().await.unwrap();
    let body = rtl.text().await.unwrap();
    assert!(body.contains("dir=\"rtl\"") && body.contains("أدخل الرمز"), "{body}");
}

/// §5.1: wrong user codes are limited per source; the limit stops even a right code.
async fn guessing_is_throttled(backend: Backend) {
    let s = server_with(ServerOptions { backend, ..ServerOptions::default() }).await;
    let a = device_authorization(&s, "openid").await;
    let mut agent = Agent::new(s.http(), &s.base);
    let url = format!("{}/contoso/device", s.base);
    for guess in [
        "BCDF-GHJK",
        "not a code",
        "BCDFGHJA",
        "ZZZZ-ZZZZ",
        "XXXX-XXXX",
        "BBBB-BBBB",
        "CCCC-CCCC",
        "DDDD-DDDD",
        "FFFF-FFFF",
        "GGGG-GGGG",
    ] {
        let page = agent.post(&url, &[("user_code", guess)]).await;
        assert_eq!(page.status, 400, "{guess}: {}", page.body);
    }
    let page = agent.post(&url, &[("user_code", a["user_code"].as_str().unwrap())]).await;
    assert_eq!(page.status, 429, "{}", page.body);
    assert!(page.body.contains("88000222"), "{}", page.body);
}

#[tokio::test]
async fn device_flow_sqlite() {
    device_flow(Backend::Sqlite).await;
}

#[tokio::test]
async fn device_flow_postgres() {
    device_flow(Backend::Postgres).await;
}

#[tokio::test]
async fn device_code_guessing_is_throttled_sqlite() {
    guessing_is_throttled(Backend::Sqlite).await;
}

#[tokio::test]
async fn device_flow_refusals_sqlite() {
    device_flow_refusals(Backend::Sqlite).await;
}

#[tokio::test]
async fn device_flow_refusals_postgres() {
    device_flow_refusals(Backend::Postgres).await;
}
