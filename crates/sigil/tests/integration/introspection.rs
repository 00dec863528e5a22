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

/// Resource servers for the introspection tests, on top of the default fixtures.
const RESOURCE_SERVERS: &str = r#"
[[tenant]]
name = "contoso"
  [[tenant.client]]
  client_id = "reports-api"
  grant_types = ["client_credentials"]
  introspect = ["api://reports"]
    [[tenant.client.secret]]
    value = "reports-api-secret-0123456789abcdef-0123"

  [[tenant.client]]
  client_id = "billing-api"
  grant_types = ["client_credentials"]
  introspect = ["api://billing"]
    [[tenant.client.secret]]
    value = "billing-api-secret-0123456789abcdef-0123"

  [[tenant.client]]
  client_id = "short-daemon"
  grant_types = ["client_credentials"]
  access_token_lifetime = 1
    [[tenant.client.permission]]
    api = "api://reports"
    roles = ["Reports.Read.All"]
    [[tenant.client.secret]]
    value = "short-daemon-secret-0123456789abcdef-012"
"#;

const REPORTS_API: (&str, &str) = ("reports-api", "reports-api-secret-0123456789abcdef-0123");
const BILLING_API: (&str, &str) = ("billing-api", "billing-api-secret-0123456789abcdef-0123");

async fn introspect_as(s: &Server, form: &[(&str, &str)], basic: Option<(&str, &str)>) -> Response {
    let mut r = s.http().post(s.url("/contoso/oauth2/v2.0/introspect")).form(form);
    if let Some((id, secret)) = basic {
        r = r.basic_auth(id, Some(secret));
    }
    r.send().await.expect("introspection request")
}

/// §2.2: 200 with a JSON object.
async fn introspected(s: &Server, token: &str, basic: (&str, &str)) -> Value {
    let r = introspect_as(s, &[("token", token)], Some(basic)).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    r.json().await.unwrap()
}

/// RFC 9701 §4, §5: the answer as a JWT, its signature checked against the tenant's JWKS.
async fn jwt_answer(s: &Server, token: &str, basic: (&str, &str)) -> Value {
    let r = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/introspect"))
        .header("accept", "application/token-introspection+jwt")
        .form(&[("token", token)])
        .basic_auth(basic.0, Some(basic.1))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/token-introspection+jwt");
    assert_eq!(r.headers()["cache-control"], "no-store");
    let jwt = r.text().await.unwrap();
    let h = header(&jwt);
    assert_eq!((&h["typ"], &h["alg"]), (&"token-introspection+jwt".into(), &"RS256".into()), "{h}");
    crate::token::verify_with_jwks(s, "contoso", &jwt).await
}

fn inactive() -> Value {
    serde_json::json!({"active": false})
}

async fn client_credentials(s: &Server, tenant: &str, client: (&str, &str), scope: &str) -> String {
    let r = token(s, tenant, &[("grant_type", "client_credentials"), ("scope", scope)], Some(client)).await;
    assert_eq!(r.status(), 200);
    r.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string()
}

