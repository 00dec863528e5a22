//! The admin API v1 (`/admin/api/v1`), one file per resource. Every write goes through the core's
//! provisioning constructors (as `sigil import` and the CLI do) and commits its audit entry in the
//! same `apply`. Shared here: the caller ([`Admin`]: the bootstrap token or a Sigil access token),
//! refusals ([`Failure`], turned into RFC 9457 problem details by `errors::problem`), cursor
//! pagination, `ETag`/`If-Match` (RFC 9110 §8.8.3, §13.1.1) and the route table the OpenAPI
//! document is checked against.
pub mod apis;
pub mod applications;
pub mod audit;
pub mod consents;
pub mod credentials;
pub mod federated;
pub mod grants;
pub mod groups;
pub mod keys;
pub mod openapi;
pub mod sessions;
pub mod signin_stats;
pub mod signins;
pub mod tenants;
pub mod users;

use std::sync::Arc;

use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::handler::Handler;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, on};
use axum::{Json, Router};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sigil_core::admin::{AuditEntry, Principal};
use sigil_core::catalog;
use sigil_core::crypto::{b64url, b64url_decode, ct_eq, sha256};
use sigil_core::error::{SigilError, StoreError};
use sigil_core::model::{Tenant, User};
use sigil_core::provisioning::{self as rules, ProvisioningError, RuleError};
use sigil_core::store::{Change, DirectoryData};
use uuid::Uuid;

use crate::meta::RequestMeta;
use crate::{AppState, errors};

/// Where the admin API lives.
pub const PREFIX: &str = "/admin/api/v1";
/// Items per page when `limit` is absent, and the most a page holds.
pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;

/// A refusal: a catalog error and, for broken provisioning rules, each field. Handlers return it
/// with `?`; [`problems`] turns it into the response (`errors::problem`), so no handler builds one.
#[derive(Debug, Clone)]
pub struct Failure {
    pub err: SigilError,
    pub fields: Vec<RuleError>,
}

impl From<SigilError> for Failure {
    fn from(err: SigilError) -> Self {
        Self { err, fields: vec![] }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        SigilError::from(e).into()
    }
}

impl From<ProvisioningError> for Failure {
    fn from(e: ProvisioningError) -> Self {
        match e {
            ProvisioningError::NotFound { .. } => SigilError::new(catalog::NOT_FOUND, e.to_string()).into(),
            ProvisioningError::Conflict(m) => SigilError::new(catalog::ADMIN_CONFLICT, m).into(),
            ProvisioningError::Invalid(fields) => {
                let reason = fields.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
                Self { err: SigilError::new(catalog::ADMIN_INVALID_OBJECT, reason), fields }
            }
        }
    }
}

impl From<RuleError> for Failure {
    fn from(e: RuleError) -> Self {
        ProvisioningError::from(e).into()
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let mut res = StatusCode::INTERNAL_SERVER_ERROR.into_response();
        res.extensions_mut().insert(self);
        res
    }
}

pub type Reply = Result<Response, Failure>;

pub fn not_found(what: impl Into<String>) -> Failure {
    SigilError::new(catalog::NOT_FOUND, what).into()
}

pub fn malformed(why: impl Into<String>) -> Failure {
    let why = why.into();
    SigilError::new(catalog::MALFORMED_REQUEST, why.clone()).arg("reason", why).into()
}

/// Turns a [`Failure`] carried by a response into problem details (the one error form).
async fn problems(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let meta = req.extensions().get::<RequestMeta>().cloned();
    let mut res = next.run(req).await;
    match (res.extensions_mut().remove::<Failure>(), meta) {
        (Some(f), Some(meta)) => errors::problem(&state, &meta, &f.err, &f.fields),
        _ => res,
    }
}

/// The authenticated caller of an admin API request, with what every handler needs.
pub struct Admin {
    pub state: Arc<AppState>,
    pub meta: RequestMeta,
    pub who: Principal,
}

impl FromRequestParts<Arc<AppState>> for Admin {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Self, Failure> {
        Self::authenticate(parts, state, false).await
    }
}

