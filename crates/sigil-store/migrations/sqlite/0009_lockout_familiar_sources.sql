-- Smart lockout (issue 17): a source that signed the user in successfully is familiar and keeps a
-- budget of its own; every other source charges the account's shared row, source = '*'.
-- `failures` now counts attempts reserved before the password is verified.
ALTER TABLE lockouts ADD COLUMN last_success_at INTEGER;
