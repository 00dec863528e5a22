//! Property-based fuzzing (issue 23 item 3) of the core's parsers of outside input: cargo-fuzz needs
//! a nightly toolchain, so `proptest` drives them instead. For each parser: it never panics on any
//! input (random bytes, and inputs shaped like the real thing: base64url JSON parts, escapes,
//! separators), round-trips where a serialisation exists, and stays linear (a 64 KiB input is
//! parsed within a generous bound and doubling it does not quadruple the time).
//! Cases and long runs: see [`crate::fuzzing`].
use proptest::prelude::*;
use serde_json::json;

use crate::crypto::{b64url, sha256};
use crate::fuzzing::*;

proptest! {
    #![proptest_config(config())]

    /// RFC 6749 §2.3.1 / RFC 7617: any header value; id and secret round-trip through the
    /// form-urlencoding and base64 a client applies.
    #[test]
    fn basic_header(value in text(), id in "[^\\x00]{1,40}", secret in "[^\\x00]{0,40}") {
        let _ = crate::client_auth::BasicCredentials::parse_header(&value);
        let enc = form_encode;
        let header = format!(
            "Basic {}",
            base64::Engine::encode(&base64::engine::general_purpose::STANDARD, format!("{}:{}", enc(&id), enc(&secret)))
        );
        let parsed = crate::client_auth::BasicCredentials::parse_header(&header);
        if !secret.is_empty() {
            let c = parsed.unwrap().unwrap();
            prop_assert_eq!((c.client_id.as_str(), c.secret.as_str()), (id.as_str(), secret.as_str()));
        }
    }

    /// RFC 7515: the JWS check of tokens Sigil issued, on any compact-JWS-shaped input.
    #[test]
    fn jws_of_issued_tokens(token in jws()) {
        let keys = key_set();
        let _ = crate::jwt::verify(&token, &keys, None);
        let _ = crate::jwt::verify(&token, &keys, Some("at+jwt"));
    }

    /// RFC 7515 §5.2 round trip: a token Sigil signs verifies to its claims, and any change to its
    /// signed part (header or payload, one byte) is refused.
    #[test]
    fn issued_tokens_verify_and_any_change_is_refused(
        claims in proptest::collection::btree_map("[a-z]{1,8}", json_value(), 0..6),
        at in any::<proptest::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let keys = key_set();
        let key = keys.loaded()[0].key.clone();
        let claims = serde_json::Value::Object(claims.into_iter().collect());
        let token = key.sign_jwt(crate::keys::JwtType::AccessToken, claims.to_string().as_bytes());
        prop_assert_eq!(crate::jwt::verify(&token, &keys, Some("at+jwt")), Ok(claims));
        let signed_len = token.rfind('.').unwrap();
        let mut bytes = token.into_bytes();
        let i = at.index(signed_len);
        prop_assume!(bytes[i] != byte);
        bytes[i] = byte;
        let changed = String::from_utf8_lossy(&bytes);
        prop_assert!(crate::jwt::verify(&changed, &keys, Some("at+jwt")).is_err());
    }

    /// RFC 7521 §4.2 / RFC 7523 §3: the client assertion parser (through the unverified subject
    /// the sign-in log reads).
    #[test]
    fn client_assertion(assertion in jws()) {
        let params = crate::params::Params::from_pairs(vec![("client_assertion".into(), assertion)]).unwrap();
        let _ = crate::client_auth::claimed_client_id(&params, &Default::default());
    }

    /// RFC 9449 §4.3: the DPoP proof check, up to and including the signature.
    #[test]
    fn dpop_proof(proof in jws()) {
        let (master, tokens) = (crate::crypto::MasterKey::from_bytes(&[7; 32]).unwrap(), Default::default());
        let keys = crate::dpop::Keys { master: &master, tokens: &tokens };
        let expected = crate::dpop::Expected {
            method: "POST",
            url: "https://sigil.test/t/oauth2/v2.0/token",
            access_token: Some("at"),
            nonce_required: true,
            tenant: uuid::Uuid::nil(),
        };
        let _ = crate::dpop::check_proof(&keys, &proof, &expected, 1_000_000);
    }

    /// RFC 7636 §4.1, §4.6: any verifier; a valid verifier matches its own S256 challenge only.
    #[test]
    fn pkce(v in text(), good in "[A-Za-z0-9._~-]{43,128}") {
        let _ = crate::pkce::valid_verifier_syntax(&v);
        let _ = crate::pkce::verify("S256", &v, &v);
        let _ = crate::pkce::verify("plain", &v, &v);
        let challenge = b64url(&sha256(good.as_bytes()));
        prop_assert!(crate::pkce::verify("S256", &challenge, &good));
        prop_assert!(crate::pkce::verify("plain", &good, &good));
        prop_assert!(!crate::pkce::verify("S256", &challenge, &v) || v == good);
    }

    /// RFC 6749 §3.3: any scope string; a list of distinct scope tokens round-trips.
    #[test]
    fn scope(s in text(), tokens in proptest::collection::btree_set("[!#-\\[\\]-~]{1,20}", 0..20)) {
        let _ = crate::scope::parse(&s);
        let tokens: Vec<String> = tokens.into_iter().collect();
        prop_assert_eq!(crate::scope::parse(&tokens.join(" ")).unwrap(), tokens);
    }

    /// OIDC Core §3.1.2.1 `ui_locales`, RFC 9110 §12.5.4 `Accept-Language`: any input gives one of
    /// the supported locales; a supported locale asked for is chosen.
    #[test]
    fn locale_negotiation(ui in text(), al in text(), default in text()) {
        let l = crate::i18n::negotiate(Some(&ui), Some(&al), Some(&default));
        prop_assert!(crate::i18n::supported(l) == Some(l));
        for wanted in ["en", "ro", "ru", "sl", "zh-CN", "ar"] {
            prop_assert_eq!(crate::i18n::negotiate(Some(wanted), Some(&al), None), wanted);
            prop_assert_eq!(crate::i18n::negotiate(None, Some(&format!("{wanted};q=0.9, xx;q=0")), None), wanted);
        }
    }

    /// RFC 8628 §6.1: any typed user code; a code round-trips through its display form and through
    /// lower case with spaces.
    #[test]
    fn user_codes(typed in text(), code in "[BCDFGHJKLMNPQRSTVWXZ]{8}") {
        let _ = crate::device::normalize_user_code(&typed);
        let shown = format!("{}-{}", &code[..4], &code[4..]);
        prop_assert_eq!(crate::device::normalize_user_code(&shown), Some(code.clone()));
        let spaced = format!(" {} {} ", code[..4].to_lowercase(), &code[4..]);
        prop_assert_eq!(crate::device::normalize_user_code(&spaced), Some(code));
    }

    /// RFC 9126 §2.2: any `request_uri`; the ones Sigil issues give back their random part.
    #[test]
    fn request_uris(uri in text(), random in "[A-Za-z0-9_-]{43}") {
        let _ = crate::par::random_part(&uri);
        let issued = format!("{}{random}", crate::par::REQUEST_URI_PREFIX);
        prop_assert_eq!(crate::par::random_part(&issued), Some(random.as_str()));
    }

    /// Client ID Metadata Documents: any URL and any JSON document (and RFC 7591 §2 metadata).
    #[test]
    fn client_metadata_documents(url in text(), doc in json_value(), body in text()) {
        let _ = crate::client_metadata::check_url(&url);
        let _ = crate::client_metadata::check_document(&url, &doc);
        let _ = crate::registration::Metadata::from_value(doc);
        let _ = crate::registration::Metadata::parse(body.as_bytes());
    }

    /// A client metadata document with the members the parser reads, each of any JSON type.
    #[test]
    fn client_metadata_members(members in proptest::collection::vec((metadata_member(), json_value()), 0..12)) {
        let url = "https://app.example/client.json";
        let mut doc = json!({"client_id": url});
        for (k, v) in members {
            doc[k] = v;
        }
        let _ = crate::client_metadata::check_document(url, &doc);
        let _ = crate::registration::Metadata::from_value(doc);
    }
}

