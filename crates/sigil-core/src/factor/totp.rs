//! RFC 6238 time-based one-time passwords: HMAC-SHA-1 (§1.2, what every authenticator app
//! implements), 6 digits, 30-second steps (§4.1 X = 30), one step either side accepted for clock
//! drift (§5.2 "at most one time step"), a step accepted at most once per authenticator (§5.2),
//! and verification rate-limited like passwords (§5.1 / RFC 4226 §7.3 throttling).
//!
//! The secret (20 random bytes, RFC 4226 §4 R6) is stored sealed under the master key as signing
//! keys are; the enrollment page shows it once, in base32, and as an `otpauth://` QR code.
use totp_rs::{Builder, Totp};
use uuid::Uuid;

use crate::catalog;
use crate::clock::UnixTime;
use crate::context::Context;
use crate::crypto::MasterKey;
use crate::error::SigilError;
use crate::model::{Authenticator, AuthenticatorKind, User};
use crate::rng::Rng;
use crate::signin::lockout_source;
use crate::store::SignInAttempt;

use super::recovery;

/// §4.1 X: seconds per step.
pub const STEP: u64 = 30;
pub const DIGITS: u8 = 6;
/// RFC 4226 §4 R6 recommends 160 bits.
pub const SECRET_BYTES: usize = 20;
/// Wrong codes per user (per familiar source, or shared by the others) before a wait.
pub const MAX_FAILURES: u32 = 5;
/// Seconds over which wrong codes count, and the wait once they are used up: 5 guesses per 15
/// minutes leave a guesser about 1 chance in 700 per day against 3 valid codes in 10^6.
pub const FAILURE_WINDOW: i64 = 900;
pub const LOCK_SECONDS: i64 = 900;

const SECRET_AAD: &[u8] = b"sigil/totp-secret/v1";

/// A new random secret.
pub fn new_secret(rng: &dyn Rng) -> Vec<u8> {
    let mut s = vec![0u8; SECRET_BYTES];
    rng.fill(&mut s);
    s
}

/// RFC 4648 base32 without padding, as authenticator apps take it.
pub fn base32(secret: &[u8]) -> String {
    totp_rs::Secret::from(secret.to_vec()).to_base32().trim_end_matches('=').to_string()
}

pub fn from_base32(s: &str) -> Option<Vec<u8>> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let secret = totp_rs::Secret::try_from_base32(s).ok()?;
    let bytes = secret.as_bytes().to_vec();
    (bytes.len() == SECRET_BYTES).then_some(bytes)
}

fn totp(secret: &[u8]) -> Totp {
    Builder::new()
        .with_secret(secret.to_vec())
        .with_digits(DIGITS)
        .with_step_duration(STEP)
        .with_skew(1)
        .build_noncompliant()
}

/// The code of the step containing `time` (tests, and the test kit's authenticator).
pub fn code_at(secret: &[u8], time: UnixTime) -> String {
    totp(secret).generate(u64::try_from(time).unwrap_or(0)).to_string()
}

/// RFC 6238 §5.2: the time step `code` belongs to, among the previous, current and next step at
/// `now` (compared in constant time by the crate); `None` when it matches none.
pub fn matching_step(secret: &[u8], code: &str, now: UnixTime) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != usize::from(DIGITS) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    totp(secret).check(&code, u64::try_from(now).ok()?).and_then(|s| i64::try_from(s).ok())
}

/// The Key Uri Format authenticator apps read from the QR code:
/// `otpauth://totp/<issuer>:<account>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30`.
pub fn otpauth_uri(issuer: &str, account: &str, secret: &[u8]) -> String {
    let (i, a) = (pct(issuer), pct(account));
    format!("otpauth://totp/{i}:{a}?secret={}&issuer={i}&algorithm=SHA1&digits={DIGITS}&period={STEP}", base32(secret))
}

/// RFC 3986 §2.3: everything but unreserved characters percent-encoded.
fn pct(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn seal(master: &MasterKey, rng: &dyn Rng, secret: &[u8]) -> Vec<u8> {
    master.seal(rng, SECRET_AAD, secret)
}

fn open(master: &MasterKey, a: &Authenticator) -> Result<Vec<u8>, SigilError> {
    let sealed = a.secret_sealed.as_deref().unwrap_or_default();
    master.open(SECRET_AAD, sealed).map_err(|_| {
        SigilError::new(catalog::TOKEN_ISSUANCE_ERROR, format!("authenticator {} secret does not open", a.id))
    })
}

/// What a verified second factor was, for the session's `amr` and the sign-in log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verified {
    Totp { authenticator: Uuid, step: i64 },
    RecoveryCode { left: i64 },
}

