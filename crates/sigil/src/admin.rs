//! The admin CLI on the configured store: tenants, APIs, clients (and their secrets), users, signing
//! keys, consents. Every object is made or changed by `sigil_core::provisioning`'s constructors, the
//! same rules `import` applies; every change goes through the same transactional `Store::apply`.
use clap::{Args, Subcommand};
use serde_json::{Value, json};
use sigil_core::clock::{Clock, SystemClock};
use sigil_core::keys;
use sigil_core::model::*;
use sigil_core::provisioning::{
    self as rules, Kind, NewApi, NewClient, NewSecret, NewTenant, NewUser, ProvisioningError, find_api, find_client,
    find_tenant, tenant_apis,
};
use sigil_core::rng::{SystemRng, token_256};
use sigil_core::store::{Change, DirectoryData, Store};

use crate::EXIT_USAGE;
use crate::bootstrap::{self, AnyError, Opened};
use crate::config::Config;

#[derive(Subcommand)]
pub enum AdminCommand {
    /// Manage tenants.
    #[command(subcommand)]
    Tenant(TenantCmd),
    /// Manage APIs (resources) of a tenant.
    #[command(subcommand)]
    Api(ApiCmd),
    /// Manage applications (clients) and their secrets.
    #[command(subcommand)]
    Client(ClientCmd),
    /// Manage users.
    #[command(subcommand)]
    User(UserCmd),
    /// Signing keys.
    #[command(subcommand)]
    Keys(KeysCmd),
    /// Remembered user consents.
    #[command(subcommand)]
    Consent(ConsentCmd),
}

#[derive(Args, Clone)]
pub struct Out {
    /// Machine-readable output.
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Subcommand)]
pub enum TenantCmd {
    Create {
        name: String,
        #[arg(long)]
        display_name: Option<String>,
        #[arg(long, default_value = "en")]
        locale: String,
        #[arg(long, default_value = "ES256")]
        alg: String,
        /// Issuer `<base>/<name>/v2.0` instead of the tenant id (for strict OpenID discovery checks).
        #[arg(long)]
        issuer_uses_name: bool,
        #[command(flatten)]
        out: Out,
    },
    List {
        #[command(flatten)]
        out: Out,
    },
    Show {
        name: String,
        #[command(flatten)]
        out: Out,
    },
    Update {
        name: String,
        #[arg(long)]
        display_name: Option<String>,
        #[arg(long)]
        locale: Option<String>,
        #[arg(long)]
        allow_plain_pkce: Option<bool>,
        /// Issuer `<base>/<name>/v2.0` instead of the tenant id (OpenID Connect Discovery §4.3).
        #[arg(long)]
        issuer_uses_name: Option<bool>,
        #[command(flatten)]
        out: Out,
    },
    Delete {
        name: String,
        #[command(flatten)]
        out: Out,
    },
}

#[derive(Subcommand)]
pub enum ApiCmd {
    Create {
        #[arg(long)]
        tenant: String,
        name: String,
        #[arg(long)]
        identifier: String,
        #[arg(long = "scope")]
        scopes: Vec<String>,
        #[arg(long = "role")]
        roles: Vec<String>,
        #[command(flatten)]
        out: Out,
    },
    List {
        #[arg(long)]
        tenant: String,
        #[command(flatten)]
        out: Out,
    },
    Show {
        #[arg(long)]
        tenant: String,
        name: String,
        #[command(flatten)]
        out: Out,
    },
    Update {
        #[arg(long)]
        tenant: String,
        name: String,
        #[arg(long = "scope")]
        scopes: Option<Vec<String>>,
        #[arg(long = "role")]
        roles: Option<Vec<String>>,
        #[command(flatten)]
        out: Out,
    },
    Delete {
        #[arg(long)]
        tenant: String,
        name: String,
        #[command(flatten)]
        out: Out,
    },
}

