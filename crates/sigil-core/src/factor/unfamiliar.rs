//! Issue 21: the unfamiliar sign-in policy (`mfa = "unfamiliar"` on a tenant, an application or a
//! group). A sign-in is unfamiliar when it comes from a device or a network the user has not
//! completed a sign-in from before; it then needs a second factor.
//!
//! - The device is a long-lived cookie holding a random 256-bit id (set by the HTTP crate); the
//!   store keeps only its SHA-256, at most [`KEEP_PER_KIND`] per user (the least recently seen go).
//! - The network is the source address's prefix (/24 IPv4, /64 IPv6: one home or office line,
//!   one IPv6 subnet), the address the server computes through its trusted proxies. It is stored
//!   as a keyed hash under the master key (the prefix space is small enough to enumerate).
//! - A device or network becomes known only when a sign-in completes (with every factor the
//!   policy asked for): a password alone from a new place never makes that place familiar.
use std::net::IpAddr;

use uuid::Uuid;

use crate::context::Context;
use crate::crypto::token_hash;
use crate::error::SigilError;
use crate::model::{KnownSignal, SignalKind};

/// Devices (and, separately, networks) remembered per user.
pub const KEEP_PER_KIND: i64 = 20;

/// Lifetime of the device cookie: 400 days, the longest a browser keeps a cookie
/// (RFC 6265bis §5.6.1 caps Max-Age there).
pub const DEVICE_COOKIE_LIFETIME: i64 = 400 * 24 * 3600;

/// What the request says about where the sign-in comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signals {
    /// The device cookie's value; `None` when the browser has none (a new device).
    pub device: Option<String>,
    /// The network prefix of the source address; `None` when the source is not an address.
    pub network: Option<String>,
}

impl Signals {
    pub fn new(device_cookie: Option<String>, source: &str) -> Self {
        Self { device: device_cookie, network: network_prefix(source) }
    }

    fn hashes(&self, ctx: &Context) -> Vec<(SignalKind, Vec<u8>)> {
        let mut v = Vec::with_capacity(2);
        if let Some(d) = &self.device {
            v.push((SignalKind::Device, token_hash(d)));
        }
        if let Some(n) = &self.network {
            v.push((SignalKind::Network, ctx.master.secret_hash(&format!("network:{n}"))));
        }
        v
    }
}

/// The network prefix of an address: /24 for IPv4 (and IPv4-mapped IPv6), /64 for IPv6.
pub fn network_prefix(source: &str) -> Option<String> {
    match source.parse::<IpAddr>().ok()?.to_canonical() {
        IpAddr::V4(a) => {
            let o = a.octets();
            Some(format!("{}.{}.{}.0/24", o[0], o[1], o[2]))
        }
        IpAddr::V6(a) => {
            let s = a.segments();
            let p = std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
            Some(format!("{p}/64"))
        }
    }
}

/// How the sign-in's signals compare with the user's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Familiarity {
    pub device_known: bool,
    pub network_known: bool,
    pub network: Option<String>,
}

impl Familiarity {
    pub fn is_familiar(&self) -> bool {
        self.device_known && self.network_known
    }

    /// The sign-in log's `signals` field: `device=new network=known 203.0.113.0/24`.
    pub fn describe(&self) -> String {
        let w = |k: bool| if k { "known" } else { "new" };
        let net = self.network.as_deref().unwrap_or("unknown");
        format!("device={} network={} {net}", w(self.device_known), w(self.network_known))
    }
}

/// Compares the signals with what the user completed sign-ins from (one store read).
pub async fn check(ctx: &Context, tenant: Uuid, user: Uuid, signals: &Signals) -> Result<Familiarity, SigilError> {
    let known = ctx.store.known_signals(tenant, user).await?;
    Ok(compare(&known, &signals.hashes(ctx), signals.network.clone()))
}

fn compare(known: &[KnownSignal], seen: &[(SignalKind, Vec<u8>)], network: Option<String>) -> Familiarity {
    let has = |kind: SignalKind| {
        seen.iter()
            .filter(|(k, _)| *k == kind)
            .any(|(_, h)| known.iter().any(|s| s.kind == kind && crate::crypto::ct_eq(&s.hash, h)))
    };
    Familiarity { device_known: has(SignalKind::Device), network_known: has(SignalKind::Network), network }
}

/// A sign-in completed from these signals: they are known from now on. A browser without a
/// device cookie gets a new device id, returned for the cookie.
pub async fn remember(
    ctx: &Context,
    tenant: Uuid,
    user: Uuid,
    signals: &Signals,
) -> Result<Option<String>, SigilError> {
    let mut signals = signals.clone();
    let new_device = signals.device.is_none().then(|| crate::rng::token_256(ctx.rng.as_ref()));
    signals.device = signals.device.or_else(|| new_device.clone());
    ctx.store.remember_signals(tenant, user, &signals.hashes(ctx), ctx.clock.now(), KEEP_PER_KIND).await?;
    Ok(new_device)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_prefixes() {
        assert_eq!(network_prefix("203.0.113.77").as_deref(), Some("203.0.113.0/24"));
        assert_eq!(network_prefix("::ffff:198.51.100.9").as_deref(), Some("198.51.100.0/24"));
        assert_eq!(network_prefix("2001:db8:1:2:3:4:5:6").as_deref(), Some("2001:db8:1:2::/64"));
        assert_eq!(network_prefix("unknown"), None);
    }

    #[test]
    fn familiar_only_when_both_are_known() {
        let k = |kind, h: u8| KnownSignal { kind, hash: vec![h; 32], first_seen: 0, last_seen: 0 };
        let known = [k(SignalKind::Device, 1), k(SignalKind::Network, 2)];
        let seen = |d: u8, n: u8| vec![(SignalKind::Device, vec![d; 32]), (SignalKind::Network, vec![n; 32])];
        assert!(compare(&known, &seen(1, 2), None).is_familiar());
        let new_device = compare(&known, &seen(3, 2), Some("203.0.113.0/24".into()));
        assert_eq!((new_device.device_known, new_device.network_known), (false, true));
        assert_eq!(new_device.describe(), "device=new network=known 203.0.113.0/24");
        // A hash of one kind never matches the other kind.
        assert!(!compare(&known, &seen(2, 1), None).device_known);
        assert!(!compare(&[], &seen(1, 2), None).is_familiar());
    }
}
