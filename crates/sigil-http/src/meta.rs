//! Per-request facts: trace ID (new per request), correlation ID (the client's `client-request-id`
//! when it is a UUID, else the trace ID: the request is its own correlation; echoed back), start
//! time, source address (through trusted proxies), user agent. The middleware also bounds the
//! whole request in time, records metrics and one log line per request inside a span carrying the
//! trace ID, and adds HSTS to HTTPS responses.
use std::sync::Arc;

use std::net::{IpAddr, SocketAddr};
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;
use sigil_core::catalog;
use sigil_core::error::SigilError;
use tracing::Instrument;
use uuid::Uuid;

use crate::{AppState, errors};

/// Set by the listener on requests that arrived over TLS.
#[derive(Debug, Clone, Copy)]
pub struct TlsConnection;

/// Reverse proxies whose forwarding headers are believed (`server.trusted_proxies`).
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Arc<[IpNet]>);

/// One hop of a forwarding chain: the address the proxy received the request from, and the
/// scheme it was received over.
#[derive(Debug, Default)]
struct Hop {
    from: Option<IpAddr>,
    https: Option<bool>,
}

impl TrustedProxies {
    /// Addresses (`192.0.2.1`, `::1`) or networks (`10.0.0.0/8`, `2001:db8::/32`).
    pub fn parse(list: &[String]) -> Result<Self, String> {
        let nets = list
            .iter()
            .map(|s| {
                let s = s.trim();
                s.parse::<IpNet>()
                    .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("'{s}' is not an address or a network such as 10.0.0.0/8"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self(nets.into()))
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|n| n.contains(&ip))
    }

    /// The client's address, and whether it used HTTPS when a trusted proxy says so. Headers count
    /// only when the peer is a trusted proxy; the chain is read from the right (nearest hop), and
    /// the first address that is not itself a trusted proxy is the client: everything to its left
    /// was written by the client and may be forged. An entry that is not an address (`unknown`,
    /// an obfuscated name, garbage) stops the walk at the proxy that wrote it.
    /// RFC 7239 §5.2 (`for`), §5.4 (`proto`), §7.4 (the order of hops); `Forwarded` wins over the
    /// de-facto `X-Forwarded-For` / `X-Forwarded-Proto` when both are present.
    pub fn resolve(&self, peer: IpAddr, headers: &HeaderMap) -> (IpAddr, Option<bool>) {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return (peer, None);
        }
        let hops = forwarded_hops(headers).unwrap_or_else(|| x_forwarded_hops(headers));
        let (mut source, mut https) = (peer, None);
        for hop in hops.iter().rev() {
            // This hop was written by `source`, a trusted proxy.
            https = hop.https.or(https);
            match hop.from {
                Some(ip) => {
                    source = ip.to_canonical();
                    if !self.trusts(source) {
                        break;
                    }
                }
                None => break,
            }
        }
        (source, https)
    }
}

/// Splits a header list on commas outside quoted strings (RFC 9110 §5.6.1, §5.6.4).
fn split_outside_quotes(s: &str, sep: char) -> Vec<&str> {
    let (mut parts, mut start, mut quoted, mut escaped) = (Vec::new(), 0, false, false);
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c == sep && !quoted => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// A node (RFC 7239 §6): `192.0.2.1`, `"192.0.2.1:8080"`, `"[2001:db8::1]:4711"`; `unknown` and
/// obfuscated identifiers are not addresses.
fn node_address(v: &str) -> Option<IpAddr> {
    let v = v.trim().trim_matches('"');
    if let Some(rest) = v.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    v.parse::<IpAddr>().ok().or_else(|| v.parse::<SocketAddr>().ok().map(|a| a.ip()))
}

fn scheme_is_https(v: &str) -> Option<bool> {
    let v = v.trim().trim_matches('"');
    (!v.is_empty()).then(|| v.eq_ignore_ascii_case("https"))
}

fn header_list<'a>(headers: &'a HeaderMap, name: &str) -> Option<String> {
    let values: Vec<&'a str> = headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).collect();
    (!values.is_empty()).then(|| values.join(","))
}

