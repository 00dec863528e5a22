//! Tenants, APIs, users and groups: lists over the admin API, and adding a user to a group.
use axum::http::Method;
use serde_json::{Value, json};

use super::{BASE, Cx, Form, Page, cell, enc, joined, link, mono, query_value, see_other};

/// `GET /admin/console/tenants`.
pub async fn tenants(cx: Cx) -> Page {
    cx.signed_in()?;
    let (tenants, _) = cx.tenants().await?;
    let rows = tenants
        .iter()
        .map(|t| {
            let name = t["name"].as_str().unwrap_or_default();
            vec![
                link(name, format!("{BASE}/applications?tenant={}", enc(name))),
                cell(t["display_name"].clone()),
                mono(t["default_locale"].clone()),
                mono(t["signing_alg"].clone()),
                cell(t["mfa"].clone()),
                link(cx.text("console-nav-signins"), format!("{BASE}/?tenant={}", enc(name))),
            ]
        })
        .collect();
    let cols = [
        "console-col-name",
        "console-col-display-name",
        "console-col-locale",
        "console-col-alg",
        "console-col-mfa",
        "console-col-log",
    ];
    Ok(cx.list_page("tenants", "console-tenants-title", json!({}), &cols, rows))
}

/// `GET /admin/console/apis?tenant=`.
pub async fn apis(cx: Cx) -> Page {
    cx.signed_in()?;
    let (tenants, tenant) = cx.tenants().await?;
    let list = cx.get(&format!("/tenants/{}/apis?limit=200", enc(&tenant))).await?;
    let rows = items(&list)
        .iter()
        .map(|a| {
            vec![cell(a["name"].clone()), mono(a["identifier"].clone()), joined(&a["scopes"]), joined(&a["roles"])]
        })
        .collect();
    let ctx = json!({"picker": cx.tenant_picker(&tenants, &tenant),
                     "new": format!("{BASE}/applications/new?tenant={}&kind=api", enc(&tenant))});
    let cols = ["console-col-name", "console-col-identifier", "console-col-scopes", "console-col-roles"];
    Ok(cx.list_page("apis", "console-apis-title", ctx, &cols, rows))
}

pub fn items(list: &Value) -> Vec<Value> {
    list["items"].as_array().cloned().unwrap_or_default()
}

/// `GET /admin/console/users?tenant=[&user=]`: users, groups, the form that adds a user to a
/// group, and the chosen user's groups.
pub async fn users(cx: Cx) -> Page {
    cx.signed_in()?;
    let (tenants, tenant) = cx.tenants().await?;
    let t = enc(&tenant);
    let (users_path, groups_path) = (format!("/tenants/{t}/users?limit=200"), format!("/tenants/{t}/groups?limit=200"));
    let (users, groups) = tokio::join!(cx.get(&users_path), cx.get(&groups_path));
    let (users, groups) = (items(&users?), items(&groups?));
    let chosen = query_value(cx.path_and_query.split_once('?').map(|(_, q)| q), "user").unwrap_or_default();
    let access = if chosen.is_empty() {
        Value::Null
    } else {
        cx.get(&format!("/tenants/{t}/users/{}/groups", enc(&chosen))).await?
    };
    let users: Vec<Value> = users
        .iter()
        .map(|u| {
            let name = u["username"].as_str().unwrap_or_default();
            json!({"username": name, "display_name": u["display_name"], "email": u["email"], "enabled": u["enabled"],
                   "groups": format!("{BASE}/users?tenant={t}&user={}", enc(name)),
                   "sessions": format!("{BASE}/sessions?tenant={t}&user={}", enc(name)),
                   "signins": format!("{BASE}/?tenant={t}&user={}", enc(name))})
        })
        .collect();
    let ctx = json!({
        "title": cx.text("console-users-title"),
        "picker": cx.tenant_picker(&tenants, &tenant),
        "tenant": tenant,
        "users": users,
        "groups": groups,
        "chosen": chosen,
        "access": access,
    });
    Ok(cx.render("console_users.html", "users", ctx))
}

/// `POST /admin/console/members`: `PUT …/groups/{group}/members/{user}` (idempotent).
pub async fn add_member(cx: Cx, form: Form) -> Page {
    cx.check_csrf(form.get("csrf"))?;
    let (tenant, group, user) = (form.get("tenant"), form.get("group"), form.get("user"));
    let a = cx
        .api(Method::PUT, &format!("/tenants/{}/groups/{}/members/{}", enc(tenant), enc(group), enc(user)), None)
        .await?;
    if !a.ok() {
        return Err(cx.refusal(&a).into());
    }
    Ok(see_other(&format!("{BASE}/users?tenant={}&user={}&added={}", enc(tenant), enc(user), enc(group))))
}
