//! `sigil backup` and `sigil restore`: an embedded (SQLite) installation with its master key.
//!
//! A backup is two files: `<file>`, a SQLite database made by `VACUUM INTO` (one consistent
//! snapshot, taken while the server serves), and `<file>.key`, the master key (mode 0600) without
//! which the signing keys and sealed refresh successors in the database cannot be opened. Keep the
//! key file apart from the database copy where a stolen backup medium matters (`--without-key`
//! leaves it out; then the key must come from `SIGIL_MASTER_KEY` or the configured key file).
//! PostgreSQL is backed up with `pg_dump` (docs/operations.md), plus the same key.
use std::io::Write;
use std::path::{Path, PathBuf};

use sigil_core::crypto::MasterKey;
use sigil_store::transfer;

use crate::bootstrap::{self, AnyError};
use crate::config::Config;

/// `<file>.key`: where a backup's master key goes.
pub fn key_path(backup: &Path) -> PathBuf {
    let mut p = backup.as_os_str().to_owned();
    p.push(".key");
    PathBuf::from(p)
}

fn sqlite_only(cfg: &Config, what: &str) -> bool {
    if cfg.database.url.starts_with("sqlite:") {
        return true;
    }
    eprintln!(
        "error: `sigil {what}` works on the embedded SQLite database; this configuration uses PostgreSQL ({}): \
         use pg_dump / pg_restore and keep the master key with the dump (docs/operations.md, \"Backup\")",
        sigil_store::redact_url(&cfg.database.url)
    );
    false
}

/// Writes `text` to `path` (mode 0600, synced); refuses an existing file.
fn write_secret_file(path: &Path, text: &str) -> Result<(), AnyError> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    Ok(())
}

pub async fn backup(cfg: &Config, file: &str, without_key: bool) -> Result<i32, AnyError> {
    if !sqlite_only(cfg, "backup") {
        return Ok(crate::EXIT_USAGE);
    }
    let dest = Path::new(file);
    let key_file = key_path(dest);
    for p in [dest, key_file.as_path()] {
        if p.exists() && !(without_key && p == key_file) {
            eprintln!("error: {} exists; choose a new backup name", p.display());
            return Ok(crate::EXIT_USAGE);
        }
    }
    let key = bootstrap::current_key_text(cfg)?;
    let started = std::time::Instant::now();
    let info = transfer::sqlite_backup(&cfg.database.url, dest).await?;
    // The key written beside the copy must be the one that opens it.
    match (&info.master_key_check, &key) {
        (Some(check), Some((text, from))) if !bootstrap::key_opens_check(&MasterKey::from_base64(text)?, check) => {
            let _ = std::fs::remove_file(dest);
            return Err(format!("the master key from {from} does not open this database; backup removed").into());
        }
        (Some(_), None) if !without_key => {
            let _ = std::fs::remove_file(dest);
            return Err(
                "no master key found (SIGIL_MASTER_KEY or the key file): a backup without it cannot be restored; \
                        pass --without-key if the key is kept elsewhere"
                    .into(),
            );
        }
        _ => {}
    }
    if !without_key && let Some((text, _)) = &key {
        write_secret_file(&key_file, text)?;
    }
    let rows: u64 = info.rows.values().sum();
    outln!(
        "backup written: {} ({} bytes, {} rows, schema {}, {:.0} ms)",
        dest.display(),
        info.bytes,
        rows,
        info.schema_version,
        started.elapsed().as_secs_f64() * 1000.0
    );
    if without_key {
        outln!("master key: not written (--without-key); the backup needs the current key to be restored");
    } else if key.is_some() {
        outln!("master key: {} (mode 0600; store it as carefully as the database)", key_file.display());
    }
    Ok(0)
}

pub async fn restore(cfg: &Config, file: &str, force: bool) -> Result<i32, AnyError> {
    if !sqlite_only(cfg, "restore") {
        return Ok(crate::EXIT_USAGE);
    }
    let backup = Path::new(file);
    let target = transfer::sqlite_path(&cfg.database.url)?;
    let info = transfer::check_backup(backup).await?;
    let backup_key = match std::fs::read_to_string(key_path(backup)) {
        Ok(s) => {
            MasterKey::from_base64(&s).map_err(|e| format!("{}: {e}", key_path(backup).display()))?;
            Some(s.trim().to_string())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("{}: {e}", key_path(backup).display()).into()),
    };
    let current = bootstrap::current_key_text(cfg)?;
    let from_env = current.as_ref().is_some_and(|(_, from)| *from == "SIGIL_MASTER_KEY");
    if from_env && backup_key.is_some() && backup_key.as_deref() != current.as_ref().map(|(t, _)| t.as_str()) {
        return Err(format!(
            "SIGIL_MASTER_KEY is not the key of this backup: set it to the content of {} (or unset it to use that file)",
            key_path(backup).display()
        )
        .into());
    }
    let key = if from_env { current.as_ref().map(|(t, _)| t.clone()) } else { backup_key.clone() }
        .or_else(|| current.as_ref().map(|(t, _)| t.clone()));
    if let Some(check) = &info.master_key_check {
        match &key {
            None => {
                return Err(format!(
                    "no master key for this backup: {} is missing and no key is configured",
                    key_path(backup).display()
                )
                .into());
            }
            Some(k) if !bootstrap::key_opens_check(&MasterKey::from_base64(k)?, check) => {
                return Err("the master key does not open this backup (signing keys could not be used)".into());
            }
            Some(_) => {}
        }
    }
    let key_file = bootstrap::master_key_file(cfg);
    let replace_key = match (&backup_key, from_env) {
        (Some(k), false) => match std::fs::read_to_string(&key_file) {
            Ok(existing) if existing.trim() == k => false,
            Ok(_) if !force => {
                eprintln!(
                    "error: {} holds another master key; pass --force to replace it (it is kept as {}.replaced)",
                    key_file.display(),
                    key_file.display()
                );
                return Ok(crate::EXIT_USAGE);
            }
            _ => true,
        },
        _ => false,
    };
    if transfer::sqlite_in_use(&target).await? {
        eprintln!("error: {} is open in another process (a running server?): stop it first", target.display());
        return Ok(crate::EXIT_USAGE);
    }
    if transfer::sqlite_has_data(&target).await? && !force {
        eprintln!(
            "error: {} is not empty; stop the server and pass --force to replace it (it is kept as {}.before-restore)",
            target.display(),
            target.display()
        );
        return Ok(crate::EXIT_USAGE);
    }
    let kept = transfer::sqlite_put_in_place(backup, &target)?;
    if replace_key && let Some(k) = &backup_key {
        if key_file.exists() {
            let mut aside = key_file.as_os_str().to_owned();
            aside.push(".replaced");
            std::fs::rename(&key_file, &aside)?;
        }
        if let Some(dir) = key_file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        write_secret_file(&key_file, k)?;
    }
    // Opened as `sigil serve` would: migrations to this build's schema, the master key checked.
    let opened = bootstrap::open(cfg).await?;
    opened.store.close().await;
    outln!("restored {} into {} ({} rows)", backup.display(), target.display(), info.rows.values().sum::<u64>());
    if let Some(k) = kept {
        outln!("the previous database is kept as {}", k.display());
    }
    if replace_key {
        outln!("master key: {} (from {})", key_file.display(), key_path(backup).display());
    }
    Ok(0)
}
