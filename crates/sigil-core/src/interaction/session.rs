//! Browser sessions: when one is live, when it satisfies a request, and its public identifier.
use uuid::Uuid;

use crate::clock::UnixTime;
use crate::context::Context;
use crate::crypto::{b64url, token_hash};
use crate::error::SigilError;
use crate::model::Session;

use super::PendingRequest;

/// A session is usable for the tenant whose cookie named it, until it expires.
pub fn is_live(s: &Session, tenant: Uuid, now: UnixTime) -> bool {
    s.tenant_id == tenant && s.expires_at > now
}

/// OIDC Core §3.1.2.1: `prompt=login` and `prompt=select_account` (Sigil has one account per
/// browser) ask for a new sign-in; `max_age` asks for one when the last was `max_age` seconds ago
/// or more (`max_age=0`: always). A session this interaction's own sign-in form just made
/// (`fresh`) is that new sign-in and satisfies both.
pub fn satisfies(p: &PendingRequest, s: &Session, fresh: bool, now: UnixTime) -> bool {
    if fresh {
        return true;
    }
    let forced = p.has_prompt("login") || p.has_prompt("select_account");
    let too_old = p.max_age().is_some_and(|m| now - s.auth_time >= m);
    !forced && !too_old
}

/// A public, stable identifier of a session for the ID token's `sid` (never the cookie value).
pub fn sid(session_hash: &[u8]) -> String {
    b64url(&session_hash[..16])
}

/// The live session the browser's cookie value names, if any.
pub async fn current(ctx: &Context, tenant: Uuid, cookie: Option<&str>) -> Result<Option<Session>, SigilError> {
    let Some(token) = cookie else { return Ok(None) };
    let s = ctx.store.session(&token_hash(token)).await?;
    Ok(s.filter(|s| is_live(s, tenant, ctx.clock.now())))
}

/// A new session for a user who just signed in: returns the cookie value and the stored session.
pub async fn start(ctx: &Context, tenant: Uuid, user: Uuid) -> Result<(String, Session), SigilError> {
    // RFC 8176 §2: the sign-in form checks a password.
    start_with(ctx, tenant, user, "pwd").await
}

/// A new session whose sign-in used the methods `amr` (a passkey's `hwk user mfa`).
pub async fn start_with(ctx: &Context, tenant: Uuid, user: Uuid, amr: &str) -> Result<(String, Session), SigilError> {
    let now = ctx.clock.now();
    let token = crate::rng::token_256(ctx.rng.as_ref());
    let session = Session {
        hash: token_hash(&token),
        tenant_id: tenant,
        user_id: user,
        auth_time: now,
        expires_at: now + ctx.tokens.session_lifetime,
        amr: amr.into(),
    };
    ctx.store.create_session(&session).await?;
    Ok((token, session))
}

/// A further factor (`method`, RFC 8176) was verified for the session: its methods gain it and
/// `mfa`. `auth_time` stays the first factor's: `max_age` counts from the full sign-in, which a
/// second factor alone does not renew. The session gone meanwhile is a lost session.
pub async fn add_factor(ctx: &Context, mut session: Session, method: &str) -> Result<Option<Session>, SigilError> {
    session.amr = crate::factor::with_factor(&session.amr, method);
    Ok(ctx.store.set_session_amr(&session.hash, &session.amr).await?.then_some(session))
}
