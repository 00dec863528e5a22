//! The admin CLI on the configured store: tenants, APIs, clients (and their secrets), users, signing
//! keys, consents. Every object is made or changed by `sigil_core::provisioning`'s constructors, the
//! same rules `import` applies; every change goes through the same transactional `Store::apply`.
use clap::{Args, Subcommand};
use serde_json::{Value, json};
use sigil_core::clock::{Clock, SystemClock};
use sigil_core::keys;
use sigil_core::model::*;
use sigil_core::provisioning::{
    self as rules, ClaimsSpec, Kind, NewApi, NewClient, NewGroup, NewSecret, NewTenant, NewUser, NewUserAccess,
    ProvisioningError, find_api, find_client, find_group, find_tenant, tenant_apis, tenant_groups,
};
use sigil_core::rng::{SystemRng, token_256};
use sigil_core::store::{Change, DirectoryData, Store};

pub mod remote;

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
    /// Manage groups and the application roles assigned to them.
    #[command(subcommand)]
    Group(GroupCmd),
    /// Signing keys.
    #[command(subcommand)]
    Keys(KeysCmd),
    /// Remembered user consents.
    #[command(subcommand)]
    Consent(ConsentCmd),
    /// Dynamic client registration (RFC 7591): initial access tokens.
    #[command(subcommand)]
    Registration(RegistrationCmd),
}

#[derive(Subcommand)]
pub enum RegistrationCmd {
    /// Create an initial access token (RFC 7591 §3) for a tenant whose registration is not open;
    /// printed once, stored only as a hash.
    Token {
        #[arg(long)]
        tenant: String,
        /// Registrations it allows.
        #[arg(long, default_value_t = 1)]
        uses: i64,
        /// Seconds until it expires (none: it does not).
        #[arg(long)]
        expires_in: Option<i64>,
        #[command(flatten)]
        out: Out,
    },
}

/// RFC 9126 §6 and RFC 9449 §5.2, §8: what a client must do for PAR and DPoP (unset: unchanged on
/// update, false on create).
#[derive(Args, Clone)]
pub struct SenderFlags {
    /// Authorization requests only through the PAR endpoint.
    #[arg(long)]
    require_pushed_authorization_requests: Option<bool>,
    /// Every token request must carry a DPoP proof.
    #[arg(long)]
    dpop_bound_access_tokens: Option<bool>,
    /// DPoP proofs must carry a server nonce.
    #[arg(long)]
    require_dpop_nonce: Option<bool>,
    /// RFC 9101 §10.5: authorization requests only as signed request objects.
    #[arg(long)]
    require_signed_request_object: Option<bool>,
    /// Security profile: `standard` or `fapi2` (FAPI 2.0 Security Profile, docs/fapi.md).
    #[arg(long)]
    profile: Option<String>,
}

