//! Liveness, readiness and metrics.
use std::sync::Arc;

use axum::Extension;
use axum::extract::State;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sigil_core::catalog;
use sigil_core::error::SigilError;

use crate::meta::RequestMeta;
use crate::{AppState, errors};

pub async fn healthz() -> &'static str {
    "ok"
}

/// Ready when the store answers, accepts a write (one row committed, so a full disk, a read-only
/// file or a read-only database shows here: issue 17 item 9) and every tenant's signing keys are
/// loaded.
pub async fn readyz(State(state): State<Arc<AppState>>) -> Response {
    let store = &state.ctx.store;
    let db = match store.ping().await {
        Ok(()) => store.probe_write().await.map_err(|e| ("store cannot write", e)),
        Err(e) => Err(("store unreachable", e)),
    };
    let keys = state.ctx.directory.get().all_keys_loaded();
    match (db, keys) {
        (Ok(()), true) => (StatusCode::OK, "ready").into_response(),
        (Err((what, e)), _) => {
            // The reason goes to the log, not to an unauthenticated caller (it may name hosts).
            tracing::warn!(error = %e, "readiness: {what}");
            (StatusCode::SERVICE_UNAVAILABLE, what).into_response()
        }
        (_, false) => (StatusCode::SERVICE_UNAVAILABLE, "signing keys not loaded").into_response(),
    }
}

pub async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    let (in_use, idle) = state.ctx.store.pool_usage();
    state.metrics.gauge("sigil_store_pool_connections_in_use", in_use as f64);
    state.metrics.gauge("sigil_store_pool_connections_idle", idle as f64);
    state.metrics.counter_value("sigil_signin_log_dropped_total", (state.signin_dropped)());
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], state.metrics.render()).into_response()
}

/// RFC 9110 §15.5.6: a known path with a method it does not take is 405, with `Allow` (which the
/// router sets) listing the ones it does.
pub async fn method_not_allowed(
    State(state): State<Arc<AppState>>,
    Extension(meta): Extension<RequestMeta>,
    method: Method,
) -> Response {
    let m = sigil_core::params::sanitize(method.as_str());
    let err = SigilError::new(catalog::METHOD_NOT_ALLOWED, format!("method {m}")).arg("method", m);
    errors::json(&state, &meta, "en", "sigil", &err)
}

pub async fn not_found(State(state): State<Arc<AppState>>, Extension(meta): Extension<RequestMeta>) -> Response {
    let err = SigilError::new(catalog::NOT_FOUND, "no route");
    errors::json(&state, &meta, "en", "sigil", &err)
}
