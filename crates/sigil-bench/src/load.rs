//! `load`: a minimal closed-loop HTTP load generator (C workers, each sending its next request when
//! the previous one finished, over keep-alive connections) for the same request oha would send.
//!
//! bench/run.sh uses oha (pinned) for the published numbers; this exists so `run.sh --smoke` can run
//! in CI without first compiling oha. Its report mirrors oha's: requests per second counts every
//! finished request whatever its status; percentiles cover every request that got a response.
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::refresh::transport_kind;
use crate::stats::{num, summarize};
use crate::{AnyError, http};

#[derive(clap::Args)]
pub struct Args {
    /// Full URL to request; repeated, the requests go round-robin over them (several instances).
    #[arg(long, required = true)]
    url: Vec<String>,
    #[arg(long, default_value = "GET")]
    method: String,
    /// HTTP Basic credentials, `ID:SECRET`.
    #[arg(long)]
    basic: Option<String>,
    /// Request body (sent as application/x-www-form-urlencoded unless --content-type).
    #[arg(long)]
    body: Option<String>,
    #[arg(long, default_value = "application/x-www-form-urlencoded")]
    content_type: String,
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
}

#[derive(Default)]
struct Tally {
    statuses: BTreeMap<u16, u64>,
    transport: BTreeMap<String, u64>,
    micros: Vec<u64>,
}

pub async fn run(a: Args) -> Result<serde_json::Value, AnyError> {
    let concurrency = a.concurrency.max(1);
    let method = reqwest::Method::from_bytes(a.method.to_ascii_uppercase().as_bytes())?;
    let basic = a.basic.as_deref().map(|b| {
        let (id, secret) = b.split_once(':').unwrap_or((b, ""));
        (id.to_string(), secret.to_string())
    });
    let client = http::client(concurrency, Duration::from_secs(30))?;
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(a.seconds);
    let mut workers = tokio::task::JoinSet::new();
    for w in 0..concurrency {
        let (client, method, basic, urls) = (client.clone(), method.clone(), basic.clone(), a.url.clone());
        let (body, content_type) = (a.body.clone(), a.content_type.clone());
        workers.spawn(async move {
            let mut t = Tally::default();
            let mut turn = w;
            while Instant::now() < deadline {
                turn += 1;
                let mut req = client.request(method.clone(), &urls[turn % urls.len()]);
                if let Some((id, secret)) = &basic {
                    req = req.basic_auth(id, Some(secret));
                }
                if let Some(b) = &body {
                    req = req.header(reqwest::header::CONTENT_TYPE, &content_type).body(b.clone());
                }
                let sent = Instant::now();
                let outcome = match req.send().await {
                    Ok(res) => {
                        let status = res.status().as_u16();
                        res.bytes().await.map(|_| status)
                    }
                    Err(e) => Err(e),
                };
                match outcome {
                    Ok(status) => {
                        t.micros.push(sent.elapsed().as_micros() as u64);
                        *t.statuses.entry(status).or_default() += 1;
                    }
                    Err(e) => *t.transport.entry(transport_kind(&e)).or_default() += 1,
                }
            }
            t
        });
    }
    let mut total = Tally::default();
    while let Some(t) = workers.join_next().await {
        let t = t?;
        for (k, v) in t.statuses {
            *total.statuses.entry(k).or_default() += v;
        }
        for (k, v) in t.transport {
            *total.transport.entry(k).or_default() += v;
        }
        total.micros.extend(t.micros);
    }
    let elapsed = started.elapsed().as_secs_f64();
    let answered: u64 = total.statuses.values().sum();
    let transport: u64 = total.transport.values().sum();
    let non2xx: u64 = total.statuses.iter().filter(|(s, _)| !(200..300).contains(*s)).map(|(_, n)| n).sum();
    let lat = summarize(std::mem::take(&mut total.micros));
    let rps = (answered + transport) as f64 / elapsed;
    eprintln!(
        "load: {} {} c={concurrency}: {rps:.0} req/s over {elapsed:.2} s, statuses {:?}, transport errors {:?}, p50 {:.3} ms, p99 {:.3} ms",
        a.method,
        a.url.join(" "),
        total.statuses,
        total.transport,
        lat.p50_ms,
        lat.p99_ms
    );
    let statuses: BTreeMap<String, u64> = total.statuses.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    Ok(json!({
        "scenario": "load",
        "concurrency": concurrency,
        "seconds": num(elapsed),
        "requests": answered + transport,
        "requests_per_sec": num(rps),
        "status_codes": statuses,
        "non2xx": non2xx,
        "transport_errors": transport,
        "transport_errors_by_kind": total.transport,
        "latency": lat.to_json(),
        "p50_ms": num(lat.p50_ms),
        "p99_ms": num(lat.p99_ms),
    }))
}
