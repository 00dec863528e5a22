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
use crate::signin_log::{SigninCount, SigninQuery, SigninRecord};

pub type StoreResult<T> = Result<T, StoreError>;

/// Everything the in-memory directory is built from.
#[derive(Debug, Clone, Default)]
pub struct DirectoryData {
    pub generation: i64,
    pub tenants: Vec<Tenant>,
    pub apis: Vec<Api>,
    pub clients: Vec<Client>,
    pub keys: Vec<StoredKey>,
    pub groups: Vec<Group>,
}

/// One change to configuration objects. A list of changes is applied in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A precondition: the batch is applied only if the directory generation is still this one
    /// when it commits, else nothing is and `apply` fails with `StoreError::Conflict`. Two
    /// instances acting on the same observation (a scheduled key rotation) then act once.
    ExpectGeneration(i64),
    PutTenant(Tenant),
    DeleteTenant(Uuid),
    PutApi(Api),
    DeleteApi(Uuid),
    /// Replaces the client row and its whole set of secrets.
    PutClient(Box<Client>),
    DeleteClient(Uuid),
    PutUser(Box<User>),
    DeleteUser(Uuid),
    /// Replaces the group row and the set of application roles assigned to it.
    PutGroup(Box<Group>),
    /// Deletes the group, its memberships and its role assignments.
    DeleteGroup(Uuid),
    /// Replaces the user's group memberships and directly assigned application roles.
    SetUserAccess {
        user: Uuid,
        access: UserAccess,
    },
    PutKey(StoredKey),
    RetireKey {
        kid: String,
        at: UnixTime,
    },
    /// A guard: the whole list fails with `StoreError::Conflict` unless the client `id` still holds
    /// the registration access token with this SHA-256 hash (RFC 7592: the token a management call
    /// presented, spent by the rotation that follows; one conditional statement, so of concurrent
    /// calls with one token exactly one applies).
    ExpectRegistrationToken {
        id: Uuid,
        hash: Vec<u8>,
    },
    /// An admin API audit record, written in the same transaction as the changes it describes
    /// (`AuditStore::audit` reads it back).
    Audit(Box<crate::admin::AuditEntry>),
    /// What SCIM keeps of a user or group beyond Sigil's model (`externalId`, the enterprise
    /// extension, …); replaces the row of `record.id`, which the user or group must exist for
    /// (deleting the user or group deletes it).
    PutScim(Box<crate::scim::ScimRecord>),
}

#[async_trait]
pub trait DirectoryStore: Send + Sync {
    /// Increases on every applied change; instances poll it to refresh their in-memory directory.
    async fn generation(&self) -> StoreResult<i64>;
    async fn load_directory(&self) -> StoreResult<DirectoryData>;
    /// Applies every change or none, and bumps the generation once.
    async fn apply(&self, changes: &[Change]) -> StoreResult<()>;
    /// Completes when another process may have applied a change (PostgreSQL: a `NOTIFY` sent by
    /// [`apply`](Self::apply) on commit), so instances reload at once instead of at their next poll
    /// of [`generation`](Self::generation). Never completes where the backend has no notices
    /// (SQLite); notices can be missed (a dropped listener connection), so callers keep polling.
    async fn wait_for_change(&self) -> StoreResult<()> {
        std::future::pending().await
    }
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
    /// The user's group memberships and directly assigned application roles, each sorted (one
    /// read transaction).
    async fn user_access(&self, tenant: Uuid, user: Uuid) -> StoreResult<UserAccess>;
    /// Smart lockout, step 1, before the password is verified: charges one attempt to a budget in
    /// one atomic statement and returns which one, or `None` when that budget is used up or locked
    /// (then the password must not be verified). A source with a recent success for this user
    /// (familiar) has a budget of its own; every other source shares the account's one budget
    /// (`UNFAMILIAR_SOURCES`). Attempts still being verified count, so a burst cannot overrun it.
    async fn reserve_attempt(&self, a: &SignInAttempt<'_>) -> StoreResult<Option<Budget>>;
    /// Step 2 on a wrong password: the attempt stays charged; once the budget is used up it is
    /// locked until `now + lock_for`. Returns the lock end if this failure set it.
    async fn record_failure(&self, a: &SignInAttempt<'_>, budget: Budget) -> StoreResult<Option<UnixTime>>;
    /// Step 2 on success: the source becomes familiar (its own budget, reset); an attempt charged
    /// to the shared budget is given back.
    async fn record_success(&self, a: &SignInAttempt<'_>, budget: Budget) -> StoreResult<()>;
    /// Deletes lockout rows that no longer matter: attempts counted before `stale_before`, no lock
    /// lasting until then, no success since `familiar_since`. Returns the rows removed.
    async fn purge_lockouts(&self, stale_before: UnixTime, familiar_since: UnixTime) -> StoreResult<u64>;
}

/// The lockout row key of the budget all unfamiliar sources of an account share (never an address).
pub const UNFAMILIAR_SOURCES: &str = "*";

/// Which lockout budget an attempt was charged to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    /// The familiar source's own.
    Source,
    /// The one all unfamiliar sources of the account share.
    Unfamiliar,
}

impl Budget {
    /// The `source` column of the budget's row.
    pub fn key<'a>(self, a: &SignInAttempt<'a>) -> &'a str {
        match self {
            Budget::Source => a.source,
            Budget::Unfamiliar => UNFAMILIAR_SOURCES,
        }
    }
}

