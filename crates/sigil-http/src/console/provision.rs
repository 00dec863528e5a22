//! The console's built-in client, made (or brought up to date) at startup through the core's
//! provisioning constructors: in `server.admin_tenant`, the API `api://sigil-admin` with the roles
//! `Sigil.Admin` and `Sigil.Reader` and the delegated scope `Admin.Access`, and the public client
//! `sigil-console` (authorization code with PKCE, RFC 7636; redirect URI under the public URL).
//! Operators give people the console by assigning them a role (directly or through a group).
use sigil_core::admin::{ADMIN_API_AUDIENCE, ROLE_ADMIN, ROLE_READER};
use sigil_core::model::Permission;
use sigil_core::provisioning::{self as rules, ClaimsSpec, NewApi, NewClient, ProvisioningError};
use sigil_core::rng::Rng;
use sigil_core::store::{Change, DirectoryData};

use super::{BASE, CALLBACK, CLIENT_ID, SCOPE};

/// The changes that make the admin tenant's console client and API what the console needs; empty
/// when they already are (so several instances starting together write nothing).
pub fn changes(
    d: &DirectoryData,
    admin_tenant: &str,
    public_url: &str,
    rng: &dyn Rng,
) -> Result<Vec<Change>, ProvisioningError> {
    let t = rules::find_tenant(d, admin_tenant)?;
    let mut apis = rules::tenant_apis(d, t);
    let mut out = Vec::new();
    let current = apis.iter().find(|a| a.identifier == ADMIN_API_AUDIENCE).cloned();
    let mut spec = match &current {
        Some(a) => NewApi::from_existing(a),
        None => NewApi {
            name: "sigil-admin".into(),
            identifier: ADMIN_API_AUDIENCE.into(),
            scopes: vec![],
            roles: vec![],
            claims: ClaimsSpec::default(),
            scope_descriptions: Default::default(),
        },
    };
    if !spec.scopes.iter().any(|x| x == SCOPE) {
        spec.scopes.push(SCOPE.into());
    }
    for role in [ROLE_ADMIN, ROLE_READER] {
        if !spec.roles.iter().any(|x| x == role) {
            spec.roles.push(role.into());
        }
    }
    let api = spec.build(t, current.as_ref(), rng)?;
    if current.as_ref() != Some(&api) {
        apis.retain(|a| a.id != api.id);
        apis.push(api.clone());
        out.push(Change::PutApi(api));
    }
    let existing = rules::find_client(d, t, CLIENT_ID).ok();
    let mut c = NewClient::new(CLIENT_ID, false, vec!["authorization_code".into()]);
    c.name = Some("Sigil console".into());
    c.redirect_uris = vec![format!("{public_url}{CALLBACK}")];
    c.post_logout_redirect_uris = vec![format!("{public_url}{BASE}/")];
    c.permissions = vec![Permission { api: ADMIN_API_AUDIENCE.into(), roles: vec![], scopes: vec![SCOPE.into()] }];
    let client = c.build(t, &apis, existing, rng)?;
    if existing != Some(&client) {
        out.push(Change::PutClient(Box::new(client)));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sigil_core::rng::SystemRng;

    #[test]
    fn the_console_client_is_made_once_and_then_left_alone() {
        let tenant = sigil_core::provisioning::NewTenant {
            name: "ops".into(),
            display_name: None,
            default_locale: None,
            signing_alg: None,
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
        let mut d = DirectoryData { tenants: vec![tenant], ..Default::default() };
        let first = changes(&d, "ops", "https://login.example.com", &SystemRng).unwrap();
        assert_eq!(first.len(), 2, "{first:?}");
        for c in first {
            match c {
                Change::PutApi(a) => d.apis.push(a),
                Change::PutClient(c) => {
                    assert_eq!(c.redirect_uris, ["https://login.example.com/admin/console/callback"]);
                    assert!(!c.confidential && c.require_pkce);
                    d.clients.push(*c)
                }
                other => panic!("{other:?}"),
            }
        }
        assert!(changes(&d, "ops", "https://login.example.com", &SystemRng).unwrap().is_empty());
        // A new public URL updates the redirect URI, keeping the client's id.
        let moved = changes(&d, "ops", "https://id.example.org", &SystemRng).unwrap();
        assert!(matches!(&moved[..], [Change::PutClient(c)] if c.id == d.clients[0].id));
        assert!(changes(&d, "nope", "https://x", &SystemRng).is_err());
    }
}
