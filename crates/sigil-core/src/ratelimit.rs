//! Rate limits (issue 23): requests per client at the token endpoint (by `client_id`), sign-in
//! attempts per user (by username), and requests per source address and per network prefix (/24 for
//! IPv4, /64 for IPv6 by default) at the token, authorization and sign-in, device and registration
//! endpoints. A fixed window per key; a request over any limit is refused with 429, `Retry-After`
//! (RFC 6585 §4) and catalog entry 88000500 (`temporarily_unavailable`, the RFC 6749 §4.1.2.1 value
//! for a server that is "temporarily overloaded"; RFC 6749 §5.2 has none for throttling).
//!
//! Counters: where the store shares them ([`RateLimitStore::shares_rate_limits`], PostgreSQL) every
//! instance claims hits from one row per key and window (one atomic upsert for all the keys of a
//! request), in leases of up to 1 % of the limit (at most [`MAX_LEASE`]) that it then spends
//! locally: hits are only spent after being claimed, so the instances together never admit more
//! than the limit in a window. An instance claims the next lease when half of one is left, and has
//! one claim in flight per key at a time (requests of a key that has nothing left wait for it), so
//! a key may be refused up to `(instances − 1) × (lease + lease / 2)` hits early (what other
//! instances claimed and did not spend). Elsewhere (SQLite: one instance) each instance
//! counts in memory, exactly.
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use tokio::sync::Notify;
use uuid::Uuid;

use crate::catalog;
use crate::clock::UnixTime;
use crate::error::SigilError;
use crate::store::{HitClaim, RateLimitStore};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RateLimitSettings {
    /// Off: no limit is counted (the benchmark's configuration).
    pub enabled: bool,
    /// Seconds of one counting window (fixed windows aligned on multiples of it).
    pub window: i64,
    /// Token requests per client (by `client_id`, registered clients only) per window; 0: no limit.
    pub per_client: u64,
    /// Sign-in attempts per username (sign-in form and password grant) per window; 0: no limit.
    pub per_user: u64,
    /// Requests per source address per window at the limited endpoints; 0: no limit.
    pub per_address: u64,
    /// Requests per network prefix per window at the limited endpoints; 0: no limit.
    pub per_prefix: u64,
    /// Bits of an IPv4 address that make its network prefix.
    pub ipv4_prefix: u8,
    /// Bits of an IPv6 address that make its network prefix.
    pub ipv6_prefix: u8,
}

impl Default for RateLimitSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            window: 60,
            per_client: 120_000,
            per_user: 60,
            per_address: 12_000,
            per_prefix: 60_000,
            ipv4_prefix: 24,
            ipv6_prefix: 64,
        }
    }
}

impl RateLimitSettings {
    pub fn validate(&self) -> Result<(), String> {
        if self.window <= 0 {
            return Err("rate_limits.window must be at least 1 second".into());
        }
        if self.ipv4_prefix > 32 {
            return Err("rate_limits.ipv4_prefix must be 0 to 32".into());
        }
        if self.ipv6_prefix > 128 {
            return Err("rate_limits.ipv6_prefix must be 0 to 128".into());
        }
        Ok(())
    }
}

/// What a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    Client,
    User,
    Address,
    Prefix,
}

impl Dimension {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Client => "client",
            Self::User => "user",
            Self::Address => "address",
            Self::Prefix => "prefix",
        }
    }
}

/// Who a request counts against. `None` fields are not counted.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    pub tenant: Uuid,
    pub client_id: Option<&'a str>,
    pub user: Option<&'a str>,
    /// The source address as `meta` found it (through trusted proxies); not an address: not counted.
    pub source: &'a str,
}

/// A refused request: which limit, and seconds until its window ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttled {
    pub dimension: Dimension,
    pub retry_after: u32,
}

impl Throttled {
    pub fn error(&self) -> SigilError {
        let mut e = SigilError::new(
            catalog::RATE_LIMITED,
            format!("rate limit per {} reached; window ends in {} s", self.dimension.as_str(), self.retry_after),
        )
        .arg("seconds", self.retry_after.to_string());
        e.retry_after = Some(self.retry_after);
        e
    }
}

