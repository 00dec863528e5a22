//! The landing page: the sign-in log with its filters (time range, tenant, application, user,
//! outcome, error code, trace ID), charts (sign-ins over time by outcome, top error codes, by
//! application) and a detail view with the internal reason. Every error code links to its
//! troubleshooting page in the operator's language.
use axum::extract::Path;
use serde_json::{Value, json};
use sigil_core::clock::rfc3339;

use super::chart::{self, Stack};
use super::{Cx, Page, enc, query_value};

/// The ranges the filter offers, in milliseconds.
pub const RANGES: [(&str, i64); 4] =
    [("1h", 3_600_000), ("24h", 86_400_000), ("7d", 604_800_000), ("30d", 2_592_000_000)];
const PAGE: u32 = 50;

/// The filters as the operator set them (strings, to refill the form).
struct Filters {
    range: String,
    tenant: String,
    application: String,
    user: String,
    outcome: String,
    code: String,
    trace_id: String,
    cursor: String,
}

impl Filters {
    fn of(cx: &Cx) -> Self {
        let q = cx.path_and_query.split_once('?').map(|(_, q)| q.to_string());
        let v = |n: &str| query_value(q.as_deref(), n).unwrap_or_default().trim().to_string();
        let range = v("range");
        Self {
            range: if RANGES.iter().any(|(r, _)| *r == range) { range } else { "24h".into() },
            tenant: v("tenant"),
            application: v("application"),
            user: v("user"),
            outcome: v("outcome"),
            code: v("code").trim_start_matches("SIGIL").trim_start_matches("AADSTS").to_string(),
            trace_id: v("trace_id"),
            cursor: v("cursor"),
        }
    }

    fn since(&self, now: i64) -> i64 {
        now - RANGES.iter().find(|(r, _)| *r == self.range).map_or(86_400_000, |(_, m)| *m)
    }

    /// The admin API query both the list and the stats use.
    fn api_query(&self, since: i64) -> Vec<(&'static str, String)> {
        let mut q = vec![("since", since.to_string())];
        for (k, v) in [("tenant", &self.tenant), ("application", &self.application), ("user", &self.user)] {
            if !v.is_empty() {
                q.push((k, v.clone()));
            }
        }
        if self.outcome == "success" {
            q.push(("code", "0".into()));
        } else if !self.code.is_empty() {
            q.push(("code", self.code.clone()));
        }
        q
    }
}

pub fn qs(pairs: &[(&str, String)]) -> String {
    let mut s = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

/// A record as the table and the detail view show it.
fn row(cx: &Cx, r: &Value) -> Value {
    let code = r["code"].as_u64().unwrap_or(0);
    json!({
        "time": rfc3339(r["time_millis"].as_i64().unwrap_or(0)),
        "trace_id": r["trace_id"], "correlation_id": r["correlation_id"], "tenant": r["tenant"],
        "client_id": r["client_id"], "user": r["user"], "flow": r["flow"], "code": code, "error": r["error"],
        "reason": r["reason"], "source": r["source"], "user_agent": r["user_agent"],
        "latency_ms": format!("{:.1}", r["latency_micros"].as_i64().unwrap_or(0) as f64 / 1000.0),
        "success": code == 0,
        "help": format!("/error?code={code}&lang={}", cx.locale),
        "href": format!("{}/signins/{}", super::BASE, enc(r["trace_id"].as_str().unwrap_or_default())),
    })
}

/// `GET /admin/console/`: the sign-in log.
pub async fn list(cx: Cx) -> Page {
    cx.signed_in()?;
    let f = Filters::of(&cx);
    let now = cx.state.ctx.clock.now_millis();
    let since = f.since(now);
    let base = f.api_query(since);
    let mut list_q = base.clone();
    if !f.trace_id.is_empty() {
        list_q.push(("trace_id", f.trace_id.clone()));
    }
    // Failures only: a full page from the API, successes dropped (the log has no "any failure"
    // filter; the next page link continues from the API's cursor).
    let limit = if f.outcome == "failure" { 200 } else { PAGE };
    list_q.push(("limit", limit.to_string()));
    if !f.cursor.is_empty() {
        list_q.push(("cursor", f.cursor.clone()));
    }
    let (list_path, stats_path) = (format!("/signins?{}", qs(&list_q)), format!("/signins/stats?{}", qs(&base)));
    let (records, stats) = tokio::join!(cx.get(&list_path), cx.get(&stats_path));
    let (records, stats) = (records?, stats?);
    let rows: Vec<Value> = records["items"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|r| f.outcome != "failure" || r["code"] != 0)
                .take(PAGE as usize)
                .map(|r| row(&cx, r))
                .collect()
        })
        .unwrap_or_default();
    let next = records["next_cursor"].as_str().map(|c| {
        let mut p: Vec<(&str, String)> = vec![
            ("range", f.range.clone()),
            ("tenant", f.tenant.clone()),
            ("application", f.application.clone()),
            ("user", f.user.clone()),
            ("outcome", f.outcome.clone()),
            ("code", f.code.clone()),
            ("trace_id", f.trace_id.clone()),
        ];
        p.retain(|(_, v)| !v.is_empty());
        p.push(("cursor", c.to_string()));
        format!("?{}", qs(&p))
    });
    let charts = charts(&cx, &stats);
    let (tenants, _) = cx.tenants().await?;
    let ctx = json!({
        "title": cx.text("console-signins-title"),
        "f": {"range": f.range, "tenant": f.tenant, "application": f.application, "user": f.user,
              "outcome": f.outcome, "code": f.code, "trace_id": f.trace_id},
        "ranges": RANGES.iter().map(|(r, _)| json!({"value": r, "label": cx.text(&format!("console-range-{r}"))})).collect::<Vec<_>>(),
        "tenants": tenants.iter().map(|t| t["name"].clone()).collect::<Vec<_>>(),
        "rows": rows,
        "next": next,
        "charts": charts,
    });
    Ok(cx.render("console_signins.html", "signins", ctx))
}

