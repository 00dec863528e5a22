//! The authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1, RFC 7636 §4.3): validation in the
//! order §4.1.2.1 requires — client and redirect URI first (never redirect to an unverified URI),
//! then everything else, whose errors go back to the client.
use serde::{Deserialize, Serialize};

use crate::catalog;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::limits::MAX_ECHOED_VALUE_BYTES;
use crate::model::{Client, GrantType};
use crate::params::{Params, sanitize};
use crate::pkce;
use crate::scope::{self, UserScope};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseMode {
    Query,
    Fragment,
    FormPost,
}

/// A validated authorization request. Serialized (sealed) into the sign-in and consent forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorizeRequest {
    pub client_id: String,
    pub redirect_uri: String,
    pub response_mode: ResponseMode,
    /// Normalized scope string.
    pub scope: String,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub prompt: Vec<String>,
    pub login_hint: Option<String>,
    pub max_age: Option<i64>,
    pub ui_locales: Option<String>,
    /// RFC 9449 §10: the thumbprint of the DPoP key the code will be bound to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpop_jkt: Option<String>,
    /// The code's lifetime when the client's profile bounds it (`crate::fapi::code_lifetime`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_lifetime: Option<i64>,
    /// RFC 9700 §4.18: the client was not vetted by an operator (it registered itself, RFC 7591, or
    /// is described by its own metadata document), so errors met before the user acted are shown as
    /// a page instead of redirecting the browser to its URI unattended.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub untrusted_redirect: bool,
    /// OIDC Core §3.1.2.1 `acr_values` and §5.5.1.1 `acr` in the `claims` parameter: the classes
    /// Sigil knows that the client asked for (`factor::requested_acrs`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acr_values: Vec<String>,
}

/// Where an authorization error goes.
#[derive(Debug)]
pub enum AuthorizeError {
    /// §4.1.2.1: unknown client or unverified redirect URI: show a page, never redirect.
    Page(SigilError),
    /// Everything else: back to the client's redirect URI.
    Redirect { error: Box<SigilError>, redirect_uri: String, response_mode: ResponseMode, state: Option<String> },
}

/// RFC 6749 §3.1.2.3, RFC 9700 §2.1, OAuth 2.1 §2.3.1: the presented URI equals a registered one
/// as a string; RFC 8252 §7.3: for loopback redirect URIs of native (public) clients, any port is
/// allowed. Strings, not `url::Url`s: parsing normalizes (case, `..` segments, default ports,
/// percent-encoding), so two different strings could compare equal; registered URIs are validated
/// with `url` in `provisioning::redirect_uri`.
pub fn redirect_uri_allowed(client: &Client, presented: &str) -> bool {
    if client.redirect_uris.iter().any(|r| r == presented) {
        return true;
    }
    if client.confidential {
        return false;
    }
    let strip_port = |u: &str| -> Option<String> {
        for host in ["http://127.0.0.1", "http://[::1]"] {
            if let Some(rest) = u.strip_prefix(host) {
                let path = match rest.strip_prefix(':') {
                    Some(p) => {
                        let digits = p.find(|c: char| !c.is_ascii_digit()).unwrap_or(p.len());
                        if digits == 0 {
                            return None;
                        }
                        &p[digits..]
                    }
                    None => rest,
                };
                return Some(format!("{host}{path}"));
            }
        }
        None
    };
    match strip_port(presented) {
        Some(p) => client.redirect_uris.iter().filter_map(|r| strip_port(r)).any(|r| r == p),
        None => false,
    }
}

/// Where the parameters of an authorization request came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The front channel (query or form).
    Direct,
    /// A pushed authorization request (RFC 9126), at the PAR endpoint or by its `request_uri`.
    Pushed,
    /// The front channel with a verified request object (RFC 9101 `request`).
    RequestObject,
}

