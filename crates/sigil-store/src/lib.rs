//! Sigil's stores: SQLite (the embedded default) and PostgreSQL (several stateless instances).
//! Each backend has its own SQL and migrations; both pass the same conformance suite.
mod batch;
mod client_body;
mod migrate;
pub mod postgres;
pub mod signin_writer;
pub mod sqlite;
pub mod transfer;

#[cfg(feature = "testing")]
pub mod conformance;

use std::sync::Arc;

use sigil_core::error::StoreError;
use sigil_core::store::Store;

/// Opens the store a `database_url` names (`sqlite://…` or `postgres://…`) and runs its migrations.
pub async fn open(url: &str, max_connections: u32) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(sqlite::SqliteStore::open(url, max_connections).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(postgres::PgStore::open(url, max_connections).await?))
    } else {
        Err(StoreError::Other(format!(
            "database_url must start with sqlite:// or postgres://, got '{}'",
            redact_url(url)
        )))
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// When a store call last failed with [`StoreError::Unavailable`] (issue 17 item 9). On a nearly
/// full disk a small write may still fit where a larger one does not, so readiness also reports a
/// recent failure of a real write, not only its own probe.
pub(crate) struct RecentFaults {
    start: std::time::Instant,
    /// Milliseconds after `start`, plus one, of the last failure (0: none).
    last: std::sync::atomic::AtomicU64,
}

impl RecentFaults {
    /// How long a failure keeps the store not ready (the `Retry-After` clients are given).
    pub(crate) const WINDOW: std::time::Duration = std::time::Duration::from_secs(5);

    pub(crate) fn new() -> Self {
        Self { start: std::time::Instant::now(), last: std::sync::atomic::AtomicU64::new(0) }
    }

    pub(crate) fn note<T>(&self, outcome: &Result<T, StoreError>) {
        if let Err(StoreError::Unavailable(_)) = outcome {
            let now = self.start.elapsed().as_millis() as u64 + 1;
            self.last.fetch_max(now, std::sync::atomic::Ordering::Relaxed);
        }
    }

    /// `Unavailable` while the last failure is less than [`Self::WINDOW`] old.
    pub(crate) fn check(&self) -> Result<(), StoreError> {
        let last = self.last.load(std::sync::atomic::Ordering::Relaxed);
        let ago = (self.start.elapsed().as_millis() as u64 + 1).saturating_sub(last);
        if last != 0 && ago < Self::WINDOW.as_millis() as u64 {
            return Err(StoreError::Unavailable(format!("a store call failed {ago} ms ago")));
        }
        Ok(())
    }
}

/// Expired grants removed per statement by `purge`: a backlog of millions goes in many short
/// write transactions instead of one long one that every token request would wait behind.
pub(crate) const PURGE_CHUNK: u64 = 500;

/// Runs `delete_chunk` (a DELETE of at most [`PURGE_CHUNK`] rows, bound as its limit) until a chunk
/// comes back short; returns the rows deleted in all.
pub(crate) async fn delete_in_chunks<F, Fut>(mut delete_chunk: F) -> Result<u64, StoreError>
where
    F: FnMut(i64) -> Fut,
    Fut: std::future::Future<Output = Result<u64, StoreError>>,
{
    let mut total = 0;
    loop {
        let n = delete_chunk(PURGE_CHUNK as i64).await?;
        total += n;
        if n < PURGE_CHUNK {
            return Ok(total);
        }
    }
}

/// Splits a batch into chunks of four fixed sizes: a multi-row INSERT then has at most four distinct
/// SQL texts, each prepared once and kept in the connection's statement cache (any size up to 500
/// meant a new statement to parse and plan for almost every sign-in log batch).
pub(crate) fn fixed_chunks<T>(mut items: &[T]) -> impl Iterator<Item = &[T]> {
    const SIZES: [usize; 4] = [64, 16, 4, 1];
    std::iter::from_fn(move || {
        let n = SIZES.into_iter().find(|&s| s <= items.len())?;
        let (head, rest) = items.split_at(n);
        items = rest;
        Some(head)
    })
}

/// The generation a batch expects (`Change::ExpectGeneration`), when it has one.
pub(crate) fn expected_generation(changes: &[sigil_core::store::Change]) -> Option<i64> {
    changes.iter().find_map(|c| match c {
        sigil_core::store::Change::ExpectGeneration(g) => Some(*g),
        _ => None,
    })
}

pub(crate) fn map_err(e: sqlx::Error) -> StoreError {
    match e {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) | sqlx::Error::Tls(_) => {
            StoreError::Unavailable(e.to_string())
        }
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Conflict(d.message().to_string()),
        // PostgreSQL: connection exceptions (08xxx), operator intervention (57P0x), too many
        // connections, database not accepting connections. The caller may retry.
        sqlx::Error::Database(d)
            if d.code()
                .is_some_and(|c| c.starts_with("08") || c.starts_with("57P") || c == "53300" || c == "55000") =>
        {
            StoreError::Unavailable(d.message().to_string())
        }
        // Storage faults (issue 17 item 9): the database cannot write now and may later.
        sqlx::Error::Database(d) if is_write_fault(&*d) => StoreError::Unavailable(d.to_string()),
        other => StoreError::Other(other.to_string()),
    }
}

