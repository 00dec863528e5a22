//! The admin console (`/admin/console/`): server-rendered pages (minijinja, no JavaScript, charts
//! as inline SVG) over the admin API. The console is a backend-for-frontend: it signs the operator
//! in through Sigil (authorization code + PKCE, its built-in client `sigil-console` of
//! `server.admin_tenant`), keeps the access token in a sealed HttpOnly cookie, and answers every
//! page by calling the admin API's own router in process with that token, so who may read or
//! change what is decided in one place (`admin_api`), as for any other API client.
pub mod applications;
pub mod auth;
pub mod chart;
pub mod directory;
pub mod keys;
pub mod logs;
pub mod provision;
pub mod sessions;
pub mod signins;

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sigil_core::crypto::{b64url, b64url_decode, ct_eq};
use sigil_core::error::SigilError;
use sigil_core::{catalog, i18n};
use tower::ServiceExt;

use crate::meta::RequestMeta;
use crate::pages::{LANGUAGE_NAMES, page_response};
use crate::{AppState, cookies, errors};

/// Where the console lives.
pub const BASE: &str = "/admin/console";
/// The console's built-in client in the admin tenant.
pub const CLIENT_ID: &str = "sigil-console";
/// Its one redirect URI, under the public URL.
pub const CALLBACK: &str = "/admin/console/callback";
/// The delegated scope of `api://sigil-admin` the console's users consent to; their roles
/// (`Sigil.Admin`, `Sigil.Reader`, through groups or direct assignment) ride in its tokens.
pub const SCOPE: &str = "Admin.Access";

const SESSION_COOKIE: &str = "sigil_console";
const LANG_COOKIE: &str = "sigil_console_lang";
/// AES-GCM associated data of the session cookie: a sealed value of another purpose never opens.
const SESSION_AAD: &[u8] = b"sigil-console-session-v1";
/// Largest admin API answer the console reads (a page of 200 records is far smaller).
const MAX_API_BODY: usize = 8 * 1024 * 1024;

const TEMPLATES: &[(&str, &str)] = &[
    ("console_layout.html", include_str!("../../templates/console_layout.html")),
    ("console_signins.html", include_str!("../../templates/console_signins.html")),
    ("console_signin.html", include_str!("../../templates/console_signin.html")),
    ("console_list.html", include_str!("../../templates/console_list.html")),
    ("console_app_new.html", include_str!("../../templates/console_app_new.html")),
    ("console_app.html", include_str!("../../templates/console_app.html")),
    ("console_users.html", include_str!("../../templates/console_users.html")),
    ("console_message.html", include_str!("../../templates/console_message.html")),
];

pub const CSS: &str = include_str!("../../assets/console.css");

/// What every console handler shares: the admin API and token endpoint routers it calls in
/// process, and its templates.
pub struct Console {
    api: Router,
    token: Router,
    env: minijinja::Environment<'static>,
}

impl Console {
    pub fn new(state: Arc<AppState>) -> Self {
        let mut env = minijinja::Environment::new();
        for (name, src) in TEMPLATES {
            env.add_template(name, src).unwrap_or_else(|e| panic!("template {name}: {e}"));
        }
        let token = Router::new()
            .route("/{tenant}/oauth2/v2.0/token", post(crate::endpoints::token::token))
            .with_state(state.clone());
        Self { api: crate::admin_api::router(state.clone()).with_state(state), token, env }
    }
}

/// The console's routes (served with the other admin routes).
pub fn router(state: Arc<AppState>) -> Router<Arc<AppState>> {
    let console = Arc::new(Console::new(state));
    Router::new()
        .route(&format!("{BASE}/"), get(signins::list))
        .route(BASE, get(|| async { Redirect::to(&format!("{BASE}/")) }))
        .route(&format!("{BASE}/signins/{{trace_id}}"), get(signins::detail))
        .route(&format!("{BASE}/tenants"), get(directory::tenants))
        .route(&format!("{BASE}/apis"), get(directory::apis))
        .route(&format!("{BASE}/applications"), get(applications::list))
        .route(&format!("{BASE}/applications/new"), get(applications::wizard).post(applications::create))
        .route(&format!("{BASE}/applications/view"), get(applications::view))
        .route(&format!("{BASE}/applications/certificates"), post(applications::add_certificate))
        .route(&format!("{BASE}/users"), get(directory::users))
        .route(&format!("{BASE}/members"), post(directory::add_member))
        .route(&format!("{BASE}/keys"), get(keys::list))
        .route(&format!("{BASE}/keys/rotate"), post(keys::rotate))
        .route(&format!("{BASE}/sessions"), get(sessions::list))
        .route(&format!("{BASE}/sessions/revoke"), post(sessions::revoke))
        .route(&format!("{BASE}/audit"), get(logs::audit))
        .route(&format!("{BASE}/login"), get(auth::login))
        .route(&format!("{BASE}/callback"), get(auth::callback))
        .route(&format!("{BASE}/logout"), post(auth::logout))
        .route(&format!("{BASE}/console.css"), get(css))
        .layer(Extension(console))
}