impl Admin {
    /// The bootstrap token or a Sigil access token; `scim`: for the SCIM endpoint, where the
    /// `Sigil.Provisioning` role writes too (`admin::Principal::from_token_for`).
    pub async fn authenticate(parts: &Parts, state: &Arc<AppState>, scim: bool) -> Result<Self, Failure> {
        let meta = parts
            .extensions
            .get::<RequestMeta>()
            .cloned()
            .ok_or_else(|| Failure::from(SigilError::internal("request without metadata")))?;
        let now = state.ctx.clock.now();
        if let Some(wait) = state.admin_throttle.retry_after(&meta.source, now) {
            let mut e = SigilError::new(catalog::ADMIN_THROTTLED, "too many wrong admin credentials from this source");
            e.retry_after = Some(wait);
            return Err(e.into());
        }
        let presented = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or("")
            .trim();
        // Digests of equal length, compared in constant time: neither content nor length leaks.
        let bootstrap =
            state.admin_token.as_deref().is_some_and(|t| ct_eq(&sha256(t.as_bytes()), &sha256(presented.as_bytes())));
        let who = if bootstrap {
            Ok(Principal::bootstrap())
        } else if presented.is_empty() {
            Err(SigilError::new(catalog::ADMIN_UNAUTHORIZED, "no bearer token"))
        } else {
            sigil_core::admin::authenticate_for(&state.ctx, presented, state.admin_tenant.as_deref(), scim).await
        };
        match who {
            Ok(who) => Ok(Admin { state: state.clone(), meta, who }),
            Err(e) => {
                if e.entry.code == catalog::ADMIN_UNAUTHORIZED.code {
                    state.admin_throttle.failed(&meta.source, now);
                }
                Err(e.into())
            }
        }
    }
}

impl Admin {
    /// The directory as the database holds it now (not this instance's cached copy, which may be
    /// a second old), with the generation a conditional write expects.
    pub async fn directory(&self) -> Result<DirectoryData, Failure> {
        Ok(self.state.ctx.store.load_directory().await?)
    }

    /// A tenant by name or id that this caller may read.
    pub fn tenant<'a>(&self, d: &'a DirectoryData, name: &str) -> Result<&'a Tenant, Failure> {
        let t = rules::find_tenant(d, name)?;
        // Another tenant's admin learns nothing, not even that it exists.
        if self.who.read(t.id).is_err() {
            return Err(not_found(format!("tenant '{name}' outside the caller's reach")));
        }
        Ok(t)
    }

    /// A tenant this caller may change.
    pub fn tenant_to_change<'a>(&self, d: &'a DirectoryData, name: &str) -> Result<&'a Tenant, Failure> {
        let t = self.tenant(d, name)?;
        self.who.change(t.id)?;
        Ok(t)
    }

    /// A user by username or id.
    pub async fn user(&self, t: &Tenant, name: &str) -> Result<User, Failure> {
        let s = &self.state.ctx.store;
        let found = match Uuid::parse_str(name) {
            Ok(id) => s.user_by_id(t.id, id).await?,
            Err(_) => s.user_by_username(t.id, name).await?,
        };
        found.ok_or_else(|| {
            ProvisioningError::not_found_in(rules::Kind::User, name, rules::Kind::Tenant, &t.name).into()
        })
    }

    /// The audit entry of a change, for the same `apply`.
    pub fn audit(
        &self,
        tenant: Option<Uuid>,
        action: &str,
        target: String,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    ) -> AuditEntry {
        AuditEntry {
            id: 0,
            time_millis: self.state.ctx.clock.now_millis(),
            actor: self.who.who.clone(),
            tenant_id: tenant,
            action: action.into(),
            target,
            before,
            after,
            trace_id: self.meta.trace_id.to_string(),
        }
    }

    /// Applies `changes` and their audit entry in one transaction. `expect`: the generation the
    /// caller's `If-Match` was checked against; a change committed since then is 412, as a stale
    /// `ETag` is (RFC 9110 §13.1.1). A name clash is 409.
    pub async fn apply(&self, expect: Option<i64>, mut changes: Vec<Change>, audit: AuditEntry) -> Result<(), Failure> {
        let store = &self.state.ctx.store;
        if let Some(g) = expect {
            changes.insert(0, Change::ExpectGeneration(g));
        }
        changes.push(Change::Audit(Box::new(audit)));
        match store.apply(&changes).await {
            Ok(()) => Ok(()),
            Err(StoreError::Conflict(m)) => match expect {
                Some(g) if store.generation().await? != g => Err(stale(format!("changed since generation {g}"))),
                _ => Err(SigilError::new(catalog::ADMIN_CONFLICT, m).into()),
            },
            Err(e) => Err(e.into()),
        }
    }
}

