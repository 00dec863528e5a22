//! Store traits, small and per area. The store crate implements them for SQLite and PostgreSQL; the
//! conformance suite in that crate holds both to the same behaviour.
//!
//! Operations that must happen once (`consume_code`, `rotate_refresh`) are single atomic statements or
//! transactions inside the store: never a read in Rust followed by a write.
use async_trait::async_trait;
use uuid::Uuid;

use crate::clock::UnixTime;
use crate::error::StoreError;
use crate::model::*;
use crate::signin_log::{SigninQuery, SigninRecord};

pub type StoreResult<T> = Result<T, StoreError>;

/// Everything the in-memory directory is built from.
#[derive(Debug, Clone, Default)]
pub struct DirectoryData {
    pub generation: i64,
    pub tenants: Vec<Tenant>,
    pub apis: Vec<Api>,
    pub clients: Vec<Client>,
    pub keys: Vec<StoredKey>,
}

/// One change to configuration objects. A list of changes is applied in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    PutTenant(Tenant),
    DeleteTenant(Uuid),
    PutApi(Api),
    DeleteApi(Uuid),
    /// Replaces the client row and its whole set of secrets.
    PutClient(Box<Client>),
    DeleteClient(Uuid),
    PutUser(Box<User>),
    DeleteUser(Uuid),
    PutKey(StoredKey),
    RetireKey {
        kid: String,
        at: UnixTime,
    },
}

#[async_trait]
pub trait DirectoryStore: Send + Sync {
    /// Increases on every applied change; instances poll it to refresh their in-memory directory.
    async fn generation(&self) -> StoreResult<i64>;
    async fn load_directory(&self) -> StoreResult<DirectoryData>;
    /// Applies every change or none, and bumps the generation once.
    async fn apply(&self, changes: &[Change]) -> StoreResult<()>;
    /// A value sealed with the master key when the database was created; proves the key matches.
    async fn master_key_check(&self) -> StoreResult<Option<Vec<u8>>>;
    async fn set_master_key_check(&self, sealed: &[u8]) -> StoreResult<()>;
}

#[async_trait]
pub trait UserStore: Send + Sync {
    async fn user_by_username(&self, tenant: Uuid, username: &str) -> StoreResult<Option<User>>;
    /// The one user with this email address (case-insensitive); `None` when none or several have it.
    async fn user_by_email(&self, tenant: Uuid, email: &str) -> StoreResult<Option<User>>;
    async fn user_by_id(&self, tenant: Uuid, id: Uuid) -> StoreResult<Option<User>>;
    async fn users(&self, tenant: Uuid) -> StoreResult<Vec<User>>;
    /// `Some(until)` while the user is locked for this source.
    async fn locked_until(
        &self,
        tenant: Uuid,
        username: &str,
        source: &str,
        now: UnixTime,
    ) -> StoreResult<Option<UnixTime>>;
    /// Counts one failure atomically; once `threshold` failures fall inside `window`, locks until
    /// `now + lock_for`. Returns the lock end if this failure locked the account.
    async fn record_failure(&self, f: &FailedSignIn<'_>) -> StoreResult<Option<UnixTime>>;
    async fn clear_failures(&self, tenant: Uuid, username: &str, source: &str) -> StoreResult<()>;
}

#[derive(Debug, Clone)]
pub struct FailedSignIn<'a> {
    pub tenant: Uuid,
    pub username: &'a str,
    pub source: &'a str,
    pub now: UnixTime,
    pub window: i64,
    pub threshold: u32,
    pub lock_for: i64,
}

/// What `refresh_token` (peek) tells about a presented refresh token.
#[derive(Debug, Clone)]
pub struct RefreshTokenState {
    pub grant: Grant,
    pub created_at: UnixTime,
    pub used_at: Option<UnixTime>,
    /// The grant's user, read in the same query (a refresh needs it, and one read is one round trip).
    pub user: Option<User>,
}

#[derive(Debug, Clone)]
pub struct Rotation<'a> {
    pub hash: &'a [u8],
    pub successor_hash: &'a [u8],
    /// The successor sealed under the master key, kept only for the grace window.
    pub successor_sealed: &'a [u8],
    pub now: UnixTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RotationOutcome {
    /// This call won: the successor is stored, the presented token is spent.
    Rotated,
    /// Someone already rotated it (or it was never live); with the successor when still kept.
    AlreadyUsed { used_at: UnixTime, successor_sealed: Option<Vec<u8>> },
    /// Unknown token, or its grant is revoked.
    NotLive,
}

