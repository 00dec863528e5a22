//! Token exchange (RFC 8693) against a spawned server: `exchanger` may exchange users' tokens for
//! `api://middle` into tokens for `api://downstream` (its `token_exchange` policy in
//! `crates/sigil-testkit/fixtures/obo.toml`); impersonation, delegation with `act`, every refusal
//! of the policy and of the tokens, and the exchanged grant revoked with the subject's.
use serde_json::Value;
use sigil_testkit::{Backend, Server};

use crate::common::*;
use crate::on_behalf_of::{DOWNSTREAM, FRONT, obo_options, user_token};

pub const EXCHANGER: (&str, &str) = ("exchanger", "exchanger-secret-0123456789abcdef-012345678");
const TOKEN_EXCHANGE: &str = "urn:ietf:params:oauth:grant-type:token-exchange";
const ACCESS_TOKEN: &str = "urn:ietf:params:oauth:token-type:access_token";

pub async fn exchange(s: &Server, client: (&str, &str), extra: &[(&str, &str)]) -> reqwest::Response {
    let mut form = vec![("grant_type", TOKEN_EXCHANGE)];
    form.extend_from_slice(extra);
    token(s, "obo", &form, Some(client)).await
}

/// The front end's application token for api://middle: an actor, or a subject naming no user.
pub async fn app_token(s: &Server) -> String {
    let b: Value =
        token(s, "obo", &[("grant_type", "client_credentials"), ("scope", "api://middle/.default")], Some(FRONT))
            .await
            .json()
            .await
            .unwrap();
    b["access_token"].as_str().unwrap().to_string()
}

