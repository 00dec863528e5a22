-- Refresh tokens lose their index on grant_id. That index put every rotation's successor at the
-- position of its grant, a random page of the index, so each rotation wrote one more page (in a
-- model of the bench's workload: a third to a half of the writer's time
-- and 40-70% of the WAL bytes per rotation).
-- Tokens issued with a time-ordered key (38 bytes: 6 bytes of issue time, then SHA-256) are
-- reclaimed by `purge` instead, by key range: one issued before every remaining grant was created
-- belongs to no remaining grant. Keys of any other length (tokens from before the time prefix)
-- keep a partial index and go with their grant by trigger, as the cascade did.
-- SQLite cannot drop a foreign key in place, so the table is rebuilt.
CREATE TABLE refresh_tokens_v5 (
    hash             BLOB PRIMARY KEY,
    grant_id         TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    used_at          INTEGER,
    successor_hash   BLOB,
    successor_sealed BLOB
) STRICT, WITHOUT ROWID;
INSERT INTO refresh_tokens_v5 (hash, grant_id, created_at, used_at, successor_hash, successor_sealed)
    SELECT hash, grant_id, created_at, used_at, successor_hash, successor_sealed FROM refresh_tokens;
-- Drops the old table's indexes and its rotation trigger with it.
DROP TABLE refresh_tokens;
ALTER TABLE refresh_tokens_v5 RENAME TO refresh_tokens;
CREATE INDEX refresh_tokens_sealed ON refresh_tokens (used_at) WHERE successor_sealed IS NOT NULL;
CREATE INDEX refresh_tokens_unordered_grant ON refresh_tokens (grant_id) WHERE length(hash) <> 38;
-- As in migration 0003.
CREATE TRIGGER refresh_tokens_rotate
AFTER UPDATE OF used_at ON refresh_tokens
WHEN OLD.used_at IS NULL AND NEW.used_at IS NOT NULL AND NEW.successor_hash IS NOT NULL
BEGIN
    INSERT INTO refresh_tokens (hash, grant_id, created_at) VALUES (NEW.successor_hash, NEW.grant_id, NEW.used_at);
END;
CREATE TRIGGER grants_delete_unordered_tokens
AFTER DELETE ON grants
BEGIN
    DELETE FROM refresh_tokens WHERE length(hash) <> 38 AND grant_id = OLD.id;
END;
-- `purge` asks for the oldest remaining grant.
CREATE INDEX grants_created ON grants (created_at);
