//! Issue 21 in Chromium: `tests/browser/passkeys.mjs` adds a passkey on the account page with the
//! DevTools Protocol's virtual authenticator, renames it, signs in passwordless with it, then with
//! a password and the passkey as the second factor, and removes it, in each of the six languages,
//! with axe-core on every page. Screenshots land in `test-output/browser-passkeys/` and, with
//! `SIGIL_REGENERATE_DOCS=1`, are copied to `docs/screenshots/`.
use std::time::Duration;

use crate::common::*;

#[tokio::test]
async fn passkeys_in_a_real_browser() {
    let root = crate::browser::playwright_root();
    let mut imports = sigil_testkit::ServerOptions::default().imports;
    imports.push(sigil_testkit::fixture("passkeys.toml"));
    let opts = sigil_testkit::ServerOptions { imports, public_host: "localhost", ..Default::default() };
    let s = server_with(opts).await;
    let out = sigil_testkit::test_output("browser-passkeys");
    let node = std::env::var("SIGIL_TEST_NODE").unwrap_or_else(|_| "node".into());
    let mut cmd = std::process::Command::new(node);
    cmd.current_dir(&root).arg("tests/browser/passkeys.mjs").args(["--base", &s.base, "--out"]).arg(&out);
    let log = out.join("run.log");
    run_client_program(cmd, "the passkeys browser test", &s, &log, Duration::from_secs(240), "ok   ar:").await;
    for page in ["passkey-signin", "passkey-factor", "passkey-account"] {
        for lang in ["en", "ro", "ru", "sl", "zh-CN", "ar"] {
            let shot = out.join(format!("{page}-{lang}.png"));
            assert!(std::fs::metadata(&shot).is_ok_and(|m| m.len() > 1000), "{}", shot.display());
            if std::env::var_os("SIGIL_REGENERATE_DOCS").is_some() {
                let docs = root.join("docs/screenshots");
                std::fs::create_dir_all(&docs).unwrap();
                std::fs::copy(&shot, docs.join(format!("{page}-{lang}.png"))).unwrap();
            }
        }
    }
}
