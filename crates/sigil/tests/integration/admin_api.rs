//! Issue 22: the admin API v1 against a real server, on SQLite and on PostgreSQL: every resource's
//! success and refusal paths, tokens Sigil issued (reader, tenant administrator, installation
//! administrator), stale ETags, audit entries, the sign-in log, and schemathesis against the served
//! OpenAPI document.
use std::time::Duration;

use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::common::{BIN, token};

pub(crate) const API: &str = "/admin/api/v1";

pub(crate) async fn start(backend: Backend) -> Server {
    let mut opts = ServerOptions { backend, ..Default::default() };
    opts.imports.push(sigil_testkit::fixture("admin.toml"));
    opts.env.push(("SIGIL_SERVER_ADMIN_TENANT".into(), "ops".into()));
    Server::start(BIN, opts).await
}

/// A request to the admin API with a bearer token (and optionally `If-Match` and a JSON body).
pub(crate) async fn call(
    s: &Server,
    bearer: &str,
    method: Method,
    path: &str,
    if_match: Option<&str>,
    body: Option<Value>,
) -> Response {
    let mut r = s.http().request(method, s.url(&format!("{API}{path}"))).bearer_auth(bearer);
    if let Some(t) = if_match {
        r = r.header("if-match", t);
    }
    if let Some(b) = body {
        r = r.json(&b);
    }
    r.send().await.expect("admin request")
}

/// Asserts a success and returns (ETag, body).
pub(crate) async fn ok(r: Response, status: u16) -> (Option<String>, Value) {
    let st = r.status().as_u16();
    let tag = r.headers().get("etag").map(|v| v.to_str().unwrap().to_string());
    assert_eq!(r.headers().get("cache-control").map(|v| v.to_str().unwrap()), Some("no-store"));
    let text = r.text().await.unwrap();
    assert_eq!(st, status, "{text}");
    (tag, if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap() })
}

/// Asserts an RFC 9457 problem with the catalog code and returns it.
pub(crate) async fn problem(r: Response, status: u16, code: u32) -> Value {
    let st = r.status().as_u16();
    let ct = r.headers().get("content-type").map(|v| v.to_str().unwrap().to_string());
    let corr = r.headers().get("client-request-id").map(|v| v.to_str().unwrap().to_string());
    let text = r.text().await.unwrap();
    let p: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    assert_eq!((st, p["code"].as_u64()), (status, Some(code as u64)), "{p}");
    assert_eq!(ct.as_deref(), Some("application/problem+json"));
    assert_eq!(p["status"], status);
    assert!(p["type"].as_str().unwrap().ends_with(&format!("/error?code={code}")), "{p}");
    assert!(uuid::Uuid::parse_str(p["trace_id"].as_str().unwrap()).is_ok());
    assert_eq!(p["correlation_id"].as_str(), corr.as_deref());
    assert_eq!(p["instance"].as_str().unwrap(), format!("urn:uuid:{}", p["trace_id"].as_str().unwrap()));
    assert!(p["detail"].as_str().unwrap().starts_with(&format!("SIGIL{code}: ")), "{p}");
    p
}

/// A client-credentials access token for the admin API from `tenant`.
pub(crate) async fn admin_token(s: &Server, tenant: &str, client: &str, secret: &str) -> String {
    let r = token(
        s,
        tenant,
        &[("grant_type", "client_credentials"), ("scope", "api://sigil-admin/.default")],
        Some((client, secret)),
    )
    .await;
    let v: Value = r.json().await.unwrap();
    let t = v["access_token"].as_str().unwrap_or_else(|| panic!("{v}")).to_string();
    assert_eq!(crate::common::claims(&t)["aud"], "api://sigil-admin");
    t
}

async fn client_credentials(s: &Server, id: &str, secret: &str) -> StatusCode {
    token(
        s,
        "contoso",
        &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")],
        Some((id, secret)),
    )
    .await
    .status()
}

/// The entries of the audit log with this action, as the bootstrap token sees them.
pub(crate) async fn audit(s: &Server, query: &str) -> Vec<Value> {
    let (_, v) = ok(call(s, &s.admin_token, Method::GET, &format!("/audit?{query}"), None, None).await, 200).await;
    v["items"].as_array().unwrap().clone()
}

