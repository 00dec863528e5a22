//! DPoP (RFC 9449) through a spawned server: proofs at the token endpoint (every §4.3 refusal),
//! `cnf.jkt` and `token_type=DPoP`, server nonces (§8), `dpop_jkt` binding the code (§10), a public
//! client's refresh token bound to its key (§5), userinfo under the DPoP scheme (§7.1),
//! introspection's `cnf`, and the `jti` replay record under 50 concurrent uses on both databases.
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use base64::Engine;
use reqwest::Response;
use serde_json::{Value, json};
use sigil_testkit::browser::{Agent, param};
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::common::*;

pub const FAPI_APP: &str = "fapi-app";
pub const DESKTOP: &str = "desktop-app";
pub const NONCE_DAEMON: (&str, &str) = ("nonce-daemon", "nonce-daemon-secret-0123456789abcdef-0123");
pub const RESOURCE: (&str, &str) = ("dpop-resource", "dpop-resource-secret-0123456789abcdef-01");
pub const NATIVE_REDIRECT: &str = "http://127.0.0.1/callback";

pub fn b64(data: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(data)
}

pub fn sha256_b64(data: &[u8]) -> String {
    b64(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, data).as_ref())
}

/// The server with the PAR and DPoP clients (`fixtures/dpop.toml`).
pub fn options(backend: Backend) -> ServerOptions {
    let mut opts = ServerOptions { backend, ..ServerOptions::default() };
    opts.imports.push(sigil_testkit::fixture("dpop.toml"));
    opts
}

/// A client's ES256 DPoP key.
pub struct DpopKey {
    pair: EcdsaKeyPair,
    rng: SystemRandom,
}

/// What to put in a proof besides the defaults (a fresh `jti`, `iat` now).
#[derive(Default, Clone)]
pub struct Claims<'a> {
    pub ath: Option<&'a str>,
    pub nonce: Option<&'a str>,
    pub iat_offset: i64,
    pub jti: Option<&'a str>,
    pub typ: Option<&'a str>,
}

impl DpopKey {
    pub fn new() -> Self {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
        Self { pair: EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref()).unwrap(), rng }
    }

    fn jwk(&self) -> Value {
        let p = self.pair.public_key().as_ref();
        json!({"kty": "EC", "crv": "P-256", "x": b64(&p[1..33]), "y": b64(&p[33..65])})
    }

    /// RFC 7638 thumbprint, computed here independently of the server.
    pub fn jkt(&self) -> String {
        let j = self.jwk();
        let canonical = format!(
            r#"{{"crv":"P-256","kty":"EC","x":"{}","y":"{}"}}"#,
            j["x"].as_str().unwrap(),
            j["y"].as_str().unwrap()
        );
        sha256_b64(canonical.as_bytes())
    }

    pub fn proof_with(&self, htm: &str, htu: &str, c: Claims<'_>) -> String {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
        let header = json!({"typ": c.typ.unwrap_or("dpop+jwt"), "alg": "ES256", "jwk": self.jwk()});
        let mut claims = json!({"jti": c.jti.map(str::to_string).unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
            "htm": htm, "htu": htu, "iat": now + c.iat_offset});
        if let Some(a) = c.ath {
            claims["ath"] = json!(a);
        }
        if let Some(n) = c.nonce {
            claims["nonce"] = json!(n);
        }
        let signed = format!("{}.{}", b64(header.to_string().as_bytes()), b64(claims.to_string().as_bytes()));
        let sig = self.pair.sign(&self.rng, signed.as_bytes()).unwrap();
        format!("{signed}.{}", b64(sig.as_ref()))
    }

    pub fn proof(&self, s: &Server, path: &str) -> String {
        self.proof_with("POST", &s.url(path), Claims::default())
    }
}

pub const TOKEN_PATH: &str = "/contoso/oauth2/v2.0/token";
pub const USERINFO_PATH: &str = "/contoso/oidc/userinfo";

/// A token request with the given DPoP headers.
pub async fn token_dpop(s: &Server, form: &[(&str, &str)], basic: Option<(&str, &str)>, proofs: &[&str]) -> Response {
    let mut r = s.http().post(s.url(TOKEN_PATH)).form(form);
    if let Some((id, secret)) = basic {
        r = r.basic_auth(id, Some(secret));
    }
    for p in proofs {
        r = r.header("dpop", *p);
    }
    r.send().await.expect("token request")
}

