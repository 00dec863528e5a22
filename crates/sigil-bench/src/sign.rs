//! `sign-ceiling`: how many ES256 JWT signatures one core can make with the crypto library Sigil
//! uses (aws-lc-rs), the key parsed once and kept in memory, as Sigil's `SigningKey` does. This is
//! the upper bound for any single-core token endpoint that signs one JWT per request.
use std::hint::black_box;
use std::time::{Duration, Instant};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{self, EcdsaKeyPair, KeyPair};
use serde_json::json;
use sigil_core::crypto::{b64url, sha256};
use sigil_core::keys::{JwtType, SigningKey};
use sigil_core::model::SigningAlg;

use crate::AnyError;
use crate::stats::num;

#[derive(clap::Args)]
pub struct Args {
    /// How long to sign, in seconds.
    #[arg(long, default_value_t = 5.0)]
    seconds: f64,
    /// Also time sigil-core's `SigningKey::sign_jwt` (base64url of the payload + signature + base64url
    /// of the signature) for the same duration.
    #[arg(long)]
    sigil_core: bool,
    /// Also time the DPoP-bound token's ceiling: one ES256 verify (the proof) plus one ES256 sign
    /// (the token) per iteration, on one thread.
    #[arg(long)]
    dpop: bool,
    /// Also time the `private_key_jwt` ceiling: one PS256 (RSA-2048) verification of a client
    /// assertion, as MSAL signs it, plus one ES256 signature, per token (issue 19).
    #[arg(long)]
    assertion: bool,
}

/// Claims shaped like Sigil's client-credentials access token (RFC 9068), ~330 bytes of JSON.
fn typical_payload() -> Vec<u8> {
    let now = 1_750_000_000i64;
    json!({
        "iss": "http://127.0.0.1:8080/7f1c6b0e-3f7a-4c1e-9a51-2d0c8d5e4b21/v2.0",
        "sub": "reporting-daemon",
        "aud": "api://reports",
        "exp": now + 600,
        "iat": now,
        "nbf": now,
        "jti": "0b5e3c1a-6d2f-4e8b-9c7a-1f2e3d4c5b6a",
        "client_id": "reporting-daemon",
        "tid": "7f1c6b0e-3f7a-4c1e-9a51-2d0c8d5e4b21",
        "roles": ["Reports.Read.All"],
    })
    .to_string()
    .into_bytes()
}

/// Signs in batches of 64 until `seconds` passed; returns (signatures, elapsed).
fn time_loop(seconds: f64, mut sign_one: impl FnMut()) -> (u64, Duration) {
    let budget = Duration::from_secs_f64(seconds.max(0.05));
    for _ in 0..100 {
        sign_one(); // warm-up: caches, lazy tables
    }
    let start = Instant::now();
    let mut n = 0u64;
    loop {
        for _ in 0..64 {
            sign_one();
        }
        n += 64;
        if start.elapsed() >= budget {
            break;
        }
    }
    (n, start.elapsed())
}

