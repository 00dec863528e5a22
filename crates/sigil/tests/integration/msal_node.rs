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