#[derive(Subcommand)]
pub enum ClientCmd {
    /// Create a client. A confidential client gets a generated secret, printed once.
    Create {
        #[arg(long)]
        tenant: String,
        client_id: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        public: bool,
        /// A single-page application: public, PKCE, CORS for its redirect URIs' origins.
        #[arg(long, conflicts_with = "public")]
        spa: bool,
        #[arg(long = "grant", required = true)]
        grants: Vec<String>,
        #[arg(long = "redirect-uri")]
        redirect_uris: Vec<String>,
        /// `api://reports=Role1,Role2` (application roles).
        #[arg(long = "role")]
        roles: Vec<String>,
        /// `api://reports=Scope1,Scope2` (delegated scopes).
        #[arg(long = "scope")]
        scopes: Vec<String>,
        /// `false` lets a confidential client omit PKCE (RFC 9700 §2.1.1 wants it; default true).
        #[arg(long)]
        require_pkce: Option<bool>,
        /// An API (identifier) whose access tokens the client may introspect (RFC 7662); repeatable.
        #[arg(long = "introspect")]
        introspect: Vec<String>,
        /// OIDC Back-Channel Logout 1.0 §2.2: where logout tokens are POSTed.
        #[arg(long)]
        backchannel_logout_uri: Option<String>,
        /// §2.2: the client requires `sid` in logout tokens.
        #[arg(long)]
        backchannel_logout_session_required: Option<bool>,
        /// The API (identifier) this client implements (on-behalf-of assertions are its tokens).
        #[arg(long)]
        exposes_api: Option<String>,
        /// RFC 8693: an API whose tokens the client may exchange (subject token `aud`); repeatable.
        #[arg(long = "exchange-subject-audience")]
        exchange_subject_audiences: Vec<String>,
        /// RFC 8693: an API the client may ask exchanged tokens for; repeatable.
        #[arg(long = "exchange-target-audience")]
        exchange_target_audiences: Vec<String>,
        #[command(flatten)]
        out: Out,
    },
    List {
        #[arg(long)]
        tenant: String,
        #[command(flatten)]
        out: Out,
    },
    Show {
        #[arg(long)]
        tenant: String,
        client_id: String,
        #[command(flatten)]
        out: Out,
    },
    Update {
        #[arg(long)]
        tenant: String,
        client_id: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long = "grant")]
        grants: Option<Vec<String>>,
        #[arg(long = "redirect-uri")]
        redirect_uris: Option<Vec<String>>,
        /// `false` lets a confidential client omit PKCE (RFC 9700 §2.1.1 wants it).
        #[arg(long)]
        require_pkce: Option<bool>,
        /// The APIs whose access tokens the client may introspect (RFC 7662), replacing the list;
        /// repeatable. `--introspect ""` clears it.
        #[arg(long = "introspect")]
        introspect: Option<Vec<String>>,
        /// OIDC Back-Channel Logout 1.0 §2.2; `--backchannel-logout-uri ""` clears it.
        #[arg(long)]
        backchannel_logout_uri: Option<String>,
        /// §2.2: the client requires `sid` in logout tokens.
        #[arg(long)]
        backchannel_logout_session_required: Option<bool>,
        /// The API (identifier) this client implements; `--exposes-api ""` clears it.
        #[arg(long)]
        exposes_api: Option<String>,
        /// RFC 8693: the APIs whose tokens the client may exchange, replacing the list;
        /// `--exchange-subject-audience ""` clears it.
        #[arg(long = "exchange-subject-audience")]
        exchange_subject_audiences: Option<Vec<String>>,
        /// RFC 8693: the APIs the client may ask exchanged tokens for, replacing the list.
        #[arg(long = "exchange-target-audience")]
        exchange_target_audiences: Option<Vec<String>>,
        #[command(flatten)]
        out: Out,
    },
    Delete {
        #[arg(long)]
        tenant: String,
        client_id: String,
        #[command(flatten)]
        out: Out,
    },
    /// Client secrets: several may be active at once, for rotation.
    #[command(subcommand)]
    Secret(SecretCmd),
}

#[derive(Subcommand)]
pub enum SecretCmd {
    /// Add a secret. Without --value one with 256 bits of entropy is generated and printed once.
    Add {
        #[arg(long)]
        tenant: String,
        client_id: String,
        #[arg(long)]
        value: Option<String>,
        /// RFC 3339 expiry
        #[arg(long)]
        expires: Option<String>,
        #[command(flatten)]
        out: Out,
    },
    Remove {
        #[arg(long)]
        tenant: String,
        client_id: String,
        secret_id: String,
        #[command(flatten)]
        out: Out,
    },
}

