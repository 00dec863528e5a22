//! Client ID Metadata Documents (IETF draft-ietf-oauth-client-id-metadata-document, used by MCP
//! clients): a `client_id` that is an https URL names a JSON document, on the client's own server,
//! holding its metadata (RFC 7591 §2 names). Sigil fetches it through the shared SSRF-guarded
//! fetcher (`Context::fetcher`: public addresses only, no redirects, bounded size and time,
//! caching by `Cache-Control`) and turns it into a public client with the same constructor, rules
//! and tenant policy as a registration (`registration::build`). Only when the tenant's policy
//! enables it, and never for a `client_id` registered in the directory.
use std::sync::Arc;

use serde_json::Value;

use crate::catalog;
use crate::context::Context;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::model::{AuthMethod, Client, ClientRegistration};
use crate::outbound::FetchMode;
use crate::params::sanitize;
use crate::registration::{self, Metadata};

/// Whether `client_id` is meant as a metadata document URL (the fetcher refuses `http` unless
/// `outbound.allow_http`).
pub fn is_document_url(client_id: &str) -> bool {
    client_id.starts_with("https://") || client_id.starts_with("http://")
}

/// The client a metadata-document `client_id` describes, or `None` when the `client_id` is
/// registered, is not a URL, or the tenant does not accept metadata documents (then the caller's
/// usual "unknown client" applies).
pub async fn resolve(
    ctx: &Context,
    view: &TenantView,
    client_id: Option<&str>,
) -> Result<Option<Arc<Client>>, SigilError> {
    let Some(client_id) = client_id else { return Ok(None) };
    if !view.tenant.registration.client_id_metadata_documents
        || !is_document_url(client_id)
        || view.client(client_id).is_some()
    {
        return Ok(None);
    }
    let invalid = |reason: String| {
        SigilError::new(catalog::CLIENT_METADATA_DOCUMENT_INVALID, format!("{}: {reason}", sanitize(client_id)))
            .arg("url", sanitize(client_id))
            .arg("reason", reason)
    };
    check_url(client_id).map_err(|r| invalid(r.into()))?;
    let fetched = ctx.fetcher.get_json(client_id, FetchMode::Cached).await.map_err(|e| {
        SigilError::new(catalog::CLIENT_METADATA_DOCUMENT_UNAVAILABLE, format!("{}: {e}", sanitize(client_id)))
            .arg("url", sanitize(client_id))
            .arg("reason", e.to_string())
    })?;
    let doc = &fetched.json;
    check_document(client_id, doc).map_err(|r| invalid(r.into()))?;
    let mut md = Metadata::from_value(doc.clone()).map_err(|e| invalid(e.reason))?;
    // A document client is public: it cannot hold a secret shared with every server it uses.
    md.token_endpoint_auth_method = Some(AuthMethod::None.as_str().into());
    let registration = ClientRegistration {
        access_token_hash: vec![],
        issued_at: fetched.fetched_at,
        expires_at: None,
        metadata: md.info.clone(),
    };
    let (mut client, _) =
        registration::build(ctx, view, &md, client_id.to_string(), registration, None).map_err(|e| {
            invalid(e.args.iter().find(|(k, _)| *k == "reason").map_or(e.reason.clone(), |(_, v)| v.clone()))
        })?;
    // Not a self-registered client: nothing to manage with RFC 7592.
    client.registration = None;
    client.id = uuid::Builder::from_random_bytes(id_bytes(client_id)).into_uuid();
    Ok(Some(Arc::new(client)))
}

/// A stable id for the document's client (the directory's clients have one).
fn id_bytes(url: &str) -> [u8; 16] {
    let h = crate::crypto::sha256(url.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&h[..16]);
    b
}

/// The draft's "Client Identifier" section: an https URL with a path, without a fragment, without
/// user name or password, without single- or double-dot path segments. Checked on the string as
/// written: the URL parser would resolve dot segments away.
pub fn check_url(client_id: &str) -> Result<(), &'static str> {
    if client_id.len() > crate::provisioning::MAX_TEXT_LEN {
        return Err("the URL is too long");
    }
    let u = url::Url::parse(client_id).map_err(|_| "not a URL")?;
    if client_id.contains('#') {
        return Err("the URL must not contain a fragment");
    }
    if !u.username().is_empty() || u.password().is_some() {
        return Err("the URL must not contain a user name or password");
    }
    let after_host = client_id.splitn(4, '/').nth(3).unwrap_or("");
    let path = after_host.split(['?', '#']).next().unwrap_or("");
    if path.is_empty() {
        return Err("the URL must contain a path");
    }
    if path
        .split('/')
        .any(|seg| seg == "." || seg == ".." || seg.eq_ignore_ascii_case("%2e") || seg.eq_ignore_ascii_case("%2e%2e"))
    {
        return Err("the URL must not contain '.' or '..' path segments");
    }
    Ok(())
}

/// The draft's "Client Metadata" section: the document's `client_id` MUST equal the URL it was
/// fetched from (simple string comparison); a shared secret (`client_secret`,
/// `client_secret_expires_at`) and the secret-based authentication methods MUST NOT appear.
pub fn check_document(client_id: &str, doc: &Value) -> Result<(), &'static str> {
    let Value::Object(o) = doc else { return Err("the document is not a JSON object") };
    if o.get("client_id").and_then(Value::as_str) != Some(client_id) {
        return Err("the document's client_id is not the URL it was fetched from");
    }
    if o.contains_key("client_secret") || o.contains_key("client_secret_expires_at") {
        return Err("the document must not contain a client secret");
    }
    match o.get("token_endpoint_auth_method").map(|m| m.as_str()) {
        None | Some(Some("none")) => Ok(()),
        Some(Some("client_secret_basic" | "client_secret_post" | "client_secret_jwt")) => {
            Err("a shared-secret token_endpoint_auth_method is not allowed")
        }
        Some(_) => Err("token_endpoint_auth_method must be none"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_url_rules_of_the_draft() {
        assert!(check_url("https://app.example/client.json").is_ok());
        assert!(check_url("https://app.example:8443/a/b?x=1").is_ok());
        for bad in [
            "https://app.example",
            "https://app.example/",
            "https://app.example/a#f",
            "https://u:p@app.example/a",
            "https://app.example/a/../b",
            "https://app.example/./a",
            "https://app.example/a/%2E%2E/b",
            "not a url",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_document_must_name_its_url_and_hold_no_secret() {
        let url = "https://app.example/c.json";
        assert!(check_document(url, &json!({"client_id": url, "redirect_uris": []})).is_ok());
        assert!(check_document(url, &json!({"client_id": "https://evil.example/c.json"})).is_err());
        assert!(check_document(url, &json!({"client_id": url, "client_secret": "x"})).is_err());
        assert!(
            check_document(url, &json!({"client_id": url, "token_endpoint_auth_method": "client_secret_basic"}))
                .is_err()
        );
        assert!(
            check_document(url, &json!({"client_id": url, "token_endpoint_auth_method": "private_key_jwt"})).is_err()
        );
        assert!(check_document(url, &json!([url])).is_err());
    }
}
