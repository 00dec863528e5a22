//! RFC 7644 §3.4.2.2 filters and §3.5.2 PATCH paths: a tokenizer and a recursive-descent parser,
//! linear in the input, with the nesting depth ([`MAX_DEPTH`]) and length ([`MAX_FILTER_BYTES`])
//! bounded so that no input can exhaust the stack or the CPU. `and`/`or` chains are kept flat
//! (`And(Vec)`), so a long chain neither recurses when parsed nor when dropped.
use serde_json::Value;

/// A filter or PATCH path longer than this is refused (`invalidFilter`/`invalidPath`).
pub const MAX_FILTER_BYTES: usize = 8 * 1024;
/// Nesting (parentheses, `not`, value paths) deeper than this is refused.
pub const MAX_DEPTH: usize = 32;

/// RFC 7644 §3.4.2.2 `attrPath = [URI ":"] ATTRNAME *1subAttr`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrPath {
    /// The schema URI, e.g. `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`.
    pub uri: Option<String>,
    pub attr: String,
    pub sub: Option<String>,
}

/// Table 3 of RFC 7644 §3.4.2.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Co,
    Sw,
    Ew,
    Gt,
    Ge,
    Lt,
    Le,
}

/// `compValue = false / null / true / number / string`.
#[derive(Debug, Clone, PartialEq)]
pub enum CompValue {
    Null,
    Bool(bool),
    Number(f64),
    Str(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    Present(AttrPath),
    Compare(AttrPath, CompareOp, CompValue),
    And(Vec<Filter>),
    Or(Vec<Filter>),
    Not(Box<Filter>),
    /// `emails[type eq "work"]`: some element of the multi-valued attribute matches.
    ValuePath(AttrPath, Box<Filter>),
}

/// RFC 7644 §3.5.2 `PATH = attrPath / valuePath [subAttr]`.
#[derive(Debug, Clone, PartialEq)]
pub struct PatchPath {
    pub attr: AttrPath,
    pub filter: Option<Filter>,
    /// The sub-attribute after a value filter: `emails[type eq "work"].value`.
    pub sub: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError(pub String);

impl std::fmt::Display for FilterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn err<T>(why: impl Into<String>) -> Result<T, FilterError> {
    Err(FilterError(why.into()))
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    OpenBracket,
    CloseBracket,
    Word(String),
    Str(String),
}

/// One pass over the input: every byte is looked at a bounded number of times.
fn tokenize(s: &str) -> Result<Vec<Tok>, FilterError> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'(' => (out.push(Tok::Open), i += 1).1,
            b')' => (out.push(Tok::Close), i += 1).1,
            b'[' => (out.push(Tok::OpenBracket), i += 1).1,
            b']' => (out.push(Tok::CloseBracket), i += 1).1,
            b'"' => {
                let start = i;
                i += 1;
                loop {
                    match b.get(i) {
                        None => return err("a string is not closed"),
                        Some(b'\\') => i += 2,
                        Some(b'"') => break,
                        Some(_) => i += 1,
                    }
                }
                i += 1;
                let text: String = serde_json::from_str(&s[start..i]).or_else(|e| err(format!("a string: {e}")))?;
                out.push(Tok::Str(text));
            }
            _ => {
                let start = i;
                while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'(' | b')' | b'[' | b']' | b'"') {
                    i += 1;
                }
                out.push(Tok::Word(s[start..i].to_string()));
            }
        }
    }
    Ok(out)
}

