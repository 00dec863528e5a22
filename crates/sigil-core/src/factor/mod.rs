//! Second factors (issue 21): the authentication methods a sign-in used (RFC 8176 `amr`), the
//! authentication context class they reach (`acr`, docs/claims.md), and the policy that decides
//! whether a sign-in needs a second factor. One file per factor (`totp.rs`, `passkey.rs`), and
//! `recovery.rs` for the recovery codes that stand in for a lost authenticator.
use uuid::Uuid;

use crate::context::Context;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::model::{AuthenticatorKind, MfaPolicy, User};
use unfamiliar::{Familiarity, Signals};

pub mod passkey;
pub mod recovery;
pub mod step_up;
pub mod totp;
pub mod unfamiliar;

/// RFC 8176 §2 values Sigil issues: `pwd` (password), `otp` (a one-time password: TOTP or a
/// recovery code), `hwk` / `swk` (a passkey: hardware-bound, or backed up / synced), `user`
/// (the passkey's user verification: PIN or biometrics), `mfa` (more than one factor).
pub const AMR_VALUES: &[&str] = &["pwd", "otp", "hwk", "swk", "user", "mfa"];

/// The authentication context class of a password-only sign-in.
pub const ACR_PWD: &str = "urn:sigil:acr:pwd";
/// The class of a sign-in with a second factor; asking for it (`acr_values`, or the `claims`
/// parameter) forces the second factor (OIDC Core §3.1.2.1, §5.5.1.1).
pub const ACR_MFA: &str = "urn:sigil:acr:mfa";
/// The values discovery advertises (`acr_values_supported`).
pub const ACR_VALUES: &[&str] = &[ACR_PWD, ACR_MFA];

/// The methods of a session or grant, in order (stored space-separated).
pub fn amr_list(amr: &str) -> Vec<String> {
    amr.split(' ').filter(|v| !v.is_empty()).map(str::to_string).collect()
}

/// The sign-in used a second factor.
pub fn has_mfa(amr: &str) -> bool {
    amr.split(' ').any(|v| v == "mfa")
}

/// The methods after a further factor `method` (`otp`, or a passkey's `hwk user`) succeeded: the
/// first factor's, the new ones, and `mfa` (RFC 8176 §2: "multiple-factor authentication").
pub fn with_factor(amr: &str, method: &str) -> String {
    let mut v = amr_list(amr);
    for m in method.split(' ').filter(|m| !m.is_empty()).chain(["mfa"]) {
        if !v.iter().any(|x| x == m) {
            v.push(m.to_string());
        }
    }
    v.join(" ")
}

/// OIDC Core §2 `acr` from what the sign-in used; `None` when nothing is known (a grant made
/// before sign-in methods were recorded, a device-code grant).
pub fn acr_of(amr: &str) -> Option<&'static str> {
    if amr.is_empty() {
        None
    } else if has_mfa(amr) {
        Some(ACR_MFA)
    } else {
        Some(ACR_PWD)
    }
}

