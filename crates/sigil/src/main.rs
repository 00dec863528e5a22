//! The `sigil` binary: one command for the server and every operator task.

/// `println!` for command output: a reader that went away (`sigil explain 7000215 | head -c1`)
/// ends the command quietly with success, as a pipeline expects, instead of a panic.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::write_out(format_args!($($arg)*))
    };
}

mod admin;
mod backup;
mod bootstrap;
mod config;
mod devcert;
mod explain;
mod import;
#[cfg(test)]
mod import_fuzz;
mod logs;
mod migrate;
mod probe;
mod serve;
mod telemetry;

use clap::{Parser, Subcommand};

use crate::config::Config;

#[derive(Parser)]
#[command(name = "sigil", version, about = "Sigil: an OAuth 2.0 and OpenID Connect token service")]
struct Cli {
    /// Configuration file (TOML). Every key can also be set as SIGIL_<SECTION>_<KEY>.
    #[arg(long, global = true, env = "SIGIL_CONFIG")]
    config: Option<String>,
    /// `--url` and its credentials: admin commands and `logs` act on a running server.
    #[command(flatten)]
    remote: admin::remote::RemoteArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server (zero configuration: SQLite under ./sigil-data, http://127.0.0.1:8080).
    Serve(ServeArgs),
    /// Write a self-signed certificate for localhost and 127.0.0.1 (cert.pem, key.pem).
    DevCert {
        #[arg(long, default_value = "./sigil-data/tls")]
        out_dir: String,
    },
    /// Configuration commands.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Create or update tenants, APIs, clients and users from a TOML file, in one transaction.
    Import {
        file: String,
        /// Also delete objects of the file's tenants that the file does not mention.
        #[arg(long)]
        prune: bool,
        /// Validate and show the changes without applying them.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Boxed: the admin commands are by far the largest variant.
    #[command(flatten)]
    Admin(Box<admin::AdminCommand>),
    /// Explain an error code: what it means and how to fix it.
    Explain {
        code: String,
        #[arg(long, default_value = "en")]
        lang: String,
        #[arg(long)]
        json: bool,
    },
    /// Search the sign-in log.
    Logs(logs::LogsArgs),
    /// Back up the embedded SQLite database while the server runs: `<file>` (a consistent copy)
    /// and `<file>.key` (the master key, mode 0600). PostgreSQL: pg_dump (docs/operations.md).
    Backup {
        file: String,
        /// Do not write `<file>.key` (the master key is kept elsewhere, e.g. a secret manager).
        #[arg(long)]
        without_key: bool,
    },
    /// Restore a `sigil backup` (stop the server first); `<file>.key` is used when present.
    Restore {
        file: String,
        /// Replace a database that holds data (kept as `<db>.before-restore`) and a different key file.
        #[arg(long)]
        force: bool,
    },
    /// Exit 0 when the running server's /readyz answers 200 (container health checks).
    Probe {
        /// Address to probe (default: server.admin_listen, else server.listen).
        #[arg(long)]
        address: Option<String>,
        #[arg(long, default_value = "/readyz")]
        path: String,
    },
    /// Copy this embedded SQLite installation into an empty PostgreSQL database.
    Migrate {
        /// The PostgreSQL database, e.g. postgres://sigil:secret@db.example/sigil
        #[arg(long)]
        to: String,
    },
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Listen address (overrides server.listen).
    #[arg(long)]
    listen: Option<String>,
    /// Public base URL (overrides server.public_url).
    #[arg(long)]
    public_url: Option<String>,
    /// Serve HTTPS with this PEM certificate chain (needs --tls-key).
    #[arg(long, requires = "tls_key")]
    tls_cert: Option<String>,
    /// The certificate's PEM private key (needs --tls-cert).
    #[arg(long, requires = "tls_cert")]
    tls_key: Option<String>,
    /// Log as JSON lines.
    #[arg(long)]
    log_json: bool,
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Validate the configuration and print it with secrets redacted.
    Check,
}

pub fn write_out(text: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(text).and_then(|_| out.write_all(b"\n")).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: writing the output: {e}");
        std::process::exit(1);
    }
}

/// Exit codes: 0 success, 1 runtime failure, 2 bad input (configuration, file, unknown name).
pub const EXIT_USAGE: i32 = 2;

/// mimalloc instead of glibc's malloc: per-thread free lists without arena locks or
/// `malloc_consolidate` sweeps (~8 % of the CPU in glibc under client-credentials load; +9-11 %
/// tokens/s, docs/performance.md). Built with `no_thp`: transparent huge pages backing its
/// eagerly committed arena cost 13 MB of idle RSS for no measurable speed.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = Cli::parse();
    let env: Vec<(String, String)> = std::env::vars().collect();
    let mut cfg = match Config::load(cli.config.as_deref(), &env) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(EXIT_USAGE);
        }
    };
    if let Command::Serve(a) = &cli.command {
        if let Some(l) = &a.listen {
            cfg.server.listen = l.clone();
        }
        if let Some(u) = &a.public_url {
            cfg.server.public_url = u.clone();
        }
        if let (Some(c), Some(k)) = (&a.tls_cert, &a.tls_key) {
            cfg.server.tls_cert = c.clone();
            cfg.server.tls_key = k.clone();
        }
        if a.log_json {
            cfg.server.log_format = "json".into();
        }
    }
    let (set_log_filter, traces) = init_logging(&cfg, matches!(cli.command, Command::Serve(_)));
    let config_path = cli.config.clone();
    let remote = cli.remote.clone();
    // SIGHUP: the filter from SIGIL_LOG, else from the configuration as it is now.
    let reload_log_filter: ReloadLogFilter = Box::new(move || {
        let filter = match std::env::var("SIGIL_LOG") {
            Ok(f) => f,
            Err(_) => Config::load(config_path.as_deref(), &env).map_err(|e| e.0)?.server.log_level,
        };
        set_log_filter(&filter)?;
        Ok(filter)
    });
    let mut rt = tokio::runtime::Builder::new_multi_thread();
    if cfg.server.worker_threads > 0 {
        rt.worker_threads(cfg.server.worker_threads);
    }
    let rt = rt.enable_all().build().expect("tokio runtime");
    let code = rt.block_on(async move {
        let r: Result<i32, bootstrap::AnyError> = match cli.command {
            // Commands on the database itself: never the local one when a server was named.
            Command::Import { .. } | Command::Backup { .. } | Command::Restore { .. } | Command::Migrate { .. }
                if remote.url.is_some() =>
            {
                eprintln!("error: --url (SIGIL_URL) applies to the admin commands and logs; this command works on the database");
                Ok(EXIT_USAGE)
            }
            Command::Serve(_) => serve::run(cfg, reload_log_filter).await.map(|_| 0),
            Command::DevCert { out_dir } => devcert::write(&out_dir).map(|_| 0),
            Command::Config(ConfigCommand::Check) => {
                outln!("# effective configuration (secrets redacted)\n{}", cfg.redacted_toml());
                Ok(0)
            }
            Command::Import { file, prune, dry_run, json } => import::run(&cfg, &file, prune, dry_run, json).await,
            Command::Admin(cmd) if remote.url.is_some() => Ok(admin::remote::run(&remote, *cmd).await),
            Command::Admin(cmd) => admin::run(&cfg, *cmd).await,
            Command::Logs(args) if remote.url.is_some() => Ok(logs::run_remote(&remote, args).await),

            Command::Explain { code, lang, json } => Ok(explain::run(&code, &lang, json)),
            Command::Logs(args) => logs::run(&cfg, args).await,
            Command::Backup { file, without_key } => backup::backup(&cfg, &file, without_key).await,
            Command::Restore { file, force } => backup::restore(&cfg, &file, force).await,
            Command::Migrate { to } => migrate::run(&cfg, &to).await,
            Command::Probe { address, path } => Ok(probe::run(&cfg, address.as_deref(), &path)),
        };
        match r {
            Ok(code) => code,
            Err(e) => {
                eprintln!("error: {e}");
                1
            }
        }
    });
    if let Some(p) = traces
        && let Err(e) = p.shutdown()
    {
        eprintln!("warning: flushing traces: {e}");
    }
    std::process::exit(code);
}

