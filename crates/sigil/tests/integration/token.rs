//! `POST /{tenant}/oauth2/v2.0/token`: every grant, every row of docs/errors.md, against a spawned server.
use serde_json::Value;
use sigil_testkit::{Backend, ServerOptions};

use crate::common::*;

/// Verifies a JWT's signature against the tenant's JWKS (fetched over HTTP) with aws-lc-rs.
pub async fn verify_with_jwks(s: &sigil_testkit::Server, tenant: &str, jwt: &str) -> Value {
    use aws_lc_rs::signature;
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let jwks: Value =
        s.http().get(s.url(&format!("/{tenant}/discovery/v2.0/keys"))).send().await.unwrap().json().await.unwrap();
    let h = header(jwt);
    let kid = h["kid"].as_str().unwrap();
    let jwk = jwks["keys"].as_array().unwrap().iter().find(|k| k["kid"] == kid).expect("kid published in JWKS");
    let (signed, sig) = jwt.rsplit_once('.').unwrap();
    let sig = b64.decode(sig).unwrap();
    let d = |k: &str| b64.decode(jwk[k].as_str().unwrap()).unwrap();
    let ok = match h["alg"].as_str().unwrap() {
        "ES256" => {
            let mut pk = vec![4u8];
            pk.extend(d("x"));
            pk.extend(d("y"));
            signature::UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, pk)
                .verify(signed.as_bytes(), &sig)
                .is_ok()
        }
        "RS256" => signature::RsaPublicKeyComponents { n: d("n"), e: d("e") }
            .verify(&signature::RSA_PKCS1_2048_8192_SHA256, signed.as_bytes(), &sig)
            .is_ok(),
        "EdDSA" => {
            signature::UnparsedPublicKey::new(&signature::ED25519, d("x")).verify(signed.as_bytes(), &sig).is_ok()
        }
        other => panic!("unexpected alg {other}"),
    };
    assert!(ok, "signature verifies against JWKS");
    claims(jwt)
}