/// One sign-in attempt as lockout sees it.
#[derive(Debug, Clone)]
pub struct SignInAttempt<'a> {
    pub tenant: Uuid,
    /// The account's username, or the name typed when no account has it (same treatment).
    pub username: &'a str,
    /// An IPv4 address or an IPv6 /64 (`signin::lockout_source`).
    pub source: &'a str,
    pub now: UnixTime,
    /// Attempts older than this many seconds are forgotten.
    pub window: i64,
    /// Attempts each budget allows inside the window.
    pub threshold: u32,
    /// Seconds a used-up budget stays locked.
    pub lock_for: i64,
    /// A source that signed this user in successfully at or after this time is familiar.
    pub familiar_since: UnixTime,
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
    /// Records a grant derived from `parent` (on-behalf-of) with its first refresh token, in one
    /// conditional statement: only while the parent is live (so a revocation racing this call
    /// either finds the new grant or makes this call fail). `false`: the parent is revoked or gone.
    async fn create_derived_grant(&self, grant: &Grant, parent: Uuid, refresh_hash: Option<&[u8]>)
    -> StoreResult<bool>;
    async fn grant(&self, id: Uuid) -> StoreResult<Option<Grant>>;
    /// Revokes the grant and so every token descended from it, and every grant derived from it
    /// (`create_derived_grant`), at any depth, in the same statement. Idempotent.
    async fn revoke_grant(&self, id: Uuid, now: UnixTime, reason: &str) -> StoreResult<()>;
    async fn refresh_token(&self, hash: &[u8]) -> StoreResult<Option<RefreshTokenState>>;
    /// RFC 7009 §2.1: an access token revoked by its `jti`, remembered until `expires_at` (the
    /// token's `exp`; `purge` forgets it after). Idempotent: revoking again changes nothing.
    async fn revoke_access_token(
        &self,
        tenant: Uuid,
        jti: &str,
        expires_at: UnixTime,
        now: UnixTime,
    ) -> StoreResult<()>;
    /// Whether this tenant's access token with this `jti` was revoked.
    async fn access_token_revoked(&self, tenant: Uuid, jti: &str) -> StoreResult<bool>;
    /// Records a client assertion's `jti` (one conditional statement): `true` when it was not seen
    /// before, or (not `strict`) when it was seen with the same client and the same assertion.
    /// Remembered until `expires_at`; `purge` forgets it after.
    async fn use_assertion(&self, u: &AssertionUse<'_>) -> StoreResult<bool>;
    /// Atomically spends the presented refresh token and stores its successor: of many concurrent
    /// callers exactly one gets `Rotated`.
    async fn rotate_refresh(&self, r: &Rotation<'_>) -> StoreResult<RotationOutcome>;
    async fn put_code(&self, code: &AuthCode) -> StoreResult<()>;
    /// Atomically marks the code used. A second redemption revokes the code's grant in the same
    /// transaction.
    async fn consume_code(&self, hash: &[u8], now: UnixTime) -> StoreResult<CodeOutcome>;
    /// Drops sealed successors older than the grace window, expired codes, device codes, pushed requests, DPoP proofs (and revoked access-token
    /// entries and assertion `jti`s whose token expired, and RFC 7591 initial access tokens expired then or used up) before `codes_before`, and grants that expired
    /// before `grants_before`; every refresh token of a removed grant is unknown from then on
    /// (spent ones are kept until then: presenting one again must still revoke the grant). A
    /// backend may reclaim those tokens' rows later than their grant's (SQLite: once they were
    /// issued a day before the oldest remaining grant). Returns the rows removed or cleared, not
    /// counting refresh tokens.
    async fn purge(&self, sealed_before: UnixTime, codes_before: UnixTime, grants_before: UnixTime)
    -> StoreResult<u64>;
}

/// A client assertion presented at the token endpoint (RFC 7521 §4.2, RFC 7523 §3): only hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssertionUse<'a> {
    pub tenant: Uuid,
    /// SHA-256 of the assertion's issuer and `jti`.
    pub jti_hash: &'a [u8],
    pub client_id: &'a str,
    /// SHA-256 of the whole assertion.
    pub assertion_hash: &'a [u8],
    pub expires_at: UnixTime,
    /// Refuse a `jti` seen before even from the same client.
    pub strict: bool,
}

