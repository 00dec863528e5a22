//! The self-service account page (issue 21, item 6): what a user signed in through Sigil's own
//! session may see and change of their account. The page is a built-in first-party application of
//! every tenant: without a session it starts the interaction engine with
//! [`PendingRequest::Account`], whose `Complete` returns to the page (docs/account.md). Every
//! change here names the signed-in user, so another user's session or consent is never reached.
use std::net::IpAddr;

use uuid::Uuid;

use crate::backchannel::{self, LogoutNotice};
use crate::catalog;
use crate::context::Context;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::factor;
use crate::interaction::{AccountRequest, PendingRequest, session};
use crate::model::{AuthenticatorKind, Session, User};
use crate::signin_log::{SigninQuery, SigninRecord};

/// The client ID the account page's sign-ins are recorded with in the sign-in log.
pub const ACCOUNT_CLIENT_ID: &str = "sigil-account";

/// OIDC Core §3.1.2.1 `max_age` of a change that needs a recent sign-in: removing a second factor
/// needs both factors within this many seconds.
pub const FRESH_FOR: i64 = 600;

/// How far back the recent sign-ins go (days).
pub const SIGNIN_DAYS: i64 = 30;

/// Recent sign-ins shown per page.
pub const SIGNINS_PER_PAGE: u32 = 20;

/// The account page's path in a tenant.
pub fn page_path(tenant: Uuid) -> String {
    format!("/{tenant}/account")
}

/// The pending request of a plain sign-in to the account page.
pub fn sign_in(tenant: Uuid) -> PendingRequest {
    PendingRequest::Account(AccountRequest {
        return_to: page_path(tenant),
        max_age: None,
        acr_values: vec![],
        ui_locales: None,
    })
}

/// The pending request of a fresh sign-in (password and, with `mfa`, the second factor) before a
/// change that needs one: OIDC Core §3.1.2.1 `max_age` and `acr_values`, as an application would
/// ask for them.
pub fn reauthenticate(tenant: Uuid, mfa: bool) -> PendingRequest {
    let acr_values = if mfa { vec![factor::ACR_MFA.to_string()] } else { vec![] };
    PendingRequest::Account(AccountRequest {
        return_to: format!("{}?reauthenticated=1#security", page_path(tenant)),
        max_age: Some(FRESH_FOR),
        acr_values,
        ui_locales: None,
    })
}

/// Whether the session signed in recently enough for a sensitive change: less than
/// [`FRESH_FOR`] seconds ago and, when `mfa`, with a second factor.
pub fn is_fresh(s: &Session, mfa: bool, now: i64) -> bool {
    now - s.auth_time < FRESH_FOR && (!mfa || factor::has_mfa(&s.amr))
}

/// Changes the user's password: the current one is checked as a sign-in would (smart lockout
/// counts a wrong one), the new one against the password rules, then stored as argon2id.
pub async fn change_password(
    ctx: &Context,
    tenant: Uuid,
    user: &User,
    current: &str,
    new: &str,
    confirm: &str,
    source: &str,
) -> Result<(), SigilError> {
    if new != confirm {
        return Err(SigilError::new(catalog::ACCOUNT_PASSWORD_MISMATCH, "new password and confirmation differ"));
    }
    if let Err(e) = crate::provisioning::password(new) {
        return Err(SigilError::new(catalog::ACCOUNT_PASSWORD_REJECTED, e.to_string()));
    }
    match crate::signin::check_credentials(ctx, tenant, &user.username, current, source).await {
        Ok(u) if u.id == user.id => {}
        Ok(_) => return Err(SigilError::new(catalog::ACCOUNT_WRONG_PASSWORD, "the username names another user")),
        Err(e) if e.public_entry().code == catalog::INVALID_USERNAME_OR_PASSWORD.code => {
            return Err(SigilError::new(catalog::ACCOUNT_WRONG_PASSWORD, "current password wrong"));
        }
        Err(e) => return Err(e),
    }
    if current == new {
        return Err(SigilError::new(catalog::ACCOUNT_PASSWORD_REJECTED, "the new password is the current one"));
    }
    // argon2id costs 19 MiB and tens of milliseconds: off the async threads.
    let (rng, new) = (ctx.rng.clone(), new.to_string());
    let phc = tokio::task::spawn_blocking(move || crate::password::hash_password(rng.as_ref(), &new))
        .await
        .map_err(|e| SigilError::new(catalog::TOKEN_ISSUANCE_ERROR, format!("password hashing failed: {e}")))?;
    if !ctx.store.set_password_hash(tenant, user.id, &phc, ctx.clock.now()).await? {
        return Err(SigilError::new(catalog::ACCOUNT_SESSION_NOT_FOUND, "the user was removed meanwhile"));
    }
    Ok(())
}

