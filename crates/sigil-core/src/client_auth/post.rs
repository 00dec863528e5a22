//! `client_secret_post`: RFC 6749 §2.3.1, `client_id` and `client_secret` in the request body.
use super::check_secret;
use crate::clock::UnixTime;
use crate::crypto::MasterKey;
use crate::error::SigilError;
use crate::model::{AuthMethod, Client};
use crate::params::Params;

pub(super) fn verify(client: &Client, params: &Params, master: &MasterKey, now: UnixTime) -> Result<(), SigilError> {
    let secret = params.require("client_secret")?;
    check_secret(client, AuthMethod::ClientSecretPost, secret, master, now)
}