/// A device authorization request (RFC 8628 §3.1, §3.2): only hashes of its codes are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDeviceCode {
    pub device_hash: Vec<u8>,
    pub user_code_hash: Vec<u8>,
    pub tenant_id: Uuid,
    pub client_id: String,
    pub scope: String,
    pub created_at: UnixTime,
    pub expires_at: UnixTime,
    /// Seconds the device must wait between polls (§3.2), raised by `slow_down` (§3.5).
    pub interval: i64,
}

/// The user's approval, bound to the device code by the verification page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceApproval<'a> {
    pub user_code_hash: &'a [u8],
    pub tenant_id: Uuid,
    pub user_id: Uuid,
    pub scope: &'a str,
    pub auth_time: UnixTime,
    pub session_id: Option<&'a str>,
    pub now: UnixTime,
    /// RFC 8176 methods of the approving session (space-separated).
    pub amr: &'a str,
}

/// A pending device code as the verification page sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingDevice {
    pub device_hash: Vec<u8>,
    pub client_id: String,
    pub scope: String,
    pub expires_at: UnixTime,
}

/// What one poll of the token endpoint found (RFC 8628 §3.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DevicePoll {
    /// No such device code for this client.
    Unknown,
    /// This poll redeemed the approved code: it will never be redeemed again.
    Redeemed(Box<ApprovedDevice>),
    /// Not redeemed by this poll: the code's state after the poll was recorded.
    Waiting { status: DeviceStatus, expires_at: UnixTime, interval: i64, too_fast: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovedDevice {
    pub user_id: Uuid,
    pub scope: String,
    pub auth_time: UnixTime,
    pub session_id: Option<String>,
    pub amr: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceStatus {
    Pending,
    Approved,
    Denied,
    Redeemed,
}

impl DeviceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Denied => "denied",
            Self::Redeemed => "redeemed",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Approved, Self::Denied, Self::Redeemed].into_iter().find(|d| d.as_str() == s)
    }
}

/// RFC 8628 device codes. Approval, denial and redemption are each one conditional statement.
#[async_trait]
pub trait DeviceStore: Send + Sync {
    /// Stores a new request; `false` when its user code is already taken (the caller draws another).
    async fn put_device_code(&self, d: &NewDeviceCode) -> StoreResult<bool>;
    /// The live, pending request with this user code in this tenant.
    async fn pending_device(
        &self,
        tenant: Uuid,
        user_code_hash: &[u8],
        now: UnixTime,
    ) -> StoreResult<Option<PendingDevice>>;
    /// Pending → approved (user, scope, `auth_time`, `sid`) if live; `false` otherwise.
    async fn approve_device(&self, a: &DeviceApproval<'_>) -> StoreResult<bool>;
    /// Pending → denied if live; `false` otherwise.
    async fn deny_device(&self, tenant: Uuid, user_code_hash: &[u8], now: UnixTime) -> StoreResult<bool>;
    /// One poll by `client_id`: approved and live → redeemed by exactly one caller; otherwise the poll
    /// is recorded and `too_fast` (sooner than the interval after the last poll) raises the interval
    /// by `slow_down_by` seconds (§3.5), both in one statement.
    async fn poll_device(
        &self,
        tenant: Uuid,
        client_id: &str,
        device_hash: &[u8],
        now: UnixTime,
        slow_down_by: i64,
    ) -> StoreResult<DevicePoll>;
}

/// An initial access token (RFC 7591 §3) as stored: only its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInitialAccessToken {
    pub hash: Vec<u8>,
    pub tenant_id: Uuid,
    /// Registrations it allows (1: single use).
    pub uses: i64,
    pub expires_at: Option<UnixTime>,
    pub created_at: UnixTime,
}

