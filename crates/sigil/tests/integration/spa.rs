//! Single-page applications (issue 19 item 6): CORS (Fetch standard §3.2) on the token, discovery,
//! JWKS and userinfo endpoints for the origins of the tenant's SPAs only, preflights included; and
//! the bounded absolute lifetime of an SPA's refresh tokens, on a manual clock; Entra's AADSTS9002327
//! (an SPA's codes and refresh tokens redeemed only with `Origin`); and a real browser (Chromium,
//! `tests/browser/spa.mjs`) reading the answers from a page on another loopback port. MSAL.js itself:
//! `msal_browser.rs`.
use reqwest::header::HeaderMap;
use reqwest::{Method, Response};
use sigil_core::config::TokenSettings;
use sigil_testkit::inproc::{self, REDIRECT};
use sigil_testkit::{ServerOptions, db};

use crate::common::*;

const SPA_ORIGIN: &str = "http://127.0.0.1:3000";
const SPA_ORIGIN_2: &str = "https://app.spa.example";
/// A public client's redirect origin that is not an SPA's, and an origin nobody registered.
const NATIVE_ORIGIN: &str = "http://localhost:4000";
const STRANGER: &str = "https://evil.example";

async fn spa_server() -> sigil_testkit::Server {
    let mut opts = ServerOptions::default();
    opts.imports.push(sigil_testkit::fixture("spa.toml"));
    server_with(opts).await
}

/// The endpoints an SPA calls, each with the method it uses.
fn endpoints(tenant: &str) -> Vec<(Method, String)> {
    vec![
        (Method::POST, format!("/{tenant}/oauth2/v2.0/token")),
        (Method::GET, format!("/{tenant}/v2.0/.well-known/openid-configuration")),
        (Method::GET, format!("/.well-known/oauth-authorization-server/{tenant}/v2.0")),
        (Method::GET, format!("/{tenant}/discovery/v2.0/keys")),
        (Method::GET, format!("/{tenant}/oidc/userinfo")),
    ]
}

async fn actual(s: &sigil_testkit::Server, method: &Method, path: &str, origin: &str) -> Response {
    let r = s.http().request(method.clone(), s.url(path)).header("origin", origin);
    let r = if *method == Method::POST {
        r.form(&[("grant_type", "authorization_code"), ("client_id", "spa-app"), ("code", "nope")])
    } else {
        r
    };
    r.send().await.expect("request")
}

async fn preflight(s: &sigil_testkit::Server, method: &Method, path: &str, origin: &str) -> Response {
    s.http()
        .request(Method::OPTIONS, s.url(path))
        .header("origin", origin)
        .header("access-control-request-method", method.as_str())
        .header("access-control-request-headers", "content-type,client-request-id,x-client-sku")
        .send()
        .await
        .expect("preflight")
}

fn h<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn cors_headers(headers: &HeaderMap) -> Vec<String> {
    headers.keys().map(|k| k.as_str().to_string()).filter(|k| k.starts_with("access-control-")).collect()
}

