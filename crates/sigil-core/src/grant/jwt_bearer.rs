//! The JWT bearer authorization grant (RFC 7523 §2.1): `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`
//! without `requested_token_use` (that is Entra's on-behalf-of, `on_behalf_of.rs`), `assertion` = a
//! JWT of an issuer the tenant trusts (`Tenant::trusted_issuers`), naming a user of the tenant.
//! Every check of §3 is made here, in its order; the JWS parsing, the signature against the
//! issuer's keys (its `jwks_uri`, or the one its discovery document names) and the time checks are
//! the client assertions' (`client_auth/assertion.rs`), with this grant's refusals (`invalid_grant`,
//! §3.1).
use super::{GrantStart, Issued, Request, start_grant};
use crate::catalog::{self, ErrorEntry};
use crate::client_auth::{assertion, federated};
use crate::crypto::sha256;
use crate::error::SigilError;
use crate::model::{GrantType, TrustedIssuer, User, UserMatch};
use crate::params::sanitize;
use crate::scope;

fn refuse(entry: &'static ErrorEntry, why: impl Into<String>) -> SigilError {
    SigilError::new(entry, why)
}

/// The client assertion checks' refusals (`invalid_client`) as this grant's (`invalid_grant`).
fn as_grant_error(e: SigilError) -> SigilError {
    let entry = match e.entry.code {
        c if c == catalog::CLIENT_ASSERTION_TIME_RANGE.code => catalog::JWT_BEARER_TIME_RANGE,
        c if c == catalog::TEMPORARILY_UNAVAILABLE.code || c == catalog::TOKEN_ISSUANCE_ERROR.code => return e,
        _ => catalog::JWT_BEARER_ASSERTION_INVALID,
    };
    refuse(entry, format!("assertion: {}", e.reason))
}

