//! `sigil import FILE.toml`: declarative provisioning. Idempotent (a second run changes nothing),
//! transactional (any error changes nothing; errors name tenant, object and field), and it deletes
//! only with `--prune`.
use serde::Deserialize;
use sigil_core::clock::{Clock, SystemClock};
use sigil_core::crypto::MasterKey;
use sigil_core::keys;
use sigil_core::model::*;
use sigil_core::password;
use sigil_core::rng::{SystemRng, uuid_v4};
use sigil_core::store::{Change, DirectoryData, Store};
use uuid::Uuid;

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
    #[serde(default = "yes")]
    pub enabled: bool,
    pub password: Option<String>,
    pub password_env: Option<String>,
}

fn yes() -> bool {
    true
}

/// Minimum length of an operator-supplied client secret.
pub const MIN_SECRET_LEN: usize = 32;

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
        println!(
            "{}",
            serde_json::json!({"changed": !plan.summary.is_empty(), "applied": !dry_run, "changes": plan.summary})
        );
    } else if plan.summary.is_empty() {
        println!("no changes");
    } else {
        for s in &plan.summary {
            println!("{s}");
        }
        println!("{} change(s) {}", plan.summary.len(), if dry_run { "planned (dry run)" } else { "applied" });
    }
    Ok(0)
}

fn rfc3339(s: &str) -> Option<i64> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok().map(|t| t.unix_timestamp())
}