/// `document`: the client a Client ID Metadata Document described (`client_metadata::resolve`),
/// when the `client_id` is one.
pub fn validate(
    view: &TenantView,
    params: &Params,
    document: Option<&Client>,
    now: crate::clock::UnixTime,
    origin: Origin,
) -> Result<(AuthorizeRequest, UserScope), AuthorizeError> {
    let page = AuthorizeError::Page;
    let client_id = params.get("client_id").ok_or_else(|| page(SigilError::missing("client_id")))?;
    let client = document.filter(|c| c.client_id == client_id).or_else(|| view.client(client_id).map(|c| &**c));
    let client = client.filter(|c| !c.registration_expired(now));
    let untrusted_redirect =
        client.is_some_and(|c| c.registration.is_some() || document.is_some_and(|d| d.client_id == c.client_id));
    let client = client.ok_or_else(|| {
        page(
            SigilError::new(catalog::UNKNOWN_CLIENT, format!("no client '{}'", sanitize(client_id)))
                .arg("client", sanitize(client_id))
                .arg("tenant", view.tenant.name.clone()),
        )
    })?;
    let redirect_uri = params.get("redirect_uri").ok_or_else(|| page(SigilError::missing("redirect_uri")))?;
    if !redirect_uri_allowed(client, redirect_uri) {
        return Err(page(SigilError::new(
            catalog::REDIRECT_URI_MISMATCH,
            format!("redirect_uri '{}' is not registered for '{}'", sanitize(redirect_uri), client.client_id),
        )));
    }
    // `state` is echoed in the redirect: one too long is refused on a page, never sent back.
    check_length(params, "state").map_err(page)?;
    let state = params.get("state").map(str::to_string);
    // FAPI 2.0 (`crate::fapi`): errors of the response mode rule go back in the query.
    let fapi_error = |error: SigilError| AuthorizeError::Redirect {
        error: Box::new(error),
        redirect_uri: redirect_uri.to_string(),
        response_mode: ResponseMode::Query,
        state: state.clone(),
    };
    let response_mode = match params.get("response_mode") {
        None | Some("query") => ResponseMode::Query,
        Some("fragment") => ResponseMode::Fragment,
        Some("form_post") => ResponseMode::FormPost,
        Some(other) if untrusted_redirect => return Err(page(unsupported("response_mode", other))),
        Some(other) => {
            // Unknown mode: answer in the default mode.
            return Err(AuthorizeError::Redirect {
                error: Box::new(unsupported("response_mode", other)),
                redirect_uri: redirect_uri.to_string(),
                response_mode: ResponseMode::Query,
                state: state.clone(),
            });
        }
    };
    let back = |error: SigilError| match untrusted_redirect {
        true => AuthorizeError::Page(error),
        false => AuthorizeError::Redirect {
            error: Box::new(error),
            redirect_uri: redirect_uri.to_string(),
            response_mode,
            state: state.clone(),
        },
    };
    // RFC 9126 §6: a client registered with `require_pushed_authorization_requests` may only
    // send its requests through the PAR endpoint.
    if client.require_pushed_authorization_requests && origin != Origin::Pushed {
        return Err(back(SigilError::new(
            catalog::PUSHED_REQUEST_REQUIRED,
            format!("client '{}' must push its authorization requests", client.client_id),
        )));
    }
    // RFC 9101 §10.5 `require_signed_request_object` (a pushed request was checked when pushed).
    if client.require_signed_request_object && origin == Origin::Direct {
        return Err(back(SigilError::new(
            catalog::SIGNED_REQUEST_OBJECT_REQUIRED,
            format!("client '{}' must send signed request objects", client.client_id),
        )));
    }
    if crate::fapi::is_fapi2(client) {
        crate::fapi::check_authorization(params, response_mode).map_err(fapi_error)?;
    }
    match params.get("response_type") {
        Some("code") => {}
        None => return Err(back(SigilError::missing("response_type"))),
        Some(other) => {
            return Err(back(
                SigilError::new(catalog::UNSUPPORTED_RESPONSE_TYPE, format!("response_type '{}'", sanitize(other)))
                    .arg("value", sanitize(other)),
            ));
        }
    }
    if !client.grant_types.contains(&GrantType::AuthorizationCode) {
        return Err(back(
            SigilError::new(catalog::GRANT_TYPE_NOT_ALLOWED, "client not registered for authorization_code")
                .arg("grant_type", "authorization_code"),
        ));
    }
    for p in ["nonce", "login_hint", "ui_locales", "acr_values", "claims"] {
        check_length(params, p).map_err(&back)?;
    }
    let scope = params.get("scope").unwrap_or("openid");
    // RFC 8707 §2.1: several `resource` values make one grant covering them all.
    let resources = crate::resource::apis(view, client, params).map_err(&back)?;
    let resources: Vec<&str> = resources.iter().map(|a| a.identifier.as_str()).collect();
    let user_scope = scope::resolve_user_across(view, client, scope, &resources).map_err(&back)?;
    let code_challenge = params.get("code_challenge").map(str::to_string);
    let code_challenge_method = match &code_challenge {
        None if params.contains("code_challenge_method") => return Err(back(SigilError::missing("code_challenge"))),
        // RFC 7636 §4.4.1 for public clients; RFC 9700 §2.1.1 for every client that has not opted out.
        None if !client.confidential || client.require_pkce => {
            let kind = if client.confidential { "confidential client requiring PKCE" } else { "public client" };
            return Err(back(SigilError::new(catalog::PKCE_REQUIRED, format!("{kind} sent no code_challenge"))));
        }
        None => None,
        Some(c) => {
            let m =
                pkce::check_method(params.get("code_challenge_method"), view.tenant.allow_plain_pkce).map_err(&back)?;
            // §4.2: the challenge has the verifier's shape (43–128 unreserved characters).
            if !pkce::valid_verifier_syntax(c) {
                return Err(back(unsupported("code_challenge", c)));
            }
            Some(m.to_string())
        }
    };
    let prompt = parse_prompt(params.get("prompt")).map_err(&back)?;
    // RFC 9449 §10: `dpop_jkt` is a JWK SHA-256 thumbprint: 43 base64url characters.
    let dpop_jkt = match params.get("dpop_jkt") {
        Some(j) if j.len() != 43 || !j.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') => {
            return Err(back(unsupported("dpop_jkt", j)));
        }
        j => j.map(str::to_string),
    };
    let max_age = match params.get("max_age") {
        None => None,
        Some(m) => Some(m.parse::<i64>().ok().filter(|v| *v >= 0).ok_or_else(|| back(unsupported("max_age", m)))?),
    };
    let acr_values = crate::factor::requested_acrs(params.get("acr_values"), params.get("claims")).map_err(&back)?;
    Ok((
        AuthorizeRequest {
            client_id: client.client_id.clone(),
            redirect_uri: redirect_uri.to_string(),
            response_mode,
            scope: user_scope.to_scope_string(),
            state: state.clone(),
            nonce: params.get("nonce").map(str::to_string),
            code_challenge,
            code_challenge_method,
            prompt,
            login_hint: params.get("login_hint").map(str::to_string),
            max_age,
            ui_locales: params.get("ui_locales").map(str::to_string),
            dpop_jkt,
            code_lifetime: crate::fapi::code_lifetime(client),
            untrusted_redirect,
            acr_values,
        },
        user_scope,
    ))
}

