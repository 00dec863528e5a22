//! The server as a process: zero-config start, health, metrics, graceful SIGTERM without losing
//! acknowledged writes, configuration errors, provisioning, admin CLI, master key handling.
use serde_json::Value;
use sigil_testkit::{Backend, ServerOptions};

use crate::common::*;

#[tokio::test]
async fn health_metrics_and_graceful_sigterm_keep_acknowledged_writes() {
    graceful_sigterm(Backend::Sqlite).await;
}

/// On PostgreSQL the store also holds the change-notice connection: SIGTERM must still end the
/// process (it used to wait for that connection forever in the pool's close).
#[tokio::test]
async fn graceful_sigterm_on_postgres_exits_and_keeps_acknowledged_writes() {
    graceful_sigterm(Backend::Postgres).await;
}

async fn graceful_sigterm(backend: Backend) {
    let mut s = server_with(ServerOptions { backend, ..ServerOptions::default() }).await;
    assert_eq!(s.http().get(s.url("/healthz")).send().await.unwrap().status(), 200);
    assert_eq!(s.http().get(s.url("/readyz")).send().await.unwrap().status(), 200);
    // Load while SIGTERM arrives: every refresh that was answered 200 must be in the store after.
    let http = s.http();
    let url = s.url("/contoso/oauth2/v2.0/token");
    let mut tasks = Vec::new();
    for i in 0..20 {
        let (http, url) = (http.clone(), url.clone());
        tasks.push(tokio::spawn(async move {
            let r = http
                .post(&url)
                .basic_auth(LEGACY.0, Some(LEGACY.1))
                .form(&[
                    ("grant_type", "password"),
                    ("username", "alice"),
                    ("password", "correct horse battery staple"),
                    ("scope", "openid offline_access"),
                ])
                .send()
                .await;
            match r {
                Ok(r) if r.status() == 200 => {
                    Some((i, r.json::<Value>().await.unwrap()["refresh_token"].as_str().unwrap().to_string()))
                }
                _ => None,
            }
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    let metrics = s.http().get(s.url("/metrics")).send().await.unwrap().text().await.unwrap();
    assert!(metrics.contains("sigil_http_requests_total"), "{metrics}");
    assert!(metrics.contains("sigil_store_pool_connections_idle"));
    let code = s.stop().await;
    assert_eq!(code, Some(0), "graceful exit: {}", s.log());
    let acknowledged: Vec<String> = {
        let mut v = Vec::new();
        for t in tasks {
            if let Some((_, rt)) = t.await.unwrap() {
                v.push(rt);
            }
        }
        v
    };
    assert!(!acknowledged.is_empty(), "some requests completed");
    s.spawn().await;
    for rt in &acknowledged {
        let r = token(&s, "contoso", &[("grant_type", "refresh_token"), ("refresh_token", rt)], Some(LEGACY)).await;
        assert_eq!(r.status(), 200, "acknowledged refresh token survived the restart");
    }
    let m = s.http().get(s.url("/metrics")).send().await.unwrap().text().await.unwrap();
    assert!(m.contains("sigil_tokens_issued_total{grant_type=\"refresh_token\"}"), "{m}");
}

#[tokio::test]
async fn import_is_idempotent_transactional_and_names_the_broken_field() {
    let s = server().await;
    let example = sigil_testkit::workspace_root().join("examples/contoso.toml");
    let out = s.cli(&["import", &example.display().to_string()]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "no changes");
    let bad = s.dir.join("bad.toml");
    std::fs::write(
        &bad,
        r#"
[[tenant]]
name = "newco"
  [[tenant.client]]
  client_id = "c1"
  grant_types = ["client_credentials"]
    [[tenant.client.secret]]
    value = "too-short"
  [[tenant.client]]
  client_id = "c2"
  grant_types = ["client_credentials"]
  id_token_signed_response_alg = "EdDSA"
    [[tenant.client.secret]]
    value = "c2-secret-0123456789abcdef-0123456789abcdef"
"#,
    )
    .unwrap();
    let out = s.cli(&["import", &bad.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tenant 'newco' > client 'c1': secret[0].value: must be at least 32 characters"), "{err}");
    assert!(
        err.contains("tenant 'newco' > client 'c2': id_token_signed_response_alg: 'EdDSA' is not one of this tenant's algorithms (ES256, RS256)"),
        "{err}"
    );
    let list = s.cli(&["tenant", "list", "--json"]);
    let tenants: Value = serde_json::from_slice(&list.stdout).unwrap();
    assert!(!tenants.as_array().unwrap().iter().any(|t| t["name"] == "newco"), "a broken file changes nothing");
    std::fs::write(&bad, "[[tenant]]\nname = \"x\"\nbogus = 1\n").unwrap();
    let out = s.cli(&["import", &bad.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 3"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[tokio::test]
async fn admin_cli_creates_clients_with_one_time_secrets() {
    let s = server().await;
    let out = s.cli(&[
        "client",
        "create",
        "--tenant",
        "contoso",
        "cli-made",
        "--grant",
        "client_credentials",
        "--role",
        "api://reports=Reports.Read.All",
        "--json",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let secret = v["secret"].as_str().unwrap().to_string();
    assert!(secret.len() >= 43, "256-bit secret");
    let show: Value =
        serde_json::from_slice(&s.cli(&["client", "show", "--tenant", "contoso", "cli-made", "--json"]).stdout)
            .unwrap();
    assert!(!show.to_string().contains(&secret), "a secret is never shown again");
    let mut ok = false;
    for _ in 0..40 {
        let r = token(
            &s,
            "contoso",
            &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")],
            Some(("cli-made", &secret)),
        )
        .await;
        if r.status() == 200 {
            ok = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(ok, "a running server sees CLI changes");
    let out = s.cli(&["client", "show", "--tenant", "contoso", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no client 'nope'"));
    let out = s.cli(&["client", "secret", "add", "--tenant", "contoso", "cli-made", "--value", "short"]);
    assert_eq!(out.status.code(), Some(2));
}

#[tokio::test]
async fn wrong_master_key_is_a_clear_startup_error() {
    let s = server().await;
    let mut env = s.env.clone();
    env.push(("SIGIL_MASTER_KEY".into(), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=".into()));
    let out = s.command().args(["tenant", "list"]).envs(env).current_dir(&s.dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("does not match"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn config_check_redacts_and_refuses_bad_files() {
    let dir = sigil_testkit::db::temp_dir("cfg");
    let f = dir.join("sigil.toml");
    std::fs::write(
        &f,
        "[database]\nurl = \"postgres://sigil:hunter2@db/sigil\"\n[server]\nadmin_token = \"topsecret-0123456789abcdef0123456789\"\n",
    )
    .unwrap();
    let out = sigil_command().args(["--config", &f.display().to_string(), "config", "check"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success()
            && !text.contains("hunter2")
            && !text.contains("topsecret")
            && text.contains("postgres://sigil:***@db/sigil"),
        "{text}"
    );
    std::fs::write(&f, "[server]\nlisten = \"nowhere\"\n").unwrap();
    let out = sigil_command().args(["--config", &f.display().to_string(), "config", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[server] listen (line 2)"));
}

#[tokio::test]
async fn store_outage_is_503_with_retry_after_while_client_credentials_keep_working() {
    let s = server_with(ServerOptions { backend: Backend::Postgres, ..Default::default() }).await;
    let db_url = s.env.iter().find(|(k, _)| k == "SIGIL_DATABASE_URL").unwrap().1.clone();
    let db_name = db_url.rsplit('/').next().unwrap().to_string();
    use sqlx::Connection;
    let mut admin = sqlx::PgConnection::connect(&sigil_testkit::db::postgres_admin_url()).await.unwrap();
    let exec = |sql: String| sqlx::raw_sql(sqlx::AssertSqlSafe(sql));
    exec(format!("ALTER DATABASE {db_name} ALLOW_CONNECTIONS false")).execute(&mut admin).await.unwrap();
    exec(format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db_name}'"))
        .execute(&mut admin)
        .await
        .unwrap();
    let pw = [("grant_type", "password"), ("username", "alice"), ("password", "correct horse battery staple")];
    let r = expect_error(token(&s, "contoso", &pw, Some(LEGACY)).await, 503, "temporarily_unavailable", 90033).await;
    assert!(r.header("retry-after").is_some());
    let cc = token(
        &s,
        "contoso",
        &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")],
        Some(DAEMON),
    )
    .await;
    assert_eq!(cc.status(), 200, "client credentials never touch the store");
    assert_eq!(s.http().get(s.url("/readyz")).send().await.unwrap().status(), 503);
    exec(format!("ALTER DATABASE {db_name} ALLOW_CONNECTIONS true")).execute(&mut admin).await.unwrap();
    let mut ok = false;
    for _ in 0..50 {
        if token(&s, "contoso", &pw, Some(LEGACY)).await.status() == 200 {
            ok = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(ok, "recovers once the store is back");
}

#[tokio::test]
async fn internal_failure_is_server_error_50000() {
    let s = server().await;
    // A grant without a user can only come from corruption: the refresh must fail as 50000.
    let db = s.env.iter().find(|(k, _)| k == "SIGIL_DATABASE_URL").unwrap().1.clone();
    let pool = sqlx::SqlitePool::connect(&db).await.unwrap();
    let rt = "corrupt-refresh-token-0123456789abcdef0123456789";
    let hash = sigil_core::token::refresh_key(rt);
    let gid = uuid::Uuid::new_v4().to_string();
    sqlx::query("INSERT INTO grants (id, tenant_id, client_id, user_id, scope, auth_time, created_at, expires_at) \
                 SELECT ?1, id, 'legacy-cli', NULL, 'openid', 0, strftime('%s','now'), strftime('%s','now') + 3600 FROM tenants WHERE name = 'contoso'")
        .bind(&gid).execute(&pool).await.unwrap();
    sqlx::query("INSERT INTO refresh_tokens (hash, grant_id, created_at) VALUES (?1, ?2, strftime('%s','now'))")
        .bind(hash)
        .bind(&gid)
        .execute(&pool)
        .await
        .unwrap();
    let r = expect_error(
        token(&s, "contoso", &[("grant_type", "refresh_token"), ("refresh_token", rt)], Some(LEGACY)).await,
        500,
        "server_error",
        50000,
    )
    .await;
    assert!(signin_record(&s, r.trace_id()).await["reason"].as_str().unwrap().contains("has no user"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_full_signin_log_queue_drops_and_counts_instead_of_slowing_issuance() {
    let s = server_with(ServerOptions {
        env: vec![
            ("SIGIL_SIGNIN_LOG_QUEUE_CAPACITY".into(), "1".into()),
            ("SIGIL_SIGNIN_LOG_BATCH_SIZE".into(), "1".into()),
        ],
        ..Default::default()
    })
    .await;
    let http = s.http();
    let url = s.url("/contoso/oauth2/v2.0/token");
    let mut tasks = Vec::new();
    for _ in 0..300 {
        let (http, url) = (http.clone(), url.clone());
        tasks.push(tokio::spawn(async move {
            http.post(url)
                .basic_auth(DAEMON.0, Some(DAEMON.1))
                .form(&[("grant_type", "client_credentials"), ("scope", "api://reports/.default")])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 200, "issuance never fails because of the log");
    }
    let m = s.http().get(s.url("/metrics")).send().await.unwrap().text().await.unwrap();
    let dropped: f64 = m
        .lines()
        .find(|l| l.starts_with("sigil_signin_log_dropped_total"))
        .and_then(|l| l.split_whitespace().last())
        .and_then(|v| v.parse().ok())
        .expect("drop counter exported");
    assert!(dropped > 0.0, "a one-record queue under a burst of 300 must drop: {m}");
}
