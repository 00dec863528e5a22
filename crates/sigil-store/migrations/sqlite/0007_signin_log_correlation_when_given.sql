-- A request without a client-supplied correlation ID is its own correlation: its correlation ID is
-- its trace ID, found at the trace ID's millisecond like the trace (migration 0006). The
-- correlation index keeps only the rows whose correlation ID differs from their trace ID: those
-- that carried the client's `client-request-id`, and every row from before this migration.
DROP INDEX signin_log_correlation;
CREATE INDEX signin_log_correlation ON signin_log (correlation_id, time_millis) WHERE correlation_id <> trace_id;
