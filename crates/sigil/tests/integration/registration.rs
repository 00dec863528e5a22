//! Issue 20 item 4: dynamic client registration (RFC 7591), its management (RFC 7592) and Client
//! ID Metadata Documents, through a spawned server: off by default, each policy allowing and
//! refusing, initial access tokens spent exactly as often as they allow under a race (both
//! databases), a registered client then signing a user in and getting tokens, and metadata
//! documents served by a loopback server the test starts, with the fetcher's refusals.
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use sigil_testkit::browser::{Agent, param};
use sigil_testkit::{Backend, Server, ServerOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::common::*;

const CHALLENGE: &str = "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const PASSWORD: &str = "correct horse battery staple";
const CALLBACK: &str = "http://127.0.0.1:7777/cb";

fn opts(backend: Backend, env: &[(&str, &str)]) -> ServerOptions {
    let mut o = ServerOptions { backend, ..ServerOptions::default() };
    o.imports.push(sigil_testkit::fixture("dcr.toml"));
    o.env = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    o
}

pub async fn register(s: &Server, tenant: &str, body: &Value, bearer: Option<&str>) -> reqwest::Response {
    let mut r = s.http().post(s.url(&format!("/{tenant}/oauth2/v2.0/register"))).json(body);
    if let Some(b) = bearer {
        r = r.bearer_auth(b);
    }
    r.send().await.expect("registration request")
}

/// A public MCP-style client: the code flow with PKCE, a loopback redirect URI.
fn public_client() -> Value {
    json!({
        "client_name": "Inspector",
        "redirect_uris": [CALLBACK],
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "token_endpoint_auth_method": "none",
        "scope": "openid offline_access https://mcp.tools.example/mcp/tools.read",
        "client_uri": "https://inspector.tools.example",
        "jwks_uri": "https://ignored.example/jwks"
    })
}

/// Authorize → sign in as alice → consent → the code, then the code for tokens.
/// `resource` (RFC 8707), when given, is sent in both requests, as MCP clients do.
async fn code_flow(
    s: &Server,
    tenant: &str,
    client_id: &str,
    scope: &str,
    resource: Option<&str>,
) -> reqwest::Response {
    let mut agent = Agent::new(s.http(), &s.base);
    let q = |v: &str| url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>();
    let mut url = format!(
        "/{tenant}/oauth2/v2.0/authorize?client_id={}&response_type=code&redirect_uri={}&scope={}&state=s&{CHALLENGE}",
        q(client_id),
        q(CALLBACK),
        q(scope)
    );
    if let Some(r) = resource {
        url.push_str(&format!("&resource={}", q(r)));
    }
    let back = agent.sign_in(&url, "alice", PASSWORD).await;
    assert!(back.starts_with(CALLBACK), "{back}");
    let code = param(&back, "code").unwrap_or_else(|| panic!("no code: {back}"));
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", client_id),
        ("code", code.as_str()),
        ("redirect_uri", CALLBACK),
        ("code_verifier", VERIFIER),
    ];
    let mut form = form.to_vec();
    if let Some(r) = resource {
        form.push(("resource", r));
    }
    token(s, tenant, &form, None).await
}

#[tokio::test]
async fn registration_is_off_by_default_and_absent_from_discovery() {
    let s = server_with(opts(Backend::Sqlite, &[])).await;
    let d = discovery(&s, "contoso").await;
    assert!(d.get("registration_endpoint").is_none() && d.get("client_id_metadata_document_supported").is_none());
    expect_error(register(&s, "contoso", &public_client(), None).await, 404, "not_found", 88000060).await;
    // A metadata-document client_id is an unknown client where documents are not enabled.
    let url = "/contoso/oauth2/v2.0/authorize?client_id=https%3A%2F%2Fapp.example%2Fc.json&response_type=code";
    let p = s.http().get(s.url(url)).send().await.unwrap();
    assert_eq!(p.status(), 400);
    assert!(p.text().await.unwrap().contains("SIGIL700016"));

    let d = discovery(&s, "dcr-open").await;
    let tid = d["issuer"].as_str().unwrap().trim_end_matches("/v2.0").rsplit('/').next().unwrap().to_string();
    assert_eq!(d["registration_endpoint"], s.url(&format!("/{tid}/oauth2/v2.0/register")));
    assert_eq!(d["client_id_metadata_document_supported"], true);
    let closed = discovery(&s, "dcr-closed").await;
    assert!(
        closed["registration_endpoint"].is_string() && closed.get("client_id_metadata_document_supported").is_none()
    );
}

