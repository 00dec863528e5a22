//! Workload identity federation: a token from an independent OpenID provider started by the test
//! (a loopback server publishing a discovery document and a JWKS, as GitHub Actions and Kubernetes
//! do) authenticates a client whose federated credential names its issuer, subject and audience.
//! Sigil finds the keys through the issuer's discovery document, as for any issuer.
use serde_json::{Value, json};
use sigil_testkit::Backend;

use crate::client_assertions::*;
use crate::common::*;

const SUBJECT: &str = "system:serviceaccount:payments:worker";
const AUDIENCE: &str = "api://AzureADTokenExchange";

fn workload_token(key: &TestKey, issuer: &str, sub: &str, aud: &str, kid: &str) -> String {
    let t = now();
    let claims = json!({"iss": issuer, "sub": sub, "aud": [aud], "iat": t, "nbf": t, "exp": t + 600,
        "jti": uuid::Uuid::new_v4().to_string(), "kubernetes.io": {"namespace": "payments"}});
    key.sign(json!({"alg": "RS256", "kid": kid, "typ": "JWT"}), &claims)
}

fn fed_client(client_id: &str, credentials: &str) -> String {
    format!(
        r#"
  [[tenant.client]]
  client_id = "{client_id}"
  type = "confidential"
  grant_types = ["client_credentials"]
    [[tenant.client.permission]]
    api = "api://reports"
    roles = ["Reports.Read.All"]
{credentials}"#
    )
}

#[tokio::test]
async fn a_token_of_a_trusted_issuer_authenticates_the_client() {
    let idp = DocServer::start().await;
    let key = TestKey::rsa();
    let issuer = idp.base.clone();
    idp.put("/.well-known/openid-configuration", json!({"issuer": issuer, "jwks_uri": format!("{issuer}/keys")}));
    idp.put("/keys", json!({"keys": [key.jwk("idp-1")]}));
    // An issuer whose discovery document claims to be another issuer.
    let liar = format!("{issuer}/liar");
    idp.put(
        "/liar/.well-known/openid-configuration",
        json!({"issuer": "https://elsewhere.example", "jwks_uri": format!("{issuer}/keys")}),
    );
    let credentials = format!(
        r#"
    [[tenant.client.federated_credential]]
    name = "payments-worker"
    issuer = "{issuer}"
    subject = "{SUBJECT}"
    [[tenant.client.federated_credential]]
    name = "liar"
    issuer = "{liar}"
    subject = "{SUBJECT}"
"#
    );
    let s = server_with_overlay(overlay("federated", &fed_client("workload-app", &credentials)), Backend::Sqlite).await;
    let fed = |assertion: String| {
        let s = &s;
        async move { with_assertion(s, "contoso", Some("workload-app"), &assertion).await }
    };
    let body = expect_token(fed(workload_token(&key, &issuer, SUBJECT, AUDIENCE, "idp-1")).await).await;
    let at: Value = serde_json::from_slice(
        &base64::Engine::decode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            body["access_token"].as_str().unwrap().split('.').nth(1).unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(at["client_id"], "workload-app");
    // The same workload token again (a Kubernetes token file is reused until it is renewed).
    let again = workload_token(&key, &issuer, SUBJECT, AUDIENCE, "idp-1");
    expect_token(fed(again.clone()).await).await;
    expect_token(fed(again).await).await;
    // No credential for that issuer (700211), subject (700213) or audience (700212).
    let other_issuer = workload_token(&key, "https://token.actions.githubusercontent.com", SUBJECT, AUDIENCE, "idp-1");
    expect_error(fed(other_issuer).await, 401, "invalid_client", 700211).await;
    let other_subject = workload_token(&key, &issuer, "system:serviceaccount:payments:intruder", AUDIENCE, "idp-1");
    expect_error(fed(other_subject).await, 401, "invalid_client", 700213).await;
    let other_audience = workload_token(&key, &issuer, SUBJECT, "api://other", "idp-1");
    expect_error(fed(other_audience).await, 401, "invalid_client", 700212).await;
    // A key the issuer does not publish, and a forged signature.
    expect_error(
        fed(workload_token(&TestKey::rsa(), &issuer, SUBJECT, AUDIENCE, "idp-9")).await,
        401,
        "invalid_client",
        88000300,
    )
    .await;
    expect_error(
        fed(workload_token(&TestKey::rsa(), &issuer, SUBJECT, AUDIENCE, "idp-1")).await,
        401,
        "invalid_client",
        700027,
    )
    .await;
    // An expired workload token.
    let t = now();
    let expired = key.sign(
        json!({"alg": "RS256", "kid": "idp-1"}),
        &json!({"iss": issuer, "sub": SUBJECT, "aud": AUDIENCE, "iat": t - 900, "exp": t - 300}),
    );
    expect_error(fed(expired).await, 401, "invalid_client", 700024).await;
    // The discovery document must name the token's issuer (OpenID Connect Discovery §4.3).
    expect_error(fed(workload_token(&key, &liar, SUBJECT, AUDIENCE, "idp-1")).await, 401, "invalid_client", 88000303)
        .await;
}
