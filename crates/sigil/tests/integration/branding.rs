//! Issue 21 item 5: tenant branding on SQLite and on PostgreSQL. The import file's
//! `[tenant.branding]` (logo file, colours, sign-in text, links) and described scopes, the CLI's
//! `sigil tenant branding`, the served logo and stylesheet (types, caching, 304), the branded
//! sign-in and consent pages, the language switcher keeping the interaction, "back to the
//! application" (`access_denied`, 88000620) and the refusals (contrast, SVG, http links).
use std::time::Duration;

use sigil_testkit::browser::{Agent, Page, param, unescape};
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::common::{BIN, publish_screenshots};

const AUTHORIZE: &str = "/northwind/oauth2/v2.0/authorize?client_id=shop&response_type=code\
    &redirect_uri=http://127.0.0.1:5000/callback&state=st-1&scope=openid%20profile%20api://orders/Orders.Read%20api://orders/Orders.Write\
    &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

async fn start(backend: Backend) -> Server {
    let mut opts = ServerOptions { backend, ..Default::default() };
    opts.imports.push(sigil_testkit::fixture("branding.toml"));
    Server::start(BIN, opts).await
}

/// The same browser, pressing a named submit button of the page's first form (the sign-in or
/// consent form: the language switcher and "back" buttons are associated with it by `form=`).
async fn press(agent: &mut Agent, page: &Page, name: &str, value: &str) -> Page {
    agent.submit(page, &[(name, value)]).await
}

/// An answer read whole: status, headers, body.
struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: String,
}

