-- Issue 21: tenant branding. The logo, colours, sign-in text and links as one JSON document
-- (checked by sigil_core::branding); an uploaded logo as bytes with the content type read from
-- them (PNG, JPEG or WebP, at most 100 KiB); what the consent page says each API scope allows.
ALTER TABLE tenants ADD COLUMN branding TEXT NOT NULL DEFAULT '{}';
ALTER TABLE tenants ADD COLUMN logo BLOB;
ALTER TABLE tenants ADD COLUMN logo_type TEXT;
ALTER TABLE apis ADD COLUMN scope_descriptions TEXT NOT NULL DEFAULT '{}';
