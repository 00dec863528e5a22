//! Issue 22, items 1 and 5: the admin API's federated credentials and consents, and the `sigil`
//! CLI acting on a running server through the admin API (`--url`, a client-credentials token),
//! against a spawned server on SQLite and on PostgreSQL.
use std::process::Output;

use reqwest::Method;
use serde_json::{Value, json};
use sigil_testkit::{Backend, Server};

use crate::admin_api::{admin_token, audit, call, ok, problem, start};
use crate::common::sigil_command;

const OPS_ADMIN: (&str, &str) = ("ops-admin", "ops-admin-secret-0123456789abcdef-0123456789");
const OPS_READER: (&str, &str) = ("ops-reader", "ops-reader-secret-0123456789abcdef-0123456789");
const CONTOSO_ADMIN: (&str, &str) = ("contoso-admin", "contoso-admin-secret-0123456789abcdef-01234");

/// Federated credentials of an application: add (201, ETag, 409 on a taken name, 400 on a broken
/// rule, 412 on a stale ETag), list, remove (204, then 404), a reader refused, audit entries.
async fn federated_credentials(s: &Server) {
    let boot = s.admin_token.as_str();
    let app = "/tenants/contoso/applications/fed-app";
    let body = json!({"client_id": "fed-app", "type": "confidential", "grant_types": ["client_credentials"]});
    ok(call(s, boot, Method::POST, "/tenants/contoso/applications", None, Some(body)).await, 201).await;
    let fed = format!("{app}/federated-credentials");
    let (tag, list) = ok(call(s, boot, Method::GET, &fed, None, None).await, 200).await;
    assert_eq!(list["items"], json!([]));
    let gh = json!({"name": "github-main", "issuer": "https://token.actions.githubusercontent.com",
                    "subject": "repo:contoso/app:ref:refs/heads/main"});
    // A stale ETag changes nothing.
    problem(call(s, boot, Method::POST, &fed, Some("\"stale\""), Some(gh.clone())).await, 412, 88000480).await;
    let (new_tag, added) = ok(call(s, boot, Method::POST, &fed, tag.as_deref(), Some(gh.clone())).await, 201).await;
    assert_eq!(added["audience"], "api://AzureADTokenExchange", "Entra's default audience");
    assert_ne!(new_tag, tag, "the application changed");
    let (_, app_now) = ok(call(s, boot, Method::GET, app, None, None).await, 200).await;
    assert!(app_now["auth_methods"].as_array().unwrap().contains(&json!("private_key_jwt")), "{app_now}");
    problem(call(s, boot, Method::POST, &fed, None, Some(gh)).await, 409, 88000483).await;
    let bad = json!({"name": "bad", "issuer": "not a url", "subject": "s"});
    let p = problem(call(s, boot, Method::POST, &fed, None, Some(bad)).await, 400, 88000482).await;
    assert!(p["errors"][0]["field"].as_str().unwrap().ends_with(".issuer"), "{p}");
    let (_, list) = ok(call(s, boot, Method::GET, &fed, None, None).await, 200).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(list["items"][0]["subject"], "repo:contoso/app:ref:refs/heads/main");

    let reader = admin_token(s, "ops", OPS_READER.0, OPS_READER.1).await;
    ok(call(s, &reader, Method::GET, &fed, None, None).await, 200).await;
    problem(call(s, &reader, Method::DELETE, &format!("{fed}/github-main"), None, None).await, 403, 88000481).await;

    ok(call(s, boot, Method::DELETE, &format!("{fed}/github-main"), None, None).await, 204).await;
    problem(call(s, boot, Method::DELETE, &format!("{fed}/github-main"), None, None).await, 404, 88000060).await;
    let (_, app_now) = ok(call(s, boot, Method::GET, app, None, None).await, 200).await;
    assert!(!app_now["auth_methods"].as_array().unwrap().contains(&json!("private_key_jwt")), "{app_now}");
    let added = audit(s, "action=application.federated.add").await;
    assert_eq!(added.len(), 1);
    assert_eq!(added[0]["target"], "application:fed-app/federated:github-main");
    assert_eq!(added[0]["after"]["issuer"], "https://token.actions.githubusercontent.com");
    let removed = audit(s, "action=application.federated.remove").await;
    assert_eq!(removed[0]["before"]["name"], "github-main");
    assert!(removed[0]["after"].is_null());
}

