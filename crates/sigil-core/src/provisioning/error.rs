//! Why a provisioning request was refused, typed so that each way in (CLI exit codes, a future
//! admin HTTP API's statuses) can tell a missing object from a broken rule from a name clash.
use super::RuleError;

/// The kinds of object provisioning manages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Tenant,
    Api,
    Client,
    User,
    Secret,
    Consent,
    Group,
    FederatedCredential,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tenant => "tenant",
            Self::Api => "API",
            Self::Client => "client",
            Self::User => "user",
            Self::Secret => "secret",
            Self::Consent => "consent",
            Self::Group => "group",
            Self::FederatedCredential => "federated credential",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProvisioningError {
    /// No `kind` named `name` (inside `within`, e.g. a client in its tenant).
    #[error("{}", not_found(*kind, name, within))]
    NotFound { kind: Kind, name: String, within: Option<(Kind, String)> },
    /// Rules broken, each `field: message`; all of them, not only the first.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\nerror: "))]
    Invalid(Vec<RuleError>),
    /// The name is taken (the store's unique constraints have the last word).
    #[error("already exists: {0}")]
    Conflict(String),
}

fn not_found(kind: Kind, name: &str, within: &Option<(Kind, String)>) -> String {
    match (kind, within) {
        (Kind::Consent, Some((k, n))) => format!("{} '{n}' has no consent for client '{name}'", k.as_str()),
        (_, Some((Kind::Tenant, t))) => format!("no {} '{name}' in tenant '{t}'", kind.as_str()),
        (_, Some((k, n))) => format!("{} '{n}' has no {} '{name}'", k.as_str(), kind.as_str()),
        (_, None) => format!("no {} '{name}'", kind.as_str()),
    }
}

impl ProvisioningError {
    pub fn not_found(kind: Kind, name: impl Into<String>) -> Self {
        Self::NotFound { kind, name: name.into(), within: None }
    }
    /// Not found inside another object: `no client 'x' in tenant 'y'`, `client 'x' has no secret 'z'`.
    pub fn not_found_in(kind: Kind, name: impl Into<String>, parent: Kind, parent_name: impl Into<String>) -> Self {
        Self::NotFound { kind, name: name.into(), within: Some((parent, parent_name.into())) }
    }
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid(vec![RuleError::new(field, message)])
    }
    /// `Ok` when no rule is broken.
    pub fn check(broken: Vec<RuleError>) -> Result<(), Self> {
        if broken.is_empty() { Ok(()) } else { Err(Self::Invalid(broken)) }
    }
}

impl From<RuleError> for ProvisioningError {
    fn from(e: RuleError) -> Self {
        Self::Invalid(vec![e])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_object_and_where_it_was_looked_for() {
        assert_eq!(ProvisioningError::not_found(Kind::Tenant, "x").to_string(), "no tenant 'x'");
        let e = ProvisioningError::not_found_in(Kind::Api, "r", Kind::Tenant, "contoso");
        assert_eq!(e.to_string(), "no API 'r' in tenant 'contoso'");
        let e = ProvisioningError::not_found_in(Kind::Secret, "s1", Kind::Client, "app");
        assert_eq!(e.to_string(), "client 'app' has no secret 's1'");
        let e = ProvisioningError::not_found_in(Kind::Consent, "app", Kind::User, "dora");
        assert_eq!(e.to_string(), "user 'dora' has no consent for client 'app'");
        let e = ProvisioningError::Invalid(vec![RuleError::new("a", "x"), RuleError::new("", "y")]);
        assert_eq!(e.to_string(), "a: x\nerror: y");
        assert_eq!(ProvisioningError::Conflict("t".into()).to_string(), "already exists: t");
    }
}
