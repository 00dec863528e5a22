//! Operations (issue 23 item 6): `sigil backup` while the server serves, `sigil restore` (refusing
//! a database with data unless `--force`, and onto a new machine with the backup's key), and
//! `sigil migrate --to postgres://…` with nothing lost: the same refresh token works once, the same
//! user signs in, the same JWKS is published, the sign-in log is there, every table has its rows.
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use serde_json::Value;
use sigil_testkit::browser::{Agent, param};
use sigil_testkit::{Server, ServerOptions};

use crate::common::*;

const REDIRECT: &str = "http://127.0.0.1:5000/callback";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const ALICE_PW: &str = "correct horse battery staple";

/// No retry grace: a refresh token used twice is refused the second time, so "works once" is visible.
fn no_grace() -> ServerOptions {
    ServerOptions { env: vec![("SIGIL_TOKENS_REFRESH_TOKEN_GRACE".into(), "0".into())], ..Default::default() }
}

/// Alice signs in to the web portal (code + PKCE); returns the token response.
async fn alice_tokens(s: &Server) -> Value {
    let mut agent = Agent::new(s.http(), &s.base);
    let url = format!(
        "/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=code&redirect_uri={REDIRECT}&state=s\
         &scope=openid%20offline_access&code_challenge={CHALLENGE}&code_challenge_method=S256"
    );
    let code = param(&agent.sign_in(&url, "alice", ALICE_PW).await, "code").expect("code");
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
    ];
    let r = token(s, "contoso", &form, Some(PORTAL)).await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn refresh(s: &Server, rt: &str) -> (u16, Value) {
    let r = token(s, "contoso", &[("grant_type", "refresh_token"), ("refresh_token", rt)], Some(PORTAL)).await;
    (r.status().as_u16(), r.json().await.unwrap())
}

async fn jwks(s: &Server) -> Value {
    get_json(s, "/contoso/discovery/v2.0/keys").await
}

async fn userinfo(s: &Server, access_token: &str) -> u16 {
    let r = s.http().get(s.url("/contoso/oidc/userinfo")).bearer_auth(access_token).send().await.unwrap();
    r.status().as_u16()
}

fn trace_of(r: &reqwest::Response) -> String {
    r.headers()["x-sigil-trace-id"].to_str().unwrap().to_string()
}

fn set_env(s: &mut Server, key: &str, value: &str) {
    s.env.retain(|(k, _)| k != key);
    s.env.push((key.to_string(), value.to_string()));
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn mode(p: &std::path::Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn backup_while_serving_then_restore_refuses_data_and_recovers_on_a_new_machine() {
    let mut s = server_with(no_grace()).await;
    let first = alice_tokens(&s).await;
    let rt = first["refresh_token"].as_str().unwrap().to_string();
    let keys_before = jwks(&s).await;
    let dir = sigil_testkit::db::temp_dir("backup");
    let file = dir.join("sigil-backup.db");

    // The backup runs while tokens are being issued: it must neither fail nor stall them.
    let load = {
        let (http, url) = (s.http(), s.url("/contoso/oauth2/v2.0/token"));
        tokio::spawn(async move {
            let mut statuses = Vec::new();
            for _ in 0..200 {
                let r = http
                    .post(&url)
                    .basic_auth(DAEMON.0, Some(DAEMON.1))
                    .form(&[("grant_type", "client_credentials"), ("scope", "api://reports/.default")])
                    .send()
                    .await
                    .unwrap();
                statuses.push(r.status().as_u16());
            }
            statuses
        })
    };
    let out = s.cli(&["backup", file.to_str().unwrap()]);
    assert!(out.status.success(), "backup: {}", stderr(&out));
    let statuses = load.await.unwrap();
    assert!(statuses.iter().all(|s| *s == 200), "tokens during the backup: {statuses:?}");
    let key_file = dir.join("sigil-backup.db.key");
    assert_eq!((mode(&file), mode(&key_file)), (0o600, 0o600), "backup files are owner-only");
    assert_eq!(
        std::fs::read_to_string(&key_file).unwrap().trim(),
        std::fs::read_to_string(s.dir.join("master.key")).unwrap().trim(),
        "the backup carries the master key"
    );
    // A second backup to the same name is refused, the first one untouched.
    let again = s.cli(&["backup", file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));

    // After the backup the refresh token is used: the live database moves past the snapshot.
    let (status, _) = refresh(&s, &rt).await;
    assert_eq!(status, 200);
    // Not while the server has the database open, --force or not.
    let busy = s.cli(&["restore", "--force", file.to_str().unwrap()]);
    assert_eq!(busy.status.code(), Some(2), "{}", stderr(&busy));
    assert!(stderr(&busy).contains("stop it first"), "{}", stderr(&busy));
    s.stop().await;

    // Restoring over a database with data needs --force.
    let refused = s.cli(&["restore", file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));

    // A new machine: empty data folder, no key file. The restore brings the database and its key.
    let machine = sigil_testkit::db::temp_dir("restored");
    let db = machine.join("data/sigil.db");
    set_env(&mut s, "SIGIL_DATABASE_URL", &format!("sqlite://{}", db.display()));
    set_env(&mut s, "SIGIL_SECURITY_MASTER_KEY_FILE", &machine.join("data/master.key").display().to_string());
    let out = s.cli(&["restore", file.to_str().unwrap()]);
    assert!(out.status.success(), "restore: {}", stderr(&out));
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&machine.join("data/master.key")), 0o600);
    s.spawn().await;
    // The snapshot's state: the refresh token used after the backup is unused again, and works once.
    assert_eq!(jwks(&s).await, keys_before, "the same signing keys are published");
    assert_eq!(userinfo(&s, first["access_token"].as_str().unwrap()).await, 200);
    let (status, body) = refresh(&s, &rt).await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = refresh(&s, &rt).await;
    assert_eq!(status, 400, "a refresh token works once");
    alice_tokens(&s).await;

    // Restoring over it again with --force keeps the previous database aside.
    s.stop().await;
    let out = s.cli(&["restore", "--force", file.to_str().unwrap()]);
    assert!(out.status.success(), "restore --force: {}", stderr(&out));
    assert!(machine.join("data/sigil.db.before-restore").exists());
}

