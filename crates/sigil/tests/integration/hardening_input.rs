//! Issue 17 regression tests (hardening_input): linear parsers and input limits, bounded and
//! escaped log fields, unknown OpenID scopes ignored with the issued scope returned, 405.
use std::time::{Duration, Instant};

use serde_json::Value;
use sigil_testkit::ServerOptions;
use sigil_testkit::browser::{Agent, param};

use crate::common::*;

const REDIRECT: &str = "http://127.0.0.1:5000/callback";

/// `n` distinct three-character scope tokens (no character needs percent-encoding).
fn distinct_tokens(n: usize) -> String {
    const A: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    (0..n)
        .map(|i| {
            let c = |k: usize| A[(i / A.len().pow(k as u32)) % A.len()] as char;
            format!("{}{}{}", c(0), c(1), c(2))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn redirect_param(r: &reqwest::Response, name: &str) -> Option<String> {
    param(r.headers().get("location")?.to_str().ok()?, name)
}

/// Issue 17 item 1: scope de-duplication was quadratic and ran before anything was checked; a
/// large scope now costs a linear pass that stops at the cap, and is refused with a catalog error.
#[tokio::test]
async fn a_huge_scope_is_refused_quickly_at_token_and_authorize() {
    let s = server().await;
    // 60,000 distinct tokens: 240 KB, under the body limit; duplicates: the same size, one token.
    let distinct = distinct_tokens(60_000);
    let duplicates = vec!["openid"; 34_000].join(" ");
    for (what, scope) in [("distinct", &distinct), ("duplicate", &duplicates)] {
        let start = Instant::now();
        let r = token(&s, "contoso", &[("grant_type", "client_credentials"), ("scope", scope)], Some(DAEMON)).await;
        let took = start.elapsed();
        println!("token endpoint, {} KB of {what} scope tokens: {took:?}", scope.len() / 1000);
        expect_error(r, 400, "invalid_scope", 88000102).await;
        assert!(took < Duration::from_secs(2), "{what}: {took:?}");

        // POST: a URI is limited to 64 KB by the HTTP stack, a form body is not.
        let start = Instant::now();
        let r = s
            .http()
            .post(s.url("/contoso/oauth2/v2.0/authorize"))
            .form(&[
                ("client_id", "web-portal"),
                ("response_type", "code"),
                ("redirect_uri", REDIRECT),
                ("state", "st"),
                ("scope", scope),
            ])
            .send()
            .await
            .unwrap();
        let took = start.elapsed();
        println!("authorize endpoint, {} KB of {what} scope tokens: {took:?}", scope.len() / 1000);
        assert_eq!(r.status(), 303);
        assert_eq!(redirect_param(&r, "error").as_deref(), Some("invalid_scope"));
        assert_eq!(redirect_param(&r, "error_codes").as_deref(), Some("88000102"));
        assert!(took < Duration::from_secs(2), "{what}: {took:?}");
    }
    // The same cap at the password grant, before any password hashing.
    let r = token(
        &s,
        "contoso",
        &[("grant_type", "password"), ("username", "bob"), ("password", "x"), ("scope", &distinct)],
        Some(LEGACY),
    )
    .await;
    expect_error(r, 400, "invalid_scope", 88000102).await;
    // Just under the cap is parsed as before.
    let r =
        token(&s, "contoso", &[("grant_type", "client_credentials"), ("scope", &distinct_tokens(100))], Some(DAEMON))
            .await;
    expect_error(r, 400, "invalid_scope", 70011).await;
}

/// Issue 17 item 1: the form parser's limits: the body size (413) and the number of parameters.
#[tokio::test]
async fn oversized_bodies_and_too_many_parameters_are_refused() {
    let s = server().await;
    let big = format!("grant_type=client_credentials&x={}", "a".repeat(1_000_000));
    let r = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(big)
        .send()
        .await
        .unwrap();
    expect_error(r, 413, "invalid_request", 88000100).await;

    let many: Vec<(String, String)> = (0..1000).map(|i| (format!("p{i}"), "1".to_string())).collect();
    let mut form: Vec<(&str, &str)> = many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    form.push(("grant_type", "client_credentials"));
    form.push(("scope", "api://reports/.default"));
    let r = token(&s, "contoso", &form, Some(DAEMON)).await;
    expect_error(r, 400, "invalid_request", 88000101).await;
    // In a query string too (authorize): a page, the request was not validated.
    let q: String = (0..1000).map(|i| format!("&p{i}=1")).collect();
    let url =
        format!("/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=code&redirect_uri={REDIRECT}{q}");
    let r = s.http().get(s.url(&url)).send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("SIGIL88000101"));
    // An ordinary request still works.
    let r = token(
        &s,
        "contoso",
        &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")],
        Some(DAEMON),
    )
    .await;
    assert_eq!(r.status(), 200);
}

async fn record_by_trace(s: &sigil_testkit::Server, trace_id: &str) -> Value {
    signin_record(s, trace_id).await
}

fn trace_header(r: &reqwest::Response) -> String {
    r.headers()["x-sigil-trace-id"].to_str().unwrap().to_string()
}

/// Issue 17 item 3: a client-supplied identifier is stored bounded, with a visible marker.
#[tokio::test]
async fn huge_client_supplied_fields_are_bounded_in_the_signin_log() {
    let s = server().await;
    let huge = "c".repeat(200_000);
    let mut traces = vec![];
    // Token endpoint: client_id in the body, and in the Basic header; a huge username too.
    let r = token(&s, "contoso", &[("grant_type", "client_credentials"), ("client_id", &huge)], None).await;
    traces.push(("token body", trace_header(&r)));
    let r = token(&s, "contoso", &[("grant_type", "client_credentials")], Some((&huge, "x"))).await;
    traces.push(("token basic", trace_header(&r)));
    let r = token(
        &s,
        "contoso",
        &[("grant_type", "password"), ("username", &huge), ("password", "x"), ("scope", "openid")],
        Some(LEGACY),
    )
    .await;
    traces.push(("token username", trace_header(&r)));
    // Authorize: an unknown client (error page) and a bad tenant name.
    let r = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/authorize"))
        .form(&[("client_id", huge.as_str()), ("response_type", "code")])
        .send()
        .await
        .unwrap();
    traces.push(("authorize", trace_header(&r)));
    let r = s
        .http()
        .post(s.url(&format!("/{}/oauth2/v2.0/token", "t".repeat(60_000))))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    traces.push(("tenant", trace_header(&r)));
    for (what, trace) in traces {
        let rec = record_by_trace(&s, &trace).await;
        let size = rec.to_string().len();
        println!("{what}: sign-in record of {size} bytes");
        assert!(size < 4096, "{what}: record of {size} bytes: {}", &rec.to_string()[..300]);
        let fields = [&rec["client_id"], &rec["user"], &rec["tenant"]];
        assert!(
            fields.iter().filter_map(|v| v.as_str()).any(|v| v.contains("[truncated ")),
            "{what}: no visible truncation marker"
        );
    }
}

/// Issue 17 item 3 (CWE-117): a parameter name with CR/LF must not forge a line in the text log.
#[tokio::test]
async fn control_characters_from_input_are_escaped_in_the_server_log() {
    let s = server_with(ServerOptions {
        env: vec![("SIGIL_SERVER_LOG_FORMAT".into(), "text".into())],
        ..ServerOptions::default()
    })
    .await;
    let body = "grant_type=client_credentials&x%0D%0AFORGED+admin+logged+in=1&x%0D%0AFORGED+admin+logged+in=2";
    let r = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    let refusal = expect_error(r, 400, "invalid_request", 88000002).await;
    let trace = refusal.trace_id().to_string();
    let mut log = String::new();
    for _ in 0..100 {
        log = s.log();
        if log.contains(&trace) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(log.contains(&trace), "the refusal is logged: {log}");
    assert!(!log.lines().any(|l| l.starts_with("FORGED")), "a forged log line: {log}");
    assert!(log.contains(r"x\r\nFORGED admin logged in"), "the name is logged escaped: {log}");
    // The sign-in log keeps it escaped too.
    let rec = signin_record(&s, &trace).await;
    assert!(rec["reason"].as_str().unwrap().contains(r"x\r\nFORGED"), "{rec}");
}

/// Issue 17 item 10: OIDC Core §3.1.2.1 (unknown scope values SHOULD be ignored) and RFC 6749
/// §3.3/§5.1 (fewer scopes may be issued; `scope` says which), at every user grant.
#[tokio::test]
async fn unknown_openid_scopes_are_ignored_and_the_issued_scope_is_returned() {
    let s = server().await;
    let mut agent = Agent::new(s.http(), &s.base);
    let url = format!(
        "/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=code&redirect_uri={REDIRECT}&state=st\
         &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256\
         &scope=openid%20address%20phone%20offline_access%20User.Read"
    );
    let landed = agent.sign_in(&url, "alice", "correct horse battery staple").await;
    let code = param(&landed, "code").unwrap_or_else(|| panic!("no code: {landed}"));
    let r = token(
        &s,
        "contoso",
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
        ],
        Some(PORTAL),
    )
    .await;
    assert_eq!(r.status(), 200);
    let t: Value = r.json().await.unwrap();
    assert_eq!(t["scope"], "openid offline_access", "{t}");
    // Refresh: an unknown scope asked for is ignored, not "beyond the grant".
    let r = token(
        &s,
        "contoso",
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", t["refresh_token"].as_str().unwrap()),
            ("scope", "openid phone"),
        ],
        Some(PORTAL),
    )
    .await;
    assert_eq!(r.status(), 200);
    let t: Value = r.json().await.unwrap();
    assert_eq!(t["scope"], "openid", "{t}");
    // Password grant.
    let r = token(
        &s,
        "contoso",
        &[
            ("grant_type", "password"),
            ("username", "bob"),
            ("password", "Tr0ub4dor&3-example"),
            ("scope", "openid phone address"),
        ],
        Some(LEGACY),
    )
    .await;
    assert_eq!(r.status(), 200);
    let t: Value = r.json().await.unwrap();
    assert_eq!(t["scope"], "openid", "{t}");
    // A scope that names an unknown API is still refused.
    let r = token(
        &s,
        "contoso",
        &[
            ("grant_type", "password"),
            ("username", "bob"),
            ("password", "Tr0ub4dor&3-example"),
            ("scope", "openid api://nothing/Read"),
        ],
        Some(LEGACY),
    )
    .await;
    expect_error(r, 400, "invalid_scope", 500011).await;
}

/// Issue 17 item 12: RFC 9110 §15.5.6: a known path with the wrong method is 405 with `Allow`.
#[tokio::test]
async fn wrong_method_is_405_with_allow_and_unknown_path_is_404() {
    let s = server().await;
    let r = s.http().get(s.url("/contoso/oauth2/v2.0/token")).send().await.unwrap();
    let allow = r.headers().get("allow").map(|v| v.to_str().unwrap().to_string());
    let refusal = expect_error(r, 405, "invalid_request", 88000103).await;
    assert_eq!(allow.as_deref(), Some("POST"), "{:?}", refusal.body);
    let r = s.http().delete(s.url("/contoso/oauth2/v2.0/authorize")).send().await.unwrap();
    let allow = r.headers()["allow"].to_str().unwrap().to_string();
    assert!(allow.contains("GET") && allow.contains("POST"), "{allow}");
    expect_error(r, 405, "invalid_request", 88000103).await;
    let r = s.http().get(s.url("/contoso/no/such/path")).send().await.unwrap();
    expect_error(r, 404, "not_found", 88000060).await;
}

/// Issue 17 item 1 (import lists): users are matched to existing ones case-insensitively through a
/// map, and `--prune` deletes exactly the unlisted ones (the lookups were users × users scans).
#[tokio::test]
async fn import_matches_users_case_insensitively_and_prunes_the_unlisted() {
    let s = server().await;
    let write = |name: &str, body: &str| {
        let p = s.dir.join(name);
        std::fs::write(&p, body).unwrap();
        p.display().to_string()
    };
    let first = write(
        "users1.toml",
        "[[tenant]]\nname = \"prunetest\"\n  [[tenant.user]]\n  username = \"u1\"\n  password = \"password-one-123\"\n  \
         [[tenant.user]]\n  username = \"u2\"\n  password = \"password-two-123\"\n",
    );
    let out = s.cli(&["import", &first]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let second = write("users2.toml", "[[tenant]]\nname = \"prunetest\"\n  [[tenant.user]]\n  username = \"U1\"\n");
    let out = s.cli(&["import", &second, "--prune"]);
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    assert!(text.lines().any(|l| l.contains("deleted") && l.contains("user 'u2'")), "{text}");
    assert!(!text.lines().any(|l| l.contains("created") || l.contains("user 'u1'") && l.contains("deleted")), "{text}");
}

/// Issue 17 item 1: the free-text values sealed into the sign-in form and echoed to the client are
/// bounded: a long `state` is refused on a page (it cannot be echoed), a long `nonce` goes back.
#[tokio::test]
async fn long_echoed_authorize_values_are_refused() {
    let s = server().await;
    let long = "s".repeat(9 * 1024);
    let url = |extra: &str| {
        format!(
            "/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=code&redirect_uri={REDIRECT}\
             &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256{extra}"
        )
    };
    let r = s.http().get(s.url(&url(&format!("&state={long}")))).send().await.unwrap();
    assert_eq!((r.status().as_u16(), r.headers().get("location").is_none()), (400, true));
    assert!(r.text().await.unwrap().contains("SIGIL88000104"));
    for p in ["nonce", "login_hint", "ui_locales"] {
        let r = s.http().get(s.url(&url(&format!("&state=st&{p}={long}")))).send().await.unwrap();
        assert_eq!(r.status(), 303, "{p}");
        assert_eq!(redirect_param(&r, "error_codes").as_deref(), Some("88000104"), "{p}");
        assert_eq!(redirect_param(&r, "state").as_deref(), Some("st"), "{p}");
    }
    // At the limit: the sign-in page.
    let at = "s".repeat(8 * 1024);
    let r = s.http().get(s.url(&url(&format!("&state={at}&nonce={at}")))).send().await.unwrap();
    assert_eq!(r.status(), 200);
}

/// Issue 18: the authorization endpoint and its forms answer a request refused before the
/// handler (unknown tenant, unreadable parameters) with the error page, and record it on the
/// tenant as the client wrote it; a form's own `ui_locales` does not choose the page's language.
#[tokio::test]
async fn page_refusals_before_the_handler_are_recorded_on_the_tenant_as_written() {
    let s = server().await;
    let record = |r: reqwest::Response| {
        let trace = trace_header(&r);
        let lang = r.headers().get("content-language").map(|v| v.to_str().unwrap().to_string());
        let s = &s;
        async move {
            let rec = record_by_trace(s, &trace).await;
            let rec = (
                rec["tenant"].as_str().unwrap().to_string(),
                rec["flow"].as_str().unwrap().to_string(),
                rec["code"].as_u64().unwrap(),
            );
            (lang, rec)
        }
    };
    let get = |path: &str| s.http().get(s.url(path)).header("accept-language", "ru");
    let post = |path: &str, body: &str| {
        s.http()
            .post(s.url(path))
            .header("accept-language", "ru")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.to_string())
    };
    let r = get("/CONTOSO/oauth2/v2.0/authorize?client_id=web-portal&x=%zz").send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(record(r).await, (Some("ru".into()), ("CONTOSO".into(), "authorize".into(), 9002313)));
    let r = get("/nosuch/oauth2/v2.0/authorize?client_id=web-portal&ui_locales=ar").send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(record(r).await, (Some("ar".into()), ("nosuch".into(), "authorize".into(), 90002)));
    let r = post("/CONTOSO/login", "interaction=%zz").send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(record(r).await, (Some("ru".into()), ("CONTOSO".into(), "signin".into(), 9002313)));
    let r = post("/nosuch/consent", "decision=accept&ui_locales=ar").send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(record(r).await, (Some("ru".into()), ("nosuch".into(), "consent".into(), 90002)));
    // UserInfo reads a form body on POST only (RFC 6750 §2.2), and a bad one is refused in English.
    let r = s
        .http()
        .get(s.url("/contoso/oidc/userinfo"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("access_token=%zz")
        .send()
        .await
        .unwrap();
    expect_error(r, 401, "invalid_token", 88000030).await;
    let r = post("/contoso/oidc/userinfo", "access_token=%zz").send().await.unwrap();
    let r = expect_error(r, 400, "invalid_request", 9002313).await;
    assert_eq!(r.header("content-language"), None, "{}", r.body);
    // Over the body limit: the catalogued 413 of every other endpoint (was axum's plain-text 413).
    let big = format!("access_token={}", "a".repeat(sigil_core::limits::MAX_BODY_BYTES));
    let r = post("/contoso/oidc/userinfo", &big).send().await.unwrap();
    expect_error(r, 413, "invalid_request", 88000100).await;
}
