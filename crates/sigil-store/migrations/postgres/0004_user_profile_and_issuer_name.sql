-- Issue 17: OIDC Core §5.1 standard claims of a user (email_verified, the profile fields as one
-- JSON object, updated_at) and a tenant's choice of an issuer built from its name.
ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN profile text NOT NULL DEFAULT '{}';
ALTER TABLE users ADD COLUMN updated_at bigint;
ALTER TABLE tenants ADD COLUMN issuer_uses_name boolean NOT NULL DEFAULT false;
