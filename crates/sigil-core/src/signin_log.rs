//! The sign-in log: one record per authorize or token outcome. Written off the request path.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SigninRecord {
    /// When the request arrived. A UUIDv7 `trace_id` carries this same millisecond, and a store
    /// may find a record by trace ID at that millisecond only (the SQLite store does).
    pub time_millis: i64,
    pub trace_id: String,
    pub correlation_id: String,
    pub tenant: String,
    pub client_id: Option<String>,
    pub user: Option<String>,
    /// Grant type or flow (`authorize`, `signin`, `consent`, …).
    pub flow: String,
    /// 0 on success, else the catalog code (the real one, even when the caller saw an alias).
    pub code: u32,
    pub error: Option<String>,
    /// Which check failed, in words. Never a secret, token, code or password.
    pub reason: String,
    pub source: String,
    pub user_agent: String,
    pub latency_micros: i64,
    /// Issue 21: how the sign-in's device and network compared with the user's history
    /// (`device=new network=known 203.0.113.0/24`), when an unfamiliar-sign-in rule applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signals: Option<String>,
}

impl SigninRecord {
    /// Every field bounded and escaped for the log ([`crate::limits::for_log`]): most of them are
    /// client-supplied (client ID, username, tenant name, user agent), and a store keeps what it is given.
    pub fn bounded(self) -> Self {
        use crate::limits::{MAX_LOGGED_FIELD_BYTES as F, MAX_LOGGED_REASON_BYTES as R, bound_owned as b};
        Self {
            time_millis: self.time_millis,
            trace_id: b(self.trace_id, F),
            correlation_id: b(self.correlation_id, F),
            tenant: b(self.tenant, F),
            client_id: self.client_id.map(|c| b(c, F)),
            user: self.user.map(|u| b(u, F)),
            flow: b(self.flow, F),
            code: self.code,
            error: self.error.map(|e| b(e, F)),
            reason: b(self.reason, R),
            source: b(self.source, F),
            user_agent: b(self.user_agent, F),
            latency_micros: self.latency_micros,
            signals: self.signals.map(|s| b(s, F)),
        }
    }
}

/// One group of [`crate::store::SigninLogStore::count_signins`]: the records of one time bucket,
/// one code and one application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigninCount {
    /// `(time_millis - since) / bucket_millis`.
    pub bucket: i64,
    /// 0 on success, else the catalog code.
    pub code: u32,
    pub client_id: Option<String>,
    pub count: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SigninQuery {
    pub trace_id: Option<String>,
    pub correlation_id: Option<String>,
    pub tenant: Option<String>,
    pub client_id: Option<String>,
    pub user: Option<String>,
    pub code: Option<u32>,
    pub since_millis: Option<i64>,
    pub until_millis: Option<i64>,
    pub limit: u32,
}

/// A trace or correlation ID the way records store it: a UUID in lower case with hyphens (so an
/// operator may paste one in any case or with braces); anything else as given.
pub fn stored_id_form(id: &str) -> String {
    uuid::Uuid::parse_str(id.trim()).map_or_else(|_| id.to_string(), |u| u.to_string())
}

/// Where request handlers drop records. Must never block or fail the request.
pub trait SigninSink: Send + Sync {
    fn record(&self, r: SigninRecord);
}
