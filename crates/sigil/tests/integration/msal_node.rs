//! Microsoft's MSAL Node library (`tests/clients/msal-node`, version pinned in its package.json)
//! against a spawned HTTPS server, unchanged apart from configuration: client credentials and the
//! cache, authorization code + PKCE through the sign-in and consent forms, silent refresh with
//! rotation, the password grant, the device code flow (RFC 8628; the verification page completed
//! while MSAL polls), and the errors MSAL classifies. The checks live in `app.mjs`.
use std::process::Command;
use std::time::Duration;

use sigil_testkit::ServerOptions;

use crate::common::*;

const TIMEOUT: Duration = Duration::from_secs(120);

#[tokio::test]
async fn msal_node_confidential_client_flows() {
    let root = sigil_testkit::workspace_root();
    let app_dir = root.join("tests/clients/msal-node");
    assert!(
        app_dir.join("node_modules/@azure/msal-node/package.json").is_file(),
        "{} has no node_modules: run scripts/test.sh (it installs the MSAL Node library)",
        app_dir.display()
    );
    // Entra-like lifetime: MSAL treats a token within 300 s of expiry as expired and never serves
    // it from its cache, so the cache checks need more than that.
    let s = server_with(ServerOptions {
        tls: true,
        env: vec![("SIGIL_TOKENS_ACCESS_TOKEN_LIFETIME".into(), "3600".into())],
        ..Default::default()
    })
    .await;
    let cert = s.cert.clone().expect("TLS server has a certificate");
    let out_dir = sigil_testkit::test_output("msal-node");
    let log_path = out_dir.join("app.log");
    let mut cmd = Command::new("node");
    cmd.arg("tests/clients/msal-node/app.mjs")
        .args(["--authority", &format!("{}/contoso", s.base)])
        .current_dir(&root)
        .env("NODE_EXTRA_CA_CERTS", &cert);
    run_client_program(cmd, "MSAL Node checks", &s, &log_path, TIMEOUT, "all MSAL Node checks passed").await;
}

/// Microsoft's `@azure/identity` for JavaScript (`tests/clients/azure-identity-js`):
/// `DeviceCodeCredential`, the verification page completed while it polls.
#[tokio::test]
async fn azure_identity_js_device_code_credential() {
    let root = sigil_testkit::workspace_root();
    let app_dir = root.join("tests/clients/azure-identity-js");
    assert!(
        app_dir.join("node_modules/@azure/identity/package.json").is_file(),
        "{} has no node_modules: run scripts/test.sh (it installs @azure/identity)",
        app_dir.display()
    );
    let s = server_with(ServerOptions { tls: true, ..Default::default() }).await;
    let cert = s.cert.clone().expect("TLS server has a certificate");
    let log_path = sigil_testkit::test_output("azure-identity-js").join("device_code.log");
    let mut cmd = Command::new("node");
    cmd.arg("tests/clients/azure-identity-js/device_code.mjs")
        .args(["--authority-host", &s.base, "--tenant", "contoso"])
        .current_dir(&root)
        .env("NODE_EXTRA_CA_CERTS", &cert)
        .env_remove("AZURE_AUTHORITY_HOST");
    run_client_program(cmd, "@azure/identity checks", &s, &log_path, TIMEOUT, "ALL AZURE IDENTITY JS CHECKS PASSED")
        .await;
}

/// MSAL Node's `clientCertificate` (PS256 with `x5t#S256`), unchanged.
#[tokio::test]
async fn msal_node_certificate_credential() {
    use crate::client_assertions::overlay;
    let root = sigil_testkit::workspace_root();
    assert!(
        root.join("tests/clients/msal-node/node_modules/@azure/msal-node/package.json").is_file(),
        "run scripts/test.sh (it installs the MSAL Node library)"
    );
    let (key, clients) = cert_app();
    let path = overlay("msal-node", &clients);
    let dir = path.parent().unwrap().to_path_buf();
    std::fs::write(dir.join("client-key.pem"), key.key_pem()).unwrap();
    std::fs::write(dir.join("client-cert.pem"), &key.cert_pem).unwrap();
    let mut imports = ServerOptions::default().imports;
    imports.push(path);
    let s = server_with(ServerOptions { tls: true, imports, ..Default::default() }).await;
    let cert = s.cert.clone().expect("TLS server has a certificate");
    let mut cmd = Command::new("node");
    cmd.arg("tests/clients/msal-node/certificate.mjs")
        .args(["--authority", &format!("{}/contoso", s.base)])
        .args(["--key", &dir.join("client-key.pem").display().to_string()])
        .args(["--cert", &dir.join("client-cert.pem").display().to_string()])
        .current_dir(&root)
        .env("NODE_EXTRA_CA_CERTS", &cert);
    let log_path = sigil_testkit::test_output("msal-node").join("certificate.log");
    run_client_program(cmd, "MSAL Node certificate", &s, &log_path, TIMEOUT, "all MSAL Node certificate checks passed")
        .await;
}