fn name_ok(n: &str) -> bool {
    // ATTRNAME = ALPHA *(nameChar); `$ref` is the one name RFC 7643 §2.4 adds.
    n == "$ref"
        || n.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl AttrPath {
    /// `[URI ":"] ATTRNAME *1subAttr`; the URI is everything before the last `:`.
    pub fn parse(w: &str) -> Result<Self, FilterError> {
        let (uri, rest) = match w.rfind(':') {
            Some(i) => (Some(w[..i].to_string()), &w[i + 1..]),
            None => (None, w),
        };
        let (attr, sub) = match rest.split_once('.') {
            Some((a, s)) => (a, Some(s)),
            None => (rest, None),
        };
        if !name_ok(attr) || sub.is_some_and(|s| !name_ok(s)) {
            return err(format!("'{}' is not an attribute path", crate::limits::for_log(w, 200)));
        }
        if let Some(u) = &uri
            && (!u.to_ascii_lowercase().starts_with("urn:") || u.chars().any(|c| c.is_whitespace()))
        {
            return err(format!("'{}' is not a schema URI", crate::limits::for_log(u, 200)));
        }
        Ok(Self { uri, attr: attr.to_string(), sub: sub.map(str::to_string) })
    }

    pub fn simple(attr: &str) -> Self {
        Self { uri: None, attr: attr.to_string(), sub: None }
    }

    /// `attr` or `attr.sub`, case-insensitively (the URI is not compared).
    pub fn is(&self, attr: &str, sub: Option<&str>) -> bool {
        self.attr.eq_ignore_ascii_case(attr)
            && match (&self.sub, sub) {
                (None, None) => true,
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => false,
            }
    }
}

struct Parser {
    toks: Vec<Tok>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.at).cloned();
        self.at += 1;
        t
    }
    fn keyword(&self, k: &str) -> bool {
        matches!(self.peek(), Some(Tok::Word(w)) if w.eq_ignore_ascii_case(k))
    }
    fn expect(&mut self, t: Tok, what: &str) -> Result<(), FilterError> {
        if self.next() == Some(t) { Ok(()) } else { err(format!("expected {what}")) }
    }

    fn or(&mut self, depth: usize) -> Result<Filter, FilterError> {
        let mut terms = vec![self.and(depth)?];
        while self.keyword("or") {
            self.at += 1;
            terms.push(self.and(depth)?);
        }
        Ok(if terms.len() == 1 { terms.remove(0) } else { Filter::Or(terms) })
    }

    /// `and` binds tighter than `or` (§3.4.2.2, Table 4 precedence).
    fn and(&mut self, depth: usize) -> Result<Filter, FilterError> {
        let mut factors = vec![self.unary(depth)?];
        while self.keyword("and") {
            self.at += 1;
            factors.push(self.unary(depth)?);
        }
        Ok(if factors.len() == 1 { factors.remove(0) } else { Filter::And(factors) })
    }

    fn unary(&mut self, depth: usize) -> Result<Filter, FilterError> {
        if depth >= MAX_DEPTH {
            return err(format!("nested deeper than {MAX_DEPTH}"));
        }
        if self.keyword("not") && self.toks.get(self.at + 1) == Some(&Tok::Open) {
            self.at += 2;
            let f = self.or(depth + 1)?;
            self.expect(Tok::Close, "')'")?;
            return Ok(Filter::Not(Box::new(f)));
        }
        match self.next() {
            Some(Tok::Open) => {
                let f = self.or(depth + 1)?;
                self.expect(Tok::Close, "')'")?;
                Ok(f)
            }
            Some(Tok::Word(w)) => {
                let path = AttrPath::parse(&w)?;
                if self.peek() == Some(&Tok::OpenBracket) {
                    if path.sub.is_some() {
                        return err("a value filter follows an attribute, not a sub-attribute");
                    }
                    self.at += 1;
                    let f = self.or(depth + 1)?;
                    self.expect(Tok::CloseBracket, "']'")?;
                    return Ok(Filter::ValuePath(path, Box::new(f)));
                }
                self.comparison(path)
            }
            Some(t) => err(format!("unexpected {t:?}")),
            None => err("the filter ends too early"),
        }
    }

    fn comparison(&mut self, path: AttrPath) -> Result<Filter, FilterError> {
        let Some(Tok::Word(op)) = self.next() else {
            return err(format!("an operator must follow '{}'", path.attr));
        };
        let op = match op.to_ascii_lowercase().as_str() {
            "pr" => return Ok(Filter::Present(path)),
            "eq" => CompareOp::Eq,
            "ne" => CompareOp::Ne,
            "co" => CompareOp::Co,
            "sw" => CompareOp::Sw,
            "ew" => CompareOp::Ew,
            "gt" => CompareOp::Gt,
            "ge" => CompareOp::Ge,
            "lt" => CompareOp::Lt,
            "le" => CompareOp::Le,
            _ => return err(format!("'{}' is not an operator", crate::limits::for_log(&op, 40))),
        };
        let value = match self.next() {
            Some(Tok::Str(s)) => CompValue::Str(s),
            Some(Tok::Word(w)) => match w.as_str() {
                "true" => CompValue::Bool(true),
                "false" => CompValue::Bool(false),
                "null" => CompValue::Null,
                n => match serde_json::from_str::<serde_json::Number>(n).ok().and_then(|n| n.as_f64()) {
                    Some(f) => CompValue::Number(f),
                    None => return err(format!("'{}' is not a value", crate::limits::for_log(n, 40))),
                },
            },
            _ => return err("a value must follow the operator"),
        };
        Ok(Filter::Compare(path, op, value))
    }
}

