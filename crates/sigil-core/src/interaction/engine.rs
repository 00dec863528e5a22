//! The interaction's decision: one function, [`next_step`], from the pending request and what is
//! known to the next step. States and transitions (docs/arch-notes/engine.md):
//!
//! ```text
//! pending ──► SignIn ──(credentials)──► [FurtherFactor | EnrollFactor] ──► Consent ──(accept)──► Complete
//!    │           ▲                                            │
//!    └───────────┴── (session satisfies the request) ─────────┴──(consent covers)──► Complete
//! any step under prompt=none that would show a page ──► Error (login_required / 50076 / 50079 /
//! consent_required)
//! ```
use uuid::Uuid;

use crate::catalog;
use crate::clock::UnixTime;
use crate::context::Context;
use crate::error::SigilError;
use crate::factor::{self, MfaNeed};
use crate::grant::{NewCode, mint_code};
use crate::model::{AuthenticatorKind, Session, User};

use super::{PendingRequest, consent, session};

/// How a user can sign in at the sign-in step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInMethod {
    Password,
}

/// A second factor after the first sign-in step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Factor {
    /// RFC 6238 TOTP (an authenticator app), or one of the user's recovery codes.
    Totp,
    /// A WebAuthn passkey (`factor/passkey.rs`); the page also offers TOTP when it is enrolled.
    Passkey,
}

impl Factor {
    /// The factor that verifies an enrolled authenticator of this kind.
    pub fn of(kind: AuthenticatorKind) -> Self {
        match kind {
            AuthenticatorKind::Totp => Factor::Totp,
            AuthenticatorKind::Passkey => Factor::Passkey,
        }
    }

    /// The factor asked for first: a passkey when the user has one (phishing-resistant, one
    /// touch), else the first enrolled kind.
    pub fn preferred(enrolled: &[AuthenticatorKind]) -> Option<Self> {
        if enrolled.contains(&AuthenticatorKind::Passkey) {
            return Some(Factor::Passkey);
        }
        enrolled.first().copied().map(Factor::of)
    }
}

/// Why the sign-in step is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInReason {
    /// No session, or one the request does not accept (`prompt=login`, `max_age`).
    Required,
    /// The session's user is gone or disabled, or the session ended while a form was open.
    SessionLost,
}

/// The next step of an interaction.
#[derive(Debug)]
pub enum Step {
    SignIn {
        methods: Vec<SignInMethod>,
        login_hint: Option<String>,
        reason: SignInReason,
    },
    /// A second factor the user has enrolled.
    FurtherFactor {
        factor: Factor,
    },
    /// A second factor is required and the user has none: set one up now (Entra's 50079 at the
    /// next sign-in), then it counts as the second factor of this sign-in.
    EnrollFactor {
        factor: Factor,
    },
    /// Issue 21, Entra's "Stay signed in?": asked once after an interactive sign-in when the
    /// tenant's `session.stay_signed_in` is `ask`.
    StaySignedIn,
    /// The user is asked to allow these items (scope tokens).
    Consent {
        items: Vec<String>,
    },
    /// Everything is satisfied: the pending request completes (for `Authorize`: a code).
    Complete,
    /// OIDC Core §3.1.2.6: a page would be needed under `prompt=none`.
    Error(SigilError),
}

/// What is known when deciding.
#[derive(Debug, Clone, Copy, Default)]
pub struct Known<'a> {
    /// The browser's live session for this tenant.
    pub session: Option<&'a Session>,
    /// The session's user, when it was looked up.
    pub user: Option<&'a User>,
    /// The consent the user remembered for this client.
    pub granted: Option<&'a [String]>,
    /// The session was just made by this interaction's own sign-in form.
    pub fresh_signin: bool,
    /// The user just accepted this interaction's consent form.
    pub just_consented: bool,
    /// A second factor is required for this sign-in (`factor::needed`).
    pub mfa: Option<&'a MfaNeed>,
    /// The tenant asks "Stay signed in?" after an interactive sign-in.
    pub ask_stay_signed_in: bool,
}