/// RFC 7591 initial access tokens. Spending one use is one conditional statement.
#[async_trait]
pub trait RegistrationStore: Send + Sync {
    async fn put_initial_access_token(&self, t: &NewInitialAccessToken) -> StoreResult<()>;
    /// Spends one use of this tenant's live token with this hash: `true` for exactly as many
    /// callers as it had uses left, however many race.
    async fn use_initial_access_token(&self, tenant: Uuid, hash: &[u8], now: UnixTime) -> StoreResult<bool>;
}

/// A pushed authorization request (RFC 9126 §2.2) as stored: its parameters, by the hash of its
/// `request_uri`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushedRequest {
    pub hash: Vec<u8>,
    pub tenant_id: Uuid,
    pub client_id: String,
    /// The request's parameters as a JSON array of `[name, value]` pairs.
    pub params: String,
    pub expires_at: UnixTime,
}

/// RFC 9126 pushed authorization requests: each used at most once.
#[async_trait]
pub trait PushedRequestStore: Send + Sync {
    async fn put_pushed_request(&self, r: &PushedRequest) -> StoreResult<()>;
    /// The live request with this hash, pushed by `client_id` in this tenant, removed in the same
    /// statement: of many concurrent callers at most one gets it (RFC 9126 §4, one-time use).
    async fn take_pushed_request(
        &self,
        tenant: Uuid,
        client_id: &str,
        hash: &[u8],
        now: UnixTime,
    ) -> StoreResult<Option<String>>;
}

/// RFC 9449 §11.1: DPoP proof `jti`s seen by any instance.
#[async_trait]
pub trait DpopProofStore: Send + Sync {
    /// Records a proof (`hash` of its key thumbprint and `jti`) until `expires_at`, in one
    /// statement: `true` for the first caller, `false` when it was already seen and is not yet
    /// expired (a replay). Of many concurrent callers exactly one gets `true`.
    async fn use_dpop_proof(&self, hash: &[u8], expires_at: UnixTime, now: UnixTime) -> StoreResult<bool>;
}

#[async_trait]
pub trait SessionStore: Send + Sync {
    async fn create_session(&self, s: &Session) -> StoreResult<()>;
    async fn session(&self, hash: &[u8]) -> StoreResult<Option<Session>>;
    /// Deletes the session and returns it, in one statement (so one logout sees it, not two).
    async fn delete_session(&self, hash: &[u8]) -> StoreResult<Option<Session>>;
    /// The clients a session (by its public `sid`) was issued authorization codes or device
    /// approvals for, while those rows are kept (until their expiry and purge): the relying parties
    /// to notify at logout (OIDC Back-Channel Logout 1.0 §2.7).
    async fn session_clients(&self, tenant: Uuid, sid: &str) -> StoreResult<Vec<String>>;
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
    /// Issue 21, "Stay signed in?": records the answer and the session's new expiry; `false` when
    /// the session is gone.
    async fn set_session_persistence(&self, hash: &[u8], persistent: bool, expires_at: UnixTime) -> StoreResult<bool>;
}

#[async_trait]
pub trait SigninLogStore: Send + Sync {
    async fn write_signins(&self, batch: &[SigninRecord]) -> StoreResult<()>;
    async fn query_signins(&self, q: &SigninQuery) -> StoreResult<Vec<SigninRecord>>;
    /// The records `q` selects (its `limit` ignored) counted by time bucket of `bucket_millis`
    /// from `q.since_millis` (0 when absent), code and application: one `GROUP BY` in the
    /// database, so charts over a day of a busy log read a few hundred rows, not every record.
    async fn count_signins(&self, q: &SigninQuery, bucket_millis: i64) -> StoreResult<Vec<SigninCount>>;
    async fn purge_signins(&self, before_millis: i64) -> StoreResult<u64>;
}

