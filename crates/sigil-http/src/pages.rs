//! Server-rendered pages (minijinja): one layout, no JavaScript (except the OAuth form_post
//! auto-submit and the passkey ceremonies, each under a per-response CSP nonce), strict security
//! headers, the user's language and text direction.
use std::collections::BTreeMap;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use sigil_core::catalog::ErrorEntry;
use sigil_core::directory::TenantView;
use sigil_core::i18n::{self, Messages};

const TEMPLATES: &[(&str, &str)] = &[
    ("home.html", include_str!("../templates/home.html")),
    ("layout.html", include_str!("../templates/layout.html")),
    ("signin.html", include_str!("../templates/signin.html")),
    ("consent.html", include_str!("../templates/consent.html")),
    ("device.html", include_str!("../templates/device.html")),
    ("message.html", include_str!("../templates/message.html")),
    ("form_post.html", include_str!("../templates/form_post.html")),
    ("help_list.html", include_str!("../templates/help_list.html")),
    ("help_detail.html", include_str!("../templates/help_detail.html")),
    ("langs.html", include_str!("../templates/langs.html")),
    ("kmsi.html", include_str!("../templates/kmsi.html")),
    ("logout.html", include_str!("../templates/logout.html")),
    ("totp.html", include_str!("../templates/totp.html")),
    ("enroll.html", include_str!("../templates/enroll.html")),
    ("recovery.html", include_str!("../templates/recovery.html")),
    ("account.html", include_str!("../templates/account.html")),
    ("switch.html", include_str!("../templates/switch.html")),
    ("passkey.html", include_str!("../templates/passkey.html")),
    ("passkeys.html", include_str!("../templates/passkeys.html")),
];

pub const CSS: &str = include_str!("../assets/sigil.css");
/// The passkey ceremonies' browser side (the only script besides form_post's auto-submit).
pub const PASSKEY_JS: &str = include_str!("../assets/passkey.js");

/// Native names for the language links.
pub const LANGUAGE_NAMES: [(&str, &str); 6] = [
    ("en", "English"),
    ("ru", "Русский"),
    ("zh-CN", "简体中文"),
    ("sl", "Slovenščina"),
    ("ar", "العربية"),
    ("ro", "Română"),
];

pub struct Pages {
    env: minijinja::Environment<'static>,
}

impl Default for Pages {
    fn default() -> Self {
        Self::new()
    }
}

impl Pages {
    pub fn new() -> Self {
        let mut env = minijinja::Environment::new();
        for (name, src) in TEMPLATES {
            env.add_template(name, src).unwrap_or_else(|e| panic!("template {name}: {e}"));
        }
        Self { env }
    }

    pub fn env(&self) -> &minijinja::Environment<'static> {
        &self.env
    }

    /// Renders a page in `locale`: adds `lang`, `dir` and every `ui-*` string as `t`.
    pub fn render(
        &self,
        messages: &Messages,
        locale: &str,
        name: &str,
        mut ctx: Value,
    ) -> Result<String, minijinja::Error> {
        ctx["lang"] = json!(locale);
        ctx["dir"] = json!(if i18n::is_rtl(locale) { "rtl" } else { "ltr" });
        ctx["t"] = json!(ui_strings(messages, locale));
        self.env.get_template(name)?.render(&ctx)
    }
}

/// What the layout shows of a tenant's brand (issue 21, docs/branding.md): its display name, logo,
/// stylesheet (colours), privacy and terms links, and the sign-in text in `locale`. The name
/// leads the header; Sigil's own mark shrinks to "secured by Sigil" in the footer.
pub fn brand(view: &TenantView, locale: &str) -> Value {
    let (t, b) = (&view.tenant, &view.tenant.branding);
    // The uploaded logo's hash in its URL: a changed logo is fetched at once despite caching.
    let logo = match (&b.logo, &b.logo_url) {
        (Some(l), _) => Some(format!("/{}/branding/logo?v={}", t.id, l.etag().trim_matches('"'))),
        (None, Some(u)) => Some(u.clone()),
        (None, None) => None,
    };
    let stylesheet = b.has_colors().then(|| {
        let css = b.stylesheet();
        format!("/{}/branding/style.css?v={}", t.id, checksum(&css))
    });
    json!({
        "name": t.display_name,
        "logo": logo,
        "stylesheet": stylesheet,
        "privacy_url": b.privacy_url,
        "terms_url": b.terms_url,
        "signin_text": b.signin_text.pick(locale, &t.default_locale),
    })
}

/// A short FNV-1a checksum of a text, for cache-busting URLs and ETags (not a security boundary).
pub(crate) fn checksum(s: &str) -> String {
    let h = s.bytes().fold(0xcbf29ce484222325u64, |h, x| (h ^ u64::from(x)).wrapping_mul(0x100000001b3));
    format!("{h:016x}")
}

/// A page showing a logo from another site (`logo_url`) allows exactly that origin in `img-src`.
pub fn allow_image_origin(res: &mut Response, view: &TenantView) {
    let Some(origin) = view.tenant.branding.logo_origin() else { return };
    let h = res.headers_mut();
    let Some(csp) = h.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()) else { return };
    let csp = csp.replacen("img-src 'self' data:", &format!("img-src 'self' data: {origin}"), 1);
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
}

