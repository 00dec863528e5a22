//! Issue 20 items 1 and 2: token revocation (RFC 7009) and introspection (RFC 7662), on SQLite and
//! PostgreSQL, through a spawned server.
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use reqwest::Response;
use serde_json::Value;
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::common::*;

/// The public client of `examples/contoso.toml` (identifies itself with `client_id` only).
const DESKTOP: &str = "desktop-app";

/// POSTs a form to the tenant's revocation endpoint, with HTTP Basic client authentication when given.
async fn revoke(s: &Server, form: &[(&str, &str)], basic: Option<(&str, &str)>) -> Response {
    let mut r = s.http().post(s.url("/contoso/oauth2/v2.0/revoke")).form(form);
    if let Some((id, secret)) = basic {
        r = r.basic_auth(id, Some(secret));
    }
    r.send().await.expect("revocation request")
}

/// §2.2: 200 and nothing to read; returns the request's trace ID.
async fn revoked_ok(r: Response) -> String {
    let trace = r.headers().get("x-sigil-trace-id").unwrap().to_str().unwrap().to_string();
    let status = r.status();
    assert_eq!(status, 200, "{}", r.text().await.unwrap());
    trace
}

/// Access and refresh tokens of `alice` through `legacy-cli`'s password grant.
async fn alice_tokens(s: &Server) -> (String, String) {
    let r = token(
        s,
        "contoso",
        &[
            ("grant_type", "password"),
            ("username", "alice"),
            ("password", "correct horse battery staple"),
            ("scope", "openid offline_access"),
        ],
        Some(LEGACY),
    )
    .await;
    assert_eq!(r.status(), 200);
    let t: Value = r.json().await.unwrap();
    (t["access_token"].as_str().unwrap().into(), t["refresh_token"].as_str().unwrap().into())
}

async fn refresh(s: &Server, rt: &str) -> Response {
    token(s, "contoso", &[("grant_type", "refresh_token"), ("refresh_token", rt)], Some(LEGACY)).await
}

/// A successful refresh: the new access and refresh tokens.
async fn refreshed(s: &Server, rt: &str) -> (String, String) {
    let r = refresh(s, rt).await;
    assert_eq!(r.status(), 200);
    let t: Value = r.json().await.unwrap();
    (t["access_token"].as_str().unwrap().into(), t["refresh_token"].as_str().unwrap().into())
}

async fn userinfo_status(s: &Server, at: &str) -> u16 {
    s.http().get(s.url("/contoso/oidc/userinfo")).bearer_auth(at).send().await.unwrap().status().as_u16()
}

fn server(backend: Backend) -> impl Future<Output = Server> {
    server_with(ServerOptions { backend, ..ServerOptions::default() })
}

