//! `flow`: the authorization-code flow with an existing session, as a browser that is already signed
//! in drives it: `GET /{tenant}/oauth2/v2.0/authorize` (session cookie) → 303 to the redirect URI with
//! `code` → `POST /{tenant}/oauth2/v2.0/token` (`authorization_code`, PKCE S256, client_secret_basic).
//!
//! Before the measured part the session is made once, through the real pages: the sign-in form
//! (`POST /{tenant}/login`) and, on first use, the consent form (`POST /{tenant}/consent`). All
//! workers share that session (one user signed in, many tabs). Cookies are handled here (the
//! workspace's reqwest has no cookie store); redirects are never followed (the redirect URI is not
//! listening).
//!
//! With `--par`, each flow first pushes its request (`POST /{tenant}/oauth2/v2.0/par`, RFC 9126,
//! client_secret_basic) and authorizes with only `client_id` and the `request_uri`: push →
//! authorize → token.
//!
//! If the server has no authorize endpoint (HTTP 404), the scenario is reported as skipped.
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::{COOKIE, HeaderMap, LOCATION, SET_COOKIE};
use serde_json::json;
use sigil_core::crypto::{b64url, sha256};
use sigil_core::rng::{SystemRng, token_256};

use crate::refresh::transport_kind;
use crate::stats::{num, summarize};
use crate::{AnyError, http};

#[derive(clap::Args)]
pub struct Args {
    /// Base URL of the server, e.g. http://127.0.0.1:8080
    #[arg(long)]
    url: String,
    #[arg(long, default_value = "contoso")]
    tenant: String,
    #[arg(long, default_value = "web-portal")]
    client_id: String,
    #[arg(long, default_value = "portal-secret-change-me-0123456789abcdef")]
    secret: String,
    #[arg(long, default_value = "http://127.0.0.1:5000/callback")]
    redirect_uri: String,
    #[arg(long, default_value = "openid profile offline_access")]
    scope: String,
    #[arg(long, default_value = "alice")]
    username: String,
    #[arg(long, default_value = "correct horse battery staple")]
    password: String,
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    /// Push each authorization request first (PAR) and authorize with its `request_uri`.
    #[arg(long)]
    par: bool,
    /// Other instances (base URLs) on the same database: codes are redeemed round-robin at `--url`
    /// and these, so a code one instance issued is redeemed at another.
    #[arg(long)]
    redeem_at: Vec<String>,
}

/// The cookies a browser would hold for the server (name → value; attributes ignored).
#[derive(Default, Clone)]
struct Jar(BTreeMap<String, String>);

impl Jar {
    fn absorb(&mut self, headers: &HeaderMap) {
        for v in headers.get_all(SET_COOKIE).iter().filter_map(|v| v.to_str().ok()) {
            if let Some((k, val)) = v.split(';').next().and_then(|c| c.trim().split_once('=')) {
                self.0.insert(k.to_string(), val.to_string());
            }
        }
    }
    fn header(&self) -> String {
        self.0.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }
}

/// The value of `<input ... name="NAME" value="VALUE">` or of `action="…"` in Sigil's pages.
fn attr_after<'a>(html: &'a str, marker: &str) -> Option<&'a str> {
    let start = html.find(marker)? + marker.len();
    let rest = &html[start..];
    Some(&rest[..rest.find('"')?])
}

fn hidden<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    attr_after(html, &format!("name=\"{name}\" value=\""))
}

/// `code` (and `state`) from the redirect's Location, or the error it carries.
fn code_from_location(location: &str) -> Result<(String, Option<String>), String> {
    let query = location.split_once('?').map(|(_, q)| q).unwrap_or("");
    let mut code = None;
    let mut state = None;
    let mut error = None;
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("code", v)) => code = Some(v.to_string()),
            Some(("state", v)) => state = Some(v.to_string()),
            Some(("error", v)) => error = Some(v.to_string()),
            _ => {}
        }
    }
    match (code, error) {
        (Some(c), _) => Ok((c, state)),
        (None, Some(e)) => Err(format!("redirect with error={e}")),
        (None, None) => Err("redirect without code".into()),
    }
}

struct Pkce {
    verifier: String,
    challenge: String,
}

