//! RFC 6749 §4.3 Resource Owner Password Credentials. Off unless a client is registered for it.
//! Unknown user and wrong password answer identically (same code, same argon2 cost); each attempt
//! is charged to the smart lockout budget before the password is verified (§4.3.2, §10.10).
use super::{GrantStart, Issued, Request, start_grant};
use crate::error::SigilError;
use crate::model::GrantType;
use crate::resource::{self, Holding};
use crate::scope;
use crate::signin::check_credentials;

pub(super) async fn handle(r: &Request<'_>) -> Result<Issued, SigilError> {
    let username = r.params.require("username")?;
    let password = r.params.require("password")?;
    let client = r.client.client();
    // RFC 8707 §2.2: one `resource` at most, the token's audience.
    let target = resource::one(r.view, client, r.params, Holding::Scopes)?;
    let targets: Vec<&str> = target.iter().map(|a| a.identifier.as_str()).collect();
    let scope = scope::resolve_user_across(r.view, client, r.params.get("scope").unwrap_or("openid"), &targets)?;
    let user = check_credentials(r.ctx, r.view.tenant.id, username, password, r.source).await?;
    // A password alone cannot satisfy a rule that asks for a second factor (Entra: 50076 here).
    if let Some(need) = crate::factor::needed(r.ctx, r.view, &client.client_id, &[], &user, None).await?.need {
        return Err(crate::error::SigilError::new(
            crate::catalog::PASSWORD_GRANT_MFA_REQUIRED,
            format!("password grant for '{}': {}", user.username, need.reason.describe()),
        )
        .suberror("basic_action"));
    }
    let grant_id = crate::rng::uuid_v4(r.ctx.rng.as_ref());
    let response = start_grant(
        r,
        grant_id,
        &user,
        &scope,
        GrantStart {
            grant_scope: &scope.to_scope_string(),
            auth_time: r.now,
            amr: "pwd",
            nonce: None,
            session_id: None,
            parent: None,
            act: None,
        },
    )
    .await?;
    Ok(Issued {
        response,
        grant_type: GrantType::Password,
        user: Some(user.username.clone()),
        note: format!("grant {grant_id}"),
    })
}
