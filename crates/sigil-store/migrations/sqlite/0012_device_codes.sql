-- RFC 8628 device authorization requests (issue 19): only hashes of the device and user codes.
CREATE TABLE device_codes (
    device_hash    BLOB NOT NULL PRIMARY KEY,
    user_code_hash BLOB NOT NULL,
    tenant_id      TEXT NOT NULL,
    client_id      TEXT NOT NULL,
    scope          TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    poll_interval  INTEGER NOT NULL,
    last_poll      INTEGER,
    -- Whether the last poll came sooner than the interval (RFC 8628 §3.5 slow_down).
    polled_too_fast INTEGER NOT NULL DEFAULT 0,
    status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'redeemed')),
    user_id        TEXT,
    auth_time      INTEGER,
    session_id     TEXT
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX device_codes_user_code ON device_codes (tenant_id, user_code_hash);
CREATE INDEX device_codes_expiry ON device_codes (expires_at);