fn stale(why: impl Into<String>) -> Failure {
    SigilError::new(catalog::ADMIN_PRECONDITION_FAILED, why).into()
}

/// A strong entity tag (RFC 9110 §8.8.3) of an object as stored: any change to it changes the tag.
pub fn etag<T: Serialize>(v: &T) -> String {
    let bytes = serde_json::to_vec(v).unwrap_or_default();
    let d = sha256(&bytes);
    format!("\"{}\"", d[..16].iter().map(|b| format!("{b:02x}")).collect::<String>())
}

/// RFC 9110 §13.1.1 `If-Match`: absent → no precondition (`false`); `*` or a list holding the
/// current tag (strong comparison, §8.8.3.2) → `true`; anything else → 412.
pub fn if_match(headers: &HeaderMap, current: &str) -> Result<bool, Failure> {
    let values: Vec<&str> = headers.get_all(header::IF_MATCH).iter().filter_map(|v| v.to_str().ok()).collect();
    if values.is_empty() {
        return Ok(false);
    }
    let tags = values.iter().flat_map(|v| v.split(',')).map(str::trim);
    let mut any = false;
    for t in tags {
        any = true;
        if t == "*" || t == current {
            return Ok(true);
        }
    }
    if !any {
        return Err(malformed("If-Match is empty"));
    }
    Err(stale("If-Match does not name the current representation"))
}

/// JSON with `Cache-Control: no-store` (admin answers are never cached).
pub fn json<T: Serialize>(status: StatusCode, v: &T) -> Response {
    let mut res = (status, Json(v)).into_response();
    errors::no_store(res.headers_mut());
    res
}

/// JSON of one object with its `ETag`.
pub fn tagged<T: Serialize>(status: StatusCode, v: &T, tag: &str) -> Response {
    let mut res = json(status, v);
    if let Ok(v) = HeaderValue::from_str(tag) {
        res.headers_mut().insert(header::ETAG, v);
    }
    res
}

pub fn no_content() -> Response {
    let mut res = StatusCode::NO_CONTENT.into_response();
    errors::no_store(res.headers_mut());
    res
}

/// Cursor pagination of a list: `limit` (1..=200, default 50) and an opaque `cursor`.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// Items per page (1 to 200; default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl Page {
    pub fn limit(&self) -> usize {
        self.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize
    }
}

/// An opaque cursor: the sort key of the last item shown.
pub fn cursor(key: &str) -> String {
    b64url(key.as_bytes())
}

pub fn decode_cursor(c: &str) -> Result<String, Failure> {
    b64url_decode(c).and_then(|b| String::from_utf8(b).ok()).ok_or_else(|| malformed("the cursor does not parse"))
}

/// One page of `items` in the order of `key` (unique per item), after the page's cursor.
pub fn page<T>(mut items: Vec<T>, p: &Page, key: impl Fn(&T) -> String) -> Result<(Vec<T>, Option<String>), Failure> {
    items.sort_by_key(|i| key(i));
    let after = p.cursor.as_deref().map(decode_cursor).transpose()?;
    let mut rest: Vec<T> = items.into_iter().filter(|i| after.as_ref().is_none_or(|a| key(i) > *a)).collect();
    let limit = p.limit();
    let next = (rest.len() > limit).then(|| cursor(&key(&rest[limit - 1])));
    rest.truncate(limit);
    Ok((rest, next))
}

/// A JSON body; its rejection is a problem (400), not axum's plain text.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = Failure;

    async fn from_request(req: Request, state: &S) -> Result<Self, Failure> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Body(v)),
            Err(e) => Err(malformed(format!("body: {}", e.body_text()))),
        }
    }
}

/// A NUL (`%00`) in the path or query is refused: no name holds one, and PostgreSQL text cannot.
fn no_nul(parts: &Parts) -> Result<(), Failure> {
    let pq = parts.uri.path_and_query().map_or("", |p| p.as_str());
    if pq.to_ascii_lowercase().contains("%00") {
        return Err(malformed("NUL in the path or query"));
    }
    Ok(())
}

