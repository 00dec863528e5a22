//! Time-dependent rules, in-process on a real SQLite file with a clock the test moves (no sleeping):
//! code lifetime and single use (RFC 6749 §4.1.2), PKCE (RFC 7636), refresh rotation grace window,
//! reuse detection, inactivity and absolute lifetimes.
use sigil_core::config::TokenSettings;
use sigil_testkit::db;
use sigil_testkit::inproc::{self, InProc, REDIRECT, WEB_SECRET};

const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const WEB: (&str, Option<&str>) = ("web", Some(WEB_SECRET));

async fn setup(tokens: TokenSettings) -> InProc {
    inproc::start(&db::sqlite_url("expiry"), tokens).await
}

fn code_form<'a>(code: &'a str, verifier: Option<&'a str>) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![("grant_type", "authorization_code"), ("code", code), ("redirect_uri", REDIRECT)];
    if let Some(v) = verifier {
        f.push(("code_verifier", v));
    }
    f
}

fn code_of(r: Result<sigil_core::grant::Issued, sigil_core::SigilError>) -> u32 {
    match r {
        Ok(_) => 0,
        Err(e) => e.entry.code,
    }
}

#[tokio::test]
async fn authorization_code_rules() {
    let p = setup(TokenSettings::default()).await;
    // Success with PKCE, then replay: 54005 and every token from the code is revoked.
    let c = p.code("web", "openid offline_access api://reports/Reports.Read", Some(CHALLENGE)).await;
    let issued = p.token(WEB, &code_form(&c, Some(VERIFIER))).await.unwrap();
    let rt = issued.response.refresh_token.clone().unwrap();
    let id = issued.response.id_token.clone().unwrap();
    assert!(id.split('.').count() == 3);
    assert_eq!(code_of(p.token(WEB, &code_form(&c, Some(VERIFIER))).await), 54005);
    assert_eq!(
        code_of(p.token(WEB, &[("grant_type", "refresh_token"), ("refresh_token", &rt)]).await),
        50173,
        "replay revoked the grant"
    );

    // Expired after 60 s.
    let c = p.code("web", "openid", None).await;
    p.clock.advance(61);
    assert_eq!(code_of(p.token(WEB, &code_form(&c, None)).await), 70008);

    // Bound to client, redirect URI and PKCE verifier.
    let c = p.code("other-web", "openid", None).await;
    assert_eq!(code_of(p.token(WEB, &code_form(&c, None)).await), 88000007);
    let c = p.code("web", "openid", None).await;
    let wrong_redirect =
        [("grant_type", "authorization_code"), ("code", c.as_str()), ("redirect_uri", "https://app.example/other")];
    assert_eq!(code_of(p.token(WEB, &wrong_redirect).await), 88000008);
    let c = p.code("web", "openid", Some(CHALLENGE)).await;
    assert_eq!(
        code_of(p.token(WEB, &code_form(&c, Some("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXx"))).await),
        501481
    );
    let c = p.code("web", "openid", Some(CHALLENGE)).await;
    assert_eq!(code_of(p.token(WEB, &code_form(&c, None)).await), 900144);
    let c = p.code("web", "openid", None).await;
    assert_eq!(code_of(p.token(WEB, &code_form(&c, Some(VERIFIER))).await), 501481);

    // Public clients: PKCE is mandatory.
    let c = p.code("native", "openid", None).await;
    assert_eq!(code_of(p.token(("native", None), &code_form(&c, None)).await), 900144);
    assert_eq!(code_of(p.token(("native", None), &code_form(&c, Some(VERIFIER))).await), 501481);
    let c = p.code("native", "openid", Some(CHALLENGE)).await;
    assert!(p.token(("native", None), &code_form(&c, Some(VERIFIER))).await.is_ok());
}

async fn refresh_token_for(p: &InProc) -> String {
    let c = p.code("web", "openid offline_access", None).await;
    p.token(WEB, &code_form(&c, None)).await.unwrap().response.refresh_token.unwrap()
}

fn refresh_form(rt: &str) -> Vec<(&str, &str)> {
    vec![("grant_type", "refresh_token"), ("refresh_token", rt)]
}

#[tokio::test]
async fn refresh_rotation_grace_and_reuse() {
    let p = setup(TokenSettings::default()).await;
    let rt0 = refresh_token_for(&p).await;
    let rt1 = p.token(WEB, &refresh_form(&rt0)).await.unwrap().response.refresh_token.unwrap();
    assert_ne!(rt0, rt1);
    // A retry within 10 s returns the same successor.
    p.clock.advance(9);
    let again = p.token(WEB, &refresh_form(&rt0)).await.unwrap().response.refresh_token.unwrap();
    assert_eq!(again, rt1);
    // After the grace window it is reuse: the whole grant is revoked, successors included.
    p.clock.advance(5);
    assert_eq!(code_of(p.token(WEB, &refresh_form(&rt0)).await), 88000009);
    assert_eq!(code_of(p.token(WEB, &refresh_form(&rt1)).await), 50173);
}

