//! `client_secret_jwt` (OIDC Core §9, RFC 7523 §2.2 and §3): a JWT MACed with the client secret
//! (RFC 7518 §3.2, HS256/HS384/HS512). The same claims checks as `private_key_jwt`
//! (`assertion.rs`); only the key differs: the client's secrets, kept sealed under the master key
//! for clients registered for this method.
use aws_lc_rs::hmac;

use super::assertion::{Assertion, check_audience_time_replay, check_issued_by_client};
use crate::catalog;
use crate::clock::UnixTime;
use crate::context::Context;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::model::{Client, ClientSecret};

/// RFC 7518 §3.1: the HMAC algorithms.
pub const ALGS: [&str; 3] = ["HS256", "HS384", "HS512"];

pub(super) fn is_mac_alg(alg: &str) -> bool {
    ALGS.contains(&alg)
}

pub(super) async fn verify(
    ctx: &Context,
    view: &TenantView,
    client: &Client,
    a: &Assertion<'_>,
    now: UnixTime,
) -> Result<(), SigilError> {
    check_issued_by_client(client, a)?;
    check_mac(ctx, client, a, now)?;
    check_audience_time_replay(ctx, view, client, a, now).await
}

/// RFC 7518 §3.2: HMAC of the JWS signing input keyed with the secret, compared in constant time
/// (`hmac::verify`). "A key of the same size as the hash output ... or larger MUST be used": a
/// secret shorter than the algorithm's output is not a candidate for it.
fn check_mac(ctx: &Context, client: &Client, a: &Assertion<'_>, now: UnixTime) -> Result<(), SigilError> {
    let alg = a.header["alg"].as_str().unwrap_or("");
    let algorithm = match alg {
        "HS256" => hmac::HMAC_SHA256,
        "HS384" => hmac::HMAC_SHA384,
        "HS512" => hmac::HMAC_SHA512,
        _ => unreachable!("only MAC algorithms reach client_secret_jwt"),
    };
    let min_len = algorithm.digest_algorithm().output_len();
    let sealed: Vec<&ClientSecret> = client.secrets.iter().filter(|s| s.sealed.is_some()).collect();
    let mut matched: Option<&ClientSecret> = None;
    for s in &sealed {
        let Some(blob) = &s.sealed else { continue };
        let secret = ctx
            .master
            .open(ClientSecret::seal_context(s.id).as_bytes(), blob)
            .map_err(|e| SigilError::internal(format!("client secret {}: {e}", s.id)))?;
        if secret.len() < min_len {
            continue;
        }
        let key = hmac::Key::new(algorithm, &secret);
        if hmac::verify(&key, a.signed.as_bytes(), &a.sig).is_ok() {
            matched = Some(s);
            break;
        }
    }
    match matched {
        None => Err(SigilError::new(
            catalog::CLIENT_ASSERTION_SIGNATURE,
            format!("{alg} MAC verified with none of the client's {} recoverable secret(s)", sealed.len()),
        )),
        Some(s) if s.expires_at.is_some_and(|e| e <= now) => {
            Err(SigilError::new(catalog::EXPIRED_CLIENT_SECRET, format!("secret {} ({}...) expired", s.id, s.hint))
                .arg("client", client.client_id.clone()))
        }
        Some(_) => Ok(()),
    }
}
