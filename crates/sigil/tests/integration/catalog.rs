//! Walks the whole error catalog: every entry is provoked against a real server (PostgreSQL
//! backend), and for each one the test checks the response (status, error, code), its troubleshooting
//! page in English and in another language, and — for sign-in flows — the sign-in log record found by
//! the response's trace ID. A catalog entry nobody can provoke fails this test.
use std::collections::BTreeMap;

use serde_json::Value;
use sigil_core::catalog;
use sigil_testkit::browser::{Agent, param};
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::client_assertions::*;
use crate::common::*;

const REDIRECT: &str = "http://127.0.0.1:5000/callback";

/// One provoked refusal: the code the caller saw, its trace ID, and whether the sign-in log has it.
struct Seen {
    trace_id: String,
    logged: bool,
}

struct Walk {
    seen: BTreeMap<u32, Seen>,
}

impl Walk {
    fn json(&mut self, r: &Refusal, code: u32, logged: bool) {
        self.seen.insert(code, Seen { trace_id: r.trace_id().to_string(), logged });
    }
    fn redirect(&mut self, location: &str, code: u32) {
        assert_eq!(param(location, "error_codes"), Some(code.to_string()), "{location}");
        self.seen.insert(code, Seen { trace_id: param(location, "trace_id").unwrap(), logged: true });
    }
    fn page(&mut self, p: &sigil_testkit::browser::Page, trace: &str, code: u32, status: u16, logged: bool) {
        assert_eq!(p.status, status, "{}", p.body);
        assert!(p.body.contains(&format!("SIGIL{code}")), "page for {code}: {}", p.body);
        self.seen.insert(code, Seen { trace_id: trace.to_string(), logged });
    }
}

/// A page fetched without cookies, with the trace ID from its response header.
async fn get_page(s: &Server, url: &str) -> (sigil_testkit::browser::Page, String) {
    page_of(s.http().get(s.url(url)).send().await.unwrap()).await
}

/// A response read as a page, with its trace ID.
async fn page_of(r: reqwest::Response) -> (sigil_testkit::browser::Page, String) {
    let trace = r.headers()["x-sigil-trace-id"].to_str().unwrap().to_string();
    let status = r.status().as_u16();
    let body = r.text().await.unwrap();
    (sigil_testkit::browser::Page { status, location: None, body }, trace)
}

