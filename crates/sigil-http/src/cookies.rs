//! Sigil's browser cookies: the CSRF cookie and one session cookie per tenant. Parsing and
//! building use the `cookie` crate; the rules (what the anti-forgery token is bound to, when a
//! session is live) are in `sigil_core::interaction`.
use axum::http::{HeaderMap, HeaderValue, header};
use cookie::prefix::{Host, Prefix};
use cookie::{Cookie, SameSite};
use sigil_core::directory::TenantView;
use sigil_core::error::SigilError;
use sigil_core::interaction::{sealed, session};
use sigil_core::model::Session;

use crate::AppState;

const CSRF_COOKIE: &str = "sigil_csrf";
/// Issue 21: the long-lived device cookie of the unfamiliar-sign-in policy (one per browser).
const DEVICE_COOKIE: &str = "sigil_device";

/// RFC 6265bis §4.1.3.2: under TLS Sigil's cookies carry the `__Host-` prefix, which browsers
/// accept only with Secure, Path=/ and no Domain, so a sibling host cannot set or shadow them.
/// Readers and writers both take the name from here.
pub fn cookie_name(state: &AppState, base: &str) -> String {
    if state.secure_cookies { Host::prefixed_name(base) } else { base.to_string() }
}

pub fn session_cookie_name(state: &AppState, view: &TenantView) -> String {
    cookie_name(state, &format!("sigil_session_{}", view.tenant.id.simple()))
}

/// The value of the first cookie called `name` in the request's `Cookie` headers.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

/// Path=/, HttpOnly, SameSite=Lax and no Domain always; Secure under TLS (what the `__Host-`
/// prefix requires). `lifetime` in seconds (Max-Age); none: a browser-session cookie.
pub fn set(state: &AppState, name: &str, value: &str, lifetime: Option<i64>) -> HeaderValue {
    build(state.secure_cookies, name, value, lifetime)
}

fn build(secure: bool, name: &str, value: &str, lifetime: Option<i64>) -> HeaderValue {
    let mut c = Cookie::build((name, value)).path("/").http_only(true).same_site(SameSite::Lax).build();
    if secure {
        c = Host::conform(c);
    }
    if let Some(a) = lifetime {
        c.set_max_age(cookie::time::Duration::seconds(a));
    }
    HeaderValue::from_str(&c.to_string()).expect("cookie is ASCII")
}

/// The current session for this tenant, if its cookie names a live one.
pub async fn current_session(
    state: &AppState,
    view: &TenantView,
    headers: &HeaderMap,
) -> Result<Option<Session>, SigilError> {
    let token = get(headers, &session_cookie_name(state, view));
    session::current(&state.ctx, view.tenant.id, token.as_deref()).await
}

/// The session cookie for a session: Max-Age for a persistent one (the time it has left), none
/// (a browser-session cookie) otherwise. The server-side expiry is the session's `expires_at`.
pub fn session_cookie(state: &AppState, view: &TenantView, token: &str, s: &Session) -> HeaderValue {
    let max_age = session::cookie_max_age(s, state.ctx.clock.now());
    set(state, &session_cookie_name(state, view), token, max_age)
}

/// The browser's device cookie value, if it sent one that Sigil could have made.
pub fn device_cookie(state: &AppState, headers: &HeaderMap) -> Option<String> {
    let made_by_sigil = |v: &String| {
        (32..=64).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    get(headers, &cookie_name(state, DEVICE_COOKIE)).filter(made_by_sigil)
}

/// A new device cookie (HttpOnly, SameSite=Lax, Secure under TLS; 400 days).
pub fn set_device_cookie(state: &AppState, value: &str) -> HeaderValue {
    let lifetime = sigil_core::factor::unfamiliar::DEVICE_COOKIE_LIFETIME;
    set(state, &cookie_name(state, DEVICE_COOKIE), value, Some(lifetime))
}

/// The browser's CSRF cookie value, if it sent one.
pub fn csrf_cookie(state: &AppState, headers: &HeaderMap) -> Option<String> {
    get(headers, &cookie_name(state, CSRF_COOKIE))
}

/// The anti-forgery token for a form bound to `bound_to`, and the CSRF cookie to set when the
/// browser has no usable one yet.
pub fn csrf_for(state: &AppState, headers: &HeaderMap, bound_to: &str) -> (String, Option<HeaderValue>) {
    let current = csrf_cookie(state, headers);
    let (value, set_header) = match sealed::usable_csrf_cookie(current.as_deref()) {
        Some(c) => (c.to_string(), None),
        None => {
            let c = sigil_core::rng::token_256(state.ctx.rng.as_ref());
            let h = set(state, &cookie_name(state, CSRF_COOKIE), &c, None);
            (c, Some(h))
        }
    };
    (sealed::csrf_token(&state.ctx.master, &value, bound_to), set_header)
}

/// Checks a posted anti-forgery token of a form without a sealed interaction (logout).
pub fn check_csrf(state: &AppState, headers: &HeaderMap, bound_to: &str, given: &str) -> Result<(), SigilError> {
    sealed::check_csrf(&state.ctx.master, csrf_cookie(state, headers).as_deref(), bound_to, given)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_cookie_attributes_with_and_without_tls() {
        let plain = build(false, "sigil_csrf", "v", None);
        assert_eq!(plain, "sigil_csrf=v; HttpOnly; SameSite=Lax; Path=/");
        let host = build(true, &Host::prefixed_name("sigil_csrf"), "v", Some(60));
        assert_eq!(host, "__Host-sigil_csrf=v; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=60");
        assert_eq!(build(false, "s", "", Some(0)), "s=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0");
    }

    #[test]
    fn the_first_cookie_of_that_name_across_headers() {
        let mut h = HeaderMap::new();
        h.append(header::COOKIE, HeaderValue::from_static("a=1; junk; __Host-sigil_csrf=x ;b=2"));
        h.append(header::COOKIE, HeaderValue::from_static("__Host-sigil_csrf=y"));
        assert_eq!(get(&h, "__Host-sigil_csrf").as_deref(), Some("x"));
        assert_eq!(get(&h, "b").as_deref(), Some("2"));
        assert_eq!(get(&h, "sigil_csrf"), None);
    }
}
