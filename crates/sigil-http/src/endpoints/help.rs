//! `GET /error[?code=N][&lang=xx][&q=…]`: the troubleshooting pages, generated from the catalog and
//! the Fluent messages; `Accept: application/json` returns the same content as JSON.
use std::sync::Arc;

use axum::Extension;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use sigil_core::{catalog, i18n};

use crate::AppState;
use crate::meta::RequestMeta;
use crate::pages::{LANGUAGE_NAMES, help_json, html_response};

#[derive(Deserialize)]
pub struct HelpQuery {
    code: Option<String>,
    lang: Option<String>,
    q: Option<String>,
}

fn wants_json(h: &HeaderMap) -> bool {
    h.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("application/json"))
}

pub async fn help(
    State(state): State<Arc<AppState>>,
    Extension(meta): Extension<RequestMeta>,
    headers: HeaderMap,
    q: Result<Query<HelpQuery>, QueryRejection>,
) -> Response {
    // A query that does not parse is treated as no query: the list is still the helpful answer.
    let q = q.map(|Query(q)| q).unwrap_or(HelpQuery { code: None, lang: None, q: None });
    let locale = i18n::negotiate(q.lang.as_deref(), meta.accept_language.as_deref(), None);
    let m = &state.messages;
    let langs: Vec<Value> = LANGUAGE_NAMES
        .iter()
        .map(|(code, name)| {
            let href = match &q.code {
                Some(c) => {
                    format!("/error?code={}&lang={code}", c.chars().filter(char::is_ascii_digit).collect::<String>())
                }
                None => format!("/error?lang={code}"),
            };
            json!({"code": code, "name": name, "href": href})
        })
        .collect();
    let code_num =
        q.code.as_deref().map(|c| c.trim().trim_start_matches("SIGIL").trim_start_matches("AADSTS").parse::<u32>());
    if let Some(Ok(n)) = code_num
        && let Some(entry) = catalog::lookup(n)
    {
        let e = help_json(m, entry, locale);
        if wants_json(&headers) {
            return (StatusCode::OK, [(header::CONTENT_LANGUAGE, locale)], axum::Json(e)).into_response();
        }
        let title = m.get(locale, "ui-help-title", &[("code", format!("SIGIL{n}"))]);
        let ctx = json!({"e": e, "title": title, "langs": langs});
        return page(&state, locale, "help_detail.html", ctx, StatusCode::OK);
    }
    // The list, filtered by the search words; an unknown code explains itself above the list.
    let query = q.q.clone().unwrap_or_default().to_lowercase();
    let entries: Vec<Value> = catalog::ALL
        .iter()
        .map(|e| help_json(m, e, locale))
        .filter(|e| {
            query.split_whitespace().all(|w| {
                [
                    &e["code"].to_string(),
                    e["name"].as_str().unwrap_or(""),
                    e["error"].as_str().unwrap_or(""),
                    e["description"].as_str().unwrap_or(""),
                ]
                .iter()
                .any(|f| f.to_lowercase().contains(w))
            })
        })
        .collect();
    let unknown =
        q.code.as_ref().map(|c| m.get(locale, "ui-help-unknown-body", &[("code", sigil_core::params::sanitize(c))]));
    let status = if unknown.is_some() { StatusCode::NOT_FOUND } else { StatusCode::OK };
    if wants_json(&headers) {
        return (status, axum::Json(json!({"unknown": unknown, "entries": entries}))).into_response();
    }
    let ctx = json!({"entries": entries, "q": q.q.unwrap_or_default(), "unknown": unknown, "langs": langs});
    page(&state, locale, "help_list.html", ctx, status)
}

fn page(state: &AppState, locale: &str, name: &str, ctx: Value, status: StatusCode) -> Response {
    let html =
        state.pages.render(&state.messages, locale, name, ctx).unwrap_or_else(|e| format!("template error: {e}"));
    html_response(status, html, locale, None)
}

pub async fn css() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        crate::pages::CSS,
    )
        .into_response()
}

/// `/assets/passkey.js`: the WebAuthn ceremonies of the sign-in, passkey and account pages.
pub async fn passkey_js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        crate::pages::PASSKEY_JS,
    )
        .into_response()
}
