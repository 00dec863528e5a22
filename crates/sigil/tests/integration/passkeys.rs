//! Issue 21: passkeys (W3C WebAuthn Level 3) end to end on a spawned server, SQLite and
//! PostgreSQL, with a software authenticator (`sigil_testkit::passkey`) standing in for the
//! browser: registration on the account page, rename, removal; passwordless sign-in with a
//! discoverable credential (`amr` hwk/swk + user + mfa); a passkey as the second factor; and each
//! refusal with its catalog code and its sign-in log record: a replayed assertion, a wrong origin,
//! a wrong relying-party id, a signature counter going backwards (the credential then stays
//! blocked), an unknown credential, user verification missing, a bad signature, a bad registration.
use serde_json::Value;
use sigil_core::catalog;
use sigil_core::factor::ACR_MFA;
use sigil_testkit::browser::{Agent, Page, param};
use sigil_testkit::passkey::{SoftPasskey, page_options};
use sigil_testkit::{Backend, Server, ServerOptions};

use crate::common::{claims, server_with, token};

const TENANT: &str = "pk-corp";
const REDIRECT: &str = "http://127.0.0.1/callback";
const CHALLENGE: &str = "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const ACCOUNT: &str = "/pk-corp/account/passkeys";

/// A change to the software authenticator before one assertion.
type Tamper = dyn Fn(&mut SoftPasskey);

/// A server whose public URL is `http://localhost:<port>`: a relying-party id is a domain.
pub async fn server(backend: Backend) -> Server {
    let mut imports = ServerOptions::default().imports;
    imports.push(sigil_testkit::fixture("passkeys.toml"));
    server_with(ServerOptions { backend, imports, public_host: "localhost", ..Default::default() }).await
}

fn authorize(client: &str) -> String {
    format!(
        "/{TENANT}/oauth2/v2.0/authorize?client_id={client}&response_type=code&redirect_uri={REDIRECT}&scope=openid%20profile&state=s1&{CHALLENGE}"
    )
}

/// Posts one of the account page's forms (all carry the same sealed form and token).
async fn account(a: &mut Agent, page: &Page, fields: &[(&str, &str)]) -> Page {
    let (form, csrf) = (page.input("form").expect("account form"), page.input("csrf_token").expect("token"));
    let mut all = vec![("form", form.as_str()), ("csrf_token", csrf.as_str())];
    all.extend_from_slice(fields);
    a.post(ACCOUNT, &all).await
}

/// Registers `key` for the signed-in user of `a` under `name`; returns the account page after.
async fn register(a: &mut Agent, key: &mut SoftPasskey, name: &str) -> Page {
    let page = a.get(ACCOUNT).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let response = key.register(&page_options(&page.body, "passkey-form").expect("creation options"));
    let after = account(a, &page, &[("action", "add"), ("name", name), ("credential", &response)]).await;
    assert!(after.body.contains("id=\"passkeys-notice\""), "{}", after.body);
    after
}

/// Posts a passkey answer to the sign-in page's passkey form.
async fn post_signin(a: &mut Agent, page: &Page, credential: &str) -> Page {
    let (csrf, interaction) = (page.input("csrf_token").unwrap(), page.input("interaction").unwrap());
    a.post(
        &format!("/{TENANT}/passkey"),
        &[("csrf_token", &csrf), ("interaction", &interaction), ("credential", credential)],
    )
    .await
}

/// The sign-in page's discoverable ceremony options.
fn signin_options(page: &Page) -> Value {
    let o = page_options(&page.body, "passkey-form").expect("passkey options on the sign-in page");
    assert_eq!(o["mediation"], "conditional", "{o}");
    assert!(o["publicKey"]["allowCredentials"].as_array().is_none_or(|a| a.is_empty()), "discoverable: {o}");
    o
}

/// Consent if asked, then the code at the redirect, redeemed: the ID token's claims.
async fn id_token(s: &Server, a: &mut Agent, mut page: Page, client: &str) -> Value {
    if page.is_consent() {
        page = a.submit(&page, &[("decision", "accept")]).await;
    }
    let location = page.location.unwrap_or_else(|| panic!("no redirect ({}): {}", page.status, page.body));
    let code = param(&location, "code").unwrap_or_else(|| panic!("no code in {location}"));
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", client),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
    ];
    let t: Value = token(s, TENANT, &form, None).await.json().await.unwrap();
    claims(t["id_token"].as_str().unwrap_or_else(|| panic!("no id_token: {t}")))
}

