//! The admin CLI on the configured store: tenants, APIs, clients (and their secrets), users, signing
//! keys, consents. Every change goes through the same transactional `Store::apply` as `import`.
use clap::{Args, Subcommand};
use serde_json::{Value, json};
use sigil_core::clock::{Clock, SystemClock};
use sigil_core::keys;
use sigil_core::model::*;
use sigil_core::password;
use sigil_core::rng::{SystemRng, token_256, uuid_v4};
use sigil_core::store::{Change, DirectoryData, Store};

use crate::EXIT_USAGE;
use crate::bootstrap::{self, AnyError, Opened};
use crate::config::Config;
use sigil_core::provisioning::{self as rules, RuleError};

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
    fn apply(self, u: &mut User) {
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
    fn read(&self, required: bool) -> Result<Option<String>, NotFound> {
        use std::io::IsTerminal;
        let from_env =
            || std::env::var(PASSWORD_ENV).map_err(|_| NotFound(format!("--password-env: {PASSWORD_ENV} is not set")));
        let prompt = || -> Result<String, NotFound> {
            let p = rpassword::prompt_password("password: ").map_err(|e| NotFound(format!("password prompt: {e}")))?;
            let again = rpassword::prompt_password("password again: ")
                .map_err(|e| NotFound(format!("password prompt: {e}")))?;
            if p != again {
                return Err(NotFound("the two passwords differ".into()));
            }
            Ok(p)
        };
        let p = if let Some(path) = &self.password_file {
            let text = std::fs::read_to_string(path).map_err(|e| NotFound(format!("--password-file {path}: {e}")))?;
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
            return Err(NotFound(format!(
                "no password: give --password-file, --password-env ({PASSWORD_ENV}) or run at a terminal to be asked"
            )));
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

struct NotFound(String);

fn print(out: &Out, v: Value, text: impl FnOnce(&Value) -> String) {
    if out.json { outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default()) } else { outln!("{}", text(&v)) }
}

fn tenant_json(t: &Tenant) -> Value {
    json!({"id": t.id, "name": t.name, "display_name": t.display_name, "default_locale": t.default_locale,
           "signing_alg": t.signing_alg.as_str(), "allow_plain_pkce": t.allow_plain_pkce,
           "issuer_uses_name": t.issuer_uses_name})
}

/// The provisioning rules' verdict, worded exactly as `sigil import` words it.
fn obey(broken: Vec<RuleError>) -> Result<(), NotFound> {
    if broken.is_empty() {
        return Ok(());
    }
    Err(NotFound(broken.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\nerror: ")))
}

impl From<RuleError> for NotFound {
    fn from(e: RuleError) -> Self {
        NotFound(e.to_string())
    }
}

fn client_json(c: &Client) -> Value {
    json!({"client_id": c.client_id, "name": c.name, "type": if c.confidential {"confidential"} else {"public"},
           "auth_methods": c.auth_methods, "grant_types": c.grant_types, "redirect_uris": c.redirect_uris,
           "permissions": c.permissions, "require_pkce": c.require_pkce,
           "secrets": c.secrets.iter().map(|s| json!({"id": s.id, "hint": format!("{}...", s.hint),
               "expires_at": s.expires_at.map(|e| sigil_core::clock::rfc3339(e * 1000))})).collect::<Vec<_>>()})
}

fn user_json(u: &User) -> Value {
    json!({"id": u.id, "username": u.username, "display_name": u.display_name, "email": u.email,
           "email_verified": u.email_verified, "profile": u.profile, "updated_at": u.updated_at, "enabled": u.enabled})
}

fn find_tenant<'a>(d: &'a DirectoryData, name: &str) -> Result<&'a Tenant, NotFound> {
    d.tenants
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case(name) || t.id.to_string() == name)
        .ok_or_else(|| NotFound(format!("no tenant '{name}'")))
}

fn find_client<'a>(d: &'a DirectoryData, t: &Tenant, id: &str) -> Result<&'a Client, NotFound> {
    d.clients
        .iter()
        .find(|c| c.tenant_id == t.id && c.client_id == id)
        .ok_or_else(|| NotFound(format!("no client '{id}' in tenant '{}'", t.name)))
}

fn find_api<'a>(d: &'a DirectoryData, t: &Tenant, name: &str) -> Result<&'a Api, NotFound> {
    d.apis
        .iter()
        .find(|a| a.tenant_id == t.id && (a.name == name || a.identifier == name))
        .ok_or_else(|| NotFound(format!("no API '{name}' in tenant '{}'", t.name)))
}

async fn find_user(s: &dyn Store, t: &Tenant, name: &str) -> Result<Result<User, NotFound>, AnyError> {
    Ok(s.user_by_username(t.id, name)
        .await?
        .ok_or_else(|| NotFound(format!("no user '{name}' in tenant '{}'", t.name))))
}

