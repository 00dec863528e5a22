//! Issue 22, the admin console, against a real server on SQLite and on PostgreSQL, driven through
//! its HTML by a cookie-keeping agent (the Chromium run is `console_in_a_real_browser`): sign-in
//! through Sigil (code + PKCE as `sigil-console`), the sign-in log (a failed sign-in found by trace
//! ID, its internal reason, its troubleshooting link, the charts), the application wizard (a daemon
//! whose secret is shown once, then used), adding a user to a group, key rotation, ending a
//! session, the audit log, a reader who sees but cannot write, and the refusals (no session, no
//! anti-forgery token, a callback without this browser's state).
use std::time::Duration;

use serde_json::Value;
use sigil_testkit::browser::{Agent, Page, param};
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::common::*;

const C: &str = "/admin/console";
pub const ROOT: (&str, &str) = ("root", "console-root-password-0123");
pub const VIEWER: (&str, &str) = ("viewer", "console-viewer-password-0123");

pub async fn start(backend: Backend) -> Server {
    let mut opts = ServerOptions { backend, ..Default::default() };
    opts.imports.push(sigil_testkit::fixture("console.toml"));
    opts.env.push(("SIGIL_SERVER_ADMIN_TENANT".into(), "ops".into()));
    Server::start(BIN, opts).await
}

/// Opens the console, follows it to Sigil's sign-in page, signs in (and consents), and comes back
/// through the callback: the agent then holds the console's session cookie.
async fn sign_in(s: &Server, who: (&str, &str)) -> Agent {
    let mut a = Agent::new(s.http(), &s.base);
    let p = a.get(&format!("{C}/")).await;
    assert_eq!(p.status, 303, "{}", p.body);
    let login = p.location.unwrap();
    assert!(login.starts_with(&format!("{C}/login?return=")), "{login}");
    let p = a.get(&login).await;
    let authorize = p.location.expect("to the authorization endpoint");
    assert!(authorize.starts_with(&format!("{}/ops/oauth2/v2.0/authorize?", s.base)), "{authorize}");
    assert_eq!(param(&authorize, "client_id").as_deref(), Some("sigil-console"));
    assert_eq!(param(&authorize, "code_challenge_method").as_deref(), Some("S256"));
    assert!(a.cookie_named("sigil_console_login").is_some());
    let callback = a.sign_in(&authorize, who.0, who.1).await;
    assert!(callback.starts_with(&format!("{}{C}/callback?", s.base)), "{callback}");
    let p = a.get(&callback).await;
    assert_eq!((p.status, p.location.as_deref()), (303, Some(&format!("{C}/")[..])), "{}", p.body);
    assert!(a.cookie_named("sigil_console").is_some());
    assert!(a.cookie_named("sigil_console_login").is_none(), "the attempt is forgotten");
    a
}

/// The session's anti-forgery token, from any console page's forms.
fn csrf(p: &Page) -> String {
    p.input("csrf").unwrap_or_else(|| panic!("no csrf field: {}", p.body))
}

async fn page(a: &mut Agent, path: &str) -> Page {
    let p = a.get(path).await;
    assert_eq!(p.status, 200, "{path}: {} {:?}", p.body, p.location);
    assert!(p.body.contains("<html lang="), "{path}");
    p
}

/// The text of `<… id="{id}" …>TEXT<`.
fn by_id(p: &Page, id: &str) -> String {
    let at = p.body.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id}: {}", p.body));
    let rest = &p.body[at..];
    let start = rest.find('>').unwrap() + 1;
    let end = rest[start..].find('<').unwrap() + start;
    sigil_testkit::browser::unescape(&rest[start..end])
}

