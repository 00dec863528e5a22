//! `sigil logs`: search the sign-in log.
use clap::Args;
use sigil_core::signin_log::{SigninQuery, SigninRecord};

use crate::admin::remote::{AdminApi, Failed, RemoteArgs};
use crate::bootstrap::{self, AnyError};
use crate::config::Config;

#[derive(Args)]
pub struct LogsArgs {
    #[arg(long)]
    trace_id: Option<String>,
    #[arg(long)]
    correlation_id: Option<String>,
    #[arg(long)]
    tenant: Option<String>,
    #[arg(long)]
    client: Option<String>,
    #[arg(long)]
    user: Option<String>,
    /// Catalog code; 0 means success.
    #[arg(long)]
    code: Option<u32>,
    /// RFC 3339 time or a duration ago such as 15m, 2h, 7d.
    #[arg(long)]
    since: Option<String>,
    #[arg(long)]
    until: Option<String>,
    #[arg(long, default_value_t = 100)]
    limit: u32,
    #[arg(long)]
    json: bool,
}

/// Milliseconds since the epoch from RFC 3339 or a relative `15m`/`2h`/`7d`.
pub fn parse_time(s: &str, now_millis: i64) -> Result<i64, String> {
    if let Ok(t) = time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339) {
        return Ok((t.unix_timestamp_nanos() / 1_000_000) as i64);
    }
    let (n, unit) = s.split_at(s.len().saturating_sub(1));
    let n: i64 = n.parse().map_err(|_| format!("'{s}' is neither RFC 3339 nor a duration like 15m, 2h, 7d"))?;
    let ms = match unit {
        "s" => 1000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => return Err(format!("'{s}': unit must be s, m, h or d")),
    };
    Ok(now_millis - n * ms)
}

/// `--since` and `--until` as milliseconds since the epoch.
fn window(a: &LogsArgs) -> Result<(Option<i64>, Option<i64>), String> {
    use sigil_core::clock::Clock;
    let now = sigil_core::clock::SystemClock.now_millis();
    let since = a.since.as_deref().map(|s| parse_time(s, now)).transpose()?;
    let until = a.until.as_deref().map(|s| parse_time(s, now)).transpose()?;
    Ok((since, until))
}

pub async fn run(cfg: &Config, a: LogsArgs) -> Result<i32, AnyError> {
    let (since, until) = match window(&a) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(crate::EXIT_USAGE);
        }
    };
    let opened = bootstrap::open(cfg).await?;
    let q = SigninQuery {
        trace_id: a.trace_id,
        correlation_id: a.correlation_id,
        tenant: a.tenant,
        client_id: a.client,
        user: a.user,
        code: a.code,
        since_millis: since,
        until_millis: until,
        limit: a.limit,
    };
    let started = std::time::Instant::now();
    let rows = opened.store.query_signins(&q).await?;
    print(&rows, a.json, started.elapsed())?;
    Ok(0)
}

/// `sigil logs --url`: the same search through the admin API's `/signins`, page after page up to
/// `--limit` records.
pub async fn run_remote(remote: &RemoteArgs, a: LogsArgs) -> i32 {
    let (since, until) = match window(&a) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e}");
            return crate::EXIT_USAGE;
        }
    };
    let started = std::time::Instant::now();
    let rows = match search_remote(remote, &a, since, until).await {
        Ok(rows) => rows,
        Err(f) => {
            eprintln!("error: {}", f.message);
            return f.exit;
        }
    };
    match print(&rows, a.json, started.elapsed()) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

async fn search_remote(
    remote: &RemoteArgs,
    a: &LogsArgs,
    since: Option<i64>,
    until: Option<i64>,
) -> Result<Vec<SigninRecord>, Failed> {
    let api = AdminApi::connect(remote, a.tenant.as_deref()).await?;
    let mut filter: Vec<(&str, String)> = Vec::new();
    for (k, v) in [
        ("trace_id", &a.trace_id),
        ("correlation_id", &a.correlation_id),
        ("tenant", &a.tenant),
        ("application", &a.client),
        ("user", &a.user),
    ] {
        if let Some(v) = v {
            filter.push((k, v.clone()));
        }
    }
    for (k, v) in [("code", a.code.map(i64::from)), ("since", since), ("until", until)] {
        if let Some(v) = v {
            filter.push((k, v.to_string()));
        }
    }
    let mut rows: Vec<SigninRecord> = Vec::new();
    let mut cursor: Option<String> = None;
    while rows.len() < a.limit as usize {
        let mut q = filter.clone();
        q.push(("limit", (a.limit as usize - rows.len()).min(200).to_string()));
        if let Some(c) = &cursor {
            q.push(("cursor", c.clone()));
        }
        let page = api.get(&format!("/signins?{}", serde_urlencoded::to_string(&q).unwrap_or_default())).await?;
        let items: Vec<SigninRecord> = serde_json::from_value(page["items"].clone())
            .map_err(|e| Failed { message: format!("the server's sign-in records do not read: {e}"), exit: 1 })?;
        rows.extend(items);
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    Ok(rows)
}

fn print(rows: &[SigninRecord], json: bool, took: std::time::Duration) -> Result<(), AnyError> {
    if json {
        outln!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        outln!(
            "{:<20} {:<36} {:<10} {:<20} {:<16} {:<9} reason",
            "time (UTC)",
            "trace id",
            "tenant",
            "client",
            "user",
            "code"
        );
        for r in rows {
            outln!(
                "{:<20} {:<36} {:<10} {:<20} {:<16} {:<9} {}",
                sigil_core::clock::rfc3339(r.time_millis),
                r.trace_id,
                r.tenant,
                r.client_id.as_deref().unwrap_or("-"),
                r.user.as_deref().unwrap_or("-"),
                r.code,
                r.reason
            );
        }
        eprintln!("{} record(s) in {:.1} ms", rows.len(), took.as_secs_f64() * 1000.0);
    }
    Ok(())
}