async fn flow(backend: Backend) {
    let s = server_with(obo_options(backend)).await;
    let front = user_token(&s, FRONT).await;
    let subject = front["access_token"].as_str().unwrap();
    let user = claims(subject);

    // Impersonation: the user's token for api://middle becomes one for api://downstream.
    let r = exchange(
        &s,
        EXCHANGER,
        &[("subject_token", subject), ("subject_token_type", ACCESS_TOKEN), ("audience", "api://downstream")],
    )
    .await;
    assert_eq!(r.status(), 200);
    let b: Value = r.json().await.unwrap();
    assert_eq!(b["issued_token_type"], ACCESS_TOKEN);
    assert_eq!(b["token_type"], "Bearer");
    assert!(b.get("refresh_token").is_none(), "{b}");
    let c = claims(b["access_token"].as_str().unwrap());
    assert_eq!(
        (&c["aud"], &c["scope"], &c["client_id"]),
        (&"api://downstream".into(), &"Data.Read".into(), &"exchanger".into())
    );
    assert_eq!((&c["sub"], &c["oid"]), (&user["sub"], &user["oid"]));
    assert!(c.get("act").is_none(), "{c}");

    // Delegation: the front end's application token acts for the user (§4.1 `act`), `resource`
    // and `scope` naming the target instead of `audience`.
    let actor = app_token(&s).await;
    let r = exchange(
        &s,
        EXCHANGER,
        &[
            ("subject_token", subject),
            ("subject_token_type", ACCESS_TOKEN),
            ("actor_token", &actor),
            ("actor_token_type", ACCESS_TOKEN),
            ("resource", "api://downstream"),
            ("scope", "api://downstream/Data.Read"),
            ("requested_token_type", ACCESS_TOKEN),
        ],
    )
    .await;
    assert_eq!(r.status(), 200);
    let delegated = r.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string();
    let c = claims(&delegated);
    assert_eq!(c["act"], serde_json::json!({"sub": claims(&actor)["sub"], "client_id": "front"}));
    assert_eq!(c["sub"], user["sub"]);
    // RFC 8693 §4.1: introspection shows the actor too.
    let i: Value = s
        .http()
        .post(s.url("/obo/oauth2/v2.0/introspect"))
        .basic_auth(DOWNSTREAM.0, Some(DOWNSTREAM.1))
        .form(&[("token", delegated.as_str())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!((&i["active"], &i["act"]), (&Value::Bool(true), &c["act"]), "{i}");

    // The subject's grant revoked (RFC 7009 on the front end's refresh token): its tokens are no
    // subject any more.
    let revoked = s
        .http()
        .post(s.url("/obo/oauth2/v2.0/revoke"))
        .basic_auth(FRONT.0, Some(FRONT.1))
        .form(&[("token", front["refresh_token"].as_str().unwrap())])
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 200);
    let r = exchange(
        &s,
        EXCHANGER,
        &[("subject_token", subject), ("subject_token_type", ACCESS_TOKEN), ("audience", "api://downstream")],
    )
    .await;
    expect_error(r, 400, "invalid_request", 88000322).await;
}

#[tokio::test]
async fn token_exchange_sqlite() {
    flow(Backend::Sqlite).await;
}

#[tokio::test]
async fn token_exchange_postgres() {
    flow(Backend::Postgres).await;
}

#[tokio::test]
async fn refusals() {
    let s = server_with(obo_options(Backend::Sqlite)).await;
    let front = user_token(&s, FRONT).await;
    let subject = front["access_token"].as_str().unwrap();
    let st = ("subject_token_type", ACCESS_TOKEN);
    let down = ("audience", "api://downstream");

    // Policy: a target it does not list (by audience, by scope), a subject audience it does not list.
    let r = exchange(&s, EXCHANGER, &[("subject_token", subject), st, ("audience", "api://middle")]).await;
    expect_error(r, 400, "invalid_target", 88000325).await;
    let r = exchange(&s, EXCHANGER, &[("subject_token", subject), st, ("scope", "api://middle/access_as_user")]).await;
    expect_error(r, 400, "invalid_target", 88000325).await;
    let b: Value = exchange(&s, EXCHANGER, &[("subject_token", subject), st, down]).await.json().await.unwrap();
    let downstream_token = b["access_token"].as_str().unwrap();
    let r = exchange(&s, EXCHANGER, &[("subject_token", downstream_token), st, down]).await;
    expect_error(r, 400, "invalid_request", 88000324).await;
    // A target that is no API; audience and resource disagreeing.
    let r = exchange(&s, EXCHANGER, &[("subject_token", subject), st, ("audience", "api://nowhere")]).await;
    expect_error(r, 400, "invalid_target", 88000210).await;
    let r = exchange(&s, EXCHANGER, &[("subject_token", subject), st, down, ("resource", "api://middle")]).await;
    assert_eq!(r.status(), 400);
    // No target at all.
    let r = exchange(&s, EXCHANGER, &[("subject_token", subject), st]).await;
    expect_error(r, 400, "invalid_target", 88000210).await;

    // Subject and actor tokens.
    let r = exchange(&s, EXCHANGER, &[("subject_token", "not-a-jwt"), st, down]).await;
    expect_error(r, 400, "invalid_request", 88000322).await;
    let app = app_token(&s).await;
    let r = exchange(&s, EXCHANGER, &[("subject_token", &app), st, down]).await;
    expect_error(r, 400, "invalid_request", 88000322).await;
    let r = exchange(
        &s,
        EXCHANGER,
        &[("subject_token", subject), st, down, ("actor_token", "not-a-jwt"), ("actor_token_type", ACCESS_TOKEN)],
    )
    .await;
    expect_error(r, 400, "invalid_request", 88000323).await;
    let r = exchange(&s, EXCHANGER, &[("subject_token", subject), st, down, ("actor_token", &app)]).await;
    expect_error(r, 400, "invalid_request", 900144).await;
    let r = exchange(&s, EXCHANGER, &[("subject_token", subject), st, down, ("actor_token_type", ACCESS_TOKEN)]).await;
    expect_error(r, 400, "invalid_request", 9002313).await;

    // Token types (§3).
    let id_type = "urn:ietf:params:oauth:token-type:id_token";
    let r = exchange(&s, EXCHANGER, &[("subject_token", subject), ("subject_token_type", id_type), down]).await;
    expect_error(r, 400, "invalid_request", 88000326).await;
    let r = exchange(&s, EXCHANGER, &[("subject_token", subject), st, down, ("requested_token_type", id_type)]).await;
    expect_error(r, 400, "invalid_request", 88000326).await;
    let r = exchange(&s, EXCHANGER, &[("subject_token", subject), down]).await;
    expect_error(r, 400, "invalid_request", 900144).await;

    // A client without the grant; the short name is no grant_type on the wire.
    let r = exchange(&s, FRONT, &[("subject_token", subject), st, down]).await;
    expect_error(r, 400, "unauthorized_client", 88000011).await;
    let short = [("grant_type", "token_exchange"), ("subject_token", subject), st, down];
    expect_error(token(&s, "obo", &short, Some(EXCHANGER)).await, 400, "unsupported_grant_type", 70003).await;

    let d = discovery(&s, "obo").await;
    assert!(d["grant_types_supported"].as_array().unwrap().iter().any(|g| g == TOKEN_EXCHANGE), "{d}");
    let d = discovery(&s, "contoso").await;
    assert!(!d["grant_types_supported"].as_array().unwrap().iter().any(|g| g == TOKEN_EXCHANGE), "{d}");
}
