//! The token endpoint's grants (RFC 6749 §4). One file per grant type; this module reads the request
//! in a fixed order and hands it to exactly one of them.
mod authorization_code;
mod client_credentials;
mod device_code;
mod jwt_bearer;
mod on_behalf_of;
mod password;
mod refresh_token;
mod token_exchange;

use std::sync::Arc;

use uuid::Uuid;

use crate::catalog;
use crate::claims;
use crate::client_auth::{self, AuthenticatedClient, Presented};
use crate::clock::UnixTime;
use crate::context::Context;
use crate::directory::TenantView;
use crate::dpop::{self, Expected, Proof};
use crate::error::SigilError;
use crate::model::{Client, GrantType, User, UserAccess};
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
    /// The request's `Origin` header (RFC 6454 §7), sent by browsers on cross-origin requests.
    pub origin: Option<&'a str>,
    /// RFC 9449 §4.1: the request's one `DPoP` header, if any.
    pub dpop: Option<&'a str>,
    /// The URL the request was sent to, without query (the proof's `htu`).
    pub url: &'a str,
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
    // A public client identified by its metadata document URL (only without a Basic header).
    let document = match req.params.get("client_id") {
        Some(id) if req.presented.basic.is_none() && crate::client_metadata::is_document_url(id) => {
            crate::client_metadata::resolve(ctx, req.view, Some(id)).await?
        }
        _ => None,
    };
    let client = client_auth::authenticate_with(ctx, req.view, document, req.params, req.presented).await?;
    if !client.client().grant_types.contains(&grant_type) {
        return Err(SigilError::new(
            catalog::GRANT_TYPE_NOT_ALLOWED,
            format!("client '{}' is not registered for {}", client.client().client_id, grant_type.as_str()),
        )
        .arg("grant_type", grant_type.as_str()));
    }
    cross_origin_if_spa(client.client(), req.origin)?;
    let proof = dpop_proof(ctx, &req, client.client()).await?;
    let dpop_jkt = proof.as_ref().map(|p| p.jkt.as_str());
    let r = Request { ctx, view: req.view, client: &client, params: req.params, now, source: req.source, dpop_jkt };
    match grant_type {
        GrantType::ClientCredentials => client_credentials::handle(&r),
        GrantType::AuthorizationCode => authorization_code::handle(&r).await,
        GrantType::RefreshToken => refresh_token::handle(&r).await,
        GrantType::Password => password::handle(&r).await,
        GrantType::DeviceCode => device_code::handle(&r).await,
        // Entra's on-behalf-of names itself with `requested_token_use`; RFC 7523 §2.1 does not.
        GrantType::JwtBearer if r.params.contains("requested_token_use") => on_behalf_of::handle(&r).await,
        GrantType::JwtBearer => jwt_bearer::handle(&r).await,
        GrantType::TokenExchange => token_exchange::handle(&r).await,
    }
}

/// Entra's rule AADSTS9002327: what is issued to a single-page application (its codes and refresh
/// tokens, the only grants an SPA may hold) is redeemed only by a cross-origin request, one that
/// carries `Origin` (RFC 6454 §7; the Fetch standard's "`Origin` header": browsers send it on every
/// CORS request). Checked before the grant, so a refused request spends nothing. Any origin will do:
/// which origins may read the answer is CORS's decision (`sigil-http/src/cors.rs`).
fn cross_origin_if_spa(client: &Client, origin: Option<&str>) -> Result<(), SigilError> {
    if client.spa && origin.is_none() {
        return Err(SigilError::new(
            catalog::SPA_REDEMPTION_NOT_CROSS_ORIGIN,
            format!("client '{}' is a single-page application and the request has no Origin header", client.client_id),
        )
        .arg("client", client.client_id.clone()));
    }
    Ok(())
}

/// RFC 9449 §5: the token request's DPoP proof, checked (§4.3) once the client is known (its
/// nonce requirement, §8); required of clients registered with `dpop_bound_access_tokens` (§5.2).
async fn dpop_proof(ctx: &Context, req: &TokenRequest<'_>, client: &Client) -> Result<Option<Proof>, SigilError> {
    let Some(proof) = req.dpop else {
        if client.dpop_bound_access_tokens {
            return Err(SigilError::new(
                catalog::DPOP_PROOF_REQUIRED,
                format!("client '{}' must send a DPoP proof", client.client_id),
            ));
        }
        return Ok(None);
    };
    let expected = Expected {
        method: "POST",
        url: req.url,
        access_token: None,
        nonce_required: client.require_dpop_nonce,
        tenant: req.view.tenant.id,
    };
    dpop::check(ctx, proof, &expected).await.map(Some)
}

/// What every grant handler receives.
struct Request<'a> {
    ctx: &'a Context,
    view: &'a Arc<TenantView>,
    client: &'a AuthenticatedClient,
    params: &'a Params,
    now: UnixTime,
    source: &'a str,
    /// RFC 9449 §6: the thumbprint of the request's DPoP key; the access token is bound to it.
    dpop_jkt: Option<&'a str>,
}

