//! `signin-search`: the admin console's default sign-in log queries through the admin API
//! (`GET /admin/api/v1/signins…`) on a large log. Seeds `--rows` records through the store (the
//! server's own batched multi-row INSERTs, several transactions in flight) spread over 30 days,
//! 50 applications, 5,000 users and 14 outcomes, then times each query `--count` times on one
//! keep-alive connection, after 5 warm-up requests. Issue 22's aim: p99 under 50 ms at 1M rows.
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sigil_core::clock::{Clock, SystemClock};
use sigil_core::rng::{Rng, SystemRng, uuid_v7};
use sigil_core::signin_log::SigninRecord;
use sigil_core::store::Store;

use crate::AnyError;
use crate::stats::{num, summarize};

#[derive(clap::Args)]
pub struct Args {
    /// The database to seed (the server's).
    #[arg(long, env = "SIGIL_DATABASE_URL")]
    database_url: String,
    /// Sign-in records to add before measuring (0: measure what is there).
    #[arg(long, default_value_t = 1_000_000)]
    rows: u64,
    /// The running server; without it the command only seeds.
    #[arg(long)]
    url: Option<String>,
    /// A bearer token for the admin API (the server's `server.admin_token`).
    #[arg(long, env = "SIGIL_SERVER_ADMIN_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// The tenant name the records carry.
    #[arg(long, default_value = "bench")]
    tenant: String,
    /// Timed requests per query.
    #[arg(long, default_value_t = 200)]
    count: usize,
    /// Seeding tasks (transactions in flight).
    #[arg(long, default_value_t = 4)]
    parallel: usize,
}

const DAY_MS: i64 = 86_400_000;
const SPAN_DAYS: i64 = 30;
const APPS: u64 = 50;
const USERS: u64 = 5_000;
const BATCH: u64 = 4_096;
/// Outcomes and their share in 10,000: mostly successes, a few common refusals, some rare ones.
const CODES: [(u32, u64); 14] = [
    (0, 8_000),
    (50126, 700),
    (70008, 400),
    (7000215, 300),
    (50053, 150),
    (65001, 120),
    (700016, 100),
    (9002313, 80),
    (50076, 50),
    (70011, 40),
    (90023, 30),
    (700082, 20),
    (88000481, 9),
    (88000383, 1),
];

/// The outcome of row `i`: a fixed pattern over the shares (deterministic, evenly spread).
fn code_of(i: u64) -> u32 {
    // A multiplicative hash spreads consecutive rows over the 10,000 slots.
    let mut slot = (i.wrapping_mul(2_654_435_761) >> 7) % 10_000;
    for (code, share) in CODES {
        if slot < share {
            return code;
        }
        slot -= share;
    }
    0
}

fn app(i: u64) -> String {
    format!("app-{:02}", i % APPS)
}

fn user(i: u64) -> String {
    format!("user{:04}", (i / 3) % USERS)
}