pub(super) async fn handle(r: &Request<'_>) -> Result<Issued, SigilError> {
    let (ctx, client) = (r.ctx, r.client.client());
    let raw = r.params.require("assertion")?;
    // §2.1: "The value of the "assertion" parameter MUST contain a single JWT."
    let a = assertion::parse(raw).map_err(as_grant_error)?;
    let c = &a.claims;
    // §3 item 1: `iss` is an issuer this tenant trusts, compared exactly.
    let trusted = r.view.tenant.trusted_issuers.iter().find(|t| t.issuer == c.iss).ok_or_else(|| {
        refuse(catalog::JWT_BEARER_ISSUER_NOT_TRUSTED, format!("issuer '{}' is not trusted", sanitize(&c.iss)))
            .arg("issuer", sanitize(&c.iss))
    })?;
    // §3.1 `unauthorized_client`-like policy: the trust names which clients may present its JWTs.
    if !trusted.clients.contains(&client.client_id) {
        return Err(refuse(
            catalog::JWT_BEARER_CLIENT_NOT_ALLOWED,
            format!("issuer '{}' is not trusted for client '{}'", sanitize(&c.iss), client.client_id),
        )
        .arg("issuer", sanitize(&c.iss)));
    }
    // §3 item 9: the signature, by a key of the issuer (asymmetric algorithms only: no shared
    // secret exists with an external issuer).
    let jwks_uri = match &trusted.jwks_uri {
        Some(u) => u.clone(),
        None => federated::jwks_uri(ctx, &c.iss).await.map_err(as_grant_error)?,
    };
    assertion::check_signature_at(ctx, &a, &jwks_uri, r.now).await.map_err(as_grant_error)?;
    // §3 item 3: an audience that identifies this authorization server.
    let accepted =
        if trusted.audiences.is_empty() { assertion::server_audiences(ctx, r.view) } else { trusted.audiences.clone() };
    if !c.aud.contains_any(&accepted) {
        return Err(refuse(catalog::JWT_BEARER_AUDIENCE_INVALID, format!("aud is none of {accepted:?}")));
    }
    // §3 items 4–6: `exp`, `nbf`, `iat`, with the clock skew, and a bounded lifetime.
    assertion::check_time(ctx, c, r.now).map_err(as_grant_error)?;
    // §3 item 7: the issuer may be required to send `jti`.
    if trusted.require_jti && c.jti.is_none() {
        return Err(refuse(catalog::JWT_BEARER_ASSERTION_INVALID, "the trusted issuer's assertions must carry a jti"));
    }
    // §3 item 2: `sub` (or the configured claim) names the user the token is for.
    let user = find_user(r, trusted, &a).await?;
    let requested = r.params.get("scope").ok_or_else(|| {
        // RFC 6749 §3.3: no default scope, so the request fails with `invalid_scope`.
        refuse(catalog::INVALID_SCOPE, "the jwt-bearer grant needs a scope").arg("scope", "")
    })?;
    let scope = scope::resolve_user(r.view, client, requested)?;
    // §3 item 7, last so that a refused request does not spend its `jti`: each JWT once.
    if let Some(jti) = c.jti.as_deref() {
        let mut id = b"jwt-bearer\0".to_vec();
        id.extend_from_slice(c.iss.as_bytes());
        id.push(0);
        id.extend_from_slice(jti.as_bytes());
        let (jti_hash, assertion_hash) = (sha256(&id), sha256(raw.as_bytes()));
        let fresh = ctx
            .store
            .use_assertion(&crate::store::AssertionUse {
                tenant: r.view.tenant.id,
                jti_hash: &jti_hash,
                client_id: &client.client_id,
                assertion_hash: &assertion_hash,
                expires_at: c.exp + ctx.tokens.assertion_clock_skew,
                strict: true,
            })
            .await?;
        if !fresh {
            return Err(refuse(catalog::JWT_BEARER_REPLAYED, format!("jti '{}' was used before", sanitize(jti))));
        }
    }
    let grant_id = crate::rng::uuid_v4(ctx.rng.as_ref());
    let response = start_grant(
        r,
        grant_id,
        &user,
        &scope,
        GrantStart {
            grant_scope: &scope.to_scope_string(),
            auth_time: r.now,
            nonce: None,
            session_id: None,
            parent: None,
            act: None,
            // The trusted issuer authenticated the user, not Sigil: no `amr`/`acr` of Sigil's own.
            amr: "",
        },
    )
    .await?;
    Ok(Issued {
        response,
        grant_type: GrantType::JwtBearer,
        user: Some(user.username.clone()),
        note: format!("grant {grant_id} from an assertion of {}", sanitize(&c.iss)),
    })
}

/// The enabled user the trusted issuer's user claim names (its id, username or email).
async fn find_user(r: &Request<'_>, trusted: &TrustedIssuer, a: &assertion::Assertion<'_>) -> Result<User, SigilError> {
    let payload;
    let value = if trusted.user_claim == "sub" {
        a.claims.sub.as_str()
    } else {
        payload = a.payload();
        payload[trusted.user_claim.as_str()].as_str().ok_or_else(|| {
            refuse(
                catalog::JWT_BEARER_ASSERTION_INVALID,
                format!("the assertion has no string claim '{}'", sanitize(&trusted.user_claim)),
            )
        })?
    };
    let (store, tenant) = (&r.ctx.store, r.view.tenant.id);
    let user = match trusted.user_match {
        UserMatch::Id => match uuid::Uuid::parse_str(value) {
            Ok(id) => store.user_by_id(tenant, id).await?,
            Err(_) => None,
        },
        UserMatch::Username => store.user_by_username(tenant, value).await?,
        UserMatch::Email => store.user_by_email(tenant, value).await?,
    };
    let user = user.ok_or_else(|| {
        refuse(
            catalog::JWT_BEARER_USER_NOT_FOUND,
            format!("no user has {:?} '{}'", trusted.user_match, sanitize(value)),
        )
    })?;
    if !user.enabled {
        return Err(refuse(catalog::USER_DISABLED, format!("user {} is disabled", user.username)));
    }
    Ok(user)
}
