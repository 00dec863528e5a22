//! `flow`: authorization code with an existing session (authorize → code → token).
//!
//! Sigil does not route `GET /{tenant}/oauth2/v2.0/authorize` yet (see `sigil_http::router`), so
//! there is no session, no code and nothing to drive. This subcommand probes for the endpoint and
//! reports the scenario as skipped; once the endpoint answers anything but 404 it says that the
//! driver must now be written (bench/README.md, "Authorization-code flow"), so the gap cannot go
//! unnoticed.
use std::time::Duration;

use serde_json::json;

use crate::{AnyError, http};

#[derive(clap::Args)]
pub struct Args {
    /// Base URL of the server, e.g. http://127.0.0.1:8080
    #[arg(long)]
    url: String,
    #[arg(long, default_value = "contoso")]
    tenant: String,
    /// Accepted for the future driver (web-portal, client secret, redirect URI, user).
    #[arg(long, default_value = "web-portal")]
    client_id: String,
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
}

pub async fn run(a: Args) -> Result<serde_json::Value, AnyError> {
    let client = http::client(1, Duration::from_secs(10))?;
    let url = format!("{}/{}/oauth2/v2.0/authorize", a.url.trim_end_matches('/'), a.tenant);
    let status = client.get(&url).send().await?.status().as_u16();
    let reason = if status == 404 {
        "skipped: authorize endpoint not built".to_string()
    } else {
        format!(
            "skipped: authorize endpoint now answers (HTTP {status}) but sigil-bench has no flow driver for it yet; \
             write one (client {}, c={}, {} s)",
            a.client_id, a.concurrency, a.seconds
        )
    };
    eprintln!("flow: GET {url} -> HTTP {status}; {reason}");
    Ok(json!({ "scenario": "flow", "skipped": true, "authorize_status": status, "reason": reason }))
}
