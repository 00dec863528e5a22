//! RFC 6749 §4.1.3 Authorization Code redemption, with RFC 7636 PKCE.
use super::{GrantStart, Issued, Request, load_user, start_grant};
use crate::catalog;
use crate::context::Context;
use crate::crypto::token_hash;
use crate::error::SigilError;
use crate::model::{AuthCode, GrantType};
use crate::resource::{self, Holding};
use crate::store::CodeOutcome;
use crate::{pkce, scope, token};

/// What the authorization endpoint binds into a code.
pub struct NewCode<'a> {
    pub tenant_id: uuid::Uuid,
    pub client_id: &'a str,
    pub user_id: uuid::Uuid,
    pub redirect_uri: &'a str,
    pub scope: &'a str,
    pub nonce: Option<&'a str>,
    pub code_challenge: Option<&'a str>,
    pub code_challenge_method: Option<&'a str>,
    pub auth_time: i64,
    pub session_id: Option<&'a str>,
    /// RFC 9449 §10: the authorization request's `dpop_jkt`.
    pub dpop_jkt: Option<&'a str>,
    /// A bound below `tokens.code_lifetime` (FAPI 2.0: 60 s).
    pub max_lifetime: Option<i64>,
    /// RFC 8176 methods of the session (space-separated).
    pub amr: &'a str,
}

/// Stores a new code (only its hash) and returns it. Lifetime: `tokens.code_lifetime` (§4.1.2
/// recommends at most 10 minutes; Sigil defaults to 60 s).
pub async fn mint_code(ctx: &Context, c: NewCode<'_>) -> Result<String, SigilError> {
    let now = ctx.clock.now();
    let (code, hash) = token::new_opaque(ctx);
    ctx.store
        .put_code(&AuthCode {
            hash,
            tenant_id: c.tenant_id,
            client_id: c.client_id.to_string(),
            grant_id: crate::rng::uuid_v4(ctx.rng.as_ref()),
            user_id: c.user_id,
            redirect_uri: c.redirect_uri.to_string(),
            scope: c.scope.to_string(),
            nonce: c.nonce.map(str::to_string),
            code_challenge: c.code_challenge.map(str::to_string),
            code_challenge_method: c.code_challenge_method.map(str::to_string),
            auth_time: c.auth_time,
            session_id: c.session_id.map(str::to_string),
            created_at: now,
            expires_at: now + c.max_lifetime.map_or(ctx.tokens.code_lifetime, |m| m.min(ctx.tokens.code_lifetime)),
            dpop_jkt: c.dpop_jkt.map(str::to_string),
            amr: c.amr.to_string(),
        })
        .await?;
    Ok(code)
}

pub(super) async fn handle(r: &Request<'_>) -> Result<Issued, SigilError> {
    let code = r.params.require("code")?;
    let redirect_uri = r.params.require("redirect_uri")?;
    let client = r.client.client();
    if !client.confidential && !r.params.contains("code_verifier") {
        return Err(SigilError::missing("code_verifier"));
    }
    // RFC 8707 §2.2: with `resource`, the access token is for that API with only its scopes.
    // Checked before the code is spent; whether the grant covers it, after.
    let target = resource::one(r.view, client, r.params, Holding::Scopes)?;
    // Single use is one atomic store call; a replay has already revoked the code's grant there.
    let c = match r.ctx.store.consume_code(&token_hash(code), r.now).await? {
        CodeOutcome::NotFound => return Err(SigilError::new(catalog::INVALID_GRANT, "authorization code unknown")),
        CodeOutcome::Replayed { grant_id } => {
            return Err(SigilError::new(
                catalog::CODE_ALREADY_REDEEMED,
                format!("code redeemed before; grant {grant_id} and its tokens revoked (RFC 6749 section 4.1.2)"),
            ));
        }
        CodeOutcome::Consumed(c) => c,
    };
    if c.tenant_id != r.view.tenant.id || c.client_id != client.client_id {
        return Err(SigilError::new(
            catalog::GRANT_ISSUED_TO_ANOTHER_CLIENT,
            format!("code was issued to client '{}'", c.client_id),
        ));
    }
    if c.expires_at <= r.now {
        return Err(SigilError::new(catalog::EXPIRED_GRANT, format!("code expired {} s ago", r.now - c.expires_at)));
    }
    // §4.1.3: redirect_uri must be identical to the one in the authorization request.
    if c.redirect_uri != redirect_uri {
        return Err(SigilError::new(
            catalog::REDIRECT_URI_MISMATCH_AT_TOKEN,
            "redirect_uri differs from the authorization request",
        ));
    }
    match (&c.code_challenge, r.params.get("code_verifier")) {
        (Some(challenge), Some(verifier)) => {
            let method = c.code_challenge_method.as_deref().unwrap_or("plain");
            if !pkce::verify(method, challenge, verifier) {
                return Err(SigilError::new(
                    catalog::PKCE_VERIFIER_MISMATCH,
                    format!("code_verifier does not match the {method} challenge"),
                ));
            }
        }
        (Some(_), None) => return Err(SigilError::missing("code_verifier")),
        (None, Some(_)) => {
            return Err(SigilError::new(
                catalog::PKCE_VERIFIER_MISMATCH,
                "code_verifier sent but the code has no challenge",
            ));
        }
        (None, None) if !client.confidential => {
            return Err(SigilError::new(catalog::PKCE_REQUIRED, "public client code issued without PKCE"));
        }
        (None, None) => {}
    }
    // RFC 9449 §10.1: a code bound by `dpop_jkt` is redeemed only with a proof by that key.
    r.check_dpop_key(c.dpop_jkt.as_deref(), "the authorization code")?;
    let user = load_user(r, c.user_id).await?;
    // The grant keeps every resource of the authorization request.
    let scope = scope::resolve_user(r.view, client, &resource::for_token(&c.scope, target)?)?;
    let response = start_grant(
        r,
        c.grant_id,
        &user,
        &scope,
        GrantStart {
            grant_scope: &c.scope,
            auth_time: c.auth_time,
            amr: &c.amr,
            nonce: c.nonce.as_deref(),
            session_id: c.session_id.as_deref(),
            parent: None,
            act: None,
        },
    )
    .await?;
    Ok(Issued {
        response,
        grant_type: GrantType::AuthorizationCode,
        user: Some(user.username.clone()),
        note: format!("grant {}", c.grant_id),
    })
}
