//! Rate limits (issue 23 item 3) against real servers: per client at the token endpoint, per user,
//! per source address and per network prefix (varied through a trusted proxy's `X-Forwarded-For`),
//! 429 with `Retry-After` and 88000500, counted in `/metrics`, and shared by instances on
//! PostgreSQL. The window's reset is tested with injected time in `sigil-core` (`ratelimit.rs`) and
//! on both real stores (`conformance::rate_limits_hold_across_instances_under_race`).
use sigil_testkit::browser::Agent;
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::common::*;

/// A day-long window: the test cannot straddle two windows (except at midnight UTC).
const WINDOW: &str = "86400";

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = vec![("SIGIL_RATE_LIMITS_WINDOW".into(), WINDOW.into())];
    v.extend(pairs.iter().map(|(k, val)| (k.to_string(), val.to_string())));
    v
}

async fn limited(backend: Backend, pairs: &[(&str, &str)]) -> Server {
    server_with(ServerOptions { backend, env: env(pairs), ..Default::default() }).await
}

const CC: [(&str, &str); 2] = [("grant_type", "client_credentials"), ("scope", "api://reports/.default")];

async fn cc(s: &Server, client: (&str, &str)) -> reqwest::Response {
    token(s, "contoso", &CC, Some(client)).await
}

/// `sigil_rate_limited_total{dimension="…"}` on `/metrics`.
async fn refused_by(s: &Server, dimension: &str) -> u64 {
    let text = s.http().get(s.url("/metrics")).send().await.unwrap().text().await.unwrap();
    let prefix = format!("sigil_rate_limited_total{{dimension=\"{dimension}\"}} ");
    text.lines().find_map(|l| l.strip_prefix(&prefix)).map_or(0, |v| v.trim().parse().unwrap())
}

/// The 429 of RFC 6585 §4 with `Retry-After` within the window, in the token endpoint's JSON.
async fn expect_throttled(r: reqwest::Response) -> u64 {
    let e = expect_error(r, 429, "temporarily_unavailable", 88000500).await;
    let retry: u64 = e.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!((1..=86_400).contains(&retry), "{retry}");
    retry
}

#[tokio::test]
async fn per_client_limit_answers_429_with_retry_after_and_code() {
    let s = limited(Backend::Sqlite, &[("SIGIL_RATE_LIMITS_PER_CLIENT", "5")]).await;
    for i in 0..5 {
        assert_eq!(cc(&s, DAEMON).await.status(), 200, "request {i}");
    }
    expect_throttled(cc(&s, DAEMON).await).await;
    // The client's limit, whichever way it authenticates (client_secret_post here).
    let post = [CC[0], CC[1], ("client_id", DAEMON.0), ("client_secret", DAEMON.1)];
    expect_throttled(token(&s, "contoso", &post, None).await).await;
    // Another client, same address: its own counter.
    let other = [("grant_type", "client_credentials"), ("scope", "api://reports/.default")];
    assert_ne!(token(&s, "contoso", &other, Some(PORTAL)).await.status(), 429);
    assert_eq!(refused_by(&s, "client").await, 2);
    // Unknown client IDs are not counted per client (they would only fill the counters).
    for _ in 0..7 {
        let r = token(&s, "contoso", &CC, Some(("no-such-client", "x"))).await;
        assert_eq!(r.status(), 401);
    }
}

#[tokio::test]
async fn prefix_limit_catches_rotating_addresses_and_address_limit_one() {
    let s = limited(
        Backend::Sqlite,
        &[
            ("SIGIL_SERVER_TRUSTED_PROXIES", r#"["127.0.0.1"]"#),
            ("SIGIL_RATE_LIMITS_PER_ADDRESS", "3"),
            ("SIGIL_RATE_LIMITS_PER_PREFIX", "8"),
        ],
    )
    .await;
    let from = |addr: String| {
        let http = s.http();
        let url = s.url("/contoso/oauth2/v2.0/token");
        async move {
            http.post(url).header("x-forwarded-for", addr).basic_auth(DAEMON.0, Some(DAEMON.1)).form(&CC).send().await
        }
    };
    // One address: three requests, then refused.
    for _ in 0..3 {
        assert_eq!(from("198.51.100.7".into()).await.unwrap().status(), 200);
    }
    expect_throttled(from("198.51.100.7".into()).await.unwrap()).await;
    assert_eq!(refused_by(&s, "address").await, 1);
    // A new address every time, all in 203.0.113.0/24: the prefix stops them after eight.
    for i in 1..=8 {
        assert_eq!(from(format!("203.0.113.{i}")).await.unwrap().status(), 200, "address {i}");
    }
    expect_throttled(from("203.0.113.200".into()).await.unwrap()).await;
    assert_eq!(refused_by(&s, "prefix").await, 1);
    // The next /24 is another prefix; IPv6 rotations inside one /64 are one prefix too.
    assert_eq!(from("203.0.114.1".into()).await.unwrap().status(), 200);
    for i in 1..=8 {
        assert_eq!(from(format!("2001:db8:7:7::{i:x}")).await.unwrap().status(), 200, "v6 address {i}");
    }
    expect_throttled(from("2001:db8:7:7:ffff::1".into()).await.unwrap()).await;
    assert_eq!(from("2001:db8:7:8::1".into()).await.unwrap().status(), 200, "another /64");
    // The sign-in pages count too, and refuse with a page (429, Retry-After).
    let authorize = || {
        s.http()
            .get(s.url("/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=code"))
            .header("x-forwarded-for", "192.0.2.9")
            .send()
    };
    for i in 1..=2 {
        assert_ne!(authorize().await.unwrap().status(), 429, "authorize {i}");
    }
    assert_eq!(from("192.0.2.9".into()).await.unwrap().status(), 200);
    let r = authorize().await.unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_some());
    assert!(r.text().await.unwrap().contains("SIGIL88000500"));
}

