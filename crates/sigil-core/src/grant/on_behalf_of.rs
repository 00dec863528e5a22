//! On-behalf-of: Entra's form of the JWT bearer grant (RFC 7523 §2.1). A middle-tier API that
//! received a user's access token trades it for a token of a downstream API for the same user:
//! `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`, `requested_token_use=on_behalf_of`,
//! `assertion` = that access token, `scope` = the downstream scopes.
//!
//! The assertion is an access token this tenant issued (the one verifier, `verify.rs`) whose
//! audience is the API the calling client implements (`Client::exposes_api`, as an Entra app
//! registration exposes its API). The new grant is derived from the assertion's grant: revoking
//! that one revokes this one (`Store::create_derived_grant`).
use super::{GrantStart, Issued, Parent, Request, load_user, start_grant};
use crate::catalog;
use crate::error::SigilError;
use crate::interaction::consent;
use crate::model::GrantType;
use crate::params::sanitize;
use crate::scope;
use crate::verify;

/// Entra's `requested_token_use` for this flow; RFC 7523's own grant does not send it.
const ON_BEHALF_OF: &str = "on_behalf_of";

fn invalid(why: impl Into<String>) -> SigilError {
    SigilError::new(catalog::INVALID_ASSERTION, why)
}

pub(super) async fn handle(r: &Request<'_>) -> Result<Issued, SigilError> {
    let use_ = r.params.require("requested_token_use")?;
    if use_ != ON_BEHALF_OF {
        return Err(SigilError::new(
            catalog::UNSUPPORTED_PARAMETER_VALUE,
            format!("requested_token_use '{}' is not supported", sanitize(use_)),
        )
        .arg("param", "requested_token_use")
        .arg("value", sanitize(use_)));
    }
    let assertion = r.params.require("assertion")?;
    let client = r.client.client();
    // RFC 7523 §3 items 1 and 9: issued and signed by this tenant, and an access token
    // (`typ: at+jwt`; an ID token is refused).
    let claims = verify::check_signed_access_token(&r.ctx.issuer(r.view), r.view, assertion)
        .map_err(|e| invalid(format!("assertion: {}", e.reason)))?;
    // §3 item 3: the audience identifies this party: the API the calling client implements.
    if client.exposes_api.as_deref() != Some(claims.aud.as_str()) {
        return Err(SigilError::new(
            catalog::ASSERTION_AUDIENCE_MISMATCH,
            format!(
                "assertion audience '{}' is not the API client '{}' implements ({})",
                sanitize(&claims.aud),
                client.client_id,
                client.exposes_api.as_deref().unwrap_or("none")
            ),
        )
        .arg("audience", sanitize(&claims.aud)));
    }
    // §3 items 4 and 5: `exp` passed, `nbf` ahead (with the verifier's skew).
    if !verify::within_lifetime(&claims, r.now) {
        return Err(SigilError::new(catalog::ASSERTION_NOT_IN_TIME_RANGE, "assertion expired or not yet valid"));
    }
    let (Some(_), Some(user_id)) = (claims.gid, claims.oid) else {
        return Err(SigilError::new(catalog::ASSERTION_HAS_NO_USER, "assertion is an application token"));
    };
    // The assertion's grant still live and its `jti` not revoked (RFC 7009).
    let live = verify::check_live(r.ctx, r.view, claims).await.map_err(|e| match e.entry {
        catalog::INVALID_ACCESS_TOKEN => invalid(format!("assertion: {}", e.reason)),
        _ => e,
    })?;
    let parent = live.grant.ok_or_else(|| SigilError::internal("user token without its grant"))?;
    if parent.user_id != Some(user_id) {
        return Err(invalid(format!("assertion names user {user_id}, its grant another")));
    }
    let user = load_user(r, user_id).await?;
    let requested = r.params.require("scope")?;
    let mut scope = scope::resolve_user(r.view, client, requested)?;
    let Some(api) = scope.api.clone() else {
        return Err(SigilError::new(catalog::INVALID_SCOPE, "on-behalf-of needs a scope of a downstream API")
            .arg("scope", sanitize(requested)));
    };
    // The user (through a sign-in to this client) consented to it for the downstream scopes.
    // `<api>/.default` (what azure-identity asks for) means what was consented of what the client
    // holds, as Entra answers it; named scopes must each be consented.
    let granted = r.ctx.store.consent(r.view.tenant.id, user.id, &client.client_id).await?.unwrap_or_default();
    let consented = |s: &String| granted.contains(&format!("{api}/{s}"));
    if scope::parse(requested)?.contains(&format!("{api}/.default")) {
        scope.scopes.retain(consented);
    }
    let needed: Vec<String> = scope.scopes.iter().map(|s| format!("{api}/{s}")).collect();
    if needed.is_empty() || !consent::covers(&granted, &needed) {
        return Err(SigilError::new(
            catalog::ON_BEHALF_OF_CONSENT_REQUIRED,
            format!(
                "user {} has not consented to '{}' for client '{}'",
                user.username,
                needed.join(" "),
                client.client_id
            ),
        )
        .suberror("consent_required"));
    }
    let grant_id = crate::rng::uuid_v4(r.ctx.rng.as_ref());
    let response = start_grant(
        r,
        grant_id,
        &user,
        &scope,
        GrantStart {
            grant_scope: &scope.to_scope_string(),
            auth_time: parent.auth_time,
            amr: &parent.amr,
            nonce: None,
            session_id: None,
            parent: Some(Parent { grant: &parent, refused: catalog::INVALID_ASSERTION }),
            act: None,
        },
    )
    .await?;
    Ok(Issued {
        response,
        grant_type: GrantType::JwtBearer,
        user: Some(user.username.clone()),
        note: format!("grant {grant_id} on behalf of grant {}", parent.id),
    })
}
