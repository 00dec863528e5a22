//! RFC 8628 §3.1, §3.2: the device authorization request, and the user codes it hands out.
use std::sync::Arc;

use base64::Engine;
use serde::Serialize;

use crate::catalog;
use crate::client_auth::{self, Presented};
use crate::context::Context;
use crate::crypto::token_hash;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::interaction::{DeviceRequest, PendingRequest};
use crate::model::GrantType;
use crate::params::Params;
use crate::store::NewDeviceCode;
use crate::{scope, token};

/// §3.2 `interval`: the default 5 seconds between polls.
pub const POLL_INTERVAL: i64 = 5;
/// §3.5 slow_down: the interval grows by 5 seconds each time the device polls too fast.
pub const SLOW_DOWN_BY: i64 = 5;

/// §6.1: consonants without vowels (no words) and without look-alikes (no 0/O, 1/I/L... digits at
/// all): 20 letters, 8 of them, about 34.6 bits.
const USER_CODE_ALPHABET: &[u8; 20] = b"BCDFGHJKLMNPQRSTVWXZ";
const USER_CODE_LEN: usize = 8;

/// §3.2's response, plus Entra's `message`, which MSAL shows to the user.
#[derive(Debug, Serialize)]
pub struct DeviceAuthorization {
    pub device_code: String,
    pub user_code: String,
    pub verification_uri: String,
    pub verification_uri_complete: String,
    pub expires_in: i64,
    pub interval: i64,
    pub message: String,
}

/// §3.1: the client authenticates as at the token endpoint (public clients send `client_id`), must
/// be allowed the grant, and the scope must resolve now so a bad one fails before the user is
/// involved.
pub async fn authorize(
    ctx: &Context,
    view: &Arc<TenantView>,
    params: &Params,
    presented: &Presented,
) -> Result<DeviceAuthorization, SigilError> {
    let now = ctx.clock.now();
    let client = client_auth::authenticate(ctx, view, params, presented).await?;
    let client = client.client();
    if !client.grant_types.contains(&GrantType::DeviceCode) {
        return Err(SigilError::new(
            catalog::GRANT_TYPE_NOT_ALLOWED,
            format!("client '{}' is not registered for device_code", client.client_id),
        )
        .arg("grant_type", GrantType::DeviceCode.as_str()));
    }
    let scope = scope::resolve_user(view, client, params.require("scope")?)?.to_scope_string();
    let (device_code, device_hash) = token::new_opaque(ctx);
    let verification_uri = format!("{}/{}/device", ctx.public_url, view.tenant.id);
    // A user code already taken by a live request is drawn again; three collisions in a row at
    // 20^8 codes mean something else is wrong.
    for _ in 0..3 {
        let user_code = new_user_code(ctx.rng.as_ref());
        let stored = ctx
            .store
            .put_device_code(&NewDeviceCode {
                device_hash: device_hash.clone(),
                user_code_hash: user_code_hash(&user_code),
                tenant_id: view.tenant.id,
                client_id: client.client_id.clone(),
                scope: scope.clone(),
                created_at: now,
                expires_at: now + ctx.tokens.device_code_lifetime,
                interval: POLL_INTERVAL,
            })
            .await?;
        if stored {
            let shown = display(&user_code);
            return Ok(DeviceAuthorization {
                device_code,
                verification_uri_complete: format!("{verification_uri}?user_code={shown}"),
                message: format!(
                    "To sign in, use a web browser to open the page {verification_uri} and enter the code {shown} to authenticate."
                ),
                verification_uri,
                user_code: shown,
                expires_in: ctx.tokens.device_code_lifetime,
                interval: POLL_INTERVAL,
            });
        }
    }
    Err(SigilError::new(catalog::TOKEN_ISSUANCE_ERROR, "no free user code after three draws"))
}

