//! The token endpoint's grants (RFC 6749 §4). One file per grant type; this module reads the request
//! in a fixed order and hands it to exactly one of them.
mod authorization_code;
mod client_credentials;
mod device_code;
mod on_behalf_of;
mod password;
mod refresh_token;
mod token_exchange;

use std::sync::Arc;

use uuid::Uuid;

use crate::catalog;
use crate::client_auth::{self, AuthenticatedClient, Presented};
use crate::clock::UnixTime;
use crate::context::Context;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::model::{Client, GrantType, User};
use crate::params::{Params, sanitize};
use crate::scope::UserScope;
use crate::token::{self, AccessClaims, IdTokenInput, TokenResponse};

pub use authorization_code::{NewCode, mint_code};

pub struct TokenRequest<'a> {
    pub view: &'a Arc<TenantView>,
    pub params: &'a Params,
    pub presented: &'a Presented,
    /// The caller's address, for smart lockout.
    pub source: &'a str,
}

/// A successful token response and what the sign-in log should know about it.
#[derive(Debug)]
pub struct Issued {
    pub response: TokenResponse,
    pub grant_type: GrantType,
    pub user: Option<String>,
    pub note: String,
}

/// RFC 6749 §3.2: the token endpoint. Order: grant_type present and known, client authenticated,
/// client allowed the grant, then the grant itself.
pub async fn token(ctx: &Context, req: TokenRequest<'_>) -> Result<Issued, SigilError> {
    let gt = req.params.require("grant_type")?;
    // RFC 8628 §3.4's URN, or the short `device_code` MSAL sends.
    let parsed = match gt {
        crate::model::DEVICE_CODE_URN => Some(GrantType::DeviceCode),
        crate::model::JWT_BEARER_URN => Some(GrantType::JwtBearer),
        crate::model::TOKEN_EXCHANGE_URN => Some(GrantType::TokenExchange),
        // RFC 7523 §2.1's and RFC 8693's grants are known only by their URNs.
        "jwt_bearer" | "token_exchange" => None,
        _ => GrantType::parse(gt),
    };
    let grant_type = parsed.ok_or_else(|| {
        SigilError::new(catalog::UNSUPPORTED_GRANT_TYPE, format!("unknown grant_type: '{}'", sanitize(gt)))
            .arg("grant_type", sanitize(gt))
    })?;
    let now = ctx.clock.now();
    let client = client_auth::authenticate(req.view, req.params, req.presented, &ctx.master, now)?;
    if !client.client().grant_types.contains(&grant_type) {
        return Err(SigilError::new(
            catalog::GRANT_TYPE_NOT_ALLOWED,
            format!("client '{}' is not registered for {}", client.client().client_id, grant_type.as_str()),
        )
        .arg("grant_type", grant_type.as_str()));
    }
    let r = Request { ctx, view: req.view, client: &client, params: req.params, now, source: req.source };
    match grant_type {
        GrantType::ClientCredentials => client_credentials::handle(&r),
        GrantType::AuthorizationCode => authorization_code::handle(&r).await,
        GrantType::RefreshToken => refresh_token::handle(&r).await,
        GrantType::Password => password::handle(&r).await,
        GrantType::DeviceCode => device_code::handle(&r).await,
        GrantType::JwtBearer => on_behalf_of::handle(&r).await,
        GrantType::TokenExchange => token_exchange::handle(&r).await,
    }
}

/// What every grant handler receives.
struct Request<'a> {
    ctx: &'a Context,
    view: &'a Arc<TenantView>,
    client: &'a AuthenticatedClient,
    params: &'a Params,
    now: UnixTime,
    source: &'a str,
}

impl Request<'_> {
    fn wants_client_info(&self) -> bool {
        self.params.get("client_info") == Some("1")
    }
}

/// Access, refresh and ID tokens for a user flow.
struct UserTokens<'a> {
    user: &'a User,
    scope: &'a UserScope,
    grant_id: Uuid,
    auth_time: UnixTime,
    refresh_token: Option<String>,
    nonce: Option<&'a str>,
    session_id: Option<&'a str>,
    act: Option<&'a serde_json::Value>,
}

fn issue_user_tokens(r: &Request<'_>, t: UserTokens<'_>) -> Result<TokenResponse, SigilError> {
    let ctx = r.ctx;
    let client: &Client = r.client.client();
    let key = token::signing_key(r.view, r.view.tenant.signing_alg, r.now)?;
    let issuer = ctx.issuer(r.view);
    let lifetime = client.lifetimes.access_token.unwrap_or(ctx.tokens.access_token_lifetime);
    let sub = t.user.id.to_string();
    let at_scope = t.scope.access_token_scope();
    let aud = t.scope.api.as_deref().unwrap_or(&client.client_id);
    let claims = AccessClaims {
        iss: &issuer,
        sub: &sub,
        aud,
        exp: r.now + lifetime,
        iat: r.now,
        nbf: r.now,
        jti: crate::rng::uuid_v4(ctx.rng.as_ref()).to_string(),
        client_id: &client.client_id,
        tid: r.view.tenant.id,
        scope: Some(&at_scope),
        roles: None,
        oid: Some(t.user.id),
        preferred_username: Some(&t.user.username),
        auth_time: Some(t.auth_time),
        gid: Some(t.grant_id),
        act: t.act,
    };
    let access_token = token::sign_access_token(key, &claims)?;
    let id_key = if t.scope.has("openid") {
        Some(token::signing_key(r.view, r.client.client().id_token_alg(), r.now)?)
    } else {
        None
    };
    let id_token = id_key.map(|id_key| {
        token::id_token(
            ctx,
            r.view,
            id_key,
            r.now,
            &IdTokenInput {
                user: t.user,
                client_id: &client.client_id,
                nonce: t.nonce,
                auth_time: t.auth_time,
                access_token: &access_token,
                scope: t.scope,
                session_id: t.session_id,
            },
        )
    });
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer",
        expires_in: lifetime,
        scope: Some(t.scope.to_scope_string()),
        refresh_token: t.refresh_token,
        id_token,
        client_info: r.wants_client_info().then(|| token::client_info(t.user.id, r.view.tenant.id)),
        issued_token_type: None,
    })
}