#[tokio::test]
async fn zero_grace_means_any_second_use_is_reuse() {
    let p = setup(TokenSettings { refresh_token_grace: 0, ..Default::default() }).await;
    let rt0 = refresh_token_for(&p).await;
    let _rt1 = p.token(WEB, &refresh_form(&rt0)).await.unwrap();
    p.clock.advance(1);
    assert_eq!(code_of(p.token(WEB, &refresh_form(&rt0)).await), 88000009);
}

#[tokio::test]
async fn refresh_inactivity_and_absolute_lifetime() {
    let p =
        setup(TokenSettings { refresh_token_inactivity: 100, refresh_token_max_lifetime: 250, ..Default::default() })
            .await;
    let rt = refresh_token_for(&p).await;
    p.clock.advance(101);
    assert_eq!(code_of(p.token(WEB, &refresh_form(&rt)).await), 70008, "unused for longer than the inactivity timeout");

    let mut rt = refresh_token_for(&p).await;
    for _ in 0..3 {
        p.clock.advance(80);
        rt = p.token(WEB, &refresh_form(&rt)).await.unwrap().response.refresh_token.unwrap();
    }
    p.clock.advance(20);
    assert_eq!(
        code_of(p.token(WEB, &refresh_form(&rt)).await),
        88000010,
        "used regularly, but past the absolute maximum"
    );
}

async fn device_poll(p: &InProc, code: &str) -> Result<sigil_core::grant::Issued, sigil_core::SigilError> {
    p.token(("native", None), &[("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("device_code", code)])
        .await
}

/// RFC 8628 §3.5 on the clock: `slow_down` raises the interval by 5 s and it stays raised; an
/// approved code is redeemed once; an unapproved one expires after `device_code_lifetime`.
#[tokio::test]
async fn device_code_polling_interval_and_expiry() {
    use sigil_core::clock::Clock;
    use sigil_core::store::DeviceApproval;
    let p = setup(TokenSettings { device_code_lifetime: 100, ..Default::default() }).await;
    let start = |scope: &'static str| {
        let p = &p;
        async move {
            let params = sigil_core::params::Params::from_pairs(vec![
                ("client_id".into(), "native".into()),
                ("scope".into(), scope.into()),
            ])
            .unwrap();
            sigil_core::device::authorize(&p.ctx, &p.view, &params, &Default::default()).await.unwrap()
        }
    };
    let a = start("openid offline_access").await;
    assert_eq!((a.expires_in, a.interval), (100, 5));
    assert_eq!(code_of(device_poll(&p, &a.device_code).await), 70016);
    p.clock.advance(2);
    assert_eq!(code_of(device_poll(&p, &a.device_code).await), 88000220, "2 s < 5 s");
    p.clock.advance(9);
    assert_eq!(code_of(device_poll(&p, &a.device_code).await), 88000220, "9 s < the raised 10 s");
    p.clock.advance(15);
    assert_eq!(code_of(device_poll(&p, &a.device_code).await), 70016, "15 s >= the raised 15 s");
    p.clock.advance(5);
    assert_eq!(code_of(device_poll(&p, &a.device_code).await), 88000220, "the interval stays raised");

    let hash = sigil_core::device::user_code_hash(&sigil_core::device::normalize_user_code(&a.user_code).unwrap());
    let approval = DeviceApproval {
        user_code_hash: &hash,
        tenant_id: p.view.tenant.id,
        user_id: p.user.id,
        scope: "openid offline_access",
        auth_time: p.clock.now(),
        session_id: None,
        now: p.clock.now(),
        amr: "pwd",
    };
    assert!(p.ctx.store.approve_device(&approval).await.unwrap());
    let issued = device_poll(&p, &a.device_code).await.unwrap();
    assert!(issued.response.refresh_token.is_some() && issued.response.id_token.is_some());
    assert_eq!(code_of(device_poll(&p, &a.device_code).await), 70000, "redeemed once");

    let b = start("openid").await;
    p.clock.advance(99);
    assert_eq!(code_of(device_poll(&p, &b.device_code).await), 70016);
    p.clock.advance(1);
    assert_eq!(code_of(device_poll(&p, &b.device_code).await), 70019, "expired after device_code_lifetime");
}
