//! JAR (RFC 9101) and the FAPI 2.0 Security Profile (`profile = "fapi2"`) through a spawned
//! server, on SQLite and PostgreSQL: request objects by value at the authorization endpoint and
//! at PAR (RS256, PS256, ES256; only the object's parameters count), every JAR refusal, and each
//! FAPI 2.0 rule (PAR, PKCE S256, query responses with `iss`, private_key_jwt with the issuer as
//! `aud` and strict replay, DPoP-bound tokens, request_uri and code lifetimes, refresh tokens not
//! rotated).
use std::path::PathBuf;

use reqwest::Response;
use serde_json::{Value, json};
use sigil_testkit::browser::{Agent, param};
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::client_assertions::{ASSERTION_TYPE, TestKey, assertion_claims, now, outbound_env, overlay};
use crate::common::*;
use crate::dpop::DpopKey;

pub const FAPI_CLIENT: &str = "fapi2-client";
pub const JAR_APP: &str = "jar-app";
pub const CALLBACK: &str = "https://client.example/cb";
pub const PAR_PATH: &str = "/contoso/oauth2/v2.0/par";
pub const AUTHORIZE_PATH: &str = "/contoso/oauth2/v2.0/authorize";
pub const FAPI_SCOPE: &str = "openid offline_access api://reports/Reports.Read";

/// The FAPI 2.0 client and the JAR client, with their keys (`ec` kid "ec1", `rsa` kid "rsa1");
/// `other` is registered for nobody.
pub struct FapiFixture {
    pub overlay: PathBuf,
    pub ec: TestKey,
    pub rsa: TestKey,
    pub other: TestKey,
}

impl FapiFixture {
    pub fn new() -> Self {
        let (ec, rsa, other) = (TestKey::ec(), TestKey::rsa(), TestKey::rsa());
        let jwks = json!({"keys": [ec.jwk("ec1"), rsa.jwk("rsa1")]});
        let clients = format!(
            r#"
  [[tenant.client]]
  client_id = "{FAPI_CLIENT}"
  type = "confidential"
  profile = "fapi2"
  grant_types = ["authorization_code", "refresh_token"]
  redirect_uris = ["{CALLBACK}"]
  jwks = '{jwks}'
    [[tenant.client.permission]]
    api = "api://reports"
    scopes = ["Reports.Read"]

  [[tenant.client]]
  client_id = "{JAR_APP}"
  type = "confidential"
  require_signed_request_object = true
  grant_types = ["authorization_code", "refresh_token"]
  redirect_uris = ["{CALLBACK}"]
  jwks = '{jwks}'
"#
        );
        Self { overlay: overlay("fapi", &clients), ec, rsa, other }
    }

    /// A request object of `client` for `claims` (merged over the defaults), signed ES256.
    pub fn object(&self, s: &Issuer, client: &str, extra: Value) -> String {
        self.ec
            .sign(json!({"alg": "ES256", "kid": "ec1", "typ": "oauth-authz-req+jwt"}), &object_claims(s, client, extra))
    }

    /// A client assertion of `client` with `aud`, signed ES256.
    pub fn assertion(&self, client: &str, aud: Value) -> String {
        let mut c = assertion_claims(client, "x");
        c["aud"] = aud;
        self.ec.sign(json!({"alg": "ES256", "kid": "ec1"}), &c)
    }
}

/// The tenant's issuer (from discovery).
pub struct Issuer(pub String);

/// Request object claims: `iss`, `aud`, `client_id`, a code request to [`CALLBACK`] with PKCE
/// (a fixed challenge; see [`VERIFIER`]), times and a fresh `jti`; `extra` overrides (null removes).
pub fn object_claims(issuer: &Issuer, client: &str, extra: Value) -> Value {
    let t = now();
    let mut c = json!({"iss": client, "aud": issuer.0, "client_id": client, "response_type": "code",
        "redirect_uri": CALLBACK, "scope": "openid", "state": "inner-state", "nonce": "n-1",
        "code_challenge": challenge(), "code_challenge_method": "S256",
        "iat": t, "nbf": t, "exp": t + 60, "jti": uuid::Uuid::new_v4().to_string()});
    for (k, v) in extra.as_object().unwrap() {
        if v.is_null() {
            c.as_object_mut().unwrap().remove(k);
        } else {
            c[k] = v.clone();
        }
    }
    c
}

pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXkdBjftJeZ4CVP";

fn challenge() -> String {
    crate::dpop::sha256_b64(VERIFIER.as_bytes())
}

pub fn options(backend: Backend, fx: &FapiFixture) -> ServerOptions {
    let mut imports = ServerOptions::default().imports;
    imports.push(sigil_testkit::fixture("dpop.toml"));
    imports.push(fx.overlay.clone());
    let mut env = outbound_env();
    env.push(("SIGIL_TOKENS_PUSHED_REQUEST_LIFETIME".into(), "900".into()));
    env.push(("SIGIL_TOKENS_CODE_LIFETIME".into(), "300".into()));
    ServerOptions { backend, env, imports, ..Default::default() }
}

pub async fn push(s: &Server, form: &[(&str, &str)], dpop: Option<&str>) -> Response {
    let mut r = s.http().post(s.url(PAR_PATH)).form(form);
    if let Some(p) = dpop {
        r = r.header("dpop", p);
    }
    r.send().await.expect("PAR request")
}

/// A PAR request of the FAPI client, authenticated with an assertion to the issuer, with `rest`.
async fn fapi_push(s: &Server, fx: &FapiFixture, iss: &Issuer, rest: &[(&str, &str)]) -> Response {
    let a = fx.assertion(FAPI_CLIENT, json!(iss.0));
    let mut form = vec![("client_assertion_type", ASSERTION_TYPE), ("client_assertion", a.as_str())];
    form.extend_from_slice(rest);
    push(s, &form, None).await
}

pub fn authorize_url(s: &Server, pairs: &[(&str, &str)]) -> String {
    let mut url = url::Url::parse(&s.url(AUTHORIZE_PATH)).unwrap();
    for (k, v) in pairs {
        url.query_pairs_mut().append_pair(k, v);
    }
    url.to_string()
}

/// A page answer: its status and whether it shows `SIGIL<code>`; returns the trace ID.
pub async fn expect_page(s: &Server, url: &str, code: u32) -> String {
    let r = s.http().get(url).send().await.unwrap();
    let trace = r.headers()["x-sigil-trace-id"].to_str().unwrap().to_string();
    let status = r.status().as_u16();
    let body = r.text().await.unwrap();
    assert_eq!(status, 400, "{code}: {body}");
    assert!(body.contains(&format!("SIGIL{code}")), "page for {code}: {body}");
    trace
}

/// A redirect to the client carrying `error_codes=<code>`; returns the trace ID.
pub async fn expect_redirect(s: &Server, url: &str, code: u32) -> String {
    let mut agent = Agent::new(s.http(), &s.base);
    let page = agent.get(url).await;
    let location = page.location.unwrap_or_else(|| panic!("{code}: no redirect: {}", page.body));
    assert!(location.starts_with(CALLBACK), "{location}");
    assert_eq!(param(&location, "error_codes"), Some(code.to_string()), "{location}");
    param(&location, "trace_id").unwrap()
}