/// A column of a row: a value of another type, or a column that is not there, is an error, not a
/// panic (`Row::get` panics). NULL where the model wants a value cannot be stored (`NOT NULL`).
pub(crate) fn decode<'r, T, R>(r: &'r R, column: &str) -> Result<T, StoreError>
where
    R: sqlx::Row,
    T: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'c> &'c str: sqlx::ColumnIndex<R>,
{
    r.try_get(column).map_err(|e| StoreError::Other(format!("column {column}: {e}")))
}

/// A user's profile column (a JSON object); a value that does not parse is an error, never an empty
/// profile. An array is refused too: serde would read `[]` as a struct with every field absent.
pub(crate) fn user_profile(s: &str) -> Result<sigil_core::model::UserProfile, StoreError> {
    serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(s)
        .and_then(|fields| serde_json::from_value(serde_json::Value::Object(fields)))
        .map_err(|e| StoreError::Other(format!("bad user profile '{s}': {e}")))
}

/// An API's `claims` column (a JSON object: groupMembershipClaims, optional claims), read
/// strictly: an unknown key or value is an error, not a default.
pub(crate) fn token_claims(s: &str) -> Result<sigil_core::model::TokenClaims, StoreError> {
    serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(s)
        .and_then(|fields| serde_json::from_value(serde_json::Value::Object(fields)))
        .map_err(|e| StoreError::Other(format!("bad token claims '{s}': {e}")))
}

pub(crate) fn token_claims_json(c: &sigil_core::model::TokenClaims) -> String {
    serde_json::to_string(c).expect("token claims serialize")
}

/// A list column (JSON array of strings), written.
/// A tenant's registration policy (`tenants.registration`): JSON, unknown keys refused.
pub(crate) fn registration_policy(s: &str) -> Result<sigil_core::model::RegistrationPolicy, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Other(format!("tenants.registration: {e}")))
}

/// `tenants.mfa`: `off` or `required`, nothing else.
pub(crate) fn mfa_policy(s: &str) -> Result<sigil_core::model::MfaPolicy, StoreError> {
    sigil_core::model::MfaPolicy::parse(s).ok_or_else(|| StoreError::Other(format!("tenants.mfa: unknown '{s}'")))
}

/// `sessions.amr`, `auth_codes.amr`, `grants.amr`: RFC 8176 values separated by one space, each
/// one Sigil issues (an unknown value is a corrupt row, not something to put in a token).
pub(crate) fn amr(column: &str, s: String) -> Result<String, StoreError> {
    if s.split(' ').filter(|v| !v.is_empty()).all(|v| sigil_core::factor::AMR_VALUES.contains(&v)) {
        Ok(s)
    } else {
        Err(StoreError::Other(format!("{column}: unknown authentication method in '{s}'")))
    }
}

pub(crate) fn registration_policy_json(p: &sigil_core::model::RegistrationPolicy) -> String {
    serde_json::to_string(p).expect("registration policy serializes")
}

pub(crate) fn trusted_issuers(s: &str) -> Result<Vec<sigil_core::model::TrustedIssuer>, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Other(format!("tenants.trusted_issuers: {e}")))
}

pub(crate) fn trusted_issuers_json(l: &[sigil_core::model::TrustedIssuer]) -> String {
    serde_json::to_string(l).expect("trusted issuers serialize")
}

/// `tenants.session_policy`: the tenant's session policy as JSON (`{}`: the defaults); anything
/// else that does not parse strictly (unknown members included) is a corrupt row.
pub(crate) fn session_policy(s: &str) -> Result<sigil_core::model::SessionPolicy, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Other(format!("tenants.session_policy: {e}")))
}

pub(crate) fn session_policy_json(p: &sigil_core::model::SessionPolicy) -> String {
    serde_json::to_string(p).expect("session policy serializes")
}

