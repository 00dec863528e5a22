//! Issue 19 item 7: Entra claim fidelity through a spawned server, on SQLite and PostgreSQL:
//! groups (per-application `groupMembershipClaims`, the overage past the limit), application roles
//! assigned to users and through groups, optional claims, `idtyp`, `azp`/`azpacr`, `ver`; provisioned
//! by the import file and the CLI.
use std::collections::HashMap;

use serde_json::{Value, json};
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::common::*;

const TENANT: &str = "claimsco";

const FILE: &str = r#"
[[tenant]]
name = "claimsco"
  [[tenant.api]]
  name = "reports"
  identifier = "api://reports"
  scopes = ["Reports.Read"]
  roles = ["Reports.Admin", "Reports.Reader"]
  group_membership_claims = "SecurityGroup"
  optional_claims_access_token = ["idtyp", "upn", "given_name"]
  [[tenant.api]]
  name = "plain"
  identifier = "api://plain"
  scopes = ["Plain.Read"]
  [[tenant.group]]
  name = "admins"
  app_roles = ["api://reports/Reports.Admin"]
  [[tenant.group]]
  name = "staff"
  [[tenant.group]]
  name = "g4"
  [[tenant.group]]
  name = "newsletter"
  security = false
  [[tenant.client]]
  client_id = "web"
  grant_types = ["password", "refresh_token", "client_credentials"]
  group_membership_claims = "All"
  optional_claims_id_token = ["email", "upn", "family_name"]
    [[tenant.client.permission]]
    api = "api://reports"
    scopes = ["Reports.Read"]
    roles = ["Reports.Reader"]
    [[tenant.client.permission]]
    api = "api://plain"
    scopes = ["Plain.Read"]
    [[tenant.client.secret]]
    value = "web-secret-0123456789abcdef-0123456789"
  [[tenant.client]]
  client_id = "native"
  type = "public"
  grant_types = ["password"]
    [[tenant.client.permission]]
    api = "api://reports"
    scopes = ["Reports.Read"]
  [[tenant.user]]
  username = "ann@claimsco.example"
  password = "ann-password-1"
  email = "ann@mail.example"
  given_name = "Ann"
  family_name = "Lee"
  groups = ["admins", "newsletter"]
  app_roles = ["api://reports/Reports.Reader"]
  [[tenant.user]]
  username = "many@claimsco.example"
  password = "many-password-1"
  groups = ["admins", "staff", "g4", "newsletter"]
  [[tenant.user]]
  username = "bob@claimsco.example"
  password = "bob-password-1"
"#;

const WEB: (&str, &str) = ("web", "web-secret-0123456789abcdef-0123456789");
const READ: &str = "openid offline_access api://reports/Reports.Read";

async fn start(backend: Backend) -> Server {
    let f = sigil_testkit::db::temp_dir("claims").join("claims.toml");
    std::fs::write(&f, FILE).unwrap();
    let opts = ServerOptions {
        backend,
        imports: vec![f],
        // Three groups fit; "many" (four groups in all, three security groups) shows both sides.
        env: vec![("SIGIL_TOKENS_GROUPS_CLAIM_LIMIT".into(), "3".into())],
        ..ServerOptions::default()
    };
    server_with(opts).await
}