/// A redirect URI must be absolute, without fragment (RFC 6749 §3.1.2); plain http only on loopback.
pub fn valid_redirect_uri(u: &str) -> Result<(), String> {
    if u.contains('#') {
        return Err("must not contain a fragment".into());
    }
    if u.starts_with("https://") {
        return Ok(());
    }
    let loopback = ["http://localhost", "http://127.0.0.1", "http://[::1]"];
    if loopback.iter().any(|p| u.starts_with(p) && matches!(u.as_bytes().get(p.len()), None | Some(b':' | b'/'))) {
        return Ok(());
    }
    if let Some((scheme, _)) = u.split_once(':')
        && scheme.contains('.')
        && !scheme.starts_with("http")
    {
        return Ok(()); // private-use scheme for native apps (RFC 8252 §7.1)
    }
    Err("must be https, http on a loopback host, or a private-use scheme such as com.example.app:/cb".into())
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
        if ts.name.trim().is_empty() || ts.name.contains('/') || Uuid::parse_str(&ts.name).is_ok() {
            errors.push(format!("{tp}: name: must be non-empty, without '/', and not a UUID"));
            continue;
        }
        if !seen_tenants.insert(ts.name.to_ascii_lowercase()) {
            errors.push(format!("{tp}: name: appears twice in the file"));
            continue;
        }
        let existing = data.tenants.iter().find(|t| t.name.eq_ignore_ascii_case(&ts.name));
        let alg = match ts.signing_alg.as_deref().map(SigningAlg::parse) {
            None => existing.map(|t| t.signing_alg).unwrap_or(SigningAlg::ES256),
            Some(Some(a)) => a,
            Some(None) => {
                errors.push(format!("{tp}: signing_alg: must be ES256, RS256 or EdDSA"));
                continue;
            }
        };
        let locale = ts.default_locale.clone().unwrap_or_else(|| "en".into());
        if sigil_core::i18n::supported(&locale).is_none() {
            errors.push(format!(
                "{tp}: default_locale: '{locale}' is not one of {}",
                sigil_core::i18n::LOCALES.join(", ")
            ));
        }
        let tenant = Tenant {
            id: existing.map(|t| t.id).unwrap_or_else(|| uuid_v4(&SystemRng)),
            name: ts.name.clone(),
            display_name: ts.display_name.clone().unwrap_or_else(|| ts.name.clone()),
            default_locale: sigil_core::i18n::supported(&locale).unwrap_or("en").to_string(),
            signing_alg: alg,
            allow_plain_pkce: ts.allow_plain_pkce,
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
            if a.identifier.is_empty() || a.identifier.ends_with('/') {
                errors.push(format!("{ap}: identifier: must be a URI such as api://reports, without a trailing '/'"));
                continue;
            }
            for s in a.scopes.iter().chain(&a.roles) {
                if s.is_empty() || s.contains([' ', '/', '"', '\\']) || s == ".default" {
                    errors.push(format!("{ap}: scopes/roles: '{s}' must be one word without '/' and not .default"));
                }
            }
            let old = data.apis.iter().find(|x| x.tenant_id == tenant.id && x.name == a.name);
            let api = Api {
                id: old.map(|x| x.id).unwrap_or_else(|| uuid_v4(&SystemRng)),
                tenant_id: tenant.id,
                name: a.name.clone(),
                identifier: a.identifier.clone(),
                scopes: a.scopes.clone(),
                roles: a.roles.clone(),
            };
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
                .filter_map(|g| {
                    GrantType::parse(g).or_else(|| {
                        errors.push(format!("{cp}: grant_types: '{g}' is not one of authorization_code, client_credentials, refresh_token, password"));
                        None
                    })
                })
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
                .filter_map(|m| {
                    AuthMethod::parse(m).or_else(|| {
                        errors.push(format!(
                            "{cp}: auth_methods: '{m}' is not one of client_secret_basic, client_secret_post, none"
                        ));
                        None
                    })
                })
                .collect();
            if !confidential && (auth_methods.iter().any(|m| *m != AuthMethod::None) || !c.secret.is_empty()) {
                errors.push(format!(
                    "{cp}: auth_methods/secret: a public client authenticates with 'none' and has no secrets"
                ));
            }
            if !confidential && grant_types.contains(&GrantType::ClientCredentials) {
                errors.push(format!("{cp}: grant_types: a public client cannot use client_credentials"));
            }
            if grant_types.contains(&GrantType::AuthorizationCode) && c.redirect_uris.is_empty() {
                errors.push(format!("{cp}: redirect_uris: authorization_code needs at least one redirect URI"));
            }
            for (i, u) in c.redirect_uris.iter().chain(&c.post_logout_redirect_uris).enumerate() {
                if let Err(why) = valid_redirect_uri(u) {
                    errors.push(format!("{cp}: redirect_uris[{i}]: '{u}' {why}"));
                }
            }
            for (i, p) in c.permission.iter().enumerate() {
                match known_apis.iter().find(|a| a.identifier == p.api) {
                    None => errors.push(format!("{cp}: permission[{i}].api: no API '{}' in this tenant", p.api)),
                    Some(a) => {
                        for r in p.roles.iter().filter(|r| !a.roles.contains(r)) {
                            errors.push(format!(
                                "{cp}: permission[{i}].roles: API '{}' defines no role '{r}'",
                                a.identifier
                            ));
                        }
                        for s in p.scopes.iter().filter(|s| !a.scopes.contains(s)) {
                            errors.push(format!(
                                "{cp}: permission[{i}].scopes: API '{}' defines no scope '{s}'",
                                a.identifier
                            ));
                        }
                    }
                }
            }
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
                if value.chars().count() < MIN_SECRET_LEN {
                    errors.push(format!("{cp}: secret[{i}].value: must be at least {MIN_SECRET_LEN} characters"));
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
            if !confidential && !c.require_pkce {
                errors.push(format!("{cp}: require_pkce: a public client always needs PKCE"));
            }
            if confidential && secrets.is_empty() {
                errors.push(format!("{cp}: secret: a confidential client needs at least one secret"));
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
        for u in &ts.user {
            let up = format!("{tp} > user '{}'", u.username);
            let old = existing_users.iter().find(|x| x.username.eq_ignore_ascii_case(&u.username));
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
                (Some(p), _) if p.chars().count() < 8 => {
                    errors.push(format!("{up}: password: must be at least 8 characters"));
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
                enabled: u.enabled,
                password_hash,
            };
            if old != Some(&user) {
                summary.push(format!("{} {up}", if old.is_some() { "updated" } else { "created" }));
                changes.push(Change::PutUser(Box::new(user)));
            }
        }
        if prune {
            for old in
                existing_users.iter().filter(|x| !ts.user.iter().any(|u| u.username.eq_ignore_ascii_case(&x.username)))
            {
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
