//! `/Users` (RFC 7644 §3.3 create, §3.4.1 read, §3.4.2 list, §3.5.1 replace, §3.5.2 patch, §3.6
//! delete). Deactivating a user (`active` false) ends its sign-in sessions and revokes its
//! grants: it can neither sign in nor refresh, and its access tokens fail their next check.
use std::collections::HashMap;

use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::Value;
use sigil_core::model::User;
use sigil_core::provisioning::{self as rules, NewUser};
use sigil_core::scim::filter::Filter;
use sigil_core::scim::patch::{self, Shape};
use sigil_core::scim::user::{self as map, View};
use sigil_core::scim::{Kind, MAX_SCAN, ScimRecord, ScimType};
use sigil_core::store::Change;
use uuid::Uuid;

use super::{Body, ListQuery, Scim, audited, list_response, not_found, precondition, resource};
use crate::admin_api::{Failure, Query};

type Reply = Result<Response, Failure>;

/// The term of a filter a store index answers: `userName`, `id` or `externalId` `eq` a string,
/// alone or as one operand of a top-level `and` (the whole filter is still applied after).
fn indexed(f: &Filter) -> Option<(&'static str, &str)> {
    fn term(f: &Filter) -> Option<(&'static str, &str)> {
        let (p, v) = f.string_eq()?;
        let core = p.uri.as_deref().is_none_or(|u| u.eq_ignore_ascii_case(sigil_core::scim::USER));
        ["userName", "id", "externalId"].into_iter().find(|a| core && p.is(a, None)).map(|a| (a, v))
    }
    match f {
        Filter::And(fs) => fs.iter().find_map(term),
        f => term(f),
    }
}

/// The users a filter may match: from an index when it allows, else every user of the tenant
/// (at most [`MAX_SCAN`] when a filter is to be evaluated).
async fn candidates(s: &Scim, f: Option<&Filter>) -> Result<Vec<User>, Failure> {
    let (store, t) = (&s.admin.state.ctx.store, s.tenant.id);
    let by_ids = |ids: Vec<Uuid>| async move {
        let mut out = Vec::new();
        for id in ids {
            out.extend(store.user_by_id(t, id).await?);
        }
        Ok::<_, Failure>(out)
    };
    match f.and_then(indexed) {
        Some(("userName", v)) => Ok(store.user_by_username(t, v).await?.into_iter().collect()),
        Some(("id", v)) => by_ids(Uuid::parse_str(v).into_iter().collect()).await,
        Some((_, v)) => by_ids(store.scim_by_external_id(t, Kind::User, v).await?).await,
        None => {
            let all = store.users(t).await?;
            if f.is_some() && all.len() > MAX_SCAN {
                return Err(ScimType::TooMany
                    .error(format!("{} users; filter by userName, externalId or id", all.len()))
                    .into());
            }
            Ok(all)
        }
    }
}

/// Group names by id, of this tenant.
fn group_names(s: &Scim) -> HashMap<Uuid, String> {
    rules::tenant_groups(&s.dir, &s.tenant).into_iter().map(|g| (g.id, g.name)).collect()
}

pub async fn list(s: Scim, Query(q): Query<ListQuery>) -> Reply {
    if q.filter()?.is_some() {
        return list_response(matched(&s, &q, None).await?.1, &q);
    }
    // No filter: only the page is rendered (the store gives users ordered by username).
    let (start, count) = q.window()?;
    let (total, page) = matched(&s, &q, Some((start, count))).await?;
    super::list_page(total, start, page, &q)
}

