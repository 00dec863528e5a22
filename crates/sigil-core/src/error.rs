//! The one error type that leaves the domain layer. It names a catalog entry, carries the public
//! message arguments and, separately, the internal reason that only the sign-in log ever sees.
use crate::catalog::{self, ErrorEntry};

/// How the client tried to authenticate; decides the `WWW-Authenticate` challenge (RFC 6749 §5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthAttempt {
    BasicHeader,
    Other,
}

#[derive(Debug, Clone)]
pub struct SigilError {
    pub entry: &'static ErrorEntry,
    /// Fluent arguments for the public description, e.g. `("param", "grant_type")`.
    pub args: Vec<(&'static str, String)>,
    /// Why it happened, for the operator. Never a secret, token, code or password.
    pub reason: String,
    pub auth_attempt: Option<AuthAttempt>,
    /// MSAL reads `suberror` to decide how to prompt.
    pub suberror: Option<&'static str>,
    /// Seconds, for 503 responses.
    pub retry_after: Option<u32>,
}

impl SigilError {
    /// The reason often quotes input (a parameter name, a client ID): it is bounded and its control
    /// characters escaped here, once, for the server log and the sign-in log alike (CWE-117).
    pub fn new(entry: &'static ErrorEntry, reason: impl Into<String>) -> Self {
        let reason = crate::limits::bound_owned(reason.into(), crate::limits::MAX_LOGGED_REASON_BYTES);
        Self { entry, args: Vec::new(), reason, auth_attempt: None, suberror: None, retry_after: None }
    }
    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, value.into()));
        self
    }
    pub fn attempt(mut self, a: AuthAttempt) -> Self {
        self.auth_attempt = Some(a);
        self
    }
    pub fn suberror(mut self, s: &'static str) -> Self {
        self.suberror = Some(s);
        self
    }
    /// What the caller is told (may differ from the logged entry; see `ErrorEntry::public_as`).
    pub fn public_entry(&self) -> &'static ErrorEntry {
        self.entry.public()
    }
    pub fn missing(param: &'static str) -> Self {
        Self::new(catalog::MISSING_PARAMETER, format!("parameter '{param}' absent")).arg("param", param)
    }
    pub fn internal(reason: impl Into<String>) -> Self {
        Self::new(catalog::TOKEN_ISSUANCE_ERROR, reason)
    }
}

impl std::fmt::Display for SigilError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.entry.code, self.entry.name, self.reason)
    }
}

impl std::error::Error for SigilError {}

/// Errors from a store. `Unavailable` (connection refused, pool timeout) becomes 503 with
/// Retry-After; everything else is a 500.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error("store unavailable: {0}")]
    Unavailable(String),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("store error: {0}")]
    Other(String),
}

impl From<StoreError> for SigilError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Unavailable(r) => {
                let mut err = SigilError::new(catalog::TEMPORARILY_UNAVAILABLE, r);
                err.retry_after = Some(5);
                err
            }
            other => SigilError::internal(other.to_string()),
        }
    }
}
