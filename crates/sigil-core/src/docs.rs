//! `docs/errors.md`, generated from the catalog and the English messages. A test fails when the
//! committed file is stale; `SIGIL_REGENERATE_DOCS=1 cargo test -p sigil-core docs` rewrites it.
use crate::catalog::{ALL, ErrorEntry, Surface};
use crate::i18n::Messages;

fn where_(e: &ErrorEntry) -> &'static str {
    match e.surface {
        Surface::Token => "token endpoint",
        Surface::Authorize => "authorize (redirect to client)",
        Surface::Page => "page",
        Surface::Userinfo => "userinfo",
        Surface::Registration => "registration endpoint",
        Surface::Admin => "admin API",
        Surface::Any => "any endpoint",
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace("{$", "<").replace('}', ">")
}

pub fn errors_markdown(m: &Messages) -> String {
    let mut out = String::from(
        "# Sigil error codes\n\n\
<!-- Generated from crates/sigil-core/src/catalog.rs and locales/en/*.ftl. Do not edit by hand:\n\
     run `SIGIL_REGENERATE_DOCS=1 cargo test -p sigil-core docs` after changing the catalog. -->\n\n\
Every refusal Sigil sends is one entry of one catalog. Numbers follow Microsoft Entra ID where the\n\
condition is the same, so existing runbooks and MSAL's handling carry over. Conditions Entra has no\n\
number for use Sigil's own range, **88000000–88999999** (eight digits; Entra never uses them).\n\n\
## What a refusal looks like\n\n\
Token endpoint and other JSON endpoints (RFC 6749 §5.2), with `Content-Type: application/json`,\n\
`Cache-Control: no-store` and `Pragma: no-cache`:\n\n\
```json\n\
{\n  \"error\": \"invalid_client\",\n  \"error_description\": \"SIGIL7000215: Invalid client secret provided for application 'reporting-daemon'. Trace ID: 0d6f… Correlation ID: 3b1c… Timestamp: 2026-11-22 12:21:11Z\",\n  \"error_codes\": [7000215],\n  \"timestamp\": \"2026-11-22 12:21:11Z\",\n  \"trace_id\": \"0d6f…\",\n  \"correlation_id\": \"3b1c…\",\n  \"error_uri\": \"https://login.example.com/error?code=7000215\"\n}\n\
```\n\n\
- `error_description` is English, printable ASCII only (§5.2), and starts with the code.\n\
- When the negotiated language (`ui_locales`, then `Accept-Language`, then the tenant default) is not\n\
  English, the body adds `error_description_localized`, the response carries `Content-Language`, and\n\
  `error_uri` names the language (`/error?code=7000215&lang=ru`).\n\
- `invalid_client` is HTTP 401 with `WWW-Authenticate: Basic realm=\"<tenant>\"`.\n\
- `temporarily_unavailable` (503) carries `Retry-After`.\n\
- `correlation_id` is the request's `client-request-id` header when it is a UUID (echoed back), else\n\
  the request's own trace ID (a request nobody correlated is its own correlation; echoed back too).\n\
- `suberror` (`consent_required`, `login_required`) tells MSAL-based applications to prompt.\n\
- The authorization endpoint sends the same fields as query (or fragment / form_post) parameters to\n\
  the client's redirect URI, plus `state` and `iss` (RFC 9207); `error_codes` is a single number there.\n\
  An unknown client or an unregistered redirect URI is never redirected to: the user sees a page (400).\n\n\
Look any trace ID up with `sigil logs --trace-id <id>` (or `GET /admin/signins?trace_id=<id>`) to\n\
see the internal reason. `sigil explain <code> [--lang xx]` and `GET /error?code=<code>` explain a\n\
code in English, Russian, Simplified Chinese, Slovenian, Arabic or Romanian.\n\n\
## The catalog\n\n\
| Code | Name | `error` | HTTP | Where | Description |\n|---|---|---|---|---|---|\n",
    );
    for e in ALL {
        let desc = m.get("en", &e.key("description"), &[]);
        let alias = e
            .public_as
            .map(|p| format!(" Callers see {p}; only the sign-in log shows {}.", e.code))
            .unwrap_or_default();
        out.push_str(&format!(
            "| {} | {} | `{}` | {} | {} | {}{} |\n",
            e.code,
            e.name,
            e.error,
            e.status,
            where_(e),
            cell(&desc),
            alias
        ));
    }
    out.push_str(
        "\n## Token endpoint conditions (RFC 6749 §5.2)\n\n| Condition | `error` | HTTP | Codes |\n|---|---|---|---|\n",
    );
    for (cond, err, status, codes) in TOKEN_ROWS {
        out.push_str(&format!("| {cond} | `{err}` | {status} | {codes} |\n"));
    }
    out.push_str("\n## Authorization endpoint conditions (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6)\n\n| Condition | Response | Codes |\n|---|---|---|\n");
    for (cond, resp, codes) in AUTHORIZE_ROWS {
        out.push_str(&format!("| {cond} | {resp} | {codes} |\n"));
    }
    out
}

