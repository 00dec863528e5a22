-- Issue 22 item 3, SCIM 2.0: what SCIM keeps of a user or group beyond Sigil's model
-- (externalId, the enterprise extension and other declared attributes as JSON, the times).
-- Deleting the user or group deletes its row.
CREATE TABLE scim_users (
    id          TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    tenant_id   TEXT NOT NULL,
    external_id TEXT,
    attributes  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    modified_at INTEGER NOT NULL
);
CREATE INDEX scim_users_external_id ON scim_users (tenant_id, external_id);

CREATE TABLE scim_groups (
    id          TEXT PRIMARY KEY REFERENCES groups (id) ON DELETE CASCADE,
    tenant_id   TEXT NOT NULL,
    external_id TEXT,
    attributes  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    modified_at INTEGER NOT NULL
);
CREATE INDEX scim_groups_external_id ON scim_groups (tenant_id, external_id);
