//! `seed-grants`: fills a Sigil database through the store API (the same code the server uses), so
//! refresh and sign-in log lookups can be measured against realistic table sizes.
//!
//! Grants: one `GrantStore::create_grant(grant, Some(refresh_hash))` per grant (the store has no
//! bulk insert; each call is one transaction), run from `--parallel` tasks. The plaintext refresh
//! tokens go to `--out`, one a line, in no particular order. Sign-in rows: `SigninLogStore::write_signins`
//! in batches of 5,000 (the store splits them into multi-row INSERTs inside one transaction).
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use serde_json::json;
use sigil_core::clock::{Clock, SystemClock};
use sigil_core::model::Grant;
use sigil_core::rng::{Rng, SystemRng, uuid_v4, uuid_v7};
use sigil_core::signin_log::SigninRecord;
use sigil_core::store::Store;
use sigil_core::token::new_refresh_token;
use tokio::sync::mpsc;

use crate::AnyError;
use crate::stats::num;

#[derive(clap::Args)]
pub struct Args {
    /// `sqlite://path/to/sigil.db` or `postgres://…`; the database must already hold the tenant
    /// (run `sigil import` first).
    #[arg(long, env = "SIGIL_DATABASE_URL")]
    database_url: String,
    #[arg(long, default_value = "contoso")]
    tenant: String,
    /// client_id the grants are issued to (it must allow the refresh_token grant).
    #[arg(long, default_value = "legacy-cli")]
    client: String,
    /// Username the grants belong to.
    #[arg(long, default_value = "alice")]
    user: String,
    /// Number of grants (each with one live refresh token) to insert.
    #[arg(long, default_value_t = 0)]
    count: u64,
    /// Where the plaintext refresh tokens are written (needed with --count).
    #[arg(long)]
    out: Option<PathBuf>,
    /// The grants' scope, as the password grant with `scope=openid offline_access` records it.
    #[arg(long, default_value = "openid offline_access")]
    scope: String,
    /// Number of sign-in log rows to insert (UUIDv7 trace ids; one known trace id is printed).
    #[arg(long, default_value_t = 0)]
    signins: u64,
    /// Concurrent store calls (and pool connections).
    #[arg(long, default_value_t = 8)]
    parallel: usize,
}

const CHUNK: u64 = 1000;
const SIGNIN_BATCH: u64 = 5000;

pub async fn run(a: Args) -> Result<serde_json::Value, AnyError> {
    if a.count > 0 && a.out.is_none() {
        return Err("--count needs --out FILE for the plaintext refresh tokens".into());
    }
    let parallel = a.parallel.max(1);
    let store = sigil_store::open(&a.database_url, parallel as u32 + 1).await?;
    let dir = store.load_directory().await?;
    let tenant = dir
        .tenants
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case(&a.tenant))
        .ok_or_else(|| format!("tenant '{}' not found in the database (run `sigil import` first)", a.tenant))?;
    if !dir.clients.iter().any(|c| c.tenant_id == tenant.id && c.client_id == a.client) {
        return Err(format!("client '{}' not found in tenant '{}'", a.client, a.tenant).into());
    }
    let user = store
        .user_by_username(tenant.id, &a.user)
        .await?
        .ok_or_else(|| format!("user '{}' not found in tenant '{}'", a.user, a.tenant))?;

    let mut out = json!({ "scenario": "seed", "backend": store.backend(), "tenant": a.tenant });
    if a.count > 0 {
        let template = Grant {
            id: uuid::Uuid::nil(),
            tenant_id: tenant.id,
            client_id: a.client.clone(),
            user_id: Some(user.id),
            scope: a.scope.clone(),
            auth_time: 0,
            created_at: 0,
            expires_at: 0,
            revoked_at: None,
            dpop_jkt: None,
            amr: "pwd".into(),
        };
        let path = a.out.clone().expect("checked above");
        let (n, secs) = seed_grants(&store, template, a.count, parallel, &path).await?;
        eprintln!(
            "seed-grants: {n} grants with refresh tokens in {secs:.1} s ({:.0}/s); tokens in {}",
            n as f64 / secs,
            path.display()
        );
        out["grants"] = json!(n);
        out["grants_seconds"] = num(secs);
        out["tokens_file"] = json!(path.display().to_string());
    }
    if a.signins > 0 {
        let (trace, secs) = seed_signins(&store, &a, parallel).await?;
        eprintln!("seed-grants: {} sign-in rows in {secs:.1} s; known trace id: {trace}", a.signins);
        out["signins"] = json!(a.signins);
        out["signins_seconds"] = num(secs);
        out["known_trace_id"] = json!(trace);
    }
    store.close().await;
    Ok(out)
}