async fn css() -> Response {
    let mut res = CSS.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    res
}

/// The signed-in operator, as the sealed cookie holds it. The token is the authority (the admin
/// API verifies it on every call); the rest is for display and the anti-forgery check.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    /// When the token expires (ms since the epoch): after it, sign in again.
    pub exp: i64,
    pub name: String,
    /// The token carries `Sigil.Admin` (else only `Sigil.Reader`): write forms are shown.
    pub write: bool,
    /// The synchronizer token every console form posts back (OWASP CSRF: synchronizer pattern).
    pub csrf: String,
}

/// A console request: the state, the request's metadata, the language, and the session if any.
pub struct Cx {
    pub state: Arc<AppState>,
    pub console: Arc<Console>,
    pub meta: RequestMeta,
    pub locale: &'static str,
    pub headers: HeaderMap,
    pub path_and_query: String,
    pub session: Option<Session>,
    /// `?lang=` chose a language: remember it in a cookie.
    set_lang: bool,
}

impl FromRequestParts<Arc<AppState>> for Cx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Self, Response> {
        let meta = parts
            .extensions
            .get::<RequestMeta>()
            .cloned()
            .ok_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response())?;
        let console = parts
            .extensions
            .get::<Arc<Console>>()
            .cloned()
            .ok_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response())?;
        let asked = query_value(parts.uri.query(), "lang");
        let remembered = cookies::get(&parts.headers, &cookies::cookie_name(state, LANG_COOKIE));
        let chosen = asked.as_deref().and_then(i18n::supported);
        let locale = i18n::negotiate(
            chosen.or(remembered.as_deref().and_then(i18n::supported)),
            meta.accept_language.as_deref(),
            None,
        );
        let session = cookies::get(&parts.headers, &cookies::cookie_name(state, SESSION_COOKIE))
            .and_then(|v| open_session(state, &v))
            .filter(|s| s.exp > state.ctx.clock.now_millis());
        Ok(Cx {
            state: state.clone(),
            console,
            meta,
            locale,
            headers: parts.headers.clone(),
            path_and_query: parts.uri.path_and_query().map_or(BASE.to_string(), |p| p.as_str().to_string()),
            session,
            set_lang: chosen.is_some(),
        })
    }
}

