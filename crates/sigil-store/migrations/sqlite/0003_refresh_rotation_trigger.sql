-- Spending a refresh token stores its successor in the same statement (SQLite has no
-- data-modifying CTEs; a trigger's work is part of the statement that fires it, so the UPDATE is
-- atomic with the INSERT without an explicit transaction).
CREATE TRIGGER refresh_tokens_rotate
AFTER UPDATE OF used_at ON refresh_tokens
WHEN OLD.used_at IS NULL AND NEW.used_at IS NOT NULL AND NEW.successor_hash IS NOT NULL
BEGIN
    INSERT INTO refresh_tokens (hash, grant_id, created_at) VALUES (NEW.successor_hash, NEW.grant_id, NEW.used_at);
END;
