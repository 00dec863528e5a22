//! The admin CLI on a running server (`--url`): the same commands, carried out through the admin
//! API (`/admin/api/v1`, docs/admin-api.md) with an access token the CLI obtains by client
//! credentials (RFC 6749 §4.4) — or a bearer token given as is — instead of opening the database.
//! The server applies its provisioning rules, its roles and its audit log; a refusal is printed as
//! the API's problem details (RFC 9457) and ends the command with exit code 1 (2 for bad input).
use clap::Args;
use reqwest::Method;
use serde_json::{Value, json};
use sigil_core::model::UserProfile;
use sigil_core::provisioning::NewUser;

use super::*;

/// How the CLI reaches a running server. Global options (or environment variables), so that any
/// admin command can take them; without `--url` the commands open the configured database.
#[derive(Args, Clone, Default)]
pub struct RemoteArgs {
    /// Act on the running server at this base URL through its admin API, e.g. https://login.example.com
    #[arg(long = "url", id = "remote_url", global = true, env = "SIGIL_URL", value_name = "URL")]
    pub url: Option<String>,
    /// The confidential client whose token (client credentials, scope api://sigil-admin/.default)
    /// authorizes the commands.
    #[arg(long = "client-id", id = "remote_client_id", global = true, env = "SIGIL_CLIENT_ID", value_name = "ID")]
    pub client_id: Option<String>,
    /// Its secret (prefer the environment variable: a command line is visible in the process list).
    #[arg(
        long = "client-secret",
        id = "remote_client_secret",
        global = true,
        env = "SIGIL_CLIENT_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub client_secret: Option<String>,
    /// The tenant whose token endpoint issues the token (default: the command's --tenant).
    #[arg(long = "auth-tenant", id = "remote_auth_tenant", global = true, env = "SIGIL_AUTH_TENANT", value_name = "T")]
    pub auth_tenant: Option<String>,
    /// A bearer token to use as is (an access token, or server.admin_token) instead of client credentials.
    #[arg(long = "token", id = "remote_token", global = true, env = "SIGIL_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
}

/// Why a remote command stopped: the message for stderr and the exit code.
#[derive(Debug)]
pub struct Failed {
    pub message: String,
    pub exit: i32,
}

impl Failed {
    fn usage(message: impl Into<String>) -> Self {
        Self { message: message.into(), exit: EXIT_USAGE }
    }
    fn runtime(message: impl Into<String>) -> Self {
        Self { message: message.into(), exit: 1 }
    }
}

type Done = Result<(), Failed>;

/// A path segment, percent-encoded (RFC 3986 §3.3: everything but the unreserved characters).
pub fn seg(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// RFC 6749 §2.3.1: client ID and secret are form-urlencoded before they are joined for Basic.
fn form_encoded(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).unwrap_or_default().trim_start_matches('=').to_string()
}

/// The admin API of one server, with the bearer token every call carries.
pub struct AdminApi {
    http: reqwest::Client,
    base: String,
    bearer: String,
}

