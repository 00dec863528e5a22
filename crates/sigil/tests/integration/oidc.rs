//! OpenID Connect: a real relying party (the Rust `openidconnect` crate) through discovery, code +
//! PKCE, ID token validation, userinfo and refresh; SSO, prompt handling, logout, key rotation.
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata, CoreUserInfoClaims};
use openidconnect::{
    AccessTokenHash, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, RedirectUrl, Scope, TokenResponse,
};
use serde_json::Value;
use sigil_testkit::browser::{Agent, param};

use crate::common::*;

const REDIRECT: &str = "http://127.0.0.1:5000/callback";

async fn issuer(s: &sigil_testkit::Server) -> String {
    let d: Value = discovery(s, "contoso").await;
    d["issuer"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn openidconnect_crate_code_pkce_id_token_userinfo_refresh() {
    let s = server().await;
    let http = openidconnect::reqwest::ClientBuilder::new()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let provider = CoreProviderMetadata::discover_async(IssuerUrl::new(issuer(&s).await).unwrap(), &http)
        .await
        .expect("discovery");
    let client = CoreClient::from_provider_metadata(
        provider,
        ClientId::new(PORTAL.0.into()),
        Some(ClientSecret::new(PORTAL.1.into())),
    )
    .set_redirect_uri(RedirectUrl::new(REDIRECT.into()).unwrap());
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf, nonce) = client
        .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
        .add_scope(Scope::new("profile".into()))
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("offline_access".into()))
        .set_pkce_challenge(challenge)
        .url();
    let mut agent = Agent::new(s.http(), &s.base);
    let landed = agent.sign_in(url.as_str(), "alice", "correct horse battery staple").await;
    assert_eq!(param(&landed, "state").as_deref(), Some(csrf.secret().as_str()));
    assert_eq!(param(&landed, "iss"), Some(issuer(&s).await), "RFC 9207 iss");
    let code = param(&landed, "code").expect("code");
    let tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await
        .expect("code exchange");
    let id_token = tokens.id_token().expect("id_token");
    let verifier = client.id_token_verifier();
    let claims =
        id_token.claims(&verifier, &nonce).expect("ID token validates: signature via JWKS, iss, aud, exp, nonce");
    let expected = claims.access_token_hash().expect("at_hash");
    let actual = AccessTokenHash::from_token(
        tokens.access_token(),
        id_token.signing_alg().unwrap(),
        id_token.signing_key(&verifier).unwrap(),
    )
    .unwrap();
    assert_eq!(expected, &actual, "at_hash matches");
    assert_eq!(claims.preferred_username().map(|u| u.as_str()), Some("alice"));
    let raw = claims_of(&id_token.to_string());
    assert!(raw["auth_time"].is_i64() && raw["oid"].is_string() && raw["tid"].is_string() && raw["sid"].is_string());
    assert_eq!(raw["name"], "Alice Example");

    let info: CoreUserInfoClaims =
        client.user_info(tokens.access_token().clone(), None).unwrap().request_async(&http).await.expect("userinfo");
    assert_eq!(info.subject().as_str(), claims.subject().as_str());
    assert_eq!(info.email().map(|e| e.as_str()), Some("alice@contoso.example"));

    let rt = tokens.refresh_token().expect("refresh token").clone();
    let refreshed = client.exchange_refresh_token(&rt).unwrap().request_async(&http).await.expect("refresh");
    assert_ne!(refreshed.refresh_token().unwrap().secret(), rt.secret());

    // Single sign-on: the session and the remembered consent give a code with no page.
    let again = agent.get(&format!("/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=code&redirect_uri={REDIRECT}&scope=openid%20profile%20email%20offline_access&prompt=none&state=s2&{CHALLENGE}")).await;
    assert_eq!(again.status, 303);
    assert!(param(again.location.as_ref().unwrap(), "code").is_some());
}

fn claims_of(jwt: &str) -> Value {
    crate::common::claims(jwt)
}

/// RFC 7636 Appendix B: PKCE, which every client sends (RFC 9700 §2.1.1).
const CHALLENGE: &str = "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

fn authorize_url(client: &str, redirect: &str, extra: &str) -> String {
    authorize_url_without_pkce(client, redirect, &format!("&{CHALLENGE}{extra}"))
}

