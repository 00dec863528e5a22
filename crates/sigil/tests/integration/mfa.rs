//! Issue 21: second factors. TOTP (RFC 6238) with the injected clock on a real store; recovery
//! codes spent once even under a race (SQLite and PostgreSQL); MFA policies per tenant,
//! application and group; `acr_values` step-up; `prompt=none` refused with 50076 / 50079; `amr` and
//! `acr` in ID tokens; every factor attempt in the sign-in log. End to end on a spawned server.
use serde_json::Value;
use sigil_core::factor::{ACR_MFA, ACR_PWD, recovery, totp};
use sigil_core::{catalog, clock::Clock};
use sigil_testkit::browser::{Agent, Page, param, unescape};
use sigil_testkit::inproc::{self, InProc};
use sigil_testkit::{Backend, ServerOptions, db};

use crate::common::{claims, server_with, token};

const CHALLENGE: &str = "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const REDIRECT: &str = "http://127.0.0.1/callback";

async fn harness(backend: Backend, name: &str) -> InProc {
    let url = match backend {
        Backend::Sqlite => db::sqlite_url(name),
        Backend::Postgres => db::postgres_url(name).await,
    };
    inproc::start(&url, Default::default()).await
}

/// RFC 6238 on a real store, time moved by the test: the previous, current and next step are
/// accepted once each, an older step is refused, a replay (same step, or an earlier one once a
/// later one was used) is refused atomically, wrong codes lock the factor.
async fn totp_with_the_injected_clock(backend: Backend) {
    let p = harness(backend, "mfa_totp").await;
    let (ctx, t, user) = (&p.ctx, p.view.tenant.id, &p.user);
    let secret = totp::new_secret(ctx.rng.as_ref());
    let at = |offset: i64| totp::code_at(&secret, p.clock.now() + offset * 30);
    // Enrollment: a wrong code is refused, the right one stores the authenticator (its step used).
    let e = totp::enroll(ctx, t, user, &secret, "000000", "192.0.2.1").await;
    if at(0) != "000000" && at(-1) != "000000" && at(1) != "000000" {
        assert_eq!(e.unwrap_err().entry.code, catalog::OTP_CODE_INVALID.code);
    }
    let (_, codes) = totp::enroll(ctx, t, user, &secret, &at(0), "192.0.2.1").await.unwrap();
    assert_eq!(codes.len(), recovery::COUNT);
    // The enrollment code's step is used: the same code, and the previous step's, are replays.
    let replay = totp::verify(ctx, t, user, &at(0), "192.0.2.1").await.unwrap_err();
    assert_eq!(replay.entry.code, catalog::OTP_CODE_REPLAYED.code);
    let older = totp::verify(ctx, t, user, &at(-1), "192.0.2.1").await.unwrap_err();
    assert_eq!(older.entry.code, catalog::OTP_CODE_REPLAYED.code);
    // The next step (a phone 30 s ahead) is accepted, once.
    assert!(matches!(totp::verify(ctx, t, user, &at(1), "192.0.2.1").await, Ok(totp::Verified::Totp { .. })));
    let again = totp::verify(ctx, t, user, &at(1), "192.0.2.1").await.unwrap_err();
    assert_eq!(again.entry.code, catalog::OTP_CODE_REPLAYED.code);
    // Two minutes on: two steps old is no longer a code at all; the current one works.
    p.clock.advance(120);
    let old = totp::code_at(&secret, p.clock.now() - 60);
    assert_eq!(
        totp::verify(ctx, t, user, &old, "192.0.2.1").await.unwrap_err().entry.code,
        catalog::OTP_CODE_INVALID.code
    );
    assert!(totp::verify(ctx, t, user, &at(0), "192.0.2.1").await.is_ok());
    // The previous step after the current one was used: refused (steps only move forward).
    p.clock.advance(30);
    assert!(totp::verify(ctx, t, user, &at(0), "192.0.2.1").await.is_ok());
    assert_eq!(
        totp::verify(ctx, t, user, &at(-1), "192.0.2.1").await.unwrap_err().entry.code,
        catalog::OTP_CODE_REPLAYED.code
    );
    // A recovery code works once; typed loosely it is the same code.
    let loose = codes[0].to_uppercase().replace('-', " ");
    assert!(matches!(
        totp::verify(ctx, t, user, &loose, "192.0.2.1").await,
        Ok(totp::Verified::RecoveryCode { left: 9 })
    ));
    let used = totp::verify(ctx, t, user, &codes[0], "192.0.2.1").await.unwrap_err();
    assert_eq!(used.entry.code, catalog::RECOVERY_CODE_INVALID.code);
    // Brute force: wrong codes use up the budget (one charged above), then even the right code waits.
    p.clock.advance(30);
    for _ in 0..totp::MAX_FAILURES {
        let _ = totp::verify(ctx, t, user, "999999x", "198.51.100.7").await;
    }
    let locked = totp::verify(ctx, t, user, &at(0), "198.51.100.7").await.unwrap_err();
    assert_eq!(locked.entry.code, catalog::FACTOR_LOCKED.code, "{locked}");
    p.clock.advance(totp::LOCK_SECONDS + 1);
    assert!(totp::verify(ctx, t, user, &at(0), "198.51.100.7").await.is_ok(), "the lock ends");
    // Cost of one verification on this store (reserve, read, open, check, use the step, refund):
    // each a fresh step, as sign-ins would be.
    let n = 200;
    let started = std::time::Instant::now();
    for _ in 0..n {
        p.clock.advance(30);
        assert!(totp::verify(ctx, t, user, &at(0), "192.0.2.1").await.is_ok());
    }
    let per = started.elapsed() / n;
    println!("{backend:?}: one TOTP verification (4 store calls) takes {per:?} on average over {n}");
}

