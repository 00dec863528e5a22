//! The `oauth4webapi` npm library (`tests/clients/oauth4webapi`, version pinned in its
//! package.json) against a spawned server, unchanged apart from configuration: PAR with DPoP, the
//! code flow (the program posts the sign-in and consent forms), RFC 9207 `iss`, DPoP-bound tokens,
//! userinfo, a key-bound refresh and server nonces. The checks live in `app.mjs`.
use std::process::Command;
use std::time::Duration;

use sigil_testkit::Backend;

use crate::common::*;

#[tokio::test]
async fn oauth4webapi_par_dpop_code_flow() {
    let root = sigil_testkit::workspace_root();
    let app_dir = root.join("tests/clients/oauth4webapi");
    assert!(
        app_dir.join("node_modules/oauth4webapi/package.json").is_file(),
        "{} has no node_modules: run scripts/test.sh (it installs oauth4webapi)",
        app_dir.display()
    );
    let s = server_with(crate::dpop::options(Backend::Sqlite)).await;
    let log_path = sigil_testkit::test_output("oauth4webapi").join("app.log");
    let mut cmd = Command::new("node");
    cmd.arg("tests/clients/oauth4webapi/app.mjs").args(["--base", &s.base]).current_dir(&root);
    run_client_program(
        cmd,
        "oauth4webapi checks",
        &s,
        &log_path,
        Duration::from_secs(60),
        "all oauth4webapi checks passed",
    )
    .await;
}
