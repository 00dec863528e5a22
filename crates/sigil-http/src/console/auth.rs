//! Signing in to the console through Sigil itself: the authorization code grant with PKCE
//! (RFC 6749 §4.1, RFC 7636 §4) as the built-in public client `sigil-console` of the admin tenant,
//! following the backend-for-frontend pattern of the IETF "OAuth 2.0 for Browser-Based
//! Applications" BCP (§6.1): the code is redeemed here, and the browser only ever holds a sealed
//! HttpOnly cookie, never a token.
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sigil_core::catalog;
use sigil_core::crypto::{b64url, b64url_decode, ct_eq, sha256};
use sigil_core::error::SigilError;
use sigil_core::rng::token_256;
use tower::ServiceExt;

use super::{BASE, CALLBACK, CLIENT_ID, Cx, Form, Session, enc, query_value, seal_session, session_cookie};
use crate::cookies;

const LOGIN_COOKIE: &str = "sigil_console_login";
const LOGIN_AAD: &[u8] = b"sigil-console-login-v1";
/// How long the browser may spend on Sigil's sign-in pages before the console forgets the attempt.
const LOGIN_LIFETIME: i64 = 600;

/// What the console remembers between sending the browser to `/authorize` and its return.
#[derive(Serialize, Deserialize)]
struct Attempt {
    /// RFC 6749 §10.12: binds the response to this browser.
    state: String,
    /// RFC 7636 §4.1.
    verifier: String,
    /// A console path to return to.
    back: String,
}

fn not_configured(cx: &Cx) -> Response {
    cx.error(SigilError::new(catalog::CONSOLE_NOT_CONFIGURED, "server.admin_tenant is not set"))
}

/// Only a console path is a place to come back to (no open redirect).
fn safe_back(back: Option<String>) -> String {
    back.filter(|b| b.starts_with(&format!("{BASE}/")) && !b.contains("//") && !b.contains('\\'))
        .unwrap_or_else(|| format!("{BASE}/"))
}

/// `GET /admin/console/login`: to the admin tenant's authorization endpoint (RFC 6749 §4.1.1),
/// with `code_challenge` S256 (RFC 7636 §4.2, §4.3).
pub async fn login(cx: Cx) -> Response {
    let Some(tenant) = cx.state.admin_tenant.clone() else { return not_configured(&cx) };
    let rng = cx.state.ctx.rng.as_ref();
    let attempt = Attempt {
        state: token_256(rng),
        verifier: token_256(rng),
        back: safe_back(query_value(cx.path_and_query.split_once('?').map(|(_, q)| q), "return")),
    };
    let challenge = b64url(&sha256(attempt.verifier.as_bytes()));
    let public = &cx.state.ctx.public_url;
    // `profile`: the ID token names the operator (OIDC Core §5.4) for the page header.
    let scope = format!("openid profile {}/.default", sigil_core::admin::ADMIN_API_AUDIENCE);
    let url = format!(
        "{public}/{}/oauth2/v2.0/authorize?client_id={CLIENT_ID}&response_type=code&redirect_uri={}&scope={}&state={}&code_challenge={challenge}&code_challenge_method=S256&ui_locales={}",
        enc(&tenant),
        enc(&format!("{public}{CALLBACK}")),
        enc(&scope),
        attempt.state,
        cx.locale,
    );
    let sealed = b64url(&cx.state.ctx.master.seal(rng, LOGIN_AAD, &serde_json::to_vec(&attempt).unwrap_or_default()));
    let mut res = Redirect::to(&url).into_response();
    // Lax, not Strict: the browser comes back from Sigil's pages by a redirect that may follow a
    // cross-site hop (a federated sign-in); the value is single-purpose and sealed.
    let c = cookies::set(&cx.state, &cookies::cookie_name(&cx.state, LOGIN_COOKIE), &sealed, Some(LOGIN_LIFETIME));
    res.headers_mut().append(header::SET_COOKIE, c);
    res
}

fn refuse(cx: &Cx, why: impl Into<String>) -> Response {
    let mut res = cx.error(SigilError::new(catalog::CONSOLE_SIGNIN_FAILED, why));
    res.headers_mut().append(header::SET_COOKIE, clear(cx, LOGIN_COOKIE));
    res
}

fn clear(cx: &Cx, base: &str) -> HeaderValue {
    cookies::set(&cx.state, &cookies::cookie_name(&cx.state, base), "", Some(0))
}