pub const CC: &[(&str, &str)] = &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")];

/// PKCE: a verifier and its S256 challenge.
pub fn pkce() -> (String, String) {
    let verifier = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
    let challenge = sha256_b64(verifier.as_bytes());
    (verifier, challenge)
}

/// Signs alice in for `desktop-app` with `extra` authorization parameters; the code and verifier.
pub async fn desktop_code(s: &Server, extra: &[(&str, &str)]) -> (String, String) {
    let (verifier, challenge) = pkce();
    let mut url = url::Url::parse(&s.url("/contoso/oauth2/v2.0/authorize")).unwrap();
    url.query_pairs_mut()
        .append_pair("client_id", DESKTOP)
        .append_pair("response_type", "code")
        .append_pair("redirect_uri", NATIVE_REDIRECT)
        .append_pair("scope", "openid offline_access")
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256");
    for (k, v) in extra {
        url.query_pairs_mut().append_pair(k, v);
    }
    let mut agent = Agent::new(s.http(), &s.base);
    let landed = agent.sign_in(url.as_str(), "alice", "correct horse battery staple").await;
    (param(&landed, "code").unwrap_or_else(|| panic!("no code: {landed}")), verifier)
}

pub fn redeem_form<'a>(code: &'a str, verifier: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("grant_type", "authorization_code"),
        ("client_id", DESKTOP),
        ("code", code),
        ("redirect_uri", NATIVE_REDIRECT),
        ("code_verifier", verifier),
    ]
}

