//! Declarative provisioning: a desired state (what `sigil import` reads from its file) becomes the
//! validated list of store changes that brings the store in line with it. Every object is made by
//! its constructor ([`super::build`]), so the rules are the admin CLI's; the store applies the
//! changes in one transaction. Idempotent: a second run plans nothing.
use std::collections::{HashMap, HashSet};

use super::{NewApi, NewClient, NewGroup, NewSecret, NewTenant, NewUser, NewUserAccess, ProvisioningError, RuleError};
use crate::clock::UnixTime;
use crate::crypto::MasterKey;
use crate::error::StoreError;
use crate::keys::KeyError;
use crate::model::{AuthMethod, ClientSecret, User};
use crate::rng::Rng;
use crate::store::{Change, Store};

/// One tenant as it should be, with its APIs, clients and users.
#[derive(Debug, Clone)]
pub struct DesiredTenant {
    pub tenant: NewTenant,
    pub apis: Vec<NewApi>,
    pub groups: Vec<NewGroup>,
    pub clients: Vec<DesiredClient>,
    pub users: Vec<DesiredUser>,
    /// What the caller could not even read for the tenant itself (an unreadable logo file);
    /// reported with the rest.
    pub refused: Vec<RuleError>,
}

/// A client and its secrets in clear. `refused`: what the caller could not even read (an unset
/// environment variable, a malformed date); such a client is reported, not built.
#[derive(Debug, Clone)]
pub struct DesiredClient {
    pub client: NewClient,
    pub secrets: Vec<NewSecret>,
    pub refused: Vec<RuleError>,
}

/// A user; `refused` as for [`DesiredClient`].
#[derive(Debug, Clone)]
pub struct DesiredUser {
    pub user: NewUser,
    /// Groups and directly assigned roles; `None` leaves the stored ones as they are.
    pub access: Option<NewUserAccess>,
    pub refused: Vec<RuleError>,
}

/// The changes, and one line per changed object for the operator.
#[derive(Debug)]
pub struct Plan {
    pub changes: Vec<Change>,
    pub summary: Vec<String>,
}

/// What stops a plan short of a verdict on the desired state.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Key(#[from] KeyError),
}

fn report(errors: &mut Vec<String>, path: &str, e: ProvisioningError) {
    match e {
        ProvisioningError::Invalid(broken) => errors.extend(broken.iter().map(|b| format!("{path}: {b}"))),
        other => errors.push(format!("{path}: {other}")),
    }
}

fn created_or_updated(existed: bool) -> &'static str {
    if existed { "updated" } else { "created" }
}