/// A new grant for a signed-in user (code redemption, password): recorded with its first refresh
/// token (when one is due) in one transaction, then the tokens. Recorded even without a refresh
/// token, so the access token's `gid` can be revoked.
async fn start_grant(
    r: &Request<'_>,
    grant_id: Uuid,
    user: &User,
    scope: &UserScope,
    t: GrantStart<'_>,
) -> Result<TokenResponse, SigilError> {
    // A delegated token's `act` is not carried by refresh, so it gets no refresh token.
    let (refresh, refresh_hash) = if t.act.is_none() && wants_refresh(r, scope) {
        let (t, h) = token::new_refresh_token(r.ctx.rng.as_ref(), r.ctx.clock.now_millis());
        (Some(t), Some(h))
    } else {
        (None, None)
    };
    let grant = crate::model::Grant {
        id: grant_id,
        tenant_id: r.view.tenant.id,
        client_id: r.client.client().client_id.clone(),
        user_id: Some(user.id),
        scope: t.grant_scope.to_string(),
        auth_time: t.auth_time,
        created_at: r.now,
        // A derived grant never outlives the one it came from.
        expires_at: t.parent.map_or(grant_expiry(r), |p| grant_expiry(r).min(p.grant.expires_at)),
        revoked_at: None,
    };
    match t.parent {
        None => r.ctx.store.create_grant(&grant, refresh_hash.as_deref()).await?,
        Some(p) => {
            if !r.ctx.store.create_derived_grant(&grant, p.grant.id, refresh_hash.as_deref()).await? {
                return Err(SigilError::new(
                    p.refused,
                    format!("grant {} was revoked or expired while deriving from it", p.grant.id),
                ));
            }
        }
    }
    issue_user_tokens(
        r,
        UserTokens {
            user,
            scope,
            grant_id,
            auth_time: t.auth_time,
            refresh_token: refresh,
            nonce: t.nonce,
            session_id: t.session_id,
            act: t.act,
        },
    )
}

struct GrantStart<'a> {
    /// The grant's scope: the access token's, plus other resources' (RFC 8707 §2.1).
    grant_scope: &'a str,
    auth_time: UnixTime,
    nonce: Option<&'a str>,
    session_id: Option<&'a str>,
    /// On-behalf-of, token exchange: the grant this one is derived from (revoking it revokes this one).
    parent: Option<Parent<'a>>,
    /// Token exchange with an actor (RFC 8693 §4.1).
    act: Option<&'a serde_json::Value>,
}

#[derive(Clone, Copy)]
struct Parent<'a> {
    grant: &'a crate::model::Grant,
    /// The refusal when the parent was revoked between its check and the derivation.
    refused: &'static crate::catalog::ErrorEntry,
}

/// Refresh tokens are issued with `offline_access` or when the client's policy says so.
fn wants_refresh(r: &Request<'_>, scope: &UserScope) -> bool {
    let c = r.client.client();
    c.grant_types.contains(&GrantType::RefreshToken) && (scope.has("offline_access") || c.always_issue_refresh_token)
}

/// The absolute end of a new grant; an SPA's is bounded (RFC 9700 §4.14.2 lets a server bound a
/// refresh token's lifetime; one held by a browser gets a short one: Entra gives SPAs 24 h).
fn grant_expiry(r: &Request<'_>) -> UnixTime {
    let c = r.client.client();
    let max = c.lifetimes.refresh_max.unwrap_or(r.ctx.tokens.refresh_token_max_lifetime);
    r.now + if c.spa { max.min(r.ctx.tokens.spa_refresh_token_max_lifetime) } else { max }
}

async fn load_user(r: &Request<'_>, id: Uuid) -> Result<User, SigilError> {
    check_user(r.ctx.store.user_by_id(r.view.tenant.id, id).await?, id)
}

/// A grant's user must still exist and be enabled.
fn check_user(user: Option<User>, id: Uuid) -> Result<User, SigilError> {
    let user = user.ok_or_else(|| {
        SigilError::new(catalog::USER_NOT_FOUND, format!("user {id} of this grant no longer exists"))
            .arg("user", id.to_string())
    })?;
    if !user.enabled {
        return Err(SigilError::new(catalog::USER_DISABLED, format!("user {} is disabled", user.username)));
    }
    Ok(user)
}