/// `known_signin_signals.kind`: `device` or `network`.
pub(crate) fn signal_kind(s: &str) -> Result<sigil_core::model::SignalKind, StoreError> {
    sigil_core::model::SignalKind::parse(s)
        .ok_or_else(|| StoreError::Other(format!("known_signin_signals.kind: unknown '{s}'")))
}

/// A tenant's branding: its JSON document and its logo columns (the content type stored must be
/// the one its bytes are, else the row is an error).
pub(crate) fn branding(
    json: &str,
    logo: Option<Vec<u8>>,
    logo_type: Option<String>,
) -> Result<sigil_core::branding::Branding, StoreError> {
    let mut b: sigil_core::branding::Branding =
        serde_json::from_str(json).map_err(|e| StoreError::Other(format!("tenants.branding: {e}")))?;
    b.logo = match (logo, logo_type) {
        (None, None) => None,
        (Some(bytes), Some(t)) => {
            let l =
                sigil_core::branding::Logo::new(bytes).map_err(|e| StoreError::Other(format!("tenants.logo: {e}")))?;
            if l.content_type != t {
                return Err(StoreError::Other(format!(
                    "tenants.logo_type: '{t}' but the bytes are {}",
                    l.content_type
                )));
            }
            Some(l)
        }
        _ => return Err(StoreError::Other("tenants.logo: bytes and type must both be set or both absent".into())),
    };
    Ok(b)
}

pub(crate) fn branding_json(b: &sigil_core::branding::Branding) -> String {
    serde_json::to_string(b).expect("branding serializes")
}

type ScopeDescriptions = std::collections::BTreeMap<String, sigil_core::branding::LocalizedText>;

pub(crate) fn scope_descriptions(s: &str) -> Result<ScopeDescriptions, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Other(format!("apis.scope_descriptions: {e}")))
}

pub(crate) fn scope_descriptions_json(d: &ScopeDescriptions) -> String {
    serde_json::to_string(d).expect("scope descriptions serialize")
}

/// Lowercase hex, as the client body stores hashes.
pub(crate) fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

pub(crate) fn json_list(v: &[String]) -> String {
    serde_json::to_string(v).expect("a list of strings serializes")
}

/// A list column (JSON array of strings), read. Anything else is an error, never an empty list:
/// an empty scope list would quietly grant or remember nothing instead of what was stored.
pub(crate) fn parse_list(column: &str, s: &str) -> Result<Vec<String>, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Other(format!("bad {column} list '{s}': {e}")))
}

/// A signing algorithm column; an unknown name is an error, never a default algorithm.
pub(crate) fn signing_alg(column: &str, s: &str) -> Result<sigil_core::model::SigningAlg, StoreError> {
    sigil_core::model::SigningAlg::parse(s)
        .ok_or_else(|| StoreError::Other(format!("unknown signing algorithm '{s}' in {column}")))
}

/// A sign-in log row (the same columns in both backends).
pub(crate) fn signin_record<R>(r: &R) -> Result<sigil_core::signin_log::SigninRecord, StoreError>
where
    R: sqlx::Row,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'c> &'c str: sqlx::ColumnIndex<R>,
{
    Ok(sigil_core::signin_log::SigninRecord {
        time_millis: decode(r, "time_millis")?,
        trace_id: decode(r, "trace_id")?,
        correlation_id: decode(r, "correlation_id")?,
        tenant: decode(r, "tenant")?,
        client_id: decode(r, "client_id")?,
        user: decode(r, "username")?,
        flow: decode(r, "flow")?,
        code: signin_code(decode(r, "code")?)?,
        error: decode(r, "error")?,
        reason: decode(r, "reason")?,
        source: decode(r, "source")?,
        user_agent: decode(r, "user_agent")?,
        latency_micros: decode(r, "latency_micros")?,
        signals: decode(r, "signals")?,
    })
}

/// A sign-in log `code` column (a catalog code, `u32`); one out of range is an error, not wrapped.
pub(crate) fn signin_code(code: i64) -> Result<u32, StoreError> {
    u32::try_from(code).map_err(|_| StoreError::Other(format!("bad sign-in log code {code}")))
}

pub(crate) fn user_profile_json(p: &sigil_core::model::UserProfile) -> String {
    serde_json::to_string(p).unwrap_or_else(|_| "{}".into())
}