fn tokens(s: &str, max: usize) -> Result<Parser, FilterError> {
    if s.len() > max {
        return err(format!("longer than {max} bytes"));
    }
    Ok(Parser { toks: tokenize(s)?, at: 0 })
}

impl Filter {
    /// RFC 7644 §3.4.2.2, at most [`MAX_FILTER_BYTES`].
    pub fn parse(s: &str) -> Result<Self, FilterError> {
        Self::parse_bounded(s, MAX_FILTER_BYTES)
    }

    /// The parser without the length bound (the fuzz tests measure its time on long inputs).
    pub fn parse_bounded(s: &str, max: usize) -> Result<Self, FilterError> {
        let mut p = tokens(s, max)?;
        let f = p.or(0)?;
        if p.at < p.toks.len() {
            return err("text after the end of the filter");
        }
        Ok(f)
    }

    /// `attr eq "value"` of a string, case-insensitive on the attribute: the lookups a store can
    /// answer from an index (`userName eq`, `externalId eq`, `id eq`, `displayName eq`).
    pub fn string_eq(&self) -> Option<(&AttrPath, &str)> {
        match self {
            Filter::Compare(p, CompareOp::Eq, CompValue::Str(v)) => Some((p, v)),
            _ => None,
        }
    }

    /// Whether `resource` (a SCIM representation) matches.
    pub fn matches(&self, resource: &Value) -> bool {
        match self {
            Filter::And(fs) => fs.iter().all(|f| f.matches(resource)),
            Filter::Or(fs) => fs.iter().any(|f| f.matches(resource)),
            Filter::Not(f) => !f.matches(resource),
            // A complex attribute is present when it holds anything (it has no `value`).
            Filter::Present(p) if p.sub.is_none() => super::attrs::get(resource, p).is_some_and(present),
            Filter::Present(p) => values(resource, p).iter().any(|v| present(v)),
            Filter::Compare(p, op, want) => {
                let exact = case_exact(p);
                let found = values(resource, p);
                match op {
                    CompareOp::Ne => !found.iter().any(|v| compare(v, CompareOp::Eq, want, exact)),
                    _ => found.iter().any(|v| compare(v, *op, want, exact)),
                }
            }
            Filter::ValuePath(p, inner) => match super::attrs::get(resource, p) {
                Some(Value::Array(items)) => items.iter().any(|i| inner.matches(i)),
                Some(v @ Value::Object(_)) => inner.matches(v),
                _ => false,
            },
        }
    }
}