async fn scenario(backend: Backend) {
    let s = start(backend).await;
    let boot = s.admin_token.clone();

    // --- authentication: none, wrong, a token of another audience
    problem(s.http().get(s.url(&format!("{API}/tenants"))).send().await.unwrap(), 401, 88000050).await;
    let daemon = token(
        &s,
        "contoso",
        &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")],
        Some(crate::common::DAEMON),
    )
    .await
    .json::<Value>()
    .await
    .unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let p = problem(call(&s, &daemon, Method::GET, "/tenants", None, None).await, 401, 88000050).await;
    assert_eq!(p["error"], "invalid_token");
    // Unknown routes and methods under the prefix answer problems too (chosen by route).
    problem(call(&s, &boot, Method::GET, "/nope", None, None).await, 404, 88000060).await;
    problem(call(&s, &boot, Method::PUT, "/tenants", None, None).await, 405, 88000103).await;
    problem(call(&s, &boot, Method::GET, "/tenants?limit=x", None, None).await, 400, 9002313).await;

    // --- the OpenAPI document is served and names every resource
    let (_, doc) = ok(call(&s, &boot, Method::GET, "/openapi.json", None, None).await, 200).await;
    assert_eq!(doc["openapi"], "3.1.0");
    for p in [
        "/admin/api/v1/tenants/{tenant}/applications/{client_id}/secrets",
        "/admin/api/v1/signins/{trace_id}",
        "/admin/api/v1/audit",
    ] {
        assert!(doc["paths"][p].is_object(), "{p}");
    }

    // --- tenants: create, get, ETag, stale If-Match, conflict, rules, delete
    let (tag, t) =
        ok(call(&s, &boot, Method::POST, "/tenants", None, Some(json!({"name": "northwind"}))).await, 201).await;
    let tag = tag.unwrap();
    assert_eq!((t["name"].as_str(), t["signing_alg"].as_str()), (Some("northwind"), Some("ES256")));
    let (tag2, _) = ok(call(&s, &boot, Method::GET, "/tenants/northwind", None, None).await, 200).await;
    assert_eq!(tag2.as_deref(), Some(tag.as_str()), "the ETag of a GET is the one the create answered");
    problem(call(&s, &boot, Method::POST, "/tenants", None, Some(json!({"name": "NorthWind"}))).await, 409, 88000483)
        .await;
    let p = problem(
        call(&s, &boot, Method::POST, "/tenants", None, Some(json!({"name": "a/b", "signing_alg": "HS256"}))).await,
        400,
        88000482,
    )
    .await;
    let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["name", "signing_alg"]);
    problem(
        call(&s, &boot, Method::POST, "/tenants", None, Some(json!({"name": "x", "bogus": 1}))).await,
        400,
        9002313,
    )
    .await;
    let (new_tag, t) = ok(
        call(
            &s,
            &boot,
            Method::PATCH,
            "/tenants/northwind",
            Some(&tag),
            Some(json!({"display_name": "Northwind Traders"})),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(t["display_name"], "Northwind Traders");
    let new_tag = new_tag.unwrap();
    assert_ne!(new_tag, tag);
    // A second writer still holding the first ETag is refused, and changes nothing.
    problem(
        call(&s, &boot, Method::PATCH, "/tenants/northwind", Some(&tag), Some(json!({"display_name": "Lost update"})))
            .await,
        412,
        88000480,
    )
    .await;
    problem(call(&s, &boot, Method::DELETE, "/tenants/northwind", Some(&tag), None).await, 412, 88000480).await;
    let (_, t) = ok(call(&s, &boot, Method::GET, "/tenants/northwind", None, None).await, 200).await;
    assert_eq!(t["display_name"], "Northwind Traders");
    // Eight writers holding the same current ETag at once: exactly one wins, the others get 412.
    let racers: Vec<_> = (0..8)
        .map(|i| {
            let (http, url) = (s.http(), s.url(&format!("{API}/tenants/northwind")));
            let (boot, tag) = (boot.clone(), new_tag.clone());
            async move {
                let body = json!({"display_name": format!("Racer {i}")});
                let r = http.patch(url).bearer_auth(boot).header("if-match", tag).json(&body).send().await;
                r.unwrap().status().as_u16()
            }
        })
        .collect();
    let mut statuses = crate::token::futures_join(racers).await;
    statuses.sort();
    assert_eq!(statuses, [200, 412, 412, 412, 412, 412, 412, 412]);
    let (new_tag, _) = ok(call(&s, &boot, Method::GET, "/tenants/northwind", None, None).await, 200).await;
    let new_tag = new_tag.unwrap();
    // The tenant signs: its discovery document and keys exist once the directory reloads.
    let (_, keys) = ok(call(&s, &boot, Method::GET, "/tenants/northwind/keys", None, None).await, 200).await;
    assert_eq!(keys["items"].as_array().unwrap().len(), 2, "ES256 and RS256 for ID tokens: {keys}");
    ok(call(&s, &boot, Method::DELETE, "/tenants/northwind", Some(&new_tag), None).await, 204).await;
    problem(call(&s, &boot, Method::GET, "/tenants/northwind", None, None).await, 404, 88000060).await;

    // --- applications: a daemon whose generated secret works at the token endpoint
    let (app_tag, created) = ok(
        call(
            &s,
            &boot,
            Method::POST,
            "/tenants/contoso/applications",
            None,
            Some(json!({"client_id": "api-made-daemon", "type": "confidential", "grant_types": ["client_credentials"],
                        "permissions": [{"api": "api://reports", "roles": ["Reports.Read.All"]}]})),
        )
        .await,
        201,
    )
    .await;
    let first = created["secret"]["value"].as_str().unwrap().to_string();
    let first_id = created["secret"]["id"].as_str().unwrap().to_string();
    assert!(first.len() >= 32);
    assert_eq!(created["application"]["secrets"][0]["hint"].as_str().unwrap(), &first[..3]);
    assert!(!created.to_string().contains("hash"), "no hash is ever shown");
    // Usable once the server's directory has reloaded (at once on PostgreSQL, within a second on SQLite).
    wait_until(|| async { client_credentials(&s, "api-made-daemon", &first).await == StatusCode::OK }).await;
    let (tag, again) =
        ok(call(&s, &boot, Method::GET, "/tenants/contoso/applications/api-made-daemon", None, None).await, 200).await;
    assert_eq!(tag, app_tag);
    assert!(again.get("secret").is_none() && !again.to_string().contains(&first), "the value is shown once");
    // A second secret (rotation), then the first removed: only the second works.
    let (tag, added) = ok(
        call(
            &s,
            &boot,
            Method::POST,
            "/tenants/contoso/applications/api-made-daemon/secrets",
            app_tag.as_deref(),
            Some(json!({})),
        )
        .await,
        201,
    )
    .await;
    let second = added["secret"]["value"].as_str().unwrap().to_string();
    problem(
        call(
            &s,
            &boot,
            Method::POST,
            "/tenants/contoso/applications/api-made-daemon/secrets",
            app_tag.as_deref(),
            Some(json!({})),
        )
        .await,
        412,
        88000480,
    )
    .await;
    let path = format!("/tenants/contoso/applications/api-made-daemon/secrets/{first_id}");
    let (tag, _) = ok(call(&s, &boot, Method::DELETE, &path, tag.as_deref(), None).await, 200).await;
    let second_id = added["secret"]["id"].as_str().unwrap();
    let last = format!("/tenants/contoso/applications/api-made-daemon/secrets/{second_id}");
    let p = problem(call(&s, &boot, Method::DELETE, &last, None, None).await, 400, 88000482).await;
    assert_eq!(p["errors"][0]["field"], "secret", "a confidential client keeps one secret: {p}");
    wait_until(|| async { client_credentials(&s, "api-made-daemon", &first).await == StatusCode::UNAUTHORIZED }).await;
    assert_eq!(client_credentials(&s, "api-made-daemon", &second).await, StatusCode::OK);
    // Redirect URIs follow the provisioning rules.
    let p = problem(
        call(
            &s,
            &boot,
            Method::PATCH,
            "/tenants/contoso/applications/api-made-daemon",
            tag.as_deref(),
            Some(json!({"grant_types": ["authorization_code"], "redirect_uris": ["http://evil.example/cb"]})),
        )
        .await,
        400,
        88000482,
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "redirect_uris[0]");
    let (tag, app) = ok(
        call(
            &s,
            &boot,
            Method::PATCH,
            "/tenants/contoso/applications/api-made-daemon",
            tag.as_deref(),
            Some(json!({"grant_types": ["client_credentials", "authorization_code"], "redirect_uris": ["https://app.example/cb"]})),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(app["redirect_uris"], json!(["https://app.example/cb"]));
    let p = problem(
        call(
            &s,
            &boot,
            Method::POST,
            "/tenants/contoso/applications/api-made-daemon/certificates",
            None,
            Some(json!({"pem": "nope"})),
        )
        .await,
        400,
        88000482,
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "pem");
    let p = problem(
        call(
            &s,
            &boot,
            Method::POST,
            "/tenants/contoso/applications",
            None,
            Some(json!({"client_id": "bad-public", "type": "public", "grant_types": ["client_credentials"]})),
        )
        .await,
        400,
        88000482,
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "grant_types");
    problem(
        call(
            &s,
            &boot,
            Method::POST,
            "/tenants/contoso/applications",
            None,
            Some(json!({"client_id": "web-portal", "type": "public", "grant_types": ["refresh_token"]})),
        )
        .await,
        409,
        88000483,
    )
    .await;
    problem(call(&s, &boot, Method::GET, "/tenants/contoso/applications/nope", None, None).await, 404, 88000060).await;
    // Paging: every client once, in client_id order.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let q = cursor.as_ref().map_or("?limit=2".to_string(), |c| format!("?limit=2&cursor={c}"));
        let (_, page) =
            ok(call(&s, &boot, Method::GET, &format!("/tenants/contoso/applications{q}"), None, None).await, 200).await;
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        seen.extend(items.iter().map(|a| a["client_id"].as_str().unwrap().to_string()));
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(seen, sorted, "each once, in order");
    assert!(
        seen.contains(&"api-made-daemon".to_string()) && seen.contains(&"web-portal".to_string()) && seen.len() > 6
    );
    problem(call(&s, &boot, Method::GET, "/tenants/contoso/applications?cursor=%%%", None, None).await, 400, 9002313)
        .await;
    ok(
        call(&s, &boot, Method::DELETE, "/tenants/contoso/applications/api-made-daemon", tag.as_deref(), None).await,
        204,
    )
    .await;
    wait_until(|| async { client_credentials(&s, "api-made-daemon", &second).await == StatusCode::UNAUTHORIZED }).await;

    // --- APIs: scopes and roles through the same rules as import
    let (api_tag, api) = ok(
        call(
            &s,
            &boot,
            Method::POST,
            "/tenants/contoso/apis",
            None,
            Some(json!({"name": "inventory", "identifier": "api://inventory", "roles": ["Inventory.Admin"]})),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(api["identifier"], "api://inventory");
    problem(
        call(
            &s,
            &boot,
            Method::POST,
            "/tenants/contoso/apis",
            None,
            Some(json!({"name": "other", "identifier": "api://inventory"})),
        )
        .await,
        409,
        88000483,
    )
    .await;
    let p = problem(
        call(
            &s,
            &boot,
            Method::POST,
            "/tenants/contoso/apis",
            None,
            Some(json!({"name": "bad", "identifier": "api://bad/"})),
        )
        .await,
        400,
        88000482,
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "identifier");
    let (_, by_identifier) =
        ok(call(&s, &boot, Method::GET, "/tenants/contoso/apis/api%3A%2F%2Finventory", None, None).await, 200).await;
    assert_eq!(by_identifier["name"], "inventory");
    let (api_tag2, api) = ok(
        call(
            &s,
            &boot,
            Method::PATCH,
            "/tenants/contoso/apis/inventory",
            api_tag.as_deref(),
            Some(json!({"scopes": ["Inventory.Read"]})),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(api["scopes"], json!(["Inventory.Read"]));
    problem(
        call(&s, &boot, Method::DELETE, "/tenants/contoso/apis/inventory", api_tag.as_deref(), None).await,
        412,
        88000480,
    )
    .await;
    ok(call(&s, &boot, Method::DELETE, "/tenants/contoso/apis/inventory", api_tag2.as_deref(), None).await, 204).await;
    problem(call(&s, &boot, Method::GET, "/tenants/contoso/apis/inventory", None, None).await, 404, 88000060).await;

    // --- users: create, password grant, set password, disable, grants and their revocation
    let (utag, u) = ok(
        call(
            &s,
            &boot,
            Method::POST,
            "/tenants/contoso/users",
            None,
            Some(json!({"username": "api-user", "password": "first password 1", "email": "api-user@contoso.example"})),
        )
        .await,
        201,
    )
    .await;
    assert!(u.get("password").is_none() && u.get("password_hash").is_none());
    let pw = |p: &'static str| {
        let s = &s;
        async move {
            token(
                s,
                "contoso",
                &[
                    ("grant_type", "password"),
                    ("username", "api-user"),
                    ("password", p),
                    ("scope", "api://reports/Reports.Read offline_access"),
                ],
                Some(crate::common::LEGACY),
            )
            .await
        }
    };
    let r = pw("first password 1").await;
    assert_eq!(r.status(), 200);
    let first_tokens = r.json::<Value>().await.unwrap();
    let refresh = first_tokens["refresh_token"].as_str().unwrap().to_string();
    // The grant the first tokens descend from (`gid`).
    let first_grant =
        crate::common::claims(first_tokens["access_token"].as_str().unwrap())["gid"].as_str().unwrap().to_string();
    problem(
        call(
            &s,
            &boot,
            Method::POST,
            "/tenants/contoso/users",
            None,
            Some(json!({"username": "api-user", "password": "another one 123"})),
        )
        .await,
        409,
        88000483,
    )
    .await;
    let p = problem(
        call(
            &s,
            &boot,
            Method::PUT,
            "/tenants/contoso/users/api-user/password",
            None,
            Some(json!({"password": "short"})),
        )
        .await,
        400,
        88000482,
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "password");
    let (utag2, _) = ok(
        call(
            &s,
            &boot,
            Method::PUT,
            "/tenants/contoso/users/api-user/password",
            utag.as_deref(),
            Some(json!({"password": "second password 2"})),
        )
        .await,
        200,
    )
    .await;
    assert_ne!(utag2, utag);
    assert_eq!(pw("first password 1").await.status(), 400);
    assert_eq!(pw("second password 2").await.status(), 200);
    // Its grants: listed, one revoked (its refresh token stops), revoked again changes nothing.
    let (_, grants) =
        ok(call(&s, &boot, Method::GET, "/tenants/contoso/users/api-user/grants", None, None).await, 200).await;
    let items = grants["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{grants}");
    assert!(items.iter().any(|g| g["id"] == first_grant.as_str() && g["revoked_at"].is_null()), "{grants}");
    let gpath = format!("/tenants/contoso/users/api-user/grants/{first_grant}");
    ok(call(&s, &boot, Method::DELETE, &gpath, None, None).await, 204).await;
    ok(call(&s, &boot, Method::DELETE, &gpath, None, None).await, 204).await;
    let r = token(
        &s,
        "contoso",
        &[("grant_type", "refresh_token"), ("refresh_token", &refresh)],
        Some(crate::common::LEGACY),
    )
    .await;
    assert_eq!(r.status(), 400, "a revoked grant's refresh token is refused");
    problem(
        call(&s, &boot, Method::DELETE, &format!("/tenants/contoso/users/alice/grants/{first_grant}"), None, None)
            .await,
        404,
        88000060,
    )
    .await;
    problem(
        call(&s, &boot, Method::DELETE, "/tenants/contoso/users/api-user/grants/not-a-uuid", None, None).await,
        400,
        9002313,
    )
    .await;
    // Disabled: no more sign-in.
    let (_, u) =
        ok(call(&s, &boot, Method::POST, "/tenants/contoso/users/api-user/disable", None, None).await, 200).await;
    assert_eq!(u["enabled"], false);
    assert_eq!(pw("second password 2").await.status(), 400);
    let (utag, u) = ok(
        call(
            &s,
            &boot,
            Method::PATCH,
            "/tenants/contoso/users/api-user",
            None,
            Some(json!({"enabled": true, "display_name": "API User"})),
        )
        .await,
        200,
    )
    .await;
    assert_eq!((u["enabled"].as_bool(), u["display_name"].as_str()), (Some(true), Some("API User")));

    // --- sessions: alice signs in with a browser; the session is listed by its sid and ended
    let mut agent = sigil_testkit::browser::Agent::new(s.http(), &s.base);
    let url = "/contoso/oauth2/v2.0/authorize?client_id=web-portal&response_type=code\
               &redirect_uri=http://127.0.0.1:5000/callback&state=st&scope=openid&nonce=n\
               &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
    agent.sign_in(url, "alice", "correct horse battery staple").await;
    let (_, sessions) =
        ok(call(&s, &boot, Method::GET, "/tenants/contoso/users/alice/sessions", None, None).await, 200).await;
    let items = sessions["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{sessions}");
    let sid = items[0]["sid"].as_str().unwrap().to_string();
    problem(
        call(&s, &boot, Method::DELETE, &format!("/tenants/contoso/users/bob/sessions/{sid}"), None, None).await,
        404,
        88000060,
    )
    .await;
    ok(call(&s, &boot, Method::DELETE, &format!("/tenants/contoso/users/alice/sessions/{sid}"), None, None).await, 204)
        .await;
    let (_, sessions) =
        ok(call(&s, &boot, Method::GET, "/tenants/contoso/users/alice/sessions", None, None).await, 200).await;
    assert!(sessions["items"].as_array().unwrap().is_empty());
    // The browser's cookie no longer signs it in: the sign-in form is shown again.
    let page = agent.get(url).await;
    assert!(page.location.is_none() && page.body.contains("password"), "{} {:?}", page.status, page.location);
    assert_eq!(audit(&s, "action=session.revoke").await.len(), 1);

    // --- groups and memberships
    let (gtag, g) = ok(
        call(
            &s,
            &boot,
            Method::POST,
            "/tenants/contoso/groups",
            None,
            Some(json!({"name": "api-readers", "app_roles": ["api://reports/Reports.Read.All"]})),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(g["app_roles"], json!(["api://reports/Reports.Read.All"]));
    let p = problem(
        call(
            &s,
            &boot,
            Method::POST,
            "/tenants/contoso/groups",
            None,
            Some(json!({"name": "bad", "app_roles": ["api://reports/Nope"]})),
        )
        .await,
        400,
        88000482,
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "app_roles[0]");
    let (_, access) =
        ok(call(&s, &boot, Method::PUT, "/tenants/contoso/groups/api-readers/members/api-user", None, None).await, 200)
            .await;
    assert_eq!(access["groups"], json!(["api-readers"]));
    let (_, access) =
        ok(call(&s, &boot, Method::GET, "/tenants/contoso/users/api-user/groups", None, None).await, 200).await;
    assert_eq!(access["groups"], json!(["api-readers"]));
    let (_, access) = ok(
        call(&s, &boot, Method::DELETE, "/tenants/contoso/groups/api-readers/members/api-user", None, None).await,
        200,
    )
    .await;
    assert_eq!(access["groups"], json!([]));
    let (gtag2, g) = ok(
        call(
            &s,
            &boot,
            Method::PATCH,
            "/tenants/contoso/groups/api-readers",
            gtag.as_deref(),
            Some(json!({"security": false})),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(g["security"], false);
    problem(
        call(&s, &boot, Method::DELETE, "/tenants/contoso/groups/api-readers", gtag.as_deref(), None).await,
        412,
        88000480,
    )
    .await;
    ok(call(&s, &boot, Method::DELETE, "/tenants/contoso/groups/api-readers", gtag2.as_deref(), None).await, 204).await;
    problem(call(&s, &boot, Method::GET, "/tenants/contoso/groups/api-readers", None, None).await, 404, 88000060).await;

    // --- signing keys: rotation publishes new keys in the tenant's JWKS
    let (_, rotated) = ok(
        call(&s, &boot, Method::POST, "/tenants/contoso/keys/rotate", None, Some(json!({"delay": 3600}))).await,
        201,
    )
    .await;
    let kid = rotated["items"][0]["kid"].as_str().unwrap().to_string();
    let (_, keys) = ok(call(&s, &boot, Method::GET, "/tenants/contoso/keys", None, None).await, 200).await;
    assert!(keys["items"].as_array().unwrap().iter().any(|k| k["kid"] == kid.as_str()));
    wait_until(|| async {
        let jwks = crate::common::get_json(&s, "/contoso/discovery/v2.0/keys").await;
        jwks["keys"].as_array().unwrap().iter().any(|k| k["kid"] == kid.as_str())
    })
    .await;
    problem(
        call(&s, &boot, Method::POST, "/tenants/contoso/keys/rotate", None, Some(json!({"alg": "HS256"}))).await,
        400,
        88000482,
    )
    .await;

    // --- tokens Sigil issued: installation reader, tenant administrator, tenant reader
    let ops_reader = admin_token(&s, "ops", "ops-reader", "ops-reader-secret-0123456789abcdef-0123456789").await;
    let ops_admin = admin_token(&s, "ops", "ops-admin", "ops-admin-secret-0123456789abcdef-0123456789").await;
    let contoso_admin =
        admin_token(&s, "contoso", "contoso-admin", "contoso-admin-secret-0123456789abcdef-01234").await;
    let contoso_reader =
        admin_token(&s, "contoso", "contoso-reader", "contoso-reader-secret-0123456789abcdef-0123").await;
    let (_, all) = ok(call(&s, &ops_reader, Method::GET, "/tenants", None, None).await, 200).await;
    assert!(all["items"].as_array().unwrap().len() >= 3, "a global reader sees every tenant");
    let p = problem(
        call(&s, &ops_reader, Method::POST, "/tenants", None, Some(json!({"name": "by-reader"}))).await,
        403,
        88000481,
    )
    .await;
    assert_eq!(p["error"], "insufficient_scope");
    problem(
        call(
            &s,
            &ops_reader,
            Method::PATCH,
            "/tenants/contoso/users/api-user",
            None,
            Some(json!({"display_name": "x"})),
        )
        .await,
        403,
        88000481,
    )
    .await;
    ok(call(&s, &ops_admin, Method::POST, "/tenants", None, Some(json!({"name": "by-ops"}))).await, 201).await;
    let (_, mine) = ok(call(&s, &contoso_admin, Method::GET, "/tenants", None, None).await, 200).await;
    let names: Vec<&str> = mine["items"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["contoso"], "a tenant administrator sees only its tenant");
    problem(call(&s, &contoso_admin, Method::GET, "/tenants/fabrikam", None, None).await, 404, 88000060).await;
    problem(call(&s, &contoso_admin, Method::GET, "/tenants/fabrikam/users", None, None).await, 404, 88000060).await;
    problem(
        call(
            &s,
            &contoso_admin,
            Method::POST,
            "/tenants/fabrikam/users",
            None,
            Some(json!({"username": "x", "password": "long enough 1"})),
        )
        .await,
        404,
        88000060,
    )
    .await;
    problem(
        call(&s, &contoso_admin, Method::POST, "/tenants", None, Some(json!({"name": "by-tenant-admin"}))).await,
        403,
        88000481,
    )
    .await;
    problem(call(&s, &contoso_admin, Method::GET, "/signins?tenant=fabrikam", None, None).await, 404, 88000060).await;
    ok(
        call(
            &s,
            &contoso_admin,
            Method::PATCH,
            "/tenants/contoso/users/api-user",
            None,
            Some(json!({"display_name": "By Tenant Admin"})),
        )
        .await,
        200,
    )
    .await;
    ok(call(&s, &contoso_reader, Method::GET, "/tenants/contoso/users/api-user", None, None).await, 200).await;
    problem(
        call(
            &s,
            &contoso_reader,
            Method::PATCH,
            "/tenants/contoso/users/api-user",
            None,
            Some(json!({"display_name": "x"})),
        )
        .await,
        403,
        88000481,
    )
    .await;
    problem(
        call(&s, &contoso_reader, Method::DELETE, "/tenants/contoso/users/api-user", utag.as_deref(), None).await,
        403,
        88000481,
    )
    .await;

    // --- a user's token: the admin role comes from a group (assigned through this API)
    ok(
        call(
            &s,
            &boot,
            Method::POST,
            "/tenants/contoso/groups",
            None,
            Some(json!({"name": "sigil-admins", "app_roles": ["api://sigil-admin/Sigil.Admin"]})),
        )
        .await,
        201,
    )
    .await;
    let bob_token = || async {
        let form = [
            ("grant_type", "password"),
            ("username", "bob"),
            ("password", "Tr0ub4dor&3-example"),
            ("scope", "api://sigil-admin/Admin.Access"),
        ];
        let console = ("contoso-console", "contoso-console-secret-0123456789abcdef-012");
        let v: Value = token(&s, "contoso", &form, Some(console)).await.json().await.unwrap();
        v["access_token"].as_str().unwrap_or_else(|| panic!("{v}")).to_string()
    };
    let without_role = bob_token().await;
    let p = problem(call(&s, &without_role, Method::GET, "/tenants", None, None).await, 403, 88000481).await;
    assert_eq!(p["error"], "insufficient_scope");
    ok(call(&s, &boot, Method::PUT, "/tenants/contoso/groups/sigil-admins/members/bob", None, None).await, 200).await;
    // Groups and their roles are in the in-memory directory: on SQLite, from its next reload.
    let bob = wait_for(|| async {
        let t = bob_token().await;
        (crate::common::claims(&t)["roles"] == json!(["Sigil.Admin"])).then_some(t)
    })
    .await;
    let (_, u) = ok(
        call(
            &s,
            &bob,
            Method::PATCH,
            "/tenants/contoso/users/alice",
            None,
            Some(json!({"display_name": "Alice (by Bob)"})),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(u["display_name"], "Alice (by Bob)");
    problem(call(&s, &bob, Method::GET, "/tenants/fabrikam", None, None).await, 404, 88000060).await;
    let by_bob = audit(&s, "action=user.update&limit=1").await;
    assert!(by_bob[0]["actor"].as_str().unwrap().ends_with(" via contoso-console@contoso"), "{by_bob:?}");

    // --- audit: every change above, with who, before/after and the request's trace ID
    let r = call(&s, &boot, Method::POST, "/tenants/contoso/groups", None, Some(json!({"name": "audited"}))).await;
    let trace = r.headers().get("x-sigil-trace-id").unwrap().to_str().unwrap().to_string();
    ok(r, 201).await;
    let e = audit(&s, &format!("trace_id={trace}")).await;
    assert_eq!(e.len(), 1);
    assert_eq!(
        (e[0]["action"].as_str(), e[0]["actor"].as_str(), e[0]["target"].as_str()),
        (Some("group.create"), Some("bootstrap"), Some("group:audited"))
    );
    assert_eq!(e[0]["after"]["name"], "audited");
    assert!(e[0]["before"].is_null());
    for action in [
        "tenant.create",
        "tenant.update",
        "tenant.delete",
        "application.create",
        "application.secret.add",
        "application.secret.remove",
        "application.update",
        "application.delete",
        "user.create",
        "user.password",
        "grant.revoke",
        "user.disable",
        "user.update",
        "group.create",
        "group.member.add",
        "group.member.remove",
        "group.update",
        "group.delete",
        "key.rotate",
        "api.create",
        "api.update",
        "api.delete",
        "session.revoke",
    ] {
        assert!(!audit(&s, &format!("action={action}")).await.is_empty(), "no audit entry for {action}");
    }
    // Refused changes leave none (the stale PATCH, the reader's attempts).
    let updates = audit(&s, "action=tenant.update").await;
    assert_eq!(updates.len(), 2, "the first PATCH and the one racer that won");
    let updates = &updates[1..];
    assert_eq!(
        (updates[0]["before"]["display_name"].as_str(), updates[0]["after"]["display_name"].as_str()),
        (Some("northwind"), Some("Northwind Traders"))
    );
    let secrets = audit(&s, "action=application.secret.add").await;
    assert!(!secrets[0].to_string().contains(&second), "a secret's value never reaches the audit log");
    let by_tenant_admin = audit(&s, "action=user.update&actor=contoso-admin via contoso-admin@contoso").await;
    assert_eq!(by_tenant_admin.len(), 1, "{by_tenant_admin:?}");
    let (_, theirs) = ok(call(&s, &contoso_admin, Method::GET, "/audit?limit=200", None, None).await, 200).await;
    assert!(
        theirs["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["target"] != "tenant:by-ops" && e["target"] != "tenant:northwind")
    );
    problem(call(&s, &contoso_admin, Method::GET, "/audit?tenant=fabrikam", None, None).await, 404, 88000060).await;
    // Paged, newest first, each once.
    let all = audit(&s, "limit=200").await;
    let (_, p1) = ok(call(&s, &boot, Method::GET, "/audit?limit=3", None, None).await, 200).await;
    let c = p1["next_cursor"].as_str().unwrap();
    let (_, p2) = ok(call(&s, &boot, Method::GET, &format!("/audit?limit=3&cursor={c}"), None, None).await, 200).await;
    let ids: Vec<i64> = p1["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(p2["items"].as_array().unwrap())
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    let expected: Vec<i64> = all.iter().take(6).map(|e| e["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, expected);

    // --- the sign-in log: a failed client authentication found by application and code, its detail by trace ID
    let r = token(
        &s,
        "contoso",
        &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")],
        Some(("reporting-daemon", "wrong-secret")),
    )
    .await;
    let failed_trace = r.json::<Value>().await.unwrap()["trace_id"].as_str().unwrap().to_string();
    let found = wait_for(|| async {
        let (_, v) = ok(
            call(&s, &boot, Method::GET, "/signins?application=reporting-daemon&code=7000215", None, None).await,
            200,
        )
        .await;
        v["items"].as_array().unwrap().iter().find(|r| r["trace_id"] == failed_trace.as_str()).cloned()
    })
    .await;
    assert_eq!((found["tenant"].as_str(), found["code"].as_u64()), (Some("contoso"), Some(7000215)));
    let (_, detail) =
        ok(call(&s, &contoso_reader, Method::GET, &format!("/signins/{failed_trace}"), None, None).await, 200).await;
    assert!(!detail["reason"].as_str().unwrap().is_empty());
    problem(
        call(&s, &boot, Method::GET, "/signins/00000000-0000-7000-8000-000000000000", None, None).await,
        404,
        88000060,
    )
    .await;
    let since = found["time_millis"].as_i64().unwrap();
    let (_, v) =
        ok(call(&s, &boot, Method::GET, &format!("/signins?since={since}&until={}", since + 1), None, None).await, 200)
            .await;
    assert!(v["items"].as_array().unwrap().iter().any(|r| r["trace_id"] == failed_trace.as_str()));
    let (_, v) = ok(
        call(&s, &boot, Method::GET, &format!("/signins?trace_id={failed_trace}&user=nobody"), None, None).await,
        200,
    )
    .await;
    assert!(v["items"].as_array().unwrap().is_empty());
    // A tenant's reader sees only its tenant's records; fabrikam's daemon's are not among them.
    token(
        &s,
        "fabrikam",
        &[("grant_type", "client_credentials"), ("scope", "https://graph.fabrikam.example/.default")],
        Some(("fab-daemon", "wrong")),
    )
    .await;
    wait_for(|| async {
        let (_, v) =
            ok(call(&s, &boot, Method::GET, "/signins?tenant=fabrikam&application=fab-daemon", None, None).await, 200)
                .await;
        v["items"].as_array().unwrap().first().cloned()
    })
    .await;
    let (_, v) = ok(call(&s, &contoso_reader, Method::GET, "/signins?limit=200", None, None).await, 200).await;
    assert!(!v["items"].as_array().unwrap().is_empty());
    assert!(v["items"].as_array().unwrap().iter().all(|r| r["tenant"] == "contoso"));
    // Paging walks the log without repeats.
    let (_, all) = ok(call(&s, &boot, Method::GET, "/signins?limit=200", None, None).await, 200).await;
    let all: Vec<String> =
        all["items"].as_array().unwrap().iter().map(|r| r["trace_id"].as_str().unwrap().to_string()).collect();
    let mut walked = Vec::new();
    let mut cursor: Option<String> = None;
    while walked.len() < all.len() {
        let q = cursor.as_ref().map_or("?limit=4".to_string(), |c| format!("?limit=4&cursor={c}"));
        let (_, page) = ok(call(&s, &boot, Method::GET, &format!("/signins{q}"), None, None).await, 200).await;
        walked.extend(page["items"].as_array().unwrap().iter().map(|r| r["trace_id"].as_str().unwrap().to_string()));
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(walked[..all.len().min(walked.len())], all[..all.len().min(walked.len())]);
}

/// Retries `f` until it holds (the directory reloads each second; the sign-in log is batched).
async fn wait_until<F, Fut>(f: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..100 {
        if f().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("condition not reached in 5 s");
}

pub(crate) async fn wait_for<T, F, Fut>(f: F) -> T
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    for _ in 0..100 {
        if let Some(v) = f().await {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("not found in 5 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn admin_api_on_sqlite() {
    scenario(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn admin_api_on_postgres() {
    scenario(Backend::Postgres).await;
}

/// schemathesis (PyPI, pinned in tests/clients/requirements.txt) against the served document,
/// bounded: a few examples per operation. No 5xx, no answer outside the document.
#[tokio::test]
async fn schemathesis_finds_no_server_error_and_no_schema_violation() {
    let python = match std::env::var("SIGIL_TEST_PYTHON") {
        Ok(p) if !p.is_empty() => p,
        _ => panic!("SIGIL_TEST_PYTHON is not set: run scripts/test.sh (it installs schemathesis)"),
    };
    let s = start(Backend::Sqlite).await;
    let mut cmd = std::process::Command::new(&python);
    cmd
        .args(["-m", "schemathesis.cli", "--no-color", "run", &s.url(&format!("{API}/openapi.json"))])
        .args(["--url", &s.base])
        .args(["--header", &format!("Authorization: Bearer {}", s.admin_token)])
        .args(["--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance"])
        .args(["--max-examples", "8", "--phases", "examples,coverage,fuzzing", "--workers", "1", "--generation-deterministic"])
        .args(["--request-timeout", "10", "--generation-with-security-parameters", "false"])
        .env("SCHEMATHESIS_HOOKS", "")
        // Its caches (.schemathesis, .hypothesis) go there, not into the source tree.
        .current_dir(sigil_testkit::test_output("schemathesis"));
    // Bounded by --max-examples and the per-request timeout; off the async runtime.
    let out = tokio::task::spawn_blocking(move || cmd.output()).await.unwrap().unwrap();
    let text = format!("{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    std::fs::write(sigil_testkit::test_output("schemathesis").join("admin-api.txt"), &text).ok();
    assert!(out.status.success(), "schemathesis failed:\n{text}");
    assert!(!text.contains("Server error"), "{text}");
}
