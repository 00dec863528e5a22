//! `/signins/stats`: the sign-in log summed over a time range for charts (the console's landing
//! page): sign-ins over time by outcome, the most frequent error codes, and sign-ins by
//! application. Same filters and the same tenant scoping as `/signins`; every record of the range
//! is counted, by one `GROUP BY` in the database (`SigninLogStore::count_signins`).
use std::collections::HashMap;

use axum::http::StatusCode;
use serde::Serialize;
use sigil_core::catalog;
use sigil_core::signin_log::SigninQuery;
use utoipa::ToSchema;

use super::signins::SigninFilter;
use super::{Admin, Query, Reply, json, malformed};

/// Buckets of the time series.
const BUCKETS: i64 = 24;
/// Rows of the top lists.
const TOP: usize = 10;
const DAY_MILLIS: i64 = 86_400_000;
const MAX_MILLIS: i64 = 1_000_000_000_000_000;

#[derive(Debug, Serialize, ToSchema)]
pub struct Bucket {
    /// Start of the bucket (ms since the epoch).
    pub start: i64,
    pub success: u64,
    pub failure: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CodeCount {
    pub code: u32,
    pub error: Option<String>,
    pub count: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AppCount {
    /// Client ID (empty when the request named none).
    pub application: String,
    pub success: u64,
    pub failure: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SigninStats {
    pub since: i64,
    pub until: i64,
    pub bucket_millis: i64,
    pub total: u64,
    pub failures: u64,
    pub series: Vec<Bucket>,
    /// Error codes, most frequent first (at most 10).
    pub codes: Vec<CodeCount>,
    /// Applications, most sign-ins first (at most 10).
    pub applications: Vec<AppCount>,
}

/// The filters of `/signins` (`limit` and `cursor` do not apply: every record of the range counts);
/// `since` defaults to 24 hours before `until`, `until` to now.
#[utoipa::path(get, path = "/admin/api/v1/signins/stats", tag = "sign-in log", params(SigninFilter),
    responses((status = 200, body = SigninStats), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn stats(admin: Admin, Query(f): Query<SigninFilter>) -> Reply {
    // Bounded to the years 1970 to ~33,658, so the bucket arithmetic (here and in SQL) cannot overflow.
    let until = f.until.unwrap_or_else(|| admin.state.ctx.clock.now_millis().saturating_add(1)).clamp(0, MAX_MILLIS);
    let since = f.since.unwrap_or(until.saturating_sub(DAY_MILLIS)).clamp(0, MAX_MILLIS);
    if since >= until {
        return Err(malformed("since must be before until"));
    }
    let q = SigninQuery {
        tenant: super::signins::tenant_filter(&admin, f.tenant)?,
        client_id: f.application,
        user: f.user,
        code: f.code,
        trace_id: f.trace_id,
        correlation_id: f.correlation_id,
        since_millis: Some(since),
        until_millis: Some(until),
        limit: 1,
    };
    let bucket_millis = (until.saturating_sub(since) / BUCKETS).max(1);
    // Counted in the database (one GROUP BY): every record of the range, however many.
    let groups = admin.state.ctx.store.count_signins(&q, bucket_millis).await?;
    let n = (until.saturating_sub(since).saturating_sub(1) / bucket_millis + 1) as usize;
    let mut series: Vec<Bucket> =
        (0..n).map(|i| Bucket { start: since + i as i64 * bucket_millis, success: 0, failure: 0 }).collect();
    let mut codes: HashMap<u32, u64> = HashMap::new();
    let mut apps: HashMap<String, (u64, u64)> = HashMap::new();
    let (mut total, mut failures) = (0, 0);
    for g in groups {
        let i = g.bucket.clamp(0, n as i64 - 1) as usize;
        let app = apps.entry(g.client_id.unwrap_or_default()).or_default();
        total += g.count;
        if g.code == 0 {
            series[i].success += g.count;
            app.0 += g.count;
        } else {
            series[i].failure += g.count;
            app.1 += g.count;
            failures += g.count;
            *codes.entry(g.code).or_default() += g.count;
        }
    }
    let mut codes: Vec<CodeCount> = codes
        .into_iter()
        .map(|(code, count)| CodeCount { code, error: catalog::lookup(code).map(|e| e.error.to_string()), count })
        .collect();
    codes.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
    codes.truncate(TOP);
    let mut applications: Vec<AppCount> =
        apps.into_iter().map(|(application, (success, failure))| AppCount { application, success, failure }).collect();
    applications
        .sort_by(|a, b| (b.success + b.failure).cmp(&(a.success + a.failure)).then(a.application.cmp(&b.application)));
    applications.truncate(TOP);
    let body = SigninStats { since, until, bucket_millis, total, failures, series, codes, applications };
    Ok(json(StatusCode::OK, &body))
}
