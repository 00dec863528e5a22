//! `GET /admin/signins`: the sign-in log over HTTP, behind the admin bearer credential, with wrong
//! credentials throttled per source address.
use std::sync::Arc;

use axum::Extension;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sigil_core::catalog;
use sigil_core::crypto::{ct_eq, sha256};
use sigil_core::error::SigilError;
use sigil_core::signin_log::SigninQuery;

use crate::meta::RequestMeta;
use crate::throttle::SourceThrottle;
use crate::{AppState, errors};

/// Wrong admin credentials a source may present per window before it is refused.
pub const ADMIN_FAILURES_ALLOWED: u32 = 5;
/// Seconds; the window starts at a source's first wrong credential.
pub const ADMIN_FAILURE_WINDOW: i64 = 300;
/// Wrong admin credentials per source address: after [`ADMIN_FAILURES_ALLOWED`] within
/// [`ADMIN_FAILURE_WINDOW`], every admin request from that source is answered 429 until the window
/// ends, the right credential included (else guessing would simply go on).
pub type AdminThrottle = SourceThrottle<ADMIN_FAILURES_ALLOWED, ADMIN_FAILURE_WINDOW>;

#[derive(Deserialize)]
pub struct SigninFilter {
    trace_id: Option<String>,
    correlation_id: Option<String>,
    tenant: Option<String>,
    client: Option<String>,
    user: Option<String>,
    code: Option<u32>,
    /// Milliseconds since the Unix epoch.
    since: Option<i64>,
    until: Option<i64>,
    limit: Option<u32>,
}

pub async fn signins(
    State(state): State<Arc<AppState>>,
    Extension(meta): Extension<RequestMeta>,
    headers: HeaderMap,
    f: Result<Query<SigninFilter>, QueryRejection>,
) -> Response {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    let now = state.ctx.clock.now();
    if let Some(wait) = state.admin_throttle.retry_after(&meta.source, now) {
        let mut e = SigilError::new(catalog::ADMIN_THROTTLED, "too many wrong admin credentials from this source");
        e.retry_after = Some(wait);
        return errors::json(&state, &meta, "en", "sigil-admin", &e);
    }
    // Digests of equal length, compared in constant time: neither content nor length leaks.
    let authorized =
        state.admin_token.as_deref().is_some_and(|t| ct_eq(&sha256(t.as_bytes()), &sha256(presented.as_bytes())));
    if !authorized {
        state.admin_throttle.failed(&meta.source, now);
        let e = SigilError::new(catalog::ADMIN_UNAUTHORIZED, "admin credential missing or wrong");
        return errors::json(&state, &meta, "en", "sigil-admin", &e);
    }
    let f = match f {
        Ok(Query(f)) => f,
        Err(e) => {
            let err = SigilError::new(catalog::MALFORMED_REQUEST, format!("query: {e}"))
                .arg("reason", "the query string does not parse");
            return errors::json(&state, &meta, "en", "sigil-admin", &err);
        }
    };
    let q = SigninQuery {
        trace_id: f.trace_id,
        correlation_id: f.correlation_id,
        tenant: f.tenant,
        client_id: f.client,
        user: f.user,
        code: f.code,
        since_millis: f.since,
        until_millis: f.until,
        limit: f.limit.unwrap_or(100),
    };
    match state.ctx.store.query_signins(&q).await {
        Ok(rows) => {
            let mut res = axum::Json(rows).into_response();
            errors::no_store(res.headers_mut());
            res
        }
        Err(e) => errors::json(&state, &meta, "en", "sigil-admin", &e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_is_throttled_after_the_allowed_failures_until_its_window_ends() {
        let t = AdminThrottle::default();
        for _ in 0..ADMIN_FAILURES_ALLOWED {
            assert_eq!(t.retry_after("a", 1000), None);
            t.failed("a", 1000);
        }
        assert_eq!(t.retry_after("a", 1010), Some((ADMIN_FAILURE_WINDOW - 10) as u32));
        assert_eq!(t.retry_after("b", 1010), None);
        assert_eq!(t.retry_after("a", 1000 + ADMIN_FAILURE_WINDOW), None);
        t.failed("a", 1000 + ADMIN_FAILURE_WINDOW);
        assert_eq!(t.retry_after("a", 1000 + ADMIN_FAILURE_WINDOW), None, "a new window starts");
    }
}
