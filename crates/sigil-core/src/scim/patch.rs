//! RFC 7644 §3.5.2 PATCH, applied to a resource's SCIM representation; the caller then maps the
//! result back as it maps a PUT body, so both go through the same provisioning rules.
//!
//! Accepted as Microsoft Entra's provisioning service sends them (its documented deviations):
//! `op` in any case (`"Replace"`), `add`/`replace` without `path` whose `value` object holds
//! attribute paths as keys (`{"name.givenName": "x"}`), and `add`/`replace` through a value
//! filter that matches nothing (`emails[type eq "work"].value`) creating the element.
use serde_json::{Map, Value};

use super::attrs::{key_in, locate};
use super::filter::{CompValue, CompareOp, Filter, PatchPath};
use super::{PATCH_OP, ScimType};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpKind {
    Add,
    Remove,
    Replace,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PatchOp {
    pub op: OpKind,
    pub path: Option<PatchPath>,
    pub value: Option<Value>,
}

/// A refusal: its `scimType` (RFC 7644 §3.12, Table 9) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchError(pub ScimType, pub String);

fn fail<T>(t: ScimType, why: impl Into<String>) -> Result<T, PatchError> {
    Err(PatchError(t, why.into()))
}

/// Most operations one request may carry.
pub const MAX_OPERATIONS: usize = 1000;

/// The `PatchOp` message (§3.5.2): its `schemas`, and `Operations` each with `op`, `path`, `value`.
pub fn parse(body: &Value) -> Result<Vec<PatchOp>, PatchError> {
    let schemas = super::attrs::member(body, "schemas").and_then(Value::as_array);
    if !schemas.is_some_and(|s| s.iter().any(|s| s.as_str().is_some_and(|s| s.eq_ignore_ascii_case(PATCH_OP)))) {
        return fail(ScimType::InvalidSyntax, format!("schemas must hold {PATCH_OP}"));
    }
    let Some(ops) = super::attrs::member(body, "Operations").and_then(Value::as_array) else {
        return fail(ScimType::InvalidSyntax, "Operations must be an array");
    };
    if ops.len() > MAX_OPERATIONS {
        return fail(ScimType::TooMany, format!("more than {MAX_OPERATIONS} operations"));
    }
    ops.iter()
        .map(|o| {
            let op = match super::attrs::member(o, "op").and_then(Value::as_str).map(str::to_ascii_lowercase) {
                Some(s) if s == "add" => OpKind::Add,
                Some(s) if s == "remove" => OpKind::Remove,
                Some(s) if s == "replace" => OpKind::Replace,
                _ => return fail(ScimType::InvalidSyntax, "op must be add, remove or replace"),
            };
            let path = match super::attrs::member(o, "path") {
                None | Some(Value::Null) => None,
                Some(Value::String(p)) => {
                    Some(PatchPath::parse(p).or_else(|e| fail(ScimType::InvalidPath, e.to_string()))?)
                }
                Some(_) => return fail(ScimType::InvalidPath, "path must be a string"),
            };
            let value = super::attrs::member(o, "value").cloned();
            match (op, &path, &value) {
                (OpKind::Remove, None, _) => fail(ScimType::NoTarget, "remove needs a path"),
                (OpKind::Add | OpKind::Replace, _, None) => {
                    fail(ScimType::InvalidValue, "add and replace need a value")
                }
                (OpKind::Add | OpKind::Replace, None, Some(v)) if !v.is_object() => {
                    fail(ScimType::InvalidValue, "without a path the value must be an object")
                }
                _ => Ok(PatchOp { op, path, value }),
            }
        })
        .collect()
}

/// What the resource type says about its attributes.
pub struct Shape<'a> {
    /// Multi-valued attributes (`emails`, `members`, …), lowercase.
    pub multi: &'a [&'a str],
    /// Attributes a client cannot change (`id`, `meta`, `groups`), lowercase.
    pub read_only: &'a [&'a str],
}

/// Applies `ops` in order to `res`; all or nothing is the caller's (it writes only on success).
pub fn apply(res: &mut Value, ops: &[PatchOp], shape: &Shape) -> Result<(), PatchError> {
    for o in ops {
        match (&o.path, &o.value) {
            (Some(p), v) => one(res, o.op, p, v.as_ref(), shape)?,
            (None, Some(Value::Object(members))) => {
                for (k, v) in members {
                    if k.eq_ignore_ascii_case("schemas") {
                        continue;
                    }
                    let p = PatchPath::parse(k).or_else(|e| fail(ScimType::InvalidPath, e.to_string()))?;
                    one(res, o.op, &p, Some(v), shape)?;
                }
            }
            (None, _) => return fail(ScimType::NoTarget, "no path"),
        }
    }
    Ok(())
}