/// Re-reads the configuration and applies its log filter (SIGHUP); returns the filter applied.
pub type ReloadLogFilter = Box<dyn Fn() -> Result<String, String> + Send + Sync>;

/// Replaces the log filter of the running subscriber.
type SetLogFilter = Box<dyn Fn(&str) -> Result<(), String> + Send + Sync>;

fn init_logging(cfg: &Config, server: bool) -> (SetLogFilter, Option<opentelemetry_sdk::trace::SdkTracerProvider>) {
    use tracing_subscriber::EnvFilter;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    use tracing_subscriber::{Layer, reload};
    let default = if server { cfg.server.log_level.as_str() } else { "warn" };
    let filter = EnvFilter::try_from_env("SIGIL_LOG").unwrap_or_else(|_| EnvFilter::new(default));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let parse = |f: &str| EnvFilter::try_new(f).map_err(|e| format!("log filter '{f}': {e}"));
    let (filter, handle) = reload::Layer::new(filter);
    let fmt = tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_ansi(ansi);
    let fmt = if cfg.server.log_format == "json" {
        fmt.json().with_current_span(true).with_span_list(false).boxed()
    } else {
        fmt.boxed()
    };
    // Traces are exported by the server only; an exporter that cannot be set up stops the start.
    let provider = match server.then(|| telemetry::provider(cfg)).transpose() {
        Ok(p) => p.flatten(),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(EXIT_USAGE);
        }
    };
    // Each output its own filter: the log filter (reloaded on SIGHUP) for the log lines, `info` for
    // the traces, so that a quiet log (`warn`) does not silence the request spans.
    let otel =
        provider.as_ref().map(|p| telemetry::layer(p).with_filter(tracing_subscriber::filter::LevelFilter::INFO));
    tracing_subscriber::registry().with(fmt.with_filter(filter)).with(otel).init();
    (Box::new(move |f| handle.reload(parse(f)?).map_err(|e| e.to_string())), provider)
}
