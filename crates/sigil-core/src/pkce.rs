//! RFC 7636 Proof Key for Code Exchange.
use crate::catalog;
use crate::crypto::{b64url, ct_eq, sha256};
use crate::error::SigilError;

/// §4.2: `S256` always; `plain` only when the tenant enables it.
pub fn check_method(method: Option<&str>, allow_plain: bool) -> Result<&'static str, SigilError> {
    match method.unwrap_or("plain") {
        "S256" => Ok("S256"),
        "plain" if allow_plain => Ok("plain"),
        other => Err(SigilError::new(
            catalog::UNSUPPORTED_PARAMETER_VALUE,
            format!(
                "code_challenge_method '{}' refused (plain allowed: {allow_plain})",
                crate::params::sanitize(other)
            ),
        )
        .arg("param", "code_challenge_method")
        .arg("value", crate::params::sanitize(other))),
    }
}

/// §4.1: 43–128 characters from the unreserved set.
pub fn valid_verifier_syntax(v: &str) -> bool {
    (43..=128).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
}

/// §4.6: BASE64URL-ENCODE(SHA256(ASCII(code_verifier))) == code_challenge, compared in constant time.
pub fn verify(method: &str, challenge: &str, verifier: &str) -> bool {
    if !valid_verifier_syntax(verifier) {
        return false;
    }
    let computed = match method {
        "S256" => b64url(&sha256(verifier.as_bytes())),
        "plain" => verifier.to_string(),
        _ => return false,
    };
    ct_eq(computed.as_bytes(), challenge.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b_example() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert!(verify("S256", challenge, verifier));
        assert!(!verify("S256", challenge, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXx"));
        assert!(check_method(Some("plain"), false).is_err());
        assert!(check_method(Some("S256"), false).is_ok());
    }
}
