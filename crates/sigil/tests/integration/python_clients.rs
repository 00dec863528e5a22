//! Real Python client libraries (pinned in `tests/clients/requirements.txt`, installed into a venv
//! by `scripts/test.sh`, which exports `SIGIL_TEST_PYTHON`) against a spawned server:
//! - Authlib as an OAuth 2.0 client and OpenID Connect relying party (`tests/clients/authlib/rp.py`);
//! - Microsoft's MSAL Python, unchanged apart from configuration (`tests/clients/msal-python/app.py`).
//!
//! The checks live in the scripts; each prints one line per check and exits 0 only when all pass.
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use sigil_testkit::{Server, ServerOptions};

use crate::common::*;

const TIMEOUT: Duration = Duration::from_secs(120);

fn python() -> String {
    match std::env::var("SIGIL_TEST_PYTHON") {
        Ok(p) if !p.is_empty() => p,
        _ => panic!("SIGIL_TEST_PYTHON is not set: run scripts/test.sh (it installs the Python client libraries)"),
    }
}

/// Runs `python script args…` from the workspace root; panics with its output and the server log
/// unless it exits 0 within [`TIMEOUT`] and printed `done_marker`.
async fn run_script(python: &str, s: &Server, name: &str, script: &str, args: &[&str], done_marker: &str) {
    let root = sigil_testkit::workspace_root();
    let log_path = sigil_testkit::test_output("python-clients").join(format!("{name}.log"));
    let mut cmd = Command::new(python);
    cmd.arg(script)
        .args(args)
        .current_dir(&root)
        .env("PYTHONUNBUFFERED", "1")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env_remove("MSAL_FORCE_REGION")
        .env_remove("REGION_NAME");
    run_client_program(cmd, script, s, &log_path, TIMEOUT, done_marker).await;
}

#[tokio::test]
async fn authlib_relying_party() {
    let python = python();
    let s = server().await;
    run_script(
        &python,
        &s,
        "authlib",
        "tests/clients/authlib/rp.py",
        &["--base", &s.base, "--ca", ""],
        "ALL AUTHLIB CHECKS PASSED",
    )
    .await;
}

/// MSAL's username/password flow first asks `https://<authority host>/common/userrealm/…` on port
/// 443 whatever port the authority names, so this server also listens on 127.0.0.1:443. Waits while
/// another run of this test holds the port.
async fn wait_for_port_443() {
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        match std::net::TcpListener::bind("127.0.0.1:443") {
            Ok(l) => {
                drop(l);
                return;
            }
            Err(e) if Instant::now() < deadline && e.kind() == std::io::ErrorKind::AddrInUse => {
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Err(e) => panic!(
                "cannot listen on 127.0.0.1:443 ({e}): MSAL Python's username/password flow calls the user \
                 realm endpoint on port 443 (run as root, or grant CAP_NET_BIND_SERVICE)"
            ),
        }
    }
}