#[tokio::test]
async fn per_user_limit_counts_sign_in_attempts_from_any_address() {
    let s = limited(Backend::Sqlite, &[("SIGIL_RATE_LIMITS_PER_USER", "3")]).await;
    let attempt = |last: u8, user: &'static str| {
        let http = reqwest::Client::builder()
            .local_address(std::net::IpAddr::from([127, 0, 0, last]))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let url = s.url("/contoso/oauth2/v2.0/token");
        async move {
            let form = [("grant_type", "password"), ("username", user), ("password", "wrong"), ("scope", "openid")];
            http.post(url).basic_auth(LEGACY.0, Some(LEGACY.1)).form(&form).send().await.unwrap()
        }
    };
    for last in 10..13 {
        assert_eq!(attempt(last, "alice").await.status(), 400, "a wrong password, not a limit");
    }
    // Case does not make another user.
    expect_throttled(attempt(20, "ALICE").await).await;
    assert_eq!(attempt(21, "bob").await.status(), 400, "another user");
    assert_eq!(refused_by(&s, "user").await, 1);
    // The sign-in form is limited by the same counter: a page with 429.
    let mut a = Agent::new(s.http(), &s.base);
    let page = a
        .get(
            "/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=code\
             &redirect_uri=http://127.0.0.1:5000/callback&scope=openid\
             &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256",
        )
        .await;
    let p = a.submit(&page, &[("username", "alice"), ("password", "correct horse battery staple")]).await;
    assert_eq!(p.status, 429, "{}", p.body);
    assert!(p.body.contains("SIGIL88000500"), "{}", p.body);
}

#[tokio::test]
async fn limits_are_shared_across_instances_on_postgresql() {
    let a = limited(Backend::Postgres, &[("SIGIL_RATE_LIMITS_PER_CLIENT", "9")]).await;
    let b = a.replica().await;
    let c = a.replica().await;
    let all = [&a, &b, &c];
    // Twelve requests spread over three instances: exactly nine succeed, whichever instance.
    let mut ok = 0;
    let mut refused = 0;
    for i in 0..12 {
        let r = cc(all[i % 3], DAEMON).await;
        match r.status().as_u16() {
            200 => ok += 1,
            429 => {
                expect_throttled(r).await;
                refused += 1;
            }
            s => panic!("status {s}"),
        }
    }
    assert_eq!((ok, refused), (9, 3), "one shared counter");
    // Each instance counts what it refused.
    let mut counted = 0;
    for s in all {
        counted += refused_by(s, "client").await;
    }
    assert_eq!(counted, 3);
}

/// The window's end with the injected clock (`ManualClock`), on both real stores, two limiters
/// (two instances) each: refused until the window ends, admitted again after, no sleeping.
#[tokio::test]
async fn a_window_resets_at_its_end_with_the_injected_clock() {
    use sigil_core::clock::Clock;
    use sigil_core::ratelimit::{RateLimitSettings, RateLimiter, Subject};
    use sigil_testkit::{db, inproc};
    for url in [db::sqlite_url("ratelimit"), db::postgres_url("ratelimit").await] {
        let p = inproc::start(&url, Default::default()).await;
        let settings = RateLimitSettings { per_client: 4, window: 60, ..Default::default() };
        let (a, b) = (RateLimiter::new(settings.clone()), RateLimiter::new(settings));
        let subject = Subject { tenant: p.view.tenant.id, client_id: Some("web"), user: None, source: "192.0.2.1" };
        let shared = p.ctx.store.shares_rate_limits();
        // Start 10 s into a window.
        p.clock.set(1_800_000_010);
        for l in [&a, &b, &a, &b] {
            l.check(p.ctx.store.as_ref(), p.clock.now(), &subject).await.unwrap();
        }
        let refused = a.check(p.ctx.store.as_ref(), p.clock.now(), &subject).await;
        match shared {
            true => assert_eq!(refused.unwrap_err().retry_after, 50, "the fifth over both instances"),
            false => assert!(refused.is_ok(), "in memory each instance counts its own"),
        }
        p.clock.advance(49);
        let last_second = a.check(p.ctx.store.as_ref(), p.clock.now(), &subject).await;
        assert_eq!(last_second.is_err(), shared, "still the same window");
        if !shared {
            let fifth = a.check(p.ctx.store.as_ref(), p.clock.now(), &subject).await;
            assert_eq!(fifth.unwrap_err().retry_after, 1, "the fifth of one instance");
        }
        // The window ends at 1_800_000_060.
        p.clock.advance(1);
        for l in [&a, &b] {
            l.check(p.ctx.store.as_ref(), p.clock.now(), &subject).await.unwrap();
        }
    }
}