#[tokio::test]
async fn a_registered_client_signs_a_user_in_and_manages_its_registration() {
    let s = server_with(opts(Backend::Sqlite, &[])).await;
    let r = register(&s, "dcr-open", &public_client(), None).await;
    assert_eq!(r.status(), 201);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let reg: Value = r.json().await.unwrap();
    let client_id = reg["client_id"].as_str().unwrap().to_string();
    assert!(uuid::Uuid::parse_str(&client_id).is_ok(), "{reg}");
    assert_eq!(reg["token_endpoint_auth_method"], "none");
    assert!(reg.get("client_secret").is_none() && reg.get("client_secret_expires_at").is_none(), "{reg}");
    assert_eq!(reg["grant_types"], json!(["authorization_code", "refresh_token"]));
    assert_eq!(reg["response_types"], json!(["code"]));
    assert_eq!(reg["redirect_uris"], json!([CALLBACK]));
    assert_eq!(reg["scope"], "https://mcp.tools.example/mcp/tools.read");
    assert_eq!(reg["client_uri"], "https://inspector.tools.example");
    assert!(reg.get("jwks_uri").is_none(), "unknown metadata is ignored: {reg}");
    let rat = reg["registration_access_token"].as_str().unwrap().to_string();
    let config_uri = reg["registration_client_uri"].as_str().unwrap().to_string();
    assert!(config_uri.ends_with(&format!("/oauth2/v2.0/register?client_id={client_id}")), "{config_uri}");

    // At once (this instance reloaded its directory): the code flow, then a refresh.
    let t =
        code_flow(&s, "dcr-open", &client_id, "openid offline_access https://mcp.tools.example/mcp/tools.read", None)
            .await;
    assert_eq!(t.status(), 200);
    let t: Value = t.json().await.unwrap();
    let at = claims(t["access_token"].as_str().unwrap());
    assert_eq!(at["aud"], "https://mcp.tools.example/mcp", "{at}");
    assert!(at["scope"].as_str().is_some_and(|s| s.contains("tools.read") && !s.contains("tools.write")), "{at}");
    let refresh = [
        ("grant_type", "refresh_token"),
        ("client_id", &client_id),
        ("refresh_token", t["refresh_token"].as_str().unwrap()),
    ];
    assert_eq!(token(&s, "dcr-open", &refresh, None).await.status(), 200);
    // It may not use a scope it did not register.
    let mut agent = Agent::new(s.http(), &s.base);
    let url = format!(
        "/dcr-open/oauth2/v2.0/authorize?client_id={client_id}&response_type=code&redirect_uri={CALLBACK}&scope=api%3A%2F%2Fmcp%2Ftools.write&{CHALLENGE}"
    );
    let p = agent.get(&url).await;
    // RFC 9700 §4.18: a self-registered client's errors are a page at Sigil, not a redirect.
    assert!(p.status == 400 && p.location.is_none(), "{} {:?}", p.status, p.location);

    // RFC 7592 §2.1: read, with a new registration access token each time.
    let get = |tok: String| {
        let (http, url) = (s.http(), config_uri.clone());
        async move { http.get(url).bearer_auth(tok).send().await.unwrap() }
    };
    let r = get(rat.clone()).await;
    assert_eq!(r.status(), 200);
    let read: Value = r.json().await.unwrap();
    assert_eq!(
        (read["client_id"].as_str(), read["client_name"].as_str()),
        (Some(client_id.as_str()), Some("Inspector"))
    );
    let rat2 = read["registration_access_token"].as_str().unwrap().to_string();
    assert_ne!(rat2, rat);
    let old = expect_error(get(rat.clone()).await, 401, "invalid_token", 88000383).await;
    assert!(old.header("www-authenticate").is_some_and(|h| h.starts_with("Bearer error=\"invalid_token\"")));
    expect_error(get("not-a-token".into()).await, 401, "invalid_token", 88000383).await;

    // §2.2: update; the body names the client.
    let put = |tok: &str, body: Value| s.http().put(&config_uri).bearer_auth(tok).json(&body).send();
    let mut changed = public_client();
    changed["client_name"] = json!("Inspector 2");
    let r = put(&rat2, changed.clone()).await.unwrap();
    expect_error(r, 400, "invalid_client_metadata", 88000381).await;
    changed["client_id"] = json!(client_id);
    let r = put(&rat2, changed.clone()).await.unwrap();
    assert_eq!(r.status(), 200);
    let updated: Value = r.json().await.unwrap();
    assert_eq!(updated["client_name"], "Inspector 2");
    let rat3 = updated["registration_access_token"].as_str().unwrap().to_string();
    expect_error(put(&rat2, changed).await.unwrap(), 401, "invalid_token", 88000383).await;

    // §2.3: delete; then the token, the configuration endpoint and the client are gone.
    // Concurrent reads with one token: exactly one gets the next token, the others a 401.
    let reads: Vec<_> = (0..10).map(|_| tokio::spawn(get(rat3.clone()))).collect();
    let mut next = Vec::new();
    for r in reads {
        let r = r.await.unwrap();
        if r.status() == 200 {
            next.push(r.json::<Value>().await.unwrap()["registration_access_token"].as_str().unwrap().to_string());
        } else {
            expect_error(r, 401, "invalid_token", 88000383).await;
        }
    }
    assert_eq!(next.len(), 1, "a registration access token is spent by one call");
    let rat3 = next.remove(0);

    let del = s.http().delete(&config_uri).bearer_auth(&rat3).send().await.unwrap();
    assert_eq!(del.status(), 204);
    expect_error(get(rat3).await, 401, "invalid_token", 88000383).await;
    expect_error(token(&s, "dcr-open", &refresh, None).await, 401, "invalid_client", 700016).await;

    // A confidential client: a secret returned once, expiring with the client; client credentials.
    let body = json!({"grant_types": ["client_credentials"], "response_types": [], "client_name": "agent",
                      "token_endpoint_auth_method": "client_secret_basic"});
    let r = register(&s, "dcr-open", &body, None).await;
    assert_eq!(r.status(), 201);
    let c: Value = r.json().await.unwrap();
    let (id, secret) = (c["client_id"].as_str().unwrap(), c["client_secret"].as_str().unwrap());
    let issued = c["client_id_issued_at"].as_i64().unwrap();
    assert_eq!(c["client_secret_expires_at"].as_i64(), Some(issued + 3600), "{c}");
    let cc = [("grant_type", "client_credentials"), ("scope", "https://mcp.tools.example/mcp/.default")];
    let t = token(&s, "dcr-open", &cc, Some((id, secret))).await;
    assert_eq!(t.status(), 200);
    let t: Value = t.json().await.unwrap();
    assert_eq!(claims(t["access_token"].as_str().unwrap())["roles"], json!(["Tools.All"]));
    // The read answer carries no secret (only its hash is kept), but still when it expires.
    let r = s
        .http()
        .get(c["registration_client_uri"].as_str().unwrap())
        .bearer_auth(c["registration_access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    let read: Value = r.json().await.unwrap();
    assert!(read.get("client_secret").is_none() && read["client_secret_expires_at"].as_i64() == Some(issued + 3600));
}

#[tokio::test]
async fn the_tenants_policy_refuses_what_it_does_not_allow() {
    let s = server_with(opts(Backend::Sqlite, &[])).await;
    let with = |k: &str, v: Value| {
        let mut b = public_client();
        b[k] = v;
        b
    };
    let cases: Vec<(Value, &str, u32)> = vec![
        (with("redirect_uris", json!(["https://evil.example/cb"])), "invalid_redirect_uri", 88000380),
        (with("redirect_uris", json!(["http://app.tools.example/cb"])), "invalid_redirect_uri", 88000380),
        (with("redirect_uris", json!(["https://a.tools.example/cb#f"])), "invalid_redirect_uri", 88000380),
        (with("redirect_uris", json!(["com.example.app:/cb"])), "invalid_redirect_uri", 88000380),
        (with("redirect_uris", json!([])), "invalid_redirect_uri", 88000380),
        (with("redirect_uris", json!("http://127.0.0.1/cb")), "invalid_client_metadata", 88000381),
        (with("grant_types", json!(["authorization_code", "password"])), "invalid_client_metadata", 88000381),
        (with("grant_types", json!(["implicit"])), "invalid_client_metadata", 88000381),
        (with("response_types", json!(["code", "token"])), "invalid_client_metadata", 88000381),
        (with("token_endpoint_auth_method", json!("private_key_jwt")), "invalid_client_metadata", 88000381),
        (with("scope", json!("https://mcp.tools.example/mcp/admin")), "invalid_client_metadata", 88000381),
        (with("client_uri", json!({"x": 1})), "invalid_client_metadata", 88000381),
        (with("client_name", json!("x".repeat(300))), "invalid_client_metadata", 88000381),
        (json!(["not", "an", "object"]), "invalid_client_metadata", 88000381),
    ];
    for (body, error, code) in cases {
        let r = register(&s, "dcr-open", &body, None).await;
        expect_error(r, 400, error, code).await;
    }
    let not_json = s.http().post(s.url("/dcr-open/oauth2/v2.0/register")).header("content-type", "application/json");
    expect_error(not_json.body("{").send().await.unwrap(), 400, "invalid_client_metadata", 88000381).await;
    let form = s.http().post(s.url("/dcr-open/oauth2/v2.0/register")).form(&[("redirect_uris", CALLBACK)]);
    expect_error(form.send().await.unwrap(), 400, "invalid_request", 88000001).await;
    // The refused registrations left no client behind.
    let out = s.cli(&["client", "list", "--tenant", "dcr-open", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap(), json!([]));
}

fn cli_token(s: &Server, tenant: &str, uses: &str) -> String {
    let out = s.cli(&["registration", "token", "--tenant", tenant, "--uses", uses, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout).unwrap()["token"].as_str().unwrap().to_string()
}

/// Initial access tokens: required, tenant-bound, and spent exactly as often as they allow, by
/// concurrent registrations.
async fn initial_access_tokens(backend: Backend) {
    let s = Arc::new(server_with(opts(backend, &[])).await);
    // The closed tenant offers no API scopes.
    let mut body = public_client();
    body["scope"] = json!("openid");
    let r = expect_error(register(&s, "dcr-closed", &body, None).await, 401, "invalid_token", 88000382).await;
    assert!(r.header("www-authenticate").is_some_and(|h| h.starts_with("Bearer ")), "{:?}", r.headers);
    expect_error(register(&s, "dcr-closed", &body, Some("made-up")).await, 401, "invalid_token", 88000382).await;
    let other = cli_token(&s, "dcr-open", "1");
    expect_error(register(&s, "dcr-closed", &body, Some(&other)).await, 401, "invalid_token", 88000382).await;

    // A refused registration does not spend the token.
    let single = cli_token(&s, "dcr-closed", "1");
    let mut bad = body.clone();
    bad["grant_types"] = json!(["client_credentials"]);
    expect_error(register(&s, "dcr-closed", &bad, Some(&single)).await, 400, "invalid_client_metadata", 88000381).await;

    let race = |tok: String, n: usize| {
        let (s, body) = (s.clone(), body.clone());
        async move {
            let tasks: Vec<_> = (0..n)
                .map(|_| {
                    let (s, tok, body) = (s.clone(), tok.clone(), body.clone());
                    tokio::spawn(async move { register(&s, "dcr-closed", &body, Some(&tok)).await.status().as_u16() })
                })
                .collect();
            let mut statuses = Vec::new();
            for t in tasks {
                statuses.push(t.await.unwrap());
            }
            (statuses.iter().filter(|c| **c == 201).count(), statuses.iter().filter(|c| **c == 401).count())
        }
    };
    assert_eq!(race(single, 20).await, (1, 19), "a single-use token registers once");
    assert_eq!(race(cli_token(&s, "dcr-closed", "3"), 20).await, (3, 17), "a token with 3 uses registers 3 times");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn initial_access_tokens_sqlite() {
    initial_access_tokens(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn initial_access_tokens_postgres() {
    initial_access_tokens(Backend::Postgres).await;
}

/// A loopback server for metadata documents: `/good.json` names its own URL, the others break
/// one rule each (or the fetcher's limits).
/// Counts the fetches of `/good.json`.
async fn document_server() -> (String, Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let b = base.clone();
    let good_hits = Arc::new(AtomicUsize::new(0));
    let hits = good_hits.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else { return };
            let (base, hits) = (b.clone(), hits.clone());
            tokio::spawn(async move {
                let mut buf = vec![0u8; 4096];
                let n = sock.read(&mut buf).await.unwrap_or(0);
                let head = String::from_utf8_lossy(&buf[..n]).to_string();
                let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
                let doc = |id: &str, extra: Value| {
                    let mut d = json!({"client_id": id, "client_name": "MCP client", "redirect_uris": [CALLBACK],
                                       "grant_types": ["authorization_code", "refresh_token"],
                                       "token_endpoint_auth_method": "none"});
                    for (k, v) in extra.as_object().unwrap() {
                        d[k] = v.clone();
                    }
                    d.to_string()
                };
                let me = format!("{base}{path}");
                if path == "/good.json" {
                    hits.fetch_add(1, Ordering::SeqCst);
                }
                let (status, extra, body) = match path.as_str() {
                    "/good.json" => ("200 OK", "Cache-Control: max-age=300\r\n", doc(&me, json!({}))),
                    "/mismatch.json" => ("200 OK", "", doc("https://other.example/c.json", json!({}))),
                    "/secret.json" => ("200 OK", "", doc(&me, json!({"client_secret": "s3cret"}))),
                    "/basic.json" => {
                        ("200 OK", "", doc(&me, json!({"token_endpoint_auth_method": "client_secret_basic"})))
                    }
                    "/badredirect.json" => {
                        ("200 OK", "", doc(&me, json!({"redirect_uris": ["https://evil.example/cb"]})))
                    }
                    "/huge.json" => ("200 OK", "", doc(&me, json!({"logo_uri": "a".repeat(300 * 1024)}))),
                    "/redirect.json" => ("302 Found", &*format!("Location: {base}/good.json\r\n"), String::new()),
                    "/slow.json" => {
                        tokio::time::sleep(Duration::from_secs(3)).await;
                        ("200 OK", "", doc(&me, json!({})))
                    }
                    _ => ("404 Not Found", "", String::new()),
                };
                let extra = extra.to_string();
                let resp = format!(
                    "HTTP/1.1 {status}\r\n{extra}Content-Type: application/json\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                );
                let _ = sock.write_all(resp.as_bytes()).await;
                let _ = sock.shutdown().await;
            });
        }
    });
    (base, good_hits)
}

async fn authorize_page(s: &Server, tenant: &str, client_id: &str) -> (u16, String) {
    let q = |v: &str| url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>();
    let url = format!(
        "/{tenant}/oauth2/v2.0/authorize?client_id={}&response_type=code&redirect_uri={}&scope=openid&{CHALLENGE}",
        q(client_id),
        q(CALLBACK)
    );
    let r = s.http().get(s.url(&url)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn client_id_metadata_documents_sign_in_and_refusals() {
    let (docs, good_hits) = document_server().await;
    let private_ok = [
        ("SIGIL_OUTBOUND_ALLOW_PRIVATE_ADDRESSES", "true"),
        ("SIGIL_OUTBOUND_ALLOW_HTTP", "true"),
        ("SIGIL_OUTBOUND_TIMEOUT", "1"),
    ];
    let s = server_with(opts(Backend::Sqlite, &private_ok)).await;
    let good = format!("{docs}/good.json");
    let t = code_flow(
        &s,
        "dcr-open",
        &good,
        "https://mcp.tools.example/mcp/tools.read",
        Some("https://mcp.tools.example/mcp"),
    )
    .await;
    assert_eq!(t.status(), 200);
    let t: Value = t.json().await.unwrap();
    let at = claims(t["access_token"].as_str().unwrap());
    assert_eq!(
        (at["aud"].as_str(), at["client_id"].as_str()),
        (Some("https://mcp.tools.example/mcp"), Some(good.as_str())),
        "{at}"
    );
    // Fetched once for the authorization request, the sign-in and the token request (Cache-Control).
    assert_eq!(good_hits.load(std::sync::atomic::Ordering::SeqCst), 1, "the document is cached");
    // A document client is public: a secret is refused.
    let cc = [("grant_type", "client_credentials"), ("scope", "https://mcp.tools.example/mcp/.default")];
    expect_error(token(&s, "dcr-open", &cc, Some((&good, "secret"))).await, 401, "invalid_client", 700016).await;
    // Not where the tenant does not accept documents.
    let (st, body) = authorize_page(&s, "dcr-closed", &good).await;
    assert!(st == 400 && body.contains("SIGIL700016"), "{st}");

    let refused: Vec<(&str, u32)> = vec![
        ("/mismatch.json", 88000385),
        ("/secret.json", 88000385),
        ("/basic.json", 88000385),
        ("/badredirect.json", 88000385),
        ("/huge.json", 88000384),
        ("/redirect.json", 88000384),
        ("/slow.json", 88000384),
        ("/missing.json", 88000384),
        ("/a/../good.json", 88000385),
    ];
    for (path, code) in refused {
        let (st, body) = authorize_page(&s, "dcr-open", &format!("{docs}{path}")).await;
        assert_eq!(st, 400, "{path}: the error page of an unusable client: {body}");
        assert!(body.contains(&format!("SIGIL{code}")), "{path}: {body}");
    }
    // At the token endpoint too.
    let form = [("grant_type", "authorization_code"), ("client_id", &*format!("{docs}/mismatch.json")), ("code", "x")];
    expect_error(token(&s, "dcr-open", &form, None).await, 401, "invalid_client", 88000385).await;

    // Private addresses are refused unless allowed (the default).
    let strict = server_with(opts(Backend::Sqlite, &[("SIGIL_OUTBOUND_ALLOW_HTTP", "true")])).await;
    let (st, body) = authorize_page(&strict, "dcr-open", &good).await;
    assert_eq!(st, 400);
    assert!(body.contains("SIGIL88000384") && body.contains("private"), "{body}");
}

/// oauth4webapi (`tests/clients/oauth4webapi`, pinned), unchanged: discovery, registration on the
/// open tenant and client credentials with the registered secret, refusal without and registration
/// with an initial access token on the closed one. The checks live in `dcr.mjs`.
#[tokio::test]
async fn oauth4webapi_registers_dynamically() {
    let root = sigil_testkit::workspace_root();
    let dir = root.join("tests/clients/oauth4webapi");
    assert!(
        dir.join("node_modules/oauth4webapi/package.json").is_file(),
        "{} has no node_modules: run scripts/test.sh (it installs oauth4webapi)",
        dir.display()
    );
    let s = server_with(opts(Backend::Sqlite, &[])).await;
    let open = discovery(&s, "dcr-open").await["issuer"].as_str().unwrap().to_string();
    let closed = discovery(&s, "dcr-closed").await["issuer"].as_str().unwrap().to_string();
    let iat = cli_token(&s, "dcr-closed", "1");
    let mut cmd = std::process::Command::new("node");
    cmd.arg("tests/clients/oauth4webapi/dcr.mjs")
        .args(["--base", &s.base, "--open-issuer", &open, "--closed-issuer", &closed, "--iat", &iat])
        .current_dir(&root);
    let log = sigil_testkit::test_output("oauth4webapi").join("dcr.log");
    run_client_program(cmd, "oauth4webapi checks", &s, &log, Duration::from_secs(60), "all oauth4webapi checks passed")
        .await;
}

/// `client_lifetime`: a registered client's secret expires with it, and from then on the client is
/// unknown at the token, authorization and configuration endpoints (the maintenance task then
/// removes it).
#[tokio::test]
async fn registered_clients_end_with_their_lifetime() {
    let s = server_with(opts(Backend::Sqlite, &[])).await;
    let body = json!({"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "client_secret_post"});
    let c: Value = register(&s, "dcr-short", &body, None).await.json().await.unwrap();
    let public = json!({"redirect_uris": [CALLBACK], "token_endpoint_auth_method": "none"});
    let p: Value = register(&s, "dcr-short", &public, None).await.json().await.unwrap();
    let (id, secret) = (c["client_id"].as_str().unwrap(), c["client_secret"].as_str().unwrap());
    assert_eq!(c["client_secret_expires_at"].as_i64(), Some(c["client_id_issued_at"].as_i64().unwrap() + 2));
    let cc = [
        ("grant_type", "client_credentials"),
        ("scope", "api://short/.default"),
        ("client_id", id),
        ("client_secret", secret),
    ];
    assert_eq!(token(&s, "dcr-short", &cc, None).await.status(), 200);
    let (st, _) = authorize_page(&s, "dcr-short", p["client_id"].as_str().unwrap()).await;
    assert_eq!(st, 200, "the sign-in page");
    tokio::time::sleep(Duration::from_millis(3100)).await;
    expect_error(token(&s, "dcr-short", &cc, None).await, 401, "invalid_client", 700016).await;
    let (st, body) = authorize_page(&s, "dcr-short", p["client_id"].as_str().unwrap()).await;
    assert!(st == 400 && body.contains("SIGIL700016"), "{st}");
    let read = s
        .http()
        .get(c["registration_client_uri"].as_str().unwrap())
        .bearer_auth(c["registration_access_token"].as_str().unwrap());
    expect_error(read.send().await.unwrap(), 401, "invalid_token", 88000383).await;
}