/// A database that cannot write now: SQLite busy or locked past its timeout, out of memory,
/// read-only (file or directory not writable), I/O error (an immutable file), disk full, file
/// unopenable, WAL lock protocol; PostgreSQL in a read-only transaction (a read-only database or a
/// hot standby after a fail-over), insufficient resources (disk full, out of memory), I/O error.
fn is_write_fault(d: &dyn sqlx::error::DatabaseError) -> bool {
    const SQLITE_FAULTS: [i32; 8] = [5, 6, 7, 8, 10, 13, 14, 15];
    if let Some(e) = d.try_downcast_ref::<sqlx::sqlite::SqliteError>() {
        // The extended result code; its low byte is the primary one.
        let code = sqlx::error::DatabaseError::code(e);
        return code.and_then(|c| c.parse::<i32>().ok()).is_some_and(|c| SQLITE_FAULTS.contains(&(c & 0xff)));
    }
    d.code().is_some_and(|c| c == "25006" || c.starts_with("53") || c == "58030")
}

/// A device code's status column (RFC 8628): a value that does not parse is an error.
pub(crate) fn device_status(s: &str) -> Result<sigil_core::store::DeviceStatus, StoreError> {
    sigil_core::store::DeviceStatus::parse(s).ok_or_else(|| StoreError::Other(format!("bad device code status '{s}'")))
}

pub(crate) fn uuid(s: &str) -> Result<uuid::Uuid, StoreError> {
    uuid::Uuid::parse_str(s).map_err(|e| StoreError::Other(format!("bad uuid '{s}': {e}")))
}

/// The filters of a sign-in log lookup or count, for both backends. `trace` and `correlation`
/// push the filters by those IDs, which each backend puts on its own indexes. When one of them is
/// given, every other column is prefixed with `id_first` (SQLite passes `+`, which keeps a column
/// from being used as an index: the plan then always starts from the trace or correlation, a few
/// rows, never from, say, all the rows of one client).
pub(crate) fn push_signin_conditions<DB: sqlx::Database>(
    qb: &mut sqlx::QueryBuilder<DB>,
    q: &sigil_core::signin_log::SigninQuery,
    trace: fn(&mut sqlx::QueryBuilder<DB>, String),
    correlation: fn(&mut sqlx::QueryBuilder<DB>, String),
    id_first: &str,
) where
    String: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    i64: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    use sigil_core::signin_log::stored_id_form;
    if let Some(v) = &q.trace_id {
        trace(qb, stored_id_form(v));
    }
    if let Some(v) = &q.correlation_id {
        correlation(qb, stored_id_form(v));
    }
    let p = if q.trace_id.is_some() || q.correlation_id.is_some() { id_first } else { "" };
    for (column, value) in [("tenant", &q.tenant), ("client_id", &q.client_id), ("username", &q.user)] {
        if let Some(v) = value {
            qb.push(format_args!(" AND {p}{column} = ")).push_bind(v.clone());
        }
    }
    if let Some(v) = q.code {
        qb.push(format_args!(" AND {p}code = ")).push_bind(i64::from(v));
    }
    if let Some(v) = q.since_millis {
        qb.push(format_args!(" AND {p}time_millis >= ")).push_bind(v);
    }
    if let Some(v) = q.until_millis {
        qb.push(format_args!(" AND {p}time_millis < ")).push_bind(v);
    }
}

/// A lookup's order and bound after [`push_signin_conditions`]: newest first, at most `q.limit`
/// (1 to 10,000) rows.
pub(crate) fn push_signin_order<DB: sqlx::Database>(
    qb: &mut sqlx::QueryBuilder<DB>,
    q: &sigil_core::signin_log::SigninQuery,
) where
    i64: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    qb.push(" ORDER BY time_millis DESC, id DESC LIMIT ").push_bind(i64::from(q.limit.clamp(1, 10_000)));
}

/// The `SELECT` of `count_signins` in both backends (integer division and `COUNT(*)` are the same
/// SQL in both); the caller pushes the conditions and then [`SIGNIN_COUNT_GROUPS`].
pub(crate) fn signin_count_select<DB: sqlx::Database>(since: i64, bucket_millis: i64) -> sqlx::QueryBuilder<DB>
where
    i64: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    let mut qb = sqlx::QueryBuilder::new("SELECT (time_millis - ");
    qb.push_bind(since).push(") / ").push_bind(bucket_millis.max(1));
    qb.push(" AS bucket, code, client_id, COUNT(*) AS n FROM signin_log WHERE 1 = 1");
    qb
}

pub(crate) const SIGNIN_COUNT_GROUPS: &str = " GROUP BY bucket, code, client_id";

