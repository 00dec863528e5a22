//! `client_secret_jwt` (OIDC Core §9, RFC 7523 §2.2, §3) against a spawned server, on SQLite and
//! PostgreSQL: assertions MACed by an independent library (PyJWT, from the test venv) with HS256,
//! HS384 and HS512; the secret stored sealed only for clients registered for the method (read
//! from the database); a wrong secret; algorithm confusion both ways (an HMAC for a
//! `private_key_jwt` client, keyed with its public certificate as the classic attack does; a
//! signature for a `client_secret_jwt` client); replay (the same assertion again by default, never
//! in strict mode); discovery; the CLI.
use std::process::Command;

use serde_json::{Value, json};
use sigil_testkit::{Backend, Server};
use sqlx::Connection;

use crate::client_assertions::*;
use crate::common::*;

/// 64 characters: long enough for HS512 (RFC 7518 §3.2: a key at least the hash's size).
const SECRET: &str = "csj-secret-0123456789abcdef-0123456789abcdef-0123456789abcdefghi";
const SHORT_SECRET: &str = "csj-short-secret-0123456789abcdef-0123";
const OTHER_SECRET: &str = "not-the-secret-0123456789abcdef-0123456789abcdef-0123456789abcd";

fn python() -> String {
    std::env::var("SIGIL_TEST_PYTHON").ok().filter(|p| !p.is_empty()).unwrap_or_else(|| {
        panic!("SIGIL_TEST_PYTHON is not set: run scripts/test.sh (it installs the Python client libraries)")
    })
}

