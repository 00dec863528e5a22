//! The FAPI 2.0 Security Profile (OpenID FAPI 2.0 Security Profile, Final, 2025-02-22) as a
//! per-client profile, `profile = "fapi2"`. Section numbers below are that document's
//! (§5.3.2.1: authorization server, general; §5.3.2.2: authorization code flow).
//!
//! The profile turns on the settings that already enforce a rule ([`implied`]), refuses at
//! provisioning what the profile forbids ([`rules`]), and adds the refusals no other setting makes
//! ([`check_authorization`]; the client assertion's `aud` in `client_auth::private_key_jwt`;
//! refresh without rotation in `grant::refresh_token`).
//! Sender-constrained tokens are DPoP (RFC 9449) only: mTLS (RFC 8705) is not offered, since
//! Sigil's listeners do not request client certificates and a proxy's forwarded certificate has no
//! standard, verifiable form.
use crate::authorize::ResponseMode;
use crate::catalog;
use crate::context::Context;
use crate::error::SigilError;
use crate::model::{AuthMethod, Client, ClientProfile, GrantType};
use crate::params::{Params, sanitize};
use crate::provisioning::RuleError;

/// §5.3.2.1: "shall issue authorization codes with a maximum lifetime of 60 seconds".
pub const CODE_MAX_LIFETIME: i64 = 60;
/// §5.3.2.2: "shall issue pushed authorization request `request_uri` with `expires_in` values of
/// less than 600 seconds".
pub const PUSHED_REQUEST_MAX_LIFETIME: i64 = 599;

pub fn is_fapi2(client: &Client) -> bool {
    client.profile == ClientProfile::Fapi2
}

/// The settings the profile implies, set on every build of a FAPI 2.0 client:
/// - `require_pushed_authorization_requests` (§5.3.2.2: "shall reject authorization requests sent
///   without [RFC9126]"); refused with 88000351;
/// - `dpop_bound_access_tokens` (§5.3.2.1: "shall only issue sender-constrained access tokens",
///   DPoP per RFC 9449); a token request without a proof is refused with 88000346;
/// - `require_pkce` (§5.3.2.2: "shall require PKCE … with S256"; S256 itself: 88000430);
/// - `strict_assertion_replay` (§5.3.2.1 `private_key_jwt`: each assertion `jti` once).
pub fn implied(c: &mut Client) {
    if is_fapi2(c) {
        c.require_pushed_authorization_requests = true;
        c.dpop_bound_access_tokens = true;
        c.require_pkce = true;
        c.strict_assertion_replay = true;
    }
}

/// What a FAPI 2.0 client may not be (provisioning refuses it):
/// - §5.3.2.1 "shall only support confidential clients";
/// - §5.3.2.1 client authentication "MTLS … or `private_key_jwt`": only `private_key_jwt` with
///   the client's own keys (a federated credential's token is not the client's signature);
/// - §5.3.2.1 "shall reject requests using the resource owner password credentials grant";
/// - §5.3.2.2 "shall not allow redirect URIs that use the http scheme" (the loopback exception is
///   for native clients, which are public and so not FAPI 2.0 clients here).
pub fn rules(c: &Client) -> Vec<RuleError> {
    let mut errors = Vec::new();
    if !is_fapi2(c) {
        return errors;
    }
    if !c.confidential {
        errors.push(RuleError::new("profile", "a FAPI 2.0 client is confidential (§5.3.2.1)"));
    }
    if c.auth_methods != [AuthMethod::PrivateKeyJwt] || !c.federated.is_empty() {
        errors.push(RuleError::new(
            "auth_methods",
            "a FAPI 2.0 client authenticates with private_key_jwt only, with its own keys (§5.3.2.1)",
        ));
    }
    if c.grant_types.contains(&GrantType::Password) {
        errors.push(RuleError::new("grant_types", "a FAPI 2.0 client cannot use the password grant (§5.3.2.1)"));
    }
    for (i, u) in c.redirect_uris.iter().enumerate() {
        if !u.starts_with("https://") {
            errors.push(RuleError::new(
                format!("redirect_uris[{i}]"),
                format!("'{u}': a FAPI 2.0 client's redirect URIs are https (§5.3.2.2)"),
            ));
        }
    }
    let off = [
        (c.require_pushed_authorization_requests, "require_pushed_authorization_requests"),
        (c.dpop_bound_access_tokens, "dpop_bound_access_tokens"),
        (c.require_pkce, "require_pkce"),
        (c.strict_assertion_replay, "strict_assertion_replay"),
    ];
    for (on, name) in off {
        if !on {
            errors.push(RuleError::new(name, "cannot be turned off for a FAPI 2.0 client"));
        }
    }
    errors
}

