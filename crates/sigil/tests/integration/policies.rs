//! Issue 21, items 3 and 4: sign-in policies and the remaining protocol items, end to end on a
//! spawned server (SQLite and PostgreSQL), and in process with the injected clock.
//! - The unfamiliar-sign-in policy (`mfa = "unfamiliar"` on a tenant, an application, a group):
//!   a new device cookie or a new network (through a trusted proxy's `X-Forwarded-For`) asks for
//!   a second factor; a known device on a known network does not; the signals are in the log.
//! - "Stay signed in?": the cookie has Max-Age after yes and none after no; the server-side expiry
//!   of both lifetimes with the injected clock.
//! - OIDC Core §3.1.2.1 `max_age` and `auth_time`; §5.5 `auth_time`/`acr`/`amr` at UserInfo;
//!   RFC 9470 step-up from UserInfo's challenge; Entra's claims challenge for `cp1` clients.
use serde_json::Value;
use sigil_core::clock::Clock;
use sigil_core::factor::{ACR_MFA, ACR_PWD, totp};
use sigil_core::interaction::session;
use sigil_core::model::{SessionPolicy, StaySignedIn};
use sigil_testkit::browser::{Agent, Page, param, unescape};
use sigil_testkit::{Backend, Server, ServerOptions, db, inproc};

use crate::common::{claims, expect_error, server_with, token};

const CHALLENGE: &str = "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const REDIRECT: &str = "http://127.0.0.1/callback";

fn authorize(tenant: &str, client: &str, extra: &str) -> String {
    format!(
        "/{tenant}/oauth2/v2.0/authorize?client_id={client}&response_type=code&redirect_uri={REDIRECT}&scope=openid%20profile&state=s1&{CHALLENGE}{extra}"
    )
}

fn is_enroll(p: &Page) -> bool {
    p.body.contains("id=\"totp-secret\"")
}

fn is_factor(p: &Page) -> bool {
    p.body.contains("autocomplete=\"one-time-code\"") && !is_enroll(p)
}

