//! The store conformance suite against a real SQLite file and a real PostgreSQL server.
use sigil_core::crypto::token_hash;
use sigil_core::model::Grant;
use sigil_core::rng::SystemRng;
use sigil_core::store::{Rotation, RotationOutcome};
use sigil_core::token::new_refresh_token;
use sigil_testkit::db;
use uuid::Uuid;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_conforms() {
    let store = sigil_store::open(&db::sqlite_url("conformance"), 8).await.expect("open sqlite");
    sigil_store::conformance::run_all(store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_conforms() {
    let url = db::postgres_url("conformance").await;
    let store = sigil_store::open(&url, 8).await.expect("open postgres");
    sigil_store::conformance::run_all(store).await;
}

/// Plain SQL on the test's SQLite file, through a connection of its own.
struct SqliteSql(sqlx::SqlitePool);

impl sigil_store::conformance::RawSql for SqliteSql {
    async fn execute(&self, sql: &'static str) {
        sqlx::query(sql).execute(&self.0).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}

/// Plain SQL on the test's PostgreSQL database.
struct PgSql(sqlx::PgPool);

impl sigil_store::conformance::RawSql for PgSql {
    async fn execute(&self, sql: &'static str) {
        sqlx::query(sql).execute(&self.0).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_rows_that_do_not_parse_are_errors() {
    let url = db::sqlite_url("corrupt");
    let store = sigil_store::open(&url, 4).await.expect("open sqlite");
    let raw = SqliteSql(sqlx::SqlitePool::connect(&url).await.expect("open the file"));
    sigil_store::conformance::corrupt_rows_are_errors(&store, &raw).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_rows_that_do_not_parse_are_errors() {
    let url = db::postgres_url("corrupt").await;
    let store = sigil_store::open(&url, 4).await.expect("open postgres");
    let raw = PgSql(sqlx::PgPool::connect(&url).await.expect("connect"));
    sigil_store::conformance::corrupt_rows_are_errors(&store, &raw).await;
}

fn grant(created_at: i64, expires_at: i64) -> Grant {
    Grant {
        id: Uuid::new_v4(),
        tenant_id: Uuid::new_v4(),
        client_id: "app".into(),
        user_id: Some(Uuid::new_v4()),
        scope: "openid offline_access".into(),
        auth_time: created_at,
        created_at,
        expires_at,
        revoked_at: None,
        dpop_jkt: None,
        amr: String::new(),
    }
}

async fn refresh_rows(url: &str) -> i64 {
    let pool = sqlx::SqlitePool::connect(url).await.expect("open the file");
    let n = sqlx::query_scalar("SELECT count(*) FROM refresh_tokens").fetch_one(&pool).await.unwrap();
    pool.close().await;
    n
}

/// SQLite keeps no index of refresh tokens by grant (migration 0005): `purge` reclaims the tokens
/// of removed grants by key range, and earlier-format keys by trigger. Counted in the file itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_purge_reclaims_refresh_tokens_of_removed_grants() {
    const DAY: i64 = 86_400;
    let url = db::sqlite_url("reclaim");
    let store = sigil_store::open(&url, 4).await.expect("open sqlite");
    let key = |secs: i64| new_refresh_token(&SystemRng, secs * 1000).1;
    // Created on day 10, expired on day 11, rotated once.
    let old = grant(10 * DAY, 11 * DAY);
    let (first, second) = (key(10 * DAY), key(10 * DAY + 5));
    store.create_grant(&old, Some(&first)).await.unwrap();
    let rot = Rotation { hash: &first, successor_hash: &second, successor_sealed: b"s", now: 10 * DAY + 5 };
    assert_eq!(store.rotate_refresh(&rot).await.unwrap(), RotationOutcome::Rotated);
    // An earlier-format token (SHA-256 alone, no issue time) of another expired grant.
    let legacy_grant = grant(10 * DAY, 11 * DAY);
    let legacy = token_hash("an earlier-format refresh token");
    store.create_grant(&legacy_grant, Some(&legacy)).await.unwrap();
    // Still live: created on day 20, its token issued by a clock an hour behind.
    let live = grant(20 * DAY, 100 * DAY);
    let live_rt = key(20 * DAY - 3600);
    store.create_grant(&live, Some(&live_rt)).await.unwrap();
    assert_eq!(refresh_rows(&url).await, 4);

    assert_eq!(store.purge(0, 0, 12 * DAY).await.unwrap(), 2, "two grants past the cut-off");
    assert_eq!(refresh_rows(&url).await, 1, "the removed grants' three tokens are gone from the file");
    assert!(store.refresh_token(&live_rt).await.unwrap().is_some(), "the live grant's token stays");
    assert!(store.refresh_token(&second).await.unwrap().is_none());
}

/// SQLite's migration files in order, applied by hand to build a database at an earlier version.
const MIGRATIONS: [&str; 7] = [
    "0001_initial.sql",
    "0002_signin_log_lookup_indexes.sql",
    "0003_refresh_rotation_trigger.sql",
    "0004_grants_expiry_index.sql",
    "0005_refresh_tokens_without_grant_index.sql",
    "0006_signin_log_fewer_indexes.sql",
    "0007_signin_log_correlation_when_given.sql",
];

async fn sqlite_file(name: &str) -> sqlx::SqlitePool {
    let opts: sqlx::sqlite::SqliteConnectOptions = db::sqlite_url(name).parse().unwrap();
    sqlx::SqlitePool::connect_with(opts.create_if_missing(true).foreign_keys(true)).await.unwrap()
}

async fn apply_migration(pool: &sqlx::SqlitePool, name: &str) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../sigil-store/migrations/sqlite");
    let sql = std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(pool).await.unwrap_or_else(|e| panic!("{name}: {e}"));
}

/// hash, grant_id, created_at, used_at, successor_hash, successor_sealed
type RefreshRow = (Vec<u8>, String, i64, Option<i64>, Option<Vec<u8>>, Option<Vec<u8>>);

/// Migration 0005 rebuilds `refresh_tokens`: the rows of a database at migration 0004 survive it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_migration_0005_keeps_refresh_tokens() {
    let pool = sqlite_file("migrate5").await;
    let apply = async |name: &str| apply_migration(&pool, name).await;
    for name in &MIGRATIONS[..4] {
        apply(name).await;
    }
    sqlx::raw_sql(
        "INSERT INTO grants (id, tenant_id, client_id, user_id, scope, auth_time, created_at, expires_at)
           VALUES ('g', 't', 'c', 'u', 'openid', 1, 1, 99);
         INSERT INTO refresh_tokens (hash, grant_id, created_at, used_at, successor_hash, successor_sealed)
           VALUES (x'01', 'g', 1, 2, x'02', x'aa'), (x'02', 'g', 2, NULL, NULL, NULL);",
    )
    .execute(&pool)
    .await
    .unwrap();
    apply(MIGRATIONS[4]).await;
    let rows: Vec<RefreshRow> = sqlx::query_as(
        "SELECT hash, grant_id, created_at, used_at, successor_hash, successor_sealed FROM refresh_tokens ORDER BY hash",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        rows,
        [
            (vec![1], "g".into(), 1, Some(2), Some(vec![2]), Some(vec![0xaa])),
            (vec![2], "g".into(), 2, None, None, None)
        ]
    );
    // The rotation trigger is back, and deleting the grant takes its earlier-format tokens.
    sqlx::query("UPDATE refresh_tokens SET used_at = 3, successor_hash = x'03' WHERE hash = x'02'")
        .execute(&pool)
        .await
        .unwrap();
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM refresh_tokens").fetch_one(&pool).await.unwrap();
    assert_eq!(n, 3, "successor inserted by the trigger");
    sqlx::query("DELETE FROM grants WHERE id = 'g'").execute(&pool).await.unwrap();
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM refresh_tokens").fetch_one(&pool).await.unwrap();
    assert_eq!(n, 0);
}

/// Migrations 0006 and 0007 keep lookups on an index: a server-made (UUIDv7) trace ID through the
/// time index at the millisecond it carries, an earlier (v4) one through the partial trace index,
/// a username and a client-supplied correlation ID through their partial indexes, a correlation ID
/// that may be a row's own (a UUIDv7) through both. Read from SQLite's own plan, on a real file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_signin_lookups_use_an_index() {
    use sigil_core::signin_log::SigninQuery;
    let store = sigil_store::sqlite::SqliteStore::open(&db::sqlite_url("signin-plan"), 4).await.expect("open sqlite");
    let v7 = sigil_core::rng::uuid_v7(1_000, &[7; 10]).to_string();
    let plan = async |q: SigninQuery| store.explain_signins(&SigninQuery { limit: 10, ..q }).await.unwrap().join("; ");
    let cases = [
        (SigninQuery { trace_id: Some(v7.clone()), ..Default::default() }, "signin_log_time (time_millis=?)"),
        (SigninQuery { trace_id: Some(Uuid::new_v4().to_string()), ..Default::default() }, "signin_log_trace_not_v7"),
        (SigninQuery { user: Some("ada".into()), ..Default::default() }, "signin_log_user"),
        (
            SigninQuery { correlation_id: Some(Uuid::new_v4().to_string()), ..Default::default() },
            "signin_log_correlation",
        ),
        // Its own correlation (a trace ID): through both, as a multi-index OR.
        (SigninQuery { correlation_id: Some(v7.clone()), ..Default::default() }, "signin_log_correlation"),
        (SigninQuery { correlation_id: Some(v7.clone()), ..Default::default() }, "signin_log_time (time_millis=?)"),
        (SigninQuery { client_id: Some("app".into()), ..Default::default() }, "signin_log_client"),
        // Migration 0037: a code, however rare, through its own index (not the time index to its end).
        (SigninQuery { code: Some(88000383), ..Default::default() }, "signin_log_code"),
        // With other filters, the ID still leads (not every row of the client or of the day).
        (
            SigninQuery {
                correlation_id: Some(v7.clone()),
                client_id: Some("app".into()),
                user: Some("ada".into()),
                since_millis: Some(0),
                ..Default::default()
            },
            "signin_log_time (time_millis=?)",
        ),
        (
            SigninQuery { trace_id: Some(v7.clone()), client_id: Some("app".into()), ..Default::default() },
            "signin_log_time (time_millis=?)",
        ),
    ];
    for (q, index) in cases {
        let p = plan(q.clone()).await;
        assert!(p.contains(index), "{q:?}: expected {index}, got {p}");
        assert!(!p.contains("SCAN signin_log"), "{q:?}: a full scan: {p}");
        if q.trace_id.is_some() || q.correlation_id.is_some() {
            assert!(!p.contains("signin_log_client") && !p.contains("signin_log_user"), "{q:?}: {p}");
        }
    }
}

/// Migrations 0006 and 0007 on a database at 0005: rows written before them (random v4 trace and
/// correlation IDs) stay reachable through the partial indexes that replaced the full ones.
/// `INDEXED BY` makes SQLite fail the statement if the index could not serve it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_migrations_0006_0007_keep_earlier_signin_rows_indexed() {
    let pool = sqlite_file("migrate7").await;
    let apply = async |name: &str| apply_migration(&pool, name).await;
    for name in &MIGRATIONS[..5] {
        apply(name).await;
    }
    let (trace, corr) = (Uuid::new_v4().to_string(), Uuid::new_v4().to_string());
    sqlx::query(
        "INSERT INTO signin_log (time_millis, trace_id, correlation_id, tenant, client_id, username, flow, code, reason,
           source, user_agent, latency_micros)
         VALUES (5, ?1, ?2, 't', 'app', 'ada', 'password', 0, 'ok', '127.0.0.1', 'test', 1)",
    )
    .bind(&trace)
    .bind(&corr)
    .execute(&pool)
    .await
    .unwrap();
    apply(MIGRATIONS[5]).await;
    apply(MIGRATIONS[6]).await;
    let count = async |sql: &str, v: &str| -> i64 {
        sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string())).bind(v.to_string()).fetch_one(&pool).await.unwrap()
    };
    let by_trace = "SELECT count(*) FROM signin_log INDEXED BY signin_log_trace_not_v7
                    WHERE trace_id = ?1 AND substr(trace_id, 15, 1) <> '7'";
    assert_eq!(count(by_trace, &trace).await, 1);
    let by_corr = "SELECT count(*) FROM signin_log INDEXED BY signin_log_correlation
                   WHERE correlation_id = ?1 AND correlation_id <> trace_id";
    assert_eq!(count(by_corr, &corr).await, 1);
    let by_user = "SELECT count(*) FROM signin_log INDEXED BY signin_log_user WHERE username = ?1";
    assert_eq!(count(by_user, "ada").await, 1);
}

/// Back-channel logout looks a session's clients up by `sid` through an index (migration 0013), not
/// by scanning every code kept.
#[tokio::test]
async fn sqlite_session_clients_use_an_index() {
    let url = db::sqlite_url("session-clients-plan");
    let _store = sigil_store::sqlite::SqliteStore::open(&url, 2).await.expect("open sqlite");
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    let rows: Vec<(i64, i64, i64, String)> = sqlx::query_as(
        "EXPLAIN QUERY PLAN SELECT client_id FROM auth_codes WHERE tenant_id = ?1 AND session_id = ?2
         UNION SELECT client_id FROM device_codes WHERE tenant_id = ?1 AND session_id = ?2",
    )
    .bind("t")
    .bind("s")
    .fetch_all(&pool)
    .await
    .unwrap();
    let plan: Vec<String> = rows.into_iter().map(|r| r.3).collect();
    let plan = plan.join("; ");
    assert!(plan.contains("auth_codes_session") && plan.contains("device_codes_session"), "{plan}");
    assert!(!plan.contains("SCAN auth_codes") && !plan.contains("SCAN device_codes"), "{plan}");
}