/// Every JAR and FAPI 2.0 refusal, provoked once: (code, trace ID). Used by this module and by
/// the catalog walk.
pub async fn provoke_refusals(s: &Server, fx: &FapiFixture) -> Vec<(u32, String)> {
    let iss = Issuer(discovery(s, "contoso").await["issuer"].as_str().unwrap().to_string());
    let mut seen = Vec::new();
    let front = |object: String| authorize_url(s, &[("client_id", JAR_APP), ("request", &object)]);
    let sign = |key: &TestKey, alg: &str, claims: &Value| key.sign(json!({"alg": alg, "kid": "ec1"}), claims);

    // 88000420: unsigned (`none`), signed by an unregistered key, not a JWS.
    let claims = object_claims(&iss, JAR_APP, json!({}));
    let unsigned = format!(
        "{}.{}.",
        crate::dpop::b64(json!({"alg": "none"}).to_string().as_bytes()),
        crate::dpop::b64(claims.to_string().as_bytes())
    );
    seen.push((88000420, expect_page(s, &front(unsigned), 88000420).await));
    expect_page(s, &front(sign(&fx.other, "RS256", &claims)), 88000420).await;
    expect_page(s, &front("not-a-jwt".into()), 88000420).await;
    let typed = fx.ec.sign(json!({"alg": "ES256", "kid": "ec1", "typ": "dpop+jwt"}), &claims);
    expect_page(s, &front(typed), 88000420).await;
    let nested = object_claims(&iss, JAR_APP, json!({"request_uri": "urn:x"}));
    expect_page(s, &front(fx.ec.sign(json!({"alg": "ES256", "kid": "ec1"}), &nested)), 88000420).await;
    // 88000421: aud not the issuer; iss not the client; client_id not the request's.
    seen.push((
        88000421,
        expect_page(s, &front(fx.object(&iss, JAR_APP, json!({"aud": s.url("/x")}))), 88000421).await,
    ));
    expect_page(s, &front(fx.object(&iss, JAR_APP, json!({"iss": FAPI_CLIENT}))), 88000421).await;
    expect_page(s, &front(fx.object(&iss, JAR_APP, json!({"client_id": FAPI_CLIENT}))), 88000421).await;
    // 88000422: expired; without exp; nbf ahead.
    seen.push((
        88000422,
        expect_page(s, &front(fx.object(&iss, JAR_APP, json!({"exp": now() - 3600}))), 88000422).await,
    ));
    expect_page(s, &front(fx.object(&iss, JAR_APP, json!({"exp": null}))), 88000422).await;
    expect_page(s, &front(fx.object(&iss, JAR_APP, json!({"nbf": now() + 3600}))), 88000422).await;
    // 88000423: the same jti twice (the first shows the sign-in page).
    let once = fx.object(&iss, JAR_APP, json!({}));
    let first = s.http().get(front(once.clone())).send().await.unwrap();
    assert_eq!(first.status(), 200);
    seen.push((88000423, expect_page(s, &front(once), 88000423).await));
    // 88000424: a request_uri that is not a pushed request.
    let by_reference = authorize_url(s, &[("client_id", JAR_APP), ("request_uri", "https://client.example/ro.jwt")]);
    seen.push((88000424, expect_page(s, &by_reference, 88000424).await));
    // 9002313: request and request_uri together.
    let both = authorize_url(
        s,
        &[("client_id", JAR_APP), ("request", &fx.object(&iss, JAR_APP, json!({}))), ("request_uri", "urn:x")],
    );
    expect_page(s, &both, 9002313).await;
    // 88000425: a plain request from a client that must sign (front channel: redirect; PAR: JSON).
    let plain = authorize_url(
        s,
        &[
            ("client_id", JAR_APP),
            ("response_type", "code"),
            ("redirect_uri", CALLBACK),
            ("code_challenge", &challenge()),
            ("code_challenge_method", "S256"),
        ],
    );
    seen.push((88000425, expect_redirect(s, &plain, 88000425).await));
    let a = fx.assertion(JAR_APP, json!(iss.0));
    let r = push(
        s,
        &[
            ("client_assertion_type", ASSERTION_TYPE),
            ("client_assertion", &a),
            ("response_type", "code"),
            ("redirect_uri", CALLBACK),
        ],
        None,
    )
    .await;
    expect_error(r, 400, "invalid_request", 88000425).await;

    // FAPI 2.0. §5.3.2.2: PKCE S256 (none, plain).
    let base = [("response_type", "code"), ("redirect_uri", CALLBACK), ("scope", "openid")];
    let with = |extra: &[(&'static str, &'static str)]| [&base[..], extra].concat();
    let r = fapi_push(s, fx, &iss, &base).await;
    seen.push((88000430, expect_error(r, 400, "invalid_request", 88000430).await.trace_id().to_string()));
    let ch = challenge();
    let plain_pkce = [("code_challenge", ch.as_str()), ("code_challenge_method", "plain")];
    let r = fapi_push(s, fx, &iss, &[&base[..], &plain_pkce[..]].concat()).await;
    expect_error(r, 400, "invalid_request", 88000430).await;
    // Query responses only.
    let s256 = [("code_challenge", ch.as_str()), ("code_challenge_method", "S256")];
    let r = fapi_push(s, fx, &iss, &[&base[..], &s256[..], &[("response_mode", "form_post")][..]].concat()).await;
    seen.push((88000431, expect_error(r, 400, "invalid_request", 88000431).await.trace_id().to_string()));
    let r = fapi_push(s, fx, &iss, &[&with(&[("response_mode", "fragment")])[..], &s256[..]].concat()).await;
    expect_error(r, 400, "invalid_request", 88000431).await;
    // §5.3.2.1: the assertion's aud is the issuer, as a string (not the token endpoint, not an array).
    for aud in [json!(s.url("/contoso/oauth2/v2.0/token")), json!([iss.0])] {
        let a = fx.assertion(FAPI_CLIENT, aud);
        let mut form = vec![("client_assertion_type", ASSERTION_TYPE), ("client_assertion", a.as_str())];
        form.extend_from_slice(&base);
        form.extend_from_slice(&s256);
        let r = expect_error(push(s, &form, None).await, 401, "invalid_client", 88000432).await;
        seen.push((88000432, r.trace_id().to_string()));
    }
    seen
}

