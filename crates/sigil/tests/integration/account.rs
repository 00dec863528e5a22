//! Issue 21, item 6: the self-service account page on a spawned server, SQLite and PostgreSQL.
//! Signing in to it through the interaction engine and back; every change and its refusals:
//! a stale anti-forgery token, a wrong current password, another user's session and consent, a
//! withdrawn consent that asks again and whose refresh token is refused, sessions signed out with
//! their refresh tokens, TOTP set up through the enrollment pages and removed after a fresh
//! second factor; recent sign-ins with their codes linked to the troubleshooting page.
use serde_json::Value;
use sigil_core::factor::totp;
use sigil_testkit::browser::{Agent, Page, param, unescape};
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::common::{server_with, token};

const CHALLENGE: &str = "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const REDIRECT: &str = "http://127.0.0.1/callback";
const ALICE: (&str, &str) = ("alice", "alice-password-0123");
const BOB: (&str, &str) = ("bob", "bob-password-0123");

fn authorize(client: &str) -> String {
    format!(
        "/acct-corp/oauth2/v2.0/authorize?client_id={client}&response_type=code&redirect_uri={REDIRECT}&scope=openid%20offline_access&state=s1&{CHALLENGE}"
    )
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// Signs in to the account page: it asks for the password, then returns to itself.
async fn open_account(a: &mut Agent, (user, password): (&str, &str)) -> Page {
    let page = a.get("/acct-corp/account").await;
    assert!(page.is_signin(), "no session: the sign-in page first ({}): {}", page.status, page.body);
    let back = a.submit(&page, &[("username", user), ("password", password)]).await;
    assert_eq!(back.status, 303, "{}", back.body);
    let to = back.location.expect("back to the account page");
    assert!(to.ends_with("/account"), "{to}");
    let page = a.get(&to).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("id=\"change-password\""), "{}", page.body);
    page
}

/// Posts one of the account page's forms with the page's anti-forgery token.
async fn post(a: &mut Agent, page: &Page, path: &str, fields: &[(&str, &str)]) -> Page {
    let csrf = page.input("csrf_token").expect("anti-forgery token");
    let mut all = vec![("csrf_token", csrf.as_str())];
    all.extend_from_slice(fields);
    a.post(&format!("/acct-corp/account/{path}"), &all).await
}

/// A POST that succeeded: 303 to the page with a notice, which the page then shows.
async fn done(a: &mut Agent, res: Page) -> Page {
    assert_eq!(res.status, 303, "{}", res.body);
    let page = a.get(&res.location.expect("redirect")).await;
    assert!(page.body.contains("id=\"account-notice\""), "{}", page.body);
    page
}

/// A refused POST: the page again (or the error page) with the code.
fn refused(res: &Page, code: u32) {
    assert_eq!(res.status, 400, "{}", res.body);
    assert!(res.body.contains(&format!("SIGIL{code}")), "SIGIL{code} expected: {}", res.body);
}

/// The public session identifiers the page lists, in order, and which one is current.
fn sessions(page: &Page) -> Vec<String> {
    let needle = "name=\"sid\" value=\"";
    page.body
        .match_indices(needle)
        .map(|(at, m)| {
            let rest = &page.body[at + m.len()..];
            unescape(&rest[..rest.find('"').unwrap()])
        })
        .collect()
}

/// Signs the agent in to `client` (consenting if asked) and redeems the code: the token response.
async fn app_tokens(s: &Server, a: &mut Agent, client: &str, who: (&str, &str)) -> Value {
    let location = a.sign_in(&authorize(client), who.0, who.1).await;
    let code = param(&location, "code").unwrap_or_else(|| panic!("no code in {location}"));
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", client),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
    ];
    let t: Value = token(s, "acct-corp", &form, None).await.json().await.unwrap();
    assert!(t["refresh_token"].is_string(), "{t}");
    t
}

