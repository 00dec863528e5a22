//! `private_key_jwt` (OIDC Core §9, RFC 7523 §2.2 and §3): a JWT the client signed with a key it
//! registered (certificates, a JWKS, or a `jwks_uri`).
use super::assertion::{
    Assertion, check_audience_time_replay, check_issued_by_client, check_signature, check_signature_at, key_not_found,
};
use crate::clock::UnixTime;
use crate::context::Context;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::model::Client;

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
    check_audience_time_replay(ctx, view, client, a, now).await
}