/// RFC 7239 `Forwarded`, one hop per element.
fn forwarded_hops(headers: &HeaderMap) -> Option<Vec<Hop>> {
    let all = header_list(headers, "forwarded")?;
    let hops = split_outside_quotes(&all, ',')
        .into_iter()
        .map(|element| {
            let mut hop = Hop::default();
            for pair in split_outside_quotes(element, ';') {
                let Some((k, v)) = pair.split_once('=') else { continue };
                match k.trim().to_ascii_lowercase().as_str() {
                    "for" => hop.from = node_address(v),
                    "proto" => hop.https = scheme_is_https(v),
                    _ => {}
                }
            }
            hop
        })
        .collect();
    Some(hops)
}

/// `X-Forwarded-For` (left-most is the client) with `X-Forwarded-Proto`: when the proto list is as
/// long as the address list they pair up, otherwise its last value is the nearest proxy's.
/// A proto without addresses is one hop of unknown origin: the scheme counts, the source stays the peer.
fn x_forwarded_hops(headers: &HeaderMap) -> Vec<Hop> {
    let protos: Vec<Option<bool>> = header_list(headers, "x-forwarded-proto")
        .map(|p| p.split(',').map(scheme_is_https).collect())
        .unwrap_or_default();
    let Some(all) = header_list(headers, "x-forwarded-for") else {
        return vec![Hop { from: None, https: protos.last().copied().flatten() }];
    };
    let mut hops: Vec<Hop> = all.split(',').map(|a| Hop { from: node_address(a), https: None }).collect();
    if protos.len() == hops.len() {
        hops.iter_mut().zip(protos).for_each(|(h, p)| h.https = p);
    } else if let (Some(h), Some(p)) = (hops.last_mut(), protos.last()) {
        h.https = *p;
    }
    hops
}

#[derive(Debug, Clone)]
pub struct RequestMeta {
    pub trace_id: Uuid,
    pub correlation_id: Uuid,
    pub start: Instant,
    pub time_millis: i64,
    /// The client's address: the peer, or what trusted proxies report.
    pub source: String,
    /// The client reached Sigil over HTTPS: a TLS listener, or a trusted proxy says so.
    pub https: bool,
    pub user_agent: String,
    pub accept_language: Option<String>,
    /// Under `/admin/api/`: errors are `application/problem+json` (RFC 9457), see `errors::json`.
    pub admin_api: bool,
}

/// Set on a response by the error mapper, read back here for metrics.
#[derive(Debug, Clone, Copy)]
pub struct CatalogCode(pub u32);