fn is_kmsi(p: &Page) -> bool {
    p.body.contains("name=\"stay\"")
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

async fn server(backend: Backend, env: &[(&str, &str)]) -> Server {
    let mut imports = ServerOptions::default().imports;
    imports.push(sigil_testkit::fixture("policies.toml"));
    let env = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    server_with(ServerOptions { backend, imports, env, ..Default::default() }).await
}

/// Password, then (enrollment and its recovery codes) when asked; returns the recovery codes.
async fn enroll(a: &mut Agent, page: Page) -> (Vec<String>, Page) {
    assert!(is_enroll(&page), "enrollment expected: {}", page.body);
    let needle = "id=\"totp-secret\" class=\"code\">";
    let start = page.body.find(needle).unwrap() + needle.len();
    let end = page.body[start..].find('<').unwrap() + start;
    let secret = totp::from_base32(&unescape(&page.body[start..end])).unwrap();
    let page = a.submit(&page, &[("code", &totp::code_at(&secret, now()))]).await;
    let codes: Vec<String> = page
        .body
        .match_indices("<li><code class=\"code\">")
        .map(|(at, m)| {
            let rest = &page.body[at + m.len()..];
            rest[..rest.find('<').unwrap()].to_string()
        })
        .collect();
    assert_eq!(codes.len(), 10, "{}", page.body);
    let page = a.submit(&page, &[]).await;
    (codes, page)
}

/// Accepts consent if asked and returns the redirect to the client.
async fn finish(a: &mut Agent, mut page: Page) -> String {
    if page.is_consent() {
        page = a.submit(&page, &[("decision", "accept")]).await;
    }
    page.location.unwrap_or_else(|| panic!("no redirect (status {}): {}", page.status, page.body))
}

/// The token response for the code in `location` (extra form fields appended).
async fn redeem(s: &Server, tenant: &str, client: &str, location: &str, extra: &[(&str, &str)]) -> Value {
    let code = param(location, "code").unwrap_or_else(|| panic!("no code in {location}"));
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("client_id", client),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
    ];
    form.extend_from_slice(extra);
    let r = token(s, tenant, &form, None).await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn logs(s: &Server, tenant: &str, user: &str) -> Vec<Value> {
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let out = s.cli(&["logs", "--tenant", tenant, "--user", user, "--json", "--limit", "100"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().cloned().unwrap_or_default()
}

fn signals_of(rows: &[Value]) -> Vec<String> {
    rows.iter().filter_map(|r| r["signals"].as_str()).map(str::to_string).collect()
}

async fn unfamiliar_sign_ins(backend: Backend) {
    // 127.0.0.1 is a trusted proxy: X-Forwarded-For names the client (a new network).
    let s = server(backend, &[("SIGIL_SERVER_TRUSTED_PROXIES", r#"["127.0.0.1"]"#)]).await;
    let t = "pol-unfamiliar";
    let frank = [("username", "frank"), ("password", "frank-password-0123")];

    // First sign-in: device and network new, no factor yet: enrollment (50079's page), then a
    // code; the device cookie comes with the answer that completes the sign-in.
    let mut a = Agent::new(s.http(), &s.base);
    let page = a.get(&authorize(t, "pol-app", "")).await;
    let page = a.submit(&page, &frank).await;
    let (codes, page) = enroll(&mut a, page).await;
    let l = finish(&mut a, page).await;
    assert!(param(&l, "code").is_some(), "{l}");
    let device = a.last_set_cookies.iter().find(|c| c.contains("sigil_device=")).cloned();
    let device = device.unwrap_or_else(|| panic!("device cookie set at completion: {:?}", a.last_set_cookies));
    assert!(device.contains("HttpOnly") && device.contains("SameSite=Lax") && device.contains("Max-Age=34560000"));
    assert!(!device.contains("Secure"), "plain HTTP: not Secure ({device})");

    // The same browser and network: familiar, a password is enough.
    let page = a.get(&authorize(t, "pol-app", "&prompt=login")).await;
    let page = a.submit(&page, &frank).await;
    let l = finish(&mut a, page).await;
    let id = claims(redeem(&s, t, "pol-app", &l, &[]).await["id_token"].as_str().unwrap());
    assert_eq!((id["acr"].as_str(), &id["amr"]), (Some(ACR_PWD), &serde_json::json!(["pwd"])), "{id}");

    // Another browser (no device cookie) on the same network: the second factor.
    let mut b = Agent::new(s.http(), &s.base);
    let page = b.get(&authorize(t, "pol-app", "")).await;
    let page = b.submit(&page, &frank).await;
    assert!(is_factor(&page), "new device: second factor: {}", page.body);
    // A password alone never makes the device known: asked again until the factor is given.
    let page = b.get(&authorize(t, "pol-app", "&prompt=login")).await;
    let page = b.submit(&page, &frank).await;
    assert!(is_factor(&page), "still new until a full sign-in: {}", page.body);
    let page = b.submit(&page, &[("code", &codes[0])]).await;
    let l = finish(&mut b, page).await;
    assert!(param(&l, "code").is_some());
    let page = b.get(&authorize(t, "pol-app", "&prompt=login")).await;
    let page = b.submit(&page, &frank).await;
    assert!(page.location.is_some() || page.is_consent(), "known now: {}", page.body);

    // The first browser from another network (through the trusted proxy): the second factor.
    a.headers = vec![("x-forwarded-for".into(), "203.0.113.77".into())];
    let page = a.get(&authorize(t, "pol-app", "&prompt=login")).await;
    let page = a.submit(&page, &frank).await;
    assert!(is_factor(&page), "new network: second factor: {}", page.body);
    let page = a.submit(&page, &[("code", &codes[1])]).await;
    finish(&mut a, page).await;
    // ... and that network is known from then on (another address of the same /24).
    a.headers = vec![("x-forwarded-for".into(), "203.0.113.9".into())];
    let page = a.get(&authorize(t, "pol-app", "&prompt=login")).await;
    let page = a.submit(&page, &frank).await;
    assert!(!is_factor(&page), "same /24: familiar: {}", page.body);

    // Both signals are in the sign-in log, with the reason.
    let rows = logs(&s, t, "frank").await;
    let sig = signals_of(&rows);
    for expected in [
        "device=new network=new 127.0.0.0/24",
        "device=known network=known 127.0.0.0/24",
        "device=new network=known 127.0.0.0/24",
        "device=known network=new 203.0.113.0/24",
        "device=known network=known 203.0.113.0/24",
    ] {
        assert!(sig.iter().any(|x| x == expected), "{expected} in {sig:?}");
    }
    assert!(
        rows.iter().any(|r| r["reason"].as_str().unwrap_or("").contains("unfamiliar sign-in (device=new")),
        "{rows:?}"
    );
    // The admin API's sign-in detail shows them too.
    let trace = rows.iter().find(|r| r["signals"].is_string()).unwrap()["trace_id"].as_str().unwrap().to_string();
    let r = s
        .http()
        .get(s.url(&format!("/admin/api/v1/signins/{trace}")))
        .bearer_auth(&s.admin_token)
        .send()
        .await
        .unwrap();
    let detail: Value = r.json().await.unwrap();
    assert!(detail["signals"].as_str().is_some_and(|x| x.starts_with("device=")), "{detail}");

    // Scoped rules: an application's, and a group's (for its members only).
    let pol = "pol-scoped";
    let mut c = Agent::new(s.http(), &s.base);
    let l = c.sign_in(&authorize(pol, "open-app", ""), "ivan", "ivan-password-0123").await;
    assert!(param(&l, "code").is_some(), "no rule for ivan on open-app");
    // Every completed sign-in makes its device and network known, rule or not: careful-app's rule
    // finds this browser familiar, and asks in another one.
    let page = c.get(&authorize(pol, "careful-app", "&prompt=login")).await;
    let page = c.submit(&page, &[("username", "ivan"), ("password", "ivan-password-0123")]).await;
    assert!(!is_enroll(&page) && !is_factor(&page), "familiar for careful-app: {}", page.body);
    let mut c2 = Agent::new(s.http(), &s.base);
    let page = c2.get(&authorize(pol, "careful-app", "")).await;
    let page = c2.submit(&page, &[("username", "ivan"), ("password", "ivan-password-0123")]).await;
    assert!(is_enroll(&page), "careful-app's rule: the device is new: {}", page.body);
    let mut d = Agent::new(s.http(), &s.base);
    let page = d.get(&authorize(pol, "open-app", "")).await;
    let page = d.submit(&page, &[("username", "hana"), ("password", "hana-password-0123")]).await;
    assert!(is_enroll(&page), "the travellers group's rule: {}", page.body);
}

#[tokio::test]
async fn sqlite_unfamiliar_device_and_network_ask_for_a_second_factor() {
    unfamiliar_sign_ins(Backend::Sqlite).await;
}

#[tokio::test]
async fn postgres_unfamiliar_device_and_network_ask_for_a_second_factor() {
    unfamiliar_sign_ins(Backend::Postgres).await;
}

fn session_cookie(a: &Agent) -> String {
    a.last_set_cookies
        .iter()
        .find(|c| c.starts_with("sigil_session_"))
        .cloned()
        .unwrap_or_else(|| panic!("session cookie set: {:?}", a.last_set_cookies))
}

async fn stay_signed_in(backend: Backend) {
    let s = server(backend, &[]).await;
    let t = "pol-kmsi";
    let jane = [("username", "jane"), ("password", "jane-password-0123")];
    // At the password: a browser-session cookie; the question after it.
    let mut a = Agent::new(s.http(), &s.base);
    let page = a.get(&authorize(t, "kmsi-app", "")).await;
    let page = a.submit(&page, &jane).await;
    assert!(!session_cookie(&a).contains("Max-Age"), "{}", session_cookie(&a));
    assert!(is_kmsi(&page), "stay signed in? {}", page.body);
    // Yes: a persistent cookie for the persistent lifetime.
    let page = a.submit(&page, &[("stay", "yes")]).await;
    let cookie = session_cookie(&a);
    let max_age: i64 = cookie.split("Max-Age=").nth(1).unwrap().split(';').next().unwrap().parse().unwrap();
    assert!((2_591_990..=2_592_000).contains(&max_age), "{cookie}");
    let l = finish(&mut a, page).await;
    assert!(param(&l, "code").is_some());
    // Asked once: the session's next use does not ask again.
    let l = a.get(&authorize(t, "kmsi-app", "")).await.location.expect("no page for the known session");
    assert!(param(&l, "code").is_some(), "{l}");
    // No: the cookie stays a browser-session cookie.
    let mut b = Agent::new(s.http(), &s.base);
    let page = b.get(&authorize(t, "kmsi-app", "")).await;
    let page = b.submit(&page, &jane).await;
    let page = b.submit(&page, &[("stay", "no")]).await;
    assert!(!session_cookie(&b).contains("Max-Age"), "{}", session_cookie(&b));
    finish(&mut b, page).await;
    // The admin API shows each session's answer and its server-side expiry.
    let r = s
        .http()
        .get(s.url(&format!("/admin/api/v1/tenants/{t}/users/jane/sessions")))
        .bearer_auth(&s.admin_token)
        .send()
        .await
        .unwrap();
    let listed: Value = r.json().await.unwrap();
    let lifetimes: Vec<(Option<bool>, i64)> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["persistent"].as_bool(), x["expires_at"].as_i64().unwrap() - x["auth_time"].as_i64().unwrap()))
        .collect();
    assert!(lifetimes.contains(&(Some(true), 2_592_000)) && lifetimes.contains(&(Some(false), 7200)), "{listed}");
    let reasons: Vec<String> =
        logs(&s, t, "jane").await.iter().filter_map(|r| r["reason"].as_str().map(str::to_string)).collect();
    assert!(reasons.iter().any(|r| r == "stay signed in page shown"), "{reasons:?}");
    // A tenant without the setting never asks (the default, `never`).
    let mut c = Agent::new(s.http(), &s.base);
    let page = c.get(&authorize("pol-stepup", "su-app", "")).await;
    let page = c.submit(&page, &[("username", "gina"), ("password", "gina-password-0123")]).await;
    assert!(!is_kmsi(&page) && !session_cookie(&c).contains("Max-Age"), "{}", page.body);
    // The CLI sets the policy: `always` is persistent without asking; a bad lifetime is refused.
    let bad = s.cli(&["tenant", "update", "pol-stepup", "--session", r#"{"persistent_lifetime": 0}"#]);
    assert!(!bad.status.success(), "a zero lifetime is refused");
    let out = s.cli(&["tenant", "update", "pol-stepup", "--session", r#"{"stay_signed_in": "always"}"#, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["session"]["persistent_lifetime"], 7_776_000, "{shown}");
    let mut persistent = None;
    for _ in 0..50 {
        let mut d = Agent::new(s.http(), &s.base);
        let page = d.get(&authorize("pol-stepup", "su-app", "")).await;
        let page = d.submit(&page, &[("username", "gina"), ("password", "gina-password-0123")]).await;
        assert!(!is_kmsi(&page));
        if session_cookie(&d).contains("Max-Age") {
            persistent = Some(session_cookie(&d));
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let cookie = persistent.expect("the CLI's policy reaches the running server");
    let max_age: i64 = cookie.split("Max-Age=").nth(1).unwrap().split(';').next().unwrap().parse().unwrap();
    assert!((7_775_990..=7_776_000).contains(&max_age), "{cookie}");
}

#[tokio::test]
async fn sqlite_stay_signed_in_sets_the_cookie_per_answer() {
    stay_signed_in(Backend::Sqlite).await;
}

#[tokio::test]
async fn postgres_stay_signed_in_sets_the_cookie_per_answer() {
    stay_signed_in(Backend::Postgres).await;
}

/// The server-side expiry of both lifetimes, with the injected clock: a browser session ends at
/// `lifetime`, a persistent one at `persistent_lifetime`, both counted from the sign-in.
async fn session_lifetimes(backend: Backend) {
    let url = match backend {
        Backend::Sqlite => db::sqlite_url("policies_lifetimes"),
        Backend::Postgres => db::postgres_url("policies_lifetimes").await,
    };
    let p = inproc::start(&url, Default::default()).await;
    let (ctx, t, user) = (&p.ctx, p.view.tenant.id, p.user.id);
    let policy = SessionPolicy { stay_signed_in: StaySignedIn::Ask, lifetime: Some(3600), persistent_lifetime: 86_400 };
    let (yes_token, yes) = session::start(ctx, t, &policy, user).await.unwrap();
    let (no_token, no) = session::start(ctx, t, &policy, user).await.unwrap();
    assert_eq!((yes.persistent, yes.expires_at - yes.auth_time), (None, 3600), "a browser session until answered");
    let yes = session::stay_signed_in(ctx, &policy, yes, true).await.unwrap().unwrap();
    let no = session::stay_signed_in(ctx, &policy, no, false).await.unwrap().unwrap();
    assert_eq!(session::cookie_max_age(&yes, p.clock.now()), Some(86_400));
    assert_eq!(session::cookie_max_age(&no, p.clock.now()), None);
    let live = async |token: &str| session::current(ctx, t, Some(token)).await.unwrap().is_some();
    p.clock.advance(3599);
    assert!(live(&yes_token).await && live(&no_token).await);
    p.clock.advance(1);
    assert!(live(&yes_token).await && !live(&no_token).await, "the browser session ended at its lifetime");
    let stored = ctx.store.session(&sigil_core::crypto::token_hash(&yes_token)).await.unwrap().unwrap();
    assert_eq!(stored.persistent, Some(true), "the answer is stored");
    assert_eq!(session::cookie_max_age(&stored, p.clock.now()), Some(86_400 - 3600));
    p.clock.advance(86_400 - 3600 - 1);
    assert!(live(&yes_token).await);
    p.clock.advance(1);
    assert!(!live(&yes_token).await, "the persistent session ended at its lifetime");
    // `always`: persistent from the start; `never`: a browser session, answered.
    let always = SessionPolicy { stay_signed_in: StaySignedIn::Always, ..policy.clone() };
    let (_, s) = session::start(ctx, t, &always, user).await.unwrap();
    assert_eq!((s.persistent, s.expires_at - s.auth_time), (Some(true), 86_400));
    let never = SessionPolicy { stay_signed_in: StaySignedIn::Never, lifetime: None, ..policy };
    let (_, s) = session::start(ctx, t, &never, user).await.unwrap();
    assert_eq!((s.persistent, s.expires_at - s.auth_time), (Some(false), ctx.tokens.session_lifetime));
}

#[tokio::test]
async fn sqlite_session_lifetimes_with_the_injected_clock() {
    session_lifetimes(Backend::Sqlite).await;
}

#[tokio::test]
async fn postgres_session_lifetimes_with_the_injected_clock() {
    session_lifetimes(Backend::Postgres).await;
}

/// `factor::unfamiliar` on a real store: a device and a network are known once remembered, per
/// user; a user's 21st device pushes out the least recently seen; the cost of one check (one
/// read) and one remember (one transaction) is printed.
async fn signals_in_process(backend: Backend) {
    use sigil_core::factor::unfamiliar::{self, KEEP_PER_KIND, Signals};
    use sigil_core::model::SignalKind;
    let url = match backend {
        Backend::Sqlite => db::sqlite_url("policies_signals"),
        Backend::Postgres => db::postgres_url("policies_signals").await,
    };
    let p = inproc::start(&url, Default::default()).await;
    let (ctx, t, user) = (&p.ctx, p.view.tenant.id, p.user.id);
    let home = Signals::new(Some("d".repeat(43)), "198.51.100.20");
    let f = unfamiliar::check(ctx, t, user, &home).await.unwrap();
    assert!(!f.device_known && !f.network_known);
    // A browser without a cookie gets a new device id when its sign-in completes.
    let fresh = Signals::new(None, "198.51.100.20");
    let new_id = unfamiliar::remember(ctx, t, user, &fresh).await.unwrap().expect("a new device id");
    assert_eq!(new_id.len(), 43);
    let f = unfamiliar::check(ctx, t, user, &home).await.unwrap();
    assert_eq!((f.device_known, f.network_known), (false, true), "the /24 is known, this device is not");
    assert!(
        unfamiliar::check(ctx, t, user, &Signals::new(Some(new_id.clone()), "198.51.100.99"))
            .await
            .unwrap()
            .is_familiar()
    );
    assert!(unfamiliar::remember(ctx, t, user, &home).await.unwrap().is_none(), "a known cookie is kept");
    // Another user of the tenant has no history.
    let other = Signals::new(Some(new_id.clone()), "198.51.100.20");
    assert!(!unfamiliar::check(ctx, t, uuid::Uuid::new_v4(), &other).await.unwrap().device_known);
    // KEEP_PER_KIND devices: the oldest (new_id, seen first) goes.
    let n = KEEP_PER_KIND as usize;
    let started = std::time::Instant::now();
    for i in 0..n {
        p.clock.advance(1);
        unfamiliar::remember(ctx, t, user, &Signals::new(Some(format!("{i:0>43}")), "198.51.100.20")).await.unwrap();
    }
    let per_remember = started.elapsed() / n as u32;
    let known = ctx.store.known_signals(t, user).await.unwrap();
    assert_eq!(known.iter().filter(|k| k.kind == SignalKind::Device).count(), n);
    assert!(!unfamiliar::check(ctx, t, user, &Signals::new(Some(new_id), "198.51.100.20")).await.unwrap().device_known);
    assert!(!unfamiliar::check(ctx, t, user, &home).await.unwrap().device_known, "pushed out too");
    let latest = Signals::new(Some(format!("{:0>43}", n - 1)), "198.51.100.20");
    let started = std::time::Instant::now();
    for _ in 0..200 {
        assert!(unfamiliar::check(ctx, t, user, &latest).await.unwrap().is_familiar());
    }
    let per_check = started.elapsed() / 200;
    println!(
        "{backend:?}: unfamiliar check (1 read, {n} devices) {per_check:?}; remember (1 transaction) {per_remember:?}"
    );
}

#[tokio::test]
async fn sqlite_signals_are_known_per_user_and_bounded() {
    signals_in_process(Backend::Sqlite).await;
}

#[tokio::test]
async fn postgres_signals_are_known_per_user_and_bounded() {
    signals_in_process(Backend::Postgres).await;
}

async fn userinfo(s: &Server, tenant: &str, access_token: &str) -> reqwest::Response {
    s.http().get(s.url(&format!("/{tenant}/oidc/userinfo"))).bearer_auth(access_token).send().await.unwrap()
}

/// The `name="value"` parameter of a `WWW-Authenticate` challenge.
fn challenge_param(header: &str, name: &str) -> Option<String> {
    let at = header.find(&format!("{name}=\""))? + name.len() + 2;
    Some(header[at..][..header[at..].find('"')?].to_string())
}

async fn protocol_items(backend: Backend) {
    let s = server(backend, &[]).await;
    let t = "pol-stepup";
    let gina = [("username", "gina"), ("password", "gina-password-0123")];
    let cp1 = r#"{"access_token":{"xms_cc":{"values":["cp1"]}}}"#;

    // A password sign-in: UserInfo gives auth_time, acr and amr (OIDC Core §5.5).
    let mut a = Agent::new(s.http(), &s.base);
    let page = a.get(&authorize(t, "su-app", "")).await;
    let page = a.submit(&page, &gina).await;
    let l = finish(&mut a, page).await;
    let plain = redeem(&s, t, "su-app", &l, &[]).await;
    let id = claims(plain["id_token"].as_str().unwrap());
    let auth_time = id["auth_time"].as_i64().expect("auth_time in the ID token");
    let info: Value = userinfo(&s, t, plain["access_token"].as_str().unwrap()).await.json().await.unwrap();
    assert_eq!(
        (info["auth_time"].as_i64(), info["acr"].as_str(), &info["amr"]),
        (Some(auth_time), Some(ACR_PWD), &serde_json::json!(["pwd"])),
        "{info}"
    );
    // max_age (§3.1.2.1): younger than the session, no page; auth_time is the first sign-in's.
    let l = a.get(&authorize(t, "su-app", "&max_age=3600")).await.location.expect("no new sign-in");
    let id = claims(redeem(&s, t, "su-app", &l, &[]).await["id_token"].as_str().unwrap());
    assert_eq!(id["auth_time"].as_i64(), Some(auth_time));
    // ... a cp1 client's token (MSAL's claims on the token request) carries xms_cc.
    let l = a.get(&authorize(t, "su-app", "")).await.location.unwrap();
    let capable = redeem(&s, t, "su-app", &l, &[("claims", cp1)]).await;
    assert_eq!(claims(capable["access_token"].as_str().unwrap())["xms_cc"], serde_json::json!(["cp1"]));
    assert!(claims(plain["access_token"].as_str().unwrap())["xms_cc"].is_null());
    // max_age=1 a second and more later: a new sign-in, and a newer auth_time.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let page = a.get(&authorize(t, "su-app", "&max_age=1")).await;
    assert!(page.is_signin(), "max_age passed: sign in again");
    let page = a.submit(&page, &gina).await;
    let l = finish(&mut a, page).await;
    let id = claims(redeem(&s, t, "su-app", &l, &[]).await["id_token"].as_str().unwrap());
    assert!(id["auth_time"].as_i64().unwrap() > auth_time, "{id}");

    // The tenant now requires MFA: the password-only tokens are refused at UserInfo with
    // RFC 9470's challenge, and the cp1 token with Entra's claims challenge.
    let out = s.cli(&["tenant", "update", t, "--mfa", "required"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut refused = None;
    for _ in 0..50 {
        let r = userinfo(&s, t, plain["access_token"].as_str().unwrap()).await;
        if r.status() == 401 {
            refused = Some(r);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let r = expect_error(
        refused.expect("the new rule reaches UserInfo"),
        401,
        "insufficient_user_authentication",
        88000650,
    )
    .await;
    let www = r.header("www-authenticate").unwrap().to_string();
    assert!(www.starts_with("Bearer error=\"insufficient_user_authentication\""), "{www}");
    let acr_values = challenge_param(&www, "acr_values").expect("acr_values in the challenge");
    assert_eq!(acr_values, ACR_MFA);
    let r = userinfo(&s, t, capable["access_token"].as_str().unwrap()).await;
    let r = expect_error(r, 401, "insufficient_claims", 88000651).await;
    let www = r.header("www-authenticate").unwrap().to_string();
    let challenge = challenge_param(&www, "claims").expect("claims in the challenge");
    use base64::Engine;
    let challenge = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(challenge).unwrap()).unwrap();

    // RFC 9470 §4: the client's new request with those acr_values gets a stronger sign-in (gina
    // has no factor: she sets one up), and its token passes.
    let page = a.get(&authorize(t, "su-app", &format!("&acr_values={acr_values}"))).await;
    let (codes, page) = enroll(&mut a, page).await;
    let l = finish(&mut a, page).await;
    let strong = redeem(&s, t, "su-app", &l, &[]).await;
    let info: Value = userinfo(&s, t, strong["access_token"].as_str().unwrap()).await.json().await.unwrap();
    assert_eq!((info["acr"].as_str(), &info["amr"]), (Some(ACR_MFA), &serde_json::json!(["pwd", "otp", "mfa"])));
    // Entra's round trip: the claims from the challenge, sent as `claims` by a new browser's
    // interactive request, ask for the second factor too.
    let mut b = Agent::new(s.http(), &s.base);
    let encoded: String = url::form_urlencoded::byte_serialize(challenge.as_bytes()).collect();
    let page = b.get(&authorize(t, "su-app", &format!("&claims={encoded}"))).await;
    let page = b.submit(&page, &gina).await;
    assert!(is_factor(&page), "the claims challenge asks for the factor: {}", page.body);
    let page = b.submit(&page, &[("code", &codes[0])]).await;
    let l = finish(&mut b, page).await;
    let again = redeem(&s, t, "su-app", &l, &[("claims", cp1)]).await;
    let at = claims(again["access_token"].as_str().unwrap());
    assert_eq!((&at["acrs"], &at["xms_cc"]), (&serde_json::json!([ACR_MFA]), &serde_json::json!(["cp1"])));
    assert_eq!(userinfo(&s, t, again["access_token"].as_str().unwrap()).await.status(), 200);
}

#[tokio::test]
async fn sqlite_max_age_userinfo_claims_and_step_up_challenges() {
    protocol_items(Backend::Sqlite).await;
}

#[tokio::test]
async fn postgres_max_age_userinfo_claims_and_step_up_challenges() {
    protocol_items(Backend::Postgres).await;
}

/// The catalog walk's step-up refusals (88000650, 88000651), on a server of its own: a password-only
/// token and a `cp1` client's token, then the tenant requires MFA; returns (code, trace ID).
pub async fn step_up_refusals() -> Vec<(u32, String)> {
    let s = server(Backend::Sqlite, &[]).await;
    let t = "pol-stepup";
    let mut a = Agent::new(s.http(), &s.base);
    let page = a.get(&authorize(t, "su-app", "")).await;
    let page = a.submit(&page, &[("username", "gina"), ("password", "gina-password-0123")]).await;
    let l = finish(&mut a, page).await;
    let plain = redeem(&s, t, "su-app", &l, &[]).await;
    let l = a.get(&authorize(t, "su-app", "")).await.location.unwrap();
    let cp1 = r#"{"access_token":{"xms_cc":{"values":["cp1"]}}}"#;
    let capable = redeem(&s, t, "su-app", &l, &[("claims", cp1)]).await;
    let out = s.cli(&["tenant", "update", t, "--mfa", "required"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut seen = vec![];
    for (token, status, error, code) in
        [(&plain, 401, "insufficient_user_authentication", 88000650), (&capable, 401, "insufficient_claims", 88000651)]
    {
        let token = token["access_token"].as_str().unwrap();
        let mut r = userinfo(&s, t, token).await;
        for _ in 0..50 {
            if r.status() == 401 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            r = userinfo(&s, t, token).await;
        }
        seen.push((code, expect_error(r, status, error, code).await.trace_id().to_string()));
    }
    seen
}
