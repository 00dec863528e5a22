//! Browser sessions: when one is live, when it satisfies a request, and its public identifier.
use uuid::Uuid;

use crate::clock::UnixTime;
use crate::context::Context;
use crate::crypto::{b64url, token_hash};
use crate::error::SigilError;
use crate::model::{Session, SessionPolicy, StaySignedIn};

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

/// The lifetime of a browser session (`session.lifetime`, else the server's) and of a persistent
/// one (`session.persistent_lifetime`), in seconds.
pub fn lifetimes(ctx: &Context, policy: &SessionPolicy) -> (i64, i64) {
    (policy.lifetime.unwrap_or(ctx.tokens.session_lifetime), policy.persistent_lifetime)
}

/// A new session for a user who just signed in: returns the cookie value and the stored session.
/// Under `stay_signed_in = "always"` it is persistent from the start, under `"never"` a browser
/// session; under `"ask"` a browser session until the user answers ([`stay_signed_in`]).
pub async fn start(
    ctx: &Context,
    tenant: Uuid,
    policy: &SessionPolicy,
    user: Uuid,
) -> Result<(String, Session), SigilError> {
    // RFC 8176 §2: the sign-in form checks a password.
    start_with(ctx, tenant, policy, user, "pwd").await
}

/// A new session whose sign-in used the methods `amr` (a passkey's `hwk user mfa`).
pub async fn start_with(
    ctx: &Context,
    tenant: Uuid,
    policy: &SessionPolicy,
    user: Uuid,
    amr: &str,
) -> Result<(String, Session), SigilError> {
    let now = ctx.clock.now();
    let token = crate::rng::token_256(ctx.rng.as_ref());
    let (short, long) = lifetimes(ctx, policy);
    let persistent = match policy.stay_signed_in {
        StaySignedIn::Ask => None,
        StaySignedIn::Never => Some(false),
        StaySignedIn::Always => Some(true),
    };
    let session = Session {
        hash: token_hash(&token),
        tenant_id: tenant,
        user_id: user,
        auth_time: now,
        expires_at: now + if persistent == Some(true) { long } else { short },
        amr: amr.into(),
        persistent,
    };
    ctx.store.create_session(&session).await?;
    Ok((token, session))
}

/// The session cookie's Max-Age: the time left of a persistent session; `None` (a cookie the
/// browser forgets when it closes) for any other.
pub fn cookie_max_age(s: &Session, now: crate::clock::UnixTime) -> Option<i64> {
    (s.persistent == Some(true)).then(|| (s.expires_at - now).max(0))
}

/// The user answered "Stay signed in?": yes makes the session persistent, lasting
/// `persistent_lifetime` from the sign-in; no keeps the browser session's expiry. The session
/// gone meanwhile is a lost session.
pub async fn stay_signed_in(
    ctx: &Context,
    policy: &SessionPolicy,
    mut session: Session,
    yes: bool,
) -> Result<Option<Session>, SigilError> {
    let (short, long) = lifetimes(ctx, policy);
    session.expires_at = session.auth_time + if yes { long } else { short };
    session.persistent = Some(yes);
    Ok(ctx.store.set_session_persistence(&session.hash, yes, session.expires_at).await?.then_some(session))
}

/// A further factor (`method`, RFC 8176) was verified for the session: its methods gain it and
/// `mfa`. `auth_time` stays the first factor's: `max_age` counts from the full sign-in, which a
/// second factor alone does not renew. The session gone meanwhile is a lost session.
pub async fn add_factor(ctx: &Context, mut session: Session, method: &str) -> Result<Option<Session>, SigilError> {
    session.amr = crate::factor::with_factor(&session.amr, method);
    Ok(ctx.store.set_session_amr(&session.hash, &session.amr).await?.then_some(session))
}