/// The one decision. OIDC Core §3.1.2.1 (`prompt`, `max_age`) and §3.1.2.4 (consent).
pub fn next_step(p: &PendingRequest, k: &Known<'_>, now: UnixTime) -> Step {
    let usable = k.session.filter(|s| session::satisfies(p, s, k.fresh_signin, now));
    if usable.is_none() {
        if p.has_prompt("none") {
            let why = match k.session {
                None => "prompt=none without a session",
                Some(_) => "prompt=none but max_age requires a new sign-in",
            };
            return Step::Error(SigilError::new(catalog::LOGIN_REQUIRED, why).suberror("login_required"));
        }
        return Step::SignIn {
            methods: vec![SignInMethod::Password],
            login_hint: p.login_hint().map(str::to_string),
            reason: SignInReason::Required,
        };
    }
    let Some(user) = k.user.filter(|u| u.enabled) else { return session_lost() };
    if let (Some(need), Some(s)) = (k.mfa, usable)
        && !factor::has_mfa(&s.amr)
    {
        return further_factor(p, user, need);
    }
    // Only after this interaction's own sign-in (never under prompt=none, which cannot sign in),
    // and once: the answer is kept on the session.
    if k.ask_stay_signed_in && k.fresh_signin && usable.is_some_and(|s| s.persistent.is_none()) {
        return Step::StaySignedIn;
    }
    let items = consent::items(p.scope());
    let covered = consent::covers(k.granted.unwrap_or(&[]), &items);
    if !k.just_consented && (p.has_prompt("consent") || !covered) {
        if p.has_prompt("none") {
            return Step::Error(
                SigilError::new(
                    catalog::CONSENT_REQUIRED,
                    format!("user {} has not consented to '{}'", user.username, p.scope()),
                )
                .suberror("consent_required"),
            );
        }
        return Step::Consent { items };
    }
    Step::Complete
}

/// The session's sign-in lacks the second factor a rule asks for: ask for it, or for enrollment.
/// Under `prompt=none`, Entra's 50076 / 50079 with `interaction_required` and suberror
/// `basic_action` (OIDC Core §3.1.2.6; MSAL starts an interactive sign-in).
fn further_factor(p: &PendingRequest, user: &User, need: &MfaNeed) -> Step {
    let first = Factor::preferred(&need.enrolled);
    if p.has_prompt("none") {
        let (entry, what) = match first {
            Some(_) => (catalog::MFA_REQUIRED, "a second factor"),
            None => (catalog::MFA_ENROLLMENT_REQUIRED, "enrollment of a second factor"),
        };
        let why = format!("prompt=none but {what} is needed for {}: {}", user.username, need.reason.describe());
        return Step::Error(SigilError::new(entry, why).suberror("basic_action"));
    }
    match first {
        Some(factor) => Step::FurtherFactor { factor },
        None => Step::EnrollFactor { factor: Factor::Totp },
    }
}

/// The sign-in step without a hint: the session the interaction relied on is gone.
pub fn session_lost() -> Step {
    Step::SignIn { methods: vec![SignInMethod::Password], login_hint: None, reason: SignInReason::SessionLost }
}

/// The decided step with what it was decided from.
#[derive(Debug)]
pub struct Outcome {
    pub step: Step,
    pub session: Option<Session>,
    /// The session's user, when the session satisfied the request and the user exists.
    pub user: Option<User>,
    pub fresh_signin: bool,
    /// Why a second factor is asked for, when it is.
    pub mfa: Option<MfaNeed>,
    /// How the sign-in's device and network compared, when an unfamiliar-sign-in rule applied.
    pub familiarity: Option<factor::unfamiliar::Familiarity>,
}