/// The classes a request asks for, among those Sigil knows (an unknown value is ignored: OIDC
/// Core §3.1.2.1 makes `acr_values` a voluntary request):
/// - `acr_values` (§3.1.2.1), space-separated;
/// - the `claims` parameter (§5.5): `id_token.acr` or `userinfo.acr` with `value` or `values`
///   (§5.5.1.1: asking for a specific `acr`);
/// - Entra's claims challenge, `access_token.acrs` naming an authentication context (`c1`…`c99`,
///   or Sigil's own classes): Sigil has one context, multi-factor, so any of them asks for
///   [`ACR_MFA`] (docs/claims.md).
///
/// A `claims` value that is not a JSON object is `invalid_request` (§5.5).
pub fn requested_acrs(acr_values: Option<&str>, claims: Option<&str>) -> Result<Vec<String>, SigilError> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |v: &str| {
        if ACR_VALUES.contains(&v) && !out.iter().any(|x| x == v) {
            out.push(v.to_string());
        }
    };
    for v in acr_values.unwrap_or("").split(' ').filter(|v| !v.is_empty()) {
        add(v);
    }
    if let Some(c) = claims {
        let bad = || {
            SigilError::new(crate::catalog::UNSUPPORTED_PARAMETER_VALUE, "claims is not a JSON object")
                .arg("param", "claims")
                .arg("value", crate::params::sanitize(c))
        };
        let json: serde_json::Value = serde_json::from_str(c).map_err(|_| bad())?;
        let obj = json.as_object().ok_or_else(bad)?;
        let values = |req: &serde_json::Value| -> Vec<String> {
            let mut v: Vec<String> =
                req.get("value").and_then(|x| x.as_str()).map(str::to_string).into_iter().collect();
            if let Some(a) = req.get("values").and_then(|x| x.as_array()) {
                v.extend(a.iter().filter_map(|x| x.as_str()).map(str::to_string));
            }
            v
        };
        for member in ["id_token", "userinfo"] {
            if let Some(req) = obj.get(member).and_then(|m| m.get("acr")) {
                for v in values(req) {
                    add(&v);
                }
            }
        }
        if let Some(req) = obj.get("access_token").and_then(|m| m.get("acrs")) {
            let contexts = values(req);
            if contexts.iter().any(|v| is_auth_context(v) || ACR_VALUES.contains(&v.as_str())) {
                add(ACR_MFA);
            }
        }
    }
    Ok(out)
}

/// Entra's authentication context ids: `c1` to `c99`.
fn is_auth_context(v: &str) -> bool {
    v.strip_prefix('c').and_then(|n| n.parse::<u8>().ok()).is_some_and(|n| (1..=99).contains(&n))
}

/// Why this sign-in needs a second factor (recorded in the sign-in log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MfaReason {
    /// The tenant's `mfa = "required"`.
    Tenant,
    /// The application's `require_mfa`.
    Application,
    /// The user is a member of a group with `require_mfa`.
    Group(String),
    /// The request asked for [`ACR_MFA`] (`acr_values`, or the `claims` parameter).
    Requested,
    /// An unfamiliar-sign-in policy applies (its source in words) and the device or network is
    /// new for the user (`unfamiliar`).
    Unfamiliar { by: String, signals: String },
}

impl MfaReason {
    pub fn describe(&self) -> String {
        match self {
            MfaReason::Tenant => "tenant policy requires MFA".into(),
            MfaReason::Application => "application requires MFA".into(),
            MfaReason::Group(g) => format!("member of group '{g}' which requires MFA"),
            MfaReason::Requested => format!("request asked for acr {ACR_MFA}"),
            MfaReason::Unfamiliar { by, signals } => format!("unfamiliar sign-in ({signals}) under {by}"),
        }
    }
}

/// A second factor is needed, and what the user has enrolled (empty: enrollment first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MfaNeed {
    pub reason: MfaReason,
    pub enrolled: Vec<AuthenticatorKind>,
}

/// The policy, without the store: tenant, then application, then the request's `acr_values`;
/// groups are [`needed`]'s (they need the user's memberships).
pub fn required_by(view: &TenantView, client_id: &str, acr_values: &[String]) -> Option<MfaReason> {
    if view.tenant.mfa == MfaPolicy::Required {
        return Some(MfaReason::Tenant);
    }
    if view.client(client_id).is_some_and(|c| c.require_mfa) {
        return Some(MfaReason::Application);
    }
    if acr_values.iter().any(|a| a == ACR_MFA) {
        return Some(MfaReason::Requested);
    }
    None
}

/// The outcome of the policy for one sign-in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MfaCheck {
    /// A second factor is needed, and why.
    pub need: Option<MfaNeed>,
    /// The unfamiliar-sign-in policy applied: how the signals compared (for the sign-in log).
    pub familiarity: Option<Familiarity>,
}

