//! One file per endpoint.
pub mod admin;
pub mod authorize;
pub mod discovery;
pub mod health;
pub mod help;
pub mod logout;
pub mod msal;
pub mod token;
pub mod userinfo;

use std::sync::Arc;

use sigil_core::catalog;
use sigil_core::directory::TenantView;
use sigil_core::error::SigilError;
use sigil_core::params::sanitize;

use crate::AppState;

/// `{tenant}` → the tenant's view, or Entra's 90002.
pub fn tenant(state: &AppState, name: &str) -> Result<Arc<TenantView>, SigilError> {
    state.ctx.directory.get().tenant(name).cloned().ok_or_else(|| {
        SigilError::new(catalog::TENANT_NOT_FOUND, format!("no tenant '{}'", sanitize(name)))
            .arg("tenant", sanitize(name))
    })
}
