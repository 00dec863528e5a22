//! `dpop`: DPoP-bound client credentials (RFC 9449) under closed-loop load. Every request carries
//! a proof with a fresh `jti`; the proofs are made before the timed phase (by one key, `iat` now),
//! so the client's signing does not compete with the server for the CPU while it is measured.
//! The same-run ceiling (one ES256 verify + one sign per token on one core) is
//! `sign-ceiling --dpop`.
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use serde_json::json;
use sigil_core::crypto::b64url;

use crate::refresh::transport_kind;
use crate::stats::{num, summarize};
use crate::{AnyError, http};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    url: String,
    #[arg(long, default_value = "contoso")]
    tenant: String,
    /// HTTP Basic credentials, `ID:SECRET`.
    #[arg(long)]
    basic: String,
    #[arg(long, default_value = "api://reports/.default")]
    scope: String,
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    /// Proofs made before the run; the run stops early when they are used up. At most 50 s of
    /// `iat` age is allowed by the server's default window, so keep the run short.
    #[arg(long, default_value_t = 200_000)]
    proofs: usize,
}

/// A DPoP proof for `htu` by `key` (RFC 9449 §4.2).
pub fn proof(key: &EcdsaKeyPair, rng: &SystemRandom, header: &str, htu: &str, jti: u64, iat: i64) -> String {
    let claims = json!({"jti": format!("bench-{jti}"), "htm": "POST", "htu": htu, "iat": iat});
    let signed = format!("{header}.{}", b64url(claims.to_string().as_bytes()));
    let sig = key.sign(rng, signed.as_bytes()).expect("ECDSA signing succeeds");
    format!("{signed}.{}", b64url(sig.as_ref()))
}

/// The protected header with the key's public JWK.
pub fn header(key: &EcdsaKeyPair) -> String {
    let p = key.public_key().as_ref();
    let jwk = json!({"kty": "EC", "crv": "P-256", "x": b64url(&p[1..33]), "y": b64url(&p[33..65])});
    b64url(json!({"typ": "dpop+jwt", "alg": "ES256", "jwk": jwk}).to_string().as_bytes())
}

pub fn key(rng: &SystemRandom) -> Result<EcdsaKeyPair, AnyError> {
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, rng).map_err(|e| format!("{e:?}"))?;
    Ok(EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref()).map_err(|e| format!("{e:?}"))?)
}

pub async fn run(a: Args) -> Result<serde_json::Value, AnyError> {
    let concurrency = a.concurrency.max(1);
    let url = http::token_url(&a.url, &a.tenant);
    let (id, secret) = a.basic.split_once(':').ok_or("--basic is ID:SECRET")?;
    let (id, secret) = (id.to_string(), secret.to_string());
    let rng = SystemRandom::new();
    let key = key(&rng)?;
    let header = header(&key);
    let iat = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs() as i64;
    let made = Instant::now();
    let proofs: Vec<String> = (0..a.proofs as u64).map(|j| proof(&key, &rng, &header, &url, j, iat)).collect();
    eprintln!("dpop: {} proofs made in {:.2} s", proofs.len(), made.elapsed().as_secs_f64());
    let proofs = Arc::new(Mutex::new(proofs));
    let body = format!(
        "grant_type=client_credentials&scope={}",
        a.scope.replace('%', "%25").replace(':', "%3A").replace('/', "%2F").replace(' ', "+")
    );
    let client = http::client(concurrency, Duration::from_secs(30))?;
    let attach: Attach = Arc::new(move |r: reqwest::RequestBuilder, proof: String| {
        r.basic_auth(&id, Some(&secret)).header("dpop", proof)
    });
    let run = closed_loop(client, url, body, proofs, concurrency, a.seconds, attach).await?;
    eprintln!(
        "dpop: c={concurrency}: {:.0} DPoP-bound tokens/s over {:.2} s, outcomes {:?}, p50 {:.3} ms, p99 {:.3} ms",
        run.ok_per_sec, run.elapsed, run.statuses, run.p50_ms, run.p99_ms
    );
    Ok(run.json("dpop-client-credentials", concurrency))
}

/// Adds one pre-made item (a proof, an assertion) and the client's credentials to a request.
pub type Attach = Arc<dyn Fn(reqwest::RequestBuilder, String) -> reqwest::RequestBuilder + Send + Sync>;

/// The outcome of [`closed_loop`].
pub struct Run {
    pub statuses: BTreeMap<String, u64>,
    pub elapsed: f64,
    pub ok_per_sec: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

impl Run {
    pub fn json(&self, scenario: &str, concurrency: usize) -> serde_json::Value {
        let ok = self.statuses.get("200").copied().unwrap_or(0);
        let total: u64 = self.statuses.values().sum();
        json!({
            "scenario": scenario,
            "concurrency": concurrency,
            "seconds": num(self.elapsed),
            "requests": total,
            "ok": ok,
            "ok_per_sec": num(self.ok_per_sec),
            "non2xx": total - ok,
            "outcomes": self.statuses,
            "p50_ms": num(self.p50_ms),
            "p99_ms": num(self.p99_ms),
        })
    }
}

/// `concurrency` workers POST `body` to `url` until `seconds` pass or `items` run out, each request
/// carrying one item (used once) through `attach`.
pub async fn closed_loop(
    client: reqwest::Client,
    url: String,
    body: String,
    items: Arc<Mutex<Vec<String>>>,
    concurrency: usize,
    seconds: f64,
    attach: Attach,
) -> Result<Run, AnyError> {
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(seconds);
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        let (client, url, body, items, attach) =
            (client.clone(), url.clone(), body.clone(), items.clone(), attach.clone());
        workers.spawn(async move {
            let mut statuses: BTreeMap<String, u64> = BTreeMap::new();
            let mut micros = Vec::new();
            while Instant::now() < deadline {
                let Some(item) = items.lock().expect("items").pop() else { break };
                let sent = Instant::now();
                let req =
                    client.post(&url).header("content-type", "application/x-www-form-urlencoded").body(body.clone());
                let res = attach(req, item).send().await;
                let key = match res {
                    Ok(r) => {
                        let status = r.status().as_u16();
                        let bytes = r.bytes().await.unwrap_or_default();
                        micros.push(sent.elapsed().as_micros() as u64);
                        if status == 200 { "200".to_string() } else { http::refusal_key(status, &bytes) }
                    }
                    Err(e) => transport_kind(&e),
                };
                *statuses.entry(key).or_default() += 1;
            }
            (statuses, micros)
        });
    }
    let mut statuses: BTreeMap<String, u64> = BTreeMap::new();
    let mut micros = Vec::new();
    while let Some(r) = workers.join_next().await {
        let (s, m) = r?;
        for (k, v) in s {
            *statuses.entry(k).or_default() += v;
        }
        micros.extend(m);
    }
    let elapsed = started.elapsed().as_secs_f64();
    let ok = statuses.get("200").copied().unwrap_or(0);
    let lat = summarize(micros);
    Ok(Run { ok_per_sec: ok as f64 / elapsed, elapsed, p50_ms: lat.p50_ms, p99_ms: lat.p99_ms, statuses })
}
