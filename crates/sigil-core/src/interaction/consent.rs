//! Consent: what a user is asked to allow, and whether a remembered consent covers it. Consent is
//! remembered per (user, client); withdrawing it (admin CLI) makes the next request ask again.
use uuid::Uuid;

use crate::catalog;
use crate::context::Context;
use crate::error::SigilError;
use crate::store::{Store, StoreResult};

/// The scope tokens a user consents to.
pub fn items(scope: &str) -> Vec<String> {
    scope.split(' ').filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// True when a remembered consent covers every requested item.
pub fn covers(granted: &[String], requested: &[String]) -> bool {
    let granted: std::collections::HashSet<&str> = granted.iter().map(String::as_str).collect();
    requested.iter().all(|r| granted.contains(r.as_str()))
}

/// The user accepted: remember the items for this client.
pub async fn remember(ctx: &Context, tenant: Uuid, user: Uuid, client_id: &str, scope: &str) -> Result<(), SigilError> {
    ctx.store.put_consent(tenant, user, client_id, &items(scope), ctx.clock.now()).await?;
    Ok(())
}

/// Forgets a remembered consent (admin CLI, later the admin API: no request context, only the
/// store); true when there was one.
pub async fn withdraw(store: &dyn Store, tenant: Uuid, user: Uuid, client_id: &str) -> StoreResult<bool> {
    store.revoke_consent(tenant, user, client_id).await
}

/// RFC 6749 §4.1.2.1 `access_denied`: the user declined.
pub fn declined() -> SigilError {
    SigilError::new(catalog::CONSENT_DECLINED, "user declined consent")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn a_remembered_consent_covers_its_items_and_subsets_only() {
        let granted = v(&["openid", "profile", "api://a/read"]);
        assert!(covers(&granted, &items("openid profile")));
        assert!(covers(&granted, &items("openid  api://a/read")));
        assert!(!covers(&granted, &items("openid email")));
        assert!(!covers(&[], &items("openid")));
        assert!(covers(&[], &items("")));
    }
}
