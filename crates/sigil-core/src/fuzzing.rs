//! Shared pieces of the property-based fuzz tests (issue 23): the case count, input strategies and
//! the linear-time check. Compiled for the core's tests and, with feature `fuzzing`, for the other
//! crates' tests (a dev-dependency feature: never in a release build).
//!
//! Cases per property: `SIGIL_FUZZ_CASES` (default 256: a few seconds per target in a debug build).
//! A long run: `SIGIL_FUZZ_CASES=100000 cargo test -p sigil-core -p sigil-http -p sigil fuzz`.
//! Failures are saved under each crate's `proptest-regressions/` and replayed first on every later
//! run; commit them.
use proptest::prelude::*;
use serde_json::Value;
use std::time::Duration;

use crate::crypto::b64url;

pub fn config() -> ProptestConfig {
    let cases = std::env::var("SIGIL_FUZZ_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

/// Any text, and text made of the characters parsers split on and decode.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9%+=&;,.:/_~ \\-\"{}\\[\\]]{0,300}",
        proptest::collection::vec(any::<u8>(), 0..300).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

/// JSON values a few levels deep.
pub fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::btree_map(text(), inner, 0..8).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A JSON object with some of the members JOSE parsers look at, each of any JSON type.
fn jose_object() -> impl Strategy<Value = Value> {
    let names = prop_oneof![
        Just("alg"),
        Just("typ"),
        Just("kid"),
        Just("jwk"),
        Just("x5t#S256"),
        Just("iss"),
        Just("sub"),
        Just("aud"),
        Just("exp"),
        Just("nbf"),
        Just("iat"),
        Just("jti"),
        Just("htm"),
        Just("htu"),
        Just("ath"),
        Just("nonce"),
    ];
    proptest::collection::vec((names, json_value()), 0..10)
        .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect()))
}

/// Compact-JWS-shaped text: base64url JSON header and payload and a base64url or random signature,
/// or random text with dots.
pub fn jws() -> impl Strategy<Value = String> {
    prop_oneof![
        (jose_object(), jose_object(), proptest::collection::vec(any::<u8>(), 0..80)).prop_map(|(h, p, s)| format!(
            "{}.{}.{}",
            b64url(h.to_string().as_bytes()),
            b64url(p.to_string().as_bytes()),
            b64url(&s)
        )),
        (jose_object(), jose_object(), text()).prop_map(|(h, p, s)| format!(
            "{}.{}.{s}",
            b64url(h.to_string().as_bytes()),
            b64url(p.to_string().as_bytes())
        )),
        proptest::collection::vec(text(), 0..6).prop_map(|parts| parts.join(".")),
    ]
}

/// Linear time, measured: the best of seven runs on `make(n)` and on `make(2n)` (n = 64 KiB). A
/// linear parser takes about twice as long on the double input, a quadratic one four times; below
/// 3× passes, and so does anything too fast to measure. Time is this thread's CPU time, so that a
/// busy shared machine taking the core away does not count (wall time, preempted more often the
/// longer a run lasts, made linear parsers look quadratic here).
pub fn assert_linear(what: &str, make: impl Fn(usize) -> String, parse: impl Fn(&str)) {
    let best = |input: &str| (0..7).map(|_| cpu_time(|| parse(input))).min().unwrap_or_default();
    // Four times the input: linear work takes about 4x, quadratic 16x; the bound (8x) sits between
    // them with room on both sides for cache effects and a busy machine.
    let n = 64 * 1024;
    let (small, large) = (make(n), make(4 * n));
    let (a, b) = (best(&small), best(&large));
    assert!(a < Duration::from_secs(1), "{what}: 64 KiB took {a:?}");
    assert!(b < Duration::from_millis(2) || b < a * 8, "{what}: 4x the input took {a:?} → {b:?} (not linear)");
}

/// The CPU time `f` took on this thread (`CLOCK_THREAD_CPUTIME_ID`).
pub fn cpu_time(f: impl FnOnce()) -> Duration {
    let start = cpu_time::ThreadTime::now();
    f();
    start.elapsed()
}

/// `application/x-www-form-urlencoded` encoding of one value (WHATWG URL §5.2), as clients send it.
pub fn form_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => out.push(b as char),
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `unit` repeated to exactly `n` bytes (`unit` ASCII).
pub fn repeat(unit: &str, n: usize) -> String {
    unit.repeat(n / unit.len().max(1) + 1)[..n].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The check can fail: a scan from every 64th position is quadratic.
    #[test]
    #[should_panic(expected = "not linear")]
    fn a_quadratic_parser_is_caught() {
        assert_linear(
            "quadratic",
            |n| repeat("a", n),
            |s| {
                let found: usize = (0..s.len()).step_by(64).filter(|&i| s[i..].contains('x')).count();
                std::hint::black_box(found);
            },
        );
    }

    #[test]
    fn a_linear_parser_passes() {
        assert_linear(
            "linear",
            |n| repeat("a", n),
            |s| {
                std::hint::black_box(s.bytes().filter(|b| *b == b'x').count());
            },
        );
    }
}
