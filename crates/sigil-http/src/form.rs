//! Form bodies: `application/x-www-form-urlencoded` only (RFC 6749 §3.2), decoded strictly
//! (WHATWG URL §5.1 with invalid percent-escapes and invalid UTF-8 refused), each parameter once.
use axum::http::{HeaderMap, header};
use sigil_core::catalog;
use sigil_core::error::SigilError;
use sigil_core::limits::MAX_PARAMETERS;
use sigil_core::params::{self, Params, form_urldecode};

pub fn parse_form(headers: &HeaderMap, body: &[u8]) -> Result<Params, SigilError> {
    let ct = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let mime = ct.split(';').next().unwrap_or("").trim();
    if !mime.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return Err(SigilError::new(
            catalog::UNSUPPORTED_CONTENT_TYPE,
            format!("Content-Type '{}'", sigil_core::params::sanitize(ct)),
        ));
    }
    parse_urlencoded(body)
}

pub fn parse_urlencoded(body: &[u8]) -> Result<Params, SigilError> {
    let malformed = |why: &str| {
        SigilError::new(catalog::MALFORMED_REQUEST, format!("body: {why}"))
            .arg("reason", "the body is not valid application/x-www-form-urlencoded UTF-8")
    };
    let mut pairs = Vec::new();
    for part in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        // Stop at the cap rather than decode the rest of a huge body.
        if pairs.len() == MAX_PARAMETERS {
            return Err(params::too_many_parameters(pairs.len() + 1));
        }
        let (k, v) = match part.iter().position(|b| *b == b'=') {
            Some(i) => (&part[..i], &part[i + 1..]),
            None => (part, &[][..]),
        };
        let k = form_urldecode(k).ok_or_else(|| malformed("bad percent-escape or UTF-8 in a name"))?;
        let v = form_urldecode(v).ok_or_else(|| malformed("bad percent-escape or UTF-8 in a value"))?;
        pairs.push((k, v));
    }
    Params::from_pairs(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_decoding() {
        let p = parse_urlencoded(b"a=b+c&d=%2F%3D&e=&f").unwrap();
        assert_eq!((p.get("a"), p.get("d"), p.get("e"), p.get("f")), (Some("b c"), Some("/="), None, None));
        assert_eq!(parse_urlencoded(b"a=%zz").unwrap_err().entry.code, 9002313);
        assert_eq!(parse_urlencoded(b"a=%ff").unwrap_err().entry.code, 9002313);
        assert_eq!(parse_urlencoded(b"a=1&a=2").unwrap_err().entry.code, 88000002);
        let many: String = (0..=MAX_PARAMETERS).map(|i| format!("p{i}=1&")).collect();
        assert_eq!(parse_urlencoded(many.as_bytes()).unwrap_err().entry.code, 88000101);
    }
}