async fn jar_and_fapi2(backend: Backend) {
    let fx = FapiFixture::new();
    let s = server_with(options(backend, &fx)).await;
    let d = discovery(&s, "contoso").await;
    let iss = Issuer(d["issuer"].as_str().unwrap().to_string());
    // Discovery: RFC 9101 §10.5, RFC 9207.
    assert_eq!(d["request_parameter_supported"], true, "{d}");
    assert_eq!(d["request_uri_parameter_supported"], false);
    assert_eq!(d["require_signed_request_object"], false);
    assert_eq!(d["request_object_signing_alg_values_supported"], json!(["RS256", "PS256", "ES256"]));
    assert_eq!(d["authorization_response_iss_parameter_supported"], true);

    // JAR by value, each algorithm: only the object's parameters count (§6.3): the outer `state`
    // and `scope` are ignored.
    for (key, alg, kid) in [(&fx.ec, "ES256", "ec1"), (&fx.rsa, "RS256", "rsa1"), (&fx.rsa, "PS256", "rsa1")] {
        let object = key.sign(json!({"alg": alg, "kid": kid}), &object_claims(&iss, JAR_APP, json!({})));
        let url = authorize_url(
            &s,
            &[("client_id", JAR_APP), ("request", &object), ("state", "outer"), ("scope", "openid bogus-scope")],
        );
        let mut agent = Agent::new(s.http(), &s.base);
        let landed = agent.sign_in(&url, "alice", "correct horse battery staple").await;
        assert!(landed.starts_with(CALLBACK), "{alg}: {landed}");
        assert_eq!(param(&landed, "state").as_deref(), Some("inner-state"), "{landed}");
        assert_eq!(param(&landed, "iss").as_deref(), Some(iss.0.as_str()));
        assert!(param(&landed, "code").is_some());
    }

    // JAR at PAR (RFC 9126 §3) for a standard client: its own request_uri lifetime (900 s).
    let a = fx.assertion(JAR_APP, json!(iss.0));
    let object = fx.object(&iss, JAR_APP, json!({}));
    let r =
        push(&s, &[("client_assertion_type", ASSERTION_TYPE), ("client_assertion", &a), ("request", &object)], None)
            .await;
    assert_eq!(r.status(), 201);
    assert_eq!(r.json::<Value>().await.unwrap()["expires_in"], 900);

    // Every refusal.
    let seen = provoke_refusals(&s, &fx).await;
    for code in [88000420, 88000421, 88000422, 88000423, 88000424, 88000425, 88000430, 88000431, 88000432] {
        assert!(seen.iter().any(|(c, _)| *c == code), "{code} provoked");
    }

    // FAPI 2.0 §5.3.2.2: never without PAR (88000351), even as a signed object.
    let direct = authorize_url(
        &s,
        &[
            ("client_id", FAPI_CLIENT),
            ("response_type", "code"),
            ("redirect_uri", CALLBACK),
            ("code_challenge", &challenge()),
            ("code_challenge_method", "S256"),
        ],
    );
    expect_redirect(&s, &direct, 88000351).await;
    let signed =
        authorize_url(&s, &[("client_id", FAPI_CLIENT), ("request", &fx.object(&iss, FAPI_CLIENT, json!({})))]);
    expect_redirect(&s, &signed, 88000351).await;
    // response_type other than code.
    let r = fapi_push(
        &s,
        &fx,
        &iss,
        &[
            ("response_type", "token"),
            ("redirect_uri", CALLBACK),
            ("code_challenge", &challenge()),
            ("code_challenge_method", "S256"),
        ],
    )
    .await;
    expect_error(r, 400, "unsupported_response_type", 88000020).await;
    // Strict assertion replay: the same assertion twice.
    let a = fx.assertion(FAPI_CLIENT, json!(iss.0));
    let object = fx.object(&iss, FAPI_CLIENT, json!({"scope": FAPI_SCOPE}));
    let form = [("client_assertion_type", ASSERTION_TYPE), ("client_assertion", a.as_str()), ("request", &object)];
    assert_eq!(push(&s, &form, None).await.status(), 201);
    let object2 = fx.object(&iss, FAPI_CLIENT, json!({"scope": FAPI_SCOPE}));
    let form = [("client_assertion_type", ASSERTION_TYPE), ("client_assertion", a.as_str()), ("request", &object2)];
    expect_error(push(&s, &form, None).await, 401, "invalid_client", 88000301).await;

    // The FAPI 2.0 flow: PAR (request object + private_key_jwt + DPoP) → authorize with
    // request_uri → `iss` in the query → DPoP-bound tokens; request_uri lifetime < 600 s.
    let dpop = DpopKey::new();
    let (code, landed) = fapi_code(&s, &fx, &iss, &dpop).await;
    assert_eq!(param(&landed, "iss").as_deref(), Some(iss.0.as_str()), "RFC 9207: {landed}");
    // A token request without a proof is refused (bearer tokens are never issued to it).
    let a = fx.assertion(FAPI_CLIENT, json!(iss.0));
    let redeem = |a: String, code: String| {
        vec![
            ("grant_type".to_string(), "authorization_code".to_string()),
            ("code".into(), code),
            ("redirect_uri".into(), CALLBACK.into()),
            ("code_verifier".into(), VERIFIER.into()),
            ("client_assertion_type".into(), ASSERTION_TYPE.into()),
            ("client_assertion".into(), a),
        ]
    };
    let r = s.http().post(s.url("/contoso/oauth2/v2.0/token")).form(&redeem(a, code.clone())).send().await.unwrap();
    expect_error(r, 400, "invalid_dpop_proof", 88000346).await;
    let a = fx.assertion(FAPI_CLIENT, json!(iss.0));
    let r = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/token"))
        .header("dpop", dpop.proof(&s, "/contoso/oauth2/v2.0/token"))
        .form(&redeem(a, code))
        .send()
        .await
        .unwrap();
    let status = r.status();
    let t: Value = r.json().await.unwrap();
    assert_eq!(status, 200, "{t}");
    assert_eq!(t["token_type"], "DPoP");
    assert_eq!(claims(t["access_token"].as_str().unwrap())["cnf"]["jkt"], dpop.jkt());
    // Refresh: with the proof only.
    let rt = t["refresh_token"].as_str().unwrap().to_string();
    let refresh = |a: String| {
        vec![
            ("grant_type".to_string(), "refresh_token".to_string()),
            ("refresh_token".into(), rt.clone()),
            ("client_assertion_type".into(), ASSERTION_TYPE.into()),
            ("client_assertion".into(), a),
        ]
    };
    let r = s.http().post(s.url("/contoso/oauth2/v2.0/token")).form(&refresh(fx.assertion(FAPI_CLIENT, json!(iss.0))));
    expect_error(r.send().await.unwrap(), 400, "invalid_dpop_proof", 88000346).await;
    // §5.3.2.1: no rotation: the same refresh token comes back and keeps working (a rotating
    // client's second use of one token would revoke its grant).
    for _ in 0..2 {
        let r = s
            .http()
            .post(s.url("/contoso/oauth2/v2.0/token"))
            .header("dpop", dpop.proof(&s, "/contoso/oauth2/v2.0/token"))
            .form(&refresh(fx.assertion(FAPI_CLIENT, json!(iss.0))))
            .send()
            .await
            .unwrap();
        let t: Value = r.json().await.unwrap();
        assert_eq!(t["token_type"], "DPoP", "{t}");
        assert_eq!(t["refresh_token"].as_str(), Some(rt.as_str()), "not rotated: {t}");
    }
}

