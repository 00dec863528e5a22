//! Microsoft's MSAL Node library (`tests/clients/msal-node`, version pinned in its package.json)
//! against a spawned HTTPS server, unchanged apart from configuration: client credentials and the
//! cache, authorization code + PKCE through the sign-in and consent forms, silent refresh with
//! rotation, the password grant, and the errors MSAL classifies. The checks live in `app.mjs`.
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
    let log = std::fs::File::create(&log_path).expect("log file");
    let mut child = Command::new("node")
        .arg("tests/clients/msal-node/app.mjs")
        .args(["--authority", &format!("{}/contoso", s.base)])
        .current_dir(&root)
        .env("NODE_EXTRA_CA_CERTS", &cert)
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log"))
        .stderr(log)
        .spawn()
        .expect("run node (Node.js 20 or later must be on PATH)");
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait for node") {
            break Some(st);
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let output = std::fs::read_to_string(&log_path).unwrap_or_default();
    println!("{output}");
    match status {
        Some(st) if st.success() => {}
        Some(st) => panic!(
            "MSAL Node checks failed ({st}); output above and in {}\n--- server log ---\n{}",
            log_path.display(),
            s.log()
        ),
        None => panic!("MSAL Node checks did not finish within {TIMEOUT:?}; output so far:\n{output}"),
    }
    assert!(output.contains("all MSAL Node checks passed"), "{output}");
}
