//! Issue 20 item 3: resource indicators (RFC 8707) at the authorization and token endpoints, on
//! SQLite and PostgreSQL, through a spawned server. A `resource` is an API's identifier.
use serde_json::{Value, json};
use sigil_testkit::browser::{Agent, param};
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::common::*;

/// A client holding delegated scopes and application roles on both APIs of `contoso`.
const CLIENTS: &str = r#"
[[tenant]]
name = "contoso"
  [[tenant.client]]
  client_id = "two-apis"
  grant_types = ["authorization_code", "refresh_token", "client_credentials", "password"]
  redirect_uris = ["http://127.0.0.1:7000/cb"]
    [[tenant.client.permission]]
    api = "api://reports"
    scopes = ["Reports.Read"]
    roles = ["Reports.Read.All"]
    [[tenant.client.permission]]
    api = "api://billing"
    scopes = ["Billing.Read"]
    roles = ["Billing.Admin"]
    [[tenant.client.secret]]
    value = "two-apis-secret-0123456789abcdef-01234567"
"#;

const TWO: (&str, &str) = ("two-apis", "two-apis-secret-0123456789abcdef-01234567");
const REDIRECT: &str = "http://127.0.0.1:7000/cb";
const CHALLENGE: &str = "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

async fn start(backend: Backend) -> Server {
    let dir = sigil_testkit::db::temp_dir("resource");
    let f = dir.join("two-apis.toml");
    std::fs::write(&f, CLIENTS).unwrap();
    let mut opts = ServerOptions { backend, ..ServerOptions::default() };
    opts.imports.push(f);
    server_with(opts).await
}

/// A successful token response.
async fn ok(s: &Server, form: &[(&str, &str)], basic: Option<(&str, &str)>) -> Value {
    let r = token(s, "contoso", form, basic).await;
    let status = r.status();
    let body: Value = r.json().await.unwrap();
    assert_eq!(status, 200, "{form:?}: {body}");
    body
}

async fn target_refused(s: &Server, form: &[(&str, &str)], basic: Option<(&str, &str)>) {
    expect_error(token(s, "contoso", form, basic).await, 400, "invalid_target", 88000210).await;
}

async fn client_credentials(s: &Server) {
    let cc = |extra: &[(&'static str, &'static str)]| {
        let mut f = vec![("grant_type", "client_credentials")];
        f.extend_from_slice(extra);
        f
    };
    // §2.2: the resource is the audience; with no scope, or `.default`, every role held there.
    for (form, aud, roles) in [
        (cc(&[("resource", "api://reports")]), "api://reports", json!(["Reports.Read.All"])),
        (cc(&[("resource", "api://billing"), ("scope", ".default")]), "api://billing", json!(["Billing.Admin"])),
        (
            cc(&[("resource", "api://billing"), ("scope", "api://billing/.default")]),
            "api://billing",
            json!(["Billing.Admin"]),
        ),
        (
            cc(&[("resource", "api://reports"), ("scope", "api://reports/Reports.Read.All")]),
            "api://reports",
            json!(["Reports.Read.All"]),
        ),
        // Without `resource`, unchanged: the scope names the API.
        (cc(&[("scope", "api://billing/.default")]), "api://billing", json!(["Billing.Admin"])),
    ] {
        let t = ok(s, &form, Some(TWO)).await;
        let c = claims(t["access_token"].as_str().unwrap());
        assert_eq!((c["aud"].as_str(), &c["roles"]), (Some(aud), &roles), "{form:?}");
    }
    // Unknown API, not an absolute URI, a fragment, a scope of another API, two resources, an API
    // the client holds no role on (the daemon has none on billing).
    for form in [
        cc(&[("resource", "api://nope")]),
        cc(&[("resource", "reports")]),
        cc(&[("resource", "api://reports#frag")]),
        cc(&[("resource", "api://reports"), ("scope", "api://billing/.default")]),
        cc(&[("resource", "api://reports"), ("resource", "api://billing")]),
    ] {
        target_refused(s, &form, Some(TWO)).await;
    }
    target_refused(s, &cc(&[("resource", "api://billing")]), Some(DAEMON)).await;
    // Repetition is allowed for `resource` only, and up to a cap.
    let many: Vec<(&str, &str)> = std::iter::once(("grant_type", "client_credentials"))
        .chain((0..11).map(|_| ("resource", "api://reports")))
        .collect();
    target_refused(s, &many, Some(TWO)).await;
    let twice = cc(&[("scope", "api://reports/.default"), ("scope", "api://reports/.default")]);
    expect_error(token(s, "contoso", &twice, Some(TWO)).await, 400, "invalid_request", 88000002).await;
}

fn access(t: &Value) -> Value {
    claims(t["access_token"].as_str().unwrap())
}