/// The users the query's filter matches, in order, and their representations: all of them, or
/// with `window` (`startIndex`, `count`) and no filter, that page only.
pub async fn matched(s: &Scim, q: &ListQuery, window: Option<(usize, usize)>) -> Result<(usize, Vec<Value>), Failure> {
    let f = q.filter()?;
    let mut users = candidates(s, f.as_ref()).await?;
    let total = users.len();
    if let (Some((start, count)), None) = (window, &f) {
        users = users.into_iter().skip(start - 1).take(count).collect();
    }
    let (store, t) = (&s.admin.state.ctx.store, s.tenant.id);
    let records: HashMap<Uuid, ScimRecord> = if users.len() <= 8 {
        let mut m = HashMap::new();
        for u in &users {
            m.extend(store.scim_record(t, u.id).await?.map(|r| (r.id, r)));
        }
        m
    } else {
        store.scim_records(t, Kind::User).await?.into_iter().map(|r| (r.id, r)).collect()
    };
    let names = group_names(s);
    let mut groups: HashMap<Uuid, Vec<(Uuid, String)>> = HashMap::new();
    for (g, u) in store.memberships(t).await? {
        if let Some(n) = names.get(&g) {
            groups.entry(u).or_default().push((g, n.clone()));
        }
    }
    let matched = users
        .iter()
        .map(|u| {
            let gs = groups.get(&u.id).map_or(&[][..], Vec::as_slice);
            map::render(&View { user: u, record: records.get(&u.id), groups: gs, base: &s.base })
        })
        .filter(|r| f.as_ref().is_none_or(|f| f.matches(r)))
        .collect();
    Ok((total, matched))
}

async fn find(s: &Scim, id: &str) -> Result<User, Failure> {
    let id = Uuid::parse_str(id).map_err(|_| not_found(format!("no user '{id}'")))?;
    s.admin.state.ctx.store.user_by_id(s.tenant.id, id).await?.ok_or_else(|| not_found(format!("no user '{id}'")))
}

/// A user's representation as stored now, and its record.
async fn current(s: &Scim, u: &User) -> Result<(Value, Option<ScimRecord>), Failure> {
    let store = &s.admin.state.ctx.store;
    let record = store.scim_record(s.tenant.id, u.id).await?;
    let names = group_names(s);
    let access = store.user_access(s.tenant.id, u.id).await?;
    let groups: Vec<(Uuid, String)> =
        access.groups.iter().filter_map(|g| names.get(g).map(|n| (*g, n.clone()))).collect();
    let full = map::render(&View { user: u, record: record.as_ref(), groups: &groups, base: &s.base });
    Ok((full, record))
}

pub async fn get(s: Scim, Path((_, id)): Path<(String, String)>, Query(q): Query<ListQuery>) -> Reply {
    let u = find(&s, &id).await?;
    let (full, _) = current(&s, &u).await?;
    Ok(resource(StatusCode::OK, &full, &q.project(&full)?))
}

/// argon2id is costly: built on a blocking thread.
async fn build(s: &Scim, spec: NewUser, current: Option<&User>) -> Result<User, Failure> {
    let ctx = &s.admin.state.ctx;
    let (t, current, rng, now) = (s.tenant.clone(), current.cloned(), ctx.rng.clone(), ctx.clock.now());
    tokio::task::spawn_blocking(move || spec.build(&t, current.as_ref(), rng.as_ref(), now))
        .await
        .map_err(|e| sigil_core::error::SigilError::internal(format!("password hashing: {e}")))?
        .map_err(Into::into)
}

fn taken(name: &str) -> Failure {
    ScimType::Uniqueness.error(format!("userName '{name}' is taken")).into()
}

pub async fn create(s: Scim, Body(b): Body) -> Reply {
    s.writer()?;
    let ctx = &s.admin.state.ctx;
    let input = map::from_scim(&b, None, ctx.rng.as_ref())?;
    if ctx.store.user_by_username(s.tenant.id, &input.spec.username).await?.is_some() {
        return Err(taken(&input.spec.username));
    }
    let u = build(&s, input.spec, None).await?;
    let key = (u.id, s.tenant.id, Kind::User);
    let rec = ScimRecord::next(None, key, input.external_id, input.attributes, ctx.clock.now());
    let full = map::render(&View { user: &u, record: Some(&rec), groups: &[], base: &s.base });
    let audit =
        s.admin.audit(Some(s.tenant.id), "user.create", format!("user:{}", u.username), None, Some(audited(&full)));
    s.admin.apply(None, vec![Change::PutUser(Box::new(u)), Change::PutScim(Box::new(rec))], audit).await?;
    Ok(resource(StatusCode::CREATED, &full, &full))
}

