//! Issue 17 regression tests (hardening_store): storage faults (item 9). A database that refuses
//! writes (an immutable or full SQLite file, a read-only PostgreSQL database) must fail each write
//! with 503 `temporarily_unavailable` and `Retry-After`, turn `/readyz` to 503, and the server must
//! write again by itself once the database does.
use std::path::{Path, PathBuf};
use std::process::Command;

use sigil_store::conformance::WriteFault;
use sigil_testkit::db;
use sqlx::Connection;

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
    Command::new("chattr").arg(flag).arg(path).status().is_ok_and(|s| s.success())
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