async fn code(agent: &mut Agent, url: &str) -> String {
    param(&agent.sign_in(url, "alice", "correct horse battery staple").await, "code").unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_catalog_entry_is_provoked_explained_and_logged() {
    let assertions = AssertionFixture::start().await;
    let mut imports = ServerOptions::default().imports;
    imports.push(sigil_testkit::fixture("spa.toml"));
    imports.push(sigil_testkit::fixture("dcr.toml"));
    imports.push(sigil_testkit::fixture("dpop.toml"));
    let fapi = crate::fapi::FapiFixture::new();
    imports.push(fapi.overlay.clone());
    imports.push(sigil_testkit::fixture("obo.toml"));
    imports.push(sigil_testkit::fixture("mfa.toml"));
    imports.push(sigil_testkit::fixture("account.toml"));
    imports.push(sigil_testkit::fixture("admin.toml"));
    // Last: it sets contoso's tenant-level `trusted_issuer` list, which a later `[[tenant]]`
    // contoso (fapi, admin) would replace.
    imports.push(assertions.overlay.clone());
    let s = server_with(ServerOptions {
        imports,
        backend: Backend::Postgres,
        env: vec![
            ("SIGIL_OUTBOUND_ALLOW_PRIVATE_ADDRESSES".into(), "true".into()),
            ("SIGIL_OUTBOUND_ALLOW_HTTP".into(), "true".into()),
            ("SIGIL_TOKENS_CODE_LIFETIME".into(), "2".into()),
            ("SIGIL_TOKENS_DEVICE_CODE_LIFETIME".into(), "4".into()),
            ("SIGIL_TOKENS_REFRESH_TOKEN_GRACE".into(), "0".into()),
            ("SIGIL_TOKENS_REFRESH_TOKEN_MAX_LIFETIME".into(), "4".into()),
            ("SIGIL_SERVER_REQUEST_TIMEOUT".into(), "5".into()),
            ("SIGIL_SERVER_TRUSTED_PROXIES".into(), r#"["127.0.0.1"]"#.into()),
        ],
        ..Default::default()
    })
    .await;
    let mut w = Walk { seen: BTreeMap::new() };
    let cc = |scope: &'static str| vec![("grant_type", "client_credentials"), ("scope", scope)];
    let reports = cc("api://reports/.default");
    let t = |form: Vec<(&'static str, &'static str)>, basic: Option<(&'static str, &'static str)>| {
        token(&s, "contoso", Vec::leak(form), basic)
    };

    // A refresh token created now, to outlive its 4 s absolute lifetime at the end.
    let pw_form = vec![
        ("grant_type", "password"),
        ("username", "alice"),
        ("password", "correct horse battery staple"),
        ("scope", "openid offline_access"),
    ];
    let old: Value = t(pw_form.clone(), Some(LEGACY)).await.json().await.unwrap();
    let old_rt = old["refresh_token"].as_str().unwrap().to_string();
    let started = std::time::Instant::now();

    // Token endpoint.
    let r = expect_error(token(&s, "nosuch", &reports, Some(DAEMON)).await, 400, "invalid_request", 90002).await;
    w.json(&r, 90002, true);
    let r = expect_error(t(vec![("scope", "x")], Some(DAEMON)).await, 400, "invalid_request", 900144).await;
    w.json(&r, 900144, true);
    let bad = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/token"))
        .basic_auth(DAEMON.0, Some(DAEMON.1))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=%zz")
        .send()
        .await
        .unwrap();
    w.json(&expect_error(bad, 400, "invalid_request", 9002313).await, 9002313, true);
    let json = s.http().post(s.url("/contoso/oauth2/v2.0/token")).json(&serde_json::json!({})).send().await.unwrap();
    w.json(&expect_error(json, 400, "invalid_request", 88000001).await, 88000001, true);
    let dup = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("a=1&a=2")
        .send()
        .await
        .unwrap();
    w.json(&expect_error(dup, 400, "invalid_request", 88000002).await, 88000002, true);
    let mut both = reports.clone();
    both.push(("client_secret", DAEMON.1));
    w.json(&expect_error(t(both, Some(DAEMON)).await, 400, "invalid_request", 88000003).await, 88000003, true);
    w.json(
        &expect_error(t(reports.clone(), Some(("nobody", "x"))).await, 401, "invalid_client", 700016).await,
        700016,
        true,
    );
    w.json(
        &expect_error(t(reports.clone(), Some((DAEMON.0, "wrong"))).await, 401, "invalid_client", 7000215).await,
        7000215,
        true,
    );
    w.json(
        &expect_error(
            t(reports.clone(), Some(("expired-app", "expired-secret-0123456789abcdef-0123456789"))).await,
            401,
            "invalid_client",
            7000222,
        )
        .await,
        7000222,
        true,
    );
    let mut noauth = reports.clone();
    noauth.push(("client_id", DAEMON.0));
    w.json(&expect_error(t(noauth, None).await, 401, "invalid_client", 7000218).await, 7000218, true);
    for (assertion, client, code) in assertions.refusals(&s).await {
        let r = with_assertion(&s, "contoso", Some(&client), &assertion).await;
        w.json(&expect_error(r, 401, "invalid_client", code).await, code, true);
    }
    for (assertion, client, error, code) in assertions.jwt_bearer_refusals(&s).await {
        let form = [
            ("grant_type", JWT_BEARER_URN),
            ("assertion", assertion.as_str()),
            ("scope", "api://reports/Reports.Read"),
        ];
        let r = token(&s, "contoso", &form, Some((client, BEARER_SECRET))).await;
        w.json(&expect_error(r, 400, error, code).await, code, true);
    }
    w.json(
        &expect_error(
            t(vec![("grant_type", "password"), ("client_id", "spa"), ("client_secret", "s")], None).await,
            401,
            "invalid_client",
            700025,
        )
        .await,
        700025,
        true,
    );
    w.json(
        &expect_error(
            t(reports.clone(), Some(("post-only", "post-only-secret-0123456789abcdef-01234567"))).await,
            401,
            "invalid_client",
            88000005,
        )
        .await,
        88000005,
        true,
    );
    let malformed = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/token"))
        .header("Authorization", "Basic %%%")
        .form(&reports)
        .send()
        .await
        .unwrap();
    w.json(&expect_error(malformed, 401, "invalid_client", 88000006).await, 88000006, true);
    w.json(
        &expect_error(
            t(vec![("grant_type", "refresh_token"), ("refresh_token", "nope")], Some(LEGACY)).await,
            400,
            "invalid_grant",
            70000,
        )
        .await,
        70000,
        true,
    );
    // A single-page application's refresh token redeemed without `Origin` (not from a browser).
    let spa = [("grant_type", "refresh_token"), ("client_id", "spa-app"), ("refresh_token", "any")];
    w.json(
        &expect_error(token(&s, "spa-tenant", &spa, None).await, 400, "invalid_request", 9002327).await,
        9002327,
        true,
    );
    w.json(
        &expect_error(t(vec![("grant_type", "magic")], Some(DAEMON)).await, 400, "unsupported_grant_type", 70003).await,
        70003,
        true,
    );
    w.json(
        &expect_error(
            t(vec![("grant_type", "password"), ("username", "a"), ("password", "b")], Some(DAEMON)).await,
            400,
            "unauthorized_client",
            88000011,
        )
        .await,
        88000011,
        true,
    );
    w.json(
        &expect_error(
            t(reports.clone(), Some(("no-permission", "no-permission-secret-0123456789abcdef-0123"))).await,
            400,
            "unauthorized_client",
            501051,
        )
        .await,
        501051,
        true,
    );
    w.json(
        &expect_error(t(cc("api://reports/NoSuchRole"), Some(DAEMON)).await, 400, "invalid_scope", 70011).await,
        70011,
        true,
    );
    w.json(
        &expect_error(t(cc("api://nothing/.default"), Some(DAEMON)).await, 400, "invalid_scope", 500011).await,
        500011,
        true,
    );
    w.json(
        &expect_error(t(cc("api://reports/Reports.Write.All"), Some(DAEMON)).await, 400, "invalid_scope", 88000012)
            .await,
        88000012,
        true,
    );
    w.json(
        &expect_error(
            t(cc("api://reports/.default api://billing/.default"), Some(DAEMON)).await,
            400,
            "invalid_scope",
            28000,
        )
        .await,
        28000,
        true,
    );

    // Passwords: unknown user is reported as 50126 and logged as 50034.
    let pw = |u: &'static str, p: &'static str| vec![("grant_type", "password"), ("username", u), ("password", p)];
    let r = expect_error(t(pw("nobody", "x"), Some(LEGACY)).await, 400, "invalid_grant", 50126).await;
    w.seen.insert(50034, Seen { trace_id: r.trace_id().to_string(), logged: true });
    w.json(&expect_error(t(pw("alice", "x"), Some(LEGACY)).await, 400, "invalid_grant", 50126).await, 50126, true);
    w.json(
        &expect_error(
            t(pw("disabled-user", "disabled-user-password"), Some(LEGACY)).await,
            400,
            "invalid_grant",
            50057,
        )
        .await,
        50057,
        true,
    );
    for _ in 0..5 {
        t(pw("lockme", "x"), Some(LEGACY)).await;
    }
    w.json(
        &expect_error(t(pw("lockme", "lockme-password-123"), Some(LEGACY)).await, 400, "invalid_grant", 50053).await,
        50053,
        true,
    );

    // Refresh: reuse with no grace window revokes the grant.
    let fresh: Value = t(pw_form.clone(), Some(LEGACY)).await.json().await.unwrap();
    let rt0 = fresh["refresh_token"].as_str().unwrap().to_string();
    let rt1 = token(&s, "contoso", &[("grant_type", "refresh_token"), ("refresh_token", &rt0)], Some(LEGACY))
        .await
        .json::<Value>()
        .await
        .unwrap()["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    let r = expect_error(
        token(&s, "contoso", &[("grant_type", "refresh_token"), ("refresh_token", &rt0)], Some(LEGACY)).await,
        400,
        "invalid_grant",
        88000009,
    )
    .await;
    w.json(&r, 88000009, true);
    let r = expect_error(
        token(&s, "contoso", &[("grant_type", "refresh_token"), ("refresh_token", &rt1)], Some(LEGACY)).await,
        400,
        "invalid_grant",
        50173,
    )
    .await;
    w.json(&r, 50173, true);
    let other = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/token"))
        .basic_auth(PORTAL.0, Some(PORTAL.1))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", old_rt.as_str())])
        .send()
        .await
        .unwrap();
    w.json(&expect_error(other, 400, "invalid_grant", 88000007).await, 88000007, true);

    // Codes: via the sign-in form contract.
    let mut agent = Agent::new(s.http(), &s.base);
    // Every client sends PKCE (RFC 9700 §2.1.1); the RFC 7636 Appendix B challenge.
    let code_url_with = |extra: &str, method: &str| {
        format!(
            "/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=code&redirect_uri={REDIRECT}&state=s{extra}\
             &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method={method}"
        )
    };
    let code_url = |extra: &str| code_url_with(extra, "S256");
    let pkce_url = code_url("&scope=openid");
    let c = code(&mut agent, &pkce_url).await;
    let redeem = |c: String, verifier: Option<&'static str>, redirect: &'static str| {
        let s = &s;
        async move {
            let mut f = vec![
                ("grant_type", "authorization_code".to_string()),
                ("code", c),
                ("redirect_uri", redirect.to_string()),
            ];
            if let Some(v) = verifier {
                f.push(("code_verifier", v.to_string()));
            }
            s.http()
                .post(s.url("/contoso/oauth2/v2.0/token"))
                .basic_auth(PORTAL.0, Some(PORTAL.1))
                .form(&f)
                .send()
                .await
                .unwrap()
        }
    };
    const V: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    assert_eq!(redeem(c.clone(), Some(V), REDIRECT).await.status(), 200);
    w.json(&expect_error(redeem(c, Some(V), REDIRECT).await, 400, "invalid_grant", 54005).await, 54005, true);
    let c = code(&mut agent, &pkce_url).await;
    w.json(
        &expect_error(
            redeem(c, Some("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXx"), REDIRECT).await,
            400,
            "invalid_grant",
            501481,
        )
        .await,
        501481,
        true,
    );
    let c = code(&mut agent, &pkce_url).await;
    w.json(
        &expect_error(
            redeem(c, Some(V), "https://portal.contoso.example/callback").await,
            400,
            "invalid_grant",
            88000008,
        )
        .await,
        88000008,
        true,
    );
    let c = code(&mut agent, &pkce_url).await;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    w.json(&expect_error(redeem(c, Some(V), REDIRECT).await, 400, "invalid_grant", 70008).await, 70008, true);

    // Authorize errors redirected to the client.
    let mut fresh_agent = Agent::new(s.http(), &s.base);
    let l = fresh_agent
        .get(&format!(
            "/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=token&redirect_uri={REDIRECT}"
        ))
        .await
        .location
        .unwrap();
    w.redirect(&l, 88000020);
    let l = fresh_agent.get(&code_url("&scope=openid&prompt=none")).await.location.unwrap();
    w.redirect(&l, 50058);
    let l = fresh_agent.get(&code_url_with("&scope=openid", "plain")).await.location.unwrap();
    w.redirect(&l, 88000004);
    let l = fresh_agent
        .get("/contoso/oauth2/v2.0/authorize?client_id=spa&response_type=code&redirect_uri=http://127.0.0.1/spa-callback")
        .await
        .location
        .unwrap();
    w.redirect(&l, 9002325);
    // Consent required (prompt=none) and declined.
    let page = fresh_agent.get(&code_url("&scope=openid%20email")).await;
    let consent = fresh_agent.submit(&page, &[("username", "bob"), ("password", "Tr0ub4dor&3-example")]).await;
    assert!(consent.is_consent());
    let l = fresh_agent.get(&code_url("&scope=openid%20email&prompt=none")).await.location.unwrap();
    w.redirect(&l, 65001);
    let l = fresh_agent.submit(&consent, &[("decision", "deny")]).await.location.unwrap();
    w.redirect(&l, 65004);

    // Pages: never redirected.
    let (p, tr) = get_page(
        &s,
        "/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=code&redirect_uri=https://evil.example/",
    )
    .await;
    w.page(&p, &tr, 50011, 400, true);
    let signin = Agent::new(s.http(), &s.base).get(&code_url("")).await;
    let forged = s
        .http()
        .post(s.url(&signin.form_action().unwrap()))
        .form(&[("csrf_token", "x"), ("interaction", "y")])
        .send()
        .await
        .unwrap();
    let tr = forged.headers()["x-sigil-trace-id"].to_str().unwrap().to_string();
    let p = sigil_testkit::browser::Page {
        status: forged.status().as_u16(),
        location: None,
        body: forged.text().await.unwrap(),
    };
    w.page(&p, &tr, 88000021, 400, true);
    let mut b = Agent::new(s.http(), &s.base);
    let signin = b.get(&code_url("")).await;
    let altered = b
        .post(
            "/fabrikam/login",
            &[
                ("csrf_token", &signin.input("csrf_token").unwrap()),
                ("interaction", &signin.input("interaction").unwrap()),
            ],
        )
        .await;
    assert!(altered.body.contains("SIGIL88000022"));
    let trace_in_page =
        altered.body.split("<code>").nth(2).and_then(|x| x.split("</code>").next()).unwrap().to_string();
    w.page(&altered, &trace_in_page, 88000022, 400, true);
    // The sign-in form's interaction posted to the consent step.
    let wrong_step = b
        .post(
            &signin.form_action().unwrap().replace("/login", "/consent"),
            &[
                ("csrf_token", &signin.input("csrf_token").unwrap()),
                ("interaction", &signin.input("interaction").unwrap()),
                ("decision", "accept"),
            ],
        )
        .await;
    let trace_in_page =
        wrong_step.body.split("<code>").nth(2).and_then(|x| x.split("</code>").next()).unwrap().to_string();
    w.page(&wrong_step, &trace_in_page, 88000160, 400, true);

    // Userinfo, logout, admin, unknown route.
    let ui = s.http().get(s.url("/contoso/oidc/userinfo")).send().await.unwrap();
    w.json(&expect_error(ui, 401, "invalid_token", 88000030).await, 88000030, false);
    let no_openid: Value = t(
        vec![
            ("grant_type", "password"),
            ("username", "alice"),
            ("password", "correct horse battery staple"),
            ("scope", "api://reports/Reports.Read"),
        ],
        Some(LEGACY),
    )
    .await
    .json()
    .await
    .unwrap();
    let ui = s
        .http()
        .get(s.url("/contoso/oidc/userinfo"))
        .bearer_auth(no_openid["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    w.json(&expect_error(ui, 403, "insufficient_scope", 88000031).await, 88000031, false);
    let ui = s.http().post(s.url("/contoso/oidc/userinfo")).bearer_auth("t").form(&[("access_token", "t")]).send();
    w.json(&expect_error(ui.await.unwrap(), 400, "invalid_request", 88000140).await, 88000140, false);
    let (p, tr) =
        get_page(&s, "/contoso/oauth2/v2.0/logout?client_id=web-portal&post_logout_redirect_uri=https://evil.example/")
            .await;
    w.page(&p, &tr, 88000040, 400, false);
    let (p, tr) = get_page(&s, "/contoso/oauth2/v2.0/logout?id_token_hint=a.b.c").await;
    w.page(&p, &tr, 88000041, 400, false);
    let admin = s.http().get(s.url("/admin/signins")).bearer_auth("wrong").send().await.unwrap();
    w.json(&expect_error(admin, 401, "invalid_token", 88000050).await, 88000050, false);
    let nf = s.http().get(s.url("/no/such/path")).send().await.unwrap();
    w.json(&expect_error(nf, 404, "not_found", 88000060).await, 88000060, false);
    // Input limits (issue 17): body size, parameter count, scope size; a wrong method.
    let big = s.http().post(s.url("/contoso/oauth2/v2.0/token")).form(&[("x", "a".repeat(300_000))]).send().await;
    w.json(&expect_error(big.unwrap(), 413, "invalid_request", 88000100).await, 88000100, true);
    let many: Vec<(String, &str)> = (0..101).map(|i| (format!("p{i}"), "1")).collect();
    let many = s.http().post(s.url("/contoso/oauth2/v2.0/token")).form(&many).send().await.unwrap();
    w.json(&expect_error(many, 400, "invalid_request", 88000101).await, 88000101, true);
    let scope = vec!["openid"; 101].join(" ");
    let r = token(&s, "contoso", &[("grant_type", "client_credentials"), ("scope", &scope)], Some(DAEMON)).await;
    w.json(&expect_error(r, 400, "invalid_scope", 88000102).await, 88000102, true);
    let get = s.http().get(s.url("/contoso/oauth2/v2.0/token")).send().await.unwrap();
    w.json(&expect_error(get, 405, "invalid_request", 88000103).await, 88000103, false);
    let long = format!(
        "/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=code&redirect_uri=http://127.0.0.1:5000/callback&nonce={}",
        "n".repeat(9000)
    );
    let r = s.http().get(s.url(&long)).send().await.unwrap();
    w.redirect(r.headers()["location"].to_str().unwrap(), 88000104);

    // Absolute lifetime: the first refresh token is now older than 4 s.
    let wait = std::time::Duration::from_millis(4200).saturating_sub(started.elapsed());
    tokio::time::sleep(wait).await;
    let r = expect_error(
        token(&s, "contoso", &[("grant_type", "refresh_token"), ("refresh_token", &old_rt)], Some(LEGACY)).await,
        400,
        "invalid_grant",
        88000010,
    )
    .await;
    w.json(&r, 88000010, true);

    // A grant without a user can only be corruption: 50000. Then the store goes away: 90033.
    let db_url = s.env.iter().find(|(k, _)| k == "SIGIL_DATABASE_URL").unwrap().1.clone();
    let pool = sqlx::PgPool::connect(&db_url).await.unwrap();
    let rt = "corrupt-refresh-token-for-the-catalog-walk-0123456789";
    let gid = uuid::Uuid::new_v4();
    sqlx::query("INSERT INTO grants (id, tenant_id, client_id, user_id, scope, auth_time, created_at, expires_at) SELECT $1, id, 'legacy-cli', NULL, 'openid', 0, extract(epoch from now())::bigint, extract(epoch from now())::bigint + 3600 FROM tenants WHERE lower(name) = 'contoso'")
        .bind(gid).execute(&pool).await.unwrap();
    sqlx::query(
        "INSERT INTO refresh_tokens (hash, grant_id, created_at) VALUES ($1, $2, extract(epoch from now())::bigint)",
    )
    .bind(sigil_core::token::refresh_key(rt))
    .bind(gid)
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
    w.json(
        &expect_error(
            token(&s, "contoso", &[("grant_type", "refresh_token"), ("refresh_token", rt)], Some(LEGACY)).await,
            500,
            "server_error",
            50000,
        )
        .await,
        50000,
        true,
    );

    // Connections and admin access: a body that never comes; wrong admin credentials from one
    // (forwarded) source.
    {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut c = tokio::net::TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
        c.write_all(b"POST /contoso/oauth2/v2.0/token HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n")
            .await
            .unwrap();
        let mut answer = String::new();
        let _ = tokio::time::timeout(std::time::Duration::from_secs(20), c.read_to_string(&mut answer)).await;
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        let body: Value = serde_json::from_str(answer.split_once("\r\n\r\n").unwrap().1).unwrap();
        assert_eq!(body["error_codes"][0].as_u64(), Some(88000121), "{body}");
        w.seen.insert(88000121, Seen { trace_id: body["trace_id"].as_str().unwrap().to_string(), logged: false });
        let wrong_admin = || {
            s.http()
                .get(s.url("/admin/signins"))
                .bearer_auth("w".repeat(40))
                .header("x-forwarded-for", "203.0.113.99")
                .send()
        };
        for _ in 0..5 {
            expect_error(wrong_admin().await.unwrap(), 401, "invalid_token", 88000050).await;
        }
        let r = expect_error(wrong_admin().await.unwrap(), 429, "access_denied", 88000120).await;
        w.json(&r, 88000120, false);
    }

    // Issue 20: introspection by a client whose `introspect` setting names no API (RFC 7662 §2.1).
    let r = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/introspect"))
        .form(&[("token", "t")])
        .basic_auth(DAEMON.0, Some(DAEMON.1));
    let r = expect_error(r.send().await.unwrap(), 400, "unauthorized_client", 88000200).await;
    w.json(&r, 88000200, true);

    // Issue 20: a resource indicator naming no API of the tenant (RFC 8707 §2).
    let r = token(&s, "contoso", &[("grant_type", "client_credentials"), ("resource", "api://unknown")], Some(DAEMON))
        .await;
    let r = expect_error(r, 400, "invalid_target", 88000210).await;
    w.json(&r, 88000210, true);

    // Issue 20: dynamic client registration (RFC 7591 §3.2.2, RFC 7592 §2) and Client ID Metadata Documents.
    {
        let register = |tenant: &str, body: Value, bearer: Option<&str>| {
            let mut r = s.http().post(s.url(&format!("/{tenant}/oauth2/v2.0/register"))).json(&body);
            if let Some(b) = bearer {
                r = r.bearer_auth(b);
            }
            r.send()
        };
        let body = |redirect: &str, grant: &str| serde_json::json!({"redirect_uris": [redirect], "grant_types": [grant], "token_endpoint_auth_method": "none"});
        let r = register("dcr-open", body("https://evil.example/cb", "authorization_code"), None).await.unwrap();
        let r = expect_error(r, 400, "invalid_redirect_uri", 88000380).await;
        w.json(&r, 88000380, true);
        let r = register("dcr-open", body("http://127.0.0.1/cb", "implicit"), None).await.unwrap();
        let r = expect_error(r, 400, "invalid_client_metadata", 88000381).await;
        w.json(&r, 88000381, true);
        let r = register("dcr-closed", body("http://127.0.0.1/cb", "authorization_code"), None).await.unwrap();
        let r = expect_error(r, 401, "invalid_token", 88000382).await;
        w.json(&r, 88000382, true);
        let r = s.http().get(s.url("/dcr-open/oauth2/v2.0/register?client_id=nobody")).bearer_auth("x").send();
        let r = expect_error(r.await.unwrap(), 401, "invalid_token", 88000383).await;
        w.json(&r, 88000383, true);
        let authorize = |client_id: &str| {
            let q = url::form_urlencoded::byte_serialize(client_id.as_bytes()).collect::<String>();
            format!("/dcr-open/oauth2/v2.0/authorize?client_id={q}&response_type=code&redirect_uri={REDIRECT}")
        };
        // Loopback: refused by the fetcher (outbound.allow_private_addresses is off).
        let (p, tr) = get_page(&s, &authorize("https://127.0.0.1:1/client.json")).await;
        w.page(&p, &tr, 88000384, 400, true);
        let (p, tr) = get_page(&s, &authorize("https://app.example/a/../client.json")).await;
        w.page(&p, &tr, 88000385, 400, true);
    }

    // Issue 19: the device authorization grant (RFC 8628 §3.5) and its verification page (§3.3).
    {
        let device_auth = || {
            s.http()
                .post(s.url("/contoso/oauth2/v2.0/devicecode"))
                .form(&[("client_id", "desktop-app"), ("scope", "openid")])
                .send()
        };
        let poll = |code: String| {
            let s = &s;
            async move {
                let f = [("grant_type", "device_code"), ("client_id", "desktop-app"), ("device_code", code.as_str())];
                token(s, "contoso", &f, None).await
            }
        };
        let trace_of = |p: &sigil_testkit::browser::Page| {
            p.body.split("<code>").nth(2).and_then(|x| x.split("</code>").next()).unwrap().to_string()
        };
        // Declined on the consent page: the page, then access_denied at the device.
        let b: Value = device_auth().await.unwrap().json().await.unwrap();
        let mut agent = Agent::new(s.http(), &s.base);
        let signin = agent.post("/contoso/device", &[("user_code", b["user_code"].as_str().unwrap())]).await;
        let consent = agent.submit(&signin, &[("username", "bob"), ("password", "Tr0ub4dor&3-example")]).await;
        let denied = agent.submit(&consent, &[("decision", "deny")]).await;
        w.page(&denied, &trace_of(&denied), 88000221, 400, true);
        let r =
            expect_error(poll(b["device_code"].as_str().unwrap().into()).await, 400, "access_denied", 88000221).await;
        w.json(&r, 88000221, true);
        // Pending, polled too fast, then expired (device_code_lifetime is 4 s here).
        let a: Value = device_auth().await.unwrap().json().await.unwrap();
        let code = a["device_code"].as_str().unwrap().to_string();
        let r = expect_error(poll(code.clone()).await, 400, "authorization_pending", 70016).await;
        w.json(&r, 70016, true);
        let r = expect_error(poll(code.clone()).await, 400, "slow_down", 88000220).await;
        w.json(&r, 88000220, true);
        // A wrong user code, then too many of them from one (forwarded) source.
        let wrong = || {
            s.http()
                .post(s.url("/contoso/device"))
                .header("x-forwarded-for", "203.0.113.77")
                .form(&[("user_code", "BCDF-GHJK")])
                .send()
        };
        let (p, tr) = page_of(wrong().await.unwrap()).await;
        w.page(&p, &tr, 70018, 400, true);
        for _ in 1..10 {
            assert_eq!(wrong().await.unwrap().status(), 400);
        }
        let (p, tr) = page_of(wrong().await.unwrap()).await;
        w.page(&p, &tr, 88000222, 429, true);
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
        let r = expect_error(poll(code).await, 400, "expired_token", 70019).await;
        w.json(&r, 70019, true);
    }

    // Issue 20: PAR (RFC 9126) and DPoP (RFC 9449).
    {
        use crate::dpop::{
            Claims, DESKTOP, DpopKey, FAPI_APP, NATIVE_REDIRECT, NONCE_DAEMON, TOKEN_PATH, USERINFO_PATH,
        };
        let key = DpopKey::new();
        let htu = s.url(TOKEN_PATH);
        let cc = crate::dpop::CC;
        let srv = &s;
        let with = |p: String| async move { crate::dpop::token_dpop(srv, cc, Some(DAEMON), &[&p]).await };
        let typ = key.proof_with("POST", &htu, Claims { typ: Some("JWT"), ..Default::default() });
        w.json(&expect_error(with(typ).await, 400, "invalid_dpop_proof", 88000340).await, 88000340, true);
        let htm = key.proof_with("GET", &htu, Claims::default());
        w.json(&expect_error(with(htm).await, 400, "invalid_dpop_proof", 88000341).await, 88000341, true);
        let old = key.proof_with("POST", &htu, Claims { iat_offset: -300, ..Default::default() });
        w.json(&expect_error(with(old).await, 400, "invalid_dpop_proof", 88000342).await, 88000342, true);
        let once = key.proof(&s, TOKEN_PATH);
        assert_eq!(with(once.clone()).await.status(), 200);
        w.json(&expect_error(with(once).await, 400, "invalid_dpop_proof", 88000343).await, 88000343, true);
        let r = crate::dpop::token_dpop(&s, cc, Some(NONCE_DAEMON), &[&key.proof(&s, TOKEN_PATH)]).await;
        w.json(&expect_error(r, 400, "use_dpop_nonce", 88000344).await, 88000344, true);
        let (code, verifier) = crate::dpop::desktop_code(&s, &[("dpop_jkt", &key.jkt())]).await;
        let r = token(&s, "contoso", &crate::dpop::redeem_form(&code, &verifier), None).await;
        w.json(&expect_error(r, 400, "invalid_grant", 88000345).await, 88000345, true);
        let fapi =
            [("grant_type", "authorization_code"), ("client_id", FAPI_APP), ("code", "x"), ("code_verifier", "x")];
        let r = token(&s, "contoso", &fapi, None).await;
        w.json(&expect_error(r, 400, "invalid_dpop_proof", 88000346).await, 88000346, true);
        let bound: Value = with(key.proof(&s, TOKEN_PATH)).await.json().await.unwrap();
        let ui = s.http().get(s.url(USERINFO_PATH)).bearer_auth(bound["access_token"].as_str().unwrap());
        w.json(&expect_error(ui.send().await.unwrap(), 401, "invalid_token", 88000347).await, 88000347, false);
        let authorize = |q: &str| format!("/contoso/oauth2/v2.0/authorize?{q}");
        let (p, tr) = get_page(
            &s,
            &authorize(&format!("client_id={DESKTOP}&request_uri=urn:ietf:params:oauth:request_uri:nope")),
        )
        .await;
        w.page(&p, &tr, 88000350, 400, true);
        let direct = format!(
            "client_id={FAPI_APP}&response_type=code&redirect_uri={}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256",
            url::form_urlencoded::byte_serialize(NATIVE_REDIRECT.as_bytes()).collect::<String>()
        );
        let r = s.http().get(s.url(&authorize(&direct))).send().await.unwrap();
        w.redirect(r.headers()["location"].to_str().unwrap(), 88000351);
    }

    // On-behalf-of (tenant `obo`): the assertion refused, then consent missing (65001, logged as
    // 88000321).
    {
        use crate::on_behalf_of::{DOWNSTREAM, FRONT, FRONT_SHORT, MIDDLE, obo, user_token};
        let short = user_token(&s, FRONT_SHORT).await;
        let front = user_token(&s, FRONT).await;
        let assertion = front["access_token"].as_str().unwrap();
        let read = "api://downstream/Data.Read";
        let r = expect_error(obo(&s, MIDDLE, "not-a-jwt", read).await, 400, "invalid_grant", 50013).await;
        w.json(&r, 50013, true);
        let r = expect_error(obo(&s, DOWNSTREAM, assertion, read).await, 400, "invalid_grant", 500131).await;
        w.json(&r, 500131, true);
        let app: Value =
            token(&s, "obo", &[("grant_type", "client_credentials"), ("scope", "api://middle/.default")], Some(FRONT))
                .await
                .json()
                .await
                .unwrap();
        let r = expect_error(
            obo(&s, MIDDLE, app["access_token"].as_str().unwrap(), read).await,
            400,
            "invalid_grant",
            88000320,
        )
        .await;
        w.json(&r, 88000320, true);
        let r = expect_error(obo(&s, MIDDLE, assertion, read).await, 400, "invalid_grant", 65001).await;
        w.seen.insert(88000321, Seen { trace_id: r.trace_id().to_string(), logged: true });
        tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
        let r = expect_error(
            obo(&s, MIDDLE, short["access_token"].as_str().unwrap(), read).await,
            400,
            "invalid_grant",
            500133,
        )
        .await;
        w.json(&r, 500133, true);

        // Token exchange (RFC 8693): the subject, the actor, the policy, the token types.
        use crate::token_exchange::{EXCHANGER, exchange};
        let st = ("subject_token_type", "urn:ietf:params:oauth:token-type:access_token");
        let down = ("audience", "api://downstream");
        type Form<'a> = Vec<(&'a str, &'a str)>;
        let cases: [(Form, &str, u32); 5] = [
            (vec![("subject_token", "not-a-jwt"), st, down], "invalid_request", 88000322),
            (
                vec![("subject_token", assertion), st, down, ("actor_token", "x"), ("actor_token_type", st.1)],
                "invalid_request",
                88000323,
            ),
            (vec![("subject_token", app["access_token"].as_str().unwrap()), st, down], "invalid_request", 88000322),
            (vec![("subject_token", assertion), st, ("audience", "api://middle")], "invalid_target", 88000325),
            (
                vec![
                    ("subject_token", assertion),
                    ("subject_token_type", "urn:ietf:params:oauth:token-type:id_token"),
                    down,
                ],
                "invalid_request",
                88000326,
            ),
        ];
        for (form, error, code) in cases {
            let r = expect_error(exchange(&s, EXCHANGER, &form).await, 400, error, code).await;
            w.json(&r, code, true);
        }
        let b: Value = exchange(&s, EXCHANGER, &[("subject_token", assertion), st, down]).await.json().await.unwrap();
        let r = expect_error(
            exchange(&s, EXCHANGER, &[("subject_token", b["access_token"].as_str().unwrap()), st, down]).await,
            400,
            "invalid_request",
            88000324,
        )
        .await;
        w.json(&r, 88000324, true);
    }

    // JAR (RFC 9101) and FAPI 2.0.
    for (code, trace_id) in crate::fapi::provoke_refusals(&s, &fapi).await {
        w.seen.insert(code, Seen { trace_id, logged: true });
    }
    // Issue 21: second factors (mfa.toml).
    mfa_refusals(&s, &mut w).await;
    account_refusals(&s, &mut w).await;
    // Issue 21 passkeys: on a server of their own (a relying-party id is a domain, never this
    // server's 127.0.0.1); `passkeys::end_to_end` checks each one's sign-in log record itself.
    for (code, trace_id) in crate::passkeys::end_to_end(Backend::Postgres).await {
        w.seen.insert(code, Seen { trace_id, logged: false });
    }
    // Issue 22: the admin API's refusals (problem details; not sign-in log records).
    {
        let admin = |m: reqwest::Method, path: &str, bearer: &str, if_match: Option<&str>, body: Value| {
            let mut r = s.http().request(m, s.url(&format!("/admin/api/v1{path}"))).bearer_auth(bearer).json(&body);
            if let Some(t) = if_match {
                r = r.header("if-match", t);
            }
            r.send()
        };
        let boot = s.admin_token.clone();
        let body = serde_json::json!({"display_name": "Contoso"});
        let form = [("grant_type", "client_credentials"), ("scope", "api://sigil-admin/.default")];
        let reader: Value =
            token(&s, "contoso", &form, Some(("contoso-reader", "contoso-reader-secret-0123456789abcdef-0123")))
                .await
                .json()
                .await
                .unwrap();
        let reader = reader["access_token"].as_str().unwrap().to_string();
        let cases = [
            (admin(reqwest::Method::PATCH, "/tenants/contoso", &boot, Some("\"stale\""), body.clone()).await, 88000480),
            (admin(reqwest::Method::POST, "/tenants", &boot, None, serde_json::json!({"name": "a/b"})).await, 88000482),
            (
                admin(reqwest::Method::POST, "/tenants", &boot, None, serde_json::json!({"name": "contoso"})).await,
                88000483,
            ),
            (admin(reqwest::Method::PATCH, "/tenants/contoso", &reader, None, body).await, 88000481),
        ];
        for (r, code) in cases {
            let r = r.unwrap();
            assert_eq!(r.headers()["content-type"], "application/problem+json");
            let p: Value = r.json().await.unwrap();
            assert_eq!(p["code"].as_u64(), Some(code as u64), "{p}");
            w.seen.insert(code, Seen { trace_id: p["trace_id"].as_str().unwrap().to_string(), logged: false });
        }
    }

    // Issue 22 item 3: SCIM's refusals (RFC 7644 §3.12 errors; not sign-in log records).
    {
        let base = s.url("/contoso/scim/v2");
        let boot = s.admin_token.clone();
        let scim = |m: reqwest::Method, path: &str, body: Option<String>| {
            let mut r = s.http().request(m, format!("{base}{path}")).bearer_auth(&boot);
            if let Some(b) = body {
                r = r.header("content-type", "application/scim+json").body(b);
            }
            r.send()
        };
        let alice: Value = scim(reqwest::Method::GET, "/Users?filter=userName%20eq%20%22alice%22", None)
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let user = format!("/Users/{}", alice["Resources"][0]["id"].as_str().unwrap());
        let ops = |ops: Value| {
            Some(
                serde_json::json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": ops})
                    .to_string(),
            )
        };
        let many: Vec<Value> =
            (0..1001).map(|_| serde_json::json!({"op": "add", "path": "title", "value": "t"})).collect();
        let cases = [
            (scim(reqwest::Method::GET, "/Users?filter=userName%20eq", None).await, 88000700),
            (
                scim(reqwest::Method::PATCH, &user, ops(serde_json::json!([{"op": "add", "path": "a[", "value": 1}])))
                    .await,
                88000701,
            ),
            (scim(reqwest::Method::PATCH, &user, ops(serde_json::json!([{"op": "remove"}]))).await, 88000702),
            (scim(reqwest::Method::POST, "/Users", Some("{\"displayName\": \"x\"}".into())).await, 88000703),
            (scim(reqwest::Method::POST, "/Users", Some("{".into())).await, 88000704),
            (
                scim(
                    reqwest::Method::PATCH,
                    &user,
                    ops(serde_json::json!([{"op": "replace", "path": "id", "value": "x"}])),
                )
                .await,
                88000705,
            ),
            (scim(reqwest::Method::PATCH, &user, ops(Value::Array(many))).await, 88000706),
        ];
        for (r, code) in cases {
            let r = r.unwrap();
            assert_eq!(r.headers()["content-type"], "application/scim+json");
            let trace_id = r.headers()["x-sigil-trace-id"].to_str().unwrap().to_string();
            let e: Value = r.json().await.unwrap();
            assert!(e["detail"].as_str().unwrap().contains(&format!("SIGIL{code}: ")), "{e}");
            w.seen.insert(code, Seen { trace_id, logged: false });
        }
    }

    // Issue 23: a rate limit, on an instance of the same database whose per-client limit is 1.
    {
        let limited = s.replica_with(&[("SIGIL_RATE_LIMITS_PER_CLIENT", "1")]).await;
        let _ = token(&limited, "contoso", &reports, Some(DAEMON)).await;
        let r = token(&limited, "contoso", &reports, Some(DAEMON)).await;
        let r = expect_error(r, 429, "temporarily_unavailable", 88000500).await;
        assert!(r.header("retry-after").is_some());
        w.json(&r, 88000500, true);
        // Written by the replica's sign-in log writer before the replica stops.
        signin_record(&s, r.trace_id()).await;
    }

    // Issue 21 branding: "back to the application" on the sign-in page (RFC 6749 §4.1.2.1
    // access_denied), and the logo address of a tenant without an uploaded logo.
    let mut b = Agent::new(s.http(), &s.base);
    let page = b.get(&pkce_url).await;
    let back = b.submit(&page, &[("cancel", "1")]).await;
    w.redirect(&back.location.unwrap_or_else(|| panic!("no redirect: {}", back.body)), 88000620);
    let r = s.http().get(s.url("/contoso/branding/logo")).send().await.unwrap();
    w.json(&expect_error(r, 404, "not_found", 88000621).await, 88000621, false);
    // Issue 22 console: without `server.admin_tenant` (this server) it is not there; the other
    // refusals on a server that has one.
    let to_login = s.http().get(s.url("/admin/console/")).send().await.unwrap();
    assert_eq!(to_login.status(), 303, "no console session: to its sign-in");
    let login = to_login.headers()["location"].to_str().unwrap().to_string();
    let (p, trace) = get_page(&s, &login).await;
    assert_eq!(p.status, 404, "{}", p.body);
    assert!(p.body.contains("88000722"), "{}", p.body);
    w.seen.insert(88000722, Seen { trace_id: trace, logged: false });
    for (code, trace_id) in
        crate::console::refusals().await.into_iter().chain(crate::policies::step_up_refusals().await)
    {
        w.seen.insert(code, Seen { trace_id, logged: false });
    }

    // Everything provoked? (before the outage, so the log and pages can still be checked)
    let missing: Vec<String> = catalog::ALL
        .iter()
        .filter(|e| !w.seen.contains_key(&e.code) && e.code != 90033)
        .map(|e| format!("{} {}", e.code, e.name))
        .collect();
    assert!(missing.is_empty(), "catalog entries no test provokes: {missing:?}");

    // Pages at error_uri, English and one other language, HTML and JSON.
    let messages = sigil_core::i18n::Messages::load();
    for (i, e) in catalog::ALL.iter().enumerate() {
        let other = ["ru", "zh-CN", "sl", "ar", "ro"][i % 5];
        let en = s.http().get(s.url(&format!("/error?code={}", e.code))).send().await.unwrap();
        assert_eq!(en.status(), 200);
        assert!(en.text().await.unwrap().contains(e.name));
        let loc: Value = s
            .http()
            .get(s.url(&format!("/error?code={}&lang={other}", e.code)))
            .header("accept", "application/json")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(loc["meaning"].as_str(), Some(messages.get(other, &e.key("meaning"), &[]).as_str()));
        assert_ne!(
            loc["meaning"],
            Value::String(messages.get("en", &e.key("meaning"), &[])),
            "{} {other} is translated",
            e.code
        );
        let html = s
            .http()
            .get(s.url(&format!("/error?code={}&lang={other}", e.code)))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains(&format!("lang=\"{other}\"")));
    }

    // The sign-in log has every logged refusal under its trace ID, with the real code.
    for (code, seen) in &w.seen {
        if !seen.logged {
            continue;
        }
        let mut found = None;
        for _ in 0..100 {
            let rows: Value = s
                .http()
                .get(s.url(&format!("/admin/signins?trace_id={}", seen.trace_id)))
                .bearer_auth(&s.admin_token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            if let Some(r) = rows.as_array().and_then(|a| a.first()) {
                found = Some(r.clone());
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let r = found.unwrap_or_else(|| panic!("no sign-in record for {code} (trace {})", seen.trace_id));
        assert_eq!(r["code"].as_u64(), Some(*code as u64), "{r}");
        assert!(!r["reason"].as_str().unwrap().is_empty());
    }

    // Finally the store becomes unreachable.
    let db_name = db_url.rsplit('/').next().unwrap().to_string();
    use sqlx::Connection;
    let mut admin = sqlx::PgConnection::connect(&sigil_testkit::db::postgres_admin_url()).await.unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("ALTER DATABASE {db_name} ALLOW_CONNECTIONS false")))
        .execute(&mut admin)
        .await
        .unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db_name}'"
    )))
    .execute(&mut admin)
    .await
    .unwrap();
    let r = expect_error(t(pw_form.clone(), Some(LEGACY)).await, 503, "temporarily_unavailable", 90033).await;
    assert!(r.header("retry-after").is_some());
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("ALTER DATABASE {db_name} ALLOW_CONNECTIONS true")))
        .execute(&mut admin)
        .await
        .unwrap();
}

