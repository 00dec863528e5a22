//! [`SigninLogStore`] on SQLite: the sign-in log, its writes and lookups.

use async_trait::async_trait;
use sigil_core::signin_log::{SigninCount, SigninQuery, SigninRecord};
use sigil_core::store::*;
use sqlx::{Connection, QueryBuilder, Sqlite};
use uuid::Uuid;

use super::SqliteStore;
use crate::{decode, map_err};

impl SqliteStore {
    /// SQLite's plan for a sign-in log lookup (`EXPLAIN QUERY PLAN`, one line per step): lets a
    /// test, or an operator with a slow lookup, check which index it takes.
    pub async fn explain_signins(&self, q: &SigninQuery) -> StoreResult<Vec<String>> {
        let rows =
            signin_query("EXPLAIN QUERY PLAN SELECT *", q).build().fetch_all(&self.read).await.map_err(map_err)?;
        rows.iter().map(|r| decode::<String, _>(r, "detail")).collect()
    }
}

/// The sign-in log lookup behind [`SigninLogStore::query_signins`], after `select`.
fn signin_query(select: &str, q: &SigninQuery) -> QueryBuilder<Sqlite> {
    let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(select);
    qb.push(" FROM signin_log WHERE 1 = 1");
    crate::push_signin_conditions(&mut qb, q, push_trace_filter, push_correlation_filter, "+");
    crate::push_signin_order(&mut qb, q);
    qb
}

/// The millisecond a trace or correlation ID carries, when it is a UUIDv7.
fn v7_millis(id: &str) -> Option<i64> {
    sigil_core::rng::uuid_v7_millis(&Uuid::parse_str(id).ok()?)
}

/// A trace lookup by the index migration 0006 left for it: a UUIDv7 trace ID at the millisecond it
/// carries (the row's `time_millis`, see [`SigninRecord::time_millis`]) through `signin_log_time`,
/// any other trace ID through the partial index `signin_log_trace_not_v7`, whose condition the
/// query repeats word for word so that SQLite may use it.
fn push_trace_filter(qb: &mut QueryBuilder<Sqlite>, trace_id: String) {
    match v7_millis(&trace_id) {
        Some(millis) => {
            qb.push(" AND time_millis = ").push_bind(millis);
            qb.push(" AND trace_id = ").push_bind(trace_id);
        }
        None => {
            qb.push(" AND trace_id = ").push_bind(trace_id);
            qb.push(" AND substr(trace_id, 15, 1) <> '7'");
        }
    }
}

/// A correlation lookup (migration 0007): rows that carried this correlation ID from the client,
/// through the partial index `signin_log_correlation` (its condition repeated word for word), or,
/// for a UUIDv7, the one row that was its own correlation: the row whose trace ID it is.
fn push_correlation_filter(qb: &mut QueryBuilder<Sqlite>, correlation_id: String) {
    let own = v7_millis(&correlation_id);
    qb.push(" AND ((correlation_id = ").push_bind(correlation_id.clone());
    qb.push(" AND correlation_id <> trace_id)");
    if let Some(millis) = own {
        qb.push(" OR (time_millis = ").push_bind(millis);
        qb.push(" AND trace_id = ").push_bind(correlation_id);
        qb.push(" AND correlation_id = trace_id)");
    }
    qb.push(")");
}

#[async_trait]
impl SigninLogStore for SqliteStore {
    async fn write_signins(&self, batch: &[SigninRecord]) -> StoreResult<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let mut w = self.write.write().await?;
        let mut tx = w.begin().await.map_err(map_err)?;
        for chunk in crate::fixed_chunks(batch) {
            let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO signin_log (time_millis, trace_id, correlation_id, tenant, client_id, username, flow, code, error,
                   reason, source, user_agent, latency_micros, signals) ",
            );
            qb.push_values(chunk, |mut b, r| {
                b.push_bind(r.time_millis)
                    .push_bind(r.trace_id.as_str())
                    .push_bind(r.correlation_id.as_str())
                    .push_bind(r.tenant.as_str())
                    .push_bind(r.client_id.as_deref())
                    .push_bind(r.user.as_deref())
                    .push_bind(r.flow.as_str())
                    .push_bind(r.code as i64)
                    .push_bind(r.error.as_deref())
                    .push_bind(r.reason.as_str())
                    .push_bind(r.source.as_str())
                    .push_bind(r.user_agent.as_str())
                    .push_bind(r.latency_micros)
                    .push_bind(r.signals.as_deref());
            });
            qb.build().execute(&mut *tx).await.map_err(map_err)?;
        }
        let committed = tx.commit().await.map_err(map_err);
        w.settle(committed)
    }

    async fn query_signins(&self, q: &SigninQuery) -> StoreResult<Vec<SigninRecord>> {
        let rows = signin_query("SELECT *", q).build().fetch_all(&self.read).await.map_err(map_err)?;
        rows.iter().map(crate::signin_record).collect()
    }

    async fn count_signins(&self, q: &SigninQuery, bucket_millis: i64) -> StoreResult<Vec<SigninCount>> {
        let mut qb = crate::signin_count_select::<Sqlite>(q.since_millis.unwrap_or(0), bucket_millis);
        crate::push_signin_conditions(&mut qb, q, push_trace_filter, push_correlation_filter, "+");
        qb.push(crate::SIGNIN_COUNT_GROUPS);
        let rows = qb.build().fetch_all(&self.read).await.map_err(map_err)?;
        rows.iter().map(crate::signin_count).collect()
    }

    /// In chunks of [`crate::PURGE_CHUNK`] rows (index `signin_log_time`): a month of a busy log is
    /// millions of rows, and one DELETE of them would hold the writer every sign-in waits for.
    async fn purge_signins(&self, before_millis: i64) -> StoreResult<u64> {
        self.delete_in_chunks(|| {
            sqlx::query(
                "DELETE FROM signin_log WHERE id IN
                   (SELECT id FROM signin_log WHERE time_millis < ?1 ORDER BY time_millis LIMIT ?2)",
            )
            .bind(before_millis)
        })
        .await
    }
}
