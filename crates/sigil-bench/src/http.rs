//! The HTTP client every load subcommand uses: plain HTTP/1.1 with keep-alive, as oha sends it.
use std::time::Duration;

use crate::AnyError;

/// A client that keeps up to `connections` idle connections to the server (one per worker).
pub fn client(connections: usize, timeout: Duration) -> Result<reqwest::Client, AnyError> {
    Ok(reqwest::Client::builder()
        .http1_only()
        .pool_max_idle_per_host(connections)
        .pool_idle_timeout(Duration::from_secs(90))
        .tcp_nodelay(true)
        .timeout(timeout)
        .no_proxy()
        .build()?)
}

pub fn token_url(base: &str, tenant: &str) -> String {
    format!("{}/{tenant}/oauth2/v2.0/token", base.trim_end_matches('/'))
}

/// `"400 invalid_grant SIGIL70008"`: the status, the OAuth error and Sigil's catalog number when
/// the body carries them (RFC 6749 §5.2 JSON), so refusals can be told apart in the report.
pub fn refusal_key(status: u16, body: &[u8]) -> String {
    let v: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let mut key = status.to_string();
    if let Some(e) = v.get("error").and_then(|e| e.as_str()) {
        key.push(' ');
        key.push_str(e);
    }
    if let Some(c) = v.get("error_codes").and_then(|c| c.get(0)).and_then(|c| c.as_u64()) {
        key.push_str(&format!(" SIGIL{c}"));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_keys() {
        assert_eq!(
            refusal_key(400, br#"{"error":"invalid_grant","error_codes":[70008]}"#),
            "400 invalid_grant SIGIL70008"
        );
        assert_eq!(refusal_key(502, b"bad gateway"), "502");
        assert_eq!(token_url("http://h:1/", "contoso"), "http://h:1/contoso/oauth2/v2.0/token");
    }
}
