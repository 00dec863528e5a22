//! Per-request facts: trace ID (new per request), correlation ID (the client's `client-request-id`
//! when it is a UUID, else the trace ID: the request is its own correlation; echoed back), start
//! time, source address, user agent. The middleware also records metrics and one log line per
//! request inside a span carrying the trace ID.
use std::sync::Arc;

use std::net::SocketAddr;
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;
use uuid::Uuid;

use crate::AppState;

#[derive(Debug, Clone)]
pub struct RequestMeta {
    pub trace_id: Uuid,
    pub correlation_id: Uuid,
    pub start: Instant,
    pub time_millis: i64,
    pub source: String,
    pub user_agent: String,
    pub accept_language: Option<String>,
}

/// Set on a response by the error mapper, read back here for metrics.
#[derive(Debug, Clone, Copy)]
pub struct CatalogCode(pub u32);

pub async fn middleware(State(state): State<Arc<AppState>>, mut req: Request, next: Next) -> Response {
    let now_millis = state.ctx.clock.now_millis();
    let mut random = [0u8; 10];
    state.ctx.rng.fill(&mut random);
    let trace_id = sigil_core::rng::uuid_v7(now_millis, &random);
    let headers = req.headers();
    // MSAL sends its correlation ID as a header (Python) or as a query parameter (Node).
    let from_query = || {
        req.uri().query().and_then(|q| {
            q.split('&').find_map(|kv| kv.strip_prefix("client-request-id=")).and_then(|v| Uuid::parse_str(v).ok())
        })
    };
    let correlation_id = headers
        .get("client-request-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| Uuid::parse_str(v.trim()).ok())
        .or_else(from_query)
        // The SQLite sign-in log indexes only correlation IDs that differ from the row's trace ID.
        .unwrap_or(trace_id);
    let source = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into());
    let meta = RequestMeta {
        trace_id,
        correlation_id,
        start: Instant::now(),
        time_millis: now_millis,
        source,
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .chars()
            .take(256)
            .collect(),
        accept_language: headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(str::to_string),
    };
    let endpoint =
        req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_string()).unwrap_or_else(|| "unmatched".into());
    let method = req.method().clone();
    let start = meta.start;
    req.extensions_mut().insert(meta);
    let span = tracing::info_span!("request", trace_id = %trace_id, correlation_id = %correlation_id);
    async move {
        let mut res = next.run(req).await;
        let code = res.extensions().get::<CatalogCode>().map(|c| c.0).unwrap_or(0);
        let status = res.status().as_u16();
        let elapsed = start.elapsed();
        state.metrics.request(&endpoint, status, code, elapsed);
        if let Ok(v) = HeaderValue::from_str(&correlation_id.to_string()) {
            res.headers_mut().insert("client-request-id", v);
        }
        // Every response names its trace ID, so any answer can be looked up in the sign-in log.
        if let Ok(v) = HeaderValue::from_str(&trace_id.to_string()) {
            res.headers_mut().insert("x-sigil-trace-id", v.clone());
            // Entra's name for the same thing; MSAL reports it as the request ID.
            res.headers_mut().insert("x-ms-request-id", v);
        }
        // One line per request at debug: refusals are already logged (info/error) with their reason,
        // and every token and authorize outcome is in the sign-in log; an info line per request would
        // cost more than issuing a client-credentials token.
        tracing::debug!(%method, endpoint = %endpoint, status, code, micros = elapsed.as_micros() as u64, "request");
        res
    }
    .instrument(span)
    .await
}