#[derive(Subcommand)]
pub enum UserCmd {
    Create {
        #[arg(long)]
        tenant: String,
        username: String,
        #[arg(long)]
        display_name: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[command(flatten)]
        profile: ProfileArgs,
        /// Without any: SIGIL_USER_PASSWORD if set, else a prompt at a terminal.
        #[command(flatten)]
        password: PasswordArgs,
        #[command(flatten)]
        out: Out,
    },
    List {
        #[arg(long)]
        tenant: String,
        #[command(flatten)]
        out: Out,
    },
    Show {
        #[arg(long)]
        tenant: String,
        username: String,
        #[command(flatten)]
        out: Out,
    },
    Update {
        #[arg(long)]
        tenant: String,
        username: String,
        #[arg(long)]
        display_name: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        enabled: Option<bool>,
        #[command(flatten)]
        profile: ProfileArgs,
        /// Without any, the password is unchanged.
        #[command(flatten)]
        password: PasswordArgs,
        #[command(flatten)]
        out: Out,
    },
    Delete {
        #[arg(long)]
        tenant: String,
        username: String,
        #[command(flatten)]
        out: Out,
    },
}

/// Where a new password comes from. A value on the command line is visible to every local user in
/// the process list, so the other sources come first.
#[derive(Args, Clone)]
pub struct PasswordArgs {
    /// Read the password from this file (first line).
    #[arg(long, value_name = "PATH", group = "password_source")]
    password_file: Option<String>,
    /// Read the password from the environment variable SIGIL_USER_PASSWORD.
    #[arg(long, group = "password_source")]
    password_env: bool,
    /// Ask for the password at the terminal, without echo.
    #[arg(long, group = "password_source")]
    password_prompt: bool,
    /// The password itself: visible in the process list; prefer the options above.
    #[arg(long, group = "password_source")]
    password: Option<String>,
}

/// OIDC Core §5.1 standard claims of a user; `--email-verified` vouches for the address.
#[derive(Args, Clone)]
pub struct ProfileArgs {
    #[arg(long)]
    email_verified: Option<bool>,
    #[arg(long)]
    given_name: Option<String>,
    #[arg(long)]
    family_name: Option<String>,
    #[arg(long)]
    middle_name: Option<String>,
    #[arg(long)]
    nickname: Option<String>,
    /// BCP 47 tag, e.g. sl-SI.
    #[arg(long)]
    locale: Option<String>,
    /// tz database name, e.g. Europe/Paris.
    #[arg(long)]
    zoneinfo: Option<String>,
}

impl ProfileArgs {
    /// Sets what was given; an empty value clears the field.
    fn apply(self, u: &mut NewUser) {
        if let Some(v) = self.email_verified {
            u.email_verified = v;
        }
        let p = &mut u.profile;
        for (given, field) in [
            (self.given_name, &mut p.given_name),
            (self.family_name, &mut p.family_name),
            (self.middle_name, &mut p.middle_name),
            (self.nickname, &mut p.nickname),
            (self.locale, &mut p.locale),
            (self.zoneinfo, &mut p.zoneinfo),
        ] {
            if let Some(v) = given {
                *field = (!v.is_empty()).then_some(v);
            }
        }
    }
}

const PASSWORD_ENV: &str = "SIGIL_USER_PASSWORD";

impl PasswordArgs {
    /// The new password, if one was given. `required`: a new user; then, with no option,
    /// SIGIL_USER_PASSWORD if set, else a prompt at a terminal.
    fn read(&self, required: bool) -> Result<Option<String>, ProvisioningError> {
        use std::io::IsTerminal;
        let from_env = || {
            std::env::var(PASSWORD_ENV)
                .map_err(|_| ProvisioningError::invalid("--password-env", format!("{PASSWORD_ENV} is not set")))
        };
        let prompt = || -> Result<String, ProvisioningError> {
            let failed = |e: std::io::Error| ProvisioningError::invalid("password prompt", e.to_string());
            let p = rpassword::prompt_password("password: ").map_err(failed)?;
            let again = rpassword::prompt_password("password again: ").map_err(failed)?;
            if p != again {
                return Err(ProvisioningError::invalid("", "the two passwords differ"));
            }
            Ok(p)
        };
        let p = if let Some(path) = &self.password_file {
            let text = std::fs::read_to_string(path)
                .map_err(|e| ProvisioningError::invalid(format!("--password-file {path}"), e.to_string()))?;
            text.lines().next().unwrap_or("").to_string()
        } else if self.password_env {
            from_env()?
        } else if self.password_prompt {
            prompt()?
        } else if let Some(p) = &self.password {
            eprintln!(
                "warning: a password given with --password is visible to every local user in the process list; \
                 use --password-file, --password-env ({PASSWORD_ENV}) or --password-prompt"
            );
            p.clone()
        } else if !required {
            return Ok(None);
        } else if std::env::var_os(PASSWORD_ENV).is_some() {
            from_env()?
        } else if std::io::stdin().is_terminal() {
            prompt()?
        } else {
            return Err(ProvisioningError::invalid(
                "no password",
                format!("give --password-file, --password-env ({PASSWORD_ENV}) or run at a terminal to be asked"),
            ));
        };
        Ok(Some(p))
    }
}

