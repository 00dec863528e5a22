//! `sigil serve`: listeners (HTTP or HTTPS with rustls), the connection cap, background tasks,
//! SIGHUP reload and graceful shutdown.
use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwap;
use axum::Router;
use axum::extract::ConnectInfo;
use axum::http::HeaderValue;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use sigil_core::context::Context;
use sigil_http::meta::{TlsConnection, TrustedProxies};
use sigil_http::metrics::ListenerMetrics;
use sigil_http::{AppState, Metrics, Routes};
use sigil_store::signin_writer::SigninWriter;
use tokio::net::{TcpListener, TcpStream};
use tokio::signal::unix::{Signal, SignalKind, signal};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tower::Service;

use crate::bootstrap::{self, AnyError};
use crate::config::Config;

/// The admin console's built-in client in `server.admin_tenant` (docs/console.md), made or
/// brought up to date before the directory is loaded.
async fn provision_console(cfg: &Config, opened: &bootstrap::Opened) -> Result<(), AnyError> {
    if cfg.server.admin_tenant.is_empty() {
        return Ok(());
    }
    let d = opened.store.load_directory().await?;
    let rng = sigil_core::rng::SystemRng;
    match sigil_http::console::provision::changes(&d, &cfg.server.admin_tenant, &cfg.public_url(), &rng) {
        Ok(c) if c.is_empty() => {}
        Ok(c) => {
            opened.store.apply(&c).await?;
            tracing::info!(tenant = %cfg.server.admin_tenant, client = sigil_http::console::CLIENT_ID, "admin console client provisioned");
        }
        Err(e) => {
            tracing::warn!(error = %e, "admin console: its client could not be provisioned; the console cannot sign in")
        }
    }
    Ok(())
}

/// The TLS configuration every new connection uses; SIGHUP swaps it.
type TlsConfig = Arc<ArcSwap<rustls::ServerConfig>>;

