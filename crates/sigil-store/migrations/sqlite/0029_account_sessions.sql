-- Issue 21 (account page): what a user sees of each of their sessions: the browser that signed in
-- (its user agent, bounded like the sign-in log's) and when the session was last used.
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER;
-- A session's grants are found through auth_codes_session (tenant_id, session_id) when it is
-- ended from the account page; consents by their primary key (tenant_id, user_id, client_id).
