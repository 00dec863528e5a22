//! The [`Fetcher`] Sigil uses for documents on other servers, guarded against server-side request
//! forgery (RFC 9700 §4.16 discusses SSRF through client-supplied URLs; RFC 7591 §5 warns that
//! `jwks_uri` and similar metadata make the server fetch attacker-chosen URLs):
//! - only `https` (unless `outbound.allow_http`);
//! - every address the host resolves to must be public (checked in the resolver the connection
//!   uses, so a DNS answer cannot change between check and connect), and IP-literal hosts are
//!   checked before connecting; `outbound.allow_private_addresses` lifts this for tests and closed
//!   networks;
//! - redirects are refused, not followed (a redirect could point inside);
//! - the whole fetch is bounded in time and the body in size; no proxy from the environment;
//! - documents are cached by their `Cache-Control` within configured bounds, failures for
//!   `outbound.refresh_min_interval` (a URL that times out costs one fetch per interval, not one
//!   per request).
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use sigil_core::clock::{SharedClock, UnixTime};
use sigil_core::outbound::{FetchError, FetchMode, Fetched, Fetcher, OutboundSettings, freshness, is_public};

pub struct HttpFetcher {
    http: reqwest::Client,
    settings: OutboundSettings,
    clock: SharedClock,
    cache: Mutex<HashMap<String, Entry>>,
}

#[derive(Clone)]
struct Entry {
    result: Result<Arc<Fetched>, FetchError>,
    fetched_at: UnixTime,
    /// Until when `result` is reused by a [`FetchMode::Cached`] request.
    until: UnixTime,
}

/// Resolves with the system resolver and refuses hosts with any non-public address.
struct PublicOnly;

#[derive(Debug)]
struct Forbidden(IpAddr);

impl std::fmt::Display for Forbidden {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "forbidden address {}", self.0)
    }
}
impl std::error::Error for Forbidden {}

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            if let Some(bad) = addrs.iter().find(|a| !is_public(a.ip())) {
                return Err(Box::new(Forbidden(bad.ip())) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

impl HttpFetcher {
    pub fn new(settings: OutboundSettings, clock: SharedClock) -> Result<Self, reqwest::Error> {
        let mut b = reqwest::Client::builder()
            .timeout(Duration::from_secs(settings.timeout.max(1)))
            .connect_timeout(Duration::from_secs(settings.timeout.clamp(1, 3)))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .user_agent(concat!("sigil/", env!("CARGO_PKG_VERSION")));
        if !settings.allow_private_addresses {
            b = b.dns_resolver(Arc::new(PublicOnly));
        }
        Ok(Self { http: b.build()?, settings, clock, cache: Mutex::new(HashMap::new()) })
    }

    fn cached(&self, url: &str) -> Option<Entry> {
        self.cache.lock().unwrap_or_else(|p| p.into_inner()).get(url).cloned()
    }

    fn remember(&self, url: &str, entry: Entry) {
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if cache.len() >= self.settings.cache_entries.max(1) && !cache.contains_key(url) {
            let stalest = cache.iter().min_by_key(|(_, e)| e.until).map(|(k, _)| k.clone());
            if let Some(k) = stalest {
                cache.remove(&k);
            }
        }
        cache.insert(url.to_string(), entry);
    }

    fn check_url(&self, url: &str) -> Result<url::Url, FetchError> {
        let u = url::Url::parse(url).map_err(|_| FetchError::InvalidUrl)?;
        match u.scheme() {
            "https" => {}
            "http" if self.settings.allow_http => {}
            _ => return Err(FetchError::NotHttps),
        }
        let ip = match u.host() {
            None => return Err(FetchError::InvalidUrl),
            Some(url::Host::Ipv4(a)) => Some(IpAddr::V4(a)),
            Some(url::Host::Ipv6(a)) => Some(IpAddr::V6(a)),
            Some(url::Host::Domain(_)) => None,
        };
        // The resolver never sees IP literals.
        if let Some(ip) = ip
            && !self.settings.allow_private_addresses
            && !is_public(ip)
        {
            return Err(FetchError::ForbiddenAddress(ip.to_string()));
        }
        Ok(u)
    }

    async fn fetch(&self, url: url::Url, now: UnixTime) -> Result<(Fetched, i64), FetchError> {
        let resp = self.http.get(url).header("accept", "application/json").send().await.map_err(classify)?;
        let status = resp.status();
        if status.is_redirection() {
            return Err(FetchError::Redirect);
        }
        if !status.is_success() {
            return Err(FetchError::Status(status.as_u16()));
        }
        let max = self.settings.max_body;
        if resp.content_length().is_some_and(|n| n > max as u64) {
            return Err(FetchError::TooLarge(max));
        }
        let ttl =
            freshness(resp.headers().get(reqwest::header::CACHE_CONTROL).and_then(|v| v.to_str().ok()), &self.settings);
        let mut resp = resp;
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(classify)? {
            if body.len() + chunk.len() > max {
                return Err(FetchError::TooLarge(max));
            }
            body.extend_from_slice(&chunk);
        }
        let json = serde_json::from_slice(&body).map_err(|_| FetchError::NotJson)?;
        Ok((Fetched { json, fetched_at: now, fresh_until: now + ttl }, ttl))
    }
}

fn classify(e: reqwest::Error) -> FetchError {
    if e.is_timeout() {
        return FetchError::Timeout;
    }
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        if let Some(Forbidden(ip)) = s.downcast_ref::<Forbidden>() {
            return FetchError::ForbiddenAddress(ip.to_string());
        }
        source = s.source();
    }
    FetchError::Connection
}

#[async_trait]
impl Fetcher for HttpFetcher {
    async fn get_json(&self, url: &str, mode: FetchMode) -> Result<Arc<Fetched>, FetchError> {
        let now = self.clock.now();
        if let Some(e) = self.cached(url) {
            let refresh_allowed = now - e.fetched_at >= self.settings.refresh_min_interval;
            if now < e.until && (mode == FetchMode::Cached || !refresh_allowed) {
                return e.result;
            }
        }
        let parsed = self.check_url(url)?;
        let result = self.fetch(parsed, now).await;
        let (result, until) = match result {
            Ok((doc, ttl)) => (Ok(Arc::new(doc)), now + ttl),
            Err(e) => {
                tracing::warn!(url, error = %e, "outbound fetch failed");
                (Err(e), now + self.settings.refresh_min_interval)
            }
        };
        self.remember(url, Entry { result: result.clone(), fetched_at: now, until });
        result
    }
}
