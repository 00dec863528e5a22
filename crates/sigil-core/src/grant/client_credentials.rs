//! RFC 6749 §4.4 Client Credentials. Stateless: no store access, so issuance never waits on a write.
use super::{Issued, Request};
use crate::catalog;
use crate::error::SigilError;
use crate::model::GrantType;
use crate::resource::{self, Holding};
use crate::scope;
use crate::token::{self, AccessClaims, TokenResponse};

pub(super) fn handle(r: &Request<'_>) -> Result<Issued, SigilError> {
    let client = r.client.client();
    let app = match resource::one(r.view, client, r.params, Holding::Roles)? {
        None => scope::resolve_app(r.view, client, r.params.get("scope").unwrap_or(""))?,
        Some(api) => {
            let app = scope::resolve_app(r.view, client, &scope_for(&api.identifier, r.params.get("scope")))?;
            if app.api != api.identifier {
                return Err(SigilError::new(
                    catalog::INVALID_TARGET,
                    format!("scope names '{}', resource names '{}'", app.api, api.identifier),
                )
                .arg("resource", api.identifier.clone()));
            }
            app
        }
    };
    let key = token::signing_key(r.view, r.view.tenant.signing_alg, r.now)?;
    let issuer = r.ctx.issuer(r.view);
    let lifetime = client.lifetimes.access_token.unwrap_or(r.ctx.tokens.access_token_lifetime);
    let (cnf, token_type) = r.binding();
    let claims = AccessClaims {
        iss: &issuer,
        sub: &client.client_id,
        aud: &app.api,
        exp: r.now + lifetime,
        iat: r.now,
        nbf: r.now,
        jti: crate::rng::uuid_v4(r.ctx.rng.as_ref()).to_string(),
        client_id: &client.client_id,
        tid: r.view.tenant.id,
        scope: None,
        roles: Some(&app.roles),
        oid: None,
        preferred_username: None,
        auth_time: None,
        gid: None,
        azp: &client.client_id,
        azpacr: crate::claims::azpacr(r.client.method()),
        idtyp: Some("app"),
        ver: crate::claims::VERSION,
        extra: None,
        cnf,
        act: None,
    };
    let access_token = token::sign_access_token(key, &claims)?;
    Ok(Issued {
        // `scope` is omitted as Entra does; RFC 6749 §5.1 makes it optional when as requested.
        response: TokenResponse {
            access_token,
            token_type,
            expires_in: lifetime,
            scope: None,
            refresh_token: None,
            id_token: None,
            client_info: None,
            issued_token_type: None,
        },
        grant_type: GrantType::ClientCredentials,
        user: None,
        note: format!("aud {} roles [{}]", app.api, app.roles.join(" ")),
    })
}

/// RFC 8707 §2.2 with client credentials: the `resource` names the API, so `scope` may leave it
/// out: no scope, or a bare `.default`, is `<resource>/.default` (every role the client holds
/// there). Scope values naming an API must name the same one (checked by the caller).
fn scope_for(resource: &str, scope: Option<&str>) -> String {
    let Some(scope) = scope else { return format!("{resource}/.default") };
    scope
        .split(' ')
        .map(|t| if t == ".default" { format!("{resource}/.default") } else { t.to_string() })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::scope_for;

    #[test]
    fn resource_completes_the_scope() {
        assert_eq!(scope_for("api://reports", None), "api://reports/.default");
        assert_eq!(scope_for("api://reports", Some(".default")), "api://reports/.default");
        assert_eq!(scope_for("api://reports", Some("api://reports/Read")), "api://reports/Read");
        assert_eq!(scope_for("api://reports", Some("api://billing/.default")), "api://billing/.default");
    }
}
