//! Tenant branding (issue 21 item 5): the logo, colours, sign-in text and links a tenant's pages
//! show, and the rules they must meet. The pages stay Sigil's (same layout, same strict CSP); a
//! tenant only chooses values, each checked here, so a brand can neither break accessibility
//! (WCAG 2.1 AA contrast) nor open the pages to script or to another site's images unasked.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::provisioning::RuleError;

/// Largest uploaded logo: it is kept in the in-memory directory and sent on every sign-in page.
pub const MAX_LOGO_BYTES: usize = 100 * 1024;
/// Longest sign-in page text or scope description, in characters.
pub const MAX_BRAND_TEXT: usize = 1000;
/// WCAG 2.1 SC 1.4.3 (contrast minimum, level AA): 4.5:1 for normal text.
pub const MIN_CONTRAST: f64 = 4.5;
/// The text colour of the pages (`--fg` in sigil.css), drawn on the tenant's background.
pub const TEXT_COLOR: &str = "#1b1f24";
/// The card (`--card`) on which links and buttons in the primary colour are drawn.
pub const CARD_COLOR: &str = "#ffffff";

/// A text with optional per-language variants: `"..."` (every language) or
/// `{ en = "...", ro = "..." }`. The key `""` holds the text for every language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct LocalizedText(pub BTreeMap<String, String>);

impl<'de> Deserialize<'de> for LocalizedText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            One(String),
            Many(BTreeMap<String, String>),
        }
        Ok(match Either::deserialize(d)? {
            Either::One(s) => Self(BTreeMap::from([(String::new(), s)])),
            Either::Many(m) => Self(m),
        })
    }
}

impl LocalizedText {
    /// The text for `locale`: its own variant, else the text for every language, else the
    /// tenant's default language's, else English; `None` when there is no text at all.
    pub fn pick(&self, locale: &str, default_locale: &str) -> Option<&str> {
        [locale, "", default_locale, "en"].iter().find_map(|k| self.0.get(*k)).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each variant: a supported language (or `""`), plain text of bounded length.
    pub fn check(&self, field: &str) -> Vec<RuleError> {
        let mut broken = Vec::new();
        for (lang, text) in &self.0 {
            if !lang.is_empty() && crate::i18n::supported(lang) != Some(lang.as_str()) {
                broken.push(RuleError::new(
                    format!("{field}.{lang}"),
                    format!("'{lang}' is not one of {}", crate::i18n::LOCALES.join(", ")),
                ));
            }
            if text.trim().is_empty() || text.chars().count() > MAX_BRAND_TEXT || text.chars().any(is_forbidden_char) {
                broken.push(RuleError::new(
                    if lang.is_empty() { field.to_string() } else { format!("{field}.{lang}") },
                    format!("must be plain text of 1 to {MAX_BRAND_TEXT} characters, without control characters"),
                ));
            }
        }
        broken
    }
}

/// Line breaks are allowed in plain text; other control characters are not.
fn is_forbidden_char(c: char) -> bool {
    c.is_control() && c != '\n'
}

/// An uploaded logo: its bytes and the content type read from them (never from the uploader).
#[derive(Clone, PartialEq, Eq)]
pub struct Logo {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Logo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Logo({}, {} bytes)", self.content_type, self.bytes.len())
    }
}

impl Logo {
    /// Accepts PNG, JPEG and WebP, recognised by their signatures, up to [`MAX_LOGO_BYTES`]. SVG
    /// (and so any format that can carry script or fetch other resources) is refused.
    pub fn new(bytes: Vec<u8>) -> Result<Self, RuleError> {
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(RuleError::new(
                "logo",
                format!("is {} bytes; at most {MAX_LOGO_BYTES} bytes are accepted", bytes.len()),
            ));
        }
        let content_type = sniff(&bytes).ok_or_else(|| {
            RuleError::new("logo", "must be a PNG, JPEG or WebP image (SVG and other formats are refused)")
        })?;
        Ok(Self { content_type, bytes })
    }

    /// A strong validator for HTTP caching: a hash of the bytes, hex.
    pub fn etag(&self) -> String {
        let d = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &self.bytes);
        format!("\"{}\"", d.as_ref()[..12].iter().map(|b| format!("{b:02x}")).collect::<String>())
    }
}

