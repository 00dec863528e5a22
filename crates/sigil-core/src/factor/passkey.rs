//! Passkeys: W3C Web Authentication Level 3 credentials, verified by `webauthn-rs`
//! (docs/passkeys.md). Three ceremonies:
//! - registration (§7.1) from the account page, for a signed-in user;
//! - passwordless sign-in with a discoverable credential (§5.1.4.1 `allowCredentials` empty;
//!   conditional mediation, the browser's autofill) on the sign-in page;
//! - a second factor after a password (§7.2 with the user's credentials in `allowCredentials`).
//!
//! Stateless between requests: the ceremony state `webauthn-rs` keeps (challenge, policy, allowed
//! credentials) travels in the sealed form of the page (`Sealed::passkey`, AES-GCM under the
//! master key), so any instance can finish what another began. What must be single-use is spent
//! in the database: the challenge (the store's proof record, one conditional insert, before the
//! assertion is checked: a replayed assertion never reaches the counter check) and the signature
//! counter (`last_step`, raised only if higher, one conditional update).
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use webauthn_rs::prelude::{
    Credential, DiscoverableAuthentication, Passkey, PasskeyRegistration, PublicKeyCredential,
    RegisterPublicKeyCredential, Url, Webauthn, WebauthnBuilder, WebauthnError,
};
use webauthn_rs_proto::AllowCredentials;

use crate::catalog::{self, ErrorEntry};
use crate::clock::UnixTime;
use crate::context::Context;
use crate::crypto::{MasterKey, sha256};
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::model::{Authenticator, AuthenticatorKind, User};

/// How long a ceremony's challenge is accepted (§5.4.1 `timeout`, and the spent-challenge record).
pub const CEREMONY_TTL: i64 = 300;
/// The longest name a user can give a passkey.
pub const MAX_NAME_CHARS: usize = 64;
/// `last_step` of a flagged credential: above any 32-bit signature counter, so every later
/// assertion reads as a counter going backwards and is refused (§6.1.1 "cloned authenticator").
pub const FLAGGED: i64 = 1 << 40;

const CREDENTIAL_AAD: &[u8] = b"sigil/passkey/v1";
/// Domain separation of spent challenges in the store's proof record (shared with DPoP `jti`s).
const CHALLENGE_DOMAIN: &[u8] = b"sigil/passkey-challenge/v1\0";

/// The tenant's relying party (§5.1.2 RP ID, §13.4.9 origins). The RP ID is the public URL's
/// host unless `[passkeys] rp_id` names a registrable suffix of it; the origins are the public
/// URL's origin plus `[passkeys] origins` (deployments behind a proxy, docs/passkeys.md).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RelyingParty {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rp_id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub origins: Vec<String>,
}

/// The `webauthn-rs` verifier of a tenant.
pub fn relying_party(ctx: &Context, view: &TenantView) -> Result<Webauthn, SigilError> {
    let bad = |why: String| SigilError::new(catalog::TOKEN_ISSUANCE_ERROR, format!("passkeys: {why}"));
    let rp = &ctx.passkeys;
    let public = Url::parse(&ctx.public_url).map_err(|e| bad(format!("public_url: {e}")))?;
    let mut origins = rp.origins.iter().map(|o| Url::parse(o).map_err(|e| bad(format!("origin '{o}': {e}"))));
    // The first origin is the public URL's, unless that is an IP address (never a relying party).
    let first = match public.domain() {
        Some(_) => public,
        None => origins
            .next()
            .ok_or_else(|| bad("public_url is an IP address and [passkeys] origins is empty".into()))??,
    };
    let rp_id = rp.rp_id.clone().unwrap_or_else(|| first.host_str().unwrap_or_default().to_string());
    let mut b = WebauthnBuilder::new(&rp_id, &first)
        .map_err(|e| bad(format!("rp_id '{rp_id}' for {first}: {e}")))?
        .rp_name(&view.tenant.display_name);
    for o in origins {
        b = b.append_allowed_origin(&o?);
    }
    b.build().map_err(|e| bad(format!("relying party: {e}")))
}