async fn wait_for_page<F: Fn(&Page) -> bool>(a: &mut Agent, path: &str, f: F) -> Page {
    for _ in 0..100 {
        let p = page(a, path).await;
        if f(&p) {
            return p;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{path}: condition not reached in 5 s");
}

async fn scenario(backend: Backend) {
    let s = start(backend).await;

    // --- no session: pages and forms send the browser to sign in; nothing changes
    let mut anon = Agent::new(s.http(), &s.base);
    let p = anon.post(&format!("{C}/keys/rotate"), &[("tenant", "contoso"), ("csrf", "x")]).await;
    assert_eq!(p.status, 303);
    assert!(p.location.unwrap().starts_with(&format!("{C}/login")));
    // A callback this browser did not start is refused with the console's code.
    let p = anon.get(&format!("{C}/callback?code=abc&state=forged")).await;
    assert_eq!(p.status, 400, "{}", p.body);
    assert!(text(&p).contains("88000720"), "{}", p.body);

    let mut a = sign_in(&s, ROOT).await;
    let home = page(&mut a, &format!("{C}/")).await;
    assert!(text(&home).contains("Sign-in log") && text(&home).contains("Rosa Operator"), "{}", home.body);
    let form_token = csrf(&home);

    // --- the sign-in log: a failed sign-in found by its trace ID, the reason, the help link
    let r = token(
        &s,
        "contoso",
        &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")],
        Some((DAEMON.0, "wrong-secret")),
    )
    .await;
    let trace = r.headers().get("x-sigil-trace-id").unwrap().to_str().unwrap().to_string();
    let v: Value = r.json().await.unwrap();
    let code = v["error_codes"][0].as_u64().unwrap();
    let row = format!("{C}/signins/{trace}");
    let found = wait_for_page(&mut a, &format!("{C}/?range=1h&trace_id={trace}"), |p| text(p).contains(&row)).await;
    let help = format!("/error?code={code}&lang=en");
    assert!(text(&found).contains(&help), "{}", found.body);
    let detail = page(&mut a, &format!("{C}/signins/{trace}")).await;
    let api = signin_record(&s, &trace).await;
    let reason = api["reason"].as_str().unwrap();
    assert!(!reason.is_empty());
    assert!(text(&detail).contains(reason), "reason '{reason}' not on {}", detail.body);
    assert!(text(&detail).contains(&help));
    let help_page = s.http().get(s.url(&format!("/error?code={code}&lang=en"))).send().await.unwrap();
    assert_eq!(help_page.status(), 200);
    // The charts: the failure counted and its code among the top codes, linked to its page.
    let charts = page(&mut a, &format!("{C}/?range=1h&tenant=contoso")).await;
    assert!(text(&charts).contains("<svg class=\"chart\""), "{}", charts.body);
    assert!(text(&charts).contains(&format!("SIGIL{code}</a>")));
    assert!(text(&charts).contains("reporting-daemon"));
    // Filters: only successes, then only this code.
    let ok_only = page(&mut a, &format!("{C}/?range=1h&outcome=success&tenant=contoso")).await;
    assert!(!text(&ok_only).contains(&row));
    let by_code = page(&mut a, &format!("{C}/?range=1h&code={code}")).await;
    assert!(text(&by_code).contains(&row));

    // --- the wizard: a daemon, its secret shown once, then used
    let wizard = page(&mut a, &format!("{C}/applications/new?tenant=contoso")).await;
    for kind in ["web", "spa", "daemon", "native", "api"] {
        assert!(text(&wizard).contains(&format!("kind={kind}")), "{kind}");
    }
    page(&mut a, &format!("{C}/applications/new?tenant=contoso&kind=daemon")).await;
    let created = a
        .post(
            &format!("{C}/applications/new"),
            &[
                ("csrf", &form_token),
                ("tenant", "contoso"),
                ("kind", "daemon"),
                ("client_id", "console-daemon"),
                ("name", "Console daemon"),
                ("permissions", "api://reports/Reports.Read.All"),
            ],
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let secret = by_id(&created, "secret-value");
    assert!(secret.len() >= 40, "{secret}");
    // The directory reloads within a second on SQLite (at once on PostgreSQL).
    let mut v = Value::Null;
    for _ in 0..100 {
        let form = [("grant_type", "client_credentials"), ("scope", "api://reports/.default")];
        v = token(&s, "contoso", &form, Some(("console-daemon", &secret))).await.json().await.unwrap();
        if v["access_token"].is_string() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        claims(v["access_token"].as_str().unwrap_or_else(|| panic!("{v}")))["roles"],
        serde_json::json!(["Reports.Read.All"])
    );
    // Shown once: the application's page has only the hint.
    let view = page(&mut a, &format!("{C}/applications/view?tenant=contoso&client_id=console-daemon")).await;
    assert!(!text(&view).contains(&secret) && text(&view).contains(&secret[..3]));
    // A broken rule comes back on the wizard with the field named.
    let bad = a
        .post(
            &format!("{C}/applications/new"),
            &[
                ("csrf", &form_token),
                ("tenant", "contoso"),
                ("kind", "web"),
                ("client_id", "bad-web"),
                ("redirect_uri", "http://example.com/cb"),
            ],
        )
        .await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert!(text(&bad).contains("88000482") && text(&bad).contains("redirect_uris"), "{}", bad.body);
    // An API through the same wizard.
    let p = a
        .post(
            &format!("{C}/applications/new"),
            &[
                ("csrf", &form_token),
                ("tenant", "contoso"),
                ("kind", "api"),
                ("name", "inventory"),
                ("identifier", "api://inventory"),
                ("scopes", "Inventory.Read"),
                ("roles", "Inventory.Admin"),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let apis = page(&mut a, &format!("{C}/apis?tenant=contoso")).await;
    assert!(text(&apis).contains("api://inventory"));
    // Without the anti-forgery token nothing is made.
    let p = a
        .post(&format!("{C}/applications/new"), &[("tenant", "contoso"), ("kind", "daemon"), ("client_id", "forged")])
        .await;
    assert_eq!(p.status, 403, "{}", p.body);
    assert!(text(&p).contains("88000721"));

    // --- add a user to a group
    let p = a
        .post(
            &format!("{C}/members"),
            &[("csrf", &form_token), ("tenant", "ops"), ("group", "helpdesk"), ("user", "viewer")],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let users = page(&mut a, &p.location.unwrap()).await;
    assert!(by_id(&users, "member-of").contains("helpdesk"), "{}", users.body);

    // --- keys: rotate, one more key per algorithm
    let before = page(&mut a, &format!("{C}/keys?tenant=contoso")).await.body.matches("<tr>").count();
    let p = a.post(&format!("{C}/keys/rotate"), &[("csrf", &form_token), ("tenant", "contoso"), ("delay", "0")]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    let after = page(&mut a, &format!("{C}/keys?tenant=contoso")).await.body.matches("<tr>").count();
    assert!(after > before, "{before} → {after}");

    // --- sessions: the console's own sign-in made one for root; end it
    let sessions = page(&mut a, &format!("{C}/sessions?tenant=ops&user=root")).await;
    let sid = sessions.hidden_inputs().into_iter().find(|(k, _)| k == "sid").map(|(_, v)| v).expect("a session");
    let p = a
        .post(
            &format!("{C}/sessions/revoke"),
            &[("csrf", &form_token), ("tenant", "ops"), ("user", "root"), ("sid", &sid)],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let sessions = page(&mut a, &format!("{C}/sessions?tenant=ops&user=root")).await;
    assert!(!text(&sessions).contains(&sid));

    // --- the audit log names each change and who made it
    let audit = page(&mut a, &format!("{C}/audit")).await;
    for action in ["application.create", "api.create", "group.member.add", "key.rotate", "session.revoke"] {
        assert!(text(&audit).contains(action), "{action}");
    }
    assert!(text(&audit).contains("via sigil-console@ops"));
    let filtered = page(&mut a, &format!("{C}/audit?action=key.rotate")).await;
    assert!(!text(&filtered).contains("application.create"));

    // --- every page renders, in Arabic right to left
    for path in [
        "/",
        "/tenants",
        "/applications?tenant=contoso",
        "/apis?tenant=contoso",
        "/users?tenant=contoso",
        "/keys?tenant=contoso",
        "/sessions?tenant=ops&user=root",
        "/audit",
    ] {
        let sep = if path.contains('?') { '&' } else { '?' };
        let p = page(&mut a, &format!("{C}{path}{sep}lang=ar")).await;
        assert!(text(&p).contains("lang=\"ar\" dir=\"rtl\""), "{path}");
        // The navigation in Arabic, not English nor a message key.
        assert!(text(&p).contains("سجل تسجيلات الدخول") && !text(&p).contains("Sign-in log"), "{path}");
        for key in [">console-nav-", ">console-col-", ">console-chart-", ">console-kind-"] {
            assert!(!text(&p).contains(key), "{path}: an untranslated key");
        }
    }

    // --- a reader sees everything and changes nothing
    let mut r = sign_in(&s, VIEWER).await;
    let home = page(&mut r, &format!("{C}/")).await;
    assert!(text(&home).contains("Victor Viewer"));
    let rt = csrf(&home);
    let keys = page(&mut r, &format!("{C}/keys?tenant=contoso")).await;
    assert!(!text(&keys).contains("/keys/rotate\""), "no rotate form for a reader");
    let p = r.post(&format!("{C}/keys/rotate"), &[("csrf", &rt), ("tenant", "contoso")]).await;
    assert_eq!(p.status, 403, "{}", p.body);
    assert!(text(&p).contains("SIGIL88000481"), "{}", p.body);
    let p = r
        .post(&format!("{C}/members"), &[("csrf", &rt), ("tenant", "ops"), ("group", "helpdesk"), ("user", "root")])
        .await;
    assert_eq!(p.status, 403);
    // Sign out: the console cookie goes, and the next page asks to sign in again.
    let p = r.post(&format!("{C}/logout"), &[("csrf", &rt)]).await;
    assert_eq!(p.status, 303);
    assert!(p.location.unwrap().contains("/ops/oauth2/v2.0/logout?client_id=sigil-console"));
    assert_eq!(r.get(&format!("{C}/")).await.status, 303);
}

/// A page's HTML with minijinja's escapes undone, to search for text and URLs.
fn text(p: &Page) -> String {
    sigil_testkit::browser::unescape(&p.body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn console_on_sqlite() {
    scenario(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn console_on_postgres() {
    scenario(Backend::Postgres).await;
}

/// `tests/browser/console.mjs` in Chromium: sign in through Sigil, then the main action of every
/// page, axe-core on each, screenshots in six languages (`docs/screenshots/console-*`).
#[tokio::test]
async fn console_in_a_real_browser() {
    let root = crate::browser::playwright_root();
    let s = start(Backend::Sqlite).await;
    let out = sigil_testkit::test_output("browser-console");
    let node = std::env::var("SIGIL_TEST_NODE").unwrap_or_else(|_| "node".into());
    let mut cmd = std::process::Command::new(node);
    cmd.current_dir(&root).arg("tests/browser/console.mjs").args(["--base", &s.base, "--out"]).arg(&out);
    let log = out.join("run.log");
    run_client_program(
        cmd,
        "the console browser test",
        &s,
        &log,
        Duration::from_secs(300),
        "console: all scenarios passed",
    )
    .await;
    let mut shots = vec![];
    for lang in ["en", "ro", "ru", "sl", "zh-CN", "ar"] {
        shots.push(format!("console-signins-{lang}.png"));
    }
    shots.extend(["console-signins-phone-en.png".into(), "console-signins-phone-ar.png".into()]);
    for page in ["signin", "tenants", "applications", "wizard", "created", "apis", "users", "keys", "sessions", "audit"]
    {
        for lang in ["en", "ar"] {
            shots.push(format!("console-{page}-{lang}.png"));
        }
    }
    for shot in shots {
        let file = out.join(&shot);
        assert!(std::fs::metadata(&file).is_ok_and(|m| m.len() > 1000), "{}", file.display());
        if std::env::var_os("SIGIL_REGENERATE_DOCS").is_some() {
            let docs = root.join("docs/screenshots");
            std::fs::create_dir_all(&docs).unwrap();
            std::fs::copy(&file, docs.join(&shot)).unwrap();
        }
    }
}

/// The catalog walk's console refusals, on a server of its own (the walk's has no admin tenant):
/// a callback this browser did not start (88000720) and a form without the anti-forgery token
/// (88000721); returns (code, trace ID).
pub async fn refusals() -> Vec<(u32, String)> {
    let s = start(Backend::Sqlite).await;
    let trace = |r: &reqwest::Response| r.headers()["x-sigil-trace-id"].to_str().unwrap().to_string();
    let r = s.http().get(s.url(&format!("{C}/callback?code=abc&state=forged"))).send().await.unwrap();
    let forged = trace(&r);
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("88000720"));
    let a = sign_in(&s, ROOT).await;
    let (name, value) = a.cookie_named("sigil_console").expect("the console's session cookie");
    let r = s
        .http()
        .post(s.url(&format!("{C}/applications/new")))
        .header("cookie", format!("{name}={value}"))
        .form(&[("tenant", "contoso"), ("kind", "daemon"), ("client_id", "forged")])
        .send()
        .await
        .unwrap();
    let no_csrf = trace(&r);
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("88000721"));
    vec![(88000720, forged), (88000721, no_csrf)]
}
