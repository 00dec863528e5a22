//! The admin API's decisions that are not HTTP: who a caller is (the bootstrap credential or an
//! access token Sigil issued for [`ADMIN_API_AUDIENCE`]), what it may reach, and the audit record
//! every change leaves.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::catalog;
use crate::context::Context;
use crate::error::SigilError;
use crate::verify::AccessTokenClaims;

/// The audience (API identifier) of access tokens for the admin API. An operator registers an API
/// with this identifier and the roles below in a tenant, and grants them to users or clients.
pub const ADMIN_API_AUDIENCE: &str = "api://sigil-admin";
/// Reads and changes.
pub const ROLE_ADMIN: &str = "Sigil.Admin";
/// Reads only.
pub const ROLE_READER: &str = "Sigil.Reader";
/// Reads and writes users and groups through SCIM (`/{tenant}/scim/v2`), nothing else: the role
/// of a provisioning client (an HR system, Entra's provisioning service).
pub const ROLE_PROVISIONING: &str = "Sigil.Provisioning";

/// What a caller may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Every tenant, and installation-wide operations (creating tenants).
    Global,
    /// One tenant only: a tenant's administrator cannot see another tenant.
    Tenant(Uuid),
}

/// An authenticated admin API caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// Who, for the audit log: `bootstrap`, or `<sub> via <client_id>@<tenant>`.
    pub who: String,
    pub reach: Reach,
    pub write: bool,
}

fn forbidden(why: impl Into<String>) -> SigilError {
    SigilError::new(catalog::ADMIN_FORBIDDEN, why)
}

impl Principal {
    /// The static admin token (`server.admin_token`): the bootstrap credential, global administrator.
    pub fn bootstrap() -> Self {
        Self { who: "bootstrap".into(), reach: Reach::Global, write: true }
    }

    /// A verified access token (`verify::verify_access_token`) of the tenant `tenant` (id, name):
    /// its audience must be [`ADMIN_API_AUDIENCE`] and its `roles` hold [`ROLE_ADMIN`] or
    /// [`ROLE_READER`]. Tokens of `admin_tenant` reach every tenant; others only their own.
    pub fn from_token(
        c: &AccessTokenClaims,
        tenant: (Uuid, &str),
        admin_tenant: Option<&str>,
    ) -> Result<Self, SigilError> {
        Self::from_token_for(c, tenant, admin_tenant, false)
    }

    /// [`from_token`](Self::from_token); `scim`: for the SCIM endpoint, where [`ROLE_PROVISIONING`]
    /// also writes (SCIM reaches only users and groups).
    pub fn from_token_for(
        c: &AccessTokenClaims,
        tenant: (Uuid, &str),
        admin_tenant: Option<&str>,
        scim: bool,
    ) -> Result<Self, SigilError> {
        if c.aud != ADMIN_API_AUDIENCE {
            return Err(SigilError::new(catalog::ADMIN_UNAUTHORIZED, format!("token audience '{}'", c.aud)));
        }
        let write = c.roles.iter().any(|r| r == ROLE_ADMIN || scim && r == ROLE_PROVISIONING);
        if !write && !c.roles.iter().any(|r| r == ROLE_READER) {
            return Err(forbidden(if scim {
                "token carries none of Sigil.Admin, Sigil.Provisioning, Sigil.Reader"
            } else {
                "token carries neither Sigil.Admin nor Sigil.Reader"
            }));
        }
        let global = admin_tenant.is_some_and(|a| a.eq_ignore_ascii_case(tenant.1) || a == tenant.0.to_string());
        let reach = if global { Reach::Global } else { Reach::Tenant(tenant.0) };
        Ok(Self { who: format!("{} via {}@{}", c.sub, c.client_id, tenant.1), reach, write })
    }

    /// May read objects of `tenant`.
    pub fn read(&self, tenant: Uuid) -> Result<(), SigilError> {
        match self.reach {
            Reach::Global => Ok(()),
            Reach::Tenant(t) if t == tenant => Ok(()),
            Reach::Tenant(_) => Err(forbidden("another tenant")),
        }
    }

    /// May change objects of `tenant`.
    pub fn change(&self, tenant: Uuid) -> Result<(), SigilError> {
        self.read(tenant)?;
        if self.write { Ok(()) } else { Err(forbidden("a reader cannot write")) }
    }

    /// May do installation-wide changes (create tenants).
    pub fn change_global(&self) -> Result<(), SigilError> {
        match (self.reach, self.write) {
            (Reach::Global, true) => Ok(()),
            (Reach::Global, false) => Err(forbidden("a reader cannot write")),
            (Reach::Tenant(_), _) => Err(forbidden("installation-wide operation")),
        }
    }

    /// The only tenant this caller sees, if it is limited to one.
    pub fn only_tenant(&self) -> Option<Uuid> {
        match self.reach {
            Reach::Global => None,
            Reach::Tenant(t) => Some(t),
        }
    }
}

