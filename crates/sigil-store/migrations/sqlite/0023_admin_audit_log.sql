-- Issue 22: the admin API's audit log (who, action, target, before/after JSON, trace ID, time),
-- written in the same transaction as the directory change it records. No foreign key: an entry
-- outlives the tenant or object it names.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    time_millis INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    tenant_id   TEXT,
    action      TEXT NOT NULL,
    target      TEXT NOT NULL,
    before_json TEXT,
    after_json  TEXT,
    trace_id    TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, id);
CREATE INDEX audit_log_time ON audit_log (time_millis);
-- A user's grants for the admin API (GET .../users/{user}/grants).
CREATE INDEX grants_user ON grants (user_id) WHERE user_id IS NOT NULL;
-- A user's sign-in sessions for the admin API (GET .../users/{user}/sessions).
CREATE INDEX sessions_user ON sessions (user_id);
