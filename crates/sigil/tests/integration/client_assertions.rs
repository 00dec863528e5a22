//! `private_key_jwt` (OIDC Core §9, RFC 7523 §2.2, §3) against a spawned server: certificates
//! matched by `x5t`/`x5t#S256` (several at once), keys from a `jwks_uri` on a loopback server
//! (refreshed for an unknown `kid`), audiences by tenant name and id, the default replay policy
//! (the same assertion again from the same client) and strict mode, and every refusal.
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{self, EcdsaKeyPair, KeyPair, RsaKeyPair};
use base64::Engine;
use serde_json::{Value, json};
use sigil_testkit::{Backend, Server, ServerOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::common::*;

pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

pub fn b64(b: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// A key that signs assertions, with its certificate (PEM, DER) when it has one.
pub struct TestKey {
    pkcs8: Vec<u8>,
    pub rsa: bool,
    pub cert_pem: String,
    pub cert_der: Vec<u8>,
}

impl TestKey {
    pub fn rsa() -> Self {
        Self::generate(&rcgen::PKCS_RSA_SHA256, None)
    }
    pub fn ec() -> Self {
        Self::generate(&rcgen::PKCS_ECDSA_P256_SHA256, None)
    }
    /// An RSA key whose certificate expired in 2021.
    pub fn rsa_expired() -> Self {
        Self::generate(
            &rcgen::PKCS_RSA_SHA256,
            Some((rcgen::date_time_ymd(2020, 1, 1), rcgen::date_time_ymd(2021, 1, 1))),
        )
    }
    fn generate(
        alg: &'static rcgen::SignatureAlgorithm,
        validity: Option<(time::OffsetDateTime, time::OffsetDateTime)>,
    ) -> Self {
        let kp = rcgen::KeyPair::generate_for(alg).unwrap();
        let mut params = rcgen::CertificateParams::new(vec!["client.example".into()]).unwrap();
        if let Some((from, to)) = validity {
            params.not_before = from;
            params.not_after = to;
        }
        let cert = params.self_signed(&kp).unwrap();
        Self {
            pkcs8: kp.serialize_der(),
            rsa: alg == &rcgen::PKCS_RSA_SHA256,
            cert_pem: cert.pem(),
            cert_der: cert.der().to_vec(),
        }
    }
    /// The private key, PKCS#8 PEM.
    pub fn key_pem(&self) -> String {
        let b = base64::engine::general_purpose::STANDARD.encode(&self.pkcs8);
        let lines: Vec<&str> = b.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap()).collect();
        format!("-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n", lines.join("\n"))
    }
    pub fn x5t(&self) -> String {
        b64(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY, &self.cert_der).as_ref())
    }
    pub fn x5t_s256(&self) -> String {
        b64(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &self.cert_der).as_ref())
    }
    /// The public JWK (RFC 7517) with this `kid`.
    pub fn jwk(&self, kid: &str) -> Value {
        if self.rsa {
            let kp = RsaKeyPair::from_pkcs8(&self.pkcs8).unwrap();
            let pk = kp.public_key();
            json!({"kty": "RSA", "kid": kid, "use": "sig",
                "n": b64(pk.modulus().big_endian_without_leading_zero()),
                "e": b64(pk.exponent().big_endian_without_leading_zero())})
        } else {
            let kp = EcdsaKeyPair::from_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, &self.pkcs8).unwrap();
            let p = kp.public_key().as_ref();
            json!({"kty": "EC", "crv": "P-256", "kid": kid, "use": "sig", "x": b64(&p[1..33]), "y": b64(&p[33..65])})
        }
    }
    /// A compact JWS of `claims` with this header; `alg` picks the signature (RS256, PS256, ES256).
    pub fn sign(&self, header: Value, claims: &Value) -> String {
        let input = format!("{}.{}", b64(header.to_string().as_bytes()), b64(claims.to_string().as_bytes()));
        let rng = SystemRandom::new();
        let sig = if self.rsa {
            let kp = RsaKeyPair::from_pkcs8(&self.pkcs8).unwrap();
            let enc: &dyn signature::RsaEncoding =
                if header["alg"] == "PS256" { &signature::RSA_PSS_SHA256 } else { &signature::RSA_PKCS1_SHA256 };
            let mut sig = vec![0; kp.public_modulus_len()];
            kp.sign(enc, &rng, input.as_bytes(), &mut sig).unwrap();
            sig
        } else {
            let kp = EcdsaKeyPair::from_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, &self.pkcs8).unwrap();
            kp.sign(&rng, input.as_bytes()).unwrap().as_ref().to_vec()
        };
        format!("{input}.{}", b64(&sig))
    }
}

