//! `GET|POST /{tenant}/oauth2/v2.0/authorize` (RFC 6749 §4.1.1, OIDC Core §3.1.2): validates the
//! request (`sigil_core::authorize`) and renders the step the interaction engine decides. The
//! sign-in form is `signin.rs`, the consent form `consent.rs`, what they share `interaction.rs`.
use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Method};
use axum::response::Response;
use sigil_core::authorize::{self, AuthorizeError};
use sigil_core::interaction::PendingRequest;

use super::interaction::{Flow, error_page, finish, locale_for, record};
use crate::errors::{self, ClientRedirect};
use crate::meta::RequestMeta;
use crate::{AppState, cookies};

pub async fn authorize(
    State(state): State<Arc<AppState>>,
    Path(tenant): Path<String>,
    Extension(meta): Extension<RequestMeta>,
    method: Method,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let params = super::query_or_form(&method, query.as_deref(), &headers, body);
    let view = super::tenant(&state, &tenant);
    let locale = locale_for(
        &meta,
        params.as_ref().ok().and_then(|p| p.get("ui_locales")),
        view.as_ref().ok().map(|v| v.as_ref()),
    );
    let mut record = record(&meta, &tenant, "authorize");
    let (view, params) = match (view, params) {
        (Ok(v), Ok(p)) => (v, p),
        (Err(e), _) | (_, Err(e)) => return error_page(&state, &meta, locale, &e, &mut record),
    };
    record.tenant = view.tenant.name.clone();
    record.client_id = params.get("client_id").map(str::to_string);
    match authorize::validate(&view, &params) {
        Err(AuthorizeError::Page(e)) => error_page(&state, &meta, locale, &e, &mut record),
        Err(AuthorizeError::Redirect { error, redirect_uri, response_mode, state: st }) => {
            super::token::fill_error(&mut record, &error);
            finish(&state, &meta, record);
            let to = ClientRedirect {
                redirect_uri: &redirect_uri,
                mode: response_mode,
                state: st.as_deref(),
                issuer: state.ctx.issuer(&view),
            };
            errors::redirect(&state, &meta, locale, to, &error)
        }
        Ok((req, _)) => match cookies::current_session(&state, &view, &headers).await {
            Ok(session) => {
                let flow = Flow { state: &state, meta: &meta, view, locale, headers: &headers };
                flow.proceed(PendingRequest::Authorize(req), session, false, false, &mut record).await
            }
            Err(e) => error_page(&state, &meta, locale, &e, &mut record),
        },
    }
}