/// The authorization request of a FAPI 2.0 client, beyond what its implied settings check:
/// - §5.3.2.2 "shall require PKCE [RFC7636] with S256 as the code challenge method" (a tenant
///   that allows `plain` does not change that);
/// - the response in the query only. The profile names no response mode; its clients send only
///   `client_id` and `request_uri` to the authorization endpoint (§5.3.3.2) and check `iss`
///   (RFC 9207) there, and `query` is `code`'s default mode (OAuth 2.0 Multiple Response Type
///   Encoding Practices §2.1): Sigil keeps FAPI 2.0 responses to that one, tested, shape.
pub fn check_authorization(params: &Params, mode: ResponseMode) -> Result<(), SigilError> {
    if mode != ResponseMode::Query {
        let m = params.get("response_mode").unwrap_or("");
        return Err(SigilError::new(
            catalog::FAPI_RESPONSE_MODE_NOT_ALLOWED,
            format!("response_mode '{}' for a FAPI 2.0 client", sanitize(m)),
        ));
    }
    if params.get("code_challenge").is_none() || params.get("code_challenge_method") != Some("S256") {
        return Err(SigilError::new(
            catalog::FAPI_PKCE_S256_REQUIRED,
            format!(
                "code_challenge {} with method '{}'",
                if params.contains("code_challenge") { "sent" } else { "missing" },
                sanitize(params.get("code_challenge_method").unwrap_or("(none)"))
            ),
        ));
    }
    Ok(())
}

/// The lifetime of a code for this client: `tokens.code_lifetime`, at most 60 s for FAPI 2.0.
pub fn code_lifetime(client: &Client) -> Option<i64> {
    is_fapi2(client).then_some(CODE_MAX_LIFETIME)
}

/// The lifetime of a pushed request of this client: `tokens.pushed_request_lifetime`, under
/// 600 s for FAPI 2.0.
pub fn pushed_request_lifetime(ctx: &Context, client: &Client) -> i64 {
    let l = ctx.tokens.pushed_request_lifetime;
    if is_fapi2(client) { l.min(PUSHED_REQUEST_MAX_LIFETIME) } else { l }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_client;

    fn fapi() -> Client {
        let mut c = test_client(true, &[GrantType::AuthorizationCode], &["https://app.example/cb"]);
        c.profile = ClientProfile::Fapi2;
        c.auth_methods = vec![AuthMethod::PrivateKeyJwt];
        implied(&mut c);
        c
    }

    #[test]
    fn the_profile_refuses_what_fapi_forbids() {
        assert!(rules(&fapi()).is_empty());
        let field = |c: &Client| rules(c).into_iter().map(|e| e.field).collect::<Vec<_>>();
        let mut public = fapi();
        public.confidential = false;
        assert_eq!(field(&public), ["profile"]);
        let mut secret = fapi();
        secret.auth_methods = vec![AuthMethod::PrivateKeyJwt, AuthMethod::ClientSecretBasic];
        assert_eq!(field(&secret), ["auth_methods"]);
        let mut password = fapi();
        password.grant_types.push(GrantType::Password);
        assert_eq!(field(&password), ["grant_types"]);
        let mut http = fapi();
        http.redirect_uris.push("http://127.0.0.1/cb".into());
        assert_eq!(field(&http), ["redirect_uris[1]"]);
        let mut bearer = fapi();
        bearer.dpop_bound_access_tokens = false;
        assert_eq!(field(&bearer), ["dpop_bound_access_tokens"]);
    }

    #[test]
    fn pkce_s256_and_query_only() {
        let p = |pairs: &[(&str, &str)]| {
            Params::from_pairs(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()).unwrap()
        };
        let c = ("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assert!(check_authorization(&p(&[c, ("code_challenge_method", "S256")]), ResponseMode::Query).is_ok());
        for bad in [p(&[c]), p(&[c, ("code_challenge_method", "plain")]), p(&[])] {
            let e = check_authorization(&bad, ResponseMode::Query).unwrap_err();
            assert_eq!(e.entry.code, catalog::FAPI_PKCE_S256_REQUIRED.code);
        }
        let e = check_authorization(&p(&[c, ("code_challenge_method", "S256")]), ResponseMode::FormPost).unwrap_err();
        assert_eq!(e.entry.code, catalog::FAPI_RESPONSE_MODE_NOT_ALLOWED.code);
    }
}
