//! Entra's claims beyond OAuth's and OpenID Connect's, for applications written against Entra:
//! `groups` (with Entra's overage past a limit), application `roles` in user tokens, optional
//! claims (`optionalClaims`), `idtyp`, `azp`/`azpacr`, `ver`. `docs/claims.md` lists every claim
//! Sigil emits and when.
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::directory::TenantView;
use crate::error::SigilError;
use crate::model::{Api, AuthMethod, Client, GroupMembershipClaims, OptionalClaim, TokenClaims, User, UserAccess};

/// Entra's `ver` of a v2.0 token.
pub const VERSION: &str = "2.0";

/// Entra's `azpacr`: how the client authenticated to get the token: `0` a public client, `1` a
/// client secret, `2` a certificate or other assertion.
pub fn azpacr(m: AuthMethod) -> &'static str {
    match m {
        AuthMethod::None => "0",
        AuthMethod::ClientSecretBasic | AuthMethod::ClientSecretPost | AuthMethod::ClientSecretJwt => "1",
        AuthMethod::PrivateKeyJwt => "2",
    }
}

/// The `groups` (or overage) and optional claims settings of a user's access token: the API's
/// when the token is for an API (Entra: the resource's manifest decides), else the client's own.
fn access_settings<'a>(client: &'a Client, api: Option<&'a Api>) -> &'a TokenClaims {
    api.map_or(&client.claims, |a| &a.claims)
}

/// Whether a user's tokens need the user's groups and roles from the store: the API defines roles,
/// or a token asks for groups.
pub fn needs_access(client: &Client, api: Option<&Api>, id_token: bool) -> bool {
    api.is_some_and(|a| !a.roles.is_empty())
        || access_settings(client, api).group_membership_claims != GroupMembershipClaims::None
        || (id_token && client.claims.group_membership_claims != GroupMembershipClaims::None)
}

/// The API a user's access token is for (its `aud`), when it is one.
pub fn token_api<'a>(view: &'a TenantView, api: Option<&str>) -> Option<&'a Api> {
    api.and_then(|id| view.apis.get(id))
}

/// Loads what [`needs_access`] says the tokens need, else nothing (no store read).
pub async fn load_access(
    ctx: &crate::context::Context,
    view: &TenantView,
    client: &Client,
    api: Option<&Api>,
    user: &User,
    id_token: bool,
) -> Result<Option<UserAccess>, SigilError> {
    if !needs_access(client, api, id_token) {
        return Ok(None);
    }
    Ok(Some(ctx.store.user_access(view.tenant.id, user.id).await?))
}

/// What a user's tokens carry beyond the defaults.
#[derive(Debug, Default)]
pub struct UserClaims {
    /// Application roles on the access token's API, assigned to the user directly or to one of
    /// their groups, each once, sorted; only roles the API still defines.
    pub roles: Vec<String>,
    /// `idtyp: user`, when the access token's application lists the optional claim.
    pub idtyp: Option<&'static str>,
    /// Further access-token claims (groups or their overage, optional claims).
    pub access: Map<String, Value>,
    /// Further ID-token claims.
    pub id: Map<String, Value>,
}

/// Where a token with too many groups tells its reader to get them (OpenID Connect Core §5.6.2
/// distributed claims; Entra points `_claim_sources` at Graph's `getMemberObjects`). The user is
/// the one the presented access token is for ([`member_objects`]), as Graph's `me`.
pub fn overage_endpoint(public_url: &str, view: &TenantView) -> String {
    format!("{public_url}/{}/me/getMemberObjects", view.tenant.id)
}

/// The overage endpoint's answer (Graph's `getMemberObjects` shape, `{"value": [ids]}`): every
/// group of the user a verified user access token of this tenant was issued for (any audience),
/// sorted, while the user exists and is enabled.
pub async fn member_objects(
    ctx: &crate::context::Context,
    view: &TenantView,
    token: &str,
) -> Result<Value, SigilError> {
    let invalid = |why: &str| SigilError::new(crate::catalog::INVALID_ACCESS_TOKEN, why.to_string());
    let verified = crate::verify::verify_access_token(ctx, view, token).await?;
    let user_id = verified.grant.and_then(|g| g.user_id).ok_or_else(|| invalid("not a user token"))?;
    ctx.store
        .user_by_id(view.tenant.id, user_id)
        .await?
        .filter(|u| u.enabled)
        .ok_or_else(|| invalid("user gone or disabled"))?;
    let access = ctx.store.user_access(view.tenant.id, user_id).await?;
    let ids: Vec<String> =
        access.groups.iter().filter(|g| view.groups.contains_key(g)).map(|g| g.to_string()).collect();
    Ok(serde_json::json!({ "value": ids }))
}