/// Loads what [`next_step`] needs (the session's user, then the remembered consent, each only
/// when the step before allows getting that far) and decides.
pub async fn decide(
    ctx: &Context,
    tenant: Uuid,
    p: &PendingRequest,
    session: Option<Session>,
    fresh_signin: bool,
    just_consented: bool,
    signals: &factor::unfamiliar::Signals,
) -> Result<Outcome, SigilError> {
    let now = ctx.clock.now();
    let mut user = None;
    let mut granted = None;
    let mut mfa = None;
    let mut familiarity = None;
    if let Some(s) = session.as_ref().filter(|s| session::satisfies(p, s, fresh_signin, now)) {
        user = ctx.store.user_by_id(tenant, s.user_id).await?;
        if let Some(u) = user.as_ref().filter(|u| u.enabled) {
            let directory = ctx.directory.get();
            if !factor::has_mfa(&s.amr)
                && let Some(view) = directory.tenant(&tenant.to_string())
            {
                let check = factor::needed(ctx, view, p.client_id(), p.acr_values(), u, Some(signals)).await?;
                (mfa, familiarity) = (check.need, check.familiarity);
            }
            granted = Some(ctx.store.consent(tenant, u.id, p.client_id()).await?.unwrap_or_default());
        }
    }
    let ask_stay_signed_in = ctx
        .directory
        .get()
        .tenant(&tenant.to_string())
        .is_some_and(|v| v.tenant.session.stay_signed_in == crate::model::StaySignedIn::Ask);
    let known = Known {
        session: session.as_ref(),
        user: user.as_ref(),
        granted: granted.as_deref(),
        fresh_signin,
        just_consented,
        mfa: mfa.as_ref(),
        ask_stay_signed_in,
    };
    let step = next_step(p, &known, now);
    Ok(Outcome { step, session, user, fresh_signin, mfa, familiarity })
}

/// The `Complete` step of an authorization request: a code bound to the user and the session
/// (RFC 6749 §4.1.2, OIDC Core §3.1.3.6 `auth_time`, `sid`).
pub async fn issue_code(
    ctx: &Context,
    tenant: Uuid,
    req: &crate::authorize::AuthorizeRequest,
    user: &User,
    session: &Session,
) -> Result<String, SigilError> {
    mint_code(
        ctx,
        NewCode {
            tenant_id: tenant,
            client_id: &req.client_id,
            user_id: user.id,
            redirect_uri: &req.redirect_uri,
            scope: &req.scope,
            nonce: req.nonce.as_deref(),
            code_challenge: req.code_challenge.as_deref(),
            code_challenge_method: req.code_challenge_method.as_deref(),
            auth_time: session.auth_time,
            session_id: Some(&session::sid(&session.hash)),
            dpop_jkt: req.dpop_jkt.as_deref(),
            max_lifetime: req.code_lifetime,
            amr: &session.amr,
        },
    )
    .await
}

/// The `Complete` step of a device authorization (RFC 8628 §3.3): the device code is approved for
/// the user and the session in one store statement; `false` there means it expired or was decided
/// meanwhile.
pub async fn approve_device(
    ctx: &Context,
    tenant: Uuid,
    req: &super::DeviceRequest,
    user: &User,
    session: &Session,
) -> Result<(), SigilError> {
    let hash = user_code_hash(req)?;
    let sid = session::sid(&session.hash);
    let approved = ctx
        .store
        .approve_device(&crate::store::DeviceApproval {
            user_code_hash: &hash,
            tenant_id: tenant,
            user_id: user.id,
            scope: &req.scope,
            auth_time: session.auth_time,
            session_id: Some(&sid),
            now: ctx.clock.now(),
            amr: &session.amr,
        })
        .await?;
    if approved { Ok(()) } else { Err(stale_user_code()) }
}

/// The user declined the consent page: the refusal to show, and for a device authorization the
/// device code denied (RFC 8628 §3.5 access_denied at the device's next poll).
pub async fn decline(ctx: &Context, tenant: Uuid, p: &PendingRequest) -> SigilError {
    let PendingRequest::DeviceAuthorization(d) = p else { return consent::declined() };
    let denied = match user_code_hash(d) {
        Ok(hash) => ctx.store.deny_device(tenant, &hash, ctx.clock.now()).await.map_err(SigilError::from),
        Err(e) => Err(e),
    };
    match denied {
        Ok(true) => SigilError::new(catalog::DEVICE_AUTHORIZATION_DECLINED, "the user declined the device"),
        Ok(false) => stale_user_code(),
        Err(e) => e,
    }
}

fn user_code_hash(d: &super::DeviceRequest) -> Result<Vec<u8>, SigilError> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(&d.user_code_hash)
        .map_err(|_| SigilError::new(catalog::INTERACTION_EXPIRED, "sealed user code hash is not base64url"))
}