impl Verified {
    /// RFC 8176: both are one-time passwords.
    pub fn amr(&self) -> &'static str {
        "otp"
    }
    pub fn describe(&self) -> String {
        match self {
            Verified::Totp { authenticator, step } => format!("totp {authenticator} step {step} accepted"),
            Verified::RecoveryCode { left } => format!("recovery code used; {left} left"),
        }
    }
}

/// The lockout budget of a user's second factor: the password's machinery (one atomic
/// reservation before checking) under a key of its own, with its own numbers.
fn attempt<'a>(tenant: Uuid, key: &'a str, source: &'a str, now: UnixTime, familiar_for: i64) -> SignInAttempt<'a> {
    SignInAttempt {
        tenant,
        username: key,
        source,
        now,
        window: FAILURE_WINDOW,
        threshold: MAX_FAILURES,
        lock_for: LOCK_SECONDS,
        familiar_since: now - familiar_for,
    }
}

/// Charges one attempt before any code is checked, in one statement; refused once used up.
async fn reserve(ctx: &Context, a: &SignInAttempt<'_>, user: &User) -> Result<crate::store::Budget, SigilError> {
    ctx.store.reserve_attempt(a).await?.ok_or_else(|| {
        SigilError::new(
            catalog::FACTOR_LOCKED,
            format!("second factor of '{}' locked for source {}: wrong codes used up", user.username, a.source),
        )
    })
}

/// Checks a code typed at the second-factor step: six digits against the user's TOTP
/// authenticators, anything else as a recovery code. Reserved against the budget first; a wrong
/// code is charged, a right one refunds and makes the source familiar.
pub async fn verify(
    ctx: &Context,
    tenant: Uuid,
    user: &User,
    code: &str,
    source: &str,
) -> Result<Verified, SigilError> {
    let now = ctx.clock.now();
    let (key, source) = (format!("#mfa:{}", user.username), lockout_source(source));
    let a = attempt(tenant, &key, &source, now, ctx.lockout.familiar_for);
    let budget = reserve(ctx, &a, user).await?;
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let outcome = if digits.len() == usize::from(DIGITS) && digits.bytes().all(|b| b.is_ascii_digit()) {
        check_totp(ctx, tenant, user, &digits, now).await
    } else {
        check_recovery(ctx, tenant, user, code, now).await
    };
    match outcome {
        Ok(v) => {
            ctx.store.record_success(&a, budget).await?;
            Ok(v)
        }
        Err(e)
            if e.entry.code == catalog::OTP_CODE_INVALID.code
                || e.entry.code == catalog::RECOVERY_CODE_INVALID.code =>
        {
            let locked = ctx.store.record_failure(&a, budget).await?;
            let note = if locked.is_some() { "; second factor now locked" } else { "" };
            Err(SigilError::new(e.entry, format!("{}{note}", e.reason)))
        }
        Err(e) => Err(e),
    }
}

async fn check_totp(
    ctx: &Context,
    tenant: Uuid,
    user: &User,
    code: &str,
    now: UnixTime,
) -> Result<Verified, SigilError> {
    for a in ctx.store.authenticators(tenant, user.id).await? {
        if a.kind != AuthenticatorKind::Totp {
            continue;
        }
        let Some(step) = matching_step(&open(&ctx.master, &a)?, code, now) else { continue };
        // §5.2: one statement, so two requests with the same code cannot both pass.
        if !ctx.store.use_totp_step(a.id, step, now).await? {
            return Err(SigilError::new(
                catalog::OTP_CODE_REPLAYED,
                format!("totp {} step {step} (or a later one) was already used", a.id),
            ));
        }
        return Ok(Verified::Totp { authenticator: a.id, step });
    }
    Err(SigilError::new(catalog::OTP_CODE_INVALID, format!("wrong totp code for '{}'", user.username)))
}

async fn check_recovery(
    ctx: &Context,
    tenant: Uuid,
    user: &User,
    code: &str,
    now: UnixTime,
) -> Result<Verified, SigilError> {
    if recovery::spend(ctx, tenant, user.id, code, now).await? {
        let left = ctx.store.recovery_codes_left(tenant, user.id).await?;
        return Ok(Verified::RecoveryCode { left });
    }
    Err(SigilError::new(
        catalog::RECOVERY_CODE_INVALID,
        format!("recovery code of '{}' unknown or already used", user.username),
    ))
}