/// Seeds `rows` records, oldest first, evenly over the last 30 days; returns the trace ID of one in
/// the middle and the seconds it took.
async fn seed(store: &Arc<dyn Store>, a: &Args) -> Result<(String, f64), AnyError> {
    let total = a.rows;
    let now = SystemClock.now_millis();
    let spacing = (SPAN_DAYS * DAY_MS / total.max(1) as i64).max(1);
    let time_of = move |i: u64| now - SPAN_DAYS * DAY_MS + i as i64 * spacing;
    let trace_of = move |i: u64| {
        let mut random = [0u8; 10];
        SystemRng.fill(&mut random);
        uuid_v7(time_of(i), &random).to_string()
    };
    let known_index = total / 2;
    let known = trace_of(known_index);
    let started = Instant::now();
    let next = Arc::new(AtomicU64::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..a.parallel.max(1) {
        let (store, next, known, tenant) = (store.clone(), next.clone(), known.clone(), a.tenant.clone());
        tasks.spawn(async move {
            loop {
                let first = next.fetch_add(BATCH, Ordering::Relaxed);
                if first >= total {
                    return Ok::<(), AnyError>(());
                }
                let batch: Vec<SigninRecord> = (first..total.min(first + BATCH))
                    .map(|i| {
                        let code = code_of(i);
                        SigninRecord {
                            time_millis: time_of(i),
                            trace_id: if i == known_index { known.clone() } else { trace_of(i) },
                            correlation_id: trace_of(i),
                            tenant: tenant.clone(),
                            client_id: Some(app(i)),
                            user: (i % 4 != 0).then(|| user(i)),
                            flow: if i % 4 == 0 { "client_credentials" } else { "authorization_code" }.into(),
                            code,
                            error: (code != 0).then(|| "invalid_grant".into()),
                            reason: if code == 0 { "ok".into() } else { format!("seeded refusal {code}") },
                            source: "127.0.0.1".into(),
                            user_agent: "sigil-bench".into(),
                            latency_micros: 900 + (i % 300) as i64,
                            signals: None,
                        }
                    })
                    .collect();
                store.write_signins(&batch).await?;
            }
        });
    }
    let mut last = Instant::now();
    while !tasks.is_empty() {
        tokio::select! {
            r = tasks.join_next() => { if let Some(r) = r { r??; } }
            _ = tokio::time::sleep(Duration::from_secs(5)) => {}
        }
        if last.elapsed() >= Duration::from_secs(5) {
            last = Instant::now();
            let done = next.load(Ordering::Relaxed).min(total);
            eprintln!(
                "signin-search: seeded {done}/{total} ({:.0} rows/s)",
                done as f64 / started.elapsed().as_secs_f64()
            );
        }
    }
    Ok((known, started.elapsed().as_secs_f64()))
}

/// Times `count` GETs of `path` (after 5 warm-ups); every answer must be 200. Returns the
/// latencies and how many items the last answer held (printed: a search that finds nothing is seen).
async fn time_query(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    path: &str,
    count: usize,
) -> Result<(crate::stats::Summary, usize), AnyError> {
    let url = format!("{base}/admin/api/v1{path}");
    let mut micros = Vec::with_capacity(count);
    let mut found = 0;
    for i in 0..count + 5 {
        let t = Instant::now();
        let res = http.get(&url).bearer_auth(token).send().await?;
        let status = res.status();
        let body: Value = res.json().await?;
        let elapsed = t.elapsed();
        if !status.is_success() {
            return Err(format!("GET {path}: HTTP {status}: {body}").into());
        }
        found = body["items"].as_array().map_or(usize::from(body["trace_id"].is_string()), Vec::len);
        if i >= 5 {
            micros.push(elapsed.as_micros() as u64);
        }
    }
    Ok((summarize(micros), found))
}

pub async fn run(a: Args) -> Result<Value, AnyError> {
    let store = sigil_store::open(&a.database_url, (a.parallel as u32).max(2) + 1).await?;
    let (known, seed_secs) = if a.rows > 0 { seed(&store, &a).await? } else { (String::new(), 0.0) };
    store.close().await;
    if a.rows > 0 {
        eprintln!(
            "signin-search: {} rows seeded in {seed_secs:.1} s ({:.0} rows/s)",
            a.rows,
            a.rows as f64 / seed_secs
        );
    }
    let mut out = json!({
        "scenario": "signin-search",
        "database": sigil_store::redact_url(&a.database_url).split(':').next().unwrap_or(""),
        "rows_seeded": a.rows,
        "seed_seconds": num(seed_secs),
    });
    let Some(base) = a.url.as_deref().map(|u| u.trim_end_matches('/').to_string()) else { return Ok(out) };
    let token = a.token.clone().ok_or("--url needs --token (the server's admin token)")?;
    let http = crate::http::client(1, Duration::from_secs(30))?;
    let now = SystemClock.now_millis();
    let mut queries: Vec<(&str, String)> = vec![
        ("last hour", format!("/signins?since={}", now - 3_600_000)),
        ("by application", "/signins?application=app-07".into()),
        ("by error code (common)", "/signins?code=50126".into()),
        ("by error code (rare, 0.01 %)", "/signins?code=88000383".into()),
        ("by user", "/signins?user=user0042".into()),
        ("application + code + last day", format!("/signins?application=app-07&code=50126&since={}", now - DAY_MS)),
        ("tenant + last day, 200 a page", format!("/signins?tenant={}&since={}&limit=200", a.tenant, now - DAY_MS)),
    ];
    // A trace ID that exists: the seeded one, else the newest record of an application.
    let trace = if known.is_empty() {
        let v: Value = http
            .get(format!("{base}/admin/api/v1/signins?application=app-07&limit=1"))
            .bearer_auth(&token)
            .send()
            .await?
            .json()
            .await?;
        v["items"][0]["trace_id"].as_str().unwrap_or_default().to_string()
    } else {
        known
    };
    if !trace.is_empty() {
        queries.push(("by trace id", format!("/signins/{trace}")));
    }
    // Keyset pagination: the tenth page of an application's records costs what the first does.
    let mut path = "/signins?application=app-07&limit=50".to_string();
    for _ in 0..9 {
        let v: Value = http.get(format!("{base}/admin/api/v1{path}")).bearer_auth(&token).send().await?.json().await?;
        let Some(c) = v["next_cursor"].as_str() else { break };
        path = format!("/signins?application=app-07&limit=50&cursor={c}");
    }
    queries.push(("by application, 10th page (cursor)", path));
    // One untimed pass first: the first query of a kind after the server starts reads its index
    // pages from disk; the console's queries run on a warm server.
    for (_, path) in &queries {
        time_query(&http, &base, &token, path, 0).await?;
    }
    let mut rows = Vec::new();
    for (name, path) in &queries {
        let (lat, found) = time_query(&http, &base, &token, path, a.count).await?;
        eprintln!(
            "signin-search: {name:<36} {found:>3} item(s)  p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms",
            lat.p50_ms, lat.p99_ms, lat.max_ms
        );
        rows.push(json!({"query": name, "path": path, "items": found, "latency": lat.to_json(),
                         "p50_ms": num(lat.p50_ms), "p99_ms": num(lat.p99_ms)}));
    }
    let worst = rows.iter().filter_map(|r| r["p99_ms"].as_f64()).fold(0.0, f64::max);
    eprintln!("signin-search: worst p99 {worst:.2} ms (aim: under 50 ms)");
    out["queries"] = json!(rows);
    out["worst_p99_ms"] = num(worst);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_follow_their_shares() {
        let mut counts = std::collections::HashMap::new();
        for i in 0..100_000 {
            *counts.entry(code_of(i)).or_insert(0u64) += 1;
        }
        assert_eq!(counts.len(), CODES.len(), "every code appears");
        for (code, share) in CODES {
            let got = counts[&code] as f64 / 10.0;
            assert!(
                (got - share as f64).abs() <= share as f64 * 0.5 + 3.0,
                "code {code}: {got} per 10,000, want {share}"
            );
        }
    }
}
