-- Entra claim fidelity (issue 19 item 7): groups, their members, application roles assigned to
-- users and groups, and the `claims` settings of an API (groupMembershipClaims, optionalClaims).
ALTER TABLE apis ADD COLUMN claims TEXT NOT NULL DEFAULT '{}';

CREATE TABLE groups (
    id        TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name      TEXT NOT NULL COLLATE NOCASE,
    security  INTEGER NOT NULL,
    UNIQUE (tenant_id, name)
) STRICT;

CREATE TABLE group_members (
    user_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, group_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX group_members_group ON group_members (group_id);

-- Exactly one of user_id, group_id: the principal the role is assigned to.
CREATE TABLE app_role_assignments (
    api_id   TEXT NOT NULL REFERENCES apis(id) ON DELETE CASCADE,
    role     TEXT NOT NULL,
    user_id  TEXT REFERENCES users(id) ON DELETE CASCADE,
    group_id TEXT REFERENCES groups(id) ON DELETE CASCADE,
    CHECK ((user_id IS NULL) <> (group_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX app_role_assignments_user ON app_role_assignments (user_id, api_id, role) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX app_role_assignments_group ON app_role_assignments (group_id, api_id, role) WHERE group_id IS NOT NULL;
CREATE INDEX app_role_assignments_api ON app_role_assignments (api_id);
