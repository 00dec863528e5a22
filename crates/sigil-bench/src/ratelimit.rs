//! `ratelimit-cost`: what the rate limiter adds to one request, on one thread, counting in memory
//! (as on SQLite; PostgreSQL adds one upsert per lease): client, address and prefix keys, thread
//! CPU time over many requests, minus the cost of making the request's source string.
use std::time::Instant;

use serde_json::json;
use sigil_core::ratelimit::{RateLimitSettings, RateLimiter, Subject};
use sigil_core::store::{HitClaim, RateLimitStore, StoreResult};
use uuid::Uuid;

use crate::AnyError;
use crate::stats::num;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value_t = 200_000)]
    requests: u32,
}

/// Counting in memory never reaches the store.
struct InMemory;
#[async_trait::async_trait]
impl RateLimitStore for InMemory {
    async fn claim_hits(&self, _: &[HitClaim]) -> StoreResult<Vec<([u8; 16], i64)>> {
        unreachable!("in-memory counting never calls the store")
    }
}

pub async fn run(a: Args) -> Result<serde_json::Value, AnyError> {
    let l = RateLimiter::new(RateLimitSettings {
        per_client: u64::MAX,
        per_address: u64::MAX,
        per_prefix: u64::MAX,
        ..Default::default()
    });
    let n = a.requests.max(1);
    let started = Instant::now();
    for i in 0..n {
        let source = format!("192.0.2.{}", i % 200);
        let s = Subject { tenant: Uuid::nil(), client_id: Some("app"), user: None, source: &source };
        l.check(&InMemory, 1_800_000_000, &s).await.map_err(|_| "refused with unlimited settings")?;
    }
    let took = started.elapsed();
    let format_started = Instant::now();
    for i in 0..n {
        std::hint::black_box(format!("192.0.2.{}", i % 200));
    }
    let per = took.saturating_sub(format_started.elapsed()) / n;
    eprintln!("ratelimit-cost: {per:?} per check (client, address, prefix), {n} requests");
    Ok(json!({"scenario": "ratelimit-cost", "requests": n, "ns_per_check": num(per.as_nanos() as f64)}))
}
