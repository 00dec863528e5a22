//! The outbound fetcher (sigil-http/src/outbound.rs) against a real loopback server: SSRF refusals
//! (private addresses by literal and by name, redirects), size and time bounds, caching by
//! `Cache-Control` within bounds, bounded forced refresh, remembered failures.
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use sigil_core::clock::{ManualClock, SharedClock};
use sigil_core::outbound::{FetchError, FetchMode, Fetcher, OutboundSettings};
use sigil_http::outbound::HttpFetcher;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A loopback HTTP/1.1 server answering every request with `response(path)`; counts requests.
async fn serve(response: fn(&str) -> Vec<u8>) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else { return };
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 4096];
                let n = sock.read(&mut buf).await.unwrap_or(0);
                let head = String::from_utf8_lossy(&buf[..n]).to_string();
                let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
                counter.fetch_add(1, Ordering::SeqCst);
                if path == "/slow" {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                }
                let _ = sock.write_all(&response(&path)).await;
                let _ = sock.shutdown().await;
            });
        }
    });
    (base, hits)
}

fn respond(path: &str) -> Vec<u8> {
    let (status, extra, body): (&str, &str, String) = match path {
        "/jwks" => ("200 OK", "Cache-Control: max-age=600\r\n", r#"{"keys":[]}"#.into()),
        "/nostore" => ("200 OK", "Cache-Control: no-store\r\n", r#"{"a":1}"#.into()),
        "/redirect" => ("302 Found", "Location: http://169.254.169.254/latest/meta-data\r\n", String::new()),
        "/huge" => ("200 OK", "", format!(r#"{{"x":"{}"}}"#, "a".repeat(300 * 1024))),
        "/html" => ("200 OK", "", "<html></html>".into()),
        "/missing" => ("404 Not Found", "", String::new()),
        _ => ("200 OK", "", "{}".into()),
    };
    format!("HTTP/1.1 {status}\r\n{extra}Content-Type: application/json\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}", body.len())
        .into_bytes()
}

fn fetcher(private: bool, clock: Arc<ManualClock>) -> HttpFetcher {
    let settings =
        OutboundSettings { allow_private_addresses: private, allow_http: true, timeout: 1, ..Default::default() };
    HttpFetcher::new(settings, clock as SharedClock).unwrap()
}

#[tokio::test]
async fn private_addresses_are_refused_by_literal_and_by_name() {
    let (base, hits) = serve(respond).await;
    let f = fetcher(false, Arc::new(ManualClock::new(1_000_000)));
    let by_literal = f.get_json(&format!("{base}/jwks"), FetchMode::Cached).await;
    assert_eq!(by_literal, Err(FetchError::ForbiddenAddress("127.0.0.1".into())));
    let port = base.rsplit(':').next().unwrap();
    let by_name = f.get_json(&format!("http://localhost:{port}/jwks"), FetchMode::Cached).await;
    assert!(matches!(by_name, Err(FetchError::ForbiddenAddress(_))), "{by_name:?}");
    for literal in
        ["http://[::1]/", "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/", "http://[::ffff:127.0.0.1]/"]
    {
        assert!(
            matches!(f.get_json(literal, FetchMode::Cached).await, Err(FetchError::ForbiddenAddress(_))),
            "{literal}"
        );
    }
    assert_eq!(hits.load(Ordering::SeqCst), 0, "no connection reached the server");
}

#[tokio::test]
async fn http_is_refused_unless_allowed_and_odd_urls_are_invalid() {
    let settings = OutboundSettings::default();
    let f = HttpFetcher::new(settings, Arc::new(ManualClock::new(0)) as SharedClock).unwrap();
    assert_eq!(f.get_json("http://example.com/jwks", FetchMode::Cached).await, Err(FetchError::NotHttps));
    assert_eq!(f.get_json("file:///etc/passwd", FetchMode::Cached).await, Err(FetchError::NotHttps));
    assert_eq!(f.get_json("not a url", FetchMode::Cached).await, Err(FetchError::InvalidUrl));
}

#[tokio::test]
async fn redirects_large_slow_and_non_json_responses_are_refused() {
    let (base, _) = serve(respond).await;
    let f = fetcher(true, Arc::new(ManualClock::new(1_000_000)));
    let get = |p: &str| {
        let url = format!("{base}{p}");
        let f = &f;
        async move { f.get_json(&url, FetchMode::Cached).await }
    };
    assert_eq!(get("/redirect").await, Err(FetchError::Redirect));
    assert_eq!(get("/huge").await, Err(FetchError::TooLarge(256 * 1024)));
    assert_eq!(get("/html").await, Err(FetchError::NotJson));
    assert_eq!(get("/missing").await, Err(FetchError::Status(404)));
    let started = std::time::Instant::now();
    assert_eq!(get("/slow").await, Err(FetchError::Timeout));
    assert!(started.elapsed() < Duration::from_secs(3), "bounded by outbound.timeout");
}

#[tokio::test]
async fn documents_are_cached_by_cache_control_within_bounds() {
    let (base, hits) = serve(respond).await;
    let clock = Arc::new(ManualClock::new(1_000_000));
    let f = fetcher(true, clock.clone());
    let jwks = format!("{base}/jwks");
    let doc = f.get_json(&jwks, FetchMode::Cached).await.unwrap();
    assert_eq!(doc.json, serde_json::json!({"keys": []}));
    assert_eq!(doc.fresh_until, 1_000_600, "max-age=600");
    f.get_json(&jwks, FetchMode::Cached).await.unwrap();
    assert_eq!(hits.load(Ordering::SeqCst), 1, "served from the cache");

    // A forced refresh is bounded: not within refresh_min_interval (30 s) of the last fetch.
    f.get_json(&jwks, FetchMode::Refresh).await.unwrap();
    assert_eq!(hits.load(Ordering::SeqCst), 1);
    clock.advance(31);
    f.get_json(&jwks, FetchMode::Refresh).await.unwrap();
    assert_eq!(hits.load(Ordering::SeqCst), 2, "refreshed after the interval");

    clock.advance(601);
    f.get_json(&jwks, FetchMode::Cached).await.unwrap();
    assert_eq!(hits.load(Ordering::SeqCst), 3, "fetched again once stale");

    // no-store is still reused for cache_min (60 s).
    let nostore = format!("{base}/nostore");
    f.get_json(&nostore, FetchMode::Cached).await.unwrap();
    f.get_json(&nostore, FetchMode::Cached).await.unwrap();
    assert_eq!(hits.load(Ordering::SeqCst), 4);
    clock.advance(61);
    f.get_json(&nostore, FetchMode::Cached).await.unwrap();
    assert_eq!(hits.load(Ordering::SeqCst), 5);
}

#[tokio::test]
async fn a_failure_is_remembered_for_the_refresh_interval() {
    let (base, hits) = serve(respond).await;
    let clock = Arc::new(ManualClock::new(1_000_000));
    let f = fetcher(true, clock.clone());
    let missing = format!("{base}/missing");
    for _ in 0..5 {
        assert_eq!(f.get_json(&missing, FetchMode::Cached).await, Err(FetchError::Status(404)));
    }
    assert_eq!(hits.load(Ordering::SeqCst), 1, "one fetch for five requests");
    clock.advance(31);
    let _ = f.get_json(&missing, FetchMode::Cached).await;
    assert_eq!(hits.load(Ordering::SeqCst), 2);
}
