//! RFC 9700 (OAuth 2.0 Security BCP): the checks docs/security.md's threat model lists that no other
//! module proves — response headers and status of the redirect to the client, the PKCE downgrade,
//! bearer tokens in query strings, `idtyp` of application tokens, no plaintext secret in the
//! database file, and §4.18 (no unattended error redirect to a self-registered client's URI).
use serde_json::json;
use sigil_testkit::browser::{Agent, param};
use sigil_testkit::{Backend, ServerOptions};

use crate::common::*;

const CHALLENGE: &str = "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const REDIRECT: &str = "http://127.0.0.1:5000/callback";
const PASSWORD: &str = "correct horse battery staple";

fn authorize(extra: &str) -> String {
    format!(
        "/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=code&redirect_uri={}&state=s{extra}",
        url::form_urlencoded::byte_serialize(REDIRECT.as_bytes()).collect::<String>()
    )
}

/// alice signs in to web-portal with PKCE; the code and the token response.
async fn code_flow(s: &sigil_testkit::Server, agent: &mut Agent, scope: &str) -> (String, serde_json::Value) {
    let back = agent.sign_in(&authorize(&format!("&scope={scope}&{CHALLENGE}")), "alice", PASSWORD).await;
    let code = param(&back, "code").expect("a code");
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
    ];
    let t = token(s, "contoso", &form, Some(PORTAL)).await.json().await.unwrap();
    (code, t)
}

/// §2.1.1 (S256 advertised), §4.4 (RFC 9207 `iss` on every answer to the redirect URI), §4.2
/// (`Referrer-Policy: no-referrer` on it), §4.12 (303, never 307, after the sign-in POST), §4.8
/// (a method without a challenge is refused, not silently downgraded).
#[tokio::test]
async fn redirect_to_the_client_is_303_without_referrer_and_names_the_issuer() {
    let s = server().await;
    let d = discovery(&s, "contoso").await;
    assert_eq!(d["code_challenge_methods_supported"], json!(["S256"]), "{d}");
    assert_eq!(d["authorization_response_iss_parameter_supported"], true);
    let issuer = d["issuer"].as_str().unwrap().to_string();

    // An error answer: an unknown scope.
    let r = s
        .http()
        .get(s.url(&authorize(&format!("&scope=api%3A%2F%2Freports%2Fnope&{CHALLENGE}"))))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["referrer-policy"], "no-referrer");
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    assert!(loc.starts_with(REDIRECT) && param(&loc, "error").as_deref() == Some("invalid_scope"), "{loc}");
    assert_eq!(param(&loc, "iss").as_deref(), Some(issuer.as_str()));

    // §4.8: `code_challenge_method` without `code_challenge`.
    let r = s.http().get(s.url(&authorize("&scope=openid&code_challenge_method=S256"))).send().await.unwrap();
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(param(&loc, "error").as_deref(), Some("invalid_request"), "{loc}");
    assert!(param(&loc, "error_description").unwrap_or_default().contains("900144"), "{loc}");

    // The success answer after the sign-in and consent POSTs.
    let mut agent = Agent::new(s.http(), &s.base);
    let page = agent.get(&authorize(&format!("&scope=openid&{CHALLENGE}"))).await;
    assert!(page.is_signin(), "{}", page.body);
    let mut page = agent.submit(&page, &[("username", "alice"), ("password", PASSWORD)]).await;
    if page.is_consent() {
        page = agent.submit(&page, &[("decision", "accept")]).await;
    }
    assert_eq!(page.status, 303, "{}", page.body);
    let loc = page.location.unwrap();
    assert!(param(&loc, "code").is_some(), "{loc}");
    assert_eq!(param(&loc, "iss").as_deref(), Some(issuer.as_str()));
}

/// §4.3.2 / RFC 6750 §2.3: an access token in the query string is not accepted at UserInfo (it
/// would end up in logs and history); the same token in the header is.
#[tokio::test]
async fn userinfo_ignores_access_tokens_in_the_query() {
    let s = server().await;
    let mut agent = Agent::new(s.http(), &s.base);
    let (_, t) = code_flow(&s, &mut agent, "openid%20profile").await;
    let at = t["access_token"].as_str().unwrap();
    let q = s.http().get(s.url(&format!("/contoso/oidc/userinfo?access_token={at}"))).send().await.unwrap();
    assert_eq!(q.status(), 401, "a query-string token must not be accepted");
    let h = s.http().get(s.url("/contoso/oidc/userinfo")).bearer_auth(at).send().await.unwrap();
    assert_eq!(h.status(), 200);
}

