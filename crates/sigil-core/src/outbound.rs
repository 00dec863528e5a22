//! Documents Sigil fetches from other servers: a client's `jwks_uri` (RFC 7591 §2), an external
//! issuer's discovery document and JWKS (federated credentials, trusted JWT-bearer issuers), a
//! Client ID Metadata Document. The protocol layer asks through [`Fetcher`]; sigil-http implements
//! it with an HTTP client that refuses private addresses (server-side request forgery), bounds size
//! and time, and caches by the response's HTTP caching headers.
use std::sync::Arc;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::clock::UnixTime;

/// A fetched JSON document and how long it may be reused.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched {
    pub json: serde_json::Value,
    pub fetched_at: UnixTime,
    /// Reused from the cache until this time.
    pub fresh_until: UnixTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchMode {
    /// A cached copy is used while fresh.
    Cached,
    /// Fetch again unless the document was fetched less than `outbound.refresh_min_interval` ago
    /// (a key id not in the cached JWKS: the other server may have rotated). Bounded so that
    /// requests naming random key ids cannot make Sigil hammer the other server.
    Refresh,
}

/// Why a document could not be fetched. The message is safe to log and to show an operator; it
/// never contains the document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("not a valid absolute URL")]
    InvalidUrl,
    #[error("only https URLs are fetched")]
    NotHttps,
    #[error("the host resolves to a private, loopback or otherwise non-public address ({0})")]
    ForbiddenAddress(String),
    #[error("no answer within the time limit")]
    Timeout,
    #[error("the response is larger than {0} bytes")]
    TooLarge(usize),
    #[error("the server answered with a redirect, which is not followed")]
    Redirect,
    #[error("the server answered HTTP {0}")]
    Status(u16),
    #[error("the response is not a JSON document")]
    NotJson,
    #[error("connection failed (or the host name could not be resolved)")]
    Connection,
}

#[async_trait]
pub trait Fetcher: Send + Sync {
    /// GET `url` as JSON.
    async fn get_json(&self, url: &str, mode: FetchMode) -> Result<Arc<Fetched>, FetchError>;
}

/// `[outbound]` settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OutboundSettings {
    /// Allow fetching from loopback, private, link-local and other non-public addresses. Off:
    /// a registered URL cannot be used to reach the deployment's internal network.
    pub allow_private_addresses: bool,
    /// Allow plain `http` URLs (for tests and closed networks).
    pub allow_http: bool,
    /// Seconds a whole fetch (connect, headers, body) may take.
    pub timeout: u64,
    /// Largest accepted response body in bytes.
    pub max_body: usize,
    /// Bounds on how long a document is reused, whatever its caching headers say: at least
    /// `cache_min` seconds (also for `no-store`/`no-cache`, so that a document cannot make every
    /// token request fetch again), at most `cache_max`.
    pub cache_min: i64,
    pub cache_max: i64,
    /// Seconds a document without caching headers is reused.
    pub cache_default: i64,
    /// Seconds between forced refreshes of one document ([`FetchMode::Refresh`]).
    pub refresh_min_interval: i64,
    /// Documents kept in the cache; the stalest is dropped past this.
    pub cache_entries: usize,
}

impl Default for OutboundSettings {
    fn default() -> Self {
        Self {
            allow_private_addresses: false,
            allow_http: false,
            timeout: 5,
            max_body: 256 * 1024,
            cache_min: 60,
            cache_max: 86_400,
            cache_default: 300,
            refresh_min_interval: 30,
            cache_entries: 1_000,
        }
    }
}

/// Seconds a response may be reused, from its `Cache-Control` (RFC 9111 §5.2.2: `no-store`,
/// `no-cache`, `max-age`; this is a private cache, so `s-maxage` does not apply) or, failing that,
/// the default; clamped to the settings' bounds.
pub fn freshness(cache_control: Option<&str>, s: &OutboundSettings) -> i64 {
    let mut lifetime = None;
    if let Some(cc) = cache_control {
        for directive in cc.split(',').take(32) {
            let d = directive.trim();
            let (name, value) = d.split_once('=').map_or((d, ""), |(n, v)| (n.trim(), v.trim().trim_matches('"')));
            if name.eq_ignore_ascii_case("no-store") || name.eq_ignore_ascii_case("no-cache") {
                lifetime = Some(0);
                break;
            }
            if name.eq_ignore_ascii_case("max-age")
                && let Ok(v) = value.parse::<i64>()
            {
                lifetime = Some(v);
            }
        }
    }
    lifetime.unwrap_or(s.cache_default).clamp(s.cache_min, s.cache_max.max(s.cache_min))
}

/// Whether Sigil may connect to `ip` when private addresses are not allowed: only globally routable
/// unicast addresses. IPv4-mapped and NAT64 IPv6 addresses are judged by the IPv4 address inside.
pub fn is_public(ip: std::net::IpAddr) -> bool {
    use std::net::{IpAddr, Ipv4Addr};
    fn v4(a: Ipv4Addr) -> bool {
        let [o0, o1, ..] = a.octets();
        !(a.is_private()
            || a.is_loopback()
            || a.is_link_local()
            || a.is_unspecified()
            || a.is_broadcast()
            || a.is_multicast()
            || a.is_documentation()
            || o0 == 0
            || (o0 == 100 && (o1 & 0xc0) == 64) // 100.64.0.0/10 shared address space
            || (o0 == 192 && o1 == 0 && a.octets()[2] == 0) // 192.0.0.0/24 protocol assignments
            || (o0 == 198 && (o1 & 0xfe) == 18) // 198.18.0.0/15 benchmarking
            || o0 >= 240) // reserved
    }
    match ip {
        IpAddr::V4(a) => v4(a),
        IpAddr::V6(a) => {
            if let Some(m) = a.to_ipv4_mapped() {
                return v4(m);
            }
            let s = a.segments();
            // 64:ff9b::/96 (NAT64) embeds an IPv4 address in its last 32 bits.
            if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
                return v4(Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8));
            }
            !(a.is_loopback()
                || a.is_unspecified()
                || a.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local
                || (s[0] & 0xffc0) == 0xfe80 // link-local
                || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
                || s[0] == 0 && s[1..6] == [0, 0, 0, 0, 0]) // IPv4-compatible (deprecated)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_unicast_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a9fe:a9fe",
            "::7f00:1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private} must not be public");
        }
        for public in ["8.8.8.8", "1.1.1.1", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"] {
            assert!(is_public(public.parse().unwrap()), "{public} is public");
        }
    }

    #[test]
    fn freshness_follows_cache_control_within_bounds() {
        let s = OutboundSettings::default();
        assert_eq!(freshness(None, &s), 300);
        assert_eq!(freshness(Some("public, max-age=3600"), &s), 3600);
        assert_eq!(freshness(Some("max-age=\"7200\""), &s), 7200);
        assert_eq!(freshness(Some("max-age=5"), &s), 60, "raised to cache_min");
        assert_eq!(freshness(Some("no-store"), &s), 60, "no-store still bounded below");
        assert_eq!(freshness(Some("max-age=99999999"), &s), 86_400);
        assert_eq!(freshness(Some("max-age=junk"), &s), 300);
    }
}