/// Query parameters; their rejection is a problem (400).
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Failure> {
        no_nul(parts)?;
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(Query(v)),
            Err(e) => Err(malformed(format!("query: {}", e.body_text()))),
        }
    }
}

/// Path parameters; their rejection is a problem (400).
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Failure> {
        no_nul(parts)?;
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Path(v)),
            Err(e) => Err(malformed(format!("path: {}", e.body_text()))),
        }
    }
}

/// The router and, beside it, every (method, path) it serves, for the OpenAPI check.
#[derive(Default)]
pub struct Table {
    router: Router<Arc<AppState>>,
    pub list: Vec<(Method, String)>,
}

impl Table {
    fn add<H, T>(mut self, method: Method, path: &str, handler: H) -> Self
    where
        H: Handler<T, Arc<AppState>>,
        T: 'static,
    {
        let full = format!("{PREFIX}{path}");
        let filter = MethodFilter::try_from(method.clone()).unwrap_or(MethodFilter::GET);
        self.router = self.router.route(&full, on(filter, handler));
        self.list.push((method, full));
        self
    }
}

fn table() -> Table {
    use Method as M;
    Table::default()
        .add(M::GET, "/openapi.json", openapi::document)
        .add(M::GET, "/tenants", tenants::list)
        .add(M::POST, "/tenants", tenants::create)
        .add(M::GET, "/tenants/{tenant}", tenants::get)
        .add(M::PATCH, "/tenants/{tenant}", tenants::update)
        .add(M::DELETE, "/tenants/{tenant}", tenants::delete)
        .add(M::GET, "/tenants/{tenant}/applications", applications::list)
        .add(M::POST, "/tenants/{tenant}/applications", applications::create)
        .add(M::GET, "/tenants/{tenant}/applications/{client_id}", applications::get)
        .add(M::PATCH, "/tenants/{tenant}/applications/{client_id}", applications::update)
        .add(M::DELETE, "/tenants/{tenant}/applications/{client_id}", applications::delete)
        .add(M::POST, "/tenants/{tenant}/applications/{client_id}/secrets", credentials::add_secret)
        .add(M::DELETE, "/tenants/{tenant}/applications/{client_id}/secrets/{secret_id}", credentials::remove_secret)
        .add(M::POST, "/tenants/{tenant}/applications/{client_id}/certificates", credentials::add_certificate)
        .add(
            M::DELETE,
            "/tenants/{tenant}/applications/{client_id}/certificates/{thumbprint}",
            credentials::remove_certificate,
        )
        .add(M::GET, "/tenants/{tenant}/applications/{client_id}/federated-credentials", federated::list)
        .add(M::POST, "/tenants/{tenant}/applications/{client_id}/federated-credentials", federated::add)
        .add(M::DELETE, "/tenants/{tenant}/applications/{client_id}/federated-credentials/{name}", federated::remove)
        .add(M::GET, "/tenants/{tenant}/apis", apis::list)
        .add(M::POST, "/tenants/{tenant}/apis", apis::create)
        .add(M::GET, "/tenants/{tenant}/apis/{api}", apis::get)
        .add(M::PATCH, "/tenants/{tenant}/apis/{api}", apis::update)
        .add(M::DELETE, "/tenants/{tenant}/apis/{api}", apis::delete)
        .add(M::GET, "/tenants/{tenant}/users", users::list)
        .add(M::POST, "/tenants/{tenant}/users", users::create)
        .add(M::GET, "/tenants/{tenant}/users/{user}", users::get)
        .add(M::PATCH, "/tenants/{tenant}/users/{user}", users::update)
        .add(M::DELETE, "/tenants/{tenant}/users/{user}", users::delete)
        .add(M::POST, "/tenants/{tenant}/users/{user}/disable", users::disable)
        .add(M::PUT, "/tenants/{tenant}/users/{user}/password", users::set_password)
        .add(M::GET, "/tenants/{tenant}/users/{user}/groups", groups::of_user)
        .add(M::PUT, "/tenants/{tenant}/users/{user}/app-roles", groups::set_app_roles)
        .add(M::GET, "/tenants/{tenant}/users/{user}/grants", grants::list)
        .add(M::DELETE, "/tenants/{tenant}/users/{user}/grants/{grant_id}", grants::revoke)
        .add(M::GET, "/tenants/{tenant}/users/{user}/sessions", sessions::list)
        .add(M::DELETE, "/tenants/{tenant}/users/{user}/sessions/{sid}", sessions::revoke)
        .add(M::GET, "/tenants/{tenant}/users/{user}/consents", consents::list)
        .add(M::DELETE, "/tenants/{tenant}/users/{user}/consents/{client_id}", consents::revoke)
        .add(M::GET, "/tenants/{tenant}/groups", groups::list)
        .add(M::POST, "/tenants/{tenant}/groups", groups::create)
        .add(M::GET, "/tenants/{tenant}/groups/{group}", groups::get)
        .add(M::PATCH, "/tenants/{tenant}/groups/{group}", groups::update)
        .add(M::DELETE, "/tenants/{tenant}/groups/{group}", groups::delete)
        .add(M::PUT, "/tenants/{tenant}/groups/{group}/members/{user}", groups::add_member)
        .add(M::DELETE, "/tenants/{tenant}/groups/{group}/members/{user}", groups::remove_member)
        .add(M::GET, "/tenants/{tenant}/keys", keys::list)
        .add(M::POST, "/tenants/{tenant}/keys/rotate", keys::rotate)
        .add(M::GET, "/signins", signins::search)
        .add(M::GET, "/signins/stats", signin_stats::stats)
        .add(M::GET, "/signins/{trace_id}", signins::detail)
        .add(M::GET, "/audit", audit::search)
}