impl AdminApi {
    /// Gets a token (or takes `--token`) for `tenant`'s token endpoint (`--auth-tenant` first).
    pub async fn connect(args: &RemoteArgs, tenant: Option<&str>) -> Result<Self, Failed> {
        let base = args.url.clone().unwrap_or_default().trim_end_matches('/').to_string();
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(Failed::usage(format!("--url '{base}': expected http:// or https://")));
        }
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(30))
            .user_agent(concat!("sigil-cli/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Failed::runtime(format!("HTTP client: {e}")))?;
        if let Some(t) = &args.token {
            return Ok(Self { http, base, bearer: t.clone() });
        }
        let (Some(id), Some(secret)) = (&args.client_id, &args.client_secret) else {
            return Err(Failed::usage(
                "--url needs --client-id and --client-secret (SIGIL_CLIENT_ID, SIGIL_CLIENT_SECRET) or --token",
            ));
        };
        let Some(tenant) = args.auth_tenant.as_deref().or(tenant) else {
            return Err(Failed::usage("this command names no tenant: give --auth-tenant (SIGIL_AUTH_TENANT)"));
        };
        let url = format!("{base}/{}/oauth2/v2.0/token", seg(tenant));
        let res = http
            .post(&url)
            .basic_auth(form_encoded(id), Some(form_encoded(secret)))
            .form(&[("grant_type", "client_credentials"), ("scope", "api://sigil-admin/.default")])
            .send()
            .await
            .map_err(|e| Failed::runtime(format!("{url}: {e}")))?;
        let status = res.status();
        let body: Value = res.json().await.unwrap_or(Value::Null);
        match body["access_token"].as_str() {
            Some(t) if status.is_success() => Ok(Self { http, base, bearer: t.to_string() }),
            _ => Err(Failed::runtime(format!(
                "no token from {url} (HTTP {}): {} {}{}",
                status.as_u16(),
                body["error"].as_str().unwrap_or("?"),
                body["error_description"].as_str().unwrap_or(""),
                body["trace_id"].as_str().map(|t| format!(" (trace ID {t})")).unwrap_or_default()
            ))),
        }
    }

    /// One call; a refusal becomes the problem details, printed by the caller.
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Result<Value, Failed> {
        let url = format!("{}/admin/api/v1{path}", self.base);
        let mut req = self.http.request(method.clone(), &url).bearer_auth(&self.bearer);
        if let Some(b) = &body {
            req = req.json(b);
        }
        let res = req.send().await.map_err(|e| Failed::runtime(format!("{method} {url}: {e}")))?;
        let status = res.status();
        let text = res.text().await.unwrap_or_default();
        let v: Value = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(json!(text)) };
        if status.is_success() {
            return Ok(v);
        }
        Err(problem(status.as_u16(), &method, path, &v))
    }

    pub async fn get(&self, path: &str) -> Result<Value, Failed> {
        self.call(Method::GET, path, None).await
    }

    /// Every item of a paged list (following `next_cursor`).
    pub async fn list(&self, path: &str) -> Result<Vec<Value>, Failed> {
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let sep = if path.contains('?') { '&' } else { '?' };
            let page = match &cursor {
                Some(c) => format!("{path}{sep}limit=200&cursor={}", form_encoded(c)),
                None => format!("{path}{sep}limit=200"),
            };
            let v = self.get(&page).await?;
            items.extend(v["items"].as_array().cloned().unwrap_or_default());
            match v["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_string()),
                None => return Ok(items),
            }
        }
    }
}

/// RFC 9457 problem details as an operator reads them: status, catalog code and title, detail,
/// each broken rule, the troubleshooting page and the trace ID. Bad input (400, 404, 409, 412) is
/// exit code 2, as the local commands; refusals of the caller (401, 403, 429) and failures 1.
fn problem(status: u16, method: &Method, path: &str, p: &Value) -> Failed {
    let mut m = format!(
        "{method} {path}: HTTP {status} {} ({})",
        p["title"].as_str().unwrap_or("refused"),
        p["code"].as_u64().map(|c| c.to_string()).unwrap_or_else(|| "no code".into())
    );
    if let Some(d) = p["detail"].as_str() {
        m.push_str(&format!("\n  {d}"));
    }
    for e in p["errors"].as_array().into_iter().flatten() {
        m.push_str(&format!("\n  - {}: {}", e["field"].as_str().unwrap_or(""), e["message"].as_str().unwrap_or("")));
    }
    if let Some(t) = p["type"].as_str() {
        m.push_str(&format!("\n  troubleshooting: {t}"));
    }
    if let Some(t) = p["trace_id"].as_str() {
        m.push_str(&format!("\n  trace ID: {t}"));
    }
    let exit = if matches!(status, 400 | 404 | 409 | 412) { EXIT_USAGE } else { 1 };
    Failed { message: m, exit }
}

/// Options the admin API does not carry yet: refused by name rather than silently dropped.
fn unsupported(given: &[(&str, bool)]) -> Done {
    let names: Vec<&str> = given.iter().filter(|(_, set)| *set).map(|(n, _)| *n).collect();
    if names.is_empty() {
        return Ok(());
    }
    Err(Failed::usage(format!(
        "{} not available with --url (the admin API has no such field yet); run the command where the database is",
        names.join(", ")
    )))
}

