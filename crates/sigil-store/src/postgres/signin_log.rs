//! [`SigninLogStore`] on PostgreSQL: the sign-in log, its writes and lookups.

use async_trait::async_trait;
use sigil_core::signin_log::{SigninCount, SigninQuery, SigninRecord};
use sigil_core::store::*;
use sqlx::{Postgres, QueryBuilder};

use super::PgStore;
use super::conn::begin;

fn by_trace(qb: &mut QueryBuilder<Postgres>, trace_id: String) {
    qb.push(" AND trace_id = ").push_bind(trace_id);
}

fn by_correlation(qb: &mut QueryBuilder<Postgres>, correlation_id: String) {
    qb.push(" AND correlation_id = ").push_bind(correlation_id);
}

#[async_trait]
impl SigninLogStore for PgStore {
    async fn write_signins(&self, batch: &[SigninRecord]) -> StoreResult<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let mut tx = begin(&self.pool).await?;
        // 14 parameters a row; 64 rows stay far below PostgreSQL's 65535 bind parameters.
        for chunk in crate::fixed_chunks(batch) {
            let mut qb: QueryBuilder<Postgres> = QueryBuilder::new(
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
            qb.build().execute(&mut *tx).await.map_err(|e| self.faults.seen(e))?;
        }
        tx.commit().await.map_err(|e| self.faults.seen(e))
    }

    async fn query_signins(&self, q: &SigninQuery) -> StoreResult<Vec<SigninRecord>> {
        let mut qb: QueryBuilder<Postgres> = QueryBuilder::new("SELECT * FROM signin_log WHERE true");
        crate::push_signin_conditions(&mut qb, q, by_trace, by_correlation, "");
        crate::push_signin_order(&mut qb, q);
        // Not a cached prepared statement: PostgreSQL plans an unnamed one with the values bound,
        // so a rare error code or application takes its own index. A cached statement falls back
        // to a generic plan after five runs, which guesses every code common and walks the time
        // index past almost every row (185 ms instead of 0.3 ms for a code on 0.01 % of 1M rows).
        qb.build()
            .persistent(false)
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))?
            .iter()
            .map(crate::signin_record)
            .collect()
    }

    async fn count_signins(&self, q: &SigninQuery, bucket_millis: i64) -> StoreResult<Vec<SigninCount>> {
        let mut qb = crate::signin_count_select::<Postgres>(q.since_millis.unwrap_or(0), bucket_millis);
        crate::push_signin_conditions(&mut qb, q, by_trace, by_correlation, "");
        qb.push(crate::SIGNIN_COUNT_GROUPS);
        // Unnamed, for the same per-value plan as `query_signins`.
        let rows = qb.build().persistent(false).fetch_all(&self.pool).await.map_err(|e| self.faults.seen(e))?;
        rows.iter().map(crate::signin_count).collect()
    }

    /// In chunks of [`crate::PURGE_CHUNK`] rows (index `signin_log_time`): short transactions, so
    /// a month's backlog neither bloats one transaction nor holds locks for long.
    async fn purge_signins(&self, before_millis: i64) -> StoreResult<u64> {
        self.delete_old_in_chunks(
            "DELETE FROM signin_log WHERE id IN
               (SELECT id FROM signin_log WHERE time_millis < $1 ORDER BY time_millis LIMIT $2)",
            before_millis,
        )
        .await
    }
}

impl PgStore {
    /// Runs `delete` (a DELETE of the oldest rows of a log before `$1`, at most `$2` of them) until
    /// a chunk comes back short: [`crate::PURGE_CHUNK`] rows a statement.
    pub(super) async fn delete_old_in_chunks(&self, delete: &'static str, before_millis: i64) -> StoreResult<u64> {
        crate::delete_in_chunks(|limit| async move {
            sqlx::query(delete)
                .bind(before_millis)
                .bind(limit)
                .execute(&self.pool)
                .await
                .map(|r| r.rows_affected())
                .map_err(|e| self.faults.seen(e))
        })
        .await
    }
}
