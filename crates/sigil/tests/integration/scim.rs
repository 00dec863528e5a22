//! Issue 22 item 3: SCIM 2.0 (RFC 7643, RFC 7644) against a real server on SQLite and PostgreSQL:
//! discovery, every route's success and refusal (bad filter, 412, 409 on userName, 404, a reader
//! cannot write, another tenant sees nothing), the PATCH bodies Entra's provisioning sends, and a
//! deactivation that revokes grants and blocks sign-in; then scim2-tester and scim2-client (PyPI,
//! pinned in tests/clients/requirements.txt) against a spawned server.
use std::time::Duration;

use reqwest::{Method, Response};
use serde_json::{Value, json};
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::common::{BIN, LEGACY, token};

const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const PATCH: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

async fn start(backend: Backend) -> Server {
    let mut opts = ServerOptions { backend, ..Default::default() };
    opts.imports.push(sigil_testkit::fixture("scim.toml"));
    Server::start(BIN, opts).await
}

/// A client-credentials token for `api://sigil-admin`.
async fn bearer(s: &Server, tenant: &str, client: &str, secret: &str) -> String {
    let form = [("grant_type", "client_credentials"), ("scope", "api://sigil-admin/.default")];
    let v: Value = token(s, tenant, &form, Some((client, secret))).await.json().await.unwrap();
    v["access_token"].as_str().unwrap_or_else(|| panic!("{v}")).to_string()
}

struct Scim<'a> {
    s: &'a Server,
    base: String,
}

impl Scim<'_> {
    async fn call(
        &self,
        bearer: &str,
        method: Method,
        path: &str,
        if_match: Option<&str>,
        body: Option<Value>,
    ) -> Response {
        let mut r = self.s.http().request(method, format!("{}{path}", self.base)).bearer_auth(bearer);
        if let Some(t) = if_match {
            r = r.header("if-match", t);
        }
        if let Some(b) = body {
            r = r.header("content-type", "application/scim+json").body(b.to_string());
        }
        r.send().await.expect("SCIM request")
    }

    /// A PATCH with these operations (RFC 7644 §3.5.2).
    async fn patch(&self, bearer: &str, path: &str, if_match: Option<&str>, ops: Value) -> Response {
        self.call(bearer, Method::PATCH, path, if_match, Some(patch(ops))).await
    }
}

/// A success: its status, `application/scim+json`, and (ETag, body).
async fn ok(r: Response, status: u16) -> (Option<String>, Value) {
    let st = r.status().as_u16();
    let tag = r.headers().get("etag").map(|v| v.to_str().unwrap().to_string());
    let ct = r.headers().get("content-type").map(|v| v.to_str().unwrap().to_string());
    let text = r.text().await.unwrap();
    assert_eq!(st, status, "{text}");
    if text.is_empty() {
        return (tag, Value::Null);
    }
    assert_eq!(ct.as_deref(), Some("application/scim+json"));
    let v: Value = serde_json::from_str(&text).unwrap();
    if let Some(version) = v["meta"]["version"].as_str() {
        assert_eq!(tag.as_deref(), Some(version), "ETag is meta.version");
    }
    (tag, v)
}