/// The image type by its file signature (PNG: ISO/IEC 15948 §5.2; JPEG: SOI marker then a
/// marker; WebP: a RIFF container of form type `WEBP`).
pub fn sniff(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// What a tenant's pages show of its brand. Every field is optional: without any, the pages
/// look as they always did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branding {
    /// A logo served by another site (https only); its origin is added to the pages' `img-src`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// An uploaded logo, served from `/{tenant}/branding/logo` (stored in its own columns).
    #[serde(skip)]
    pub logo: Option<Logo>,
    /// `#rrggbb`: buttons, links and focus accents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_color: Option<String>,
    /// `#rrggbb`: the page behind the card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_color: Option<String>,
    /// Shown on the sign-in page below the heading (plain text, per language optional).
    #[serde(default, skip_serializing_if = "LocalizedText::is_empty")]
    pub signin_text: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms_url: Option<String>,
}

impl Branding {
    /// Whether the pages need the tenant's stylesheet (`/{tenant}/branding/style.css`).
    pub fn has_colors(&self) -> bool {
        self.primary_color.is_some() || self.background_color.is_some()
    }

    /// The stylesheet that applies the colours: CSS custom properties only, from validated
    /// `#rrggbb` values, so nothing of the operator's reaches the page as CSS syntax.
    pub fn stylesheet(&self) -> String {
        let mut css = String::from(":root {");
        if let Some(p) = self.primary_color.as_deref().and_then(rgb) {
            css.push_str(&format!(" --accent: {};", hex(p)));
        }
        if let Some(b) = self.background_color.as_deref().and_then(rgb) {
            css.push_str(&format!(" --bg: {}; --muted-on-bg: {};", hex(b), TEXT_COLOR));
        }
        css.push_str(" }\n");
        css
    }

    /// Every rule, each broken one reported.
    pub fn check(&self) -> Vec<RuleError> {
        let mut broken = Vec::new();
        for (field, v) in
            [("logo_url", &self.logo_url), ("privacy_url", &self.privacy_url), ("terms_url", &self.terms_url)]
        {
            if let Some(u) = v
                && let Err(m) = https_url(u)
            {
                broken.push(RuleError::new(field, m));
            }
        }
        if self.logo_url.is_some() && self.logo.is_some() {
            broken.push(RuleError::new("logo", "give either an uploaded logo or logo_url, not both"));
        }
        let primary = color("primary_color", self.primary_color.as_deref(), &mut broken);
        let background = color("background_color", self.background_color.as_deref(), &mut broken);
        let text = rgb(TEXT_COLOR).expect("constant");
        let card = rgb(CARD_COLOR).expect("constant");
        // WCAG 2.1 SC 1.4.3: white button text and links on the card, in the primary colour.
        if let Some(p) = primary {
            contrast_rule("primary_color", p, "white text and the white card", card, &mut broken);
        }
        // The page's own text and the language links sit on the background.
        if let Some(b) = background {
            contrast_rule("background_color", b, &format!("the page text ({TEXT_COLOR})"), text, &mut broken);
            let link = primary.unwrap_or(rgb("#0b5cad").expect("constant"));
            contrast_rule("background_color", b, &format!("the link colour ({})", hex(link)), link, &mut broken);
        }
        broken.extend(self.signin_text.check("signin_text"));
        broken
    }

    /// The origin to allow in `img-src` for [`Self::logo_url`].
    pub fn logo_origin(&self) -> Option<String> {
        let u = url::Url::parse(self.logo_url.as_deref()?).ok()?;
        Some(u.origin().ascii_serialization())
    }
}

fn color(field: &str, v: Option<&str>, broken: &mut Vec<RuleError>) -> Option<[u8; 3]> {
    let v = v?;
    let c = rgb(v);
    if c.is_none() {
        broken.push(RuleError::new(field, format!("'{v}' is not a colour in the form #rrggbb")));
    }
    c
}