#[tokio::test]
async fn client_credentials_issues_rfc9068_tokens_verifiable_by_jwks() {
    let s = server().await;
    let r = token(
        &s,
        "contoso",
        &[("grant_type", "client_credentials"), ("scope", "api://reports/.default")],
        Some(DAEMON),
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert_eq!(r.headers()["pragma"], "no-cache");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 600);
    assert!(body.get("refresh_token").is_none() && body.get("scope").is_none());
    let at = body["access_token"].as_str().unwrap();
    assert_eq!(header(at)["typ"], "at+jwt");
    let c = verify_with_jwks(&s, "contoso", at).await;
    let disco: Value = discovery(&s, "contoso").await;
    assert_eq!(c["iss"], disco["issuer"]);
    assert_eq!(c["aud"], "api://reports");
    assert_eq!(c["sub"], "reporting-daemon");
    assert_eq!(c["client_id"], "reporting-daemon");
    assert_eq!(c["roles"], serde_json::json!(["Reports.Read.All"]));
    assert_eq!(c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(), 600);
    assert_eq!(c["nbf"], c["iat"]);
    assert!(c["jti"].is_string() && c["tid"].is_string());

    // Explicit role; the tenant addressed by id; client_secret_post.
    let tid = c["tid"].as_str().unwrap().to_string();
    let r = token(
        &s,
        &tid,
        &[
            ("grant_type", "client_credentials"),
            ("scope", "api://reports/Reports.Read.All"),
            ("client_id", DAEMON.0),
            ("client_secret", DAEMON.1),
            ("client_info", "1"),
            ("x-client-SKU", "MSAL.Python"),
        ],
        None,
    )
    .await;
    assert_eq!(r.status(), 200, "unrecognized parameters are ignored (RFC 6749 section 3.2)");

    // RS256 tenant.
    let r = token(
        &s,
        "fabrikam",
        &[("grant_type", "client_credentials"), ("scope", "https://graph.fabrikam.example/.default")],
        Some(("fab-daemon", "fabrikam-daemon-secret-0123456789abcdef01")),
    )
    .await;
    let at = r.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string();
    assert_eq!(header(&at)["alg"], "RS256");
    assert_eq!(verify_with_jwks(&s, "fabrikam", &at).await["aud"], "https://graph.fabrikam.example");

    // The success is in the sign-in log (written in batches: poll briefly) with the issued audience.
    let mut logged = false;
    for _ in 0..100 {
        let out = s.cli(&["logs", "--client", "reporting-daemon", "--code", "0", "--json"]);
        let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
        let hit = rows.as_array().unwrap().iter().any(|r| {
            r["flow"] == "client_credentials" && r["reason"].as_str().unwrap_or("").contains("aud api://reports")
        });
        if hit {
            logged = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(logged, "successful issuance recorded in the sign-in log");
}

#[tokio::test]
async fn basic_credentials_are_form_urlencoded_per_rfc6749_2_3_1() {
    let s = server().await;
    // A secret with characters that must be encoded: add it, then authenticate with the encoded form.
    let secret = "p@ss:w%rd +/=?&-0123456789abcdefghijklmnop";
    let out = s.cli(&["client", "secret", "add", "--tenant", "contoso", "reporting-daemon", "--value", secret]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let enc: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    use base64::Engine;
    let h = base64::engine::general_purpose::STANDARD.encode(format!("reporting-daemon:{enc}"));
    // The server picks up the CLI change within a second.
    let mut status = 0;
    for _ in 0..40 {
        let r = s
            .http()
            .post(s.url("/contoso/oauth2/v2.0/token"))
            .header("Authorization", format!("Basic {h}"))
            .form(&[("grant_type", "client_credentials"), ("scope", "api://reports/.default")])
            .send()
            .await
            .unwrap();
        status = r.status().as_u16();
        if status == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, 200);
}

#[tokio::test]
async fn refusals_follow_rfc6749_section_5_2() {
    let s = server().await;
    let cc = |scope: &'static str| vec![("grant_type", "client_credentials"), ("scope", scope)];
    let reports = cc("api://reports/.default");

    // invalid_request
    expect_error(token(&s, "contoso", &[("scope", "x")], Some(DAEMON)).await, 400, "invalid_request", 900144).await;
    let r = expect_error(token(&s, "nosuch", &reports, Some(DAEMON)).await, 400, "invalid_request", 90002).await;
    assert!(r.body["error_description"].as_str().unwrap().contains("'nosuch'"));
    let dup = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/token"))
        .basic_auth(DAEMON.0, Some(DAEMON.1))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials&scope=a&scope=b")
        .send()
        .await
        .unwrap();
    expect_error(dup, 400, "invalid_request", 88000002).await;
    let bad = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/token"))
        .basic_auth(DAEMON.0, Some(DAEMON.1))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=%zz")
        .send()
        .await
        .unwrap();
    expect_error(bad, 400, "invalid_request", 9002313).await;
    let json = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/token"))
        .basic_auth(DAEMON.0, Some(DAEMON.1))
        .json(&serde_json::json!({"grant_type": "client_credentials"}))
        .send()
        .await
        .unwrap();
    expect_error(json, 400, "invalid_request", 88000001).await;
    let mut both = reports.clone();
    both.push(("client_secret", DAEMON.1));
    expect_error(token(&s, "contoso", &both, Some(DAEMON)).await, 400, "invalid_request", 88000003).await;
    let mut two = reports.clone();
    two.extend([("client_id", DAEMON.0), ("client_secret", DAEMON.1), ("client_assertion", "x.y.z")]);
    expect_error(token(&s, "contoso", &two, None).await, 400, "invalid_request", 88000003).await;
    let mut mismatch = reports.clone();
    mismatch.push(("client_id", "someone-else"));
    expect_error(token(&s, "contoso", &mismatch, Some(DAEMON)).await, 400, "invalid_request", 9002313).await;
    expect_error(
        token(
            &s,
            "contoso",
            &[("grant_type", "authorization_code"), ("code", "x"), ("redirect_uri", "http://127.0.0.1/spa-callback")],
            None,
        )
        .await,
        400,
        "invalid_request",
        900144,
    )
    .await;

    // invalid_client: 401 with WWW-Authenticate
    let r =
        expect_error(token(&s, "contoso", &reports, Some(("nobody", "x"))).await, 401, "invalid_client", 700016).await;
    assert_eq!(r.header("www-authenticate"), Some("Basic realm=\"contoso\""));
    let r =
        expect_error(token(&s, "contoso", &reports, Some((DAEMON.0, "wrong"))).await, 401, "invalid_client", 7000215)
            .await;
    assert_eq!(r.header("www-authenticate"), Some("Basic realm=\"contoso\""));
    let record = signin_record(&s, r.trace_id()).await;
    assert_eq!((record["code"].as_u64(), record["client_id"].as_str()), (Some(7000215), Some("reporting-daemon")));
    assert!(record["reason"].as_str().unwrap().contains("matches none"));
    let mut post = reports.clone();
    post.extend([("client_id", DAEMON.0), ("client_secret", "wrong")]);
    let r = expect_error(token(&s, "contoso", &post, None).await, 401, "invalid_client", 7000215).await;
    assert!(r.header("www-authenticate").unwrap().starts_with("Basic realm=\"contoso\""), "names the supported scheme");
    let r = expect_error(
        token(&s, "contoso", &reports, Some(("expired-app", "expired-secret-0123456789abcdef-0123456789"))).await,
        401,
        "invalid_client",
        7000222,
    )
    .await;
    assert!(signin_record(&s, r.trace_id()).await["reason"].as_str().unwrap().contains("expired at 2020-01-01"));
    let mut noauth = reports.clone();
    noauth.push(("client_id", DAEMON.0));
    expect_error(token(&s, "contoso", &noauth, None).await, 401, "invalid_client", 7000218).await;
    expect_error(
        token(&s, "contoso", &reports, Some(("post-only", "post-only-secret-0123456789abcdef-01234567"))).await,
        401,
        "invalid_client",
        88000005,
    )
    .await;
    let malformed = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/token"))
        .header("Authorization", "Basic %%%")
        .form(&reports)
        .send()
        .await
        .unwrap();
    let r = expect_error(malformed, 401, "invalid_client", 88000006).await;
    assert_eq!(r.header("www-authenticate"), Some("Basic realm=\"contoso\""));
    expect_error(
        token(
            &s,
            "contoso",
            &[
                ("grant_type", "password"),
                ("username", "alice"),
                ("password", "x"),
                ("client_id", "spa"),
                ("client_secret", "s"),
            ],
            None,
        )
        .await,
        401,
        "invalid_client",
        700025,
    )
    .await;
    let mut assertion = reports.clone();
    assertion.extend([
        ("client_id", DAEMON.0),
        ("client_assertion", "a.b.c"),
        ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
    ]);
    expect_error(token(&s, "contoso", &assertion, None).await, 401, "invalid_client", 88000005).await;

    // unsupported_grant_type / unauthorized_client
    expect_error(
        token(&s, "contoso", &[("grant_type", "magic")], Some(DAEMON)).await,
        400,
        "unsupported_grant_type",
        70003,
    )
    .await;
    // RFC 8628's grant, MSAL's short name: known, but the daemon is not registered for it.
    expect_error(
        token(&s, "contoso", &[("grant_type", "device_code")], Some(DAEMON)).await,
        400,
        "unauthorized_client",
        88000011,
    )
    .await;
    expect_error(
        token(&s, "contoso", &[("grant_type", "password"), ("username", "alice"), ("password", "x")], Some(DAEMON))
            .await,
        400,
        "unauthorized_client",
        88000011,
    )
    .await;
    expect_error(
        token(&s, "contoso", &reports, Some(("no-permission", "no-permission-secret-0123456789abcdef-0123"))).await,
        400,
        "unauthorized_client",
        501051,
    )
    .await;

    // invalid_scope
    expect_error(token(&s, "contoso", &cc("api://nothing/.default"), Some(DAEMON)).await, 400, "invalid_scope", 500011)
        .await;
    expect_error(
        token(&s, "contoso", &cc("api://reports/Reports.Write.All"), Some(DAEMON)).await,
        400,
        "invalid_scope",
        88000012,
    )
    .await;
    expect_error(
        token(&s, "contoso", &cc("api://reports/NoSuchRole"), Some(DAEMON)).await,
        400,
        "invalid_scope",
        70011,
    )
    .await;
    expect_error(
        token(&s, "contoso", &cc("api://reports/.default api://billing/.default"), Some(DAEMON)).await,
        400,
        "invalid_scope",
        28000,
    )
    .await;
    expect_error(token(&s, "contoso", &cc("openid"), Some(DAEMON)).await, 400, "invalid_scope", 70011).await;
    expect_error(
        token(&s, "contoso", &[("grant_type", "client_credentials")], Some(DAEMON)).await,
        400,
        "invalid_request",
        900144,
    )
    .await;

    // invalid_grant
    expect_error(
        token(&s, "contoso", &[("grant_type", "authorization_code"), ("redirect_uri", "https://x")], Some(PORTAL))
            .await,
        400,
        "invalid_request",
        900144,
    )
    .await;
    expect_error(
        token(
            &s,
            "contoso",
            &[("grant_type", "authorization_code"), ("code", "nope"), ("redirect_uri", "https://x")],
            Some(PORTAL),
        )
        .await,
        400,
        "invalid_grant",
        70000,
    )
    .await;
    expect_error(
        token(&s, "contoso", &[("grant_type", "refresh_token")], Some(LEGACY)).await,
        400,
        "invalid_request",
        900144,
    )
    .await;
    expect_error(
        token(&s, "contoso", &[("grant_type", "refresh_token"), ("refresh_token", "nope")], Some(LEGACY)).await,
        400,
        "invalid_grant",
        70000,
    )
    .await;
    expect_error(
        token(&s, "contoso", &[("grant_type", "password"), ("password", "x")], Some(LEGACY)).await,
        400,
        "invalid_request",
        900144,
    )
    .await;
}

#[tokio::test]
async fn password_grant_hides_which_usernames_exist_and_locks_out() {
    let s = server().await;
    let pw = |u: &'static str, p: &'static str| {
        vec![("grant_type", "password"), ("username", u), ("password", p), ("scope", "openid")]
    };
    let wrong =
        expect_error(token(&s, "contoso", &pw("alice", "wrong"), Some(LEGACY)).await, 400, "invalid_grant", 50126)
            .await;
    let unknown =
        expect_error(token(&s, "contoso", &pw("nobody", "wrong"), Some(LEGACY)).await, 400, "invalid_grant", 50126)
            .await;
    let strip =
        |r: &Refusal| r.body["error_description"].as_str().unwrap().split(" Trace ID").next().unwrap().to_string();
    assert_eq!(strip(&wrong), strip(&unknown), "same answer for unknown user and wrong password");
    let keys = |r: &Refusal| r.body.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&wrong), keys(&unknown));
    assert_eq!(signin_record(&s, unknown.trace_id()).await["code"], 50034, "the operator sees the real reason");
    assert_eq!(signin_record(&s, wrong.trace_id()).await["code"], 50126);

    expect_error(
        token(&s, "contoso", &pw("disabled-user", "disabled-user-password"), Some(LEGACY)).await,
        400,
        "invalid_grant",
        50057,
    )
    .await;

    for _ in 0..5 {
        expect_error(token(&s, "contoso", &pw("lockme", "bad"), Some(LEGACY)).await, 400, "invalid_grant", 50126).await;
    }
    let r = expect_error(
        token(&s, "contoso", &pw("lockme", "lockme-password-123"), Some(LEGACY)).await,
        400,
        "invalid_grant",
        50053,
    )
    .await;
    assert!(signin_record(&s, r.trace_id()).await["reason"].as_str().unwrap().contains("locked"));

    // Success: id_token, access token, refresh token with offline_access, client_info when asked.
    let r = token(
        &s,
        "contoso",
        &[
            ("grant_type", "password"),
            ("username", "alice"),
            ("password", "correct horse battery staple"),
            ("scope", "openid profile email offline_access api://reports/Reports.Read"),
            ("client_info", "1"),
        ],
        Some(LEGACY),
    )
    .await;
    assert_eq!(r.status(), 200);
    let b: Value = r.json().await.unwrap();
    assert!(b["refresh_token"].as_str().unwrap().len() >= 43);
    assert_eq!(b["scope"], "openid profile email offline_access api://reports/Reports.Read");
    let at = crate::token::verify_with_jwks(&s, "contoso", b["access_token"].as_str().unwrap()).await;
    assert_eq!(
        (at["aud"].as_str(), at["scope"].as_str(), at["preferred_username"].as_str()),
        (Some("api://reports"), Some("Reports.Read"), Some("alice"))
    );
    let id = crate::token::verify_with_jwks(&s, "contoso", b["id_token"].as_str().unwrap()).await;
    assert_eq!(
        (id["aud"].as_str(), id["name"].as_str(), id["email"].as_str()),
        (Some("legacy-cli"), Some("Alice Example"), Some("alice@contoso.example"))
    );
    use base64::Engine;
    let ci: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(b["client_info"].as_str().unwrap()).unwrap(),
    )
    .unwrap();
    assert_eq!((ci["uid"].as_str(), ci["utid"].as_str()), (id["oid"].as_str(), id["tid"].as_str()));
}