/// §3.3: the verification page's lookup of what the user typed: a live, pending device code whose
/// client may still use the grant becomes the interaction's pending request. Anything else is
/// [`catalog::BAD_VERIFICATION_CODE`] (the caller counts it against the source).
pub async fn pending_request(ctx: &Context, view: &TenantView, typed: &str) -> Result<PendingRequest, SigilError> {
    let bad = || SigilError::new(catalog::BAD_VERIFICATION_CODE, "no pending device code has this user code");
    let code = normalize_user_code(typed).ok_or_else(bad)?;
    let hash = user_code_hash(&code);
    let d = ctx.store.pending_device(view.tenant.id, &hash, ctx.clock.now()).await?.ok_or_else(bad)?;
    let allowed = view.client(&d.client_id).is_some_and(|c| c.grant_types.contains(&GrantType::DeviceCode));
    if !allowed {
        return Err(SigilError::new(
            catalog::GRANT_TYPE_NOT_ALLOWED,
            format!("client '{}' is no longer registered for device_code", d.client_id),
        )
        .arg("grant_type", GrantType::DeviceCode.as_str()));
    }
    Ok(PendingRequest::DeviceAuthorization(DeviceRequest {
        user_code_hash: base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&hash),
        client_id: d.client_id,
        scope: d.scope,
        ui_locales: None,
    }))
}

/// Eight letters drawn uniformly (bytes past the last multiple of 20 are rejected, no modulo bias).
fn new_user_code(rng: &dyn crate::rng::Rng) -> String {
    let n = USER_CODE_ALPHABET.len();
    let limit = 256 - 256 % n;
    let mut code = String::with_capacity(USER_CODE_LEN);
    while code.len() < USER_CODE_LEN {
        let mut b = [0u8];
        rng.fill(&mut b);
        let [b] = b;
        if usize::from(b) < limit {
            code.push(char::from(USER_CODE_ALPHABET[usize::from(b) % n]));
        }
    }
    code
}

/// `BCDFGHJK` → `BCDF-GHJK`.
fn display(code: &str) -> String {
    format!("{}-{}", &code[..4], &code[4..])
}

/// §6.1: what the user typed, case-insensitive, separators (`-`, spaces) optional; `None` when it
/// cannot be a user code at all.
pub fn normalize_user_code(typed: &str) -> Option<String> {
    let code: String = typed.chars().filter(|c| !matches!(c, '-' | ' ')).map(|c| c.to_ascii_uppercase()).collect();
    (code.len() == USER_CODE_LEN && code.bytes().all(|b| USER_CODE_ALPHABET.contains(&b))).then_some(code)
}

/// The store key of a normalized user code.
pub fn user_code_hash(normalized: &str) -> Vec<u8> {
    token_hash(normalized)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_codes_are_eight_letters_of_the_alphabet_shown_in_two_groups() {
        let rng = crate::rng::SystemRng;
        let code = new_user_code(&rng);
        assert_eq!(code.len(), 8);
        assert!(code.bytes().all(|b| USER_CODE_ALPHABET.contains(&b)), "{code}");
        let shown = display(&code);
        assert_eq!(shown.len(), 9);
        assert_eq!(&shown[4..5], "-");
        assert_eq!(normalize_user_code(&shown).as_deref(), Some(code.as_str()));
    }

    #[test]
    fn typed_codes_ignore_case_and_separators_but_not_other_letters() {
        assert_eq!(normalize_user_code("bcdf-ghjk").as_deref(), Some("BCDFGHJK"));
        assert_eq!(normalize_user_code(" BcDf GhJk ").as_deref(), Some("BCDFGHJK"));
        assert_eq!(normalize_user_code("BCDFGHJK").as_deref(), Some("BCDFGHJK"));
        assert_eq!(normalize_user_code("BCDF-GHJA"), None, "a vowel is not in the alphabet");
        assert_eq!(normalize_user_code("BCDF-GHJ"), None, "too short");
        assert_eq!(normalize_user_code("BCDF-GHJKL"), None, "too long");
        assert_eq!(normalize_user_code("BCDF-GHJ0"), None, "digits are not in the alphabet");
    }
}