fn parse_perm(spec: &str) -> Result<(String, Vec<String>), NotFound> {
    let (api, names) =
        spec.split_once('=').ok_or_else(|| NotFound(format!("'{spec}' must look like api://reports=Name1,Name2")))?;
    Ok((api.to_string(), names.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect()))
}

fn parse_grants(g: &[String]) -> Result<Vec<GrantType>, NotFound> {
    g.iter().map(|x| rules::grant_type(x).map_err(NotFound::from)).collect()
}

pub async fn run(cfg: &Config, cmd: AdminCommand) -> Result<i32, AnyError> {
    let opened = bootstrap::open(cfg).await?;
    match run_inner(cfg, &opened, cmd).await? {
        Ok(()) => Ok(0),
        Err(NotFound(msg)) => {
            eprintln!("error: {msg}");
            Ok(EXIT_USAGE)
        }
    }
}

async fn apply(s: &dyn Store, changes: Vec<Change>) -> Result<Result<(), NotFound>, AnyError> {
    match s.apply(&changes).await {
        Ok(()) => Ok(Ok(())),
        Err(sigil_core::error::StoreError::Conflict(m)) => Ok(Err(NotFound(format!("already exists: {m}")))),
        Err(e) => Err(e.into()),
    }
}

macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(nf) => return Ok(Err(nf)),
        }
    };
}