fn one(res: &mut Value, op: OpKind, p: &PatchPath, value: Option<&Value>, shape: &Shape) -> Result<(), PatchError> {
    let l = locate(&p.attr);
    if l.ext.is_none()
        && let Some(a) = &l.attr
        && shape.read_only.contains(&a.to_ascii_lowercase().as_str())
    {
        // An unchanged read-only value (clients echo `id`) is no change.
        if op != OpKind::Remove && value.is_some() && super::attrs::get(res, &p.attr) == value {
            return Ok(());
        }
        return fail(ScimType::Mutability, format!("'{a}' is read-only"));
    }
    let Some(top) = res.as_object_mut() else { return fail(ScimType::InvalidSyntax, "not an object") };
    // The object holding the attribute: the top level or the extension's.
    let (container, attr): (&mut Map<String, Value>, String) = match (&l.ext, &l.attr) {
        (None, Some(a)) => (top, a.clone()),
        (Some(e), a) => {
            let k = key_in(top, e);
            if a.is_none() {
                return set(top, &k, op, value, false);
            }
            if op == OpKind::Remove && !top.contains_key(&k) {
                return Ok(());
            }
            let ext = top.entry(k).or_insert_with(|| Value::Object(Map::new()));
            if !ext.is_object() {
                *ext = Value::Object(Map::new());
            }
            (ext.as_object_mut().expect("an object"), a.clone().unwrap_or_default())
        }
        (None, None) => return fail(ScimType::InvalidPath, "no attribute"),
    };
    let key = key_in(container, &attr);
    let multi = shape.multi.contains(&attr.to_ascii_lowercase().as_str());
    let Some(filter) = &p.filter else {
        return match &p.attr.sub {
            None => set(container, &key, op, value, multi),
            Some(s) => {
                if op == OpKind::Remove && !container.contains_key(&key) {
                    return Ok(());
                }
                let parent = container.entry(key).or_insert_with(|| Value::Object(Map::new()));
                match parent.as_object_mut() {
                    Some(o) => {
                        let k = key_in(o, s);
                        set(o, &k, op, value, false)
                    }
                    None => fail(ScimType::InvalidPath, format!("'{attr}' has no sub-attribute '{s}'")),
                }
            }
        };
    };
    // A value filter: the matching elements of a multi-valued attribute.
    let items = container.entry(key).or_insert_with(|| Value::Array(vec![]));
    let Some(items) = items.as_array_mut() else {
        return fail(ScimType::InvalidPath, format!("'{attr}' is not multi-valued"));
    };
    let hits: Vec<usize> = (0..items.len()).filter(|&i| filter.matches(&items[i])).collect();
    if hits.is_empty() {
        if op == OpKind::Remove {
            return fail(ScimType::NoTarget, format!("no value of '{attr}' matches the filter"));
        }
        // Entra: replacing `emails[type eq "work"].value` on a user without one adds it.
        let Some(mut e) = element_of(filter) else {
            return fail(ScimType::NoTarget, format!("no value of '{attr}' matches the filter"));
        };
        match (&p.sub, value) {
            (Some(s), Some(v)) => {
                e.insert(s.clone(), v.clone());
            }
            (None, Some(Value::Object(v))) => e.extend(v.clone()),
            _ => return fail(ScimType::InvalidValue, "the value does not fit the filter's attribute"),
        }
        items.push(Value::Object(e));
        return Ok(());
    }
    if op == OpKind::Remove && p.sub.is_none() {
        let mut i = 0;
        items.retain(|_| {
            i += 1;
            !hits.contains(&(i - 1))
        });
        return Ok(());
    }
    for i in hits {
        let Some(e) = items[i].as_object_mut() else {
            return fail(ScimType::InvalidPath, format!("the values of '{attr}' have no sub-attributes"));
        };
        match &p.sub {
            Some(s) => {
                let k = key_in(e, s);
                set(e, &k, op, value, false)?;
            }
            None => match value {
                Some(Value::Object(v)) => {
                    for (k, v) in v {
                        let k = key_in(e, k);
                        e.insert(k, v.clone());
                    }
                }
                _ => return fail(ScimType::InvalidValue, "an element's value must be an object"),
            },
        }
    }
    Ok(())
}

/// The element a filter of `eq` comparisons describes (`type eq "work"` → `{"type": "work"}`).
fn element_of(f: &Filter) -> Option<Map<String, Value>> {
    let parts: Vec<&Filter> = match f {
        Filter::And(fs) => fs.iter().collect(),
        f => vec![f],
    };
    let mut e = Map::new();
    for p in parts {
        let Filter::Compare(a, CompareOp::Eq, v) = p else { return None };
        if a.uri.is_some() || a.sub.is_some() {
            return None;
        }
        let v = match v {
            CompValue::Str(s) => Value::from(s.clone()),
            CompValue::Bool(b) => Value::from(*b),
            CompValue::Number(n) => serde_json::Number::from_f64(*n).map(Value::Number)?,
            CompValue::Null => return None,
        };
        e.insert(a.attr.clone(), v);
    }
    Some(e)
}