fn authorize_url_without_pkce(client: &str, redirect: &str, extra: &str) -> String {
    format!(
        "/contoso/oauth2/v2.0/authorize?client_id={client}&response_type=code&redirect_uri={redirect}&state=st-1{extra}"
    )
}

#[tokio::test]
async fn authorize_errors_go_to_a_page_or_back_to_the_client_per_rfc6749_4_1_2_1() {
    let s = server().await;
    let mut a = Agent::new(s.http(), &s.base);
    // Never redirected: unknown client, unregistered redirect URI.
    let p = a.get(&authorize_url("nobody", REDIRECT, "")).await;
    assert_eq!((p.status, p.location.is_none()), (400, true));
    assert!(p.body.contains("SIGIL700016"));
    let p = a.get(&authorize_url("web-portal", "https://evil.example/cb", "")).await;
    assert_eq!((p.status, p.location.is_none()), (400, true));
    assert!(p.body.contains("SIGIL50011"));
    // Back to the client with error, state, iss and Sigil's identifiers.
    let back = |p: &sigil_testkit::browser::Page| p.location.clone().expect("redirect");
    let p = a.get(&authorize_url("web-portal", REDIRECT, "&response_type=code")).await;
    assert_eq!(p.status, 400, "a repeated parameter is refused");
    let p = a
        .get(&format!(
            "/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=token&redirect_uri={REDIRECT}&state=st-1"
        ))
        .await;
    let l = back(&p);
    assert_eq!(param(&l, "error").as_deref(), Some("unsupported_response_type"));
    assert_eq!(param(&l, "state").as_deref(), Some("st-1"));
    assert_eq!(param(&l, "error_codes").as_deref(), Some("88000020"));
    assert!(param(&l, "iss").is_some() && param(&l, "trace_id").is_some() && param(&l, "correlation_id").is_some());
    assert!(param(&l, "error_description").unwrap().starts_with("SIGIL88000020: "));
    let cases = [
        (authorize_url("web-portal", REDIRECT, "&scope=api://reports/Bogus"), "invalid_scope", "70011"),
        (
            authorize_url_without_pkce(
                "web-portal",
                REDIRECT,
                "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=plain",
            ),
            "invalid_request",
            "88000004",
        ),
        (authorize_url_without_pkce("spa", "http://127.0.0.1:4711/spa-callback", ""), "invalid_request", "9002325"),
        (authorize_url_without_pkce("web-portal", REDIRECT, ""), "invalid_request", "9002325"),
        (authorize_url("no-code", "https://nocode.example/cb", ""), "unauthorized_client", "88000011"),
        (authorize_url("web-portal", REDIRECT, "&prompt=none"), "login_required", "50058"),
        (authorize_url("web-portal", REDIRECT, "&prompt=bogus"), "invalid_request", "88000004"),
        (authorize_url("web-portal", REDIRECT, "&response_mode=bogus"), "invalid_request", "88000004"),
    ];
    for (url, error, code) in cases {
        let l = back(&a.get(&url).await);
        assert_eq!(
            (param(&l, "error").as_deref(), param(&l, "error_codes").as_deref()),
            (Some(error), Some(code)),
            "{url} -> {l}"
        );
    }
    // Fragment and form_post response modes.
    let p = a.get(&authorize_url("web-portal", REDIRECT, "&prompt=none&response_mode=fragment")).await;
    assert!(back(&p).starts_with(&format!("{REDIRECT}#error=login_required")));
    let p = a.get(&authorize_url("web-portal", REDIRECT, "&prompt=none&response_mode=form_post")).await;
    assert_eq!(p.status, 200);
    assert!(p.body.contains("method=\"post\"") && p.body.contains("value=\"login_required\""), "{}", p.body);
    assert!(sigil_testkit::browser::unescape(&p.body).contains(&format!("action=\"{REDIRECT}\"")));

    // Signed in but never consented: prompt=none gives consent_required; deny gives access_denied.
    let mut b = Agent::new(s.http(), &s.base);
    let page = b.get(&authorize_url("web-portal", REDIRECT, "&scope=openid%20email")).await;
    let consent = b.submit(&page, &[("username", "alice"), ("password", "correct horse battery staple")]).await;
    assert!(consent.is_consent());
    let l = back(&b.get(&authorize_url("web-portal", REDIRECT, "&scope=openid%20email&prompt=none")).await);
    assert_eq!(
        (param(&l, "error").as_deref(), param(&l, "suberror").as_deref()),
        (Some("consent_required"), Some("consent_required"))
    );
    let l = back(&b.submit(&consent, &[("decision", "deny")]).await);
    assert_eq!((param(&l, "error").as_deref(), param(&l, "state").as_deref()), (Some("access_denied"), Some("st-1")));

    // Wrong password: the sign-in page again, never a code; unknown user: the same.
    let mut c = Agent::new(s.http(), &s.base);
    let page = c.get(&authorize_url("web-portal", REDIRECT, "")).await;
    let again = c.submit(&page, &[("username", "alice"), ("password", "nope")]).await;
    assert!(again.is_signin() && again.location.is_none() && again.body.contains("role=\"alert\""));
    let unknown = c.submit(&page, &[("username", "nobody"), ("password", "nope")]).await;
    let alert = |p: &sigil_testkit::browser::Page| {
        p.body.split("role=\"alert\"").nth(1).map(|s| s.split("</div>").next().unwrap().to_string())
    };
    assert_eq!(alert(&again), alert(&unknown), "unknown user and wrong password look the same");
    // Forged form: anti-forgery token does not match.
    let forged = c
        .post(
            &page.form_action().unwrap(),
            &[
                ("csrf_token", "x"),
                ("interaction", &page.input("interaction").unwrap()),
                ("username", "alice"),
                ("password", "correct horse battery staple"),
            ],
        )
        .await;
    assert_eq!(forged.status, 400);
    assert!(forged.body.contains("SIGIL88000021"));
    // A form of one tenant posted to another: refused as altered.
    let other = c
        .post(
            "/fabrikam/login",
            &[
                ("csrf_token", &page.input("csrf_token").unwrap()),
                ("interaction", &page.input("interaction").unwrap()),
                ("username", "alice"),
                ("password", "x"),
            ],
        )
        .await;
    assert!(other.body.contains("SIGIL88000022"), "{}", other.body);
    // Pages carry the security headers.
    let r = s.http().get(s.url(&authorize_url("web-portal", REDIRECT, ""))).send().await.unwrap();
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(r.headers()["referrer-policy"], "no-referrer");
}

