//! SCIM 2.0 (RFC 7644) under `/{tenant}/scim/v2`: discovery, `/Users`, `/Groups`. The caller is
//! authenticated as for the admin API (`admin_api::Admin`), where the `Sigil.Provisioning` role
//! also writes; every write goes through the core's provisioning rules and commits its audit
//! entry in the same transaction. Refusals are SCIM errors (RFC 7644 §3.12) carrying Sigil's
//! catalog code and trace ID, built in one place ([`error`]).
pub mod discovery;
pub mod groups;
pub mod users;

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, MatchedPath, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use serde_json::{Value, json};
use sigil_core::catalog;
use sigil_core::error::SigilError;
use sigil_core::model::Tenant;
use sigil_core::scim::filter::{AttrPath, Filter};
use sigil_core::scim::{self as core, MAX_RESULTS, ScimType, attrs};
use sigil_core::store::DirectoryData;

use crate::admin_api::{Admin, Failure};
use crate::meta::RequestMeta;
use crate::{AppState, errors};

/// RFC 7644 §8.1.
pub const SCIM_JSON: &str = "application/scim+json";

/// A SCIM request's caller, its tenant (one it may read) and the tenant's SCIM base URL.
pub struct Scim {
    pub admin: Admin,
    pub tenant: Tenant,
    pub dir: DirectoryData,
    pub base: String,
}

impl FromRequestParts<Arc<AppState>> for Scim {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Self, Failure> {
        let admin = Admin::authenticate(parts, state, true).await?;
        let params = axum::extract::Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|e| crate::admin_api::malformed(format!("path: {}", e.body_text())))?;
        let name = params.0.get("tenant").cloned().unwrap_or_default();
        let dir = admin.directory().await?;
        let tenant = admin.tenant(&dir, &name)?.clone();
        let base = format!("{}/{}/scim/v2", state.ctx.public_url, tenant.name);
        Ok(Scim { admin, tenant, dir, base })
    }
}

impl Scim {
    /// May change users and groups of this tenant (`Sigil.Admin`, `Sigil.Provisioning`).
    pub fn writer(&self) -> Result<(), Failure> {
        Ok(self.admin.who.change(self.tenant.id)?)
    }
}

/// A JSON body, whatever its media type (`application/scim+json` or `application/json`).
pub struct Body(pub Value);

impl<S: Send + Sync> FromRequest<S> for Body {
    type Rejection = Failure;

    async fn from_request(req: Request, state: &S) -> Result<Self, Failure> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| Failure::from(ScimType::InvalidSyntax.error(format!("body: {}", e.body_text()))))?;
        serde_json::from_slice(&bytes)
            .map(Body)
            .map_err(|e| ScimType::InvalidSyntax.error(format!("the body is not JSON: {e}")).into())
    }
}

/// The query of a list (RFC 7644 §3.4.2) or of one resource (§3.4.2.5 only).
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub filter: Option<String>,
    #[serde(rename = "startIndex")]
    pub start_index: Option<String>,
    pub count: Option<String>,
    pub attributes: Option<String>,
    #[serde(rename = "excludedAttributes")]
    pub excluded_attributes: Option<String>,
    /// Sorting is not supported (ServiceProviderConfig `sort.supported` false): ignored.
    #[serde(rename = "sortBy")]
    pub sort_by: Option<String>,
    #[serde(rename = "sortOrder")]
    pub sort_order: Option<String>,
}

impl ListQuery {
    pub fn filter(&self) -> Result<Option<Filter>, Failure> {
        match self.filter.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
            None => Ok(None),
            Some(f) => Filter::parse(f).map(Some).map_err(|e| ScimType::InvalidFilter.error(e.0).into()),
        }
    }

    fn paths(s: &Option<String>) -> Result<Vec<AttrPath>, Failure> {
        s.as_deref().map_or(Ok(vec![]), |s| attrs::path_list(s).map_err(|e| ScimType::InvalidValue.error(e.0).into()))
    }

    /// §3.4.2.4: `startIndex` below 1 is 1; a negative `count` is 0; `count` at most
    /// [`MAX_RESULTS`] (default 100).
    pub fn window(&self) -> Result<(usize, usize), Failure> {
        let int = |v: &Option<String>, name: &str, default: i64| -> Result<i64, Failure> {
            v.as_deref().map_or(Ok(default), |s| {
                s.trim()
                    .parse::<i64>()
                    .map_err(|_| ScimType::InvalidValue.error(format!("{name} is not an integer")).into())
            })
        };
        let start = int(&self.start_index, "startIndex", 1)?.max(1) as usize;
        let count = int(&self.count, "count", 100)?.clamp(0, MAX_RESULTS as i64) as usize;
        Ok((start, count))
    }

    /// `attributes`/`excludedAttributes` of one representation.
    pub fn project(&self, res: &Value) -> Result<Value, Failure> {
        let (only, without) = (Self::paths(&self.attributes)?, Self::paths(&self.excluded_attributes)?);
        Ok(attrs::project(res, &only, &without, &["schemas", "id"]))
    }
}