/// Hits an instance claims from a shared counter at once, at most.
pub const MAX_LEASE: u64 = 100;
/// Keys tracked in memory at once; past it, windows that ended are dropped, and then (shared
/// counters) a new key is counted in the store hit by hit, or (in memory) not counted.
pub const MAX_TRACKED_KEYS: usize = 100_000;

/// Hits claimed per store call for a limit: 1 % of it, between 1 and [`MAX_LEASE`].
pub fn lease(limit: u64) -> u64 {
    (limit / 100).clamp(1, MAX_LEASE)
}

/// The network prefix of `ip`: the address with only its first `v4` (IPv4) or `v6` (IPv6) bits
/// kept, and that number of bits.
pub fn network_prefix(ip: IpAddr, v4: u8, v6: u8) -> (IpAddr, u8) {
    match ip {
        IpAddr::V4(a) => {
            let bits = u32::from(v4.min(32));
            let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
            (IpAddr::V4((u32::from(a) & mask).into()), bits as u8)
        }
        IpAddr::V6(a) => {
            let bits = u32::from(v6.min(128));
            let mask = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
            (IpAddr::V6((u128::from(a) & mask).into()), bits as u8)
        }
    }
}

/// The counter key: SHA-256 of the dimension, the tenant (client and user only) and the value,
/// first 16 bytes (usernames and addresses are not stored as such). No allocation: this runs on
/// every limited request.
fn key(dimension: Dimension, tenant: Option<Uuid>, value: &[u8]) -> [u8; 16] {
    use aws_lc_rs::digest;
    let mut ctx = digest::Context::new(&digest::SHA256);
    ctx.update(dimension.as_str().as_bytes());
    ctx.update(&[0]);
    if let Some(t) = tenant {
        ctx.update(t.as_bytes());
    }
    ctx.update(&[0]);
    ctx.update(value);
    let mut k = [0u8; 16];
    k.copy_from_slice(&ctx.finish().as_ref()[..16]);
    k
}

/// An address's bytes, then (a prefix) its number of bits.
fn address_bytes(ip: IpAddr, bits: Option<u8>) -> ([u8; 17], usize) {
    let mut out = [0u8; 17];
    let n = match ip {
        IpAddr::V4(a) => {
            out[..4].copy_from_slice(&a.octets());
            4
        }
        IpAddr::V6(a) => {
            out[..16].copy_from_slice(&a.octets());
            16
        }
    };
    match bits {
        Some(b) => {
            out[n] = b;
            (out, n + 1)
        }
        None => (out, n),
    }
}

#[derive(Debug)]
struct Slot {
    window: UnixTime,
    /// In memory: hits counted. Shared: hits claimed and not yet spent.
    hits: u64,
    /// The window's limit is used up: refused until it ends, without asking the store.
    exhausted: bool,
    /// A lease claim in flight (shared counters): other requests of the key wait for it.
    claim: Option<Arc<Notify>>,
}

/// Ends the lease claims of a request however it ends (a dropped request too): the keys' waiters
/// are woken and look again.
struct Claiming<'a> {
    limiter: &'a RateLimiter,
    keys: Vec<[u8; 16]>,
}

impl Drop for Claiming<'_> {
    fn drop(&mut self) {
        let mut slots = self.limiter.slots.lock().unwrap_or_else(|e| e.into_inner());
        for k in &self.keys {
            if let Some(n) = slots.get_mut(k).and_then(|s| s.claim.take()) {
                n.notify_waiters();
            }
        }
    }
}

/// One per instance, shared by its requests (no global state).
pub struct RateLimiter {
    settings: RateLimitSettings,
    slots: Mutex<HashMap<[u8; 16], Slot>>,
    /// Until when shared counters are not asked (they failed): requests are let through meanwhile.
    unavailable_until: AtomicI64,
}

/// Seconds shared counters are left alone after they failed.
pub const UNAVAILABLE_PAUSE: i64 = 5;

