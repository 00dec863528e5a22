//! `POST /{tenant}/oauth2/v2.0/token` (RFC 6749 §3.2).
use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use sigil_core::client_auth::{self, BasicCredentials, Presented};
use sigil_core::error::SigilError;
use sigil_core::grant::{self, TokenRequest};
use sigil_core::i18n;
use sigil_core::params::Params;
use sigil_core::signin_log::SigninRecord;

use crate::meta::RequestMeta;
use crate::{AppState, errors, form};

pub async fn token(
    State(state): State<Arc<AppState>>,
    Path(tenant_name): Path<String>,
    Extension(meta): Extension<RequestMeta>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let params = super::body(body).and_then(|b| form::parse_form(&headers, &b));
    let view = super::tenant(&state, &tenant_name);
    let p = params.as_ref().ok();
    let locale = i18n::negotiate(
        p.and_then(|p| p.get("ui_locales")),
        meta.accept_language.as_deref(),
        view.as_ref().ok().map(|v| v.tenant.default_locale.as_str()),
    );
    let presented = Presented {
        basic: headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(BasicCredentials::parse_header),
    };
    let outcome = match (&view, &params) {
        (Err(e), _) => Err(e.clone()),
        (_, Err(e)) => Err(e.clone()),
        (Ok(view), Ok(params)) => {
            grant::token(&state.ctx, TokenRequest { view, params, presented: &presented, source: &meta.source }).await
        }
    };
    let empty = Params::default();
    let params = params.as_ref().unwrap_or(&empty);
    let mut record = SigninRecord {
        time_millis: meta.time_millis,
        trace_id: meta.trace_id.to_string(),
        correlation_id: meta.correlation_id.to_string(),
        tenant: view.as_ref().map(|v| v.tenant.name.clone()).unwrap_or_else(|_| tenant_name.clone()),
        client_id: client_auth::claimed_client_id(params, &presented),
        user: params.get("username").map(str::to_string),
        flow: params.get("grant_type").unwrap_or("").chars().take(64).collect(),
        code: 0,
        error: None,
        reason: String::new(),
        source: meta.source.clone(),
        user_agent: meta.user_agent.clone(),
        latency_micros: 0,
    };
    let res = match outcome {
        Ok(issued) => {
            state.metrics.token_issued(issued.grant_type.as_str());
            record.user = issued.user.or(record.user);
            record.reason = issued.note;
            let mut res = axum::Json(&issued.response).into_response();
            errors::no_store(res.headers_mut());
            res
        }
        Err(err) => {
            fill_error(&mut record, &err);
            errors::json(&state, &meta, locale, &tenant_name, &err)
        }
    };
    record.latency_micros = meta.start.elapsed().as_micros() as i64;
    state.signin.record(record);
    res
}

pub fn fill_error(record: &mut SigninRecord, err: &SigilError) {
    record.code = err.entry.code;
    record.error = Some(err.public_entry().error.to_string());
    record.reason = err.reason.clone();
}
