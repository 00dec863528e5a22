//! Step-up at Sigil's own protected resources (UserInfo): RFC 9470 and Entra's claims challenge.
//!
//! A user token whose sign-in did not reach what the tenant or the token's client now requires
//! (a second factor: `mfa = "required"`, `require_mfa`) is refused with RFC 9470 §3's
//! `insufficient_user_authentication` and `acr_values="urn:sigil:acr:mfa"`. The client sends a
//! new authorization request with those `acr_values` and gets a stepped-up sign-in (§4).
//! A client that declared Entra's `cp1` capability (its tokens carry `xms_cc: ["cp1"]`) gets
//! Entra's claims challenge instead: `insufficient_claims` with `claims` (base64 of a `claims`
//! request asking for `access_token.acrs`), which MSAL passes to its next interactive request.
//!
//! A token whose sign-in methods are unknown (`amr` empty: a JWT-bearer grant, a grant older than
//! the methods' recording) cannot be stepped up by a new sign-in and is not refused here.
use serde_json::json;

use crate::catalog;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::verify::AccessTokenClaims;

use super::{ACR_MFA, has_mfa, required_by};

/// Entra's client capability of clients that handle claims challenges.
pub const CP1: &str = "cp1";

/// The claims request a claims challenge asks for (OIDC Core §5.5 with Entra's `acrs`).
pub fn challenge_claims() -> String {
    json!({"access_token": {"acrs": {"essential": true, "value": ACR_MFA}}}).to_string()
}

/// Refuses a user token whose sign-in (`amr`) lacks a second factor the tenant or the token's
/// client requires.
pub fn check(view: &TenantView, claims: &AccessTokenClaims, amr: &str) -> Result<(), SigilError> {
    if amr.is_empty() || has_mfa(amr) {
        return Ok(());
    }
    let Some(reason) = required_by(view, &claims.client_id, &[]) else { return Ok(()) };
    let why = format!("the token's sign-in ({amr}) lacks the second factor {}", reason.describe());
    if claims.xms_cc.iter().any(|c| c == CP1) {
        use base64::Engine;
        let encoded = base64::engine::general_purpose::STANDARD.encode(challenge_claims());
        return Err(SigilError::new(catalog::INSUFFICIENT_CLAIMS, why).arg("claims", encoded));
    }
    Err(SigilError::new(catalog::INSUFFICIENT_USER_AUTHENTICATION, why).arg("acr_values", ACR_MFA))
}

/// Entra's client capabilities asked for in a `claims` request parameter
/// (`{"access_token":{"xms_cc":{"values":["cp1"]}}}`, as MSAL sends it), known ones only.
pub fn client_capabilities(claims: Option<&str>) -> Vec<String> {
    let Some(v) = claims.and_then(|c| serde_json::from_str::<serde_json::Value>(c).ok()) else { return vec![] };
    let Some(req) = v.get("access_token").and_then(|a| a.get("xms_cc")) else { return vec![] };
    let mut out: Vec<String> = req.get("value").and_then(|x| x.as_str()).map(str::to_string).into_iter().collect();
    if let Some(a) = req.get("values").and_then(|x| x.as_array()) {
        out.extend(a.iter().filter_map(|x| x.as_str()).map(str::to_string));
    }
    out.retain(|c| c == CP1);
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capabilities_from_the_claims_parameter() {
        let msal = r#"{"access_token":{"xms_cc":{"values":["cp1","cp2"]}}}"#;
        assert_eq!(client_capabilities(Some(msal)), ["cp1"]);
        assert_eq!(client_capabilities(Some(r#"{"access_token":{"xms_cc":{"value":"cp1"}}}"#)), ["cp1"]);
        assert!(client_capabilities(Some(r#"{"id_token":{"xms_cc":{"values":["cp1"]}}}"#)).is_empty());
        assert!(client_capabilities(Some("not json")).is_empty());
        assert!(client_capabilities(None).is_empty());
    }

    #[test]
    fn the_challenge_asks_for_the_mfa_class() {
        let c: serde_json::Value = serde_json::from_str(&challenge_claims()).unwrap();
        assert_eq!(c["access_token"]["acrs"]["value"], ACR_MFA);
        let acrs = super::super::requested_acrs(None, Some(&challenge_claims())).unwrap();
        assert_eq!(acrs, [ACR_MFA], "the challenge, sent back as `claims`, asks for MFA");
    }
}
