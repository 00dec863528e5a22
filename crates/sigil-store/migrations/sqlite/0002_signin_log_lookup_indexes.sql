-- Lookups by trace or correlation ID use (id, time) so the plan never depends on statistics.
DROP INDEX signin_log_trace;
DROP INDEX signin_log_correlation;
CREATE INDEX signin_log_trace ON signin_log (trace_id, time_millis);
CREATE INDEX signin_log_correlation ON signin_log (correlation_id, time_millis);
