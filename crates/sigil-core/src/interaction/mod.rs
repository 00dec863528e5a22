//! The sign-in interaction: from a pending request and what is known about the browser (session,
//! how and when it signed in, remembered consent), [`engine::next_step`] decides the one next step.
//! The HTTP crate only renders a step and parses the answer; every rule lives here.
//!
//! - [`engine`]: the steps and the decision, plus the driver that loads what the decision needs.
//! - [`sealed`]: the stateless interaction carried in the forms, bound to its step, its session
//!   and (through the anti-forgery token) the browser's CSRF cookie.
//! - [`session`]: browser sessions: liveness, `max_age` / `prompt=login`, the public `sid`.
//! - [`consent`]: what a user consents to, whether a remembered consent covers it.
pub mod consent;
pub mod engine;
pub mod sealed;
pub mod session;

use serde::{Deserialize, Serialize};

use crate::authorize::AuthorizeRequest;

pub use engine::{Known, Outcome, Step, next_step};
pub use sealed::{FormStep, Sealed};

/// What the interaction is for: the request that waits for the user. Each kind says how it
/// completes; the steps before (sign-in, further factor, consent) are the same for every kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PendingRequest {
    /// RFC 6749 §4.1.1 / OIDC Core §3.1.2: completes with a code sent to the redirect URI.
    Authorize(Box<AuthorizeRequest>),
    /// RFC 8628 §3.3: completes by approving the device code the user entered; its errors are pages.
    DeviceAuthorization(DeviceRequest),
    /// The self-service account page (issue 21), a built-in first-party application of every
    /// tenant: completes by returning to the page. No consent (`scope` is empty), no client.
    Account(AccountRequest),
}

/// A sign-in for the account page: where to return, and how fresh it must be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRequest {
    /// A path under `/{tenant}/account` (checked by `account::return_path` when made).
    pub return_to: String,
    /// OIDC Core §3.1.2.1 `max_age` for a change that needs a recent sign-in (removing a factor).
    pub max_age: Option<i64>,
    /// `urn:sigil:acr:mfa` when that change also needs the second factor again.
    pub acr_values: Vec<String>,
    /// The language chosen with the sign-in page's switcher; none: the browser's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ui_locales: Option<String>,
}

/// A device authorization the user is approving: found by the user code on the verification page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceRequest {
    /// SHA-256 of the normalized user code, base64url.
    pub user_code_hash: String,
    pub client_id: String,
    pub scope: String,
    /// The language the user chose on the interaction's pages (the language switcher).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ui_locales: Option<String>,
}

impl PendingRequest {
    pub fn client_id(&self) -> &str {
        match self {
            Self::Authorize(r) => &r.client_id,
            Self::DeviceAuthorization(d) => &d.client_id,
            Self::Account(_) => crate::account::ACCOUNT_CLIENT_ID,
        }
    }

    /// The normalized scope string the user is asked to consent to.
    pub fn scope(&self) -> &str {
        match self {
            Self::Authorize(r) => &r.scope,
            Self::DeviceAuthorization(d) => &d.scope,
            Self::Account(_) => "",
        }
    }

    /// OIDC Core §3.1.2.1 `prompt` values (validated: at most the four known ones, `none` alone).
    pub fn prompt(&self) -> &[String] {
        match self {
            Self::Authorize(r) => &r.prompt,
            Self::DeviceAuthorization(_) | Self::Account(_) => &[],
        }
    }

    /// A device authorization always shows the consent page (RFC 8628 §5.4: the user confirms which
    /// client the device code is for, so a code sent by someone else is not approved silently).
    pub fn has_prompt(&self, p: &str) -> bool {
        (matches!(self, Self::DeviceAuthorization(_)) && p == "consent") || self.prompt().iter().any(|x| x == p)
    }

    pub fn max_age(&self) -> Option<i64> {
        match self {
            Self::Authorize(r) => r.max_age,
            Self::DeviceAuthorization(_) => None,
            Self::Account(a) => a.max_age,
        }
    }

    pub fn login_hint(&self) -> Option<&str> {
        match self {
            Self::Authorize(r) => r.login_hint.as_deref(),
            Self::DeviceAuthorization(_) | Self::Account(_) => None,
        }
    }

    /// Where the answer goes, for the kinds that answer a client's redirect URI.
    pub fn redirect_uri(&self) -> Option<&str> {
        match self {
            Self::Authorize(r) => Some(&r.redirect_uri),
            Self::DeviceAuthorization(_) | Self::Account(_) => None,
        }
    }

    /// The authentication context classes asked for (OIDC Core §3.1.2.1 `acr_values`, §5.5.1.1).
    pub fn acr_values(&self) -> &[String] {
        match self {
            Self::Authorize(r) => &r.acr_values,
            Self::DeviceAuthorization(_) => &[],
            Self::Account(a) => &a.acr_values,
        }
    }

    pub fn ui_locales(&self) -> Option<&str> {
        match self {
            Self::Authorize(r) => r.ui_locales.as_deref(),
            Self::DeviceAuthorization(d) => d.ui_locales.as_deref(),
            Self::Account(a) => a.ui_locales.as_deref(),
        }
    }

    /// The language switcher: the chosen language replaces OIDC Core §3.1.2.1 `ui_locales` for
    /// the rest of the interaction (only a supported language; anything else changes nothing).
    pub fn choose_locale(&mut self, tag: &str) {
        let Some(l) = crate::i18n::supported(tag) else { return };
        match self {
            Self::Authorize(r) => r.ui_locales = Some(l.to_string()),
            Self::DeviceAuthorization(d) => d.ui_locales = Some(l.to_string()),
            Self::Account(a) => a.ui_locales = Some(l.to_string()),
        }
    }

    /// "Back to the application" may send the browser to the client's redirect URI only when the
    /// operator registered it (RFC 9700 §4.18, see [`AuthorizeRequest::untrusted_redirect`]).
    pub fn can_return_to_client(&self) -> bool {
        matches!(self, Self::Authorize(r) if !r.untrusted_redirect)
    }
}
