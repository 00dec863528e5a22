-- Issue 21 (account page): what a user sees of each of their sessions: the browser that signed in
-- (its user agent, bounded like the sign-in log's) and when the session was last used.
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER;
-- A session's grants, found through the codes issued to it, when it is ended from the account page.
CREATE INDEX auth_codes_grant_session ON auth_codes (tenant_id, session_id, grant_id) WHERE session_id IS NOT NULL;
