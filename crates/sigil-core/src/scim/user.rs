//! A Sigil user as a SCIM User (RFC 7643 §4.1, §4.3) and back. Sigil's own fields carry what it
//! uses (userName, displayName, name parts, nickName, locale, timezone, the primary email,
//! active, the password); the [`ScimRecord`] keeps `externalId` and the other declared
//! attributes (all emails, phone numbers, title, the enterprise extension) as sent.
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::attrs::member;
use super::{ENTERPRISE_USER, ScimRecord, ScimType, USER, boolean, datetime};
use crate::crypto::{b64url, sha256};
use crate::error::SigilError;
use crate::model::{User, UserProfile};
use crate::provisioning::NewUser;
use crate::rng::Rng;

/// Multi-valued attributes of a User, lowercase (for PATCH).
pub const MULTI: &[&str] = &["emails", "phonenumbers", "groups"];
/// Attributes a client cannot change, lowercase.
pub const READ_ONLY: &[&str] = &["id", "meta", "groups"];
/// Kept in the record as sent (besides the enterprise extension).
const KEPT: &[&str] = &["title", "userType", "preferredLanguage", "emails", "phoneNumbers"];
const NAME_KEPT: &[&str] = &["formatted", "honorificPrefix", "honorificSuffix"];

/// What a representation needs besides the user.
pub struct View<'a> {
    pub user: &'a User,
    pub record: Option<&'a ScimRecord>,
    /// The user's groups: id and name.
    pub groups: &'a [(Uuid, String)],
    /// The tenant's SCIM base URL.
    pub base: &'a str,
}

fn put(o: &mut Map<String, Value>, k: &str, v: Option<&String>) {
    if let Some(v) = v {
        o.insert(k.into(), Value::from(v.clone()));
    }
}

/// The representation (RFC 7643 §4.1) with `meta` (§3.1), its `version` the ETag (RFC 7644 §3.14).
pub fn render(v: &View) -> Value {
    let u = v.user;
    let kept = v.record.map(|r| &r.attributes).and_then(Value::as_object);
    let mut o = Map::new();
    o.insert("id".into(), Value::from(u.id.to_string()));
    put(&mut o, "externalId", v.record.and_then(|r| r.external_id.as_ref()));
    o.insert("userName".into(), Value::from(u.username.clone()));
    let mut name = Map::new();
    if let Some(n) = kept.and_then(|k| k.get("name")).and_then(Value::as_object) {
        name.extend(n.iter().filter(|(k, _)| NAME_KEPT.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())));
    }
    put(&mut name, "familyName", u.profile.family_name.as_ref());
    put(&mut name, "givenName", u.profile.given_name.as_ref());
    put(&mut name, "middleName", u.profile.middle_name.as_ref());
    if !name.is_empty() {
        o.insert("name".into(), Value::Object(name));
    }
    o.insert("displayName".into(), Value::from(u.display_name.clone()));
    put(&mut o, "nickName", u.profile.nickname.as_ref());
    put(&mut o, "locale", u.profile.locale.as_ref());
    put(&mut o, "timezone", u.profile.zoneinfo.as_ref());
    o.insert("active".into(), Value::from(u.enabled));
    for k in KEPT {
        if let Some(x) = kept.and_then(|m| m.get(*k)) {
            o.insert((*k).into(), x.clone());
        }
    }
    // The primary email is Sigil's; the kept list stands only while it agrees (an admin API or
    // import change of the address replaces it).
    let agrees =
        o.get("emails").and_then(primary).map(|p| p.to_lowercase()) == u.email.as_ref().map(|e| e.to_lowercase());
    if !agrees {
        match &u.email {
            Some(e) => o.insert("emails".into(), json!([{"value": e, "type": "work", "primary": true}])),
            None => o.remove("emails"),
        };
    }
    if !v.groups.is_empty() {
        let gs = v
            .groups
            .iter()
            .map(|(id, n)| json!({"value": id.to_string(), "display": n, "$ref": format!("{}/Groups/{id}", v.base), "type": "direct"}))
            .collect();
        o.insert("groups".into(), Value::Array(gs));
    }
    let mut schemas = vec![Value::from(USER)];
    if let Some(e) = kept.and_then(|k| k.get(ENTERPRISE_USER)).filter(|e| e.as_object().is_some_and(|e| !e.is_empty()))
    {
        schemas.push(Value::from(ENTERPRISE_USER));
        o.insert(ENTERPRISE_USER.into(), e.clone());
    }
    o.insert("schemas".into(), Value::Array(schemas));
    let version = version(&o, &u.password_hash);
    let modified = u.updated_at.unwrap_or(0).max(v.record.map_or(0, |r| r.modified_at));
    let created = v.record.map_or(modified, |r| r.created_at);
    o.insert(
        "meta".into(),
        json!({"resourceType": "User", "created": datetime(created), "lastModified": datetime(modified),
               "location": format!("{}/Users/{}", v.base, u.id), "version": version}),
    );
    Value::Object(o)
}