/// Text shaped like RFC 7644 §3.4.2.2 filters: attribute paths, operators, values, grouping.
fn scim_filter_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("userName".to_string()),
        Just("emails".to_string()),
        Just("name.givenName".to_string()),
        Just("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value".to_string()),
        Just("eq".to_string()),
        Just("co".to_string()),
        Just("pr".to_string()),
        Just("and".to_string()),
        Just("or".to_string()),
        Just("not".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("true".to_string()),
        Just("null".to_string()),
        Just("-1.5e3".to_string()),
        "\"[a-z\\\\\"]{0,8}\"?",
        text(),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|p| p.join(" "))
}

proptest! {
    #![proptest_config(config())]

    /// RFC 7644 §3.4.2.2 filters, §3.5.2 paths and PATCH bodies: no input panics the parser, the
    /// evaluation of what parses, or the application of a PATCH to any JSON.
    #[test]
    fn scim_filters_paths_and_patches(f in scim_filter_text(), raw in text(), res in json_value(), body in json_value()) {
        for s in [&f, &raw] {
            if let Ok(parsed) = crate::scim::filter::Filter::parse(s) {
                let _ = parsed.matches(&res);
            }
            let _ = crate::scim::filter::PatchPath::parse(s);
            let _ = crate::scim::attrs::path_list(s);
        }
        let shape = crate::scim::patch::Shape { multi: &["emails", "members"], read_only: &["id"] };
        let ops = json!({"schemas": [crate::scim::PATCH_OP], "Operations": [{"op": "add", "path": f, "value": body}]});
        for b in [&ops, &body] {
            if let Ok(ops) = crate::scim::patch::parse(b) {
                let mut r = res.clone();
                let _ = crate::scim::patch::apply(&mut r, &ops, &shape);
            }
        }
    }
}

