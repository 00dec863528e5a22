//! Pushed authorization requests (RFC 9126) through a spawned server: push, then authorize with
//! `request_uri` and redeem; single use (50 concurrent uses on both databases → one); refusals;
//! `require_pushed_authorization_requests`; DPoP at the PAR endpoint binding the code (RFC 9449 §10.1).
use reqwest::Response;
use serde_json::Value;
use sigil_testkit::browser::{Agent, param};
use sigil_testkit::{Backend, Server};

use crate::common::*;
use crate::dpop::{DESKTOP, DpopKey, FAPI_APP, NATIVE_REDIRECT, TOKEN_PATH, options, pkce, token_dpop};

const PAR_PATH: &str = "/contoso/oauth2/v2.0/par";

async fn push(s: &Server, form: &[(&str, &str)], dpop: Option<&str>) -> Response {
    let mut r = s.http().post(s.url(PAR_PATH)).form(form);
    if let Some(p) = dpop {
        r = r.header("dpop", p);
    }
    r.send().await.expect("PAR request")
}

/// A pushed request of `client_id` with PKCE: its `request_uri` and the PKCE verifier.
async fn pushed(s: &Server, client_id: &str, dpop: Option<&str>) -> (String, String) {
    let (verifier, challenge) = pkce();
    let r = push(
        s,
        &[
            ("client_id", client_id),
            ("response_type", "code"),
            ("redirect_uri", NATIVE_REDIRECT),
            ("scope", "openid offline_access"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
            ("state", "st-1"),
        ],
        dpop,
    )
    .await;
    assert_eq!(r.status(), 201);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let b: Value = r.json().await.unwrap();
    assert_eq!(b["expires_in"], 60);
    let uri = b["request_uri"].as_str().unwrap().to_string();
    assert!(uri.starts_with("urn:ietf:params:oauth:request_uri:"), "{uri}");
    (uri, verifier)
}

fn authorize_url(s: &Server, client_id: &str, request_uri: &str) -> String {
    let mut url = url::Url::parse(&s.url("/contoso/oauth2/v2.0/authorize")).unwrap();
    url.query_pairs_mut().append_pair("client_id", client_id).append_pair("request_uri", request_uri);
    url.to_string()
}

#[tokio::test]
async fn pushed_request_code_flow_and_refusals() {
    let s = server_with(options(Backend::Sqlite)).await;
    let d = discovery(&s, "contoso").await;
    assert!(d["pushed_authorization_request_endpoint"].as_str().unwrap().ends_with("/oauth2/v2.0/par"), "{d}");
    assert_eq!(d["require_pushed_authorization_requests"], false);

    // Push, authorize with request_uri only, redeem: the pushed parameters are the request.
    let (uri, verifier) = pushed(&s, DESKTOP, None).await;
    let mut agent = Agent::new(s.http(), &s.base);
    let landed = agent.sign_in(&authorize_url(&s, DESKTOP, &uri), "alice", "correct horse battery staple").await;
    assert!(landed.starts_with(NATIVE_REDIRECT), "{landed}");
    assert_eq!(param(&landed, "state").as_deref(), Some("st-1"));
    let code = param(&landed, "code").unwrap();
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", DESKTOP),
        ("code", &code),
        ("redirect_uri", NATIVE_REDIRECT),
        ("code_verifier", &verifier),
    ];
    let t = token(&s, "contoso", &form, None).await;
    assert_eq!(t.status(), 200);

    // §4: used once; only by the client that pushed it; only a Sigil request_uri.
    let page = s.http().get(authorize_url(&s, DESKTOP, &uri)).send().await.unwrap();
    assert_eq!(page.status(), 400);
    assert!(page.text().await.unwrap().contains("SIGIL88000350"));
    let (uri2, _) = pushed(&s, DESKTOP, None).await;
    let page = s.http().get(authorize_url(&s, "web-portal", &uri2)).send().await.unwrap();
    assert!(page.text().await.unwrap().contains("SIGIL88000350"), "another client's request_uri");
    // RFC 9101 §6.2: a request_uri that is not a pushed request is request_uri_not_supported.
    let page = s.http().get(authorize_url(&s, DESKTOP, "https://evil.example/req")).send().await.unwrap();
    assert!(page.text().await.unwrap().contains("SIGIL88000424"));
    // ...and the other client's attempt did not use it up.
    let page = s.http().get(authorize_url(&s, DESKTOP, &uri2)).send().await.unwrap();
    assert_eq!(page.status(), 200);

    // §2.1: request_uri is not a pushed parameter; the request is validated as at /authorize,
    // its errors are JSON (§2.3); the client authenticates as at the token endpoint.
    let r = push(&s, &[("client_id", DESKTOP), ("response_type", "code"), ("request_uri", "urn:x")], None).await;
    expect_error(r, 400, "invalid_request", 88000004).await;
    let r = push(
        &s,
        &[("client_id", DESKTOP), ("response_type", "code"), ("redirect_uri", "https://evil.example/cb")],
        None,
    )
    .await;
    expect_error(r, 400, "invalid_request", 50011).await;
    let r =
        push(&s, &[("client_id", DESKTOP), ("response_type", "code"), ("redirect_uri", NATIVE_REDIRECT)], None).await;
    expect_error(r, 400, "invalid_request", 9002325).await;
    let r = s
        .http()
        .post(s.url(PAR_PATH))
        .basic_auth(PORTAL.0, Some("wrong-secret-0123456789abcdef0123456789"))
        .form(&[("response_type", "code")])
        .send()
        .await
        .unwrap();
    expect_error(r, 401, "invalid_client", 7000215).await;

    // RFC 9126 §6: a client that must push cannot send its request directly.
    let (_, challenge) = pkce();
    let mut direct = url::Url::parse(&s.url("/contoso/oauth2/v2.0/authorize")).unwrap();
    direct
        .query_pairs_mut()
        .append_pair("client_id", FAPI_APP)
        .append_pair("response_type", "code")
        .append_pair("redirect_uri", NATIVE_REDIRECT)
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256");
    let r = s.http().get(direct.as_str()).send().await.unwrap();
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(param(&location, "error").as_deref(), Some("invalid_request"), "{location}");
    assert_eq!(param(&location, "error_codes").as_deref(), Some("88000351"));

    // The CLI sets the three client settings; `client show` tells; the directory reloads them.
    let out = s.cli(&[
        "client",
        "update",
        "--tenant",
        "contoso",
        DESKTOP,
        "--require-pushed-authorization-requests",
        "true",
        "--dpop-bound-access-tokens",
        "true",
        "--require-dpop-nonce",
        "true",
        "--json",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    for k in ["require_pushed_authorization_requests", "dpop_bound_access_tokens", "require_dpop_nonce"] {
        assert_eq!(shown[k], true, "{shown}");
    }
    direct.query_pairs_mut().clear();
    direct
        .query_pairs_mut()
        .append_pair("client_id", DESKTOP)
        .append_pair("response_type", "code")
        .append_pair("redirect_uri", NATIVE_REDIRECT)
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256");
    let mut refused = false;
    for _ in 0..50 {
        let r = s.http().get(direct.as_str()).send().await.unwrap();
        let l = r.headers().get("location").map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
        if param(&l, "error_codes").as_deref() == Some("88000351") {
            refused = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(refused, "the directory reloads require_pushed_authorization_requests");
}

/// RFC 9449 §10.1: a DPoP proof at the PAR endpoint binds the code to its key; the client that
/// must push and must use DPoP completes the flow.
#[tokio::test]
async fn dpop_at_the_par_endpoint_binds_the_code() {
    let s = server_with(options(Backend::Sqlite)).await;
    let key = DpopKey::new();
    let (uri, verifier) = pushed(&s, FAPI_APP, Some(&key.proof(&s, PAR_PATH))).await;
    let mut agent = Agent::new(s.http(), &s.base);
    let landed = agent.sign_in(&authorize_url(&s, FAPI_APP, &uri), "alice", "correct horse battery staple").await;
    let code = param(&landed, "code").expect("code");
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", FAPI_APP),
        ("code", &code),
        ("redirect_uri", NATIVE_REDIRECT),
        ("code_verifier", &verifier),
    ];
    let other = DpopKey::new();
    expect_error(token_dpop(&s, &form, None, &[&other.proof(&s, TOKEN_PATH)]).await, 400, "invalid_grant", 88000345)
        .await;
    // A fresh code for the right key.
    let (uri, verifier) = pushed(&s, FAPI_APP, Some(&key.proof(&s, PAR_PATH))).await;
    let landed = agent.sign_in(&authorize_url(&s, FAPI_APP, &uri), "alice", "correct horse battery staple").await;
    let code = param(&landed, "code").expect("code");
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", FAPI_APP),
        ("code", &code),
        ("redirect_uri", NATIVE_REDIRECT),
        ("code_verifier", &verifier),
    ];
    let r = token_dpop(&s, &form, None, &[&key.proof(&s, TOKEN_PATH)]).await;
    assert_eq!(r.status(), 200);
    let t: Value = r.json().await.unwrap();
    assert_eq!(claims(t["access_token"].as_str().unwrap())["cnf"]["jkt"], key.jkt());
    // A dpop_jkt that is not the proof's key is refused at the PAR endpoint.
    let r = push(
        &s,
        &[("client_id", FAPI_APP), ("response_type", "code"), ("dpop_jkt", &other.jkt())],
        Some(&key.proof(&s, PAR_PATH)),
    )
    .await;
    expect_error(r, 400, "invalid_dpop_proof", 88000341).await;
}

/// §4: 50 concurrent authorization requests with one request_uri: exactly one gets the sign-in page.
async fn request_uri_race(backend: Backend) {
    let s = server_with(options(backend)).await;
    let (uri, _) = pushed(&s, DESKTOP, None).await;
    let url = authorize_url(&s, DESKTOP, &uri);
    shown_once_of_50(&s, &url, "SIGIL88000350").await;
}

/// 50 concurrent GETs of one single-use authorization request: one shows the sign-in page, the 49
/// others are the error page with `code`.
pub async fn shown_once_of_50(s: &Server, url: &str, code: &str) {
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (http, url) = (s.http(), url.to_string());
        tasks.push(tokio::spawn(async move {
            let r = http.get(url).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }));
    }
    let (mut shown, mut refused) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            (200, _) => shown += 1,
            (400, body) if body.contains(code) => refused += 1,
            (status, body) => panic!("{status}: {body}"),
        }
    }
    assert_eq!((shown, refused), (1, 49));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn request_uri_is_used_once_under_race_sqlite() {
    request_uri_race(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn request_uri_is_used_once_under_race_postgres() {
    request_uri_race(Backend::Postgres).await;
}