pub struct ClaimsInput<'a> {
    pub view: &'a TenantView,
    pub client: &'a Client,
    pub api: Option<&'a Api>,
    pub user: &'a User,
    pub access: Option<&'a UserAccess>,
    pub id_token: bool,
    /// Entra's limit of groups in a JWT (200); past it, the overage claims instead.
    pub groups_limit: usize,
    pub public_url: &'a str,
}

pub fn user_claims(i: &ClaimsInput<'_>) -> UserClaims {
    let mut out = UserClaims::default();
    let empty = UserAccess::default();
    let access = i.access.unwrap_or(&empty);
    if let Some(api) = i.api {
        out.roles = roles(i.view, api, access);
    }
    let at = access_settings(i.client, i.api);
    let at_assigned: Vec<Uuid> = match i.api {
        Some(a) => vec![a.id],
        None => client_apis(i.view, i.client),
    };
    add_groups(&mut out.access, &i.groups(at.group_membership_claims, &at_assigned));
    optional(&mut out.access, &at.access_token, i.user);
    if at.access_token.contains(&OptionalClaim::Idtyp) {
        out.idtyp = Some("user");
    }
    if i.id_token {
        let ct = &i.client.claims;
        add_groups(&mut out.id, &i.groups(ct.group_membership_claims, &client_apis(i.view, i.client)));
        optional(&mut out.id, &ct.id_token, i.user);
    }
    out
}

/// What a token says of the user's groups.
enum Groups {
    None,
    Ids(Vec<String>),
    /// More than the limit: the overage claims pointing at this endpoint.
    Overage(String),
}

impl ClaimsInput<'_> {
    /// The user's groups a token names under `setting`; `assigned_to`: the APIs whose role
    /// holders count as assigned to the application (`ApplicationGroup`).
    fn groups(&self, setting: GroupMembershipClaims, assigned_to: &[Uuid]) -> Groups {
        let Some(access) = self.access else { return Groups::None };
        let ids: Vec<String> = access
            .groups
            .iter()
            .filter_map(|id| self.view.groups.get(id))
            .filter(|g| match setting {
                GroupMembershipClaims::None => false,
                GroupMembershipClaims::All => true,
                GroupMembershipClaims::SecurityGroup => g.security,
                GroupMembershipClaims::ApplicationGroup => g.app_roles.iter().any(|r| assigned_to.contains(&r.api)),
            })
            .map(|g| g.id.to_string())
            .collect();
        if ids.is_empty() {
            Groups::None
        } else if ids.len() > self.groups_limit {
            Groups::Overage(overage_endpoint(self.public_url, self.view))
        } else {
            Groups::Ids(ids)
        }
    }
}

/// Entra's overage: past the limit, no `groups` claim but `_claim_names` and `_claim_sources`
/// (OpenID Connect Core §5.6.2 distributed claims) saying where the groups are.
fn add_groups(c: &mut Map<String, Value>, g: &Groups) {
    match g {
        Groups::None => {}
        Groups::Ids(ids) => {
            c.insert("groups".into(), ids.clone().into());
        }
        Groups::Overage(endpoint) => {
            c.insert("_claim_names".into(), serde_json::json!({"groups": "src1"}));
            c.insert("_claim_sources".into(), serde_json::json!({"src1": {"endpoint": endpoint}}));
        }
    }
}

/// The ids of the APIs the client holds a permission on.
fn client_apis(view: &TenantView, client: &Client) -> Vec<Uuid> {
    client.permissions.iter().filter_map(|p| view.apis.get(&p.api)).map(|a| a.id).collect()
}

