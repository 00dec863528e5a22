//! `GET|POST /{tenant}/oauth2/v2.0/logout`: OpenID Connect RP-Initiated Logout 1.0 §2–§3.
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use sigil_core::catalog;
use sigil_core::directory::TenantView;
use sigil_core::error::SigilError;
use sigil_core::params::Params;
use sigil_core::verify;

use crate::cookies::{self, check_csrf, csrf_for, session_cookie_name};
use crate::pages::{form_target, html_response, page_response};
use crate::request::{Opening, ParamsFrom, Refused, TenantRequest};
use crate::{AppState, errors};

/// Parameters the confirmation form carries over to its POST.
const CARRIED: [&str; 4] = ["client_id", "post_logout_redirect_uri", "state", "ui_locales"];

/// The logout endpoint's opening: GET query or POST form (§2); refusals are the error page, not
/// recorded (logout is no sign-in).
pub struct Logout;

impl Opening for Logout {
    const PARAMS: ParamsFrom = ParamsFrom::QueryOrForm;

    fn refuse(r: Refused<'_>) -> Response {
        errors::page(r.state, r.meta, r.locale(), &r.error)
    }
}

pub async fn logout(req: TenantRequest<Logout>) -> Response {
    let TenantRequest { state, meta, method, view, params, headers, .. } = &req;
    let locale = req.locale();
    let mut client_id = params.get("client_id").map(str::to_string);
    let mut hint_sid = None;
    let hinted = match params.get("id_token_hint") {
        None => false,
        Some(hint) => match verify::verify_id_token_hint(&state.ctx, view, hint) {
            Ok(c) if client_id.as_ref().is_none_or(|id| *id == c.aud) => {
                client_id = Some(c.aud);
                hint_sid = c.sid;
                true
            }
            Ok(_) => {
                let e = SigilError::new(catalog::INVALID_ID_TOKEN_HINT, "client_id differs from the hint's audience");
                return errors::page(state, meta, locale, &e);
            }
            Err(e) => return errors::page(state, meta, locale, &e),
        },
    };
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
                return errors::page(state, meta, locale, &e);
            }
            Some(uri.to_string())
        }
    };
    let name = session_cookie_name(state, view);
    let session = cookies::get(headers, &name);
    // §2: without a valid hint the request may be any site's link or form, so the user confirms
    // (a POST carrying the anti-forgery token) before a live session ends.
    let bound_to = format!("logout:{}", view.tenant.id);
    let confirmed = *method == Method::POST && params.contains("confirm");
    if confirmed && let Err(e) = check_csrf(state, headers, &bound_to, params.get("csrf_token").unwrap_or("")) {
        return errors::page(state, meta, locale, &e);
    }
    if session.is_some() && !hinted && !confirmed {
        return confirm_page(state, view, headers, params, locale, &bound_to, redirect.as_deref());
    }
    if let Some(token) = &session {
        let hint = client_id.as_deref().zip(hint_sid.as_deref());
        match sigil_core::backchannel::end_session(&state.ctx, view, token, hint).await {
            Ok(notices) => crate::backchannel::deliver(notices),
            Err(e) => return errors::page(state, meta, locale, &e),
        }
    }
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
            let ctx = json!({"title": m.get(locale, "ui-signedout-title", &[]), "body": m.get(locale, "ui-signedout-body", &[]), "brand": crate::pages::brand(view, locale)});
            let html = state.pages.render(m, locale, "message.html", ctx).unwrap_or_default();
            let mut res = html_response(StatusCode::OK, html, locale, None);
            crate::pages::allow_image_origin(&mut res, view);
            res
        }
    };
    res.headers_mut().append(header::SET_COOKIE, cookies::set(state, &name, "", Some(0)));
    res
}

/// "Sign out of …?" with a POST form that carries the request's parameters.
fn confirm_page(
    state: &AppState,
    view: &TenantView,
    headers: &HeaderMap,
    params: &Params,
    locale: &'static str,
    bound_to: &str,
    redirect: Option<&str>,
) -> Response {
    let (csrf_token, set) = csrf_for(state, headers, bound_to);
    let fields: Vec<(&str, &str)> = CARRIED.iter().filter_map(|k| params.get(k).map(|v| (*k, v))).collect();
    let m = &state.messages;
    let ctx = json!({
        "action": format!("/{}/oauth2/v2.0/logout", view.tenant.id),
        "body": m.get(locale, "ui-logout-body", &[("tenant", view.tenant.display_name.clone())]),
        "brand": crate::pages::brand(view, locale),
        "csrf_token": csrf_token, "fields": fields,
    });
    let html = state.pages.render(m, locale, "logout.html", ctx).unwrap_or_else(|e| format!("template error: {e}"));
    let mut res = page_response(StatusCode::OK, html, locale, None, redirect.and_then(form_target).as_deref());
    crate::pages::allow_image_origin(&mut res, view);
    if let Some(c) = set {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    res
}
