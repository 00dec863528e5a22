//! The store conformance suite against a real SQLite file and a real PostgreSQL server.
use sigil_testkit::db;

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
