//! `GET|POST /{tenant}/oauth2/v2.0/logout`: OpenID Connect RP-Initiated Logout 1.0 §2–§3.
use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use sigil_core::catalog;
use sigil_core::crypto::token_hash;
use sigil_core::error::SigilError;
use sigil_core::{i18n, jwt};

use super::authorize::{cookie, render_error_page, session_cookie_name};
use crate::AppState;
use crate::meta::RequestMeta;
use crate::pages::html_response;

pub async fn logout(
    State(state): State<Arc<AppState>>,
    Path(tenant): Path<String>,
    Extension(meta): Extension<RequestMeta>,
    method: Method,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let params = super::query_or_form(&method, query.as_deref(), &headers, body);
    let view = super::tenant(&state, &tenant);
    let locale = i18n::negotiate(
        params.as_ref().ok().and_then(|p| p.get("ui_locales")),
        meta.accept_language.as_deref(),
        view.as_ref().ok().map(|v| v.tenant.default_locale.as_str()),
    );
    let (view, params) = match (view, params) {
        (Ok(v), Ok(p)) => (v, p),
        (Err(e), _) | (_, Err(e)) => return render_error_page(&state, &meta, locale, &e),
    };
    // §2: the hint is validated as an ID token this OP issued; an expired one is still acceptable.
    let mut client_id = params.get("client_id").map(str::to_string);
    if let Some(hint) = params.get("id_token_hint") {
        match jwt::verify(hint, &view.keys, None) {
            Ok(c) if c["iss"].as_str() == Some(state.ctx.issuer(&view).as_str()) => {
                let aud = c["aud"].as_str().map(str::to_string);
                if client_id.is_some() && client_id != aud {
                    let e =
                        SigilError::new(catalog::INVALID_ID_TOKEN_HINT, "client_id differs from the hint's audience");
                    return render_error_page(&state, &meta, locale, &e);
                }
                client_id = aud;
            }
            _ => {
                let e =
                    SigilError::new(catalog::INVALID_ID_TOKEN_HINT, "id_token_hint is not an ID token of this tenant");
                return render_error_page(&state, &meta, locale, &e);
            }
        }
    }
    let redirect = match params.get("post_logout_redirect_uri") {
        None => None,
        Some(uri) => {
            // §3: only a URI registered for the client the hint or client_id names.
            let ok = client_id
                .as_deref()
                .and_then(|c| view.client(c))
                .is_some_and(|c| c.post_logout_redirect_uris.iter().any(|u| u == uri));
            if !ok {
                let e = SigilError::new(
                    catalog::INVALID_POST_LOGOUT_REDIRECT_URI,
                    format!("'{}' not registered", sigil_core::params::sanitize(uri)),
                );
                return render_error_page(&state, &meta, locale, &e);
            }
            Some(uri.to_string())
        }
    };
    let name = session_cookie_name(&view);
    if let Some(token) = cookie(&headers, &name)
        && let Err(e) = state.ctx.store.delete_session(&token_hash(token)).await
    {
        return render_error_page(&state, &meta, locale, &e.into());
    }
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let clear =
        HeaderValue::from_str(&format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")).expect("ascii");
    let mut res = match redirect {
        Some(uri) => {
            let mut target = uri;
            if let Some(s) = params.get("state") {
                let sep = if target.contains('?') { '&' } else { '?' };
                target = format!("{target}{sep}{}", serde_urlencoded::to_string([("state", s)]).unwrap_or_default());
            }
            let mut r = StatusCode::SEE_OTHER.into_response();
            if let Ok(v) = HeaderValue::from_str(&target) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        None => {
            let m = &state.messages;
            let ctx = json!({"title": m.get(locale, "ui-signedout-title", &[]), "body": m.get(locale, "ui-signedout-body", &[]), "tenant_display": view.tenant.display_name});
            let html = state.pages.render(m, locale, "message.html", ctx).unwrap_or_default();
            html_response(StatusCode::OK, html, locale, None)
        }
    };
    res.headers_mut().append(header::SET_COOKIE, clear);
    res
}
