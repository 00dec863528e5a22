//! Microsoft's MSAL.js (`@azure/msal-browser`, pinned in `tests/browser/package.json`) in Chromium
//! against a spawned HTTPS server (issue 19 item 6): a single-page application on a loopback origin
//! signs in by redirect, redeems the code from the page, renews its token silently with the refresh
//! token (through CORS, with `Origin`: Entra's AADSTS9002327 rule), and signs out by redirect. The
//! checks live in `tests/browser/msal.mjs`; this test fails when any of them does.
use std::process::Command;
use std::time::Duration;

use sigil_testkit::server::free_port;
use sigil_testkit::{ServerOptions, db};

use crate::common::*;

const TIMEOUT: Duration = Duration::from_secs(110);

#[tokio::test]
async fn msal_browser_signs_in_renews_and_signs_out_in_chromium() {
    let root = crate::browser::playwright_root();
    assert!(
        root.join("tests/browser/node_modules/@azure/msal-browser/lib/msal-browser.min.js").is_file(),
        "tests/browser/node_modules has no @azure/msal-browser: run scripts/test.sh (npm ci in tests/browser)"
    );
    let spa_port = free_port();
    let dir = db::temp_dir("msal-browser");
    let f = dir.join("msal-browser.toml");
    let toml = format!(
        r#"[[tenant]]
name = "spa-msal"
  [[tenant.api]]
  name = "notes"
  identifier = "api://notes"
  scopes = ["Notes.Read"]

  [[tenant.client]]
  client_id = "msal-spa"
  type = "spa"
  grant_types = ["authorization_code", "refresh_token"]
  redirect_uris = ["http://127.0.0.1:{spa_port}/"]
  post_logout_redirect_uris = ["http://127.0.0.1:{spa_port}/signed-out"]
    [[tenant.client.permission]]
    api = "api://notes"
    scopes = ["Notes.Read"]

  [[tenant.user]]
  username = "dana"
  password = "dana-msal-password-0123"
"#
    );
    std::fs::write(&f, toml).unwrap();
    // MSAL treats a token within 300 s of expiry as expired and never serves it from its cache.
    let s = server_with(ServerOptions {
        tls: true,
        imports: vec![f],
        env: vec![("SIGIL_TOKENS_ACCESS_TOKEN_LIFETIME".into(), "3600".into())],
        ..Default::default()
    })
    .await;
    let node = std::env::var("SIGIL_TEST_NODE").unwrap_or_else(|_| "node".into());
    let mut cmd = Command::new(node);
    cmd.current_dir(&root).arg("tests/browser/msal.mjs").args([
        "--authority",
        &format!("{}/spa-msal", s.base),
        "--spa-port",
        &spa_port.to_string(),
        "--client-id",
        "msal-spa",
        "--username",
        "dana",
        "--password",
        "dana-msal-password-0123",
        "--scope",
        "api://notes/Notes.Read",
    ]);
    let log = sigil_testkit::test_output("msal-browser").join("msal.log");
    run_client_program(cmd, "MSAL.js in Chromium", &s, &log, TIMEOUT, "all MSAL.js checks passed").await;
}