#[derive(Subcommand)]
pub enum KeysCmd {
    /// Publish a new key now, sign with it after `tokens.key_rotation_delay` (or --delay) seconds;
    /// the old key stays published until every token it signed has expired.
    Rotate {
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        delay: Option<i64>,
        #[arg(long)]
        alg: Option<String>,
        #[command(flatten)]
        out: Out,
    },
    List {
        #[arg(long)]
        tenant: String,
        #[command(flatten)]
        out: Out,
    },
}

#[derive(Subcommand)]
pub enum ConsentCmd {
    /// Forget a user's consent to a client; the next sign-in asks again.
    Revoke {
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        user: String,
        #[arg(long)]
        client: String,
        #[command(flatten)]
        out: Out,
    },
}

fn print(out: &Out, v: Value, text: impl FnOnce(&Value) -> String) {
    if out.json { outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default()) } else { outln!("{}", text(&v)) }
}

fn tenant_json(t: &Tenant) -> Value {
    json!({"id": t.id, "name": t.name, "display_name": t.display_name, "default_locale": t.default_locale,
           "signing_alg": t.signing_alg.as_str(), "allow_plain_pkce": t.allow_plain_pkce,
           "issuer_uses_name": t.issuer_uses_name})
}

/// RFC 8693 policy from the CLI lists (empty strings dropped); none when both are empty.
fn exchange_policy(subject: Vec<String>, target: Vec<String>) -> Option<sigil_core::model::ExchangePolicy> {
    let keep = |v: Vec<String>| v.into_iter().filter(|a| !a.is_empty()).collect::<Vec<_>>();
    let p = sigil_core::model::ExchangePolicy { subject_audiences: keep(subject), target_audiences: keep(target) };
    (!p.subject_audiences.is_empty() || !p.target_audiences.is_empty()).then_some(p)
}

fn client_json(c: &Client) -> Value {
    json!({"client_id": c.client_id, "name": c.name, "type": rules::ClientType::of(c).as_str(),
           "auth_methods": c.auth_methods, "grant_types": c.grant_types, "redirect_uris": c.redirect_uris,
           "permissions": c.permissions, "require_pkce": c.require_pkce, "introspect": c.introspect,
           "backchannel_logout_uri": c.backchannel_logout_uri,
           "backchannel_logout_session_required": c.backchannel_logout_session_required,
           "exposes_api": c.exposes_api, "token_exchange": c.token_exchange,
           "secrets": c.secrets.iter().map(|s| json!({"id": s.id, "hint": format!("{}...", s.hint),
               "expires_at": s.expires_at.map(|e| sigil_core::clock::rfc3339(e * 1000))})).collect::<Vec<_>>()})
}

fn user_json(u: &User) -> Value {
    json!({"id": u.id, "username": u.username, "display_name": u.display_name, "email": u.email,
           "email_verified": u.email_verified, "profile": u.profile, "updated_at": u.updated_at, "enabled": u.enabled})
}

async fn find_user(s: &dyn Store, t: &Tenant, name: &str) -> Result<Result<User, ProvisioningError>, AnyError> {
    Ok(s.user_by_username(t.id, name)
        .await?
        .ok_or_else(|| ProvisioningError::not_found_in(Kind::User, name, Kind::Tenant, &t.name)))
}

fn parse_perm(spec: &str) -> Result<(String, Vec<String>), ProvisioningError> {
    let (api, names) = spec
        .split_once('=')
        .ok_or_else(|| ProvisioningError::invalid("", format!("'{spec}' must look like api://reports=Name1,Name2")))?;
    Ok((api.to_string(), names.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect()))
}

pub async fn run(cfg: &Config, cmd: AdminCommand) -> Result<i32, AnyError> {
    let opened = bootstrap::open(cfg).await?;
    match run_inner(cfg, &opened, cmd).await? {
        Ok(()) => Ok(0),
        Err(e) => {
            eprintln!("error: {e}");
            Ok(EXIT_USAGE)
        }
    }
}

