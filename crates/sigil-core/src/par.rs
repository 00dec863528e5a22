//! Pushed authorization requests (RFC 9126): the PAR endpoint validates an authorization request
//! exactly as the authorization endpoint would (`authorize::validate`), stores it and answers a
//! single-use `request_uri`; the authorization endpoint then takes the stored request back.
use std::sync::Arc;

use serde::Serialize;

use crate::authorize::{self, AuthorizeError, Origin};
use crate::catalog;
use crate::client_auth::{self, Presented};
use crate::context::Context;
use crate::crypto::token_hash;
use crate::directory::TenantView;
use crate::dpop::{self, Expected};
use crate::error::SigilError;
use crate::params::{Params, sanitize};
use crate::request_object;
use crate::store::PushedRequest;
use crate::token;

/// RFC 9126 §2.2: the `request_uri` prefix (RFC 9101 §5.2's URN namespace).
pub const REQUEST_URI_PREFIX: &str = "urn:ietf:params:oauth:request_uri:";

/// §2.2: the successful response (status 201).
#[derive(Debug, Serialize)]
pub struct Pushed {
    pub request_uri: String,
    pub expires_in: i64,
}

/// The PAR endpoint's request, as the HTTP layer read it.
pub struct PushRequest<'a> {
    pub view: &'a Arc<TenantView>,
    pub params: &'a Params,
    pub presented: &'a Presented,
    /// RFC 9449 §10.1: a DPoP proof sent to the PAR endpoint binds the code to its key.
    pub dpop: Option<&'a str>,
    /// The URL the request was sent to (the proof's `htu`).
    pub url: &'a str,
}

/// §2.1: the client authenticates as at the token endpoint; `request_uri` is refused; the
/// request is validated as at the authorization endpoint (§2.3: its errors are JSON here).
pub async fn push(ctx: &Context, req: PushRequest<'_>) -> Result<Pushed, SigilError> {
    let now = ctx.clock.now();
    let client = client_auth::authenticate(ctx, req.view, req.params, req.presented).await?;
    let client = client.client();
    if req.params.contains("request_uri") {
        return Err(SigilError::new(catalog::UNSUPPORTED_PARAMETER_VALUE, "request_uri in a pushed request")
            .arg("param", "request_uri")
            .arg("value", "(any)"));
    }
    // §3: with `request` (RFC 9101), the parameters are the request object's alone (RFC 9101
    // §6.3); a client with `require_signed_request_object` (RFC 9101 §10.5) must send one.
    let mut pairs: Vec<(String, String)> = if req.params.contains("request") {
        request_object::unpack(ctx, req.view, client, req.params).await?.pairs()
    } else if client.require_signed_request_object {
        return Err(SigilError::new(
            catalog::SIGNED_REQUEST_OBJECT_REQUIRED,
            format!("client '{}' must push a signed request object", client.client_id),
        ));
    } else {
        req.params.pairs()
    };
    // The pushed parameters, with `client_id` as authenticated (§2.1: the client may send it
    // only in its authentication).
    pairs.retain(|(k, _)| {
        !matches!(k.as_str(), "client_id" | "client_secret" | "client_assertion" | "client_assertion_type")
    });
    pairs.push(("client_id".into(), client.client_id.clone()));
    let pushed_jkt = pairs.iter().find(|(k, _)| k == "dpop_jkt").map(|(_, v)| v.clone());
    // RFC 9449 §10.1: with a proof, the code is bound to its key; a `dpop_jkt` sent as well must
    // be that key's.
    if let Some(proof) = req.dpop {
        let expected = Expected {
            method: "POST",
            url: req.url,
            access_token: None,
            nonce_required: client.require_dpop_nonce,
            tenant: req.view.tenant.id,
        };
        let jkt = dpop::check(ctx, proof, &expected).await?.jkt;
        match pushed_jkt.as_deref() {
            Some(j) if j != jkt => {
                return Err(SigilError::new(
                    catalog::DPOP_PROOF_MISMATCH,
                    format!("dpop_jkt '{}' is not the proof's key", sanitize(j)),
                ));
            }
            Some(_) => {}
            None => pairs.push(("dpop_jkt".into(), jkt)),
        }
    }
    let params = Params::from_pairs(pairs)?;
    // Only registered clients authenticate here, so no Client ID Metadata Document applies.
    authorize::validate(req.view, &params, None, ctx.clock.now(), Origin::Pushed).map_err(|e| match e {
        AuthorizeError::Page(e) => e,
        AuthorizeError::Redirect { error, .. } => *error,
    })?;
    let (random, hash) = token::new_opaque(ctx);
    let lifetime = crate::fapi::pushed_request_lifetime(ctx, client);
    ctx.store
        .put_pushed_request(&PushedRequest {
            hash,
            tenant_id: req.view.tenant.id,
            client_id: client.client_id.clone(),
            params: serde_json::to_string(&params.pairs()).map_err(|e| SigilError::internal(e.to_string()))?,
            expires_at: now + lifetime,
        })
        .await?;
    Ok(Pushed { request_uri: format!("{REQUEST_URI_PREFIX}{random}"), expires_in: lifetime })
}

/// The random part of a `request_uri` Sigil issued (§2.2), or `None` for any other URI.
pub fn random_part(uri: &str) -> Option<&str> {
    uri.strip_prefix(REQUEST_URI_PREFIX)
}

/// §4: an authorization request with `request_uri`: the pushed parameters (taken from the store
/// in one statement, so used once), when they were pushed by the `client_id` the request names.
/// Without `request_uri`, the request's own parameters.
pub async fn resolve(ctx: &Context, view: &TenantView, params: Params) -> Result<(Params, Origin), SigilError> {
    let Some(uri) = params.get("request_uri") else { return Ok((params, Origin::Direct)) };
    let client_id = params.require("client_id")?;
    let bad = |why: &str| {
        SigilError::new(catalog::INVALID_REQUEST_URI, format!("request_uri {why}")).arg("client", sanitize(client_id))
    };
    // RFC 9101 §6.2, §10.8: Sigil fetches no request object by reference.
    let random = random_part(uri).ok_or_else(|| {
        SigilError::new(
            catalog::REQUEST_URI_NOT_SUPPORTED,
            format!("request_uri '{}' is not a pushed request", sanitize(uri)),
        )
    })?;
    let stored = ctx
        .store
        .take_pushed_request(view.tenant.id, client_id, &token_hash(random), ctx.clock.now())
        .await?
        .ok_or_else(|| bad("is unknown, expired, used, or another client's"))?;
    let pairs: Vec<(String, String)> =
        serde_json::from_str(&stored).map_err(|e| SigilError::internal(format!("stored pushed request: {e}")))?;
    Ok((Params::from_pairs(pairs)?, Origin::Pushed))
}