/// A user's consents: listed by client, revoked (204, then 404), a reader refused, an audit entry.
/// The consents are remembered through the server's own store, as the consent page does.
async fn consents(s: &Server) {
    let boot = s.admin_token.as_str();
    let body = json!({"username": "consenting", "password": "consenting-password-1"});
    let (_, u) = ok(call(s, boot, Method::POST, "/tenants/contoso/users", None, Some(body)).await, 201).await;
    let (_, t) = ok(call(s, boot, Method::GET, "/tenants/contoso", None, None).await, 200).await;
    let tenant = uuid::Uuid::parse_str(t["id"].as_str().unwrap()).unwrap();
    let user = uuid::Uuid::parse_str(u["id"].as_str().unwrap()).unwrap();
    let url = &s.env.iter().find(|(k, _)| k == "SIGIL_DATABASE_URL").unwrap().1;
    let store = sigil_store::open(url, 2).await.expect("the server's database");
    let scopes = |l: &[&str]| l.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    store.put_consent(tenant, user, "web-portal", &scopes(&["openid", "profile"]), 1_700_000_000).await.unwrap();
    store.put_consent(tenant, user, "spa", &scopes(&["openid"]), 1_700_000_100).await.unwrap();
    store.close().await;

    let path = "/tenants/contoso/users/consenting/consents";
    let (_, list) = ok(call(s, boot, Method::GET, path, None, None).await, 200).await;
    assert_eq!(
        list["items"],
        json!([{"client_id": "spa", "scopes": ["openid"], "granted_at": 1_700_000_100i64},
               {"client_id": "web-portal", "scopes": ["openid", "profile"], "granted_at": 1_700_000_000i64}])
    );
    let reader = admin_token(s, "ops", OPS_READER.0, OPS_READER.1).await;
    ok(call(s, &reader, Method::GET, path, None, None).await, 200).await;
    problem(call(s, &reader, Method::DELETE, &format!("{path}/spa"), None, None).await, 403, 88000481).await;
    ok(call(s, boot, Method::DELETE, &format!("{path}/spa"), None, None).await, 204).await;
    problem(call(s, boot, Method::DELETE, &format!("{path}/spa"), None, None).await, 404, 88000060).await;
    problem(call(s, boot, Method::GET, "/tenants/contoso/users/nobody/consents", None, None).await, 404, 88000060)
        .await;
    let (_, list) = ok(call(s, boot, Method::GET, path, None, None).await, 200).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let entries = audit(s, "action=consent.revoke").await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["target"], "user:consenting/consent:spa");
    assert_eq!(entries[0]["before"]["scopes"], json!(["openid"]));
}

