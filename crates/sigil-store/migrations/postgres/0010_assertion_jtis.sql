-- Client assertions seen (RFC 7523 §3 item 7, RFC 7521 §4.2 replay; issue 19): the hash of the
-- issuer and `jti`, the client it authenticated and the hash of the whole assertion, kept until
-- the assertion's `exp` (purged after).
CREATE TABLE assertion_jtis (
    tenant_id      uuid NOT NULL,
    jti_hash       bytea NOT NULL,
    client_id      text NOT NULL,
    assertion_hash bytea NOT NULL,
    expires_at     bigint NOT NULL,
    PRIMARY KEY (tenant_id, jti_hash)
);
CREATE INDEX assertion_jtis_expiry ON assertion_jtis (expires_at);
