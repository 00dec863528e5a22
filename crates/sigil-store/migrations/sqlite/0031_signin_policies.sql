-- Issue 21: sign-in policies. The devices (hash of the device cookie) and networks (keyed hash of
-- the /24 or /64 prefix) each user completed a sign-in from, for `mfa = "unfamiliar"`; per-group
-- unfamiliar-sign-in rules; the tenant's session policy ("Stay signed in?" and lifetimes, JSON);
-- the session's answer to "Stay signed in?" (NULL: not asked); the sign-in log's signals.
CREATE TABLE known_signin_signals (
    tenant_id  TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    hash       BLOB NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, user_id, kind, hash)
) STRICT, WITHOUT ROWID;
ALTER TABLE groups ADD COLUMN mfa_unfamiliar INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tenants ADD COLUMN session_policy TEXT NOT NULL DEFAULT '{}';
ALTER TABLE sessions ADD COLUMN persistent INTEGER;
ALTER TABLE signin_log ADD COLUMN signals TEXT;
