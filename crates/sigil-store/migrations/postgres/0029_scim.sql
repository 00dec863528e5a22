-- Issue 22 item 3, SCIM 2.0: what SCIM keeps of a user or group beyond Sigil's model
-- (externalId, the enterprise extension and other declared attributes as JSON, the times).
-- Deleting the user or group deletes its row.
CREATE TABLE scim_users (
    id          uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    tenant_id   uuid NOT NULL,
    external_id text,
    attributes  jsonb NOT NULL,
    created_at  bigint NOT NULL,
    modified_at bigint NOT NULL
);
CREATE INDEX scim_users_external_id ON scim_users (tenant_id, external_id);

CREATE TABLE scim_groups (
    id          uuid PRIMARY KEY REFERENCES groups (id) ON DELETE CASCADE,
    tenant_id   uuid NOT NULL,
    external_id text,
    attributes  jsonb NOT NULL,
    created_at  bigint NOT NULL,
    modified_at bigint NOT NULL
);
CREATE INDEX scim_groups_external_id ON scim_groups (tenant_id, external_id);