/// RFC 7644 §3.4.3 `POST …/.search`: a SearchRequest body, answered as the same query by GET.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchRequest {
    pub filter: Option<String>,
    pub start_index: Option<i64>,
    pub count: Option<i64>,
    pub attributes: Option<Vec<String>>,
    pub excluded_attributes: Option<Vec<String>>,
    pub sort_by: Option<String>,
    pub sort_order: Option<String>,
}

impl SearchRequest {
    pub fn parse(body: &Value) -> Result<ListQuery, Failure> {
        let schemas = body.get("schemas").and_then(Value::as_array);
        if !schemas.is_some_and(|s| s.iter().any(|s| s.as_str() == Some(core::SEARCH_REQUEST))) {
            return Err(ScimType::InvalidSyntax.error(format!("schemas must hold {}", core::SEARCH_REQUEST)).into());
        }
        let r: Self = serde_json::from_value(body.clone())
            .map_err(|e| Failure::from(ScimType::InvalidSyntax.error(format!("SearchRequest: {e}"))))?;
        Ok(ListQuery {
            filter: r.filter,
            start_index: r.start_index.map(|v| v.to_string()),
            count: r.count.map(|v| v.to_string()),
            attributes: r.attributes.map(|a| a.join(",")),
            excluded_attributes: r.excluded_attributes.map(|a| a.join(",")),
            sort_by: r.sort_by,
            sort_order: r.sort_order,
        })
    }
}

/// A ListResponse (§3.4.2) of the resources that matched, in order, paged by the query.
pub fn list_response(matched: Vec<Value>, q: &ListQuery) -> Result<Response, Failure> {
    let (start, count) = q.window()?;
    let total = matched.len();
    list_page(total, start, matched.into_iter().skip(start - 1).take(count).collect(), q)
}

/// A ListResponse of one page of `total` resources, the page starting at `start` (1-based).
pub fn list_page(total: usize, start: usize, page: Vec<Value>, q: &ListQuery) -> Result<Response, Failure> {
    let page: Vec<Value> = page.iter().map(|r| q.project(r)).collect::<Result<_, _>>()?;
    let body = json!({
        "schemas": [core::LIST_RESPONSE], "totalResults": total, "startIndex": start,
        "itemsPerPage": page.len(), "Resources": page,
    });
    Ok(scim_json(StatusCode::OK, &body))
}

/// `application/scim+json`, never cached.
pub fn scim_json(status: StatusCode, v: &Value) -> Response {
    let mut res = (status, axum::Json(v)).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(SCIM_JSON));
    errors::no_store(h);
    res
}

/// One resource: its `ETag` is `meta.version` (§3.14), `Location` its `meta.location` on 201.
pub fn resource(status: StatusCode, full: &Value, shown: &Value) -> Response {
    let mut res = scim_json(status, shown);
    let h = res.headers_mut();
    if let Some(v) = full["meta"]["version"].as_str().and_then(|v| HeaderValue::from_str(v).ok()) {
        h.insert(header::ETAG, v);
    }
    if status == StatusCode::CREATED
        && let Some(v) = full["meta"]["location"].as_str().and_then(|v| HeaderValue::from_str(v).ok())
    {
        h.insert(header::LOCATION, v);
    }
    res
}

/// §3.14: `If-Match` against the resource's version (absent: no precondition).
pub fn precondition(headers: &HeaderMap, full: &Value) -> Result<bool, Failure> {
    crate::admin_api::if_match(headers, full["meta"]["version"].as_str().unwrap_or(""))
}

pub fn not_found(what: impl Into<String>) -> Failure {
    crate::admin_api::not_found(what)
}