/// The three charts and their tables, from `/signins/stats`.
fn charts(cx: &Cx, s: &Value) -> Value {
    let bucket = s["bucket_millis"].as_i64().unwrap_or(1);
    let series: Vec<Stack> = s["series"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|b| {
                    let start = b["start"].as_i64().unwrap_or(0);
                    // Minutes for short ranges, days for long ones.
                    let t = rfc3339(start);
                    let label = if bucket < 3_600_000 * 12 { t[11..16].to_string() } else { t[5..10].to_string() };
                    Stack {
                        label,
                        success: b["success"].as_u64().unwrap_or(0),
                        failure: b["failure"].as_u64().unwrap_or(0),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let total = s["total"].as_u64().unwrap_or(0);
    let failures = s["failures"].as_u64().unwrap_or(0);
    let desc = cx.state.messages.get(
        cx.locale,
        "console-chart-timeline-desc",
        &[("total", total.to_string()), ("failures", failures.to_string())],
    );
    let timeline = chart::timeline("timeline", &cx.text("console-chart-timeline"), &desc, &series);
    let codes = s["codes"].as_array().cloned().unwrap_or_default();
    let max_code = codes.iter().filter_map(|c| c["count"].as_u64()).max().unwrap_or(0);
    let codes: Vec<Value> = codes
        .iter()
        .map(|c| {
            let code = c["code"].as_u64().unwrap_or(0);
            json!({"code": code, "error": c["error"], "count": c["count"],
                   "bar": chart::bar(c["count"].as_u64().unwrap_or(0), max_code, "fail"),
                   "help": format!("/error?code={code}&lang={}", cx.locale),
                   "filter": format!("?code={code}&outcome=failure")})
        })
        .collect();
    let apps = s["applications"].as_array().cloned().unwrap_or_default();
    let max_app =
        apps.iter().map(|a| a["success"].as_u64().unwrap_or(0) + a["failure"].as_u64().unwrap_or(0)).max().unwrap_or(0);
    let apps: Vec<Value> = apps
        .iter()
        .map(|a| {
            let (ok, fail) = (a["success"].as_u64().unwrap_or(0), a["failure"].as_u64().unwrap_or(0));
            json!({"application": a["application"], "success": ok, "failure": fail,
                   "bar": chart::bar(ok + fail, max_app, "ok"),
                   "filter": format!("?application={}", enc(a["application"].as_str().unwrap_or_default()))})
        })
        .collect();
    json!({
        "timeline": timeline,
        "series": series.iter().map(|b| json!({"label": b.label, "success": b.success, "failure": b.failure})).collect::<Vec<_>>(),
        "total": total, "failures": failures,
        "codes": codes, "applications": apps,
    })
}

/// `GET /admin/console/signins/{trace_id}`: one record with its internal reason.
pub async fn detail(cx: Cx, Path(trace_id): Path<String>) -> Page {
    cx.signed_in()?;
    let r = cx.get(&format!("/signins/{}", enc(&trace_id))).await?;
    let ctx = json!({"title": cx.text("console-signin-title"), "r": row(&cx, &r)});
    Ok(cx.render("console_signin.html", "signins", ctx))
}