pub async fn run(cfg: Config, reload_log_filter: crate::ReloadLogFilter) -> Result<(), AnyError> {
    // First, so that a SIGHUP during startup does not end the process (its default action).
    let mut signals = Signals::new()?;
    let opened = bootstrap::open(&cfg).await?;
    provision_console(&cfg, &opened).await?;
    let ctx = bootstrap::context(&cfg, &opened).await?;
    let (writer, writer_task) =
        SigninWriter::start(ctx.store.clone(), cfg.signin_log.queue_capacity, cfg.signin_log.batch_size);
    let tls: Option<TlsConfig> = if cfg.tls() {
        Some(Arc::new(ArcSwap::from(tls_config(&cfg.server.tls_cert, &cfg.server.tls_key)?)))
    } else {
        None
    };
    let drops = writer.clone();
    let metrics = Arc::new(Metrics::new());
    metrics.gauge("process_start_time_seconds", ctx.clock.now_millis() as f64 / 1000.0);
    let state = AppState {
        ctx: ctx.clone(),
        signin: writer.clone(),
        metrics: metrics.clone(),
        messages: Arc::new(sigil_core::i18n::Messages::load()),
        pages: Arc::new(sigil_http::pages::Pages::new()),
        admin_token: (!cfg.server.admin_token.is_empty()).then(|| Arc::from(cfg.server.admin_token.as_str())),
        signin_dropped: Arc::new(move || drops.dropped()),
        secure_cookies: cfg.https_for_clients(),
        proxies: TrustedProxies::parse(&cfg.server.trusted_proxies)?,
        hsts: (cfg.server.hsts_max_age > 0)
            .then(|| HeaderValue::from_str(&format!("max-age={}", cfg.server.hsts_max_age)))
            .transpose()?,
        request_timeout: Duration::from_secs(cfg.server.request_timeout),
        admin_throttle: Arc::default(),
        device_throttle: Arc::default(),
        access_log: crate::config::access_log_level(&cfg.server.access_log).map_err(|_| "server.access_log")?,
        otel_export: (!cfg.server.otlp_endpoint.is_empty()).then_some(cfg.server.otlp_sample_ratio),
        admin_tenant: (!cfg.server.admin_tenant.is_empty()).then(|| Arc::from(cfg.server.admin_tenant.as_str())),
        rate_limiter: Arc::new(sigil_core::ratelimit::RateLimiter::new(cfg.rate_limits.clone())),
    };
    let separate_admin = !cfg.server.admin_listen.is_empty();
    let app = sigil_http::router_for(state.clone(), if separate_admin { Routes::Public } else { Routes::All });

    let (stop_tx, stop_rx) = watch::channel(false);
    let refresher = tokio::spawn(refresh_directory(cfg.clone(), ctx.clone(), stop_rx.clone()));
    let maintenance = tokio::spawn(maintenance(cfg.clone(), ctx.clone(), stop_rx.clone()));
    let upkeep = tokio::spawn(metrics_upkeep(metrics.clone(), stop_rx.clone()));
    let rotation = tokio::spawn(rotate_keys_on_schedule(cfg.clone(), ctx.clone(), stop_rx.clone()));

    let graceful = Arc::new(GracefulShutdown::new());
    let mut listeners = Vec::new();
    let public_metrics = metrics.listener("public");
    let mut bound = Vec::new();
    for addr in std::iter::once(&cfg.server.listen).chain(&cfg.server.extra_listen) {
        bound.push((addr, app.clone(), public_metrics.clone()));
    }
    if separate_admin {
        bound.push((&cfg.server.admin_listen, sigil_http::router_for(state, Routes::Admin), metrics.listener("admin")));
    }
    for (addr, app, counts) in bound {
        let l = TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        tracing::info!(address = %l.local_addr()?, public_url = %ctx.public_url, tls = tls.is_some(), store = ctx.store.backend(), "listening");
        let conns = Connections {
            tls: tls.clone(),
            graceful: graceful.clone(),
            slots: Arc::new(Semaphore::new(cfg.server.max_connections)),
            counts,
            header_timeout: Duration::from_secs(cfg.server.header_timeout),
        };
        listeners.push(tokio::spawn(accept_loop(l, app, conns, stop_rx.clone())));
    }
    drop(app);
    // A closed stdout (a supervisor, `| head`) must not stop the server: the line is best effort.
    let _ = std::io::Write::write_fmt(
        &mut std::io::stdout(),
        format_args!("sigil listening on {} ({})\n", cfg.server.listen, ctx.public_url),
    );

    signals
        .until_stopped(|| {
            match reload_log_filter() {
                Ok(filter) => tracing::info!(%filter, "SIGHUP: log filter reloaded"),
                Err(e) => tracing::error!(error = %e, "SIGHUP: log filter not reloaded; keeping the previous one"),
            }
            if let Some(tls) = &tls {
                match tls_config(&cfg.server.tls_cert, &cfg.server.tls_key) {
                    Ok(c) => {
                        tls.store(c);
                        tracing::info!(cert = %cfg.server.tls_cert, "SIGHUP: TLS certificate and key reloaded");
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "SIGHUP: TLS reload failed; keeping the previous certificate")
                    }
                }
            }
        })
        .await;
    tracing::info!("shutting down: no new connections, finishing in-flight requests");
    let _ = stop_tx.send(true);
    for l in listeners {
        let _ = l.await;
    }
    let graceful = Arc::try_unwrap(graceful).map_err(|_| "listener still holds the shutdown handle")?;
    if tokio::time::timeout(Duration::from_secs(cfg.server.shutdown_grace), graceful.shutdown()).await.is_err() {
        tracing::warn!("in-flight requests did not finish within the grace period");
    }
    let _ = refresher.await;
    let _ = maintenance.await;
    let _ = upkeep.await;
    let _ = rotation.await;
    // Flush the sign-in log: everything queued before shutdown is written.
    let written_before = writer.written();
    writer_task.finish().await;
    tracing::info!(written = writer.written() - written_before, dropped = writer.dropped(), "sign-in log flushed");
    ctx.store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// What every connection of one listener shares.
