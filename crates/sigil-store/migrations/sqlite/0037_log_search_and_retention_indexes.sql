-- Issue 22: the console's default sign-in log queries at a million rows. A filter on an error code
-- had no index and scanned the time index to its end when the code was rare (139 ms at 1M rows);
-- (code, time_millis) answers it, newest first, in a few index steps.
CREATE INDEX signin_log_code ON signin_log (code, time_millis);
-- The audit log's searches by action, target and actor walk it newest first (by id).
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_target ON audit_log (target, id);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
