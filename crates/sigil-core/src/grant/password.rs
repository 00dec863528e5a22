//! RFC 6749 §4.3 Resource Owner Password Credentials. Off unless a client is registered for it.
//! Unknown user and wrong password answer identically (same code, same argon2 cost); repeated
//! failures lock the user for that source address (smart lockout).
use super::{Issued, Request, UserTokens, grant_expiry, issue_user_tokens, wants_refresh};
use crate::error::SigilError;
use crate::model::{Grant, GrantType};
use crate::signin::check_credentials;
use crate::{scope, token};

pub(super) async fn handle(r: &Request<'_>) -> Result<Issued, SigilError> {
    let username = r.params.require("username")?;
    let password = r.params.require("password")?;
    let client = r.client.client();
    let scope = scope::resolve_user(r.view, client, r.params.get("scope").unwrap_or("openid"))?;
    let user = check_credentials(r.ctx, r.view.tenant.id, username, password, r.source).await?;
    let (refresh, refresh_hash) = if wants_refresh(r, &scope) {
        let (t, h) = token::new_opaque(r.ctx);
        (Some(t), Some(h))
    } else {
        (None, None)
    };
    let grant = Grant {
        id: crate::rng::uuid_v4(r.ctx.rng.as_ref()),
        tenant_id: r.view.tenant.id,
        client_id: client.client_id.clone(),
        user_id: Some(user.id),
        scope: scope.to_scope_string(),
        auth_time: r.now,
        created_at: r.now,
        expires_at: grant_expiry(r),
        revoked_at: None,
    };
    // Recorded even without a refresh token, so the access token's `gid` can be revoked.
    r.ctx.store.create_grant(&grant, refresh_hash.as_deref()).await?;
    let response = issue_user_tokens(
        r,
        UserTokens {
            user: &user,
            scope: &scope,
            grant_id: grant.id,
            auth_time: r.now,
            refresh_token: refresh,
            nonce: None,
            session_id: None,
        },
    )?;
    Ok(Issued {
        response,
        grant_type: GrantType::Password,
        user: Some(user.username.clone()),
        note: format!("grant {}", grant.id),
    })
}
