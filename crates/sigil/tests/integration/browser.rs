//! Sign-in, consent, logout and the troubleshooting pages in a real browser: `tests/browser/run.mjs`
//! drives Debian's Chromium with playwright-core against a spawned server. Screenshots and
//! `report.json` land in `test-output/browser/`.
use std::fs::File;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

const TIMEOUT: Duration = Duration::from_secs(180);

/// The workspace root, once `tests/browser/node_modules` (playwright-core) is there.
pub fn playwright_root() -> std::path::PathBuf {
    let root = sigil_testkit::workspace_root();
    assert!(
        root.join("tests/browser/node_modules/playwright-core").is_dir(),
        "tests/browser/node_modules is missing: run scripts/test.sh (it installs the browser test dependencies)"
    );
    root
}

#[tokio::test]
async fn pages_work_in_a_real_browser() {
    let root = playwright_root();
    let s = server().await;
    let out = sigil_testkit::test_output("browser");
    let (stdout_path, stderr_path) = (out.join("run.stdout.log"), out.join("run.stderr.log"));
    let node = std::env::var("SIGIL_TEST_NODE").unwrap_or_else(|_| "node".into());
    let mut child = Command::new(&node)
        .current_dir(&root)
        .arg("tests/browser/run.mjs")
        .args(["--base", &s.base, "--out"])
        .arg(&out)
        .stdin(Stdio::null())
        .stdout(File::create(&stdout_path).expect("stdout log"))
        .stderr(File::create(&stderr_path).expect("stderr log"))
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start `{node}` ({e}): the browser tests need Node 20+ and Chromium"));
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for node") {
            break Some(status);
        }
        if Instant::now() > deadline {
            // SIGTERM first: Playwright then closes Chromium; SIGKILL if it does not go.
            let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
            let grace = Instant::now() + Duration::from_secs(5);
            while Instant::now() < grace && matches!(child.try_wait(), Ok(None)) {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let stdout = std::fs::read_to_string(&stdout_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    println!("{stdout}");
    match status {
        Some(st) if st.success() => {}
        Some(st) => panic!(
            "browser tests failed ({st}); screenshots in {}\n--- stdout\n{stdout}\n--- stderr\n{stderr}\n--- server log (tail)\n{}",
            out.display(),
            tail(&s.log(), 40)
        ),
        None => panic!(
            "browser tests did not finish within {} s\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
            TIMEOUT.as_secs()
        ),
    }
}

fn tail(s: &str, n: usize) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}