/// Many concurrent uses of one recovery code: exactly one succeeds (one conditional UPDATE).
async fn recovery_code_race(backend: Backend) {
    let p = std::sync::Arc::new(harness(backend, "mfa_race").await);
    let (t, user) = (p.view.tenant.id, p.user.id);
    let now = p.clock.now();
    let codes = recovery::issue(&p.ctx, t, user, now).await.unwrap();
    let mut tries = tokio::task::JoinSet::new();
    for _ in 0..16 {
        let (p, code) = (p.clone(), codes[3].clone());
        tries.spawn(async move { recovery::spend(&p.ctx, t, user, &code, now).await.unwrap() });
    }
    let won = tries.join_all().await.into_iter().filter(|w| *w).count();
    assert_eq!(won, 1);
    assert_eq!(p.ctx.store.recovery_codes_left(t, user).await.unwrap(), 9);
    // A new set replaces the old one.
    let fresh = recovery::issue(&p.ctx, t, user, now).await.unwrap();
    assert!(!recovery::spend(&p.ctx, t, user, &codes[4], now).await.unwrap());
    assert!(recovery::spend(&p.ctx, t, user, &fresh[4], now).await.unwrap());
}

#[tokio::test]
async fn sqlite_totp_with_the_injected_clock() {
    totp_with_the_injected_clock(Backend::Sqlite).await;
}