impl Request<'_> {
    fn wants_client_info(&self) -> bool {
        self.params.get("client_info") == Some("1")
    }

    /// RFC 9449 §6.1 `cnf` and §5 `token_type`: DPoP-bound when a proof came with the request.
    fn binding(&self) -> (Option<token::Confirmation<'_>>, &'static str) {
        match self.dpop_jkt {
            Some(jkt) => (Some(token::Confirmation { jkt }), "DPoP"),
            None => (None, "Bearer"),
        }
    }

    /// RFC 9449 §5, §10: a grant or code bound to a key is used only with a proof by that key.
    fn check_dpop_key(&self, bound: Option<&str>, what: &str) -> Result<(), SigilError> {
        match bound {
            Some(jkt) if self.dpop_jkt != Some(jkt) => Err(SigilError::new(
                catalog::DPOP_KEY_MISMATCH,
                format!(
                    "{what} is bound to a DPoP key and the request's proof is by {}",
                    match self.dpop_jkt {
                        Some(_) => "another key",
                        None => "no key",
                    }
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// Access, refresh and ID tokens for a user flow.
struct UserTokens<'a> {
    user: &'a User,
    scope: &'a UserScope,
    grant_id: Uuid,
    auth_time: UnixTime,
    /// RFC 8176 methods of the sign-in (space-separated; empty when unknown).
    amr: &'a str,
    refresh_token: Option<String>,
    nonce: Option<&'a str>,
    session_id: Option<&'a str>,
    /// The user's groups and roles, when the tokens need them (`claims::load_access`).
    access: Option<&'a UserAccess>,
    act: Option<&'a serde_json::Value>,
}

/// OIDC Core §2 `amr` (RFC 8176 values) and `acr` in the ID token; in the access token, Entra's
/// `acrs` (the authentication context classes the sign-in satisfied), so a resource server can
/// check for [`crate::factor::ACR_MFA`] and otherwise answer RFC 9470's
/// `insufficient_user_authentication`. Nothing when the methods are unknown.
fn factor_claims(extra: &mut claims::UserClaims, amr: &str) {
    let Some(acr) = crate::factor::acr_of(amr) else { return };
    extra.id.insert("amr".into(), crate::factor::amr_list(amr).into());
    extra.id.insert("acr".into(), acr.into());
    if acr == crate::factor::ACR_MFA {
        extra.access.insert("acrs".into(), vec![acr].into());
    }
}

/// The user's groups and roles when the tokens for `scope` need them, read before anything is
/// written (so a failed read spends nothing).
async fn load_access(r: &Request<'_>, user: &User, scope: &UserScope) -> Result<Option<UserAccess>, SigilError> {
    let api = claims::token_api(r.view, scope.api.as_deref());
    claims::load_access(r.ctx, r.view, r.client.client(), api, user, scope.has("openid")).await
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
    let mut extra = claims::user_claims(&claims::ClaimsInput {
        view: r.view,
        client,
        api: claims::token_api(r.view, t.scope.api.as_deref()),
        user: t.user,
        access: t.access,
        id_token: t.scope.has("openid"),
        groups_limit: usize::try_from(ctx.tokens.groups_claim_limit).unwrap_or(0),
        public_url: &ctx.public_url,
    });
    factor_claims(&mut extra, t.amr);
    // Entra's client capabilities (MSAL sends `claims={"access_token":{"xms_cc":{"values":["cp1"]}}}`
    // on each token request of a client configured with them): a `cp1` client handles claims
    // challenges, so Sigil's resources answer it with one (`factor::step_up`).
    let capabilities = crate::factor::step_up::client_capabilities(r.params.get("claims"));
    if !capabilities.is_empty() {
        extra.access.insert("xms_cc".into(), capabilities.into());
    }
    let (cnf, token_type) = r.binding();
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
        roles: (!extra.roles.is_empty()).then_some(extra.roles.as_slice()),
        oid: Some(t.user.id),
        preferred_username: Some(&t.user.username),
        auth_time: Some(t.auth_time),
        gid: Some(t.grant_id),
        azp: &client.client_id,
        azpacr: claims::azpacr(r.client.method()),
        idtyp: extra.idtyp,
        ver: claims::VERSION,
        extra: Some(&extra.access),
        cnf,
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
                extra: &extra.id,
            },
        )
    });
    Ok(TokenResponse {
        access_token,
        token_type,
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
    let access = load_access(r, user, scope).await?;
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
        // RFC 9449 §5: a public client's refresh tokens are bound to its DPoP key (a
        // confidential client's are bound to its authentication already).
        dpop_jkt: r.dpop_jkt.filter(|_| !r.client.client().confidential).map(str::to_string),
        amr: t.amr.to_string(),
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
            amr: t.amr,
            refresh_token: refresh,
            nonce: t.nonce,
            session_id: t.session_id,
            access: access.as_ref(),
            act: t.act,
        },
    )
}

struct GrantStart<'a> {
    /// The grant's scope: the access token's, plus other resources' (RFC 8707 §2.1).
    grant_scope: &'a str,
    auth_time: UnixTime,
    /// RFC 8176 methods of the sign-in the grant comes from.
    amr: &'a str,
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
