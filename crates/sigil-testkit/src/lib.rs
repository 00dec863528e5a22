//! Dev-only helpers: fresh real databases, a spawned `sigil` server on a free loopback port, fixtures,
//! and assertions on Sigil's error shape.
pub mod browser;
pub mod db;
pub mod inproc;
pub mod passkey;
pub mod server;

pub use server::{Backend, Server, ServerOptions};

/// The workspace root (for examples/ and fixtures).
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

pub fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name)
}

/// Where tests leave files a person may want to look at (screenshots, logs).
pub fn test_output(sub: &str) -> std::path::PathBuf {
    let d = workspace_root().join("test-output").join(sub);
    std::fs::create_dir_all(&d).expect("create test-output");
    d
}
