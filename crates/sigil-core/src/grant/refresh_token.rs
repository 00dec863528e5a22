//! RFC 6749 §6 Refreshing an Access Token, with rotation (OAuth 2.0 Security BCP, RFC 9700 §4.14.2):
//! every use returns a new refresh token; a retry within the grace window gets the same successor;
//! reuse after it revokes the whole grant. FAPI 2.0 clients are the exception: no rotation.
use super::{Issued, Request, UserTokens, check_user, issue_user_tokens, load_access};
use crate::catalog;
use crate::error::SigilError;
use crate::model::GrantType;
use crate::resource::{self, Holding};
use crate::store::{Rotation, RotationOutcome};
use crate::{scope, token};

fn sealed_context(presented_hash: &[u8]) -> Vec<u8> {
    let mut c = b"sigil/refresh-successor/".to_vec();
    c.extend_from_slice(presented_hash);
    c
}

pub(super) async fn handle(r: &Request<'_>) -> Result<Issued, SigilError> {
    let presented = r.params.require("refresh_token")?;
    let client = r.client.client();
    let hash = token::refresh_key(presented);
    let store = &r.ctx.store;
    let mut state = store
        .refresh_token(&hash)
        .await?
        .ok_or_else(|| SigilError::new(catalog::INVALID_GRANT, "refresh token unknown"))?;
    let user_row = state.user.take();
    let grant = &state.grant;
    if grant.tenant_id != r.view.tenant.id || grant.client_id != client.client_id {
        return Err(SigilError::new(
            catalog::GRANT_ISSUED_TO_ANOTHER_CLIENT,
            format!("refresh token belongs to client '{}'", grant.client_id),
        ));
    }
    if let Some(at) = grant.revoked_at {
        return Err(SigilError::new(
            catalog::GRANT_REVOKED,
            format!("grant {} revoked at {}", grant.id, crate::clock::rfc3339(at * 1000)),
        ));
    }
    if grant.expires_at <= r.now {
        return Err(SigilError::new(
            catalog::REFRESH_TOKEN_LIFETIME_EXCEEDED,
            format!("grant {} reached its maximum lifetime", grant.id),
        ));
    }
    let inactivity = client.lifetimes.refresh_inactivity.unwrap_or(r.ctx.tokens.refresh_token_inactivity);
    if state.used_at.is_none() && state.created_at + inactivity <= r.now {
        return Err(SigilError::new(
            catalog::EXPIRED_GRANT,
            format!("refresh token unused for {} s", r.now - state.created_at),
        ));
    }
    // RFC 9449 §5: a public client's refresh token is used only with a proof by its key.
    r.check_dpop_key(grant.dpop_jkt.as_deref(), "the refresh token")?;
    let narrowed = scope::narrow(&grant.scope, r.params.get("scope"))?;
    // RFC 8707 §2.2: a refresh token may be exchanged for an access token of any resource its
    // grant covers, carrying only that resource's scopes; the grant itself keeps them all.
    let target = resource::one(r.view, client, r.params, Holding::Scopes)?;
    let user_scope = scope::resolve_user(r.view, client, &resource::for_token(&narrowed, target)?)?;
    let Some(user_id) = grant.user_id else {
        return Err(SigilError::internal(format!("grant {} has no user", grant.id)));
    };
    // Checked before the token is spent: a disabled user's token stays as it was.
    let user = check_user(user_row, user_id)?;
    let access = load_access(r, &user, &user_scope).await?;

    // FAPI 2.0 Security Profile §5.3.2.1: "shall not use refresh token rotation except in
    // extraordinary circumstances". A FAPI 2.0 client keeps its (unused, live) refresh token; it
    // lasts `refresh_token_inactivity` from issuance, within the grant's maximum lifetime. A token
    // already rotated away (the client became FAPI 2.0 later) takes the rotation path below, whose
    // reuse detection still applies.
    if crate::fapi::is_fapi2(client) && state.used_at.is_none() {
        let note = format!("grant {} refreshed without rotation (FAPI 2.0)", grant.id);
        return finish(r, &user, &user_scope, grant, access.as_ref(), presented.to_string(), note);
    }
    let (successor, successor_hash) = token::new_refresh_token(r.ctx.rng.as_ref(), r.ctx.clock.now_millis());
    let sealed = r.ctx.master.seal(r.ctx.rng.as_ref(), &sealed_context(&hash), successor.as_bytes());
    let outcome = store
        .rotate_refresh(&Rotation {
            hash: &hash,
            successor_hash: &successor_hash,
            successor_sealed: &sealed,
            now: r.now,
        })
        .await?;
    let (refresh_token, note) = match outcome {
        RotationOutcome::Rotated => (successor, format!("grant {} rotated", grant.id)),
        RotationOutcome::AlreadyUsed { used_at, successor_sealed } => {
            // A grace window of 0 means no retries at all.
            let grace = r.ctx.tokens.refresh_token_grace;
            let in_grace = grace > 0 && r.now - used_at <= grace;
            match successor_sealed.filter(|_| in_grace) {
                Some(s) => {
                    let t = r
                        .ctx
                        .master
                        .open(&sealed_context(&hash), &s)
                        .map_err(|e| SigilError::internal(e.to_string()))?;
                    let t = String::from_utf8(t).map_err(|e| SigilError::internal(e.to_string()))?;
                    (t, format!("grant {} retry within grace window: same successor", grant.id))
                }
                None => {
                    store.revoke_grant(grant.id, r.now, "refresh token reuse").await?;
                    return Err(SigilError::new(
                        catalog::REFRESH_TOKEN_REUSED,
                        format!(
                            "refresh token used {} s ago presented again; grant {} revoked",
                            r.now - used_at,
                            grant.id
                        ),
                    ));
                }
            }
        }
        RotationOutcome::NotLive => {
            return Err(SigilError::new(catalog::GRANT_REVOKED, format!("grant {} revoked during rotation", grant.id)));
        }
    };
    finish(r, &user, &user_scope, grant, access.as_ref(), refresh_token, note)
}

/// The token response of a refresh, with `refresh_token` (the successor, or the same token).
fn finish(
    r: &Request<'_>,
    user: &crate::model::User,
    user_scope: &scope::UserScope,
    grant: &crate::model::Grant,
    access: Option<&crate::model::UserAccess>,
    refresh_token: String,
    note: String,
) -> Result<Issued, SigilError> {
    let response = issue_user_tokens(
        r,
        UserTokens {
            user,
            scope: user_scope,
            grant_id: grant.id,
            auth_time: grant.auth_time,
            amr: &grant.amr,
            refresh_token: Some(refresh_token),
            nonce: None,
            session_id: None,
            access,
            act: None,
        },
    )?;
    Ok(Issued { response, grant_type: GrantType::RefreshToken, user: Some(user.username.clone()), note })
}
