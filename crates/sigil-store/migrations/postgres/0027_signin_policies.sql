-- Issue 21: sign-in policies. The devices (hash of the device cookie) and networks (keyed hash of
-- the /24 or /64 prefix) each user completed a sign-in from, for `mfa = "unfamiliar"`; per-group
-- unfamiliar-sign-in rules; the tenant's session policy ("Stay signed in?" and lifetimes, JSON);
-- the session's answer to "Stay signed in?" (NULL: not asked); the sign-in log's signals.
CREATE TABLE known_signin_signals (
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       text NOT NULL,
    hash       bytea NOT NULL,
    first_seen bigint NOT NULL,
    last_seen  bigint NOT NULL,
    PRIMARY KEY (tenant_id, user_id, kind, hash)
);
ALTER TABLE groups ADD COLUMN mfa_unfamiliar boolean NOT NULL DEFAULT false;
ALTER TABLE tenants ADD COLUMN session_policy text NOT NULL DEFAULT '{}';
ALTER TABLE sessions ADD COLUMN persistent boolean;
ALTER TABLE signin_log ADD COLUMN signals text;