/// The tenant a command names (for the token endpoint when --auth-tenant is absent).
fn tenant_of(cmd: &AdminCommand) -> Option<&String> {
    match cmd {
        AdminCommand::Tenant(TenantCmd::Show { name, .. } | TenantCmd::Update { name, .. }) => Some(name),
        AdminCommand::Tenant(_) => None,
        AdminCommand::Api(
            ApiCmd::Create { tenant, .. }
            | ApiCmd::List { tenant, .. }
            | ApiCmd::Show { tenant, .. }
            | ApiCmd::Update { tenant, .. }
            | ApiCmd::Delete { tenant, .. },
        ) => Some(tenant),
        AdminCommand::Client(c) => Some(match c {
            ClientCmd::Create { tenant, .. }
            | ClientCmd::List { tenant, .. }
            | ClientCmd::Show { tenant, .. }
            | ClientCmd::Update { tenant, .. }
            | ClientCmd::Delete { tenant, .. }
            | ClientCmd::Secret(SecretCmd::Add { tenant, .. } | SecretCmd::Remove { tenant, .. })
            | ClientCmd::Cert(CertCmd::Add { tenant, .. } | CertCmd::Remove { tenant, .. })
            | ClientCmd::Federated(FederatedCmd::Add { tenant, .. }) => tenant,
        }),
        AdminCommand::User(c) => Some(match c {
            UserCmd::Create { tenant, .. }
            | UserCmd::List { tenant, .. }
            | UserCmd::Show { tenant, .. }
            | UserCmd::Update { tenant, .. }
            | UserCmd::Delete { tenant, .. }
            | UserCmd::MfaReset { tenant, .. }
            | UserCmd::Access { tenant, .. } => tenant,
        }),
        AdminCommand::Group(c) => Some(match c {
            GroupCmd::Create { tenant, .. }
            | GroupCmd::List { tenant, .. }
            | GroupCmd::Update { tenant, .. }
            | GroupCmd::Delete { tenant, .. } => tenant,
        }),
        AdminCommand::Keys(KeysCmd::Rotate { tenant, .. } | KeysCmd::List { tenant, .. }) => Some(tenant),
        AdminCommand::Consent(ConsentCmd::Revoke { tenant, .. }) => Some(tenant),
        AdminCommand::Registration(RegistrationCmd::Token { tenant, .. }) => Some(tenant),
    }
}

/// Runs an admin command against the server at `--url`; the exit code.
pub async fn run(args: &RemoteArgs, cmd: AdminCommand) -> i32 {
    let outcome = match AdminApi::connect(args, tenant_of(&cmd).map(String::as_str)).await {
        Ok(api) => dispatch(&api, cmd).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => 0,
        Err(f) => {
            eprintln!("error: {}", f.message);
            f.exit
        }
    }
}

