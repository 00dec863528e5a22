//! Several `sigil serve` processes on one PostgreSQL database behind one public URL (issue 23):
//! single-use credentials (codes, refresh tokens, device codes, DPoP proofs) stay single-use when
//! their uses are spread across instances, the lockout
//! budget is shared, a change made through the CLI reaches every instance within a second (change
//! notices), and the sign-in log of every instance is searchable from any of them.
use std::time::{Duration, Instant};

use serde_json::Value;
use sigil_testkit::browser::{Agent, param};
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::common::*;
use crate::token::futures_join;

const REDIRECT: &str = "http://127.0.0.1:5000/callback";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const ALICE_PW: &str = "correct horse battery staple";

/// Three instances; the first one also ran the imports.
async fn three_instances() -> (Server, Server, Server) {
    let a = server_with(ServerOptions { backend: Backend::Postgres, ..Default::default() }).await;
    let b = a.replica().await;
    let c = a.replica().await;
    (a, b, c)
}

/// POSTs `form` to the token endpoint of each instance in turn, `per_instance` times each, all at
/// once; returns (status, body) of every answer.
async fn spread(instances: &[&Server], form: Vec<(String, String)>, per_instance: usize) -> Vec<(u16, Value)> {
    let mut calls = Vec::new();
    for _ in 0..per_instance {
        for s in instances {
            let (http, url, form) = (s.http(), s.url("/contoso/oauth2/v2.0/token"), form.clone());
            calls.push(async move {
                let r = http.post(url).basic_auth(PORTAL.0, Some(PORTAL.1)).form(&form).send().await.unwrap();
                (r.status().as_u16(), r.json::<Value>().await.unwrap())
            });
        }
    }
    futures_join(calls).await
}

