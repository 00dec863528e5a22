//! `refresh`: refresh-token rotation under concurrent load.
//!
//! Every refresh token is presented exactly once. A worker takes the next unused token from the
//! file; after a success it presents the successor it was just given (a client keeping its newest
//! token), unless `--no-chain`. After a refusal it drops that chain and takes a fresh token from the
//! file. A worker stops at the deadline (a request in flight is finished) or when the file is used up
//! and it holds no successor.
//!
//! Counted: successes, refusals by status/error/catalog code, transport errors, successes without a
//! `refresh_token`, and duplicate successors: the same `refresh_token` string returned twice in the
//! run, which must be 0 (rotation hands out a new token every time, and only once).
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::stats::{num, summarize};
use crate::{AnyError, http};

#[derive(clap::Args)]
pub struct Args {
    /// Base URL of the server, e.g. http://127.0.0.1:8080; repeated, successive requests go
    /// round-robin over them, so a token one instance issued is redeemed at the next.
    #[arg(long, required = true)]
    url: Vec<String>,
    #[arg(long, default_value = "contoso")]
    tenant: String,
    #[arg(long, default_value = "legacy-cli")]
    client_id: String,
    /// Client secret (sent with HTTP Basic, client_secret_basic).
    #[arg(long, env = "SIGIL_BENCH_CLIENT_SECRET")]
    secret: String,
    /// File with one plaintext refresh token per line (from `seed-grants --out`).
    #[arg(long)]
    tokens: PathBuf,
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Duration of the run.
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    /// Never present a successor: every request uses a fresh token from the file.
    #[arg(long)]
    no_chain: bool,
    /// Per-request timeout, seconds.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
}

struct Shared {
    tokens: Vec<String>,
    next: AtomicUsize,
    successors: Mutex<HashSet<String>>,
}

impl Shared {
    fn take(&self) -> Option<String> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        self.tokens.get(i).cloned()
    }
}

#[derive(Default)]
struct Tally {
    ok: u64,
    refused: BTreeMap<String, u64>,
    transport: BTreeMap<String, u64>,
    missing_refresh_token: u64,
    duplicate_successors: u64,
    micros: Vec<u64>,
}

impl Tally {
    fn merge(&mut self, o: Tally) {
        self.ok += o.ok;
        for (k, v) in o.refused {
            *self.refused.entry(k).or_default() += v;
        }
        for (k, v) in o.transport {
            *self.transport.entry(k).or_default() += v;
        }
        self.missing_refresh_token += o.missing_refresh_token;
        self.duplicate_successors += o.duplicate_successors;
        self.micros.extend(o.micros);
    }
}

pub async fn run(a: Args) -> Result<serde_json::Value, AnyError> {
    let text = std::fs::read_to_string(&a.tokens).map_err(|e| format!("{}: {e}", a.tokens.display()))?;
    let tokens: Vec<String> = text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
    if tokens.is_empty() {
        return Err(format!("{}: no refresh tokens", a.tokens.display()).into());
    }
    let available = tokens.len();
    let concurrency = a.concurrency.max(1);
    let shared = Arc::new(Shared { tokens, next: AtomicUsize::new(0), successors: Mutex::new(HashSet::new()) });
    let client = http::client(concurrency, Duration::from_secs(a.timeout))?;
    let urls: Arc<Vec<String>> = Arc::new(a.url.iter().map(|u| http::token_url(u, &a.tenant)).collect());
    let (id, secret) = (Arc::new(a.client_id.clone()), Arc::new(a.secret.clone()));
    let chain = !a.no_chain;

    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(a.seconds);
    let mut workers = tokio::task::JoinSet::new();
    for w in 0..concurrency {
        let (shared, client, urls, id, secret) =
            (shared.clone(), client.clone(), urls.clone(), id.clone(), secret.clone());
        workers.spawn(async move {
            let mut t = Tally::default();
            let mut turn = w;
            let mut held: Option<String> = None;
            while Instant::now() < deadline {
                let Some(token) = held.take().or_else(|| shared.take()) else { break };
                let sent = Instant::now();
                turn += 1;
                let res = client
                    .post(urls[turn % urls.len()].as_str())
                    .basic_auth(id.as_str(), Some(secret.as_str()))
                    .form(&[("grant_type", "refresh_token"), ("refresh_token", token.as_str())])
                    .send()
                    .await;
                let res = match res {
                    Ok(r) => r,
                    Err(e) => {
                        *t.transport.entry(transport_kind(&e)).or_default() += 1;
                        continue;
                    }
                };
                let status = res.status().as_u16();
                let body = match res.bytes().await {
                    Ok(b) => b,
                    Err(e) => {
                        *t.transport.entry(transport_kind(&e)).or_default() += 1;
                        continue;
                    }
                };
                t.micros.push(sent.elapsed().as_micros() as u64);
                if !(200..300).contains(&status) {
                    *t.refused.entry(http::refusal_key(status, &body)).or_default() += 1;
                    continue;
                }
                t.ok += 1;
                let v: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
                match v.get("refresh_token").and_then(|r| r.as_str()) {
                    Some(successor) => {
                        let fresh = shared.successors.lock().expect("lock").insert(successor.to_string());
                        if !fresh {
                            t.duplicate_successors += 1;
                        } else if chain {
                            held = Some(successor.to_string());
                        }
                    }
                    None => t.missing_refresh_token += 1,
                }
            }
            t
        });
    }
    let mut total = Tally::default();
    while let Some(t) = workers.join_next().await {
        total.merge(t?);
    }
    let elapsed = started.elapsed().as_secs_f64();
    let from_file = shared.next.load(Ordering::Relaxed).min(available);
    let refused: u64 = total.refused.values().sum();
    let transport: u64 = total.transport.values().sum();
    let requests = total.ok + refused + transport;
    let lat = summarize(std::mem::take(&mut total.micros));
    eprintln!(
        "refresh: {requests} requests in {elapsed:.2} s, c={concurrency}: {} ok ({:.0}/s), {refused} refused {:?}, \
         {transport} transport errors {:?}, {} duplicate successors, {} without refresh_token; p50 {:.2} ms, \
         p99 {:.2} ms; {from_file}/{available} tokens taken from the file",
        total.ok,
        total.ok as f64 / elapsed,
        total.refused,
        total.transport,
        total.duplicate_successors,
        total.missing_refresh_token,
        lat.p50_ms,
        lat.p99_ms,
    );
    if from_file >= available && chain {
        eprintln!("refresh: note: the token file ran out; seed more tokens for a longer run");
    }
    Ok(json!({
        "scenario": "refresh",
        "concurrency": concurrency,
        "chain": chain,
        "seconds": num(elapsed),
        "requests": requests,
        "ok": total.ok,
        "ok_per_sec": num(total.ok as f64 / elapsed),
        "requests_per_sec": num(requests as f64 / elapsed),
        "non2xx": refused,
        "non2xx_by_status": total.refused,
        "transport_errors": transport,
        "transport_errors_by_kind": total.transport,
        "duplicate_successors": total.duplicate_successors,
        "missing_refresh_token": total.missing_refresh_token,
        "tokens_from_file": from_file,
        "tokens_available": available,
        "latency": lat.to_json(),
        "p50_ms": num(lat.p50_ms),
        "p99_ms": num(lat.p99_ms),
    }))
}

pub fn transport_kind(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timeout".into()
    } else if e.is_connect() {
        "connect".into()
    } else if e.is_body() || e.is_decode() {
        "body".into()
    } else {
        "request".into()
    }
}