/// The FAPI 2.0 code flow up to the code: (code, the redirect).
async fn fapi_code(s: &Server, fx: &FapiFixture, iss: &Issuer, dpop: &DpopKey) -> (String, String) {
    let a = fx.assertion(FAPI_CLIENT, json!(iss.0));
    let object = fx.object(iss, FAPI_CLIENT, json!({"scope": FAPI_SCOPE}));
    let proof = dpop.proof(s, PAR_PATH);
    let form = [("client_assertion_type", ASSERTION_TYPE), ("client_assertion", a.as_str()), ("request", &object)];
    let r = push(s, &form, Some(&proof)).await;
    let status = r.status();
    let b: Value = r.json().await.unwrap();
    assert_eq!(status, 201, "{b}");
    assert_eq!(b["expires_in"], 599, "FAPI 2.0 §5.3.2.2: under 600 s although the setting is 900");
    let url = authorize_url(s, &[("client_id", FAPI_CLIENT), ("request_uri", b["request_uri"].as_str().unwrap())]);
    let mut agent = Agent::new(s.http(), &s.base);
    let landed = agent.sign_in(&url, "alice", "correct horse battery staple").await;
    assert!(landed.starts_with(CALLBACK), "{landed}");
    (param(&landed, "code").unwrap_or_else(|| panic!("no code: {landed}")), landed)
}

