//! Settings the protocol layer needs. The binary reads them from TOML and the environment.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TokenSettings {
    /// Seconds an access token (JWT) is valid.
    pub access_token_lifetime: i64,
    pub id_token_lifetime: i64,
    /// A refresh token unused this long stops working.
    pub refresh_token_inactivity: i64,
    /// No refresh token outlives its grant by more than this, however often it is used.
    pub refresh_token_max_lifetime: i64,
    /// The absolute end of an SPA's grant (Entra: 24 h): its refresh tokens live in a browser.
    pub spa_refresh_token_max_lifetime: i64,
    /// A rotated refresh token presented again within this many seconds returns the same successor.
    pub refresh_token_grace: i64,
    pub code_lifetime: i64,
    /// Seconds a device code and its user code live (RFC 8628 §3.2 `expires_in`).
    pub device_code_lifetime: i64,
    pub session_lifetime: i64,
    /// Seconds between `sigil keys rotate` (or a scheduled rotation) publishing a key and signing with it.
    pub key_rotation_delay: i64,
    /// Seconds after which a tenant's signing key is rotated automatically (a new key published,
    /// signing with it `key_rotation_delay` later); 0 turns scheduled rotation off.
    pub key_rotation_interval: i64,
    /// Seconds an expired grant and its refresh tokens are kept before the purge deletes them;
    /// meanwhile its tokens are refused as "lifetime exceeded" rather than "unknown".
    pub expired_grant_retention: i64,
    /// Entra's limit of groups named in a JWT (200): past it, a token carries the overage claims
    /// (`_claim_names`, `_claim_sources`) instead of `groups`.
    pub groups_claim_limit: i64,
    /// RFC 9126 §2.2 `expires_in`: seconds a pushed authorization request's `request_uri` lives.
    pub pushed_request_lifetime: i64,
    /// RFC 9449 §4.3 step 11: a DPoP proof's `iat` may be this many seconds before or after now.
    pub dpop_proof_window: i64,
    /// RFC 9449 §8: seconds a server nonce is handed out for (it stays good one period more).
    pub dpop_nonce_lifetime: i64,
    /// Seconds a client assertion's `nbf`/`iat` may lie ahead of our clock and its `exp` behind it
    /// (the client's clock).
    pub assertion_clock_skew: i64,
    /// The longest a client assertion may still be valid when presented (`exp` − now): bounds how
    /// long a captured assertion is useful and how long its `jti` is remembered.
    pub assertion_max_lifetime: i64,
}

impl Default for TokenSettings {
    fn default() -> Self {
        Self {
            access_token_lifetime: 600,
            id_token_lifetime: 600,
            refresh_token_inactivity: 14 * 86400,
            refresh_token_max_lifetime: 90 * 86400,
            spa_refresh_token_max_lifetime: 86400,
            refresh_token_grace: 10,
            code_lifetime: 60,
            device_code_lifetime: 900,
            session_lifetime: 8 * 3600,
            key_rotation_delay: 300,
            key_rotation_interval: 90 * 86400,
            expired_grant_retention: 7 * 86400,
            groups_claim_limit: 200,
            pushed_request_lifetime: 60,
            dpop_proof_window: 60,
            dpop_nonce_lifetime: 300,
            assertion_clock_skew: 60,
            assertion_max_lifetime: 3600,
        }
    }
}

impl TokenSettings {
    /// The longest any signed token lives; a retired key stays published this long.
    pub fn longest_signed_lifetime(&self) -> i64 {
        self.access_token_lifetime.max(self.id_token_lifetime)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LockoutSettings {
    /// Attempts per budget before the lock: each familiar source has its own budget, all
    /// unfamiliar sources of an account share one.
    pub threshold: u32,
    /// Attempts older than this many seconds are forgotten.
    pub window: i64,
    /// Seconds a used-up budget stays locked.
    pub duration: i64,
    /// Seconds a source stays familiar after it signed the user in successfully.
    pub familiar_for: i64,
}

impl Default for LockoutSettings {
    fn default() -> Self {
        Self { threshold: 5, window: 600, duration: 60, familiar_for: 30 * 86400 }
    }
}
