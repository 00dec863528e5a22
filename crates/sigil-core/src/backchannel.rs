//! OpenID Connect Back-Channel Logout 1.0: when a session ends, a logout token (§2.4) for each
//! relying party the session signed in to that registered a `backchannel_logout_uri` (§2.2).
//! Delivery (§2.5, an HTTP POST) is the HTTP layer's; this decides who and signs what.
use crate::context::Context;
use crate::crypto::token_hash;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::interaction::session;
use crate::keys::JwtType;

/// §2.4 `events` member.
pub const EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";
/// Logout tokens are meant for immediate delivery: a short life (§2.4 recommends at most two minutes).
pub const LOGOUT_TOKEN_LIFETIME: i64 = 120;

/// One logout token to POST to one client.
pub struct LogoutNotice {
    pub client_id: String,
    pub uri: String,
    pub logout_token: String,
}

/// Ends the session of `cookie` and returns the logout tokens to deliver: one per client of the
/// tenant the session was issued codes or device approvals for (and the client of an
/// `id_token_hint` issued to this very session: `hint` is its `aud` and `sid`) that registered a
/// `backchannel_logout_uri`. §2.4: `iss`, `aud`, `iat`,
/// `exp`, `jti`, `events`, `sub` and `sid`; never `nonce`.
pub async fn end_session(
    ctx: &Context,
    view: &TenantView,
    cookie: &str,
    hint: Option<(&str, &str)>,
) -> Result<Vec<LogoutNotice>, SigilError> {
    let ended = ctx.store.delete_session(&token_hash(cookie)).await?;
    let Some(s) = ended.filter(|s| s.tenant_id == view.tenant.id) else { return Ok(vec![]) };
    notices(ctx, view, &s, hint).await
}

/// The logout tokens for a session that has ended (by logout above, or from the account page):
/// one per client it was issued codes or device approvals for that registered a
/// `backchannel_logout_uri` (§2.7), and the hint's client as above.
pub async fn notices(
    ctx: &Context,
    view: &TenantView,
    s: &crate::model::Session,
    hint: Option<(&str, &str)>,
) -> Result<Vec<LogoutNotice>, SigilError> {
    let sid = session::sid(&s.hash);
    let mut clients = ctx.store.session_clients(view.tenant.id, &sid).await?;
    // Another session's ID token as hint names a client this session may never have used.
    clients.extend(hint.filter(|(_, hint_sid)| *hint_sid == sid).map(|(client, _)| client.to_string()));
    clients.sort();
    clients.dedup();
    let now = ctx.clock.now();
    let mut notices = Vec::new();
    for c in clients.iter().filter_map(|id| view.client(id)) {
        let Some(uri) = &c.backchannel_logout_uri else { continue };
        let key = crate::token::signing_key(view, c.id_token_alg(), now)?;
        let claims = serde_json::json!({
            "iss": ctx.issuer(view),
            "aud": c.client_id,
            "iat": now,
            "exp": now + LOGOUT_TOKEN_LIFETIME,
            "jti": crate::rng::uuid_v4(ctx.rng.as_ref()).to_string(),
            "events": { EVENT: {} },
            "sub": s.user_id.to_string(),
            "sid": sid,
        });
        notices.push(LogoutNotice {
            client_id: c.client_id.clone(),
            uri: uri.clone(),
            logout_token: key.sign_jwt(JwtType::LogoutToken, claims.to_string().as_bytes()),
        });
    }
    Ok(notices)
}