/// The SCIM filter parser without its length bound is linear on long chains, deep-but-bounded
/// nesting, long strings and escapes.
#[test]
fn scim_filter_parser_is_linear() {
    use crate::scim::filter::Filter;
    for unit in ["a pr and ", "userName eq \"x\" or ", "(", "not (", "emails[type eq \"w\"] or ", "\"\\\"", "x"] {
        assert_linear(
            "SCIM filter",
            |n| repeat(unit, n),
            |s| {
                let _ = Filter::parse_bounded(s, usize::MAX);
            },
        );
    }
    assert_linear(
        "SCIM filter string",
        |n| format!("userName eq \"{}\"", repeat("a\\n", n)),
        |s| {
            let _ = Filter::parse_bounded(s, usize::MAX);
        },
    );
}

fn metadata_member() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("redirect_uris"),
        Just("grant_types"),
        Just("response_types"),
        Just("client_name"),
        Just("client_uri"),
        Just("logo_uri"),
        Just("scope"),
        Just("contacts"),
        Just("tos_uri"),
        Just("policy_uri"),
        Just("jwks_uri"),
        Just("jwks"),
        Just("software_id"),
        Just("software_version"),
        Just("token_endpoint_auth_method"),
        Just("application_type"),
        Just("post_logout_redirect_uris"),
        Just("backchannel_logout_uri"),
        Just("dpop_bound_access_tokens"),
    ]
}

/// Regression (found by `issued_tokens_verify_and_any_change_is_refused`, seed in
/// `proptest-regressions/fuzz.txt`): without serde_json's `float_roundtrip`, a claim's number read
/// back from a token differed in its last digit from the one signed.
#[test]
fn json_numbers_read_back_as_written() {
    let claims = json!({"a": {"": -2.8420616531669867e-167_f64}});
    let keys = key_set();
    let token = keys.loaded()[0].key.sign_jwt(crate::keys::JwtType::AccessToken, claims.to_string().as_bytes());
    assert_eq!(crate::jwt::verify(&token, &keys, None), Ok(claims));
}

