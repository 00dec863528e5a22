//! Applications: the list, one application (secrets by hint, certificates, certificate upload)
//! and the creation wizard for the five kinds Entra's portal offers: web app, single-page app,
//! daemon, native app (public clients, RFC 8252) and API. A new confidential client's secret is
//! shown once, in the answer to the wizard's POST (`no-store`); Sigil keeps only its hash.
use std::collections::BTreeMap;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::directory::items;
use super::{BASE, Cx, Form, Page, cell, enc, joined, link, mono, query_value, see_other, time_cell};

/// The wizard's kinds: (kind, admin API `type`, grant types).
pub const KINDS: [(&str, &str, &[&str]); 5] = [
    ("web", "confidential", &["authorization_code", "refresh_token"]),
    ("spa", "spa", &["authorization_code", "refresh_token"]),
    ("daemon", "confidential", &["client_credentials"]),
    ("native", "public", &["authorization_code", "refresh_token"]),
    ("api", "", &[]),
];

fn param(cx: &Cx, name: &str) -> String {
    query_value(cx.path_and_query.split_once('?').map(|(_, q)| q), name).unwrap_or_default()
}

/// `GET /admin/console/applications?tenant=`.
pub async fn list(cx: Cx) -> Page {
    cx.signed_in()?;
    let (tenants, tenant) = cx.tenants().await?;
    let t = enc(&tenant);
    let list = cx.get(&format!("/tenants/{t}/applications?limit=200")).await?;
    let rows = items(&list)
        .iter()
        .map(|a| {
            let id = a["client_id"].as_str().unwrap_or_default();
            vec![
                link(id, format!("{BASE}/applications/view?tenant={t}&client_id={}", enc(id))),
                cell(a["name"].clone()),
                cell(a["type"].clone()),
                joined(&a["grant_types"]),
                joined(&a["redirect_uris"]),
                link(cx.text("console-nav-signins"), format!("{BASE}/?tenant={t}&application={}", enc(id))),
            ]
        })
        .collect();
    let ctx =
        json!({"picker": cx.tenant_picker(&tenants, &tenant), "new": format!("{BASE}/applications/new?tenant={t}")});
    let cols = [
        "console-col-client-id",
        "console-col-name",
        "console-col-type",
        "console-col-grants",
        "console-col-redirects",
        "console-col-log",
    ];
    Ok(cx.list_page("applications", "console-applications-title", ctx, &cols, rows))
}

/// `GET /admin/console/applications/new?tenant=[&kind=]`: step 1 (the kind), step 2 (its form).
pub async fn wizard(cx: Cx) -> Page {
    cx.signed_in()?;
    let (tenants, tenant) = cx.tenants().await?;
    let kind = param(&cx, "kind");
    let kind = KINDS.iter().find(|(k, ..)| *k == kind).map(|(k, ..)| *k).unwrap_or_default();
    Ok(wizard_page(&cx, &tenants, &tenant, kind, &BTreeMap::new(), Value::Null, StatusCode::OK))
}

fn wizard_page(
    cx: &Cx,
    tenants: &[Value],
    tenant: &str,
    kind: &str,
    values: &BTreeMap<String, String>,
    problem: Value,
    status: StatusCode,
) -> axum::response::Response {
    let kinds: Vec<Value> = KINDS
        .iter()
        .map(|(k, ..)| {
            json!({"kind": k, "label": cx.text(&format!("console-kind-{k}")), "hint": cx.text(&format!("console-kind-{k}-hint")),
                   "href": format!("{BASE}/applications/new?tenant={}&kind={k}", enc(tenant))})
        })
        .collect();
    let ctx = json!({
        "title": cx.text("console-wizard-title"),
        "picker": cx.tenant_picker(tenants, tenant),
        "tenant": tenant,
        "kind": kind,
        "kind_label": if kind.is_empty() { String::new() } else { cx.text(&format!("console-kind-{kind}")) },
        "kinds": kinds,
        "v": values,
        "problem": problem,
        "back": format!("{BASE}/applications/new?tenant={}", enc(tenant)),
    });
    cx.render_status(status, "console_app_new.html", "applications", ctx)
}

/// `api://reports/Read` lines → permissions grouped by API (the last `/` separates the value).
fn permissions(text: &str, roles: bool) -> Vec<Value> {
    let mut by_api: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in text.split(['\n', ',', ' ']).map(str::trim).filter(|l| !l.is_empty()) {
        if let Some((api, v)) = line.rsplit_once('/') {
            by_api.entry(api.to_string()).or_default().push(v.to_string());
        }
    }
    by_api
        .into_iter()
        .map(|(api, v)| if roles { json!({"api": api, "roles": v}) } else { json!({"api": api, "scopes": v}) })
        .collect()
}