fn contrast_rule(field: &str, c: [u8; 3], against: &str, other: [u8; 3], broken: &mut Vec<RuleError>) {
    let r = contrast(c, other);
    if r < MIN_CONTRAST {
        broken.push(RuleError::new(
            field,
            format!(
                "{} against {against} has a contrast ratio of {:.2}:1; WCAG 2.1 AA (SC 1.4.3) needs at least \
                 {MIN_CONTRAST}:1. Choose a darker or lighter colour.",
                hex(c),
                (r * 100.0).floor() / 100.0
            ),
        ));
    }
}

/// `#rrggbb` (either case) as bytes.
pub fn rgb(s: &str) -> Option<[u8; 3]> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let p = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some([p(0)?, p(2)?, p(4)?])
}

fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// WCAG 2.1 "relative luminance" (definition in §5 Glossary, sRGB).
fn luminance(c: [u8; 3]) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

/// WCAG 2.1 "contrast ratio": (L1 + 0.05) / (L2 + 0.05), L1 the lighter.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// An absolute https URL without credentials or fragment.
pub fn https_url(u: &str) -> Result<(), String> {
    let p = url::Url::parse(u).map_err(|e| format!("'{u}' is not a URL: {e}"))?;
    if p.scheme() != "https" || p.host_str().is_none() {
        return Err(format!("'{u}' must be an https URL"));
    }
    if !p.username().is_empty() || p.password().is_some() || p.fragment().is_some() || u.len() > 2048 {
        return Err(format!("'{u}' must not carry credentials or a fragment, and at most 2048 characters"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        assert!((contrast([255, 255, 255], [255, 255, 255]) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1 threshold grey.
        let r = contrast(rgb("#767676").unwrap(), [255, 255, 255]);
        assert!(r > 4.5 && r < 4.6, "{r}");
    }

    #[test]
    fn low_contrast_colours_are_refused_with_the_ratio() {
        let b = Branding { primary_color: Some("#77aaff".into()), ..Default::default() };
        let e = b.check();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].message.contains(":1") && e[0].message.contains("4.5"), "{}", e[0].message);
        let dark = Branding { background_color: Some("#202020".into()), ..Default::default() };
        assert!(dark.check().iter().any(|e| e.field == "background_color"));
        let ok = Branding {
            primary_color: Some("#7a1f5c".into()),
            background_color: Some("#f6eef3".into()),
            ..Default::default()
        };
        assert!(ok.check().is_empty(), "{:?}", ok.check());
        assert!(!Branding { primary_color: Some("red".into()), ..Default::default() }.check().is_empty());
    }

    #[test]
    fn logos_are_sniffed_and_svg_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        assert_eq!(Logo::new(png).unwrap().content_type, "image/png");
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert!(Logo::new(b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec()).is_err());
        let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
        big.resize(MAX_LOGO_BYTES + 1, 0);
        assert!(Logo::new(big).unwrap_err().message.contains("at most"));
    }

    #[test]
    fn links_are_https_only() {
        for bad in ["http://example.com/p", "javascript:alert(1)", "https://u:p@example.com/", "/privacy"] {
            let b = Branding { privacy_url: Some(bad.into()), ..Default::default() };
            assert_eq!(b.check().len(), 1, "{bad}");
        }
        assert!(https_url("https://example.com/privacy").is_ok());
    }

    #[test]
    fn localized_text_picks_the_language_then_falls_back() {
        let t: LocalizedText = serde_json::from_str(r#"{"en":"Hello","ro":"Salut"}"#).unwrap();
        assert_eq!(t.pick("ro", "en"), Some("Salut"));
        assert_eq!(t.pick("sl", "ro"), Some("Salut"));
        assert_eq!(t.pick("sl", "ar"), Some("Hello"));
        let one: LocalizedText = serde_json::from_str(r#""Welcome""#).unwrap();
        assert_eq!(one.pick("ar", "en"), Some("Welcome"));
        let bad: LocalizedText = serde_json::from_str(r#"{"xx":"a","en":"b\u0007"}"#).unwrap();
        assert_eq!(bad.check("signin_text").len(), 2);
    }

    #[test]
    fn the_stylesheet_carries_only_validated_colours() {
        let b = Branding { primary_color: Some("#7A1F5C".into()), ..Default::default() };
        assert_eq!(b.stylesheet(), ":root { --accent: #7a1f5c; }\n");
    }
}