/// A weak entity tag (RFC 7644 §3.14, RFC 9110 §8.8.3) of a representation without its `meta`;
/// `secret` (the password hash, hashed again: nothing of it shows) makes a password change a new
/// version.
pub fn version(o: &Map<String, Value>, secret: &str) -> String {
    let mut bytes = Value::Object(o.clone()).to_string().into_bytes();
    bytes.extend_from_slice(secret.as_bytes());
    format!("W/\"{}\"", b64url(&sha256(&bytes)[..12]))
}

/// The primary (else first) value of a multi-valued attribute.
pub fn primary(list: &Value) -> Option<String> {
    let items = list.as_array()?;
    let p = items.iter().find(|e| member(e, "primary").and_then(boolean) == Some(true)).or(items.first())?;
    member(p, "value").and_then(Value::as_str).map(str::to_string)
}

/// What a POST or PUT body (or a patched representation) asks for.
pub struct Input {
    pub spec: NewUser,
    pub external_id: Option<String>,
    /// For [`ScimRecord::attributes`].
    pub attributes: Value,
}

fn invalid(why: impl Into<String>) -> SigilError {
    ScimType::InvalidValue.error(why)
}

fn text(o: &Value, k: &str) -> Result<Option<String>, SigilError> {
    match member(o, k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(invalid(format!("'{k}' must be a string"))),
    }
}