pub fn run(a: &Args) -> Result<serde_json::Value, AnyError> {
    let rng = SystemRandom::new();
    let alg = &signature::ECDSA_P256_SHA256_FIXED_SIGNING;
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(alg, &rng).map_err(|e| format!("generating P-256 key: {e:?}"))?;
    let kp = EcdsaKeyPair::from_pkcs8(alg, pkcs8.as_ref()).map_err(|e| format!("parsing P-256 key: {e:?}"))?;
    let kid = b64url(&sha256(kp.public_key().as_ref()));
    let header = b64url(json!({"alg": "ES256", "kid": kid, "typ": "at+jwt"}).to_string().as_bytes());
    let payload = typical_payload();
    let signing_input = format!("{header}.{}", b64url(&payload));

    // One signature checked, so the loop below measures real, valid signatures.
    let sig = kp.sign(&rng, signing_input.as_bytes()).map_err(|e| format!("signing: {e:?}"))?;
    signature::UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, kp.public_key().as_ref())
        .verify(signing_input.as_bytes(), sig.as_ref())
        .map_err(|_| "self-check failed: the signature does not verify")?;

    let (n, elapsed) = time_loop(a.seconds, || {
        let sig = kp.sign(&rng, black_box(signing_input.as_bytes())).expect("ECDSA signing succeeds");
        black_box(sig);
    });
    let per_sec = n as f64 / elapsed.as_secs_f64();
    eprintln!(
        "sign-ceiling: {n} ES256 signatures in {:.2} s on one thread = {per_sec:.0}/s ({:.1} µs each; signing input {} bytes)",
        elapsed.as_secs_f64(),
        1e6 / per_sec,
        signing_input.len()
    );
    let mut out = json!({
        "scenario": "sign-ceiling",
        "alg": "ES256",
        "threads": 1,
        "signing_input_bytes": signing_input.len(),
        "signatures": n,
        "seconds": num(elapsed.as_secs_f64()),
        "signatures_per_sec": num(per_sec),
        "micros_per_signature": num(1e6 / per_sec),
    });

    if a.dpop {
        let proof_key = crate::dpop::key(&rng)?;
        let header = crate::dpop::header(&proof_key);
        let proof =
            crate::dpop::proof(&proof_key, &rng, &header, "http://127.0.0.1:8080/contoso/oauth2/v2.0/token", 1, 0);
        let (signed, sig) = proof.rsplit_once('.').ok_or("proof")?;
        let sig = sigil_core::crypto::b64url_decode(sig).ok_or("proof signature")?;
        let public = signature::UnparsedPublicKey::new(
            &signature::ECDSA_P256_SHA256_FIXED,
            proof_key.public_key().as_ref().to_vec(),
        );
        let (n, elapsed) = time_loop(a.seconds, || {
            public.verify(black_box(signed.as_bytes()), black_box(&sig)).expect("the proof verifies");
            black_box(kp.sign(&rng, black_box(signing_input.as_bytes())).expect("ECDSA signing succeeds"));
        });
        let per_sec = n as f64 / elapsed.as_secs_f64();
        eprintln!("sign-ceiling: DPoP (one ES256 verify + one sign) = {per_sec:.0}/s ({:.1} µs each)", 1e6 / per_sec);
        out["dpop_ceiling_per_sec"] = num(per_sec);
    }
    if a.sigil_core {
        let key = SigningKey::from_pkcs8(SigningAlg::ES256, pkcs8.as_ref())?;
        let (n, elapsed) = time_loop(a.seconds, || {
            black_box(key.sign_jwt(JwtType::AccessToken, black_box(&payload)));
        });
        let per_sec = n as f64 / elapsed.as_secs_f64();
        eprintln!("sign-ceiling: sigil-core SigningKey::sign_jwt = {per_sec:.0}/s ({:.1} µs each)", 1e6 / per_sec);
        out["sigil_core_sign_jwt_per_sec"] = num(per_sec);
    }
    if a.assertion {
        let (per_sec, verify_per_sec) = assertion_ceiling(a.seconds, &kp, &signing_input)?;
        eprintln!(
            "sign-ceiling: private_key_jwt ceiling (one PS256 verify + one ES256 sign) = {per_sec:.0}/s; \
             PS256 verify alone {verify_per_sec:.0}/s"
        );
        out["assertion_ceiling_per_sec"] = num(per_sec);
        out["ps256_verify_per_sec"] = num(verify_per_sec);
    }
    Ok(out)
}

/// One thread: sigil-core's check of a PS256 client assertion (`jwk::verify`, the key kept as its
/// JWK members, as registered) followed by one ES256 signature.
fn assertion_ceiling(seconds: f64, kp: &EcdsaKeyPair, signing_input: &str) -> Result<(f64, f64), AnyError> {
    use sigil_core::model::PublicJwk;
    let rng = SystemRandom::new();
    let rsa = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).map_err(|e| format!("{e:?}"))?;
    let pk = rsa.public_key();
    let public = PublicJwk::Rsa {
        n: b64url(pk.modulus().big_endian_without_leading_zero()),
        e: b64url(pk.exponent().big_endian_without_leading_zero()),
    };
    let assertion_input = signing_input.as_bytes();
    let mut sig = vec![0u8; rsa.public_modulus_len()];
    rsa.sign(&signature::RSA_PSS_SHA256, &rng, assertion_input, &mut sig).map_err(|e| format!("{e:?}"))?;
    if !sigil_core::jwk::verify(&public, "PS256", assertion_input, &sig) {
        return Err("self-check failed: the PS256 signature does not verify".into());
    }
    let (n, elapsed) = time_loop(seconds, || {
        assert!(sigil_core::jwk::verify(&public, "PS256", black_box(assertion_input), &sig));
        black_box(kp.sign(&rng, black_box(signing_input.as_bytes())).expect("ECDSA signing succeeds"));
    });
    let (m, verify_elapsed) = time_loop(seconds, || {
        assert!(sigil_core::jwk::verify(&public, "PS256", black_box(assertion_input), &sig));
    });
    Ok((n as f64 / elapsed.as_secs_f64(), m as f64 / verify_elapsed.as_secs_f64()))
}