fn words(text: &str) -> Vec<String> {
    text.split(['\n', ',', ' ']).map(str::trim).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// `POST /admin/console/applications/new`: `POST /tenants/{t}/applications` (or `/apis`).
pub async fn create(cx: Cx, form: Form) -> Page {
    cx.check_csrf(form.get("csrf"))?;
    let tenant = form.get("tenant").to_string();
    let Some((kind, type_, grants)) = KINDS.iter().find(|(k, ..)| *k == form.get("kind")).copied() else {
        return Ok(see_other(&format!("{BASE}/applications/new?tenant={}", enc(&tenant))));
    };
    let t = enc(&tenant);
    let (path, body) = if kind == "api" {
        let body = json!({"name": form.get("name"), "identifier": form.get("identifier"),
                          "scopes": words(form.get("scopes")), "roles": words(form.get("roles"))});
        (format!("/tenants/{t}/apis"), body)
    } else {
        let redirects = words(form.get("redirect_uri"));
        let mut body = json!({"client_id": form.get("client_id"), "type": type_, "grant_types": grants,
                              "redirect_uris": redirects, "permissions": permissions(form.get("permissions"), kind == "daemon")});
        if !form.get("name").is_empty() {
            body["name"] = json!(form.get("name"));
        }
        (format!("/tenants/{t}/applications"), body)
    };
    let a = cx.api(Method::POST, &path, Some(body)).await?;
    if !a.ok() {
        // The wizard again, with what was typed and each broken rule beside it.
        let (tenants, _) = cx.tenants().await?;
        let status = if a.status.is_client_error() { a.status } else { StatusCode::BAD_GATEWAY };
        let mut problem = a.body.clone();
        let code = problem["code"].as_u64().unwrap_or(0);
        problem["help"] = json!(format!("/error?code={code}&lang={}", cx.locale));
        return Ok(wizard_page(&cx, &tenants, &tenant, kind, &form.0, problem, status));
    }
    if kind == "api" {
        return Ok(see_other(&format!("{BASE}/apis?tenant={t}")));
    }
    let app = &a.body["application"];
    let ctx = json!({
        "title": cx.text("console-created-title"),
        "tenant": tenant,
        "app": app,
        "secret": a.body["secret"],
        "token_url": format!("{}/{}/oauth2/v2.0/token", cx.state.ctx.public_url, t),
        "authorize_url": format!("{}/{}/oauth2/v2.0/authorize", cx.state.ctx.public_url, t),
        "view": format!("{BASE}/applications/view?tenant={t}&client_id={}", enc(app["client_id"].as_str().unwrap_or_default())),
    });
    Ok(cx.render_status(StatusCode::CREATED, "console_app.html", "applications", ctx))
}

/// `GET /admin/console/applications/view?tenant=&client_id=`.
pub async fn view(cx: Cx) -> Page {
    cx.signed_in()?;
    let (_, tenant) = cx.tenants().await?;
    let id = param(&cx, "client_id");
    let app = cx.get(&format!("/tenants/{}/applications/{}", enc(&tenant), enc(&id))).await?;
    Ok(app_page(&cx, &tenant, app, Value::Null))
}

fn app_page(cx: &Cx, tenant: &str, app: Value, problem: Value) -> axum::response::Response {
    let secrets: Vec<Vec<Value>> = app["secrets"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|s| vec![mono(s["hint"].clone()), time_cell(&s["created_at"]), time_cell(&s["expires_at"])])
                .collect()
        })
        .unwrap_or_default();
    let certs: Vec<Vec<Value>> = app["certificates"]
        .as_array()
        .map(|a| a.iter().map(|c| vec![mono(c["thumbprint"].clone()), time_cell(&c["not_after"])]).collect())
        .unwrap_or_default();
    let ctx = json!({
        "title": app["client_id"],
        "tenant": tenant,
        "app": app,
        "secrets": secrets,
        "certificates": certs,
        "problem": problem,
        "confidential": app["type"] == "confidential",
        "signins": format!("{BASE}/?tenant={}&application={}", enc(tenant), enc(app["client_id"].as_str().unwrap_or_default())),
    });
    cx.render("console_app.html", "applications", ctx)
}

/// `POST /admin/console/applications/certificates`: uploads PEM certificates for
/// `private_key_jwt` (RFC 7523 §2.2); pasted, so the form needs no multipart parser.
pub async fn add_certificate(cx: Cx, form: Form) -> Page {
    cx.check_csrf(form.get("csrf"))?;
    let (tenant, id) = (form.get("tenant").to_string(), form.get("client_id").to_string());
    let path = format!("/tenants/{}/applications/{}/certificates", enc(&tenant), enc(&id));
    let a = cx.api(Method::POST, &path, Some(json!({"pem": form.get("pem")}))).await?;
    if !a.ok() {
        let app = cx.get(&format!("/tenants/{}/applications/{}", enc(&tenant), enc(&id))).await?;
        let mut problem = a.body.clone();
        let code = problem["code"].as_u64().unwrap_or(0);
        problem["help"] = json!(format!("/error?code={code}&lang={}", cx.locale));
        return Ok(app_page(&cx, &tenant, app, problem));
    }
    Ok(see_other(&format!("{BASE}/applications/view?tenant={}&client_id={}", enc(&tenant), enc(&id))))
}