/// On-behalf-of with MSAL Node's `acquireTokenOnBehalfOf` as the middle tier (`obo.mjs`).
#[tokio::test]
async fn msal_node_on_behalf_of() {
    use crate::on_behalf_of::{FRONT, consent_to_middle, obo_options, user_token};
    let root = sigil_testkit::workspace_root();
    assert!(
        root.join("tests/clients/msal-node/node_modules/@azure/msal-node/package.json").is_file(),
        "tests/clients/msal-node has no node_modules: run scripts/test.sh (it installs the MSAL Node library)"
    );
    let mut opts = obo_options(sigil_testkit::Backend::Sqlite);
    opts.tls = true;
    // MSAL serves from its cache only tokens more than 300 s from expiry.
    opts.env.push(("SIGIL_TOKENS_ACCESS_TOKEN_LIFETIME".into(), "3600".into()));
    let s = server_with(opts).await;
    consent_to_middle(&s, "api://downstream/Data.Read").await;
    let front = user_token(&s, FRONT).await;
    let cert = s.cert.clone().expect("TLS server has a certificate");
    let log_path = sigil_testkit::test_output("msal-node").join("obo.log");
    let mut cmd = Command::new("node");
    cmd.arg("tests/clients/msal-node/obo.mjs")
        .args(["--authority", &format!("{}/obo", s.base)])
        .args(["--assertion", front["access_token"].as_str().unwrap()])
        .current_dir(&root)
        .env("NODE_EXTRA_CA_CERTS", &cert);
    run_client_program(cmd, "MSAL Node OBO", &s, &log_path, TIMEOUT, "all MSAL Node OBO checks passed").await;
}

/// `@azure/identity` (JavaScript) `ClientCertificateCredential`, unchanged: MSAL Node underneath
/// signs the assertion with the certificate's key.
#[tokio::test]
async fn azure_identity_js_client_certificate_credential() {
    azure_identity_js_with_certificate("certificate", "CERTIFICATE CHECKS PASSED").await;
}

/// `@azure/identity` (JavaScript) `ClientAssertionCredential`, unchanged: the assertion callback
/// signs with the certificate's key using node:crypto (`tests/clients/azure-identity-js/assertion.mjs`).
#[tokio::test]
async fn azure_identity_js_client_assertion_credential() {
    azure_identity_js_with_certificate("client-assertion", "CLIENT-ASSERTION CHECKS PASSED").await;
}

/// `credentials.mjs <mode>` for `cert-app`, registered with a new certificate whose key and
/// certificate the script gets as one PEM file.
async fn azure_identity_js_with_certificate(mode: &str, done_marker: &str) {
    use crate::client_assertions::overlay;
    let root = sigil_testkit::workspace_root();
    let (key, clients) = cert_app();
    let path = overlay("azure-identity-js", &clients);
    let pem = path.parent().unwrap().join("key-and-cert.pem");
    std::fs::write(&pem, format!("{}{}", key.key_pem(), key.cert_pem)).unwrap();
    let mut imports = ServerOptions::default().imports;
    imports.push(path);
    let s = server_with(ServerOptions { tls: true, imports, ..Default::default() }).await;
    let cert = s.cert.clone().expect("TLS server has a certificate");
    let mut cmd = Command::new("node");
    cmd.arg("tests/clients/azure-identity-js/credentials.mjs")
        .args([mode, "--authority-host", &s.base, "--tenant", "contoso", "--client", "cert-app"])
        .args(["--pem", &pem.display().to_string(), "--scope", "api://reports/.default"])
        .current_dir(&root)
        .env("NODE_EXTRA_CA_CERTS", &cert)
        .env_remove("AZURE_AUTHORITY_HOST");
    let log_path = sigil_testkit::test_output("azure-identity-js").join(format!("{mode}.log"));
    run_client_program(cmd, &format!("@azure/identity {mode}"), &s, &log_path, TIMEOUT, done_marker).await;
}

/// `@azure/identity` (JavaScript) `OnBehalfOfCredential` as the middle tier, unchanged.
#[tokio::test]
async fn azure_identity_js_on_behalf_of_credential() {
    use crate::on_behalf_of::{FRONT, MIDDLE, consent_to_middle, obo_options, user_token};
    let root = sigil_testkit::workspace_root();
    let mut opts = obo_options(sigil_testkit::Backend::Sqlite);
    opts.tls = true;
    // The credential's cache serves only tokens more than 300 s from expiry.
    opts.env.push(("SIGIL_TOKENS_ACCESS_TOKEN_LIFETIME".into(), "3600".into()));
    let s = server_with(opts).await;
    consent_to_middle(&s, "api://downstream/Data.Read").await;
    let front = user_token(&s, FRONT).await;
    let cert = s.cert.clone().expect("TLS server has a certificate");
    let mut cmd = Command::new("node");
    cmd.arg("tests/clients/azure-identity-js/credentials.mjs")
        .args(["on-behalf-of", "--authority-host", &s.base, "--tenant", "obo", "--client", MIDDLE.0])
        .args(["--secret", MIDDLE.1, "--assertion", front["access_token"].as_str().unwrap()])
        .args(["--scope", "api://downstream/Data.Read"])
        .current_dir(&root)
        .env("NODE_EXTRA_CA_CERTS", &cert)
        .env_remove("AZURE_AUTHORITY_HOST");
    let log_path = sigil_testkit::test_output("azure-identity-js").join("on-behalf-of.log");
    run_client_program(cmd, "@azure/identity on-behalf-of", &s, &log_path, TIMEOUT, "ON-BEHALF-OF CHECKS PASSED").await;
}

/// A client `cert-app` (client credentials for api://reports) registered with a new RSA
/// certificate: the key, and the import-file lines that register it.
fn cert_app() -> (crate::client_assertions::TestKey, String) {
    let key = crate::client_assertions::TestKey::rsa();
    let clients = format!(
        "  [[tenant.client]]\n  client_id = \"cert-app\"\n  grant_types = [\"client_credentials\"]\n    \
         [[tenant.client.permission]]\n    api = \"api://reports\"\n    roles = [\"Reports.Read.All\"]\n    \
         [[tenant.client.certificate]]\n    pem = \"\"\"\n{}\"\"\"\n",
        key.cert_pem
    );
    (key, clients)
}
