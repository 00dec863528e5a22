//! `GET|POST /{tenant}/oauth2/v2.0/authorize` (RFC 6749 §4.1.1, OIDC Core §3.1.2): validates the
//! request (`sigil_core::authorize`) and renders the step the interaction engine decides. The
//! sign-in form is `signin.rs`, the consent form `consent.rs`, what they share `interaction.rs`.
use axum::response::Response;
use sigil_core::authorize::{self, AuthorizeError};
use sigil_core::interaction::PendingRequest;

use super::interaction::{Flow, error_page, refused_page};
use crate::cookies;
use crate::errors::{self, ClientRedirect};
use crate::request::{self, Opening, ParamsFrom, RateLimited, Refused, TenantRequest};

/// The authorization endpoint's opening: GET query or POST form (OIDC Core §3.1.2.1); refusals
/// are the error page, recorded.
pub struct Authorize;

impl Opening for Authorize {
    const PARAMS: ParamsFrom = ParamsFrom::QueryOrForm;
    const RATE_LIMITED: RateLimited = RateLimited::Source;

    fn refuse(r: Refused<'_>) -> Response {
        refused_page(&r, "authorize", r.locale())
    }
}

pub async fn authorize(req: TenantRequest<Authorize>) -> Response {
    let TenantRequest { state, meta, view, params, headers, .. } = &req;
    let locale = req.locale();
    let mut record = req.record("authorize".into());
    record.client_id = params.get("client_id").map(str::to_string);
    // RFC 9126 §4: `request_uri` stands for a pushed request's parameters; RFC 9101: `request`
    // is a signed request object whose claims are the parameters.
    let (params, origin) = match sigil_core::request_object::front_channel(&state.ctx, view, params.clone()).await {
        Ok(p) => p,
        Err(e) => return error_page(state, meta, locale, &e, &mut record),
    };
    let document = match sigil_core::client_metadata::resolve(&state.ctx, view, params.get("client_id")).await {
        Ok(d) => d,
        Err(e) => return error_page(state, meta, locale, &e, &mut record),
    };
    match authorize::validate(view, &params, document.as_deref(), state.ctx.clock.now(), origin) {
        Err(AuthorizeError::Page(e)) => error_page(state, meta, locale, &e, &mut record),
        Err(AuthorizeError::Redirect { error, redirect_uri, response_mode, state: st }) => {
            request::fill_error(&mut record, &error);
            request::finish(state, meta, record);
            let to = ClientRedirect {
                redirect_uri: &redirect_uri,
                mode: response_mode,
                state: st.as_deref(),
                issuer: state.ctx.issuer(view),
            };
            errors::redirect(state, meta, locale, to, &error)
        }
        Ok((pending, _)) => match cookies::current_session(state, view, headers).await {
            Ok(session) => {
                let flow = Flow { state, meta, view: view.clone(), locale, headers };
                flow.proceed(PendingRequest::Authorize(Box::new(pending)), session, false, false, &mut record).await
            }
            Err(e) => error_page(state, meta, locale, &e, &mut record),
        },
    }
}