/// A JWT made by PyJWT (`jwt.encode`), an implementation independent of Sigil's.
fn pyjwt(claims: &Value, key: &str, alg: &str) -> String {
    let out = Command::new(python())
        .args([
            "-c",
            "import json, sys, jwt; print(jwt.encode(json.loads(sys.argv[1]), sys.argv[2], algorithm=sys.argv[3]))",
            &claims.to_string(),
            key,
            alg,
        ])
        .output()
        .expect("python");
    assert!(out.status.success(), "PyJWT: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Authlib's `client_secret_jwt` client authentication (`ClientSecretJWT`, HS256) fetching a
/// client-credentials token from `url`: the whole client side by an independent library.
fn authlib_token(url: &str, client_id: &str, secret: &str) -> Value {
    let script = r#"
import json, sys
from authlib.integrations.requests_client import OAuth2Session
from authlib.oauth2.rfc7523 import ClientSecretJWT
url, client_id, secret = sys.argv[1:4]
s = OAuth2Session(client_id, secret, token_endpoint_auth_method="client_secret_jwt", scope="api://reports/.default")
s.register_client_auth_method(ClientSecretJWT(url))
print(json.dumps(s.fetch_token(url, grant_type="client_credentials")))
"#;
    let out = Command::new(python()).args(["-c", script, url, client_id, secret]).output().expect("python");
    assert!(out.status.success(), "Authlib: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn secret(value: &str) -> String {
    format!("\n    [[tenant.client.secret]]\n    value = \"{value}\"\n")
}

struct Setup {
    s: Server,
    cert: TestKey,
    aud: String,
}

async fn setup(backend: Backend) -> Setup {
    let cert = TestKey::rsa();
    let clients = [
        client_toml("mac-app", &format!("auth_methods = [\"client_secret_jwt\"]\n{}", secret(SECRET))),
        client_toml(
            "mac-short-app",
            &format!("auth_methods = [\"client_secret_jwt\", \"client_secret_basic\"]\n{}", secret(SHORT_SECRET)),
        ),
        client_toml(
            "mac-strict-app",
            &format!("auth_methods = [\"client_secret_jwt\"]\nstrict_assertion_replay = true\n{}", secret(SECRET)),
        ),
        client_toml("basic-app", &secret(SECRET)),
        client_toml(
            "mac-expired-app",
            &format!(
                "auth_methods = [\"client_secret_jwt\"]\n    [[tenant.client.secret]]\n    value = \"{SECRET}\"\n    \
                 expires = \"2020-01-01T00:00:00Z\"\n"
            ),
        ),
        client_toml(
            "cert-app",
            &format!("\n    [[tenant.client.certificate]]\n    pem = \"\"\"\n{}\"\"\"\n", cert.cert_pem),
        ),
    ]
    .concat();
    let s = server_with_overlay(overlay("csjwt", &clients), backend).await;
    let d = discovery(&s, "contoso").await;
    let aud = d["token_endpoint"].as_str().unwrap().to_string();
    Setup { s, cert, aud }
}

/// `(client_id, sealed)` of every secret of the contoso clients, read from the database.
async fn stored_secrets(s: &Server, backend: Backend) -> Vec<(String, Option<Vec<u8>>)> {
    let url = &s.env.iter().find(|(k, _)| k == "SIGIL_DATABASE_URL").unwrap().1;
    let sql = "SELECT c.client_id, s.sealed FROM client_secrets s JOIN clients c ON c.id = s.client";
    type Stored = (String, Option<Vec<u8>>);
    match backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
            sqlx::query_as::<_, Stored>(sql).fetch_all(&mut c).await.unwrap()
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(url).await.unwrap();
            sqlx::query_as::<_, Stored>(sql).fetch_all(&mut c).await.unwrap()
        }
    }
}

async fn client_secret_jwt(backend: Backend) {
    let t = setup(backend).await;
    let (s, aud) = (&t.s, t.aud.as_str());
    let cc = |a: String| async move { with_assertion(s, "contoso", None, &a).await };

    // PyJWT's HS256, HS384 and HS512 (RFC 7518 §3.2), with client_id in the body or not.
    for alg in ["HS256", "HS384", "HS512"] {
        let body = expect_token(cc(pyjwt(&assertion_claims("mac-app", aud), SECRET, alg)).await).await;
        let at = jwt_claims(body["access_token"].as_str().unwrap());
        assert_eq!((at["client_id"].as_str(), at["azpacr"].as_str()), (Some("mac-app"), Some("1")), "{at}");
    }
    let a = pyjwt(&assertion_claims("mac-app", aud), SECRET, "HS256");
    expect_token(with_assertion(s, "contoso", Some("mac-app"), &a).await).await;
    // Authlib as the whole client, at the tenant-name path (its URL is the assertion's aud).
    let by_name = s.url("/contoso/oauth2/v2.0/token");
    let fetched = tokio::task::block_in_place(|| authlib_token(&by_name, "mac-app", SECRET));
    assert_eq!(jwt_claims(fetched["access_token"].as_str().unwrap())["client_id"], "mac-app", "{fetched}");

    // The secret is stored sealed (and not in clear) only for clients registered for the method.
    let stored = stored_secrets(s, backend).await;
    let sealed = |id: &str| stored.iter().find(|(c, _)| c == id).unwrap().1.clone();
    let blob = sealed("mac-app").expect("mac-app's secret is sealed");
    assert!(!blob.windows(SECRET.len()).any(|w| w == SECRET.as_bytes()), "sealed, not in clear");
    assert_eq!(sealed("basic-app"), None, "a client without client_secret_jwt keeps only the hash");
    assert_eq!(sealed("mac-short-app").map(|b| b.len() > 12 + 16), Some(true));

    // A wrong secret; a tampered payload.
    let wrong = pyjwt(&assertion_claims("mac-app", aud), OTHER_SECRET, "HS256");
    expect_error(cc(wrong).await, 401, "invalid_client", 700027).await;
    let good = pyjwt(&assertion_claims("mac-app", aud), SECRET, "HS256");
    let p: Vec<&str> = good.split('.').collect();
    let mut c = assertion_claims("mac-app", aud);
    c["exp"] = json!(now() + 200);
    let tampered = format!("{}.{}.{}", p[0], b64(c.to_string().as_bytes()), p[2]);
    expect_error(cc(tampered).await, 401, "invalid_client", 700027).await;
    // A 38-character secret is too short for HS384 and HS512 (RFC 7518 §3.2), fine for HS256.
    expect_token(cc(pyjwt(&assertion_claims("mac-short-app", aud), SHORT_SECRET, "HS256")).await).await;
    expect_error(
        cc(pyjwt(&assertion_claims("mac-short-app", aud), SHORT_SECRET, "HS512")).await,
        401,
        "invalid_client",
        700027,
    )
    .await;
    // A secret past its expiry (Entra's 7000222), even with a valid MAC.
    expect_error(
        cc(pyjwt(&assertion_claims("mac-expired-app", aud), SECRET, "HS256")).await,
        401,
        "invalid_client",
        7000222,
    )
    .await;
    // The same secret still works with Basic for the client registered for both.
    let r = token(
        s,
        "contoso",
        &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")],
        Some(("mac-short-app", SHORT_SECRET)),
    );
    expect_token(r.await).await;

    // A client registered for no assertion method at all (secrets only): 88000005, whatever the alg.
    let basic = pyjwt(&assertion_claims("basic-app", aud), SECRET, "HS256");
    expect_error(cc(basic).await, 401, "invalid_client", 88000005).await;
    // Algorithm confusion. An HMAC for a private_key_jwt client keyed with its public certificate
    // (the classic RS256→HS256 forgery).
    // (PyJWT refuses to use a certificate as an HMAC key, so this MAC is made here.)
    let input = format!(
        "{}.{}",
        b64(json!({"alg": "HS256", "x5t#S256": t.cert.x5t_s256()}).to_string().as_bytes()),
        b64(assertion_claims("cert-app", aud).to_string().as_bytes())
    );
    let key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, t.cert.cert_pem.as_bytes());
    let confused = format!("{input}.{}", b64(aws_lc_rs::hmac::sign(&key, input.as_bytes()).as_ref()));
    expect_error(cc(confused).await, 401, "invalid_client", 700027).await;
    // A signature for a client registered only for client_secret_jwt.
    let signed = t.cert.sign(json!({"alg": "RS256", "x5t#S256": t.cert.x5t_s256()}), &assertion_claims("mac-app", aud));
    expect_error(cc(signed).await, 401, "invalid_client", 700027).await;
    // The private_key_jwt client still signs in with its certificate.
    let signed =
        t.cert.sign(json!({"alg": "PS256", "x5t#S256": t.cert.x5t_s256()}), &assertion_claims("cert-app", aud));
    expect_token(cc(signed).await).await;

    // The claims checks are private_key_jwt's: iss/sub, aud, exp, jti.
    let with = |name: &str, v: Value| {
        let mut c = assertion_claims("mac-app", aud);
        c[name] = v;
        pyjwt(&c, SECRET, "HS256")
    };
    expect_error(cc(with("iss", json!("someone-else"))).await, 401, "invalid_client", 700021).await;
    expect_error(cc(with("aud", json!("https://elsewhere.example/token"))).await, 401, "invalid_client", 700023).await;
    expect_error(cc(with("exp", json!(now() - 120))).await, 401, "invalid_client", 700024).await;
    let mut c = assertion_claims("mac-app", aud);
    c.as_object_mut().unwrap().remove("jti");
    expect_error(cc(pyjwt(&c, SECRET, "HS256")).await, 401, "invalid_client", 88000006).await;

    // Replay: the same assertion again is accepted by default; another one reusing the jti is not.
    let a = pyjwt(&assertion_claims("mac-app", aud), SECRET, "HS256");
    expect_token(cc(a.clone()).await).await;
    expect_token(cc(a.clone()).await).await;
    let mut c = jwt_claims(&a);
    c["exp"] = json!(c["exp"].as_i64().unwrap() + 1);
    expect_error(cc(pyjwt(&c, SECRET, "HS256")).await, 401, "invalid_client", 88000301).await;
    // Strict mode: once.
    let a = pyjwt(&assertion_claims("mac-strict-app", aud), SECRET, "HS256");
    expect_token(cc(a.clone()).await).await;
    expect_error(cc(a).await, 401, "invalid_client", 88000301).await;

    // Discovery lists the method and the HMAC algorithms besides private_key_jwt's.
    let d = discovery(s, "contoso").await;
    let methods = d["token_endpoint_auth_methods_supported"].as_array().unwrap();
    assert!(methods.contains(&json!("client_secret_jwt")) && methods.contains(&json!("private_key_jwt")), "{d}");
    assert_eq!(
        d["token_endpoint_auth_signing_alg_values_supported"],
        json!(["RS256", "PS256", "ES256", "HS256", "HS384", "HS512"])
    );
}

