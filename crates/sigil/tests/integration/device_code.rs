//! Issue 19 item 1: the device authorization grant (RFC 8628), on SQLite and PostgreSQL, through a
//! spawned server: the device authorization request and the token endpoint's answers to polling.
use serde_json::Value;
use sigil_testkit::{Backend, ServerOptions};

use crate::common::*;

/// The public client of `examples/contoso.toml` registered for `device_code`.
const DESKTOP: &str = "desktop-app";

async fn device_flow_refusals(backend: Backend) {
    let s = server_with(ServerOptions { backend, ..ServerOptions::default() }).await;
    let d = discovery(&s, "contoso").await;
    assert!(d["device_authorization_endpoint"].as_str().unwrap().ends_with("/oauth2/v2.0/devicecode"), "{d}");
    assert!(d["grant_types_supported"].as_array().unwrap().iter().any(|g| g == "urn:ietf:params:oauth:grant-type:device_code"));

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
    let poll = |gt: &'static str, code: String| {
        let s = &s;
        async move { token(s, "contoso", &[("grant_type", gt), ("client_id", DESKTOP), ("device_code", &code)], None).await }
    };
    let urn = "urn:ietf:params:oauth:grant-type:device_code";
    expect_error(poll(urn, device_code.into()).await, 400, "authorization_pending", 70016).await;
    // Polled again at once: slow_down, and the raised interval is remembered.
    expect_error(poll("device_code", device_code.into()).await, 400, "slow_down", 88000220).await;
    expect_error(poll(urn, device_code.into()).await, 400, "slow_down", 88000220).await;
    // Unknown code, and a code presented by another client: invalid_grant.
    expect_error(poll(urn, "not-a-device-code".into()).await, 400, "invalid_grant", 70000).await;
    let other = token(&s, "contoso", &[("grant_type", urn), ("device_code", device_code)], Some(LEGACY)).await;
    expect_error(other, 400, "unauthorized_client", 88000011).await;
}

#[tokio::test]
async fn device_flow_refusals_sqlite() {
    device_flow_refusals(Backend::Sqlite).await;
}

#[tokio::test]
async fn device_flow_refusals_postgres() {
    device_flow_refusals(Backend::Postgres).await;
}
