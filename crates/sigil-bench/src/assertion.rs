//! `assertion`: client credentials authenticated with `private_key_jwt` (OIDC Core §9, RFC 7523
//! §2.2) under closed-loop load. The client's key signs PS256 assertions with its certificate's
//! `x5t#S256`, as MSAL's certificate credential does. By default every request carries its own
//! assertion (a fresh `jti`), all made before the timed phase on every CPU, so the client's RSA
//! signing does not compete with the server while it is measured; `--reuse` re-sends one
//! assertion for every request, as MSAL does with its cached assertion for about nine minutes. The
//! same-run ceiling (one PS256 verify + one ES256 sign on one core) is `sign-ceiling --assertion`.
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{RSA_PSS_SHA256, RsaKeyPair};
use serde_json::json;
use sigil_core::crypto::{b64url, b64url_decode, sha256};

use crate::dpop::{Attach, closed_loop};
use crate::{AnyError, http};

const ASSERTION_TYPE: &str = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    url: String,
    #[arg(long, default_value = "contoso")]
    tenant: String,
    #[arg(long)]
    client_id: String,
    /// The client's RSA private key, PKCS#8 PEM (`openssl req -newkey rsa:2048 -nodes` makes one).
    #[arg(long)]
    key: String,
    /// The client's certificate, PEM, as registered.
    #[arg(long)]
    cert: String,
    #[arg(long, default_value = "api://reports/.default")]
    scope: String,
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    /// Requests at most: assertions made before the run (each with its own `jti`); the run stops
    /// early when they are used up.
    #[arg(long, default_value_t = 50_000)]
    assertions: usize,
    /// One assertion for every request (MSAL's cached assertion) instead of one per request.
    #[arg(long)]
    reuse: bool,
}

/// The DER of the first PEM block labelled `label`.
fn pem_der(path: &str, label: &str) -> Result<Vec<u8>, AnyError> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let begin = format!("-----BEGIN {label}-----");
    let body =
        text.split(&begin).nth(1).and_then(|r| r.split("-----END").next()).ok_or(format!("{path}: no {label}"))?;
    let b64: String = body
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=')
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    Ok(b64url_decode(&b64).ok_or(format!("{path}: bad base64"))?)
}

pub async fn run(a: Args) -> Result<serde_json::Value, AnyError> {
    let concurrency = a.concurrency.max(1);
    let url = http::token_url(&a.url, &a.tenant);
    let key = RsaKeyPair::from_pkcs8(&pem_der(&a.key, "PRIVATE KEY")?).map_err(|e| format!("{}: {e:?}", a.key))?;
    let x5t = b64url(&sha256(&pem_der(&a.cert, "CERTIFICATE")?));
    let header = b64url(json!({"alg": "PS256", "typ": "JWT", "x5t#S256": x5t}).to_string().as_bytes());
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs() as i64;
    let one = |rng: &SystemRandom, n: usize| {
        let claims = json!({"iss": a.client_id, "sub": a.client_id, "aud": url, "iat": now, "nbf": now,
            "exp": now + 900, "jti": format!("bench-{now}-{n}")});
        let signed = format!("{header}.{}", b64url(claims.to_string().as_bytes()));
        let mut sig = vec![0u8; key.public_modulus_len()];
        key.sign(&RSA_PSS_SHA256, rng, signed.as_bytes(), &mut sig).expect("RSA signing succeeds");
        format!("{signed}.{}", b64url(&sig))
    };
    let made = Instant::now();
    // With --reuse the items are empty placeholders standing for the one cached assertion.
    let cached = one(&SystemRandom::new(), usize::MAX);
    let assertions: Vec<String> = if a.reuse {
        vec![String::new(); a.assertions]
    } else {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let per = a.assertions.div_ceil(threads);
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let one = &one;
                    s.spawn(move || {
                        let rng = SystemRandom::new();
                        (t * per..((t + 1) * per).min(a.assertions)).map(|n| one(&rng, n)).collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().flat_map(|h| h.join().expect("signing thread")).collect()
        })
    };
    eprintln!(
        "assertion: {} assertion(s) ({}) made in {:.2} s",
        assertions.len(),
        if a.reuse { "one, re-sent" } else { "fresh jti each" },
        made.elapsed().as_secs_f64()
    );
    let body = format!(
        "grant_type=client_credentials&scope={}&client_assertion_type={ASSERTION_TYPE}",
        a.scope.replace('%', "%25").replace(':', "%3A").replace('/', "%2F").replace(' ', "+")
    );
    let client = http::client(concurrency, Duration::from_secs(30))?;
    let form = body.clone();
    let attach: Attach = Arc::new(move |r: reqwest::RequestBuilder, assertion: String| {
        let assertion = if assertion.is_empty() { &cached } else { &assertion };
        r.body(format!("{form}&client_assertion={assertion}"))
    });
    let items = Arc::new(Mutex::new(assertions));
    let run = closed_loop(client, url, body, items, concurrency, a.seconds, attach).await?;
    eprintln!(
        "assertion: c={concurrency}: {:.0} tokens/s over {:.2} s, outcomes {:?}, p50 {:.3} ms, p99 {:.3} ms",
        run.ok_per_sec, run.elapsed, run.statuses, run.p50_ms, run.p99_ms
    );
    let mut out = run.json("private-key-jwt-client-credentials", concurrency);
    out["assertions"] = json!(if a.reuse { "one re-sent (MSAL cache)" } else { "pre-made, fresh jti each" });
    Ok(out)
}