/// What a page needs to run a ceremony: the options for `navigator.credentials.create/get`
/// (JSON, base64url buffers) and the state to seal into its form.
#[derive(Debug, Clone)]
pub struct Begun {
    pub options: String,
    pub ceremony: Ceremony,
}

/// A ceremony's state as it travels sealed in a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ceremony {
    pub kind: CeremonyKind,
    /// The `webauthn-rs` state (serialized with `danger-allow-state-serialisation`).
    pub state: serde_json::Value,
    /// The challenge (base64url), spent once.
    pub challenge: String,
    pub exp: UnixTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CeremonyKind {
    Register,
    Discoverable,
    SecondFactor,
}

fn ceremony<S: Serialize>(kind: CeremonyKind, state: &S, challenge: &[u8], now: UnixTime) -> Ceremony {
    Ceremony {
        kind,
        state: serde_json::to_value(state).expect("webauthn state serializes"),
        challenge: crate::crypto::b64url(challenge),
        exp: now + CEREMONY_TTL,
    }
}

fn options<S: Serialize>(o: &S) -> String {
    serde_json::to_string(o).expect("webauthn options serialize")
}

/// §5.1.3 / §5.4: registration of a new passkey for `user`. A discoverable credential is asked
/// for (`residentKey: required`, §5.4.6) so that it also signs in without a username; the user's
/// passkeys are excluded (§5.4 `excludeCredentials`) so one authenticator is not registered twice.
pub fn begin_registration(
    ctx: &Context,
    view: &TenantView,
    user: &User,
    existing: &[Authenticator],
) -> Result<Begun, SigilError> {
    let wa = relying_party(ctx, view)?;
    let exclude: Vec<_> = passkeys_of(&ctx.master, existing)?.into_iter().map(|(_, p)| p.cred_id().clone()).collect();
    let (ccr, state) = wa
        .start_passkey_registration(user.id, &user.username, &user.display_name, Some(exclude))
        .map_err(|e| internal(e, "start registration"))?;
    let mut opts = serde_json::to_value(&ccr).expect("webauthn options serialize");
    if let Some(sel) = opts.pointer_mut("/publicKey/authenticatorSelection").and_then(|v| v.as_object_mut()) {
        sel.insert("residentKey".into(), "required".into());
        sel.insert("requireResidentKey".into(), true.into());
    }
    let c = ceremony(CeremonyKind::Register, &state, &ccr.public_key.challenge, ctx.clock.now());
    Ok(Begun { options: options(&opts), ceremony: c })
}

/// §7.1: verifies the browser's registration response and stores the passkey under `name`.
pub async fn finish_registration(
    ctx: &Context,
    view: &TenantView,
    user: &User,
    c: &Ceremony,
    response: &str,
    name: &str,
) -> Result<Authenticator, SigilError> {
    let now = ctx.clock.now();
    let state: PasskeyRegistration = open_state(c, CeremonyKind::Register, now)?;
    let reg: RegisterPublicKeyCredential = serde_json::from_str(response)
        .map_err(|e| SigilError::new(catalog::PASSKEY_REGISTRATION_FAILED, format!("registration response: {e}")))?;
    spend_challenge(ctx, c, now).await?;
    let wa = relying_party(ctx, view)?;
    let passkey = wa.finish_passkey_registration(&reg, &state).map_err(|e| match e {
        // The library's answer to a credential of `excludeCredentials` (the user's own).
        WebauthnError::CredentialAlteredAlgFromRequest => SigilError::new(
            catalog::PASSKEY_REGISTRATION_FAILED,
            "credential already registered (excluded), or of an algorithm not asked for",
        ),
        e => refusal(e, true),
    })?;
    let existing = ctx.store.authenticators(view.tenant.id, user.id).await?;
    if passkeys_of(&ctx.master, &existing)?.iter().any(|(_, p)| p.cred_id() == passkey.cred_id()) {
        return Err(SigilError::new(catalog::PASSKEY_REGISTRATION_FAILED, "credential already registered"));
    }
    let json = serde_json::to_vec(&passkey).expect("passkey serializes");
    let a = Authenticator {
        id: crate::rng::uuid_v4(ctx.rng.as_ref()),
        tenant_id: view.tenant.id,
        user_id: user.id,
        kind: AuthenticatorKind::Passkey,
        name: clean_name(name).unwrap_or_else(|| "Passkey".into()),
        secret_sealed: Some(ctx.master.seal(ctx.rng.as_ref(), CREDENTIAL_AAD, &json)),
        last_step: Some(i64::from(Credential::from(passkey).counter)),
        created_at: now,
        last_used_at: None,
    };
    ctx.store.add_authenticator(&a).await?;
    Ok(a)
}

