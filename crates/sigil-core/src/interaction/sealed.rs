//! The stateless interaction between the authorization endpoint and its forms: the pending request
//! is sealed (AES-GCM under the master key, with an expiry) into a hidden form field, bound to the
//! form it was issued for and, for consent, to the session it was shown to. The anti-forgery token
//! is a MAC over that field and the browser's CSRF cookie (SameSite=Lax), so a cross-site POST
//! cannot carry it and a form cannot be replayed from another browser.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::catalog;
use crate::clock::UnixTime;
use crate::crypto::{MasterKey, b64url, b64url_decode, ct_eq};
use crate::error::SigilError;
use crate::model::Session;
use crate::rng::Rng;

use super::PendingRequest;
use super::session::sid;

/// How long a sign-in form stays valid.
pub const INTERACTION_TTL: i64 = 900;

/// AES-GCM associated data of sealed interactions (v3: the pending request is tagged by kind).
const INTERACTION_AAD: &[u8] = b"sigil/interaction/v3";

/// A CSRF cookie shorter than this was not made by Sigil and is replaced.
const MIN_CSRF_COOKIE_LEN: usize = 32;

/// The form a sealed interaction was issued for. A form is accepted only by its own handler, so the
/// sign-in form's fields cannot stand in for a consent (and skip `prompt=login`, OIDC Core §3.1.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormStep {
    Signin,
    Consent,
    /// The second-factor step (a TOTP or recovery code).
    Factor,
    /// TOTP enrollment: the new secret travels sealed in the form until a first code confirms it.
    Enroll,
    /// The page showing the recovery codes once; its button continues the interaction.
    EnrollDone,
    /// Issue 21: "Stay signed in?" after an interactive sign-in.
    StaySignedIn,
    /// The passkey second-factor step (WebAuthn assertion against the user's passkeys).
    Passkey,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    pub tenant: Uuid,
    pub exp: UnixTime,
    pub step: FormStep,
    /// Consent: the `sid` of the session the page was shown to; another session cannot submit it.
    pub sid: Option<String>,
    /// Consent: that session was created by this interaction's own sign-in form, so it counts as
    /// the fresh authentication `prompt=login` / `max_age` asked for.
    pub fresh: bool,
    pub pending: PendingRequest,
    /// Enrollment: the new TOTP secret (base32), sealed with the rest until it is confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enroll_secret: Option<String>,
    /// A WebAuthn ceremony the page runs (the sign-in page's passkey autofill, the passkey step):
    /// its state and challenge, sealed with the rest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passkey: Option<crate::factor::passkey::Ceremony>,
}

impl Sealed {
    /// The sign-in form's interaction.
    pub fn signin(tenant: Uuid, now: UnixTime, pending: &PendingRequest) -> Self {
        Self {
            tenant,
            exp: now + INTERACTION_TTL,
            step: FormStep::Signin,
            sid: None,
            fresh: false,
            pending: pending.clone(),
            enroll_secret: None,
            passkey: None,
        }
    }

    /// The consent form's interaction, bound to the session it is shown to.
    pub fn consent(tenant: Uuid, now: UnixTime, pending: &PendingRequest, session: &Session, fresh: bool) -> Self {
        Self {
            tenant,
            exp: now + INTERACTION_TTL,
            step: FormStep::Consent,
            sid: Some(sid(&session.hash)),
            fresh,
            pending: pending.clone(),
            enroll_secret: None,
            passkey: None,
        }
    }

    /// A further-factor form (`Factor`, `Enroll`, `EnrollDone`), bound to the session it is shown
    /// to like consent, and carrying whether that session is this interaction's fresh sign-in.
    pub fn factor(
        tenant: Uuid,
        now: UnixTime,
        pending: &PendingRequest,
        session: &Session,
        fresh: bool,
        step: FormStep,
    ) -> Self {
        Self { step, ..Self::consent(tenant, now, pending, session, fresh) }
    }

    pub fn seal(&self, master: &MasterKey, rng: &dyn Rng) -> String {
        let json = serde_json::to_vec(self).expect("interaction serializes");
        b64url(&master.seal(rng, INTERACTION_AAD, &json))
    }

