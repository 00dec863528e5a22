//! Issue 17 regression tests (hardening_ops): documented environment variables, passwords outside
//! argv, closed pipes, one set of provisioning rules, the master key inside the data folder, userinfo
//! (form-body token, `email_verified`, profile claims) and a tenant issuer by name.
use std::process::{Output, Stdio};

use serde_json::Value;
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::common::*;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write_file(s: &Server, name: &str, text: &str) -> String {
    let p = s.dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

/// A token for a user through the password grant of `legacy-cli`.
async fn user_tokens(s: &Server, tenant: &str, user: &str, password: &str, scope: &str) -> Value {
    let r = token(
        s,
        tenant,
        &[("grant_type", "password"), ("username", user), ("password", password), ("scope", scope)],
        Some(LEGACY),
    )
    .await;
    assert_eq!(r.status(), 200, "password grant for {user}: {}", r.text().await.unwrap());
    r.json().await.unwrap()
}

#[tokio::test]
async fn documented_environment_variables_are_accepted() {
    let s = server().await;
    // SIGIL_LOG (docs/configuration.md) with a CLI command and with the server.
    let out = s.command().args(["config", "check"]).env("SIGIL_LOG", "debug").output().unwrap();
    assert!(out.status.success(), "SIGIL_LOG refused: {}", stderr(&out));
    // SIGIL_USER_PASSWORD (docs/provisioning.md).
    let out = s
        .command()
        .args(["user", "create", "--tenant", "contoso", "erin"])
        .env("SIGIL_USER_PASSWORD", "erin-password-from-env")
        .current_dir(&s.dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "SIGIL_USER_PASSWORD refused: {}", stderr(&out));
    user_tokens(&s, "contoso", "erin", "erin-password-from-env", "openid").await;
    // A misspelt variable is still refused, by name.
    let out = s.command().args(["config", "check"]).env("SIGIL_LOGG", "debug").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("SIGIL_LOGG"), "{}", stderr(&out));
}

#[test]
fn a_bad_environment_value_names_the_variable_and_why() {
    for (var, value, why) in [
        ("SIGIL_SERVER_SHUTDOWN_GRACE", "soon", "number"),
        ("SIGIL_TOKENS_CODE_LIFETIME", "-5", "positive"),
        ("SIGIL_SERVER_LISTEN", "nowhere", "address"),
    ] {
        let out = sigil_command().args(["config", "check"]).env(var, value).output().unwrap();
        let e = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{var}: {e}");
        assert!(e.contains(var) && e.contains(value) && e.contains(why), "{var}={value}: {e}");
        assert!(!e.contains("(defaults)"), "{e}");
    }
    // A secret's value is never echoed.
    let out = sigil_command()
        .args(["config", "check"])
        .env("SIGIL_DATABASE_URL", "mysql://root:hunter2-secret@db/sigil")
        .output()
        .unwrap();
    let e = stderr(&out);
    assert!(e.contains("SIGIL_DATABASE_URL") && !e.contains("hunter2-secret"), "{e}");
}

/// `sigil explain 7000215 | head -c1`: the reader goes away; the CLI must not panic (exit 101).
#[test]
fn printing_into_a_closed_pipe_exits_quietly() {
    for args in [&["explain", "7000215"][..], &["explain", "7000215", "--json"], &["config", "check"]] {
        let mut child =
            sigil_command().args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn sigil");
        drop(child.stdout.take()); // closed before the first write
        let out = child.wait_with_output().unwrap();
        let e = stderr(&out);
        assert!(!e.contains("panicked") && out.status.code() != Some(101), "{args:?}: {:?} {e}", out.status);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {e}");
    }
}