/// The language links of a page that keeps no interaction: the same URL with `lang` replaced.
pub fn language_choices(current: &str) -> Vec<Value> {
    LANGUAGE_NAMES.iter().map(|(code, name)| json!({"code": code, "name": name, "current": *code == current})).collect()
}

/// Every `ui-*` message of a locale (English where one is missing).
pub fn ui_strings(messages: &Messages, locale: &str) -> BTreeMap<String, String> {
    let en = i18n::sources("en").map(|s| s[3]).unwrap_or("");
    en.lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
        .filter(|k| k.starts_with("ui-") && !k.contains(' '))
        .map(|k| (k.to_string(), messages.get(locale, k, &[])))
        .collect()
}

/// Headers every page carries. `script_nonce` allows exactly one inline script (form_post).
pub fn html_response(status: StatusCode, body: String, locale: &str, script_nonce: Option<&str>) -> Response {
    page_response(status, body, locale, script_nonce, None)
}

/// The CSP source for where a form's submission may lead: the origin of `uri`, or for a
/// private-use URI scheme (RFC 8252 §7.1) the scheme alone. `None` when `uri` is no URL.
pub fn form_target(uri: &str) -> Option<String> {
    let u = url::Url::parse(uri).ok()?;
    match u.origin() {
        o @ url::Origin::Tuple(..) => Some(o.ascii_serialization()),
        url::Origin::Opaque(_) => Some(format!("{}:", u.scheme())),
    }
}

/// [`html_response`] for a page whose form (or the redirect that answers it) leads to
/// `form_target` besides this server. CSP Level 3 `form-action` applies to that redirect too, so
/// the sign-in, consent and logout pages name the client's origin, and form_post its target.
pub fn page_response(
    status: StatusCode,
    body: String,
    locale: &str,
    script_nonce: Option<&str>,
    form_target: Option<&str>,
) -> Response {
    // Not tower-http's SetResponseHeader: the CSP differs per page (nonce, form target).
    let script = script_nonce.map(|n| format!("'nonce-{n}'")).unwrap_or_else(|| "'none'".into());
    let target = form_target.map(|t| format!(" {t}")).unwrap_or_default();
    let csp = format!(
        "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src {script}; base-uri 'none'; \
         form-action 'self'{target}; frame-ancestors 'none'"
    );
    let mut res = (status, body).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(locale) {
        h.insert(header::CONTENT_LANGUAGE, v);
    }
    res
}

/// The troubleshooting content of one catalog entry in one language (pages, JSON and `sigil explain`).
pub fn help_json(m: &Messages, e: &'static ErrorEntry, locale: &str) -> Value {
    let part = |p: &str| m.get(locale, &e.key(p), &[]);
    // Without a request there are no values: each argument reads as a localized noun phrase.
    let mut args: Vec<(&str, String)> = sigil_core::limits::described_limits(e.code);
    args.extend(HELP_ARGS.iter().map(|a| (*a, m.get(locale, &format!("ui-help-arg-{a}"), &[]))));
    let rfc_key = e.error.replace('_', "-");
    json!({
        "code": e.code,
        "name": e.name,
        "error": e.error,
        "status": e.status,
        "locale": locale,
        "description": m.get(locale, &e.key("description"), &args),
        "meaning": part("meaning"),
        "causes": part("causes"),
        "fix_user": part("fix-user"),
        "fix_dev": part("fix-dev"),
        "rfc_title": m.get(locale, &format!("rfc-{rfc_key}-title"), &[]),
        "rfc_meaning": m.get(locale, &format!("rfc-{rfc_key}-meaning"), &[]),
        "reported_as": e.public_as,
    })
}

/// The words arguments of catalog descriptions read as on help pages (a test renders them all).
pub const HELP_ARGS: [&str; 12] = [
    "api",
    "client",
    "grant_type",
    "method",
    "param",
    "reason",
    "resource",
    "scope",
    "tenant",
    "url",
    "value",
    "seconds",
];

#[cfg(test)]
mod tests {
    use super::*;
    use sigil_core::catalog;

    /// The help pages and `sigil explain` show descriptions without a request: every argument must
    /// read as words in every language, never as a `{ $x }` marker or an angle-bracket placeholder.
    #[test]
    fn help_descriptions_have_no_placeholders_in_any_language() {
        let m = Messages::load();
        for (locale, _) in LANGUAGE_NAMES {
            for e in catalog::ALL {
                let d = help_json(&m, e, locale)["description"].as_str().unwrap_or_default().to_string();
                assert!(
                    !d.contains('{') && !d.contains('<') && !d.contains('$') && !d.contains("ui-help-arg"),
                    "{locale} {}: {d}",
                    e.code
                );
            }
        }
    }

    #[test]
    fn the_landing_page_renders_in_every_language() {
        let (m, p) = (Messages::load(), Pages::new());
        for (locale, _) in LANGUAGE_NAMES {
            let ctx = serde_json::json!({"endpoints": [{"name": "token", "url": "http://x/{tenant}/oauth2/v2.0/token"}], "langs": [], "version": "0"});
            let html = p.render(&m, locale, "home.html", ctx).unwrap();
            assert!(html.contains("/error?lang=") && html.contains("{tenant}"), "{locale}");
            assert!(!html.contains("ui-home-"), "{locale}: a ui-home string is missing");
        }
    }
}
