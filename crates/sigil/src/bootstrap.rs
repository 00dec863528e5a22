//! Opening the store, the master key and the directory: shared by `serve` and the admin commands.
use std::io::Write;
use std::sync::Arc;

use sigil_core::clock::{Clock, SystemClock};
use sigil_core::context::Context;
use sigil_core::crypto::MasterKey;
use sigil_core::directory::{Directory, DirectoryHandle};
use sigil_core::keys;
use sigil_core::rng::{Rng, SystemRng};
use sigil_core::store::{Change, Store};

use crate::config::Config;

const CHECK_CONTEXT: &[u8] = b"sigil/master-key-check/v1";
const CHECK_PLAINTEXT: &[u8] = b"sigil master key check";

pub type AnyError = Box<dyn std::error::Error + Send + Sync>;

pub struct Opened {
    pub store: Arc<dyn Store>,
    pub master: Arc<MasterKey>,
}

pub async fn open(cfg: &Config) -> Result<Opened, AnyError> {
    let store = sigil_store::open(&cfg.database.url, cfg.database.max_connections).await?;
    let master = Arc::new(master_key(cfg, store.as_ref()).await?);
    Ok(Opened { store, master })
}

/// The key file to use: the configured (or default, in the data folder) one, or the old default
/// next to the data folder when only that one exists: a new key would make every sealed secret of
/// an existing install unreadable.
pub fn master_key_file(cfg: &Config) -> std::path::PathBuf {
    let path = cfg.master_key_path();
    let legacy = std::path::Path::new(crate::config::LEGACY_MASTER_KEY_FILE);
    if cfg.security.master_key_file.is_empty() && !path.exists() && legacy.exists() {
        tracing::warn!(
            path = %legacy.display(),
            "using the master key at the old default location {}; move it to {} so that a backup of the data folder holds it",
            legacy.display(),
            path.display()
        );
        return legacy.to_path_buf();
    }
    path
}

/// `SIGIL_MASTER_KEY`, else the key file (created with mode 0600 on first start). A database sealed
/// under another key is refused: never silently new keys.
async fn master_key(cfg: &Config, store: &dyn Store) -> Result<MasterKey, AnyError> {
    let check = store.master_key_check().await?;
    let path = &master_key_file(cfg);
    let key = match std::env::var("SIGIL_MASTER_KEY") {
        Ok(v) => {
            tracing::info!("master key: from SIGIL_MASTER_KEY");
            MasterKey::from_base64(&v).map_err(|e| format!("SIGIL_MASTER_KEY: {e}"))?
        }
        Err(_) if path.exists() => {
            tracing::info!(path = %path.display(), "master key: file {} (back it up with the database)", path.display());
            let s = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            MasterKey::from_base64(&s).map_err(|e| format!("{}: {e}", path.display()))?
        }
        Err(_) if check.is_some() => {
            return Err(format!(
                "this database was created with a master key that is not available: set SIGIL_MASTER_KEY or restore {}",
                path.display()
            )
            .into());
        }
        Err(_) => create_key_file(path)?,
    };
    match check {
        Some(sealed) => {
            if !key_opens_check(&key, &sealed) {
                return Err("the master key does not match the one this database was created with (signing keys and client secrets \
                            cannot be used); restore the original SIGIL_MASTER_KEY or key file"
                    .into());
            }
        }
        None => store.set_master_key_check(&key.seal(&SystemRng, CHECK_CONTEXT, CHECK_PLAINTEXT)).await?,
    }
    Ok(key)
}

/// The master key in use, as its base64 text: `SIGIL_MASTER_KEY`, else the key file; `None` when
/// neither exists. Used by `sigil backup` and `sigil restore`, which must not create a key.
pub fn current_key_text(cfg: &Config) -> Result<Option<(String, &'static str)>, AnyError> {
    if let Ok(v) = std::env::var("SIGIL_MASTER_KEY") {
        MasterKey::from_base64(&v).map_err(|e| format!("SIGIL_MASTER_KEY: {e}"))?;
        return Ok(Some((v.trim().to_string(), "SIGIL_MASTER_KEY")));
    }
    let path = master_key_file(cfg);
    if !path.exists() {
        return Ok(None);
    }
    let s = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    MasterKey::from_base64(&s).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Some((s.trim().to_string(), "the key file")))
}

/// Whether `key` is the master key a database with this check value was created with.
pub fn key_opens_check(key: &MasterKey, sealed: &[u8]) -> bool {
    key.open(CHECK_CONTEXT, sealed).ok().as_deref() == Some(CHECK_PLAINTEXT)
}

fn create_key_file(path: &std::path::Path) -> Result<MasterKey, AnyError> {
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let encoded = MasterKey::generate_base64(&SystemRng);
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("creating master key file {}: {e}", path.display()))?;
    f.write_all(encoded.as_bytes())?;
    f.sync_all()?;
    tracing::warn!(
        path = %path.display(),
        "created a new master key file {}: back it up with the database; without it signing keys and client secrets cannot be used",
        path.display()
    );
    Ok(MasterKey::from_base64(&encoded)?)
}

/// Every tenant gets a key for its access-token algorithm and one for ID tokens (RS256) if missing.
pub async fn ensure_keys(store: &dyn Store, master: &MasterKey, now: i64) -> Result<usize, AnyError> {
    let d = store.load_directory().await?;
    let mut changes = Vec::new();
    for t in &d.tenants {
        for alg in keys::tenant_algs(t.signing_alg) {
            if !d.keys.iter().any(|k| k.tenant_id == t.id && k.alg == alg) {
                changes.push(Change::PutKey(keys::new_stored_key(master, &SystemRng, t.id, alg, now, now)?));
            }
        }
    }
    let n = changes.len();
    if n > 0 {
        store.apply(&changes).await?;
    }
    Ok(n)
}

pub async fn load_directory(
    cfg: &Config,
    store: &dyn Store,
    master: &MasterKey,
    now: i64,
) -> Result<Directory, AnyError> {
    let data = store.load_directory().await?;
    Ok(Directory::build(data, master, now, cfg.tokens.longest_signed_lifetime())?)
}

pub async fn context(cfg: &Config, opened: &Opened) -> Result<Context, AnyError> {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let rng: Arc<dyn Rng> = Arc::new(SystemRng);
    let now = clock.now();
    ensure_keys(opened.store.as_ref(), &opened.master, now).await?;
    let dir = load_directory(cfg, opened.store.as_ref(), &opened.master, now).await?;
    Ok(Context {
        store: opened.store.clone(),
        directory: Arc::new(DirectoryHandle::new(dir)),
        master: opened.master.clone(),
        rng,
        tokens: cfg.tokens.clone(),
        lockout: cfg.lockout.clone(),
        public_url: cfg.public_url(),
        passwords: Arc::new(sigil_core::password::PasswordChecker::new(
            std::thread::available_parallelism().map_or(2, |n| n.get()),
        )),
        fetcher: Arc::new(sigil_http::outbound::HttpFetcher::new(cfg.outbound.clone(), clock.clone())?),
        accepted_assertions: Default::default(),
        passkeys: cfg.passkeys.clone(),
        clock,
    })
}
