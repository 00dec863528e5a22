//! OpenID Connect Back-Channel Logout 1.0: a relying party registered with a
//! `backchannel_logout_uri` receives a logout token when the user's session ends; a slow or failing
//! receiver never delays the logout and is retried a bounded number of times.
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::StatusCode;
use serde_json::Value;
use sigil_testkit::browser::{Agent, param};
use sigil_testkit::{Backend, ServerOptions};

use crate::common::*;
use crate::token::verify_with_jwks;

const REDIRECT: &str = "http://127.0.0.1:5000/callback";
/// RFC 7636 Appendix B.
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const ALICE_PW: &str = "correct horse battery staple";
const EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

/// How the receiver answers.
#[derive(Clone, Copy)]
pub(crate) enum Answer {
    Ok,
    Fail,
    Hang,
}

/// Each request the receiver got: when, its content type and its `logout_token`.
pub(crate) type Seen = Arc<Mutex<Vec<(Instant, String, Option<String>)>>>;

/// A relying party's back-channel logout endpoint on a free loopback port.
pub(crate) async fn receiver(answer: Answer) -> (String, Seen) {
    let seen: Seen = Arc::default();
    let handler = |State((seen, answer)): State<(Seen, Answer)>, headers: axum::http::HeaderMap, body: String| async move {
        let ct = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        let token = url::form_urlencoded::parse(body.as_bytes())
            .find(|(k, _)| k == "logout_token")
            .map(|(_, v)| v.into_owned());
        seen.lock().unwrap().push((Instant::now(), ct, token));
        match answer {
            Answer::Ok => StatusCode::OK,
            Answer::Fail => StatusCode::INTERNAL_SERVER_ERROR,
            Answer::Hang => {
                tokio::time::sleep(Duration::from_secs(60)).await;
                StatusCode::OK
            }
        }
    };
    let app = axum::Router::new().route("/bc", axum::routing::post(handler)).with_state((seen.clone(), answer));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://127.0.0.1:{}/bc", listener.local_addr().unwrap().port());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, seen)
}

/// Registers `uri` for web-portal and waits out the server's directory refresh (1 s).
async fn register(s: &sigil_testkit::Server, uri: &str) {
    let out = s.cli(&[
        "client",
        "update",
        "--tenant",
        "contoso",
        "web-portal",
        "--backchannel-logout-uri",
        uri,
        "--backchannel-logout-session-required",
        "true",
        "--json",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["backchannel_logout_uri"].as_str(), v["backchannel_logout_session_required"].as_bool()),
        (Some(uri), Some(true))
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
}

async fn signed_in_alice(s: &sigil_testkit::Server) -> (Agent, Value) {
    let mut a = Agent::new(s.http(), &s.base);
    let url = format!(
        "/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=code&redirect_uri={REDIRECT}&state=st-1\
         &scope=openid&nonce=n-1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
    );
    let code = param(&a.sign_in(&url, "alice", ALICE_PW).await, "code").expect("code");
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
    ];
    let r = token(s, "contoso", &form, Some(PORTAL)).await;
    assert_eq!(r.status(), 200);
    (a, r.json().await.unwrap())
}

