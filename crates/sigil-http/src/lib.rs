//! Sigil's HTTP layer (axum). Routes per endpoint under `endpoints/`; the one place errors become
//! HTTP is [`errors`]; every request gets a trace ID, a correlation ID, metrics and a log line from
//! [`meta`].
pub mod admin_api;
pub mod backchannel;
pub mod console;
pub mod cookies;
pub mod cors;
pub mod endpoints;
pub mod errors;
pub mod form;
#[cfg(test)]
mod fuzz;
pub mod meta;
pub mod metrics;
pub mod outbound;
pub mod pages;
mod qr;
pub mod request;
pub mod scim;
pub mod throttle;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::HeaderValue;
use axum::routing::{get, post};
use sigil_core::context::Context;
use sigil_core::i18n::Messages;
use sigil_core::signin_log::SigninSink;

pub use metrics::Metrics;

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    pub ctx: Context,
    pub signin: Arc<dyn SigninSink>,
    pub metrics: Arc<Metrics>,
    pub messages: Arc<Messages>,
    pub pages: Arc<pages::Pages>,
    /// Bearer credential for the admin API; `None` disables it.
    pub admin_token: Option<Arc<str>>,
    /// Reports sign-in log drops for `/metrics`.
    pub signin_dropped: Arc<dyn Fn() -> u64 + Send + Sync>,
    /// Sets `Secure` on cookies (served over HTTPS).
    pub secure_cookies: bool,
    /// Proxies whose `Forwarded` / `X-Forwarded-*` headers are believed.
    pub proxies: meta::TrustedProxies,
    /// `Strict-Transport-Security` value for HTTPS responses; `None` sends none.
    pub hsts: Option<HeaderValue>,
    /// Bound on a whole request, body read and handling.
    pub request_timeout: Duration,
    /// Wrong admin credentials per source.
    pub admin_throttle: Arc<endpoints::admin::AdminThrottle>,
    /// Wrong user codes per source on the device verification page.
    pub device_throttle: Arc<endpoints::device::DeviceCodeThrottle>,
    /// Level of the per-request access log line (`server.access_log`); `None`: none.
    pub access_log: Option<tracing::Level>,
    /// Traces are exported (OTLP) for this fraction of requests: each request span gets an
    /// OpenTelemetry parent. `None`: no export.
    pub otel_export: Option<f64>,
    /// `server.admin_tenant`: the tenant whose admin API tokens reach every tenant.
    pub admin_tenant: Option<Arc<str>>,
    /// Rate limits per client, user, source address and network prefix (issue 23).
    pub rate_limiter: Arc<sigil_core::ratelimit::RateLimiter>,
}

/// Which routes a listener serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Routes {
    /// Everything (no separate admin listener).
    All,
    /// Everything but `/metrics` and `/admin/…`.
    Public,
    /// `/metrics`, `/admin/…` and the health probes.
    Admin,
}

pub fn router(state: AppState) -> Router {
    router_for(state, Routes::All)
}

pub fn router_for(state: AppState, routes: Routes) -> Router {
    use endpoints::*;
    // One reference count per request instead of one per field.
    let state = Arc::new(state);
    let mut r = Router::new().route("/healthz", get(health::healthz)).route("/readyz", get(health::readyz));
    if routes != Routes::Public {
        r = r.route("/metrics", get(health::metrics)).route("/admin/signins", get(admin::signins));
        r = r.merge(admin_api::router(state.clone()));
        r = r.merge(scim::router(state.clone()));
        r = r.merge(console::router(state.clone()));
    }
    if routes != Routes::Admin {
        r = public_routes(r);
    }
    r.fallback(health::not_found)
        // axum adds the `Allow` header itself.
        .method_not_allowed_fallback(health::method_not_allowed)
        // After the fallbacks, so that a preflight (`OPTIONS`) from a registered origin is answered.
        .layer(cors::SpaCorsLayer::new(state.clone()))
        .layer(axum::extract::DefaultBodyLimit::max(sigil_core::limits::MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(state.clone(), meta::middleware))
        .with_state(state)
}

fn public_routes(r: Router<Arc<AppState>>) -> Router<Arc<AppState>> {
    use endpoints::*;
    r.route("/", get(home::home))
        .route("/{tenant}/oauth2/v2.0/token", post(token::token))
        .route("/{tenant}/oauth2/v2.0/revoke", post(revoke::revoke))
        .route("/{tenant}/oauth2/v2.0/devicecode", post(device_authorization::device_authorization))
        .route("/{tenant}/oauth2/v2.0/par", post(par::par))
        .route("/{tenant}/oauth2/v2.0/introspect", post(introspect::introspect))
        .route(
            "/{tenant}/oauth2/v2.0/register",
            post(register::register).get(register::register).put(register::register).delete(register::register),
        )
        .route("/{tenant}/discovery/v2.0/keys", get(discovery::jwks))
        .route("/{tenant}/v2.0/.well-known/openid-configuration", get(discovery::openid_configuration))
        .route("/.well-known/oauth-authorization-server/{tenant}/v2.0", get(discovery::oauth_metadata))
        .route("/{tenant}/oauth2/v2.0/authorize", get(authorize::authorize).post(authorize::authorize))
        .route("/{tenant}/login", post(signin::login))
        .route("/{tenant}/consent", post(consent::consent))
        .route("/{tenant}/factor", post(factor::factor))
        .route("/{tenant}/factor/passkey", post(passkey_factor::passkey_factor))
        .route("/{tenant}/passkey", post(passkey_signin::passkey))
        .route("/{tenant}/account/passkeys", get(account_passkeys::passkeys).post(account_passkeys::passkeys))
        .route("/{tenant}/enroll", post(enroll::enroll))
        .route("/{tenant}/enroll/done", post(enroll::done))
        .route("/{tenant}/kmsi", post(kmsi::kmsi))
        .route("/{tenant}/account", get(account::page))
        .route("/{tenant}/account/password", post(account::password::change))
        .route("/{tenant}/account/totp", post(account::totp::setup))
        .route("/{tenant}/account/totp/remove", post(account::totp::remove))
        .route("/{tenant}/account/sessions", post(account::sessions::end))
        .route("/{tenant}/account/consents", post(account::consents::withdraw))
        .route("/{tenant}/device", get(device::device).post(device::device))
        .route("/{tenant}/oidc/userinfo", get(userinfo::userinfo).post(userinfo::userinfo))
        .route(
            "/{tenant}/me/getMemberObjects",
            get(member_objects::member_objects).post(member_objects::member_objects),
        )
        .route("/{tenant}/oauth2/v2.0/logout", get(logout::logout).post(logout::logout))
        .route("/error", get(help::help))
        .route("/assets/sigil.css", get(help::css))
        .route("/assets/sigil.js", get(branding::script))
        .route("/{tenant}/branding/logo", get(branding::logo))
        .route("/{tenant}/branding/style.css", get(branding::stylesheet))
        .route("/assets/passkey.js", get(help::passkey_js))
        .route("/common/discovery/instance", get(msal::instance_discovery))
        .route("/common/userrealm/{user}", get(msal::user_realm))
}