async fn refresh_rotation_on(backend: Backend) {
    let s = server_with(ServerOptions { backend, ..Default::default() }).await;
    let r = token(
        &s,
        "contoso",
        &[
            ("grant_type", "password"),
            ("username", "alice"),
            ("password", "correct horse battery staple"),
            ("scope", "openid offline_access api://reports/Reports.Read"),
        ],
        Some(LEGACY),
    )
    .await;
    let rt0 = r.json::<Value>().await.unwrap()["refresh_token"].as_str().unwrap().to_string();
    let http = s.http();
    let url = s.url("/contoso/oauth2/v2.0/token");
    let refresh = |rt: String, scope: Option<&'static str>| {
        let (http, url) = (http.clone(), url.clone());
        async move {
            let mut f = vec![("grant_type", "refresh_token".to_string()), ("refresh_token", rt)];
            if let Some(sc) = scope {
                f.push(("scope", sc.to_string()));
            }
            http.post(url).basic_auth(LEGACY.0, Some(LEGACY.1)).form(&f).send().await.unwrap()
        }
    };
    // 50 parallel uses of one refresh token: exactly one successor, everybody gets it.
    let mut tasks = Vec::new();
    for _ in 0..50 {
        tasks.push(refresh(rt0.clone(), None));
    }
    let results = futures_join(tasks).await;
    let mut successors = std::collections::HashSet::new();
    for r in results {
        assert_eq!(r.status(), 200);
        successors.insert(r.json::<Value>().await.unwrap()["refresh_token"].as_str().unwrap().to_string());
    }
    assert_eq!(successors.len(), 1, "exactly one successor for 50 concurrent uses");
    let rt1 = successors.into_iter().next().unwrap();
    assert_ne!(rt1, rt0);

    // Narrower scope is fine, wider is invalid_scope.
    let r = refresh(rt1.clone(), Some("openid api://reports/Reports.Read")).await;
    assert_eq!(r.status(), 200);
    let b: Value = r.json().await.unwrap();
    assert_eq!(b["scope"], "openid api://reports/Reports.Read");
    let rt2 = b["refresh_token"].as_str().unwrap().to_string();
    expect_error(refresh(rt2.clone(), Some("openid email")).await, 400, "invalid_scope", 88000012).await;

    // Another client cannot use it.
    let other = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/token"))
        .basic_auth(PORTAL.0, Some(PORTAL.1))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", rt2.as_str())])
        .send()
        .await
        .unwrap();
    expect_error(other, 400, "invalid_grant", 88000007).await;
}

