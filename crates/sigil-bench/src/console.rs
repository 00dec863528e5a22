//! `console`: the admin console's first paint on loopback. Seeds `--rows` sign-in records (through
//! the store, spread over the last 24 hours: five applications, successes and four error codes),
//! signs in to the console through Sigil's own pages exactly as a browser does (the console's
//! redirect, the sign-in form, consent, the callback; cookies kept by hand), then GETs the sign-in
//! log page (the landing page: list, charts over the whole range) `--count` times on one
//! connection: time to first byte (headers) and to the full HTML.
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::json;
use sigil_core::clock::{Clock, SystemClock};
use sigil_core::rng::{Rng, SystemRng, uuid_v4, uuid_v7};
use sigil_core::signin_log::SigninRecord;

use crate::AnyError;
use crate::stats::{num, summarize};

#[derive(clap::Args)]
pub struct Args {
    /// Base URL of the server (its public URL), e.g. http://127.0.0.1:8080
    #[arg(long)]
    url: String,
    /// The server's database, for seeding (`--rows 0` seeds nothing).
    #[arg(long, env = "SIGIL_DATABASE_URL", default_value = "")]
    database_url: String,
    #[arg(long, default_value_t = 10_000)]
    rows: u64,
    /// Tenant the seeded records belong to.
    #[arg(long, default_value = "contoso")]
    tenant: String,
    /// The admin tenant (`server.admin_tenant`) and an operator in it with a console role.
    #[arg(long, default_value = "ops")]
    admin_tenant: String,
    #[arg(long, default_value = "root")]
    username: String,
    #[arg(long, env = "SIGIL_BENCH_CONSOLE_PASSWORD", default_value = "")]
    password: String,
    #[arg(long, default_value_t = 100)]
    count: usize,
    #[arg(long, default_value_t = 5)]
    warmup: usize,
}

const APPS: [&str; 5] = ["web-portal", "reporting-daemon", "desktop-app", "legacy-cli", "spa"];
const CODES: [(u32, &str); 4] =
    [(50126, "invalid_grant"), (7000215, "invalid_client"), (70008, "invalid_grant"), (65001, "interaction_required")];

async fn seed(a: &Args) -> Result<f64, AnyError> {
    let store = sigil_store::open(&a.database_url, 2).await?;
    let now = SystemClock.now_millis();
    let started = Instant::now();
    let rows: Vec<SigninRecord> = (0..a.rows)
        .map(|i| {
            let time = now - 86_400_000 + (i as i64 * 86_400_000 / a.rows.max(1) as i64);
            let mut random = [0u8; 10];
            SystemRng.fill(&mut random);
            // One in five fails, with one of four codes.
            let failed = i % 5 == 0;
            let (code, error) = if failed { CODES[(i / 5) as usize % CODES.len()] } else { (0, "") };
            SigninRecord {
                time_millis: time,
                trace_id: uuid_v7(time, &random).to_string(),
                correlation_id: uuid_v4(&SystemRng).to_string(),
                tenant: a.tenant.clone(),
                client_id: Some(APPS[i as usize % APPS.len()].into()),
                user: Some(format!("user{}", i % 97)),
                flow: "authorization_code".into(),
                code,
                error: failed.then(|| error.to_string()),
                reason: if failed { "seeded failure".into() } else { String::new() },
                source: "127.0.0.1".into(),
                user_agent: "sigil-bench".into(),
                latency_micros: 1000,
                signals: None,
            }
        })
        .collect();
    for chunk in rows.chunks(5000) {
        store.write_signins(chunk).await?;
    }
    store.close().await;
    Ok(started.elapsed().as_secs_f64())
}

/// A browser's cookie jar, for one origin, by hand (no redirects followed).
#[derive(Default)]
struct Jar(BTreeMap<String, String>);

impl Jar {
    fn take(&mut self, r: &reqwest::Response) {
        for v in r.headers().get_all("set-cookie") {
            if let Some((k, rest)) = v.to_str().unwrap_or("").split_once('=') {
                let value = rest.split(';').next().unwrap_or("").to_string();
                if value.is_empty() {
                    self.0.remove(k);
                } else {
                    self.0.insert(k.to_string(), value);
                }
            }
        }
    }
    fn header(&self) -> String {
        self.0.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }
}