/// Ends one of the user's sessions, named by its public `sid`; the grants of the codes issued to
/// it are revoked with it. A `sid` that is none of this user's live sessions is refused. Returns
/// the back-channel logout tokens to deliver (OIDC Back-Channel Logout 1.0 §2.7).
pub async fn end_session(
    ctx: &Context,
    view: &TenantView,
    user: &User,
    sid: &str,
) -> Result<Vec<LogoutNotice>, SigilError> {
    let (tenant, now) = (view.tenant.id, ctx.clock.now());
    let sessions = ctx.store.account_sessions(tenant, user.id, now).await?;
    let found = sessions.iter().find(|s| session::sid(&s.session.hash) == sid);
    let not_found = || SigilError::new(catalog::ACCOUNT_SESSION_NOT_FOUND, "no live session of this user has that sid");
    let Some(s) = found else { return Err(not_found()) };
    if !ctx.store.end_account_session(tenant, user.id, &s.session.hash, sid, now).await? {
        return Err(not_found());
    }
    backchannel::notices(ctx, view, &s.session, None).await
}

/// Ends every session of the user but `keep` (the browser asking): how many ended, and the
/// back-channel logout tokens to deliver.
pub async fn end_other_sessions(
    ctx: &Context,
    view: &TenantView,
    user: &User,
    keep: &Session,
) -> Result<(u64, Vec<LogoutNotice>), SigilError> {
    let (tenant, now) = (view.tenant.id, ctx.clock.now());
    let (mut ended, mut notices) = (0, Vec::new());
    for s in ctx.store.account_sessions(tenant, user.id, now).await? {
        let sid = session::sid(&s.session.hash);
        if s.session.hash == keep.hash
            || !ctx.store.end_account_session(tenant, user.id, &s.session.hash, &sid, now).await?
        {
            continue;
        }
        ended += 1;
        notices.extend(backchannel::notices(ctx, view, &s.session, None).await?);
    }
    Ok((ended, notices))
}

/// Withdraws the user's consent to `client_id`: the next sign-in to it asks again, and its
/// grants (refresh tokens) for the user are revoked in the same transaction.
pub async fn withdraw_consent(ctx: &Context, tenant: Uuid, user: &User, client_id: &str) -> Result<(), SigilError> {
    if ctx.store.withdraw_consent(tenant, user.id, client_id, ctx.clock.now()).await? {
        Ok(())
    } else {
        Err(SigilError::new(catalog::ACCOUNT_CONSENT_NOT_FOUND, "the user has no consent for that client"))
    }
}

/// Whether the user has an authenticator app.
pub async fn has_totp(ctx: &Context, tenant: Uuid, user: &User) -> Result<bool, SigilError> {
    Ok(ctx.store.authenticators(tenant, user.id).await?.iter().any(|a| a.kind == AuthenticatorKind::Totp))
}

/// Setting up an authenticator app from the account page: only when the user has none.
pub async fn may_enroll_totp(ctx: &Context, tenant: Uuid, user: &User) -> Result<(), SigilError> {
    if has_totp(ctx, tenant, user).await? {
        return Err(SigilError::new(catalog::ACCOUNT_TOTP_ALREADY_ENROLLED, "an authenticator app is set up"));
    }
    Ok(())
}

/// Removes the user's authenticator app (and the recovery codes, when nothing else remains).
/// Needs a fresh sign-in with both factors ([`is_fresh`]); else
/// [`catalog::ACCOUNT_RECENT_SIGNIN_REQUIRED`], on which the page asks for one.
pub async fn remove_totp(ctx: &Context, tenant: Uuid, user: &User, s: &Session) -> Result<u64, SigilError> {
    if !has_totp(ctx, tenant, user).await? {
        return Err(SigilError::new(catalog::ACCOUNT_TOTP_NOT_ENROLLED, "no authenticator app to remove"));
    }
    let now = ctx.clock.now();
    if !is_fresh(s, true, now) {
        let why =
            format!("signed in {} s ago with '{}'; needs both factors within {FRESH_FOR} s", now - s.auth_time, s.amr);
        return Err(SigilError::new(catalog::ACCOUNT_RECENT_SIGNIN_REQUIRED, why));
    }
    Ok(ctx.store.remove_totp(tenant, user.id).await?)
}

/// One page of recent sign-ins, newest first.
#[derive(Debug, Clone)]
pub struct SigninPage {
    pub records: Vec<SigninRecord>,
    /// The `before` cursor of the next (older) page, when there is one.
    pub next_before: Option<i64>,
}

