//! Issue 17 regression tests (hardening_net): timeouts and the connection cap, trusted proxies,
//! HSTS and TLS flags, file modes, the admin credential, SIGHUP, metrics and the admin listener.
use std::time::{Duration, Instant};

use sigil_testkit::{ServerOptions, server::free_port};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::*;

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// Reads until the peer closes (or `limit` passes); returns what arrived and whether it closed.
async fn read_until_closed(r: &mut (impl AsyncReadExt + Unpin), limit: Duration) -> (String, bool) {
    let mut got = Vec::new();
    let deadline = Instant::now() + limit;
    let mut buf = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, r.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&got).into_owned(), true),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
            Err(_) => return (String::from_utf8_lossy(&got).into_owned(), false),
        }
    }
}

fn addr(s: &sigil_testkit::Server) -> String {
    format!("127.0.0.1:{}", s.port)
}

#[tokio::test]
async fn a_trickled_body_is_cut_off_after_the_request_timeout() {
    let s =
        server_with(ServerOptions { env: env(&[("SIGIL_SERVER_REQUEST_TIMEOUT", "2")]), ..Default::default() }).await;
    let stream = TcpStream::connect(addr(&s)).await.unwrap();
    let (mut r, mut w) = stream.into_split();
    w.write_all(
        b"POST /contoso/oauth2/v2.0/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n",
    )
    .await
    .unwrap();
    let start = Instant::now();
    // One byte every 300 ms: each read of the body succeeds, so only a whole-request timeout ends it.
    let trickle = tokio::spawn(async move {
        for _ in 0..100 {
            if w.write_all(b"a").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    });
    let (answer, closed) = read_until_closed(&mut r, Duration::from_secs(15)).await;
    let elapsed = start.elapsed();
    trickle.abort();
    assert!(closed, "the connection was still open after {elapsed:?}: {answer}");
    assert!(elapsed >= Duration::from_millis(1500) && elapsed < Duration::from_secs(8), "{elapsed:?}");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("88000121"), "{answer}");
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed_after_the_header_timeout() {
    let s =
        server_with(ServerOptions { env: env(&[("SIGIL_SERVER_HEADER_TIMEOUT", "1")]), ..Default::default() }).await;
    let mut c = TcpStream::connect(addr(&s)).await.unwrap();
    c.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let mut buf = [0u8; 1024];
    let n = c.read(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    let start = Instant::now();
    let (_, closed) = read_until_closed(&mut c, Duration::from_secs(6)).await;
    assert!(closed && start.elapsed() < Duration::from_secs(4), "idle connection kept {:?}", start.elapsed());
}

fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|l| l.strip_prefix(series)?.trim().parse().ok())
}