/// Group name → object id, as the CLI lists them.
fn group_ids(s: &Server) -> HashMap<String, String> {
    let out = s.cli(&["group", "list", "--tenant", TENANT, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|g| (g["name"].as_str().unwrap().to_string(), g["id"].as_str().unwrap().to_string()))
        .collect()
}

fn ids(g: &HashMap<String, String>, names: &[&str]) -> Value {
    let mut v: Vec<&String> = names.iter().map(|n| &g[*n]).collect();
    v.sort();
    json!(v)
}

fn sorted(v: &Value) -> Value {
    let mut l: Vec<String> = v.as_array().unwrap_or(&vec![]).iter().map(|x| x.as_str().unwrap().to_string()).collect();
    l.sort();
    json!(l)
}

async fn password(s: &Server, user: &str, pw: &str, scope: &str, client: (&str, Option<&str>)) -> Value {
    let mut form = vec![("grant_type", "password"), ("username", user), ("password", pw), ("scope", scope)];
    if client.1.is_none() {
        form.push(("client_id", client.0));
    }
    let r = token(s, TENANT, &form, client.1.map(|secret| (client.0, secret))).await;
    let status = r.status();
    let body: Value = r.json().await.unwrap();
    assert_eq!(status, 200, "{user} {scope}: {body}");
    body
}

async fn refresh(s: &Server, rt: &str) -> Value {
    let r = token(s, TENANT, &[("grant_type", "refresh_token"), ("refresh_token", rt)], Some(WEB)).await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn all_claims(backend: Backend) {
    let s = start(backend).await;
    let g = group_ids(&s);

    // Roles: Reports.Reader directly, Reports.Admin through "admins". Groups in the access token:
    // the API's SecurityGroup (not the newsletter); in the ID token: the client's All.
    let t = password(&s, "ann@claimsco.example", "ann-password-1", READ, (WEB.0, Some(WEB.1))).await;
    let at = claims(t["access_token"].as_str().unwrap());
    assert_eq!(at["aud"], "api://reports");
    assert_eq!(at["roles"], json!(["Reports.Admin", "Reports.Reader"]), "{at}");
    assert_eq!(sorted(&at["groups"]), ids(&g, &["admins"]));
    assert_eq!(
        (&at["idtyp"], &at["azp"], &at["azpacr"], &at["ver"]),
        (&json!("user"), &json!("web"), &json!("1"), &json!("2.0"))
    );
    assert_eq!((&at["upn"], &at["given_name"]), (&json!("ann@claimsco.example"), &json!("Ann")));
    assert!(at.get("email").is_none() && at.get("family_name").is_none(), "only the API's optional claims: {at}");
    let id = claims(t["id_token"].as_str().unwrap());
    assert_eq!(sorted(&id["groups"]), ids(&g, &["admins", "newsletter"]));
    assert_eq!(
        (&id["email"], &id["upn"], &id["family_name"]),
        (&json!("ann@mail.example"), &json!("ann@claimsco.example"), &json!("Lee"))
    );
    assert!(id.get("roles").is_none() && id.get("idtyp").is_none(), "{id}");

    // The refreshed tokens carry the same.
    let r = refresh(&s, t["refresh_token"].as_str().unwrap()).await;
    let at2 = claims(r["access_token"].as_str().unwrap());
    assert_eq!((&at2["roles"], sorted(&at2["groups"])), (&at["roles"], ids(&g, &["admins"])));
    assert_eq!(sorted(&claims(r["id_token"].as_str().unwrap())["groups"]), ids(&g, &["admins", "newsletter"]));

    // Overage: four groups in all (over the limit of three) in the ID token; three security
    // groups (exactly the limit) still listed in the access token.
    let t = password(&s, "many@claimsco.example", "many-password-1", READ, (WEB.0, Some(WEB.1))).await;
    let id = claims(t["id_token"].as_str().unwrap());
    assert!(id.get("groups").is_none(), "{id}");
    assert_eq!(id["_claim_names"], json!({"groups": "src1"}));
    let endpoint = id["_claim_sources"]["src1"]["endpoint"].as_str().unwrap();
    assert_eq!(endpoint, format!("{}/{}/me/getMemberObjects", s.base, id["tid"].as_str().unwrap()));
    // The endpoint answers with every group of the token's user, as Graph's getMemberObjects.
    let access_token = t["access_token"].as_str().unwrap();
    let r = s
        .http()
        .post(endpoint)
        .bearer_auth(access_token)
        .json(&json!({"securityEnabledOnly": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert_eq!(sorted(&r.json::<Value>().await.unwrap()["value"]), ids(&g, &["admins", "staff", "g4", "newsletter"]));
    expect_error(s.http().get(endpoint).send().await.unwrap(), 401, "invalid_token", 88000030).await;
    let app =
        token(&s, TENANT, &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")], Some(WEB))
            .await;
    let app_token = app.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string();
    expect_error(s.http().get(endpoint).bearer_auth(app_token).send().await.unwrap(), 401, "invalid_token", 88000030)
        .await;
    let at = claims(t["access_token"].as_str().unwrap());
    assert_eq!(sorted(&at["groups"]), ids(&g, &["admins", "staff", "g4"]));
    assert!(at.get("_claim_names").is_none());
    assert_eq!(at["roles"], json!(["Reports.Admin"]), "through the group only");

    // A user in no group, without roles: neither claim.
    let t = password(&s, "bob@claimsco.example", "bob-password-1", READ, (WEB.0, Some(WEB.1))).await;
    let (at, id) = (claims(t["access_token"].as_str().unwrap()), claims(t["id_token"].as_str().unwrap()));
    assert!(at.get("roles").is_none() && at.get("groups").is_none() && id.get("groups").is_none(), "{at} {id}");

    // An API that asks for nothing: no groups, no idtyp, no roles (it defines none).
    let t =
        password(&s, "ann@claimsco.example", "ann-password-1", "openid api://plain/Plain.Read", (WEB.0, Some(WEB.1)))
            .await;
    let at = claims(t["access_token"].as_str().unwrap());
    for c in ["groups", "idtyp", "roles", "upn"] {
        assert!(at.get(c).is_none(), "{c}: {at}");
    }
    assert_eq!((&at["azp"], &at["ver"]), (&json!("web"), &json!("2.0")));

    // A public client: azpacr 0.
    let t =
        password(&s, "ann@claimsco.example", "ann-password-1", "api://reports/Reports.Read", ("native", None)).await;
    let at = claims(t["access_token"].as_str().unwrap());
    assert_eq!((&at["azp"], &at["azpacr"]), (&json!("native"), &json!("0")));

    // App-only: idtyp app, the client's application permissions as roles (unchanged), no groups.
    let r = token(&s, TENANT, &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")], Some(WEB))
        .await;
    let at = claims(r.json::<Value>().await.unwrap()["access_token"].as_str().unwrap());
    assert_eq!(
        (&at["idtyp"], &at["azp"], &at["azpacr"], &at["ver"]),
        (&json!("app"), &json!("web"), &json!("1"), &json!("2.0"))
    );
    assert_eq!(at["roles"], json!(["Reports.Reader"]));
    assert!(at.get("groups").is_none() && at.get("oid").is_none(), "{at}");

    // The CLI: bob joins "admins" (a store read per token, so at once) and gets its role and group.
    let out = s.cli(&["user", "access", "--tenant", TENANT, "bob@claimsco.example", "--group", "admins", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["groups"], json!(["admins"]));
    let t = password(&s, "bob@claimsco.example", "bob-password-1", READ, (WEB.0, Some(WEB.1))).await;
    let at = claims(t["access_token"].as_str().unwrap());
    assert_eq!((&at["roles"], sorted(&at["groups"])), (&json!(["Reports.Admin"]), ids(&g, &["admins"])));

    // A group's roles change through the CLI: the directory reloads, and the role goes.
    let out = s.cli(&["group", "update", "--tenant", TENANT, "admins", "--app-role", ""]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut roles = json!(["Reports.Admin"]);
    for _ in 0..50 {
        let t = password(&s, "bob@claimsco.example", "bob-password-1", READ, (WEB.0, Some(WEB.1))).await;
        roles = claims(t["access_token"].as_str().unwrap()).get("roles").cloned().unwrap_or(Value::Null);
        if roles.is_null() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(roles, Value::Null, "the group's role was removed");

    // Refusals name what is wrong.
    for (args, why) in [
        (vec!["user", "access", "--tenant", TENANT, "bob@claimsco.example", "--group", "nope"], "no group 'nope'"),
        (
            vec!["user", "access", "--tenant", TENANT, "bob@claimsco.example", "--app-role", "api://reports/Nope"],
            "defines no role 'Nope'",
        ),
        (
            vec!["group", "create", "--tenant", TENANT, "x", "--app-role", "Reports.Admin"],
            "is not <API identifier>/<role>",
        ),
        (
            vec!["api", "update", "--tenant", TENANT, "plain", "--group-membership-claims", "Everything"],
            "'Everything' is not one of",
        ),
        (
            vec!["api", "update", "--tenant", TENANT, "plain", "--optional-claim-id-token", "email"],
            "access tokens only",
        ),
        (
            vec!["client", "update", "--tenant", TENANT, "web", "--optional-claim-access-token", "ssn"],
            "'ssn' is not one of",
        ),
        (
            vec!["client", "update", "--tenant", TENANT, "web", "--optional-claim-id-token", "idtyp"],
            "idtyp is an access-token claim",
        ),
    ] {
        let out = s.cli(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains(why), "{args:?}: {err}");
    }
}

#[tokio::test]
async fn sqlite_groups_roles_optional_claims() {
    all_claims(Backend::Sqlite).await;
}

#[tokio::test]
async fn postgres_groups_roles_optional_claims() {
    all_claims(Backend::Postgres).await;
}

/// The import file names unknown groups and roles with their place, and changes nothing.
#[tokio::test]
async fn import_refuses_unknown_groups_and_roles() {
    let s = start(Backend::Sqlite).await;
    let bad = r#"
[[tenant]]
name = "claimsco"
  [[tenant.group]]
  name = "ops"
  app_roles = ["api://reports/Reports.Owner"]
  [[tenant.user]]
  username = "bob@claimsco.example"
  groups = ["ghosts"]
"#;
    let f = s.dir.join("bad.toml");
    std::fs::write(&f, bad).unwrap();
    let out = s.cli(&["import", &f.display().to_string()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains(
            "tenant 'claimsco' > group 'ops': app_roles[0]: API 'api://reports' defines no role 'Reports.Owner'"
        ),
        "{err}"
    );
    assert!(
        err.contains("tenant 'claimsco' > user 'bob@claimsco.example': groups[0]: no group 'ghosts' in this tenant"),
        "{err}"
    );
    assert!(!group_ids(&s).contains_key("ops"), "nothing was applied");
    // The same file again without the mistakes plans group and membership once, then nothing.
    let good = bad.replace("Reports.Owner", "Reports.Admin").replace("ghosts", "ops");
    std::fs::write(&f, good).unwrap();
    let out = s.cli(&["import", &f.display().to_string()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let first = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        first.contains("created tenant 'claimsco' > group 'ops'") && first.contains("set groups and roles of"),
        "{first}"
    );
    let out = s.cli(&["import", &f.display().to_string()]);
    let again = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(!again.contains("group 'ops'") && !again.contains("set groups"), "idempotent: {again}");
}