/// Lines of `columns` of each item, tab-separated (the local commands' list form).
fn rows(items: &[Value], columns: &[&str]) -> String {
    items
        .iter()
        .map(|i| {
            columns
                .iter()
                .map(|c| match &i[*c] {
                    Value::String(s) => s.clone(),
                    Value::Null => "-".into(),
                    v => v.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// `api://reports=Role1,Role2` options as the API's permissions (identifier, roles, scopes).
fn permissions(roles: &[String], scopes: &[String]) -> Result<Vec<Value>, Failed> {
    let mut out: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    for (spec, is_role) in roles.iter().map(|r| (r, true)).chain(scopes.iter().map(|s| (s, false))) {
        let (api, names) = parse_perm(spec).map_err(|e| Failed::usage(e.to_string()))?;
        let i = match out.iter().position(|p| p.0 == api) {
            Some(i) => i,
            None => {
                out.push((api, vec![], vec![]));
                out.len() - 1
            }
        };
        if is_role { out[i].1.extend(names) } else { out[i].2.extend(names) }
    }
    Ok(out.into_iter().map(|(api, roles, scopes)| json!({"api": api, "roles": roles, "scopes": scopes})).collect())
}

/// A JSON object of the given fields, leaving out those not set (a PATCH changes only those).
fn fields(pairs: Vec<(&str, Option<Value>)>) -> Value {
    Value::Object(pairs.into_iter().filter_map(|(k, v)| v.map(|v| (k.to_string(), v))).collect())
}

async fn dispatch(api: &AdminApi, cmd: AdminCommand) -> Done {
    match cmd {
        AdminCommand::Tenant(c) => tenant(api, c).await,
        AdminCommand::Api(c) => apis(api, c).await,
        AdminCommand::Client(c) => client(api, c).await,
        AdminCommand::User(c) => user(api, c).await,
        AdminCommand::Group(c) => group(api, c).await,
        AdminCommand::Keys(c) => keys(api, c).await,
        AdminCommand::Consent(_) | AdminCommand::Registration(_) => {
            Err(Failed::usage("consent and registration commands are not available with --url yet"))
        }
    }
}

async fn tenant(api: &AdminApi, c: TenantCmd) -> Done {
    match c {
        TenantCmd::Create { name, display_name, locale, alg, issuer_uses_name, out } => {
            let body = json!({"name": name, "display_name": display_name, "default_locale": locale,
                              "signing_alg": alg, "issuer_uses_name": issuer_uses_name});
            let t = api.call(Method::POST, "/tenants", Some(body)).await?;
            print(&out, t, |v| {
                format!("created tenant {} ({})", v["name"].as_str().unwrap_or(""), v["id"].as_str().unwrap_or(""))
            });
        }
        TenantCmd::List { out } => {
            let items = api.list("/tenants").await?;
            print(&out, json!(items), |_| rows(&items, &["name", "id", "display_name"]));
        }
        TenantCmd::Show { name, out } => {
            let t = api.get(&format!("/tenants/{}", seg(&name))).await?;
            print(&out, t, pretty);
        }
        TenantCmd::Update {
            name,
            display_name,
            locale,
            allow_plain_pkce,
            issuer_uses_name,
            registration,
            mfa,
            trusted_issuers,
            session,
            out,
        } => {
            let session = session
                .map(|j| serde_json::from_str::<Value>(&j).map_err(|e| Failed::usage(format!("--session: {e}"))))
                .transpose()?;
            let registration = registration
                .map(|r| serde_json::from_str::<Value>(&r).map_err(|e| Failed::usage(format!("--registration: {e}"))))
                .transpose()?;
            let trusted_issuers = trusted_issuers
                .map(|l| {
                    serde_json::from_str::<Value>(&l).map_err(|e| Failed::usage(format!("--trusted-issuers: {e}")))
                })
                .transpose()?;
            let body = fields(vec![
                ("trusted_issuers", trusted_issuers),
                ("display_name", display_name.map(Value::from)),
                ("default_locale", locale.map(Value::from)),
                ("allow_plain_pkce", allow_plain_pkce.map(Value::from)),
                ("issuer_uses_name", issuer_uses_name.map(Value::from)),
                ("registration", registration),
                ("mfa", mfa.map(Value::from)),
                ("session", session),
            ]);
            let t = api.call(Method::PATCH, &format!("/tenants/{}", seg(&name)), Some(body)).await?;
            print(&out, t, |v| format!("updated tenant {}", v["name"].as_str().unwrap_or("")));
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
            let path = format!("/tenants/{}", seg(&name));
            let current = api.get(&path).await?;
            let mut b = current["branding"].as_object().cloned().unwrap_or_default();
            let mut logo_base64: Option<String> = None;
            if no_logo {
                b.remove("logo_url");
                logo_base64 = Some(String::new());
            }
            if let Some(f) = logo_file {
                let bytes =
                    std::fs::read(&f).map_err(|e| Failed::usage(format!("--logo-file {}: {e}", f.display())))?;
                b.remove("logo_url");
                logo_base64 = Some(base64::Engine::encode(&base64::engine::general_purpose::STANDARD, bytes));
            }
            if logo_url.as_deref().is_some_and(|u| !u.is_empty()) {
                logo_base64 = Some(String::new());
            }
            // As on the database: `Some("")` clears a setting, `Some(x)` sets it, `None` keeps it.
            for (key, v) in [
                ("logo_url", logo_url),
                ("primary_color", primary_color),
                ("background_color", background_color),
                ("privacy_url", privacy_url),
                ("terms_url", terms_url),
            ] {
                match v {
                    Some(v) if v.is_empty() => {
                        b.remove(key);
                    }
                    Some(v) => {
                        b.insert(key.into(), Value::from(v));
                    }
                    None => {}
                }
            }
            if let Some(t) = signin_text {
                b.insert("signin_text".into(), json!(localized_text(t)));
            }
            let body =
                fields(vec![("branding", Some(Value::Object(b))), ("logo_base64", logo_base64.map(Value::from))]);
            let t = api.call(Method::PATCH, &path, Some(body)).await?;
            print(&out, t, |v| format!("updated the branding of tenant {}", v["name"].as_str().unwrap_or("")));
        }
        TenantCmd::Delete { name, out } => {
            api.call(Method::DELETE, &format!("/tenants/{}", seg(&name)), None).await?;
            print(&out, json!({"deleted": name}), |_| format!("deleted tenant {name}"));
        }
    }
    Ok(())
}

fn claims_given(c: &ClaimsArgs) -> bool {
    c.group_membership_claims.is_some()
        || c.optional_claims_id_token.is_some()
        || c.optional_claims_access_token.is_some()
}

async fn apis(api: &AdminApi, c: ApiCmd) -> Done {
    match c {
        ApiCmd::Create { tenant, name, identifier, scopes, roles, claims, out } => {
            unsupported(&[("--group-membership-claims/--optional-claim-*", claims_given(&claims))])?;
            let body = json!({"name": name, "identifier": identifier, "scopes": scopes, "roles": roles});
            let a = api.call(Method::POST, &format!("/tenants/{}/apis", seg(&tenant)), Some(body)).await?;
            print(&out, a, |v| {
                format!("created API {} ({})", v["name"].as_str().unwrap_or(""), v["identifier"].as_str().unwrap_or(""))
            });
        }
        ApiCmd::List { tenant, out } => {
            let items = api.list(&format!("/tenants/{}/apis", seg(&tenant))).await?;
            print(&out, json!(items), |_| rows(&items, &["name", "identifier"]));
        }
        ApiCmd::Show { tenant, name, out } => {
            let a = api.get(&format!("/tenants/{}/apis/{}", seg(&tenant), seg(&name))).await?;
            print(&out, a, pretty);
        }
        ApiCmd::Update { tenant, name, scopes, roles, claims, scope_descriptions, out } => {
            unsupported(&[
                ("--group-membership-claims/--optional-claim-*", claims_given(&claims)),
                ("--scope-descriptions", scope_descriptions.is_some()),
            ])?;
            let body = fields(vec![("scopes", scopes.map(|s| json!(s))), ("roles", roles.map(|r| json!(r)))]);
            let path = format!("/tenants/{}/apis/{}", seg(&tenant), seg(&name));
            let a = api.call(Method::PATCH, &path, Some(body)).await?;
            print(&out, a, |v| format!("updated API {}", v["name"].as_str().unwrap_or("")));
        }
        ApiCmd::Delete { tenant, name, out } => {
            api.call(Method::DELETE, &format!("/tenants/{}/apis/{}", seg(&tenant), seg(&name)), None).await?;
            print(&out, json!({"deleted": name}), |_| format!("deleted API {name}"));
        }
    }
    Ok(())
}

fn sender_given(s: &SenderFlags) -> bool {
    s.require_pushed_authorization_requests.is_some()
        || s.dpop_bound_access_tokens.is_some()
        || s.require_dpop_nonce.is_some()
        || s.require_signed_request_object.is_some()
        || s.profile.is_some()
}

async fn client(api: &AdminApi, c: ClientCmd) -> Done {
    let app = |tenant: &str, id: &str| format!("/tenants/{}/applications/{}", seg(tenant), seg(id));
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
            auth_methods,
            exchange_subject_audiences,
            exchange_target_audiences,
            require_mfa,
            claims,
            sender,
            out,
        } => {
            unsupported(&[
                ("--introspect", !introspect.is_empty()),
                ("--backchannel-logout-uri", backchannel_logout_uri.is_some()),
                ("--backchannel-logout-session-required", backchannel_logout_session_required.is_some()),
                ("--exposes-api", exposes_api.is_some()),
                ("--auth-method", !auth_methods.is_empty()),
                ("--exchange-subject-audience", !exchange_subject_audiences.is_empty()),
                ("--exchange-target-audience", !exchange_target_audiences.is_empty()),
                ("--require-mfa", require_mfa),
                ("--group-membership-claims/--optional-claim-*", claims_given(&claims)),
                ("--require-pushed-authorization-requests/--dpop-*/--profile", sender_given(&sender)),
            ])?;
            let type_ = if spa {
                "spa"
            } else if public {
                "public"
            } else {
                "confidential"
            };
            let body = json!({"client_id": client_id, "name": name, "type": type_, "grant_types": grants,
                              "redirect_uris": redirect_uris, "permissions": permissions(&roles, &scopes)?,
                              "require_pkce": require_pkce});
            let created =
                api.call(Method::POST, &format!("/tenants/{}/applications", seg(&tenant)), Some(body)).await?;
            print(&out, created, |v| match v["secret"]["value"].as_str() {
                Some(sec) => format!(
                    "created client {}\nsecret (shown once, store it now): {sec}",
                    v["application"]["client_id"].as_str().unwrap_or("")
                ),
                None => format!("created public client {}", v["application"]["client_id"].as_str().unwrap_or("")),
            });
        }
        ClientCmd::List { tenant, out } => {
            let items = api.list(&format!("/tenants/{}/applications", seg(&tenant))).await?;
            print(&out, json!(items), |_| rows(&items, &["client_id", "type", "name"]));
        }
        ClientCmd::Show { tenant, client_id, out } => {
            print(&out, api.get(&app(&tenant, &client_id)).await?, pretty);
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
            require_mfa,
            claims,
            sender,
            out,
        } => {
            unsupported(&[
                ("--introspect", introspect.is_some()),
                ("--backchannel-logout-uri", backchannel_logout_uri.is_some()),
                ("--backchannel-logout-session-required", backchannel_logout_session_required.is_some()),
                ("--exposes-api", exposes_api.is_some()),
                ("--exchange-subject-audience", exchange_subject_audiences.is_some()),
                ("--exchange-target-audience", exchange_target_audiences.is_some()),
                ("--require-mfa", require_mfa.is_some()),
                ("--group-membership-claims/--optional-claim-*", claims_given(&claims)),
                ("--require-pushed-authorization-requests/--dpop-*/--profile", sender_given(&sender)),
            ])?;
            let body = fields(vec![
                ("name", name.map(Value::from)),
                ("grant_types", grants.map(|g| json!(g))),
                ("redirect_uris", redirect_uris.map(|r| json!(r))),
                ("require_pkce", require_pkce.map(Value::from)),
            ]);
            let c = api.call(Method::PATCH, &app(&tenant, &client_id), Some(body)).await?;
            print(&out, c, |v| format!("updated client {}", v["client_id"].as_str().unwrap_or("")));
        }
        ClientCmd::Delete { tenant, client_id, out } => {
            api.call(Method::DELETE, &app(&tenant, &client_id), None).await?;
            print(&out, json!({"deleted": client_id}), |_| format!("deleted client {client_id}"));
        }
        ClientCmd::Secret(SecretCmd::Add { tenant, client_id, value, expires, client_secret_jwt, out }) => {
            // The API only generates secrets (256 bits): a chosen value is a weaker secret.
            unsupported(&[("--value", value.is_some()), ("--client-secret-jwt", client_secret_jwt)])?;
            let expires_at = expires
                .map(|e| rules::rfc3339("--expires", &e).map_err(|e| Failed::usage(e.to_string())))
                .transpose()?;
            let path = format!("{}/secrets", app(&tenant, &client_id));
            let added = api.call(Method::POST, &path, Some(json!({"expires_at": expires_at}))).await?;
            let shown = json!({"id": added["secret"]["id"], "secret": added["secret"]["value"],
                               "expires_at": added["secret"]["expires_at"]});
            print(&out, shown, |v| {
                format!(
                    "secret {} added\nsecret (shown once, store it now): {}",
                    v["id"].as_str().unwrap_or(""),
                    v["secret"].as_str().unwrap_or("")
                )
            });
        }
        ClientCmd::Secret(SecretCmd::Remove { tenant, client_id, secret_id, out }) => {
            api.call(Method::DELETE, &format!("{}/secrets/{}", app(&tenant, &client_id), seg(&secret_id)), None)
                .await?;
            print(&out, json!({"removed": secret_id}), |_| format!("secret {secret_id} removed"));
        }
        ClientCmd::Cert(CertCmd::Add { tenant, client_id, pem_file, out }) => {
            let pem =
                std::fs::read_to_string(&pem_file).map_err(|e| Failed::usage(format!("pem_file {pem_file}: {e}")))?;
            let path = format!("{}/certificates", app(&tenant, &client_id));
            let c = api.call(Method::POST, &path, Some(json!({"pem": pem}))).await?;
            let n = c["certificates"].as_array().map_or(0, Vec::len);
            print(&out, c, |_| format!("client {client_id} has {n} certificate(s)"));
        }
        ClientCmd::Cert(CertCmd::Remove { tenant, client_id, thumbprint, out }) => {
            let path = format!("{}/certificates/{}", app(&tenant, &client_id), seg(&thumbprint));
            api.call(Method::DELETE, &path, None).await?;
            print(&out, json!({"removed": thumbprint}), |_| format!("certificate {thumbprint} removed"));
        }
        ClientCmd::Federated(FederatedCmd::Add { tenant, client_id, name, issuer, subject, audience, out }) => {
            let body = json!({"name": name, "issuer": issuer, "subject": subject, "audience": audience});
            let path = format!("{}/federated-credentials", app(&tenant, &client_id));
            let f = api.call(Method::POST, &path, Some(body)).await?;
            print(&out, f, |_| format!("federated credential {name} added"));
        }
    }
    Ok(())
}

/// The profile the API holds for a user, with the given options applied (an empty value clears).
fn profile_with(current: &Value, args: ProfileArgs) -> (Value, bool) {
    let mut spec = NewUser::new(String::new());
    spec.profile = serde_json::from_value::<UserProfile>(current["profile"].clone()).unwrap_or_default();
    spec.email_verified = current["email_verified"].as_bool().unwrap_or(false);
    args.apply(&mut spec);
    (serde_json::to_value(&spec.profile).unwrap_or(json!({})), spec.email_verified)
}

async fn user(api: &AdminApi, c: UserCmd) -> Done {
    let one = |tenant: &str, u: &str| format!("/tenants/{}/users/{}", seg(tenant), seg(u));
    match c {
        UserCmd::Create { tenant, username, display_name, email, profile, password, out } => {
            let password = password.read(true).map_err(|e| Failed::usage(e.to_string()))?.unwrap_or_default();
            let (profile, email_verified) = profile_with(&Value::Null, profile);
            let body = json!({"username": username, "password": password, "display_name": display_name,
                              "email": email, "email_verified": email_verified, "profile": profile});
            let u = api.call(Method::POST, &format!("/tenants/{}/users", seg(&tenant)), Some(body)).await?;
            print(&out, u, |v| {
                format!("created user {} ({})", v["username"].as_str().unwrap_or(""), v["id"].as_str().unwrap_or(""))
            });
        }
        UserCmd::List { tenant, out } => {
            let items = api.list(&format!("/tenants/{}/users", seg(&tenant))).await?;
            print(&out, json!(items), |_| rows(&items, &["username", "id", "display_name", "enabled"]));
        }
        UserCmd::Show { tenant, username, out } => {
            print(&out, api.get(&one(&tenant, &username)).await?, pretty);
        }
        UserCmd::Update { tenant, username, display_name, email, enabled, profile, password, out } => {
            let password = password.read(false).map_err(|e| Failed::usage(e.to_string()))?;
            let path = one(&tenant, &username);
            let current = api.get(&path).await?;
            let (profile, email_verified) = profile_with(&current, profile);
            let body = fields(vec![
                ("display_name", display_name.map(Value::from)),
                ("email", email.map(Value::from)),
                ("enabled", enabled.map(Value::from)),
                ("email_verified", Some(Value::from(email_verified))),
                ("profile", Some(profile)),
            ]);
            let mut u = api.call(Method::PATCH, &path, Some(body)).await?;
            if let Some(p) = password {
                u = api.call(Method::PUT, &format!("{path}/password"), Some(json!({"password": p}))).await?;
            }
            print(&out, u, |v| format!("updated user {}", v["username"].as_str().unwrap_or("")));
        }
        UserCmd::Delete { tenant, username, out } => {
            api.call(Method::DELETE, &one(&tenant, &username), None).await?;
            print(&out, json!({"deleted": username}), |_| format!("deleted user {username}"));
        }
        UserCmd::MfaReset { .. } => return Err(Failed::usage("user mfa-reset is not available with --url yet")),
        UserCmd::Access { tenant, username, groups, app_roles, out } => {
            let path = format!("{}/groups", one(&tenant, &username));
            if let Some(wanted) = groups {
                let wanted: Vec<String> = wanted.into_iter().filter(|g| !g.is_empty()).collect();
                let now = api.get(&path).await?;
                let current: Vec<String> = serde_json::from_value(now["groups"].clone()).unwrap_or_default();
                let member =
                    |g: &str| format!("/tenants/{}/groups/{}/members/{}", seg(&tenant), seg(g), seg(&username));
                for g in wanted.iter().filter(|g| !current.contains(g)) {
                    api.call(Method::PUT, &member(g), None).await?;
                }
                for g in current.iter().filter(|g| !wanted.contains(g)) {
                    api.call(Method::DELETE, &member(g), None).await?;
                }
            }
            if let Some(roles) = app_roles {
                let roles: Vec<String> = roles.into_iter().filter(|r| !r.is_empty()).collect();
                let path = format!("{}/app-roles", one(&tenant, &username));
                api.call(Method::PUT, &path, Some(json!({"app_roles": roles}))).await?;
            }
            let access = api.get(&path).await?;
            print(&out, access, pretty);
        }
    }
    Ok(())
}

async fn group(api: &AdminApi, c: GroupCmd) -> Done {
    let one = |tenant: &str, g: &str| format!("/tenants/{}/groups/{}", seg(tenant), seg(g));
    match c {
        GroupCmd::Create { tenant, name, distribution, app_roles, require_mfa, out } => {
            let body = json!({"name": name, "security": !distribution, "app_roles": app_roles,
                              "require_mfa": require_mfa});
            let g = api.call(Method::POST, &format!("/tenants/{}/groups", seg(&tenant)), Some(body)).await?;
            print(&out, g, |v| {
                format!("created group {} ({})", v["name"].as_str().unwrap_or(""), v["id"].as_str().unwrap_or(""))
            });
        }
        GroupCmd::List { tenant, out } => {
            let items = api.list(&format!("/tenants/{}/groups", seg(&tenant))).await?;
            print(&out, json!(items), |_| rows(&items, &["name", "id", "security"]));
        }
        GroupCmd::Update { tenant, name, security, app_roles, require_mfa, out } => {
            let body = fields(vec![
                ("security", security.map(Value::from)),
                ("app_roles", app_roles.map(|r| json!(r.into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>()))),
                ("require_mfa", require_mfa.map(Value::from)),
            ]);
            let g = api.call(Method::PATCH, &one(&tenant, &name), Some(body)).await?;
            print(&out, g, |v| format!("updated group {}", v["name"].as_str().unwrap_or("")));
        }
        GroupCmd::Delete { tenant, name, out } => {
            api.call(Method::DELETE, &one(&tenant, &name), None).await?;
            print(&out, json!({"deleted": name}), |_| format!("deleted group {name}"));
        }
    }
    Ok(())
}

async fn keys(api: &AdminApi, c: KeysCmd) -> Done {
    match c {
        KeysCmd::Rotate { tenant, delay, alg, out } => {
            let body = fields(vec![("delay", delay.map(Value::from)), ("alg", alg.map(Value::from))]);
            let k = api.call(Method::POST, &format!("/tenants/{}/keys/rotate", seg(&tenant)), Some(body)).await?;
            print(&out, k, |v| {
                let items = v["items"].as_array().cloned().unwrap_or_default();
                format!("rotated; keys now:\n{}", rows(&items, &["kid", "alg", "active_from", "retired_at"]))
            });
        }
        KeysCmd::List { tenant, out } => {
            let k = api.get(&format!("/tenants/{}/keys", seg(&tenant))).await?;
            let items = k["items"].as_array().cloned().unwrap_or_default();
            print(&out, k, |_| rows(&items, &["kid", "alg", "active_from", "retired_at"]));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_and_basic_credentials_are_encoded() {
        assert_eq!(seg("web-portal"), "web-portal");
        assert_eq!(seg("api://reports"), "api%3A%2F%2Freports");
        assert_eq!(seg("a b/ü"), "a%20b%2F%C3%BC");
        // RFC 6749 §2.3.1: form-urlencoded before Basic.
        assert_eq!(form_encoded("a b:c%"), "a+b%3Ac%25");
    }

    #[test]
    fn a_problem_reads_with_its_code_detail_rules_and_trace() {
        let p = json!({"title": "Forbidden", "code": 88000481, "status": 403, "detail": "role Sigil.Reader may not write",
                       "type": "https://x/errors/88000481", "trace_id": "t-1",
                       "errors": [{"field": "name", "message": "taken"}]});
        let f = problem(403, &Method::POST, "/tenants", &p);
        assert_eq!(f.exit, 1);
        for part in ["HTTP 403", "88000481", "Sigil.Reader", "name: taken", "https://x/errors/88000481", "t-1"] {
            assert!(f.message.contains(part), "{part} in {}", f.message);
        }
        assert_eq!(problem(404, &Method::GET, "/x", &json!({})).exit, EXIT_USAGE);
        assert!(unsupported(&[("--a", false)]).is_ok());
        let e = unsupported(&[("--a", true), ("--b", false), ("--c", true)]).unwrap_err();
        assert!(e.message.starts_with("--a, --c not available"), "{}", e.message);
    }

    #[test]
    fn permission_options_group_by_api() {
        let p = permissions(&["api://r=A,B".into()], &["api://r=read".into(), "api://s=x".into()]).unwrap();
        assert_eq!(
            p,
            vec![
                json!({"api": "api://r", "roles": ["A", "B"], "scopes": ["read"]}),
                json!({"api": "api://s", "roles": [], "scopes": ["x"]})
            ]
        );
    }
}
