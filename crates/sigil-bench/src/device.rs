//! `device-poll`: device-code polling (RFC 8628 §3.4) against many pending codes. Seeds `--codes`
//! pending device codes through the store (the server's own code path stores only their hashes),
//! then C workers poll random ones at the token endpoint for `--seconds`. Every poll of a pending
//! code is an answer of 400 (`authorization_pending`, or `slow_down` when the same code comes round
//! again within its interval); what is measured is the cost of that answer: one conditional UPDATE
//! on a table of `--codes` rows.
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use sigil_core::clock::{Clock, SystemClock};
use sigil_core::crypto::token_hash;
use sigil_core::rng::{SystemRng, token_256};
use sigil_core::store::NewDeviceCode;

use crate::stats::{num, summarize};
use crate::{AnyError, http};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, env = "SIGIL_DATABASE_URL")]
    database_url: String,
    /// Base URL of the running server.
    #[arg(long)]
    url: String,
    #[arg(long, default_value = "contoso")]
    tenant: String,
    /// A client allowed the device_code grant (public: no secret).
    #[arg(long, default_value = "desktop-app")]
    client: String,
    /// Pending device codes to add before polling (0: poll the ones added by an earlier run).
    #[arg(long, default_value_t = 10_000)]
    codes: u64,
    /// How many of the codes (at most) the workers poll.
    #[arg(long, default_value_t = 10_000)]
    poll_set: usize,
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    #[arg(long, default_value_t = 8)]
    parallel: usize,
}

pub async fn run(a: Args) -> Result<serde_json::Value, AnyError> {
    let store = sigil_store::open(&a.database_url, a.parallel.max(1) as u32 + 1).await?;
    let dir = store.load_directory().await?;
    let tenant = dir
        .tenants
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case(&a.tenant))
        .ok_or_else(|| format!("tenant '{}' not found (run `sigil import` first)", a.tenant))?
        .clone();
    let now = SystemClock.now();
    let started = Instant::now();
    let mut poll: Vec<String> = Vec::with_capacity(a.poll_set);
    let mut tasks = tokio::task::JoinSet::new();
    let per_task = a.codes.div_ceil(a.parallel.max(1) as u64);
    for t in 0..a.parallel.max(1) as u64 {
        let n = per_task.min(a.codes.saturating_sub(t * per_task));
        let (store, tenant_id, client) = (store.clone(), tenant.id, a.client.clone());
        let keep = a.poll_set.div_ceil(a.parallel.max(1));
        tasks.spawn(async move {
            let mut kept = Vec::new();
            for i in 0..n {
                let code = token_256(&SystemRng);
                let user_code = token_256(&SystemRng);
                let d = NewDeviceCode {
                    device_hash: token_hash(&code),
                    user_code_hash: token_hash(&user_code),
                    tenant_id,
                    client_id: client.clone(),
                    scope: "openid".into(),
                    created_at: now,
                    expires_at: now + 86_400,
                    interval: 5,
                };
                store.put_device_code(&d).await.map_err(|e| e.to_string())?;
                if (i as usize) < keep {
                    kept.push(code);
                }
            }
            Ok::<_, String>(kept)
        });
    }
    while let Some(r) = tasks.join_next().await {
        poll.extend(r??);
    }
    let seed_secs = started.elapsed().as_secs_f64();
    if a.codes > 0 {
        eprintln!("device-poll: {} pending codes in {seed_secs:.1} s", a.codes);
    }
    store.close().await;
    if poll.is_empty() {
        return Err("no codes to poll (use --codes)".into());
    }
    let poll = Arc::new(poll);
    let client = http::client(a.concurrency, Duration::from_secs(30))?;
    let token_url = format!("{}/{}/oauth2/v2.0/token", a.url.trim_end_matches('/'), a.tenant);
    let deadline = Instant::now() + Duration::from_secs_f64(a.seconds);
    let load_started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for w in 0..a.concurrency.max(1) {
        let (client, url, poll, client_id) = (client.clone(), token_url.clone(), poll.clone(), a.client.clone());
        workers.spawn(async move {
            let mut micros = Vec::new();
            let mut answers: BTreeMap<String, u64> = BTreeMap::new();
            // A cheap per-worker sequence that visits the codes in a scattered order.
            let mut i = w * 7919;
            while Instant::now() < deadline {
                i = (i + 104_729) % poll.len();
                let t0 = Instant::now();
                let r = client
                    .post(&url)
                    .form(&[
                        ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                        ("client_id", client_id.as_str()),
                        ("device_code", poll[i].as_str()),
                    ])
                    .send()
                    .await;
                let answer = match r {
                    Ok(r) => {
                        let status = r.status().as_u16();
                        let body: serde_json::Value = r.json().await.unwrap_or_default();
                        micros.push(t0.elapsed().as_micros() as u64);
                        format!("{status} {}", body["error"].as_str().unwrap_or("-"))
                    }
                    Err(e) => format!("transport {}", crate::refresh::transport_kind(&e)),
                };
                *answers.entry(answer).or_default() += 1;
            }
            (micros, answers)
        });
    }
    let mut micros = Vec::new();
    let mut answers: BTreeMap<String, u64> = BTreeMap::new();
    while let Some(r) = workers.join_next().await {
        let (m, ans) = r?;
        micros.extend(m);
        for (k, v) in ans {
            *answers.entry(k).or_default() += v;
        }
    }
    let secs = load_started.elapsed().as_secs_f64();
    let polls = micros.len();
    let s = summarize(micros);
    let unexpected: u64 = answers
        .iter()
        .filter(|(k, _)| !k.ends_with("authorization_pending") && !k.ends_with("slow_down"))
        .map(|(_, v)| v)
        .sum();
    eprintln!(
        "device-poll: {:.0} polls/s, p50 {:.3} ms, p99 {:.3} ms; answers {answers:?}",
        polls as f64 / secs,
        s.p50_ms,
        s.p99_ms
    );
    Ok(json!({
        "scenario": "device-poll",
        "codes_added": a.codes,
        "seed_seconds": num(seed_secs),
        "polled_codes": poll.len(),
        "polls_per_sec": num(polls as f64 / secs),
        "p50_ms": num(s.p50_ms),
        "p99_ms": num(s.p99_ms),
        "answers": answers,
        "unexpected": unexpected,
    }))
}
