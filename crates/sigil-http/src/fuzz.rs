//! Property-based fuzzing (issue 23) of the form body parser (`form.rs`, RFC 6749 §3.2 and WHATWG
//! URL §5.1), the first parser every request meets: never panics, round-trips, linear. Cases and
//! long runs: `sigil_core::fuzzing`.
use axum::http::{HeaderMap, HeaderValue, header};
use proptest::prelude::*;
use sigil_core::fuzzing::*;

use crate::form::{parse_form, parse_urlencoded};

/// Bodies shaped like forms: names, `=`, `&`, `+` and escapes, valid and broken.
fn form_like() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..400),
        "([a-z_]{0,8}(=([a-zA-Z0-9+]|%[0-9a-fA-F]{0,2}|%[^0-9a-fA-F]){0,12})?&{0,2}){0,30}"
            .prop_map(String::into_bytes),
        text().prop_map(String::into_bytes),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn form_bodies_never_panic(body in form_like(), ct in text()) {
        let _ = parse_urlencoded(&body);
        let mut h = HeaderMap::new();
        if let Ok(v) = HeaderValue::from_str(&ct) {
            h.insert(header::CONTENT_TYPE, v);
        }
        let _ = parse_form(&h, &body);
    }

    /// Distinct names with any values, encoded as a client does, parse back to the same values.
    #[test]
    fn form_bodies_round_trip(pairs in proptest::collection::btree_map("[^\\x00]{1,12}", any::<String>(), 0..40)) {
        let pairs: Vec<(String, String)> = pairs.into_iter().filter(|(k, _)| k != "resource").collect();
        let body: Vec<String> = pairs.iter().map(|(k, v)| format!("{}={}", form_encode(k), form_encode(v))).collect();
        let parsed = parse_urlencoded(body.join("&").as_bytes()).unwrap();
        for (k, v) in &pairs {
            prop_assert_eq!(parsed.get(k).unwrap_or(""), v.as_str());
        }
    }
}

#[test]
fn form_parsing_is_linear() {
    for unit in ["a", "%41", "+", "&", "a=1&", "a=%", "%C3%A9", "=", "%"] {
        assert_linear(
            &format!("form of {unit:?}"),
            |n| repeat(unit, n),
            |s| {
                let _ = parse_urlencoded(s.as_bytes());
            },
        );
    }
}