/// The admin API routes, each answering refusals as problem details.
pub fn router(state: Arc<AppState>) -> Router<Arc<AppState>> {
    table().router.route_layer(axum::middleware::from_fn_with_state(state, problems))
}

/// Every (method, path) the admin API router serves.
pub fn routes() -> Vec<(Method, String)> {
    table().list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(header::IF_MATCH, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn if_match_follows_rfc_9110() {
        let tag = etag(&"x");
        assert!(!if_match(&with(&[]), &tag).unwrap(), "absent: no precondition");
        assert!(if_match(&with(&["*"]), &tag).unwrap());
        assert!(if_match(&with(&[&format!("\"a\", {tag}")]), &tag).unwrap());
        assert!(if_match(&with(&["\"a\"", &tag]), &tag).unwrap());
        let stale = if_match(&with(&["\"a\""]), &tag).unwrap_err();
        assert_eq!(stale.err.entry.code, catalog::ADMIN_PRECONDITION_FAILED.code);
        // Strong comparison (§8.8.3.2): a weak tag never matches.
        assert!(if_match(&with(&[&format!("W/{tag}")]), &tag).is_err());
        assert_ne!(etag(&"x"), etag(&"y"));
    }

    #[test]
    fn pages_walk_every_item_once_in_key_order() {
        let items: Vec<u32> = (0..7).rev().collect();
        let key = |i: &u32| format!("{i:03}");
        let mut p = Page { limit: Some(3), cursor: None };
        let mut seen = Vec::new();
        loop {
            let (items, next) = page(items.clone(), &p, key).unwrap();
            seen.extend(items);
            match next {
                Some(c) => p.cursor = Some(c),
                None => break,
            }
        }
        assert_eq!(seen, (0..7).collect::<Vec<_>>());
        let (all, next) = page(items.clone(), &Page { limit: Some(7), cursor: None }, key).unwrap();
        assert_eq!((all.len(), next), (7, None), "a full last page has no cursor");
        assert!(page(items, &Page { limit: None, cursor: Some("%%".into()) }, key).is_err());
        assert_eq!(Page { limit: Some(10_000), cursor: None }.limit(), MAX_LIMIT as usize);
        assert_eq!(Page { limit: Some(0), cursor: None }.limit(), 1);
    }

    #[test]
    fn every_route_is_under_the_prefix_once() {
        let r = routes();
        let mut keys: Vec<String> = r.iter().map(|(m, p)| format!("{m} {p}")).collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n);
        assert!(r.iter().all(|(_, p)| p.starts_with(PREFIX)));
    }
}
