-- Retention: `purge` removes grants past their expiry (and, by cascade, their refresh tokens).
CREATE INDEX grants_expiry ON grants (expires_at);