impl PatchPath {
    /// RFC 7644 §3.5.2 `PATH`, at most [`MAX_FILTER_BYTES`].
    pub fn parse(s: &str) -> Result<Self, FilterError> {
        let mut p = tokens(s, MAX_FILTER_BYTES)?;
        let Some(Tok::Word(w)) = p.next() else {
            return err("a path starts with an attribute name");
        };
        let attr = AttrPath::parse(&w)?;
        let mut out = Self { attr, filter: None, sub: None };
        if p.peek() == Some(&Tok::OpenBracket) {
            if out.attr.sub.is_some() {
                return err("a value filter follows an attribute, not a sub-attribute");
            }
            p.at += 1;
            out.filter = Some(p.or(1)?);
            p.expect(Tok::CloseBracket, "']'")?;
            if let Some(Tok::Word(w)) = p.peek() {
                match w.strip_prefix('.') {
                    Some(s) if name_ok(s) => out.sub = Some(s.to_string()),
                    _ => return err("only '.subAttribute' may follow a value filter"),
                }
                p.at += 1;
            }
        }
        if p.at < p.toks.len() {
            return err("text after the end of the path");
        }
        Ok(out)
    }
}

/// RFC 7643 §8.7.1: `id`, `externalId` and references (`value` of members, groups, manager) are
/// case-exact; other strings compare case-insensitively.
fn case_exact(p: &AttrPath) -> bool {
    ["id", "externalId"].iter().any(|a| p.is(a, None))
        || p.sub.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("value") || s.eq_ignore_ascii_case("$ref"))
            && ["members", "groups", "manager"].iter().any(|a| p.attr.eq_ignore_ascii_case(a))
}

/// The values at `p`: a multi-valued attribute gives each element (its `value` when it is complex
/// and no sub-attribute is named, §3.4.2.2 "the filter is applied to the value sub-attribute").
fn values<'a>(resource: &'a Value, p: &AttrPath) -> Vec<&'a Value> {
    let top = AttrPath { sub: None, ..p.clone() };
    let Some(v) = super::attrs::get(resource, &top) else { return vec![] };
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        v => vec![v],
    };
    items
        .into_iter()
        .filter_map(|i| match (&p.sub, i) {
            (Some(s), Value::Object(_)) => super::attrs::member(i, s),
            (Some(_), _) => None,
            (None, Value::Object(_)) => super::attrs::member(i, "value"),
            (None, v) => Some(v),
        })
        .collect()
}

fn present(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => true,
    }
}

