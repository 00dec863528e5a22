-- Two fewer B-trees written per sign-in row (six per row before: the table and five indexes).
-- Trace IDs are UUIDv7 stamped with the row's own millisecond (since f7bcb8e), so a trace is found
-- through `signin_log_time` at that millisecond; only trace IDs of any other form (rows from before
-- v7 trace IDs) keep an index. Rows without a username (client credentials) skip the user index:
-- a lookup by username implies `username IS NOT NULL`, so SQLite still uses the partial index.
DROP INDEX signin_log_trace;
CREATE INDEX signin_log_trace_not_v7 ON signin_log (trace_id, time_millis) WHERE substr(trace_id, 15, 1) <> '7';
DROP INDEX signin_log_user;
CREATE INDEX signin_log_user ON signin_log (username, time_millis) WHERE username IS NOT NULL;
