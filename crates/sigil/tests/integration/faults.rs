//! Faults under load (issue 23): an instance killed with SIGKILL loses nothing a client was told
//! succeeded; a PostgreSQL outage is answered `503 temporarily_unavailable` with `Retry-After`
//! (never a 500), `/readyz` says so, and Sigil recovers by itself when the database is back.
//! Loopback only, bounded in time.
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::common::*;

/// A refresh token from the password grant (fast to get many of).
async fn refresh_token(s: &Server) -> String {
    let form = [
        ("grant_type", "password"),
        ("username", "alice"),
        ("password", "correct horse battery staple"),
        ("scope", "openid offline_access"),
    ];
    let r = token(s, "contoso", &form, Some(LEGACY)).await;
    assert_eq!(r.status(), 200);
    r.json::<Value>().await.unwrap()["refresh_token"].as_str().unwrap().to_string()
}

/// Rotates `current` on `s`: `Ok(Some(successor))`, `Ok(None)` for a transport error (no answer:
/// the client was told nothing), `Err` for any refusal.
async fn rotate(http: &reqwest::Client, s_url: &str, current: &str) -> Result<Option<String>, (u16, Value)> {
    let r = match http
        .post(format!("{s_url}/contoso/oauth2/v2.0/token"))
        .basic_auth(LEGACY.0, Some(LEGACY.1))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", current)])
        .send()
        .await
    {
        Ok(r) => r,
        Err(_) => return Ok(None),
    };
    let status = r.status().as_u16();
    let body: Value = match r.json().await {
        Ok(v) => v,
        Err(_) => return Ok(None), // the connection died mid-answer
    };
    if status == 200 { Ok(Some(body["refresh_token"].as_str().unwrap().to_string())) } else { Err((status, body)) }
}