impl SenderFlags {
    fn apply(&self, spec: &mut NewClient) {
        let set = |field: &mut bool, v: Option<bool>| {
            if let Some(v) = v {
                *field = v;
            }
        };
        set(&mut spec.require_pushed_authorization_requests, self.require_pushed_authorization_requests);
        set(&mut spec.dpop_bound_access_tokens, self.dpop_bound_access_tokens);
        set(&mut spec.require_dpop_nonce, self.require_dpop_nonce);
        set(&mut spec.require_signed_request_object, self.require_signed_request_object);
        if let Some(p) = &self.profile {
            spec.profile = Some(p.clone());
            // FAPI 2.0 §5.3.2.1: private_key_jwt is the client's only method (a secret it may
            // still hold is not accepted any more).
            if p == "fapi2" {
                spec.auth_methods = Some(vec!["private_key_jwt".into()]);
            }
        }
    }
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
        /// The registration policy as JSON (the `[tenant.registration]` keys of the import file),
        /// replacing the current one; `{}` turns registration off.
        #[arg(long)]
        registration: Option<String>,
        /// Multi-factor authentication for every user: `off`, `required`, or `unfamiliar` (when
        /// the device or network is new for the user).
        #[arg(long)]
        mfa: Option<String>,
        /// The session policy as JSON (the `[tenant.session]` keys of the import file:
        /// `stay_signed_in`, `lifetime`, `persistent_lifetime`), replacing the current one.
        #[arg(long)]
        session: Option<String>,
        /// RFC 7523 §2.1 trusted issuers as a JSON list (the `[[tenant.trusted_issuer]]` keys of
        /// the import file), replacing the current ones; `[]` removes them.
        #[arg(long)]
        trusted_issuers: Option<String>,
        #[command(flatten)]
        out: Out,
    },
    Delete {
        name: String,
        #[command(flatten)]
        out: Out,
    },
    /// The logo, colours, sign-in text and links of the tenant's pages (docs/branding.md). Only
    /// what is given changes; an empty value (`""`) clears it.
    Branding {
        name: String,
        /// A PNG, JPEG or WebP file (at most 100 KiB), stored in the database.
        #[arg(long, conflicts_with_all = ["logo_url", "no_logo"])]
        logo_file: Option<std::path::PathBuf>,
        /// A logo served by another site (https).
        #[arg(long, conflicts_with = "no_logo")]
        logo_url: Option<String>,
        /// Removes the logo, uploaded or linked.
        #[arg(long)]
        no_logo: bool,
        /// `#rrggbb`: buttons and links (WCAG 2.1 AA contrast with white is checked).
        #[arg(long)]
        primary_color: Option<String>,
        /// `#rrggbb`: the page behind the card (contrast with the page text is checked).
        #[arg(long)]
        background_color: Option<String>,
        /// Text on the sign-in page: `TEXT` for every language or `LANG=TEXT` (e.g. `ro=Bun venit`);
        /// repeatable, replaces the current text.
        #[arg(long = "signin-text")]
        signin_text: Option<Vec<String>>,
        #[arg(long)]
        privacy_url: Option<String>,
        #[arg(long)]
        terms_url: Option<String>,
        #[command(flatten)]
        out: Out,
    },
}

/// `Some("")` clears an optional text setting, `Some(x)` sets it, `None` keeps it.
fn set_opt(target: &mut Option<String>, v: Option<String>) {
    if let Some(v) = v {
        *target = (!v.is_empty()).then_some(v);
    }
}

/// `--signin-text` values: `LANG=TEXT` when LANG is a supported language, else the text for all.
fn localized_text(values: Vec<String>) -> sigil_core::branding::LocalizedText {
    let mut m = std::collections::BTreeMap::new();
    for v in values.into_iter().filter(|v| !v.is_empty()) {
        match v.split_once('=') {
            Some((l, t)) if sigil_core::i18n::supported(l) == Some(l) => m.insert(l.to_string(), t.to_string()),
            _ => m.insert(String::new(), v),
        };
    }
    sigil_core::branding::LocalizedText(m)
}

/// Entra's `groupMembershipClaims` and `optionalClaims` of an application.
#[derive(Args, Clone, Default)]
pub struct ClaimsArgs {
    /// Which groups tokens name in `groups`: None, SecurityGroup, All or ApplicationGroup.
    #[arg(long)]
    group_membership_claims: Option<String>,
    /// An optional claim of ID tokens (email, upn, given_name, family_name, acct); repeatable,
    /// replaces the list; `""` clears it.
    #[arg(long = "optional-claim-id-token")]
    optional_claims_id_token: Option<Vec<String>>,
    /// An optional claim of access tokens (email, upn, given_name, family_name, idtyp, acct);
    /// repeatable, replaces the list; `""` clears it.
    #[arg(long = "optional-claim-access-token")]
    optional_claims_access_token: Option<Vec<String>>,
}

impl ClaimsArgs {
    fn apply(self, c: &mut ClaimsSpec) {
        if self.group_membership_claims.is_some() {
            c.group_membership_claims = self.group_membership_claims;
        }
        let non_empty = |l: Vec<String>| l.into_iter().filter(|x| !x.is_empty()).collect();
        if let Some(l) = self.optional_claims_id_token {
            c.id_token = non_empty(l);
        }
        if let Some(l) = self.optional_claims_access_token {
            c.access_token = non_empty(l);
        }
    }
}