/// Clients authenticating with assertions (certificates, strict replay, an expired certificate, a
/// federated credential of a loopback issuer), to provoke each client-assertion refusal.
const JWT_BEARER_URN: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const BEARER_SECRET: &str = "bearer-secret-0123456789abcdef-0123456789ab";

/// A confidential client with the JWT bearer grant and a delegated scope of api://reports.
fn bearer_client(id: &str) -> String {
    format!(
        "  [[tenant.client]]\n  client_id = \"{id}\"\n  grant_types = [\"{JWT_BEARER_URN}\"]\n    [[tenant.client.secret]]\n    value = \"{BEARER_SECRET}\"\n    [[tenant.client.permission]]\n    api = \"api://reports\"\n    scopes = [\"Reports.Read\"]\n"
    )
}

struct AssertionFixture {
    overlay: std::path::PathBuf,
    idp: DocServer,
    rsa: TestKey,
    expired: TestKey,
}

impl AssertionFixture {
    async fn start() -> Self {
        let (rsa, expired, idp) = (TestKey::rsa(), TestKey::rsa_expired(), DocServer::start().await);
        let issuer = idp.base.clone();
        idp.put(
            "/.well-known/openid-configuration",
            serde_json::json!({"issuer": issuer, "jwks_uri": format!("{issuer}/keys")}),
        );
        idp.put("/keys", serde_json::json!({"keys": [rsa.jwk("idp")]}));
        let cert = |k: &TestKey| format!("    [[tenant.client.certificate]]\n    pem = \"\"\"\n{}\"\"\"\n", k.cert_pem);
        let client = |id: &str, extra: String| {
            format!(
                "  [[tenant.client]]\n  client_id = \"{id}\"\n  grant_types = [\"client_credentials\"]\n{extra}    [[tenant.client.permission]]\n    api = \"api://reports\"\n    roles = [\"Reports.Read.All\"]\n"
            )
        };
        let clients = [
            client("cert-app", cert(&rsa)),
            client("strict-app", format!("  strict_assertion_replay = true\n{}", cert(&rsa))),
            client("expired-cert-app", cert(&expired)),
            client("gone-jwks-app", format!("  jwks_uri = \"{issuer}/missing\"\n")),
            client(
                "workload-app",
                format!(
                    "    [[tenant.client.federated_credential]]\n    name = \"w\"\n    issuer = \"{issuer}\"\n    subject = \"w\"\n"
                ),
            ),
            // RFC 7523 §2.1: the tenant trusts the loopback issuer's JWTs for `bearer-app` only.
            format!("  [[tenant.trusted_issuer]]\n  issuer = \"{issuer}\"\n  clients = [\"bearer-app\"]\n"),
            bearer_client("bearer-app"),
            bearer_client("bearer-other"),
        ]
        .concat();
        Self { overlay: overlay("catalog", &clients), idp, rsa, expired }
    }