#[tokio::test]
async fn registered_spa_origins_get_cors_and_others_none() {
    let s = spa_server().await;
    for (method, path) in endpoints("spa-tenant") {
        for origin in [SPA_ORIGIN, SPA_ORIGIN_2] {
            let r = actual(&s, &method, &path, origin).await;
            assert_eq!(h(r.headers(), "access-control-allow-origin"), Some(origin), "{method} {path}");
            assert!(h(r.headers(), "vary").is_some_and(|v| v.to_ascii_lowercase().contains("origin")), "{path}");
            assert!(h(r.headers(), "access-control-allow-credentials").is_none(), "{path}: no cookies");

            let p = preflight(&s, &method, &path, origin).await;
            assert!(p.status().is_success(), "{path}: preflight {}", p.status());
            let ph = p.headers();
            assert_eq!(h(ph, "access-control-allow-origin"), Some(origin), "{path}");
            assert!(h(ph, "access-control-allow-methods").is_some_and(|m| m.contains(method.as_str())), "{path}");
            let allowed = h(ph, "access-control-allow-headers").unwrap_or_default().to_ascii_lowercase();
            assert!(allowed.contains("client-request-id") && allowed.contains("content-type"), "{path}: {allowed}");
        }
        // Not registered by an SPA of this tenant: no CORS header at all, preflight or not.
        for origin in [STRANGER, NATIVE_ORIGIN, "null", "http://127.0.0.1:3001"] {
            let r = actual(&s, &method, &path, origin).await;
            assert_eq!(cors_headers(r.headers()), Vec::<String>::new(), "{method} {path} from {origin}");
            let p = preflight(&s, &method, &path, origin).await;
            assert_eq!(cors_headers(p.headers()), Vec::<String>::new(), "preflight {path} from {origin}");
            assert!(!p.status().is_success(), "{path}: preflight from {origin} answered {}", p.status());
        }
    }
    // Per tenant: the SPA's origin is registered in spa-tenant, not in contoso.
    for (method, path) in endpoints("contoso") {
        let r = actual(&s, &method, &path, SPA_ORIGIN).await;
        assert_eq!(cors_headers(r.headers()), Vec::<String>::new(), "{method} {path}");
        let p = preflight(&s, &method, &path, SPA_ORIGIN).await;
        assert_eq!(cors_headers(p.headers()), Vec::<String>::new(), "preflight {path}");
    }
    // The tenant by id works as by name.
    let tid = discovery(&s, "spa-tenant").await["issuer"].as_str().unwrap().split('/').nth(3).unwrap().to_string();
    let r = actual(&s, &Method::GET, &format!("/{tid}/discovery/v2.0/keys"), SPA_ORIGIN).await;
    assert_eq!(h(r.headers(), "access-control-allow-origin"), Some(SPA_ORIGIN));
}

#[tokio::test]
async fn requests_without_origin_are_untouched() {
    let s = spa_server().await;
    let r =
        token(&s, "contoso", &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")], None).await;
    assert!(cors_headers(r.headers()).is_empty());
    assert!(h(r.headers(), "vary").is_none_or(|v| !v.to_ascii_lowercase().contains("origin")));
    // Cacheable answers vary by origin even without one, so a shared cache keeps them apart.
    for path in ["/spa-tenant/discovery/v2.0/keys", "/spa-tenant/v2.0/.well-known/openid-configuration"] {
        let r = s.http().get(s.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 200);
        assert!(cors_headers(r.headers()).is_empty());
        assert_eq!(h(r.headers(), "vary"), Some("origin"), "{path}");
    }
}

const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

async fn refresh_token(p: &inproc::InProc, client: &str) -> String {
    let c = p.code(client, "openid offline_access", Some(CHALLENGE)).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", c.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
    ];
    p.token((client, None), &form).await.unwrap().response.refresh_token.unwrap()
}

async fn refresh(p: &inproc::InProc, client: &str, rt: &str) -> Result<String, u32> {
    p.token((client, None), &[("grant_type", "refresh_token"), ("refresh_token", rt)])
        .await
        .map(|i| i.response.refresh_token.unwrap())
        .map_err(|e| e.entry.code)
}

/// An SPA's grant ends `spa_refresh_token_max_lifetime` after sign-in however often it is
/// refreshed (Entra: 24 h); a native public client keeps `refresh_token_max_lifetime`.
#[tokio::test]
async fn spa_refresh_tokens_have_a_bounded_absolute_lifetime() {
    let p = inproc::start(&db::sqlite_url("spa"), TokenSettings::default()).await;
    assert_eq!(p.ctx.tokens.spa_refresh_token_max_lifetime, 86400, "the default is Entra's 24 h");
    let mut spa = refresh_token(&p, "spa").await;
    let mut native = refresh_token(&p, "native").await;
    for _ in 0..4 {
        p.clock.advance(6 * 3600 - 60);
        spa = refresh(&p, "spa", &spa).await.expect("within 24 h");
        native = refresh(&p, "native", &native).await.unwrap();
    }
    p.clock.advance(241);
    assert_eq!(refresh(&p, "spa", &spa).await, Err(88000010), "past 24 h: lifetime exceeded");
    refresh(&p, "native", &native).await.expect("a native client's grant lasts 90 days");

    // The setting bounds it; a shorter one takes effect.
    let p = inproc::start(
        &db::sqlite_url("spa"),
        TokenSettings { spa_refresh_token_max_lifetime: 3600, ..Default::default() },
    )
    .await;
    let spa = refresh_token(&p, "spa").await;
    p.clock.advance(3601);
    assert_eq!(refresh(&p, "spa", &spa).await, Err(88000010));
}