/// Enrollment, confirmed by a first code of the new secret (proof the app holds it): the
/// authenticator is stored with that step already used, and a fresh set of recovery codes is
/// issued (returned once, stored hashed). Rate-limited like [`verify`].
pub async fn enroll(
    ctx: &Context,
    tenant: Uuid,
    user: &User,
    secret: &[u8],
    code: &str,
    source: &str,
) -> Result<(Uuid, Vec<String>), SigilError> {
    let now = ctx.clock.now();
    let (key, source) = (format!("#mfa:{}", user.username), lockout_source(source));
    let a = attempt(tenant, &key, &source, now, ctx.lockout.familiar_for);
    let budget = reserve(ctx, &a, user).await?;
    let Some(step) = matching_step(secret, code, now) else {
        ctx.store.record_failure(&a, budget).await?;
        return Err(SigilError::new(catalog::OTP_CODE_INVALID, "enrollment: code does not match the new secret"));
    };
    ctx.store.record_success(&a, budget).await?;
    let id = crate::rng::uuid_v4(ctx.rng.as_ref());
    ctx.store
        .add_authenticator(&Authenticator {
            id,
            tenant_id: tenant,
            user_id: user.id,
            kind: AuthenticatorKind::Totp,
            name: "Authenticator app".into(),
            secret_sealed: Some(seal(&ctx.master, ctx.rng.as_ref(), secret)),
            last_step: Some(step),
            created_at: now,
            last_used_at: Some(now),
        })
        .await?;
    let codes = recovery::issue(ctx, tenant, user.id, now).await?;
    Ok((id, codes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, ManualClock};

    /// RFC 6238 Appendix B, SHA-1 rows (8 digits there; the last 6 digits are ours).
    #[test]
    fn rfc_6238_test_vectors() {
        let secret = b"12345678901234567890";
        for (t, code) in [
            (59, "287082"),
            (1111111109, "081804"),
            (1111111111, "050471"),
            (1234567890, "005924"),
            (2000000000, "279037"),
        ] {
            assert_eq!(code_at(secret, t), code, "T={t}");
        }
    }

    #[test]
    fn previous_current_and_next_step_accepted_older_and_later_refused() {
        let secret = [7u8; SECRET_BYTES];
        let clock = ManualClock::new(1_800_000_015);
        let now = clock.now();
        let step = now / 30;
        for (offset, ok) in [(-2, false), (-1, true), (0, true), (1, true), (2, false)] {
            let code = code_at(&secret, (step + offset) * 30);
            assert_eq!(matching_step(&secret, &code, now), ok.then_some(step + offset), "offset {offset}");
        }
        // Formatting: spaces are ignored, anything but six digits is refused.
        let code = code_at(&secret, now);
        assert_eq!(matching_step(&secret, &format!("{} {}", &code[..3], &code[3..]), now), Some(step));
        assert_eq!(matching_step(&secret, "12345", now), None);
        assert_eq!(matching_step(&secret, "abcdef", now), None);
        // Time moves on: 60 s later the code is two steps old.
        clock.advance(60);
        assert_eq!(matching_step(&secret, &code, clock.now()), None);
    }

    #[test]
    fn base32_round_trip_and_uri() {
        let secret = [0xA5u8; SECRET_BYTES];
        let b = base32(&secret);
        assert_eq!(b.len(), 32);
        assert_eq!(from_base32(&b.to_lowercase()), Some(secret.to_vec()));
        let uri = otpauth_uri("Contoso Ltd", "alice@contoso", &secret);
        assert!(uri.starts_with("otpauth://totp/Contoso%20Ltd:alice%40contoso?secret="), "{uri}");
        assert!(uri.ends_with("&issuer=Contoso%20Ltd&algorithm=SHA1&digits=6&period=30"), "{uri}");
    }

    #[test]
    fn sealed_secret_opens_only_with_its_key() {
        let master = MasterKey::from_bytes(&[3; 32]).unwrap();
        let other = MasterKey::from_bytes(&[4; 32]).unwrap();
        let secret = new_secret(&crate::rng::SystemRng);
        let sealed = seal(&master, &crate::rng::SystemRng, &secret);
        assert_ne!(sealed, secret);
        let a = Authenticator {
            id: Uuid::nil(),
            tenant_id: Uuid::nil(),
            user_id: Uuid::nil(),
            kind: AuthenticatorKind::Totp,
            name: "x".into(),
            secret_sealed: Some(sealed),
            last_step: None,
            created_at: 0,
            last_used_at: None,
        };
        assert_eq!(open(&master, &a).unwrap(), secret);
        assert!(open(&other, &a).is_err());
    }
}
