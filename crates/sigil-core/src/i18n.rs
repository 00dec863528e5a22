//! Localized messages, Project Fluent. English plus the languages of Sigil's seed documents.
//! Files are embedded at build time; one folder per locale under `crates/sigil-core/locales/`.
use std::collections::HashMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

/// Locale tags Sigil speaks, English first. Arabic is right-to-left.
pub const LOCALES: [&str; 6] = ["en", "ru", "zh-CN", "sl", "ar", "ro"];
pub const FILES: [&str; 5] = ["errors.ftl", "errors-help.ftl", "rfc.ftl", "ui.ftl", "console.ftl"];

macro_rules! locale_files {
    ($($loc:literal),*) => {
        &[$(($loc, [
            include_str!(concat!("../locales/", $loc, "/errors.ftl")),
            include_str!(concat!("../locales/", $loc, "/errors-help.ftl")),
            include_str!(concat!("../locales/", $loc, "/rfc.ftl")),
            include_str!(concat!("../locales/", $loc, "/ui.ftl")),
            include_str!(concat!("../locales/", $loc, "/console.ftl")),
        ])),*]
    };
}

const SOURCES: &[(&str, [&str; 5])] = locale_files!("en", "ru", "zh-CN", "sl", "ar", "ro");

pub fn is_rtl(locale: &str) -> bool {
    locale == "ar"
}

/// Raw FTL sources of one locale, for the completeness tests.
pub fn sources(locale: &str) -> Option<&'static [&'static str; 5]> {
    SOURCES.iter().find(|(l, _)| *l == locale).map(|(_, s)| s)
}

pub struct Messages {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Messages({} locales)", self.bundles.len())
    }
}

impl Default for Messages {
    fn default() -> Self {
        Self::load()
    }
}

impl Messages {
    /// Parses every embedded file. A syntax error in a shipped file is a build defect: panic early.
    pub fn load() -> Self {
        let mut bundles = HashMap::new();
        for (loc, files) in SOURCES {
            let id: LanguageIdentifier = loc.parse().expect("valid locale tag");
            let mut b = FluentBundle::new_concurrent(vec![id]);
            // No Unicode isolation marks: English descriptions must stay printable ASCII (RFC 6749 §5.2).
            b.set_use_isolating(false);
            for src in files {
                let res = FluentResource::try_new(src.to_string())
                    .unwrap_or_else(|(_, errs)| panic!("locale {loc}: Fluent syntax errors: {errs:?}"));
                b.add_resource(res).unwrap_or_else(|errs| panic!("locale {loc}: duplicate messages: {errs:?}"));
            }
            bundles.insert(*loc, b);
        }
        Self { bundles }
    }

    /// The message in `locale`, falling back to English, then to the key itself.
    pub fn get(&self, locale: &str, key: &str, args: &[(&str, String)]) -> String {
        self.try_get(locale, key, args).or_else(|| self.try_get("en", key, args)).unwrap_or_else(|| key.to_string())
    }

    pub fn try_get(&self, locale: &str, key: &str, args: &[(&str, String)]) -> Option<String> {
        let b = self.bundles.get(locale)?;
        let msg = b.get_message(key)?;
        let pattern = msg.value()?;
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        let mut errs = vec![];
        Some(b.format_pattern(pattern, Some(&fa), &mut errs).into_owned())
    }

    pub fn has(&self, locale: &str, key: &str) -> bool {
        self.bundles.get(locale).is_some_and(|b| b.has_message(key))
    }
}

/// Picks the locale: `ui_locales` (space-separated, OIDC Core §3.1.2.1), then `Accept-Language`
/// (RFC 9110 §12.5.4, by q-value), then the tenant's default, then English.
///
/// Hand-written rather than `fluent-langneg`: its Accept-Language parser drops q-values (so a
/// refused `q=0` language would be chosen and the order by weight lost), and its range matching
/// turns Traditional Chinese (`zh-TW`, `zh-Hant`) into Simplified (`zh-CN`); the table here is
/// six locales and costs no allocation per tag (the tests below pin both differences).
pub fn negotiate(
    ui_locales: Option<&str>,
    accept_language: Option<&str>,
    tenant_default: Option<&str>,
) -> &'static str {
    // Only the first MAX_PREFERENCES entries of either list are considered: a client's real
    // preferences fit, and a huge header costs no more than a short one.
    let first = crate::limits::MAX_PREFERENCES;
    if let Some(l) = ui_locales.and_then(|u| u.split(' ').take(first).find_map(supported)) {
        return l;
    }
    if let Some(al) = accept_language {
        let mut tags: Vec<(f32, &str)> = al
            .split(',')
            .take(first)
            .filter_map(|part| {
                let mut it = part.trim().split(';');
                let tag = it.next()?.trim();
                let q = it.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse().ok()).unwrap_or(1.0);
                Some((q, tag))
            })
            .filter(|(q, _)| *q > 0.0)
            .collect();
        tags.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
        if let Some(l) = tags.iter().find_map(|(_, t)| supported(t)) {
            return l;
        }
    }
    tenant_default.and_then(supported).unwrap_or("en")
}