/// Claims of a client assertion for `client` at `aud`, valid for five minutes.
pub fn assertion_claims(client: &str, aud: &str) -> Value {
    let t = now();
    json!({"iss": client, "sub": client, "aud": aud, "iat": t, "nbf": t, "exp": t + 300,
        "jti": uuid::Uuid::new_v4().to_string()})
}

/// A loopback HTTP server answering GETs from a table that the test may change (documents of a
/// client's `jwks_uri` or of an external issuer). Unknown paths answer 404.
pub struct DocServer {
    pub base: String,
    docs: Arc<Mutex<HashMap<String, String>>>,
}

impl DocServer {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let docs: Arc<Mutex<HashMap<String, String>>> = Default::default();
        let table = docs.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut sock, _)) = listener.accept().await else { return };
                let table = table.clone();
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 8192];
                    let n = sock.read(&mut buf).await.unwrap_or(0);
                    let head = String::from_utf8_lossy(&buf[..n]).to_string();
                    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
                    let doc = table.lock().unwrap().get(&path).cloned();
                    let (status, body) = match doc {
                        Some(b) => ("200 OK", b),
                        None => ("404 Not Found", String::new()),
                    };
                    let resp = format!(
                        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = sock.write_all(resp.as_bytes()).await;
                    let _ = sock.shutdown().await;
                });
            }
        });
        Self { base, docs }
    }
    pub fn put(&self, path: &str, doc: Value) {
        self.docs.lock().unwrap().insert(path.into(), doc.to_string());
    }
}

/// The settings that let Sigil fetch from the loopback [`DocServer`] (tests only).
pub fn outbound_env() -> Vec<(String, String)> {
    vec![
        ("SIGIL_OUTBOUND_ALLOW_PRIVATE_ADDRESSES".into(), "true".into()),
        ("SIGIL_OUTBOUND_ALLOW_HTTP".into(), "true".into()),
        ("SIGIL_OUTBOUND_REFRESH_MIN_INTERVAL".into(), "0".into()),
    ]
}