fn jwt_claims(jwt: &str) -> Value {
    use base64::Engine;
    let part = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_secret_jwt_sqlite() {
    client_secret_jwt(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_secret_jwt_postgres() {
    client_secret_jwt(Backend::Postgres).await;
}

#[tokio::test]
async fn discovery_omits_client_secret_jwt_without_such_clients_and_the_cli_opts_in() {
    let s = server().await;
    let d = discovery(&s, "contoso").await;
    assert!(!d["token_endpoint_auth_methods_supported"].as_array().unwrap().contains(&json!("client_secret_jwt")));
    // `client secret add --client-secret-jwt`: the new secret is sealed and the method enabled.
    let out = s.cli(&[
        "client",
        "create",
        "--tenant",
        "contoso",
        "cli-mac",
        "--grant",
        "client_credentials",
        "--role",
        "api://reports=Reports.Read.All",
        "--auth-method",
        "client_secret_jwt",
        "--json",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let created: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(created["auth_methods"], json!(["client_secret_jwt"]));
    let generated = created["secret"].as_str().unwrap().to_string();
    let out = s.cli(&[
        "client",
        "create",
        "--tenant",
        "contoso",
        "cli-basic",
        "--grant",
        "client_credentials",
        "--role",
        "api://reports=Reports.Read.All",
        "--json",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = s.cli(&[
        "client",
        "secret",
        "add",
        "--tenant",
        "contoso",
        "cli-basic",
        "--value",
        SECRET,
        "--client-secret-jwt",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = s.cli(&["client", "show", "--tenant", "contoso", "cli-basic", "--json"]);
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(shown["auth_methods"].as_array().unwrap().contains(&json!("client_secret_jwt")), "{shown}");
    let aud = discovery(&s, "contoso").await["token_endpoint"].as_str().unwrap().to_string();
    // The directory reloads within a second.
    let mut ok = 0;
    for _ in 0..40 {
        let a = pyjwt(&assertion_claims("cli-mac", &aud), &generated, "HS256");
        let b = pyjwt(&assertion_claims("cli-basic", &aud), SECRET, "HS256");
        ok = 0;
        for a in [a, b] {
            if with_assertion(&s, "contoso", None, &a).await.status() == 200 {
                ok += 1;
            }
        }
        if ok == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(ok, 2, "both CLI-made clients authenticate with client_secret_jwt");
    let d = discovery(&s, "contoso").await;
    assert!(d["token_endpoint_auth_methods_supported"].as_array().unwrap().contains(&json!("client_secret_jwt")));
}

/// RFC 7591 `token_endpoint_auth_method: client_secret_jwt`: the generated secret is kept sealed,
/// so the registered client authenticates with a JWT MACed with it (PyJWT); registered with
/// `client_secret_basic`, the same kind of JWT is refused.
#[tokio::test]
async fn a_registered_client_uses_client_secret_jwt() {
    let mut opts = sigil_testkit::ServerOptions::default();
    opts.imports.push(sigil_testkit::fixture("dcr.toml"));
    let s = server_with(opts).await;
    let aud = s.url("/dcr-open/oauth2/v2.0/token");
    let form = |a: &str| {
        vec![
            ("grant_type", "client_credentials".to_string()),
            ("scope", "https://mcp.tools.example/mcp/.default".to_string()),
            ("client_assertion_type", ASSERTION_TYPE.to_string()),
            ("client_assertion", a.to_string()),
        ]
    };
    let mut registered = vec![];
    for method in ["client_secret_jwt", "client_secret_basic"] {
        let body = json!({"grant_types": ["client_credentials"], "response_types": [],
                          "token_endpoint_auth_method": method});
        let r = crate::registration::register(&s, "dcr-open", &body, None).await;
        assert_eq!(r.status(), 201);
        let c: Value = r.json().await.unwrap();
        assert_eq!(c["token_endpoint_auth_method"], method, "{c}");
        registered
            .push((c["client_id"].as_str().unwrap().to_string(), c["client_secret"].as_str().unwrap().to_string()));
    }
    for (i, (id, secret)) in registered.iter().enumerate() {
        let a = pyjwt(&assertion_claims(id, &aud), secret, "HS256");
        let r = s.http().post(&aud).form(&form(&a)).send().await.unwrap();
        if i == 0 {
            expect_token(r).await;
        } else {
            expect_error(r, 401, "invalid_client", 88000005).await;
        }
    }
}