/// A row of `count_signins`, strictly decoded.
pub(crate) fn signin_count<R: sqlx::Row>(r: &R) -> sigil_core::store::StoreResult<sigil_core::signin_log::SigninCount>
where
    for<'c> &'c str: sqlx::ColumnIndex<R>,
    i64: for<'v> sqlx::Decode<'v, R::Database> + sqlx::Type<R::Database>,
    Option<String>: for<'v> sqlx::Decode<'v, R::Database> + sqlx::Type<R::Database>,
{
    let code: i64 = decode(r, "code")?;
    let n: i64 = decode(r, "n")?;
    Ok(sigil_core::signin_log::SigninCount {
        bucket: decode(r, "bucket")?,
        code: u32::try_from(code).map_err(|_| StoreError::Other(format!("bad signin_log code {code}")))?,
        client_id: decode(r, "client_id")?,
        count: u64::try_from(n).unwrap_or(0),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn recent_faults_report_only_unavailable_and_only_while_recent() {
        use sigil_core::error::StoreError;
        let f = super::RecentFaults::new();
        assert!(f.check().is_ok(), "no failure yet");
        f.note::<()>(&Err(StoreError::Conflict("a duplicate is not a fault".into())));
        f.note(&Ok(()));
        assert!(f.check().is_ok());
        f.note::<()>(&Err(StoreError::Unavailable("disk full".into())));
        assert!(matches!(f.check(), Err(StoreError::Unavailable(_))));
        // Aged past the window (the clock moved on by WINDOW).
        f.last.store(1, std::sync::atomic::Ordering::Relaxed);
        let f = super::RecentFaults { start: f.start - super::RecentFaults::WINDOW, last: f.last };
        assert!(f.check().is_ok(), "a failure older than the window no longer counts");
    }

    #[test]
    fn fixed_chunks_cover_the_batch_in_order_with_four_sizes() {
        for len in [0usize, 1, 3, 5, 63, 64, 150, 1000] {
            let v: Vec<usize> = (0..len).collect();
            let chunks: Vec<&[usize]> = super::fixed_chunks(&v).collect();
            assert_eq!(chunks.concat(), v, "len {len}");
            assert!(chunks.iter().all(|c| [64, 16, 4, 1].contains(&c.len())), "len {len}");
        }
        let v = [0u8; 150];
        let sizes: Vec<usize> = super::fixed_chunks(&v).map(|c| c.len()).collect();
        assert_eq!(sizes, [64, 64, 16, 4, 1, 1]);
    }

    /// A backlog of `rows`, deleted a chunk at a time: how many chunk calls and how many rows.
    async fn purge_backlog(rows: u64) -> (u64, u64) {
        let left = std::cell::Cell::new(rows);
        let calls = std::cell::Cell::new(0);
        let total = super::delete_in_chunks(|limit| {
            calls.set(calls.get() + 1);
            let n = left.get().min(limit as u64);
            left.set(left.get() - n);
            async move { Ok(n) }
        })
        .await
        .unwrap();
        (calls.get(), total)
    }

    /// `decode` answers an error where `Row::get` would panic: text for a number, a column that is
    /// not there. (SQLite's driver reads NULL as 0 for a number; the schemas make every column the
    /// model requires `NOT NULL`, so no row can carry one.)
    #[tokio::test]
    async fn decode_is_an_error_not_a_panic() {
        use sigil_core::error::StoreError;
        use sqlx::Connection;
        let mut c = sqlx::SqliteConnection::connect("sqlite::memory:").await.unwrap();
        let row = sqlx::query("SELECT NULL AS absent, 'text' AS word, 7 AS seven").fetch_one(&mut c).await.unwrap();
        assert_eq!(super::decode::<i64, _>(&row, "seven").unwrap(), 7);
        assert_eq!(super::decode::<Option<i64>, _>(&row, "absent").unwrap(), None);
        for r in [super::decode::<i64, _>(&row, "word"), super::decode::<i64, _>(&row, "missing")] {
            assert!(matches!(r, Err(StoreError::Other(_))), "{r:?}");
        }
    }

    #[tokio::test]
    async fn delete_in_chunks_stops_at_the_first_short_chunk() {
        assert_eq!(purge_backlog(0).await, (1, 0));
        assert_eq!(purge_backlog(499).await, (1, 499));
        assert_eq!(purge_backlog(1234).await, (3, 1234));
        assert_eq!(purge_backlog(1000).await, (3, 1000), "an exact multiple needs one empty chunk to know");
    }
}