pub async fn middleware(State(state): State<Arc<AppState>>, mut req: Request, next: Next) -> Response {
    let now_millis = state.ctx.clock.now_millis();
    let mut random = [0u8; 10];
    state.ctx.rng.fill(&mut random);
    // Not tower-http's SetRequestId: the ID is a UUIDv7 from the injected clock and rng, kept typed in
    // RequestMeta, and paired with a correlation ID; its layer makes a header value only.
    let trace_id = sigil_core::rng::uuid_v7(now_millis, &random);
    let headers = req.headers();
    // MSAL sends its correlation ID as a header (Python) or as a query parameter (Node).
    let from_query = || {
        req.uri().query().and_then(|q| {
            q.split('&').find_map(|kv| kv.strip_prefix("client-request-id=")).and_then(|v| Uuid::parse_str(v).ok())
        })
    };
    let correlation_id = headers
        .get("client-request-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| Uuid::parse_str(v.trim()).ok())
        .or_else(from_query)
        // The SQLite sign-in log indexes only correlation IDs that differ from the row's trace ID.
        .unwrap_or(trace_id);
    let tls = req.extensions().get::<TlsConnection>().is_some();
    let (source, https) = match req.extensions().get::<ConnectInfo<SocketAddr>>() {
        Some(c) => {
            let (ip, forwarded_https) = state.proxies.resolve(c.0.ip(), headers);
            (ip.to_string(), tls || forwarded_https == Some(true))
        }
        None => ("unknown".into(), tls),
    };
    let meta = RequestMeta {
        trace_id,
        correlation_id,
        start: Instant::now(),
        time_millis: now_millis,
        source,
        https,
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .chars()
            .take(256)
            .collect(),
        accept_language: headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(str::to_string),
        admin_api: req.uri().path().starts_with("/admin/api/"),
    };
    // The path only, for the access log and traces: authorization queries carry `login_hint`,
    // `id_token_hint` and `state`, which are not for logs.
    let path = sigil_core::limits::for_log(req.uri().path(), 256).into_owned();
    let parent = state.otel_export.map(|ratio| otel_parent(req.headers(), trace_id, ratio, &state));
    let endpoint =
        req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_string()).unwrap_or_else(|| "unmatched".into());
    let method = req.method().clone();
    let start = meta.start;
    let timeout_meta = meta.clone();
    req.extensions_mut().insert(meta);
    // OpenTelemetry semantic conventions for HTTP server spans (`otel.kind`, `http.*`, `url.path`),
    // recorded only when traces are exported: the log lines need not repeat them.
    let span = tracing::info_span!(
        "request",
        trace_id = %trace_id,
        correlation_id = %correlation_id,
        otel.kind = "server",
        http.request.method = tracing::field::Empty,
        url.path = tracing::field::Empty,
        http.response.status_code = tracing::field::Empty,
    );
    if parent.is_some() {
        span.record("http.request.method", tracing::field::display(&method));
        span.record("url.path", path.as_str());
    }
    // Exported traces (OTLP) carry Sigil's trace ID as theirs, unless the caller continues its own
    // trace (W3C `traceparent`); without an exporter this does nothing.
    if let Some(parent) = parent {
        let _ = tracing_opentelemetry::OpenTelemetrySpanExt::set_parent(&span, parent);
    }
    let source_for_log = timeout_meta.source.clone();
    async move {
        // Not tower-http's TimeoutLayer: it answers an empty 408; this one is a catalogued JSON error
        // with the trace ID, and closes the connection.
        // The whole request, body included: hyper bounds only the headers, so a client trickling
        // its body would otherwise hold its connection (and a file descriptor) forever.
        let mut res = match tokio::time::timeout(state.request_timeout, next.run(req)).await {
            Ok(res) => res,
            Err(_) => {
                let err =
                    SigilError::new(catalog::REQUEST_TIMEOUT, "request not complete within server.request_timeout");
                let mut res = errors::json(&state, &timeout_meta, "en", "sigil", &err);
                // RFC 9110 §15.5.9 (408) and §9.6 (close): the unread rest of the body is not drained.
                res.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
                res
            }
        };
        if https && let Some(hsts) = &state.hsts {
            // RFC 6797 §7.2: only over secure transport. Not tower-http's SetResponseHeader: whether
            // the client used HTTPS is known from the request (TLS or trusted proxy), not the response.
            res.headers_mut().insert(header::STRICT_TRANSPORT_SECURITY, hsts.clone());
        }
        let code = res.extensions().get::<CatalogCode>().map(|c| c.0).unwrap_or(0);
        let status = res.status().as_u16();
        if state.otel_export.is_some() {
            tracing::Span::current().record("http.response.status_code", status);
        }
        let elapsed = start.elapsed();
        state.metrics.request(&endpoint, status, code, elapsed);
        if let Ok(v) = HeaderValue::from_str(&correlation_id.to_string()) {
            res.headers_mut().insert("client-request-id", v);
        }
        // Every response names its trace ID, so any answer can be looked up in the sign-in log.
        if let Ok(v) = HeaderValue::from_str(&trace_id.to_string()) {
            res.headers_mut().insert("x-sigil-trace-id", v.clone());
            // Entra's name for the same thing; MSAL reports it as the request ID.
            res.headers_mut().insert("x-ms-request-id", v);
        }
        // One line per request at `server.access_log` (debug by default: refusals are already logged
        // with their reason, every token and authorize outcome is in the sign-in log, and an info line
        // per request costs more than issuing a client-credentials token).
        if let Some(level) = state.access_log {
            let took = elapsed.as_micros() as u64;
            access_line(level, &method, &path, &endpoint, status, code, took, &source_for_log, &trace_id);
        }
        res
    }
    .instrument(span)
    .await
}

