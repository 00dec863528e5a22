//! Issue 17 regression tests (hardening_auth): lockout, interaction binding, logout, cookies, PKCE.
use sigil_testkit::browser::{Agent, param};

use crate::common::*;

const REDIRECT: &str = "http://127.0.0.1:5000/callback";
const ALICE_PW: &str = "correct horse battery staple";

fn authorize_url(client: &str, extra: &str) -> String {
    format!(
        "/contoso/oauth2/v2.0/authorize?client_id={client}&response_type=code&redirect_uri={REDIRECT}&state=st-1\
         &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuwjXlw8Y1c&code_challenge_method=S256{extra}"
    )
}

/// OIDC Core §3.1.2.1: `prompt=login` must really re-authenticate. The sign-in page's sealed
/// interaction posted to the consent handler used to be taken as a fresh sign-in and gave a code.
#[tokio::test]
async fn prompt_login_interaction_cannot_be_posted_to_consent() {
    let s = server().await;
    let mut a = Agent::new(s.http(), &s.base);
    let url = authorize_url("web-portal", "&scope=openid");
    assert!(param(&a.sign_in(&url, "alice", ALICE_PW).await, "code").is_some(), "normal flow");
    for prompt in ["login", "select_account"] {
        let page = a.get(&format!("{url}&prompt={prompt}")).await;
        assert!(page.is_signin(), "{}", page.body);
        let csrf = page.input("csrf_token").unwrap();
        let interaction = page.input("interaction").unwrap();
        let p = a
            .post(
                "/contoso/consent",
                &[("csrf_token", &csrf), ("interaction", &interaction), ("decision", "accept")],
            )
            .await;
        assert!(p.location.as_deref().and_then(|l| param(l, "code")).is_none(), "code issued without a password");
        assert_eq!(p.status, 400, "{}", p.body);
        assert!(p.body.contains("SIGIL88000160"), "{}", p.body);
        // The consent page's interaction is no sign-in either.
        let p = a.submit(&page, &[("username", "alice"), ("password", ALICE_PW)]).await;
        assert!(param(p.location.as_deref().unwrap_or(""), "code").is_some(), "real re-authentication works");
    }
}

/// A consent form is bound to the session it was shown to: another browser's session cannot use it.
#[tokio::test]
async fn consent_interaction_is_bound_to_its_session() {
    let s = server().await;
    let mut a = Agent::new(s.http(), &s.base);
    let url = authorize_url("web-portal", "&scope=openid%20profile&prompt=consent");
    let page = a.get(&url).await;
    let consent = a.submit(&page, &[("username", "alice"), ("password", ALICE_PW)]).await;
    assert!(consent.is_consent(), "{}", consent.body);
    // Bob signs in in his own browser and receives alice's consent form and her CSRF cookie.
    let mut b = Agent::new(s.http(), &s.base);
    let bp = b.get(&url).await;
    let bc = b.submit(&bp, &[("username", "bob"), ("password", "Tr0ub4dor&3-example")]).await;
    assert!(bc.is_consent(), "{}", bc.body);
    let (csrf_name, csrf_value) = a.cookie_named("sigil_csrf").unwrap();
    let (session_name, bob_session) = b.cookie_named("sigil_session").unwrap();
    let r = s
        .http()
        .post(s.url("/contoso/consent"))
        .header("cookie", format!("{csrf_name}={csrf_value}; {session_name}={bob_session}"))
        .form(&[
            ("csrf_token", consent.input("csrf_token").unwrap().as_str()),
            ("interaction", consent.input("interaction").unwrap().as_str()),
            ("decision", "accept"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("SIGIL88000160"));
    // Alice's own form still works.
    let done = a.submit(&consent, &[("decision", "accept")]).await;
    assert!(param(done.location.as_deref().unwrap_or(""), "code").is_some(), "{}", done.body);
}