/// Each row is exercised by the integration tests (`tests/integration/token.rs`, `catalog.rs`).
pub const TOKEN_ROWS: &[(&str, &str, u16, &str)] = &[
    ("unknown tenant in the path", "invalid_request", 400, "90002"),
    (
        "missing `grant_type`, `code`, `redirect_uri`, `refresh_token`, `username`/`password`, `scope` (client credentials), `code_verifier` (PKCE), or public client without `client_id`",
        "invalid_request",
        400,
        "900144",
    ),
    ("a parameter repeated", "invalid_request", 400, "88000002"),
    (
        "body not valid form-urlencoded UTF-8; `client_id` in body differs from the Basic header",
        "invalid_request",
        400,
        "9002313",
    ),
    ("Content-Type other than application/x-www-form-urlencoded", "invalid_request", 400, "88000001"),
    (
        "more than one client authentication mechanism (Basic and `client_secret`; `client_secret` and `client_assertion`)",
        "invalid_request",
        400,
        "88000003",
    ),
    ("unknown client", "invalid_client", 401, "700016"),
    ("wrong client secret", "invalid_client", 401, "7000215"),
    ("expired client secret", "invalid_client", 401, "7000222"),
    ("confidential client sent no credentials", "invalid_client", 401, "7000218"),
    ("public client sent a secret", "invalid_client", 401, "700025"),
    ("authentication method the client is not registered for", "invalid_client", 401, "88000005"),
    (
        "malformed `Authorization: Basic` header; malformed `client_assertion` (not a JWS, missing claims or `jti`, wrong `client_assertion_type`)",
        "invalid_client",
        401,
        "88000006",
    ),
    ("client assertion: `iss`/`sub` not the client (RFC 7523 §3)", "invalid_client", 401, "700021"),
    ("client assertion: `aud` neither the token endpoint nor the issuer", "invalid_client", 401, "700023"),
    ("client assertion: expired, not yet valid, or valid for too long", "invalid_client", 401, "700024"),
    (
        "client assertion: bad signature or MAC (`client_secret_jwt`: no recoverable secret verifies it), or `alg` not RS256/PS256/ES256/HS256/HS384/HS512, not the key's, or of a method the client is not registered for",
        "invalid_client",
        401,
        "700027",
    ),
    ("client assertion: no registered key named by `x5t#S256`/`x5t`/`kid`", "invalid_client", 401, "88000300"),
    (
        "client assertion: `jti` seen before (another assertion, another client, or strict mode)",
        "invalid_client",
        401,
        "88000301",
    ),
    ("client assertion: signing certificate past its `notAfter`", "invalid_client", 401, "88000302"),
    (
        "client assertion: `jwks_uri`, or the issuer's discovery document or JWKS, not fetched",
        "invalid_client",
        401,
        "88000303",
    ),
    (
        "federated credential: no match for the token's issuer, audience, subject",
        "invalid_client",
        401,
        "700211, 700212, 700213",
    ),
    ("code or refresh token unknown", "invalid_grant", 400, "70000"),
    ("code expired; refresh token unused past the inactivity timeout", "invalid_grant", 400, "70008"),
    ("code redeemed twice (every token issued from it is revoked)", "invalid_grant", 400, "54005"),
    ("code or refresh token issued to another client", "invalid_grant", 400, "88000007"),
    ("PKCE `code_verifier` does not match, or sent for a code without challenge", "invalid_grant", 400, "501481"),
    ("`redirect_uri` differs from the authorization request", "invalid_grant", 400, "88000008"),
    ("public client's code issued without PKCE", "invalid_request", 400, "9002325"),
    ("refresh token reused after the grace window (whole grant revoked)", "invalid_grant", 400, "88000009"),
    ("grant revoked (reuse, code replay)", "invalid_grant", 400, "50173"),
    ("refresh token past the absolute maximum lifetime", "invalid_grant", 400, "88000010"),
    (
        "single-page application's code or refresh token redeemed without `Origin` (not cross-origin)",
        "invalid_request",
        400,
        "9002327",
    ),
    ("wrong password, or unknown user (indistinguishable to callers)", "invalid_grant", 400, "50126 (log: 50034)"),
    ("user disabled", "invalid_grant", 400, "50057"),
    (
        "user locked by smart lockout (budget of this familiar source, or of all unfamiliar ones, used up)",
        "invalid_grant",
        400,
        "50053",
    ),
    ("client not registered for the grant type", "unauthorized_client", 400, "88000011"),
    ("client holds no permission on the API", "unauthorized_client", 400, "501051"),
    (
        "introspection (RFC 7662) by a client whose `introspect` setting names no API",
        "unauthorized_client",
        400,
        "88000200",
    ),
    ("grant type unknown", "unsupported_grant_type", 400, "70003"),
    (
        "device code: the user has not finished on the verification page (RFC 8628 §3.5)",
        "authorization_pending",
        400,
        "70016",
    ),
    ("device code: polled sooner than the interval; the interval grows by 5 s", "slow_down", 400, "88000220"),
    ("device code: the user declined", "access_denied", 400, "88000221"),
    ("device code expired", "expired_token", 400, "70019"),
    (
        "on-behalf-of: assertion not an access token of this tenant, altered, or its grant or `jti` revoked",
        "invalid_grant",
        400,
        "50013",
    ),
    (
        "on-behalf-of: assertion's audience is not the API the client implements (`exposes_api`)",
        "invalid_grant",
        400,
        "500131",
    ),
    ("on-behalf-of: assertion expired or not yet valid", "invalid_grant", 400, "500133"),
    ("on-behalf-of: assertion is an application (client credentials) token", "invalid_grant", 400, "88000320"),
    (
        "on-behalf-of: the user has not consented to the client for the downstream scopes (shown as 65001, suberror consent_required)",
        "invalid_grant",
        400,
        "88000321",
    ),
    (
        "token exchange (RFC 8693): `subject_token` / `actor_token` not a live access token of the tenant (the subject a user's)",
        "invalid_request",
        400,
        "88000322, 88000323",
    ),
    (
        "token exchange: the client's policy does not list the subject token's audience",
        "invalid_request",
        400,
        "88000324",
    ),
    (
        "token exchange: target (`audience`, `resource` or the scope's API) not in the client's policy, or no policy",
        "invalid_target",
        400,
        "88000325",
    ),
    ("token exchange: token type other than `access_token` / `jwt`", "invalid_request", 400, "88000326"),
    (
        "JWT bearer grant (RFC 7523 §2.1): issuer not trusted by the tenant; trusted but not for this client",
        "invalid_grant / unauthorized_client",
        400,
        "88000400, 88000401",
    ),
    (
        "JWT bearer grant: malformed, claim missing, bad signature or unknown key; wrong `aud`; outside its time range",
        "invalid_grant",
        400,
        "88000402, 88000403, 88000404",
    ),
    ("JWT bearer grant: `jti` used before; no user matches the user claim", "invalid_grant", 400, "88000405, 88000406"),
    ("scope malformed, unknown, or a role/scope the API does not define", "invalid_scope", 400, "70011"),
    ("scope names an unknown API", "invalid_scope", 400, "500011"),
    (
        "role or scope not granted to the client; refresh asking beyond the original grant (suberror consent_required)",
        "invalid_scope",
        400,
        "88000012",
    ),
    ("scopes for more than one API", "invalid_scope", 400, "28000"),
    ("store unreachable", "temporarily_unavailable + Retry-After", 503, "90033"),
    (
        "a rate limit reached (per client, user, source address or network prefix; also at authorize, sign-in, device and registration)",
        "temporarily_unavailable + Retry-After",
        429,
        "88000500",
    ),
    ("any other internal failure", "server_error", 500, "50000"),
    (
        "DPoP proof (RFC 9449 §4.3) malformed, not `dpop+jwt`, unsupported `alg`, private or unfit `jwk`, bad signature, missing claim, several `DPoP` headers; none from a client with `dpop_bound_access_tokens`",
        "invalid_dpop_proof",
        400,
        "88000340, 88000346",
    ),
    (
        "DPoP proof `htm`/`htu` not this request; `iat` outside the window; `jti` seen before",
        "invalid_dpop_proof",
        400,
        "88000341, 88000342, 88000343",
    ),
    (
        "client requires DPoP nonces and the proof has none or an old one (`DPoP-Nonce` header has the new one)",
        "use_dpop_nonce",
        400,
        "88000344",
    ),
    ("code (`dpop_jkt`) or public client's refresh token bound to another DPoP key", "invalid_grant", 400, "88000345"),
    (
        "PAR (RFC 9126 §3) with `request` (RFC 9101): not a signed JWS of the client's keys (RS256/PS256/ES256, never `none`); `iss`/`aud`/`client_id` wrong; `exp`/`nbf`/`iat` out of range; `jti` seen before",
        "invalid_request_object",
        400,
        "88000420, 88000421, 88000422, 88000423",
    ),
    (
        "PAR without a request object from a client with `require_signed_request_object`",
        "invalid_request",
        400,
        "88000425",
    ),
    (
        "FAPI 2.0 client (`profile = \"fapi2\"`): assertion `aud` not the issuer as a string",
        "invalid_client",
        401,
        "88000432",
    ),
    (
        "password grant where a rule asks for a second factor (tenant, application, group; shown as 50076, suberror basic_action)",
        "invalid_grant",
        400,
        "88000444",
    ),
];