#[tokio::test]
async fn msal_python() {
    let python = python();
    wait_for_port_443().await;
    let root = sigil_testkit::workspace_root();
    let mut imports = ServerOptions::default().imports;
    // Keeps the daemon's tokens an hour long, so MSAL's cache can serve them (see the file).
    imports.push(root.join("tests/clients/msal-python/overlay.toml"));
    let s = server_with(ServerOptions {
        tls: true,
        env: vec![
            ("SIGIL_SERVER_EXTRA_LISTEN".into(), r#"["127.0.0.1:443"]"#.into()),
            // Under MSAL's 5-minute margin: acquire_token_silent() must refresh at once.
            ("SIGIL_TOKENS_ACCESS_TOKEN_LIFETIME".into(), "120".into()),
        ],
        imports,
        ..Default::default()
    })
    .await;
    let cert = s.cert.clone().expect("TLS server has a certificate");
    assert!(Path::new(&cert).is_file());
    run_script(
        &python,
        &s,
        "msal-python",
        "tests/clients/msal-python/app.py",
        &["--authority", &format!("{}/contoso", s.base), "--ca", &cert.display().to_string()],
        "ALL MSAL PYTHON CHECKS PASSED",
    )
    .await;
}

/// Python azure-identity's `DeviceCodeCredential` (`tests/clients/azure-identity/device_code.py`).
#[tokio::test]
async fn azure_identity_device_code_credential() {
    let python = python();
    let s = server_with(ServerOptions { tls: true, ..Default::default() }).await;
    let cert = s.cert.clone().expect("TLS server has a certificate");
    run_script(
        &python,
        &s,
        "azure-identity-device-code",
        "tests/clients/azure-identity/device_code.py",
        &["--authority-host", &s.base, "--tenant", "contoso", "--ca", &cert.display().to_string()],
        "ALL AZURE IDENTITY DEVICE CODE CHECKS PASSED",
    )
    .await;
}

/// MSAL Python's certificate credential and Azure Identity's `CertificateCredential` and
/// `ClientAssertionCredential` (a workload token from a loopback issuer), unchanged.
#[tokio::test]
async fn msal_python_certificate_and_azure_identity_assertions() {
    use crate::client_assertions::*;
    let python = python();
    let (cert, idp_key) = (TestKey::rsa(), TestKey::rsa());
    let idp = DocServer::start().await;
    let issuer = idp.base.clone();
    idp.put(
        "/.well-known/openid-configuration",
        serde_json::json!({"issuer": issuer, "jwks_uri": format!("{issuer}/keys")}),
    );
    idp.put("/keys", serde_json::json!({"keys": [idp_key.jwk("idp")]}));
    let clients = format!(
        r#"
  [[tenant.client]]
  client_id = "cert-app"
  grant_types = ["client_credentials"]
    [[tenant.client.permission]]
    api = "api://reports"
    roles = ["Reports.Read.All"]
    [[tenant.client.certificate]]
    pem = """
{}"""
  [[tenant.client]]
  client_id = "workload-app"
  grant_types = ["client_credentials"]
    [[tenant.client.permission]]
    api = "api://reports"
    roles = ["Reports.Read.All"]
    [[tenant.client.federated_credential]]
    name = "worker"
    issuer = "{issuer}"
    subject = "system:serviceaccount:payments:worker"
"#,
        cert.cert_pem
    );
    let path = overlay("python", &clients);
    let dir = path.parent().unwrap().to_path_buf();
    let mut imports = ServerOptions::default().imports;
    imports.push(path);
    let s = server_with(ServerOptions { tls: true, env: outbound_env(), imports, ..Default::default() }).await;
    std::fs::write(dir.join("client-key.pem"), cert.key_pem()).unwrap();
    std::fs::write(dir.join("client-cert.pem"), &cert.cert_pem).unwrap();
    let t = now();
    let workload = idp_key.sign(
        serde_json::json!({"alg": "RS256", "kid": "idp"}),
        &serde_json::json!({"iss": issuer, "sub": "system:serviceaccount:payments:worker",
            "aud": ["api://AzureADTokenExchange"], "iat": t, "exp": t + 3000}),
    );
    std::fs::write(dir.join("workload-token"), workload).unwrap();
    let ca = s.cert.clone().expect("TLS server has a certificate");
    let arg = |name: &str| dir.join(name).display().to_string();
    run_script(
        &python,
        &s,
        "certificate",
        "tests/clients/msal-python/certificate.py",
        &[
            "--authority",
            &format!("{}/contoso", s.base),
            "--ca",
            &ca.display().to_string(),
            "--key",
            &arg("client-key.pem"),
            "--cert",
            &arg("client-cert.pem"),
            "--workload-token",
            &arg("workload-token"),
        ],
        "ALL CERTIFICATE CHECKS PASSED",
    )
    .await;
}

/// On-behalf-of with MSAL Python (`acquire_token_on_behalf_of`) and azure-identity
/// (`OnBehalfOfCredential`) as the middle tier (`tests/clients/obo/obo.py`).
#[tokio::test]
async fn msal_python_and_azure_identity_on_behalf_of() {
    use crate::on_behalf_of::{FRONT, consent_to_middle, obo_options, user_token};
    let python = python();
    let s = server_with(ServerOptions { tls: true, ..obo_options(sigil_testkit::Backend::Sqlite) }).await;
    consent_to_middle(&s, "api://downstream/Data.Read").await;
    let front = user_token(&s, FRONT).await;
    let cert = s.cert.clone().expect("TLS server has a certificate");
    run_script(
        &python,
        &s,
        "obo",
        "tests/clients/obo/obo.py",
        &[
            "--host",
            &s.base,
            "--tenant",
            "obo",
            "--ca",
            &cert.display().to_string(),
            "--assertion",
            front["access_token"].as_str().unwrap(),
        ],
        "ALL OBO CLIENT CHECKS PASSED",
    )
    .await;
}