#[tokio::test]
async fn postgres_totp_with_the_injected_clock() {
    totp_with_the_injected_clock(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_recovery_code_is_single_use_under_a_race() {
    recovery_code_race(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_recovery_code_is_single_use_under_a_race() {
    recovery_code_race(Backend::Postgres).await;
}

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

/// The base32 secret the enrollment page shows (grouped by four).
fn shown_secret(p: &Page) -> Vec<u8> {
    let needle = "id=\"totp-secret\" class=\"code\">";
    let start = p.body.find(needle).expect("secret on the page") + needle.len();
    let end = p.body[start..].find('<').unwrap() + start;
    totp::from_base32(&unescape(&p.body[start..end])).expect("a 160-bit base32 secret")
}

fn recovery_codes(p: &Page) -> Vec<String> {
    p.body
        .match_indices("<li><code class=\"code\">")
        .map(|(at, m)| {
            let rest = &p.body[at + m.len()..];
            rest[..rest.find('<').unwrap()].to_string()
        })
        .collect()
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// Accepts consent if asked and returns the redirect to the client.
async fn finish(a: &mut Agent, mut page: Page) -> String {
    if page.is_consent() {
        page = a.submit(&page, &[("decision", "accept")]).await;
    }
    page.location.unwrap_or_else(|| panic!("no redirect (status {}): {}", page.status, page.body))
}

async fn id_token(s: &sigil_testkit::Server, tenant: &str, client: &str, location: &str) -> Value {
    let code = param(location, "code").unwrap_or_else(|| panic!("no code in {location}"));
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", client),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
    ];
    let t: Value = token(s, tenant, &form, None).await.json().await.unwrap();
    let at = claims(t["access_token"].as_str().expect("access token"));
    let mut id = claims(t["id_token"].as_str().unwrap_or_else(|| panic!("no id_token: {t}")));
    id["_acrs"] = at["acrs"].clone();
    id
}

async fn logs(s: &sigil_testkit::Server, user: &str) -> Vec<Value> {
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let out = s.cli(&["logs", "--tenant", "mfa-corp", "--user", user, "--json", "--limit", "100"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().cloned().unwrap_or_default()
}

async fn mfa_end_to_end(backend: Backend) {
    let mut imports = ServerOptions::default().imports;
    imports.push(sigil_testkit::fixture("mfa.toml"));
    let s = server_with(ServerOptions { backend, imports, ..Default::default() }).await;

    // Application policy, first sign-in: password, then enrollment (50079 semantics), the
    // recovery codes once, then the code; the ID token says how.
    let mut a = Agent::new(s.http(), &s.base);
    let page = a.get(&authorize("mfa-corp", "mfa-app", "")).await;
    assert!(page.is_signin(), "{}", page.body);
    let page = a.submit(&page, &[("username", "bob"), ("password", "bob-password-0123")]).await;
    assert!(is_enroll(&page), "enrollment expected: {}", page.body);
    assert!(page.body.contains("src=\"data:image/svg+xml;base64,"), "QR code");
    let secret = shown_secret(&page);
    let wrong = a.submit(&page, &[("code", "12345")]).await;
    assert!(is_enroll(&wrong) && wrong.body.contains("role=\"alert\""), "wrong code: form again");
    assert_eq!(shown_secret(&wrong), secret, "the same secret until confirmed");
    let page = a.submit(&wrong, &[("code", &totp::code_at(&secret, now()))]).await;
    let codes = recovery_codes(&page);
    assert_eq!(codes.len(), 10, "{}", page.body);
    let page = a.submit(&page, &[]).await;
    let id = id_token(&s, "mfa-corp", "mfa-app", &finish(&mut a, page).await).await;
    assert_eq!(id["amr"], serde_json::json!(["pwd", "otp", "mfa"]), "{id}");
    assert_eq!(id["acr"], ACR_MFA);
    assert_eq!(id["_acrs"], serde_json::json!([ACR_MFA]));
    let auth_time = id["auth_time"].as_i64().unwrap();
    assert!((now() - auth_time).abs() < 60);

    // The same session again: the second factor is already part of it.
    let l = a.get(&authorize("mfa-corp", "mfa-app", "")).await;
    let id = id_token(&s, "mfa-corp", "mfa-app", &finish(&mut a, l).await).await;
    assert_eq!((id["acr"].as_str(), id["auth_time"].as_i64()), (Some(ACR_MFA), Some(auth_time)));
    // max_age=0: a new sign-in (password, then the factor again: a new session has only `pwd`),
    // and auth_time is that sign-in's.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let page = a.get(&authorize("mfa-corp", "mfa-app", "&max_age=0")).await;
    assert!(page.is_signin(), "max_age=0 asks for the password again");
    let page = a.submit(&page, &[("username", "bob"), ("password", "bob-password-0123")]).await;
    assert!(is_factor(&page), "and for the second factor: {}", page.body);
    let page = a.submit(&page, &[("code", &codes[1])]).await;
    let id = id_token(&s, "mfa-corp", "mfa-app", &finish(&mut a, page).await).await;
    assert_eq!(id["acr"], ACR_MFA);
    assert!(id["auth_time"].as_i64().unwrap() > auth_time, "{id}");
    let disco = crate::common::discovery(&s, "mfa-corp").await;
    assert_eq!(disco["acr_values_supported"], serde_json::json!([ACR_PWD, ACR_MFA]));

    // Step-up: a new browser signs bob in with a password only (no rule for plain-app)...
    let mut b = Agent::new(s.http(), &s.base);
    let l = b.sign_in(&authorize("mfa-corp", "plain-app", ""), "bob", "bob-password-0123").await;
    let id = id_token(&s, "mfa-corp", "plain-app", &l).await;
    assert_eq!((id["amr"].clone(), id["acr"].as_str()), (serde_json::json!(["pwd"]), Some(ACR_PWD)));
    assert!(id["_acrs"].is_null());
    // ... prompt=none cannot ask for the factor: 50076, interaction_required, basic_action ...
    let step_up = format!("&acr_values={}", ACR_MFA);
    let l = b.get(&authorize("mfa-corp", "plain-app", &format!("{step_up}&prompt=none"))).await.location.unwrap();
    assert_eq!(param(&l, "error").as_deref(), Some("interaction_required"), "{l}");
    assert_eq!(param(&l, "error_codes").as_deref(), Some("50076"));
    assert_eq!(param(&l, "suberror").as_deref(), Some("basic_action"));
    // ... an interactive request asks for the second factor; a recovery code answers it.
    let page = b.get(&authorize("mfa-corp", "plain-app", &step_up)).await;
    assert!(is_factor(&page), "second factor expected: {}", page.body);
    let used = b.submit(&page, &[("code", "00000-00000")]).await;
    assert!(is_factor(&used) && used.body.contains("role=\"alert\""));
    let page = b.submit(&used, &[("code", &codes[0])]).await;
    let id = id_token(&s, "mfa-corp", "plain-app", &finish(&mut b, page).await).await;
    assert_eq!(id["amr"], serde_json::json!(["pwd", "otp", "mfa"]), "{id}");
    assert_eq!(id["acr"], ACR_MFA);
    // The claims parameter (OIDC Core §5.5, Entra's claims challenge) asks the same way.
    let mut c = Agent::new(s.http(), &s.base);
    let claims_req =
        "&claims=%7B%22access_token%22%3A%7B%22acrs%22%3A%7B%22essential%22%3Atrue%2C%22value%22%3A%22c1%22%7D%7D%7D";
    let page = c.get(&authorize("mfa-corp", "plain-app", claims_req)).await;
    let page = c.submit(&page, &[("username", "bob"), ("password", "bob-password-0123")]).await;
    assert!(is_factor(&page), "claims challenge asks for the factor: {}", page.body);
    // A used recovery code stays used; a replayed TOTP step is refused.
    let page = c.submit(&page, &[("code", &codes[0])]).await;
    assert!(is_factor(&page) && page.body.contains("role=\"alert\""));

    // Group policy: alice (admins) must enroll, carol (no group) signs in with a password.
    let mut d = Agent::new(s.http(), &s.base);
    let page = d.get(&authorize("mfa-corp", "plain-app", "")).await;
    let page = d.submit(&page, &[("username", "alice"), ("password", "alice-password-0123")]).await;
    assert!(is_enroll(&page), "group rule: {}", page.body);
    let mut e = Agent::new(s.http(), &s.base);
    let l = e.sign_in(&authorize("mfa-corp", "plain-app", ""), "carol", "carol-password-0123").await;
    assert_eq!(id_token(&s, "mfa-corp", "plain-app", &l).await["acr"], ACR_PWD);
    // prompt=none for a user with no factor enrolled: 50079.
    let l = e.get(&authorize("mfa-corp", "mfa-app", "&prompt=none")).await.location.unwrap();
    assert_eq!(param(&l, "error_codes").as_deref(), Some("50079"), "{l}");

    // Tenant policy: everyone enrolls.
    let mut f = Agent::new(s.http(), &s.base);
    let page = f.get(&authorize("mfa-all", "any-app", "")).await;
    let page = f.submit(&page, &[("username", "erin"), ("password", "erin-password-0123")]).await;
    assert!(is_enroll(&page), "tenant rule: {}", page.body);

    // The password grant cannot satisfy the application's rule: Entra's 50076.
    let form = [
        ("grant_type", "password"),
        ("client_id", "mfa-ropc"),
        ("username", "dana"),
        ("password", "dana-password-0123"),
    ];
    let r = token(&s, "mfa-corp", &form, None).await;
    crate::common::expect_error(r, 400, "invalid_grant", 50076).await;

    // The CLI sets the same policies: plain-app now requires MFA, so carol must enroll.
    let out = s.cli(&["client", "update", "--tenant", "mfa-corp", "plain-app", "--require-mfa", "true", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["require_mfa"], true);
    let mut enrolled_by_cli = false;
    for _ in 0..30 {
        let mut g = Agent::new(s.http(), &s.base);
        let page = g.get(&authorize("mfa-corp", "plain-app", "")).await;
        let page = g.submit(&page, &[("username", "carol"), ("password", "carol-password-0123")]).await;
        if is_enroll(&page) {
            enrolled_by_cli = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(enrolled_by_cli, "client update --require-mfa reaches the running server");
    let out = s.cli(&[
        "client",
        "create",
        "--tenant",
        "mfa-corp",
        "cli-app",
        "--public",
        "--grant",
        "authorization_code",
        "--redirect-uri",
        REDIRECT,
        "--require-mfa",
        "--json",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["require_mfa"], true);
    let out = s.cli(&["tenant", "update", "mfa-corp", "--mfa", "sometimes"]);
    assert!(!out.status.success(), "an unknown policy is refused");
    // A lost phone: the operator removes bob's factors; the next sign-in sets one up again.
    let out = s.cli(&["user", "mfa-reset", "--tenant", "mfa-corp", "bob", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["authenticators_removed"], 1);
    let mut h = Agent::new(s.http(), &s.base);
    let page = h.get(&authorize("mfa-corp", "mfa-app", "")).await;
    let page = h.submit(&page, &[("username", "bob"), ("password", "bob-password-0123")]).await;
    assert!(is_enroll(&page), "after the reset: enrollment again");

    // Every factor attempt is in the sign-in log with its outcome and reason.
    let bob = logs(&s, "bob").await;
    let has = |code: u64, text: &str| {
        bob.iter().any(|r| r["code"] == code && r["reason"].as_str().unwrap_or("").contains(text))
    };
    assert!(has(0, "enrolled; 10 recovery codes issued"), "{bob:?}");
    assert!(has(88000440, "enrollment: code does not match"), "{bob:?}");
    assert!(has(88000443, "unknown or already used"), "{bob:?}");
    assert!(has(0, "recovery code used; 9 left") && has(0, "recovery code used; 8 left"), "{bob:?}");
    assert!(has(0, "second factor asked: request asked for acr"), "{bob:?}");
    assert!(has(50076, "prompt=none but a second factor"), "{bob:?}");
}

#[tokio::test]
async fn sqlite_policies_step_up_and_prompt_none() {
    mfa_end_to_end(Backend::Sqlite).await;
}

#[tokio::test]
async fn postgres_policies_step_up_and_prompt_none() {
    mfa_end_to_end(Backend::Postgres).await;
}