    /// Checks the anti-forgery token (against the CSRF cookie and the sealed field), then opens the
    /// interaction: it must be this tenant's, unexpired, and issued for `step`.
    pub fn open_form(
        master: &MasterKey,
        now: UnixTime,
        tenant: Uuid,
        form: FormAnswer<'_>,
        step: FormStep,
    ) -> Result<Self, SigilError> {
        check_csrf(master, form.csrf_cookie, form.interaction, form.csrf_token)?;
        let expired = || SigilError::new(catalog::INTERACTION_EXPIRED, "sign-in form expired or was altered");
        let sealed = b64url_decode(form.interaction).ok_or_else(expired)?;
        let json = master.open(INTERACTION_AAD, &sealed).map_err(|_| expired())?;
        let i: Self = serde_json::from_slice(&json).map_err(|_| expired())?;
        if i.tenant != tenant || i.exp <= now {
            return Err(expired());
        }
        if i.step != step {
            return Err(SigilError::new(
                catalog::INTERACTION_MISMATCH,
                format!("a {:?} form was posted to the {step:?} step", i.step),
            ));
        }
        Ok(i)
    }

    /// The consent and further-factor forms answer for the session they were shown to.
    pub fn check_session(&self, session: &Session) -> Result<(), SigilError> {
        if self.sid.as_deref() != Some(sid(&session.hash).as_str()) {
            return Err(SigilError::new(catalog::INTERACTION_MISMATCH, "form shown to another session"));
        }
        Ok(())
    }
}

/// What a posted form carries for [`Sealed::open_form`].
#[derive(Debug, Clone, Copy)]
pub struct FormAnswer<'a> {
    /// The browser's CSRF cookie, if it sent one.
    pub csrf_cookie: Option<&'a str>,
    pub interaction: &'a str,
    pub csrf_token: &'a str,
}

/// The anti-forgery token of a form bound to `bound_to` (the sealed interaction, or what a form
/// without one is for) for the browser whose CSRF cookie is `cookie_value`.
pub fn csrf_token(master: &MasterKey, cookie_value: &str, bound_to: &str) -> String {
    let mut data = cookie_value.as_bytes().to_vec();
    data.push(b'|');
    data.extend_from_slice(bound_to.as_bytes());
    b64url(&master.csrf_mac(&data))
}

/// The CSRF cookie value to keep, or `None` when the browser has no usable one and needs a new one.
pub fn usable_csrf_cookie(cookie_value: Option<&str>) -> Option<&str> {
    cookie_value.filter(|c| c.len() >= MIN_CSRF_COOKIE_LEN)
}