#[tokio::test]
async fn user_passwords_come_from_a_file_or_the_environment_not_argv() {
    let s = server().await;
    let file = write_file(&s, "frank.pw", "frank-password-in-a-file\n");
    let args = ["user", "create", "--tenant", "contoso", "frank", "--password-file", file.as_str()];
    let out = s.cli(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!args.iter().any(|a| a.contains("frank-password")));
    user_tokens(&s, "contoso", "frank", "frank-password-in-a-file", "openid").await;
    // Update from the environment.
    let out = s
        .command()
        .args(["user", "update", "--tenant", "contoso", "frank", "--password-env"])
        .env("SIGIL_USER_PASSWORD", "frank-new-password")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    user_tokens(&s, "contoso", "frank", "frank-new-password", "openid").await;
    // --password still works but warns that every local user can read it.
    let out = s.cli(&["user", "create", "--tenant", "contoso", "gina", "--password", "gina-visible-password"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("process list"), "{}", stderr(&out));
    // No source at all, without a terminal: a clear refusal, not a hang.
    let out =
        s.command().args(["user", "create", "--tenant", "contoso", "hank"]).stdin(Stdio::null()).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--password-file"), "{}", stderr(&out));
}

/// Each drift between `sigil import` and the admin CLI: the CLI refuses what import refuses, with
/// the same message.
#[tokio::test]
async fn the_admin_cli_refuses_what_import_refuses_with_the_same_message() {
    let s = server().await;
    let uuid_name = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["user", "update", "--tenant", "contoso", "alice", "--password", "short"],
            "[[tenant]]\nname = \"contoso\"\n[[tenant.user]]\nusername = \"alice\"\npassword = \"short\"\n".into(),
        ),
        (
            vec!["user", "create", "--tenant", "contoso", "ivy", "--password", "short"],
            "[[tenant]]\nname = \"contoso\"\n[[tenant.user]]\nusername = \"ivy\"\npassword = \"short\"\n".into(),
        ),
        (
            vec!["client", "create", "--tenant", "contoso", "pub-cc", "--public", "--grant", "client_credentials"],
            "[[tenant]]\nname = \"contoso\"\n[[tenant.client]]\nclient_id = \"pub-cc\"\ntype = \"public\"\ngrant_types = [\"client_credentials\"]\n".into(),
        ),
        (
            vec!["client", "create", "--tenant", "contoso", "no-redirect", "--public", "--grant", "authorization_code"],
            "[[tenant]]\nname = \"contoso\"\n[[tenant.client]]\nclient_id = \"no-redirect\"\ntype = \"public\"\ngrant_types = [\"authorization_code\"]\n".into(),
        ),
        (
            vec!["client", "update", "--tenant", "contoso", "reporting-daemon", "--grant", "authorization_code"],
            "[[tenant]]\nname = \"contoso\"\n[[tenant.client]]\nclient_id = \"reporting-daemon\"\ngrant_types = [\"authorization_code\"]\n[[tenant.client.secret]]\nvalue = \"daemon-secret-change-me-0123456789abcdef\"\n".into(),
        ),
        (vec!["tenant", "create", uuid_name], format!("[[tenant]]\nname = \"{uuid_name}\"\n")),
        (vec!["tenant", "create", "a/b"], "[[tenant]]\nname = \"a/b\"\n".into()),
    ];
    for (i, (cli, file)) in cases.iter().enumerate() {
        let imp = s.cli(&["import", &write_file(&s, &format!("drift-{i}.toml"), file)]);
        assert_eq!(imp.status.code(), Some(2), "import should refuse case {i}: {}", stderr(&imp));
        let out = s.cli(cli);
        assert_eq!(out.status.code(), Some(2), "CLI should refuse {cli:?}: {}", stderr(&out));
        // The CLI's message (after "error: ") is the end of import's line for the same object.
        let cli_msg = stderr(&out).trim().lines().last().unwrap_or("").trim_start_matches("error: ").to_string();
        assert!(
            stderr(&imp).lines().any(|l| !cli_msg.is_empty() && l.trim_end().ends_with(&cli_msg)),
            "case {i}: CLI said {cli_msg:?}, import said:\n{}",
            stderr(&imp)
        );
    }
    // Nothing was changed: alice's password still works, no UUID-named tenant exists.
    user_tokens(&s, "contoso", "alice", "correct horse battery staple", "openid").await;
    let out = s.cli(&["tenant", "list", "--json"]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains(uuid_name));
}

/// The master key file lives inside the data folder, so one backup holds everything a restore needs;
/// an install that has the old default file keeps using it.
#[test]
fn the_master_key_defaults_to_the_data_folder_and_an_old_key_keeps_working() {
    let fresh = sigil_testkit::db::temp_dir("mk-fresh");
    let out = sigil_command().args(["tenant", "list"]).current_dir(&fresh).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fresh.join("sigil-data/master.key").exists(), "key not inside the data folder");
    assert!(!fresh.join("sigil-data.key").exists());
    assert!(stderr(&out).contains("sigil-data/master.key"), "where the key is, said: {}", stderr(&out));

    // An existing install: key at the old default next to the data folder, database sealed with it.
    let old = sigil_testkit::db::temp_dir("mk-old");
    let out = sigil_command()
        .args(["tenant", "create", "legacy"])
        .env("SIGIL_SECURITY_MASTER_KEY_FILE", "./sigil-data.key")
        .current_dir(&old)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let key = std::fs::read(old.join("sigil-data.key")).unwrap();
    let out = sigil_command().args(["tenant", "list"]).current_dir(&old).output().unwrap();
    assert!(out.status.success(), "the old key must be found: {}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("legacy"));
    assert!(stderr(&out).contains("sigil-data.key"), "{}", stderr(&out));
    // Never a second, new key: the one in use is the old one.
    let in_use =
        std::fs::read(old.join("sigil-data/master.key")).or_else(|_| std::fs::read(old.join("sigil-data.key")));
    assert_eq!(in_use.unwrap(), key);
}