async fn several_resources_one_grant(s: &Server) {
    let authorize = |extra: &str| {
        format!(
            "/contoso/oauth2/v2.0/authorize?client_id=two-apis&response_type=code&redirect_uri={REDIRECT}&state=st&{CHALLENGE}{extra}"
        )
    };
    // §2.1: two resources, one grant; a resource no scope names brings what the client holds there.
    let url = authorize(
        "&scope=openid%20offline_access%20api://reports/Reports.Read&resource=api://reports&resource=api%3A%2F%2Fbilling",
    );
    let mut agent = Agent::new(s.http(), &s.base);
    let landed = agent.sign_in(&url, "alice", "correct horse battery staple").await;
    let code = param(&landed, "code").unwrap_or_else(|| panic!("{landed}"));
    let redeem = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
        ("resource", "api://billing"),
    ];
    // An unknown resource is refused before the code is spent.
    let mut unknown = redeem.to_vec();
    unknown[4] = ("resource", "api://nope");
    target_refused(s, &unknown, Some(TWO)).await;
    let t = ok(s, &redeem, Some(TWO)).await;
    let c = access(&t);
    assert_eq!((c["aud"].as_str(), c["scope"].as_str()), (Some("api://billing"), Some("Billing.Read")), "{c}");
    assert_eq!(t["scope"], "openid offline_access api://billing/Billing.Read");
    let mut rt = t["refresh_token"].as_str().unwrap().to_string();

    // §2.2: the refresh token gives a token for either resource, with only its scopes.
    for (resource, aud, scope) in [
        (Some("api://reports"), "api://reports", "Reports.Read"),
        (Some("api://billing"), "api://billing", "Billing.Read"),
        // No resource: Entra's rule, one API per token, the first of the grant.
        (None, "api://reports", "Reports.Read"),
        (Some("api://reports"), "api://reports", "Reports.Read"),
    ] {
        let mut f = vec![("grant_type", "refresh_token"), ("refresh_token", rt.as_str())];
        f.extend(resource.map(|r| ("resource", r)));
        let t = ok(s, &f, Some(TWO)).await;
        let c = access(&t);
        assert_eq!((c["aud"].as_str(), c["scope"].as_str()), (Some(aud), Some(scope)), "{resource:?}: {c}");
        rt = t["refresh_token"].as_str().unwrap().to_string();
    }
    // The scope parameter still narrows (RFC 6749 §6), and names the API without `resource`.
    let t = ok(
        s,
        &[("grant_type", "refresh_token"), ("refresh_token", &rt), ("scope", "api://billing/.default")],
        Some(TWO),
    )
    .await;
    assert_eq!(access(&t)["aud"], "api://billing");
    rt = t["refresh_token"].as_str().unwrap().to_string();
    // A resource the grant does not cover, or two at once: refused, and the token stays usable.
    target_refused(
        s,
        &[("grant_type", "refresh_token"), ("refresh_token", &rt), ("resource", "api://nope")],
        Some(TWO),
    )
    .await;
    let two = [
        ("grant_type", "refresh_token"),
        ("refresh_token", &rt),
        ("resource", "api://reports"),
        ("resource", "api://billing"),
    ];
    target_refused(s, &two, Some(TWO)).await;
    let t = ok(s, &[("grant_type", "refresh_token"), ("refresh_token", &rt), ("resource", "api://reports")], Some(TWO))
        .await;
    assert_eq!(access(&t)["aud"], "api://reports");

    // A grant of one API does not cover the other: the portal holds only reports.
    let t = ok(
        s,
        &[
            ("grant_type", "password"),
            ("username", "alice"),
            ("password", "correct horse battery staple"),
            ("scope", "openid offline_access"),
            ("resource", "api://reports"),
        ],
        Some(TWO),
    )
    .await;
    let c = access(&t);
    assert_eq!((c["aud"].as_str(), c["scope"].as_str()), (Some("api://reports"), Some("Reports.Read")), "{c}");
    let rt = t["refresh_token"].as_str().unwrap();
    target_refused(
        s,
        &[("grant_type", "refresh_token"), ("refresh_token", rt), ("resource", "api://billing")],
        Some(TWO),
    )
    .await;

    // At the authorization endpoint an unknown resource, or a scope of an API no resource names,
    // is `invalid_target` in the redirect (RFC 8707 §2, RFC 6749 §4.1.2.1).
    for extra in [
        "&scope=openid&resource=api://nope",
        "&scope=openid%20api://billing/Billing.Read&resource=api://reports",
        "&scope=openid&resource=api://reports%23x",
    ] {
        let page = agent.get(&authorize(extra)).await;
        let to = page.location.unwrap_or_else(|| panic!("{extra}: no redirect: {}", page.body));
        assert!(to.starts_with(REDIRECT), "{to}");
        assert_eq!(param(&to, "error").as_deref(), Some("invalid_target"), "{extra}: {to}");
    }
}

async fn resource_indicators(backend: Backend) {
    let s = start(backend).await;
    client_credentials(&s).await;
    several_resources_one_grant(&s).await;
}

#[tokio::test]
async fn resource_indicators_sqlite() {
    resource_indicators(Backend::Sqlite).await;
}

#[tokio::test]
async fn resource_indicators_postgres() {
    resource_indicators(Backend::Postgres).await;
}
