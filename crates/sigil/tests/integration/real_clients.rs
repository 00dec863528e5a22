//! Real third-party clients against a spawned server: the Rust `oauth2` crate.
use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, ClientId, ClientSecret, ResourceOwnerPassword, ResourceOwnerUsername, Scope, TokenResponse, TokenUrl,
};

use crate::common::*;

#[tokio::test]
async fn rust_oauth2_crate_client_credentials_password_and_refresh() {
    let s = server().await;
    let http =
        oauth2::reqwest::ClientBuilder::new().redirect(oauth2::reqwest::redirect::Policy::none()).build().unwrap();
    let token_url = TokenUrl::new(s.url("/contoso/oauth2/v2.0/token")).unwrap();
    let auth_url = AuthUrl::new(s.url("/contoso/oauth2/v2.0/authorize")).unwrap();

    let daemon = BasicClient::new(ClientId::new(DAEMON.0.into()))
        .set_client_secret(ClientSecret::new(DAEMON.1.into()))
        .set_auth_uri(auth_url.clone())
        .set_token_uri(token_url.clone());
    let t = daemon
        .exchange_client_credentials()
        .add_scope(Scope::new("api://reports/.default".into()))
        .request_async(&http)
        .await
        .unwrap();
    let c = crate::token::verify_with_jwks(&s, "contoso", t.access_token().secret()).await;
    assert_eq!(c["aud"], "api://reports");

    let legacy = BasicClient::new(ClientId::new(LEGACY.0.into()))
        .set_client_secret(ClientSecret::new(LEGACY.1.into()))
        .set_auth_uri(auth_url)
        .set_token_uri(token_url);
    let t = legacy
        .exchange_password(
            &ResourceOwnerUsername::new("alice".into()),
            &ResourceOwnerPassword::new("correct horse battery staple".into()),
        )
        .add_scope(Scope::new("openid".into()))
        .add_scope(Scope::new("offline_access".into()))
        .request_async(&http)
        .await
        .unwrap();
    let rt = t.refresh_token().unwrap().clone();
    let t2 = legacy.exchange_refresh_token(&rt).request_async(&http).await.unwrap();
    assert_ne!(t2.refresh_token().unwrap().secret(), rt.secret());
    let c = crate::token::verify_with_jwks(&s, "contoso", t2.access_token().secret()).await;
    assert_eq!(c["preferred_username"], "alice");
    // The spent token is refused after the grace window only; within it the same successor returns.
    let t3 = legacy.exchange_refresh_token(&rt).request_async(&http).await.unwrap();
    assert_eq!(t3.refresh_token().unwrap().secret(), t2.refresh_token().unwrap().secret());
}