impl RateLimiter {
    pub fn new(settings: RateLimitSettings) -> Self {
        Self { settings, slots: Mutex::default(), unavailable_until: AtomicI64::new(0) }
    }

    pub fn settings(&self) -> &RateLimitSettings {
        &self.settings
    }

    /// The counted keys of a subject, with their limits (0 limits and non-addresses left out).
    fn keys(&self, s: &Subject<'_>) -> Vec<(Dimension, [u8; 16], u64)> {
        let c = &self.settings;
        let mut keys = Vec::with_capacity(4);
        if let Some(id) = s.client_id.filter(|_| c.per_client > 0) {
            keys.push((Dimension::Client, key(Dimension::Client, Some(s.tenant), id.as_bytes()), c.per_client));
        }
        if let Some(user) = s.user.filter(|u| c.per_user > 0 && !u.is_empty()) {
            let user = user.trim().to_lowercase();
            keys.push((Dimension::User, key(Dimension::User, Some(s.tenant), user.as_bytes()), c.per_user));
        }
        if let Ok(ip) = s.source.parse::<IpAddr>() {
            let ip = ip.to_canonical();
            if c.per_address > 0 {
                let (b, n) = address_bytes(ip, None);
                keys.push((Dimension::Address, key(Dimension::Address, None, &b[..n]), c.per_address));
            }
            if c.per_prefix > 0 {
                let (prefix, bits) = network_prefix(ip, c.ipv4_prefix, c.ipv6_prefix);
                let (b, n) = address_bytes(prefix, Some(bits));
                keys.push((Dimension::Prefix, key(Dimension::Prefix, None, &b[..n]), c.per_prefix));
            }
        }
        keys
    }