fn unescape(s: &str) -> String {
    s.replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The first POST form's action and hidden fields.
fn form(html: &str) -> Option<(String, Vec<(String, String)>)> {
    let tag = "<form method=\"post\" action=\"";
    let start = html.find(tag)? + tag.len();
    let action = unescape(&html[start..start + html[start..].find('"')?]);
    let hidden = html[start..]
        .match_indices("<input type=\"hidden\" name=\"")
        .filter_map(|(at, m)| {
            let rest = &html[start + at + m.len()..];
            let (name, rest) = rest.split_once("\" value=\"")?;
            Some((unescape(name), unescape(rest.split('"').next()?)))
        })
        .collect();
    Some((action, hidden))
}

/// The console's sign-in, as a browser does it; returns the jar holding the console session.
async fn sign_in(client: &reqwest::Client, a: &Args) -> Result<Jar, AnyError> {
    let base = a.url.trim_end_matches('/');
    let abs = |u: &str| if u.starts_with('/') { format!("{base}{u}") } else { u.to_string() };
    let mut jar = Jar::default();
    let mut url = format!("{base}/admin/console/login");
    let mut body: Option<Vec<(String, String)>> = None;
    for _ in 0..12 {
        let req = match body.take() {
            Some(fields) => client.post(&url).form(&fields),
            None => client.get(&url),
        };
        let r = req.header("cookie", jar.header()).send().await?;
        jar.take(&r);
        if let Some(loc) = r.headers().get("location").and_then(|v| v.to_str().ok()) {
            url = abs(loc);
            if url == format!("{base}/admin/console/") {
                return Ok(jar);
            }
            continue;
        }
        let status = r.status();
        let html = r.text().await?;
        let code: String = html
            .split("SIGIL")
            .nth(1)
            .map(|r| r.chars().take_while(char::is_ascii_digit).collect())
            .unwrap_or_default();
        let (action, mut fields) = form(&html)
            .ok_or_else(|| format!("console sign-in: a page without a form ({status}, SIGIL{code}) at {url}"))?;
        if html.contains("name=\"password\"") {
            fields.push(("username".into(), a.username.clone()));
            fields.push(("password".into(), a.password.clone()));
        } else if html.contains("name=\"decision\"") {
            fields.push(("decision".into(), "accept".into()));
        }
        url = abs(&action);
        body = Some(fields);
    }
    Err("console sign-in did not come back to the console".into())
}

pub async fn run(a: Args) -> Result<serde_json::Value, AnyError> {
    if a.password.is_empty() {
        return Err("--password (or SIGIL_BENCH_CONSOLE_PASSWORD) is needed to sign in".into());
    }
    let seeded = if a.rows > 0 && !a.database_url.is_empty() { Some(seed(&a).await?) } else { None };
    if let Some(s) = seeded {
        eprintln!("console: {} sign-in rows seeded in {s:.1} s", a.rows);
    }
    // Redirects are followed by hand, as a browser does, keeping each response's cookies.
    let client = reqwest::Client::builder()
        .http1_only()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(1)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(30))
        .no_proxy()
        .build()?;
    let jar = sign_in(&client, &a).await?;
    let page = format!("{}/admin/console/?range=24h", a.url.trim_end_matches('/'));
    let (mut ttfb, mut full) = (Vec::with_capacity(a.count), Vec::with_capacity(a.count));
    let mut bytes = 0;
    for i in 0..a.count + a.warmup {
        let sent = Instant::now();
        let r = client.get(&page).header("cookie", jar.header()).send().await?;
        let first = sent.elapsed().as_micros() as u64;
        let status = r.status();
        let html = r.text().await?;
        let done = sent.elapsed().as_micros() as u64;
        if status != 200 || !html.contains("<svg class=\"chart\"") {
            return Err(format!("console page answered {status} without its chart").into());
        }
        bytes = html.len();
        if i >= a.warmup {
            ttfb.push(first);
            full.push(done);
        }
    }
    let (t, f) = (summarize(ttfb), summarize(full));
    eprintln!(
        "console: sign-in log page with {} rows: first byte p50 {:.1} ms p99 {:.1} ms; full HTML ({} KiB) p50 {:.1} ms p99 {:.1} ms",
        a.rows,
        t.p50_ms,
        t.p99_ms,
        bytes / 1024,
        f.p50_ms,
        f.p99_ms
    );
    Ok(json!({
        "scenario": "console",
        "rows_seeded": a.rows,
        "seed_seconds": seeded.map(num),
        "html_bytes": bytes,
        "first_byte": t.to_json(),
        "full_html": f.to_json(),
    }))
}
