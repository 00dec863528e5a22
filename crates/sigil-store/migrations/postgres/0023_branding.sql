-- Issue 21: tenant branding. The logo, colours, sign-in text and links as one JSON document
-- (checked by sigil_core::branding); an uploaded logo as bytes with the content type read from
-- them (PNG, JPEG or WebP, at most 100 KiB); what the consent page says each API scope allows.
ALTER TABLE tenants ADD COLUMN branding jsonb NOT NULL DEFAULT '{}';
ALTER TABLE tenants ADD COLUMN logo bytea;
ALTER TABLE tenants ADD COLUMN logo_type text;
ALTER TABLE apis ADD COLUMN scope_descriptions jsonb NOT NULL DEFAULT '{}';