/// A body as a user: read-only attributes (`id`, `meta`, `groups`) are ignored (RFC 7644 §3.5.1),
/// attributes not declared in `/Schemas` dropped. `current`: the stored user (PUT, PATCH). A new
/// user without a password gets a random one nobody knows (it signs in once an operator or a
/// later PATCH sets one).
pub fn from_scim(v: &Value, current: Option<&User>, rng: &dyn Rng) -> Result<Input, SigilError> {
    if !v.is_object() {
        return Err(ScimType::InvalidSyntax.error("the body is not a JSON object"));
    }
    let username = text(v, "userName")?.filter(|s| !s.is_empty()).ok_or_else(|| invalid("userName is required"))?;
    let name = member(v, "name").cloned().unwrap_or(Value::Null);
    if !name.is_null() && !name.is_object() {
        return Err(invalid("'name' must be an object"));
    }
    let profile = UserProfile {
        given_name: text(&name, "givenName")?,
        family_name: text(&name, "familyName")?,
        middle_name: text(&name, "middleName")?,
        nickname: text(v, "nickName")?,
        locale: text(v, "locale")?,
        zoneinfo: text(v, "timezone")?,
    };
    let enabled = match member(v, "active") {
        None | Some(Value::Null) => true,
        Some(a) => boolean(a).ok_or_else(|| invalid("'active' must be a boolean"))?,
    };
    let emails = member(v, "emails").filter(|e| !e.is_null());
    if emails.is_some_and(|e| !e.as_array().is_some_and(|a| a.iter().all(Value::is_object))) {
        return Err(invalid("'emails' must be a list of objects"));
    }
    let email = emails.and_then(primary);
    let mut kept = Map::new();
    for k in KEPT {
        if let Some(x) = member(v, k).filter(|x| !x.is_null()) {
            kept.insert((*k).into(), x.clone());
        }
    }
    let name_kept: Map<String, Value> = NAME_KEPT
        .iter()
        .filter_map(|k| member(&name, k).filter(|x| !x.is_null()).map(|x| ((*k).to_string(), x.clone())))
        .collect();
    if !name_kept.is_empty() {
        kept.insert("name".into(), Value::Object(name_kept));
    }
    if let Some(e) = member(v, ENTERPRISE_USER).filter(|e| !e.is_null()) {
        let Some(e) = e.as_object() else { return Err(invalid("the enterprise extension must be an object")) };
        let mut e = e.clone();
        // Entra sends the manager as its id alone.
        if let Some(m) = e.get("manager").cloned() {
            match m {
                Value::String(id) => {
                    e.insert("manager".into(), json!({"value": id}));
                }
                Value::Null => {
                    e.remove("manager");
                }
                _ => {}
            }
        }
        kept.insert(ENTERPRISE_USER.into(), Value::Object(e));
    }
    let password = match text(v, "password")? {
        Some(p) => Some(p),
        None if current.is_none() => {
            let mut b = [0u8; 32];
            rng.fill(&mut b);
            Some(b64url(&b))
        }
        None => None,
    };
    let email_verified = current.is_some_and(|c| {
        c.email_verified && c.email.as_ref().map(|e| e.to_lowercase()) == email.as_ref().map(|e| e.to_lowercase())
    });
    let spec = NewUser {
        display_name: text(v, "displayName")?.filter(|d| !d.is_empty()),
        email,
        email_verified,
        profile,
        enabled,
        password,
        ..NewUser::new(username)
    };
    Ok(Input { spec, external_id: text(v, "externalId")?, attributes: Value::Object(kept) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SystemRng;

    #[test]
    fn a_user_round_trips_through_its_representation() {
        let body = json!({
            "schemas": [USER, ENTERPRISE_USER], "userName": "bjensen", "externalId": "E1",
            "name": {"givenName": "Barbara", "familyName": "Jensen", "formatted": "Ms. Barbara J Jensen"},
            "emails": [{"value": "home@x.example", "type": "home"}, {"value": "b@x.example", "type": "work", "primary": "True"}],
            "active": "False", "title": "Tour Guide",
            ENTERPRISE_USER: {"department": "Tours", "manager": "m-1"}
        });
        let i = from_scim(&body, None, &SystemRng).unwrap();
        assert_eq!((i.spec.email.as_deref(), i.spec.enabled), (Some("b@x.example"), false));
        assert!(i.spec.password.is_some(), "a random password nobody knows");
        let u = User {
            id: Uuid::nil(),
            tenant_id: Uuid::nil(),
            username: i.spec.username.clone(),
            display_name: "Barbara".into(),
            email: i.spec.email.clone(),
            email_verified: false,
            profile: i.spec.profile.clone(),
            updated_at: Some(1),
            enabled: false,
            password_hash: "h".into(),
        };
        let rec = ScimRecord {
            id: u.id,
            tenant_id: u.tenant_id,
            kind: super::super::Kind::User,
            external_id: i.external_id,
            attributes: i.attributes,
            created_at: 0,
            modified_at: 5,
        };
        let r = render(&View { user: &u, record: Some(&rec), groups: &[], base: "https://x/t/scim/v2" });
        assert_eq!(r["name"]["formatted"], "Ms. Barbara J Jensen");
        assert_eq!(r["emails"][0]["value"], "home@x.example");
        assert_eq!(r[ENTERPRISE_USER]["manager"], json!({"value": "m-1"}));
        assert_eq!((r["externalId"].clone(), r["active"].clone()), (json!("E1"), json!(false)));
        assert_eq!(r["meta"]["lastModified"], "1970-01-01T00:00:05Z");
        assert!(r["meta"]["version"].as_str().unwrap().starts_with("W/\""));
        // The address changed elsewhere: the kept list gives way to it.
        let moved = User { email: Some("new@x.example".into()), ..u };
        let r = render(&View { user: &moved, record: Some(&rec), groups: &[], base: "b" });
        assert_eq!(r["emails"], json!([{"value": "new@x.example", "type": "work", "primary": true}]));
        assert!(from_scim(&json!({"userName": "a", "active": "maybe"}), None, &SystemRng).is_err());
        assert!(from_scim(&json!({"displayName": "a"}), None, &SystemRng).is_err());
    }
}