    /// (assertion, client_id, error, expected code) for each JWT bearer grant refusal (RFC 7523 §3).
    async fn jwt_bearer_refusals(&self, s: &Server) -> Vec<(String, &'static str, &'static str, u32)> {
        use serde_json::json;
        let aud = s.url("/contoso/oauth2/v2.0/token");
        let issuer = self.idp.base.clone();
        let claims = |iss: &str, sub: &str, aud: &str, exp: i64| {
            let t = now();
            json!({"iss": iss, "sub": sub, "aud": aud, "iat": t, "exp": t + exp, "jti": uuid::Uuid::new_v4().to_string()})
        };
        let sign = |c: &Value| self.rsa.sign(json!({"alg": "RS256", "kid": "idp"}), c);
        let used = sign(&claims(&issuer, "alice", &aud, 300));
        let form =
            [("grant_type", JWT_BEARER_URN), ("assertion", used.as_str()), ("scope", "api://reports/Reports.Read")];
        expect_token(token(s, "contoso", &form, Some(("bearer-app", BEARER_SECRET))).await).await;
        vec![
            (sign(&claims("https://other.example", "alice", &aud, 300)), "bearer-app", "invalid_grant", 88000400),
            (sign(&claims(&issuer, "alice", &aud, 300)), "bearer-other", "unauthorized_client", 88000401),
            (
                TestKey::rsa().sign(json!({"alg": "RS256", "kid": "idp"}), &claims(&issuer, "alice", &aud, 300)),
                "bearer-app",
                "invalid_grant",
                88000402,
            ),
            (sign(&claims(&issuer, "alice", "api://elsewhere", 300)), "bearer-app", "invalid_grant", 88000403),
            (sign(&claims(&issuer, "alice", &aud, -600)), "bearer-app", "invalid_grant", 88000404),
            (used, "bearer-app", "invalid_grant", 88000405),
            (sign(&claims(&issuer, "mallory", &aud, 300)), "bearer-app", "invalid_grant", 88000406),
        ]
    }