/// The sign-in log records of a response (by its trace ID): codes and internal reasons.
async fn logged(s: &Server, trace: &str) -> Vec<Value> {
    for _ in 0..100 {
        let rows: Value = s
            .http()
            .get(s.url(&format!("/admin/signins?trace_id={trace}")))
            .bearer_auth(&s.admin_token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if let Some(r) = rows.as_array().filter(|a| !a.is_empty()) {
            return r.clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no sign-in record for trace {trace}")
}

/// A refusal: shown with its code on the page, recorded with the same code and a reason.
async fn refused(s: &Server, a: &Agent, page: &Page, code: u32, reason: &str) -> (u32, String) {
    assert!(page.body.contains(&format!("SIGIL{code}")), "expected {code}: {}", page.body);
    let trace = a.last_trace_id.clone().expect("trace id");
    let rows = logged(s, &trace).await;
    let r = rows.iter().find(|r| r["code"].as_u64() == Some(u64::from(code)));
    let r = r.unwrap_or_else(|| panic!("no {code} in the sign-in log: {rows:?}"));
    let why = r["reason"].as_str().unwrap_or_default();
    assert!(why.contains(reason), "{code}: reason '{why}' lacks '{reason}'");
    (code, trace)
}

/// Everything, on one server; returns the refusals provoked (code, trace ID) for the catalog walk.
pub async fn end_to_end(backend: Backend) -> Vec<(u32, String)> {
    let s = server(backend).await;
    let mut seen = vec![];

    // Pat signs in with a password and adds a passkey on the account page; renames it.
    let mut a = Agent::new(s.http(), &s.base);
    let none = a.get(ACCOUNT).await;
    assert_eq!(none.status, 401, "no session: {}", none.body);
    a.sign_in(&authorize("pk-app"), "pat", "pat-password-0123").await;
    let mut key = SoftPasskey::new(&s.base);
    let page = register(&mut a, &mut key, "Laptop").await;
    assert!(page.body.contains("value=\"Laptop\""), "{}", page.body);
    let id = page.input("id").expect("the passkey's id");
    let page = account(&mut a, &page, &[("action", "rename"), ("id", &id), ("name", "  Work laptop ")]).await;
    assert!(page.body.contains("value=\"Work laptop\""), "{}", page.body);
    // The same authenticator again: refused (a registered credential id), 88000607.
    let again = key.register(&page_options(&page.body, "passkey-form").unwrap());
    let page = account(&mut a, &page, &[("action", "add"), ("name", "twice"), ("credential", &again)]).await;
    seen.push(refused(&s, &a, &page, catalog::PASSKEY_REGISTRATION_FAILED.code, "already registered").await);

    // Passwordless in a new browser: the sign-in page's discoverable ceremony, then consent.
    let mut b = Agent::new(s.http(), &s.base);
    let page = b.get(&authorize("pk-app")).await;
    assert!(page.body.contains("autocomplete=\"username webauthn\""), "conditional UI autofill");
    let answer = key.assert(&signin_options(&page));
    let done = post_signin(&mut b, &page, &answer).await;
    let trace = b.last_trace_id.clone().unwrap();
    let id_claims = id_token(&s, &mut b, done, "pk-app").await;
    assert_eq!(id_claims["amr"], serde_json::json!(["hwk", "user", "mfa"]), "{id_claims}");
    assert_eq!(id_claims["acr"], ACR_MFA);
    let rows = logged(&s, &trace).await;
    assert!(rows.iter().any(|r| r["reason"].as_str().unwrap().contains("signed in with passkey")), "{rows:?}");
    // The same answer again (the same form posted twice, or a captured assertion): 88000600.
    let mut c = Agent::new(s.http(), &s.base);
    let page = c.get(&authorize("pk-app")).await;
    let answer = key.assert(&signin_options(&page));
    let ok = post_signin(&mut c, &page, &answer).await;
    assert!(ok.is_consent() || ok.location.is_some(), "first use passes: {}", ok.body);
    let replay = post_signin(&mut c, &page, &answer).await;
    seen.push(refused(&s, &c, &replay, catalog::PASSKEY_CHALLENGE_USED.code, "already used").await);

    // Each refusal shows the sign-in page again with a fresh challenge, used for the next one.
    let base = s.base.clone();
    let mut d = Agent::new(s.http(), &s.base);
    let mut page = d.get(&authorize("pk-app")).await;
    let cases: [(u32, &str, &Tamper); 3] = [
        (catalog::PASSKEY_ORIGIN_MISMATCH.code, "origin", &|k| k.origin = "http://evil.localhost:1".into()),
        (catalog::PASSKEY_RP_ID_MISMATCH.code, "relying party id", &|k| k.rp_id = "evil.example".into()),
        (catalog::PASSKEY_USER_NOT_VERIFIED.code, "verified", &|k| k.uv = false),
    ];
    for (code, reason, change) in cases {
        let (origin, rp_id) = (key.origin.clone(), key.rp_id.clone());
        change(&mut key);
        let answer = key.assert(&signin_options(&page));
        (key.origin, key.rp_id, key.uv) = (origin, rp_id, true);
        page = post_signin(&mut d, &page, &answer).await;
        seen.push(refused(&s, &d, &page, code, reason).await);
    }
    assert_eq!(key.origin, base);
    // A key the server never saw, naming pat: 88000604. A signature over something else: 88000606.
    let mut stranger = SoftPasskey::new(&s.base);
    stranger.user_handle = key.user_handle.clone();
    let answer = stranger.assert(&signin_options(&page));
    page = post_signin(&mut d, &page, &answer).await;
    seen.push(refused(&s, &d, &page, catalog::PASSKEY_UNKNOWN.code, "no passkey of 'pat'").await);
    let options = signin_options(&page);
    let mut forged: Value = serde_json::from_str(&key.assert(&options)).unwrap();
    let other: Value = serde_json::from_str(&key.assertion("b3RoZXI", 999)).unwrap();
    forged["response"]["signature"] = other["response"]["signature"].clone();
    page = post_signin(&mut d, &page, &forged.to_string()).await;
    seen.push(refused(&s, &d, &page, catalog::PASSKEY_ASSERTION_INVALID.code, "webauthn").await);

    // As the second factor: pk-mfa asks for it after the password; the passkey page answers.
    let mut e = Agent::new(s.http(), &s.base);
    let page = e.get(&authorize("pk-mfa")).await;
    let page = e.submit(&page, &[("username", "pat"), ("password", "pat-password-0123")]).await;
    assert!(page.body.contains("data-passkey-mode=\"factor\""), "passkey step: {}", page.body);
    let options = page_options(&page.body, "passkey-form").unwrap();
    assert_eq!(options["publicKey"]["allowCredentials"].as_array().map(Vec::len), Some(1), "{options}");
    let answer = key.assert(&options);
    let done = e.submit(&page, &[("credential", &answer)]).await;
    let id_claims = id_token(&s, &mut e, done, "pk-mfa").await;
    assert_eq!(id_claims["amr"], serde_json::json!(["pwd", "hwk", "user", "mfa"]), "{id_claims}");
    assert_eq!(id_claims["acr"], ACR_MFA);

    // A clone: an older signature counter is refused and the passkey stays blocked (88000603).
    let mut f = Agent::new(s.http(), &s.base);
    let page = f.get(&authorize("pk-app")).await;
    let options = signin_options(&page);
    let clone = key.assertion(options["publicKey"]["challenge"].as_str().unwrap(), 1);
    let page = post_signin(&mut f, &page, &clone).await;
    seen.push(refused(&s, &f, &page, catalog::PASSKEY_COUNTER_REGRESSED.code, "possibly cloned").await);
    let answer = key.assert(&signin_options(&page));
    let page = post_signin(&mut f, &page, &answer).await;
    refused(&s, &f, &page, catalog::PASSKEY_COUNTER_REGRESSED.code, "flagged earlier").await;
    let listed = a.get(ACCOUNT).await;
    assert!(listed.body.contains("class=\"flag\""), "shown as blocked: {}", listed.body);

    // Removed: the passkey no longer signs in (88000604); another user's id cannot be removed.
    let page = account(&mut a, &listed, &[("action", "remove"), ("id", &id)]).await;
    assert!(page.body.contains("id=\"passkey-none\""), "{}", page.body);
    let page = account(&mut a, &page, &[("action", "remove"), ("id", &id)]).await;
    assert!(page.body.contains("SIGIL88000604"), "already removed: {}", page.body);
    let mut g = Agent::new(s.http(), &s.base);
    let page = g.get(&authorize("pk-app")).await;
    let answer = key.assert(&signin_options(&page));
    let page = post_signin(&mut g, &page, &answer).await;
    refused(&s, &g, &page, catalog::PASSKEY_UNKNOWN.code, "no passkey of 'pat'").await;

    // A synced, counterless passkey (most platform passkeys): `swk`, and every use has counter 0.
    let mut h = Agent::new(s.http(), &s.base);
    h.sign_in(&authorize("pk-app"), "quinn", "quinn-password-0123").await;
    let mut synced = SoftPasskey::new(&s.base);
    (synced.synced, synced.counter) = (true, None);
    register(&mut h, &mut synced, "Phone").await;
    for _ in 0..2 {
        let mut i = Agent::new(s.http(), &s.base);
        let page = i.get(&authorize("pk-app")).await;
        let answer = synced.assert(&signin_options(&page));
        let done = post_signin(&mut i, &page, &answer).await;
        let id_claims = id_token(&s, &mut i, done, "pk-app").await;
        assert_eq!(id_claims["amr"], serde_json::json!(["swk", "user", "mfa"]), "{id_claims}");
    }
    let listed = h.get(ACCOUNT).await;
    assert!(!listed.body.contains("class=\"flag\"") && !listed.body.contains("never"), "{}", listed.body);
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_passkeys_register_sign_in_second_factor_and_refusals() {
    end_to_end(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_passkeys_register_sign_in_second_factor_and_refusals() {
    end_to_end(Backend::Postgres).await;
}
