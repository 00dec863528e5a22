//! `/Groups` (RFC 7644 §3.3 to §3.6). Members are users of the tenant; a membership change
//! rewrites each affected user's set (`Change::SetUserAccess`) in the same transaction as the
//! group, expecting the directory generation read, so a concurrent change is a 412, never lost.
use std::collections::HashMap;

use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::Value;
use sigil_core::model::Group;
use sigil_core::provisioning::{self as rules, NewGroup};
use sigil_core::scim::filter::Filter;
use sigil_core::scim::group::{self as map, View};
use sigil_core::scim::patch::{self, Shape};
use sigil_core::scim::{Kind, MAX_SCAN, ScimRecord, ScimType};
use sigil_core::store::Change;
use uuid::Uuid;

use super::{Body, ListQuery, Scim, audited, list_response, not_found, precondition, resource};
use crate::admin_api::{Failure, Query};

type Reply = Result<Response, Failure>;

/// `displayName`, `id`, `externalId` or `members.value` `eq` a string (alone or in a top-level
/// `and`): answered from the directory or an index.
fn indexed(f: &Filter) -> Option<(&'static str, &str)> {
    fn term(f: &Filter) -> Option<(&'static str, &str)> {
        let (p, v) = f.string_eq()?;
        let core = p.uri.as_deref().is_none_or(|u| u.eq_ignore_ascii_case(sigil_core::scim::GROUP));
        if core && p.is("members", Some("value")) {
            return Some(("members.value", v));
        }
        ["displayName", "id", "externalId"].into_iter().find(|a| core && p.is(a, None)).map(|a| (a, v))
    }
    match f {
        Filter::And(fs) => fs.iter().find_map(term),
        f => term(f),
    }
}

/// Every (group → members) of the tenant.
async fn members(s: &Scim) -> Result<HashMap<Uuid, Vec<Uuid>>, Failure> {
    let mut m: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (g, u) in s.admin.state.ctx.store.memberships(s.tenant.id).await? {
        m.entry(g).or_default().push(u);
    }
    for v in m.values_mut() {
        v.sort();
    }
    Ok(m)
}

pub async fn list(s: Scim, Query(q): Query<ListQuery>) -> Reply {
    list_response(matched(&s, &q).await?, &q)
}

/// Every representation the query's filter matches, in order (before paging).
pub async fn matched(s: &Scim, q: &ListQuery) -> Result<Vec<Value>, Failure> {
    let f = q.filter()?;
    let store = &s.admin.state.ctx.store;
    let mut groups = rules::tenant_groups(&s.dir, &s.tenant);
    groups.sort_by_key(|g| g.name.to_lowercase());
    let members = members(s).await?;
    match f.as_ref().and_then(indexed) {
        Some(("displayName", v)) => groups.retain(|g| g.name.eq_ignore_ascii_case(v)),
        Some(("id", v)) => groups.retain(|g| g.id.to_string() == v),
        Some(("members.value", v)) => {
            groups.retain(|g| members.get(&g.id).is_some_and(|m| m.iter().any(|u| u.to_string() == v)))
        }
        Some((_, v)) => {
            let ids = store.scim_by_external_id(s.tenant.id, Kind::Group, v).await?;
            groups.retain(|g| ids.contains(&g.id));
        }
        None if f.is_some() && groups.len() > MAX_SCAN => {
            return Err(ScimType::TooMany
                .error(format!("{} groups; filter by displayName or id", groups.len()))
                .into());
        }
        None => {}
    }
    let records: HashMap<Uuid, ScimRecord> =
        store.scim_records(s.tenant.id, Kind::Group).await?.into_iter().map(|r| (r.id, r)).collect();
    let matched = groups
        .iter()
        .map(|g| {
            let ms = members.get(&g.id).map_or(&[][..], Vec::as_slice);
            map::render(&View { group: g, record: records.get(&g.id), members: ms, base: &s.base })
        })
        .filter(|r| f.as_ref().is_none_or(|f| f.matches(r)))
        .collect();
    Ok(matched)
}

fn find<'a>(s: &'a Scim, id: &str) -> Result<&'a Group, Failure> {
    let id = Uuid::parse_str(id).map_err(|_| not_found(format!("no group '{id}'")))?;
    s.dir
        .groups
        .iter()
        .find(|g| g.id == id && g.tenant_id == s.tenant.id)
        .ok_or_else(|| not_found(format!("no group '{id}'")))
}

/// The group's representation as stored now, its record and members.
async fn current(s: &Scim, g: &Group) -> Result<(Value, Option<ScimRecord>, Vec<Uuid>), Failure> {
    let record = s.admin.state.ctx.store.scim_record(s.tenant.id, g.id).await?;
    let ms = members(s).await?.remove(&g.id).unwrap_or_default();
    let full = map::render(&View { group: g, record: record.as_ref(), members: &ms, base: &s.base });
    Ok((full, record, ms))
}

pub async fn get(s: Scim, Path((_, id)): Path<(String, String)>, Query(q): Query<ListQuery>) -> Reply {
    let g = find(&s, &id)?;
    let (full, _, _) = current(&s, g).await?;
    Ok(resource(StatusCode::OK, &full, &q.project(&full)?))
}