async fn introspection(backend: Backend) {
    let dir = sigil_testkit::db::temp_dir("introspect");
    let f = dir.join("resource-servers.toml");
    std::fs::write(&f, RESOURCE_SERVERS).unwrap();
    let mut opts = ServerOptions { backend, ..ServerOptions::default() };
    opts.imports.push(f);
    let s = server_with(opts).await;

    // Discovery: advertised where a client may introspect, without `none`; not elsewhere.
    let d = discovery(&s, "contoso").await;
    assert!(d["introspection_endpoint"].as_str().unwrap().ends_with("/oauth2/v2.0/introspect"), "{d}");
    let methods = d["introspection_endpoint_auth_methods_supported"].as_array().unwrap();
    assert!(!methods.is_empty() && !methods.contains(&"none".into()), "{d}");
    assert_eq!(d["introspection_signing_alg_values_supported"], serde_json::json!(["RS256"]));
    assert!(discovery(&s, "fabrikam").await.get("introspection_endpoint").is_none());

    // Refusals: a client without the setting (a public one too), bad credentials, no token.
    let t = client_credentials(&s, "contoso", DAEMON, "api://reports/.default").await;
    let r = expect_error(introspect_as(&s, &[("token", &t)], Some(DAEMON)).await, 400, "unauthorized_client", 88000200)
        .await;
    let rec = signin_record(&s, r.trace_id()).await;
    assert_eq!((&rec["flow"], &rec["client_id"]), (&"introspect".into(), &DAEMON.0.into()), "{rec}");
    expect_error(
        introspect_as(&s, &[("token", &t), ("client_id", DESKTOP)], None).await,
        400,
        "unauthorized_client",
        88000200,
    )
    .await;
    let bad = (REPORTS_API.0, "wrong-secret-0123456789abcdef0123456789");
    expect_error(introspect_as(&s, &[("token", &t)], Some(bad)).await, 401, "invalid_client", 7000215).await;
    expect_error(introspect_as(&s, &[], Some(REPORTS_API)).await, 400, "invalid_request", 900144).await;

    // A live client-credentials token of the caller's API: the standard members (§2.2).
    let c = claims(&t);
    let v = introspected(&s, &t, REPORTS_API).await;
    assert_eq!(v["active"], true, "{v}");
    for k in ["client_id", "sub", "aud", "iss", "exp", "iat", "nbf", "jti"] {
        assert_eq!(v[k], c[k], "{k}: {v}");
    }
    assert_eq!((&v["token_type"], &v["client_id"]), (&"Bearer".into(), &DAEMON.0.into()), "{v}");
    assert!(v.get("username").is_none(), "{v}");
    // Another API's resource server sees nothing.
    assert_eq!(introspected(&s, &t, BILLING_API).await, inactive());
    // RFC 9701: the same answers as signed JWTs when asked for.
    for (caller, answer) in [(REPORTS_API, &v), (BILLING_API, &inactive())] {
        let c = jwt_answer(&s, &t, caller).await;
        assert_eq!((&c["iss"], &c["aud"]), (&d["issuer"], &caller.0.into()), "{c}");
        assert!(c["iat"].is_i64() && c.get("sub").is_none() && c.get("exp").is_none(), "{c}");
        assert_eq!(&c["token_introspection"], answer);
    }

    // A user token: username and scope; its revocation (the grant, by the refresh token) makes it inactive.
    let r = token(
        &s,
        "contoso",
        &[
            ("grant_type", "password"),
            ("username", "alice"),
            ("password", "correct horse battery staple"),
            ("scope", "offline_access api://reports/Reports.Read"),
        ],
        Some(LEGACY),
    )
    .await;
    let tokens: Value = r.json().await.unwrap();
    let (at, rt) = (tokens["access_token"].as_str().unwrap(), tokens["refresh_token"].as_str().unwrap());
    let v = introspected(&s, at, REPORTS_API).await;
    assert_eq!(
        (&v["active"], &v["username"], &v["scope"]),
        (&true.into(), &"alice".into(), &claims(at)["scope"]),
        "{v}"
    );
    assert_eq!(v["sub"], claims(at)["sub"]);
    // A refresh token is never active, whatever the hint.
    let r = introspect_as(&s, &[("token", rt), ("token_type_hint", "refresh_token")], Some(REPORTS_API)).await;
    assert_eq!(r.json::<Value>().await.unwrap(), inactive());
    revoked_ok(revoke(&s, &[("token", rt)], Some(LEGACY)).await).await;
    assert_eq!(introspected(&s, at, REPORTS_API).await, inactive());

    // A token revoked by its jti.
    revoked_ok(revoke(&s, &[("token", &t)], Some(DAEMON)).await).await;
    let r = introspect_as(&s, &[("token", &t)], Some(REPORTS_API)).await;
    let trace = r.headers()["x-sigil-trace-id"].to_str().unwrap().to_string();
    assert_eq!(r.json::<Value>().await.unwrap(), inactive());
    let rec = signin_record(&s, &trace).await;
    assert!(rec["reason"].as_str().unwrap().contains("revoked"), "{rec}");

    // A token whose audience is a client (openid only), another tenant's, junk, an expired one.
    let (openid_at, _) = alice_tokens(&s).await;
    assert_eq!(introspected(&s, &openid_at, REPORTS_API).await, inactive());
    let fab = client_credentials(
        &s,
        "fabrikam",
        ("fab-daemon", "fabrikam-daemon-secret-0123456789abcdef01"),
        "https://graph.fabrikam.example/.default",
    )
    .await;
    assert_eq!(introspected(&s, &fab, REPORTS_API).await, inactive());
    assert_eq!(introspected(&s, "junk", REPORTS_API).await, inactive());
    let short = client_credentials(
        &s,
        "contoso",
        ("short-daemon", "short-daemon-secret-0123456789abcdef-012"),
        "api://reports/.default",
    )
    .await;
    assert_eq!(introspected(&s, &short, REPORTS_API).await["active"], true);
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert_eq!(introspected(&s, &short, REPORTS_API).await, inactive());

    // The setting round-trips through the store: importing the file again changes nothing.
    let out = s.cli(&["import", &dir.join("resource-servers.toml").display().to_string()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("no changes"), "{}", String::from_utf8_lossy(&out.stdout));
    // The setting through the CLI: checked against the tenant's APIs.
    let out = s.cli(&["client", "update", "--tenant", "contoso", DAEMON.0, "--introspect", "api://nowhere"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("api://nowhere"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = s.cli(&["client", "update", "--tenant", "contoso", DAEMON.0, "--introspect", "api://billing", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["introspect"], serde_json::json!(["api://billing"]));
    let out = s.cli(&["client", "update", "--tenant", "contoso", DESKTOP, "--introspect", "api://reports"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("public client cannot introspect"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn introspection_answers_for_the_callers_apis_only_sqlite() {
    introspection(Backend::Sqlite).await;
}

#[tokio::test]
async fn introspection_answers_for_the_callers_apis_only_postgres() {
    introspection(Backend::Postgres).await;
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