    /// Counts one request of `subject`; `Err` when it is over a limit. Shared counters that cannot
    /// be reached let requests through for [`UNAVAILABLE_PAUSE`] seconds before they are asked
    /// again: limits must not turn a database fault into an outage (or a slowdown, each request
    /// waiting for the database) of the endpoints that need no database (client credentials).
    pub async fn check(
        &self,
        store: &dyn RateLimitStore,
        now: UnixTime,
        subject: &Subject<'_>,
    ) -> Result<(), Throttled> {
        if !self.settings.enabled {
            return Ok(());
        }
        let keys = self.keys(subject);
        if keys.is_empty() {
            return Ok(());
        }
        let w = self.settings.window;
        let start = now - now.rem_euclid(w);
        let retry_after = (start + w - now).clamp(1, u32::MAX as i64) as u32;
        let refuse = |dimension| Err(Throttled { dimension, retry_after });
        let shared = store.shares_rate_limits();
        if shared && now < self.unavailable_until.load(Ordering::Relaxed) {
            return Ok(());
        }
        let mut done = vec![false; keys.len()];
        loop {
            // Keys to claim hits for: (index, hits, ahead: for later requests, this one admitted).
            let mut claims = Vec::new();
            let mut waiter = None;
            {
                let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
                for (i, &(dimension, k, limit)) in keys.iter().enumerate() {
                    if done[i] {
                        continue;
                    }
                    let Some(slot) = slot(&mut slots, k, start) else {
                        // Untracked: shared counters count it hit by hit, memory cannot.
                        match shared {
                            true => claims.push((i, 1, false)),
                            false => done[i] = true,
                        }
                        continue;
                    };
                    if !shared {
                        if slot.exhausted {
                            return refuse(dimension);
                        }
                        slot.hits += 1;
                        if slot.hits > limit {
                            slot.exhausted = true;
                            return refuse(dimension);
                        }
                        done[i] = true;
                    } else if slot.hits > 0 {
                        // Hits already claimed are spent first, even once the shared count is used up.
                        slot.hits -= 1;
                        done[i] = true;
                        // Half a lease left: this request (already admitted) claims the next one, so
                        // that the others rarely wait for a claim.
                        let n = lease(limit);
                        if n > 1 && slot.hits < n / 2 && slot.claim.is_none() && !slot.exhausted {
                            slot.claim = Some(Arc::new(Notify::new()));
                            claims.push((i, n, true));
                        }
                    } else if slot.exhausted {
                        return refuse(dimension);
                    } else if let Some(n) = &slot.claim {
                        // One claim in flight per key and instance: wait for it, so that an instance
                        // never holds more than a lease and a half unspent.
                        if waiter.is_none() {
                            let mut f = Box::pin(n.clone().notified_owned());
                            f.as_mut().enable();
                            waiter = Some(f);
                        }
                    } else {
                        slot.claim = Some(Arc::new(Notify::new()));
                        claims.push((i, lease(limit), false));
                    }
                }
            }
            if !claims.is_empty() {
                let guard = Claiming { limiter: self, keys: claims.iter().map(|&(i, _, _)| keys[i].1).collect() };
                let mut sorted: Vec<HitClaim> = claims
                    .iter()
                    .map(|&(i, n, _)| HitClaim { key: keys[i].1, window: start, hits: n as i64 })
                    .collect();
                // One lock order for every instance's statement.
                sorted.sort_by_key(|c| c.key);
                let totals = match store.claim_hits(&sorted).await {
                    Ok(t) => t,
                    Err(e) => {
                        let until = now + UNAVAILABLE_PAUSE;
                        if self.unavailable_until.swap(until, Ordering::Relaxed) <= now {
                            tracing::warn!(error = %e, "rate-limit counters unavailable: requests let through for {UNAVAILABLE_PAUSE} s");
                        }
                        return Ok(());
                    }
                };
                let mut refused = None;
                {
                    let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
                    for (i, n, ahead) in claims {
                        let (dimension, k, limit) = keys[i];
                        done[i] = true;
                        let Some(&(_, total)) = totals.iter().find(|(key, _)| *key == k) else {
                            continue;
                        };
                        let before = (total.max(0) as u64).saturating_sub(n);
                        let got = n.min(limit.saturating_sub(before));
                        if let Some(slot) = slot(&mut slots, k, start) {
                            match got {
                                0 => slot.exhausted = true,
                                // A claim ahead adds to what is left; otherwise this request spends one.
                                _ => slot.hits += if ahead { got } else { got - 1 },
                            }
                        }
                        if got == 0 && !ahead {
                            refused.get_or_insert(dimension);
                        }
                    }
                }
                drop(guard);
                if let Some(d) = refused {
                    return refuse(d);
                }
            }
            match waiter {
                Some(f) => f.await,
                None if done.iter().all(|d| *d) => return Ok(()),
                None => {}
            }
        }
    }