/// OIDC Core §3.1.2.1 `prompt`: space-separated known values, repeats dropped (so the list stays
/// at most four long); `none` must not be combined with any other value.
pub fn parse_prompt(value: Option<&str>) -> Result<Vec<String>, SigilError> {
    let mut prompt: Vec<String> = Vec::new();
    for p in value.unwrap_or("").split(' ').filter(|p| !p.is_empty()) {
        if !["none", "login", "consent", "select_account"].contains(&p) {
            return Err(unsupported("prompt", p));
        }
        if !prompt.iter().any(|x| x == p) {
            prompt.push(p.to_string());
        }
    }
    if prompt.len() > 1 && prompt.iter().any(|p| p == "none") {
        return Err(unsupported("prompt", "none with other values"));
    }
    Ok(prompt)
}

/// The free-text values kept in the sealed sign-in form and echoed to the client are bounded, so
/// that the form always fits the body limit when it comes back and the redirect stays a sane size.
fn check_length(params: &Params, param: &'static str) -> Result<(), SigilError> {
    match params.get(param) {
        Some(v) if v.len() > MAX_ECHOED_VALUE_BYTES => {
            Err(SigilError::new(catalog::PARAMETER_TOO_LONG, format!("{param} of {} bytes", v.len()))
                .arg("param", param)
                .arg("limit", MAX_ECHOED_VALUE_BYTES.to_string()))
        }
        _ => Ok(()),
    }
}

fn unsupported(param: &'static str, value: &str) -> SigilError {
    SigilError::new(catalog::UNSUPPORTED_PARAMETER_VALUE, format!("{param} '{}'", sanitize(value)))
        .arg("param", param)
        .arg("value", sanitize(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn client(confidential: bool, uris: &[&str]) -> Client {
        test_client(confidential, &[GrantType::AuthorizationCode], uris)
    }

    #[test]
    fn prompt_values_and_combinations() {
        let ok = |v: &str| parse_prompt(Some(v)).unwrap();
        assert_eq!(parse_prompt(None).unwrap(), Vec::<String>::new());
        for single in ["none", "login", "consent", "select_account"] {
            assert_eq!(ok(single), vec![single.to_string()]);
        }
        assert_eq!(ok("login  consent login"), vec!["login".to_string(), "consent".to_string()]);
        assert_eq!(ok("none none"), vec!["none".to_string()]);
        for bad in ["none login", "consent none", "none select_account", "bogus", "login create"] {
            let e = parse_prompt(Some(bad)).unwrap_err();
            assert_eq!(e.entry.code, catalog::UNSUPPORTED_PARAMETER_VALUE.code, "{bad}");
        }
    }

    #[test]
    fn loopback_port_may_differ_for_native_clients_only() {
        let native = client(false, &["http://127.0.0.1/callback"]);
        assert!(redirect_uri_allowed(&native, "http://127.0.0.1:51234/callback"));
        assert!(redirect_uri_allowed(&native, "http://127.0.0.1/callback"));
        assert!(!redirect_uri_allowed(&native, "http://127.0.0.1:51234/other"));
        assert!(!redirect_uri_allowed(&native, "http://127.0.0.1.evil.example/callback"));
        let web = client(true, &["http://127.0.0.1:5000/callback"]);
        assert!(!redirect_uri_allowed(&web, "http://127.0.0.1:5001/callback"));
        assert!(redirect_uri_allowed(&web, "http://127.0.0.1:5000/callback"));
    }
}