/// The committed row a caller that did not win reads back: its grant's `revoked_at`, the token's
/// `used_at` and the sealed successor.
pub type SpentRow = (Option<UnixTime>, Option<UnixTime>, Option<Vec<u8>>);

impl RotationOutcome {
    /// What a caller that did not win learns from the committed row (`None`: no such token).
    pub fn lost(row: Option<SpentRow>) -> Self {
        match row {
            Some((None, Some(used_at), successor_sealed)) => Self::AlreadyUsed { used_at, successor_sealed },
            _ => Self::NotLive,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeOutcome {
    Consumed(Box<AuthCode>),
    /// Redeemed before: the store has already revoked the code's grant (RFC 6749 §4.1.2).
    Replayed {
        grant_id: Uuid,
    },
    NotFound,
}

#[async_trait]
pub trait GrantStore: Send + Sync {
    /// Records a grant and, optionally, its first refresh token in one transaction.
    async fn create_grant(&self, grant: &Grant, refresh_hash: Option<&[u8]>) -> StoreResult<()>;
    async fn grant(&self, id: Uuid) -> StoreResult<Option<Grant>>;
    /// Revokes the grant and so every token descended from it. Idempotent.
    async fn revoke_grant(&self, id: Uuid, now: UnixTime, reason: &str) -> StoreResult<()>;
    async fn refresh_token(&self, hash: &[u8]) -> StoreResult<Option<RefreshTokenState>>;
    /// Atomically spends the presented refresh token and stores its successor: of many concurrent
    /// callers exactly one gets `Rotated`.
    async fn rotate_refresh(&self, r: &Rotation<'_>) -> StoreResult<RotationOutcome>;
    async fn put_code(&self, code: &AuthCode) -> StoreResult<()>;
    /// Atomically marks the code used. A second redemption revokes the code's grant in the same
    /// transaction.
    async fn consume_code(&self, hash: &[u8], now: UnixTime) -> StoreResult<CodeOutcome>;
    /// Drops sealed successors older than the grace window, expired codes, and grants that expired
    /// before `grants_before`; every refresh token of a removed grant is unknown from then on
    /// (spent ones are kept until then: presenting one again must still revoke the grant). A
    /// backend may reclaim those tokens' rows later than their grant's (SQLite: once they were
    /// issued a day before the oldest remaining grant). Returns the rows removed or cleared, not
    /// counting refresh tokens.
    async fn purge(&self, sealed_before: UnixTime, codes_before: UnixTime, grants_before: UnixTime)
    -> StoreResult<u64>;
}

#[async_trait]
pub trait SessionStore: Send + Sync {
    async fn create_session(&self, s: &Session) -> StoreResult<()>;
    async fn session(&self, hash: &[u8]) -> StoreResult<Option<Session>>;
    async fn delete_session(&self, hash: &[u8]) -> StoreResult<()>;
    async fn consent(&self, tenant: Uuid, user: Uuid, client_id: &str) -> StoreResult<Option<Vec<String>>>;
    async fn put_consent(
        &self,
        tenant: Uuid,
        user: Uuid,
        client_id: &str,
        scopes: &[String],
        now: UnixTime,
    ) -> StoreResult<()>;
    async fn revoke_consent(&self, tenant: Uuid, user: Uuid, client_id: &str) -> StoreResult<bool>;
}

#[async_trait]
pub trait SigninLogStore: Send + Sync {
    async fn write_signins(&self, batch: &[SigninRecord]) -> StoreResult<()>;
    async fn query_signins(&self, q: &SigninQuery) -> StoreResult<Vec<SigninRecord>>;
    async fn purge_signins(&self, before_millis: i64) -> StoreResult<u64>;
}

#[async_trait]
pub trait Store: DirectoryStore + UserStore + GrantStore + SessionStore + SigninLogStore {
    fn backend(&self) -> &'static str;
    async fn ping(&self) -> StoreResult<()>;
    /// Readiness to write (`/readyz` answers 503 while it fails): commits a one-row write, and is
    /// `Unavailable` while the database refuses writes or a store call failed so in the last few
    /// seconds (on a nearly full disk a small write may fit where a larger one does not).
    async fn probe_write(&self) -> StoreResult<()>;
    /// Connections in use and idle, for `/metrics`.
    fn pool_usage(&self) -> (u32, u32);
    async fn close(&self);
}