struct Connections {
    tls: Option<TlsConfig>,
    graceful: Arc<GracefulShutdown>,
    /// One permit per open connection (`server.max_connections`).
    slots: Arc<Semaphore>,
    counts: ListenerMetrics,
    /// For the request headers, the TLS handshake and an idle keep-alive connection.
    header_timeout: Duration,
}

/// Holds a connection's place under the cap; given back when the connection ends.
struct Slot {
    _permit: OwnedSemaphorePermit,
    open: metrics::Gauge,
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.open.decrement(1.0);
    }
}

/// Sent, best effort, to a connection refused by the cap (plain HTTP only; RFC 9110 §15.6.4, §10.2.3).
const REFUSED: &[u8] =
    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

async fn accept_loop(listener: TcpListener, app: Router, conns: Connections, mut stop: watch::Receiver<bool>) {
    loop {
        let (stream, peer) = tokio::select! {
            r = listener.accept() => match r {
                Ok(x) => x,
                Err(e) => { tracing::warn!(error = %e, "accept failed"); tokio::time::sleep(Duration::from_millis(50)).await; continue; }
            },
            _ = stop.changed() => break,
        };
        // Accepted and closed at once beyond the cap: the file descriptor is back immediately,
        // the client is told why instead of waiting in the kernel's backlog.
        let Ok(permit) = conns.slots.clone().try_acquire_owned() else {
            conns.counts.rejected.increment(1);
            refuse(stream, conns.tls.is_some());
            continue;
        };
        conns.counts.open.increment(1.0);
        let slot = Slot { _permit: permit, open: conns.counts.open.clone() };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let over_tls = conns.tls.is_some();
        let svc = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            if over_tls {
                req.extensions_mut().insert(TlsConnection);
            }
            app.clone().call(req)
        });
        let builder = {
            let mut b = hyper::server::conn::http1::Builder::new();
            // hyper starts this timer whenever it waits for a request's headers, so it also ends
            // idle keep-alive connections.
            b.timer(TokioTimer::new()).header_read_timeout(conns.header_timeout);
            b
        };
        // A watcher, not the shutdown handle itself: `run` takes the handle back at shutdown
        // while connections are still open.
        let graceful = conns.graceful.watcher();
        let handshake_timeout = conns.header_timeout;
        let acceptor = conns.tls.as_ref().map(|t| tokio_rustls::TlsAcceptor::from(t.load_full()));
        tokio::spawn(async move {
            let _slot = slot;
            match acceptor {
                None => {
                    let conn = builder.serve_connection(TokioIo::new(stream), svc);
                    let _ = graceful.watch(conn).await;
                }
                Some(acceptor) => {
                    let Ok(Ok(stream)) = tokio::time::timeout(handshake_timeout, acceptor.accept(stream)).await else {
                        return;
                    };
                    let conn = builder.serve_connection(TokioIo::new(stream), svc);
                    let _ = graceful.watch(conn).await;
                }
            }
        });
    }
}

fn refuse(stream: TcpStream, tls: bool) {
    if !tls {
        let _ = stream.try_write(REFUSED);
    }
    tracing::debug!("connection refused: server.max_connections reached");
}

