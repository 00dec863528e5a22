//! The `openid-client` npm library, v6 (`tests/clients/openid-client`, version pinned in its
//! package.json), against a spawned server, unchanged apart from configuration, as a FAPI 2.0
//! client: discovery, PAR + JAR + private_key_jwt + DPoP + PKCE code flow with RFC 9207 `iss`,
//! a DPoP-bound refresh, introspection and revocation. The checks live in `app.mjs`.
use std::process::Command;
use std::time::Duration;

use sigil_testkit::Backend;

use crate::common::*;
use crate::fapi::{CALLBACK, FAPI_CLIENT, FapiFixture, options};

#[tokio::test]
async fn openid_client_fapi2_par_jar_dpop_code_flow() {
    let root = sigil_testkit::workspace_root();
    let app_dir = root.join("tests/clients/openid-client");
    assert!(
        app_dir.join("node_modules/openid-client/package.json").is_file(),
        "{} has no node_modules: run scripts/test.sh (it installs openid-client)",
        app_dir.display()
    );
    let fx = FapiFixture::new();
    let s = server_with(options(Backend::Postgres, &fx)).await;
    let out = sigil_testkit::test_output("openid-client");
    let key_path = out.join(format!("client-key-{}.pem", uuid::Uuid::new_v4()));
    std::fs::write(&key_path, fx.ec.key_pem()).unwrap();
    let mut cmd = Command::new("node");
    cmd.arg("tests/clients/openid-client/app.mjs")
        .args(["--base", &s.base, "--client", FAPI_CLIENT, "--redirect", CALLBACK, "--kid", "ec1"])
        .arg("--key")
        .arg(&key_path)
        .args(["--resource-secret", crate::dpop::RESOURCE.1])
        .current_dir(&root);
    run_client_program(
        cmd,
        "openid-client checks",
        &s,
        &out.join("app.log"),
        Duration::from_secs(60),
        "all openid-client checks passed",
    )
    .await;
}