fn owned(form: &[(&str, &str)]) -> Vec<(String, String)> {
    form.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[tokio::test]
async fn codes_and_refresh_tokens_are_single_use_across_instances() {
    let (a, b, c) = three_instances().await;
    let all = [&a, &b, &c];
    let mut agent = Agent::new(a.http(), &a.base);
    let url = format!(
        "/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=code&redirect_uri={REDIRECT}&state=s\
         &scope=openid%20offline_access&code_challenge={CHALLENGE}&code_challenge_method=S256"
    );
    let code = param(&agent.sign_in(&url, "alice", ALICE_PW).await, "code").expect("code");

    // One code, 15 concurrent redemptions over three instances: exactly one gets tokens.
    let form = owned(&[
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
    ]);
    let answers = spread(&all, form, 5).await;
    let ok: Vec<_> = answers.iter().filter(|(s, _)| *s == 200).collect();
    assert_eq!(ok.len(), 1, "one redemption succeeds: {:?}", answers.iter().map(|(s, _)| s).collect::<Vec<_>>());
    assert!(answers.iter().all(|(s, v)| *s == 200 || v["error"] == "invalid_grant"), "{answers:?}");
    // RFC 6749 §4.1.2: the replays revoked what the code had produced, on every instance.
    let first = ok[0].1["refresh_token"].as_str().expect("refresh token").to_string();
    let r = token(&b, "contoso", &[("grant_type", "refresh_token"), ("refresh_token", &first)], Some(PORTAL)).await;
    expect_error(r, 400, "invalid_grant", 50173).await;

    let code = param(&agent.sign_in(&url, "alice", ALICE_PW).await, "code").expect("code");
    let form = [
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
    ];
    let r = token(&c, "contoso", &form, Some(PORTAL)).await;
    assert_eq!(r.status(), 200);
    let refresh = r.json::<Value>().await.unwrap()["refresh_token"].as_str().expect("refresh token").to_string();

    // One refresh token, 15 concurrent uses over three instances: every success carries the same
    // successor (the retry grace), never two different ones.
    let form = owned(&[("grant_type", "refresh_token"), ("refresh_token", &refresh)]);
    let answers = spread(&all, form, 5).await;
    let successors: std::collections::HashSet<_> = answers
        .iter()
        .filter(|(s, _)| *s == 200)
        .map(|(_, v)| v["refresh_token"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(successors.len(), 1, "duplicate successors: {answers:?}");
    let successor = successors.into_iter().next().unwrap();

    // The successor works on another instance; the grant is shared.
    let r = token(&c, "contoso", &[("grant_type", "refresh_token"), ("refresh_token", &successor)], Some(PORTAL)).await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn the_lockout_budget_is_shared_across_instances() {
    let (a, b, c) = three_instances().await;
    let guess = |s: &Server, password: &str| {
        let (http, url) = (s.http(), s.url("/contoso/oauth2/v2.0/token"));
        let form =
            owned(&[("grant_type", "password"), ("username", "lockme"), ("password", password), ("scope", "openid")]);
        async move {
            let r = http.post(url).basic_auth(LEGACY.0, Some(LEGACY.1)).form(&form).send().await.unwrap();
            let v: Value = r.json().await.unwrap();
            v["error_codes"][0].as_u64()
        }
    };
    // Five wrong guesses (the threshold), spread over the instances.
    for (i, s) in [&a, &b, &c, &a, &b].iter().enumerate() {
        assert_eq!(guess(s, &format!("wrong-{i}")).await, Some(50126), "guess {i}");
    }
    // Locked everywhere, the correct password included.
    for s in [&a, &b, &c] {
        assert_eq!(guess(s, "lockme-password-123").await, Some(50053), "locked on {}", s.base);
    }
}

#[tokio::test]
async fn a_change_through_the_cli_reaches_every_instance_within_a_second() {
    let (a, b, c) = three_instances().await;
    let cc = [("grant_type", "client_credentials"), ("scope", "api://reports/.default")];
    for s in [&a, &b, &c] {
        assert_eq!(token(s, "contoso", &cc, Some(DAEMON)).await.status(), 200);
    }
    // The daemon deleted through the CLI, which writes to the database directly.
    let out = a.cli(&["client", "delete", "--tenant", "contoso", "reporting-daemon"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let applied = Instant::now();
    let mut took = Vec::new();
    for s in [&a, &b, &c] {
        loop {
            let status = token(s, "contoso", &cc, Some(DAEMON)).await.status();
            if status == 401 {
                took.push(applied.elapsed());
                break;
            }
            assert!(
                applied.elapsed() < Duration::from_secs(1),
                "{} still accepts the deleted client after 1 s",
                s.base
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
    println!("deleted client refused by the three instances after {took:?}");
}

#[tokio::test]
async fn the_signin_log_of_every_instance_is_searchable_from_any() {
    let (a, b, c) = three_instances().await;
    let mut traces = Vec::new();
    for s in [&a, &b, &c] {
        let r = token(s, "contoso", &[("grant_type", "client_credentials")], Some(("reporting-daemon", "wrong"))).await;
        let body: Value = r.json().await.unwrap();
        traces.push(body["trace_id"].as_str().expect("trace_id").to_string());
    }
    for s in [&a, &b, &c] {
        for trace in &traces {
            let mut found = None;
            for _ in 0..100 {
                let r = s
                    .http()
                    .get(s.url(&format!("/admin/signins?trace_id={trace}")))
                    .bearer_auth(&s.admin_token)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 200);
                let v: Value = r.json().await.unwrap();
                if let Some(rec) = v.as_array().and_then(|a| a.first()) {
                    found = Some(rec.clone());
                    break;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            let rec = found.unwrap_or_else(|| panic!("{} does not find trace {trace}", s.base));
            assert_eq!(rec["code"].as_u64(), Some(7000215), "{rec}");
        }
    }
}

/// Scheduled rotation with three instances checking the same database: each due key is rotated
/// once (not once per instance), the new key is in every instance's JWKS before it signs, and
/// tokens signed with it after the delay verify against the JWKS while the old key stays published.
#[tokio::test]
async fn scheduled_key_rotation_happens_once_across_instances() {
    let env = vec![
        ("SIGIL_TOKENS_KEY_ROTATION_INTERVAL".to_string(), "4".to_string()),
        ("SIGIL_TOKENS_KEY_ROTATION_DELAY".to_string(), "2".to_string()),
    ];
    let a = server_with(ServerOptions { backend: Backend::Postgres, env, ..Default::default() }).await;
    let (b, c) = (a.replica().await, a.replica().await);
    let keys = |s: &Server| {
        let out = s.cli(&["keys", "list", "--tenant", "contoso", "--json"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().clone()
    };
    let before = keys(&a);
    let cc = [("grant_type", "client_credentials"), ("scope", "api://reports/.default")];
    let old_kid = header(
        token(&a, "contoso", &cc, Some(DAEMON)).await.json::<Value>().await.unwrap()["access_token"].as_str().unwrap(),
    )["kid"]
        .as_str()
        .unwrap()
        .to_string();
    // Wait for the first rotation (checked every second once a key is 4 s old).
    let deadline = Instant::now() + Duration::from_secs(15);
    let after = loop {
        let now = keys(&a);
        if now.len() > before.len() {
            break now;
        }
        assert!(Instant::now() < deadline, "no scheduled rotation within 15 s: {now:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let new: Vec<&Value> = after.iter().filter(|k| !before.contains(k) && k["retired_at"].is_null()).collect();
    let algs: std::collections::HashSet<&str> = before.iter().map(|k| k["alg"].as_str().unwrap()).collect();
    assert_eq!(new.len(), algs.len(), "one new key per algorithm, not one per instance: {after:?}");
    let new_es =
        new.iter().find(|k| k["alg"] == "ES256").expect("a new ES256 key")["kid"].as_str().unwrap().to_string();
    // Published on every instance (change notice) before it signs.
    tokio::time::sleep(Duration::from_millis(300)).await;
    for s in [&a, &b, &c] {
        let jwks = get_json(s, "/contoso/discovery/v2.0/keys").await;
        let kids: Vec<&str> = jwks["keys"].as_array().unwrap().iter().map(|k| k["kid"].as_str().unwrap()).collect();
        assert!(kids.contains(&new_es.as_str()) && kids.contains(&old_kid.as_str()), "{}: {kids:?}", s.base);
    }
    // After the delay every instance signs with the new key, and the token verifies via the JWKS.
    tokio::time::sleep(Duration::from_millis(2200)).await;
    for s in [&a, &b, &c] {
        let at = token(s, "contoso", &cc, Some(DAEMON)).await.json::<Value>().await.unwrap()["access_token"]
            .as_str()
            .unwrap()
            .to_string();
        let kid = header(&at)["kid"].as_str().unwrap().to_string();
        assert_ne!(kid, old_kid, "{} still signs with the old key", s.base);
        crate::token::verify_with_jwks(s, "contoso", &at).await;
    }
}

/// Posts the same request (`form`, with `dpop` as its proof when given) to every instance
/// `per_instance` times, all at once; the statuses and bodies.
async fn same_everywhere(
    instances: &[&Server],
    form: &[(&str, &str)],
    basic: Option<(&str, &str)>,
    dpop: Option<&str>,
    per_instance: usize,
) -> Vec<(u16, Value)> {
    let mut calls = Vec::new();
    for _ in 0..per_instance {
        for s in instances {
            let mut r = s.http().post(s.url("/contoso/oauth2/v2.0/token")).form(form);
            if let Some((id, secret)) = basic {
                r = r.basic_auth(id, Some(secret));
            }
            if let Some(p) = dpop {
                r = r.header("dpop", p);
            }
            calls.push(async move {
                let r = r.send().await.unwrap();
                (r.status().as_u16(), r.json::<Value>().await.unwrap())
            });
        }
    }
    futures_join(calls).await
}

/// RFC 8628 §3.5 and RFC 9449 §11.1 across instances: an approved device code polled at all three
/// instances at once yields tokens once; one DPoP proof sent to all three is accepted once (its
/// `jti` record is shared through the database, not kept per process).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn device_codes_and_dpop_proofs_are_single_use_across_instances() {
    let a = server_with(crate::dpop::options(Backend::Postgres)).await;
    let (b, c) = (a.replica().await, a.replica().await);
    let all = [&a, &b, &c];

    let d = crate::device_code::device_authorization(&b, "openid offline_access").await;
    let mut agent = Agent::new(c.http(), &c.base);
    let consent = crate::device_code::to_consent(&mut agent, &c, d["user_code"].as_str().unwrap()).await;
    assert_eq!(agent.submit(&consent, &[("decision", "accept")]).await.status, 200);
    let poll = [
        ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
        ("client_id", crate::dpop::DESKTOP),
        ("device_code", d["device_code"].as_str().unwrap()),
    ];
    let answers = same_everywhere(&all, &poll, None, None, 5).await;
    let won = answers.iter().filter(|(s, _)| *s == 200).count();
    assert_eq!(won, 1, "{answers:?}");
    assert!(answers.iter().all(|(s, b)| *s == 200 || b["error_codes"][0] == 70000), "{answers:?}");

    let key = crate::dpop::DpopKey::new();
    let proof = key.proof(&a, crate::dpop::TOKEN_PATH);
    let answers = same_everywhere(&all, crate::dpop::CC, Some(DAEMON), Some(&proof), 10).await;
    let won = answers.iter().filter(|(s, _)| *s == 200).count();
    assert_eq!(won, 1, "{answers:?}");
    assert!(answers.iter().all(|(s, b)| *s == 200 || b["error_codes"][0] == 88000343), "{answers:?}");
}