fn pkce() -> Pkce {
    let verifier = token_256(&SystemRng);
    let challenge = b64url(&sha256(verifier.as_bytes()));
    Pkce { verifier, challenge }
}

struct Ctx {
    client: reqwest::Client,
    base: String,
    authorize_url: String,
    par_url: String,
    token_urls: Vec<String>,
    /// Which of `token_urls` the next redemption goes to.
    turn: std::sync::atomic::AtomicUsize,
    a: Args,
}

impl Ctx {
    /// The authorization request's parameters.
    fn request<'a>(&'a self, p: &'a Pkce, state: &'a str, nonce: &'a str) -> [(&'a str, &'a str); 8] {
        [
            ("client_id", self.a.client_id.as_str()),
            ("response_type", "code"),
            ("redirect_uri", self.a.redirect_uri.as_str()),
            ("scope", self.a.scope.as_str()),
            ("state", state),
            ("nonce", nonce),
            ("code_challenge", p.challenge.as_str()),
            ("code_challenge_method", "S256"),
        ]
    }

    fn authorize(&self, p: &Pkce, state: &str, jar: &Jar) -> reqwest::RequestBuilder {
        let nonce = token_256(&SystemRng);
        self.client.get(&self.authorize_url).query(&self.request(p, state, &nonce)).header(COOKIE, jar.header())
    }

    /// RFC 9126 §2.1: the request pushed with the client's credentials; its `request_uri`.
    async fn push(&self, p: &Pkce, state: &str) -> Result<String, String> {
        let nonce = token_256(&SystemRng);
        let res = self
            .client
            .post(&self.par_url)
            .basic_auth(&self.a.client_id, Some(&self.a.secret))
            .form(&self.request(p, state, &nonce)[1..])
            .send()
            .await
            .map_err(|e| format!("par {}", transport_kind(&e)))?;
        let status = res.status().as_u16();
        let body = res.bytes().await.map_err(|e| format!("par {}", transport_kind(&e)))?;
        if status != 201 {
            return Err(format!("par {}", http::refusal_key(status, &body)));
        }
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        v["request_uri"].as_str().map(str::to_string).ok_or_else(|| "par 201 without request_uri".into())
    }

    fn authorize_pushed(&self, request_uri: &str, jar: &Jar) -> reqwest::RequestBuilder {
        self.client
            .get(&self.authorize_url)
            .query(&[("client_id", self.a.client_id.as_str()), ("request_uri", request_uri)])
            .header(COOKIE, jar.header())
    }

    fn redeem(&self, code: &str, p: &Pkce) -> reqwest::RequestBuilder {
        let turn = self.turn.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let url = &self.token_urls[turn % self.token_urls.len()];
        self.client.post(url).basic_auth(&self.a.client_id, Some(&self.a.secret)).form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", self.a.redirect_uri.as_str()),
            ("code_verifier", p.verifier.as_str()),
        ])
    }

    /// POSTs a sign-in or consent form found in `html`, with `extra` fields.
    async fn submit(&self, html: &str, jar: &mut Jar, extra: &[(&str, &str)]) -> Result<reqwest::Response, AnyError> {
        let action = attr_after(html, "action=\"").ok_or("page has no form")?;
        let csrf = hidden(html, "csrf_token").ok_or("form has no csrf_token")?;
        let interaction = hidden(html, "interaction").ok_or("form has no interaction")?;
        let mut fields = vec![("csrf_token", csrf), ("interaction", interaction)];
        fields.extend_from_slice(extra);
        let res = self
            .client
            .post(format!("{}{action}", self.base))
            .header(COOKIE, jar.header())
            .form(&fields)
            .send()
            .await?;
        jar.absorb(res.headers());
        Ok(res)
    }

    /// Signs in through the sign-in page (and consents if asked): returns the browser's cookies.
    async fn sign_in(&self) -> Result<Jar, AnyError> {
        let mut jar = Jar::default();
        let p = pkce();
        let res = self.authorize(&p, "setup", &jar).send().await?;
        jar.absorb(res.headers());
        let status = res.status();
        let page = res.text().await?;
        if status != StatusCode::OK || hidden(&page, "interaction").is_none() {
            return Err(format!("authorize without a session: expected the sign-in page, got HTTP {status}").into());
        }
        let mut res =
            self.submit(&page, &mut jar, &[("username", &self.a.username), ("password", &self.a.password)]).await?;
        if res.status() == StatusCode::OK {
            let page = res.text().await?;
            if page.contains("name=\"password\"") {
                return Err(format!("sign-in as '{}' failed (the sign-in page came back)", self.a.username).into());
            }
            res = self.submit(&page, &mut jar, &[("decision", "accept")]).await?;
        }
        let location = res.headers().get(LOCATION).and_then(|l| l.to_str().ok()).map(str::to_string);
        let Some(location) = location.filter(|_| res.status().is_redirection()) else {
            return Err(format!("sign-in/consent ended with HTTP {} instead of a redirect", res.status()).into());
        };
        let (code, _) = code_from_location(&location)?;
        let res = self.redeem(&code, &p).send().await?;
        if !res.status().is_success() {
            let status = res.status().as_u16();
            return Err(format!("first code redemption: {}", http::refusal_key(status, &res.bytes().await?)).into());
        }
        if !jar.0.keys().any(|k| k.trim_start_matches("__Host-").starts_with("sigil_session_")) {
            return Err("signed in, but no session cookie was set".into());
        }
        Ok(jar)
    }
}

