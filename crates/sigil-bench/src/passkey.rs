//! `passkey` (issue 21): what a passkey costs.
//! 1. Assertion verifications per second on one core: `webauthn-rs` checking prepared assertions
//!    (parse, client data, authenticator data, ES256 signature) in a loop, the ceremony state and
//!    the credential made once, as Sigil's `finish_assertion` calls it (without the two store
//!    calls, which the HTTP figure includes).
//! 2. With `--url`: full passwordless sign-ins per second over HTTP, closed loop: the sign-in page
//!    (its discoverable ceremony), the assertion posted, consent already given, the code redeemed
//!    at the token endpoint. The server's public URL must be a domain (`http://localhost:PORT`) and
//!    have `crates/sigil-testkit/fixtures/passkeys.toml` imported; a passkey is registered for the
//!    user first (after a password sign-in, on the account page). It is counterless (a synced
//!    passkey), so concurrent sign-ins do not race on one counter.
use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sigil_testkit::browser::{Agent, param};
use sigil_testkit::passkey::{SoftPasskey, page_options};
use webauthn_rs::prelude::{PublicKeyCredential, RegisterPublicKeyCredential, Url, Uuid, WebauthnBuilder};

use crate::AnyError;
use crate::stats::num;

const REDIRECT: &str = "http://127.0.0.1/callback";
const CHALLENGE: &str = "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

#[derive(clap::Args, Clone)]
pub struct Args {
    /// Seconds of the verification loop.
    #[arg(long, default_value_t = 3.0)]
    seconds: f64,
    /// A server to sign in against (`http://localhost:PORT`); without it only the loop runs.
    #[arg(long)]
    url: Option<String>,
    #[arg(long, default_value = "pk-corp")]
    tenant: String,
    #[arg(long, default_value = "pk-app")]
    client_id: String,
    #[arg(long, default_value = "quinn")]
    username: String,
    #[arg(long, default_value = "quinn-password-0123")]
    password: String,
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    /// Seconds of the HTTP sign-in load.
    #[arg(long, default_value_t = 10.0)]
    http_seconds: f64,
}

pub async fn run(a: Args) -> Result<Value, AnyError> {
    let per_second = tokio::task::spawn_blocking(move || verify_loop(a.seconds)).await??;
    eprintln!("passkey: {} assertion verifications/s on one core", num(per_second));
    let mut out = json!({ "verifications_per_second_one_core": per_second });
    if let Some(url) = a.url.as_deref() {
        let (signins, elapsed, failed) = http_signins(&a, url).await?;
        let rate = signins as f64 / elapsed.as_secs_f64();
        eprintln!("passkey: {} full passkey sign-ins/s over HTTP (c={}, {failed} failed)", num(rate), a.concurrency);
        out["signins_per_second"] = json!(rate);
        out["signins"] = json!(signins);
        out["failed"] = json!(failed);
        out["concurrency"] = json!(a.concurrency);
    }
    Ok(out)
}

/// Registers one software passkey with `webauthn-rs`, prepares assertions, then times verifying
/// them on this thread.
fn verify_loop(seconds: f64) -> Result<f64, AnyError> {
    let origin = Url::parse("http://localhost:8080")?;
    let wa = WebauthnBuilder::new("localhost", &origin)?.build()?;
    let mut key = SoftPasskey::new(origin.as_str());
    let (ccr, reg) = wa.start_passkey_registration(Uuid::new_v4(), "bench", "Bench", None)?;
    let response: RegisterPublicKeyCredential = serde_json::from_str(&key.register(&serde_json::to_value(&ccr)?))?;
    let passkey = wa.finish_passkey_registration(&response, &reg)?;
    let prepared: Vec<_> = (0..256)
        .map(|_| {
            let (rcr, state) = wa.start_discoverable_authentication().expect("start");
            let answer = key.assert(&serde_json::to_value(&rcr).expect("options"));
            (answer, state)
        })
        .collect();
    let budget = Duration::from_secs_f64(seconds.max(0.1));
    let started = Instant::now();
    let mut n = 0u64;
    while started.elapsed() < budget {
        for (answer, state) in &prepared {
            let cred: PublicKeyCredential = serde_json::from_str(answer)?;
            black_box(wa.finish_discoverable_authentication_v2(&cred, state.clone(), &passkey)?);
            n += 1;
        }
    }
    Ok(n as f64 / started.elapsed().as_secs_f64())
}

