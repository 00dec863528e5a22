//! Issue 17 regression tests (hardening_store): storage faults (item 9). A database that refuses
//! writes (an immutable or full SQLite file, a read-only PostgreSQL database) must fail each write
//! with 503 `temporarily_unavailable` and `Retry-After`, turn `/readyz` to 503, and the server must
//! write again by itself once the database does.
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;
use sigil_store::conformance::WriteFault;
use sigil_testkit::browser::Page;
use sigil_testkit::{Backend, Server, ServerOptions, db};
use sqlx::Connection;

use crate::common::{DAEMON, LEGACY, expect_error, server, server_with, token};

/// `chattr +i` on the SQLite file and its WAL: every write through the open descriptors fails
/// (EPERM), as for a file the server may not write; root ignores permission bits, not this.
struct Immutable(Vec<PathBuf>);

impl Immutable {
    /// `None` (with a note) where the filesystem or the sandbox does not allow the attribute.
    fn on(db: &Path) -> Option<Self> {
        let wal = PathBuf::from(format!("{}-wal", db.display()));
        let probe = db.with_file_name("chattr-probe");
        std::fs::write(&probe, b"x").unwrap();
        let ok = chattr("+i", &probe) && chattr("-i", &probe);
        let _ = std::fs::remove_file(&probe);
        if !ok {
            eprintln!("SKIPPED: chattr +i is not permitted here");
            return None;
        }
        Some(Self(vec![db.to_path_buf(), wal]))
    }
}

fn chattr(flag: &str, path: &Path) -> bool {
    let quiet = std::process::Stdio::null();
    Command::new("chattr").arg(flag).arg(path).stderr(quiet).status().is_ok_and(|s| s.success())
}

impl WriteFault for Immutable {
    async fn refuse(&self) {
        for f in &self.0 {
            assert!(chattr("+i", f), "chattr +i {}", f.display());
        }
    }
    async fn allow(&self) {
        for f in &self.0 {
            assert!(chattr("-i", f), "chattr -i {}", f.display());
        }
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        for f in &self.0 {
            chattr("-i", f);
        }
    }
}

/// A PostgreSQL database made read-only for new sessions, its current sessions ended (as a
/// fail-over to a read-only server does), then made writable again.
struct ReadOnlyDatabase {
    admin: String,
    name: String,
}

impl ReadOnlyDatabase {
    fn of(url: &str) -> Self {
        Self { admin: db::postgres_admin_url(), name: url.rsplit('/').next().unwrap().to_string() }
    }

    async fn run(&self, sql: String) {
        let mut c = sqlx::PgConnection::connect(&self.admin).await.expect("admin connection");
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut c).await.expect("admin statement");
        c.close().await.ok();
    }
}

