//! `sigil probe`: asks a running server's `/readyz` and exits 0 when it answers 200, 1 otherwise.
//! For container health checks in images without curl (distroless): plain HTTP/1.1 over loopback,
//! nothing but the standard library, bounded by a timeout.
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

use crate::config::Config;

/// The address to probe: `--address`, else `server.admin_listen` (where probes are served too),
/// else `server.listen`; an unspecified address (`0.0.0.0`, `::`) means loopback.
fn target(cfg: &Config, address: Option<&str>) -> Result<SocketAddr, String> {
    let a = address.map(str::to_string).unwrap_or_else(|| {
        if cfg.server.admin_listen.is_empty() { cfg.server.listen.clone() } else { cfg.server.admin_listen.clone() }
    });
    let mut addr =
        a.to_socket_addrs().map_err(|e| format!("'{a}': {e}"))?.next().ok_or_else(|| format!("'{a}': no address"))?;
    if addr.ip().is_unspecified() {
        addr.set_ip(if addr.is_ipv4() { [127, 0, 0, 1].into() } else { std::net::Ipv6Addr::LOCALHOST.into() });
    }
    Ok(addr)
}

pub fn run(cfg: &Config, address: Option<&str>, path: &str) -> i32 {
    if cfg.tls() {
        eprintln!(
            "error: the server serves HTTPS; probe it with an HTTPS client (e.g. a Kubernetes httpGet probe with scheme HTTPS)"
        );
        return crate::EXIT_USAGE;
    }
    match probe(cfg, address, path) {
        Ok(200) => 0,
        Ok(status) => {
            eprintln!("{path}: {status}");
            1
        }
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

fn probe(cfg: &Config, address: Option<&str>, path: &str) -> Result<u16, String> {
    let addr = target(cfg, address)?;
    let timeout = Duration::from_secs(5);
    let mut s = TcpStream::connect_timeout(&addr, timeout).map_err(|e| format!("{addr}: {e}"))?;
    s.set_read_timeout(Some(timeout)).and_then(|_| s.set_write_timeout(Some(timeout))).map_err(|e| e.to_string())?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nUser-Agent: sigil-probe\r\n\r\n")
        .map_err(|e| format!("{addr}: {e}"))?;
    let mut head = [0u8; 64];
    let n = s.read(&mut head).map_err(|e| format!("{addr}: {e}"))?;
    // RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ]
    let line = String::from_utf8_lossy(&head[..n]);
    line.strip_prefix("HTTP/1.1 ")
        .or_else(|| line.strip_prefix("HTTP/1.0 "))
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| format!("{addr}: not an HTTP answer"))
}