/// `sigil client create --spa`: the rules of an SPA apply, and a new SPA's origin gets CORS once the
/// directory reloads (no restart).
#[tokio::test]
async fn cli_creates_spas_whose_origins_get_cors_after_reload() {
    let s = spa_server().await;
    let out = s.cli(&["client", "create", "--tenant", "contoso", "bad-spa", "--spa", "--grant", "client_credentials"]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("grant_types"));

    let origin = "https://cli-spa.example";
    let jwks = "/contoso/discovery/v2.0/keys";
    assert!(cors_headers(actual(&s, &Method::GET, jwks, origin).await.headers()).is_empty());
    let args = [
        "client",
        "create",
        "--tenant",
        "contoso",
        "cli-spa",
        "--spa",
        "--grant",
        "authorization_code",
        "--redirect-uri",
        "https://cli-spa.example/auth",
    ];
    let out = s.cli(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("public client"), "no secret for an SPA");
    let out = s.cli(&["client", "list", "--tenant", "contoso"]);
    assert!(String::from_utf8_lossy(&out.stdout).lines().any(|l| l.starts_with("cli-spa\tspa\t")));
    let mut allowed = None;
    for _ in 0..50 {
        let r = actual(&s, &Method::GET, jwks, origin).await;
        allowed = h(r.headers(), "access-control-allow-origin").map(str::to_string);
        if allowed.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(allowed.as_deref(), Some(origin));
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A page on another loopback port fetches JWKS, discovery and the token endpoint in Chromium
/// (`tests/browser/spa.mjs`): readable from the SPA's registered origin (preflight included),
/// refused by the browser from an unregistered one.
#[tokio::test]
async fn a_browser_reads_the_answers_only_from_the_registered_origin() {
    let root = crate::browser::playwright_root();
    let (spa_port, stranger_port) = (free_port(), free_port());
    let dir = db::temp_dir("spa-browser");
    let f = dir.join("spa-browser.toml");
    let toml = format!(
        "[[tenant]]\nname = \"spa-browser\"\n  [[tenant.client]]\n  client_id = \"spa-app\"\n  type = \"spa\"\n  \
         grant_types = [\"authorization_code\"]\n  redirect_uris = [\"http://127.0.0.1:{spa_port}/\"]\n"
    );
    std::fs::write(&f, toml).unwrap();
    let mut opts = ServerOptions::default();
    opts.imports.push(f);
    let s = server_with(opts).await;
    let node = std::env::var("SIGIL_TEST_NODE").unwrap_or_else(|_| "node".into());
    // spa.mjs exits by itself after 90 s at most.
    let mut cmd = std::process::Command::new(&node);
    cmd.current_dir(&root).arg("tests/browser/spa.mjs").args(["--base", &s.base, "--tenant", "spa-browser"]).args([
        "--spa-port",
        &spa_port.to_string(),
        "--stranger-port",
        &stranger_port.to_string(),
    ]);
    let out = tokio::task::spawn_blocking(move || cmd.output()).await.unwrap().expect("run node");
    assert!(
        out.status.success(),
        "{}\n--- stderr\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A token request to spa-tenant, from `origin` when given (a browser's cross-origin request).
async fn token_from(s: &sigil_testkit::Server, origin: Option<&str>, form: &[(&str, &str)]) -> Response {
    let mut r = s.http().post(s.url("/spa-tenant/oauth2/v2.0/token")).form(form);
    if let Some(o) = origin {
        r = r.header("origin", o);
    }
    r.send().await.expect("token request")
}

async fn code_for(agent: &mut sigil_testkit::browser::Agent, client: &str, redirect: &str) -> String {
    let url = format!(
        "/spa-tenant/oauth2/v2.0/authorize?client_id={client}&response_type=code&redirect_uri={redirect}\
         &scope=openid%20offline_access&code_challenge={CHALLENGE}&code_challenge_method=S256"
    );
    let to = agent.sign_in(&url, "carol", "carol-spa-password-0123").await;
    sigil_testkit::browser::param(&to, "code").unwrap_or_else(|| panic!("no code: {to}"))
}

/// Entra's AADSTS9002327: an SPA's code and refresh tokens are redeemed only by cross-origin
/// requests (with `Origin`); without one the request is refused before anything is spent, so the
/// browser can still redeem them. A public client that is not an SPA is not concerned.
#[tokio::test]
async fn spa_codes_and_refresh_tokens_are_redeemed_only_cross_origin() {
    let s = spa_server().await;
    let mut agent = sigil_testkit::browser::Agent::new(s.http(), &s.base);
    let code = code_for(&mut agent, "spa-app", "http://127.0.0.1:3000/").await;
    let redeem = [
        ("grant_type", "authorization_code"),
        ("client_id", "spa-app"),
        ("code", code.as_str()),
        ("redirect_uri", "http://127.0.0.1:3000/"),
        ("code_verifier", VERIFIER),
    ];
    let r = expect_error(token_from(&s, None, &redeem).await, 400, "invalid_request", 9002327).await;
    assert!(r.body["error_description"].as_str().unwrap().contains("spa-app"), "{}", r.body);

    let ok = token_from(&s, Some(SPA_ORIGIN), &redeem).await;
    assert_eq!(ok.status(), 200, "the refused request did not spend the code");
    assert_eq!(h(ok.headers(), "access-control-allow-origin"), Some(SPA_ORIGIN));
    let body: serde_json::Value = ok.json().await.unwrap();
    let rt = body["refresh_token"].as_str().expect("refresh token").to_string();

    let refresh = [("grant_type", "refresh_token"), ("client_id", "spa-app"), ("refresh_token", rt.as_str())];
    expect_error(token_from(&s, None, &refresh).await, 400, "invalid_request", 9002327).await;
    // Any origin counts as cross-origin; whether the page may read the answer is CORS's business.
    let ok = token_from(&s, Some(SPA_ORIGIN_2), &refresh).await;
    assert_eq!(ok.status(), 200, "the refused refresh did not spend the token");

    let native = code_for(&mut agent, "native-app", "http://localhost:4000/cb").await;
    let redeem = [
        ("grant_type", "authorization_code"),
        ("client_id", "native-app"),
        ("code", native.as_str()),
        ("redirect_uri", "http://localhost:4000/cb"),
        ("code_verifier", VERIFIER),
    ];
    assert_eq!(token_from(&s, None, &redeem).await.status(), 200, "not an SPA: no Origin needed");
}

/// The same rule in the core, on refresh: without an origin the SPA's token stays unspent.
#[tokio::test]
async fn spa_refresh_without_origin_is_refused_in_the_core() {
    let p = inproc::start(&db::sqlite_url("spa-origin"), TokenSettings::default()).await;
    let rt = refresh_token(&p, "spa").await;
    let form = [("grant_type", "refresh_token"), ("refresh_token", rt.as_str())];
    let e = p.token_from(None, ("spa", None), &form).await.unwrap_err();
    assert_eq!(e.entry.code, 9002327);
    p.token_from(
        None,
        ("native", None),
        &[("grant_type", "refresh_token"), ("refresh_token", &refresh_token(&p, "native").await)],
    )
    .await
    .expect("a native client needs no origin");
    refresh(&p, "spa", &rt).await.expect("unspent, redeemed with the SPA's origin");
}
