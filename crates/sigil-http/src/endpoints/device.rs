//! `GET|POST /{tenant}/device`: the verification page of the device authorization grant (RFC 8628
//! §3.3). GET shows the form (pre-filled from `verification_uri_complete`'s `user_code`, §3.3.1, and
//! never acted on without the user's submit); POST looks the code up and starts the interaction with
//! a `DeviceAuthorization` pending request: sign-in, then always the consent page, where the user
//! sees which application the device is and approves or declines.
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;
use sigil_core::catalog;
use sigil_core::error::SigilError;

use super::interaction::{Flow, error_page, refused_page};
use crate::cookies;
use crate::pages::html_response;
use crate::request::{self, Opening, ParamsFrom, RateLimited, Refused, TenantRequest};
use crate::throttle::SourceThrottle;

const FLOW: &str = "device_verification";

/// §5.1: wrong user codes allowed per source address in [`DEVICE_CODE_GUESS_WINDOW`]. With 20^8
/// codes and even 10,000 pending at once, one source's chance of hitting one in a window is about
/// 4 in a million.
pub const DEVICE_CODE_GUESSES: u32 = 10;
/// Seconds.
pub const DEVICE_CODE_GUESS_WINDOW: i64 = 600;

pub type DeviceCodeThrottle = SourceThrottle<DEVICE_CODE_GUESSES, DEVICE_CODE_GUESS_WINDOW>;

/// The verification page's opening: the query (GET) or the form (POST); refusals are pages.
pub struct DeviceVerification;

impl Opening for DeviceVerification {
    const PARAMS: ParamsFrom = ParamsFrom::QueryOrForm;
    const RATE_LIMITED: RateLimited = RateLimited::Source;

    fn refuse(r: Refused<'_>) -> Response {
        refused_page(&r, FLOW, r.locale())
    }
}

pub async fn device(req: TenantRequest<DeviceVerification>) -> Response {
    let TenantRequest { state, meta, view, params, headers, .. } = &req;
    let locale = req.locale();
    let typed = params.get("user_code").unwrap_or("");
    if req.method != axum::http::Method::POST {
        return entry_page(&req, typed, None, StatusCode::OK);
    }
    let mut record = req.record(FLOW.into());
    let now = state.ctx.clock.now();
    if let Some(wait) = state.device_throttle.retry_after(&meta.source, now) {
        let mut e = SigilError::new(catalog::DEVICE_CODE_GUESSES_THROTTLED, "too many wrong user codes");
        e.retry_after = Some(wait);
        return error_page(state, meta, locale, &e, &mut record);
    }
    let pending = match sigil_core::device::pending_request(&state.ctx, view, typed).await {
        Ok(p) => p,
        Err(e) => {
            if e.entry.code == catalog::BAD_VERIFICATION_CODE.code {
                state.device_throttle.failed(&meta.source, now);
            }
            request::fill_error(&mut record, &e);
            request::finish(state, meta, record);
            return entry_page(&req, typed, Some(&e), StatusCode::BAD_REQUEST);
        }
    };
    match cookies::current_session(state, view, headers).await {
        Ok(session) => {
            let flow = Flow { state, meta, view: view.clone(), locale, headers };
            flow.proceed(pending, session, false, false, &mut record).await
        }
        Err(e) => error_page(state, meta, locale, &e, &mut record),
    }
}

/// The form where the user types the code shown on the device.
fn entry_page(
    req: &TenantRequest<DeviceVerification>,
    typed: &str,
    error: Option<&SigilError>,
    status: StatusCode,
) -> Response {
    let (state, view, locale) = (&req.state, &req.view, req.locale());
    let m = &state.messages;
    let entry = error.map(|e| e.public_entry());
    let ctx = json!({
        "action": format!("/{}/device", view.tenant.id),
        "heading": m.get(locale, "ui-device-heading", &[("tenant", view.tenant.display_name.clone())]),
        "brand": crate::pages::brand(view, locale),
        "user_code": typed.chars().take(16).collect::<String>(),
        "error": error.zip(entry).map(|(e, entry)| m.get(locale, &entry.key("description"), &e.args)),
        "error_code": entry.map(|e| e.code),
    });
    let html = state.pages.render(m, locale, "device.html", ctx).unwrap_or_else(|e| format!("template error: {e}"));
    let mut res = html_response(status, html, locale, None);
    crate::pages::allow_image_origin(&mut res, view);
    res
}
