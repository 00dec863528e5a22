//! Attribute paths over a SCIM representation (a JSON object): attribute names are
//! case-insensitive (RFC 7643 §2.1), core schema URIs name the top level, an extension's URI its
//! own object (§3.3). Also `attributes`/`excludedAttributes` (RFC 7644 §3.4.2.5, §3.9).
use serde_json::{Map, Value};

use super::filter::AttrPath;
use super::{ENTERPRISE_USER, GROUP, USER};

/// Where a path points: an attribute of the top level or of an extension, or an extension whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loc {
    /// The extension's URN as the representation spells it.
    pub ext: Option<String>,
    pub attr: Option<String>,
    pub sub: Option<String>,
}

fn known(urn: &str) -> Option<&'static str> {
    [ENTERPRISE_USER].into_iter().find(|k| k.eq_ignore_ascii_case(urn))
}

pub fn locate(p: &AttrPath) -> Loc {
    let core = |u: &str| u.eq_ignore_ascii_case(USER) || u.eq_ignore_ascii_case(GROUP);
    match &p.uri {
        None => Loc { ext: None, attr: Some(p.attr.clone()), sub: p.sub.clone() },
        Some(u) if core(u) => Loc { ext: None, attr: Some(p.attr.clone()), sub: p.sub.clone() },
        Some(u) => match known(&format!("{u}:{}", p.attr)) {
            Some(full) if p.sub.is_none() => Loc { ext: Some(full.into()), attr: None, sub: None },
            _ => Loc {
                ext: Some(known(u).map_or_else(|| u.clone(), str::to_string)),
                attr: Some(p.attr.clone()),
                sub: p.sub.clone(),
            },
        },
    }
}

/// The member `name` of an object, case-insensitively.
pub fn member<'a>(v: &'a Value, name: &str) -> Option<&'a Value> {
    v.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v)
}

/// The key spelling `name` already has in `o`, or `name`.
pub fn key_in(o: &Map<String, Value>, name: &str) -> String {
    o.keys().find(|k| k.eq_ignore_ascii_case(name)).cloned().unwrap_or_else(|| name.to_string())
}

/// The value at `p` (its sub-attribute only inside a single-valued complex attribute).
pub fn get<'a>(res: &'a Value, p: &AttrPath) -> Option<&'a Value> {
    let l = locate(p);
    let c = match &l.ext {
        Some(e) => member(res, e)?,
        None => res,
    };
    let Some(a) = &l.attr else { return Some(c) };
    let v = member(c, a)?;
    match &l.sub {
        None => Some(v),
        Some(s) => member(v, s),
    }
}

/// Removes the value at `p`; `true` when there was one.
pub fn remove(res: &mut Value, p: &AttrPath) -> bool {
    let l = locate(p);
    let Some(top) = res.as_object_mut() else { return false };
    let c = match &l.ext {
        Some(e) => {
            let k = key_in(top, e);
            if l.attr.is_none() {
                return top.remove(&k).is_some();
            }
            match top.get_mut(&k).and_then(Value::as_object_mut) {
                Some(o) => o,
                None => return false,
            }
        }
        None => top,
    };
    let Some(a) = &l.attr else { return false };
    let k = key_in(c, a);
    match &l.sub {
        None => c.remove(&k).is_some(),
        Some(s) => match c.get_mut(&k).and_then(Value::as_object_mut) {
            Some(o) => {
                let k = key_in(o, s);
                o.remove(&k).is_some()
            }
            None => false,
        },
    }
}

/// `attributes` (only these, besides `always`) and `excludedAttributes` (all but these, never
/// `always`): comma-separated attribute paths, RFC 7644 §3.4.2.5.
pub fn project(res: &Value, attributes: &[AttrPath], excluded: &[AttrPath], always: &[&str]) -> Value {
    if !attributes.is_empty() {
        let mut out = Value::Object(Map::new());
        let copy = |out: &mut Value, name: &str| {
            if let (Some(v), Some(o)) = (member(res, name), out.as_object_mut()) {
                o.insert(key_in(res.as_object().unwrap_or(&Map::new()), name), v.clone());
            }
        };
        for a in always {
            copy(&mut out, a);
        }
        for p in attributes {
            let l = locate(p);
            let Some(v) = get(res, p) else { continue };
            let Some(o) = out.as_object_mut() else { continue };
            let place = |c: &mut Map<String, Value>, attr: &str, sub: Option<&str>| match sub {
                None => {
                    c.insert(attr.to_string(), v.clone());
                }
                Some(s) => {
                    let e = c.entry(attr.to_string()).or_insert_with(|| Value::Object(Map::new()));
                    if let Some(e) = e.as_object_mut() {
                        e.insert(s.to_string(), v.clone());
                    }
                }
            };
            let canonical = |name: &str, within: Option<&Value>| {
                within.and_then(Value::as_object).map_or_else(|| name.to_string(), |c| key_in(c, name))
            };
            match (&l.ext, &l.attr) {
                (Some(e), None) => {
                    o.insert(e.clone(), v.clone());
                }
                (Some(e), Some(a)) => {
                    let within = member(res, e);
                    let a = canonical(a, within);
                    let sub = l.sub.as_deref().map(|s| canonical(s, within.and_then(|w| member(w, &a))));
                    let c = o.entry(e.clone()).or_insert_with(|| Value::Object(Map::new()));
                    if let Some(c) = c.as_object_mut() {
                        place(c, &a, sub.as_deref());
                    }
                }
                (None, Some(a)) => {
                    let a = canonical(a, Some(res));
                    let sub = l.sub.as_deref().map(|s| canonical(s, member(res, &a)));
                    place(o, &a, sub.as_deref());
                }
                (None, None) => {}
            }
        }
        return out;
    }
    let mut out = res.clone();
    for p in excluded {
        if !always.iter().any(|a| p.uri.is_none() && p.is(a, None)) {
            remove(&mut out, p);
        }
    }
    out
}

/// A comma-separated list of attribute paths (`attributes=userName,name.givenName`).
pub fn path_list(s: &str) -> Result<Vec<AttrPath>, super::filter::FilterError> {
    s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(AttrPath::parse).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn attributes_and_excluded_attributes_keep_id_and_schemas() {
        let res = json!({"schemas": [USER], "id": "1", "userName": "a", "name": {"givenName": "A", "familyName": "B"},
            ENTERPRISE_USER: {"department": "D", "employeeNumber": "7"}});
        let always = ["schemas", "id"];
        let only = path_list(&format!("username,NAME.givenName,{ENTERPRISE_USER}:department")).unwrap();
        assert_eq!(
            project(&res, &only, &[], &always),
            json!({"schemas": [USER], "id": "1", "userName": "a", "name": {"givenName": "A"}, ENTERPRISE_USER: {"department": "D"}})
        );
        let without = path_list(&format!("name,id,{ENTERPRISE_USER}")).unwrap();
        assert_eq!(project(&res, &[], &without, &always), json!({"schemas": [USER], "id": "1", "userName": "a"}));
    }
}
