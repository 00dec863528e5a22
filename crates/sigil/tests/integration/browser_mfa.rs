//! Issue 21 in Chromium: `tests/browser/mfa.mjs` enrolls an authenticator app (reading the secret
//! from the page and computing RFC 6238 codes itself), keeps the recovery codes page, then signs in
//! with a code, in each of the six languages. Screenshots land in `test-output/browser-mfa/` and,
//! with `SIGIL_REGENERATE_DOCS=1`, are copied to `docs/screenshots/`.
use std::time::Duration;

use crate::common::*;

#[tokio::test]
async fn totp_enrollment_and_sign_in_in_a_real_browser() {
    let root = crate::browser::playwright_root();
    let mut imports = sigil_testkit::ServerOptions::default().imports;
    imports.push(sigil_testkit::fixture("mfa.toml"));
    let s = server_with(sigil_testkit::ServerOptions { imports, ..Default::default() }).await;
    let out = sigil_testkit::test_output("browser-mfa");
    let node = std::env::var("SIGIL_TEST_NODE").unwrap_or_else(|_| "node".into());
    let mut cmd = std::process::Command::new(node);
    cmd.current_dir(&root).arg("tests/browser/mfa.mjs").args(["--base", &s.base, "--out"]).arg(&out);
    let log = out.join("run.log");
    run_client_program(cmd, "the MFA browser test", &s, &log, Duration::from_secs(240), "ok   ar:").await;
    publish_screenshots(&out, &["enroll", "recovery", "totp"]);
}