#[tokio::test]
async fn jar_and_fapi2_sqlite() {
    jar_and_fapi2(Backend::Sqlite).await;
}

#[tokio::test]
async fn jar_and_fapi2_postgres() {
    jar_and_fapi2(Backend::Postgres).await;
}

/// §5.3.2.1: a FAPI 2.0 client's code lives at most 60 s, while `tokens.code_lifetime` is 300 s
/// here (a standard client's code of the same age is still good).
#[tokio::test]
async fn fapi2_code_lives_at_most_60_seconds() {
    let fx = FapiFixture::new();
    let s = server_with(options(Backend::Sqlite, &fx)).await;
    let iss = Issuer(discovery(&s, "contoso").await["issuer"].as_str().unwrap().to_string());
    let dpop = DpopKey::new();
    let (fapi_code, _) = fapi_code(&s, &fx, &iss, &dpop).await;
    let url = authorize_url(&s, &[("client_id", JAR_APP), ("request", &fx.object(&iss, JAR_APP, json!({})))]);
    let landed = Agent::new(s.http(), &s.base).sign_in(&url, "alice", "correct horse battery staple").await;
    let jar_code = param(&landed, "code").unwrap();
    tokio::time::sleep(std::time::Duration::from_secs(62)).await;
    let redeem = |client: &str, code: &str| {
        let a = fx.assertion(client, json!(iss.0));
        s.http()
            .post(s.url("/contoso/oauth2/v2.0/token"))
            .header("dpop", dpop.proof(&s, "/contoso/oauth2/v2.0/token"))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", CALLBACK),
                ("code_verifier", VERIFIER),
                ("client_assertion_type", ASSERTION_TYPE),
                ("client_assertion", a.as_str()),
            ])
            .send()
    };
    let r = redeem(FAPI_CLIENT, &fapi_code).await.unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "invalid_grant");
    let r = redeem(JAR_APP, &jar_code).await.unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
}

