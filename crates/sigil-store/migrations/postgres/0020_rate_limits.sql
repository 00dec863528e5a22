-- Rate-limit counters shared by instances (issue 23, sigil-core ratelimit.rs): hits claimed per key
-- (16 bytes of SHA-256 of the dimension, tenant and value) and fixed window. UNLOGGED: counters are
-- worth no WAL; after a crash PostgreSQL empties the table, which only restarts the windows.
CREATE UNLOGGED TABLE rate_limits (
    key          bytea NOT NULL,
    window_start bigint NOT NULL,
    hits         bigint NOT NULL,
    PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_limits_window ON rate_limits (window_start);
