//! Server-rendered pages (minijinja), one layout, no JavaScript.
use serde_json::{Value, json};
use sigil_core::catalog::ErrorEntry;
use sigil_core::i18n::Messages;

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
        let env = minijinja::Environment::new();
        Self { env }
    }
    pub fn env(&self) -> &minijinja::Environment<'static> {
        &self.env
    }
}

/// The troubleshooting content of one catalog entry in one language (pages, JSON and `sigil explain`).
pub fn help_json(m: &Messages, e: &'static ErrorEntry, locale: &str) -> Value {
    let part = |p: &str| m.get(locale, &e.key(p), &[]);
    let rfc_key = e.error.replace('_', "-");
    json!({
        "code": e.code,
        "name": e.name,
        "error": e.error,
        "status": e.status,
        "locale": locale,
        "description": strip_placeholders(&part("description")),
        "meaning": part("meaning"),
        "causes": part("causes"),
        "fix_user": part("fix-user"),
        "fix_dev": part("fix-dev"),
        "rfc_title": m.get(locale, &format!("rfc-{rfc_key}-title"), &[]),
        "rfc_meaning": m.get(locale, &format!("rfc-{rfc_key}-meaning"), &[]),
        "reported_as": e.public_as,
    })
}

/// Descriptions rendered without arguments show Fluent's `{$x}` markers; make them readable.
fn strip_placeholders(s: &str) -> String {
    s.replace("{$", "<").replace('}', ">")
}