fn tls_config(cert: &str, key: &str) -> Result<Arc<rustls::ServerConfig>, AnyError> {
    let certs = rustls_pemfile::certs(&mut std::io::BufReader::new(
        std::fs::File::open(cert).map_err(|e| format!("{cert}: {e}"))?,
    ))
    .collect::<Result<Vec<_>, _>>()
    .map_err(|e| format!("{cert}: {e}"))?;
    let key = rustls_pemfile::private_key(&mut std::io::BufReader::new(
        std::fs::File::open(key).map_err(|e| format!("{key}: {e}"))?,
    ))
    .map_err(|e| format!("{key}: {e}"))?
    .ok_or_else(|| format!("{key}: no private key found"))?;
    let mut config =
        rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
            .with_safe_default_protocol_versions()?
            .with_no_client_auth()
            .with_single_cert(certs, key)?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// SIGTERM and SIGINT stop the server gracefully; SIGHUP reloads what can be reloaded.
struct Signals {
    term: Signal,
    int: Signal,
    hup: Signal,
}

impl Signals {
    fn new() -> Result<Self, AnyError> {
        Ok(Self {
            term: signal(SignalKind::terminate())?,
            int: signal(SignalKind::interrupt())?,
            hup: signal(SignalKind::hangup())?,
        })
    }

    async fn until_stopped(&mut self, mut reload: impl FnMut()) {
        loop {
            tokio::select! {
                _ = self.term.recv() => return,
                _ = self.int.recv() => return,
                _ = self.hup.recv() => reload(),
            }
        }
    }
}

/// Keeps the in-memory directory current: polls the store's generation every second, and on
/// PostgreSQL also wakes at once on a change notice from any instance or the CLI (so a removed
/// secret or a deleted client stops working everywhere within milliseconds; the poll covers
/// notices lost while the listening connection was down). Every 30 s it reloads regardless, so
/// retired keys leave the JWKS.
async fn refresh_directory(cfg: Config, ctx: Context, mut stop: watch::Receiver<bool>) {
    let changed = Arc::new(tokio::sync::Notify::new());
    let listener = tokio::spawn(listen_for_changes(ctx.store.clone(), changed.clone()));
    let mut last_full = tokio::time::Instant::now();
    loop {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(1)) => {},
            _ = changed.notified() => {},
            _ = stop.changed() => {
                listener.abort();
                return;
            }
        }
        let current = ctx.directory.get().generation;
        let due = last_full.elapsed() >= Duration::from_secs(30);
        match ctx.store.generation().await {
            Ok(g) if g != current || due => {
                let now = ctx.clock.now();
                if g != current
                    && let Err(e) = bootstrap::ensure_keys(ctx.store.as_ref(), &ctx.master, now).await
                {
                    tracing::error!(error = %e, "creating signing keys failed");
                }
                match bootstrap::load_directory(&cfg, ctx.store.as_ref(), &ctx.master, now).await {
                    Ok(d) => {
                        tracing::debug!(generation = d.generation, "directory reloaded");
                        ctx.directory.replace(d);
                        last_full = tokio::time::Instant::now();
                    }
                    Err(e) => tracing::error!(error = %e, "directory reload failed; keeping the previous one"),
                }
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "store unreachable while polling for changes"),
        }
    }
}