/// §5.1.4 with an empty `allowCredentials` and `mediation: "conditional"`: the sign-in page's
/// passkey autofill and its "Sign in with a passkey" button.
pub fn begin_discoverable(ctx: &Context, view: &TenantView) -> Result<Begun, SigilError> {
    let wa = relying_party(ctx, view)?;
    let (rcr, state) = wa.start_discoverable_authentication().map_err(|e| internal(e, "start sign-in"))?;
    let c = ceremony(CeremonyKind::Discoverable, &state, &rcr.public_key.challenge, ctx.clock.now());
    Ok(Begun { options: options(&rcr), ceremony: c })
}

/// §5.1.4 with the user's passkeys in `allowCredentials` (no conditional mediation): the
/// second-factor step. The same state as [`begin_discoverable`]: the assertion is then checked
/// against the one credential it names, with the counter stored now, not when the page was shown.
pub fn begin_second_factor(ctx: &Context, view: &TenantView, existing: &[Authenticator]) -> Result<Begun, SigilError> {
    let wa = relying_party(ctx, view)?;
    let (mut rcr, state) = wa.start_discoverable_authentication().map_err(|e| internal(e, "start second factor"))?;
    rcr.mediation = None;
    rcr.public_key.allow_credentials = passkeys_of(&ctx.master, existing)?
        .into_iter()
        .map(|(_, p)| {
            let c = Credential::from(p);
            AllowCredentials { type_: "public-key".into(), id: c.cred_id, transports: c.transports }
        })
        .collect();
    let c = ceremony(CeremonyKind::SecondFactor, &state, &rcr.public_key.challenge, ctx.clock.now());
    Ok(Begun { options: options(&rcr), ceremony: c })
}

/// A verified assertion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Used {
    pub authenticator: Uuid,
    pub name: String,
    /// RFC 8176 §2: `swk` for a credential the authenticator backs up or syncs (the BS flag,
    /// §6.1 bit 4), else `hwk`; `user` when user verification was done (UV, bit 2).
    pub amr: Vec<&'static str>,
    pub counter: u32,
}

impl Used {
    pub fn describe(&self) -> String {
        format!("passkey {} ('{}') counter {} amr {}", self.authenticator, self.name, self.counter, self.amr.join(" "))
    }
}

/// The assertion as the browser sent it, and the user it names (§5.4.3 `user.id` is the user's
/// id, returned as `userHandle` by a discoverable credential).
pub struct Assertion {
    credential: PublicKeyCredential,
}

impl Assertion {
    pub fn parse(response: &str) -> Result<Self, SigilError> {
        let credential = serde_json::from_str(response)
            .map_err(|e| SigilError::new(catalog::PASSKEY_ASSERTION_INVALID, format!("assertion: {e}")))?;
        Ok(Self { credential })
    }

    /// The user a discoverable credential names; `None` when it carries no user handle.
    pub fn user_handle(&self) -> Option<Uuid> {
        self.credential.get_user_unique_id().and_then(|b| Uuid::from_slice(b).ok())
    }
}