impl WriteFault for ReadOnlyDatabase {
    async fn refuse(&self) {
        let n = &self.name;
        self.run(format!(
            "ALTER DATABASE {n} SET default_transaction_read_only = on;
             SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{n}' AND pid <> pg_backend_pid();"
        ))
        .await;
    }
    async fn allow(&self) {
        self.run(format!("ALTER DATABASE {} RESET default_transaction_read_only", self.name)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_store_fails_writes_on_an_immutable_file_and_recovers() {
    let dir = db::temp_dir("immutable");
    let file = dir.join("sigil.db");
    let store = sigil_store::open(&format!("sqlite://{}", file.display()), 4).await.expect("open sqlite");
    let Some(fault) = Immutable::on(&file) else { return };
    sigil_store::conformance::write_faults_fail_cleanly_and_recover(&store, &fault).await;
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_store_fails_writes_on_a_read_only_database_and_recovers() {
    let url = db::postgres_url("readonly").await;
    let store = sigil_store::open(&url, 4).await.expect("open postgres");
    let fault = ReadOnlyDatabase::of(&url);
    sigil_store::conformance::write_faults_fail_cleanly_and_recover(&store, &fault).await;
    store.close().await;
}

// --- The server: what a client and an operator see ---------------------------------------------

const ALICE: [(&str, &str); 4] = [
    ("grant_type", "password"),
    ("username", "alice"),
    ("password", "correct horse battery staple"),
    ("scope", "openid offline_access"),
];

/// A refresh token for alice (a new grant).
async fn refresh_token_for_alice(s: &Server) -> String {
    let r = token(s, "contoso", &ALICE, Some(LEGACY)).await;
    assert_eq!(r.status(), 200, "password grant");
    r.json::<Value>().await.unwrap()["refresh_token"].as_str().unwrap().to_string()
}

async fn refresh(s: &Server, rt: &str) -> reqwest::Response {
    token(s, "contoso", &[("grant_type", "refresh_token"), ("refresh_token", rt)], Some(LEGACY)).await
}

/// The successor a rotation returned, checked to be stored: it rotates in turn, and returns the
/// token that rotation gave.
async fn successor_works(s: &Server, r: reqwest::Response) -> String {
    assert_eq!(r.status(), 200);
    let next = r.json::<Value>().await.unwrap()["refresh_token"].as_str().unwrap().to_string();
    let again = refresh(s, &next).await;
    assert_eq!(again.status(), 200, "the successor was stored: {}", again.text().await.unwrap());
    again.json::<Value>().await.unwrap()["refresh_token"].as_str().unwrap().to_string()
}

/// 503 `temporarily_unavailable` (SIGIL90033) with `Retry-After`.
async fn expect_unavailable(r: reqwest::Response) {
    let refusal = expect_error(r, 503, "temporarily_unavailable", 90033).await;
    let retry: u32 = refusal.header("retry-after").expect("Retry-After").parse().expect("seconds");
    assert!(retry > 0);
}

async fn readyz(s: &Server) -> u16 {
    s.http().get(s.url("/readyz")).send().await.unwrap().status().as_u16()
}

/// Polls `/readyz` until it answers `status` (10 s at most).
async fn readyz_becomes(s: &Server, status: u16, what: &str) {
    for _ in 0..100 {
        if readyz(s).await == status {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("/readyz not {status} {what}:\n{}", s.log());
}

/// The sign-in form submitted while writes fail: the error page, 503 with `Retry-After`.
async fn signin_page_is_unavailable(s: &Server) {
    let url = s.url(
        "/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=code&scope=openid&state=s\
         &redirect_uri=http://127.0.0.1:5000/callback&code_challenge_method=S256\
         &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
    let r = s.http().get(url).send().await.unwrap();
    let cookies: Vec<String> = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_string))
        .collect();
    let page = Page { status: r.status().as_u16(), location: None, body: r.text().await.unwrap() };
    assert!(page.is_signin(), "sign-in page: {}", page.body);
    let (csrf, interaction) = (page.input("csrf_token").unwrap(), page.input("interaction").unwrap());
    let form = [
        ("csrf_token", csrf.as_str()),
        ("interaction", interaction.as_str()),
        ("username", "alice"),
        ("password", "correct horse battery staple"),
    ];
    let r = s
        .http()
        .post(s.url(&page.form_action().unwrap()))
        .header("cookie", cookies.join("; "))
        .form(&form)
        .send()
        .await
        .unwrap();
    let retry = r.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
    let (status, body) = (r.status().as_u16(), r.text().await.unwrap());
    assert_eq!((status, retry.as_deref()), (503, Some("5")), "{body}");
    assert!(body.contains("90033"), "{body}");
}

/// Three concurrent uses of one refresh token: each is refused (503) or given the one successor
/// (never two different ones). Returns that successor, if any use was given it.
async fn concurrent_uses(s: &Server, rt: &str) -> Option<String> {
    let (http, url) = (s.http(), s.url("/contoso/oauth2/v2.0/token"));
    let uses = (0..3).map(|_| {
        let form = [("grant_type", "refresh_token".to_string()), ("refresh_token", rt.to_string())];
        http.post(&url).basic_auth(LEGACY.0, Some(LEGACY.1)).form(&form).send()
    });
    let mut successors = std::collections::HashSet::new();
    for r in crate::token::futures_join(uses.collect()).await {
        let r = r.expect("token request");
        if r.status() == 200 {
            successors.insert(r.json::<Value>().await.unwrap()["refresh_token"].as_str().unwrap().to_string());
        } else {
            expect_unavailable(r).await;
        }
    }
    assert!(successors.len() <= 1, "one token, several successors: {successors:?}");
    successors.into_iter().next()
}

/// Three concurrent uses of one refresh token while no write can succeed: none is told it rotated.
async fn concurrent_uses_all_refused(s: &Server, rt: &str) {
    assert_eq!(concurrent_uses(s, rt).await, None, "a rotation answered 200 while the file cannot be written");
}

/// Item 9 through the server: while the SQLite file cannot be written, rotation answers 503 with
/// `Retry-After` (before: 200 with a successor never stored, and three different successors for
/// one token), so do sign-ins, and `/readyz` is 503; once the file is writable again the server
/// writes again by itself: the refused tokens still rotate, and every new token is usable.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_server_refuses_writes_it_cannot_store_and_recovers() {
    let s = server().await;
    let file = s.dir.join("sigil-data/sigil.db");
    let Some(fault) = Immutable::on(&file) else { return };
    let (rt, raced) = (refresh_token_for_alice(&s).await, refresh_token_for_alice(&s).await);

    fault.refuse().await;
    expect_unavailable(refresh(&s, &rt).await).await;
    concurrent_uses_all_refused(&s, &raced).await;
    expect_unavailable(token(&s, "contoso", &ALICE, Some(LEGACY)).await).await;
    signin_page_is_unavailable(&s).await;
    readyz_becomes(&s, 503, "while the file is immutable").await;
    // Client credentials store nothing: they go on.
    let cc = token(
        &s,
        "contoso",
        &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")],
        Some(DAEMON),
    );
    assert_eq!(cc.await.status(), 200);

    fault.allow().await;
    readyz_becomes(&s, 200, "once the file is writable again").await;
    successor_works(&s, refresh(&s, &rt).await).await;
    successor_works(&s, refresh(&s, &raced).await).await;
    let fresh = refresh_token_for_alice(&s).await;
    successor_works(&s, refresh(&s, &fresh).await).await;
    // The sign-in log writer writes again too.
    let r = token(
        &s,
        "contoso",
        &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")],
        Some(DAEMON),
    );
    let r = r.await;
    let trace = r.headers()["x-sigil-trace-id"].to_str().unwrap().to_string();
    crate::common::signin_record(&s, &trace).await;
    assert!(!s.log().contains("panicked"), "{}", s.log());
}

/// Item 9 on PostgreSQL: the database made read-only (its sessions ended, as a fail-over does),
/// then writable again.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_server_refuses_writes_on_a_read_only_database_and_recovers() {
    let s = server_with(ServerOptions { backend: Backend::Postgres, ..Default::default() }).await;
    let url = s.env.iter().find(|(k, _)| k == "SIGIL_DATABASE_URL").unwrap().1.clone();
    let fault = ReadOnlyDatabase::of(&url);
    let (rt, raced) = (refresh_token_for_alice(&s).await, refresh_token_for_alice(&s).await);

    fault.refuse().await;
    // The first statement on each ended session fails too (503, and the pool drops it): wait until
    // the store answers reads again, on new, read-only sessions, so that what follows meets the
    // read-only database rather than an ended session.
    let mut body = String::new();
    for _ in 0..100 {
        body = s.http().get(s.url("/readyz")).send().await.unwrap().text().await.unwrap();
        if body == "store cannot write" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(body, "store cannot write", "{}", s.log());
    expect_unavailable(refresh(&s, &rt).await).await;
    concurrent_uses_all_refused(&s, &raced).await;
    expect_unavailable(token(&s, "contoso", &ALICE, Some(LEGACY)).await).await;
    readyz_becomes(&s, 503, "while the database is read-only").await;

    fault.allow().await;
    readyz_becomes(&s, 200, "once the database is writable again").await;
    successor_works(&s, refresh(&s, &rt).await).await;
    successor_works(&s, refresh(&s, &raced).await).await;
    let fresh = refresh_token_for_alice(&s).await;
    successor_works(&s, refresh(&s, &fresh).await).await;
}

/// A small tmpfs the database lives on, filled to the last byte by a file of its own and freed
/// by removing that file: a real full disk while the server runs. Unmounted when dropped.
struct SmallDisk {
    mount: PathBuf,
}

impl SmallDisk {
    /// `None` (with a note) where the sandbox does not allow mounting.
    fn mount(size: &str) -> Option<Self> {
        let mount = db::temp_dir("small-disk");
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&mount)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("SKIPPED: mounting a tmpfs is not permitted here");
            return None;
        }
        Some(Self { mount })
    }

    fn filler(&self) -> PathBuf {
        self.mount.join("filler")
    }
}

impl WriteFault for SmallDisk {
    async fn refuse(&self) {
        use std::io::Write;
        let mut f = std::fs::File::create(self.filler()).unwrap();
        let block = vec![0u8; 64 * 1024];
        loop {
            match f.write(&block) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.raw_os_error() == Some(28) => break, // ENOSPC
                Err(e) => panic!("filling the disk: {e}"),
            }
        }
        // The last partial block, byte by byte.
        while f.write(&[0]).is_ok_and(|n| n == 1) {}
    }
    async fn allow(&self) {
        std::fs::remove_file(self.filler()).unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.mount).status();
    }
}

