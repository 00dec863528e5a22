//! Failures per source address in a fixed window, in memory, per instance (admin credentials, the
//! device verification page's user codes). Each instance counts on its own: with N instances a
//! source gets at most N times the allowance.
use std::collections::HashMap;
use std::sync::Mutex;

/// Sources tracked at once; beyond it (after expired ones are dropped) new sources go untracked,
/// so the map cannot grow without bound. What is guarded must keep guessing futile regardless.
const SOURCES_TRACKED: usize = 10_000;

/// After `ALLOWED` failures within `WINDOW` seconds of a source's first failure, the source is
/// refused until the window ends.
#[derive(Default)]
pub struct SourceThrottle<const ALLOWED: u32, const WINDOW: i64> {
    /// Source → (window start, failures).
    failures: Mutex<HashMap<String, (i64, u32)>>,
}

impl<const ALLOWED: u32, const WINDOW: i64> SourceThrottle<ALLOWED, WINDOW> {
    /// Seconds to wait when `source` is throttled.
    pub fn retry_after(&self, source: &str, now: i64) -> Option<u32> {
        let map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let (start, n) = *map.get(source)?;
        let left = start + WINDOW - now;
        (n >= ALLOWED && left > 0).then_some(left as u32)
    }

    pub fn failed(&self, source: &str, now: i64) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= SOURCES_TRACKED && !map.contains_key(source) {
            map.retain(|_, (start, _)| *start + WINDOW > now);
            if map.len() >= SOURCES_TRACKED {
                return;
            }
        }
        let entry = map.entry(source.to_string()).or_insert((now, 0));
        if entry.0 + WINDOW <= now {
            *entry = (now, 0);
        }
        entry.1 += 1;
    }
}
