//! RFC 7009 Token Revocation: a client revokes a refresh token (its whole grant) or an access token
//! (by its `jti`, until the token expires).
use crate::client_auth::{self, AuthenticatedClient, Presented};
use crate::context::Context;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::params::Params;
use crate::{token, verify};

/// What the revocation did, for the sign-in log; the response is 200 in every case (§2.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revoked {
    pub client_id: String,
    pub note: String,
}

/// The kinds of token Sigil can revoke, in the order they are looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Access,
    Refresh,
}

/// RFC 7009 §2.1: a token the requesting client may revoke, or why nothing was revoked.
enum Found {
    Revoked(String),
    /// §2.1: "The authorization server first validates the client credentials ... and then
    /// verifies whether the token was issued to the client making the revocation request." If
    /// not, nothing is revoked, and the answer is still 200 (§2.2: nothing tells the client that
    /// the token exists).
    OtherClient(String),
}

/// §2.1 (the request) and §2.2 (the response). The client authenticates as at the token endpoint
/// (§2.1: confidential clients with their credentials; a public client identifies itself with
/// `client_id`). `token` is required; `token_type_hint` is only a hint: the other kind is looked
/// up when the hinted one does not match, and an unknown hint value is ignored (we support both
/// kinds, so `unsupported_token_type`, §2.2.1, never applies). An unknown, invalid, expired or
/// already revoked token is not an error (§2.2): the answer is 200 all the same.
pub async fn revoke(
    ctx: &Context,
    view: &TenantView,
    params: &Params,
    presented: &Presented,
) -> Result<Revoked, SigilError> {
    let client = client_auth::authenticate(ctx, view, params, presented).await?;
    let token = params.require("token")?;
    let client_id = client.client().client_id.clone();
    for kind in lookup_order(params.get("token_type_hint")) {
        let found = match kind {
            Kind::Access => access(ctx, view, &client, token).await?,
            Kind::Refresh => refresh(ctx, view, &client, token).await?,
        };
        let note = match found {
            Some(Found::Revoked(note)) => note,
            Some(Found::OtherClient(owner)) => format!("token issued to client '{owner}': not revoked"),
            None => continue,
        };
        return Ok(Revoked { client_id, note });
    }
    Ok(Revoked { client_id, note: "token unknown, invalid or expired: nothing revoked".into() })
}

/// §2.1: the hint decides only which kind is looked for first; without one (or with a value we do
/// not know) access tokens come first, as their check needs no store read.
fn lookup_order(hint: Option<&str>) -> [Kind; 2] {
    match hint {
        Some("refresh_token") => [Kind::Refresh, Kind::Access],
        _ => [Kind::Access, Kind::Refresh],
    }
}

/// An access token this tenant issued and that has not expired: its `jti` is revoked until its
/// `exp` (the grant, and so a refresh token, is left alone: §2.1 makes that optional).
async fn access(
    ctx: &Context,
    view: &TenantView,
    client: &AuthenticatedClient,
    token: &str,
) -> Result<Option<Found>, SigilError> {
    let now = ctx.clock.now();
    let Ok(claims) = verify::check_access_token(&ctx.issuer(view), view, now, token) else {
        return Ok(None);
    };
    if claims.client_id != client.client().client_id {
        return Ok(Some(Found::OtherClient(claims.client_id)));
    }
    let Some(jti) = claims.jti else {
        return Ok(Some(Found::Revoked("access token without jti: nothing to revoke".into())));
    };
    ctx.store.revoke_access_token(view.tenant.id, &jti, claims.exp, now).await?;
    Ok(Some(Found::Revoked(format!("access token {} revoked until {}", crate::params::sanitize(&jti), claims.exp))))
}

/// A refresh token (live or spent) of a grant of this tenant: the grant is revoked, and with it
/// every refresh and access token descended from it (the verifier checks the grant of a user
/// token's `gid`).
async fn refresh(
    ctx: &Context,
    view: &TenantView,
    client: &AuthenticatedClient,
    token: &str,
) -> Result<Option<Found>, SigilError> {
    let Some(state) = ctx.store.refresh_token(&token::refresh_key(token)).await? else {
        return Ok(None);
    };
    let grant = state.grant;
    if grant.tenant_id != view.tenant.id {
        return Ok(None);
    }
    if grant.client_id != client.client().client_id {
        return Ok(Some(Found::OtherClient(grant.client_id)));
    }
    if grant.revoked_at.is_some() {
        return Ok(Some(Found::Revoked(format!("grant {} already revoked", grant.id))));
    }
    ctx.store.revoke_grant(grant.id, ctx.clock.now(), "refresh token revoked by the client (RFC 7009)").await?;
    Ok(Some(Found::Revoked(format!("grant {} revoked", grant.id))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_orders_the_lookups_and_never_narrows_them() {
        assert_eq!(lookup_order(Some("refresh_token")), [Kind::Refresh, Kind::Access]);
        for hint in [None, Some("access_token"), Some("id_token"), Some("")] {
            assert_eq!(lookup_order(hint), [Kind::Access, Kind::Refresh], "{hint:?}");
        }
    }
}
