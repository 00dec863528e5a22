//! `private_key_jwt` (OIDC Core §9, RFC 7523 §2.2 and §3): a JWT the client signed with a key it
//! registered (certificates, a JWKS, or a `jwks_uri`).
use super::assertion::{
    Assertion, Audience, check_replay, check_signature, check_signature_at, check_time, key_not_found,
};
use crate::catalog;
use crate::clock::UnixTime;
use crate::context::Context;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::model::{Client, ClientProfile};
use crate::params::sanitize;

pub(super) async fn verify(
    ctx: &Context,
    view: &TenantView,
    client: &Client,
    a: &Assertion<'_>,
    now: UnixTime,
) -> Result<(), SigilError> {
    // RFC 7523 §3 items 1 and 2, OIDC Core §9: `iss` and `sub` are both the client_id.
    let c = &a.claims;
    if c.iss != client.client_id || c.sub != client.client_id {
        return Err(SigilError::new(
            catalog::CLIENT_ASSERTION_ISSUER_MISMATCH,
            format!("iss '{}' and sub '{}' must both be '{}'", sanitize(&c.iss), sanitize(&c.sub), client.client_id),
        ));
    }
    // OIDC Core §9: `jti` is required.
    if c.jti.is_none() {
        return Err(super::assertion::malformed("client_assertion has no jti (OIDC Core §9)"));
    }
    if !check_signature(&a.jws, &client.keys, now)? {
        match &client.jwks_uri {
            Some(url) => check_signature_at(ctx, &a.jws, url, now).await?,
            None => return Err(key_not_found(&a.jws, client.keys.len())),
        }
    }
    // RFC 7523 §3 item 3: `aud` identifies the authorization server: the token endpoint or the
    // issuer, with the tenant named by id or by name.
    // FAPI 2.0 Security Profile §5.3.2.1: "shall only accept its issuer identifier value … as a
    // string in the aud claim received in client authentication assertions".
    if client.profile == ClientProfile::Fapi2 {
        let issuer = ctx.issuer(view);
        if !matches!(&c.aud, Audience::One(a) if *a == issuer) {
            return Err(SigilError::new(
                catalog::FAPI_ASSERTION_AUDIENCE,
                format!("aud must be the string '{issuer}' for a FAPI 2.0 client"),
            ));
        }
    }
    let accepted = audiences(ctx, view);
    if !c.aud.contains_any(&accepted) {
        return Err(SigilError::new(
            catalog::CLIENT_ASSERTION_AUDIENCE_INVALID,
            format!("aud is none of {accepted:?}"),
        ));
    }
    check_time(ctx, c, now)?;
    check_replay(ctx, view, client, a).await
}

fn audiences(ctx: &Context, view: &TenantView) -> Vec<String> {
    let mut out = Vec::with_capacity(4);
    for t in [view.tenant.id.to_string(), view.tenant.name.clone()] {
        out.push(format!("{}/{t}/oauth2/v2.0/token", ctx.public_url));
        out.push(format!("{}/{t}/v2.0", ctx.public_url));
    }
    out
}
