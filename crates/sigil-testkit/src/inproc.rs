//! The protocol layer in-process, on a real store, with a clock the test moves: expiry without sleeping.
use std::sync::Arc;

use sigil_core::client_auth::{BasicCredentials, Presented};
use sigil_core::clock::{Clock, ManualClock};
use sigil_core::config::{LockoutSettings, TokenSettings};
use sigil_core::context::Context;
use sigil_core::crypto::MasterKey;
use sigil_core::directory::{Directory, DirectoryHandle, TenantView};
use sigil_core::error::SigilError;
use sigil_core::grant::{self, Issued, TokenRequest};
use sigil_core::model::{Permission, SigningAlg, User};
use sigil_core::outbound::OutboundSettings;
use sigil_core::params::Params;
use sigil_core::provisioning::{NewApi, NewClient, NewSecret, NewTenant, NewUser};
use sigil_core::rng::SystemRng;
use sigil_core::store::Change;
use uuid::Uuid;

pub const WEB_SECRET: &str = "web-secret-0123456789abcdef-0123456789abcdef";
pub const REDIRECT: &str = "https://app.example/cb";
/// The origin of [`REDIRECT`], from which the `spa` client calls.
pub const SPA_ORIGIN: &str = "https://app.example";

pub struct InProc {
    pub ctx: Context,
    pub clock: Arc<ManualClock>,
    pub view: Arc<TenantView>,
    pub user: User,
}

pub async fn start(database_url: &str, tokens: TokenSettings) -> InProc {
    let store = sigil_store::open(database_url, 8).await.expect("store");
    let master = Arc::new(MasterKey::from_bytes(&[42u8; 32]).unwrap());
    let clock = Arc::new(ManualClock::new(1_800_000_000));
    let now = clock.now();
    let tenant = NewTenant {
        name: format!("t{}", Uuid::new_v4().simple()),
        display_name: Some("T".into()),
        default_locale: None,
        signing_alg: Some("ES256".into()),
        allow_plain_pkce: false,
        issuer_uses_name: false,
        registration: Default::default(),
        mfa: Default::default(),
        trusted_issuers: vec![],
        session: Default::default(),
        branding: Default::default(),
    }
    .build(None, &SystemRng)
    .unwrap();
    let api = NewApi {
        name: "reports".into(),
        identifier: "api://reports".into(),
        scopes: vec!["Reports.Read".into()],
        roles: vec![],
        scope_descriptions: Default::default(),
        claims: Default::default(),
    }
    .build(&tenant, None, &SystemRng)
    .unwrap();
    // `spa`: a single-page application (public, code + refresh only).
    let client = |id: &str, confidential: bool| {
        let spa = id == "spa";
        let mut grants = vec!["authorization_code".into(), "refresh_token".into()];
        if !confidential && !spa {
            grants.push("device_code".into());
        }
        let mut c = NewClient::new(id, confidential, grants);
        c.spa = spa;
        c.auth_methods = Some(vec![if confidential { "client_secret_basic" } else { "none" }.into()]);
        c.redirect_uris = vec![REDIRECT.into()];
        c.permissions =
            vec![Permission { api: "api://reports".into(), roles: vec![], scopes: vec!["Reports.Read".into()] }];
        if confidential {
            let secret = NewSecret { value: WEB_SECRET.into(), expires_at: None };
            c.secrets = vec![secret.build("secret", &master, &SystemRng, now, &[]).unwrap()];
        }
        c.build(&tenant, std::slice::from_ref(&api), None, &SystemRng).unwrap()
    };
    let user = NewUser {
        display_name: Some("Alice".into()),
        email: Some("alice@example.com".into()),
        password: Some("alice-password".into()),
        ..NewUser::new("alice")
    }
    .build(&tenant, None, &SystemRng, now)
    .unwrap();
    let key = sigil_core::keys::new_stored_key(&master, &SystemRng, tenant.id, SigningAlg::ES256, now, now).unwrap();
    let id_key = sigil_core::keys::new_stored_key(&master, &SystemRng, tenant.id, SigningAlg::RS256, now, now).unwrap();
    store
        .apply(&[
            Change::PutTenant(tenant.clone()),
            Change::PutApi(api.clone()),
            Change::PutClient(Box::new(client("web", true))),
            Change::PutClient(Box::new(client("other-web", true))),
            Change::PutClient(Box::new(client("native", false))),
            Change::PutClient(Box::new(client("spa", false))),
            Change::PutUser(Box::new(user.clone())),
            Change::PutKey(key),
            Change::PutKey(id_key),
        ])
        .await
        .unwrap();
    let dir = Directory::build(store.load_directory().await.unwrap(), &master, now, 600).unwrap();
    let view = dir.tenant(&tenant.name).unwrap().clone();
    let ctx = Context {
        store,
        directory: Arc::new(DirectoryHandle::new(dir)),
        master,
        clock: clock.clone(),
        rng: Arc::new(SystemRng),
        tokens,
        lockout: LockoutSettings::default(),
        public_url: "https://sigil.test".into(),
        passwords: Arc::new(sigil_core::password::PasswordChecker::new(
            std::thread::available_parallelism().map_or(2, |n| n.get()),
        )),
        fetcher: Arc::new(
            sigil_http::outbound::HttpFetcher::new(
                OutboundSettings { allow_private_addresses: true, allow_http: true, ..Default::default() },
                clock.clone(),
            )
            .unwrap(),
        ),
        accepted_assertions: Default::default(),
        passkeys: Default::default(),
    };
    InProc { ctx, clock, view, user }
}

impl InProc {
    /// Calls the token endpoint logic. `client` is `("web", Some(secret))` (Basic) or `("native", None)`;
    /// `spa` calls from its redirect URI's origin, as a browser would.
    pub async fn token(&self, client: (&str, Option<&str>), form: &[(&str, &str)]) -> Result<Issued, SigilError> {
        let origin = (client.0 == "spa").then_some(SPA_ORIGIN);
        self.token_from(origin, client, form).await
    }

    /// [`InProc::token`] with the request's `Origin` header given.
    pub async fn token_from(
        &self,
        origin: Option<&str>,
        client: (&str, Option<&str>),
        form: &[(&str, &str)],
    ) -> Result<Issued, SigilError> {
        let mut pairs: Vec<(String, String)> = form.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let presented = match client.1 {
            Some(secret) => {
                Presented { basic: Some(Ok(BasicCredentials { client_id: client.0.into(), secret: secret.into() })) }
            }
            None => {
                pairs.push(("client_id".into(), client.0.into()));
                Presented::default()
            }
        };
        let params = Params::from_pairs(pairs)?;
        grant::token(
            &self.ctx,
            TokenRequest {
                view: &self.view,
                params: &params,
                presented: &presented,
                source: "192.0.2.1",
                origin,
                dpop: None,
                url: "https://sigil.test/token",
            },
        )
        .await
    }

    pub async fn code(&self, client_id: &str, scope: &str, challenge: Option<&str>) -> String {
        grant::mint_code(
            &self.ctx,
            grant::NewCode {
                tenant_id: self.view.tenant.id,
                client_id,
                user_id: self.user.id,
                redirect_uri: REDIRECT,
                scope,
                nonce: Some("n-0S6_WzA2Mj"),
                code_challenge: challenge,
                code_challenge_method: challenge.map(|_| "S256"),
                auth_time: self.clock.now(),
                session_id: None,
                dpop_jkt: None,
                max_lifetime: None,
                amr: "pwd",
            },
        )
        .await
        .unwrap()
    }
}
