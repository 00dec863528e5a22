//! Everything a request handler needs, built once at start and shared. No globals.
use std::sync::Arc;

use crate::clock::SharedClock;
use crate::config::{LockoutSettings, TokenSettings};
use crate::crypto::MasterKey;
use crate::directory::{DirectoryHandle, TenantView};
use crate::rng::SharedRng;
use crate::store::Store;

#[derive(Clone)]
pub struct Context {
    pub store: Arc<dyn Store>,
    pub directory: Arc<DirectoryHandle>,
    pub master: Arc<MasterKey>,
    pub clock: SharedClock,
    pub rng: SharedRng,
    pub tokens: TokenSettings,
    pub lockout: LockoutSettings,
    /// Public base URL without a trailing slash, e.g. `https://login.example.com`.
    pub public_url: String,
    /// argon2id verification with bounded concurrency and reused memory.
    pub passwords: Arc<crate::password::PasswordChecker>,
    /// Documents on other servers (JWKS, discovery, client metadata), fetched safely and cached.
    pub fetcher: Arc<dyn crate::outbound::Fetcher>,
    /// Client assertions the store already accepted (MSAL's re-sent assertion skips the write).
    pub accepted_assertions: Arc<crate::client_auth::AcceptedAssertions>,
    /// The WebAuthn relying party's id and extra origins (`[passkeys]`; default: the public URL).
    pub passkeys: crate::factor::passkey::RelyingParty,
}

impl Context {
    /// OIDC issuer: `<public url>/<tenant id>/v2.0`, as Entra shapes it, or with the tenant's name
    /// when the tenant asks for it (OpenID Connect Discovery §4.3: the issuer a library was
    /// configured with must equal the discovered one).
    pub fn issuer(&self, view: &TenantView) -> String {
        let t = &view.tenant;
        if t.issuer_uses_name {
            format!("{}/{}/v2.0", self.public_url, t.name)
        } else {
            format!("{}/{}/v2.0", self.public_url, t.id)
        }
    }
}
