//! `POST /{tenant}/consent`: the consent step. Accept remembers the consent and asks the engine
//! for the next step; deny is `access_denied` (RFC 6749 §4.1.2.1).
use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use sigil_core::interaction::{FormStep, consent as rules};

use super::interaction::{Flow, FormPost, error_page, open_post};
use crate::meta::RequestMeta;
use crate::{AppState, cookies};

pub async fn consent(
    State(state): State<Arc<AppState>>,
    Path(tenant): Path<String>,
    Extension(meta): Extension<RequestMeta>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let FormPost { view, params, sealed, locale, mut record } =
        match open_post(&state, &tenant, &meta, &headers, body, "consent", FormStep::Consent) {
            Ok(f) => f,
            Err(page) => return *page,
        };
    let flow = Flow { state: &state, meta: &meta, view: view.clone(), locale, headers: &headers };
    let session = match cookies::current_session(&state, &view, &headers).await {
        Ok(Some(s)) => s,
        Ok(None) => return flow.signin_page(&sealed.pending, "", None),
        Err(e) => return error_page(&state, &meta, locale, &e, &mut record),
    };
    if let Err(e) = sealed.check_session(&session) {
        return error_page(&state, &meta, locale, &e, &mut record);
    }
    let p = sealed.pending;
    match params.get("decision") {
        Some("accept") => {
            if let Err(e) = rules::remember(&state.ctx, view.tenant.id, session.user_id, p.client_id(), p.scope()).await
            {
                return flow.back(&p, e, &mut record);
            }
            flow.proceed(p, Some(session), sealed.fresh, true, &mut record).await
        }
        _ => flow.back(&p, rules::declined(), &mut record),
    }
}