/// Maps a requested tag to a supported locale (`ru-RU` → `ru`; `zh`, `zh-Hans`, `zh-CN` → `zh-CN`).
pub fn supported(tag: &str) -> Option<&'static str> {
    let t = tag.trim().to_ascii_lowercase();
    if t.is_empty() {
        return None;
    }
    if t == "zh" || t.starts_with("zh-hans") || t == "zh-cn" || t == "zh-sg" {
        return Some("zh-CN");
    }
    let primary = t.split('-').next().unwrap_or("");
    LOCALES.iter().copied().find(|l| *l != "zh-CN" && *l == primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_order() {
        assert_eq!(negotiate(Some("xx ru-RU"), Some("ar"), Some("sl")), "ru");
        assert_eq!(negotiate(None, Some("de;q=1, ar;q=0.5, ro;q=0.9"), Some("sl")), "ro");
        assert_eq!(negotiate(None, Some("de"), Some("sl")), "sl");
        assert_eq!(negotiate(None, None, None), "en");
        assert_eq!(negotiate(Some("zh-Hans-CN"), None, None), "zh-CN");
        assert_eq!(negotiate(None, Some("en-US,en;q=0.9"), Some("ru")), "en");
        // q=0 is a refusal (RFC 9110 §12.4.2), not a preference.
        assert_eq!(negotiate(None, Some("ru;q=0, sl;q=0.1"), None), "sl");
        // Traditional Chinese is not Simplified: the next preference, then the default.
        assert_eq!(negotiate(None, Some("zh-TW, ro;q=0.5"), None), "ro");
        assert_eq!(negotiate(Some("zh-Hant"), None, Some("ar")), "ar");
    }

    #[test]
    fn only_the_first_preferences_are_considered() {
        let late = |sep: &str| format!("{}{sep}ru", vec!["xx"; crate::limits::MAX_PREFERENCES].join(sep));
        assert_eq!(negotiate(Some(&late(" ")), None, None), "en");
        assert_eq!(negotiate(None, Some(&late(",")), None), "en");
        let early = format!("ru,{}", vec!["xx"; 100_000].join(","));
        assert_eq!(negotiate(None, Some(&early), None), "ru");
    }
}

#[cfg(test)]
mod completeness {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;

    /// key → placeholders, for one FTL source (single-line and indented multi-line values).
    fn keys(src: &str) -> BTreeMap<String, BTreeSet<String>> {
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut current: Option<String> = None;
        for line in src.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let text = if line.starts_with(' ') {
                line
            } else if let Some((k, v)) = line.split_once('=') {
                current = Some(k.trim().to_string());
                out.entry(k.trim().to_string()).or_default();
                v
            } else {
                line
            };
            if let Some(k) = &current {
                let set = out.entry(k.clone()).or_default();
                let mut rest = text;
                while let Some(i) = rest.find("{ $").or_else(|| rest.find("{$")) {
                    let after = rest[i..].trim_start_matches('{').trim_start().trim_start_matches('$');
                    let name: String =
                        after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-').collect();
                    set.insert(name);
                    rest = &rest[i + 2..];
                }
            }
        }
        out
    }

    #[test]
    fn every_locale_has_exactly_the_english_keys_and_placeholders() {
        let en = sources("en").unwrap();
        let mut problems = Vec::new();
        for loc in LOCALES.iter().filter(|l| **l != "en") {
            let src = sources(loc).unwrap();
            for (i, file) in FILES.iter().enumerate() {
                let (e, l) = (keys(en[i]), keys(src[i]));
                for k in e.keys().filter(|k| !l.contains_key(*k)) {
                    problems.push(format!("{loc}/{file}: missing {k}"));
                }
                for k in l.keys().filter(|k| !e.contains_key(*k)) {
                    problems.push(format!("{loc}/{file}: {k} is not in English"));
                }
                for (k, ph) in &e {
                    if let Some(lp) = l.get(k)
                        && lp != ph
                    {
                        problems.push(format!("{loc}/{file}: {k} placeholders {lp:?} differ from English {ph:?}"));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn every_catalog_entry_and_error_value_has_english_text() {
        let m = Messages::load();
        for e in crate::catalog::ALL {
            for part in crate::catalog::MESSAGE_PARTS {
                assert!(m.has("en", &e.key(part)), "missing {}", e.key(part));
            }
            let rfc = e.error.replace('_', "-");
            assert!(
                m.has("en", &format!("rfc-{rfc}-title")) && m.has("en", &format!("rfc-{rfc}-meaning")),
                "rfc text for {}",
                e.error
            );
            let d = m.get("en", &e.key("description"), &[]);
            assert!(
                d.chars().all(|c| matches!(c as u32, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E)),
                "non-ASCII English description {}",
                e.code
            );
        }
    }
}
