//! A Sigil group as a SCIM Group (RFC 7643 §4.2) and back. Members are users of the tenant (Sigil
//! has no nested groups); the [`ScimRecord`] keeps `externalId` and the times.
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::attrs::member;
use super::{GROUP, ScimRecord, ScimType, datetime};
use crate::error::SigilError;
use crate::model::Group;

pub const MULTI: &[&str] = &["members"];
pub const READ_ONLY: &[&str] = &["id", "meta"];

pub struct View<'a> {
    pub group: &'a Group,
    pub record: Option<&'a ScimRecord>,
    /// The members' ids.
    pub members: &'a [Uuid],
    pub base: &'a str,
}

pub fn render(v: &View) -> Value {
    let g = v.group;
    let mut o = Map::new();
    o.insert("schemas".into(), json!([GROUP]));
    o.insert("id".into(), Value::from(g.id.to_string()));
    if let Some(e) = v.record.and_then(|r| r.external_id.clone()) {
        o.insert("externalId".into(), Value::from(e));
    }
    o.insert("displayName".into(), Value::from(g.name.clone()));
    if !v.members.is_empty() {
        let ms = v
            .members
            .iter()
            .map(|id| json!({"value": id.to_string(), "$ref": format!("{}/Users/{id}", v.base)}))
            .collect();
        o.insert("members".into(), Value::Array(ms));
    }
    let version = super::user::version(&o, "");
    let mut meta =
        json!({"resourceType": "Group", "location": format!("{}/Groups/{}", v.base, g.id), "version": version});
    if let Some(r) = v.record {
        meta["created"] = Value::from(datetime(r.created_at));
        meta["lastModified"] = Value::from(datetime(r.modified_at));
    }
    o.insert("meta".into(), meta);
    Value::Object(o)
}

pub struct Input {
    pub name: String,
    pub external_id: Option<String>,
    pub members: Vec<Uuid>,
}

/// A body as a group: `displayName` required, `members[].value` user ids.
pub fn from_scim(v: &Value) -> Result<Input, SigilError> {
    let invalid = |why: &str| ScimType::InvalidValue.error(why.to_string());
    if !v.is_object() {
        return Err(ScimType::InvalidSyntax.error("the body is not a JSON object"));
    }
    let name = member(v, "displayName").and_then(Value::as_str).filter(|s| !s.is_empty());
    let name = name.ok_or_else(|| invalid("displayName is required"))?.to_string();
    let external_id = match member(v, "externalId") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(invalid("'externalId' must be a string")),
    };
    let mut members = Vec::new();
    match member(v, "members") {
        None | Some(Value::Null) => {}
        Some(Value::Array(ms)) => {
            for m in ms {
                let id = member(m, "value").and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok());
                let id = id.ok_or_else(|| invalid("each member needs the 'value' of a user's id"))?;
                if !members.contains(&id) {
                    members.push(id);
                }
            }
        }
        Some(_) => return Err(invalid("'members' must be a list")),
    }
    Ok(Input { name, external_id, members })
}
