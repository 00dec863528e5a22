//! SCIM 2.0 (RFC 7643 schema, RFC 7644 protocol) for users and groups: filters, PATCH, the
//! mapping between SCIM representations and Sigil's users and groups, and the discovery
//! documents. No HTTP here: `sigil-http/src/scim/` serves it.
pub mod attrs;
pub mod discovery;
pub mod filter;
pub mod group;
pub mod patch;
pub mod user;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::catalog::{self, ErrorEntry};
use crate::clock::UnixTime;
use crate::error::SigilError;

/// RFC 7643 §8.7.1 schema URIs.
pub const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub const GROUP: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
/// RFC 7643 §4.3.
pub const ENTERPRISE_USER: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/// RFC 7644 §3.4.2, §3.5.2, §3.12, §3.4.3.
pub const LIST_RESPONSE: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
pub const PATCH_OP: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
pub const ERROR: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
pub const SEARCH_REQUEST: &str = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

/// Most resources one list page holds (`count` is capped to it; ServiceProviderConfig
/// `filter.maxResults`).
pub const MAX_RESULTS: usize = 200;
/// A filter the store cannot answer from an index is evaluated over at most this many of the
/// tenant's resources; with more, it is refused with `tooMany` (RFC 7644 §3.4.2.2).
pub const MAX_SCAN: usize = 10_000;

/// RFC 7644 §3.12 Table 9 `scimType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScimType {
    InvalidFilter,
    TooMany,
    Uniqueness,
    Mutability,
    InvalidSyntax,
    InvalidPath,
    NoTarget,
    InvalidValue,
}

impl ScimType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidFilter => "invalidFilter",
            Self::TooMany => "tooMany",
            Self::Uniqueness => "uniqueness",
            Self::Mutability => "mutability",
            Self::InvalidSyntax => "invalidSyntax",
            Self::InvalidPath => "invalidPath",
            Self::NoTarget => "noTarget",
            Self::InvalidValue => "invalidValue",
        }
    }

    /// Its catalog entry (`uniqueness` is the admin API's 409 for a taken name).
    pub fn entry(self) -> &'static ErrorEntry {
        match self {
            Self::InvalidFilter => catalog::SCIM_INVALID_FILTER,
            Self::TooMany => catalog::SCIM_TOO_MANY,
            Self::Uniqueness => catalog::ADMIN_CONFLICT,
            Self::Mutability => catalog::SCIM_MUTABILITY,
            Self::InvalidSyntax => catalog::SCIM_INVALID_SYNTAX,
            Self::InvalidPath => catalog::SCIM_INVALID_PATH,
            Self::NoTarget => catalog::SCIM_NO_TARGET,
            Self::InvalidValue => catalog::SCIM_INVALID_VALUE,
        }
    }

    /// The `scimType` of a catalog code, where one applies.
    pub fn of_code(code: u32) -> Option<Self> {
        [
            Self::InvalidFilter,
            Self::TooMany,
            Self::Uniqueness,
            Self::Mutability,
            Self::InvalidSyntax,
            Self::InvalidPath,
            Self::NoTarget,
            Self::InvalidValue,
        ]
        .into_iter()
        .find(|t| t.entry().code == code)
        .or(match code {
            c if c == catalog::ADMIN_INVALID_OBJECT.code => Some(Self::InvalidValue),
            c if c == catalog::MALFORMED_REQUEST.code => Some(Self::InvalidSyntax),
            _ => None,
        })
    }

    pub fn error(self, why: impl Into<String>) -> SigilError {
        SigilError::new(self.entry(), why)
    }
}

/// Which resource type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    User,
    Group,
}

/// What SCIM keeps of a user or group beyond Sigil's own model: `externalId` (the provisioning
/// client's key, RFC 7643 §3.1), the attributes Sigil stores but does not use (the enterprise
/// extension, `emails` beyond the primary one, `title`, …) and the resource's times.
#[derive(Debug, Clone, PartialEq)]
pub struct ScimRecord {
    /// The user's or group's id.
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub kind: Kind,
    pub external_id: Option<String>,
    /// A JSON object.
    pub attributes: Value,
    pub created_at: UnixTime,
    pub modified_at: UnixTime,
}

impl ScimRecord {
    /// The record to write for `id` now: `previous`'s creation time, and `modified_at` moved only
    /// when `externalId` or the kept attributes change.
    pub fn next(
        previous: Option<&ScimRecord>,
        (id, tenant_id, kind): (Uuid, Uuid, Kind),
        external_id: Option<String>,
        attributes: Value,
        now: UnixTime,
    ) -> Self {
        let same = previous.is_some_and(|r| r.external_id == external_id && r.attributes == attributes);
        Self {
            id,
            tenant_id,
            kind,
            external_id,
            attributes,
            created_at: previous.map_or(now, |r| r.created_at),
            modified_at: match previous {
                Some(r) if same => r.modified_at,
                _ => now,
            },
        }
    }
}

/// RFC 7643 §2.3.5 `dateTime` (xsd:dateTime, e.g. `2011-05-13T04:42:34Z`) of a Unix time, for
/// `meta.created` / `meta.lastModified`.
pub fn datetime(t: UnixTime) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp(t).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let f = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    t.format(&f).unwrap_or_default()
}

/// `true`/`false`, or as Entra sends it, `"True"`/`"False"`.
pub fn boolean(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}
