//! Request parameters, decoded once. RFC 6749 §3.1: "Request and response parameters MUST NOT be
//! included more than once" and "Parameters sent without a value MUST be treated as if they were
//! omitted from the request". Unrecognized parameters are ignored (§3.2). The one exception is
//! `resource`: RFC 8707 §2 lets it repeat ("multiple resource parameters MAY be used").
use std::collections::HashMap;

use crate::catalog;
use crate::error::SigilError;
use crate::limits::{MAX_PARAMETERS, MAX_RESOURCES};

/// RFC 8707 §2: the parameter allowed to appear more than once.
pub const RESOURCE: &str = "resource";

#[derive(Debug, Default, Clone)]
pub struct Params(HashMap<String, String>, Vec<String>);

impl Params {
    /// Linear: one hash-map insert per pair; more than [`MAX_PARAMETERS`] pairs are refused.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Result<Self, SigilError> {
        if pairs.len() > MAX_PARAMETERS {
            return Err(too_many_parameters(pairs.len()));
        }
        let mut map = HashMap::with_capacity(pairs.len());
        let mut resources = Vec::new();
        for (k, v) in pairs {
            if k == RESOURCE {
                if resources.len() == MAX_RESOURCES {
                    return Err(SigilError::new(
                        catalog::INVALID_TARGET,
                        format!("more than {MAX_RESOURCES} resource parameters"),
                    )
                    .arg("resource", format!("({MAX_RESOURCES}+ values)")));
                }
                // §3.1: a parameter without a value is as if omitted.
                if !v.is_empty() {
                    resources.push(v);
                }
                continue;
            }
            if map.contains_key(&k) {
                return Err(SigilError::new(catalog::DUPLICATE_PARAMETER, format!("parameter '{k}' repeated"))
                    .arg("param", sanitize(&k)));
            }
            map.insert(k, v);
        }
        Ok(Self(map, resources))
    }

    /// The `resource` values (RFC 8707 §2), in request order.
    pub fn resources(&self) -> &[String] {
        &self.1
    }

    pub fn get(&self, k: &str) -> Option<&str> {
        self.0.get(k).map(String::as_str).filter(|v| !v.is_empty())
    }

    pub fn require(&self, k: &'static str) -> Result<&str, SigilError> {
        self.get(k).ok_or_else(|| SigilError::missing(k))
    }

    pub fn contains(&self, k: &str) -> bool {
        self.get(k).is_some()
    }

    /// Every parameter as a `(name, value)` pair, `resource`s last in request order: what
    /// [`Params::from_pairs`] makes the same `Params` from.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self.0.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        out.sort();
        out.extend(self.1.iter().map(|r| (RESOURCE.to_string(), r.clone())));
        out
    }
}

/// More than [`MAX_PARAMETERS`] parameters in one request (`seen` is how many were counted).
pub fn too_many_parameters(seen: usize) -> SigilError {
    SigilError::new(catalog::TOO_MANY_PARAMETERS, format!("{seen} or more parameters"))
        .arg("limit", MAX_PARAMETERS.to_string())
}

/// Decodes one `application/x-www-form-urlencoded` name or value (WHATWG URL §5.1): `+` is a space,
/// `%XX` a byte. Unlike lenient decoders it refuses broken escapes and invalid UTF-8.
pub fn form_urldecode(s: &[u8]) -> Option<String> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Keeps only characters allowed in `error_description` (RFC 6749 §5.2: %x20-21 / %x23-5B / %x5D-7E).
pub fn sanitize(s: &str) -> String {
    s.chars().filter(|c| matches!(*c as u32, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E)).take(64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_refused_and_empty_is_absent() {
        let p =
            |v: &[(&str, &str)]| Params::from_pairs(v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect());
        assert_eq!(p(&[("a", "1"), ("a", "2")]).unwrap_err().entry.code, 88000002);
        let ok = p(&[("a", ""), ("b", "x")]).unwrap();
        assert_eq!(ok.get("a"), None);
        assert_eq!(ok.get("b"), Some("x"));
        assert_eq!(sanitize("a\"b\\c\nd"), "abcd");
    }

    #[test]
    fn resource_may_repeat_up_to_its_cap() {
        let r = |n: usize| (0..n).map(|i| (RESOURCE.to_string(), format!("api://r{i}"))).collect::<Vec<_>>();
        let p = Params::from_pairs(r(MAX_RESOURCES)).unwrap();
        assert_eq!(p.resources().len(), MAX_RESOURCES);
        assert_eq!(p.get(RESOURCE), None);
        assert_eq!(Params::from_pairs(r(MAX_RESOURCES + 1)).unwrap_err().entry.code, 88000210);
        let empty = Params::from_pairs(vec![(RESOURCE.into(), String::new())]).unwrap();
        assert!(empty.resources().is_empty());
    }

    #[test]
    fn parameter_count_is_capped_and_a_repeated_name_is_logged_escaped() {
        let pairs = |n: usize| (0..n).map(|i| (format!("p{i}"), "v".to_string())).collect::<Vec<_>>();
        assert!(Params::from_pairs(pairs(MAX_PARAMETERS)).is_ok());
        assert_eq!(Params::from_pairs(pairs(MAX_PARAMETERS + 1)).unwrap_err().entry.code, 88000101);
        let name = "x\r\nFORGED".to_string();
        let e = Params::from_pairs(vec![(name.clone(), "1".into()), (name, "2".into())]).unwrap_err();
        assert_eq!(e.reason, "parameter 'x\\r\\nFORGED' repeated");
    }
}
