-- RFC 8628 device authorization requests (issue 19): only hashes of the device and user codes.
CREATE TABLE device_codes (
    device_hash     bytea NOT NULL PRIMARY KEY,
    user_code_hash  bytea NOT NULL,
    tenant_id       uuid NOT NULL,
    client_id       text NOT NULL,
    scope           text NOT NULL,
    created_at      bigint NOT NULL,
    expires_at      bigint NOT NULL,
    poll_interval   bigint NOT NULL,
    last_poll       bigint,
    -- Whether the last poll came sooner than the interval (RFC 8628 §3.5 slow_down).
    polled_too_fast boolean NOT NULL DEFAULT false,
    status          text NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'redeemed')),
    user_id         uuid,
    auth_time       bigint,
    session_id      text
);
CREATE UNIQUE INDEX device_codes_user_code ON device_codes (tenant_id, user_code_hash);
CREATE INDEX device_codes_expiry ON device_codes (expires_at);