/// Refreshes: the new tokens, or the refusal's code.
async fn refresh(s: &Server, client: &str, t: &Value) -> Result<Value, u64> {
    let form = [
        ("grant_type", "refresh_token"),
        ("client_id", client),
        ("refresh_token", t["refresh_token"].as_str().unwrap()),
    ];
    let r = token(s, "acct-corp", &form, None).await;
    let ok = r.status().is_success();
    let body: Value = r.json().await.unwrap();
    if ok { Ok(body) } else { Err(body["error_codes"][0].as_u64().unwrap_or(0)) }
}

async fn account_page(backend: Backend) {
    let mut imports = ServerOptions::default().imports;
    imports.push(sigil_testkit::fixture("account.toml"));
    let s = server_with(ServerOptions { backend, imports, ..Default::default() }).await;

    // A wrong password first (a refusal for the recent sign-ins), then the page through the engine.
    let mut a = Agent::new(s.http(), &s.base);
    let page = a.get("/acct-corp/account").await;
    let wrong = a.submit(&page, &[("username", "alice"), ("password", "not-her-password")]).await;
    assert!(wrong.is_signin() && wrong.body.contains("role=\"alert\""));
    let mut page = open_account(&mut a, ALICE).await;
    assert!(page.body.contains("Alice Adams"), "the display name");
    assert!(unescape(&page.body).contains("/account/passkeys\" id=\"passkeys-link\""), "the passkeys page is linked");

    // Headers: never cached, never framed.
    let (name, value) = a.cookie_named("sigil_session_").expect("session cookie");
    let (csrf_name, csrf_value) = a.cookie_named("sigil_csrf").expect("csrf cookie");
    let r = s
        .http()
        .get(format!("{}/acct-corp/account", s.base))
        .header("cookie", format!("{name}={value}; {csrf_name}={csrf_value}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert_eq!(r.headers()["x-frame-options"], "DENY");
    assert!(r.headers()["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));

    // The app listens for back-channel logout (OIDC Back-Channel Logout 1.0).
    let (bc_uri, bc_seen) = crate::backchannel_logout::receiver(crate::backchannel_logout::Answer::Ok).await;
    let out = s.cli(&["client", "update", "--tenant", "acct-corp", "acct-app", "--backchannel-logout-uri", &bc_uri]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;

    // Alice in a second browser, signed in to the app (consent, refresh token bound to that session).
    let mut b = Agent::new(s.http(), &s.base);
    let tb = app_tokens(&s, &mut b, "acct-app", ALICE).await;
    // Bob, elsewhere, with his own session and consents.
    let mut c = Agent::new(s.http(), &s.base);
    let bob_page = open_account(&mut c, BOB).await;
    let bob_sessions = sessions(&bob_page);
    assert!(bob_sessions.is_empty(), "his one session is the current one: no button");
    let bob_sid = bob_page.body.split("data-sid=\"").nth(1).map(|r| r[..r.find('"').unwrap()].to_string());
    let bob_sid = bob_sid.expect("the current session's sid is on the page");
    app_tokens(&s, &mut c, "bob-app", BOB).await;

    page = a.get("/acct-corp/account").await;
    let listed = sessions(&page);
    assert_eq!(listed.len(), 1, "alice's other session: {}", page.body);
    assert!(page.body.contains("Expense Reports"), "the consent's application by name");

    // A stale anti-forgery token: refused, nothing ended.
    let res = a.post("/acct-corp/account/sessions", &[("csrf_token", "stale"), ("sid", &listed[0])]).await;
    refused(&res, 88000021);
    // Another user's session: refused; Bob stays signed in.
    let res = post(&mut a, &page, "sessions", &[("sid", &bob_sid)]).await;
    refused(&res, 88000633);
    assert_eq!(c.get("/acct-corp/account").await.status, 200, "bob's session lives");
    // Alice's other session ends, and the refresh token issued through it with it.
    let tb = refresh(&s, "acct-app", &tb).await.expect("live before");
    page = {
        let r = post(&mut a, &page, "sessions", &[("sid", &listed[0])]).await;
        done(&mut a, r).await
    };
    assert!(sessions(&page).is_empty());
    assert_eq!(refresh(&s, "acct-app", &tb).await.unwrap_err(), 50173, "its refresh token is revoked");
    assert!(b.get("/acct-corp/account").await.is_signin(), "that browser is signed out");
    // The app it signed in to is told, with that session's sid.
    let mut told = None;
    for _ in 0..50 {
        told = bc_seen.lock().unwrap().iter().find_map(|(_, _, t)| t.clone());
        if told.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let logout = crate::common::claims(&told.expect("a logout token for the ended session"));
    assert_eq!(
        (logout["sid"].as_str(), logout["aud"].as_str()),
        (Some(listed[0].as_str()), Some("acct-app")),
        "{logout}"
    );

    // Consents: another user's is refused; withdrawing alice's revokes the refresh token issued
    // through this session and the next sign-in asks for consent again.
    let ta = app_tokens(&s, &mut a, "acct-app", ALICE).await;
    page = a.get("/acct-corp/account").await;
    refused(&post(&mut a, &page, "consents", &[("client_id", "bob-app")]).await, 88000634);
    let ta = refresh(&s, "acct-app", &ta).await.expect("live before");
    page = {
        let r = post(&mut a, &page, "consents", &[("client_id", "acct-app")]).await;
        done(&mut a, r).await
    };
    assert!(page.body.contains("id=\"apps-none\""), "{}", page.body);
    assert_eq!(refresh(&s, "acct-app", &ta).await.unwrap_err(), 50173);
    assert!(a.get(&authorize("acct-app")).await.is_consent(), "consent asked again");
    refused(&post(&mut a, &page, "consents", &[("client_id", "acct-app")]).await, 88000634);

    // Password: each refusal, then a change that signs out the other sessions.
    let mut d = Agent::new(s.http(), &s.base);
    open_account(&mut d, ALICE).await;
    page = a.get("/acct-corp/account").await;
    let change = |current: &'static str, new: &'static str, confirm: &'static str, sessions: &'static str| {
        [("current_password", current), ("new_password", new), ("confirm_password", confirm), ("sessions", sessions)]
    };
    let new_pw = "alice-new-password-4567";
    refused(&post(&mut a, &page, "password", &change("wrong-one-0123", new_pw, new_pw, "end")).await, 88000630);
    refused(&post(&mut a, &page, "password", &change(ALICE.1, new_pw, "typo", "end")).await, 88000632);
    refused(&post(&mut a, &page, "password", &change(ALICE.1, "short", "short", "end")).await, 88000631);
    refused(&post(&mut a, &page, "password", &change(ALICE.1, ALICE.1, ALICE.1, "end")).await, 88000631);
    assert_eq!(d.get("/acct-corp/account").await.status, 200, "refusals end nothing");
    page = {
        let r = post(&mut a, &page, "password", &change(ALICE.1, new_pw, new_pw, "end")).await;
        done(&mut a, r).await
    };
    assert!(d.get("/acct-corp/account").await.is_signin(), "the other session was signed out");
    assert_eq!(a.get("/acct-corp/account").await.status, 200, "this one stays");
    let mut e = Agent::new(s.http(), &s.base);
    let p = e.get("/acct-corp/account").await;
    assert!(e.submit(&p, &[("username", "alice"), ("password", ALICE.1)]).await.is_signin(), "old password");
    open_account(&mut e, ("alice", new_pw)).await;
    // Keeping the other sessions: e stays signed in.
    let back = "alice-password-0123-again";
    {
        let r = post(&mut a, &page, "password", &change(new_pw, back, back, "keep")).await;
        done(&mut a, r).await
    };
    assert_eq!(e.get("/acct-corp/account").await.status, 200, "kept");

    // TOTP: set up through the enrollment pages, which return to the account page.
    page = a.get("/acct-corp/account").await;
    assert!(page.body.contains("id=\"totp-none\""));
    let enroll = post(&mut a, &page, "totp", &[]).await;
    assert!(enroll.body.contains("id=\"totp-secret\""), "{}", enroll.body);
    let secret = {
        let needle = "id=\"totp-secret\" class=\"code\">";
        let at = enroll.body.find(needle).unwrap() + needle.len();
        totp::from_base32(&unescape(&enroll.body[at..at + enroll.body[at..].find('<').unwrap()])).unwrap()
    };
    let shown = a.submit(&enroll, &[("code", &totp::code_at(&secret, now()))]).await;
    let codes: Vec<String> = shown
        .body
        .match_indices("<li><code class=\"code\">")
        .map(|(at, m)| shown.body[at + m.len()..].split('<').next().unwrap().to_string())
        .collect();
    assert_eq!(codes.len(), 10, "{}", shown.body);
    let back_home = a.submit(&shown, &[]).await;
    assert_eq!(back_home.status, 303, "{}", back_home.body);
    page = a.get(&back_home.location.unwrap()).await;
    assert!(page.body.contains("id=\"totp-facts\""), "{}", page.body);
    refused(&post(&mut a, &page, "totp", &[]).await, 88000637);
    // Removal from a session without a fresh second factor (e: password only): the sign-in asks
    // for the factor (max_age and acr_values), then returns; only then is it removed.
    let mut page_e = e.get("/acct-corp/account").await;
    let ask = post(&mut e, &page_e, "totp/remove", &[]).await;
    assert!(ask.body.contains("autocomplete=\"one-time-code\""), "the second factor is asked: {}", ask.body);
    let returned = e.submit(&ask, &[("code", &codes[0])]).await;
    assert_eq!(returned.status, 303, "{}", returned.body);
    assert!(returned.location.as_deref().unwrap().contains("reauthenticated=1"));
    page_e = e.get(&returned.location.unwrap()).await;
    assert!(page_e.body.contains("id=\"account-reauthenticated\""));
    page_e = {
        let r = post(&mut e, &page_e, "totp/remove", &[]).await;
        done(&mut e, r).await
    };
    assert!(page_e.body.contains("id=\"totp-none\""));
    refused(&post(&mut e, &page_e, "totp/remove", &[]).await, 88000636);

    // Recent sign-ins: the refused one with its code linked to the troubleshooting page, the
    // application by name; the log keeps every change with its reason.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    page = a.get("/acct-corp/account").await;
    assert!(unescape(&page.body).contains("/error?code=50126\""), "{}", page.body);
    assert!(page.body.contains("Expense Reports"));
    let ar = a.get("/acct-corp/account?ui_locales=ar").await;
    assert!(ar.body.contains("dir=\"rtl\"") && ar.body.contains("lang=\"ar\""));
    assert!(unescape(&ar.body).contains("/error?code=50126&lang=ar\""), "{}", ar.body);
    let out = s.cli(&["logs", "--tenant", "acct-corp", "--user", "alice", "--json", "--limit", "200"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let logs: Vec<Value> = serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().cloned().unwrap();
    let reasons: Vec<&str> =
        logs.iter().filter(|r| r["flow"] == "account").filter_map(|r| r["reason"].as_str()).collect();
    for expected in [
        "password changed; 1 other sessions ended",
        "password changed; other sessions kept",
        "consent to acct-app withdrawn; its grants revoked",
        "1 authenticator app removed",
    ] {
        assert!(reasons.contains(&expected), "{expected} not in {reasons:?}");
    }
    let codes: Vec<u64> = logs.iter().filter(|r| r["flow"] == "account").filter_map(|r| r["code"].as_u64()).collect();
    for code in [88000021, 88000630, 88000631, 88000632, 88000633, 88000634, 88000635, 88000636, 88000637] {
        assert!(codes.contains(&code), "{code} recorded: {codes:?}");
    }
}

#[tokio::test]
async fn sqlite_account_page_actions_and_refusals() {
    account_page(Backend::Sqlite).await;
}

#[tokio::test]
async fn postgres_account_page_actions_and_refusals() {
    account_page(Backend::Postgres).await;
}

/// The recent sign-ins on a real store with the injected clock: the user's own, of the last 30
/// days, newest first, 20 a page with a cursor to the older ones; pages shown on the way, accepted
/// consents and refreshes are not sign-ins, refusals are.
async fn recent_signins_pages(backend: Backend) {
    use sigil_core::account::{SIGNINS_PER_PAGE, recent_signins};
    use sigil_core::clock::Clock;
    use sigil_core::signin_log::SigninRecord;
    let url = match backend {
        Backend::Sqlite => sigil_testkit::db::sqlite_url("account_signins"),
        Backend::Postgres => sigil_testkit::db::postgres_url("account_signins").await,
    };
    let p = sigil_testkit::inproc::start(&url, Default::default()).await;
    let now_ms = p.clock.now() * 1000;
    let record = |at: i64, user: &str, flow: &str, code: u32, reason: &str| SigninRecord {
        time_millis: at,
        trace_id: uuid::Uuid::new_v4().to_string(),
        correlation_id: uuid::Uuid::new_v4().to_string(),
        tenant: p.view.tenant.name.clone(),
        client_id: Some("app".into()),
        user: Some(user.into()),
        flow: flow.into(),
        code,
        error: None,
        reason: reason.into(),
        source: "192.0.2.1".into(),
        user_agent: "test".into(),
        latency_micros: 1,
        signals: None,
    };
    let me = p.user.username.clone();
    let mut batch = Vec::new();
    // 45 sign-ins of the user, one a minute, newest first; every third a refusal.
    for i in 0..45 {
        let code = if i % 3 == 0 { 50126 } else { 0 };
        batch.push(record(now_ms - i * 60_000, &me, "signin", code, "consent page shown"));
    }
    // Not sign-ins, interleaved; someone else's; one 31 days old.
    for i in 0..45 {
        let at = now_ms - i * 60_000 - 30_000;
        batch.push(record(at, &me, "authorize", 0, "sign-in page shown"));
        batch.push(record(at - 1, &me, "consent", 0, "code issued for 'openid'"));
        batch.push(record(at - 2, &me, "refresh_token", 0, "tokens issued"));
        batch.push(record(at - 3, "someone-else", "signin", 0, "code issued for 'openid'"));
    }
    batch.push(record(now_ms - 31 * 86_400_000, &me, "signin", 0, "old"));
    // SSO (a code issued with the session) and a declined consent are sign-ins.
    batch.push(record(now_ms + 1, &me, "authorize", 0, "code issued for 'openid'"));
    batch.push(record(now_ms + 2, &me, "consent", 65004, "user declined consent"));
    p.ctx.store.write_signins(&batch).await.unwrap();

    let first = recent_signins(&p.ctx, &p.view.tenant.name, &p.user, None).await.unwrap();
    assert_eq!(first.records.len(), SIGNINS_PER_PAGE as usize);
    assert_eq!(first.records[0].code, 65004, "newest first");
    assert_eq!(first.records[1].flow, "authorize");
    assert!(first.records.iter().all(|r| r.user.as_deref() == Some(me.as_str())));
    assert!(first.records.windows(2).all(|w| w[0].time_millis > w[1].time_millis));
    let mut seen = first.records.len();
    let mut cursor = first.next_before;
    let mut pages = 1;
    while let Some(before) = cursor {
        let page = recent_signins(&p.ctx, &p.view.tenant.name, &p.user, Some(before)).await.unwrap();
        assert!(page.records.iter().all(|r| r.time_millis < before && r.flow == "signin"));
        seen += page.records.len();
        cursor = page.next_before;
        pages += 1;
        assert!(pages < 10, "the cursor moves on");
    }
    assert_eq!(seen, 45 + 2, "every sign-in of the last 30 days, once; the 31-day-old one not");
    assert_eq!(pages, 3);
}

#[tokio::test]
async fn sqlite_recent_signins_pages() {
    recent_signins_pages(Backend::Sqlite).await;
}

#[tokio::test]
async fn postgres_recent_signins_pages() {
    recent_signins_pages(Backend::Postgres).await;
}