/// The user's sign-ins of the last [`SIGNIN_DAYS`] days from the sign-in log, older than `before`
/// (milliseconds, exclusive) when given. Records are on the tenant's name and the username; only
/// sign-ins are shown ([`is_signin`]), not the pages shown on the way or token refreshes.
pub async fn recent_signins(
    ctx: &Context,
    tenant_name: &str,
    user: &User,
    before: Option<i64>,
) -> Result<SigninPage, SigilError> {
    // Read past the records that are not sign-ins, boundedly: a page may then be shorter.
    const SCAN: u32 = 10 * SIGNINS_PER_PAGE;
    let now_millis = ctx.clock.now() * 1000;
    let scanned = ctx
        .store
        .query_signins(&SigninQuery {
            tenant: Some(tenant_name.to_string()),
            user: Some(user.username.clone()),
            since_millis: Some(now_millis - SIGNIN_DAYS * 86_400_000),
            until_millis: before,
            limit: SCAN,
            ..SigninQuery::default()
        })
        .await?;
    let full = scanned.len() == SCAN as usize;
    let mut records: Vec<SigninRecord> = Vec::new();
    let mut next_before = None;
    for r in scanned.iter() {
        if records.len() == SIGNINS_PER_PAGE as usize {
            next_before = records.last().map(|l| l.time_millis);
            break;
        }
        if is_signin(r) {
            records.push(r.clone());
        }
    }
    if next_before.is_none() && full {
        next_before = scanned.last().map(|l| l.time_millis);
    }
    Ok(SigninPage { records, next_before })
}

/// A record the user would call a sign-in: a password, second factor or enrollment form, the
/// password grant, an application signed in to with the browser's session (a code issued), or a
/// refusal of any of them (a declined consent too). Not: pages shown on the way, an accepted
/// consent (its sign-in is recorded already), token refreshes, code redemptions.
pub fn is_signin(r: &SigninRecord) -> bool {
    match r.flow.as_str() {
        "signin" | "factor" | "enroll" | "password" => true,
        // The consent form follows a sign-in already recorded by its own form or by the session's.
        "consent" => r.code != 0,
        "authorize" => r.code != 0 || r.reason.starts_with("code issued"),
        _ => false,
    }
}

/// Where a sign-in came from, as precise as a user needs and no more: an IPv4 address's /24, an
/// IPv6 address's /48 (the rest is shown as zeros).
pub fn place(source: &str) -> String {
    match source.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => {
            let o = v4.octets();
            format!("{}.{}.{}.0/24", o[0], o[1], o[2])
        }
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => place(&v4.to_string()),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
            }
        },
        Err(_) => source.chars().take(32).collect(),
    }
}

/// A short summary of a user agent: browser and system ("Chrome, Linux"), from the tokens
/// browsers send; "" when neither is recognised.
pub fn device(user_agent: &str) -> String {
    const BROWSERS: [(&str, &str); 7] = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
    ];
    const SYSTEMS: [(&str, &str); 6] = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ];
    let browser = BROWSERS.iter().find(|(t, _)| user_agent.contains(t)).map(|(_, n)| *n);
    let system = SYSTEMS.iter().find(|(t, _)| user_agent.contains(t)).map(|(_, n)| *n);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b}, {s}"),
        (Some(x), None) | (None, Some(x)) => x.to_string(),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(auth_time: i64, amr: &str) -> Session {
        Session {
            hash: vec![1; 32],
            tenant_id: Uuid::nil(),
            user_id: Uuid::nil(),
            auth_time,
            expires_at: auth_time + 3600,
            amr: amr.into(),
            persistent: None,
        }
    }

    #[test]
    fn freshness_needs_a_recent_sign_in_and_for_factors_a_second_factor() {
        let t = 1_800_000_000;
        assert!(is_fresh(&session(t, "pwd otp mfa"), true, t + FRESH_FOR - 1));
        assert!(!is_fresh(&session(t, "pwd otp mfa"), true, t + FRESH_FOR));
        assert!(!is_fresh(&session(t, "pwd"), true, t + 1));
        assert!(is_fresh(&session(t, "pwd"), false, t + 1));
    }

    #[test]
    fn places_are_network_prefixes_and_devices_are_summaries() {
        assert_eq!(place("203.0.113.77"), "203.0.113.0/24");
        assert_eq!(place("2001:db8:aa:bb::1"), "2001:db8:aa::/48");
        assert_eq!(place("::ffff:198.51.100.9"), "198.51.100.0/24");
        let chrome =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
        assert_eq!(device(chrome), "Chrome, Linux");
        assert_eq!(device("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1"), "Safari, iOS");
        assert_eq!(device("python-requests/2.31"), "");
    }

    #[test]
    fn the_account_interaction_asks_nothing_but_the_sign_in() {
        let t = Uuid::from_u128(7);
        let p = sign_in(t);
        assert_eq!(p.client_id(), ACCOUNT_CLIENT_ID);
        assert_eq!(p.scope(), "");
        assert!(p.redirect_uri().is_none() && !p.has_prompt("consent"));
        let r = reauthenticate(t, true);
        assert_eq!(r.max_age(), Some(FRESH_FOR));
        assert_eq!(r.acr_values(), [factor::ACR_MFA.to_string()]);
    }
}