pub async fn replace(s: Scim, Path((_, id)): Path<(String, String)>, headers: HeaderMap, Body(b): Body) -> Reply {
    s.writer()?;
    let u = find(&s, &id).await?;
    let (full, record) = current(&s, &u).await?;
    let expect = precondition(&headers, &full)?.then_some(s.dir.generation);
    update(&s, u, &full, record, &b, expect).await
}

/// RFC 7644 §3.5.2: the operations apply to the representation, which is then written as a PUT
/// body is (the same mapping and provisioning rules).
pub async fn patch(s: Scim, Path((_, id)): Path<(String, String)>, headers: HeaderMap, Body(b): Body) -> Reply {
    s.writer()?;
    let u = find(&s, &id).await?;
    let (full, record) = current(&s, &u).await?;
    let expect = precondition(&headers, &full)?.then_some(s.dir.generation);
    let ops = patch::parse(&b).map_err(|e| Failure::from(e.0.error(e.1)))?;
    let mut desired = full.clone();
    patch::apply(&mut desired, &ops, &Shape { multi: map::MULTI, read_only: map::READ_ONLY })
        .map_err(|e| Failure::from(e.0.error(e.1)))?;
    update(&s, u, &full, record, &desired, expect).await
}

async fn update(
    s: &Scim,
    old: User,
    before: &Value,
    record: Option<ScimRecord>,
    desired: &Value,
    expect: Option<i64>,
) -> Reply {
    let ctx = &s.admin.state.ctx;
    let input = map::from_scim(desired, Some(&old), ctx.rng.as_ref())?;
    if !input.spec.username.eq_ignore_ascii_case(&old.username)
        && ctx.store.user_by_username(s.tenant.id, &input.spec.username).await?.is_some_and(|o| o.id != old.id)
    {
        return Err(taken(&input.spec.username));
    }
    let u = build(s, input.spec, Some(&old)).await?;
    let key = (u.id, s.tenant.id, Kind::User);
    let rec = ScimRecord::next(record.as_ref(), key, input.external_id, input.attributes, ctx.clock.now());
    let groups: Vec<(Uuid, String)> = before["groups"]
        .as_array()
        .map(|gs| {
            gs.iter()
                .filter_map(|g| {
                    let id = Uuid::parse_str(g["value"].as_str()?).ok()?;
                    Some((id, g["display"].as_str()?.to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
    let full = map::render(&View { user: &u, record: Some(&rec), groups: &groups, base: &s.base });
    let audit = s.admin.audit(
        Some(s.tenant.id),
        if old.enabled && !u.enabled { "user.disable" } else { "user.update" },
        format!("user:{}", u.username),
        Some(audited(before)),
        Some(audited(&full)),
    );
    let deactivated = old.enabled && !u.enabled;
    s.admin.apply(expect, vec![Change::PutUser(Box::new(u.clone())), Change::PutScim(Box::new(rec))], audit).await?;
    if deactivated {
        end_sign_ins(s, &u).await?;
    }
    Ok(resource(StatusCode::OK, &full, &full))
}

/// `active` false: the user's sessions end (its browsers sign in again, and are refused) and
/// its grants are revoked (refresh tokens at once, access tokens at their next check).
async fn end_sign_ins(s: &Scim, u: &User) -> Result<(), Failure> {
    let ctx = &s.admin.state.ctx;
    for session in ctx.store.user_sessions(s.tenant.id, u.id).await? {
        ctx.store.delete_session(&session.hash).await?;
    }
    for g in ctx.store.user_grants(s.tenant.id, u.id).await? {
        if g.revoked_at.is_none() {
            ctx.store.revoke_grant(g.id, ctx.clock.now(), "user deactivated through SCIM").await?;
        }
    }
    Ok(())
}

pub async fn delete(s: Scim, Path((_, id)): Path<(String, String)>, headers: HeaderMap) -> Reply {
    s.writer()?;
    let u = find(&s, &id).await?;
    let (full, _) = current(&s, &u).await?;
    let expect = precondition(&headers, &full)?.then_some(s.dir.generation);
    let audit =
        s.admin.audit(Some(s.tenant.id), "user.delete", format!("user:{}", u.username), Some(audited(&full)), None);
    s.admin.apply(expect, vec![Change::DeleteUser(u.id)], audit).await?;
    Ok(crate::admin_api::no_content())
}