fn authorize(a: &Args) -> String {
    format!(
        "/{}/oauth2/v2.0/authorize?client_id={}&response_type=code&redirect_uri={REDIRECT}&scope=openid&state=s&{CHALLENGE}",
        a.tenant, a.client_id
    )
}

/// One passwordless sign-in: page, assertion, code, token. `Err` names what failed.
async fn sign_in(a: &Args, url: &str, http: &reqwest::Client, key: &SoftPasskey) -> Result<(), String> {
    let mut agent = Agent::new(http.clone(), url);
    let page = agent.get(&authorize(a)).await;
    let options = page_options(&page.body, "passkey-form").ok_or("no passkey options")?;
    let challenge = options["publicKey"]["challenge"].as_str().ok_or("no challenge")?;
    let answer = key.assertion(challenge, 0);
    let (csrf, interaction) =
        (page.input("csrf_token").unwrap_or_default(), page.input("interaction").unwrap_or_default());
    let fields =
        [("csrf_token", csrf.as_str()), ("interaction", interaction.as_str()), ("credential", answer.as_str())];
    let done = agent.post(&format!("/{}/passkey", a.tenant), &fields).await;
    let code =
        done.location.as_deref().and_then(|l| param(l, "code")).ok_or_else(|| format!("no code ({})", done.status))?;
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", a.client_id.as_str()),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
    ];
    let r = http
        .post(format!("{url}/{}/oauth2/v2.0/token", a.tenant))
        .form(&form)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if r.status().is_success() { Ok(()) } else { Err(format!("token: {}", r.status())) }
}

/// Registers a counterless passkey for the user (password sign-in, consent, account page), then
/// runs `concurrency` sign-in loops for the duration.
async fn http_signins(a: &Args, url: &str) -> Result<(u64, Duration, u64), AnyError> {
    let url = url.trim_end_matches('/').to_string();
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?;
    let mut agent = Agent::new(http.clone(), &url);
    let mut page = agent.get(&authorize(a)).await;
    page = agent.submit(&page, &[("username", &a.username), ("password", &a.password)]).await;
    if page.is_consent() {
        agent.submit(&page, &[("decision", "accept")]).await;
    }
    let account = format!("/{}/account/passkeys", a.tenant);
    let page = agent.get(&account).await;
    let mut key = SoftPasskey::new(&url);
    (key.counter, key.synced) = (None, true);
    let options = page_options(&page.body, "passkey-form").ok_or("no account page (signed in?)")?;
    let answer = key.register(&options);
    let (form, csrf) = (page.input("form").unwrap_or_default(), page.input("csrf_token").unwrap_or_default());
    let added = agent
        .post(
            &account,
            &[("form", &form), ("csrf_token", &csrf), ("action", "add"), ("name", "bench"), ("credential", &answer)],
        )
        .await;
    if !added.body.contains("passkeys-notice") {
        return Err(format!("registration failed ({})", added.status).into());
    }
    let (a, key) = (Arc::new(a.clone()), Arc::new(key));
    let (ok, failed, stop) =
        (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)), Arc::new(AtomicBool::new(false)));
    sign_in(&a, &url, &http, &key).await.map_err(|e| format!("first sign-in: {e}"))?;
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..a.concurrency.max(1) {
        let (a, key, http, url) = (a.clone(), key.clone(), http.clone(), url.clone());
        let (ok, failed, stop) = (ok.clone(), failed.clone(), stop.clone());
        workers.spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                match sign_in(&a, &url, &http, &key).await {
                    Ok(()) => ok.fetch_add(1, Ordering::Relaxed),
                    Err(_) => failed.fetch_add(1, Ordering::Relaxed),
                };
            }
        });
    }
    tokio::time::sleep(Duration::from_secs_f64(a.http_seconds.max(0.5))).await;
    stop.store(true, Ordering::Relaxed);
    while workers.join_next().await.is_some() {}
    Ok((ok.load(Ordering::Relaxed), started.elapsed(), failed.load(Ordering::Relaxed)))
}