/// `GET /admin/console/callback`: checks `state`, redeems the code at the token endpoint (in
/// process, so it is signed in like any client's) and starts the console session.
pub async fn callback(cx: Cx) -> Response {
    let Some(tenant) = cx.state.admin_tenant.clone() else { return not_configured(&cx) };
    let q = cx.path_and_query.split_once('?').map(|(_, q)| q.to_string());
    let param = |n: &str| query_value(q.as_deref(), n);
    let Some(attempt) = cookies::get(&cx.headers, &cookies::cookie_name(&cx.state, LOGIN_COOKIE))
        .and_then(|v| b64url_decode(&v))
        .and_then(|b| cx.state.ctx.master.open(LOGIN_AAD, &b).ok())
        .and_then(|b| serde_json::from_slice::<Attempt>(&b).ok())
    else {
        return refuse(&cx, "callback without a console sign-in in progress in this browser");
    };
    if !ct_eq(attempt.state.as_bytes(), param("state").unwrap_or_default().as_bytes()) {
        return refuse(&cx, "state does not match this browser's sign-in");
    }
    // RFC 6749 §4.1.2.1: Sigil refused the sign-in; its own page or the log says why.
    if let Some(e) = param("error") {
        let code = param("error_codes").or_else(|| param("error_code")).unwrap_or_default();
        return refuse(&cx, format!("authorization refused: {e} {code}"));
    }
    let Some(code) = param("code") else { return refuse(&cx, "callback without code") };
    let public = &cx.state.ctx.public_url;
    let form: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "authorization_code")
        .append_pair("code", &code)
        .append_pair("redirect_uri", &format!("{public}{CALLBACK}"))
        .append_pair("client_id", super::CLIENT_ID)
        .append_pair("code_verifier", &attempt.verifier)
        .finish();
    let Ok(mut req) = Request::builder()
        .method(Method::POST)
        .uri(format!("/{}/oauth2/v2.0/token", enc(&tenant)))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form))
    else {
        return refuse(&cx, "token request");
    };
    req.extensions_mut().insert(cx.meta.clone());
    let res = cx.console.token.clone().oneshot(req).await.unwrap_or_else(|e| match e {});
    let ok = res.status() == StatusCode::OK;
    let bytes = axum::body::to_bytes(res.into_body(), 64 * 1024).await.unwrap_or_default();
    let v: Value = serde_json::from_slice(&bytes).unwrap_or(json!({}));
    let Some(token) = v["access_token"].as_str().filter(|_| ok) else {
        return refuse(&cx, format!("code redemption refused: {} {}", v["error"], v["error_codes"]));
    };
    // Read, not verified: both came straight from the token endpoint in this process (OIDC Core
    // §3.1.3.7 item 6), and the admin API verifies the access token on every call anyway.
    let payload = |jwt: &str| {
        jwt.split('.')
            .nth(1)
            .and_then(b64url_decode)
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
            .unwrap_or(json!({}))
    };
    let claims = payload(token);
    let id = payload(v["id_token"].as_str().unwrap_or_default());
    let roles: Vec<&str> =
        claims["roles"].as_array().map(|r| r.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    let now = cx.state.ctx.clock.now_millis();
    let lifetime = v["expires_in"].as_i64().unwrap_or(3600).clamp(60, 86_400);
    let name = id["name"]
        .as_str()
        .or_else(|| ["preferred_username", "sub"].iter().find_map(|k| claims[*k].as_str()))
        .unwrap_or_default()
        .chars()
        .take(128)
        .collect();
    let session = Session {
        token: token.to_string(),
        exp: now + lifetime * 1000,
        name,
        write: roles.contains(&sigil_core::admin::ROLE_ADMIN),
        csrf: token_256(cx.state.ctx.rng.as_ref()),
    };
    let mut res = Redirect::to(&attempt.back).into_response();
    let h = res.headers_mut();
    h.append(header::SET_COOKIE, session_cookie(&cx.state, &seal_session(&cx.state, &session), lifetime));
    h.append(header::SET_COOKIE, clear(&cx, LOGIN_COOKIE));
    res
}

/// `POST /admin/console/logout`: ends the console session (the cookie), then Sigil's own session
/// through the admin tenant's end-session endpoint (OIDC RP-Initiated Logout 1.0 §2).
pub async fn logout(cx: Cx, form: Form) -> Response {
    if let Err(stop) = cx.check_csrf(form.get("csrf")) {
        return stop.into_response();
    }
    let to = match cx.state.admin_tenant.as_deref() {
        Some(t) => format!(
            "/{}/oauth2/v2.0/logout?client_id={CLIENT_ID}&post_logout_redirect_uri={}&ui_locales={}",
            enc(t),
            enc(&format!("{}{BASE}/", cx.state.ctx.public_url)),
            cx.locale
        ),
        None => format!("{BASE}/"),
    };
    let mut res = Redirect::to(&to).into_response();
    res.headers_mut().append(header::SET_COOKIE, session_cookie(&cx.state, "", 0));
    res
}