#[derive(Subcommand)]
pub enum GroupCmd {
    Create {
        #[arg(long)]
        tenant: String,
        name: String,
        /// A distribution or Microsoft 365 group rather than a security group.
        #[arg(long)]
        distribution: bool,
        /// `<API identifier>/<role>` assigned to the group's members; repeatable.
        #[arg(long = "app-role")]
        app_roles: Vec<String>,
        /// Members sign in with a second factor.
        #[arg(long)]
        require_mfa: bool,
        #[command(flatten)]
        out: Out,
    },
    List {
        #[arg(long)]
        tenant: String,
        #[command(flatten)]
        out: Out,
    },
    Update {
        #[arg(long)]
        tenant: String,
        name: String,
        #[arg(long)]
        security: Option<bool>,
        /// Replaces the group's roles; repeatable; `--app-role ""` clears them.
        #[arg(long = "app-role")]
        app_roles: Option<Vec<String>>,
        /// Members sign in with a second factor.
        #[arg(long)]
        require_mfa: Option<bool>,
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
        claims: ClaimsArgs,
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
        /// What the consent page says each scope allows, as JSON (the import file's shape):
        /// `{"read": "See your reports"}` or `{"read": {"en": "...", "ro": "..."}}`; replaces them.
        #[arg(long)]
        scope_descriptions: Option<String>,
        #[command(flatten)]
        claims: ClaimsArgs,
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
        /// How the client authenticates (client_secret_basic, client_secret_post,
        /// client_secret_jwt, ...); repeatable. With client_secret_jwt the generated secret is
        /// also kept sealed (it is the MAC key).
        #[arg(long = "auth-method")]
        auth_methods: Vec<String>,
        /// RFC 8693: an API whose tokens the client may exchange (subject token `aud`); repeatable.
        #[arg(long = "exchange-subject-audience")]
        exchange_subject_audiences: Vec<String>,
        /// RFC 8693: an API the client may ask exchanged tokens for; repeatable.
        #[arg(long = "exchange-target-audience")]
        exchange_target_audiences: Vec<String>,
        /// Users of this application sign in with a second factor.
        #[arg(long)]
        require_mfa: bool,
        #[command(flatten)]
        claims: ClaimsArgs,
        #[command(flatten)]
        sender: SenderFlags,
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
        /// Users of this application sign in with a second factor.
        #[arg(long)]
        require_mfa: Option<bool>,
        #[command(flatten)]
        claims: ClaimsArgs,
        #[command(flatten)]
        sender: SenderFlags,
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
    /// Certificates for `private_key_jwt` (MSAL's certificate credential): several at once.
    #[command(subcommand)]
    Cert(CertCmd),
    /// Federated credentials: tokens of an external issuer authenticate the client.
    #[command(subcommand)]
    Federated(FederatedCmd),
}

#[derive(Subcommand)]
pub enum CertCmd {
    /// Add the certificates of a PEM file (public part only); enables `private_key_jwt`.
    Add {
        #[arg(long)]
        tenant: String,
        client_id: String,
        pem_file: String,
        #[command(flatten)]
        out: Out,
    },
    /// Remove a certificate by its SHA-256 thumbprint (base64url, as `client show` prints it).
    Remove {
        #[arg(long)]
        tenant: String,
        client_id: String,
        thumbprint: String,
        #[command(flatten)]
        out: Out,
    },
}

#[derive(Subcommand)]
pub enum FederatedCmd {
    Add {
        #[arg(long)]
        tenant: String,
        client_id: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        issuer: String,
        #[arg(long)]
        subject: String,
        /// Default `api://AzureADTokenExchange`, as Entra's.
        #[arg(long)]
        audience: Option<String>,
        #[command(flatten)]
        out: Out,
    },
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
        /// Also keep this secret sealed and enable `client_secret_jwt` (OIDC Core §9) for the
        /// client (automatic when the client already uses it).
        #[arg(long)]
        client_secret_jwt: bool,
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
    /// Remove the user's second factors (authenticator apps, recovery codes): after a lost phone,
    /// the next sign-in that needs one asks to set one up again.
    MfaReset {
        #[arg(long)]
        tenant: String,
        username: String,
        #[command(flatten)]
        out: Out,
    },
    /// Show a user's groups and directly assigned application roles, or replace them.
    Access {
        #[arg(long)]
        tenant: String,
        username: String,
        /// A group the user is a member of; repeatable, replaces the list; `--group ""` clears it.
        #[arg(long = "group")]
        groups: Option<Vec<String>>,
        /// `<API identifier>/<role>` assigned to the user; repeatable, replaces the list;
        /// `--app-role ""` clears it.
        #[arg(long = "app-role")]
        app_roles: Option<Vec<String>>,
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
           "issuer_uses_name": t.issuer_uses_name, "registration": t.registration, "mfa": t.mfa,
           "session": t.session, "trusted_issuers": t.trusted_issuers, "branding": t.branding,
           "logo": t.branding.logo.as_ref().map(|l| json!({"content_type": l.content_type, "bytes": l.bytes.len()}))})
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
           "require_pushed_authorization_requests": c.require_pushed_authorization_requests,
           "dpop_bound_access_tokens": c.dpop_bound_access_tokens, "require_dpop_nonce": c.require_dpop_nonce,
           "exposes_api": c.exposes_api, "token_exchange": c.token_exchange,
           "secrets": c.secrets.iter().map(|s| json!({"id": s.id, "hint": format!("{}...", s.hint),
               "expires_at": s.expires_at.map(|e| sigil_core::clock::rfc3339(e * 1000))})).collect::<Vec<_>>(),
           "certificates": c.keys.iter().filter(|k| k.x5t_s256.is_some()).map(|k| json!({"x5t#S256": k.x5t_s256,
               "not_after": k.not_after.map(|e| sigil_core::clock::rfc3339(e * 1000))})).collect::<Vec<_>>(),
           "jwks_uri": c.jwks_uri, "federated_credentials": c.federated,
           "strict_assertion_replay": c.strict_assertion_replay, "require_mfa": c.require_mfa,
           "mfa_unfamiliar": c.mfa_unfamiliar,
           "require_signed_request_object": c.require_signed_request_object, "profile": c.profile.as_str()})
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
                    registration: Default::default(),
                    mfa: Default::default(),
                    trusted_issuers: vec![],
                    session: Default::default(),
                    branding: Default::default(),
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
            TenantCmd::Update {
                name,
                display_name,
                locale,
                allow_plain_pkce,
                issuer_uses_name,
                registration,
                mfa,
                session,
                trusted_issuers,
                out,
            } => {
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
                if let Some(r) = registration {
                    spec.registration = tri!(
                        serde_json::from_str(&r).map_err(|e| ProvisioningError::invalid("registration", e.to_string()))
                    );
                }
                if let Some(m) = mfa {
                    spec.mfa = tri!(sigil_core::model::MfaPolicy::parse(&m).ok_or_else(|| ProvisioningError::invalid(
                        "mfa",
                        "expected 'off', 'required' or 'unfamiliar'"
                    )));
                }
                if let Some(j) = session {
                    spec.session = tri!(
                        serde_json::from_str(&j).map_err(|e| ProvisioningError::invalid("session", e.to_string()))
                    );
                }
                if let Some(l) = trusted_issuers {
                    spec.trusted_issuers = tri!(
                        serde_json::from_str(&l)
                            .map_err(|e| ProvisioningError::invalid("trusted_issuers", e.to_string()))
                    );
                }
                let t = tri!(spec.build(Some(current), &SystemRng));
                tri!(apply(s, vec![Change::PutTenant(t.clone())]).await?);
                print(&out, tenant_json(&t), |_| format!("updated tenant {}", t.name));
            }
            TenantCmd::Branding {
                name,
                logo_file,
                logo_url,
                no_logo,
                primary_color,
                background_color,
                signin_text,
                privacy_url,
                terms_url,
                out,
            } => {
                let current = tri!(find_tenant(&d, &name));
                let mut spec = NewTenant::from_existing(current);
                let b = &mut spec.branding;
                if no_logo {
                    (b.logo, b.logo_url) = (None, None);
                }
                if let Some(f) = logo_file {
                    let bytes = tri!(
                        std::fs::read(&f)
                            .map_err(|e| ProvisioningError::invalid("logo_file", format!("{}: {e}", f.display())))
                    );
                    (b.logo, b.logo_url) = (Some(tri!(sigil_core::branding::Logo::new(bytes))), None);
                }
                if logo_url.is_some() {
                    b.logo = None;
                }
                set_opt(&mut b.logo_url, logo_url);
                set_opt(&mut b.primary_color, primary_color);
                set_opt(&mut b.background_color, background_color);
                set_opt(&mut b.privacy_url, privacy_url);
                set_opt(&mut b.terms_url, terms_url);
                if let Some(t) = signin_text {
                    b.signin_text = localized_text(t);
                }
                let t = tri!(spec.build(Some(current), &SystemRng));
                tri!(apply(s, vec![Change::PutTenant(t.clone())]).await?);
                print(&out, tenant_json(&t), |_| format!("updated the branding of tenant {}", t.name));
            }
            TenantCmd::Delete { name, out } => {
                let t = tri!(find_tenant(&d, &name));
                tri!(apply(s, vec![Change::DeleteTenant(t.id)]).await?);
                print(&out, json!({"deleted": t.name}), |_| format!("deleted tenant {} and everything in it", t.name));
            }
        },
        AdminCommand::Api(c) => match c {
            ApiCmd::Create { tenant, name, identifier, scopes, roles, claims, out } => {
                let t = tri!(find_tenant(&d, &tenant));
                let mut spec = NewApi {
                    name,
                    identifier,
                    scopes,
                    roles,
                    claims: ClaimsSpec::default(),
                    scope_descriptions: Default::default(),
                };
                claims.apply(&mut spec.claims);
                let a = tri!(spec.build(t, None, &SystemRng));
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
            ApiCmd::Update { tenant, name, scopes, roles, scope_descriptions, claims, out } => {
                let t = tri!(find_tenant(&d, &tenant));
                let current = tri!(find_api(&d, t, &name));
                let mut spec = NewApi::from_existing(current);
                claims.apply(&mut spec.claims);
                if let Some(x) = scopes {
                    spec.scopes = x;
                }
                if let Some(x) = roles {
                    spec.roles = x;
                }
                if let Some(j) = scope_descriptions {
                    spec.scope_descriptions = tri!(
                        serde_json::from_str(&j)
                            .map_err(|e| ProvisioningError::invalid("scope_descriptions", e.to_string()))
                    );
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
        AdminCommand::Group(c) => return group(o, &d, c).await,
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
            UserCmd::Access { tenant, username, groups, app_roles, out } => {
                let t = tri!(find_tenant(&d, &tenant));
                let u = tri!(find_user(s, t, &username).await?);
                let (all_groups, apis) = (tenant_groups(&d, t), tenant_apis(&d, t));
                let mut access = s.user_access(t.id, u.id).await?;
                if groups.is_some() || app_roles.is_some() {
                    let mut spec = NewUserAccess::from_existing(&access, &all_groups, &apis);
                    let non_empty = |l: Vec<String>| l.into_iter().filter(|x| !x.is_empty()).collect();
                    if let Some(g) = groups {
                        spec.groups = non_empty(g);
                    }
                    if let Some(r) = app_roles {
                        spec.app_roles = non_empty(r);
                    }
                    access = tri!(spec.build(&all_groups, &apis));
                    tri!(apply(s, vec![Change::SetUserAccess { user: u.id, access: access.clone() }]).await?);
                }
                let shown = NewUserAccess::from_existing(&access, &all_groups, &apis);
                print(
                    &out,
                    json!({"username": u.username, "groups": shown.groups, "app_roles": shown.app_roles}),
                    |_| format!("groups: {}\napp roles: {}", shown.groups.join(", "), shown.app_roles.join(", ")),
                );
            }
            UserCmd::Delete { tenant, username, out } => {
                let t = tri!(find_tenant(&d, &tenant));
                let u = tri!(find_user(s, t, &username).await?);
                tri!(apply(s, vec![Change::DeleteUser(u.id)]).await?);
                print(&out, json!({"deleted": u.username}), |_| format!("deleted user {}", u.username));
            }
            UserCmd::MfaReset { tenant, username, out } => {
                let t = tri!(find_tenant(&d, &tenant));
                let u = tri!(find_user(s, t, &username).await?);
                let removed = s.remove_factors(t.id, u.id).await?;
                print(&out, json!({"user": u.username, "authenticators_removed": removed}), |_| {
                    format!("removed {removed} authenticator(s) and the recovery codes of {}", u.username)
                });
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
                    let (key, rotate) = keys::rotation(&o.master, &SystemRng, &d.keys, t.id, a, now, active_from)?;
                    published.push(json!({"kid": key.kid, "alg": a.as_str()}));
                    changes.extend(rotate);
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
        AdminCommand::Registration(RegistrationCmd::Token { tenant, uses, expires_in, out }) => {
            let t = tri!(find_tenant(&d, &tenant));
            if uses < 1 {
                return Ok(Err(ProvisioningError::invalid("uses", "must be at least 1")));
            }
            let expires_at = expires_in.map(|e| now + e.max(1));
            let (token, stored) =
                sigil_core::registration::new_initial_access_token(&SystemRng, t.id, uses, expires_at, now);
            s.put_initial_access_token(&stored).await?;
            print(&out, json!({"token": token, "uses": uses, "expires_at": expires_at}), |_| {
                format!("initial access token for {} ({uses} use(s); shown once, store it now): {token}", t.name)
            });
        }
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

/// A client secret from `value`, hashed under the master key (and sealed when `recoverable`).
fn new_secret(
    o: &Opened,
    value: String,
    expires_at: Option<i64>,
    now: i64,
    recoverable: bool,
) -> Result<ClientSecret, ProvisioningError> {
    Ok(NewSecret { value, expires_at }.build_with("secret", &o.master, &SystemRng, now, &[], recoverable)?)
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
            claims,
            sender,
            exposes_api,
            auth_methods,
            exchange_subject_audiences,
            exchange_target_audiences,
            require_mfa,
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
            claims.apply(&mut spec.claims);
            sender.apply(&mut spec);
            spec.exposes_api = exposes_api;
            spec.token_exchange = exchange_policy(exchange_subject_audiences, exchange_target_audiences);
            spec.require_mfa = require_mfa;
            let recoverable = auth_methods.iter().any(|m| m == AuthMethod::ClientSecretJwt.as_str());
            if !auth_methods.is_empty() {
                spec.auth_methods = Some(auth_methods);
            }
            if let Some(v) = &secret {
                spec.secrets.push(tri!(new_secret(o, v.clone(), None, now, recoverable)));
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
            claims,
            sender,
            exposes_api,
            exchange_subject_audiences,
            exchange_target_audiences,
            require_mfa,
            out,
        } => {
            let t = tri!(find_tenant(d, &tenant));
            let current = tri!(find_client(d, t, &client_id));
            let mut spec = NewClient::from_existing(current);
            if let Some(m) = require_mfa {
                spec.require_mfa = m;
            }
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
            claims.apply(&mut spec.claims);
            sender.apply(&mut spec);
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
        ClientCmd::Secret(SecretCmd::Add { tenant, client_id, value, expires, client_secret_jwt, out }) => {
            let t = tri!(find_tenant(d, &tenant));
            let current = tri!(find_client(d, t, &client_id));
            let expires_at = match expires {
                None => None,
                Some(e) => Some(tri!(rules::rfc3339("--expires", &e))),
            };
            let generated = value.is_none();
            let value = value.unwrap_or_else(|| token_256(&SystemRng));
            let jwt = client_secret_jwt || current.auth_methods.contains(&AuthMethod::ClientSecretJwt);
            let sec = tri!(new_secret(o, value.clone(), expires_at, now, jwt));
            let mut c = tri!(rules::add_secret(current, sec.clone()));
            if jwt && !c.auth_methods.contains(&AuthMethod::ClientSecretJwt) {
                c.auth_methods.push(AuthMethod::ClientSecretJwt);
            }
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
        ClientCmd::Cert(CertCmd::Add { tenant, client_id, pem_file, out }) => {
            let t = tri!(find_tenant(d, &tenant));
            let current = tri!(find_client(d, t, &client_id));
            let pem = tri!(
                std::fs::read_to_string(&pem_file)
                    .map_err(|e| ProvisioningError::invalid("pem_file", format!("{pem_file}: {e}")))
            );
            let keys = tri!(
                sigil_core::jwk::keys_from_certificates(&pem).map_err(|e| ProvisioningError::invalid("pem_file", e))
            );
            let added: Vec<_> =
                keys.iter().map(|k| json!({"x5t#S256": k.x5t_s256, "not_after": k.not_after})).collect();
            let c = tri!(rules::add_assertion_credentials(current, keys, vec![]));
            tri!(apply(s, vec![Change::PutClient(Box::new(c))]).await?);
            print(&out, json!({"added": added}), |_| format!("{} certificate(s) added", added.len()));
        }
        ClientCmd::Cert(CertCmd::Remove { tenant, client_id, thumbprint, out }) => {
            let t = tri!(find_tenant(d, &tenant));
            let c = tri!(rules::remove_certificate(tri!(find_client(d, t, &client_id)), &thumbprint));
            tri!(apply(s, vec![Change::PutClient(Box::new(c))]).await?);
            print(&out, json!({"removed": thumbprint}), |_| format!("certificate {thumbprint} removed"));
        }
        ClientCmd::Federated(FederatedCmd::Add { tenant, client_id, name, issuer, subject, audience, out }) => {
            let t = tri!(find_tenant(d, &tenant));
            let current = tri!(find_client(d, t, &client_id));
            let audience = audience.unwrap_or_else(|| sigil_core::model::FEDERATED_DEFAULT_AUDIENCE.into());
            let f = sigil_core::model::FederatedCredential { name: name.clone(), issuer, subject, audience };
            let c = tri!(rules::add_assertion_credentials(current, vec![], vec![f]));
            tri!(apply(s, vec![Change::PutClient(Box::new(c))]).await?);
            print(&out, json!({"added": name}), |_| format!("federated credential {name} added"));
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

async fn group(o: &Opened, d: &DirectoryData, c: GroupCmd) -> Result<Result<(), ProvisioningError>, AnyError> {
    let s = o.store.as_ref();
    let group_json = |g: &Group| {
        let spec = NewGroup::from_existing(g, &d.apis);
        json!({"id": g.id, "name": g.name, "security": g.security, "app_roles": spec.app_roles,
               "require_mfa": g.require_mfa, "mfa_unfamiliar": g.mfa_unfamiliar})
    };
    match c {
        GroupCmd::Create { tenant, name, distribution, app_roles, require_mfa, out } => {
            let t = tri!(find_tenant(d, &tenant));
            let spec = NewGroup { name, security: !distribution, app_roles, require_mfa, mfa_unfamiliar: false };
            let g = tri!(spec.build(t, &tenant_apis(d, t), None, &SystemRng));
            tri!(apply(s, vec![Change::PutGroup(Box::new(g.clone()))]).await?);
            print(&out, group_json(&g), |_| format!("created group {} ({})", g.name, g.id));
        }
        GroupCmd::List { tenant, out } => {
            let t = tri!(find_tenant(d, &tenant));
            let gs = tenant_groups(d, t);
            print(&out, json!(gs.iter().map(group_json).collect::<Vec<_>>()), |_| {
                gs.iter()
                    .map(|g| format!("{}\t{}\t{}", g.name, g.id, if g.security { "security" } else { "distribution" }))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        GroupCmd::Update { tenant, name, security, app_roles, require_mfa, out } => {
            let t = tri!(find_tenant(d, &tenant));
            let current = tri!(find_group(d, t, &name));
            let mut spec = NewGroup::from_existing(current, &d.apis);
            if let Some(x) = security {
                spec.security = x;
            }
            if let Some(r) = app_roles {
                spec.app_roles = r.into_iter().filter(|x| !x.is_empty()).collect();
            }
            if let Some(m) = require_mfa {
                spec.require_mfa = m;
            }
            let g = tri!(spec.build(t, &tenant_apis(d, t), Some(current), &SystemRng));
            tri!(apply(s, vec![Change::PutGroup(Box::new(g.clone()))]).await?);
            print(&out, group_json(&g), |_| format!("updated group {}", g.name));
        }
        GroupCmd::Delete { tenant, name, out } => {
            let t = tri!(find_tenant(d, &tenant));
            let g = tri!(find_group(d, t, &name));
            tri!(apply(s, vec![Change::DeleteGroup(g.id)]).await?);
            print(&out, json!({"deleted": g.name}), |_| format!("deleted group {}", g.name));
        }
    }
    Ok(Ok(()))
}
