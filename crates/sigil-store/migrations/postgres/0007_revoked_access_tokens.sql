-- Access tokens revoked by their `jti` (RFC 7009 §2.1), kept until the token expires (issue 20).
CREATE TABLE revoked_access_tokens (
    tenant_id  uuid NOT NULL,
    jti        text NOT NULL,
    expires_at bigint NOT NULL,
    revoked_at bigint NOT NULL,
    PRIMARY KEY (tenant_id, jti)
);
CREATE INDEX revoked_access_tokens_expiry ON revoked_access_tokens (expires_at);