async fn revocation(backend: Backend) {
    let s = server(backend).await;
    let d = discovery(&s, "contoso").await;
    assert!(d["revocation_endpoint"].as_str().unwrap().ends_with("/oauth2/v2.0/revoke"), "{d}");
    assert_eq!(d["revocation_endpoint_auth_methods_supported"], d["token_endpoint_auth_methods_supported"]);

    let (at1, rt1) = alice_tokens(&s).await;
    assert_eq!(userinfo_status(&s, &at1).await, 200);
    // §2.1: a token of another client is not revoked, and the answer does not tell (200).
    revoked_ok(revoke(&s, &[("token", &rt1)], Some(PORTAL)).await).await;
    let trace = revoked_ok(revoke(&s, &[("token", &rt1), ("client_id", DESKTOP)], None).await).await;
    let rec = signin_record(&s, &trace).await;
    assert_eq!((&rec["flow"], &rec["client_id"]), (&"revoke".into(), &DESKTOP.into()), "{rec}");
    assert!(rec["reason"].as_str().unwrap().contains("issued to client 'legacy-cli': not revoked"), "{rec}");
    let (at2, rt2) = refreshed(&s, &rt1).await;
    assert_eq!(userinfo_status(&s, &at1).await, 200);

    // §2.2: unknown or unparseable tokens are 200; a missing token or bad credentials are errors.
    for junk in ["junk", "a.b.c", &at1[..at1.len() - 2]] {
        revoked_ok(revoke(&s, &[("token", junk)], Some(LEGACY)).await).await;
    }
    expect_error(revoke(&s, &[], Some(LEGACY)).await, 400, "invalid_request", 900144).await;
    let bad = (LEGACY.0, "wrong-secret-0123456789abcdef0123456789");
    let r = expect_error(revoke(&s, &[("token", &rt2)], Some(bad)).await, 401, "invalid_client", 7000215).await;
    assert_eq!(signin_record(&s, r.trace_id()).await["flow"], "revoke");

    // A refresh token (the hint is wrong, §2.1: only a hint) revokes its grant: every access token
    // of the grant fails at once, and no refresh token of it yields a token any more.
    let trace =
        revoked_ok(revoke(&s, &[("token", &rt2), ("token_type_hint", "access_token")], Some(LEGACY)).await).await;
    let rec = signin_record(&s, &trace).await;
    assert_eq!((&rec["flow"], &rec["client_id"], &rec["code"]), (&"revoke".into(), &LEGACY.0.into(), &0.into()));
    assert!(rec["reason"].as_str().unwrap().ends_with(" revoked"), "{rec}");
    for at in [&at1, &at2] {
        assert_eq!(userinfo_status(&s, at).await, 401);
    }
    expect_error(refresh(&s, &rt2).await, 400, "invalid_grant", 50173).await;
    expect_error(refresh(&s, &rt1).await, 400, "invalid_grant", 50173).await;
    // Revoking again is fine (§2.2).
    let trace = revoked_ok(revoke(&s, &[("token", &rt2)], Some(LEGACY)).await).await;
    assert!(signin_record(&s, &trace).await["reason"].as_str().unwrap().contains("already revoked"));

    // An access token is revoked by its jti (the hint names the other kind); its grant lives on.
    let (at3, rt3) = alice_tokens(&s).await;
    revoked_ok(revoke(&s, &[("token", &at3), ("token_type_hint", "refresh_token")], Some(PORTAL)).await).await;
    assert_eq!(userinfo_status(&s, &at3).await, 200, "another client's revocation changes nothing");
    let trace =
        revoked_ok(revoke(&s, &[("token", &at3), ("token_type_hint", "refresh_token")], Some(LEGACY)).await).await;
    let jti = claims(&at3)["jti"].as_str().unwrap().to_string();
    assert!(signin_record(&s, &trace).await["reason"].as_str().unwrap().contains(&jti));
    assert_eq!(userinfo_status(&s, &at3).await, 401);
    let (at4, _) = refreshed(&s, &rt3).await;
    assert_eq!(userinfo_status(&s, &at4).await, 200);
    // Unknown hint values are ignored.
    revoked_ok(revoke(&s, &[("token", &at4), ("token_type_hint", "id_token")], Some(LEGACY)).await).await;
    assert_eq!(userinfo_status(&s, &at4).await, 401);
}

#[tokio::test]
async fn revocation_of_refresh_and_access_tokens_sqlite() {
    revocation(Backend::Sqlite).await;
}

#[tokio::test]
async fn revocation_of_refresh_and_access_tokens_postgres() {
    revocation(Backend::Postgres).await;
}

/// Issue 20: under concurrent refreshes and a revocation, a refresh that starts after the
/// revocation answered never yields a token, and no token obtained in the race outlives it.
async fn revoked_refresh_token_never_yields_a_token(backend: Backend) {
    let s = Arc::new(server(backend).await);
    for round in 0..5 {
        let (_, rt) = alice_tokens(&s).await;
        let done = Arc::new(AtomicBool::new(false));
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let (s, rt, done) = (s.clone(), rt.clone(), done.clone());
            tasks.push(tokio::spawn(async move {
                let mut out = Vec::new();
                let mut rt = rt;
                for _ in 0..4 {
                    let after_revocation = done.load(Ordering::SeqCst);
                    let r = refresh(&s, &rt).await;
                    if r.status() != 200 {
                        break;
                    }
                    assert!(!after_revocation, "round {round}: a refresh after the revocation yielded a token");
                    let t: Value = r.json().await.unwrap();
                    out.push(t["access_token"].as_str().unwrap().to_string());
                    rt = t["refresh_token"].as_str().unwrap().to_string();
                    out.push(rt.clone());
                }
                out
            }));
        }
        tokio::task::yield_now().await;
        revoked_ok(revoke(&s, &[("token", &rt), ("token_type_hint", "refresh_token")], Some(LEGACY)).await).await;
        done.store(true, Ordering::SeqCst);
        let mut issued = Vec::new();
        for t in tasks {
            issued.extend(t.await.unwrap());
        }
        // Everything issued during the race is dead now.
        expect_error(refresh(&s, &rt).await, 400, "invalid_grant", 50173).await;
        for t in issued.chunks(2) {
            assert_eq!(userinfo_status(&s, &t[0]).await, 401, "round {round}");
            assert_eq!(refresh(&s, &t[1]).await.status(), 400, "round {round}");
        }
    }
}

#[tokio::test]
async fn a_revoked_refresh_token_never_yields_a_token_under_race_sqlite() {
    revoked_refresh_token_never_yields_a_token(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_revoked_refresh_token_never_yields_a_token_under_race_postgres() {
    revoked_refresh_token_never_yields_a_token(Backend::Postgres).await;
}