/// Checks a posted anti-forgery token against the CSRF cookie and what the form is bound to.
pub fn check_csrf(
    master: &MasterKey,
    cookie_value: Option<&str>,
    bound_to: &str,
    given: &str,
) -> Result<(), SigilError> {
    let cookie_value = cookie_value.unwrap_or("");
    let expected = csrf_token(master, cookie_value, bound_to);
    if cookie_value.is_empty() || !ct_eq(expected.as_bytes(), given.as_bytes()) {
        return Err(SigilError::new(
            catalog::INVALID_CSRF_TOKEN,
            "anti-forgery token missing or does not match the cookie",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authorize::{AuthorizeRequest, ResponseMode};
    use crate::clock::{Clock, ManualClock};
    use crate::rng::SystemRng;

    const COOKIE: &str = "0123456789abcdef0123456789abcdef-csrf";

    fn pending() -> PendingRequest {
        PendingRequest::Authorize(Box::new(AuthorizeRequest {
            client_id: "app".into(),
            redirect_uri: "https://app.example/cb".into(),
            response_mode: ResponseMode::Query,
            scope: "openid".into(),
            state: Some("s".into()),
            nonce: None,
            code_challenge: None,
            code_challenge_method: None,
            prompt: vec!["login".into()],
            login_hint: None,
            max_age: None,
            ui_locales: None,
            dpop_jkt: None,
            code_lifetime: None,
            untrusted_redirect: false,
            acr_values: vec![],
        }))
    }

    fn session(byte: u8) -> Session {
        Session {
            hash: vec![byte; 32],
            tenant_id: Uuid::nil(),
            user_id: Uuid::nil(),
            auth_time: 0,
            expires_at: i64::MAX,
            amr: "pwd".into(),
            persistent: None,
        }
    }

    fn post(master: &MasterKey, sealed: &str, now: i64, step: FormStep) -> Result<Sealed, SigilError> {
        let token = csrf_token(master, COOKIE, sealed);
        let form = FormAnswer { csrf_cookie: Some(COOKIE), interaction: sealed, csrf_token: &token };
        Sealed::open_form(master, now, Uuid::nil(), form, step)
    }

    #[test]
    fn a_sealed_interaction_opens_only_at_its_step_for_its_tenant_before_expiry() {
        let master = MasterKey::from_bytes(&[9; 32]).unwrap();
        let clock = ManualClock::new(1_800_000_000);
        let i = Sealed::signin(Uuid::nil(), clock.now(), &pending());
        let sealed = i.seal(&master, &SystemRng);
        assert_eq!(post(&master, &sealed, clock.now(), FormStep::Signin).unwrap(), i);
        // Step binding: a sign-in form posted to the consent handler.
        let e = post(&master, &sealed, clock.now(), FormStep::Consent).unwrap_err();
        assert_eq!(e.entry.code, catalog::INTERACTION_MISMATCH.code);
        // Another tenant.
        let token = csrf_token(&master, COOKIE, &sealed);
        let form = FormAnswer { csrf_cookie: Some(COOKIE), interaction: &sealed, csrf_token: &token };
        let e = Sealed::open_form(&master, clock.now(), Uuid::from_u128(1), form, FormStep::Signin).unwrap_err();
        assert_eq!(e.entry.code, catalog::INTERACTION_EXPIRED.code);
        // Expiry: valid for INTERACTION_TTL seconds.
        clock.advance(INTERACTION_TTL - 1);
        assert!(post(&master, &sealed, clock.now(), FormStep::Signin).is_ok());
        clock.advance(1);
        let e = post(&master, &sealed, clock.now(), FormStep::Signin).unwrap_err();
        assert_eq!(e.entry.code, catalog::INTERACTION_EXPIRED.code);
    }

    #[test]
    fn a_tampered_interaction_or_token_is_refused() {
        let master = MasterKey::from_bytes(&[9; 32]).unwrap();
        let now = 1_800_000_000;
        let sealed = Sealed::signin(Uuid::nil(), now, &pending()).seal(&master, &SystemRng);
        let mut raw = b64url_decode(&sealed).unwrap();
        let last = raw.len() - 1;
        raw[last] ^= 1;
        let e = post(&master, &b64url(&raw), now, FormStep::Signin).unwrap_err();
        assert_eq!(e.entry.code, catalog::INTERACTION_EXPIRED.code);
        // Another key's seal.
        let other = MasterKey::from_bytes(&[8; 32]).unwrap();
        let foreign = Sealed::signin(Uuid::nil(), now, &pending()).seal(&other, &SystemRng);
        assert_eq!(
            post(&master, &foreign, now, FormStep::Signin).unwrap_err().entry.code,
            catalog::INTERACTION_EXPIRED.code
        );
        // The anti-forgery token is bound to the cookie and to the field.
        let token = csrf_token(&master, COOKIE, &sealed);
        for (cookie, token) in
            [(None, token.as_str()), (Some("another-cookie-value-another-cookie"), &token), (Some(COOKIE), "x")]
        {
            let form = FormAnswer { csrf_cookie: cookie, interaction: &sealed, csrf_token: token };
            let e = Sealed::open_form(&master, now, Uuid::nil(), form, FormStep::Signin).unwrap_err();
            assert_eq!(e.entry.code, catalog::INVALID_CSRF_TOKEN.code);
        }
        assert_eq!(usable_csrf_cookie(Some("short")), None);
        assert_eq!(usable_csrf_cookie(Some(COOKIE)), Some(COOKIE));
    }

    #[test]
    fn a_consent_form_answers_only_for_the_session_it_was_shown_to() {
        let i = Sealed::consent(Uuid::nil(), 0, &pending(), &session(1), true);
        assert!(i.fresh);
        assert!(i.check_session(&session(1)).is_ok());
        assert_eq!(i.check_session(&session(2)).unwrap_err().entry.code, catalog::INTERACTION_MISMATCH.code);
        // A sign-in form is bound to no session.
        let s = Sealed::signin(Uuid::nil(), 0, &pending());
        assert_eq!(s.check_session(&session(1)).unwrap_err().entry.code, catalog::INTERACTION_MISMATCH.code);
    }
}
