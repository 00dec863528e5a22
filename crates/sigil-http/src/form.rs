//! Form bodies for the token endpoint: `application/x-www-form-urlencoded` only (RFC 6749 §3.2),
//! UTF-8, each parameter at most once.
use axum::http::{HeaderMap, header};
use sigil_core::catalog;
use sigil_core::error::SigilError;
use sigil_core::params::Params;

pub fn parse_form(headers: &HeaderMap, body: &[u8]) -> Result<Params, SigilError> {
    let ct = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let mime = ct.split(';').next().unwrap_or("").trim();
    if !mime.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return Err(SigilError::new(
            catalog::UNSUPPORTED_CONTENT_TYPE,
            format!("Content-Type '{}'", sigil_core::params::sanitize(ct)),
        ));
    }
    parse_urlencoded(body)
}

pub fn parse_urlencoded(body: &[u8]) -> Result<Params, SigilError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).map_err(|e| {
        SigilError::new(catalog::MALFORMED_REQUEST, format!("body not form-urlencoded: {e}"))
            .arg("reason", "the body is not valid application/x-www-form-urlencoded")
    })?;
    Params::from_pairs(pairs)
}
