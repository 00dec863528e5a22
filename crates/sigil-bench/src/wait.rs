//! `wait-ready`: polls a URL every 2 ms until it answers 200 and reports the time elapsed since
//! `--since-unix-nanos` (taken by the caller just before it spawned the server), i.e. the time from
//! spawn to ready. Polling this often keeps the measurement error to a few milliseconds.
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::json;

use crate::stats::num;
use crate::{AnyError, http};

#[derive(clap::Args)]
pub struct Args {
    /// e.g. http://127.0.0.1:8080/readyz
    #[arg(long)]
    url: String,
    /// Nanoseconds since the Unix epoch when the server was spawned (`date +%s%N`).
    #[arg(long)]
    since_unix_nanos: u128,
    #[arg(long, default_value_t = 30.0)]
    timeout: f64,
}

fn now_nanos() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_nanos()
}

pub async fn run(a: Args) -> Result<serde_json::Value, AnyError> {
    let client = http::client(1, Duration::from_secs(1))?;
    let limit = a.since_unix_nanos + Duration::from_secs_f64(a.timeout).as_nanos();
    loop {
        let last = match client.get(&a.url).send().await {
            Ok(r) if r.status().as_u16() == 200 => {
                let ms = now_nanos().saturating_sub(a.since_unix_nanos) as f64 / 1e6;
                eprintln!("wait-ready: {} answered 200 after {ms:.1} ms", a.url);
                return Ok(json!({ "scenario": "startup", "ready_ms": num(ms) }));
            }
            Ok(r) => format!("HTTP {}", r.status().as_u16()),
            Err(e) => e.to_string(),
        };
        if now_nanos() > limit {
            return Err(format!("{} not ready within {} s (last: {last})", a.url, a.timeout).into());
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}
