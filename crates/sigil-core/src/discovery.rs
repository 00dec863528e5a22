//! Discovery metadata, computed from what Sigil implements and the tenant has registered: OpenID
//! Connect Discovery 1.0 §3 and RFC 8414 §2. Never hand-written.
use serde_json::{Value, json};

use crate::context::Context;
use crate::directory::TenantView;
use crate::model::{AuthMethod, GrantType};
use crate::scope::OIDC_SCOPES;

/// Endpoint paths under `<public url>/<tenant id>`.
pub struct Paths {
    pub authorize: bool,
    pub userinfo: bool,
    pub logout: bool,
}

pub fn metadata(ctx: &Context, view: &TenantView, paths: &Paths) -> Value {
    let base = format!("{}/{}", ctx.public_url, view.tenant.id);
    let mut scopes: Vec<String> = OIDC_SCOPES.iter().map(|s| s.to_string()).collect();
    let mut apis: Vec<_> = view.apis.values().collect();
    apis.sort_by(|a, b| a.identifier.cmp(&b.identifier));
    for api in apis {
        scopes.push(format!("{}/.default", api.identifier));
        scopes.extend(api.scopes.iter().map(|s| format!("{}/{s}", api.identifier)));
    }
    // RFC 8628 §4, RFC 7523 §2.1, RFC 8693 §2.1: the device, JWT bearer and token exchange grants
    // (by their URNs) only once a client of the tenant may use them.
    let registered = |g: GrantType| view.clients.values().any(|c| c.grant_types.contains(&g));
    let mut grant_types: Vec<&str> = GrantType::ALL
        .iter()
        .filter(|g| {
            !matches!(g, GrantType::DeviceCode | GrantType::JwtBearer | GrantType::TokenExchange) || registered(**g)
        })
        .map(|g| g.wire_name())
        .collect();
    if !paths.authorize {
        grant_types.retain(|g| *g != "authorization_code");
    }
    // OIDC Core §9 / RFC 8414 §2: `private_key_jwt` and its algorithms only once a client of the
    // tenant may use it.
    // OIDC Core §9: `client_secret_jwt` and the HMAC algorithms likewise.
    let uses = |m: AuthMethod| view.clients.values().any(|c| c.auth_methods.contains(&m));
    let (assertions, macs) = (uses(AuthMethod::PrivateKeyJwt), uses(AuthMethod::ClientSecretJwt));
    let auth_methods: Vec<&str> = AuthMethod::ALL
        .iter()
        .filter(|m| match m {
            AuthMethod::PrivateKeyJwt => assertions,
            AuthMethod::ClientSecretJwt => macs,
            _ => true,
        })
        .map(|m| m.as_str())
        .collect();
    let mut m = json!({
        "issuer": ctx.issuer(view),
        "token_endpoint": format!("{base}/oauth2/v2.0/token"),
        "jwks_uri": format!("{base}/discovery/v2.0/keys"),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query", "fragment", "form_post"],
        "grant_types_supported": grant_types,
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": id_token_algs(view),
        "token_endpoint_auth_methods_supported": auth_methods,
        // RFC 8414 §2: the revocation endpoint (RFC 7009) authenticates clients as the token endpoint does.
        "revocation_endpoint": format!("{base}/oauth2/v2.0/revoke"),
        "revocation_endpoint_auth_methods_supported": auth_methods,
        "code_challenge_methods_supported": if view.tenant.allow_plain_pkce { json!(["S256", "plain"]) } else { json!(["S256"]) },
        "scopes_supported": scopes,
        "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nbf", "auth_time", "nonce", "at_hash", "tid", "oid",
            "preferred_username", "name", "email", "email_verified", "given_name", "family_name", "middle_name",
            "nickname", "locale", "zoneinfo", "updated_at", "sid", "ver", "amr", "acr"],
        // OIDC Discovery §3: the classes `acr_values` may ask for (issue 21, docs/claims.md).
        "acr_values_supported": crate::factor::ACR_VALUES,
        "prompt_values_supported": ["none", "login", "consent", "select_account"],
        "ui_locales_supported": crate::i18n::LOCALES,
        "claims_parameter_supported": false,
        // RFC 9101 §10.5 / OIDC Discovery §3: request objects by value (where the authorization
        // endpoint is served); by reference only a pushed request's URN, no fetched URL.
        "request_parameter_supported": paths.authorize,
        "request_uri_parameter_supported": false,
        "authorization_response_iss_parameter_supported": paths.authorize,
        "tenant_region_scope": null,
        "cloud_instance_name": host_of(&ctx.public_url),
    });
    // RFC 8414 §2: introspection (RFC 7662) is advertised once a client of the tenant may use it;
    // its callers authenticate as at the token endpoint, but never as public clients.
    if view.clients.values().any(|c| !c.introspect.is_empty()) {
        m["introspection_endpoint"] = json!(format!("{base}/oauth2/v2.0/introspect"));
        m["introspection_endpoint_auth_methods_supported"] =
            json!(auth_methods.iter().filter(|m| **m != AuthMethod::None.as_str()).collect::<Vec<_>>());
        // RFC 9701 §7: the JWT response's algorithms.
        m["introspection_signing_alg_values_supported"] = json!([crate::introspection::JWT_RESPONSE_ALG.as_str()]);
    }
    // RFC 8414 §2 `registration_endpoint` (RFC 7591): only while the tenant's policy enables it.
    if view.tenant.registration.enabled {
        m["registration_endpoint"] = json!(crate::registration::endpoint(ctx, view));
    }
    // Client ID Metadata Document draft, authorization server metadata: `client_id_metadata_document_supported`.
    if view.tenant.registration.client_id_metadata_documents {
        m["client_id_metadata_document_supported"] = json!(true);
    }

    if assertions || macs {
        let mut algs: Vec<&str> = vec![];
        if assertions {
            algs.extend(crate::jwk::ASSERTION_ALGS);
        }
        if macs {
            algs.extend(crate::client_auth::client_secret_jwt::ALGS);
        }
        m["token_endpoint_auth_signing_alg_values_supported"] = json!(algs);
        m["revocation_endpoint_auth_signing_alg_values_supported"] = json!(algs);
    }
    if registered(GrantType::DeviceCode) {
        m["device_authorization_endpoint"] = json!(format!("{base}/oauth2/v2.0/devicecode"));
    }
    if paths.authorize {
        m["authorization_endpoint"] = json!(format!("{base}/oauth2/v2.0/authorize"));
        // RFC 9126 §5: the PAR endpoint; PAR is required per client, not of every client.
        m["pushed_authorization_request_endpoint"] = json!(format!("{base}/oauth2/v2.0/par"));
        m["require_pushed_authorization_requests"] = json!(false);
        // RFC 9101 §10.5: the algorithms of request objects; signing is required per client
        // (`require_signed_request_object`), not of every client.
        m["request_object_signing_alg_values_supported"] = json!(crate::jwk::ASSERTION_ALGS);
        m["require_signed_request_object"] = json!(false);
    }
    // RFC 9449 §5.1: the algorithms of DPoP proofs Sigil verifies.
    m["dpop_signing_alg_values_supported"] = json!(crate::dpop::ALGS);
    if paths.userinfo {
        m["userinfo_endpoint"] = json!(format!("{base}/oidc/userinfo"));
    }
    if paths.logout {
        m["end_session_endpoint"] = json!(format!("{base}/oauth2/v2.0/logout"));
        // OIDC Back-Channel Logout 1.0 §2.1: logout tokens carry `sid` at every session end.
        m["backchannel_logout_supported"] = json!(true);
        m["backchannel_logout_session_supported"] = json!(true);
    }
    m
}

/// RS256 always (Discovery §3 requires it), then what the tenant's clients registered.
fn id_token_algs(view: &TenantView) -> Vec<&'static str> {
    let mut algs = vec![crate::keys::ID_TOKEN_ALG];
    for c in view.clients.values() {
        if !algs.contains(&c.id_token_alg()) {
            algs.push(c.id_token_alg());
        }
    }
    algs[1..].sort_by_key(|a| a.as_str());
    algs.into_iter().map(|a| a.as_str()).collect()
}

fn host_of(url: &str) -> String {
    url.split("://").nth(1).unwrap_or(url).split('/').next().unwrap_or("").to_string()
}