/// Issue 21: a user's authenticators (second factors) and recovery codes, and the methods a
/// session was authenticated with.
#[async_trait]
pub trait FactorStore: Send + Sync {
    /// The user's authenticators, oldest first.
    async fn authenticators(&self, tenant: Uuid, user: Uuid) -> StoreResult<Vec<Authenticator>>;
    async fn add_authenticator(&self, a: &Authenticator) -> StoreResult<()>;
    /// RFC 6238 §5.2 (a verifier MUST NOT accept the second attempt of the same OTP): records
    /// `step` as the authenticator's last accepted time step only if it is newer than the one
    /// recorded, in one conditional statement. `false`: that step (or a later one) was used.
    async fn use_totp_step(&self, id: Uuid, step: i64, now: UnixTime) -> StoreResult<bool>;
    /// Records a use of an authenticator that has no counter (most synced passkeys); `false` when
    /// it is gone.
    async fn touch_authenticator(&self, id: Uuid, now: UnixTime) -> StoreResult<bool>;
    /// Renames one of the user's authenticators; `false` when it is not theirs or gone.
    async fn rename_authenticator(&self, tenant: Uuid, user: Uuid, id: Uuid, name: &str) -> StoreResult<bool>;
    /// Removes one of the user's authenticators; `false` when it is not theirs or gone.
    async fn remove_authenticator(&self, tenant: Uuid, user: Uuid, id: Uuid) -> StoreResult<bool>;
    /// Replaces the user's recovery codes (their keyed hashes) in one transaction.
    async fn replace_recovery_codes(
        &self,
        tenant: Uuid,
        user: Uuid,
        hashes: &[Vec<u8>],
        now: UnixTime,
    ) -> StoreResult<()>;
    /// Spends one recovery code, in one conditional statement: `false` when unknown or used.
    async fn use_recovery_code(&self, tenant: Uuid, user: Uuid, hash: &[u8], now: UnixTime) -> StoreResult<bool>;
    /// Recovery codes not used yet.
    async fn recovery_codes_left(&self, tenant: Uuid, user: Uuid) -> StoreResult<i64>;
    /// Sets the session's RFC 8176 methods after a further factor; `false` when the session is gone.
    async fn set_session_amr(&self, hash: &[u8], amr: &str) -> StoreResult<bool>;
    /// Removes every authenticator and recovery code of the user (an operator's reset after a lost
    /// phone), in one transaction; returns the authenticators removed.
    async fn remove_factors(&self, tenant: Uuid, user: Uuid) -> StoreResult<u64>;
    /// Issue 21, unfamiliar sign-ins: the devices and networks (keyed hashes) the user completed a
    /// sign-in from, newest first.
    async fn known_signals(&self, tenant: Uuid, user: Uuid) -> StoreResult<Vec<KnownSignal>>;
    /// Records that a sign-in completed from these signals (`last_seen = now`, inserted when new),
    /// then keeps only the `keep` most recently seen of each kind for the user; one transaction.
    async fn remember_signals(
        &self,
        tenant: Uuid,
        user: Uuid,
        signals: &[(SignalKind, Vec<u8>)],
        now: UnixTime,
        keep: i64,
    ) -> StoreResult<()>;
}

/// The admin API's reads and its audit log. Changes of the directory carry their entry in the same `apply`
/// ([`Change::Audit`]); other changes (a grant revoked) write it right after with `write_audit`.
#[async_trait]
pub trait AdminStore: Send + Sync {
    async fn write_audit(&self, e: &crate::admin::AuditEntry) -> StoreResult<()>;
    /// Newest first, at most `q.limit` (capped by the store).
    async fn audit(&self, q: &crate::admin::AuditQuery) -> StoreResult<Vec<crate::admin::AuditEntry>>;
    /// The grants of a user (newest first), live and revoked, for the admin API.
    async fn user_grants(&self, tenant: Uuid, user: Uuid) -> StoreResult<Vec<Grant>>;
    /// The sign-in sessions of a user (newest first, expired ones included until purged).
    async fn user_sessions(&self, tenant: Uuid, user: Uuid) -> StoreResult<Vec<Session>>;
    /// Retention (`[audit] retention_days`): removes entries older than `before_millis`, oldest
    /// first, in bounded chunks (never one unbounded DELETE); returns how many went.
    async fn purge_audit(&self, before_millis: i64) -> StoreResult<u64>;
    /// The user's remembered consents, by client ID.
    async fn user_consents(&self, tenant: Uuid, user: Uuid) -> StoreResult<Vec<crate::admin::ConsentRecord>>;
}

/// A session as its user sees it on the account page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    pub session: Session,
    /// The browser that signed in (bounded like the sign-in log's field); `None` before it was noted.
    pub user_agent: Option<String>,
    /// When the session last signed the user in to an application or opened the account page.
    pub last_seen_at: Option<UnixTime>,
}

/// A consent a user gave an application, as the account page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentInfo {
    pub client_id: String,
    pub scopes: Vec<String>,
    pub granted_at: UnixTime,
}

