//! A minimal cookie-keeping HTTP agent that completes Sigil's sign-in form contract without a browser
//! (the real-browser tests use Chromium): forms are read from the HTML, fields posted back.
use std::collections::BTreeMap;

pub struct Agent {
    http: reqwest::Client,
    cookies: BTreeMap<String, String>,
    base: String,
    /// The `x-sigil-trace-id` of the last response.
    pub last_trace_id: Option<String>,
    /// The raw `Set-Cookie` headers of the last response (attributes included).
    pub last_set_cookies: Vec<String>,
    /// Headers sent with every request (e.g. `X-Forwarded-For` through a trusted proxy).
    pub headers: Vec<(String, String)>,
}

#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub body: String,
}

/// Reverses the HTML escaping minijinja applies to attribute values.
pub fn unescape(s: &str) -> String {
    s.replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

impl Page {
    /// The value of the first `<input name="…" value="…">` with that name.
    pub fn input(&self, name: &str) -> Option<String> {
        let needle = format!("name=\"{name}\" value=\"");
        let start = self.body.find(&needle)? + needle.len();
        let end = self.body[start..].find('"')? + start;
        Some(unescape(&self.body[start..end]))
    }
    /// Every `<input type="hidden" name="…" value="…">`, in page order.
    pub fn hidden_inputs(&self) -> Vec<(String, String)> {
        let needle = "<input type=\"hidden\" name=\"";
        self.body
            .match_indices(needle)
            .filter_map(|(at, _)| {
                let rest = &self.body[at + needle.len()..];
                let (name, rest) = rest.split_once("\" value=\"")?;
                let value = rest.split('"').next()?;
                Some((unescape(name), unescape(value)))
            })
            .collect()
    }

    pub fn form_action(&self) -> Option<String> {
        let start = self.body.find("<form method=\"post\" action=\"")? + "<form method=\"post\" action=\"".len();
        let end = self.body[start..].find('"')? + start;
        Some(unescape(&self.body[start..end]))
    }
    pub fn is_signin(&self) -> bool {
        self.body.contains("name=\"password\"")
    }
    pub fn is_consent(&self) -> bool {
        self.body.contains("name=\"decision\"")
    }
}

impl Agent {
    pub fn new(http: reqwest::Client, base: &str) -> Self {
        Self {
            http,
            cookies: BTreeMap::new(),
            base: base.to_string(),
            last_trace_id: None,
            last_set_cookies: vec![],
            headers: vec![],
        }
    }

    fn absolute(&self, url: &str) -> String {
        if url.starts_with('/') { format!("{}{url}", self.base) } else { url.to_string() }
    }

    async fn finish(&mut self, r: reqwest::Response) -> Page {
        self.last_set_cookies =
            r.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).map(str::to_string).collect();
        for v in r.headers().get_all("set-cookie") {
            if let Some((k, rest)) = v.to_str().unwrap_or("").split_once('=') {
                let value = rest.split(';').next().unwrap_or("").to_string();
                if value.is_empty() {
                    self.cookies.remove(k);
                } else {
                    self.cookies.insert(k.to_string(), value);
                }
            }
        }
        self.last_trace_id = r.headers().get("x-sigil-trace-id").and_then(|v| v.to_str().ok()).map(str::to_string);
        let status = r.status().as_u16();
        let location = r.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_string);
        Page { status, location, body: r.text().await.unwrap_or_default() }
    }

    fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    fn with_headers(&self, mut b: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        for (k, v) in &self.headers {
            b = b.header(k.as_str(), v.as_str());
        }
        b.header("cookie", self.cookie_header())
    }

    pub async fn get(&mut self, url: &str) -> Page {
        let r = self.with_headers(self.http.get(self.absolute(url))).send().await.expect("GET");
        self.finish(r).await
    }

    pub async fn post(&mut self, url: &str, fields: &[(&str, &str)]) -> Page {
        let r = self.with_headers(self.http.post(self.absolute(url))).form(fields).send().await.expect("POST");
        self.finish(r).await
    }

    /// Submits the page's form with its hidden fields plus `extra`.
    pub async fn submit(&mut self, page: &Page, extra: &[(&str, &str)]) -> Page {
        let action = page.form_action().expect("page has a form");
        let hidden = page.hidden_inputs();
        assert!(hidden.iter().any(|(k, _)| k == "csrf_token"), "form without csrf_token: {}", page.body);
        let mut fields: Vec<(&str, &str)> = hidden.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        fields.extend_from_slice(extra);
        self.post(&action, &fields).await
    }

    /// Authorize → sign in → consent (accept) → the final redirect to the client.
    pub async fn sign_in(&mut self, authorize_url: &str, username: &str, password: &str) -> String {
        let mut page = self.get(authorize_url).await;
        if page.is_signin() {
            page = self.submit(&page, &[("username", username), ("password", password)]).await;
        }
        if page.is_consent() {
            page = self.submit(&page, &[("decision", "accept")]).await;
        }
        page.location
            .unwrap_or_else(|| panic!("no redirect at the end of the sign-in (status {}): {}", page.status, page.body))
    }

    /// The first cookie whose name contains `part` (names may carry the `__Host-` prefix), as (name, value).
    pub fn cookie_named(&self, part: &str) -> Option<(String, String)> {
        self.cookies.iter().find(|(k, _)| k.contains(part)).map(|(k, v)| (k.clone(), v.clone()))
    }

    pub fn cookie(&self, name_prefix: &str) -> Option<&String> {
        self.cookies.iter().find(|(k, _)| k.starts_with(name_prefix)).map(|(_, v)| v)
    }
}

/// A query or fragment parameter of a redirect URL.
pub fn param(url: &str, name: &str) -> Option<String> {
    let q = url.split_once(['?', '#'])?.1;
    url::form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}