/// Writes an import overlay for the contoso tenant and returns its path.
pub fn overlay(name: &str, clients: &str) -> PathBuf {
    let dir = sigil_testkit::test_output("client-assertions").join(format!("{name}-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("overlay.toml");
    std::fs::write(&path, format!("[[tenant]]\nname = \"contoso\"\ndisplay_name = \"Contoso Ltd\"\n{clients}"))
        .unwrap();
    path
}

pub async fn server_with_overlay(overlay: PathBuf, backend: Backend) -> Server {
    let mut imports = ServerOptions::default().imports;
    imports.push(overlay);
    server_with(ServerOptions { backend, env: outbound_env(), imports, ..Default::default() }).await
}

/// A client-credentials request authenticated with `assertion`.
pub async fn with_assertion(s: &Server, tenant: &str, client_id: Option<&str>, assertion: &str) -> reqwest::Response {
    let mut form = vec![
        ("grant_type", "client_credentials"),
        ("scope", "api://reports/.default"),
        ("client_assertion_type", ASSERTION_TYPE),
        ("client_assertion", assertion),
    ];
    if let Some(id) = client_id {
        form.push(("client_id", id));
    }
    token(s, tenant, &form, None).await
}

pub async fn expect_token(r: reqwest::Response) -> Value {
    let status = r.status();
    let body: Value = r.json().await.unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(body["access_token"].is_string(), "{body}");
    body
}

/// A confidential client-credentials client for api://reports (role Reports.Read.All), with `extra`
/// lines (methods, secrets, certificates).
pub fn client_toml(client_id: &str, extra: &str) -> String {
    format!(
        r#"
  [[tenant.client]]
  client_id = "{client_id}"
  type = "confidential"
  grant_types = ["client_credentials"]
  {extra}
    [[tenant.client.permission]]
    api = "api://reports"
    roles = ["Reports.Read.All"]
"#
    )
}

fn certificates(keys: &[&TestKey]) -> String {
    keys.iter()
        .map(|k| format!("\n    [[tenant.client.certificate]]\n    pem = \"\"\"\n{}\"\"\"\n", k.cert_pem))
        .collect()
}

struct Setup {
    s: Server,
    rsa: TestKey,
    ec: TestKey,
    expired: TestKey,
    other: TestKey,
    token_by_name: String,
    token_by_id: String,
    issuer: String,
}

async fn setup(backend: Backend) -> Setup {
    let (rsa, ec, expired, other) = (TestKey::rsa(), TestKey::ec(), TestKey::rsa_expired(), TestKey::rsa());
    let clients = [
        client_toml("cert-app", &certificates(&[&rsa, &ec])),
        client_toml("strict-app", &format!("strict_assertion_replay = true\n{}", certificates(&[&rsa]))),
        client_toml("expired-cert-app", &certificates(&[&expired])),
    ]
    .concat();
    let s = server_with_overlay(overlay("pkjwt", &clients), backend).await;
    let d = discovery(&s, "contoso").await;
    Setup {
        token_by_name: s.url("/contoso/oauth2/v2.0/token"),
        token_by_id: d["token_endpoint"].as_str().unwrap().to_string(),
        issuer: d["issuer"].as_str().unwrap().to_string(),
        s,
        rsa,
        ec,
        expired,
        other,
    }
}

fn x5t_header(alg: &str, k: &TestKey) -> Value {
    json!({"alg": alg, "typ": "JWT", "x5t": k.x5t()})
}

fn x5t_s256_header(alg: &str, k: &TestKey) -> Value {
    json!({"alg": alg, "typ": "JWT", "x5t#S256": k.x5t_s256()})
}

#[tokio::test]
async fn certificates_sign_assertions_with_each_algorithm_and_audience() {
    let t = setup(Backend::Sqlite).await;
    let s = &t.s;
    // MSAL's default: PS256 with x5t#S256, audience the token endpoint as discovered (tenant id).
    let a = t.rsa.sign(x5t_s256_header("PS256", &t.rsa), &assertion_claims("cert-app", &t.token_by_id));
    let body = expect_token(with_assertion(s, "contoso", Some("cert-app"), &a).await).await;
    let at: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(body["access_token"].as_str().unwrap().split('.').nth(1).unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!((at["client_id"].as_str(), at["aud"].as_str()), (Some("cert-app"), Some("api://reports")));
    // RS256 with x5t (SHA-1), the tenant-name path (Azure Identity), no client_id in the body.
    let a = t.rsa.sign(x5t_header("RS256", &t.rsa), &assertion_claims("cert-app", &t.token_by_name));
    expect_token(with_assertion(s, "contoso", None, &a).await).await;
    // ES256 with the second certificate (rotation: both registered), audience the issuer.
    let a = t.ec.sign(x5t_s256_header("ES256", &t.ec), &assertion_claims("cert-app", &t.issuer));
    expect_token(with_assertion(s, "contoso", Some("cert-app"), &a).await).await;
    // MSAL Python pads its thumbprints (base64url with `=`).
    let padded = json!({"alg": "PS256", "x5t#S256": format!("{}=", t.rsa.x5t_s256())});
    let a = t.rsa.sign(padded, &assertion_claims("cert-app", &t.token_by_id));
    expect_token(with_assertion(s, "contoso", None, &a).await).await;
    // An `aud` array that holds the token endpoint.
    let mut c = assertion_claims("cert-app", "x");
    c["aud"] = json!(["https://elsewhere.example", t.token_by_id]);
    expect_token(with_assertion(s, "contoso", None, &t.rsa.sign(x5t_header("RS256", &t.rsa), &c)).await).await;
    // Discovery names the method and its algorithms once a client uses it.
    let d = discovery(s, "contoso").await;
    assert!(d["token_endpoint_auth_methods_supported"].as_array().unwrap().contains(&json!("private_key_jwt")), "{d}");
    assert_eq!(d["token_endpoint_auth_signing_alg_values_supported"], json!(["RS256", "PS256", "ES256"]));
}

#[tokio::test]
async fn discovery_omits_private_key_jwt_without_such_clients() {
    let s = server().await;
    let d = discovery(&s, "contoso").await;
    assert!(!d["token_endpoint_auth_methods_supported"].as_array().unwrap().contains(&json!("private_key_jwt")));
    assert!(d.get("token_endpoint_auth_signing_alg_values_supported").is_none(), "{d}");
}

#[tokio::test]
async fn same_assertion_is_accepted_again_from_the_same_client_only_outside_strict_mode() {
    let t = setup(Backend::Sqlite).await;
    let s = &t.s;
    // MSAL re-sends its cached assertion (same jti) for every request for about nine minutes.
    let a = t.rsa.sign(x5t_s256_header("PS256", &t.rsa), &assertion_claims("cert-app", &t.token_by_id));
    expect_token(with_assertion(s, "contoso", None, &a).await).await;
    expect_token(with_assertion(s, "contoso", None, &a).await).await;
    // Another assertion reusing that jti is a replay, even from the same client.
    let mut c: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(a.split('.').nth(1).unwrap()).unwrap(),
    )
    .unwrap();
    c["exp"] = json!(c["exp"].as_i64().unwrap() + 1);
    let replay = t.rsa.sign(x5t_s256_header("PS256", &t.rsa), &c);
    expect_error(with_assertion(s, "contoso", None, &replay).await, 401, "invalid_client", 88000301).await;
    // Strict mode: the same assertion is accepted once.
    let a = t.rsa.sign(x5t_s256_header("PS256", &t.rsa), &assertion_claims("strict-app", &t.token_by_id));
    expect_token(with_assertion(s, "contoso", None, &a).await).await;
    expect_error(with_assertion(s, "contoso", None, &a).await, 401, "invalid_client", 88000301).await;
}

#[tokio::test]
async fn every_refusal_of_a_client_assertion() {
    let t = setup(Backend::Sqlite).await;
    let (s, aud) = (&t.s, t.token_by_id.as_str());
    let refuse = |a: String, code: u32| async move {
        expect_error(with_assertion(s, "contoso", Some("cert-app"), &a).await, 401, "invalid_client", code).await;
    };
    let signed = |c: &Value| t.rsa.sign(x5t_s256_header("PS256", &t.rsa), c);
    let with = |name: &str, v: Value| {
        let mut c = assertion_claims("cert-app", aud);
        c[name] = v;
        c
    };
    // RFC 7523 §3 item 4: expired (beyond the 60 s skew).
    refuse(signed(&with("exp", json!(now() - 120))), 700024).await;
    // Item 5: not yet valid.
    refuse(signed(&with("nbf", json!(now() + 600))), 700024).await;
    // Item 6: issued in the future.
    refuse(signed(&with("iat", json!(now() + 600))), 700024).await;
    // Valid for longer than assertion_max_lifetime.
    refuse(signed(&with("exp", json!(now() + 7200))), 700024).await;
    // Item 3: another audience.
    refuse(signed(&with("aud", json!("https://login.microsoftonline.com/x/oauth2/v2.0/token"))), 700023).await;
    // Items 1 and 2: iss and sub must be the client.
    refuse(signed(&with("iss", json!("someone-else"))), 700021).await;
    refuse(signed(&with("sub", json!("someone-else"))), 700021).await;
    // OIDC Core §9: jti is required.
    let mut c = assertion_claims("cert-app", aud);
    c.as_object_mut().unwrap().remove("jti");
    refuse(signed(&c), 88000006).await;
    // The sign-in log names the client an assertion claims, even without `client_id`.
    let a = t.other.sign(x5t_s256_header("PS256", &t.other), &assertion_claims("cert-app", aud));
    let r = expect_error(with_assertion(s, "contoso", None, &a).await, 401, "invalid_client", 88000300).await;
    let record = signin_record(s, r.trace_id()).await;
    assert_eq!(record["client_id"], "cert-app", "{record}");
    // A key the client did not register.
    refuse(t.other.sign(x5t_s256_header("PS256", &t.other), &assertion_claims("cert-app", aud)), 88000300).await;
    refuse(t.rsa.sign(json!({"alg": "PS256", "kid": "nope"}), &assertion_claims("cert-app", aud)), 88000300).await;
    // Signed by another key but naming a registered certificate: bad signature.
    refuse(t.other.sign(x5t_s256_header("PS256", &t.rsa), &assertion_claims("cert-app", aud)), 700027).await;
    // A tampered payload.
    let good = signed(&assertion_claims("cert-app", aud));
    let parts: Vec<&str> = good.split('.').collect();
    let tampered = format!("{}.{}.{}", parts[0], b64(with("exp", json!(now() + 600)).to_string().as_bytes()), parts[2]);
    refuse(tampered, 700027).await;
    // Algorithms: none, HMAC, and one that does not fit the key.
    let unsigned =
        format!("{}.{}.", b64(br#"{"alg":"none"}"#), b64(assertion_claims("cert-app", aud).to_string().as_bytes()));
    refuse(unsigned, 700027).await;
    let hs = format!(
        "{}.{}.{}",
        b64(json!({"alg": "HS256", "x5t#S256": t.rsa.x5t_s256()}).to_string().as_bytes()),
        b64(assertion_claims("cert-app", aud).to_string().as_bytes()),
        b64(b"mac")
    );
    refuse(hs, 700027).await;
    refuse(t.rsa.sign(x5t_s256_header("ES256", &t.rsa), &assertion_claims("cert-app", aud)), 700027).await;
    // The certificate's notAfter has passed.
    let a = t.expired.sign(x5t_s256_header("RS256", &t.expired), &assertion_claims("expired-cert-app", aud));
    expect_error(with_assertion(s, "contoso", Some("expired-cert-app"), &a).await, 401, "invalid_client", 88000302)
        .await;
    // Not a JWT; a wrong assertion type; an unknown client.
    refuse("not-a-jwt".into(), 88000006).await;
    let r = token(
        s,
        "contoso",
        &[("grant_type", "client_credentials"), ("client_assertion_type", "urn:x"), ("client_assertion", &good)],
        None,
    )
    .await;
    expect_error(r, 401, "invalid_client", 88000006).await;
    let a = t.rsa.sign(x5t_s256_header("PS256", &t.rsa), &assertion_claims("nobody", aud));
    expect_error(with_assertion(s, "contoso", None, &a).await, 401, "invalid_client", 700016).await;
    // A client registered for secrets only may not use an assertion.
    let a = t.rsa.sign(x5t_s256_header("PS256", &t.rsa), &assertion_claims(DAEMON.0, aud));
    expect_error(with_assertion(s, "contoso", None, &a).await, 401, "invalid_client", 88000005).await;
    // An assertion together with a secret is two mechanisms.
    let r = token(
        s,
        "contoso",
        &[
            ("grant_type", "client_credentials"),
            ("client_assertion_type", ASSERTION_TYPE),
            ("client_assertion", &good),
            ("client_secret", "x"),
        ],
        None,
    )
    .await;
    expect_error(r, 400, "invalid_request", 88000003).await;
}

/// Keys published at the client's `jwks_uri`: fetched, and fetched again when an assertion names
/// a key id the cached set does not have (the client rotated); an unreachable set is 88000303.
#[tokio::test]
async fn jwks_uri_keys_are_fetched_and_refreshed_for_an_unknown_kid() {
    let docs = DocServer::start().await;
    let (k1, k2) = (TestKey::ec(), TestKey::rsa());
    docs.put("/jwks", json!({"keys": [k1.jwk("k1")]}));
    let clients = [
        client_toml("jwks-app", &format!("jwks_uri = \"{}/jwks\"", docs.base)),
        client_toml("gone-app", &format!("jwks_uri = \"{}/missing\"", docs.base)),
        client_toml("inline-app", &format!("jwks = '{}'", json!({"keys": [k2.jwk("inline")]}))),
    ]
    .concat();
    let s = server_with_overlay(overlay("jwks", &clients), Backend::Sqlite).await;
    let aud = s.url("/contoso/oauth2/v2.0/token");
    let a = k1.sign(json!({"alg": "ES256", "kid": "k1"}), &assertion_claims("jwks-app", &aud));
    expect_token(with_assertion(&s, "contoso", None, &a).await).await;
    // The client rotates to k2: the cached set lacks "k2", so Sigil fetches again.
    docs.put("/jwks", json!({"keys": [k1.jwk("k1"), k2.jwk("k2")]}));
    let a = k2.sign(json!({"alg": "RS256", "kid": "k2"}), &assertion_claims("jwks-app", &aud));
    expect_token(with_assertion(&s, "contoso", None, &a).await).await;
    let a = k2.sign(json!({"alg": "RS256", "kid": "k3"}), &assertion_claims("jwks-app", &aud));
    expect_error(with_assertion(&s, "contoso", None, &a).await, 401, "invalid_client", 88000300).await;
    let a = k1.sign(json!({"alg": "ES256", "kid": "k1"}), &assertion_claims("gone-app", &aud));
    expect_error(with_assertion(&s, "contoso", None, &a).await, 401, "invalid_client", 88000303).await;
    // An inline JWKS, matched by kid.
    let a = k2.sign(json!({"alg": "PS256", "kid": "inline"}), &assertion_claims("inline-app", &aud));
    expect_token(with_assertion(&s, "contoso", None, &a).await).await;
}

/// Strict mode under a race: of many concurrent requests with one assertion, exactly one gets a
/// token, on both databases.
async fn strict_replay_race(backend: Backend) {
    let t = setup(backend).await;
    let a = t.rsa.sign(x5t_s256_header("PS256", &t.rsa), &assertion_claims("strict-app", &t.token_by_id));
    let s = Arc::new(t.s);
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (s, a) = (s.clone(), a.clone());
            tokio::spawn(async move { with_assertion(&s, "contoso", None, &a).await.status().as_u16() })
        })
        .collect();
    let mut statuses = vec![];
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 200 || *s == 401), "{statuses:?}");
}

