//! `client_secret_basic`: RFC 6749 §2.3.1, HTTP Basic (RFC 7617) where client_id and secret are each
//! form-urlencoded (application/x-www-form-urlencoded, Appendix B) before being joined and encoded.
use base64::Engine;

use super::{Presented, check_secret};
use crate::clock::UnixTime;
use crate::crypto::MasterKey;
use crate::error::SigilError;
use crate::model::{AuthMethod, Client};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasicCredentials {
    pub client_id: String,
    pub secret: String,
}

impl BasicCredentials {
    /// Parses the value of an `Authorization` header. `None` when the scheme is not Basic.
    pub fn parse_header(value: &str) -> Option<Result<Self, String>> {
        let (scheme, rest) = value.trim().split_once(' ').unwrap_or((value.trim(), ""));
        if !scheme.eq_ignore_ascii_case("basic") {
            return None;
        }
        Some(Self::decode(rest.trim()))
    }

    fn decode(b64: &str) -> Result<Self, String> {
        let raw = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|_| "Authorization header is not valid base64".to_string())?;
        let text = String::from_utf8(raw).map_err(|_| "Authorization header is not UTF-8".to_string())?;
        let (id, secret) = text.split_once(':').ok_or_else(|| "Authorization header has no ':'".to_string())?;
        let dec = |s: &str| {
            crate::params::form_urldecode(s.as_bytes())
                .ok_or_else(|| "Authorization header is not form-urlencoded".to_string())
        };

        let client_id = dec(id)?;
        if client_id.is_empty() {
            return Err("Authorization header has an empty client_id".into());
        }
        Ok(Self { client_id, secret: dec(secret)? })
    }
}

pub(super) fn verify(
    client: &Client,
    presented: &Presented,
    master: &MasterKey,
    now: UnixTime,
) -> Result<(), SigilError> {
    let Some(Ok(b)) = &presented.basic else { unreachable!("basic::verify called without Basic credentials") };
    check_secret(client, AuthMethod::ClientSecretBasic, &b.secret, master, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_form_urlencoded_parts() {
        // client id "a b" and secret "p:w%" as RFC 6749 §2.3.1 requires: "a+b:p%3Aw%25".
        let h = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode("a+b:p%3Aw%25"));
        let c = BasicCredentials::parse_header(&h).unwrap().unwrap();
        assert_eq!(c.client_id, "a b");
        assert_eq!(c.secret, "p:w%");
        assert!(BasicCredentials::parse_header("Bearer x").is_none());
        assert!(BasicCredentials::parse_header("Basic !!!").unwrap().is_err());
    }
}