/// The access log line (target `sigil::access`), at the configured level.
#[allow(clippy::too_many_arguments)]
fn access_line(
    level: tracing::Level,
    method: &axum::http::Method,
    path: &str,
    endpoint: &str,
    status: u16,
    code: u32,
    micros: u64,
    client: &str,
    trace_id: &Uuid,
) {
    macro_rules! line {
        ($level:expr) => {
            tracing::event!(target: "sigil::access", $level, %method, path, endpoint, status, code, micros, client, %trace_id, "access")
        };
    }
    match level {
        tracing::Level::ERROR => line!(tracing::Level::ERROR),
        tracing::Level::WARN => line!(tracing::Level::WARN),
        tracing::Level::INFO => line!(tracing::Level::INFO),
        tracing::Level::DEBUG => line!(tracing::Level::DEBUG),
        tracing::Level::TRACE => line!(tracing::Level::TRACE),
    }
}

/// W3C Trace Context §3.2 (`traceparent`): `00-<32 hex trace-id>-<16 hex parent-id>-<2 hex flags>`;
/// an all-zero trace or parent ID is invalid (§3.2.2.3, §3.2.2.4). A later version is read by its
/// first four fields (§3.2.4). `None` when absent or invalid: the request starts its own trace.
fn traceparent(headers: &HeaderMap) -> Option<([u8; 16], [u8; 8], bool)> {
    let v = headers.get("traceparent")?.to_str().ok()?.trim();
    let mut parts = v.split('-');
    let (version, trace, parent, flags) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if version.len() != 2 || version == "ff" || (version == "00" && parts.next().is_some()) {
        return None;
    }
    let hex = |s: &str, out: &mut [u8]| -> Option<()> {
        if s.len() != out.len() * 2 || !s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            return None;
        }
        for (i, o) in out.iter_mut().enumerate() {
            *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(())
    };
    let (mut t, mut p, mut f) = ([0u8; 16], [0u8; 8], [0u8; 1]);
    hex(version, &mut [0u8; 1])?;
    hex(trace, &mut t)?;
    hex(parent, &mut p)?;
    hex(flags, &mut f)?;
    if t == [0; 16] || p == [0; 8] {
        return None;
    }
    Some((t, p, f[0] & 1 == 1))
}