    /// (assertion, client_id, expected code) for each client-assertion refusal.
    async fn refusals(&self, s: &Server) -> Vec<(String, String, u32)> {
        use serde_json::json;
        let aud = s.url("/contoso/oauth2/v2.0/token");
        let h = |k: &TestKey| json!({"alg": "PS256", "x5t#S256": k.x5t_s256()});
        let c = |client: &str, name: &str, v: Value| {
            let mut c = assertion_claims(client, &aud);
            if !name.is_empty() {
                c[name] = v;
            }
            c
        };
        let strict = self.rsa.sign(h(&self.rsa), &c("strict-app", "", json!(null)));
        expect_token(with_assertion(s, "contoso", Some("strict-app"), &strict).await).await;
        let issuer = self.idp.base.clone();
        let fed = |sub: &str, aud: &str, iss: &str| {
            let t = now();
            self.rsa.sign(
                json!({"alg": "RS256", "kid": "idp"}),
                &json!({"iss": iss, "sub": sub, "aud": aud, "iat": t, "exp": t + 300}),
            )
        };
        let other = TestKey::rsa();
        vec![
            (self.rsa.sign(h(&self.rsa), &c("cert-app", "iss", json!("x"))), "cert-app".into(), 700021),
            (self.rsa.sign(h(&self.rsa), &c("cert-app", "aud", json!("x"))), "cert-app".into(), 700023),
            (self.rsa.sign(h(&self.rsa), &c("cert-app", "exp", json!(now() - 600))), "cert-app".into(), 700024),
            (other.sign(h(&self.rsa), &c("cert-app", "", json!(null))), "cert-app".into(), 700027),
            (other.sign(h(&other), &c("cert-app", "", json!(null))), "cert-app".into(), 88000300),
            (strict, "strict-app".into(), 88000301),
            (
                self.expired.sign(h(&self.expired), &c("expired-cert-app", "", json!(null))),
                "expired-cert-app".into(),
                88000302,
            ),
            (
                self.rsa.sign(json!({"alg": "RS256", "kid": "a"}), &c("gone-jwks-app", "", json!(null))),
                "gone-jwks-app".into(),
                88000303,
            ),
            (fed("w", "api://AzureADTokenExchange", "https://other.example"), "workload-app".into(), 700211),
            (fed("w", "api://other", &issuer), "workload-app".into(), 700212),
            (fed("x", "api://AzureADTokenExchange", &issuer), "workload-app".into(), 700213),
        ]
    }
}

