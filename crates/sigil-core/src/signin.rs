//! Checking a user's credentials, shared by the password grant and the sign-in page.
use uuid::Uuid;

use crate::catalog;
use crate::context::Context;
use crate::error::SigilError;
use crate::model::User;
use crate::params::sanitize;
use crate::store::FailedSignIn;

/// Lockout, lookup, argon2id verification, then the enabled flag. An unknown user costs the same
/// argon2 work and yields the same public answer (50126) as a wrong password.
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
    if let Some(until) = store.locked_until(tenant, username, source, now).await? {
        return Err(SigilError::new(
            catalog::ACCOUNT_LOCKED,
            format!(
                "user '{}' locked for {} until {}",
                sanitize(username),
                source,
                crate::clock::rfc3339(until * 1000)
            ),
        ));
    }
    // argon2id costs tens of milliseconds: off the async workers, a bounded number at a time.
    let ok = ctx.passwords.verify(user.as_ref().map(|u| u.password_hash.clone()), pw.to_string()).await;
    if !ok {
        let locked = store
            .record_failure(&FailedSignIn {
                tenant,
                username,
                source,
                now,
                window: ctx.lockout.window,
                threshold: ctx.lockout.threshold,
                lock_for: ctx.lockout.duration,
            })
            .await?;
        let lock_note = locked.map(|_| "; account now locked for this source").unwrap_or("");
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
    store.clear_failures(tenant, username, source).await?;
    Ok(user)
}
