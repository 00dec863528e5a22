//! Shared helpers for the integration tests.
use reqwest::Response;
use serde_json::Value;
use sigil_testkit::{Server, ServerOptions};

pub const BIN: &str = env!("CARGO_BIN_EXE_sigil");

pub const DAEMON: (&str, &str) = ("reporting-daemon", "daemon-secret-change-me-0123456789abcdef");
pub const LEGACY: (&str, &str) = ("legacy-cli", "legacy-secret-change-me-0123456789abcdef");
pub const PORTAL: (&str, &str) = ("web-portal", "portal-secret-change-me-0123456789abcdef");

/// `sigil` outside any test server, without the test's own `SIGIL_TEST_*` variables.
pub fn sigil_command() -> std::process::Command {
    let mut c = std::process::Command::new(BIN);
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("SIGIL_") {
            c.env_remove(k);
        }
    }
    c
}

pub async fn server() -> Server {
    Server::start(BIN, ServerOptions::default()).await
}

pub async fn server_with(opts: ServerOptions) -> Server {
    Server::start(BIN, opts).await
}

/// GETs a URL on the server and parses the JSON answer.
pub async fn get_json(s: &Server, path: &str) -> Value {
    s.http().get(s.url(path)).send().await.unwrap().json().await.unwrap()
}

/// The tenant's OpenID Connect discovery document.
pub async fn discovery(s: &Server, tenant: &str) -> Value {
    get_json(s, &format!("/{tenant}/v2.0/.well-known/openid-configuration")).await
}

/// POSTs a form to the tenant's token endpoint, optionally with HTTP Basic client authentication.
pub async fn token(s: &Server, tenant: &str, form: &[(&str, &str)], basic: Option<(&str, &str)>) -> Response {
    let mut r = s.http().post(s.url(&format!("/{tenant}/oauth2/v2.0/token"))).form(form);
    if let Some((id, secret)) = basic {
        r = r.basic_auth(id, Some(secret));
    }
    r.send().await.expect("token request")
}

pub struct Refusal {
    pub body: Value,
    pub headers: reqwest::header::HeaderMap,
}

impl Refusal {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    pub fn trace_id(&self) -> &str {
        self.body["trace_id"].as_str().expect("trace_id")
    }
}

/// Asserts the full RFC 6749 §5.2 + Sigil error shape and returns it.
pub async fn expect_error(r: Response, status: u16, error: &str, code: u32) -> Refusal {
    let st = r.status().as_u16();
    let headers = r.headers().clone();
    let text = r.text().await.expect("body");
    let body: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    assert_eq!(
        (st, body["error"].as_str(), body["error_codes"][0].as_u64()),
        (status, Some(error), Some(code as u64)),
        "{body}"
    );
    assert_eq!(headers.get("content-type").unwrap(), "application/json");
    assert_eq!(headers.get("cache-control").unwrap(), "no-store");
    assert_eq!(headers.get("pragma").unwrap(), "no-cache");
    let desc = body["error_description"].as_str().expect("error_description");
    assert!(desc.starts_with(&format!("SIGIL{code}: ")), "{desc}");
    // RFC 6749 §5.2: %x20-21 / %x23-5B / %x5D-7E only.
    assert!(desc.chars().all(|c| matches!(c as u32, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E)), "{desc}");
    let trace = body["trace_id"].as_str().unwrap();
    let corr = body["correlation_id"].as_str().unwrap();
    let ts = body["timestamp"].as_str().unwrap();
    assert!(uuid::Uuid::parse_str(trace).is_ok() && uuid::Uuid::parse_str(corr).is_ok());
    assert!(desc.ends_with(&format!(" Trace ID: {trace} Correlation ID: {corr} Timestamp: {ts}")), "{desc}");
    assert!(ts.len() == 20 && ts.ends_with('Z'), "{ts}");
    assert_eq!(headers.get("client-request-id").unwrap().to_str().unwrap(), corr);
    let uri = body["error_uri"].as_str().unwrap();
    assert!(uri.contains(&format!("/error?code={code}")), "{uri}");
    Refusal { body, headers }
}

/// Decodes a JWT's payload without verifying it.
pub fn claims(jwt: &str) -> Value {
    use base64::Engine;
    let p = jwt.split('.').nth(1).expect("jwt payload");
    serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(p).expect("b64")).expect("json")
}

pub fn header(jwt: &str) -> Value {
    use base64::Engine;
    let p = jwt.split('.').next().expect("jwt header");
    serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(p).expect("b64")).expect("json")
}

/// Looks a trace ID up in the sign-in log through the CLI (waiting for the batched writer).
pub async fn signin_record(s: &Server, trace_id: &str) -> Value {
    for _ in 0..100 {
        let out = s.cli(&["logs", "--trace-id", trace_id, "--json"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).expect("logs json");
        if let Some(r) = v.as_array().and_then(|a| a.first()) {
            return r.clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no sign-in record for trace {trace_id}");
}

/// Runs a client program (Python, Node, a browser suite) with its output in `log_path`; panics with
/// that output and the server log unless it exits 0 within `timeout` and printed `done_marker`.
pub async fn run_client_program(
    mut cmd: std::process::Command,
    what: &str,
    s: &Server,
    log_path: &std::path::Path,
    timeout: std::time::Duration,
    done_marker: &str,
) {
    use std::process::Stdio;
    let log = std::fs::File::create(log_path).expect("log file");
    let mut child =
        cmd.stdin(Stdio::null()).stdout(log.try_clone().expect("log")).stderr(log).spawn().unwrap_or_else(|e| {
            panic!("cannot run {what} ({e}): run scripts/test.sh (it installs the client libraries)")
        });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait for the client program") {
            break Some(st);
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let output = std::fs::read_to_string(log_path).unwrap_or_default();
    println!("{output}");
    match status {
        Some(st) if st.success() => {}
        Some(st) => {
            panic!("{what} failed ({st}); output above and in {}\n--- server log ---\n{}", log_path.display(), s.log())
        }
        None => panic!(
            "{what} did not finish within {timeout:?}; output so far:\n{output}\n--- server log ---\n{}",
            s.log()
        ),
    }
    assert!(output.contains(done_marker), "{what} exited 0 without finishing:\n{output}");
}

/// Screenshots a browser test left in `out`, `<page>-<lang>.png` for every page and the six
/// languages: each must exist; with `SIGIL_REGENERATE_DOCS=1` they are copied to `docs/screenshots/`.
pub fn publish_screenshots(out: &std::path::Path, pages: &[&str]) {
    for page in pages {
        for lang in ["en", "ro", "ru", "sl", "zh-CN", "ar"] {
            let shot = out.join(format!("{page}-{lang}.png"));
            assert!(std::fs::metadata(&shot).is_ok_and(|m| m.len() > 1000), "{}", shot.display());
            if std::env::var_os("SIGIL_REGENERATE_DOCS").is_some() {
                let docs = sigil_testkit::workspace_root().join("docs/screenshots");
                std::fs::create_dir_all(&docs).unwrap();
                std::fs::copy(&shot, docs.join(format!("{page}-{lang}.png"))).unwrap();
            }
        }
    }
}
