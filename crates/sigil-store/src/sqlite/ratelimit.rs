//! [`RateLimitStore`] on SQLite: one instance per database file, so each instance counts in memory
//! (`sigil_core::ratelimit`), exactly and without a write per request.
use sigil_core::store::*;

use super::SqliteStore;

impl RateLimitStore for SqliteStore {}