fn key_set() -> crate::keys::KeySet {
    use crate::keys::{LoadedKey, SigningKey, generate_pkcs8};
    use crate::model::SigningAlg;
    let key = SigningKey::from_pkcs8(SigningAlg::ES256, &generate_pkcs8(SigningAlg::ES256).unwrap()).unwrap();
    crate::keys::KeySet::new(vec![LoadedKey { key: std::sync::Arc::new(key), active_from: 0, retired_at: None }], 0, 0)
}

/// Linear time of every parser on its worst shapes at 64 and 128 KiB.
#[test]
fn parsers_are_linear() {
    use crate::client_auth::BasicCredentials;
    let b64 = |s: &str| base64::Engine::encode(&base64::engine::general_purpose::STANDARD, s);
    assert_linear(
        "Basic header",
        |n| format!("Basic {}", b64(&format!("a:{}", repeat("%41", n)))),
        |s| {
            let _ = BasicCredentials::parse_header(s);
        },
    );
    let keys = key_set();
    let jws_of = |n: usize| {
        let h = b64url(format!("{{\"kid\":\"{}\",\"alg\":\"ES256\"}}", repeat("k", n)).as_bytes());
        format!("{h}.{}.{}", b64url(repeat("[", n).as_bytes()), repeat("A", n))
    };
    assert_linear("JWS", jws_of, |s| {
        let _ = crate::jwt::verify(s, &keys, None);
    });
    assert_linear(
        "dots",
        |n| repeat(".", n),
        |s| {
            let _ = crate::jwt::verify(s, &keys, None);
        },
    );
    assert_linear("client assertion", jws_of, |s| {
        let p = crate::params::Params::from_pairs(vec![("client_assertion".into(), s.into())]).unwrap();
        let _ = crate::client_auth::claimed_client_id(&p, &Default::default());
    });
    let (master, tokens) = (crate::crypto::MasterKey::from_bytes(&[7; 32]).unwrap(), Default::default());
    let dkeys = crate::dpop::Keys { master: &master, tokens: &tokens };
    let expected = crate::dpop::Expected {
        method: "POST",
        url: "https://sigil.test/t",
        access_token: None,
        nonce_required: false,
        tenant: uuid::Uuid::nil(),
    };
    assert_linear("DPoP proof", jws_of, |s| {
        let _ = crate::dpop::check_proof(&dkeys, s, &expected, 0);
    });
    assert_linear(
        "PKCE",
        |n| repeat("a", n),
        |s| {
            let _ = crate::pkce::verify("S256", s, s);
        },
    );
    for unit in ["a ", " ", "a", "\u{7f} "] {
        assert_linear(
            "scope",
            |n| repeat(unit, n),
            |s| {
                let _ = crate::scope::parse(s);
            },
        );
    }
    for unit in ["xx;q=0.5,", ",", "zz-Hant-TW;q=1;q=0.3 ", " "] {
        assert_linear(
            "Accept-Language",
            |n| repeat(unit, n),
            |s| {
                let _ = crate::i18n::negotiate(Some(s), Some(s), Some(s));
            },
        );
    }
    assert_linear(
        "user code",
        |n| repeat("A-", n),
        |s| {
            let _ = crate::device::normalize_user_code(s);
        },
    );
    assert_linear(
        "request_uri",
        |n| format!("{}{}", crate::par::REQUEST_URI_PREFIX, repeat("a", n)),
        |s| {
            let _ = crate::par::random_part(s);
        },
    );
    assert_linear(
        "metadata document URL",
        |n| format!("https://app.example/{}", repeat("a/./", n)),
        |s| {
            let _ = crate::client_metadata::check_url(s);
        },
    );
    let doc = |n: usize| {
        let uris: Vec<String> = (0..n / 32).map(|i| format!("https://app.example/cb/{i}")).collect();
        json!({"client_id": "https://app.example/c.json", "redirect_uris": uris, "client_name": repeat("n", n)})
            .to_string()
    };
    assert_linear("metadata document", doc, |s| {
        let _ = crate::registration::Metadata::parse(s.as_bytes());
    });
    assert_linear(
        "nested JSON",
        |n| repeat("[", n),
        |s| {
            let _ = crate::registration::Metadata::parse(s.as_bytes());
        },
    );
}