/// OpenID Connect Core §3.1.3.7: RS256 unless the client registered `id_token_signed_response_alg`
/// (Dynamic Client Registration §2); discovery lists what is registered. A disabled user's refresh
/// token is refused before it is spent.
#[tokio::test]
async fn id_token_alg_follows_registration_and_disabled_users_cannot_refresh() {
    let s = server().await;
    let disco: Value = discovery(&s, "contoso").await;
    assert_eq!(disco["id_token_signing_alg_values_supported"], serde_json::json!(["RS256", "ES256"]));
    let es256 = ("es256-ids", "es256-ids-secret-0123456789abcdef-01234567");
    let mut last_refresh = String::new();
    for (client, alg) in [(LEGACY, "RS256"), (es256, "ES256")] {
        let form = [
            ("grant_type", "password"),
            ("username", "alice"),
            ("password", "correct horse battery staple"),
            ("scope", "openid offline_access"),
        ];
        let b: Value = token(&s, "contoso", &form, Some(client)).await.json().await.unwrap();
        let id = b["id_token"].as_str().expect("id_token");
        assert_eq!(header(id)["alg"], alg, "{} ID token", client.0);
        verify_with_jwks(&s, "contoso", id).await;
        let rt = b["refresh_token"].as_str().unwrap();
        let b: Value = token(&s, "contoso", &[("grant_type", "refresh_token"), ("refresh_token", rt)], Some(client))
            .await
            .json()
            .await
            .unwrap();
        let id = b["id_token"].as_str().expect("id_token on refresh");
        assert_eq!(header(id)["alg"], alg, "{} ID token on refresh", client.0);
        assert_eq!(verify_with_jwks(&s, "contoso", id).await["preferred_username"], "alice");
        last_refresh = b["refresh_token"].as_str().unwrap().to_string();
    }

    let set_enabled = |on: &str| {
        let out = s.cli(&["user", "update", "--tenant", "contoso", "alice", "--enabled", on]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    let refresh = [("grant_type", "refresh_token"), ("refresh_token", last_refresh.as_str())];
    set_enabled("false");
    expect_error(token(&s, "contoso", &refresh, Some(es256)).await, 400, "invalid_grant", 50057).await;
    set_enabled("true");
    let r = token(&s, "contoso", &refresh, Some(es256)).await;
    assert_eq!(r.status(), 200, "the refused refresh did not spend the token");
}

/// `join_all` without the futures crate.
pub async fn futures_join<F: std::future::Future + Send + 'static>(fs: Vec<F>) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = fs.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn refresh_rotation_sqlite() {
    refresh_rotation_on(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn refresh_rotation_postgres() {
    refresh_rotation_on(Backend::Postgres).await;
}

#[tokio::test]
async fn nothing_outside_the_catalog_even_for_odd_requests() {
    let s = server().await;
    let big = "a=".to_string() + &"x".repeat(3 * 1024 * 1024);
    let r = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(big)
        .send()
        .await
        .unwrap();
    // Issue 17: over the body limit is 413, a wrong method 405 (see hardening_input).
    expect_error(r, 413, "invalid_request", 88000100).await;
    let r = s.http().delete(s.url("/contoso/oauth2/v2.0/token")).send().await.unwrap();
    expect_error(r, 405, "invalid_request", 88000103).await;
    let r = s.http().get(s.url("/admin/signins?code=abc")).bearer_auth(&s.admin_token).send().await.unwrap();
    expect_error(r, 400, "invalid_request", 9002313).await;
    let r = s.http().get(s.url("/error?code=1&code=2")).send().await.unwrap();
    assert_eq!(r.status(), 200, "the help list, not a framework error");
}

/// Requests refused before the handler (unknown tenant, unreadable body) are answered in the
/// negotiated language (`ui_locales` in the body, then `Accept-Language`) and signed in like any
/// other refusal: on the tenant as resolved (else as written), with the grant type and the client
/// that was claimed. Metadata endpoints answer in English.
#[tokio::test]
async fn refusals_before_the_handler_are_localized_and_signed_in() {
    let s = server().await;
    let post = |tenant: &str, body: &str, accept_language: &str| {
        s.http()
            .post(s.url(&format!("/{tenant}/oauth2/v2.0/token")))
            .basic_auth(DAEMON.0, Some(DAEMON.1))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept-language", accept_language)
            .body(body.to_string())
    };
    let localized = |r: &Refusal, lang: &str| {
        assert_eq!(r.header("content-language"), Some(lang), "{}", r.body);
        assert!(r.body["error_uri"].as_str().unwrap().ends_with(&format!("&lang={lang}")), "{}", r.body);
        assert!(r.body["error_description_localized"].is_string(), "{}", r.body);
    };

    // Unknown tenant, readable body: the body's ui_locales wins over Accept-Language.
    let r = post("nosuch", "grant_type=client_credentials&ui_locales=ar", "ru").send().await.unwrap();
    let r = expect_error(r, 400, "invalid_request", 90002).await;
    localized(&r, "ar");
    let rec = signin_record(&s, r.trace_id()).await;
    assert_eq!(
        (rec["tenant"].as_str(), rec["flow"].as_str(), rec["client_id"].as_str(), rec["code"].as_u64()),
        (Some("nosuch"), Some("client_credentials"), Some(DAEMON.0), Some(90002)),
        "{rec}"
    );

    // Unknown tenant and an unreadable body: the tenant's error, in the Accept-Language.
    let r =
        expect_error(post("nosuch", "grant_type=%zz", "ru").send().await.unwrap(), 400, "invalid_request", 90002).await;
    localized(&r, "ru");

    // Known tenant written in capitals, unreadable body: recorded on the tenant's name.
    let r = post("CONTOSO", "grant_type=%zz&ui_locales=ar", "ro, sl;q=0.5").send().await.unwrap();
    let r = expect_error(r, 400, "invalid_request", 9002313).await;
    localized(&r, "ro");
    let rec = signin_record(&s, r.trace_id()).await;
    assert_eq!(
        (rec["tenant"].as_str(), rec["flow"].as_str(), rec["client_id"].as_str(), rec["code"].as_u64()),
        (Some("contoso"), Some(""), Some(DAEMON.0), Some(9002313)),
        "{rec}"
    );

    // Refused in the handler: the same negotiation.
    let r = post("contoso", "grant_type=client_credentials&scope=api%3A%2F%2Fnosuch%2F.default&ui_locales=sl", "ru")
        .send()
        .await
        .unwrap();
    let r = Refusal { headers: r.headers().clone(), body: r.json().await.unwrap() };
    localized(&r, "sl");

    // Discovery and JWKS: English whatever the caller prefers.
    for path in ["/nosuch/v2.0/.well-known/openid-configuration", "/nosuch/discovery/v2.0/keys"] {
        let r = s.http().get(s.url(path)).header("accept-language", "ru").send().await.unwrap();
        let r = expect_error(r, 400, "invalid_request", 90002).await;
        assert_eq!(r.header("content-language"), None, "{path}");
        assert!(r.body.get("error_description_localized").is_none(), "{path}");
    }
}
