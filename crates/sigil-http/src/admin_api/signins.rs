//! `/signins`: the sign-in log, searched by time range, tenant, application, user, error code,
//! trace or correlation ID (newest first, cursor-paged), and one record by trace ID with its
//! internal reason. A tenant's administrator sees only that tenant's records.
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use sigil_core::signin_log::{SigninQuery, SigninRecord};
use utoipa::{IntoParams, ToSchema};

use super::{Admin, Failure, Path, Query, Reply, cursor, decode_cursor, json, malformed, not_found};

#[derive(Debug, Serialize, ToSchema)]
pub struct SigninOut {
    pub time_millis: i64,
    pub trace_id: String,
    pub correlation_id: String,
    pub tenant: String,
    pub client_id: Option<String>,
    pub user: Option<String>,
    pub flow: String,
    /// 0 on success, else the catalog code.
    pub code: u32,
    pub error: Option<String>,
    /// Which check failed, in words (never a secret).
    pub reason: String,
    pub source: String,
    pub user_agent: String,
    pub latency_micros: i64,
    /// Issue 21: how the device and network compared with the user's history, when an
    /// unfamiliar-sign-in rule applied (`device=new network=known 203.0.113.0/24`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signals: Option<String>,
}

impl SigninOut {
    fn of(r: SigninRecord) -> Self {
        Self {
            time_millis: r.time_millis,
            trace_id: r.trace_id,
            correlation_id: r.correlation_id,
            tenant: r.tenant,
            client_id: r.client_id,
            user: r.user,
            flow: r.flow,
            code: r.code,
            error: r.error,
            reason: r.reason,
            source: r.source,
            user_agent: r.user_agent,
            latency_micros: r.latency_micros,
            signals: r.signals,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SigninList {
    pub items: Vec<SigninOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SigninFilter {
    /// Milliseconds since the Unix epoch, inclusive.
    pub since: Option<i64>,
    /// Milliseconds since the Unix epoch, exclusive.
    pub until: Option<i64>,
    /// Tenant name.
    pub tenant: Option<String>,
    /// Client ID.
    pub application: Option<String>,
    /// Username.
    pub user: Option<String>,
    /// Catalog code; 0: successes.
    pub code: Option<u32>,
    pub trace_id: Option<String>,
    pub correlation_id: Option<String>,
    /// 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// Records of one millisecond a cursor may skip (more than any page shows of one millisecond).
const MAX_SKIP: u32 = 5_000;

/// The cursor of the log: the time of the last record shown and how many records of that
/// millisecond were shown (records are ordered by time, then by insertion, newest first).
fn parse_cursor(c: &str) -> Result<(i64, u32), Failure> {
    let s = decode_cursor(c)?;
    let (t, n) = s.split_once(':').ok_or_else(|| malformed("the cursor does not parse"))?;
    Ok((
        t.parse().map_err(|_| malformed("the cursor does not parse"))?,
        n.parse().map_err(|_| malformed("the cursor does not parse"))?,
    ))
}

/// The tenant filter a caller may use: its own tenant's name when it reaches only one.
pub(super) fn tenant_filter(admin: &Admin, asked: Option<String>) -> Result<Option<String>, Failure> {
    let Some(only) = admin.who.only_tenant() else { return Ok(asked) };
    let dir = admin.state.ctx.directory.get();
    let name = dir.tenant(&only.to_string()).map(|v| v.tenant.name.clone()).ok_or_else(|| not_found("tenant"))?;
    match asked {
        Some(a) if !a.eq_ignore_ascii_case(&name) => Err(not_found(format!("tenant '{a}' outside the caller's reach"))),
        _ => Ok(Some(name)),
    }
}

#[utoipa::path(get, path = "/admin/api/v1/signins", tag = "sign-in log", params(SigninFilter),
    responses((status = 200, body = SigninList), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn search(admin: Admin, Query(f): Query<SigninFilter>) -> Reply {
    let limit = f.limit.unwrap_or(super::DEFAULT_LIMIT).clamp(1, super::MAX_LIMIT);
    let mut until = f.until;
    let mut skip = 0u32;
    if let Some(c) = f.cursor.as_deref() {
        let (t, n) = parse_cursor(c)?;
        // The last millisecond shown is asked again; the records of it already shown are skipped.
        let t = t.saturating_add(1);
        until = Some(until.map_or(t, |u| u.min(t)));
        skip = n.min(MAX_SKIP);
    }
    let q = SigninQuery {
        trace_id: f.trace_id,
        correlation_id: f.correlation_id,
        tenant: tenant_filter(&admin, f.tenant)?,
        client_id: f.application,
        user: f.user,
        code: f.code,
        since_millis: f.since,
        until_millis: until,
        limit: limit + skip + 1,
    };
    let mut rows = admin.state.ctx.store.query_signins(&q).await?;
    let first_time = rows.first().map(|r| r.time_millis);
    let mut skipped = 0;
    rows.retain(|r| {
        let drop = skipped < skip
            && Some(r.time_millis) == first_time
            && q.until_millis == Some(r.time_millis.saturating_add(1));
        if drop {
            skipped += 1;
        }
        !drop
    });
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = match (more, rows.last()) {
        (true, Some(last)) => {
            let t = last.time_millis;
            let mut same = rows.iter().filter(|r| r.time_millis == t).count() as u32;
            if Some(t) == first_time && q.until_millis == Some(t.saturating_add(1)) {
                same = same.saturating_add(skip).min(MAX_SKIP);
            }
            Some(cursor(&format!("{t}:{same}")))
        }
        _ => None,
    };
    Ok(json(StatusCode::OK, &SigninList { items: rows.into_iter().map(SigninOut::of).collect(), next_cursor }))
}

#[utoipa::path(get, path = "/admin/api/v1/signins/{trace_id}", tag = "sign-in log",
    params(("trace_id" = String, Path)),
    responses((status = 200, body = SigninOut), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn detail(admin: Admin, Path(trace_id): Path<String>) -> Reply {
    let q = SigninQuery {
        trace_id: Some(trace_id.clone()),
        tenant: tenant_filter(&admin, None)?,
        limit: 1,
        ..Default::default()
    };
    let r = admin.state.ctx.store.query_signins(&q).await?.into_iter().next();
    let r = r.ok_or_else(|| not_found(format!("no sign-in record with trace ID '{trace_id}'")))?;
    Ok(json(StatusCode::OK, &SigninOut::of(r)))
}
