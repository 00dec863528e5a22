//! A user's sign-in sessions (by `sid`, as in their ID tokens) and ending one.
use axum::http::Method;
use serde_json::{Value, json};

use super::directory::items;
use super::{BASE, Cx, Form, Page, enc, mono, query_value, see_other, time_cell};

/// `GET /admin/console/sessions?tenant=&user=`.
pub async fn list(cx: Cx) -> Page {
    let session = cx.signed_in()?.clone();
    let (tenants, tenant) = cx.tenants().await?;
    let user = query_value(cx.path_and_query.split_once('?').map(|(_, q)| q), "user").unwrap_or_default();
    let t = enc(&tenant);
    let list = if user.is_empty() {
        Value::Null
    } else {
        cx.get(&format!("/tenants/{t}/users/{}/sessions", enc(&user))).await?
    };
    let rows = items(&list)
        .iter()
        .map(|s| {
            let sid = s["sid"].as_str().unwrap_or_default();
            let revoke = json!({"revoke": {"action": format!("{BASE}/sessions/revoke"), "csrf": session.csrf,
                                "fields": [{"name": "tenant", "value": tenant}, {"name": "user", "value": user}, {"name": "sid", "value": sid}],
                                "label": cx.text("console-sessions-revoke")}});
            vec![
                mono(sid),
                time_cell(&json!(s["auth_time"].as_i64().map(|t| t * 1000))),
                time_cell(&json!(s["expires_at"].as_i64().map(|t| t * 1000))),
                revoke,
            ]
        })
        .collect();
    let ctx = json!({
        "picker": cx.tenant_picker(&tenants, &tenant),
        "search": {"name": "user", "label": cx.text("console-col-user"), "value": user, "tenant": tenant},
        "empty": if user.is_empty() { cx.text("console-sessions-pick") } else { cx.text("console-empty") },
    });
    let cols = ["console-col-sid", "console-col-auth-time", "console-col-expires", "console-col-actions"];
    Ok(cx.list_page("sessions", "console-sessions-title", ctx, &cols, rows))
}

/// `POST /admin/console/sessions/revoke`.
pub async fn revoke(cx: Cx, form: Form) -> Page {
    cx.check_csrf(form.get("csrf"))?;
    let (tenant, user, sid) = (form.get("tenant"), form.get("user"), form.get("sid"));
    let a = cx
        .api(Method::DELETE, &format!("/tenants/{}/users/{}/sessions/{}", enc(tenant), enc(user), enc(sid)), None)
        .await?;
    if !a.ok() {
        return Err(cx.refusal(&a).into());
    }
    Ok(see_other(&format!("{BASE}/sessions?tenant={}&user={}&revoked=1", enc(tenant), enc(user))))
}
