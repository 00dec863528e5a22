-- OIDC Back-Channel Logout (issue 20): the clients a session's codes went to are looked up by its
-- `sid` at logout; only codes issued to a browser session carry one.
CREATE INDEX auth_codes_session ON auth_codes (tenant_id, session_id) WHERE session_id IS NOT NULL;
CREATE INDEX device_codes_session ON device_codes (tenant_id, session_id) WHERE session_id IS NOT NULL;