fn stale_user_code() -> SigilError {
    SigilError::new(catalog::BAD_VERIFICATION_CODE, "device code expired or already approved or denied")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authorize::{AuthorizeRequest, ResponseMode};
    use crate::clock::{Clock, ManualClock};
    use crate::model::UserProfile;

    const T0: i64 = 1_800_000_000;

    fn pending(prompt: &str, max_age: Option<i64>) -> PendingRequest {
        PendingRequest::Authorize(Box::new(AuthorizeRequest {
            client_id: "app".into(),
            redirect_uri: "https://app.example/cb".into(),
            response_mode: ResponseMode::Query,
            scope: "openid profile".into(),
            state: None,
            nonce: None,
            code_challenge: None,
            code_challenge_method: None,
            prompt: prompt.split(' ').filter(|p| !p.is_empty()).map(str::to_string).collect(),
            login_hint: Some("alice".into()),
            max_age,
            ui_locales: None,
            dpop_jkt: None,
            code_lifetime: None,
            untrusted_redirect: false,
            acr_values: vec![],
        }))
    }

    fn session(auth_time: i64) -> Session {
        Session {
            hash: vec![7; 32],
            tenant_id: Uuid::nil(),
            user_id: Uuid::nil(),
            auth_time,
            expires_at: auth_time + 3600,
            amr: "pwd".into(),
            persistent: None,
        }
    }

    fn user(enabled: bool) -> User {
        User {
            id: Uuid::nil(),
            tenant_id: Uuid::nil(),
            username: "alice".into(),
            display_name: "Alice".into(),
            email: None,
            email_verified: false,
            profile: UserProfile::default(),
            updated_at: None,
            enabled,
            password_hash: String::new(),
        }
    }

    fn all() -> Vec<String> {
        vec!["openid".into(), "profile".into()]
    }

    /// Decides with a session signed in at `auth_time`, its enabled user, and `granted`.
    fn with_session(p: &PendingRequest, auth_time: i64, granted: &[String], now: i64) -> Step {
        let (s, u) = (session(auth_time), user(true));
        next_step(p, &Known { session: Some(&s), user: Some(&u), granted: Some(granted), ..Known::default() }, now)
    }

    fn code(step: &Step) -> u32 {
        match step {
            Step::Error(e) => e.entry.code,
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn without_a_session_the_user_signs_in_with_the_hint_unless_prompt_none() {
        let clock = ManualClock::new(T0);
        for prompt in ["", "login", "consent", "select_account", "login consent"] {
            match next_step(&pending(prompt, None), &Known::default(), clock.now()) {
                Step::SignIn { methods, login_hint, reason } => {
                    assert_eq!(methods, vec![SignInMethod::Password]);
                    assert_eq!(login_hint.as_deref(), Some("alice"));
                    assert_eq!(reason, SignInReason::Required);
                }
                other => panic!("prompt '{prompt}': {other:?}"),
            }
        }
        let e = next_step(&pending("none", None), &Known::default(), clock.now());
        assert_eq!(code(&e), catalog::LOGIN_REQUIRED.code);
        let Step::Error(e) = e else { unreachable!() };
        assert_eq!(e.suberror, Some("login_required"));
    }

    #[test]
    fn a_satisfying_session_with_remembered_consent_completes() {
        let clock = ManualClock::new(T0);
        clock.advance(60);
        assert!(matches!(with_session(&pending("", None), T0, &all(), clock.now()), Step::Complete));
        assert!(matches!(with_session(&pending("none", None), T0, &all(), clock.now()), Step::Complete));
    }

    #[test]
    fn prompt_login_and_select_account_ask_for_a_new_sign_in_unless_just_signed_in() {
        let now = ManualClock::new(T0 + 5).now();
        for prompt in ["login", "select_account", "login consent"] {
            let p = pending(prompt, None);
            assert!(matches!(with_session(&p, T0, &all(), now), Step::SignIn { .. }), "{prompt}");
            let (s, u) = (session(T0), user(true));
            let g = all();
            let fresh =
                Known { session: Some(&s), user: Some(&u), granted: Some(&g), fresh_signin: true, ..Known::default() };
            let step = next_step(&p, &fresh, now);
            if prompt.contains("consent") {
                assert!(matches!(step, Step::Consent { .. }), "{prompt}: {step:?}");
            } else {
                assert!(matches!(step, Step::Complete), "{prompt}: {step:?}");
            }
        }
    }

    #[test]
    fn max_age_zero_older_and_younger() {
        let clock = ManualClock::new(T0);
        clock.advance(100);
        let now = clock.now();
        // 0: always a new sign-in; a session this interaction just made is that sign-in.
        assert!(matches!(with_session(&pending("", Some(0)), now, &all(), now), Step::SignIn { .. }));
        let (s, u, g) = (session(now), user(true), all());
        let fresh =
            Known { session: Some(&s), user: Some(&u), granted: Some(&g), fresh_signin: true, ..Known::default() };
        assert!(matches!(next_step(&pending("", Some(0)), &fresh, now), Step::Complete));
        // Signed in 100 s ago: older than 100 (boundary included) and 50, younger than 101.
        assert!(matches!(with_session(&pending("", Some(100)), T0, &all(), now), Step::SignIn { .. }));
        assert!(matches!(with_session(&pending("", Some(50)), T0, &all(), now), Step::SignIn { .. }));
        assert!(matches!(with_session(&pending("", Some(101)), T0, &all(), now), Step::Complete));
        // Under prompt=none a too-old session is login_required, not a page.
        assert_eq!(code(&with_session(&pending("none", Some(50)), T0, &all(), now)), catalog::LOGIN_REQUIRED.code);
    }

    #[test]
    fn consent_remembered_missing_forced_and_withdrawn() {
        let now = ManualClock::new(T0 + 1).now();
        let p = pending("", None);
        // Remembered and covering: no page.
        assert!(matches!(with_session(&p, T0, &all(), now), Step::Complete));
        // Covering only part of the request, or withdrawn (nothing remembered): ask.
        match with_session(&p, T0, &["openid".into()], now) {
            Step::Consent { items } => assert_eq!(items, all()),
            other => panic!("{other:?}"),
        }
        assert!(matches!(with_session(&p, T0, &[], now), Step::Consent { .. }));
        // prompt=consent asks even when remembered; not again right after the user accepted.
        assert!(matches!(with_session(&pending("consent", None), T0, &all(), now), Step::Consent { .. }));
        let (s, u) = (session(T0), user(true));
        let answered =
            Known { session: Some(&s), user: Some(&u), granted: Some(&[]), just_consented: true, ..Known::default() };
        assert!(matches!(next_step(&pending("consent", None), &answered, now), Step::Complete));
        // prompt=none cannot show the page.
        let e = with_session(&pending("none", None), T0, &[], now);
        assert_eq!(code(&e), catalog::CONSENT_REQUIRED.code);
    }

    /// RFC 8628 §5.4: a device authorization always asks (a remembered consent does not approve a
    /// code someone else may have sent), then completes once the user accepted.
    #[test]
    fn a_device_authorization_always_shows_consent() {
        let now = ManualClock::new(T0 + 1).now();
        let p = PendingRequest::DeviceAuthorization(super::super::DeviceRequest {
            user_code_hash: "aGFzaA".into(),
            client_id: "app".into(),
            scope: "openid profile".into(),
            ui_locales: None,
        });
        assert!(matches!(with_session(&p, T0, &all(), now), Step::Consent { .. }));
        let (s, u) = (session(T0), user(true));
        let answered =
            Known { session: Some(&s), user: Some(&u), granted: Some(&[]), just_consented: true, ..Known::default() };
        assert!(matches!(next_step(&p, &answered, now), Step::Complete));
        assert!(matches!(next_step(&p, &Known::default(), now), Step::SignIn { login_hint: None, .. }));
    }

    #[test]
    fn a_session_whose_user_is_gone_or_disabled_signs_in_again_without_the_hint() {
        let now = ManualClock::new(T0 + 1).now();
        let s = session(T0);
        let disabled = user(false);
        for u in [None, Some(&disabled)] {
            let step = next_step(&pending("", None), &Known { session: Some(&s), user: u, ..Known::default() }, now);
            assert!(
                matches!(step, Step::SignIn { login_hint: None, reason: SignInReason::SessionLost, .. }),
                "{step:?}"
            );
        }
    }

    /// Issue 21: a rule asking for a second factor, against a password-only session and one that
    /// already has it; enrollment when nothing is enrolled; `prompt=none` refused with Entra's codes.
    #[test]
    fn a_second_factor_is_asked_enrolled_or_refused_under_prompt_none() {
        use crate::factor::{MfaNeed, MfaReason};
        let now = ManualClock::new(T0 + 1).now();
        let (u, g) = (user(true), all());
        let enrolled = MfaNeed { reason: MfaReason::Requested, enrolled: vec![AuthenticatorKind::Totp] };
        let none = MfaNeed { reason: MfaReason::Group("admins".into()), enrolled: vec![] };
        let pwd = session(T0);
        let mfa = Session { amr: "pwd otp mfa".into(), ..session(T0) };
        let known = |s: &'_ Session, need: &'_ MfaNeed| -> Step {
            let k = Known { session: Some(s), user: Some(&u), granted: Some(&g), mfa: Some(need), ..Known::default() };
            next_step(&pending("", None), &k, now)
        };
        assert!(matches!(known(&pwd, &enrolled), Step::FurtherFactor { factor: Factor::Totp }));
        assert!(matches!(known(&pwd, &none), Step::EnrollFactor { factor: Factor::Totp }));
        assert!(matches!(known(&mfa, &enrolled), Step::Complete), "the session has its second factor");
        let both = MfaNeed {
            reason: MfaReason::Requested,
            enrolled: vec![AuthenticatorKind::Totp, AuthenticatorKind::Passkey],
        };
        assert!(matches!(known(&pwd, &both), Step::FurtherFactor { factor: Factor::Passkey }), "a passkey first");
        for (need, code) in [(&enrolled, catalog::MFA_REQUIRED.code), (&none, catalog::MFA_ENROLLMENT_REQUIRED.code)] {
            let k =
                Known { session: Some(&pwd), user: Some(&u), granted: Some(&g), mfa: Some(need), ..Known::default() };
            let Step::Error(e) = next_step(&pending("none", None), &k, now) else { panic!("prompt=none") };
            assert_eq!((e.entry.code, e.entry.error, e.suberror), (code, "interaction_required", Some("basic_action")));
        }
        // No rule: the password-only session completes.
        let k = Known { session: Some(&pwd), user: Some(&u), granted: Some(&g), ..Known::default() };
        assert!(matches!(next_step(&pending("", None), &k, now), Step::Complete));
    }

    /// Issue 21: "Stay signed in?" once, after this interaction's own sign-in (and its factors),
    /// before consent; never for a session the browser already had, nor once answered.
    #[test]
    fn stay_signed_in_is_asked_once_after_an_interactive_sign_in() {
        let now = ManualClock::new(T0 + 1).now();
        let (u, g) = (user(true), all());
        let ask = |s: &Session, fresh: bool| {
            let k = Known {
                session: Some(s),
                user: Some(&u),
                granted: Some(&g),
                fresh_signin: fresh,
                ask_stay_signed_in: true,
                ..Known::default()
            };
            next_step(&pending("", None), &k, now)
        };
        assert!(matches!(ask(&session(T0), true), Step::StaySignedIn));
        assert!(matches!(ask(&session(T0), false), Step::Complete), "an existing session is not asked");
        let answered = Session { persistent: Some(false), ..session(T0) };
        assert!(matches!(ask(&answered, true), Step::Complete), "answered once");
        let need = MfaNeed { reason: crate::factor::MfaReason::Tenant, enrolled: vec![AuthenticatorKind::Totp] };
        let pwd = session(T0);
        let k = Known {
            session: Some(&pwd),
            user: Some(&u),
            granted: Some(&g),
            fresh_signin: true,
            ask_stay_signed_in: true,
            mfa: Some(&need),
            ..Known::default()
        };
        assert!(matches!(next_step(&pending("", None), &k, now), Step::FurtherFactor { .. }), "factor first");
    }

    #[test]
    fn session_expiry_and_tenant() {
        let clock = ManualClock::new(T0);
        let s = session(T0);
        assert!(session::is_live(&s, Uuid::nil(), clock.now()));
        assert!(!session::is_live(&s, Uuid::from_u128(1), clock.now()));
        clock.advance(3599);
        assert!(session::is_live(&s, Uuid::nil(), clock.now()));
        clock.advance(1);
        assert!(!session::is_live(&s, Uuid::nil(), clock.now()));
    }
}