async fn listen_for_changes(store: Arc<dyn sigil_core::store::Store>, changed: Arc<tokio::sync::Notify>) {
    loop {
        match store.wait_for_change().await {
            Ok(()) => changed.notify_one(),
            Err(e) => {
                tracing::debug!(error = %e, "change notices unavailable; polling");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

/// Scheduled key rotation (`tokens.key_rotation_interval`): checks every tenant's keys every tenth
/// of the interval (at least every second, at most every minute) and rotates the due ones.
async fn rotate_keys_on_schedule(cfg: Config, ctx: Context, mut stop: watch::Receiver<bool>) {
    let interval = cfg.tokens.key_rotation_interval;
    if interval <= 0 {
        return;
    }
    let period = Duration::from_secs((interval / 10).clamp(1, 60) as u64);
    loop {
        tokio::select! {
            _ = tokio::time::sleep(period) => {},
            _ = stop.changed() => return,
        }
        if let Err(e) = rotate_due_keys(&cfg, &ctx).await {
            tracing::warn!(error = %e, "scheduled key rotation failed; retrying at the next check");
        }
    }
}

/// One check, from the database's own view (not this instance's cached directory). Several
/// instances may decide at once; the batch expects the generation it read, so only one applies.
async fn rotate_due_keys(cfg: &Config, ctx: &Context) -> Result<(), AnyError> {
    use sigil_core::keys;
    let data = ctx.store.load_directory().await?;
    let now = ctx.clock.now();
    let active_from = now + cfg.tokens.key_rotation_delay.max(0);
    let mut changes = vec![sigil_core::store::Change::ExpectGeneration(data.generation)];
    let mut rotated = Vec::new();
    for t in &data.tenants {
        for alg in keys::tenant_algs(t.signing_alg) {
            if keys::rotation_due(&data.keys, t.id, alg, now, cfg.tokens.key_rotation_interval) {
                let (key, c) = keys::rotation(&ctx.master, ctx.rng.as_ref(), &data.keys, t.id, alg, now, active_from)?;
                rotated.push(format!("{}:{}:{}", t.name, alg.as_str(), key.kid));
                changes.extend(c);
            }
        }
    }
    if rotated.is_empty() {
        return Ok(());
    }
    match ctx.store.apply(&changes).await {
        Ok(()) => {
            tracing::info!(keys = ?rotated, signing_from = active_from, "scheduled key rotation: new keys published");
            Ok(())
        }
        Err(sigil_core::error::StoreError::Conflict(_)) => {
            tracing::debug!("scheduled key rotation: the directory changed meanwhile (another instance rotated)");
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

/// Drains recorded histogram samples into their buckets, so memory stays flat between scrapes
/// (without it, a server nobody scrapes grew by ~1 GB an hour under client-credentials load).
async fn metrics_upkeep(metrics: Arc<Metrics>, mut stop: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(5)) => metrics.run_upkeep(),
            _ = stop.changed() => return,
        }
    }
}

/// Retention: sealed refresh successors past the grace window, expired codes, grants past their
/// expiry by `tokens.expired_grant_retention` with their refresh tokens, stale lockout counters and
/// sources no longer familiar, old sign-in records and audit entries.
async fn maintenance(cfg: Config, ctx: Context, mut stop: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(60)) => {},
            _ = stop.changed() => return,
        }
        let now = ctx.clock.now();
        let sealed_before = now - cfg.tokens.refresh_token_grace - 1;
        match ctx.store.purge(sealed_before, now - 3600, now - cfg.tokens.expired_grant_retention).await {
            Ok(n) if n > 0 => tracing::debug!(removed = n, "token retention applied"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "purge failed"),
        }
        // RFC 7591 `client_secret_expires_at` / the tenant's `registration.client_lifetime`.
        let expired = sigil_core::registration::expired(&ctx.directory.get(), now);
        if !expired.is_empty() {
            match ctx.store.apply(&expired).await {
                Ok(()) => tracing::info!(removed = expired.len(), "expired registered clients removed"),
                Err(e) => tracing::warn!(error = %e, "removing expired registered clients failed"),
            }
        }
        let l = &cfg.lockout;
        match ctx.store.purge_lockouts(now - l.window.max(l.duration), now - l.familiar_for).await {
            Ok(n) if n > 0 => tracing::debug!(removed = n, "lockout rows purged"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "lockout purge failed"),
        }
        // Rate-limit windows that ended (shared counters only; memory forgets them itself).
        match ctx.store.purge_rate_limits(now - cfg.rate_limits.window).await {
            Ok(n) if n > 0 => tracing::debug!(removed = n, "rate-limit counters purged"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "rate-limit purge failed"),
        }
        let cutoff = ctx.clock.now_millis() - cfg.signin_log.retention_days * 86_400_000;
        match ctx.store.purge_signins(cutoff).await {
            Ok(n) if n > 0 => tracing::info!(removed = n, "sign-in log retention applied"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "sign-in log retention failed"),
        }
        let cutoff = ctx.clock.now_millis() - cfg.audit.retention_days * 86_400_000;
        match ctx.store.purge_audit(cutoff).await {
            Ok(n) if n > 0 => tracing::info!(removed = n, "audit log retention applied"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "audit log retention failed"),
        }
    }
}