async fn apply(s: &dyn Store, changes: Vec<Change>) -> Result<Result<(), ProvisioningError>, AnyError> {
    match s.apply(&changes).await {
        Ok(()) => Ok(Ok(())),
        Err(sigil_core::error::StoreError::Conflict(m)) => Ok(Err(ProvisioningError::Conflict(m))),
        Err(e) => Err(e.into()),
    }
}

macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return Ok(Err(e.into())),
        }
    };
}

async fn run_inner(cfg: &Config, o: &Opened, cmd: AdminCommand) -> Result<Result<(), ProvisioningError>, AnyError> {
    let s = o.store.as_ref();
    let now = SystemClock.now();
    let d = s.load_directory().await?;
    match cmd {
        AdminCommand::Tenant(c) => match c {
            TenantCmd::Create { name, display_name, locale, alg, issuer_uses_name, out } => {
                let spec = NewTenant {
                    name,
                    display_name,
                    default_locale: Some(locale),
                    signing_alg: Some(alg),
                    allow_plain_pkce: false,
                    issuer_uses_name,
                };
                let t = tri!(spec.build(None, &SystemRng));
                let mut changes = vec![Change::PutTenant(t.clone())];
                changes.extend(rules::tenant_keys(&o.master, &SystemRng, &t, now)?);
                tri!(apply(s, changes).await?);
                print(&out, tenant_json(&t), |v| {
                    format!("created tenant {} ({})", t.name, v["id"].as_str().unwrap_or(""))
                });
            }
            TenantCmd::List { out } => {
                print(&out, json!(d.tenants.iter().map(tenant_json).collect::<Vec<_>>()), |_| {
                    d.tenants
                        .iter()
                        .map(|t| format!("{}\t{}\t{}", t.name, t.id, t.display_name))
                        .collect::<Vec<_>>()
                        .join("\n")
                })
            }
            TenantCmd::Show { name, out } => {
                let t = tri!(find_tenant(&d, &name));
                print(&out, tenant_json(t), |v| serde_json::to_string_pretty(v).unwrap_or_default());
            }
            TenantCmd::Update { name, display_name, locale, allow_plain_pkce, issuer_uses_name, out } => {
                let current = tri!(find_tenant(&d, &name));
                let mut spec = NewTenant::from_existing(current);
                if display_name.is_some() {
                    spec.display_name = display_name;
                }
                if locale.is_some() {
                    spec.default_locale = locale;
                }
                if let Some(p) = allow_plain_pkce {
                    spec.allow_plain_pkce = p;
                }
                if let Some(x) = issuer_uses_name {
                    spec.issuer_uses_name = x;
                }
                let t = tri!(spec.build(Some(current), &SystemRng));
                tri!(apply(s, vec![Change::PutTenant(t.clone())]).await?);
                print(&out, tenant_json(&t), |_| format!("updated tenant {}", t.name));
            }
            TenantCmd::Delete { name, out } => {
                let t = tri!(find_tenant(&d, &name));
                tri!(apply(s, vec![Change::DeleteTenant(t.id)]).await?);
                print(&out, json!({"deleted": t.name}), |_| format!("deleted tenant {} and everything in it", t.name));
            }
        },
        AdminCommand::Api(c) => match c {
            ApiCmd::Create { tenant, name, identifier, scopes, roles, out } => {
                let t = tri!(find_tenant(&d, &tenant));
                let a = tri!(NewApi { name, identifier, scopes, roles }.build(t, None, &SystemRng));
                tri!(apply(s, vec![Change::PutApi(a.clone())]).await?);
                print(&out, serde_json::to_value(&a)?, |_| format!("created API {} ({})", a.name, a.identifier));
            }
            ApiCmd::List { tenant, out } => {
                let t = tri!(find_tenant(&d, &tenant));
                let apis: Vec<&Api> = d.apis.iter().filter(|a| a.tenant_id == t.id).collect();
                print(&out, serde_json::to_value(&apis)?, |_| {
                    apis.iter().map(|a| format!("{}\t{}", a.name, a.identifier)).collect::<Vec<_>>().join("\n")
                });
            }
            ApiCmd::Show { tenant, name, out } => {
                let t = tri!(find_tenant(&d, &tenant));
                let a = tri!(find_api(&d, t, &name));
                print(&out, serde_json::to_value(a)?, |v| serde_json::to_string_pretty(v).unwrap_or_default());
            }
            ApiCmd::Update { tenant, name, scopes, roles, out } => {
                let t = tri!(find_tenant(&d, &tenant));
                let current = tri!(find_api(&d, t, &name));
                let mut spec = NewApi::from_existing(current);
                if let Some(x) = scopes {
                    spec.scopes = x;
                }
                if let Some(x) = roles {
                    spec.roles = x;
                }
                let a = tri!(spec.build(t, Some(current), &SystemRng));
                tri!(apply(s, vec![Change::PutApi(a.clone())]).await?);
                print(&out, serde_json::to_value(&a)?, |_| format!("updated API {}", a.name));
            }
            ApiCmd::Delete { tenant, name, out } => {
                let t = tri!(find_tenant(&d, &tenant));
                let a = tri!(find_api(&d, t, &name));
                tri!(apply(s, vec![Change::DeleteApi(a.id)]).await?);
                print(&out, json!({"deleted": a.name}), |_| format!("deleted API {}", a.name));
            }
        },
        AdminCommand::Client(c) => return client(o, &d, now, c).await,
        AdminCommand::User(c) => match c {
            UserCmd::Create { tenant, username, display_name, email, profile, password, out } => {
                let t = tri!(find_tenant(&d, &tenant));
                let mut spec = NewUser { display_name, email, ..NewUser::new(username) };
                spec.password = Some(tri!(password.read(true)).unwrap_or_default());
                profile.apply(&mut spec);
                let u = tri!(spec.build(t, None, &SystemRng, now));
                tri!(apply(s, vec![Change::PutUser(Box::new(u.clone()))]).await?);
                print(&out, user_json(&u), |_| format!("created user {} ({})", u.username, u.id));
            }
            UserCmd::List { tenant, out } => {
                let t = tri!(find_tenant(&d, &tenant));
                let users = s.users(t.id).await?;
                print(&out, json!(users.iter().map(user_json).collect::<Vec<_>>()), |_| {
                    users
                        .iter()
                        .map(|u| {
                            format!("{}\t{}\t{}", u.username, u.id, if u.enabled { "enabled" } else { "disabled" })
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                });
            }
            UserCmd::Show { tenant, username, out } => {
                let t = tri!(find_tenant(&d, &tenant));
                let u = tri!(find_user(s, t, &username).await?);
                print(&out, user_json(&u), |v| serde_json::to_string_pretty(v).unwrap_or_default());
            }
            UserCmd::Update { tenant, username, display_name, email, enabled, profile, password, out } => {
                let t = tri!(find_tenant(&d, &tenant));
                let current = tri!(find_user(s, t, &username).await?);
                let mut spec = NewUser::from_existing(&current);
                if display_name.is_some() {
                    spec.display_name = display_name;
                }
                if email.is_some() {
                    spec.email = email;
                }
                if let Some(x) = enabled {
                    spec.enabled = x;
                }
                profile.apply(&mut spec);
                spec.password = tri!(password.read(false));
                let u = tri!(spec.build(t, Some(&current), &SystemRng, now));
                tri!(apply(s, vec![Change::PutUser(Box::new(u.clone()))]).await?);
                print(&out, user_json(&u), |_| format!("updated user {}", u.username));
            }
            UserCmd::Delete { tenant, username, out } => {
                let t = tri!(find_tenant(&d, &tenant));
                let u = tri!(find_user(s, t, &username).await?);
                tri!(apply(s, vec![Change::DeleteUser(u.id)]).await?);
                print(&out, json!({"deleted": u.username}), |_| format!("deleted user {}", u.username));
            }
        },
        AdminCommand::Keys(c) => match c {
            KeysCmd::Rotate { tenant, delay, alg, out } => {
                let t = tri!(find_tenant(&d, &tenant));
                let algs = match alg {
                    Some(a) => {
                        vec![tri!(rules::signing_alg(&a))]
                    }
                    None => keys::tenant_algs(t.signing_alg),
                };
                let active_from = now + delay.unwrap_or(cfg.tokens.key_rotation_delay).max(0);
                let mut changes = Vec::new();
                let mut published = Vec::new();
                for a in algs {
                    let key = keys::new_stored_key(&o.master, &SystemRng, t.id, a, now, active_from)?;
                    published.push(json!({"kid": key.kid, "alg": a.as_str()}));
                    changes.push(Change::PutKey(key));
                    for old in d.keys.iter().filter(|k| k.tenant_id == t.id && k.alg == a && k.retired_at.is_none()) {
                        changes.push(Change::RetireKey { kid: old.kid.clone(), at: active_from });
                    }
                }
                tri!(apply(s, changes).await?);
                let kids: Vec<String> = published.iter().map(|p| p["kid"].as_str().unwrap_or("").to_string()).collect();
                print(
                    &out,
                    json!({"keys": published, "kid": kids.first(), "published_at": now, "signing_from": active_from}),
                    |_| {
                        format!(
                            "published {} now; signing from {} (old keys stay published until their tokens expire)",
                            kids.join(", "),
                            sigil_core::clock::rfc3339(active_from * 1000)
                        )
                    },
                );
            }
            KeysCmd::List { tenant, out } => {
                let t = tri!(find_tenant(&d, &tenant));
                let ks: Vec<Value> = d.keys.iter().filter(|k| k.tenant_id == t.id).map(|k| json!({"kid": k.kid, "alg": k.alg.as_str(), "active_from": k.active_from, "retired_at": k.retired_at})).collect();
                print(&out, json!(ks), |v| serde_json::to_string_pretty(v).unwrap_or_default());
            }
        },
        AdminCommand::Consent(ConsentCmd::Revoke { tenant, user, client, out }) => {
            let t = tri!(find_tenant(&d, &tenant));
            let u = tri!(find_user(s, t, &user).await?);
            let removed = sigil_core::interaction::consent::withdraw(s, t.id, u.id, &client).await?;
            if !removed {
                return Ok(Err(ProvisioningError::not_found_in(Kind::Consent, client, Kind::User, user)));
            }
            print(&out, json!({"revoked": true}), |_| format!("revoked consent of {user} for {client}"));
        }
    }
    Ok(Ok(()))
}

/// A client secret from `value`, hashed under the master key.
fn new_secret(o: &Opened, value: String, expires_at: Option<i64>, now: i64) -> Result<ClientSecret, ProvisioningError> {
    Ok(NewSecret { value, expires_at }.build("secret", &o.master, &SystemRng, now, &[])?)
}

async fn client(
    o: &Opened,
    d: &DirectoryData,
    now: i64,
    c: ClientCmd,
) -> Result<Result<(), ProvisioningError>, AnyError> {
    let s = o.store.as_ref();
    match c {
        ClientCmd::Create {
            tenant,
            client_id,
            name,
            public,
            spa,
            grants,
            redirect_uris,
            roles,
            scopes,
            require_pkce,
            introspect,
            backchannel_logout_uri,
            backchannel_logout_session_required,
            exposes_api,
            exchange_subject_audiences,
            exchange_target_audiences,
            out,
        } => {
            let t = tri!(find_tenant(d, &tenant));
            let mut permissions: Vec<Permission> = Vec::new();
            for (spec, is_role) in roles.iter().map(|r| (r, true)).chain(scopes.iter().map(|s| (s, false))) {
                let (api, names) = tri!(parse_perm(spec));
                let a = tri!(find_api(d, t, &api));
                let idx = match permissions.iter().position(|p| p.api == a.identifier) {
                    Some(i) => i,
                    None => {
                        permissions.push(Permission { api: a.identifier.clone(), roles: vec![], scopes: vec![] });
                        permissions.len() - 1
                    }
                };
                let p = &mut permissions[idx];
                if is_role { p.roles.extend(names) } else { p.scopes.extend(names) }
            }
            let public = public || spa;
            let secret = (!public).then(|| token_256(&SystemRng));
            let mut spec =
                NewClient { name, redirect_uris, permissions, spa, ..NewClient::new(client_id, !public, grants) };
            spec.require_pkce = require_pkce.unwrap_or(true);
            spec.introspect = introspect;
            spec.backchannel_logout_uri = backchannel_logout_uri;
            spec.backchannel_logout_session_required = backchannel_logout_session_required.unwrap_or(false);
            spec.exposes_api = exposes_api;
            spec.token_exchange = exchange_policy(exchange_subject_audiences, exchange_target_audiences);
            if let Some(v) = &secret {
                spec.secrets.push(tri!(new_secret(o, v.clone(), None, now)));
            }
            let client = tri!(spec.build(t, &tenant_apis(d, t), None, &SystemRng));
            tri!(apply(s, vec![Change::PutClient(Box::new(client.clone()))]).await?);
            let mut v = client_json(&client);
            if let Some(sec) = &secret {
                v["secret"] = json!(sec);
            }
            print(&out, v, |_| match &secret {
                Some(sec) => format!("created client {}\nsecret (shown once, store it now): {sec}", client.client_id),
                None => format!("created public client {}", client.client_id),
            });
        }
        ClientCmd::List { tenant, out } => {
            let t = tri!(find_tenant(d, &tenant));
            let cs: Vec<&Client> = d.clients.iter().filter(|c| c.tenant_id == t.id).collect();
            print(&out, json!(cs.iter().map(|c| client_json(c)).collect::<Vec<_>>()), |_| {
                cs.iter()
                    .map(|c| format!("{}\t{}\t{}", c.client_id, rules::ClientType::of(c).as_str(), c.name))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ClientCmd::Show { tenant, client_id, out } => {
            let t = tri!(find_tenant(d, &tenant));
            let c = tri!(find_client(d, t, &client_id));
            print(&out, client_json(c), |v| serde_json::to_string_pretty(v).unwrap_or_default());
        }
        ClientCmd::Update {
            tenant,
            client_id,
            name,
            grants,
            redirect_uris,
            require_pkce,
            introspect,
            backchannel_logout_uri,
            backchannel_logout_session_required,
            exposes_api,
            exchange_subject_audiences,
            exchange_target_audiences,
            out,
        } => {
            let t = tri!(find_tenant(d, &tenant));
            let current = tri!(find_client(d, t, &client_id));
            let mut spec = NewClient::from_existing(current);
            if name.is_some() {
                spec.name = name;
            }
            if let Some(g) = grants {
                spec.grant_types = g;
            }
            if let Some(r) = redirect_uris {
                spec.redirect_uris = r;
            }
            if let Some(p) = require_pkce {
                spec.require_pkce = p;
            }
            if let Some(apis) = introspect {
                spec.introspect = apis.into_iter().filter(|a| !a.is_empty()).collect();
            }
            if let Some(u) = backchannel_logout_uri {
                spec.backchannel_logout_uri = Some(u).filter(|u| !u.is_empty());
            }
            if let Some(r) = backchannel_logout_session_required {
                spec.backchannel_logout_session_required = r;
            }
            if let Some(a) = exposes_api {
                spec.exposes_api = Some(a).filter(|a| !a.is_empty());
            }
            if exchange_subject_audiences.is_some() || exchange_target_audiences.is_some() {
                let current = spec.token_exchange.clone().unwrap_or_default();
                spec.token_exchange = exchange_policy(
                    exchange_subject_audiences.unwrap_or(current.subject_audiences),
                    exchange_target_audiences.unwrap_or(current.target_audiences),
                );
            }
            let c = tri!(spec.build(t, &tenant_apis(d, t), Some(current), &SystemRng));
            tri!(apply(s, vec![Change::PutClient(Box::new(c.clone()))]).await?);
            print(&out, client_json(&c), |_| format!("updated client {}", c.client_id));
        }
        ClientCmd::Delete { tenant, client_id, out } => {
            let t = tri!(find_tenant(d, &tenant));
            let c = tri!(find_client(d, t, &client_id));
            tri!(apply(s, vec![Change::DeleteClient(c.id)]).await?);
            print(&out, json!({"deleted": c.client_id}), |_| format!("deleted client {}", c.client_id));
        }
        ClientCmd::Secret(SecretCmd::Add { tenant, client_id, value, expires, out }) => {
            let t = tri!(find_tenant(d, &tenant));
            let current = tri!(find_client(d, t, &client_id));
            let expires_at = match expires {
                None => None,
                Some(e) => Some(tri!(rules::rfc3339("--expires", &e))),
            };
            let generated = value.is_none();
            let value = value.unwrap_or_else(|| token_256(&SystemRng));
            let sec = tri!(new_secret(o, value.clone(), expires_at, now));
            let c = tri!(rules::add_secret(current, sec.clone()));
            tri!(apply(s, vec![Change::PutClient(Box::new(c))]).await?);
            let mut v = json!({"id": sec.id, "hint": format!("{}...", sec.hint), "expires_at": expires_at});
            if generated {
                v["secret"] = json!(value);
            }
            print(&out, v, |_| {
                if generated {
                    format!("secret {} added\nsecret (shown once, store it now): {value}", sec.id)
                } else {
                    format!("secret {} added", sec.id)
                }
            });
        }
        ClientCmd::Secret(SecretCmd::Remove { tenant, client_id, secret_id, out }) => {
            let t = tri!(find_tenant(d, &tenant));
            let c = tri!(rules::remove_secret(tri!(find_client(d, t, &client_id)), &secret_id));
            tri!(apply(s, vec![Change::PutClient(Box::new(c))]).await?);
            print(&out, json!({"removed": secret_id}), |_| format!("secret {secret_id} removed"));
        }
    }
    Ok(Ok(()))
}