/// The OpenTelemetry parent of a request's span: the caller's `traceparent` when valid, else a
/// remote parent carrying Sigil's own trace ID, so that an exported trace is found by the
/// `x-sigil-trace-id` / `trace_id` a client was given.
fn otel_parent(headers: &HeaderMap, trace_id: Uuid, ratio: f64, state: &AppState) -> opentelemetry::Context {
    use opentelemetry::trace::{SpanContext, SpanId, TraceContextExt, TraceFlags, TraceId, TraceState};
    let (trace, parent, sampled) = traceparent(headers).unwrap_or_else(|| {
        let mut random = [0u8; 12];
        state.ctx.rng.fill(&mut random);
        let mut span = [0u8; 8];
        span.copy_from_slice(&random[..8]);
        span[0] |= 1; // never the invalid all-zero ID
        let draw = u32::from_le_bytes([random[8], random[9], random[10], random[11]]) as f64 / u32::MAX as f64;
        (*trace_id.as_bytes(), span, ratio >= 1.0 || draw < ratio)
    });
    let flags = if sampled { TraceFlags::SAMPLED } else { TraceFlags::default() };
    let cx = SpanContext::new(TraceId::from_bytes(trace), SpanId::from_bytes(parent), flags, true, TraceState::NONE);
    opentelemetry::Context::new().with_remote_span_context(cx)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(trusted: &[&str], peer: &str, headers: &[(&str, &str)]) -> (String, Option<bool>) {
        let t = TrustedProxies::parse(&trusted.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
        let mut h = HeaderMap::new();
        for (k, v) in headers {
            h.append(axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(), HeaderValue::from_str(v).unwrap());
        }
        let (ip, https) = t.resolve(peer.parse().unwrap(), &h);
        (ip.to_string(), https)
    }

    #[test]
    fn forwarding_headers_count_only_from_trusted_peers_right_to_left() {
        let xff = [("x-forwarded-for", "198.51.100.1, 203.0.113.7"), ("x-forwarded-proto", "https")];
        assert_eq!(resolve(&[], "192.0.2.1", &xff), ("192.0.2.1".into(), None));
        assert_eq!(resolve(&["10.0.0.0/8"], "192.0.2.1", &xff), ("192.0.2.1".into(), None));
        assert_eq!(resolve(&["192.0.2.1"], "192.0.2.1", &xff), ("203.0.113.7".into(), Some(true)));
        let proto_only = [("x-forwarded-proto", "https")];
        assert_eq!(resolve(&["192.0.2.1"], "192.0.2.1", &proto_only), ("192.0.2.1".into(), Some(true)));
        assert_eq!(resolve(&["192.0.2.1"], "192.0.2.1", &[]), ("192.0.2.1".into(), None));
        // Two proxies, the inner one listed as well; several header lines form one list.
        let two = [("x-forwarded-for", "203.0.113.7"), ("x-forwarded-for", "10.0.0.5")];
        assert_eq!(resolve(&["192.0.2.1", "10.0.0.0/8"], "192.0.2.1", &two).0, "203.0.113.7");
        // Every hop trusted: the left-most.
        assert_eq!(
            resolve(&["192.0.2.1", "10.0.0.0/8"], "192.0.2.1", &[("x-forwarded-for", "10.1.1.1")]).0,
            "10.1.1.1"
        );
        // IPv4-mapped peer, IPv6 networks, RFC 7239 forms.
        let fwd = [("forwarded", r#"for=192.0.2.60;proto=http, For="[2001:db8:cafe::17]:4711";proto=https"#)];
        assert_eq!(resolve(&["192.0.2.0/24"], "::ffff:192.0.2.9", &fwd), ("2001:db8:cafe::17".into(), Some(true)));
        assert_eq!(
            resolve(&["192.0.2.9", "2001:db8:cafe::/48"], "192.0.2.9", &fwd),
            ("192.0.2.60".into(), Some(false))
        );
        assert_eq!(resolve(&["192.0.2.9"], "192.0.2.9", &[("forwarded", "for=\"192.0.2.43:47011\"")]).0, "192.0.2.43");
        // Not addresses: the walk stops at the proxy that wrote them.
        for v in ["for=unknown", "for=_hidden", "for=", "proto=https", "garbage"] {
            assert_eq!(resolve(&["192.0.2.9"], "192.0.2.9", &[("forwarded", v)]).0, "192.0.2.9", "{v}");
        }
        assert_eq!(
            resolve(&["192.0.2.9"], "192.0.2.9", &[("forwarded", "for=203.0.113.1"), ("x-forwarded-for", "1.1.1.1")]).0,
            "203.0.113.1"
        );
    }

    #[test]
    fn traceparent_is_read_per_w3c_trace_context() {
        let h = |v: &str| {
            let mut m = HeaderMap::new();
            m.insert("traceparent", HeaderValue::from_str(v).unwrap());
            traceparent(&m)
        };
        let (t, p, sampled) = h("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").unwrap();
        assert_eq!((t[0], t[15], p[0], p[7], sampled), (0x0a, 0x9c, 0xb7, 0x31, true));
        assert!(!h("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00").unwrap().2);
        // A later version may append fields.
        assert!(h("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-later").is_some());
        for bad in [
            "00-00000000000000000000000000000000-b7ad6b7169203331-01",
            "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
            "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01",
            "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra",
            "00-0af7651916cd43dd8448eb211c8031-b7ad6b7169203331-01",
            "garbage",
        ] {
            assert!(h(bad).is_none(), "{bad}");
        }
        assert!(traceparent(&HeaderMap::new()).is_none());
    }

    #[test]
    fn trusted_proxies_refuse_what_is_not_an_address_or_network() {
        assert!(TrustedProxies::parse(&["10.0.0.0/8".into(), "::1".into(), " 192.0.2.1 ".into()]).is_ok());
        for bad in ["10.0.0.0/33", "proxy.example", ""] {
            assert!(TrustedProxies::parse(&[bad.to_string()]).is_err(), "{bad}");
        }
    }
}
