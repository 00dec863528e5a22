//! OIDC Core §5.3 UserInfo: the claims about the user a verified access token's grant allows.
use serde_json::{Value, json};

use crate::catalog;
use crate::context::Context;
use crate::directory::TenantView;
use crate::dpop::{self, Presentation};
use crate::error::SigilError;
use crate::verify;

/// The UserInfo response for `token`: a user token ([`verify::verify_access_token`]) whose grant
/// holds `openid` (§5.3.1), for a user who still exists and is enabled; `profile` and `email`
/// claims as the grant's scopes allow (§5.4).
/// A DPoP-bound token must come with its proof (RFC 9449 §7.1, `dpop::check_presentation`).
pub async fn claims(
    ctx: &Context,
    view: &TenantView,
    token: &str,
    presentation: &Presentation<'_>,
) -> Result<Value, SigilError> {
    let invalid = |why: &str| SigilError::new(catalog::INVALID_ACCESS_TOKEN, why.to_string());
    let verified = verify::verify_access_token(ctx, view, token).await?;
    dpop::check_presentation(ctx, view, &verified.claims, token, presentation).await?;
    let grant = verified.grant.ok_or_else(|| invalid("not a user token"))?;
    let scopes: Vec<&str> = grant.scope.split(' ').collect();
    if !scopes.contains(&"openid") {
        return Err(SigilError::new(catalog::INSUFFICIENT_SCOPE, "grant has no openid scope"));
    }
    let user = match grant.user_id {
        Some(u) => ctx.store.user_by_id(view.tenant.id, u).await?,
        None => None,
    }
    .filter(|u| u.enabled)
    .ok_or_else(|| invalid("user gone or disabled"))?;
    crate::factor::step_up::check(view, &verified.claims, &grant.amr)?;
    let mut out = json!({"sub": user.id, "oid": user.id, "tid": view.tenant.id, "preferred_username": user.username});
    crate::token::user_claims(&mut out, &user, scopes.contains(&"profile"), scopes.contains(&"email"));
    authentication_claims(&mut out, grant.auth_time, &grant.amr);
    Ok(out)
}

/// OIDC Core §5.5 (`auth_time`, `acr`, `amr` asked as UserInfo claims) and §5.3.2: the sign-in's
/// time, class and methods are returned whether or not the `claims` parameter asked for them
/// (they are facts about the sign-in, not about the user, and a client that asked gets them);
/// `acr`/`amr` only when the methods are known.
fn authentication_claims(out: &mut Value, auth_time: i64, amr: &str) {
    out["auth_time"] = json!(auth_time);
    if let Some(acr) = crate::factor::acr_of(amr) {
        out["acr"] = json!(acr);
        out["amr"] = json!(crate::factor::amr_list(amr));
    }
}