pub async fn create(s: Scim, Body(b): Body) -> Reply {
    s.writer()?;
    write(&s, None, &b, None).await
}

pub async fn replace(s: Scim, Path((_, id)): Path<(String, String)>, headers: HeaderMap, Body(b): Body) -> Reply {
    s.writer()?;
    let g = find(&s, &id)?;
    let now = current(&s, g).await?;
    let expect = precondition(&headers, &now.0)?.then_some(s.dir.generation);
    write(&s, Some((g, now)), &b, expect).await
}

pub async fn patch(s: Scim, Path((_, id)): Path<(String, String)>, headers: HeaderMap, Body(b): Body) -> Reply {
    s.writer()?;
    let g = find(&s, &id)?;
    let now = current(&s, g).await?;
    let expect = precondition(&headers, &now.0)?.then_some(s.dir.generation);
    let ops = patch::parse(&b).map_err(|e| Failure::from(e.0.error(e.1)))?;
    let mut desired = now.0.clone();
    patch::apply(&mut desired, &ops, &Shape { multi: map::MULTI, read_only: map::READ_ONLY })
        .map_err(|e| Failure::from(e.0.error(e.1)))?;
    write(&s, Some((g, now)), &desired, expect).await
}

type Current<'a> = (&'a Group, (Value, Option<ScimRecord>, Vec<Uuid>));

/// Creates or rewrites the group, its record and the memberships that change, in one transaction.
async fn write(s: &Scim, old: Option<Current<'_>>, body: &Value, expect: Option<i64>) -> Reply {
    let ctx = &s.admin.state.ctx;
    let (t, store) = (&s.tenant, &ctx.store);
    let input = map::from_scim(body)?;
    if rules::find_group(&s.dir, t, &input.name).is_ok_and(|g| old.as_ref().is_none_or(|(o, _)| o.id != g.id)) {
        return Err(ScimType::Uniqueness.error(format!("displayName '{}' is taken", input.name)).into());
    }
    let apis = rules::tenant_apis(&s.dir, t);
    let spec = match &old {
        Some((g, _)) => NewGroup { name: input.name.clone(), ..NewGroup::from_existing(g, &apis) },
        None => NewGroup {
            name: input.name.clone(),
            security: true,
            app_roles: vec![],
            require_mfa: false,
            mfa_unfamiliar: false,
        },
    };
    let g = spec.build(t, &apis, old.as_ref().map(|(g, _)| *g), ctx.rng.as_ref())?;
    let now = ctx.clock.now();
    let (before, record, had) = match &old {
        Some((_, (v, r, m))) => (Some(v), r.clone(), m.clone()),
        None => (None, None, vec![]),
    };
    let attributes = Value::Object(Default::default());
    let mut rec = ScimRecord::next(record.as_ref(), (g.id, t.id, Kind::Group), input.external_id, attributes, now);
    // Its name and members are the group's (no time of their own): every write moves it.
    rec.modified_at = now;
    let mut changes = vec![Change::PutGroup(Box::new(g.clone())), Change::PutScim(Box::new(rec.clone()))];
    let mut moved = false;
    for user in
        input.members.iter().filter(|u| !had.contains(u)).chain(had.iter().filter(|u| !input.members.contains(u)))
    {
        if store.user_by_id(t.id, *user).await?.is_none() {
            return Err(ScimType::InvalidValue.error(format!("member '{user}' is not a user of this tenant")).into());
        }
        let mut access = store.user_access(t.id, *user).await?;
        access.groups.retain(|x| *x != g.id);
        if input.members.contains(user) {
            access.groups.push(g.id);
            access.groups.sort();
        }
        changes.push(Change::SetUserAccess { user: *user, access });
        moved = true;
    }
    let mut ms = input.members.clone();
    ms.sort();
    let full = map::render(&View { group: &g, record: Some(&rec), members: &ms, base: &s.base });
    let audit = s.admin.audit(
        Some(t.id),
        if old.is_some() { "group.update" } else { "group.create" },
        format!("group:{}", g.name),
        before.map(audited),
        Some(audited(&full)),
    );
    // Memberships are read and rewritten whole: expect the generation they were read at.
    let expect = expect.or(moved.then_some(s.dir.generation));
    s.admin.apply(expect, changes, audit).await?;
    let status = if old.is_some() { StatusCode::OK } else { StatusCode::CREATED };
    Ok(resource(status, &full, &full))
}

pub async fn delete(s: Scim, Path((_, id)): Path<(String, String)>, headers: HeaderMap) -> Reply {
    s.writer()?;
    let g = find(&s, &id)?;
    let (full, _, _) = current(&s, g).await?;
    let expect = precondition(&headers, &full)?.then_some(s.dir.generation);
    let audit =
        s.admin.audit(Some(s.tenant.id), "group.delete", format!("group:{}", g.name), Some(audited(&full)), None);
    s.admin.apply(expect, vec![Change::DeleteGroup(g.id)], audit).await?;
    Ok(crate::admin_api::no_content())
}
