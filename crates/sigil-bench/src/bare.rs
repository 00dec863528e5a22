//! `bare`: a bare axum endpoint, the same-run calibration for Sigil's stateless GETs.
//!
//! It answers `GET /` with a fixed body (e.g. the bytes of Sigil's JWKS, fetched by `run.sh`), and
//! nothing else: no middleware, no trace ids, no metrics. Driven by the same load generator as
//! Sigil's discovery and JWKS rows, it shows what the kernel, hyper and the load generator cost on
//! this machine in this run, i.e. how far a served-from-memory endpoint can go here at all.
use axum::Router;
use axum::body::Bytes;
use axum::http::header;
use axum::routing::get;
use serde_json::json;

use crate::AnyError;

#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on (loopback), e.g. 127.0.0.1:8081
    #[arg(long)]
    listen: String,
    /// File whose bytes are the response body (application/json); default `{}`.
    #[arg(long)]
    body_file: Option<std::path::PathBuf>,
}

/// Serves until the process is stopped (run.sh sends SIGTERM); prints its JSON line once listening.
pub async fn run(a: Args) -> Result<serde_json::Value, AnyError> {
    let body = match &a.body_file {
        Some(p) => Bytes::from(std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?),
        None => Bytes::from_static(b"{}"),
    };
    let len = body.len();
    let app = Router::new()
        .route("/", get(move || std::future::ready(([(header::CONTENT_TYPE, "application/json")], body.clone()))));
    let listener = tokio::net::TcpListener::bind(&a.listen).await?;
    let addr = listener.local_addr()?;
    println!("{}", json!({"scenario": "bare", "listening": addr.to_string(), "body_bytes": len}));
    eprintln!("bare axum endpoint on http://{addr}/ ({len}-byte body)");
    axum::serve(listener, app).await?;
    Ok(json!({"scenario": "bare", "stopped": true}))
}
