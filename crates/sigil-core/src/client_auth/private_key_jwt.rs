//! `private_key_jwt` (OIDC Core §9, RFC 7523 §2.2 and §3): a JWT the client signed with a key it
//! registered (certificates, a JWKS, or a `jwks_uri`).
use super::assertion::{
    Assertion, Audience, check_audience_time_replay, check_issued_by_client, check_signature, check_signature_at,
    key_not_found,
};
use crate::catalog;
use crate::clock::UnixTime;
use crate::context::Context;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::model::{Client, ClientProfile};

pub(super) async fn verify(
    ctx: &Context,
    view: &TenantView,
    client: &Client,
    a: &Assertion<'_>,
    now: UnixTime,
) -> Result<(), SigilError> {
    check_issued_by_client(client, a)?;
    if !check_signature(a, &client.keys, now)? {
        match &client.jwks_uri {
            Some(url) => check_signature_at(ctx, a, url, now).await?,
            None => return Err(key_not_found(a, client.keys.len())),
        }
    }
    // FAPI 2.0 Security Profile §5.3.2.1: "shall only accept its issuer identifier value … as a
    // string in the aud claim received in client authentication assertions".
    if client.profile == ClientProfile::Fapi2 {
        let issuer = ctx.issuer(view);
        if !matches!(&a.claims.aud, Audience::One(x) if *x == issuer) {
            return Err(SigilError::new(
                catalog::FAPI_ASSERTION_AUDIENCE,
                format!("aud must be the string '{issuer}' for a FAPI 2.0 client"),
            ));
        }
    }
    check_audience_time_replay(ctx, view, client, a, now).await
}
