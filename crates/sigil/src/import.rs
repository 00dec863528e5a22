//! `sigil import FILE.toml`: declarative provisioning. Idempotent (a second run changes nothing),
//! transactional (any error changes nothing; errors name tenant, object and field), and it deletes
//! only with `--prune`.
use serde::Deserialize;
use sigil_core::clock::{Clock, SystemClock};
use sigil_core::crypto::MasterKey;
use sigil_core::keys;
use sigil_core::model::*;
use sigil_core::password;
use sigil_core::provisioning as rules;
use sigil_core::rng::{SystemRng, uuid_v4};
use sigil_core::store::{Change, DirectoryData, Store};

use crate::EXIT_USAGE;
use crate::bootstrap::{self, AnyError};
use crate::config::Config;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportFile {
    #[serde(default)]
    pub tenant: Vec<TenantSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantSpec {
    pub name: String,
    pub display_name: Option<String>,
    pub default_locale: Option<String>,
    pub signing_alg: Option<String>,
    #[serde(default)]
    pub allow_plain_pkce: bool,
    /// Issuer `<base>/<name>/v2.0` instead of the tenant id (OpenID Connect Discovery §4.3).
    #[serde(default)]
    pub issuer_uses_name: bool,
    #[serde(default)]
    pub api: Vec<ApiSpec>,
    #[serde(default)]
    pub client: Vec<ClientSpec>,
    #[serde(default)]
    pub user: Vec<UserSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiSpec {
    pub name: String,
    pub identifier: String,
    #[serde(default)]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub roles: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientSpec {
    pub client_id: String,
    pub name: Option<String>,
    /// `confidential` (default) or `public`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub auth_methods: Option<Vec<String>>,
    pub grant_types: Vec<String>,
    #[serde(default)]
    pub redirect_uris: Vec<String>,
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
    #[serde(default)]
    pub permission: Vec<Permission>,
    pub access_token_lifetime: Option<i64>,
    pub refresh_token_inactivity: Option<i64>,
    pub refresh_token_max_lifetime: Option<i64>,
    #[serde(default)]
    pub always_issue_refresh_token: bool,
    /// RFC 9700 §2.1.1: `false` lets a confidential client send authorization requests without PKCE.
    #[serde(default = "yes")]
    pub require_pkce: bool,
    /// OIDC Dynamic Client Registration §2; RS256 when absent.
    pub id_token_signed_response_alg: Option<String>,
    #[serde(default)]
    pub secret: Vec<SecretSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretSpec {
    pub value: Option<String>,
    /// Read the secret from this environment variable instead of the file.
    pub value_env: Option<String>,
    /// RFC 3339, e.g. `2027-06-30T00:00:00Z`.
    pub expires: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserSpec {
    pub username: String,
    pub display_name: Option<String>,
    pub email: Option<String>,
    #[serde(default)]
    pub email_verified: bool,
    /// OIDC Core §5.1 standard claims.
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub middle_name: Option<String>,
    pub nickname: Option<String>,
    pub locale: Option<String>,
    pub zoneinfo: Option<String>,
    #[serde(default = "yes")]
    pub enabled: bool,
    pub password: Option<String>,
    pub password_env: Option<String>,
}

fn yes() -> bool {
    true
}

pub struct Plan {
    pub changes: Vec<Change>,
    pub summary: Vec<String>,
}

pub async fn run(cfg: &Config, file: &str, prune: bool, dry_run: bool, json: bool) -> Result<i32, AnyError> {
    let src = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let spec: ImportFile = match toml::from_str(&src) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {file}: {e}");
            return Ok(EXIT_USAGE);
        }
    };
    let opened = bootstrap::open(cfg).await?;
    let plan = match plan(opened.store.as_ref(), &opened.master, &spec, prune, SystemClock.now()).await? {
        Ok(p) => p,
        Err(errors) => {
            eprintln!("error: {file}: nothing was changed:");
            for e in errors {
                eprintln!("  {e}");
            }
            return Ok(EXIT_USAGE);
        }
    };
    if !dry_run && !plan.changes.is_empty() {
        opened.store.apply(&plan.changes).await?;
    }
    if json {
        outln!(
            "{}",
            serde_json::json!({"changed": !plan.summary.is_empty(), "applied": !dry_run, "changes": plan.summary})
        );
    } else if plan.summary.is_empty() {
        outln!("no changes");
    } else {
        for s in &plan.summary {
            outln!("{s}");
        }
        outln!("{} change(s) {}", plan.summary.len(), if dry_run { "planned (dry run)" } else { "applied" });
    }
    Ok(0)
}

fn rfc3339(s: &str) -> Option<i64> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok().map(|t| t.unix_timestamp())
}

/// Computes the changes that bring the store in line with the file. `Err` lists every problem.
pub async fn plan(
    store: &dyn Store,
    master: &MasterKey,
    spec: &ImportFile,
    prune: bool,
    now: i64,
) -> Result<Result<Plan, Vec<String>>, AnyError> {
    let data: DirectoryData = store.load_directory().await?;
    let mut changes = Vec::new();
    let mut summary = Vec::new();
    let mut errors = Vec::new();
    let mut seen_tenants = std::collections::HashSet::new();
    for ts in &spec.tenant {
        let tp = format!("tenant '{}'", ts.name);
        if let Err(e) = rules::tenant_name(&ts.name) {
            errors.push(format!("{tp}: {e}"));
            continue;
        }
        if !seen_tenants.insert(ts.name.to_ascii_lowercase()) {
            errors.push(format!("{tp}: name: appears twice in the file"));
            continue;
        }
        let existing = data.tenants.iter().find(|t| t.name.eq_ignore_ascii_case(&ts.name));
        let alg = match ts.signing_alg.as_deref().map(rules::signing_alg) {
            None => existing.map(|t| t.signing_alg).unwrap_or(SigningAlg::ES256),
            Some(Ok(a)) => a,
            Some(Err(e)) => {
                errors.push(format!("{tp}: {e}"));
                continue;
            }
        };
        let locale = rules::locale(ts.default_locale.as_deref().unwrap_or("en")).unwrap_or_else(|e| {
            errors.push(format!("{tp}: {e}"));
            "en"
        });
        let tenant = Tenant {
            id: existing.map(|t| t.id).unwrap_or_else(|| uuid_v4(&SystemRng)),
            name: ts.name.clone(),
            display_name: ts.display_name.clone().unwrap_or_else(|| ts.name.clone()),
            default_locale: locale.to_string(),
            signing_alg: alg,
            allow_plain_pkce: ts.allow_plain_pkce,
            issuer_uses_name: ts.issuer_uses_name,
        };
        match existing {
            None => {
                changes.push(Change::PutTenant(tenant.clone()));
                for a in keys::tenant_algs(alg) {
                    changes.push(Change::PutKey(keys::new_stored_key(master, &SystemRng, tenant.id, a, now, now)?));
                }
                summary.push(format!("created {tp}"));
            }
            Some(e) if *e != tenant => {
                changes.push(Change::PutTenant(tenant.clone()));
                summary.push(format!("updated {tp}"));
            }
            _ => {}
        }

        // APIs
        let mut api_defs: Vec<Api> = Vec::new();
        for a in &ts.api {
            let ap = format!("{tp} > api '{}'", a.name);
            let old = data.apis.iter().find(|x| x.tenant_id == tenant.id && x.name == a.name);
            let api = Api {
                id: old.map(|x| x.id).unwrap_or_else(|| uuid_v4(&SystemRng)),
                tenant_id: tenant.id,
                name: a.name.clone(),
                identifier: a.identifier.clone(),
                scopes: a.scopes.clone(),
                roles: a.roles.clone(),
            };
            let broken = rules::api(&api);
            if !broken.is_empty() {
                errors.extend(broken.iter().map(|e| format!("{ap}: {e}")));
                continue;
            }
            if old != Some(&api) {
                summary.push(format!("{} {ap}", if old.is_some() { "updated" } else { "created" }));
                changes.push(Change::PutApi(api.clone()));
            }
            api_defs.push(api);
        }
        let mut known_apis = api_defs.clone();
        if !prune {
            known_apis.extend(
                data.apis
                    .iter()
                    .filter(|x| x.tenant_id == tenant.id && !ts.api.iter().any(|a| a.name == x.name))
                    .cloned(),
            );
        }
        if prune {
            for old in data.apis.iter().filter(|x| x.tenant_id == tenant.id && !ts.api.iter().any(|a| a.name == x.name))
            {
                changes.push(Change::DeleteApi(old.id));
                summary.push(format!("deleted {tp} > api '{}'", old.name));
            }
        }

        // Clients
        for c in &ts.client {
            let cp = format!("{tp} > client '{}'", c.client_id);
            let before = errors.len();
            let confidential = match c.kind.as_deref().unwrap_or("confidential") {
                "confidential" => true,
                "public" => false,
                other => {
                    errors.push(format!("{cp}: type: '{other}' must be confidential or public"));
                    true
                }
            };
            let grant_types: Vec<GrantType> = c
                .grant_types
                .iter()
                .filter_map(|g| rules::grant_type(g).map_err(|e| errors.push(format!("{cp}: {e}"))).ok())
                .collect();
            let default_methods = if confidential {
                vec!["client_secret_basic".to_string(), "client_secret_post".to_string()]
            } else {
                vec!["none".to_string()]
            };
            let auth_methods: Vec<AuthMethod> = c
                .auth_methods
                .clone()
                .unwrap_or(default_methods)
                .iter()
                .filter_map(|m| rules::auth_method(m).map_err(|e| errors.push(format!("{cp}: {e}"))).ok())
                .collect();
            errors.extend(rules::permissions(&c.permission, &known_apis).iter().map(|e| format!("{cp}: {e}")));
            // The tenant holds keys for its own algorithm and RS256 (`keys::tenant_algs`) only.
            let id_token_alg = match c.id_token_signed_response_alg.as_deref() {
                None => None,
                Some(a) => match SigningAlg::parse(a)
                    .filter(|a| sigil_core::keys::tenant_algs(tenant.signing_alg).contains(a))
                {
                    Some(a) => Some(a),
                    None => {
                        errors.push(format!(
                            "{cp}: id_token_signed_response_alg: '{a}' is not one of this tenant's algorithms ({})",
                            sigil_core::keys::tenant_algs(tenant.signing_alg)
                                .iter()
                                .map(|a| a.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                        None
                    }
                },
            };
            let old = data.clients.iter().find(|x| x.tenant_id == tenant.id && x.client_id == c.client_id);
            let mut secrets: Vec<ClientSecret> = Vec::new();
            for (i, s) in c.secret.iter().enumerate() {
                let value = match (&s.value, &s.value_env) {
                    (Some(v), None) => v.clone(),
                    (None, Some(var)) => match std::env::var(var) {
                        Ok(v) => v,
                        Err(_) => {
                            errors.push(format!("{cp}: secret[{i}].value_env: environment variable {var} is not set"));
                            continue;
                        }
                    },
                    _ => {
                        errors.push(format!("{cp}: secret[{i}]: give exactly one of value, value_env"));
                        continue;
                    }
                };
                if let Err(e) = rules::client_secret_value(&value) {
                    errors.push(format!("{cp}: secret[{i}].value: {}", e.message));
                    continue;
                }
                let expires_at = match &s.expires {
                    None => None,
                    Some(e) => {
                        match rfc3339(e) {
                            Some(t) => Some(t),
                            None => {
                                errors.push(format!("{cp}: secret[{i}].expires: '{e}' is not an RFC 3339 time such as 2027-06-30T00:00:00Z"));
                                continue;
                            }
                        }
                    }
                };
                let hash = master.secret_hash(&value);
                let kept = old.and_then(|o| o.secrets.iter().find(|x| x.hash == hash));
                secrets.push(ClientSecret {
                    id: kept.map(|k| k.id).unwrap_or_else(|| uuid_v4(&SystemRng)),
                    hash,
                    hint: value.chars().take(3).collect(),
                    expires_at,
                    created_at: kept.map(|k| k.created_at).unwrap_or(now),
                });
            }
            if !prune && let Some(o) = old {
                let kept: Vec<ClientSecret> =
                    o.secrets.iter().filter(|s| !secrets.iter().any(|n| n.hash == s.hash)).cloned().collect();
                secrets.extend(kept);
            }
            if errors.len() > before {
                continue;
            }
            let client = Client {
                id: old.map(|o| o.id).unwrap_or_else(|| uuid_v4(&SystemRng)),
                tenant_id: tenant.id,
                client_id: c.client_id.clone(),
                name: c.name.clone().unwrap_or_else(|| c.client_id.clone()),
                confidential,
                auth_methods,
                grant_types,
                redirect_uris: c.redirect_uris.clone(),
                post_logout_redirect_uris: c.post_logout_redirect_uris.clone(),
                permissions: c.permission.clone(),
                lifetimes: TokenLifetimes {
                    access_token: c.access_token_lifetime,
                    refresh_inactivity: c.refresh_token_inactivity,
                    refresh_max: c.refresh_token_max_lifetime,
                },
                always_issue_refresh_token: c.always_issue_refresh_token,
                require_pkce: c.require_pkce,
                id_token_alg,
                secrets,
            };
            let broken = rules::client(&client);
            if !broken.is_empty() {
                errors.extend(broken.iter().map(|e| format!("{cp}: {e}")));
                continue;
            }
            if old != Some(&client) {
                summary.push(format!("{} {cp}", if old.is_some() { "updated" } else { "created" }));
                changes.push(Change::PutClient(Box::new(client)));
            }
        }
        if prune {
            for old in data
                .clients
                .iter()
                .filter(|x| x.tenant_id == tenant.id && !ts.client.iter().any(|c| c.client_id == x.client_id))
            {
                changes.push(Change::DeleteClient(old.id));
                summary.push(format!("deleted {tp} > client '{}'", old.client_id));
            }
        }

        // Users
        let existing_users = if existing.is_some() { store.users(tenant.id).await? } else { vec![] };
        // Usernames compare case-insensitively; maps keep a large import linear (not users × users).
        let existing_by_name: std::collections::HashMap<String, &User> =
            existing_users.iter().map(|x| (x.username.to_ascii_lowercase(), x)).collect();
        for u in &ts.user {
            let up = format!("{tp} > user '{}'", u.username);
            let old = existing_by_name.get(&u.username.to_ascii_lowercase()).copied();
            let pw = match (&u.password, &u.password_env) {
                (Some(p), None) => Some(p.clone()),
                (None, Some(var)) => match std::env::var(var) {
                    Ok(v) => Some(v),
                    Err(_) => {
                        errors.push(format!("{up}: password_env: environment variable {var} is not set"));
                        continue;
                    }
                },
                (None, None) => None,
                _ => {
                    errors.push(format!("{up}: give at most one of password, password_env"));
                    continue;
                }
            };
            let password_hash = match (&pw, old) {
                (None, None) => {
                    errors.push(format!("{up}: password: a new user needs a password"));
                    continue;
                }
                (Some(p), _) if let Err(e) = rules::password(p) => {
                    errors.push(format!("{up}: {e}"));
                    continue;
                }
                (None, Some(o)) => o.password_hash.clone(),
                (Some(p), Some(o)) if password::verify_password(&o.password_hash, p) => o.password_hash.clone(),
                (Some(p), _) => password::hash_password(&SystemRng, p),
            };
            let user = User {
                id: old.map(|o| o.id).unwrap_or_else(|| uuid_v4(&SystemRng)),
                tenant_id: tenant.id,
                username: u.username.clone(),
                display_name: u.display_name.clone().unwrap_or_else(|| u.username.clone()),
                email: u.email.clone(),
                email_verified: u.email_verified,
                profile: UserProfile {
                    given_name: u.given_name.clone(),
                    family_name: u.family_name.clone(),
                    middle_name: u.middle_name.clone(),
                    nickname: u.nickname.clone(),
                    locale: u.locale.clone(),
                    zoneinfo: u.zoneinfo.clone(),
                },
                updated_at: old.and_then(|o| o.updated_at),
                enabled: u.enabled,
                password_hash,
            };
            let broken = rules::user(&user);
            if !broken.is_empty() {
                errors.extend(broken.iter().map(|e| format!("{up}: {e}")));
                continue;
            }
            if old != Some(&user) {
                let user = User { updated_at: Some(now), ..user };
                summary.push(format!("{} {up}", if old.is_some() { "updated" } else { "created" }));
                changes.push(Change::PutUser(Box::new(user)));
            }
        }
        if prune {
            let listed: std::collections::HashSet<String> =
                ts.user.iter().map(|u| u.username.to_ascii_lowercase()).collect();
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
