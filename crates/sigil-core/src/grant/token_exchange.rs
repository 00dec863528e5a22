//! RFC 8693 OAuth 2.0 Token Exchange, for this tenant's own user access tokens. The client's
//! `token_exchange` policy (§5: the server decides what may be exchanged for what) names the
//! audiences of subject tokens it may present and the APIs it may ask tokens for. The new token is
//! for the subject's user, issued to the client, for the one target API; with an `actor_token` it
//! is a delegation and carries `act` (§4.1). Its grant is derived from the subject token's, so
//! revoking that one revokes it.
use serde_json::{Value, json};

use super::{GrantStart, Issued, Parent, Request, load_user, start_grant};
use crate::catalog::{self, ErrorEntry};
use crate::error::SigilError;
use crate::model::{Client, ExchangePolicy, GrantType};
use crate::params::sanitize;
use crate::resource::{self, Holding};
use crate::verify::{self, VerifiedAccessToken};
use crate::{scope, verify::AccessTokenClaims};

/// §3: token type identifiers. Sigil's access tokens are JWTs, so either names them.
const ACCESS_TOKEN: &str = "urn:ietf:params:oauth:token-type:access_token";
const JWT: &str = "urn:ietf:params:oauth:token-type:jwt";

fn token_type(param: &'static str, value: &str) -> Result<&'static str, SigilError> {
    match value {
        ACCESS_TOKEN => Ok(ACCESS_TOKEN),
        JWT => Ok(JWT),
        other => Err(SigilError::new(
            catalog::UNSUPPORTED_TOKEN_TYPE,
            format!("{param} '{}' is not supported", sanitize(other)),
        )
        .arg("param", param)),
    }
}

/// §2.1: a subject or actor token must be a live access token of this tenant.
async fn verify_token(
    r: &Request<'_>,
    token: &str,
    entry: &'static ErrorEntry,
    what: &str,
) -> Result<VerifiedAccessToken, SigilError> {
    let bad = |e: SigilError| match e.entry {
        catalog::INVALID_ACCESS_TOKEN => SigilError::new(entry, format!("{what}: {}", e.reason)),
        _ => e,
    };
    let claims = verify::check_access_token(&r.ctx.issuer(r.view), r.view, r.now, token).map_err(bad)?;
    verify::check_live(r.ctx, r.view, claims).await.map_err(bad)
}

/// §4.1: `act` names the actor; a subject token that was already delegated keeps its chain inside.
fn act_claim(actor: &AccessTokenClaims, subject: &AccessTokenClaims) -> Value {
    let mut act = json!({ "sub": actor.sub, "client_id": actor.client_id });
    if let Some(prior) = &subject.act {
        act["act"] = prior.clone();
    }
    act
}

/// §2.1 `audience` and `resource` (RFC 8707) name the target; one API at most.
fn target(r: &Request<'_>) -> Result<Option<String>, SigilError> {
    let client = r.client.client();
    let by_resource = resource::one(r.view, client, r.params, Holding::Scopes)?.map(|a| a.identifier.clone());
    let by_audience = match r.params.get("audience") {
        None => None,
        Some(aud) => Some(r.view.apis.get(aud).map(|a| a.identifier.clone()).ok_or_else(|| {
            SigilError::new(catalog::INVALID_TARGET, format!("audience '{}' names no API", sanitize(aud)))
                .arg("resource", sanitize(aud))
        })?),
    };
    match (by_resource, by_audience) {
        (Some(a), Some(b)) if a != b => Err(SigilError::new(
            catalog::INVALID_TARGET,
            format!("audience '{b}' and resource '{a}' name different APIs"),
        )
        .arg("resource", b)),
        (a, b) => Ok(a.or(b)),
    }
}

fn allowed_target(policy: &ExchangePolicy, client: &Client, api: &str) -> Result<(), SigilError> {
    if policy.target_audiences.iter().any(|a| a == api) {
        return Ok(());
    }
    Err(SigilError::new(
        catalog::EXCHANGE_TARGET_NOT_ALLOWED,
        format!("client '{}' may not ask tokens for '{}'", client.client_id, sanitize(api)),
    )
    .arg("resource", sanitize(api)))
}

pub(super) async fn handle(r: &Request<'_>) -> Result<Issued, SigilError> {
    let client = r.client.client();
    let policy: &ExchangePolicy = client
        .token_exchange
        .as_ref()
        .ok_or_else(|| SigilError::new(catalog::EXCHANGE_TARGET_NOT_ALLOWED, "client has no token exchange policy"))?;
    let subject_token = r.params.require("subject_token")?;
    token_type("subject_token_type", r.params.require("subject_token_type")?)?;
    let issued_type = match r.params.get("requested_token_type") {
        Some(t) => token_type("requested_token_type", t)?,
        None => ACCESS_TOKEN,
    };
    // §2.1: actor_token_type is REQUIRED with actor_token and MUST NOT be there without it.
    let actor_token = match (r.params.get("actor_token"), r.params.get("actor_token_type")) {
        (Some(t), Some(ty)) => {
            token_type("actor_token_type", ty)?;
            Some(t)
        }
        (None, None) => None,
        (Some(_), None) => return Err(SigilError::missing("actor_token_type")),
        (None, Some(_)) => {
            return Err(SigilError::new(catalog::MALFORMED_REQUEST, "actor_token_type without actor_token"));
        }
    };

    let subject = verify_token(r, subject_token, catalog::SUBJECT_TOKEN_INVALID, "subject_token").await?;
    let (Some(parent), Some(user_id)) = (subject.grant.as_ref(), subject.claims.oid) else {
        return Err(SigilError::new(catalog::SUBJECT_TOKEN_INVALID, "subject_token is an application token"));
    };
    if !policy.subject_audiences.contains(&subject.claims.aud) {
        return Err(SigilError::new(
            catalog::SUBJECT_TOKEN_NOT_EXCHANGEABLE,
            format!("client '{}' may not exchange tokens for '{}'", client.client_id, sanitize(&subject.claims.aud)),
        ));
    }
    let act = match actor_token {
        Some(t) => {
            let actor = verify_token(r, t, catalog::ACTOR_TOKEN_INVALID, "actor_token").await?;
            Some(act_claim(&actor.claims, &subject.claims))
        }
        None => None,
    };

    // The target: `audience`/`resource`, else the API the scope names; the policy first, so that
    // a target outside it is reported as such whatever the client's permissions.
    let target = target(r)?;
    if let Some(t) = &target {
        allowed_target(policy, client, t)?;
    }
    let requested = match (r.params.get("scope"), &target) {
        (Some(s), _) => s.to_string(),
        (None, Some(t)) => format!("{t}/.default"),
        (None, None) => {
            return Err(SigilError::new(catalog::INVALID_TARGET, "no audience, resource or scope names a target")
                .arg("resource", ""));
        }
    };
    // The APIs the scope names, against the policy before the client's permissions are looked at.
    for t in scope::parse(&requested)? {
        if let Some((api, _)) = t.rsplit_once('/') {
            allowed_target(policy, client, api)?;
        }
    }
    let targets: Vec<&str> = target.iter().map(String::as_str).collect();
    let scope = scope::resolve_user_across(r.view, client, &requested, &targets)?;
    let Some(api) = scope.api.as_deref() else {
        return Err(SigilError::new(catalog::INVALID_TARGET, "the scope names no API").arg("resource", ""));
    };
    allowed_target(policy, client, api)?;
    let user = load_user(r, user_id).await?;
    let grant_id = crate::rng::uuid_v4(r.ctx.rng.as_ref());
    let mut response = start_grant(
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
            parent: Some(Parent { grant: parent, refused: catalog::SUBJECT_TOKEN_INVALID }),
            act: act.as_ref(),
        },
    )
    .await?;
    response.issued_token_type = Some(issued_type);
    Ok(Issued {
        response,
        grant_type: GrantType::TokenExchange,
        user: Some(user.username.clone()),
        note: format!(
            "grant {grant_id} from grant {}{}",
            parent.id,
            if act.is_some() { " (delegation)" } else { " (impersonation)" }
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(sub: &str, client_id: &str, act: Option<Value>) -> AccessTokenClaims {
        serde_json::from_value(json!({"iss": "i", "sub": sub, "aud": "api://x", "exp": 1, "client_id": client_id,
            "tid": uuid::Uuid::nil(), "act": act}))
        .unwrap()
    }

    #[test]
    fn act_names_the_actor_and_nests_prior_actors() {
        let subject = claims("user", "front", None);
        let actor = claims("svc-1", "svc", None);
        assert_eq!(act_claim(&actor, &subject), json!({"sub": "svc-1", "client_id": "svc"}));
        // §4.1: the subject token was itself delegated: the prior chain goes inside.
        let delegated = claims("user", "svc", Some(json!({"sub": "svc-0", "client_id": "first"})));
        assert_eq!(
            act_claim(&actor, &delegated),
            json!({"sub": "svc-1", "client_id": "svc", "act": {"sub": "svc-0", "client_id": "first"}})
        );
    }

    #[test]
    fn only_access_token_types() {
        assert_eq!(token_type("subject_token_type", ACCESS_TOKEN).unwrap(), ACCESS_TOKEN);
        assert_eq!(token_type("subject_token_type", JWT).unwrap(), JWT);
        for t in ["urn:ietf:params:oauth:token-type:id_token", "urn:ietf:params:oauth:token-type:refresh_token", ""] {
            assert_eq!(token_type("subject_token_type", t).unwrap_err().entry.code, 88000326);
        }
    }
}