#[derive(Default)]
struct Tally {
    ok: u64,
    failed: BTreeMap<String, u64>,
    flow_us: Vec<u64>,
    authorize_us: Vec<u64>,
    token_us: Vec<u64>,
    push_us: Vec<u64>,
}

/// One measured flow: authorize (with the session) → code → token.
async fn one_flow(ctx: &Ctx, jar: &Jar, t: &mut Tally) -> Result<(), String> {
    let p = pkce();
    let state = token_256(&SystemRng);
    let start = Instant::now();
    let request = if ctx.a.par {
        let request_uri = ctx.push(&p, &state).await?;
        t.push_us.push(start.elapsed().as_micros() as u64);
        ctx.authorize_pushed(&request_uri, jar)
    } else {
        ctx.authorize(&p, &state, jar)
    };
    let t_authorize = Instant::now();
    let res = request.send().await.map_err(|e| format!("authorize {}", transport_kind(&e)))?;
    let status = res.status();
    let location = res.headers().get(LOCATION).and_then(|l| l.to_str().ok()).map(str::to_string);
    let _ = res.bytes().await;
    t.authorize_us.push(t_authorize.elapsed().as_micros() as u64);
    let location = location
        .filter(|_| status.is_redirection())
        .ok_or_else(|| format!("authorize {} (no redirect: session not used?)", status.as_u16()))?;
    let (code, got_state) = code_from_location(&location).map_err(|e| format!("authorize {e}"))?;
    if got_state.as_deref() != Some(state.as_str()) {
        return Err("authorize: state not echoed".into());
    }
    let t_token = Instant::now();
    let res = ctx.redeem(&code, &p).send().await.map_err(|e| format!("token {}", transport_kind(&e)))?;
    let status = res.status().as_u16();
    let body = res.bytes().await.map_err(|e| format!("token {}", transport_kind(&e)))?;
    t.token_us.push(t_token.elapsed().as_micros() as u64);
    if !(200..300).contains(&status) {
        return Err(format!("token {}", http::refusal_key(status, &body)));
    }
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    if v.get("access_token").is_none() || v.get("id_token").is_none() {
        return Err("token 200 without access_token/id_token".into());
    }
    t.flow_us.push(start.elapsed().as_micros() as u64);
    Ok(())
}