/// A SCIM error (RFC 7644 §3.12, its members only) with Sigil's code, trace ID and
/// troubleshooting page in `detail`; returns it.
async fn refused(r: Response, status: u16, code: u32, scim_type: Option<&str>) -> Value {
    let st = r.status().as_u16();
    let ct = r.headers().get("content-type").map(|v| v.to_str().unwrap().to_string());
    let trace = r.headers().get("x-sigil-trace-id").map(|v| v.to_str().unwrap().to_string()).expect("trace header");
    let text = r.text().await.unwrap();
    let e: Value = serde_json::from_str(&text).unwrap_or_else(|err| panic!("not JSON ({err}): {text}"));
    assert_eq!(st, status, "{e}");
    assert_eq!(ct.as_deref(), Some("application/scim+json"));
    assert_eq!(e["schemas"], json!(["urn:ietf:params:scim:api:messages:2.0:Error"]));
    assert_eq!(e["status"], status.to_string());
    assert_eq!(e["scimType"].as_str(), scim_type, "{e}");
    let mut members: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
    members.sort();
    let expected: &[&str] = if scim_type.is_some() {
        &["detail", "schemas", "scimType", "status"]
    } else {
        &["detail", "schemas", "status"]
    };
    assert_eq!(members, expected);
    let detail = e["detail"].as_str().unwrap();
    assert!(detail.contains(&format!("SIGIL{code}: ")), "{e}");
    assert!(detail.contains(&format!("Trace ID: {trace}")), "{e}");
    assert!(detail.ends_with(&format!("/error?code={code}")), "{e}");
    e
}

fn patch(ops: Value) -> Value {
    json!({"schemas": [PATCH], "Operations": ops})
}

async fn password_grant(s: &Server, user: &str, password: &str) -> Response {
    let form = [
        ("grant_type", "password"),
        ("username", user),
        ("password", password),
        ("scope", "api://reports/Reports.Read offline_access"),
    ];
    token(s, "contoso", &form, Some(LEGACY)).await
}