fn compare(v: &Value, op: CompareOp, want: &CompValue, exact: bool) -> bool {
    use std::cmp::Ordering;
    let ord: Option<Ordering> = match (v, want) {
        (Value::Null, CompValue::Null) => Some(Ordering::Equal),
        (Value::Bool(a), CompValue::Bool(b)) => {
            return matches!(op, CompareOp::Eq) && a == b;
        }
        (Value::Number(a), CompValue::Number(b)) => a.as_f64().and_then(|a| a.partial_cmp(b)),
        (Value::String(a), CompValue::Str(b)) => {
            let (a, b) = if exact { (a.clone(), b.clone()) } else { (a.to_lowercase(), b.to_lowercase()) };
            match op {
                CompareOp::Co => return a.contains(&b),
                CompareOp::Sw => return a.starts_with(&b),
                CompareOp::Ew => return a.ends_with(&b),
                _ => Some(a.cmp(&b)),
            }
        }
        _ => None,
    };
    let Some(ord) = ord else { return false };
    match op {
        CompareOp::Eq => ord == Ordering::Equal,
        CompareOp::Gt => ord == Ordering::Greater,
        CompareOp::Ge => ord != Ordering::Less,
        CompareOp::Lt => ord == Ordering::Less,
        CompareOp::Le => ord != Ordering::Greater,
        CompareOp::Ne | CompareOp::Co | CompareOp::Sw | CompareOp::Ew => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn user() -> Value {
        json!({
            "id": "A1", "userName": "Bjensen", "active": true, "externalId": "x-1",
            "name": {"givenName": "Barbara", "familyName": "Jensen"},
            "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
                       {"value": "babs@home.example", "type": "home"}],
            "meta": {"lastModified": "2011-05-13T04:42:34Z"},
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "701984"}
        })
    }

    fn m(f: &str) -> bool {
        Filter::parse(f).unwrap_or_else(|e| panic!("{f}: {e}")).matches(&user())
    }

    /// The examples of RFC 7644 §3.4.2.2, and the case rules.
    #[test]
    fn rfc_7644_examples_parse_and_match() {
        assert!(m(r#"userName eq "bjensen""#), "userName is not case-exact");
        assert!(m(r#"name.familyName co "ens""#));
        assert!(m(r#"userName sw "B""#));
        assert!(!m("title pr") && m("name pr"));
        assert!(!m(r#"meta.lastModified gt "2011-05-13T04:42:34Z""#));
        assert!(m(r#"meta.lastModified ge "2011-05-13T04:42:34Z""#));
        assert!(!m(r#"title pr and userType eq "Employee""#));
        assert!(m(r#"title pr or userName eq "bjensen""#));
        assert!(!m(r#"userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")"#));
        assert!(m(r#"emails[type eq "work" and value co "@example.com"]"#));
        assert!(!m(r#"emails[type eq "work" and value co "@home.example"]"#));
        assert!(m(r#"not (userName eq "other") AND active EQ true"#));
        assert!(!m(r#"externalId eq "X-1""#), "externalId is case-exact");
        assert!(m(r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984""#));
        assert!(m(r#"urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bjensen""#));
        assert!(!m(r#"userName ne "bjensen""#));
        assert!(m(r#"emails eq "babs@home.example""#), "a complex multi-valued attribute compares its value");
    }

    #[test]
    fn and_binds_tighter_than_or() {
        let f = Filter::parse("a pr or b pr and c pr").unwrap();
        let p = |n: &str| Filter::Present(AttrPath::simple(n));
        assert_eq!(f, Filter::Or(vec![p("a"), Filter::And(vec![p("b"), p("c")])]));
    }

    #[test]
    fn bad_filters_are_refused_with_a_reason() {
        for bad in [
            "",
            "userName",
            "userName eq",
            "userName xx \"a\"",
            "userName eq \"a",
            "(userName pr",
            "emails[type eq \"work\"",
            "userName eq \"a\" extra",
            "1bad pr",
            "userName eq bare",
            "name.givenName[type eq \"x\"]",
        ] {
            assert!(Filter::parse(bad).is_err(), "{bad:?} parsed");
        }
        let deep = format!("{}a pr{}", "(".repeat(MAX_DEPTH + 1), ")".repeat(MAX_DEPTH + 1));
        assert!(Filter::parse(&deep).unwrap_err().0.contains("deeper"));
        assert!(Filter::parse(&"a pr and ".repeat(2000)).unwrap_err().0.contains("longer"));
    }

    #[test]
    fn patch_paths_of_rfc_7644_and_entra() {
        let p = PatchPath::parse(r#"emails[type eq "work"].value"#).unwrap();
        assert_eq!((p.attr.attr.as_str(), p.sub.as_deref()), ("emails", Some("value")));
        assert!(p.filter.is_some());
        let p = PatchPath::parse(r#"members[value eq "2819c223-7f76-453a-919d-413861904646"]"#).unwrap();
        assert!(p.sub.is_none() && p.filter.is_some());
        let p = PatchPath::parse("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager").unwrap();
        assert_eq!(p.attr.uri.as_deref(), Some("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"));
        assert!(PatchPath::parse("name.givenName").unwrap().attr.is("name", Some("givenName")));
        for bad in ["", "a b", "emails[type eq \"work\"]x", "emails[", "[a pr]"] {
            assert!(PatchPath::parse(bad).is_err(), "{bad:?} parsed");
        }
    }
}
