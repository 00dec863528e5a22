//! The audit log: who changed what, before and after, with the request's trace ID; filtered by
//! tenant, actor, action and target, newest first.
use serde_json::{Value, json};

use super::directory::items;
use super::{BASE, Cx, Page, cell, mono, query_value, time_cell};

/// `GET /admin/console/audit?[tenant=][&actor=][&action=][&target=][&cursor=]`.
pub async fn audit(cx: Cx) -> Page {
    cx.signed_in()?;
    let q = cx.path_and_query.split_once('?').map(|(_, q)| q.to_string());
    let v = |n: &str| query_value(q.as_deref(), n).unwrap_or_default().trim().to_string();
    let mut filters = Vec::new();
    let mut pairs: Vec<(&str, String)> = Vec::new();
    for name in ["tenant", "actor", "action", "target", "trace_id"] {
        let value = v(name);
        if !value.is_empty() {
            pairs.push((name, value.clone()));
        }
        filters.push(
            json!({"name": name, "label": cx.text(&format!("console-col-{}", name.replace('_', "-"))), "value": value}),
        );
    }
    pairs.push(("limit", "50".into()));
    let cursor = v("cursor");
    if !cursor.is_empty() {
        pairs.push(("cursor", cursor));
    }
    let path = format!("/audit?{}", super::signins::qs(&pairs));
    let list = cx.get(&path).await?;
    let rows = items(&list)
        .iter()
        .map(|e| {
            let change = |x: &Value| if x.is_null() { String::new() } else { x.to_string() };
            vec![
                time_cell(&e["time_millis"]),
                cell(e["actor"].clone()),
                mono(e["action"].clone()),
                mono(e["target"].clone()),
                json!({"t": change(&e["before"]), "json": true}),
                json!({"t": change(&e["after"]), "json": true}),
                mono(e["trace_id"].clone()),
            ]
        })
        .collect();
    let next = list["next_cursor"].as_str().map(|c| {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        for f in &filters {
            if let (Some(n), Some(v)) = (f["name"].as_str(), f["value"].as_str())
                && !v.is_empty()
            {
                s.append_pair(n, v);
            }
        }
        s.append_pair("cursor", c);
        format!("{BASE}/audit?{}", s.finish())
    });
    let ctx = json!({"filters": filters, "filter_action": format!("{BASE}/audit"), "next": next, "empty": cx.text("console-empty")});
    let cols = [
        "console-col-time",
        "console-col-actor",
        "console-col-action",
        "console-col-target",
        "console-col-before",
        "console-col-after",
        "console-col-trace-id",
    ];
    Ok(cx.list_page("audit", "console-audit-title", ctx, &cols, rows))
}
