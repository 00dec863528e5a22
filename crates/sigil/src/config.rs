//! Configuration: a TOML file (`--config` or `SIGIL_CONFIG`), every key overridable by an environment
//! variable `SIGIL_<SECTION>_<KEY>`. Unknown keys and bad values are refused with key, line and reason.
use serde::{Deserialize, Serialize};
use sigil_core::config::{LockoutSettings, TokenSettings};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub server: ServerConfig,
    pub database: DatabaseConfig,
    pub security: SecurityConfig,
    pub tokens: TokenSettings,
    pub lockout: LockoutSettings,
    pub signin_log: SigninLogConfig,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SecurityConfig {
    /// Where the master key lives when `SIGIL_MASTER_KEY` is not set. Created (mode 0600) on first start.
    pub master_key_file: String,
}

impl Default for SecurityConfig {
    fn default() -> Self {
        Self { master_key_file: "./sigil-data.key".into() }
    }
}

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

#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

const SECTIONS: [&str; 6] = ["server", "database", "security", "tokens", "lockout", "signin_log"];
/// Environment variables that are not configuration keys.
const NOT_KEYS: [&str; 2] = ["SIGIL_CONFIG", "SIGIL_MASTER_KEY"];

impl Config {
    /// Reads the file (if any), applies `SIGIL_<SECTION>_<KEY>` overrides, validates.
    pub fn load(path: Option<&str>, env: &[(String, String)]) -> Result<Self, ConfigError> {
        let (src, name) = match path {
            Some(p) => {
                (std::fs::read_to_string(p).map_err(|e| ConfigError(format!("{p}: cannot read: {e}")))?, p.to_string())
            }
            None => (String::new(), "(defaults)".to_string()),
        };
        let mut doc: toml_edit::DocumentMut =
            src.parse().map_err(|e: toml_edit::TomlError| ConfigError(format!("{name}: {e}")))?;
        for (k, v) in env {
            let Some(rest) = k.strip_prefix("SIGIL_") else { continue };
            if NOT_KEYS.contains(&k.as_str()) {
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
                    | "url" | "master_key_file",
                ) => toml_edit::Value::from(v.as_str()),
                _ => value,
            };
            if doc.get(section).is_none() {
                doc[section] = toml_edit::table();
            }
            doc[section][key] = toml_edit::Item::Value(value);
        }
        let text = doc.to_string();
        let cfg: Config = toml::from_str(&text).map_err(|e| ConfigError(format!("{name}: {e}")))?;
        cfg.validate(&text, &name)?;
        Ok(cfg)
    }

    fn validate(&self, text: &str, name: &str) -> Result<(), ConfigError> {
        let fail = |section: &str, key: &str, why: String| {
            let line = line_of(text, section, key).map(|l| format!(" (line {l})")).unwrap_or_default();
            Err(ConfigError(format!("{name}: [{section}] {key}{line}: {why}")))
        };
        for l in std::iter::once(&self.server.listen).chain(&self.server.extra_listen) {
            if l.parse::<std::net::SocketAddr>().is_err() {
                return fail("server", "listen", format!("'{l}' is not an address such as 127.0.0.1:8080"));
            }
        }
        let url = &self.server.public_url;
        if !(url.is_empty() || url.starts_with("http://") || url.starts_with("https://")) {
            return fail("server", "public_url", "must start with http:// or https://".into());
        }
        if self.server.tls_cert.is_empty() != self.server.tls_key.is_empty() {
            return fail("server", "tls_cert", "tls_cert and tls_key must be set together".into());
        }
        if !["text", "json"].contains(&self.server.log_format.as_str()) {
            return fail("server", "log_format", format!("'{}' is not text or json", self.server.log_format));
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
            ("code_lifetime", t.code_lifetime),
            ("session_lifetime", t.session_lifetime),
        ] {
            if v <= 0 {
                return fail("tokens", k, "must be a positive number of seconds".into());
            }
        }
        for (k, v) in [
            ("refresh_token_grace", t.refresh_token_grace),
            ("key_rotation_delay", t.key_rotation_delay),
            ("expired_grant_retention", t.expired_grant_retention),
        ] {
            if v < 0 {
                return fail("tokens", k, "must not be negative".into());
            }
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
        Ok(())
    }

    pub fn public_url(&self) -> String {
        if !self.server.public_url.is_empty() {
            return self.server.public_url.trim_end_matches('/').to_string();
        }
        let scheme = if self.tls() { "https" } else { "http" };
        format!("{scheme}://{}", self.server.listen)
    }

    pub fn tls(&self) -> bool {
        !self.server.tls_cert.is_empty()
    }

    /// The effective configuration as TOML, secrets redacted.
    pub fn redacted_toml(&self) -> String {
        let mut c = self.clone();
        if !c.server.admin_token.is_empty() {
            c.server.admin_token = "***".into();
        }
        c.database.url = sigil_store::redact_url(&c.database.url);
        toml::to_string_pretty(&c).unwrap_or_default()
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
        let e = Config::load(None, &[("SIGIL_BOGUS_X".into(), "1".into())]).unwrap_err().0;
        assert!(e.contains("SIGIL_BOGUS_X"), "{e}");
    }
}
