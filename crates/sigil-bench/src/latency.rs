//! `latency`: sequential requests on ONE keep-alive connection, so each number is the latency of a
//! single request with nothing queued behind it (used for the data-size growth scenario).
//! `log-lookup`: the store query behind `sigil logs --trace-id`, repeated, in the same process.
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::json;
use sigil_core::signin_log::SigninQuery;

use crate::stats::{num, summarize};
use crate::{AnyError, http, refresh::transport_kind};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// POST the token endpoint with grant_type=refresh_token, a different token from --tokens each
    /// time (tokens spread evenly over the file).
    Refresh,
    /// POST the token endpoint with grant_type=client_credentials (--scope).
    ClientCredentials,
    /// GET --path.
    Get,
}

#[derive(clap::Args)]
pub struct Args {
    /// Base URL of the server, e.g. http://127.0.0.1:8080
    #[arg(long)]
    url: String,
    /// Measured requests (after --warmup unmeasured ones).
    #[arg(long, default_value_t = 1000)]
    count: usize,
    #[arg(long, default_value_t = 20)]
    warmup: usize,
    #[arg(long, value_enum, default_value = "refresh")]
    mode: Mode,
    /// Path for --mode get.
    #[arg(long, default_value = "/healthz")]
    path: String,
    #[arg(long, default_value = "contoso")]
    tenant: String,
    #[arg(long, default_value = "legacy-cli")]
    client_id: String,
    #[arg(long, env = "SIGIL_BENCH_CLIENT_SECRET", default_value = "")]
    secret: String,
    /// Refresh tokens, one a line (--mode refresh).
    #[arg(long)]
    tokens: Option<PathBuf>,
    /// Write the refresh tokens this run presented (now spent) to this file, one a line, so the next
    /// run can leave them out.
    #[arg(long)]
    used_out: Option<PathBuf>,
    /// Scope for --mode client-credentials.
    #[arg(long, default_value = "api://reports/.default")]
    scope: String,
}

pub async fn run(a: Args) -> Result<serde_json::Value, AnyError> {
    let total = a.count + a.warmup;
    let tokens: Vec<String> = match (a.mode, &a.tokens) {
        (Mode::Refresh, None) => return Err("--mode refresh needs --tokens FILE".into()),
        (Mode::Refresh, Some(p)) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            let all: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            if all.len() < total {
                return Err(format!("{}: {} tokens, need {total} (count + warmup)", p.display(), all.len()).into());
            }
            // Evenly spread, so the lookups touch the whole index and not only its newest pages.
            let step = all.len() / total;
            (0..total).map(|i| all[i * step].to_string()).collect()
        }
        _ => Vec::new(),
    };
    // One connection: at most one idle connection kept, and requests strictly one after another.
    let client = http::client(1, Duration::from_secs(30))?;
    let token_url = http::token_url(&a.url, &a.tenant);
    let get_url = format!("{}{}", a.url.trim_end_matches('/'), a.path);
    let mut micros = Vec::with_capacity(a.count);
    let mut refused = std::collections::BTreeMap::<String, u64>::new();
    let mut transport = 0u64;
    for i in 0..total {
        let req = match a.mode {
            Mode::Refresh => client
                .post(&token_url)
                .basic_auth(&a.client_id, Some(&a.secret))
                .form(&[("grant_type", "refresh_token"), ("refresh_token", tokens.get(i).map_or("", String::as_str))]),
            Mode::ClientCredentials => client
                .post(&token_url)
                .basic_auth(&a.client_id, Some(&a.secret))
                .form(&[("grant_type", "client_credentials"), ("scope", a.scope.as_str())]),
            Mode::Get => client.get(&get_url),
        };
        let sent = Instant::now();
        let res = match req.send().await {
            Ok(r) => r,
            Err(e) => {
                eprintln!("latency: request {i}: {} error: {e}", transport_kind(&e));
                transport += 1;
                continue;
            }
        };
        let status = res.status().as_u16();
        let body = match res.bytes().await {
            Ok(b) => b,
            Err(e) => {
                eprintln!("latency: request {i}: {} error: {e}", transport_kind(&e));
                transport += 1;
                continue;
            }
        };
        let took = sent.elapsed().as_micros() as u64;
        if i < a.warmup {
            continue;
        }
        micros.push(took);
        if !(200..300).contains(&status) {
            *refused.entry(http::refusal_key(status, &body)).or_default() += 1;
        }
    }
    if let Some(p) = &a.used_out {
        let mut text = tokens.join("\n");
        text.push('\n');
        std::fs::write(p, text).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    let non2xx: u64 = refused.values().sum();
    let lat = summarize(micros);
    let mode = match a.mode {
        Mode::Refresh => "refresh",
        Mode::ClientCredentials => "client-credentials",
        Mode::Get => "get",
    };
    eprintln!(
        "latency ({mode}, one connection): {} requests, p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms; {non2xx} non-2xx {refused:?}, {transport} transport errors",
        lat.count, lat.p50_ms, lat.p99_ms, lat.max_ms
    );
    Ok(json!({
        "scenario": "latency",
        "mode": mode,
        "requests": lat.count,
        "non2xx": non2xx,
        "non2xx_by_status": refused,
        "transport_errors": transport,
        "latency": lat.to_json(),
        "p50_ms": num(lat.p50_ms),
        "p99_ms": num(lat.p99_ms),
    }))
}

#[derive(clap::Args)]
pub struct LookupArgs {
    #[arg(long, env = "SIGIL_DATABASE_URL")]
    database_url: String,
    /// The trace id to look up (seed-grants --signins prints one that exists).
    #[arg(long)]
    trace_id: String,
    #[arg(long, default_value_t = 200)]
    count: usize,
}

pub async fn run_lookup(a: LookupArgs) -> Result<serde_json::Value, AnyError> {
    let store = sigil_store::open(&a.database_url, 2).await?;
    // Same query as `sigil logs --trace-id X` (its default limit is 100).
    let q = SigninQuery { trace_id: Some(a.trace_id.clone()), limit: 100, ..Default::default() };
    let mut micros = Vec::with_capacity(a.count);
    let mut found = 0usize;
    for i in 0..a.count + 5 {
        let t = Instant::now();
        let rows = store.query_signins(&q).await?;
        if i >= 5 {
            micros.push(t.elapsed().as_micros() as u64);
        }
        found = rows.len();
    }
    store.close().await;
    if found == 0 {
        return Err(format!("trace id {} not found in the sign-in log", a.trace_id).into());
    }
    let lat = summarize(micros);
    eprintln!(
        "log-lookup ({}): {} lookups by trace id, {found} row(s) each, p50 {:.3} ms, p99 {:.3} ms",
        sigil_store::redact_url(&a.database_url),
        lat.count,
        lat.p50_ms,
        lat.p99_ms
    );
    Ok(json!({
        "scenario": "log-lookup",
        "rows_found": found,
        "latency": lat.to_json(),
        "p50_ms": num(lat.p50_ms),
        "p99_ms": num(lat.p99_ms),
    }))
}