#[tokio::test]
async fn connections_beyond_the_cap_are_refused_counted_and_the_slots_come_back() {
    let admin_port = free_port();
    let admin_base = format!("http://127.0.0.1:{admin_port}");
    let s = server_with(ServerOptions {
        env: env(&[
            ("SIGIL_SERVER_MAX_CONNECTIONS", "4"),
            ("SIGIL_SERVER_HEADER_TIMEOUT", "30"),
            ("SIGIL_SERVER_ADMIN_LISTEN", &format!("127.0.0.1:{admin_port}")),
        ]),
        ..Default::default()
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await; // the readiness probe's connection is gone
    let mut held = Vec::new();
    for _ in 0..4 {
        let mut c = TcpStream::connect(addr(&s)).await.unwrap();
        // Half a request: the connection stays open, waiting for the rest of the headers.
        c.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").await.unwrap();
        held.push(c);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut extra = TcpStream::connect(addr(&s)).await.unwrap();
    let _ = extra.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await;
    let (answer, closed) = read_until_closed(&mut extra, Duration::from_secs(5)).await;
    assert!(closed, "connection 5 was served: {answer}");
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 503"), "{answer}");
    if !answer.is_empty() {
        assert!(answer.to_ascii_lowercase().contains("retry-after: "), "{answer}");
    }
    let text = s.http().get(format!("{admin_base}/metrics")).send().await.unwrap().text().await.unwrap();
    assert_eq!(sample(&text, r#"sigil_connections_rejected_total{listener="public"}"#), Some(1.0), "{text}");
    assert_eq!(sample(&text, r#"sigil_connections_open{listener="public"}"#), Some(4.0), "{text}");
    drop(held);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let r = s.http().get(s.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
}

/// Sends a wrong client secret (so the sign-in log records the attempt) and returns its source.
async fn logged_source(s: &sigil_testkit::Server, headers: &[(&str, &str)]) -> String {
    let mut r = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/token"))
        .basic_auth(DAEMON.0, Some("wrong-secret"))
        .form(&[("grant_type", "client_credentials"), ("scope", "api://contoso-api/.default")]);
    for (k, v) in headers {
        r = r.header(*k, *v);
    }
    let refusal = expect_error(r.send().await.unwrap(), 401, "invalid_client", 7000215).await;
    signin_record(s, refusal.trace_id()).await["source"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn forwarded_addresses_count_only_from_trusted_proxies() {
    let spoof = [("x-forwarded-for", "203.0.113.7"), ("forwarded", "for=203.0.113.8")];
    let plain = server().await;
    assert_eq!(logged_source(&plain, &spoof).await, "127.0.0.1");

    let proxied = server_with(ServerOptions {
        env: env(&[("SIGIL_SERVER_TRUSTED_PROXIES", r#"["127.0.0.1", "10.0.0.0/8", "2001:db8:ffff::/48"]"#)]),
        ..Default::default()
    })
    .await;
    // The right-most address that is not a trusted proxy; a spoofed left part is ignored.
    assert_eq!(
        logged_source(&proxied, &[("x-forwarded-for", "198.51.100.1, 203.0.113.7, 10.1.2.3")]).await,
        "203.0.113.7"
    );
    // RFC 7239 wins over X-Forwarded-For; IPv6 with a port, quoted.
    assert_eq!(
        logged_source(
            &proxied,
            &[
                ("forwarded", r#"for=198.51.100.2, for="[2001:db8::1]:4711";proto=https"#),
                ("x-forwarded-for", "1.2.3.4")
            ]
        )
        .await,
        "2001:db8::1"
    );
    // Nothing usable: the peer itself.
    assert_eq!(logged_source(&proxied, &[("x-forwarded-for", "not-an-address")]).await, "127.0.0.1");
    // HTTPS as reported by a trusted proxy gets HSTS; the same claim from anyone else does not.
    let hsts = |s: &sigil_testkit::Server| {
        let r = s.http().get(s.url("/healthz")).header("x-forwarded-proto", "https").send();
        async move { r.await.unwrap().headers().contains_key("strict-transport-security") }
    };
    assert!(hsts(&proxied).await);
    assert!(!hsts(&plain).await);
}

#[tokio::test]
async fn hsts_is_sent_over_tls_only() {
    let tls = server_with(ServerOptions { tls: true, ..Default::default() }).await;
    for path in ["/healthz", "/no-such-route"] {
        let r = tls.http().get(tls.url(path)).send().await.unwrap();
        assert_eq!(
            r.headers().get("strict-transport-security").map(|v| v.to_str().unwrap()),
            Some("max-age=31536000"),
            "{path}"
        );
    }
    let plain = server().await;
    let r = plain.http().get(plain.url("/healthz")).send().await.unwrap();
    assert!(r.headers().get("strict-transport-security").is_none());
}

/// Runs `sigil serve` with the given extra arguments in a fresh folder; it must exit within 10 s.
fn serve_must_exit(args: &[&str], envs: &[(&str, &str)]) -> std::process::Output {
    let dir = sigil_testkit::db::temp_dir("net-exit");
    let mut c = sigil_command();
    c.current_dir(&dir)
        .args(["serve", "--listen", &format!("127.0.0.1:{}", free_port())])
        .args(args)
        .envs(envs.iter().copied())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!("sigil serve {args:?} kept running: {}", String::from_utf8_lossy(&out.stderr));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn tls_cert_without_key_and_short_admin_tokens_are_startup_errors() {
    let out = serve_must_exit(&["--tls-cert", "cert.pem"], &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("--tls-key"), "{err}");
    let out = serve_must_exit(&["--tls-key", "key.pem"], &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("--tls-cert"), "{err}");
    let out = serve_must_exit(&[], &[("SIGIL_SERVER_ADMIN_TOKEN", "short-token")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("admin_token") && err.contains("32"), "{err}");
}

#[tokio::test]
async fn the_database_and_its_folder_are_readable_by_the_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let s = server().await;
    // A write, so the WAL exists.
    let _ = logged_source(&s, &[]).await;
    let data = s.dir.join("sigil-data");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700, "{}", data.display());
    for f in ["sigil.db", "sigil.db-wal", "sigil.db-shm"] {
        assert_eq!(mode(&data.join(f)), 0o600, "{f}");
    }
}

#[tokio::test]
async fn wrong_admin_tokens_are_throttled_per_source() {
    let s = server_with(ServerOptions {
        env: env(&[("SIGIL_SERVER_TRUSTED_PROXIES", r#"["127.0.0.1"]"#)]),
        ..Default::default()
    })
    .await;
    let admin = |token: String, from: Option<&'static str>| {
        let mut r = s.http().get(s.url("/admin/signins?limit=1")).bearer_auth(token);
        if let Some(f) = from {
            r = r.header("x-forwarded-for", f);
        }
        r.send()
    };
    for _ in 0..5 {
        let r = admin("wrong".repeat(8), Some("203.0.113.1")).await.unwrap();
        expect_error(r, 401, "invalid_token", 88000050).await;
    }
    let r = admin("wrong".repeat(8), Some("203.0.113.1")).await.unwrap();
    let refusal = expect_error(r, 429, "access_denied", 88000120).await;
    let wait: u64 = refusal.header("retry-after").unwrap().parse().unwrap();
    assert!(wait > 0 && wait <= 300, "{wait}");
    // While throttled, even the right credential from that source is refused.
    let r = admin(s.admin_token.clone(), Some("203.0.113.1")).await.unwrap();
    expect_error(r, 429, "access_denied", 88000120).await;
    // Another source is not affected.
    let r = admin(s.admin_token.clone(), Some("203.0.113.2")).await.unwrap();
    assert_eq!(r.status(), 200);
    let r = admin(s.admin_token.clone(), None).await.unwrap();
    assert_eq!(r.status(), 200);
}

/// An HTTPS client that trusts only the certificate in `pem`.
fn trusting(pem: &std::path::Path) -> reqwest::Client {
    let cert = reqwest::Certificate::from_pem(&std::fs::read(pem).unwrap()).unwrap();
    reqwest::Client::builder()
        .tls_built_in_root_certs(false)
        .add_root_certificate(cert)
        .pool_max_idle_per_host(0)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

#[tokio::test]
async fn sighup_reloads_the_certificate_and_keeps_serving() {
    let mut s = server_with(ServerOptions { tls: true, ..Default::default() }).await;
    let tls_dir = s.dir.join("tls");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&tls_dir).unwrap().permissions().mode() & 0o777, 0o700, "dev-cert folder");
    let new_dir = s.dir.join("tls-new");
    let out = s.cli(&["dev-cert", "--out-dir", &new_dir.display().to_string()]);
    assert!(out.status.success());
    let old = trusting(&tls_dir.join("cert.pem"));
    let new = trusting(&new_dir.join("cert.pem"));
    assert_eq!(old.get(s.url("/healthz")).send().await.unwrap().status(), 200);
    assert!(new.get(s.url("/healthz")).send().await.is_err(), "the new certificate is not served yet");
    std::fs::copy(new_dir.join("cert.pem"), tls_dir.join("cert.pem")).unwrap();
    std::fs::copy(new_dir.join("key.pem"), tls_dir.join("key.pem")).unwrap();
    let _ = std::process::Command::new("kill").args(["-HUP", &s.pid().to_string()]).status();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(r) = new.get(s.url("/healthz")).send().await {
            assert_eq!(r.status(), 200);
            break;
        }
        assert!(Instant::now() < deadline, "the rotated certificate was not served: {}", s.log());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(old.get(s.url("/healthz")).send().await.is_err(), "the old certificate is still served");
    assert!(s.log().contains("TLS certificate and key reloaded"), "{}", s.log());
    // SIGTERM with a kept-alive HTTPS connection open still ends gracefully (the certificate
    // file the test client reads is the new one now).
    let pooled = s.http();
    assert_eq!(pooled.get(s.url("/healthz")).send().await.unwrap().status(), 200);
    assert_eq!(s.stop().await, Some(0), "{}", s.log());
}

#[tokio::test]
async fn metrics_follow_prometheus_conventions() {
    let s = server().await;
    let _ = logged_source(&s, &[]).await;
    let text = s.http().get(s.url("/metrics")).send().await.unwrap().text().await.unwrap();
    let mut types = std::collections::HashMap::new();
    for l in text.lines() {
        if let Some(rest) = l.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').unwrap();
            types.insert(name.to_string(), kind.to_string());
            assert!(text.contains(&format!("# HELP {name} ")), "no HELP for {name}:\n{text}");
            // Counters, and only counters, end in _total.
            assert_eq!(kind == "counter", name.ends_with("_total"), "{name} is a {kind}");
        }
    }
    for (name, kind) in [
        ("sigil_signin_log_dropped_total", "counter"),
        ("sigil_http_requests_total", "counter"),
        ("sigil_build_info", "gauge"),
        ("process_resident_memory_bytes", "gauge"),
        ("process_open_fds", "gauge"),
        ("process_max_fds", "gauge"),
        ("process_cpu_seconds_total", "counter"),
        ("process_start_time_seconds", "gauge"),
    ] {
        assert_eq!(types.get(name).map(String::as_str), Some(kind), "{name}:\n{text}");
    }
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(sample(&text, &format!("sigil_build_info{{version=\"{version}\"}}")), Some(1.0), "{text}");
    assert!(sample(&text, "process_resident_memory_bytes").unwrap() > 1_000_000.0);
    assert!(sample(&text, "process_open_fds").unwrap() >= 3.0);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs_f64();
    let started = sample(&text, "process_start_time_seconds").unwrap();
    assert!(started <= now && started > now - 600.0, "{started} vs {now}");
}

#[tokio::test]
async fn with_an_admin_listener_metrics_and_admin_are_served_only_there() {
    let admin_port = free_port();
    let admin_base = format!("http://127.0.0.1:{admin_port}");
    let s = server_with(ServerOptions {
        env: env(&[("SIGIL_SERVER_ADMIN_LISTEN", &format!("127.0.0.1:{admin_port}"))]),
        ..Default::default()
    })
    .await;
    let public = s.http().get(s.url("/metrics")).send().await.unwrap();
    expect_error(public, 404, "not_found", 88000060).await;
    let public = s.http().get(s.url("/admin/signins")).bearer_auth(&s.admin_token).send().await.unwrap();
    expect_error(public, 404, "not_found", 88000060).await;
    let r = s.http().get(format!("{admin_base}/metrics")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("# TYPE sigil_build_info gauge"));
    let r = s.http().get(format!("{admin_base}/admin/signins")).bearer_auth(&s.admin_token).send().await.unwrap();
    assert_eq!(r.status(), 200);
    // The token endpoint is not on the admin listener.
    let r = s.http().post(format!("{admin_base}/contoso/oauth2/v2.0/token")).send().await.unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn sighup_reloads_the_log_filter_from_the_configuration() {
    let dir = sigil_testkit::db::temp_dir("net-log");
    let file = dir.join("sigil.toml");
    std::fs::write(&file, "[server]\nlog_level = \"warn\"\n").unwrap();
    let s = server_with(ServerOptions {
        env: vec![("SIGIL_CONFIG".into(), file.display().to_string())],
        ..Default::default()
    })
    .await;
    let per_request = r#""endpoint":"/healthz""#;
    s.http().get(s.url("/healthz")).send().await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!s.log().contains(per_request), "{}", s.log());
    // The per-request line is the access log (target `sigil::access`, at `server.access_log`: debug).
    std::fs::write(&file, "[server]\nlog_level = \"sigil::access=debug,info\"\n").unwrap();
    let _ = std::process::Command::new("kill").args(["-HUP", &s.pid().to_string()]).status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !s.log().contains("log filter reloaded") {
        assert!(Instant::now() < deadline, "{}", s.log());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    s.http().get(s.url("/healthz")).send().await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(s.log().contains(per_request), "{}", s.log());
}