/// Item 9 with a real full disk: SQLite keeps writing while its WAL has room, so some rotations
/// succeed after the disk fills; each one that answers 200 must have stored its successor (and
/// concurrent uses of a token never get two), and once the WAL must grow, rotations answer 503 and
/// `/readyz` 503. After the space is freed the
/// server writes again by itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_server_on_a_full_disk_never_answers_a_write_it_did_not_store_and_recovers() {
    let Some(disk) = SmallDisk::mount("8m") else { return };
    let db = format!("sqlite://{}/sigil.db", disk.mount.display());
    let s = server_with(ServerOptions { env: vec![("SIGIL_DATABASE_URL".into(), db)], ..Default::default() }).await;
    let mut chains: Vec<String> = Vec::new();
    for _ in 0..4 {
        chains.push(refresh_token_for_alice(&s).await);
    }

    disk.refuse().await;
    // Rotate every chain until rotations are refused (the WAL had to grow): each 200 gave a
    // successor that must be stored, which is checked after the space is freed.
    let (mut refused, mut stored) = (0, 0);
    for round in 0..500 {
        let i = round % chains.len();
        let r = refresh(&s, &chains[i]).await;
        if r.status() == 200 {
            stored += 1;
            chains[i] = r.json::<Value>().await.unwrap()["refresh_token"].as_str().unwrap().to_string();
        } else {
            expect_unavailable(r).await;
            refused += 1;
            if refused == 8 {
                break;
            }
        }
    }
    assert!(refused > 0, "500 rotations on a full disk all answered 200");
    eprintln!("full disk: {stored} rotations answered 200 (each checked later), {refused} refused");
    // WAL space freed by a checkpoint may still take a rotation: then exactly one successor.
    if let Some(next) = concurrent_uses(&s, &chains[0]).await {
        chains[0] = next;
    }
    readyz_becomes(&s, 503, "while the disk is full").await;

    disk.allow().await;
    readyz_becomes(&s, 200, "once space is free again").await;
    for rt in &chains {
        successor_works(&s, refresh(&s, rt).await).await;
    }
    let fresh = refresh_token_for_alice(&s).await;
    successor_works(&s, refresh(&s, &fresh).await).await;
    assert!(!s.log().contains("panicked"), "{}", s.log());
}