/// An admin API bearer token that is not the bootstrap credential: an access token Sigil issued.
/// Its `tid` (read unverified) only chooses the tenant whose keys then verify it through the one
/// verifier (`verify::verify_access_token`: signature, `typ`, issuer, lifetime, revocation).
pub async fn authenticate(ctx: &Context, token: &str, admin_tenant: Option<&str>) -> Result<Principal, SigilError> {
    authenticate_for(ctx, token, admin_tenant, false).await
}

/// [`authenticate`]; `scim`: see [`Principal::from_token_for`].
pub async fn authenticate_for(
    ctx: &Context,
    token: &str,
    admin_tenant: Option<&str>,
    scim: bool,
) -> Result<Principal, SigilError> {
    let unknown = || SigilError::new(catalog::ADMIN_UNAUTHORIZED, "not the admin token nor a Sigil access token");
    #[derive(Deserialize)]
    struct Tid {
        tid: Uuid,
    }
    let payload = token.split('.').nth(1).and_then(crate::crypto::b64url_decode).ok_or_else(unknown)?;
    let tid: Tid = serde_json::from_slice(&payload).map_err(|_| unknown())?;
    let view = ctx.directory.get().tenant(&tid.tid.to_string()).cloned().ok_or_else(unknown)?;
    let verified = crate::verify::verify_access_token(ctx, &view, token)
        .await
        .map_err(|e| SigilError::new(catalog::ADMIN_UNAUTHORIZED, e.reason))?;
    Principal::from_token_for(&verified.claims, (view.tenant.id, &view.tenant.name), admin_tenant, scim)
}

/// One change made through the admin API: who, what, to which object, before and after (the API's
/// own representations: never a secret or a hash of one), the request's trace ID.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Assigned by the store (increasing); 0 before it is written.
    pub id: i64,
    pub time_millis: i64,
    pub actor: String,
    /// The tenant the object belongs to (`None`: an installation-wide object).
    pub tenant_id: Option<Uuid>,
    /// e.g. `application.create`, `user.password`, `key.rotate`.
    pub action: String,
    /// The object: its kind and name, e.g. `application:web-portal`.
    pub target: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub trace_id: String,
}

/// A user's remembered consent to one client (what the consent page does not ask again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub client_id: String,
    pub scopes: Vec<String>,
    /// Unix seconds.
    pub granted_at: i64,
}

/// A search of the audit log, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    pub tenant_id: Option<Uuid>,
    pub actor: Option<String>,
    pub action: Option<String>,
    pub target: Option<String>,
    pub trace_id: Option<String>,
    pub since_millis: Option<i64>,
    pub until_millis: Option<i64>,
    /// Cursor: only entries with a smaller id.
    pub before_id: Option<i64>,
    pub limit: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(aud: &str, roles: &[&str]) -> AccessTokenClaims {
        serde_json::from_value(serde_json::json!({
            "iss": "i", "sub": "s", "aud": aud, "exp": 1, "client_id": "c", "tid": Uuid::nil(),
            "roles": roles,
        }))
        .unwrap()
    }

    #[test]
    fn roles_audience_and_tenant_decide_what_a_token_reaches() {
        let t = Uuid::from_u128(7);
        let other = Uuid::from_u128(8);
        let e = Principal::from_token(&claims("api://x", &[ROLE_ADMIN]), (t, "a"), None).unwrap_err();
        assert_eq!(e.entry.code, catalog::ADMIN_UNAUTHORIZED.code);
        let e = Principal::from_token(&claims(ADMIN_API_AUDIENCE, &["Other"]), (t, "a"), None).unwrap_err();
        assert_eq!(e.entry.code, catalog::ADMIN_FORBIDDEN.code);

        let reader = Principal::from_token(&claims(ADMIN_API_AUDIENCE, &[ROLE_READER]), (t, "a"), None).unwrap();
        assert!(reader.read(t).is_ok() && reader.change(t).is_err() && reader.read(other).is_err());
        let admin = Principal::from_token(&claims(ADMIN_API_AUDIENCE, &[ROLE_ADMIN]), (t, "a"), None).unwrap();
        assert!(admin.change(t).is_ok() && admin.read(other).is_err() && admin.change_global().is_err());
        assert_eq!(admin.only_tenant(), Some(t));
        let global =
            Principal::from_token(&claims(ADMIN_API_AUDIENCE, &[ROLE_ADMIN]), (t, "Ops"), Some("ops")).unwrap();
        assert!(global.change(other).is_ok() && global.change_global().is_ok());
        let global_reader =
            Principal::from_token(&claims(ADMIN_API_AUDIENCE, &[ROLE_READER]), (t, "ops"), Some("ops")).unwrap();
        assert!(global_reader.read(other).is_ok() && global_reader.change_global().is_err());
        assert_eq!(global.who, "s via c@Ops");
        // Sigil.Provisioning writes through SCIM only.
        let p = claims(ADMIN_API_AUDIENCE, &[ROLE_PROVISIONING]);
        assert!(Principal::from_token(&p, (t, "a"), None).is_err());
        let scim = Principal::from_token_for(&p, (t, "a"), None, true).unwrap();
        assert!(scim.change(t).is_ok() && scim.read(other).is_err());
    }
}