#[tokio::test]
async fn strict_replay_race_sqlite() {
    strict_replay_race(Backend::Sqlite).await;
}

#[tokio::test]
async fn strict_replay_race_postgres() {
    strict_replay_race(Backend::Postgres).await;
}

/// `sigil client cert add` registers a certificate on a running server's store (the directory
/// reloads), after which the client's assertions are accepted; `client show` lists it.
#[tokio::test]
async fn cli_adds_certificates_and_federated_credentials() {
    let s = server().await;
    let key = TestKey::ec();
    let dir = sigil_testkit::test_output("client-assertions").join(format!("cli-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let pem = dir.join("cert.pem");
    std::fs::write(&pem, &key.cert_pem).unwrap();
    let out = s.cli(&["client", "cert", "add", "--tenant", "contoso", DAEMON.0, &pem.display().to_string()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = s.cli(&[
        "client",
        "federated",
        "add",
        "--tenant",
        "contoso",
        DAEMON.0,
        "--name",
        "ci",
        "--issuer",
        "https://token.actions.githubusercontent.com",
        "--subject",
        "repo:contoso/reports:ref:refs/heads/main",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shown = s.cli(&["client", "show", "--tenant", "contoso", DAEMON.0, "--json"]);
    let shown: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(shown["certificates"][0]["x5t#S256"], json!(key.x5t_s256()), "{shown}");
    assert_eq!(shown["federated_credentials"][0]["audience"], "api://AzureADTokenExchange", "{shown}");
    let aud = s.url("/contoso/oauth2/v2.0/token");
    let mut last = None;
    for _ in 0..30 {
        let a = key.sign(json!({"alg": "ES256", "x5t#S256": key.x5t_s256()}), &assertion_claims(DAEMON.0, &aud));
        let r = with_assertion(&s, "contoso", None, &a).await;
        if r.status() == 200 {
            return;
        }
        last = Some(r.text().await.unwrap());
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    panic!("the added certificate was not accepted: {last:?}");
}