/// Waits until the receiver saw `n` requests (or `within` passed) and returns what it saw.
async fn wait_for(seen: &Seen, n: usize, within: Duration) -> Vec<(Instant, String, Option<String>)> {
    let end = Instant::now() + within;
    while seen.lock().unwrap().len() < n && Instant::now() < end {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    seen.lock().unwrap().clone()
}

/// §2.1 discovery flags; §2.4 the logout token (signed with the tenant's ID token key, `typ`
/// `logout+jwt`, the event, `sub` and the ID token's `sid`, no `nonce`); §2.5 POSTed form-encoded.
#[tokio::test]
async fn logout_with_hint_posts_one_verifiable_logout_token() {
    let s = server().await;
    let d = discovery(&s, "contoso").await;
    assert_eq!(
        (d["backchannel_logout_supported"].as_bool(), d["backchannel_logout_session_supported"].as_bool()),
        (Some(true), Some(true))
    );
    let (uri, seen) = receiver(Answer::Ok).await;
    register(&s, &uri).await;
    let (mut a, tokens) = signed_in_alice(&s).await;
    let id_token = tokens["id_token"].as_str().unwrap();
    let id = claims(id_token);
    assert!(id["sid"].is_string(), "sid in the ID token: {id}");

    let p = a.get(&format!("/contoso/oauth2/v2.0/logout?id_token_hint={id_token}")).await;
    assert_eq!(p.status, 200, "{}", p.body);
    let got = wait_for(&seen, 1, Duration::from_secs(5)).await;
    assert_eq!(got.len(), 1, "one logout token");
    let (_, ct, token) = &got[0];
    assert_eq!(ct, "application/x-www-form-urlencoded");
    let token = token.as_deref().expect("logout_token field");
    assert_eq!(header(token)["typ"], "logout+jwt");
    let c = verify_with_jwks(&s, "contoso", token).await;
    assert_eq!(c["iss"], id["iss"]);
    assert_eq!(c["aud"], "web-portal");
    assert_eq!(c["sub"], id["sub"]);
    assert_eq!(c["sid"], id["sid"]);
    assert_eq!(c["events"], serde_json::json!({ EVENT: {} }));
    assert!(c["jti"].is_string());
    let (iat, exp) = (c["iat"].as_i64().unwrap(), c["exp"].as_i64().unwrap());
    assert!(exp > iat && exp - iat <= 120, "short-lived: {c}");
    assert!(c.get("nonce").is_none(), "§2.4: no nonce");
    // Delivered once: a success is not retried.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(seen.lock().unwrap().len(), 1);
    // No session, nothing to notify.
    let again = a.get(&format!("/contoso/oauth2/v2.0/logout?id_token_hint={id_token}")).await;
    assert_eq!(again.status, 200);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(seen.lock().unwrap().len(), 1);
}

/// A receiver answering 500 does not delay the logout (no hint: the user confirms, and the session's
/// client is found from the codes it was issued) and gets exactly three attempts with backoff.
#[tokio::test]
async fn failing_receiver_is_retried_a_bounded_number_of_times() {
    failing_receiver(Backend::Sqlite).await;
}

#[tokio::test]
async fn failing_receiver_is_retried_a_bounded_number_of_times_postgres() {
    failing_receiver(Backend::Postgres).await;
}

async fn failing_receiver(backend: Backend) {
    let s = server_with(ServerOptions { backend, ..Default::default() }).await;
    let (uri, seen) = receiver(Answer::Fail).await;
    register(&s, &uri).await;
    let (mut a, _) = signed_in_alice(&s).await;
    let page = a.get("/contoso/oauth2/v2.0/logout").await;
    assert!(page.body.contains("name=\"csrf_token\""), "{}", page.body);
    let started = Instant::now();
    let done = a.submit(&page, &[("confirm", "yes")]).await;
    let took = started.elapsed();
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(took < Duration::from_millis(500), "logout took {took:?}");
    let got = wait_for(&seen, 3, Duration::from_secs(6)).await;
    assert_eq!(got.len(), 3, "three attempts");
    assert!(got[1].0 - got[0].0 >= Duration::from_millis(400), "backoff before the retry");
    assert!(got.iter().all(|(_, _, t)| t.is_some()));
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(seen.lock().unwrap().len(), 3, "no further attempts");
}

/// A receiver that never answers does not delay the logout either (each attempt has a timeout).
#[tokio::test]
async fn hanging_receiver_does_not_delay_the_logout() {
    let s = server().await;
    let (uri, seen) = receiver(Answer::Hang).await;
    register(&s, &uri).await;
    let (mut a, tokens) = signed_in_alice(&s).await;
    let started = Instant::now();
    let p = a.get(&format!("/contoso/oauth2/v2.0/logout?id_token_hint={}", tokens["id_token"].as_str().unwrap())).await;
    let took = started.elapsed();
    assert_eq!(p.status, 200, "{}", p.body);
    assert!(took < Duration::from_millis(500), "logout took {took:?}");
    assert_eq!(wait_for(&seen, 1, Duration::from_secs(3)).await.len(), 1, "the request was sent");
    println!("logout with a hanging receiver: {took:?}");
}

/// §2.2: the URI is checked like a redirect URI, and a private-use scheme is refused.
#[tokio::test]
async fn backchannel_logout_uri_is_checked() {
    let s = server().await;
    for bad in ["com.example.app:/bc", "http://rp.example/bc", "https://rp.example/bc#x"] {
        let out = s.cli(&["client", "update", "--tenant", "contoso", "web-portal", "--backchannel-logout-uri", bad]);
        assert!(!out.status.success(), "{bad}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("backchannel_logout_uri"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out =
        s.cli(&["client", "update", "--tenant", "contoso", "web-portal", "--backchannel-logout-uri", "", "--json"]);
    assert!(out.status.success());
    assert!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["backchannel_logout_uri"].is_null());
}

/// An ID token of another session as hint ends this session but notifies no client this session
/// did not sign in to: the hint's client is added only when the hint's `sid` is this session's.
#[tokio::test]
async fn another_sessions_hint_notifies_no_foreign_client() {
    let s = server().await;
    let (uri, seen) = receiver(Answer::Ok).await;
    register(&s, &uri).await;
    let (_, tokens) = signed_in_alice(&s).await;
    // A second browser signed in to another client only.
    let mut b = Agent::new(s.http(), &s.base);
    let spa = "/contoso/oauth2/v2.0/authorize?client_id=spa&response_type=code&redirect_uri=http://127.0.0.1/spa-callback\
               &scope=openid&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
    assert!(param(&b.sign_in(spa, "alice", ALICE_PW).await, "code").is_some());
    let p = b.get(&format!("/contoso/oauth2/v2.0/logout?id_token_hint={}", tokens["id_token"].as_str().unwrap())).await;
    assert_eq!(p.status, 200, "{}", p.body);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(seen.lock().unwrap().is_empty(), "web-portal is not told about a session it never saw");
}