#[tokio::test]
async fn prompt_login_max_age_userinfo_revocation_and_logout() {
    let s = server().await;
    let mut a = Agent::new(s.http(), &s.base);
    let url = authorize_url("web-portal", REDIRECT, "&scope=openid%20offline_access&nonce=n1");
    let landed = a.sign_in(&url, "alice", "correct horse battery staple").await;
    assert!(param(&landed, "code").is_some());
    // prompt=login shows the sign-in page despite the session; max_age=0 too.
    assert!(a.get(&format!("{url}&prompt=login")).await.is_signin());
    assert!(a.get(&format!("{url}&max_age=0")).await.is_signin());
    // The sign-in that page asks for is the new authentication max_age=0 wants: it ends in a code.
    let landed = a.sign_in(&format!("{url}&max_age=0"), "alice", "correct horse battery staple").await;
    assert!(param(&landed, "code").is_some(), "{landed}");
    assert_eq!(a.get(&format!("{url}&max_age=3600")).await.status, 303);

    // An administrator revokes the remembered consent: the next silent request needs consent again.
    let out = s.cli(&["consent", "revoke", "--tenant", "contoso", "--user", "alice", "--client", "web-portal"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let l = a.get(&format!("{url}&prompt=none")).await.location.unwrap();
    assert_eq!(param(&l, "error").as_deref(), Some("consent_required"));
    assert!(a.sign_in(&url, "alice", "x").await.contains("code="), "consent given again");

    // Userinfo: refuses missing tokens, ID tokens, app tokens, and tokens whose grant was revoked by a code replay.
    let code = param(&a.sign_in(&url, "alice", "x").await, "code").unwrap();
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
    ];
    let t: Value = token(&s, "contoso", &form, Some(PORTAL)).await.json().await.unwrap();
    let at = t["access_token"].as_str().unwrap();
    let ui = |tok: Option<String>| {
        let mut r = s.http().get(s.url("/contoso/oidc/userinfo"));
        if let Some(t) = tok {
            r = r.bearer_auth(t);
        }
        r.send()
    };
    assert_eq!(ui(Some(at.to_string())).await.unwrap().status(), 200);
    // An ID token of the same sign-in is not an access token (`typ: JWT`, not `at+jwt`).
    let id = t["id_token"].as_str().unwrap().to_string();
    expect_error(ui(Some(id)).await.unwrap(), 401, "invalid_token", 88000030).await;
    let r = expect_error(ui(None).await.unwrap(), 401, "invalid_token", 88000030).await;
    assert!(r.header("www-authenticate").unwrap().starts_with("Bearer error=\"invalid_token\""));
    let app: Value = token(
        &s,
        "contoso",
        &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")],
        Some(DAEMON),
    )
    .await
    .json()
    .await
    .unwrap();
    expect_error(ui(Some(app["access_token"].as_str().unwrap().into())).await.unwrap(), 401, "invalid_token", 88000030)
        .await;
    expect_error(token(&s, "contoso", &form, Some(PORTAL)).await, 400, "invalid_grant", 54005).await;
    expect_error(ui(Some(at.to_string())).await.unwrap(), 401, "invalid_token", 88000030).await;
    let rt = t["refresh_token"].as_str().unwrap();
    expect_error(
        token(&s, "contoso", &[("grant_type", "refresh_token"), ("refresh_token", rt)], Some(PORTAL)).await,
        400,
        "invalid_grant",
        50173,
    )
    .await;
    let pw: Value = token(
        &s,
        "contoso",
        &[
            ("grant_type", "password"),
            ("username", "alice"),
            ("password", "correct horse battery staple"),
            ("scope", "api://reports/Reports.Read"),
        ],
        Some(LEGACY),
    )
    .await
    .json()
    .await
    .unwrap();
    expect_error(
        ui(Some(pw["access_token"].as_str().unwrap().into())).await.unwrap(),
        403,
        "insufficient_scope",
        88000031,
    )
    .await;

    // Logout: validated post_logout_redirect_uri and id_token_hint; the session ends.
    let id_token = t["id_token"].as_str().unwrap();
    let p =
        a.get("/contoso/oauth2/v2.0/logout?post_logout_redirect_uri=https://evil.example/&client_id=web-portal").await;
    assert_eq!(p.status, 400);
    assert!(p.body.contains("SIGIL88000040"));
    let p = a.get("/contoso/oauth2/v2.0/logout?id_token_hint=not.a.token").await;
    assert!(p.body.contains("SIGIL88000041"));
    let p = a.get(&format!("/contoso/oauth2/v2.0/logout?id_token_hint={id_token}&post_logout_redirect_uri=http://127.0.0.1:5000/&state=bye")).await;
    assert_eq!((p.status, p.location.as_deref()), (303, Some("http://127.0.0.1:5000/?state=bye")));
    let l = a.get(&format!("{url}&prompt=none")).await.location.unwrap();
    assert_eq!(param(&l, "error").as_deref(), Some("login_required"), "session ended");
    let p = a.get("/contoso/oauth2/v2.0/logout").await;
    assert_eq!(p.status, 200, "signed-out page");
}

#[tokio::test]
async fn key_rotation_publishes_first_signs_later_keeps_old_keys() {
    let s = server().await;
    let jwks = || async {
        s.http().get(s.url("/contoso/discovery/v2.0/keys")).send().await.unwrap().json::<Value>().await.unwrap()
    };
    let cc = || async {
        let v: Value = token(
            &s,
            "contoso",
            &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")],
            Some(DAEMON),
        )
        .await
        .json()
        .await
        .unwrap();
        crate::common::header(v["access_token"].as_str().unwrap())["kid"].as_str().unwrap().to_string()
    };
    let old_kid = cc().await;
    let out = s.cli(&["keys", "rotate", "--tenant", "contoso", "--delay", "2", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let new_kid = serde_json::from_slice::<Value>(&out.stdout).unwrap()["kid"].as_str().unwrap().to_string();
    // Published at once (within the 1 s directory refresh), but not yet signing.
    let mut published = false;
    for _ in 0..30 {
        let k = jwks().await;
        if k["keys"].as_array().unwrap().iter().any(|k| k["kid"] == new_kid.as_str()) {
            published = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(published, "new key in JWKS before it signs");
    assert_eq!(cc().await, old_kid, "still signing with the old key during the delay");
    tokio::time::sleep(std::time::Duration::from_millis(2200)).await;
    assert_eq!(cc().await, new_kid, "signing with the new key after the delay");
    let k = jwks().await;
    assert!(
        k["keys"].as_array().unwrap().iter().any(|k| k["kid"] == old_kid.as_str()),
        "old key stays while its tokens live"
    );
}
