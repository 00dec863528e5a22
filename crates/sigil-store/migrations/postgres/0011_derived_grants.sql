-- On-behalf-of (issue 19): a grant derived from another records its parent, and revoking a grant
-- revokes everything derived from it in the same statement (the trigger fires again for each
-- derived grant it revokes, so any depth): RFC 7009 revocation, a code replay, a refresh-token
-- reuse, an administrator alike.
ALTER TABLE grants ADD COLUMN parent_id uuid;
CREATE INDEX grants_parent ON grants (parent_id) WHERE parent_id IS NOT NULL;
CREATE FUNCTION grants_revoke_derived() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE grants SET revoked_at = NEW.revoked_at, revoke_reason = 'parent grant revoked'
    WHERE parent_id = NEW.id AND revoked_at IS NULL;
    RETURN NULL;
END
$$;
CREATE TRIGGER grants_revoke_derived AFTER UPDATE OF revoked_at ON grants
FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
EXECUTE FUNCTION grants_revoke_derived();