/// One attribute of one object. `add` appends to a multi-valued attribute (skipping values it
/// holds) and merges into a complex one; `replace` replaces a multi-valued attribute whole and
/// merges into a complex one; `remove` with a value removes those values of a multi-valued
/// attribute (as Entra removes group members), without one the attribute.
fn set(
    o: &mut Map<String, Value>,
    key: &str,
    op: OpKind,
    value: Option<&Value>,
    multi: bool,
) -> Result<(), PatchError> {
    let as_list = |v: &Value| match v {
        Value::Array(a) => a.clone(),
        v => vec![v.clone()],
    };
    match (op, value) {
        (OpKind::Remove, None) => {
            o.remove(key);
        }
        (OpKind::Remove, Some(v)) => match o.get_mut(key) {
            Some(Value::Array(items)) => {
                let gone = as_list(v);
                let id = |x: &Value| super::attrs::member(x, "value").cloned().unwrap_or_else(|| x.clone());
                items.retain(|i| !gone.iter().any(|g| id(g) == id(i)));
            }
            _ => {
                o.remove(key);
            }
        },
        (_, None) => return fail(ScimType::InvalidValue, "no value"),
        (OpKind::Add, Some(v)) if multi || o.get(key).is_some_and(Value::is_array) => {
            let items = o.entry(key.to_string()).or_insert_with(|| Value::Array(vec![]));
            if !items.is_array() {
                *items = Value::Array(vec![]);
            }
            let items = items.as_array_mut().expect("an array");
            for v in as_list(v) {
                if !items.contains(&v) {
                    items.push(v);
                }
            }
        }
        (OpKind::Replace, Some(v)) if multi => {
            o.insert(key.to_string(), Value::Array(as_list(v)));
        }
        (_, Some(Value::Object(v))) if o.get(key).is_some_and(Value::is_object) => {
            let c = o.get_mut(key).and_then(Value::as_object_mut).expect("an object");
            for (k, v) in v {
                let k = key_in(c, k);
                c.insert(k, v.clone());
            }
        }
        (_, Some(v)) => {
            o.insert(key.to_string(), v.clone());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SHAPE: Shape = Shape { multi: &["emails", "members"], read_only: &["id", "meta", "groups"] };

    fn patch(res: Value, ops: Value) -> Result<Value, PatchError> {
        let mut res = res;
        let ops = parse(&json!({"schemas": [PATCH_OP], "Operations": ops}))?;
        apply(&mut res, &ops, &SHAPE)?;
        Ok(res)
    }

    /// The bodies Entra's provisioning service sends (learn.microsoft.com, "Tutorial: Develop and
    /// plan provisioning for a SCIM endpoint", request 9 to 14).
    #[test]
    fn entra_bodies() {
        let u = json!({"id": "1", "userName": "a", "active": true,
            "emails": [{"type": "work", "value": "a@x.example", "primary": true}]});
        let r = patch(
            u.clone(),
            json!([{"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "b@x.example"},
                   {"op": "Replace", "value": {"active": "False", "name.familyName": "F"}},
                   {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "D"}]),
        )
        .unwrap();
        assert_eq!(r["emails"][0]["value"], "b@x.example");
        assert_eq!((r["active"].clone(), r["name"]["familyName"].clone()), (json!("False"), json!("F")));
        assert_eq!(r["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]["department"], "D");
        // Nothing matches `type eq "home"`: replace creates it.
        let r = patch(u.clone(), json!([{"op": "replace", "path": "emails[type eq \"home\"].value", "value": "h@x"}]))
            .unwrap();
        assert_eq!(r["emails"][1], json!({"type": "home", "value": "h@x"}));
        let g = json!({"id": "g", "displayName": "G", "members": [{"value": "1"}, {"value": "2"}]});
        let r = patch(
            g.clone(),
            json!([{"op": "Remove", "path": "members", "value": [{"value": "1"}]},
                                         {"op": "Add", "path": "members", "value": [{"value": "3"}, {"value": "2"}]}]),
        )
        .unwrap();
        assert_eq!(r["members"], json!([{"value": "2"}, {"value": "3"}]));
        let r = patch(g, json!([{"op": "remove", "path": "members[value eq \"2\"]"}])).unwrap();
        assert_eq!(r["members"], json!([{"value": "1"}]));
    }

    #[test]
    fn refusals_carry_their_scim_type() {
        let u = json!({"id": "1", "userName": "a"});
        let t = |ops: Value| patch(u.clone(), ops).unwrap_err().0;
        assert_eq!(t(json!([{"op": "remove"}])), ScimType::NoTarget);
        assert_eq!(t(json!([{"op": "move", "path": "a"}])), ScimType::InvalidSyntax);
        assert_eq!(t(json!([{"op": "add", "path": "a[", "value": 1}])), ScimType::InvalidPath);
        assert_eq!(t(json!([{"op": "replace", "path": "id", "value": "2"}])), ScimType::Mutability);
        assert_eq!(t(json!([{"op": "remove", "path": "emails[type eq \"x\"]"}])), ScimType::NoTarget);
        assert!(patch(u.clone(), json!([{"op": "replace", "path": "id", "value": "1"}])).is_ok());
        let missing = parse(&json!({"Operations": []})).unwrap_err();
        assert_eq!(missing.0, ScimType::InvalidSyntax);
    }
}
