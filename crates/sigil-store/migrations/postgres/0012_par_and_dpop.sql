-- Pushed authorization requests (RFC 9126 §2.2): the request, by the hash of its `request_uri`,
-- until it is used once or expires (issue 20 item 5).
CREATE TABLE pushed_requests (
    hash       bytea NOT NULL PRIMARY KEY,
    tenant_id  uuid NOT NULL,
    client_id  text NOT NULL,
    params     text NOT NULL,
    expires_at bigint NOT NULL
);
CREATE INDEX pushed_requests_expiry ON pushed_requests (expires_at);
-- DPoP proofs seen (RFC 9449 §11.1): the hash of (key thumbprint, `jti`), until the proof's `iat`
-- is out of the accepted window; shared by every instance.
CREATE TABLE dpop_proofs (
    hash       bytea NOT NULL PRIMARY KEY,
    expires_at bigint NOT NULL
);
CREATE INDEX dpop_proofs_expiry ON dpop_proofs (expires_at);
-- RFC 9449 §10: the code bound to the `dpop_jkt` of its authorization request; §5: a public
-- client's grant (its refresh tokens) bound to the key of the proof that started it.
ALTER TABLE auth_codes ADD COLUMN dpop_jkt text;
ALTER TABLE grants ADD COLUMN dpop_jkt text;