pub const AUTHORIZE_ROWS: &[(&str, &str, &str)] = &[
    (
        "`request_uri` (RFC 9126 §4) unknown, expired, already used or pushed by another client",
        "error page, 400",
        "88000350",
    ),
    (
        "client registered with `require_pushed_authorization_requests` sent its request directly",
        "redirect `invalid_request`",
        "88000351",
    ),
    (
        "unknown tenant, missing or unknown `client_id`, missing or unregistered `redirect_uri`",
        "error page, 400",
        "90002, 900144, 700016, 50011",
    ),
    (
        "`response_type` missing or not `code`",
        "redirect `invalid_request` / `unsupported_response_type`",
        "900144, 88000020",
    ),
    ("client not registered for authorization_code", "redirect `unauthorized_client`", "88000011"),
    (
        "scope invalid, unknown API, not granted, several APIs",
        "redirect `invalid_scope`",
        "70011, 500011, 88000012, 28000",
    ),
    ("public client without `code_challenge`", "redirect `invalid_request`", "9002325"),
    (
        "`code_challenge_method` other than S256 (plain unless the tenant allows it), bad `prompt`, `max_age`, `response_mode`",
        "redirect `invalid_request`",
        "88000004",
    ),
    ("`prompt=none` without a session, or `max_age` exceeded", "redirect `login_required`", "50058"),
    ("`prompt=none` without consent", "redirect `consent_required`", "65001"),
    ("user pressed Cancel on the consent page", "redirect `access_denied`", "65004"),
    (
        "user pressed \"back to the application\" on the sign-in page (operator-registered clients only)",
        "redirect `access_denied`",
        "88000620",
    ),
    ("sign-in or consent form without a valid anti-forgery token", "error page, 400", "88000021"),
    ("sign-in or consent form expired or altered", "error page, 400", "88000022"),
    (
        "a form posted to another step (the sign-in form to consent) or a consent form from another session",
        "error page, 400",
        "88000160",
    ),
    (
        "device verification page (RFC 8628 §3.3): user code wrong, expired or already decided; 10 wrong codes from one address in 10 minutes",
        "error page, 400 / 429",
        "70018, 88000222",
    ),
    (
        "device verification page: user pressed Cancel on the consent page (the device then gets `access_denied`)",
        "error page, 400",
        "88000221",
    ),
    (
        "logout: `post_logout_redirect_uri` not registered for the client; `id_token_hint` not an ID token of this tenant",
        "error page, 400",
        "88000040, 88000041",
    ),
    (
        "`request` (RFC 9101) invalid: unsigned, bad signature, wrong `iss`/`aud`/`client_id`, out of its time range, replayed `jti`",
        "error page, 400",
        "88000420, 88000421, 88000422, 88000423",
    ),
    ("`request_uri` that is not a pushed request's URN (RFC 9101 §6.2)", "error page, 400", "88000424"),
    ("client with `require_signed_request_object` sent a plain request", "redirect `invalid_request`", "88000425"),
    (
        "FAPI 2.0 client: no `code_challenge` or not S256; `response_mode` other than `query`",
        "redirect `invalid_request`",
        "88000430, 88000431",
    ),
    (
        "`prompt=none` when a second factor would be asked (policy, `acr_values`, `claims`), or enrolled first",
        "redirect `interaction_required`, `suberror=basic_action`",
        "50076, 50079",
    ),
    (
        "second-factor or enrollment form: wrong code, replayed code (same 30 s step), too many wrong codes, recovery code unknown or used",
        "the form again, with the code",
        "88000440, 88000441, 88000442, 88000443",
    ),
    (
        "account page (`/{tenant}/account`): current password wrong; new password too short or unchanged; confirmation differs; another user's or an ended session; no such consent; no authenticator app to remove, or one already set up",
        "the account page again, 400, with the code",
        "88000630, 88000631, 88000632, 88000633, 88000634, 88000636, 88000637",
    ),
    (
        "account page: removing the authenticator app without both factors in the last 10 minutes (`max_age`-like freshness)",
        "the sign-in and second-factor pages, then back to the account page",
        "88000635",
    ),
    (
        "admin console (docs/console.md): callback without this browser's `state`, or Sigil refused the sign-in or the code; a form without the session's anti-forgery token; no `server.admin_tenant`",
        "error page, 400 / 403 / 404",
        "88000720, 88000721, 88000722",
    ),
    (
        "passkey (sign-in page or second-factor step, docs/passkeys.md): challenge already used (a replay), wrong origin, wrong relying-party id, signature counter going backwards (the passkey is then blocked), unknown credential, no user verification, any other failed check",
        "the page again, with the code",
        "88000600, 88000601, 88000602, 88000603, 88000604, 88000605, 88000606",
    ),
    (
        "account page `/{tenant}/account/passkeys`: a registration that does not verify or a passkey already registered",
        "the account page, with the code",
        "88000607",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_errors_md_is_generated_from_the_catalog() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/errors.md");
        let fresh = errors_markdown(&Messages::load());
        if std::env::var("SIGIL_REGENERATE_DOCS").is_ok() {
            std::fs::write(path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == fresh,
            "docs/errors.md is stale: run `SIGIL_REGENERATE_DOCS=1 cargo test -p sigil-core docs`"
        );
    }

    #[test]
    fn every_catalog_code_appears_in_a_condition_row() {
        let rows: String =
            TOKEN_ROWS.iter().map(|r| r.3).chain(AUTHORIZE_ROWS.iter().map(|r| r.2)).collect::<Vec<_>>().join(" ");
        for e in ALL {
            if matches!(e.surface, Surface::Token | Surface::Authorize | Surface::Page) {
                assert!(rows.contains(&e.code.to_string()), "{} {} has no condition row", e.code, e.name);
            }
        }
    }
}
