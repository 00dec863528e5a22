-- Client assertions seen (RFC 7523 §3 item 7, RFC 7521 §4.2 replay; issue 19): the hash of the
-- issuer and `jti`, the client it authenticated and the hash of the whole assertion, kept until
-- the assertion's `exp` (purged after).
CREATE TABLE assertion_jtis (
    tenant_id      TEXT NOT NULL,
    jti_hash       BLOB NOT NULL,
    client_id      TEXT NOT NULL,
    assertion_hash BLOB NOT NULL,
    expires_at     INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, jti_hash)
) STRICT, WITHOUT ROWID;
CREATE INDEX assertion_jtis_expiry ON assertion_jtis (expires_at);