/// Whether this sign-in of `user` to `client_id` needs a second factor, and if so what the user
/// has enrolled. Reads the store only when a rule applies (memberships when a group has a rule,
/// the user's known devices and networks under an unfamiliar-sign-in rule, authenticators when
/// MFA is needed). `signals` are the browser's; without them (a password grant) every sign-in
/// under an unfamiliar-sign-in rule counts as unfamiliar.
pub async fn needed(
    ctx: &Context,
    view: &TenantView,
    client_id: &str,
    acr_values: &[String],
    user: &User,
    signals: Option<&Signals>,
) -> Result<MfaCheck, SigilError> {
    let mut reason = required_by(view, client_id, acr_values);
    let mut unfamiliar_by = if view.tenant.mfa == MfaPolicy::Unfamiliar {
        Some("tenant policy".to_string())
    } else {
        view.client(client_id).filter(|c| c.mfa_unfamiliar).map(|_| "application policy".to_string())
    };
    let group_rules = view.groups.values().any(|g| g.require_mfa || g.mfa_unfamiliar);
    if reason.is_none() && group_rules {
        let access = ctx.store.user_access(view.tenant.id, user.id).await?;
        let groups: Vec<_> = access.groups.iter().filter_map(|id| view.groups.get(id)).collect();
        reason = groups.iter().find(|g| g.require_mfa).map(|g| MfaReason::Group(g.name.clone()));
        if unfamiliar_by.is_none() {
            unfamiliar_by = groups.iter().find(|g| g.mfa_unfamiliar).map(|g| format!("policy of group '{}'", g.name));
        }
    }
    let mut familiarity = None;
    if let (None, Some(by)) = (&reason, unfamiliar_by) {
        let f = match signals {
            Some(s) => unfamiliar::check(ctx, view.tenant.id, user.id, s).await?,
            None => Familiarity { device_known: false, network_known: false, network: None },
        };
        if !f.is_familiar() {
            reason = Some(MfaReason::Unfamiliar { by, signals: f.describe() });
        }
        familiarity = Some(f);
    }
    let Some(reason) = reason else { return Ok(MfaCheck { need: None, familiarity }) };
    let enrolled = enrolled(ctx, view.tenant.id, user.id).await?;
    Ok(MfaCheck { need: Some(MfaNeed { reason, enrolled }), familiarity })
}

/// The kinds of authenticator the user has, once each.
pub async fn enrolled(ctx: &Context, tenant: Uuid, user: Uuid) -> Result<Vec<AuthenticatorKind>, SigilError> {
    let mut kinds: Vec<AuthenticatorKind> =
        ctx.store.authenticators(tenant, user).await?.into_iter().map(|a| a.kind).collect();
    kinds.dedup();
    Ok(kinds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amr_and_acr() {
        assert_eq!(with_factor("pwd", "otp"), "pwd otp mfa");
        assert_eq!(with_factor("pwd otp mfa", "otp"), "pwd otp mfa");
        assert_eq!(with_factor("pwd", "hwk user"), "pwd hwk user mfa");
        assert!(has_mfa("pwd otp mfa") && !has_mfa("pwd"));
        assert_eq!(acr_of("pwd"), Some(ACR_PWD));
        assert_eq!(acr_of("pwd otp mfa"), Some(ACR_MFA));
        assert_eq!(acr_of(""), None);
        assert_eq!(amr_list("pwd otp mfa"), ["pwd", "otp", "mfa"]);
    }

    #[test]
    fn acr_values_and_the_claims_parameter_ask_for_mfa() {
        let mfa = vec![ACR_MFA.to_string()];
        assert_eq!(requested_acrs(Some("urn:other urn:sigil:acr:mfa"), None).unwrap(), mfa);
        assert!(requested_acrs(Some("urn:other"), None).unwrap().is_empty());
        let id = r#"{"id_token":{"acr":{"essential":true,"values":["urn:sigil:acr:mfa"]}}}"#;
        assert_eq!(requested_acrs(None, Some(id)).unwrap(), mfa);
        let entra = r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#;
        assert_eq!(requested_acrs(None, Some(entra)).unwrap(), mfa);
        let other = r#"{"access_token":{"acrs":{"essential":true,"value":"c100"}}}"#;
        assert!(requested_acrs(None, Some(other)).unwrap().is_empty());
        assert!(requested_acrs(None, Some(r#"{"userinfo":{"email":null}}"#)).unwrap().is_empty());
        for bad in ["[1]", "not json"] {
            let e = requested_acrs(None, Some(bad)).unwrap_err();
            assert_eq!(e.entry.code, crate::catalog::UNSUPPORTED_PARAMETER_VALUE.code);
        }
    }
}
