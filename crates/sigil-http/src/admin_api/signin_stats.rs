//! `/signins/stats`: the sign-in log summed over a time range for charts (the console's landing
//! page): sign-ins over time by outcome, the most frequent error codes, and sign-ins by
//! application. Same filters and the same tenant scoping as `/signins`.
use std::collections::HashMap;

use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use sigil_core::signin_log::SigninQuery;
use utoipa::{IntoParams, ToSchema};

use super::{Admin, Query, Reply, json, malformed};

/// Records summed at most: the newest of the range; `sampled` says when the range held more.
pub const MAX_RECORDS: u32 = 20_000;
/// Buckets of the time series.
const BUCKETS: i64 = 24;
/// Rows of the top lists.
const TOP: usize = 10;
const DAY_MILLIS: i64 = 86_400_000;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct StatsFilter {
    /// Milliseconds since the Unix epoch, inclusive (default: 24 hours before `until`).
    pub since: Option<i64>,
    /// Milliseconds since the Unix epoch, exclusive (default: now).
    pub until: Option<i64>,
    /// Tenant name.
    pub tenant: Option<String>,
    /// Client ID.
    pub application: Option<String>,
    /// Username.
    pub user: Option<String>,
    /// Catalog code; 0: successes.
    pub code: Option<u32>,
}

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
    /// The range held more than 20,000 records: the sums are of the newest 20,000.
    pub sampled: bool,
    pub series: Vec<Bucket>,
    /// Error codes, most frequent first (at most 10).
    pub codes: Vec<CodeCount>,
    /// Applications, most sign-ins first (at most 10).
    pub applications: Vec<AppCount>,
}

#[utoipa::path(get, path = "/admin/api/v1/signins/stats", tag = "sign-in log", params(StatsFilter),
    responses((status = 200, body = SigninStats), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn stats(admin: Admin, Query(f): Query<StatsFilter>) -> Reply {
    let until = f.until.unwrap_or_else(|| admin.state.ctx.clock.now_millis().saturating_add(1));
    let since = f.since.unwrap_or(until.saturating_sub(DAY_MILLIS));
    if since >= until {
        return Err(malformed("since must be before until"));
    }
    let q = SigninQuery {
        tenant: super::signins::tenant_filter(&admin, f.tenant)?,
        client_id: f.application,
        user: f.user,
        code: f.code,
        since_millis: Some(since),
        until_millis: Some(until),
        limit: MAX_RECORDS + 1,
        ..Default::default()
    };
    let mut rows = admin.state.ctx.store.query_signins(&q).await?;
    let sampled = rows.len() > MAX_RECORDS as usize;
    rows.truncate(MAX_RECORDS as usize);
    let bucket_millis = ((until - since) / BUCKETS).max(1);
    let n = ((until - since) / bucket_millis + 1) as usize;
    let mut series: Vec<Bucket> =
        (0..n).map(|i| Bucket { start: since + i as i64 * bucket_millis, success: 0, failure: 0 }).collect();
    let mut codes: HashMap<u32, (Option<String>, u64)> = HashMap::new();
    let mut apps: HashMap<String, (u64, u64)> = HashMap::new();
    let mut failures = 0;
    for r in &rows {
        let i = ((r.time_millis - since) / bucket_millis).clamp(0, n as i64 - 1) as usize;
        let app = apps.entry(r.client_id.clone().unwrap_or_default()).or_default();
        if r.code == 0 {
            series[i].success += 1;
            app.0 += 1;
        } else {
            series[i].failure += 1;
            app.1 += 1;
            failures += 1;
            codes.entry(r.code).or_insert_with(|| (r.error.clone(), 0)).1 += 1;
        }
    }
    let mut codes: Vec<CodeCount> =
        codes.into_iter().map(|(code, (error, count))| CodeCount { code, error, count }).collect();
    codes.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
    codes.truncate(TOP);
    let mut applications: Vec<AppCount> = apps
        .into_iter()
        .map(|(application, (success, failure))| AppCount { application, success, failure })
        .collect();
    applications.sort_by(|a, b| (b.success + b.failure).cmp(&(a.success + a.failure)).then(a.application.cmp(&b.application)));
    applications.truncate(TOP);
    let body = SigninStats {
        since,
        until,
        bucket_millis,
        total: rows.len() as u64,
        failures,
        sampled,
        series,
        codes,
        applications,
    };
    Ok(json(StatusCode::OK, &body))
}