/// The first value of `name` in a query string (percent-decoded).
pub fn query_value(query: Option<&str>, name: &str) -> Option<String> {
    url::form_urlencoded::parse(query?.as_bytes()).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

fn open_session(state: &AppState, v: &str) -> Option<Session> {
    let sealed = b64url_decode(v)?;
    let plain = state.ctx.master.open(SESSION_AAD, &sealed).ok()?;
    serde_json::from_slice(&plain).ok()
}

pub fn seal_session(state: &AppState, s: &Session) -> String {
    let plain = serde_json::to_vec(s).unwrap_or_default();
    b64url(&state.ctx.master.seal(state.ctx.rng.as_ref(), SESSION_AAD, &plain))
}

pub fn session_cookie(state: &AppState, value: &str, lifetime: i64) -> HeaderValue {
    let c = cookie::Cookie::build((cookies::cookie_name(state, SESSION_COOKIE), value.to_string()))
        .path("/")
        .http_only(true)
        // The console is only ever reached from its own pages and Sigil's sign-in redirect
        // (same site), so Strict costs nothing and keeps every cross-site request unauthenticated.
        .same_site(cookie::SameSite::Strict)
        .secure(state.secure_cookies)
        .max_age(cookie::time::Duration::seconds(lifetime))
        .build();
    HeaderValue::from_str(&c.to_string()).unwrap_or(HeaderValue::from_static(""))
}

/// An admin API answer: its status and JSON body (a problem on refusal).
pub struct Answer {
    pub status: StatusCode,
    pub body: Value,
}

impl Answer {
    pub fn ok(&self) -> bool {
        self.status.is_success()
    }
}

/// A response that ends a handler early (a redirect to sign in, a refusal page); boxed, so the
/// `Result`s that carry it stay small.
pub struct Stop(Box<Response>);

impl From<Response> for Stop {
    fn from(r: Response) -> Self {
        Stop(Box::new(r))
    }
}

impl IntoResponse for Stop {
    fn into_response(self) -> Response {
        *self.0
    }
}

/// The outcome of a console handler: a page, or a response that stopped it.
pub type Page = Result<Response, Stop>;

impl Cx {
    /// The session, or a redirect to sign in that comes back here.
    pub fn signed_in(&self) -> Result<&Session, Stop> {
        self.session.as_ref().ok_or_else(|| {
            let back: String = url::form_urlencoded::byte_serialize(self.path_and_query.as_bytes()).collect();
            Redirect::to(&format!("{BASE}/login?return={back}")).into_response().into()
        })
    }

    /// Calls the admin API in process with the operator's token: the API decides, as for any client.
    pub async fn api(&self, method: Method, path: &str, body: Option<Value>) -> Result<Answer, Stop> {
        let token = self.signed_in()?.token.clone();
        let mut req = Request::builder()
            .method(method)
            .uri(format!("{}{path}", crate::admin_api::PREFIX))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
            .map_err(|_| Stop::from(StatusCode::BAD_REQUEST.into_response()))?;
        let mut meta = self.meta.clone();
        meta.admin_api = true;
        meta.accept_language = Some(self.locale.to_string());
        req.extensions_mut().insert(meta);
        let res = self.console.api.clone().oneshot(req).await.unwrap_or_else(|e| match e {});
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), MAX_API_BODY).await.unwrap_or_default();
        let body = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap_or(Value::Null) };
        // The token was refused (expired, revoked, keys rotated away): sign in again.
        if status == StatusCode::UNAUTHORIZED {
            return Err(Redirect::to(&format!("{BASE}/login")).into_response().into());
        }
        Ok(Answer { status, body })
    }

    /// A GET whose refusal becomes the page (a 403 for a reader, a 404 for another tenant).
    pub async fn get(&self, path: &str) -> Result<Value, Stop> {
        let a = self.api(Method::GET, path, None).await?;
        if a.ok() { Ok(a.body) } else { Err(self.refusal(&a).into()) }
    }

    /// The tenants the operator reaches, and the one this page is about (`?tenant=`, else the
    /// first).
    pub async fn tenants(&self) -> Result<(Vec<Value>, String), Stop> {
        let list = self.get("/tenants?limit=200").await?;
        let items = list["items"].as_array().cloned().unwrap_or_default();
        let asked = query_value(self.path_and_query.split_once('?').map(|(_, q)| q), "tenant");
        let current = asked
            .filter(|a| items.iter().any(|t| t["name"] == a.as_str()))
            .or_else(|| {
                let admin = self.state.admin_tenant.as_deref().unwrap_or_default();
                items
                    .iter()
                    .find(|t| t["name"] != admin)
                    .or(items.first())
                    .and_then(|t| t["name"].as_str())
                    .map(str::to_string)
            })
            .unwrap_or_default();
        Ok((items, current))
    }

    /// Checks a posted form's anti-forgery token against the session's, in constant time.
    pub fn check_csrf(&self, given: &str) -> Result<&Session, Stop> {
        let s = self.signed_in()?;
        if ct_eq(s.csrf.as_bytes(), given.as_bytes()) {
            Ok(s)
        } else {
            Err(self
                .error(SigilError::new(
                    catalog::CONSOLE_FORM_REJECTED,
                    "console form without the session's anti-forgery token",
                ))
                .into())
        }
    }

    /// A console error of the catalog, as the one error page.
    pub fn error(&self, err: SigilError) -> Response {
        errors::page(&self.state, &self.meta, self.locale, &err)
    }

    /// An admin API refusal shown in the console: its code linked to its troubleshooting page in
    /// the operator's language, the trace ID, and for broken rules each field.
    pub fn refusal(&self, a: &Answer) -> Response {
        let code = a.body["code"].as_u64().unwrap_or(0);
        let described = self.state.messages.try_get(self.locale, &format!("err-{code}-description"), &[]);
        let ctx = json!({
            "title": self.text("console-refused-title"),
            "problem": a.body,
            "description": described,
            "help": format!("/error?code={code}&lang={}", self.locale),
        });
        let status = if a.status.is_client_error() { a.status } else { StatusCode::BAD_GATEWAY };
        self.render_status(status, "console_message.html", "", ctx)
    }

    pub fn text(&self, key: &str) -> String {
        self.state.messages.get(self.locale, key, &[])
    }

    /// Renders a console page (200).
    pub fn render(&self, name: &str, nav: &str, ctx: Value) -> Response {
        self.render_status(StatusCode::OK, name, nav, ctx)
    }

    pub fn render_status(&self, status: StatusCode, name: &str, nav: &str, mut ctx: Value) -> Response {
        ctx["lang"] = json!(self.locale);
        ctx["dir"] = json!(if i18n::is_rtl(self.locale) { "rtl" } else { "ltr" });
        ctx["c"] = json!(console_strings(&self.state.messages, self.locale));
        ctx["nav"] = json!(nav);
        ctx["base"] = json!(BASE);
        ctx["session"] =
            json!(self.session.as_ref().map(|s| json!({"name": s.name, "write": s.write, "csrf": s.csrf})));
        let here = self.path_and_query.split_once('?').map_or(self.path_and_query.as_str(), |(p, _)| p);
        let rest: Vec<(String, String)> = self
            .path_and_query
            .split_once('?')
            .map(|(_, q)| url::form_urlencoded::parse(q.as_bytes()).into_owned().filter(|(k, _)| k != "lang").collect())
            .unwrap_or_default();
        ctx["langs"] = json!(
            LANGUAGE_NAMES
                .iter()
                .map(|(code, native)| {
                    let mut q = url::form_urlencoded::Serializer::new(String::new());
                    q.extend_pairs(rest.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                    q.append_pair("lang", code);
                    json!({"code": code, "name": native, "href": format!("{here}?{}", q.finish()), "current": *code == self.locale})
                })
                .collect::<Vec<_>>()
        );
        let html = self
            .console
            .env
            .get_template(name)
            .and_then(|t| t.render(&ctx))
            .unwrap_or_else(|e| format!("template error: {e}"));
        let mut res = page_response(status, html, self.locale, None, None);
        if self.set_lang {
            let c = cookies::set(
                &self.state,
                &cookies::cookie_name(&self.state, LANG_COOKIE),
                self.locale,
                Some(31_536_000),
            );
            res.headers_mut().append(header::SET_COOKIE, c);
        }
        res
    }
}

