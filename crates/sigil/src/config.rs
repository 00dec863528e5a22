//! Configuration: a TOML file (`--config` or `SIGIL_CONFIG`), every key overridable by an environment
//! variable `SIGIL_<SECTION>_<KEY>`. Unknown keys and bad values are refused with key, line and reason.
use serde::{Deserialize, Serialize};
use sigil_core::config::{LockoutSettings, TokenSettings};
use sigil_core::outbound::OutboundSettings;
use sigil_core::ratelimit::RateLimitSettings;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub server: ServerConfig,
    pub database: DatabaseConfig,
    pub security: SecurityConfig,
    pub tokens: TokenSettings,
    pub lockout: LockoutSettings,
    pub signin_log: SigninLogConfig,
    pub outbound: OutboundSettings,
    pub rate_limits: RateLimitSettings,
    pub audit: AuditConfig,
    /// WebAuthn relying party (docs/passkeys.md): `rp_id`, extra `origins` behind a proxy.
    pub passkeys: sigil_core::factor::passkey::RelyingParty,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerConfig {
    /// Address of the main listener.
    pub listen: String,
    /// More listeners serving the same application (e.g. `127.0.0.1:443` for MSAL's user realm call).
    pub extra_listen: Vec<String>,
    /// Public base URL; issuer and endpoint URLs are built from it.
    pub public_url: String,
    /// PEM certificate chain and private key; both set means HTTPS on every listener.
    pub tls_cert: String,
    pub tls_key: String,
    /// `text` or `json`.
    pub log_format: String,
    /// A tracing filter, e.g. `info` or `sigil=debug,info`.
    pub log_level: String,
    /// Bearer credential for the admin API (`/admin/…`); empty disables the admin API.
    pub admin_token: String,
    /// Seconds in-flight requests get to finish after SIGTERM/SIGINT.
    pub shutdown_grace: u64,
    /// Tokio worker threads; 0 means one per core.
    pub worker_threads: usize,
    /// Seconds a whole request (body read and handling) may take before it is answered 408 and its
    /// connection closed.
    pub request_timeout: u64,
    /// Seconds a client has to send a request's headers; also how long an idle keep-alive
    /// connection stays open.
    pub header_timeout: u64,
    /// Open connections per listener; more are refused (503, `Retry-After`) and counted.
    pub max_connections: usize,
    /// Reverse proxies (addresses or CIDR networks) whose `Forwarded` / `X-Forwarded-For` /
    /// `X-Forwarded-Proto` headers are believed.
    pub trusted_proxies: Vec<String>,
    /// When set, `/metrics` and `/admin/…` are served only on this address.
    pub admin_listen: String,
    /// `Strict-Transport-Security: max-age=…` on every HTTPS response; 0 sends none.
    pub hsts_max_age: u64,
    /// The level of the access log line written for every request (target `sigil::access`):
    /// `off`, `error`, `warn`, `info`, `debug` or `trace`. It is written when `log_level` lets
    /// that level through.
    pub access_log: String,
    /// OTLP/HTTP (protobuf) endpoint receiving OpenTelemetry traces, e.g.
    /// `http://otel-collector:4318/v1/traces`; empty exports none.
    pub otlp_endpoint: String,
    /// Fraction of requests traced when exporting (0.0 to 1.0); a request carrying a sampled W3C
    /// `traceparent` is always traced.
    pub otlp_sample_ratio: f64,
    /// The admin tenant (name or id): its access tokens for `api://sigil-admin` with the role
    /// `Sigil.Admin` or `Sigil.Reader` reach every tenant; other tenants' reach only their own.
    /// Empty: only the admin token reaches every tenant.
    pub admin_tenant: String,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            extra_listen: vec![],
            public_url: String::new(),
            tls_cert: String::new(),
            tls_key: String::new(),
            log_format: "text".into(),
            log_level: "info".into(),
            admin_token: String::new(),
            shutdown_grace: 30,
            worker_threads: 0,
            request_timeout: 30,
            header_timeout: 10,
            max_connections: 512,
            trusted_proxies: vec![],
            admin_listen: String::new(),
            hsts_max_age: 31_536_000,
            access_log: "debug".into(),
            otlp_endpoint: String::new(),
            otlp_sample_ratio: 1.0,
            admin_tenant: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseConfig {
    /// `sqlite://path/to/file.db` or `postgres://user:password@host:port/db`.
    pub url: String,
    pub max_connections: u32,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        Self { url: "sqlite://./sigil-data/sigil.db".into(), max_connections: 16 }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct SecurityConfig {
    /// Where the master key lives when `SIGIL_MASTER_KEY` is not set. Created (mode 0600) on first
    /// start. Empty: `master.key` in the SQLite database's folder (`./sigil-data/master.key`), so
    /// that one folder holds everything a restore needs.
    pub master_key_file: String,
}

/// Where the key file was by default before it moved into the data folder; still used when it
/// exists and the new one does not, so that an existing install never gets a second key.
pub const LEGACY_MASTER_KEY_FILE: &str = "./sigil-data.key";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SigninLogConfig {
    pub retention_days: i64,
    /// Records waiting to be written; beyond this they are dropped (and counted), never slowing issuance.
    pub queue_capacity: usize,
    pub batch_size: usize,
}

impl Default for SigninLogConfig {
    fn default() -> Self {
        Self { retention_days: 30, queue_capacity: 65_536, batch_size: 2048 }
    }
}

/// `[audit]`: the admin API's audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuditConfig {
    /// Entries older than this many days are removed (in bounded chunks, once a minute).
    pub retention_days: i64,
}

impl Default for AuditConfig {
    fn default() -> Self {
        Self { retention_days: 365 }
    }
}

#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A shorter admin credential could be guessed; 32 characters of hex are 128 bits.
const MIN_ADMIN_TOKEN_CHARS: usize = 32;

const SECTIONS: [&str; 10] = [
    "server",
    "database",
    "security",
    "tokens",
    "lockout",
    "signin_log",
    "outbound",
    "rate_limits",
    "audit",
    "passkeys",
];
/// Documented environment variables that are not configuration keys: the file, the master key, the
/// log filter override and the password of `sigil user create|update`.
/// `SIGIL_URL`, `SIGIL_CLIENT_ID`, `SIGIL_CLIENT_SECRET`, `SIGIL_AUTH_TENANT` and `SIGIL_TOKEN` are
/// the CLI's way to a running server (`--url`, docs/admin-api.md).
const NOT_KEYS: [&str; 9] = [
    "SIGIL_CONFIG",
    "SIGIL_MASTER_KEY",
    "SIGIL_LOG",
    "SIGIL_USER_PASSWORD",
    "SIGIL_URL",
    "SIGIL_CLIENT_ID",
    "SIGIL_CLIENT_SECRET",
    "SIGIL_AUTH_TENANT",
    "SIGIL_TOKEN",
];
/// Keys whose values are never echoed in an error.
const SECRET_KEYS: [&str; 1] = ["admin_token"];

/// A configuration key set by an environment variable, to name the variable in errors.
struct EnvKey {
    var: String,
    section: &'static str,
    key: String,
    value: String,
}

impl EnvKey {
    /// `SIGIL_X='value'`, with secrets hidden and a URL's password redacted.
    fn describe(&self) -> String {
        let shown = if SECRET_KEYS.contains(&self.key.as_str()) {
            "***".to_string()
        } else if self.key == "url" {
            sigil_store::redact_url(&self.value)
        } else {
            self.value.clone()
        };
        format!("environment variable {}='{shown}'", self.var)
    }
}

/// serde's type names as an operator reads them.
fn plain_reason(message: &str) -> String {
    ["u64", "i64", "u32", "usize", "u16"]
        .iter()
        .fold(message.trim().to_string(), |m, t| m.replace(&format!("expected {t}"), "expected a whole number"))
}

impl Config {
    /// Reads the file (if any), applies `SIGIL_<SECTION>_<KEY>` overrides, validates.
    /// Not `figment`: its `Env` provider splits names on a fixed separator (keys such as
    /// `request_timeout` contain it), names a failing value `SERVER.REQUEST_TIMEOUT` rather than the
    /// variable, and gives no line for a file's value; these messages name the variable or line.
    pub fn load(path: Option<&str>, env: &[(String, String)]) -> Result<Self, ConfigError> {
        let (src, name) = match path {
            Some(p) => {
                (std::fs::read_to_string(p).map_err(|e| ConfigError(format!("{p}: cannot read: {e}")))?, p.to_string())
            }
            None => (String::new(), "(defaults)".to_string()),
        };
        let mut doc: toml_edit::DocumentMut =
            src.parse().map_err(|e: toml_edit::TomlError| ConfigError(format!("{name}: {e}")))?;
        let mut from_env: Vec<EnvKey> = Vec::new();
        for (k, v) in env {
            let Some(rest) = k.strip_prefix("SIGIL_") else { continue };
            if NOT_KEYS.contains(&k.as_str()) {
                if k == "SIGIL_LOG"
                    && let Err(e) = tracing_subscriber::EnvFilter::try_new(v)
                {
                    return Err(ConfigError(format!("environment variable {k}='{v}': not a log filter: {e}")));
                }
                continue;
            }
            let lower = rest.to_ascii_lowercase();
            let Some(section) = SECTIONS.iter().find(|s| lower.starts_with(&format!("{s}_"))) else {
                return Err(ConfigError(format!(
                    "environment variable {k}: no configuration section matches (sections: {})",
                    SECTIONS.join(", ")
                )));
            };
            let key = &lower[section.len() + 1..];
            let value: toml_edit::Value = v.parse().unwrap_or_else(|_| toml_edit::Value::from(v.as_str()));
            let value = match (&value, key) {
                // Keys whose type is a string stay strings even when they look like numbers.
                (toml_edit::Value::String(_), _) => value,
                (
                    _,
                    "listen" | "public_url" | "tls_cert" | "tls_key" | "log_format" | "log_level" | "admin_token"
                    | "url" | "master_key_file" | "admin_listen" | "access_log" | "otlp_endpoint" | "admin_tenant",
                ) => toml_edit::Value::from(v.as_str()),
                _ => value,
            };
            let env_key = EnvKey { var: k.clone(), section, key: key.to_string(), value: v.clone() };
            // Each variable alone on the defaults: a value of the wrong type or an unknown key is
            // reported with the variable's name, not as a parse error of the merged document.
            let mut alone = toml_edit::DocumentMut::new();
            alone[section] = toml_edit::table();
            alone[section][key] = toml_edit::Item::Value(value.clone());
            if let Err(e) = toml::from_str::<Config>(&alone.to_string()) {
                return Err(ConfigError(format!(
                    "{}: not a valid [{section}] {key}: {}",
                    env_key.describe(),
                    plain_reason(e.message())
                )));
            }
            if doc.get(section).is_none() {
                doc[section] = toml_edit::table();
            }
            doc[section][key] = toml_edit::Item::Value(value);
            from_env.push(env_key);
        }
        let text = doc.to_string();
        let cfg: Config = toml::from_str(&text).map_err(|e| ConfigError(format!("{name}: {e}")))?;
        cfg.validate(&text, &name, &from_env)?;
        Ok(cfg)
    }

    fn validate(&self, text: &str, name: &str, from_env: &[EnvKey]) -> Result<(), ConfigError> {
        let fail = |section: &str, key: &str, why: String| {
            if let Some(e) = from_env.iter().find(|e| e.section == section && e.key == key) {
                return Err(ConfigError(format!("{}: [{section}] {key}: {why}", e.describe())));
            }
            let line = line_of(text, section, key).map(|l| format!(" (line {l})")).unwrap_or_default();
            Err(ConfigError(format!("{name}: [{section}] {key}{line}: {why}")))
        };
        for l in std::iter::once(&self.server.listen).chain(&self.server.extra_listen) {
            if l.parse::<std::net::SocketAddr>().is_err() {
                return fail("server", "listen", format!("'{l}' is not an address such as 127.0.0.1:8080"));
            }
        }
        let admin = &self.server.admin_listen;
        if !admin.is_empty() && admin.parse::<std::net::SocketAddr>().is_err() {
            return fail("server", "admin_listen", format!("'{admin}' is not an address such as 127.0.0.1:9090"));
        }
        if let Err(e) = sigil_http::meta::TrustedProxies::parse(&self.server.trusted_proxies) {
            return fail("server", "trusted_proxies", e);
        }
        let token = &self.server.admin_token;
        if !token.is_empty() && token.chars().count() < MIN_ADMIN_TOKEN_CHARS {
            return fail(
                "server",
                "admin_token",
                format!(
                    "too short ({} characters): use at least {MIN_ADMIN_TOKEN_CHARS} random characters, e.g. `openssl rand -hex 32`",
                    token.chars().count()
                ),
            );
        }
        for (k, v) in [
            ("request_timeout", self.server.request_timeout),
            ("header_timeout", self.server.header_timeout),
            ("max_connections", self.server.max_connections as u64),
        ] {
            if v == 0 {
                return fail("server", k, "must be at least 1".into());
            }
        }
        let url = &self.server.public_url;
        if !(url.is_empty() || url.starts_with("http://") || url.starts_with("https://")) {
            return fail("server", "public_url", "must start with http:// or https://".into());
        }
        if self.server.tls_cert.is_empty() != self.server.tls_key.is_empty() {
            return fail("server", "tls_cert", "tls_cert and tls_key must be set together".into());
        }
        if let Err(e) = tracing_subscriber::EnvFilter::try_new(&self.server.log_level) {
            return fail("server", "log_level", format!("'{}' is not a log filter: {e}", self.server.log_level));
        }
        if !["text", "json"].contains(&self.server.log_format.as_str()) {
            return fail("server", "log_format", format!("'{}' is not text or json", self.server.log_format));
        }
        if access_log_level(&self.server.access_log).is_err() {
            return fail(
                "server",
                "access_log",
                format!("'{}' is not off, error, warn, info, debug or trace", self.server.access_log),
            );
        }
        let otlp = &self.server.otlp_endpoint;
        if !(otlp.is_empty() || otlp.starts_with("http://") || otlp.starts_with("https://")) {
            return fail("server", "otlp_endpoint", format!("'{otlp}' is not an http:// or https:// URL"));
        }
        if !(0.0..=1.0).contains(&self.server.otlp_sample_ratio) {
            return fail("server", "otlp_sample_ratio", "must be between 0.0 and 1.0".into());
        }
        if !(self.database.url.starts_with("sqlite:")
            || self.database.url.starts_with("postgres://")
            || self.database.url.starts_with("postgresql://"))
        {
            return fail("database", "url", "must start with sqlite:// or postgres://".into());
        }
        if self.database.max_connections == 0 {
            return fail("database", "max_connections", "must be at least 1".into());
        }
        let t = &self.tokens;
        for (k, v) in [
            ("access_token_lifetime", t.access_token_lifetime),
            ("id_token_lifetime", t.id_token_lifetime),
            ("refresh_token_inactivity", t.refresh_token_inactivity),
            ("refresh_token_max_lifetime", t.refresh_token_max_lifetime),
            ("spa_refresh_token_max_lifetime", t.spa_refresh_token_max_lifetime),
            ("code_lifetime", t.code_lifetime),
            ("device_code_lifetime", t.device_code_lifetime),
            ("session_lifetime", t.session_lifetime),
            ("pushed_request_lifetime", t.pushed_request_lifetime),
            ("dpop_proof_window", t.dpop_proof_window),
            ("dpop_nonce_lifetime", t.dpop_nonce_lifetime),
            ("assertion_max_lifetime", t.assertion_max_lifetime),
        ] {
            if v <= 0 {
                return fail("tokens", k, "must be a positive number of seconds".into());
            }
        }
        for (k, v) in [
            ("refresh_token_grace", t.refresh_token_grace),
            ("key_rotation_delay", t.key_rotation_delay),
            ("key_rotation_interval", t.key_rotation_interval),
            ("expired_grant_retention", t.expired_grant_retention),
            ("assertion_clock_skew", t.assertion_clock_skew),
        ] {
            if v < 0 {
                return fail("tokens", k, "must not be negative".into());
            }
        }
        if t.groups_claim_limit < 1 {
            return fail("tokens", "groups_claim_limit", "must be at least 1 (a number of groups)".into());
        }
        if self.lockout.threshold == 0 {
            return fail("lockout", "threshold", "must be at least 1".into());
        }
        let l = &self.lockout;
        for (k, v) in [("window", l.window), ("duration", l.duration), ("familiar_for", l.familiar_for)] {
            if v <= 0 {
                return fail("lockout", k, "must be a positive number of seconds".into());
            }
        }
        if self.signin_log.retention_days <= 0 || self.signin_log.queue_capacity == 0 || self.signin_log.batch_size == 0
        {
            return fail(
                "signin_log",
                "retention_days",
                "retention_days, queue_capacity and batch_size must be positive".into(),
            );
        }
        if self.audit.retention_days <= 0 {
            return fail("audit", "retention_days", "must be a positive number of days".into());
        }
        let o = &self.outbound;
        if o.timeout == 0 || o.max_body == 0 || o.cache_entries == 0 {
            return fail("outbound", "timeout", "timeout, max_body and cache_entries must be positive".into());
        }
        if o.cache_min < 0 || o.cache_max < o.cache_min || o.refresh_min_interval < 0 {
            return fail(
                "outbound",
                "cache_max",
                "cache_min and refresh_min_interval must not be negative, cache_max not below cache_min".into(),
            );
        }
        if let Err(e) = self.rate_limits.validate() {
            let r = &self.rate_limits;
            let key = if r.window <= 0 {
                "window"
            } else if r.ipv4_prefix > 32 {
                "ipv4_prefix"
            } else {
                "ipv6_prefix"
            };
            return fail("rate_limits", key, e);
        }
        Ok(())
    }

    pub fn public_url(&self) -> String {
        if !self.server.public_url.is_empty() {
            return self.server.public_url.trim_end_matches('/').to_string();
        }
        let scheme = if self.tls() { "https" } else { "http" };
        format!("{scheme}://{}", self.server.listen)
    }

    /// The master key file: as configured, else `master.key` beside the SQLite database (the data
    /// folder), else `./sigil-data/master.key`.
    pub fn master_key_path(&self) -> std::path::PathBuf {
        if !self.security.master_key_file.is_empty() {
            return self.security.master_key_file.clone().into();
        }
        let db = self.database.url.strip_prefix("sqlite://").or_else(|| self.database.url.strip_prefix("sqlite:"));
        let folder = db
            .map(|p| p.split('?').next().unwrap_or(""))
            .filter(|p| !p.is_empty() && !p.starts_with(':'))
            .and_then(|p| std::path::Path::new(p).parent().map(|d| d.to_path_buf()))
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or_else(|| "./sigil-data".into());
        folder.join("master.key")
    }

    pub fn tls(&self) -> bool {
        !self.server.tls_cert.is_empty()
    }

    /// Clients reach the server over HTTPS: it serves TLS itself, or the public URL (a TLS-terminating
    /// proxy in front) is https. Cookies are then `Secure`.
    pub fn https_for_clients(&self) -> bool {
        self.tls() || self.public_url().starts_with("https://")
    }

    /// The effective configuration as TOML, secrets redacted.
    pub fn redacted_toml(&self) -> String {
        let mut c = self.clone();
        if !c.server.admin_token.is_empty() {
            c.server.admin_token = "***".into();
        }
        c.database.url = sigil_store::redact_url(&c.database.url);
        // Where the key really is, not the empty default.
        c.security.master_key_file = self.master_key_path().display().to_string();
        toml::to_string_pretty(&c).unwrap_or_default()
    }
}

/// `server.access_log`: a level, or `None` for `off`.
pub fn access_log_level(s: &str) -> Result<Option<tracing::Level>, ()> {
    match s.to_ascii_lowercase().as_str() {
        "off" => Ok(None),
        other => other.parse().map(Some).map_err(|_| ()),
    }
}

/// 1-based line of `key` inside `[section]` in the effective document.
fn line_of(text: &str, section: &str, key: &str) -> Option<usize> {
    let mut current = String::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if let Some(s) = l.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            current = s.trim().to_string();
        } else if current == section && l.split('=').next().map(str::trim) == Some(key) {
            return Some(i + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(s: &str) -> String {
        let p = std::env::temp_dir().join(format!("sigil-cfg-{}.toml", uuid::Uuid::new_v4().simple()));
        std::fs::write(&p, s).unwrap();
        p.display().to_string()
    }

    #[test]
    fn defaults_env_and_errors() {
        let c = Config::load(None, &[]).unwrap();
        assert_eq!(c.server.listen, "127.0.0.1:8080");
        assert_eq!(c.public_url(), "http://127.0.0.1:8080");
        let env = vec![
            ("SIGIL_TOKENS_ACCESS_TOKEN_LIFETIME".to_string(), "120".to_string()),
            ("SIGIL_DATABASE_URL".into(), "postgres://u:pw@h/db".into()),
        ];
        let c = Config::load(None, &env).unwrap();
        assert_eq!(c.tokens.access_token_lifetime, 120);
        assert!(c.redacted_toml().contains("postgres://u:***@h/db"));
        let p = write("[server]\nlisten = \"127.0.0.1:9\"\nlistn = 1\n");
        let e = Config::load(Some(&p), &[]).unwrap_err().0;
        assert!(e.contains("line 3") && e.contains("listn"), "{e}");
        let p = write("[tokens]\n\ncode_lifetime = -1\n");
        let e = Config::load(Some(&p), &[]).unwrap_err().0;
        assert!(e.contains("[tokens] code_lifetime (line 3)"), "{e}");
        let env = [("SIGIL_TOKENS_EXPIRED_GRANT_RETENTION".to_string(), "3600".to_string())];
        assert_eq!(Config::load(None, &env).unwrap().tokens.expired_grant_retention, 3600);
        assert_eq!(Config::load(None, &[]).unwrap().tokens.expired_grant_retention, 7 * 86400);
        let p = write("[tokens]\nkey_rotation_delay = -5\n");
        let e = Config::load(Some(&p), &[]).unwrap_err().0;
        assert!(e.contains("key_rotation_delay") && e.contains("must not be negative"), "{e}");
        let env = [("SIGIL_TOKENS_GROUPS_CLAIM_LIMIT".to_string(), "0".to_string())];
        let e = Config::load(None, &env).unwrap_err().0;
        assert!(e.contains("groups_claim_limit") && e.contains("at least 1"), "{e}");
        assert_eq!(Config::load(None, &[]).unwrap().tokens.groups_claim_limit, 200);
        let e = Config::load(None, &[("SIGIL_BOGUS_X".into(), "1".into())]).unwrap_err().0;
        assert!(e.contains("SIGIL_BOGUS_X"), "{e}");
    }

    #[test]
    fn documented_variables_and_errors_naming_the_variable() {
        let env = [("SIGIL_LOG".to_string(), "debug".to_string()), ("SIGIL_USER_PASSWORD".into(), "x".into())];
        assert!(Config::load(None, &env).is_ok());
        let e = Config::load(None, &[("SIGIL_LOG".into(), "sigil=loud".into())]).unwrap_err().0;
        assert!(e.starts_with("environment variable SIGIL_LOG='sigil=loud': not a log filter"), "{e}");
        let e = Config::load(None, &[("SIGIL_SERVER_LOG_LEVEL".into(), "sigil=loud".into())]).unwrap_err().0;
        assert!(e.contains("SIGIL_SERVER_LOG_LEVEL='sigil=loud'") && e.contains("not a log filter"), "{e}");
        let e = Config::load(None, &[("SIGIL_SERVER_WORKER_THREADS".into(), "many".into())]).unwrap_err().0;
        assert!(e.starts_with("environment variable SIGIL_SERVER_WORKER_THREADS='many'"), "{e}");
        assert!(e.contains("expected a whole number"), "{e}");
        let e = Config::load(None, &[("SIGIL_SERVER_LISTN".into(), "x".into())]).unwrap_err().0;
        assert!(e.contains("SIGIL_SERVER_LISTN") && e.contains("unknown field"), "{e}");
        let e = Config::load(None, &[("SIGIL_DATABASE_URL".into(), "mysql://u:pw-secret@h/db".into())]).unwrap_err().0;
        assert!(e.contains("SIGIL_DATABASE_URL='mysql://u:***@h/db'") && e.contains("[database] url"), "{e}");
    }

    #[test]
    fn the_master_key_lives_in_the_data_folder() {
        let mut c = Config::default();
        assert_eq!(c.master_key_path(), std::path::Path::new("./sigil-data/master.key"));
        c.database.url = "sqlite:///var/lib/sigil/db.sqlite?mode=rwc".into();
        assert_eq!(c.master_key_path(), std::path::Path::new("/var/lib/sigil/master.key"));
        c.database.url = "postgres://h/db".into();
        assert_eq!(c.master_key_path(), std::path::Path::new("./sigil-data/master.key"));
        c.security.master_key_file = "/etc/sigil/key".into();
        assert_eq!(c.master_key_path(), std::path::Path::new("/etc/sigil/key"));
    }

    #[test]
    fn server_limits_proxies_and_admin_settings_are_validated() {
        let c = Config::load(None, &[]).unwrap();
        assert_eq!((c.server.request_timeout, c.server.header_timeout, c.server.max_connections), (30, 10, 512));
        let err = |k: &str, v: &str| Config::load(None, &[(k.to_string(), v.to_string())]).unwrap_err().0;
        let e = err("SIGIL_SERVER_ADMIN_TOKEN", "short");
        assert!(e.contains("[server] admin_token") && e.contains("32"), "{e}");
        assert!(Config::load(None, &[("SIGIL_SERVER_ADMIN_TOKEN".into(), "x".repeat(32))]).is_ok());
        let e = err("SIGIL_SERVER_TRUSTED_PROXIES", r#"["10.0.0.0/8", "proxy.example"]"#);
        assert!(e.contains("trusted_proxies") && e.contains("proxy.example"), "{e}");
        let e = err("SIGIL_SERVER_ADMIN_LISTEN", "9090");
        assert!(e.contains("admin_listen"), "{e}");
        for k in ["SIGIL_SERVER_REQUEST_TIMEOUT", "SIGIL_SERVER_HEADER_TIMEOUT", "SIGIL_SERVER_MAX_CONNECTIONS"] {
            assert!(err(k, "0").contains("must be at least 1"), "{k}");
        }
        let https = Config::load(None, &[("SIGIL_SERVER_PUBLIC_URL".into(), "https://id.example".into())]).unwrap();
        assert!(https.https_for_clients() && !https.tls());
        assert!(!c.https_for_clients());
    }
}
