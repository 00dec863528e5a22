//! `none`: a public client identifies itself with `client_id` only (RFC 6749 §2.1, §3.2.1).
use crate::catalog;
use crate::error::SigilError;
use crate::model::{AuthMethod, Client};

pub(super) fn verify(client: &Client) -> Result<(), SigilError> {
    if client.confidential {
        return Err(SigilError::new(catalog::MISSING_CLIENT_CREDENTIALS, "confidential client sent no credentials")
            .arg("client", client.client_id.clone()));
    }
    if !client.auth_methods.contains(&AuthMethod::None) {
        return Err(
            SigilError::new(catalog::AUTH_METHOD_NOT_ALLOWED, "client not registered for none").arg("method", "none")
        );
    }
    Ok(())
}