/// Issue 21's refusals: `prompt=none` needing a factor (50076) or an enrollment (50079), the
/// enrollment and factor forms' wrong (88000440), replayed (88000441) and recovery (88000443) codes,
/// the lock after too many (88000442), and the password grant under a rule (88000444, shown as 50076).
async fn mfa_refusals(s: &Server, w: &mut Walk) {
    use sigil_core::factor::totp;
    let url = |client: &str, extra: &str| {
        format!(
            "/mfa-corp/oauth2/v2.0/authorize?client_id={client}&response_type=code&redirect_uri=http://127.0.0.1/callback&scope=openid&state=s&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256{extra}"
        )
    };
    let now = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let form_code = |a: &Agent| a.last_trace_id.clone().expect("trace id");
    // Enrollment with a wrong code, then the right one.
    let mut a = Agent::new(s.http(), &s.base);
    let p = a.get(&url("mfa-app", "")).await;
    let p = a.submit(&p, &[("username", "bob"), ("password", "bob-password-0123")]).await;
    let needle = "id=\"totp-secret\" class=\"code\">";
    let start = p.body.find(needle).expect("enrollment page") + needle.len();
    let secret = totp::from_base32(&p.body[start..start + p.body[start..].find('<').unwrap()]).unwrap();
    let valid: Vec<String> = (-1..=1).map(|o| totp::code_at(&secret, now() + o * 30)).collect();
    let wrong = (0..1_000_000).map(|n| format!("{n:06}")).find(|c| !valid.contains(c)).unwrap();
    let p = a.submit(&p, &[("code", &wrong)]).await;
    w.page(&p, &form_code(&a), 88000440, 200, true);
    let enrolled = totp::code_at(&secret, now());
    let p = a.submit(&p, &[("code", &enrolled)]).await;
    assert!(p.body.contains("id=\"recovery-codes\""), "{}", p.body);
    a.submit(&p, &[]).await;
    // The factor step in another browser: the enrollment's code again, a bad recovery code, then
    // wrong codes until the factor locks.
    let mut b = Agent::new(s.http(), &s.base);
    let p = b.get(&url("mfa-app", "")).await;
    let p = b.submit(&p, &[("username", "bob"), ("password", "bob-password-0123")]).await;
    let p = b.submit(&p, &[("code", &enrolled)]).await;
    w.page(&p, &form_code(&b), 88000441, 200, true);
    let mut p = b.submit(&p, &[("code", "00000-00000")]).await;
    w.page(&p, &form_code(&b), 88000443, 200, true);
    for _ in 0..totp::MAX_FAILURES {
        p = b.submit(&p, &[("code", "zzzzz-zzzzz")]).await;
        if p.body.contains("SIGIL88000442") {
            break;
        }
    }
    w.page(&p, &form_code(&b), 88000442, 200, true);
    // prompt=none: bob's password-only session asking for the mfa class; carol has no factor.
    let mut c = Agent::new(s.http(), &s.base);
    let l = c.sign_in(&url("plain-app", ""), "carol", "carol-password-0123").await;
    assert!(l.contains("code="), "{l}");
    let l = c.get(&url("mfa-app", "&prompt=none")).await.location.unwrap();
    w.redirect(&l, 50079);
    let mut d = Agent::new(s.http(), &s.base);
    d.sign_in(&url("plain-app", ""), "bob", "bob-password-0123").await;
    let l = d.get(&url("plain-app", "&prompt=none&acr_values=urn:sigil:acr:mfa")).await.location.unwrap();
    assert_eq!(param(&l, "suberror").as_deref(), Some("basic_action"));
    w.redirect(&l, 50076);
    // The password grant: logged as 88000444, shown as 50076.
    let form = [
        ("grant_type", "password"),
        ("client_id", "mfa-ropc"),
        ("username", "dana"),
        ("password", "dana-password-0123"),
    ];
    let r = expect_error(token(s, "mfa-corp", &form, None).await, 400, "invalid_grant", 50076).await;
    assert_eq!(r.body["suberror"], "basic_action");
    w.seen.insert(88000444, Seen { trace_id: r.trace_id().to_string(), logged: true });
}