/// `sigil <args>` with `extra` environment variables only (no SIGIL_* of the test's own), off the
/// async runtime; in its own directory, so a local database could not be opened by mistake.
async fn sigil(args: &[&str], extra: &[(&str, &str)]) -> Output {
    let mut c = sigil_command();
    c.args(args).current_dir(sigil_testkit::test_output("admin-remote"));
    for (k, v) in extra {
        c.env(k, v);
    }
    tokio::task::spawn_blocking(move || c.output()).await.unwrap().expect("run sigil")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts exit code 0 and parses the JSON the command printed.
fn json_of(o: &Output) -> Value {
    assert!(o.status.success(), "exit {:?}\nstdout: {}\nstderr: {}", o.status.code(), stdout(o), stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

/// The CLI over the admin API: as the installation's administrator (options), as a tenant
/// administrator (environment variables), as a reader (refused on write: the problem printed), with
/// a wrong secret, and refusing to run a database command against a URL.
async fn cli_over_the_api(s: &Server) {
    let base = s.base.as_str();
    let admin = ["--url", base, "--client-id", OPS_ADMIN.0, "--client-secret", OPS_ADMIN.1, "--auth-tenant", "ops"];
    let with = |rest: &[&'static str]| [admin.as_slice(), rest].concat();

    let t =
        json_of(&sigil(&with(&["tenant", "create", "cli-tenant", "--display-name", "By CLI", "--json"]), &[]).await);
    assert_eq!((t["name"].as_str(), t["display_name"].as_str()), (Some("cli-tenant"), Some("By CLI")));
    let o = sigil(&with(&["tenant", "list"]), &[]).await;
    assert!(o.status.success() && stdout(&o).lines().any(|l| l.starts_with("cli-tenant\t")), "{}", stdout(&o));
    let (_, got) = ok(call(s, &s.admin_token, Method::GET, "/tenants/cli-tenant", None, None).await, 200).await;
    assert_eq!(got["display_name"], "By CLI", "the server holds what the CLI created");
    let t = json_of(&sigil(&with(&["tenant", "update", "cli-tenant", "--mfa", "required", "--json"]), &[]).await);
    assert_eq!(t["mfa"], "required");
    // Every tenant setting the import file has, trusted issuers (RFC 7523) included.
    let issuers = r#"[{"issuer": "https://idp.example.com", "clients": ["svc"]}]"#;
    let t =
        json_of(&sigil(&with(&["tenant", "update", "cli-tenant", "--trusted-issuers", issuers, "--json"]), &[]).await);
    assert_eq!(t["trusted_issuers"][0]["issuer"], "https://idp.example.com");
    assert_eq!(t["trusted_issuers"][0]["user_claim"], "sub");
    let o = sigil(&with(&["tenant", "update", "cli-tenant", "--trusted-issuers", r#"[{"issuer": 1}]"#]), &[]).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("HTTP 400") && stderr(&o).contains("trusted_issuers"), "{}", stderr(&o));
    // Issue 21's tenant settings: the session policy, and the branding with an uploaded logo.
    let session = r#"{"stay_signed_in": "ask", "persistent_lifetime": 86400}"#;
    let t = json_of(&sigil(&with(&["tenant", "update", "cli-tenant", "--session", session, "--json"]), &[]).await);
    assert_eq!(
        (t["session"]["stay_signed_in"].as_str(), t["session"]["persistent_lifetime"].as_i64()),
        (Some("ask"), Some(86400))
    );
    let logo = sigil_testkit::fixture("brand-logo.png");
    let logo = logo.to_str().unwrap();
    let branding = ["tenant", "branding", "cli-tenant", "--primary-color", "#1a4d8f", "--logo-file", logo, "--json"];
    let t = json_of(&sigil(&[admin.as_slice(), branding.as_slice()].concat(), &[]).await);
    assert_eq!(t["branding"]["primary_color"], "#1a4d8f");
    assert_eq!(t["logo"]["content_type"], "image/png");
    // The public pages see the change once this instance has reloaded its directory.
    let served = crate::admin_api::wait_for(|| async {
        let r = s.http().get(s.url("/cli-tenant/branding/logo")).send().await.unwrap();
        if r.status() == 200 { Some(r.bytes().await.unwrap()) } else { None }
    })
    .await;
    assert_eq!(served.as_ref(), std::fs::read(logo).unwrap().as_slice());
    // A colour that fails WCAG AA contrast is refused with the rule, and changes nothing.
    let o = sigil(&with(&["tenant", "branding", "cli-tenant", "--primary-color", "#ffff00"]), &[]).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("branding.primary_color"), "{}", stderr(&o));
    let t = json_of(&sigil(&with(&["tenant", "branding", "cli-tenant", "--no-logo", "--json"]), &[]).await);
    assert!(t.get("logo").is_none() && t["branding"]["primary_color"] == "#1a4d8f", "{t}");

    // Users, groups and membership; the password from the environment, never the command line.
    let u = json_of(
        &sigil(
            &with(&[
                "user",
                "create",
                "--tenant",
                "contoso",
                "cli-user",
                "--password-env",
                "--given-name",
                "Ada",
                "--json",
            ]),
            &[("SIGIL_USER_PASSWORD", "cli-user-password-123")],
        )
        .await,
    );
    assert_eq!(u["profile"]["given_name"], "Ada");
    let pw = crate::common::token(
        s,
        "contoso",
        &[
            ("grant_type", "password"),
            ("username", "cli-user"),
            ("password", "cli-user-password-123"),
            ("scope", "api://sigil-admin/Admin.Access"),
        ],
        Some(("contoso-console", "contoso-console-secret-0123456789abcdef-012")),
    )
    .await;
    assert_eq!(pw.status(), 200, "the user the CLI created signs in: {}", pw.text().await.unwrap());
    let u = json_of(
        &sigil(
            &with(&["user", "update", "--tenant", "contoso", "cli-user", "--family-name", "Lovelace", "--json"]),
            &[],
        )
        .await,
    );
    assert_eq!(
        (u["profile"]["given_name"].as_str(), u["profile"]["family_name"].as_str()),
        (Some("Ada"), Some("Lovelace"))
    );
    json_of(&sigil(&with(&["group", "create", "--tenant", "contoso", "cli-group", "--json"]), &[]).await);
    let access = json_of(
        &sigil(&with(&["user", "access", "--tenant", "contoso", "cli-user", "--group", "cli-group", "--json"]), &[])
            .await,
    );
    assert_eq!(access["groups"], json!(["cli-group"]));
    // A role assigned to the user directly: the user's next token carries it, and it reads the
    // admin API with it (a reader, so its writes are refused).
    let access = json_of(
        &sigil(
            &with(&[
                "user",
                "access",
                "--tenant",
                "contoso",
                "cli-user",
                "--app-role",
                "api://sigil-admin/Sigil.Reader",
                "--json",
            ]),
            &[],
        )
        .await,
    );
    assert_eq!(access["app_roles"], json!(["api://sigil-admin/Sigil.Reader"]));
    let user_token = crate::admin_api::wait_for(|| async {
        let form = [
            ("grant_type", "password"),
            ("username", "cli-user"),
            ("password", "cli-user-password-123"),
            ("scope", "api://sigil-admin/Admin.Access"),
        ];
        let r = crate::common::token(
            s,
            "contoso",
            &form,
            Some(("contoso-console", "contoso-console-secret-0123456789abcdef-012")),
        )
        .await;
        let v: Value = r.json().await.unwrap();
        let t = v["access_token"].as_str()?.to_string();
        (crate::common::claims(&t)["roles"] == json!(["Sigil.Reader"])).then_some(t)
    })
    .await;
    ok(call(s, &user_token, Method::GET, "/tenants/contoso/users/cli-user", None, None).await, 200).await;
    problem(call(s, &user_token, Method::DELETE, "/tenants/contoso/groups/cli-group", None, None).await, 403, 88000481)
        .await;
    let assigned = audit(s, "action=user.app_roles").await;
    assert_eq!(assigned[0]["target"], "user:cli-user");
    assert_eq!(assigned[0]["before"]["app_roles"], json!([]));
    assert_eq!(assigned[0]["after"]["app_roles"], json!(["api://sigil-admin/Sigil.Reader"]));
    let p = problem(
        call(
            s,
            &s.admin_token,
            Method::PUT,
            "/tenants/contoso/users/cli-user/app-roles",
            None,
            Some(json!({"app_roles": ["api://sigil-admin/No.Such.Role"]})),
        )
        .await,
        400,
        88000482,
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "app_roles[0]", "{p}");
    assert!(p["errors"][0]["message"].as_str().unwrap().contains("No.Such.Role"), "{p}");

    // An application: its secret shown once, and it works at the token endpoint.
    let c = json_of(
        &sigil(
            &with(&["client", "create", "--tenant", "contoso", "cli-app", "--grant", "client_credentials", "--json"]),
            &[],
        )
        .await,
    );
    let secret = c["secret"]["value"].as_str().unwrap_or_else(|| panic!("{c}")).to_string();
    // Authenticated once the directory has reloaded (within a second on SQLite): no permission for
    // the admin API, so refused for the scope, never as an unknown client or a wrong secret.
    let v = crate::admin_api::wait_for(|| {
        let secret = secret.clone();
        async move {
            let form = [("grant_type", "client_credentials"), ("scope", "api://sigil-admin/.default")];
            let r = crate::common::token(s, "contoso", &form, Some(("cli-app", secret.as_str()))).await;
            let v: Value = r.json().await.unwrap();
            (v["error"] != "invalid_client").then_some(v)
        }
    })
    .await;
    assert!(v["error"].is_string(), "{v}");
    let o = sigil(
        &with(&[
            "client",
            "create",
            "--tenant",
            "contoso",
            "cli-app2",
            "--grant",
            "client_credentials",
            "--introspect",
            "api://x",
        ]),
        &[],
    )
    .await;
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--introspect not available with --url"), "{}", stderr(&o));
    let f = json_of(
        &sigil(
            &with(&[
                "client",
                "federated",
                "add",
                "--tenant",
                "contoso",
                "cli-app",
                "--name",
                "gh",
                "--issuer",
                "https://token.actions.githubusercontent.com",
                "--subject",
                "repo:c/a:ref:refs/heads/main",
                "--json",
            ]),
            &[],
        )
        .await,
    );
    assert_eq!(f["name"], "gh");

    // Keys: rotate, then list shows the new key.
    let before = json_of(&sigil(&with(&["keys", "list", "--tenant", "contoso", "--json"]), &[]).await);
    json_of(&sigil(&with(&["keys", "rotate", "--tenant", "contoso", "--delay", "0", "--json"]), &[]).await);
    let after = json_of(&sigil(&with(&["keys", "list", "--tenant", "contoso", "--json"]), &[]).await);
    assert!(after["items"].as_array().unwrap().len() > before["items"].as_array().unwrap().len(), "{after}");

    // The sign-in log through the API: the password sign-in above is there.
    let found = crate::admin_api::wait_for(move || async move {
        let o = sigil(&with(&["logs", "--tenant", "contoso", "--user", "cli-user", "--json"]), &[]).await;
        let rows = json_of(&o);
        (!rows.as_array().unwrap().is_empty()).then_some(rows)
    })
    .await;
    assert_eq!(found[0]["user"], "cli-user");
    assert_eq!(found[0]["code"], 0);

    // Every change is in the audit log under the CLI's client.
    let created = audit(s, "action=tenant.create&target=tenant:cli-tenant").await;
    assert!(created[0]["actor"].as_str().unwrap().contains("ops-admin"), "{created:?}");

    // A tenant administrator by environment variables; its token comes from its own tenant (the
    // command's --tenant); it does not reach another tenant.
    let env = [("SIGIL_URL", base), ("SIGIL_CLIENT_ID", CONTOSO_ADMIN.0), ("SIGIL_CLIENT_SECRET", CONTOSO_ADMIN.1)];
    let o = sigil(&["user", "list", "--tenant", "contoso"], &env).await;
    assert!(o.status.success() && stdout(&o).contains("cli-user\t"), "{}{}", stdout(&o), stderr(&o));
    let o = sigil(&["user", "list", "--tenant", "cli-tenant", "--auth-tenant", "contoso"], &env).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("HTTP 404") && stderr(&o).contains("88000060"), "{}", stderr(&o));

    // A reader: reads, and its write is refused with the API's problem details printed.
    let reader = ["--url", base, "--client-id", OPS_READER.0, "--client-secret", OPS_READER.1, "--auth-tenant", "ops"];
    let o = sigil(&[reader.as_slice(), ["group", "list", "--tenant", "contoso"].as_slice()].concat(), &[]).await;
    assert!(o.status.success() && stdout(&o).contains("cli-group"), "{}", stderr(&o));
    let o = sigil(&[reader.as_slice(), ["tenant", "create", "by-reader"].as_slice()].concat(), &[]).await;
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    for part in ["POST /tenants: HTTP 403", "88000481", "troubleshooting: ", "/error?code=88000481", "trace ID: "] {
        assert!(e.contains(part), "{part} in: {e}");
    }
    problem(call(s, &s.admin_token, Method::GET, "/tenants/by-reader", None, None).await, 404, 88000060).await;

    // A wrong secret: no token, the endpoint's error printed.
    let o = sigil(
        &[
            "--url",
            base,
            "--client-id",
            OPS_ADMIN.0,
            "--client-secret",
            "wrong",
            "--auth-tenant",
            "ops",
            "tenant",
            "list",
        ],
        &[],
    )
    .await;
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no token from") && stderr(&o).contains("invalid_client"), "{}", stderr(&o));
    // A command on the database itself never runs against a URL.
    let o = sigil(&["--url", base, "import", "x.toml"], &[]).await;
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--url"), "{}", stderr(&o));
    // Deleting through the CLI.
    json_of(&sigil(&with(&["tenant", "delete", "cli-tenant", "--json"]), &[]).await);
    problem(call(s, &s.admin_token, Method::GET, "/tenants/cli-tenant", None, None).await, 404, 88000060).await;
}

async fn scenario(backend: Backend) {
    let s = start(backend).await;
    federated_credentials(&s).await;
    consents(&s).await;
    cli_over_the_api(&s).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn admin_remote_on_sqlite() {
    scenario(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn admin_remote_on_postgres() {
    scenario(Backend::Postgres).await;
}