/// The representation without `meta`, for the audit log (never a password: none is rendered).
pub fn audited(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(o) = v.as_object_mut() {
        o.remove("meta");
    }
    v
}

/// RFC 7644 §3.12: `schemas`, `status` (a string), `scimType` and `detail`, nothing else (strict
/// clients validate the message against its schema). Sigil's catalog code, trace ID,
/// correlation ID, time and troubleshooting page are in `detail`
/// (`SIGIL<code>: … Trace ID: … Troubleshooting: <url>`) and the trace ID also in the
/// `x-sigil-trace-id` header. The detail of a request error (400, 409, 412) starts with what was
/// wrong, so a provisioning log shows it.
pub fn error(state: &AppState, meta: &RequestMeta, f: &Failure) -> Response {
    let err = &f.err;
    let b = errors::describe(state, meta, "en", err);
    let entry = err.public_entry();
    let status = StatusCode::from_u16(entry.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let scim_type = ScimType::of_code(entry.code);
    let mut detail = format!("{} Troubleshooting: {}", b.error_description, b.error_uri);
    if matches!(entry.status, 400 | 409 | 412) {
        let why = if f.fields.is_empty() {
            err.reason.clone()
        } else {
            f.fields.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
        };
        detail = format!("{why}. {detail}");
    }
    let mut body = json!({"schemas": [core::ERROR], "status": status.as_u16().to_string(), "detail": detail});
    if let Some(t) = scim_type {
        body["scimType"] = Value::from(t.as_str());
    }
    let mut res = scim_json(status, &body);
    errors::admin_refusal(&mut res, err, "sigil-scim");
    res
}

/// Turns a [`Failure`] carried by a response into a SCIM error.
async fn scim_errors(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let meta = req.extensions().get::<RequestMeta>().cloned();
    let mut res = next.run(req).await;
    match (res.extensions_mut().remove::<Failure>(), meta) {
        (Some(f), Some(meta)) => error(&state, &meta, &f),
        _ => res,
    }
}

/// RFC 7644 §3.4.3 `POST …/.search`: under `/Users` or `/Groups` that type, at the root users
/// and groups (users first).
async fn search(s: Scim, path: MatchedPath, Body(b): Body) -> Result<Response, Failure> {
    let q = SearchRequest::parse(&b)?;
    let p = path.as_str();
    let mut all = Vec::new();
    if !p.ends_with("/Groups/.search") {
        all.extend(users::matched(&s, &q, None).await?.1);
    }
    if !p.ends_with("/Users/.search") {
        all.extend(groups::matched(&s, &q).await?);
    }
    list_response(all, &q)
}

/// Any other path under the base: a SCIM 404.
async fn unknown(_: Scim) -> Result<Response, Failure> {
    Err(SigilError::new(catalog::NOT_FOUND, "no such SCIM endpoint").into())
}

/// The SCIM routes of every tenant.
pub fn router(state: Arc<AppState>) -> Router<Arc<AppState>> {
    const B: &str = "/{tenant}/scim/v2";
    Router::new()
        .route(&format!("{B}/ServiceProviderConfig"), get(discovery::service_provider_config))
        .route(&format!("{B}/ResourceTypes"), get(discovery::resource_types))
        .route(&format!("{B}/ResourceTypes/{{id}}"), get(discovery::resource_type))
        .route(&format!("{B}/Schemas"), get(discovery::schemas))
        .route(&format!("{B}/Schemas/{{id}}"), get(discovery::schema))
        .route(&format!("{B}/Users"), get(users::list).post(users::create))
        .route(&format!("{B}/Users/.search"), axum::routing::post(search))
        .route(
            &format!("{B}/Users/{{id}}"),
            get(users::get).put(users::replace).patch(users::patch).delete(users::delete),
        )
        .route(&format!("{B}/Groups"), get(groups::list).post(groups::create))
        .route(&format!("{B}/Groups/.search"), axum::routing::post(search))
        .route(
            &format!("{B}/Groups/{{id}}"),
            get(groups::get).put(groups::replace).patch(groups::patch).delete(groups::delete),
        )
        .route(&format!("{B}/.search"), axum::routing::post(search))
        .route(&format!("{B}/{{*rest}}"), axum::routing::any(unknown))
        .route_layer(axum::middleware::from_fn_with_state(state, scim_errors))
}
