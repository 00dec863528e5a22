-- Issue 19: client_secret_jwt keeps a client's secret sealed (AES-256-GCM under the master key)
-- besides its hash, only for clients registered for that method; a tenant's trusted issuers of
-- JWT bearer grants (RFC 7523 §2.1), JSON.
ALTER TABLE client_secrets ADD COLUMN sealed BLOB;
ALTER TABLE tenants ADD COLUMN trusted_issuers TEXT NOT NULL DEFAULT '[]';