fn roles(view: &TenantView, api: &Api, access: &UserAccess) -> Vec<String> {
    let via_groups = access.groups.iter().filter_map(|g| view.groups.get(g)).flat_map(|g| g.app_roles.iter());
    let mut out: Vec<String> = access
        .app_roles
        .iter()
        .chain(via_groups)
        .filter(|r| r.api == api.id && api.roles.contains(&r.role))
        .map(|r| r.role.clone())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The optional claims the user has a value for (Entra: "claims are present only if a value
/// exists"). `idtyp` is not a user attribute: see [`UserClaims::idtyp`].
fn optional(c: &mut Map<String, Value>, list: &[OptionalClaim], user: &User) {
    for claim in list {
        let value: Option<Value> = match claim {
            OptionalClaim::Email => user.email.clone().map(Into::into),
            OptionalClaim::Upn => Some(user.username.clone().into()),
            OptionalClaim::GivenName => user.profile.given_name.clone().map(Into::into),
            OptionalClaim::FamilyName => user.profile.family_name.clone().map(Into::into),
            OptionalClaim::Acct => Some(0.into()),
            OptionalClaim::Idtyp => None,
        };
        if let Some(v) = value {
            c.insert(claim.as_str().into(), v);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::model::{AppRoleRef, Group, Permission, UserProfile};

    fn api(id: u128, roles: &[&str], claims: TokenClaims) -> Api {
        Api {
            id: Uuid::from_u128(id),
            tenant_id: Uuid::nil(),
            name: format!("api{id}"),
            identifier: format!("api://{id}"),
            scopes: vec!["Read".into()],
            roles: roles.iter().map(|r| r.to_string()).collect(),
            scope_descriptions: Default::default(),
            claims,
        }
    }

    fn group(id: u128, security: bool, roles: &[(u128, &str)]) -> Group {
        Group {
            id: Uuid::from_u128(id),
            tenant_id: Uuid::nil(),
            name: format!("g{id}"),
            security,
            app_roles: roles
                .iter()
                .map(|(a, r)| AppRoleRef { api: Uuid::from_u128(*a), role: r.to_string() })
                .collect(),
            require_mfa: false,
            mfa_unfamiliar: false,
        }
    }

    fn view(apis: Vec<Api>, groups: Vec<Group>) -> TenantView {
        TenantView {
            tenant: crate::model::Tenant {
                id: Uuid::from_u128(7),
                name: "t".into(),
                display_name: "t".into(),
                default_locale: "en".into(),
                signing_alg: crate::model::SigningAlg::ES256,
                allow_plain_pkce: false,
                issuer_uses_name: false,
                registration: Default::default(),
                mfa: Default::default(),
                trusted_issuers: vec![],
                session: Default::default(),
                branding: Default::default(),
            },
            clients: HashMap::new(),
            apis: apis.into_iter().map(|a| (a.identifier.clone(), a)).collect(),
            keys: Default::default(),
            discovery: Default::default(),
            spa_origins: Default::default(),
            groups: groups.into_iter().map(|g| (g.id, g)).collect(),
        }
    }

    fn user() -> User {
        User {
            id: Uuid::from_u128(99),
            tenant_id: Uuid::nil(),
            username: "dora@contoso.com".into(),
            display_name: "Dora".into(),
            email: Some("dora@example.com".into()),
            email_verified: false,
            profile: UserProfile { given_name: Some("Dora".into()), ..Default::default() },
            updated_at: None,
            enabled: true,
            password_hash: String::new(),
        }
    }

    fn groups_setting(g: GroupMembershipClaims) -> TokenClaims {
        TokenClaims { group_membership_claims: g, ..Default::default() }
    }

    fn run(v: &TenantView, client: &Client, api: Option<&Api>, access: &UserAccess, limit: usize) -> UserClaims {
        let u = user();
        user_claims(&ClaimsInput {
            view: v,
            client,
            api,
            user: &u,
            access: Some(access),
            id_token: true,
            groups_limit: limit,
            public_url: "https://login.example",
        })
    }

    #[test]
    fn roles_come_directly_and_through_groups_once_and_only_if_defined() {
        let a = api(1, &["Admin", "Reader"], TokenClaims::default());
        let v = view(
            vec![a.clone()],
            vec![group(10, true, &[(1, "Admin"), (2, "Other")]), group(11, false, &[(1, "Reader")])],
        );
        let client = crate::model::test_client(false, &[], &[]);
        let access = UserAccess {
            groups: vec![Uuid::from_u128(10), Uuid::from_u128(11)],
            app_roles: vec![
                AppRoleRef { api: Uuid::from_u128(1), role: "Admin".into() },
                AppRoleRef { api: Uuid::from_u128(1), role: "Removed".into() },
            ],
        };
        assert_eq!(run(&v, &client, Some(&a), &access, 200).roles, vec!["Admin", "Reader"]);
        assert!(run(&v, &client, None, &access, 200).roles.is_empty(), "no API, no roles");
    }

    #[test]
    fn group_settings_select_groups_and_overage_replaces_them() {
        let groups = vec![group(10, true, &[]), group(11, false, &[(1, "Admin")]), group(12, true, &[(1, "Admin")])];
        let access = UserAccess { groups: groups.iter().map(|g| g.id).collect(), app_roles: vec![] };
        let ids = |c: &Map<String, Value>| c.get("groups").cloned();
        let names =
            |ns: &[u128]| Some(Value::from(ns.iter().map(|n| Uuid::from_u128(*n).to_string()).collect::<Vec<_>>()));
        for (setting, want) in [
            (GroupMembershipClaims::None, None),
            (GroupMembershipClaims::All, names(&[10, 11, 12])),
            (GroupMembershipClaims::SecurityGroup, names(&[10, 12])),
            (GroupMembershipClaims::ApplicationGroup, names(&[11, 12])),
        ] {
            let a = api(1, &["Admin"], groups_setting(setting));
            let v = view(vec![a.clone()], groups.clone());
            let client = crate::model::test_client(false, &[], &[]);
            let c = run(&v, &client, Some(&a), &access, 200);
            assert_eq!(ids(&c.access), want, "{setting:?}");
            assert!(!c.id.contains_key("groups"), "the client asked for none");
        }
        // The client's setting governs its ID tokens; ApplicationGroup there: roles on the APIs it holds permissions on.
        let a = api(1, &["Admin"], TokenClaims::default());
        let v = view(vec![a.clone()], groups.clone());
        let mut client = crate::model::test_client(false, &[], &[]);
        client.claims = groups_setting(GroupMembershipClaims::ApplicationGroup);
        client.permissions = vec![Permission { api: "api://1".into(), roles: vec![], scopes: vec!["Read".into()] }];
        let c = run(&v, &client, Some(&a), &access, 200);
        assert_eq!(ids(&c.id), names(&[11, 12]));
        assert_eq!(ids(&c.access), None, "the API asked for none");
        // Past the limit: no groups, the overage pointer.
        client.claims = groups_setting(GroupMembershipClaims::All);
        let c = run(&v, &client, Some(&a), &access, 2);
        assert_eq!(ids(&c.id), None);
        assert_eq!(c.id["_claim_names"], serde_json::json!({"groups": "src1"}));
        let endpoint = format!("https://login.example/{}/me/getMemberObjects", Uuid::from_u128(7));
        assert_eq!(c.id["_claim_sources"], serde_json::json!({"src1": {"endpoint": endpoint}}));
        let c = run(&v, &client, Some(&a), &access, 3);
        assert_eq!(ids(&c.id), names(&[10, 11, 12]), "exactly the limit still fits");
    }

    #[test]
    fn optional_claims_only_with_a_value() {
        let claims = TokenClaims {
            group_membership_claims: GroupMembershipClaims::None,
            id_token: vec![OptionalClaim::Email, OptionalClaim::Upn, OptionalClaim::FamilyName, OptionalClaim::Acct],
            access_token: vec![OptionalClaim::GivenName, OptionalClaim::Idtyp],
        };
        let v = view(vec![], vec![]);
        let mut client = crate::model::test_client(false, &[], &[]);
        client.claims = claims;
        let c = run(&v, &client, None, &UserAccess::default(), 200);
        assert_eq!(c.id["email"], "dora@example.com");
        assert_eq!(c.id["upn"], "dora@contoso.com");
        assert_eq!(c.id["acct"], 0);
        assert!(!c.id.contains_key("family_name"), "not set for this user");
        assert_eq!(c.access["given_name"], "Dora");
        assert!(!c.access.contains_key("idtyp"), "typed, not an extra");
        assert_eq!(c.idtyp, Some("user"));
    }

    #[test]
    fn only_tokens_that_need_them_read_memberships() {
        let mut client = crate::model::test_client(false, &[], &[]);
        let plain = api(1, &[], TokenClaims::default());
        let with_roles = api(2, &["Admin"], TokenClaims::default());
        assert!(!needs_access(&client, None, true));
        assert!(!needs_access(&client, Some(&plain), true));
        assert!(needs_access(&client, Some(&with_roles), false));
        client.claims = groups_setting(GroupMembershipClaims::All);
        assert!(!needs_access(&client, Some(&plain), false), "the API's setting governs its access tokens");
        assert!(needs_access(&client, Some(&plain), true));
        assert!(needs_access(&client, None, false), "the client is the audience");
    }

    #[test]
    fn azpacr_by_method() {
        assert_eq!(azpacr(AuthMethod::None), "0");
        assert_eq!(azpacr(AuthMethod::ClientSecretBasic), "1");
        assert_eq!(azpacr(AuthMethod::ClientSecretPost), "1");
    }
}