const DORA: &str = r#"
[[tenant]]
name = "contoso"
  [[tenant.user]]
  username = "dora"
  display_name = "Dora Explorer"
  email = "dora@contoso.example"
  email_verified = true
  given_name = "Dora"
  family_name = "Explorer"
  middle_name = "M"
  nickname = "dee"
  locale = "sl-SI"
  zoneinfo = "Europe/Ljubljana"
  password = "dora-password-0123"
"#;

async fn userinfo_and_profile_claims(backend: Backend) {
    let dir = sigil_testkit::db::temp_dir("dora");
    let f = dir.join("dora.toml");
    std::fs::write(&f, DORA).unwrap();
    let mut opts = ServerOptions { backend, ..ServerOptions::default() };
    opts.imports.push(f);
    let s = server_with(opts).await;
    let t = user_tokens(&s, "contoso", "dora", "dora-password-0123", "openid profile email").await;
    let at = t["access_token"].as_str().unwrap();
    let id = claims(t["id_token"].as_str().unwrap());
    let c = &id;
    assert_eq!(c["email_verified"], true, "{c}");
    assert_eq!(
        (&c["given_name"], &c["family_name"], &c["middle_name"], &c["nickname"], &c["locale"], &c["zoneinfo"]),
        (&"Dora".into(), &"Explorer".into(), &"M".into(), &"dee".into(), &"sl-SI".into(), &"Europe/Ljubljana".into()),
        "{c}"
    );
    assert!(c["updated_at"].is_i64(), "{c}");
    // RFC 6750 §2.2: the token in a form body.
    let url = s.url("/contoso/oidc/userinfo");
    let r = s.http().post(&url).form(&[("access_token", at)]).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let info: Value = r.json().await.unwrap();
    assert_eq!(info["email"], "dora@contoso.example");
    for k in
        ["email_verified", "given_name", "family_name", "middle_name", "nickname", "locale", "zoneinfo", "updated_at"]
    {
        assert_eq!(info[k], id[k], "{k}: {info}");
    }
    // Without the scopes, none of it.
    let t2 = user_tokens(&s, "contoso", "dora", "dora-password-0123", "openid").await;
    let r = s.http().get(&url).bearer_auth(t2["access_token"].as_str().unwrap()).send().await.unwrap();
    let info: Value = r.json().await.unwrap();
    assert!(info.get("given_name").is_none() && info.get("email_verified").is_none(), "{info}");
    // Two methods at once: invalid_request (RFC 6750 §2).
    let r = s.http().post(&url).bearer_auth(at).form(&[("access_token", at)]).send().await.unwrap();
    expect_error(r, 400, "invalid_request", 88000140).await;
    // Only a form body of a POST counts (§2.2: application/x-www-form-urlencoded, never GET).
    for (method, content_type, body) in [
        (reqwest::Method::POST, "application/json", format!("{{\"access_token\":\"{at}\"}}")),
        (reqwest::Method::GET, "application/x-www-form-urlencoded", format!("access_token={at}")),
    ] {
        let r = s.http().request(method.clone(), &url).header("content-type", content_type).body(body);
        assert_eq!(r.send().await.unwrap().status(), 401, "{method} {content_type}");
    }
    // A user without the fields: email_verified false, no empty claims; the CLI sets the flag.
    let a = user_tokens(&s, "contoso", "alice", "correct horse battery staple", "openid profile email").await;
    let c = claims(a["id_token"].as_str().unwrap());
    assert_eq!(c["email_verified"], false, "{c}");
    assert!(c.get("given_name").is_none(), "{c}");
    let out =
        s.cli(&["user", "update", "--tenant", "contoso", "alice", "--email-verified", "true", "--given-name", "Alice"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let a = user_tokens(&s, "contoso", "alice", "correct horse battery staple", "openid profile email").await;
    let c = claims(a["id_token"].as_str().unwrap());
    assert_eq!((&c["email_verified"], &c["given_name"]), (&true.into(), &"Alice".into()), "{c}");
    // The import is idempotent with the new fields.
    let out = s.cli(&["import", &dir.join("dora.toml").display().to_string()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("no changes"), "{}", String::from_utf8_lossy(&out.stdout));
}

#[tokio::test]
async fn userinfo_takes_a_form_body_token_and_returns_the_standard_claims_sqlite() {
    userinfo_and_profile_claims(Backend::Sqlite).await;
}

#[tokio::test]
async fn userinfo_takes_a_form_body_token_and_returns_the_standard_claims_postgres() {
    userinfo_and_profile_claims(Backend::Postgres).await;
}

/// OpenID Connect Discovery §4.3: a generic library configured with `<base>/<name>/v2.0` checks the
/// issuer it finds there; a tenant can opt in to an issuer built from its name.
#[tokio::test]
async fn a_tenant_can_use_its_name_in_the_issuer() {
    let s = server().await;
    // Default: the id (MSAL compatibility).
    let d = discovery(&s, "contoso").await;
    assert!(!d["issuer"].as_str().unwrap().contains("/contoso/"), "{d}");
    let out = s.cli(&["tenant", "update", "contoso", "--issuer-uses-name", "true"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let expected = s.url("/contoso/v2.0");
    // The directory reloads within a second or two.
    let mut issuer = String::new();
    for _ in 0..60 {
        issuer = discovery(&s, "contoso").await["issuer"].as_str().unwrap().to_string();
        if issuer == expected {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(issuer, expected);
    let http = openidconnect::reqwest::ClientBuilder::new().build().unwrap();
    openidconnect::core::CoreProviderMetadata::discover_async(
        openidconnect::IssuerUrl::new(expected.clone()).unwrap(),
        &http,
    )
    .await
    .expect("discovery by name passes the issuer check");
    let t = user_tokens(&s, "contoso", "alice", "correct horse battery staple", "openid profile").await;
    assert_eq!(claims(t["access_token"].as_str().unwrap())["iss"], expected.as_str());
    assert_eq!(claims(t["id_token"].as_str().unwrap())["iss"], expected.as_str());
    let r = s.http().get(s.url("/contoso/oidc/userinfo")).bearer_auth(t["access_token"].as_str().unwrap()).send().await;
    assert_eq!(r.unwrap().status(), 200, "the token is valid at userinfo");
    // RFC 9207 `iss` of the authorization response.
    let mut agent = sigil_testkit::browser::Agent::new(s.http(), &s.base);
    let landed = agent
        .sign_in(
            "/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=code&redirect_uri=http://127.0.0.1:5000/callback\
             &scope=openid&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256",
            "alice",
            "correct horse battery staple",
        )
        .await;
    assert_eq!(sigil_testkit::browser::param(&landed, "iss").as_deref(), Some(expected.as_str()), "{landed}");
    let out = s.cli(&["tenant", "show", "contoso", "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["issuer_uses_name"], true);
    // The import file sets it too (and a second run changes nothing).
    let f = write_file(&s, "n.toml", "[[tenant]]\nname = \"northwind\"\nissuer_uses_name = true\n");
    let out = s.cli(&["import", &f]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = s.cli(&["import", &f]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("no changes"));
}

/// At a terminal, `user create` without a password option asks for it twice, without echo.
#[tokio::test]
async fn a_password_typed_at_the_terminal_prompt_is_not_echoed() {
    use std::io::{Read, Write};
    let s = server().await;
    let cmd = format!("'{}' user create --tenant contoso paula", s.bin.display());
    let mut c = std::process::Command::new("script");
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("SIGIL_") {
            c.env_remove(k);
        }
    }
    c.args(["-qec", &cmd, "/dev/null"]).envs(s.env.iter().cloned()).current_dir(&s.dir);
    c.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = c.spawn().expect("script (util-linux)");
    let (mut stdin, mut stdout) = (child.stdin.take().unwrap(), child.stdout.take().unwrap());
    let seen = tokio::task::spawn_blocking(move || {
        let mut seen = Vec::new();
        let mut byte = [0u8; 1];
        for prompt in ["password: ", "password again: "] {
            while !String::from_utf8_lossy(&seen).ends_with(prompt) {
                assert_eq!(stdout.read(&mut byte).unwrap(), 1, "no prompt: {}", String::from_utf8_lossy(&seen));
                seen.push(byte[0]);
            }
            // rpassword writes the prompt, then turns echo off: a person never types inside that
            // gap, a test under load can (the typed password was then echoed by the terminal).
            std::thread::sleep(std::time::Duration::from_millis(500));
            stdin.write_all(b"paula-typed-password\n").unwrap();
        }
        drop(stdin);
        stdout.read_to_end(&mut seen).unwrap();
        String::from_utf8_lossy(&seen).into_owned()
    })
    .await
    .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{seen}");
    assert!(seen.contains("created user paula") && !seen.contains("paula-typed-password"), "echoed: {seen}");
    user_tokens(&s, "contoso", "paula", "paula-typed-password", "openid").await;
}