/// Retries until the running server's directory (reloaded each second) shows the change.
async fn eventually(s: &Server, path: &str, holds: impl Fn(&Answer) -> bool) -> Answer {
    for _ in 0..100 {
        let r = s.http().get(s.url(path)).send().await.unwrap();
        let (status, headers) = (r.status().as_u16(), r.headers().clone());
        let a = Answer { status, headers, body: unescape(&r.text().await.unwrap()) };
        if holds(&a) {
            return a;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{path}: change not visible in 5 s");
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

async fn scenario(backend: Backend) {
    let s = start(backend).await;
    let logo = std::fs::read(sigil_testkit::fixture("brand-logo.png")).unwrap();

    // The uploaded logo: its bytes, a strict type, caching, a 304 for the same ETag.
    let r = s.http().get(s.url("/northwind/branding/logo")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers().clone();
    assert_eq!(h["content-type"], "image/png");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(h["cache-control"].to_str().unwrap().starts_with("public"), "{h:?}");
    assert_eq!(r.bytes().await.unwrap().as_ref(), logo.as_slice());
    let etag = h["etag"].to_str().unwrap();
    let again = s.http().get(s.url("/northwind/branding/logo")).header("if-none-match", etag).send().await.unwrap();
    assert_eq!(again.status(), 304);
    let css = s.http().get(s.url("/northwind/branding/style.css")).send().await.unwrap();
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
    assert_eq!(css.text().await.unwrap(), ":root { --accent: #7a1f5c; --bg: #f6eef3; --muted-on-bg: #1b1f24; }\n");

    // The branded sign-in page: logo, colours, text, links; Sigil's mark only in the footer.
    let mut a = Agent::new(s.http(), &s.base);
    let page = a.get(AUTHORIZE).await;
    assert!(page.is_signin(), "{}", page.body);
    let html = unescape(&page.body);
    for want in [
        "/branding/logo?v=",
        "/branding/style.css?v=",
        "Northwind Traders",
        "Use your Northwind account.",
        "href=\"https://northwind.example/privacy\"",
        "href=\"https://northwind.example/terms\"",
        "Secured by Sigil",
        "Cancel and go back to Northwind Shop",
        "data-toggle-password",
    ] {
        assert!(html.contains(want), "{want} missing: {html}");
    }
    let csp = s.http().get(s.url(AUTHORIZE)).send().await.unwrap().headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("style-src 'self';") && csp.contains("script-src 'nonce-"), "{csp}");

    // The language switcher keeps the interaction: Arabic, right-to-left, then a sign-in that
    // goes on to the consent page in Arabic with the scope described in Arabic.
    let ar = press(&mut a, &page, "switch_lang", "ar").await;
    assert!(ar.body.contains("lang=\"ar\" dir=\"rtl\"") && ar.body.contains("استخدم حساب Northwind"), "{}", ar.body);
    let consent = a.submit(&ar, &[("username", "nancy"), ("password", "nancy-password-1")]).await;
    assert!(consent.is_consent(), "{}", consent.body);
    assert!(consent.body.contains("lang=\"ar\""), "{}", consent.body);
    assert!(consent.body.contains("عرض طلباتك وحالة توصيلها"), "the Arabic description: {}", consent.body);
    // The user's display name, not the username; an undescribed scope by its API's name.
    assert!(consent.body.contains("Nancy Davolio") && !consent.body.contains(">nancy<"), "{}", consent.body);
    assert!(consent.body.contains("orders") && consent.body.contains("Orders.Write"), "{}", consent.body);
    // Switching again on the consent page: Romanian, still the same request.
    let ro = press(&mut a, &consent, "switch_lang", "ro").await;
    assert!(ro.is_consent() && ro.body.contains("Să vadă comenzile dvs. și starea livrării lor"), "{}", ro.body);
    let done = a.submit(&ro, &[("decision", "accept")]).await;
    let to = done.location.unwrap_or_else(|| panic!("no redirect: {}", done.body));
    assert!(param(&to, "code").is_some() && param(&to, "state").as_deref() == Some("st-1"), "{to}");

    // "Back to the application": RFC 6749 §4.1.2.1 access_denied with Sigil's code, to the
    // registered redirect URI, with the request's state.
    let mut b = Agent::new(s.http(), &s.base);
    let page = b.get(AUTHORIZE).await;
    let back = press(&mut b, &page, "cancel", "1").await;
    let to = back.location.unwrap_or_else(|| panic!("no redirect: {}", back.body));
    assert!(to.starts_with("http://127.0.0.1:5000/callback?"), "{to}");
    assert_eq!(param(&to, "error").as_deref(), Some("access_denied"));
    assert_eq!(param(&to, "error_codes").as_deref(), Some("88000620"));
    assert_eq!(param(&to, "state").as_deref(), Some("st-1"));

    // The CLI refuses what breaks the rules, each with a message a person can act on.
    let low = s.cli(&["tenant", "branding", "northwind", "--primary-color", "#77aaff"]);
    assert!(!low.status.success());
    assert!(stderr(&low).contains("contrast ratio of 2.") && stderr(&low).contains("4.5:1"), "{}", stderr(&low));
    let svg = s.dir.join("logo.svg");
    std::fs::write(&svg, "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>").unwrap();
    let out = s.cli(&["tenant", "branding", "northwind", "--logo-file", &svg.display().to_string()]);
    assert!(!out.status.success() && stderr(&out).contains("PNG, JPEG or WebP"), "{}", stderr(&out));
    let out = s.cli(&["tenant", "branding", "northwind", "--privacy-url", "http://northwind.example/p"]);
    assert!(!out.status.success() && stderr(&out).contains("https"), "{}", stderr(&out));
    let out = s.cli(&["tenant", "branding", "northwind", "--signin-text", "xx=bonjour"]);
    assert!(out.status.success(), "a text whose prefix is no language is the text for all: {}", stderr(&out));

    // A linked logo replaces the uploaded one: the logo address answers 88000621 and the pages
    // allow exactly that origin for images.
    let out =
        s.cli(&["tenant", "branding", "northwind", "--logo-url", "https://cdn.northwind.example/logo.png", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["branding"]["logo_url"], "https://cdn.northwind.example/logo.png");
    assert!(shown["logo"].is_null(), "{shown}");
    let gone = eventually(&s, "/northwind/branding/logo", |r| r.status == 404).await;
    let body: serde_json::Value = serde_json::from_str(&gone.body).unwrap();
    assert_eq!(body["error_codes"][0], 88000621, "{body}");
    let r = eventually(&s, AUTHORIZE, |r| {
        r.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("img-src 'self' data: https://cdn.northwind.example;")
    })
    .await;
    assert!(r.body.contains("src=\"https://cdn.northwind.example/logo.png\""), "{}", r.body);
    // Cleared: no logo and no colours, so no stylesheet link; the text and links stay.
    let out = s.cli(&["tenant", "branding", "northwind", "--no-logo", "--primary-color", "", "--background-color", ""]);
    assert!(out.status.success(), "{}", stderr(&out));
    let r = eventually(&s, AUTHORIZE, |r| !r.body.contains("/branding/style.css")).await;
    assert!(!r.body.contains("<img class=\"logo\"") && r.body.contains("bonjour"), "{}", r.body);

    // The import file is checked by the same rules: nothing changes when one is broken.
    let bad = s.dir.join("bad-branding.toml");
    std::fs::write(
        &bad,
        "[[tenant]]\nname = \"northwind\"\n[tenant.branding]\nbackground_color = \"#202020\"\nlogo_file = \"missing.png\"\n\
         signin_text = { en = \"ok\", xx = \"?\" }\n",
    )
    .unwrap();
    let out = s.cli(&["import", &bad.display().to_string()]);
    assert!(!out.status.success());
    let e = stderr(&out);
    for want in ["branding.background_color", "branding.logo_file", "missing.png", "signin_text.xx"] {
        assert!(e.contains(want), "{want}: {e}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn branding_on_sqlite() {
    scenario(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn branding_on_postgres() {
    scenario(Backend::Postgres).await;
}

/// `tests/browser/branding.mjs` in Chromium: the branded sign-in and consent pages in the six
/// languages (switched in place, one interaction), show-password with and without JavaScript,
/// back to the application, and axe-core on every page in every language. Screenshots land in
/// `test-output/browser-branding/` and, with `SIGIL_REGENERATE_DOCS=1`, in `docs/screenshots/`.
#[tokio::test]
async fn branded_pages_in_a_real_browser() {
    let root = crate::browser::playwright_root();
    let s = start(Backend::Sqlite).await;
    let out = sigil_testkit::test_output("browser-branding");
    let node = std::env::var("SIGIL_TEST_NODE").unwrap_or_else(|_| "node".into());
    let mut cmd = std::process::Command::new(node);
    cmd.current_dir(&root).arg("tests/browser/branding.mjs").args(["--base", &s.base, "--out"]).arg(&out);
    let log = out.join("run.log");
    crate::common::run_client_program(
        cmd,
        "the branding browser test",
        &s,
        &log,
        Duration::from_secs(420),
        "ok   all branding scenarios",
    )
    .await;
    publish_screenshots(&out, &["branded-signin", "consent"]);
}