pub async fn run(a: Args) -> Result<serde_json::Value, AnyError> {
    let concurrency = a.concurrency.max(1);
    let base = a.url.trim_end_matches('/').to_string();
    let client = reqwest::Client::builder()
        .http1_only()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(concurrency)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(30))
        .no_proxy()
        .build()?;
    let authorize_url = format!("{base}/{}/oauth2/v2.0/authorize", a.tenant);
    let probe = client.get(&authorize_url).send().await?.status().as_u16();
    if probe == 404 {
        let reason = "skipped: authorize endpoint not built";
        eprintln!("flow: GET {authorize_url} -> HTTP 404; {reason}");
        return Ok(json!({ "scenario": "flow", "skipped": true, "reason": reason }));
    }
    let token_urls =
        std::iter::once(&base).chain(&a.redeem_at).map(|b| http::token_url(b, &a.tenant)).collect::<Vec<_>>();
    let par_url = format!("{base}/{}/oauth2/v2.0/par", a.tenant);
    let ctx = Arc::new(Ctx { token_urls, turn: Default::default(), client, base, authorize_url, par_url, a });
    let jar = Arc::new(ctx.sign_in().await?);
    eprintln!(
        "flow: signed in as '{}' through the sign-in/consent pages; session shared by {concurrency} workers",
        ctx.a.username
    );

    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(ctx.a.seconds);
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        let (ctx, jar) = (ctx.clone(), jar.clone());
        workers.spawn(async move {
            let mut t = Tally::default();
            while Instant::now() < deadline {
                match one_flow(&ctx, &jar, &mut t).await {
                    Ok(()) => t.ok += 1,
                    Err(e) => *t.failed.entry(e).or_default() += 1,
                }
            }
            t
        });
    }
    let mut total = Tally::default();
    while let Some(t) = workers.join_next().await {
        let t = t?;
        total.ok += t.ok;
        for (k, v) in t.failed {
            *total.failed.entry(k).or_default() += v;
        }
        total.flow_us.extend(t.flow_us);
        total.authorize_us.extend(t.authorize_us);
        total.token_us.extend(t.token_us);
        total.push_us.extend(t.push_us);
    }
    let elapsed = started.elapsed().as_secs_f64();
    let failed: u64 = total.failed.values().sum();
    let flow = summarize(std::mem::take(&mut total.flow_us));
    let authorize = summarize(std::mem::take(&mut total.authorize_us));
    let token = summarize(std::mem::take(&mut total.token_us));
    let push = summarize(std::mem::take(&mut total.push_us));
    eprintln!(
        "flow{}: {} complete flows in {elapsed:.2} s, c={concurrency} ({:.0}/s), {failed} failed {:?}; flow p50 {:.2} ms \
         p99 {:.2} ms ({}authorize p50 {:.2} ms, token p50 {:.2} ms)",
        if ctx.a.par { " (PAR)" } else { "" },
        total.ok,
        total.ok as f64 / elapsed,
        total.failed,
        flow.p50_ms,
        flow.p99_ms,
        if ctx.a.par { format!("push p50 {:.2} ms, ", push.p50_ms) } else { String::new() },
        authorize.p50_ms,
        token.p50_ms
    );
    Ok(json!({
        "scenario": "flow",
        "skipped": false,
        "par": ctx.a.par,
        "concurrency": concurrency,
        "seconds": num(elapsed),
        "ok": total.ok,
        "ok_per_sec": num(total.ok as f64 / elapsed),
        "failed": failed,
        "failed_by_step": total.failed,
        "latency": flow.to_json(),
        "authorize_latency": authorize.to_json(),
        "token_latency": token.to_json(),
        "push_latency": push.to_json(),
        "p50_ms": num(flow.p50_ms),
        "p99_ms": num(flow.p99_ms),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_and_redirect_parsing() {
        let html = r#"<form method="post" action="/abc/login" novalidate>
  <input type="hidden" name="csrf_token" value="C1">
  <input type="hidden" name="interaction" value="I2">"#;
        assert_eq!(attr_after(html, "action=\""), Some("/abc/login"));
        assert_eq!(hidden(html, "csrf_token"), Some("C1"));
        assert_eq!(hidden(html, "interaction"), Some("I2"));
        assert_eq!(hidden(html, "missing"), None);
        let (c, s) = code_from_location("http://127.0.0.1:5000/callback?code=XYZ&state=S&iss=http%3A%2F%2Fh").unwrap();
        assert_eq!((c.as_str(), s.as_deref()), ("XYZ", Some("S")));
        assert!(code_from_location("http://x/cb?error=access_denied").unwrap_err().contains("access_denied"));
        let mut h = HeaderMap::new();
        h.append(SET_COOKIE, "a=1; Path=/; HttpOnly".parse().unwrap());
        h.append(SET_COOKIE, "b=2; Max-Age=9".parse().unwrap());
        let mut jar = Jar::default();
        jar.absorb(&h);
        assert_eq!(jar.header(), "a=1; b=2");
    }
}