/// §7.2: verifies an assertion of `user` (known from the discoverable credential's user handle,
/// or from the session at the second-factor step) for ceremony `c`, then records its counter.
pub async fn finish_assertion(
    ctx: &Context,
    view: &TenantView,
    user: &User,
    c: &Ceremony,
    kind: CeremonyKind,
    a: &Assertion,
) -> Result<Used, SigilError> {
    let now = ctx.clock.now();
    let authenticators = ctx.store.authenticators(view.tenant.id, user.id).await?;
    let keys = passkeys_of(&ctx.master, &authenticators)?;
    let raw_id = a.credential.get_credential_id();
    let Some((stored, passkey)) = keys.into_iter().find(|(_, p)| p.cred_id().as_slice() == raw_id) else {
        return Err(SigilError::new(
            catalog::PASSKEY_UNKNOWN,
            format!("no passkey of '{}' has credential id {}", user.username, crate::crypto::b64url(raw_id)),
        ));
    };
    if kind == CeremonyKind::Discoverable && a.user_handle() != Some(user.id) {
        return Err(SigilError::new(catalog::PASSKEY_UNKNOWN, "user handle does not name the credential's owner"));
    }
    // The stored counter is the column (raised atomically), not the sealed credential's copy.
    let stored_counter = stored.last_step.unwrap_or(0);
    let mut cred = Credential::from(passkey);
    cred.counter = u32::try_from(stored_counter).unwrap_or(u32::MAX);
    let flagged = stored_counter >= FLAGGED;
    let state: DiscoverableAuthentication = open_state(c, kind, now)?;
    spend_challenge(ctx, c, now).await?;
    let wa = relying_party(ctx, view)?;
    let result = wa.finish_discoverable_authentication_v2(&a.credential, state, &cred);
    let result = match result {
        Ok(r) => r,
        Err(WebauthnError::CredentialPossibleCompromise) => {
            if !flagged {
                ctx.store.use_totp_step(stored.id, FLAGGED, now).await?;
            }
            return Err(counter_regressed(stored, stored_counter, flagged));
        }
        Err(e) => return Err(refusal(e, false)),
    };
    let counter = result.counter();
    // §7.2 step 21 in the database: of two assertions with the same counter only one passes.
    if (counter > 0 || stored_counter > 0) && !ctx.store.use_totp_step(stored.id, i64::from(counter), now).await? {
        ctx.store.use_totp_step(stored.id, FLAGGED, now).await?;
        return Err(counter_regressed(stored, stored_counter, false));
    }
    if counter == 0 && stored_counter == 0 {
        // Counterless (most synced passkeys): the conditional update still records the use.
        ctx.store.touch_authenticator(stored.id, now).await?;
    }
    let mut amr = vec![if result.backup_state() { "swk" } else { "hwk" }];
    if result.user_verified() {
        amr.push("user");
    }
    Ok(Used { authenticator: stored.id, name: stored.name.clone(), amr, counter })
}

fn counter_regressed(a: &Authenticator, stored: i64, already: bool) -> SigilError {
    let why = if already {
        format!("passkey {} was flagged earlier (signature counter went backwards); refused", a.id)
    } else {
        format!("passkey {} signature counter did not exceed {stored}: possibly cloned; credential flagged", a.id)
    };
    SigilError::new(catalog::PASSKEY_COUNTER_REGRESSED, why)
}

/// A passkey as the account page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listed {
    pub id: Uuid,
    pub name: String,
    pub created_at: UnixTime,
    pub last_used_at: Option<UnixTime>,
    /// Refused since its signature counter went backwards.
    pub flagged: bool,
    /// Backed up or synced (BS flag at registration): a software key, `swk`.
    pub synced: bool,
}

/// The user's passkeys, oldest first.
pub async fn list(ctx: &Context, tenant: Uuid, user: Uuid) -> Result<Vec<Listed>, SigilError> {
    let all = ctx.store.authenticators(tenant, user).await?;
    Ok(passkeys_of(&ctx.master, &all)?
        .into_iter()
        .map(|(a, p)| Listed {
            id: a.id,
            name: a.name.clone(),
            created_at: a.created_at,
            last_used_at: a.last_used_at,
            flagged: a.last_step.unwrap_or(0) >= FLAGGED,
            synced: Credential::from(p).backup_state,
        })
        .collect())
}

/// Renames one of the user's passkeys; returns the name as stored.
pub async fn rename(ctx: &Context, tenant: Uuid, user: Uuid, id: Uuid, name: &str) -> Result<String, SigilError> {
    own(ctx, tenant, user, id).await?;
    let name = clean_name(name)
        .ok_or_else(|| SigilError::new(catalog::PASSKEY_REGISTRATION_FAILED, "a passkey's name cannot be empty"))?;
    if !ctx.store.rename_authenticator(tenant, user, id, &name).await? {
        return Err(gone(id));
    }
    Ok(name)
}