async fn ok_json(r: Response) -> Value {
    let status = r.status();
    let text = r.text().await.unwrap();
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn proofs_bind_tokens_and_every_refusal() {
    let s = server_with(options(Backend::Sqlite)).await;
    let d = discovery(&s, "contoso").await;
    assert_eq!(d["dpop_signing_alg_values_supported"], json!(["ES256", "RS256", "PS256", "EdDSA"]));
    let key = DpopKey::new();
    let htu = s.url(TOKEN_PATH);

    // §5: a proof makes a DPoP-bound token: `token_type` DPoP, `cnf.jkt` the key's thumbprint.
    let t = ok_json(token_dpop(&s, CC, Some(DAEMON), &[&key.proof(&s, TOKEN_PATH)]).await).await;
    assert_eq!(t["token_type"], "DPoP");
    let at = t["access_token"].as_str().unwrap();
    assert_eq!(claims(at)["cnf"]["jkt"], key.jkt());
    // Without a proof, a Bearer token as before.
    let plain = ok_json(token(&s, "contoso", CC, Some(DAEMON)).await).await;
    assert_eq!(
        (plain["token_type"].as_str(), claims(plain["access_token"].as_str().unwrap()).get("cnf")),
        (Some("Bearer"), None)
    );

    // RFC 9449 §6.2 / RFC 7662: introspection shows the binding.
    let i = ok_json(
        s.http()
            .post(s.url("/contoso/oauth2/v2.0/introspect"))
            .basic_auth(RESOURCE.0, Some(RESOURCE.1))
            .form(&[("token", at)])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((i["active"].as_bool(), i["token_type"].as_str()), (Some(true), Some("DPoP")), "{i}");
    assert_eq!(i["cnf"]["jkt"], key.jkt());

    // §4.3: each refusal.
    let srv = &s;
    let refused = |proofs: Vec<String>| async move {
        let p: Vec<&str> = proofs.iter().map(String::as_str).collect();
        token_dpop(srv, CC, Some(DAEMON), &p).await
    };
    let bad_typ = key.proof_with("POST", &htu, Claims { typ: Some("JWT"), ..Default::default() });
    expect_error(refused(vec![bad_typ]).await, 400, "invalid_dpop_proof", 88000340).await;
    expect_error(refused(vec!["not.a-jws".into()]).await, 400, "invalid_dpop_proof", 88000340).await;
    let two = vec![key.proof(&s, TOKEN_PATH), key.proof(&s, TOKEN_PATH)];
    expect_error(refused(two).await, 400, "invalid_dpop_proof", 88000340).await;
    let wrong_htm = key.proof_with("GET", &htu, Claims::default());
    expect_error(refused(vec![wrong_htm]).await, 400, "invalid_dpop_proof", 88000341).await;
    let wrong_htu = key.proof_with("POST", &s.url("/contoso/oauth2/v2.0/par"), Claims::default());
    expect_error(refused(vec![wrong_htu]).await, 400, "invalid_dpop_proof", 88000341).await;
    // htu compares without query and fragment.
    let with_query = key.proof_with("POST", &format!("{htu}?x=1#f"), Claims::default());
    assert_eq!(refused(vec![with_query]).await.status(), 200);
    for offset in [-61, 61] {
        let stale = key.proof_with("POST", &htu, Claims { iat_offset: offset, ..Default::default() });
        expect_error(refused(vec![stale]).await, 400, "invalid_dpop_proof", 88000342).await;
    }
    let once = key.proof(&s, TOKEN_PATH);
    assert_eq!(refused(vec![once.clone()]).await.status(), 200);
    expect_error(refused(vec![once]).await, 400, "invalid_dpop_proof", 88000343).await;
    // A client registered with dpop_bound_access_tokens must send a proof.
    let r = token(
        &s,
        "contoso",
        &[
            ("grant_type", "authorization_code"),
            ("client_id", FAPI_APP),
            ("code", "x"),
            ("redirect_uri", NATIVE_REDIRECT),
            ("code_verifier", "x"),
        ],
        None,
    )
    .await;
    expect_error(r, 400, "invalid_dpop_proof", 88000346).await;

    // §8: nonces. The first proof without one is refused with the nonce to use.
    let r = expect_error(
        token_dpop(&s, CC, Some(NONCE_DAEMON), &[&key.proof(&s, TOKEN_PATH)]).await,
        400,
        "use_dpop_nonce",
        88000344,
    )
    .await;
    let nonce = r.header("dpop-nonce").expect("DPoP-Nonce header").to_string();
    let wrong = key.proof_with("POST", &htu, Claims { nonce: Some("bm90LWEtbm9uY2U"), ..Default::default() });
    expect_error(token_dpop(&s, CC, Some(NONCE_DAEMON), &[&wrong]).await, 400, "use_dpop_nonce", 88000344).await;
    let with = key.proof_with("POST", &htu, Claims { nonce: Some(&nonce), ..Default::default() });
    assert_eq!(ok_json(token_dpop(&s, CC, Some(NONCE_DAEMON), &[&with]).await).await["token_type"], "DPoP");
}

#[tokio::test]
async fn code_refresh_and_userinfo_bound_to_the_key() {
    let s = server_with(options(Backend::Sqlite)).await;
    let key = DpopKey::new();
    let other = DpopKey::new();
    let jkt = key.jkt();

    // §10: a code bound by dpop_jkt is redeemed only with a proof by that key (a refused
    // redemption spends the code, as any redemption does).
    let (code, verifier) = desktop_code(&s, &[("dpop_jkt", &jkt)]).await;
    expect_error(token(&s, "contoso", &redeem_form(&code, &verifier), None).await, 400, "invalid_grant", 88000345)
        .await;
    let (code, verifier) = desktop_code(&s, &[("dpop_jkt", &jkt)]).await;
    let r = token_dpop(&s, &redeem_form(&code, &verifier), None, &[&other.proof(&s, TOKEN_PATH)]).await;
    expect_error(r, 400, "invalid_grant", 88000345).await;
    let (code, verifier) = desktop_code(&s, &[("dpop_jkt", &jkt)]).await;
    let t = ok_json(token_dpop(&s, &redeem_form(&code, &verifier), None, &[&key.proof(&s, TOKEN_PATH)]).await).await;
    assert_eq!(t["token_type"], "DPoP");
    let at = t["access_token"].as_str().unwrap().to_string();
    let rt = t["refresh_token"].as_str().unwrap().to_string();
    assert_eq!(claims(&at)["cnf"]["jkt"], jkt);

    // §5: the public client's refresh token needs a proof by the same key.
    let refresh = |rt: String| {
        vec![("grant_type", "refresh_token".to_string()), ("client_id", DESKTOP.into()), ("refresh_token", rt)]
    };
    let form = refresh(rt.clone());
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    expect_error(token(&s, "contoso", &form, None).await, 400, "invalid_grant", 88000345).await;
    expect_error(token_dpop(&s, &form, None, &[&other.proof(&s, TOKEN_PATH)]).await, 400, "invalid_grant", 88000345)
        .await;
    let t2 = ok_json(token_dpop(&s, &form, None, &[&key.proof(&s, TOKEN_PATH)]).await).await;
    assert_eq!(
        (t2["token_type"].as_str(), claims(t2["access_token"].as_str().unwrap())["cnf"]["jkt"].as_str()),
        (Some("DPoP"), Some(jkt.as_str()))
    );

    // §7.1: userinfo under the DPoP scheme with a proof carrying `ath`.
    let ui = s.url(USERINFO_PATH);
    let ath = sha256_b64(at.as_bytes());
    let get = |scheme: &'static str, proof: Option<String>| {
        let mut r = s.http().get(&ui).header("authorization", format!("{scheme} {at}"));
        if let Some(p) = proof {
            r = r.header("dpop", p);
        }
        r.send()
    };
    let good = key.proof_with("GET", &ui, Claims { ath: Some(&ath), ..Default::default() });
    let info = ok_json(get("DPoP", Some(good)).await.unwrap()).await;
    assert_eq!(info["preferred_username"], "alice");
    let challenge = |r: &Refusal| r.header("www-authenticate").unwrap_or("").to_string();
    let r = expect_error(get("Bearer", None).await.unwrap(), 401, "invalid_token", 88000347).await;
    assert!(challenge(&r).starts_with("Bearer error=\"invalid_token\""), "{}", challenge(&r));
    let r = expect_error(get("DPoP", None).await.unwrap(), 401, "invalid_token", 88000347).await;
    assert!(challenge(&r).starts_with("DPoP error=\"invalid_token\", algs=\"ES256"), "{}", challenge(&r));
    let no_ath = key.proof_with("GET", &ui, Claims::default());
    let r = expect_error(get("DPoP", Some(no_ath)).await.unwrap(), 401, "invalid_dpop_proof", 88000341).await;
    assert!(challenge(&r).starts_with("DPoP error=\"invalid_dpop_proof\""), "{}", challenge(&r));
    let by_other = other.proof_with("GET", &ui, Claims { ath: Some(&ath), ..Default::default() });
    expect_error(get("DPoP", Some(by_other)).await.unwrap(), 401, "invalid_token", 88000347).await;
    // An unbound token is not accepted under the DPoP scheme.
    let plain = ok_json(
        token(
            &s,
            "contoso",
            &[
                ("grant_type", "password"),
                ("username", "alice"),
                ("password", "correct horse battery staple"),
                ("scope", "openid"),
            ],
            Some(LEGACY),
        )
        .await,
    )
    .await;
    let plain_at = plain["access_token"].as_str().unwrap();
    let r = s.http().get(&ui).header("authorization", format!("DPoP {plain_at}")).send().await.unwrap();
    expect_error(r, 401, "invalid_token", 88000347).await;
}

/// §11.1: one proof used by 50 concurrent token requests yields exactly one token.
async fn jti_race(backend: Backend) {
    let s = server_with(options(backend)).await;
    let key = DpopKey::new();
    let proof = key.proof(&s, TOKEN_PATH);
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (http, url, proof) = (s.http(), s.url(TOKEN_PATH), proof.clone());
        tasks.push(tokio::spawn(async move {
            http.post(url).basic_auth(DAEMON.0, Some(DAEMON.1)).form(CC).header("dpop", proof).send().await.unwrap()
        }));
    }
    let (mut ok, mut replayed) = (0, 0);
    for t in tasks {
        let r = t.await.unwrap();
        match r.status().as_u16() {
            200 => ok += 1,
            400 => {
                let b: Value = r.json().await.unwrap();
                assert_eq!(b["error_codes"][0], 88000343, "{b}");
                replayed += 1;
            }
            other => panic!("status {other}"),
        }
    }
    assert_eq!((ok, replayed), (1, 49));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn proof_jti_is_used_once_under_race_sqlite() {
    jti_race(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn proof_jti_is_used_once_under_race_postgres() {
    jti_race(Backend::Postgres).await;
}