async fn seed_grants(
    store: &Arc<dyn Store>,
    template: Grant,
    count: u64,
    parallel: usize,
    path: &PathBuf,
) -> Result<(u64, f64), AnyError> {
    let mut file =
        std::io::BufWriter::new(std::fs::File::create(path).map_err(|e| format!("creating {}: {e}", path.display()))?);
    let started = Instant::now();
    let next = Arc::new(AtomicU64::new(0));
    let (tx, mut rx) = mpsc::channel::<Vec<String>>(parallel * 2);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..parallel {
        let (store, next, tx, template) = (store.clone(), next.clone(), tx.clone(), template.clone());
        tasks.spawn(async move {
            loop {
                let first = next.fetch_add(CHUNK, Ordering::Relaxed);
                if first >= count {
                    return Ok::<(), AnyError>(());
                }
                let n = CHUNK.min(count - first);
                let mut tokens = Vec::with_capacity(n as usize);
                for _ in 0..n {
                    let now = SystemClock.now();
                    let (token, key) = new_refresh_token(&SystemRng, SystemClock.now_millis());
                    let grant = Grant {
                        id: uuid_v4(&SystemRng),
                        auth_time: now,
                        created_at: now,
                        expires_at: now + 90 * 86_400,
                        ..template.clone()
                    };
                    store.create_grant(&grant, Some(&key)).await?;
                    tokens.push(token);
                }
                if tx.send(tokens).await.is_err() {
                    return Ok(());
                }
            }
        });
    }
    drop(tx);
    let mut written = 0u64;
    let mut last_report = Instant::now();
    while let Some(tokens) = rx.recv().await {
        for t in &tokens {
            writeln!(file, "{t}")?;
        }
        written += tokens.len() as u64;
        if last_report.elapsed().as_secs() >= 5 {
            last_report = Instant::now();
            eprintln!(
                "seed-grants: {written}/{count} grants ({:.0}/s)",
                written as f64 / started.elapsed().as_secs_f64()
            );
        }
    }
    while let Some(r) = tasks.join_next().await {
        r??;
    }
    file.flush()?;
    Ok((written, started.elapsed().as_secs_f64()))
}

async fn seed_signins(store: &Arc<dyn Store>, a: &Args, parallel: usize) -> Result<(String, f64), AnyError> {
    let total = a.signins;
    let known_index = total / 2;
    let now_ms = SystemClock.now_millis();
    // Spread over the last day (well inside the default 30-day retention), oldest first, in bursts
    // of ROWS_PER_MILLI rows stamped with the same millisecond: denser than the busiest load
    // measured (~23 rows/ms), so a trace lookup (by the time index at the trace ID's millisecond,
    // on SQLite) sees at least as many rows to skip as under load.
    const ROWS_PER_MILLI: u64 = 32;
    let millis = total.div_ceil(ROWS_PER_MILLI) as i64;
    let spacing = (86_400_000 / millis).max(1);
    let time_of = move |i: u64| now_ms - (millis - (i / ROWS_PER_MILLI) as i64) * spacing;
    // Trace IDs as the server makes them: UUIDv7 of the row's millisecond.
    let trace_of = move |i: u64| {
        let mut random = [0u8; 10];
        SystemRng.fill(&mut random);
        uuid_v7(time_of(i), &random).to_string()
    };
    let known = trace_of(known_index);
    let started = Instant::now();
    let next = Arc::new(AtomicU64::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..parallel {
        let (store, next, known) = (store.clone(), next.clone(), known.clone());
        let (tenant, client, user) = (a.tenant.clone(), a.client.clone(), a.user.clone());
        tasks.spawn(async move {
            loop {
                let first = next.fetch_add(SIGNIN_BATCH, Ordering::Relaxed);
                if first >= total {
                    return Ok::<(), AnyError>(());
                }
                let batch: Vec<SigninRecord> = (first..total.min(first + SIGNIN_BATCH))
                    .map(|i| SigninRecord {
                        time_millis: time_of(i),
                        trace_id: if i == known_index { known.clone() } else { trace_of(i) },
                        correlation_id: uuid_v4(&SystemRng).to_string(),
                        tenant: tenant.clone(),
                        client_id: Some(client.clone()),
                        user: Some(user.clone()),
                        flow: "refresh_token".into(),
                        code: 0,
                        error: None,
                        reason: "seeded by sigil-bench".into(),
                        source: "127.0.0.1".into(),
                        user_agent: "sigil-bench".into(),
                        latency_micros: 1000,
                        signals: None,
                    })
                    .collect();
                store.write_signins(&batch).await?;
            }
        });
    }
    while let Some(r) = tasks.join_next().await {
        r??;
    }
    Ok((known, started.elapsed().as_secs_f64()))
}
