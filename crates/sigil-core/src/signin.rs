//! Checking a user's credentials, shared by the password grant and the sign-in page.
//!
//! RFC 6749 §4.3.2 and §10.10 require protection against brute force on the password grant; the
//! sign-in form gets the same. Smart lockout (as Entra ID's): a source that signed the user in
//! recently (familiar) keeps a budget of its own, every other source shares the account's one, so
//! guesses spread over many addresses lock the unfamiliar ones while the user's usual places work.
use std::net::{IpAddr, Ipv6Addr};

use uuid::Uuid;

use crate::catalog;
use crate::context::Context;
use crate::error::SigilError;
use crate::model::User;
use crate::params::sanitize;
use crate::store::{Budget, SignInAttempt};

/// How often, and how long apart, a full budget is asked again before the answer is "locked":
/// about a second, several argon2id verifications' time.
const RESERVE_RETRIES: usize = 10;
const RESERVE_WAIT: std::time::Duration = std::time::Duration::from_millis(100);

/// Reserve an attempt, then argon2id, then the enabled flag. An unknown user reserves, costs the
/// same argon2 work and yields the same public answer (50126) as a wrong password.
pub async fn check_credentials(
    ctx: &Context,
    tenant: Uuid,
    login: &str,
    pw: &str,
    source: &str,
) -> Result<User, SigilError> {
    let now = ctx.clock.now();
    let store = &ctx.store;
    // Users sign in with their username or, as Entra users do, their email address (UPN form).
    let mut user = store.user_by_username(tenant, login).await?;
    if user.is_none() && login.contains('@') {
        user = store.user_by_email(tenant, login).await?;
    }
    // Lockout counts per account whatever name was typed, so alternating forms gains nothing.
    let username = user.as_ref().map(|u| u.username.clone()).unwrap_or_else(|| login.to_string());
    let username = username.as_str();
    let source = lockout_source(source);
    let l = &ctx.lockout;
    let attempt = SignInAttempt {
        tenant,
        username,
        source: &source,
        now,
        window: l.window,
        threshold: l.threshold,
        lock_for: l.duration,
        familiar_since: now - l.familiar_for,
    };
    // Charged before the (slow) verification, in one statement: concurrent guesses cannot all be
    // verified before the lock applies. Attempts still being verified count too, so a burst of
    // *correct* sign-ins of one user (an application's parallel password grants) can find the
    // budget full for a moment: wait for those to settle (a success frees it) before answering
    // "locked". A real lock stays one; the wait only delays that answer.
    let mut reserved = store.reserve_attempt(&attempt).await?;
    for _ in 0..RESERVE_RETRIES {
        if reserved.is_some() {
            break;
        }
        tokio::time::sleep(RESERVE_WAIT).await;
        reserved = store.reserve_attempt(&attempt).await?;
    }
    let Some(budget) = reserved else {
        return Err(SigilError::new(
            catalog::ACCOUNT_LOCKED,
            format!("user '{}' locked for source {source}: attempts used up", sanitize(username)),
        ));
    };
    // argon2id costs tens of milliseconds: off the async workers, a bounded number at a time.
    let ok = ctx.passwords.verify(user.as_ref().map(|u| u.password_hash.clone()), pw.to_string()).await;
    if !ok {
        let locked = store.record_failure(&attempt, budget).await?;
        let lock_note = match (locked, budget) {
            (None, _) => "",
            (Some(_), Budget::Source) => "; account now locked for this familiar source",
            (Some(_), Budget::Unfamiliar) => "; account now locked for unfamiliar sources",
        };
        return Err(match user {
            None => SigilError::new(catalog::USER_NOT_FOUND, format!("no user '{}'{lock_note}", sanitize(username))),
            Some(u) => SigilError::new(
                catalog::INVALID_USERNAME_OR_PASSWORD,
                format!("wrong password for '{}'{lock_note}", u.username),
            ),
        });
    }
    let user = user.expect("verified password implies a user");
    if !user.enabled {
        return Err(SigilError::new(catalog::USER_DISABLED, format!("user '{}' is disabled", user.username)));
    }
    store.record_success(&attempt, budget).await?;
    Ok(user)
}

/// The source as lockout counts it: an IPv4 address, or the /64 of an IPv6 address (one subscriber
/// usually holds a whole /64, so single IPv6 addresses would give an attacker millions of budgets).
pub fn lockout_source(source: &str) -> String {
    match source.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{}/64", Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        // Not an address (an in-process caller): bounded, as it is stored.
        Err(_) => source.chars().take(64).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::lockout_source;

    #[test]
    fn ipv6_counts_per_64_and_ipv4_per_address() {
        assert_eq!(lockout_source("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(lockout_source("2001:db8:1:2:ffff:1:2:3"), "2001:db8:1:2::/64");
        assert_ne!(lockout_source("2001:db8:1:3::1"), lockout_source("2001:db8:1:2::1"));
        assert_eq!(lockout_source("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(lockout_source("192.0.2.7"), "192.0.2.7");
        assert_ne!(lockout_source("192.0.2.8"), "192.0.2.7");
        assert_eq!(lockout_source("unknown"), "unknown");
    }
}
