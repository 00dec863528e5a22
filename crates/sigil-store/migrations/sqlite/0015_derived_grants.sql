-- On-behalf-of (issue 19): a grant derived from another records its parent, and revoking a grant
-- revokes everything derived from it, at any depth, in the same statement (this trigger runs inside
-- it: RFC 7009 revocation, a code replay, a refresh-token reuse, an administrator alike).
ALTER TABLE grants ADD COLUMN parent_id TEXT;
CREATE INDEX grants_parent ON grants (parent_id) WHERE parent_id IS NOT NULL;
CREATE TRIGGER grants_revoke_derived AFTER UPDATE OF revoked_at ON grants
WHEN OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL
BEGIN
    UPDATE grants SET revoked_at = NEW.revoked_at, revoke_reason = 'parent grant revoked'
    WHERE revoked_at IS NULL AND id IN (
        WITH RECURSIVE derived(id) AS (
            SELECT id FROM grants WHERE parent_id = NEW.id
            UNION SELECT g.id FROM grants g JOIN derived d ON g.parent_id = d.id
        )
        SELECT id FROM derived
    );
END;
