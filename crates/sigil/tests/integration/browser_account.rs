//! Issue 21, item 6 in Chromium: `tests/browser/account.mjs` opens the self-service account page
//! in the six languages (axe-core on every page) and does each of its actions in English: a
//! refused and an accepted password change that signs out another session, an authenticator app
//! set up and removed, a session signed out, consent withdrawn. Screenshots land in
//! `test-output/browser-account/` and, with `SIGIL_REGENERATE_DOCS=1`, in `docs/screenshots/`.
use std::time::Duration;

use crate::common::*;

#[tokio::test]
async fn account_page_actions_in_a_real_browser() {
    let root = crate::browser::playwright_root();
    let mut imports = sigil_testkit::ServerOptions::default().imports;
    imports.push(sigil_testkit::fixture("account.toml"));
    let s = server_with(sigil_testkit::ServerOptions { imports, ..Default::default() }).await;
    let out = sigil_testkit::test_output("browser-account");
    let node = std::env::var("SIGIL_TEST_NODE").unwrap_or_else(|_| "node".into());
    let mut cmd = std::process::Command::new(node);
    cmd.current_dir(&root).arg("tests/browser/account.mjs").args(["--base", &s.base, "--out"]).arg(&out);
    let log = out.join("run.log");
    run_client_program(cmd, "the account page browser test", &s, &log, Duration::from_secs(300), "ok   ar:").await;
    for lang in ["en", "ro", "ru", "sl", "zh-CN", "ar"] {
        let shot = out.join(format!("account-{lang}.png"));
        assert!(std::fs::metadata(&shot).is_ok_and(|m| m.len() > 1000), "{}", shot.display());
        if std::env::var_os("SIGIL_REGENERATE_DOCS").is_some() {
            let docs = root.join("docs/screenshots");
            std::fs::create_dir_all(&docs).unwrap();
            std::fs::copy(&shot, docs.join(format!("account-{lang}.png"))).unwrap();
        }
    }
}