/// Every `console-*` message of a locale.
pub fn console_strings(messages: &i18n::Messages, locale: &str) -> BTreeMap<String, String> {
    let en = i18n::sources("en").map(|s| s[4]).unwrap_or("");
    en.lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
        .filter(|k| k.starts_with("console-") && !k.contains(' '))
        .map(|k| (k.to_string(), messages.get(locale, k, &[])))
        .collect()
}

/// A form body of `application/x-www-form-urlencoded` pairs (the console's forms are small).
pub struct Form(pub BTreeMap<String, String>);

impl Form {
    pub fn get(&self, k: &str) -> &str {
        self.0.get(k).map_or("", |v| v.trim())
    }
}

impl<S: Send + Sync> axum::extract::FromRequest<S> for Form {
    type Rejection = Response;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Response> {
        let bytes = axum::body::to_bytes(req.into_body(), sigil_core::limits::MAX_BODY_BYTES)
            .await
            .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
        Ok(Form(url::form_urlencoded::parse(&bytes).into_owned().collect()))
    }
}

/// A redirect after a successful POST (303: the browser GETs the result; a reload does not post again).
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// Percent-encodes one path segment or query value: every byte but RFC 3986 §2.3's unreserved
/// characters (so a space is `%20`, right in a path and in a query).
pub fn enc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            o.push(b as char);
        } else {
            o.push_str(&format!("%{b:02X}"));
        }
    }
    o
}

/// A table cell: text, optionally a link, optionally monospace (IDs, codes).
pub fn cell(t: impl Into<Value>) -> Value {
    json!({"t": t.into()})
}

pub fn link(t: impl Into<Value>, href: String) -> Value {
    json!({"t": t.into(), "href": href})
}

pub fn mono(t: impl Into<Value>) -> Value {
    json!({"t": t.into(), "mono": true})
}

/// A list of strings as one cell.
pub fn joined(v: &Value) -> Value {
    let parts: Vec<&str> = v.as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    cell(parts.join(", "))
}

/// A time in ms since the epoch, as UTC text (or empty).
pub fn time_cell(v: &Value) -> Value {
    v.as_i64().map_or(cell(""), |t| mono(sigil_core::clock::rfc3339(t)))
}

impl Cx {
    /// The page's `?tenant=` picker: the tenants the operator reaches.
    pub fn tenant_picker(&self, tenants: &[Value], current: &str) -> Value {
        json!({
            "current": current,
            "options": tenants.iter().filter_map(|t| t["name"].as_str()).collect::<Vec<_>>(),
        })
    }

    /// Renders the generic list page: a title, an optional tenant picker, optional forms, a table.
    pub fn list_page(
        &self,
        nav: &str,
        title_key: &str,
        mut ctx: Value,
        columns: &[&str],
        rows: Vec<Vec<Value>>,
    ) -> Response {
        ctx["title"] = json!(self.text(title_key));
        ctx["columns"] = json!(columns.iter().map(|c| self.text(c)).collect::<Vec<_>>());
        ctx["rows"] = json!(rows);
        self.render("console_list.html", nav, ctx)
    }
}
