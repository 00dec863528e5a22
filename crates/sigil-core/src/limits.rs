//! Limits on client input (documented in docs/security.md, "Resource limits"), and the one function
//! that makes client-supplied text safe to log: bounded, with control characters escaped.
use std::borrow::Cow;

/// Largest request body read (form posts). Larger bodies are refused with 413 before parsing.
pub const MAX_BODY_BYTES: usize = 256 * 1024;
/// Parameters in one form body or query string (a real request sends a few dozen at most).
pub const MAX_PARAMETERS: usize = 100;
/// Values in one `scope` parameter (RFC 6749 §3.3), counted before de-duplication.
pub const MAX_SCOPE_VALUES: usize = 100;
/// `resource` parameters in one request (RFC 8707 §2 lets them repeat; one per API is plenty).
pub const MAX_RESOURCES: usize = 10;
/// Bytes in one `scope` parameter.
pub const MAX_SCOPE_BYTES: usize = 16 * 1024;
/// Bytes of each of `state`, `nonce`, `login_hint` and `ui_locales` at the authorization endpoint:
/// they are sealed into the sign-in form and echoed to the client.
pub const MAX_ECHOED_VALUE_BYTES: usize = 8 * 1024;
/// Entries of a preference list considered (`ui_locales`, `Accept-Language`); the rest are ignored.
/// RFC 9449 §4.3 step 2: a DPoP proof (a header with an RSA key of 8192 bits fits).
pub const MAX_DPOP_PROOF_BYTES: usize = 8 * 1024;
pub const MAX_PREFERENCES: usize = 32;
/// Bytes of one client-supplied field kept in the server log and the sign-in log.
pub const MAX_LOGGED_FIELD_BYTES: usize = 256;
/// Bytes of a reason (which check failed, in words) kept in the server log and the sign-in log.
pub const MAX_LOGGED_REASON_BYTES: usize = 2048;

/// Bytes of a `client_assertion` (RFC 7521 §4.2): MSAL's, with an `x5c` chain, is a few KB.
pub const MAX_ASSERTION_BYTES: usize = 16 * 1024;
/// Keys considered in one JWKS (a client's, or an external issuer's); the rest are ignored.
pub const MAX_JWKS_KEYS: usize = 32;
/// Certificates or keys registered for one client, and federated credentials per client.
pub const MAX_CLIENT_KEYS: usize = 20;

/// The limit values a catalog description names, for the help pages (which have no request).
pub fn described_limits(code: u32) -> Vec<(&'static str, String)> {
    use crate::catalog::*;
    match code {
        c if c == REQUEST_BODY_TOO_LARGE.code => vec![("limit", MAX_BODY_BYTES.to_string())],
        c if c == TOO_MANY_PARAMETERS.code => vec![("limit", MAX_PARAMETERS.to_string())],
        c if c == SCOPE_TOO_LARGE.code => {
            vec![("values", MAX_SCOPE_VALUES.to_string()), ("bytes", MAX_SCOPE_BYTES.to_string())]
        }
        c if c == PARAMETER_TOO_LONG.code => vec![("limit", MAX_ECHOED_VALUE_BYTES.to_string())],
        _ => vec![],
    }
}

/// `s` ready for a log line (CWE-117): control characters (and the Unicode line and paragraph
/// separators) escaped, e.g. a line feed as `\n`, so that input cannot start a forged line and
/// the operator still sees what was sent; at most `max` bytes of the input kept, the rest replaced
/// by a visible marker naming how much was cut. Borrows when nothing needs changing.
pub fn for_log(s: &str, max: usize) -> Cow<'_, str> {
    let needs_escape = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    if s.len() <= max && !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut cut = s.len().min(max);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut out = String::with_capacity(cut + 32);
    for c in s[..cut].chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    if cut < s.len() {
        out.push_str(&format!("…[truncated {} bytes]", s.len() - cut));
    }
    Cow::Owned(out)
}

/// [`for_log`] for a field that is owned already: no copy when nothing changes.
pub fn bound_owned(s: String, max: usize) -> String {
    match for_log(&s, max) {
        Cow::Borrowed(_) => s,
        Cow::Owned(o) => o,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_characters_and_truncates_visibly() {
        assert!(matches!(for_log("client-1", 256), Cow::Borrowed("client-1")));
        assert_eq!(for_log("a\r\nFORGED line\u{2028}\u{7}", 256), "a\\r\\nFORGED line\\u{2028}\\u{7}");
        let huge = "c".repeat(2_097_152);
        let b = for_log(&huge, 256);
        assert_eq!(b, format!("{}…[truncated 2096896 bytes]", "c".repeat(256)));
        // Never cuts inside a character.
        assert_eq!(for_log("ééé", 3), "é…[truncated 4 bytes]");
        assert_eq!(bound_owned("x".into(), 1), "x");
    }
}