/// A form of the account page posted with the page's anti-forgery token: the answer and its trace.
async fn account_post(
    a: &mut Agent,
    csrf: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> (sigil_testkit::browser::Page, String) {
    let mut all = vec![("csrf_token", csrf)];
    all.extend_from_slice(fields);
    let p = a.post(&format!("/acct-corp/account/{path}"), &all).await;
    (p, a.last_trace_id.clone().expect("trace id"))
}

/// Issue 21's account page (88000630-88000637): each refusal on the page with its code, logged.
async fn account_refusals(s: &Server, w: &mut Walk) {
    use sigil_core::factor::totp;
    let signed_in = async |a: &mut Agent| {
        let p = a.get("/acct-corp/account").await;
        let back = a.submit(&p, &[("username", "alice"), ("password", "alice-password-0123")]).await;
        a.get(&back.location.expect("back to the account page")).await.input("csrf_token").expect("token")
    };
    let mut a = Agent::new(s.http(), &s.base);
    let csrf = signed_in(&mut a).await;
    let pw = |current: &'static str, new: &'static str, confirm: &'static str| {
        [("current_password", current), ("new_password", new), ("confirm_password", confirm)]
    };
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, u32);
    let cases: [Case; 5] = [
        ("password", pw("wrong-password-0", "new-password-0123", "new-password-0123").to_vec(), 88000630),
        ("password", pw("alice-password-0123", "short", "short").to_vec(), 88000631),
        ("password", pw("alice-password-0123", "new-password-0123", "other-0123").to_vec(), 88000632),
        ("sessions", vec![("sid", "not-a-session")], 88000633),
        ("consents", vec![("client_id", "acct-app")], 88000634),
    ];
    for (path, fields, code) in cases {
        let (p, trace) = account_post(&mut a, &csrf, path, &fields).await;
        w.page(&p, &trace, code, 400, true);
    }
    let (p, trace) = account_post(&mut a, &csrf, "totp/remove", &[]).await;
    w.page(&p, &trace, 88000636, 400, true);
    // An authenticator app set up through the enrollment pages; a second one is refused.
    let (p, _) = account_post(&mut a, &csrf, "totp", &[]).await;
    let needle = "id=\"totp-secret\" class=\"code\">";
    let start = p.body.find(needle).expect("enrollment page") + needle.len();
    let secret = totp::from_base32(&p.body[start..start + p.body[start..].find('<').unwrap()]).unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let p = a.submit(&p, &[("code", &totp::code_at(&secret, now))]).await;
    assert_eq!(a.submit(&p, &[]).await.status, 303, "back to the account page");
    let (p, trace) = account_post(&mut a, &csrf, "totp", &[]).await;
    w.page(&p, &trace, 88000637, 400, true);
    // Removing it from a password-only session: the second factor is asked first (a page without
    // the code: the refusal is the log's).
    let mut b = Agent::new(s.http(), &s.base);
    let csrf_b = signed_in(&mut b).await;
    let (p, trace) = account_post(&mut b, &csrf_b, "totp/remove", &[]).await;
    assert!(p.body.contains("autocomplete=\"one-time-code\""), "{}", p.body);
    w.seen.insert(88000635, Seen { trace_id: trace, logged: true });
}
