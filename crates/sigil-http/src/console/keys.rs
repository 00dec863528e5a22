//! Signing keys: the list (never a private part) and rotation (new keys published now, signing
//! after the delay, as `sigil keys rotate` and the scheduled rotation do).
use axum::http::Method;
use serde_json::json;

use super::directory::items;
use super::{BASE, Cx, Form, Page, cell, enc, mono, see_other, time_cell};

/// `GET /admin/console/keys?tenant=`.
pub async fn list(cx: Cx) -> Page {
    cx.signed_in()?;
    let (tenants, tenant) = cx.tenants().await?;
    let list = cx.get(&format!("/tenants/{}/keys", enc(&tenant))).await?;
    let now = cx.state.ctx.clock.now();
    let rows = items(&list)
        .iter()
        .map(|k| {
            let from = k["active_from"].as_i64().unwrap_or(0);
            let retired = k["retired_at"].as_i64().is_some_and(|r| r <= now);
            let state = if retired {
                "console-key-retired"
            } else if from > now {
                "console-key-published"
            } else {
                "console-key-signing"
            };
            // Key times are seconds; the cells show milliseconds' format.
            vec![
                mono(k["kid"].clone()),
                mono(k["alg"].clone()),
                cell(cx.text(state)),
                time_cell(&json!(k["created_at"].as_i64().map(|s| s * 1000))),
                time_cell(&json!(k["active_from"].as_i64().map(|s| s * 1000))),
                time_cell(&json!(k["retired_at"].as_i64().map(|s| s * 1000))),
            ]
        })
        .collect();
    let ctx = json!({
        "picker": cx.tenant_picker(&tenants, &tenant),
        "actions": [{"action": format!("{BASE}/keys/rotate"), "label": cx.text("console-keys-rotate"),
                     "hint": cx.text("console-keys-rotate-hint"), "write": true,
                     "fields": [{"name": "tenant", "value": tenant}],
                     "inputs": [{"name": "delay", "label": cx.text("console-keys-delay"), "type": "number",
                                 "value": cx.state.ctx.tokens.key_rotation_delay}]}],
    });
    let cols = [
        "console-col-kid",
        "console-col-alg",
        "console-col-state",
        "console-col-created",
        "console-col-active-from",
        "console-col-retired",
    ];
    Ok(cx.list_page("keys", "console-keys-title", ctx, &cols, rows))
}

/// `POST /admin/console/keys/rotate`.
pub async fn rotate(cx: Cx, form: Form) -> Page {
    cx.check_csrf(form.get("csrf"))?;
    let tenant = form.get("tenant").to_string();
    let mut body = json!({});
    if let Ok(d) = form.get("delay").parse::<i64>() {
        body["delay"] = json!(d);
    }
    let a = cx.api(Method::POST, &format!("/tenants/{}/keys/rotate", enc(&tenant)), Some(body)).await?;
    if !a.ok() {
        return Err(cx.refusal(&a).into());
    }
    Ok(see_other(&format!("{BASE}/keys?tenant={}&rotated=1", enc(&tenant))))
}