/// The changes that bring the store in line with `desired`. Objects the store has and `desired`
/// does not are deleted only with `prune`. `Ok(Err(lines))` lists every broken rule, each
/// prefixed by where the object is (`tenant 'x' > client 'y': field: message`).
pub async fn plan(
    store: &dyn Store,
    master: &MasterKey,
    rng: &dyn Rng,
    desired: &[DesiredTenant],
    prune: bool,
    now: UnixTime,
) -> Result<Result<Plan, Vec<String>>, PlanError> {
    let data = store.load_directory().await?;
    let mut changes = Vec::new();
    let mut summary = Vec::new();
    let mut errors = Vec::new();
    let mut seen_tenants = HashSet::new();
    for dt in desired {
        let tp = format!("tenant '{}'", dt.tenant.name);
        errors.extend(dt.refused.iter().map(|r| format!("{tp}: {r}")));
        let existing = data.tenants.iter().find(|t| t.name.eq_ignore_ascii_case(&dt.tenant.name));
        let tenant = match dt.tenant.clone().build(existing, rng) {
            Ok(t) => t,
            // Only the locale is wrong: the tenant's objects are still checked, against `en`.
            Err(ProvisioningError::Invalid(broken)) if broken.iter().all(|b| b.field == "default_locale") => {
                report(&mut errors, &tp, ProvisioningError::Invalid(broken));
                match (NewTenant { default_locale: None, ..dt.tenant.clone() }).build(existing, rng) {
                    Ok(t) => t,
                    Err(_) => continue,
                }
            }
            Err(e) => {
                report(&mut errors, &tp, e);
                continue;
            }
        };
        if !seen_tenants.insert(tenant.name.to_ascii_lowercase()) {
            errors.push(format!("{tp}: name: appears twice in the file"));
            continue;
        }
        match existing {
            None => {
                changes.push(Change::PutTenant(tenant.clone()));
                changes.extend(super::tenant_keys(master, rng, &tenant, now)?);
                summary.push(format!("created {tp}"));
            }
            Some(e) if *e != tenant => {
                changes.push(Change::PutTenant(tenant.clone()));
                summary.push(format!("updated {tp}"));
            }
            _ => {}
        }

        // APIs
        let in_tenant = |tid| move |x: &&crate::model::Api| x.tenant_id == tid;
        let listed_api = |name: &str| dt.apis.iter().any(|a| a.name == name);
        let mut known_apis = Vec::new();
        for a in &dt.apis {
            let ap = format!("{tp} > api '{}'", a.name);
            let old = data.apis.iter().filter(in_tenant(tenant.id)).find(|x| x.name == a.name);
            match a.clone().build(&tenant, old, rng) {
                Err(e) => report(&mut errors, &ap, e),
                Ok(api) => {
                    if old != Some(&api) {
                        summary.push(format!("{} {ap}", created_or_updated(old.is_some())));
                        changes.push(Change::PutApi(api.clone()));
                    }
                    known_apis.push(api);
                }
            }
        }
        for old in data.apis.iter().filter(in_tenant(tenant.id)).filter(|x| !listed_api(&x.name)) {
            if prune {
                changes.push(Change::DeleteApi(old.id));
                summary.push(format!("deleted {tp} > api '{}'", old.name));
            } else {
                known_apis.push(old.clone());
            }
        }

        // Groups (after APIs: their roles name APIs; before users: memberships name groups)
        let mut known_groups = Vec::new();
        let old_groups: Vec<&crate::model::Group> = data.groups.iter().filter(|g| g.tenant_id == tenant.id).collect();
        let mut seen_groups = HashSet::new();
        for g in &dt.groups {
            let gp = format!("{tp} > group '{}'", g.name);
            if !seen_groups.insert(g.name.to_ascii_lowercase()) {
                errors.push(format!("{gp}: name: appears twice in the file"));
                continue;
            }
            let old = old_groups.iter().copied().find(|x| x.name.eq_ignore_ascii_case(&g.name));
            match g.clone().build(&tenant, &known_apis, old, rng) {
                Err(e) => report(&mut errors, &gp, e),
                Ok(group) => {
                    if old != Some(&group) {
                        summary.push(format!("{} {gp}", created_or_updated(old.is_some())));
                        changes.push(Change::PutGroup(Box::new(group.clone())));
                    }
                    known_groups.push(group);
                }
            }
        }
        for old in old_groups.iter().filter(|x| !seen_groups.contains(&x.name.to_ascii_lowercase())) {
            if prune {
                changes.push(Change::DeleteGroup(old.id));
                summary.push(format!("deleted {tp} > group '{}'", old.name));
            } else {
                known_groups.push((*old).clone());
            }
        }

        // Clients
        for dc in &dt.clients {
            let cp = format!("{tp} > client '{}'", dc.client.client_id);
            let old = data.clients.iter().find(|x| x.tenant_id == tenant.id && x.client_id == dc.client.client_id);
            let old_secrets = old.map_or(&[][..], |o| o.secrets.as_slice());
            let mut broken = dc.refused.clone();
            let mut secrets: Vec<ClientSecret> = Vec::new();
            // OIDC Core §9: a `client_secret_jwt` client's secrets are its MAC keys, kept sealed too.
            let recoverable =
                dc.client.auth_methods.iter().flatten().any(|m| m == AuthMethod::ClientSecretJwt.as_str());
            for (i, s) in dc.secrets.iter().enumerate() {
                match s.clone().build_with(&format!("secret[{i}]"), master, rng, now, old_secrets, recoverable) {
                    Ok(s) => secrets.push(s),
                    Err(e) => broken.push(e),
                }
            }
            if !prune {
                secrets.extend(
                    old_secrets
                        .iter()
                        .filter(|s| !secrets.iter().any(|n| n.hash == s.hash))
                        .cloned()
                        .collect::<Vec<_>>(),
                );
            }
            if !broken.is_empty() {
                let mut all = dc.client.field_errors(&tenant, &known_apis);
                all.extend(broken);
                report(&mut errors, &cp, ProvisioningError::Invalid(all));
                continue;
            }
            let spec = NewClient { secrets, ..dc.client.clone() };
            match spec.build(&tenant, &known_apis, old, rng) {
                Err(e) => report(&mut errors, &cp, e),
                Ok(client) if old != Some(&client) => {
                    summary.push(format!("{} {cp}", created_or_updated(old.is_some())));
                    changes.push(Change::PutClient(Box::new(client)));
                }
                Ok(_) => {}
            }
        }
        if prune {
            // Self-registered clients (RFC 7591) are managed by themselves (RFC 7592) and their lifetime.
            for old in data.clients.iter().filter(|x| {
                x.tenant_id == tenant.id
                    && x.registration.is_none()
                    && !dt.clients.iter().any(|c| c.client.client_id == x.client_id)
            }) {
                changes.push(Change::DeleteClient(old.id));
                summary.push(format!("deleted {tp} > client '{}'", old.client_id));
            }
        }

        // Users
        let existing_users = if existing.is_some() { store.users(tenant.id).await? } else { vec![] };
        // Usernames compare case-insensitively; a map keeps a large import linear (not users × users).
        let existing_by_name: HashMap<String, &User> =
            existing_users.iter().map(|x| (x.username.to_ascii_lowercase(), x)).collect();
        for du in &dt.users {
            let up = format!("{tp} > user '{}'", du.user.username);
            if !du.refused.is_empty() {
                report(&mut errors, &up, ProvisioningError::Invalid(du.refused.clone()));
                continue;
            }
            let old = existing_by_name.get(&du.user.username.to_ascii_lowercase()).copied();
            let access = match du.access.clone().map(|a| a.build(&known_groups, &known_apis)).transpose() {
                Ok(a) => a,
                Err(e) => {
                    report(&mut errors, &up, e);
                    continue;
                }
            };
            let user = match du.user.clone().build(&tenant, old, rng, now) {
                Err(e) => {
                    report(&mut errors, &up, e);
                    continue;
                }
                Ok(user) => user,
            };
            if old != Some(&user) {
                summary.push(format!("{} {up}", created_or_updated(old.is_some())));
                changes.push(Change::PutUser(Box::new(user.clone())));
            }
            if let Some(access) = access {
                // Read only for users whose file entry names groups or roles.
                let stored = match old {
                    Some(o) => store.user_access(tenant.id, o.id).await?,
                    None => Default::default(),
                };
                if stored != access {
                    summary.push(format!("set groups and roles of {up}"));
                    changes.push(Change::SetUserAccess { user: user.id, access });
                }
            }
        }
        if prune {
            let listed: HashSet<String> = dt.users.iter().map(|u| u.user.username.to_ascii_lowercase()).collect();
            for old in existing_users.iter().filter(|x| !listed.contains(&x.username.to_ascii_lowercase())) {
                changes.push(Change::DeleteUser(old.id));
                summary.push(format!("deleted {tp} > user '{}'", old.username));
            }
        }
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    Ok(Ok(Plan { changes, summary }))
}