    /// Keys tracked in memory now (for tests of the bound).
    pub fn tracked(&self) -> usize {
        self.slots.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

/// The key's slot for the window starting at `start` (reset when an older window's), or `None`
/// when [`MAX_TRACKED_KEYS`] are tracked in the current window already.
fn slot(slots: &mut HashMap<[u8; 16], Slot>, k: [u8; 16], start: UnixTime) -> Option<&mut Slot> {
    if slots.len() >= MAX_TRACKED_KEYS && !slots.contains_key(&k) {
        slots.retain(|_, s| s.window >= start || s.claim.is_some());
        if slots.len() >= MAX_TRACKED_KEYS {
            return None;
        }
    }
    let s = slots.entry(k).or_insert(Slot { window: start, hits: 0, exhausted: false, claim: None });
    if s.window != start {
        if let Some(n) = s.claim.take() {
            n.notify_waiters();
        }
        *s = Slot { window: start, hits: 0, exhausted: false, claim: None };
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreResult;

    /// The in-memory mode (what SQLite uses): no store call at all.
    struct InMemory;
    #[async_trait::async_trait]
    impl RateLimitStore for InMemory {
        async fn claim_hits(&self, _: &[HitClaim]) -> StoreResult<Vec<([u8; 16], i64)>> {
            panic!("in-memory counting never calls the store")
        }
    }

    fn limiter(per_client: u64) -> RateLimiter {
        RateLimiter::new(RateLimitSettings {
            per_client,
            per_user: 0,
            per_address: 0,
            per_prefix: 0,
            window: 60,
            ..Default::default()
        })
    }

    fn subject(client: &str) -> Subject<'_> {
        Subject { tenant: Uuid::nil(), client_id: Some(client), user: None, source: "192.0.2.1" }
    }

    fn run<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
    }

    #[test]
    fn in_memory_limit_refuses_then_resets_with_the_window() {
        run(in_memory_limit()).unwrap();
    }

    async fn in_memory_limit() -> Result<(), ()> {
        let l = limiter(3);
        let now = 1_800_000_010; // 10 s into a window
        for _ in 0..3 {
            l.check(&InMemory, now, &subject("app")).await.unwrap();
        }
        let t = l.check(&InMemory, now, &subject("app")).await.unwrap_err();
        assert_eq!(t, Throttled { dimension: Dimension::Client, retry_after: 50 });
        // Another client has its own counter.
        l.check(&InMemory, now, &subject("other")).await.unwrap();
        // The next window starts afresh.
        l.check(&InMemory, now + 50, &subject("app")).await.unwrap();
        let e = t.error();
        assert_eq!(e.entry.code, 88000500);
        assert_eq!(e.retry_after, Some(50));
        Ok(())
    }

    /// Shared counters that fail: let through, and not asked again for a few seconds.
    struct Failing(std::sync::atomic::AtomicU32);
    #[async_trait::async_trait]
    impl RateLimitStore for Failing {
        fn shares_rate_limits(&self) -> bool {
            true
        }
        async fn claim_hits(&self, _: &[HitClaim]) -> StoreResult<Vec<([u8; 16], i64)>> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Err(crate::error::StoreError::Unavailable("down".into()))
        }
    }

    #[test]
    fn unreachable_shared_counters_let_requests_through_and_rest() {
        let l = limiter(1);
        let store = Failing(Default::default());
        run(async {
            for _ in 0..10 {
                l.check(&store, 1_800_000_000, &subject("app")).await.unwrap();
            }
            assert_eq!(store.0.load(Ordering::SeqCst), 1, "asked once");
            l.check(&store, 1_800_000_000 + UNAVAILABLE_PAUSE, &subject("app")).await.unwrap();
            assert_eq!(store.0.load(Ordering::SeqCst), 2, "asked again after the pause");
        });
    }

    #[test]
    fn prefixes() {
        let p = |s: &str, v4, v6| {
            let (ip, bits) = network_prefix(s.parse().unwrap(), v4, v6);
            format!("{ip}/{bits}")
        };
        assert_eq!(p("192.0.2.77", 24, 64), "192.0.2.0/24");
        assert_eq!(p("192.0.2.77", 16, 64), "192.0.0.0/16");
        assert_eq!(p("192.0.2.77", 0, 64), "0.0.0.0/0");
        assert_eq!(p("192.0.2.77", 32, 64), "192.0.2.77/32");
        assert_eq!(p("2001:db8:1:2:aaaa::1", 24, 64), "2001:db8:1:2::/64");
        assert_eq!(p("2001:db8:1:2:aaaa::1", 24, 48), "2001:db8:1::/48");
        assert_eq!(p("2001:db8:1:2:aaaa::1", 24, 128), "2001:db8:1:2:aaaa::1/128");
    }

    #[test]
    fn leases() {
        assert_eq!(lease(5), 1);
        assert_eq!(lease(1_000), 10);
        assert_eq!(lease(120_000), MAX_LEASE);
    }

    #[test]
    fn settings_are_checked() {
        assert!(RateLimitSettings::default().validate().is_ok());
        assert!(RateLimitSettings { window: 0, ..Default::default() }.validate().is_err());
        assert!(RateLimitSettings { ipv4_prefix: 33, ..Default::default() }.validate().is_err());
        assert!(RateLimitSettings { ipv6_prefix: 129, ..Default::default() }.validate().is_err());
    }
}
