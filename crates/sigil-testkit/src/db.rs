//! Fresh real databases for tests: a SQLite file in a temp dir, or a new database on the PostgreSQL
//! server named by `SIGIL_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`).
use std::path::PathBuf;

use sqlx::Connection;

pub fn temp_dir(prefix: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sigil-test-{prefix}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&d).expect("create temp dir");
    d
}

pub fn sqlite_url(prefix: &str) -> String {
    format!("sqlite://{}/sigil.db", temp_dir(prefix).display())
}

pub fn postgres_admin_url() -> String {
    std::env::var("SIGIL_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Creates an empty database on the test server and returns its URL.
pub async fn postgres_url(prefix: &str) -> String {
    let admin = postgres_admin_url();
    let name = format!("sigil_{prefix}_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL at {admin} is required for tests (the test command starts one): {e}"));
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .expect("create database");
    conn.close().await.ok();
    match admin.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{name}"),
        None => panic!("bad SIGIL_TEST_POSTGRES_URL {admin}"),
    }
}
