//! The assertions this process has already accepted, outside strict replay mode: MSAL re-sends its
//! cached assertion (same `jti`) for every token request for about nine minutes, and by default
//! the store accepts the same assertion again from the same client until it expires
//! (`Store::use_assertion`). Remembering that answer here spares each re-send a write of the same
//! row. It is only ever a shortcut to a "yes" the store already gave for exactly this assertion
//! (hash of the whole JWT), tenant and client, and only until the assertion expires, so it cannot
//! accept anything the store would refuse; strict mode and first uses always go to the store.
use std::collections::HashMap;
use std::sync::Mutex;

use uuid::Uuid;

use crate::clock::UnixTime;

/// Bounded: past `capacity` entries the expired ones are dropped, and if none were, all of them
/// (the next re-send of each goes to the store once more).
pub struct AcceptedAssertions {
    capacity: usize,
    entries: Mutex<HashMap<[u8; 32], Entry>>,
}

struct Entry {
    tenant: Uuid,
    client_id: String,
    expires_at: UnixTime,
}

impl Default for AcceptedAssertions {
    /// 10,000 assertions: about a megabyte.
    fn default() -> Self {
        Self::new(10_000)
    }
}

impl AcceptedAssertions {
    pub fn new(capacity: usize) -> Self {
        Self { capacity: capacity.max(1), entries: Mutex::new(HashMap::new()) }
    }

    /// The store accepted this assertion for this client before, and it has not expired.
    pub fn seen(&self, tenant: Uuid, client_id: &str, assertion_hash: &[u8; 32], now: UnixTime) -> bool {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(assertion_hash)
            .is_some_and(|e| e.tenant == tenant && e.client_id == client_id && e.expires_at > now)
    }

    pub fn remember(
        &self,
        tenant: Uuid,
        client_id: &str,
        assertion_hash: [u8; 32],
        expires_at: UnixTime,
        now: UnixTime,
    ) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= self.capacity {
            entries.retain(|_, e| e.expires_at > now);
            if entries.len() >= self.capacity {
                entries.clear();
            }
        }
        entries.insert(assertion_hash, Entry { tenant, client_id: client_id.to_string(), expires_at });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_assertion_tenant_and_client_until_it_expires() {
        let a = AcceptedAssertions::new(2);
        let t = Uuid::new_v4();
        a.remember(t, "app", [1; 32], 100, 0);
        assert!(a.seen(t, "app", &[1; 32], 99));
        assert!(!a.seen(t, "app", &[1; 32], 100), "expired");
        assert!(!a.seen(t, "other", &[1; 32], 50), "another client");
        assert!(!a.seen(Uuid::new_v4(), "app", &[1; 32], 50), "another tenant");
        assert!(!a.seen(t, "app", &[2; 32], 50), "another assertion");
        // Bounded: a third entry past capacity drops the expired one first.
        a.remember(t, "app", [2; 32], 10, 0);
        a.remember(t, "app", [3; 32], 100, 20);
        assert!(a.seen(t, "app", &[1; 32], 50) && a.seen(t, "app", &[3; 32], 50));
        assert!(!a.seen(t, "app", &[2; 32], 5), "dropped when full");
    }
}