/// Provisioning refuses a FAPI 2.0 client that breaks the profile (a secret method, http
/// redirect URI, the password grant), naming each field; the CLI shows the profile and its
/// implied settings, which stay on.
#[tokio::test]
async fn fapi2_clients_that_break_the_profile_are_refused_at_import() {
    let fx = FapiFixture::new();
    let s = server_with(options(Backend::Sqlite, &fx)).await;
    let jwks = json!({"keys": [fx.ec.jwk("ec1")]});
    let bad = format!(
        r#"
[[tenant]]
name = "contoso"
  [[tenant.client]]
  client_id = "bad-fapi"
  type = "confidential"
  profile = "fapi2"
  grant_types = ["authorization_code", "password"]
  redirect_uris = ["http://client.example/cb"]
  auth_methods = ["private_key_jwt", "client_secret_basic"]
  jwks = '{jwks}'
    [[tenant.client.secret]]
    value = "bad-fapi-secret-0123456789abcdef-0123456"
"#
    );
    let f = s.dir.join("bad-fapi.toml");
    std::fs::write(&f, bad).unwrap();
    let out = s.cli(&["import", &f.display().to_string()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    for field in ["auth_methods", "grant_types", "redirect_uris[0]"] {
        assert!(err.contains(&format!("client 'bad-fapi': {field}")), "{field} named: {err}");
    }
    let out = s.cli(&["client", "show", "--tenant", "contoso", FAPI_CLIENT, "--json"]);
    let shown: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(shown["profile"], "fapi2", "{shown}");
    assert_eq!(shown["require_pushed_authorization_requests"], true, "implied: {shown}");
    assert_eq!(shown["dpop_bound_access_tokens"], true, "implied: {shown}");
    assert_eq!(shown["strict_assertion_replay"], true, "implied: {shown}");
    // An implied setting stays on while the profile holds.
    let out = s.cli(&[
        "client",
        "update",
        "--tenant",
        "contoso",
        FAPI_CLIENT,
        "--dpop-bound-access-tokens",
        "false",
        "--json",
    ]);
    let shown: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(shown["dpop_bound_access_tokens"], true, "{shown}");
    // The CLI way: a client made with a secret gets a certificate, then the profile; its methods
    // become private_key_jwt alone, so its secret no longer authenticates it.
    let cli = |args: &[&str]| {
        let out = s.cli(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<Value>(&out.stdout).unwrap_or(Value::Null)
    };
    let made = cli(&["client", "create", "--tenant", "contoso", "cli-fapi", "--grant", "authorization_code"]
        .into_iter()
        .chain(["--redirect-uri", CALLBACK, "--json"])
        .collect::<Vec<_>>());
    let secret = made["secret"].as_str().unwrap().to_string();
    let pem = s.dir.join("cli-fapi.pem");
    std::fs::write(&pem, &fx.ec.cert_pem).unwrap();
    cli(&["client", "cert", "add", "--tenant", "contoso", "cli-fapi", &pem.display().to_string()]);
    let shown = cli(&["client", "update", "--tenant", "contoso", "cli-fapi", "--profile", "fapi2", "--json"]);
    assert_eq!(shown["profile"], "fapi2", "{shown}");
    assert_eq!(shown["auth_methods"], json!(["private_key_jwt"]), "{shown}");
    let r = s.http().post(s.url(PAR_PATH)).basic_auth("cli-fapi", Some(&secret)).form(&[("response_type", "code")]);
    assert_eq!(r.send().await.unwrap().status(), 401, "the secret no longer authenticates a FAPI 2.0 client");
}

/// RFC 9101 §10.2: 50 concurrent authorization requests carrying one request object (one `jti`):
/// exactly one gets the sign-in page, 49 are 88000423.
async fn request_object_race(backend: Backend) {
    let fx = FapiFixture::new();
    let s = server_with(options(backend, &fx)).await;
    let iss = Issuer(discovery(&s, "contoso").await["issuer"].as_str().unwrap().to_string());
    let url = authorize_url(&s, &[("client_id", JAR_APP), ("request", &fx.object(&iss, JAR_APP, json!({})))]);
    crate::par::shown_once_of_50(&s, &url, "SIGIL88000423").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn request_object_jti_is_used_once_under_race_sqlite() {
    request_object_race(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn request_object_jti_is_used_once_under_race_postgres() {
    request_object_race(Backend::Postgres).await;
}

/// A refresh token rotated away before its client became FAPI 2.0 is still caught as reuse (the
/// no-rotation path takes only live, unused tokens); the live one is then kept, not rotated.
#[tokio::test]
async fn a_token_rotated_before_the_profile_is_still_reuse() {
    let fx = FapiFixture::new();
    let mut opts = options(Backend::Sqlite, &fx);
    opts.env.push(("SIGIL_TOKENS_REFRESH_TOKEN_GRACE".into(), "0".into()));
    let s = server_with(opts).await;
    let iss = Issuer(discovery(&s, "contoso").await["issuer"].as_str().unwrap().to_string());
    let object = fx.object(&iss, JAR_APP, json!({"scope": "openid offline_access"}));
    let url = authorize_url(&s, &[("client_id", JAR_APP), ("request", &object)]);
    let landed = Agent::new(s.http(), &s.base).sign_in(&url, "alice", "correct horse battery staple").await;
    let code = param(&landed, "code").unwrap();
    let dpop = DpopKey::new();
    let token = |form: Vec<(&'static str, String)>, proof: bool| {
        let a = fx.assertion(JAR_APP, json!(iss.0));
        let mut form = form;
        form.push(("client_assertion_type", ASSERTION_TYPE.into()));
        form.push(("client_assertion", a));
        let mut r = s.http().post(s.url("/contoso/oauth2/v2.0/token")).form(&form);
        if proof {
            r = r.header("dpop", dpop.proof(&s, "/contoso/oauth2/v2.0/token"));
        }
        r.send()
    };
    let redeem = vec![
        ("grant_type", "authorization_code".to_string()),
        ("code", code),
        ("redirect_uri", CALLBACK.into()),
        ("code_verifier", VERIFIER.into()),
    ];
    let t: Value = token(redeem, false).await.unwrap().json().await.unwrap();
    let rt0 = t["refresh_token"].as_str().unwrap_or_else(|| panic!("{t}")).to_string();
    let refresh = |rt: &str| vec![("grant_type", "refresh_token".to_string()), ("refresh_token", rt.to_string())];
    let t: Value = token(refresh(&rt0), false).await.unwrap().json().await.unwrap();
    let rt1 = t["refresh_token"].as_str().unwrap_or_else(|| panic!("{t}")).to_string();
    assert_ne!(rt0, rt1, "a standard client rotates");
    let out = s.cli(&["client", "update", "--tenant", "contoso", JAR_APP, "--profile", "fapi2"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await; // the directory reloads
    let t: Value = token(refresh(&rt1), true).await.unwrap().json().await.unwrap();
    assert_eq!(t["refresh_token"].as_str(), Some(rt1.as_str()), "FAPI 2.0 now: not rotated: {t}");
    let r = token(refresh(&rt0), true).await.unwrap();
    expect_error(r, 400, "invalid_grant", 88000009).await;
    let r = token(refresh(&rt1), true).await.unwrap();
    assert_eq!(r.status(), 400, "the reuse revoked the grant");
}