async fn scenario(backend: Backend) {
    let s = start(backend).await;
    let prov = bearer(&s, "contoso", "contoso-provisioning", "contoso-provisioning-secret-0123456789abcdef").await;
    let reader = bearer(&s, "contoso", "contoso-scim-reader", "contoso-scim-reader-secret-0123456789abcdef").await;
    let other = bearer(&s, "fabrikam", "fabrikam-admin", "fabrikam-admin-secret-0123456789abcdef-0123").await;
    let c = Scim { s: &s, base: s.url("/contoso/scim/v2") };

    // --- discovery; authentication; a provisioning token reaches nothing of the admin API
    let (_, spc) = ok(c.call(&prov, Method::GET, "/ServiceProviderConfig", None, None).await, 200).await;
    assert_eq!((spc["patch"]["supported"].clone(), spc["etag"]["supported"].clone()), (json!(true), json!(true)));
    let (_, rt) = ok(c.call(&reader, Method::GET, "/ResourceTypes", None, None).await, 200).await;
    assert_eq!(rt["totalResults"], 2);
    let (_, sc) = ok(c.call(&prov, Method::GET, &format!("/Schemas/{ENTERPRISE}"), None, None).await, 200).await;
    assert_eq!(sc["name"], "EnterpriseUser");
    let r = s.http().get(format!("{}/Users", c.base)).send().await.unwrap();
    assert!(r.headers()["www-authenticate"].to_str().unwrap().starts_with("Bearer"));
    refused(r, 401, 88000050, None).await;
    refused(c.call(&prov, Method::GET, "/Nope", None, None).await, 404, 88000060, None).await;
    let r = s.http().get(s.url("/admin/api/v1/tenants/contoso/users")).bearer_auth(&prov).send().await.unwrap();
    assert_eq!(r.status(), 403, "Sigil.Provisioning is for SCIM only");

    // --- create (Entra's body), uniqueness, a reader cannot write, rules
    let alice = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
        "externalId": "E-100", "userName": "scim.alice@contoso.example", "active": true,
        "displayName": "Alice Scim", "password": "Scim password 1",
        "name": {"givenName": "Alice", "familyName": "Scim", "formatted": "Alice Scim"},
        "emails": [{"primary": true, "type": "work", "value": "scim.alice@contoso.example"}],
        ENTERPRISE: {"department": "Tours", "employeeNumber": "701984"},
    });
    let r = c.call(&prov, Method::POST, "/Users", None, Some(alice.clone())).await;
    let location = r.headers().get("location").map(|v| v.to_str().unwrap().to_string());
    let (tag, u) = ok(r, 201).await;
    let id = u["id"].as_str().unwrap().to_string();
    assert_eq!(location.as_deref(), Some(format!("{}/Users/{id}", c.base).as_str()));
    assert_eq!((u["externalId"].clone(), u[ENTERPRISE]["department"].clone()), (json!("E-100"), json!("Tours")));
    assert!(u.get("password").is_none(), "never returned");
    refused(c.call(&prov, Method::POST, "/Users", None, Some(alice.clone())).await, 409, 88000483, Some("uniqueness"))
        .await;
    let mut bob = alice.clone();
    bob["userName"] = json!("scim.bob@contoso.example");
    refused(c.call(&reader, Method::POST, "/Users", None, Some(bob.clone())).await, 403, 88000481, None).await;
    refused(
        c.call(&prov, Method::POST, "/Users", None, Some(json!({"displayName": "x"}))).await,
        400,
        88000703,
        Some("invalidValue"),
    )
    .await;
    let mut bad = bob.clone();
    bad["emails"] = json!([{"value": "not an address", "primary": true}]);
    refused(c.call(&prov, Method::POST, "/Users", None, Some(bad)).await, 400, 88000482, Some("invalidValue")).await;
    let r = c.s.http().post(format!("{}/Users", c.base)).bearer_auth(&prov).body("{").send().await.unwrap();
    refused(r, 400, 88000704, Some("invalidSyntax")).await;
    assert_eq!(password_grant(&s, "scim.alice@contoso.example", "Scim password 1").await.status(), 200);

    // --- read, filters (indexed and evaluated), attributes, paging, 404, another tenant
    let (_, got) = ok(c.call(&reader, Method::GET, &format!("/Users/{id}"), None, None).await, 200).await;
    assert_eq!(got["userName"], "scim.alice@contoso.example");
    let q =
        |f: &str| format!("/Users?filter={}", url::form_urlencoded::byte_serialize(f.as_bytes()).collect::<String>());
    for (f, n) in [
        ("userName eq \"scim.alice@contoso.example\"", 1),
        ("externalId eq \"E-100\"", 1),
        ("externalId eq \"e-100\"", 0),
        (&format!("id eq \"{id}\"") as &str, 1),
        ("emails[type eq \"work\" and value co \"scim.alice\"]", 1),
        (&format!("{ENTERPRISE}:employeeNumber eq \"701984\" and active eq true") as &str, 1),
        ("name.familyName sw \"sc\" and not (userName eq \"alice\")", 1),
    ] {
        let (_, l) = ok(c.call(&prov, Method::GET, &q(f), None, None).await, 200).await;
        assert_eq!(l["totalResults"], n, "{f}: {l}");
    }
    refused(c.call(&prov, Method::GET, &q("userName eq"), None, None).await, 400, 88000700, Some("invalidFilter"))
        .await;
    refused(c.call(&prov, Method::GET, &q(&"(".repeat(40)), None, None).await, 400, 88000700, Some("invalidFilter"))
        .await;
    let (_, l) = ok(
        c.call(&prov, Method::GET, &format!("{}&attributes=userName", q("externalId eq \"E-100\"")), None, None).await,
        200,
    )
    .await;
    let only = l["Resources"][0].as_object().unwrap();
    let mut keys: Vec<&str> = only.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["id", "schemas", "userName"]);
    let (_, all) = ok(c.call(&prov, Method::GET, "/Users?startIndex=2&count=1", None, None).await, 200).await;
    assert!(all["totalResults"].as_u64().unwrap() > 2);
    assert_eq!((all["startIndex"].clone(), all["itemsPerPage"].clone()), (json!(2), json!(1)));
    // RFC 7644 §3.4.3: POST .search under a type and at the root; its message is checked.
    let search = |f: &str| {
        json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filter": f,
               "attributes": ["userName", "displayName"], "count": 10})
    };
    let f = "externalId eq \"E-100\"";
    for (path, n) in [("/Users/.search", 1), ("/Groups/.search", 0), ("/.search", 1)] {
        let (_, l) = ok(c.call(&prov, Method::POST, path, None, Some(search(f))).await, 200).await;
        assert_eq!(l["totalResults"], n, "{path}: {l}");
    }
    refused(
        c.call(&prov, Method::POST, "/.search", None, Some(json!({"filter": f}))).await,
        400,
        88000704,
        Some("invalidSyntax"),
    )
    .await;
    refused(c.call(&prov, Method::GET, "/Users/not-an-id", None, None).await, 404, 88000060, None).await;
    refused(
        c.call(&prov, Method::GET, &format!("/Users/{}", uuid::Uuid::new_v4()), None, None).await,
        404,
        88000060,
        None,
    )
    .await;
    refused(c.call(&other, Method::GET, &format!("/Users/{id}"), None, None).await, 404, 88000060, None).await;
    refused(c.call(&other, Method::GET, "/Users", None, None).await, 404, 88000060, None).await;

    // --- PATCH as Entra sends it; ETags (412 on a stale one); PUT
    let body = patch(json!([
        {"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "alice2@contoso.example"},
        {"op": "Replace", "value": {"displayName": "Alice Two", "name.familyName": "Two"}},
        {"op": "Add", "path": format!("{ENTERPRISE}:manager"), "value": "M-1"},
        {"op": "Add", "path": "phoneNumbers[type eq \"mobile\"].value", "value": "+386 1 234 5678"},
    ]));
    let (tag2, p) =
        ok(c.call(&prov, Method::PATCH, &format!("/Users/{id}"), tag.as_deref(), Some(body.clone())).await, 200).await;
    assert_eq!(p["emails"][0]["value"], "alice2@contoso.example");
    assert_eq!((p["displayName"].clone(), p["name"]["familyName"].clone()), (json!("Alice Two"), json!("Two")));
    assert_eq!(p[ENTERPRISE]["manager"], json!({"value": "M-1"}));
    assert_eq!(p["phoneNumbers"][0]["value"], "+386 1 234 5678");
    assert_ne!(tag, tag2);
    refused(
        c.call(&prov, Method::PATCH, &format!("/Users/{id}"), tag.as_deref(), Some(body)).await,
        412,
        88000480,
        None,
    )
    .await;
    let mut put = alice.clone();
    put["displayName"] = json!("Alice Put");
    put.as_object_mut().unwrap().remove("password");
    refused(
        c.call(&prov, Method::PUT, &format!("/Users/{id}"), tag.as_deref(), Some(put.clone())).await,
        412,
        88000480,
        None,
    )
    .await;
    let (tag3, p) =
        ok(c.call(&prov, Method::PUT, &format!("/Users/{id}"), tag2.as_deref(), Some(put)).await, 200).await;
    assert_eq!(p["displayName"], "Alice Put");
    let bad_ops = [
        (json!({"Operations": []}), 88000704, "invalidSyntax"),
        (patch(json!([{"op": "remove"}])), 88000702, "noTarget"),
        (patch(json!([{"op": "add", "path": "emails[type", "value": "x"}])), 88000701, "invalidPath"),
        (patch(json!([{"op": "replace", "path": "id", "value": "x"}])), 88000705, "mutability"),
        (patch(json!([{"op": "replace", "path": "active", "value": "maybe"}])), 88000703, "invalidValue"),
        (patch(json!([{"op": "remove", "path": "emails[type eq \"home\"]"}])), 88000702, "noTarget"),
    ];
    for (b, code, t) in bad_ops {
        refused(c.call(&prov, Method::PATCH, &format!("/Users/{id}"), None, Some(b)).await, 400, code, Some(t)).await;
    }
    refused(
        c.patch(
            &reader,
            &format!("/Users/{id}"),
            None,
            json!([{"op": "replace", "path": "displayName", "value": "r"}]),
        )
        .await,
        403,
        88000481,
        None,
    )
    .await;

    // --- groups: create with a member, filters, the user's groups, Entra's member PATCHes, rules
    let g = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "SCIM Staff",
                   "externalId": "G-1", "members": [{"value": id}]});
    let (gtag, grp) = ok(c.call(&prov, Method::POST, "/Groups", None, Some(g.clone())).await, 201).await;
    let gid = grp["id"].as_str().unwrap().to_string();
    assert_eq!(grp["members"][0]["value"], id.as_str());
    refused(c.call(&prov, Method::POST, "/Groups", None, Some(g.clone())).await, 409, 88000483, Some("uniqueness"))
        .await;
    let stranger = json!({"displayName": "Strangers", "members": [{"value": uuid::Uuid::new_v4().to_string()}]});
    refused(c.call(&prov, Method::POST, "/Groups", None, Some(stranger)).await, 400, 88000703, Some("invalidValue"))
        .await;
    let gq =
        |f: &str| format!("/Groups?filter={}", url::form_urlencoded::byte_serialize(f.as_bytes()).collect::<String>());
    for f in ["displayName eq \"scim staff\"", "externalId eq \"G-1\"", &format!("members.value eq \"{id}\"")] {
        let (_, l) = ok(c.call(&prov, Method::GET, &gq(f), None, None).await, 200).await;
        assert_eq!(l["totalResults"], 1, "{f}: {l}");
    }
    let (_, u) = ok(c.call(&prov, Method::GET, &format!("/Users/{id}"), None, None).await, 200).await;
    assert_eq!(u["groups"][0]["value"], gid.as_str());
    assert_ne!(u["meta"]["version"].as_str(), tag3.as_deref(), "membership is part of the version");
    let gpath = format!("/Groups/{gid}");
    let (_, x) = ok(
        c.patch(&prov, &gpath, gtag.as_deref(), json!([{"op": "Remove", "path": "members", "value": [{"value": id}]}]))
            .await,
        200,
    )
    .await;
    assert!(x.get("members").is_none(), "{x}");
    refused(
        c.patch(&prov, &gpath, gtag.as_deref(), json!([{"op": "Add", "path": "members", "value": [{"value": id}]}]))
            .await,
        412,
        88000480,
        None,
    )
    .await;
    let (_, x) = ok(
        c.patch(
            &prov,
            &gpath,
            None,
            json!([{"op": "Add", "path": "members", "value": [{"value": id}]},
                          {"op": "Replace", "path": "displayName", "value": "SCIM People"}]),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        (x["members"][0]["value"].as_str(), x["displayName"].as_str()),
        (Some(id.as_str()), Some("SCIM People"))
    );
    let (_, x) = ok(
        c.patch(&prov, &gpath, None, json!([{"op": "remove", "path": format!("members[value eq \"{id}\"]")}])).await,
        200,
    )
    .await;
    assert!(x.get("members").is_none(), "{x}");
    refused(c.call(&other, Method::GET, &gpath, None, None).await, 404, 88000060, None).await;

    // --- deactivation (Entra: "False" as a string): refresh and sign-in refused, audited
    // A browser session too (the web portal's sign-in page).
    let mut agent = sigil_testkit::browser::Agent::new(s.http(), &s.base);
    let url = "/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=code\
               &redirect_uri=http://127.0.0.1:5000/callback&state=st&scope=openid&nonce=n\
               &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
    agent.sign_in(url, "scim.alice@contoso.example", "Scim password 1").await;
    let sessions = |s: &Server| {
        let r = s
            .http()
            .get(s.url(&format!("/admin/api/v1/tenants/contoso/users/{id}/sessions")))
            .bearer_auth(&s.admin_token);
        async move { r.send().await.unwrap().json::<Value>().await.unwrap()["items"].as_array().unwrap().len() }
    };
    assert_eq!(sessions(&s).await, 1);
    let first =
        password_grant(&s, "scim.alice@contoso.example", "Scim password 1").await.json::<Value>().await.unwrap();
    let refresh = first["refresh_token"].as_str().unwrap().to_string();
    let (_, d) = ok(
        c.patch(&prov, &format!("/Users/{id}"), None, json!([{"op": "Replace", "path": "active", "value": "False"}]))
            .await,
        200,
    )
    .await;
    assert_eq!(d["active"], false);
    assert_eq!(password_grant(&s, "scim.alice@contoso.example", "Scim password 1").await.status(), 400);
    let r = token(&s, "contoso", &[("grant_type", "refresh_token"), ("refresh_token", &refresh)], Some(LEGACY)).await;
    assert_eq!(r.status(), 400, "the deactivated user's grants are revoked");
    assert_eq!(sessions(&s).await, 0, "the deactivated user's sessions ended");
    let page = agent.get(url).await;
    assert!(page.location.is_none() && page.is_signin(), "{} {:?}", page.status, page.location);
    let page =
        agent.submit(&page, &[("username", "scim.alice@contoso.example"), ("password", "Scim password 1")]).await;
    assert!(page.location.is_none(), "a deactivated user cannot sign in: {}", page.body);
    let audit: Value = s
        .http()
        .get(s.url("/admin/api/v1/audit?action=user.disable"))
        .bearer_auth(&s.admin_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let e = &audit["items"][0];
    assert_eq!(
        (e["target"].as_str(), e["before"]["active"].clone(), e["after"]["active"].clone()),
        (Some("user:scim.alice@contoso.example"), json!(true), json!(false)),
        "{audit}"
    );
    assert!(e["actor"].as_str().unwrap().contains("contoso-provisioning"), "{e}");

    // --- delete: stale If-Match, then gone
    let (dtag, _) = ok(c.call(&prov, Method::GET, &gpath, None, None).await, 200).await;
    refused(c.call(&prov, Method::DELETE, &gpath, Some("W/\"stale\""), None).await, 412, 88000480, None).await;
    ok(c.call(&prov, Method::DELETE, &gpath, dtag.as_deref(), None).await, 204).await;
    refused(c.call(&prov, Method::GET, &gpath, None, None).await, 404, 88000060, None).await;
    refused(c.call(&reader, Method::DELETE, &format!("/Users/{id}"), None, None).await, 403, 88000481, None).await;
    ok(c.call(&prov, Method::DELETE, &format!("/Users/{id}"), None, None).await, 204).await;
    refused(c.call(&prov, Method::GET, &format!("/Users/{id}"), None, None).await, 404, 88000060, None).await;
    let (_, l) = ok(c.call(&prov, Method::GET, &q("externalId eq \"E-100\""), None, None).await, 200).await;
    assert_eq!(l["totalResults"], 0, "the record went with the user");
}

#[tokio::test]
async fn scim_on_sqlite() {
    scenario(Backend::Sqlite).await;
}

#[tokio::test]
async fn scim_on_postgres() {
    scenario(Backend::Postgres).await;
}

/// scim2-tester (every check it has) and scim2-client against a spawned server, bounded in time.
#[tokio::test]
async fn scim2_tester_and_scim2_client_find_no_failure() {
    let python = match std::env::var("SIGIL_TEST_PYTHON") {
        Ok(p) if !p.is_empty() => p,
        _ => panic!("SIGIL_TEST_PYTHON is not set: run scripts/test.sh (it installs scim2-tester)"),
    };
    let s = start(Backend::Sqlite).await;
    let prov = bearer(&s, "contoso", "contoso-provisioning", "contoso-provisioning-secret-0123456789abcdef").await;
    let script = sigil_testkit::workspace_root().join("tests/clients/scim/scim_check.py");
    let mut cmd = std::process::Command::new(python);
    cmd.arg(script).arg(s.url("/contoso/scim/v2")).arg(&prov);
    let log = sigil_testkit::test_output("scim").join("scim2-tester.txt");
    crate::common::run_client_program(cmd, "scim2-tester", &s, &log, Duration::from_secs(300), "SCIM CHECKS DONE")
        .await;
}