/// Removes one of the user's passkeys; returns its name.
pub async fn remove(ctx: &Context, tenant: Uuid, user: Uuid, id: Uuid) -> Result<String, SigilError> {
    let a = own(ctx, tenant, user, id).await?;
    if !ctx.store.remove_authenticator(tenant, user, id).await? {
        return Err(gone(id));
    }
    Ok(a.name)
}

/// The user's passkey `id` (never another user's, nor a TOTP authenticator).
async fn own(ctx: &Context, tenant: Uuid, user: Uuid, id: Uuid) -> Result<Authenticator, SigilError> {
    let all = ctx.store.authenticators(tenant, user).await?;
    all.into_iter().find(|a| a.id == id && a.kind == AuthenticatorKind::Passkey).ok_or_else(|| gone(id))
}

fn gone(id: Uuid) -> SigilError {
    SigilError::new(catalog::PASSKEY_UNKNOWN, format!("passkey {id} is not one of the user's"))
}

/// The account page's form: bound to the session it was shown to (like consent), carrying the
/// registration ceremony of its "Add a passkey" button; sealed under the master key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountForm {
    pub tenant: Uuid,
    pub sid: String,
    pub exp: UnixTime,
    pub ceremony: Option<Ceremony>,
}

const ACCOUNT_AAD: &[u8] = b"sigil/account-passkeys/v1";

impl AccountForm {
    pub fn new(tenant: Uuid, session: &crate::model::Session, ceremony: Option<Ceremony>, now: UnixTime) -> Self {
        let sid = crate::interaction::session::sid(&session.hash);
        Self { tenant, sid, exp: now + crate::interaction::sealed::INTERACTION_TTL, ceremony }
    }

    pub fn seal(&self, master: &MasterKey, rng: &dyn crate::rng::Rng) -> String {
        let json = serde_json::to_vec(self).expect("account form serializes");
        crate::crypto::b64url(&master.seal(rng, ACCOUNT_AAD, &json))
    }

    /// Opens a posted form: this tenant's, unexpired, and shown to `session`.
    pub fn open(
        master: &MasterKey,
        now: UnixTime,
        tenant: Uuid,
        session: &crate::model::Session,
        sealed: &str,
    ) -> Result<Self, SigilError> {
        let expired = || SigilError::new(catalog::INTERACTION_EXPIRED, "account form expired or was altered");
        let raw = crate::crypto::b64url_decode(sealed).ok_or_else(expired)?;
        let f: Self =
            serde_json::from_slice(&master.open(ACCOUNT_AAD, &raw).map_err(|_| expired())?).map_err(|_| expired())?;
        if f.tenant != tenant || f.exp <= now {
            return Err(expired());
        }
        if f.sid != crate::interaction::session::sid(&session.hash) {
            return Err(SigilError::new(catalog::INTERACTION_MISMATCH, "account form shown to another session"));
        }
        Ok(f)
    }
}

/// A name as typed: trimmed, control characters dropped, at most [`MAX_NAME_CHARS`].
pub fn clean_name(name: &str) -> Option<String> {
    let n: String = name.chars().filter(|c| !c.is_control()).collect();
    let n: String = n.trim().chars().take(MAX_NAME_CHARS).collect();
    (!n.is_empty()).then_some(n)
}

/// The user's passkeys with their opened credentials.
fn passkeys_of<'a>(
    master: &MasterKey,
    all: &'a [Authenticator],
) -> Result<Vec<(&'a Authenticator, Passkey)>, SigilError> {
    all.iter()
        .filter(|a| a.kind == AuthenticatorKind::Passkey)
        .map(|a| {
            let broken = || SigilError::new(catalog::TOKEN_ISSUANCE_ERROR, format!("passkey {} does not open", a.id));
            let json =
                master.open(CREDENTIAL_AAD, a.secret_sealed.as_deref().unwrap_or_default()).map_err(|_| broken())?;
            Ok((a, serde_json::from_slice(&json).map_err(|_| broken())?))
        })
        .collect()
}