/// §4.15: a resource server can tell an application's token from a user's: `idtyp` is `app`.
#[tokio::test]
async fn application_tokens_say_they_are_application_tokens() {
    let s = server().await;
    let form = [("grant_type", "client_credentials"), ("scope", "api://reports/.default")];
    let t: serde_json::Value = token(&s, "contoso", &form, Some(DAEMON)).await.json().await.unwrap();
    let c = claims(t["access_token"].as_str().unwrap());
    assert_eq!(c["idtyp"], "app", "{c}");
}

/// Secrets and tokens are stored only as hashes (or sealed): after a code flow with a refresh
/// token, neither the database file nor its WAL contains any of them in the clear.
#[tokio::test]
async fn no_secret_or_token_is_stored_in_the_clear() {
    let mut s = server().await;
    let mut agent = Agent::new(s.http(), &s.base);
    let (code, t) = code_flow(&s, &mut agent, "openid%20offline_access").await;
    let refresh = t["refresh_token"].as_str().expect("a refresh token").to_string();
    let (_, session) = agent.cookie_named("session").expect("a session cookie");
    s.stop().await;
    let data = s.dir.join("sigil-data");
    let mut bytes = Vec::new();
    for f in ["sigil.db", "sigil.db-wal"] {
        if let Ok(b) = std::fs::read(data.join(f)) {
            bytes.extend(b);
        }
    }
    assert!(bytes.len() > 4096, "read the database");
    let found = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(found("web-portal"), "the scan sees plain data");
    for (what, secret) in [
        ("client secret", PORTAL.1),
        ("password", PASSWORD),
        ("authorization code", code.as_str()),
        ("refresh token", refresh.as_str()),
        ("session cookie", session.as_str()),
    ] {
        assert!(!found(secret), "{what} stored in the clear");
    }
}

/// §4.18: a self-registered client (RFC 7591) is not vetted, so an authorization error met before
/// the user acted is a page at Sigil, not a redirect to the client's URI; an operator's client still
/// gets its error at its redirect URI.
#[tokio::test]
async fn errors_for_self_registered_clients_stay_at_sigil() {
    let mut o = ServerOptions { backend: Backend::Sqlite, ..ServerOptions::default() };
    o.imports.push(sigil_testkit::fixture("dcr.toml"));
    let s = server_with(o).await;
    let cb = "http://127.0.0.1:7777/cb";
    let body = json!({"redirect_uris": [cb], "token_endpoint_auth_method": "none", "client_name": "x"});
    let r = crate::registration::register(&s, "dcr-open", &body, None).await;
    assert_eq!(r.status(), 201);
    let id = r.json::<serde_json::Value>().await.unwrap()["client_id"].as_str().unwrap().to_string();
    let base = format!("/dcr-open/oauth2/v2.0/authorize?client_id={id}&response_type=code&redirect_uri={cb}&state=s");
    for (extra, code) in [
        (format!("&scope=https%3A%2F%2Fmcp.tools.example%2Fmcp%2Fnope&{CHALLENGE}"), "70011"),
        (format!("&scope=openid&prompt=none&{CHALLENGE}"), "50058"),
        ("&scope=openid".to_string(), "9002325"),
        (format!("&scope=openid&response_mode=web_message&{CHALLENGE}"), "88000004"),
    ] {
        let r = s.http().get(s.url(&format!("{base}{extra}"))).send().await.unwrap();
        let status = r.status().as_u16();
        assert!(r.headers().get("location").is_none(), "{extra}: redirected");
        let page = r.text().await.unwrap();
        assert_eq!(status, 400, "{extra}: {page}");
        assert!(page.contains(code), "{extra}: expected {code}");
    }
    // The operator's client: the same prompt=none refusal goes to its redirect URI.
    let r = s.http().get(s.url(&authorize(&format!("&scope=openid&prompt=none&{CHALLENGE}")))).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    assert!(loc.starts_with(REDIRECT) && param(&loc, "error").as_deref() == Some("login_required"), "{loc}");
}
