//! `sigil migrate --to postgres://…`: copies this embedded (SQLite) installation into an empty
//! PostgreSQL database, table by table in one transaction (`sigil_store::transfer` says why not
//! through the store traits), then checks the copy: row counts per table, the master key check,
//! and every signing key opened and parsed as `sigil serve` on PostgreSQL will.
use sigil_core::clock::{Clock, SystemClock};
use sigil_core::error::StoreError;
use sigil_store::transfer;

use crate::bootstrap::{self, AnyError};
use crate::config::Config;

pub async fn run(cfg: &Config, to: &str) -> Result<i32, AnyError> {
    if !cfg.database.url.starts_with("sqlite:") {
        eprintln!(
            "error: `sigil migrate` copies the embedded SQLite database; this configuration already uses PostgreSQL"
        );
        return Ok(crate::EXIT_USAGE);
    }
    if !(to.starts_with("postgres://") || to.starts_with("postgresql://")) {
        eprintln!("error: --to must be a postgres:// URL, got '{}'", sigil_store::redact_url(to));
        return Ok(crate::EXIT_USAGE);
    }
    if transfer::sqlite_in_use(&transfer::sqlite_path(&cfg.database.url)?).await? {
        eprintln!(
            "warning: the database is open in another process (a running server?): what it writes after the copy's \
             snapshot will not be in PostgreSQL; stop it first for a complete copy"
        );
    }
    // The source must open with its key before anything is copied: a copy nobody can use is no copy.
    let source = bootstrap::open(cfg).await?;
    source.store.close().await;
    let started = std::time::Instant::now();
    let report = match transfer::copy_sqlite_to_postgres(&cfg.database.url, to).await {
        Ok(r) => r,
        Err(StoreError::Conflict(why)) => {
            eprintln!("error: {why}");
            return Ok(crate::EXIT_USAGE);
        }
        Err(e) => return Err(e.into()),
    };
    let took = started.elapsed();
    let counts = transfer::pg_row_counts(to).await?;
    for (table, copied) in &report.tables {
        let there = counts.get(table).copied().unwrap_or(0);
        if there != *copied {
            return Err(format!("table {table}: {copied} rows copied but {there} in PostgreSQL").into());
        }
    }
    // Opened as the PostgreSQL server will open it, with the same master key.
    let mut target = cfg.clone();
    target.database.url = to.to_string();
    let key_file = bootstrap::master_key_file(cfg);
    if std::env::var("SIGIL_MASTER_KEY").is_err() {
        target.security.master_key_file = key_file.display().to_string();
    }
    let opened = bootstrap::open(&target).await?;
    let keys = opened.store.load_directory().await.map(|d| d.keys.len());
    let dir = bootstrap::load_directory(&target, opened.store.as_ref(), &opened.master, SystemClock.now()).await;
    opened.store.close().await;
    let (dir, keys) = (dir?, keys?);
    outln!("{:<28} {:>10}", "table", "rows");
    for (table, n) in &report.tables {
        outln!("{table:<28} {n:>10}");
    }
    for (table, n) in &report.orphans {
        outln!("{table}: {n} row(s) not copied: the row they belonged to was already deleted");
    }
    outln!(
        "copied {} rows in {:.1} s into {}; {} tenant(s), {} signing key(s) open with the master key",
        report.tables.iter().map(|(_, n)| n).sum::<u64>(),
        took.as_secs_f64(),
        sigil_store::redact_url(to),
        dir.tenants().count(),
        keys
    );
    if std::env::var("SIGIL_MASTER_KEY").is_err() {
        outln!(
            "next: point database.url at PostgreSQL and keep the same master key: security.master_key_file = \"{}\" \
             (or SIGIL_MASTER_KEY with its content)",
            key_file.display()
        );
    }
    Ok(0)
}
