//! Issue 21 in Chromium: `tests/browser/kmsi.mjs` signs in to a tenant with
//! `session.stay_signed_in = "ask"` in each of the six languages, checks the "Stay signed in?"
//! page (language, RTL for Arabic, no horizontal overflow on a phone, axe-core), answers it, and
//! checks the session cookie the browser kept (persistent after yes, a browser-session cookie
//! after no). Screenshots land in `test-output/browser-kmsi/` and, with
//! `SIGIL_REGENERATE_DOCS=1`, are copied to `docs/screenshots/kmsi-<lang>.png`.
use std::time::Duration;

use crate::common::*;

#[tokio::test]
async fn stay_signed_in_page_in_a_real_browser() {
    let root = crate::browser::playwright_root();
    let mut imports = sigil_testkit::ServerOptions::default().imports;
    imports.push(sigil_testkit::fixture("policies.toml"));
    let s = server_with(sigil_testkit::ServerOptions { imports, ..Default::default() }).await;
    let out = sigil_testkit::test_output("browser-kmsi");
    let node = std::env::var("SIGIL_TEST_NODE").unwrap_or_else(|_| "node".into());
    let mut cmd = std::process::Command::new(node);
    cmd.current_dir(&root).arg("tests/browser/kmsi.mjs").args(["--base", &s.base, "--out"]).arg(&out);
    let log = out.join("run.log");
    run_client_program(cmd, "the stay signed in browser test", &s, &log, Duration::from_secs(240), "ok   ar:").await;
    for lang in ["en", "ro", "ru", "sl", "zh-CN", "ar"] {
        let shot = out.join(format!("kmsi-{lang}.png"));
        assert!(std::fs::metadata(&shot).is_ok_and(|m| m.len() > 1000), "{}", shot.display());
        if std::env::var_os("SIGIL_REGENERATE_DOCS").is_some() {
            let docs = root.join("docs/screenshots");
            std::fs::create_dir_all(&docs).unwrap();
            std::fs::copy(&shot, docs.join(format!("kmsi-{lang}.png"))).unwrap();
        }
    }
}