/// Issue 21, the self-service account page: what a signed-in user may see and change of their own
/// account. Every change names the user, so a session or consent of another user is never reached.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// The user's sessions in this tenant, live ones only, newest sign-in first.
    async fn account_sessions(&self, tenant: Uuid, user: Uuid, now: UnixTime) -> StoreResult<Vec<SessionInfo>>;
    /// Notes a use of the session: `last_seen_at = now`, and the user agent when none is noted yet.
    /// Writes at most once a minute per session (a conditional statement); `false` when it did not.
    async fn note_session_use(&self, hash: &[u8], user_agent: &str, now: UnixTime) -> StoreResult<bool>;
    /// Ends this user's session `hash` and revokes, in the same transaction, the grants (and so the
    /// refresh tokens) of the authorization codes issued to it (`sid`). `false`: no such session of
    /// this user.
    async fn end_account_session(
        &self,
        tenant: Uuid,
        user: Uuid,
        hash: &[u8],
        sid: &str,
        now: UnixTime,
    ) -> StoreResult<bool>;
    /// The consents the user gave, by client ID.
    async fn account_consents(&self, tenant: Uuid, user: Uuid) -> StoreResult<Vec<ConsentInfo>>;
    /// Deletes the user's consent to `client_id` and revokes, in the same transaction, every live
    /// grant of that client for the user (their refresh tokens stop working). `false`: no consent.
    async fn withdraw_consent(&self, tenant: Uuid, user: Uuid, client_id: &str, now: UnixTime) -> StoreResult<bool>;
    /// Replaces the user's password hash (argon2id PHC string); `false`: no such user.
    async fn set_password_hash(&self, tenant: Uuid, user: Uuid, phc: &str, now: UnixTime) -> StoreResult<bool>;
    /// Removes the user's TOTP authenticators and, when no authenticator remains, their recovery
    /// codes, in one transaction; returns the authenticators removed.
    async fn remove_totp(&self, tenant: Uuid, user: Uuid) -> StoreResult<u64>;
}

/// SCIM's reads (issue 22 item 3): its records and the lookups its common filters translate to.
#[async_trait]
pub trait ScimStore: Send + Sync {
    async fn scim_record(&self, tenant: Uuid, id: Uuid) -> StoreResult<Option<crate::scim::ScimRecord>>;
    /// Every record of one kind in the tenant.
    async fn scim_records(&self, tenant: Uuid, kind: crate::scim::Kind) -> StoreResult<Vec<crate::scim::ScimRecord>>;
    /// The ids of the users or groups with this `externalId` (case-exact, RFC 7643 §3.1), from
    /// an index.
    async fn scim_by_external_id(
        &self,
        tenant: Uuid,
        kind: crate::scim::Kind,
        external_id: &str,
    ) -> StoreResult<Vec<Uuid>>;
    /// Every (group, user) membership of the tenant.
    async fn memberships(&self, tenant: Uuid) -> StoreResult<Vec<(Uuid, Uuid)>>;
}

/// One claim of rate-limit hits: `hits` more for `key` in the window starting at `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HitClaim {
    pub key: [u8; 16],
    pub window: UnixTime,
    pub hits: i64,
}

/// Rate-limit counters (issue 23, `ratelimit.rs`): shared by instances where the backend can.
#[async_trait]
pub trait RateLimitStore: Send + Sync {
    /// Whether [`claim_hits`](Self::claim_hits) counts for every instance; else each instance
    /// counts in memory.
    fn shares_rate_limits(&self) -> bool {
        false
    }
    /// Adds each claim's hits to its counter (created at 0) in one atomic statement and returns
    /// every key's total after it, in any order.
    async fn claim_hits(&self, claims: &[HitClaim]) -> StoreResult<Vec<([u8; 16], i64)>> {
        let _ = claims;
        Err(StoreError::Other("rate-limit counters are kept in memory on this backend".into()))
    }
    /// Deletes counters of windows that started before `before`; returns the rows removed.
    async fn purge_rate_limits(&self, before: UnixTime) -> StoreResult<u64> {
        let _ = before;
        Ok(0)
    }
}

#[async_trait]
pub trait Store:
    DirectoryStore
    + UserStore
    + GrantStore
    + DeviceStore
    + RegistrationStore
    + PushedRequestStore
    + DpopProofStore
    + SessionStore
    + SigninLogStore
    + FactorStore
    + AdminStore
    + AccountStore
    + ScimStore
    + RateLimitStore
{
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