fn expired() -> SigilError {
    SigilError::new(catalog::INTERACTION_EXPIRED, "passkey ceremony expired or was altered")
}

fn open_state<S: for<'de> Deserialize<'de>>(c: &Ceremony, kind: CeremonyKind, now: UnixTime) -> Result<S, SigilError> {
    if c.kind != kind || c.exp <= now {
        return Err(expired());
    }
    serde_json::from_value(c.state.clone()).map_err(|_| expired())
}

/// §13.4.3: a challenge is good for one ceremony. One conditional insert in the store's proof
/// record (kept until the ceremony would have expired anyway): of two requests with the same
/// assertion, or the same form posted twice, exactly one passes.
pub async fn spend_challenge(ctx: &Context, c: &Ceremony, now: UnixTime) -> Result<(), SigilError> {
    let mut data = CHALLENGE_DOMAIN.to_vec();
    data.extend_from_slice(c.challenge.as_bytes());
    if ctx.store.use_dpop_proof(&sha256(&data), c.exp.max(now) + 1, now).await? {
        Ok(())
    } else {
        Err(SigilError::new(catalog::PASSKEY_CHALLENGE_USED, format!("passkey challenge {} already used", c.challenge)))
    }
}

fn internal(e: WebauthnError, what: &str) -> SigilError {
    SigilError::new(catalog::TOKEN_ISSUANCE_ERROR, format!("passkeys: {what}: {e}"))
}

/// The catalog entry of a `webauthn-rs` refusal (the library's reason stays in the log).
fn refusal(e: WebauthnError, registering: bool) -> SigilError {
    let entry: &'static ErrorEntry = match e {
        WebauthnError::InvalidRPOrigin => catalog::PASSKEY_ORIGIN_MISMATCH,
        WebauthnError::InvalidRPIDHash => catalog::PASSKEY_RP_ID_MISMATCH,
        WebauthnError::UserNotVerified => catalog::PASSKEY_USER_NOT_VERIFIED,
        WebauthnError::CredentialNotFound => catalog::PASSKEY_UNKNOWN,
        WebauthnError::MismatchedChallenge => catalog::PASSKEY_CHALLENGE_USED,
        _ if registering => catalog::PASSKEY_REGISTRATION_FAILED,
        _ => catalog::PASSKEY_ASSERTION_INVALID,
    };
    SigilError::new(entry, format!("webauthn: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_bounded_and_never_empty() {
        assert_eq!(clean_name("  Laptop \u{7}"), Some("Laptop".into()));
        assert_eq!(clean_name("   "), None);
        assert_eq!(clean_name(&"x".repeat(100)).unwrap().chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn library_refusals_map_to_their_catalog_codes() {
        let code = |e, r| refusal(e, r).entry.code;
        assert_eq!(code(WebauthnError::InvalidRPOrigin, false), catalog::PASSKEY_ORIGIN_MISMATCH.code);
        assert_eq!(code(WebauthnError::InvalidRPIDHash, false), catalog::PASSKEY_RP_ID_MISMATCH.code);
        assert_eq!(code(WebauthnError::UserNotVerified, false), catalog::PASSKEY_USER_NOT_VERIFIED.code);
        assert_eq!(code(WebauthnError::InvalidClientDataType, false), catalog::PASSKEY_ASSERTION_INVALID.code);
        assert_eq!(code(WebauthnError::InvalidClientDataType, true), catalog::PASSKEY_REGISTRATION_FAILED.code);
    }

    #[test]
    fn an_expired_or_other_ceremony_is_refused() {
        let c =
            Ceremony { kind: CeremonyKind::Register, state: serde_json::json!({}), challenge: "x".into(), exp: 100 };
        let e = open_state::<serde_json::Value>(&c, CeremonyKind::Discoverable, 50).unwrap_err();
        assert_eq!(e.entry.code, catalog::INTERACTION_EXPIRED.code);
        assert!(open_state::<serde_json::Value>(&c, CeremonyKind::Register, 100).is_err());
        assert!(open_state::<serde_json::Value>(&c, CeremonyKind::Register, 99).is_ok());
    }
}