#[tokio::test]
async fn backup_and_restore_refuse_what_they_cannot_do_safely() {
    let mut s = server().await;
    let dir = sigil_testkit::db::temp_dir("backup-refusals");
    let file = dir.join("b.db");
    let out = s.cli(&["backup", "--without-key", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!dir.join("b.db.key").exists(), "--without-key writes no key");
    s.stop().await;
    // Another key than the database's: refused, nothing replaced.
    let other = sigil_testkit::db::temp_dir("other-key");
    set_env(&mut s, "SIGIL_DATABASE_URL", &format!("sqlite://{}/sigil.db", other.display()));
    let foreign = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    let out = s.command().args(["restore", file.to_str().unwrap()]).env("SIGIL_MASTER_KEY", foreign).output().unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("does not open"), "{}", stderr(&out));
    assert!(!other.join("sigil.db").exists());
    // A damaged backup is refused before anything is replaced.
    let damaged = dir.join("damaged.db");
    let mut bytes = std::fs::read(&file).unwrap();
    let n = bytes.len();
    bytes[n / 2..n / 2 + 4096].fill(0xAB);
    std::fs::write(&damaged, bytes).unwrap();
    let out = s.cli(&["restore", damaged.to_str().unwrap()]);
    assert!(!out.status.success(), "a damaged backup must be refused");
    // PostgreSQL installations are pointed at pg_dump.
    set_env(&mut s, "SIGIL_DATABASE_URL", "postgres://127.0.0.1:1/none");
    let out = s.cli(&["backup", dir.join("pg.db").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("pg_dump"), "{}", stderr(&out));
}

#[tokio::test]
async fn migrate_to_postgres_loses_nothing() {
    let mut s = server_with(no_grace()).await;
    let first = alice_tokens(&s).await;
    let rt = first["refresh_token"].as_str().unwrap().to_string();
    // A refused request and a client-credentials token: sign-in log rows of both kinds.
    let r = token(&s, "contoso", &[("grant_type", "client_credentials")], Some((DAEMON.0, "wrong"))).await;
    let refused_trace = trace_of(&r);
    let r = token(
        &s,
        "contoso",
        &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")],
        Some(DAEMON),
    )
    .await;
    assert_eq!(r.status(), 200);
    // A group with an application role, and a member.
    for args in [
        &["group", "create", "--tenant", "contoso", "Finance", "--app-role", "api://reports/Reports.Read.All"][..],
        &["user", "access", "--tenant", "contoso", "alice", "--group", "Finance"][..],
    ] {
        let out = s.cli(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let keys_before = jwks(&s).await;
    let logged = signin_record(&s, &refused_trace).await;
    s.stop().await;

    let sqlite_url = s.env.iter().find(|(k, _)| k == "SIGIL_DATABASE_URL").unwrap().1.clone();
    let sqlite_rows = sigil_store::transfer::check_backup(&sigil_store::transfer::sqlite_path(&sqlite_url).unwrap())
        .await
        .unwrap()
        .rows;
    let pg = sigil_testkit::db::postgres_url("migrate").await;
    let started = std::time::Instant::now();
    let out = s.cli(&["migrate", "--to", &pg]);
    assert!(out.status.success(), "migrate: {}\n{}", stderr(&out), String::from_utf8_lossy(&out.stdout));
    println!("migrate took {:?}:\n{}", started.elapsed(), String::from_utf8_lossy(&out.stdout));
    // Every table, row for row.
    let pg_rows = sigil_store::transfer::pg_row_counts(&pg).await.unwrap();
    for (table, n) in &sqlite_rows {
        assert_eq!(pg_rows.get(table), Some(n), "table {table}: SQLite {n}, PostgreSQL {:?}", pg_rows.get(table));
    }
    for t in [
        "tenants",
        "apis",
        "clients",
        "client_secrets",
        "users",
        "groups",
        "group_members",
        "app_role_assignments",
        "signing_keys",
        "grants",
        "refresh_tokens",
        "auth_codes",
    ] {
        assert!(sqlite_rows.get(t).copied().unwrap_or(0) > 0, "the test data has {t}");
    }
    assert!(sqlite_rows["signin_log"] >= 3 && sqlite_rows["consents"] >= 1 && sqlite_rows["sessions"] >= 1);
    // A second migration into the same database is refused.
    let again = s.cli(&["migrate", "--to", &pg]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(stderr(&again).contains("not empty"), "{}", stderr(&again));

    // The same server, now on PostgreSQL with the same master key file.
    set_env(&mut s, "SIGIL_DATABASE_URL", &pg);
    s.spawn().await;
    assert!(s.log().contains("postgres"), "serving from PostgreSQL");
    assert_eq!(jwks(&s).await, keys_before, "the same JWKS is published");
    assert_eq!(userinfo(&s, first["access_token"].as_str().unwrap()).await, 200, "an access token from before");
    let (status, body) = refresh(&s, &rt).await;
    assert_eq!(status, 200, "the refresh token issued on SQLite works: {body}");
    let (status, body) = refresh(&s, &rt).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")), "once");
    alice_tokens(&s).await;
    let r = token(
        &s,
        "contoso",
        &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")],
        Some(DAEMON),
    )
    .await;
    assert_eq!(r.status(), 200, "the client secret hash came along");
    let moved = signin_record(&s, &refused_trace).await;
    assert_eq!(moved, logged, "the sign-in log row is there, unchanged");
    // New sign-in log rows get new ids after the copied ones.
    let r = token(&s, "contoso", &[("grant_type", "client_credentials")], Some((DAEMON.0, "wrong"))).await;
    signin_record(&s, &trace_of(&r)).await;
    tokio::time::sleep(Duration::from_millis(10)).await;
}

/// The documented PostgreSQL procedure (docs/operations.md): `pg_dump` while serving, `pg_restore`
/// into a new database, the same master key: the restored installation is the same one.
#[tokio::test]
async fn postgres_backup_is_pg_dump_plus_the_master_key() {
    let opts = ServerOptions { backend: sigil_testkit::Backend::Postgres, ..no_grace() };
    let mut s = server_with(opts).await;
    let first = alice_tokens(&s).await;
    let rt = first["refresh_token"].as_str().unwrap().to_string();
    let keys_before = jwks(&s).await;
    let url = s.env.iter().find(|(k, _)| k == "SIGIL_DATABASE_URL").unwrap().1.clone();
    let dump = sigil_testkit::db::temp_dir("pgdump").join("sigil.dump");
    let out = std::process::Command::new("pg_dump")
        .args(["--format=custom", "--no-owner", "--file", dump.to_str().unwrap(), &url])
        .output()
        .expect("pg_dump is installed");
    assert!(out.status.success(), "pg_dump: {}", stderr(&out));
    // `sigil backup` points PostgreSQL installations at this procedure.
    let refused = s.cli(&["backup", dump.with_extension("db").to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    s.stop().await;

    let restored = sigil_testkit::db::postgres_url("pgrestore").await;
    let out = std::process::Command::new("pg_restore")
        .args(["--no-owner", "--exit-on-error", "--dbname", &restored, dump.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "pg_restore: {}", stderr(&out));
    set_env(&mut s, "SIGIL_DATABASE_URL", &restored);
    s.spawn().await;
    assert_eq!(jwks(&s).await, keys_before);
    let (status, body) = refresh(&s, &rt).await;
    assert_eq!(status, 200, "{body}");
    alice_tokens(&s).await;
}

#[tokio::test]
async fn probe_reports_readiness_for_container_health_checks() {
    let mut s = server().await;
    let out = s.cli(&["probe"]);
    assert!(out.status.success(), "probe of a ready server: {}", stderr(&out));
    let out = s.cli(&["probe", "--path", "/no-such-path"]);
    assert_eq!(out.status.code(), Some(1), "a non-200 answer fails the probe");
    s.stop().await;
    let out = s.cli(&["probe"]);
    assert_eq!(out.status.code(), Some(1), "a stopped server fails the probe: {}", stderr(&out));
}

/// The packaging files say what docs/operations.md says: the unit passes `systemd-analyze verify`
/// without a complaint, the Kubernetes manifests build with kustomize and probe the real health
/// paths on the admin port, the image runs as a non-root user with a `sigil probe` health check.
/// (`systemd-analyze` and `kubectl` are used when installed.)
#[tokio::test]
async fn packaging_files_are_valid_and_consistent() {
    let root = sigil_testkit::workspace_root();
    let dockerfile = std::fs::read_to_string(root.join("Dockerfile")).unwrap();
    assert!(dockerfile.contains("USER 65532:65532") && dockerfile.contains(":nonroot"), "non-root image");
    assert!(
        dockerfile.contains(r#"HEALTHCHECK"#) && dockerfile.contains(r#"CMD ["/usr/local/bin/sigil", "probe"]"#),
        "health check"
    );
    assert!(dockerfile.contains("--locked"), "the image builds what Cargo.lock says");

    let unit = std::fs::read_to_string(root.join("deploy/systemd/sigil.service")).unwrap();
    for hardening in ["NoNewPrivileges=yes", "ProtectSystem=strict", "CapabilityBoundingSet=", "DynamicUser=yes"] {
        assert!(unit.lines().any(|l| l == hardening), "{hardening}");
    }
    if std::process::Command::new("systemd-analyze").arg("--version").output().is_ok() {
        let dir = sigil_testkit::db::temp_dir("unit");
        let path = dir.join("sigil.service");
        std::fs::write(&path, unit.replace("/usr/local/bin/sigil", BIN)).unwrap();
        let out = std::process::Command::new("systemd-analyze").arg("verify").arg(&path).output().unwrap();
        let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
        assert!(out.status.success() && !said.contains("sigil.service"), "systemd-analyze verify: {said}");
    }

    let deployment = std::fs::read_to_string(root.join("deploy/k8s/deployment.yaml")).unwrap();
    for needle in ["readinessProbe:", "path: /readyz", "livenessProbe:", "path: /healthz", "runAsNonRoot: true"] {
        assert!(deployment.contains(needle), "{needle}");
    }
    let config = std::fs::read_to_string(root.join("deploy/k8s/configmap.yaml")).unwrap();
    assert!(config.contains(r#"admin_listen = "0.0.0.0:9090""#) && deployment.contains("containerPort: 9090"));
    if std::process::Command::new("kubectl").arg("version").arg("--client").output().is_ok() {
        let out = std::process::Command::new("kubectl").arg("kustomize").arg(root.join("deploy/k8s")).output().unwrap();
        assert!(out.status.success(), "kubectl kustomize: {}", stderr(&out));
        let text = String::from_utf8_lossy(&out.stdout);
        for kind in ["kind: ConfigMap", "kind: Secret", "kind: Deployment", "kind: Service"] {
            assert!(text.contains(kind), "{kind}");
        }
    }
    // The configuration in the ConfigMap is one Sigil accepts.
    let toml = config.split("sigil.toml: |").nth(1).unwrap();
    let toml: String = toml.lines().map(|l| l.strip_prefix("    ").unwrap_or(l)).collect::<Vec<_>>().join("\n");
    let dir = sigil_testkit::db::temp_dir("k8s-config");
    std::fs::write(dir.join("sigil.toml"), toml).unwrap();
    let out = sigil_command().args(["config", "check"]).env("SIGIL_CONFIG", dir.join("sigil.toml")).output().unwrap();
    assert!(out.status.success(), "the ConfigMap's sigil.toml: {}", stderr(&out));
}