/// 16 refresh-token chains rotate against two instances in turn; one instance is killed with
/// SIGKILL in the middle. A chain whose request got no answer retries the same token on the other
/// instance (MSAL does: it keeps the token it has). Every token a client received must keep
/// working: no chain may see a refusal, before or after the kill.
#[tokio::test]
async fn a_killed_instance_loses_nothing_a_client_was_told() {
    let mut a = server_with(ServerOptions { backend: Backend::Postgres, ..Default::default() }).await;
    let b = a.replica().await;
    let mut chains = Vec::new();
    for _ in 0..16 {
        chains.push(refresh_token(&a).await);
    }
    let killed = Arc::new(AtomicBool::new(false));
    let (a_url, b_url) = (a.base.clone(), b.base.clone());
    let deadline = Instant::now() + Duration::from_secs(4);
    let tasks: Vec<_> = chains
        .into_iter()
        .enumerate()
        .map(|(i, mut current)| {
            let (http, a_url, b_url, killed) = (b.http(), a_url.clone(), b_url.clone(), killed.clone());
            tokio::spawn(async move {
                let (mut ok, mut unanswered, mut n) = (0u32, 0u32, i);
                while Instant::now() < deadline {
                    n += 1;
                    let on_a = n % 2 == 0 && !killed.load(Ordering::SeqCst);
                    let url = if on_a { &a_url } else { &b_url };
                    match rotate(&http, url, &current).await {
                        Ok(Some(next)) => {
                            current = next;
                            ok += 1;
                        }
                        Ok(None) => unanswered += 1, // retried with the same token
                        Err(refusal) => panic!("chain {i}: a token the client received was refused: {refusal:?}"),
                    }
                }
                (current, ok, unanswered)
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    a.kill_hard();
    killed.store(true, Ordering::SeqCst);
    let (mut rotations, mut unanswered) = (0, 0);
    let http = b.http();
    for t in tasks {
        let (last, ok, lost) = t.await.expect("no chain saw a refusal");
        rotations += ok;
        unanswered += lost;
        // The newest token each client holds still works, on the surviving instance.
        assert!(matches!(rotate(&http, &b.base, &last).await, Ok(Some(_))), "the last token of a chain is valid");
    }
    println!("{rotations} rotations, {unanswered} requests unanswered by the killed instance, 0 refusals");
    assert!(rotations > 32, "the load ran ({rotations} rotations)");
}

/// A PostgreSQL cluster of this test's own (the shared one stays up for the other tests).
struct PrivateCluster {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
}

impl PrivateCluster {
    fn start() -> PrivateCluster {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .ok()
            .and_then(|d| d.filter_map(|e| e.ok()).map(|e| e.path().join("bin")).find(|p| p.join("initdb").is_file()))
            .expect("PostgreSQL server binaries under /usr/lib/postgresql (scripts/test.sh installs them)");
        let data = sigil_testkit::db::temp_dir("pg-cluster").join("data");
        std::fs::create_dir_all(&data).unwrap();
        let port = sigil_testkit::server::free_port();
        let c = PrivateCluster { bin, data, port };
        Command::new("chown").args(["-R", "postgres"]).arg(c.data.parent().unwrap()).status().unwrap();
        c.as_postgres(&["initdb", "-D", c.data.to_str().unwrap(), "-A", "trust", "-U", "postgres"]);
        c.pg_ctl(&["start"]);
        c
    }

    fn as_postgres(&self, args: &[&str]) {
        let out = Command::new("runuser")
            .args(["-u", "postgres", "--"])
            .arg(self.bin.join(args[0]))
            .args(&args[1..])
            .output()
            .expect("runuser");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    fn pg_ctl(&self, what: &[&str]) {
        let opts = format!("-p {} -k /tmp -c listen_addresses=127.0.0.1", self.port);
        // The server's output goes to a file: inherited pipes would keep `output()` waiting.
        let log = self.data.parent().unwrap().join("postgres.log");
        let mut args =
            vec!["pg_ctl", "-D", self.data.to_str().unwrap(), "-o", &opts, "-l", log.to_str().unwrap(), "-w"];
        args.extend_from_slice(what);
        self.as_postgres(&args);
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        let _ = Command::new("runuser")
            .args(["-u", "postgres", "--"])
            .arg(self.bin.join("pg_ctl"))
            .args(["-D", self.data.to_str().unwrap(), "-m", "immediate", "stop"])
            .output();
    }
}

/// What a store-bound request answers: (status, error, Retry-After).
async fn probe(http: &reqwest::Client, s: &Server) -> (u16, String, Option<String>) {
    let r = http
        .post(s.url("/contoso/oauth2/v2.0/token"))
        .basic_auth(LEGACY.0, Some(LEGACY.1))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", "not-a-token-but-looked-up")])
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let retry = r.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
    let body: Value = r.json().await.unwrap_or_default();
    (status, body["error"].as_str().unwrap_or("").to_string(), retry)
}

#[tokio::test]
async fn a_postgres_outage_is_503_with_retry_after_and_sigil_recovers_by_itself() {
    let pg = PrivateCluster::start();
    let opts = ServerOptions {
        backend: Backend::Postgres,
        env: vec![("SIGIL_DATABASE_URL".into(), pg.url())],
        ..Default::default()
    };
    let s = server_with(opts).await;
    let http = s.http();
    assert_eq!(probe(&http, &s).await.0, 400, "database up: the bogus token is simply unknown");
    let cc = [("grant_type", "client_credentials"), ("scope", "api://reports/.default")];

    pg.pg_ctl(&["-m", "immediate", "stop"]);
    let down = Instant::now();
    let (mut answers, mut cc_ok) = (Vec::new(), 0);
    let mut slowest = Duration::ZERO;
    while down.elapsed() < Duration::from_secs(3) {
        let t0 = Instant::now();
        answers.push(probe(&http, &s).await);
        slowest = slowest.max(t0.elapsed());
        if token(&s, "contoso", &cc, Some(DAEMON)).await.status() == 200 {
            cc_ok += 1;
        }
    }
    assert!(!answers.is_empty());
    for (status, error, retry) in &answers {
        assert_eq!((*status, error.as_str()), (503, "temporarily_unavailable"), "during the outage: {answers:?}");
        assert!(retry.is_some(), "503 carries Retry-After");
    }
    assert_eq!(http.get(s.url("/readyz")).send().await.unwrap().status(), 503, "/readyz reports the outage");
    println!(
        "outage: {} store-bound requests, all 503, the slowest answered in {slowest:?}; {cc_ok} client-credentials \
         tokens issued meanwhile",
        answers.len()
    );

    pg.pg_ctl(&["start"]);
    let up = Instant::now();
    loop {
        let (status, ..) = probe(&http, &s).await;
        let ready = http.get(s.url("/readyz")).send().await.unwrap().status();
        if status == 400 && ready == 200 {
            break;
        }
        assert_ne!(status, 500, "never a 500");
        assert!(up.elapsed() < Duration::from_secs(20), "not recovered 20 s after PostgreSQL came back");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    println!("recovered {:?} after PostgreSQL came back", up.elapsed());
    assert!(!s.log().contains("panicked"), "no panic: {}", s.log());
}