async fn run_inner(cfg: &Config, o: &Opened, cmd: AdminCommand) -> Result<Result<(), NotFound>, AnyError> {
    let s = o.store.as_ref();
    let now = SystemClock.now();
    let d = s.load_directory().await?;
    match cmd {
        AdminCommand::Tenant(c) => match c {
            TenantCmd::Create { name, display_name, locale, alg, issuer_uses_name, out } => {
                tri!(rules::tenant_name(&name).map_err(NotFound::from));
                let alg = tri!(rules::signing_alg(&alg).map_err(NotFound::from));
                let locale = tri!(rules::locale(&locale).map_err(NotFound::from));
                let t = Tenant {
                    id: uuid_v4(&SystemRng),
                    display_name: display_name.unwrap_or_else(|| name.clone()),
                    name,
                    default_locale: locale.into(),
                    signing_alg: alg,
                    allow_plain_pkce: false,
                    issuer_uses_name,
                };
                let mut changes = vec![Change::PutTenant(t.clone())];
                for a in keys::tenant_algs(alg) {
                    changes.push(Change::PutKey(keys::new_stored_key(&o.master, &SystemRng, t.id, a, now, now)?));
                }
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
                let mut t = tri!(find_tenant(&d, &name)).clone();
                if let Some(x) = display_name {
                    t.display_name = x;
                }
                if let Some(l) = locale {
                    t.default_locale = tri!(rules::locale(&l).map_err(NotFound::from)).into();
                }
                if let Some(p) = allow_plain_pkce {
                    t.allow_plain_pkce = p;
                }
                if let Some(x) = issuer_uses_name {
                    t.issuer_uses_name = x;
                }
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
                let a = Api { id: uuid_v4(&SystemRng), tenant_id: t.id, name, identifier, scopes, roles };
                tri!(obey(rules::api(&a)));
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
                let mut a = tri!(find_api(&d, t, &name)).clone();
                if let Some(x) = scopes {
                    a.scopes = x;
                }
                if let Some(x) = roles {
                    a.roles = x;
                }
                tri!(obey(rules::api(&a)));
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
                let password = tri!(password.read(true)).unwrap_or_default();
                tri!(rules::password(&password).map_err(NotFound::from));
                let mut u = User {
                    id: uuid_v4(&SystemRng),
                    tenant_id: t.id,
                    display_name: display_name.unwrap_or_else(|| username.clone()),
                    username,
                    email,
                    email_verified: false,
                    profile: UserProfile::default(),
                    updated_at: Some(now),
                    enabled: true,
                    password_hash: String::new(),
                };
                profile.apply(&mut u);
                tri!(obey(rules::user(&u)));
                u.password_hash = password::hash_password(&SystemRng, &password);
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
                let mut u = tri!(find_user(s, t, &username).await?);
                if let Some(x) = display_name {
                    u.display_name = x;
                }
                if let Some(x) = email {
                    u.email = Some(x);
                }
                if let Some(x) = enabled {
                    u.enabled = x;
                }
                profile.apply(&mut u);
                u.updated_at = Some(now);
                tri!(obey(rules::user(&u)));
                if let Some(p) = tri!(password.read(false)) {
                    tri!(rules::password(&p).map_err(NotFound::from));
                    u.password_hash = password::hash_password(&SystemRng, &p);
                }
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
                        vec![tri!(rules::signing_alg(&a).map_err(NotFound::from))]
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
            let removed = s.revoke_consent(t.id, u.id, &client).await?;
            if !removed {
                return Ok(Err(NotFound(format!("user '{user}' has no consent for client '{client}'"))));
            }
            print(&out, json!({"revoked": true}), |_| format!("revoked consent of {user} for {client}"));
        }
    }
    Ok(Ok(()))
}

fn new_secret(o: &Opened, value: &str, expires_at: Option<i64>, now: i64) -> ClientSecret {
    ClientSecret {
        id: uuid_v4(&SystemRng),
        hash: o.master.secret_hash(value),
        hint: value.chars().take(3).collect(),
        expires_at,
        created_at: now,
    }
}

async fn client(o: &Opened, d: &DirectoryData, now: i64, c: ClientCmd) -> Result<Result<(), NotFound>, AnyError> {
    let s = o.store.as_ref();
    match c {
        ClientCmd::Create {
            tenant,
            client_id,
            name,
            public,
            grants,
            redirect_uris,
            roles,
            scopes,
            require_pkce,
            out,
        } => {
            let t = tri!(find_tenant(d, &tenant));
            let grant_types = tri!(parse_grants(&grants));
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
                let (defined, target) = if is_role {
                    (&a.roles, &mut permissions[idx].roles)
                } else {
                    (&a.scopes, &mut permissions[idx].scopes)
                };
                for n in names {
                    if !defined.contains(&n) {
                        return Ok(Err(NotFound(format!("API '{}' defines no '{n}'", a.identifier))));
                    }
                    target.push(n);
                }
            }
            let secret = (!public).then(|| token_256(&SystemRng));
            let client = Client {
                id: uuid_v4(&SystemRng),
                tenant_id: t.id,
                name: name.unwrap_or_else(|| client_id.clone()),
                client_id,
                confidential: !public,
                auth_methods: if public {
                    vec![AuthMethod::None]
                } else {
                    vec![AuthMethod::ClientSecretBasic, AuthMethod::ClientSecretPost]
                },
                grant_types,
                redirect_uris,
                post_logout_redirect_uris: vec![],
                permissions,
                lifetimes: TokenLifetimes { access_token: None, refresh_inactivity: None, refresh_max: None },
                always_issue_refresh_token: false,
                require_pkce: require_pkce.unwrap_or(true),
                id_token_alg: None,
                secrets: secret.iter().map(|v| new_secret(o, v, None, now)).collect(),
            };
            tri!(obey(rules::client(&client)));
            let apis: Vec<Api> = d.apis.iter().filter(|a| a.tenant_id == t.id).cloned().collect();
            tri!(obey(rules::permissions(&client.permissions, &apis)));
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
                    .map(|c| {
                        format!(
                            "{}\t{}\t{}",
                            c.client_id,
                            if c.confidential { "confidential" } else { "public" },
                            c.name
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ClientCmd::Show { tenant, client_id, out } => {
            let t = tri!(find_tenant(d, &tenant));
            let c = tri!(find_client(d, t, &client_id));
            print(&out, client_json(c), |v| serde_json::to_string_pretty(v).unwrap_or_default());
        }
        ClientCmd::Update { tenant, client_id, name, grants, redirect_uris, require_pkce, out } => {
            let t = tri!(find_tenant(d, &tenant));
            let mut c = tri!(find_client(d, t, &client_id)).clone();
            if let Some(n) = name {
                c.name = n;
            }
            if let Some(g) = grants {
                c.grant_types = tri!(parse_grants(&g));
            }
            if let Some(r) = redirect_uris {
                c.redirect_uris = r;
            }
            if let Some(p) = require_pkce {
                c.require_pkce = p;
            }
            tri!(obey(rules::client(&c)));
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
            let mut c = tri!(find_client(d, t, &client_id)).clone();
            if !c.confidential {
                return Ok(Err(NotFound(format!("client '{client_id}' is public and has no secrets"))));
            }
            if let Some(v) = &value {
                tri!(rules::client_secret_value(v).map_err(NotFound::from));
            }
            let expires_at = match expires {
                None => None,
                Some(e) => Some(tri!(
                    time::OffsetDateTime::parse(&e, &time::format_description::well_known::Rfc3339)
                        .map(|t| t.unix_timestamp())
                        .map_err(|_| NotFound(format!("'{e}' is not an RFC 3339 time")))
                )),
            };
            let generated = value.is_none();
            let value = value.unwrap_or_else(|| token_256(&SystemRng));
            let sec = new_secret(o, &value, expires_at, now);
            c.secrets.push(sec.clone());
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
            let mut c = tri!(find_client(d, t, &client_id)).clone();
            let before = c.secrets.len();
            c.secrets.retain(|s| s.id.to_string() != secret_id);
            if c.secrets.len() == before {
                return Ok(Err(NotFound(format!("client '{client_id}' has no secret '{secret_id}'"))));
            }
            tri!(obey(rules::client(&c)));
            tri!(apply(s, vec![Change::PutClient(Box::new(c))]).await?);
            print(&out, json!({"removed": secret_id}), |_| format!("secret {secret_id} removed"));
        }
    }
    Ok(Ok(()))
}
