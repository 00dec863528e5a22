//! `sigil serve`: listeners (HTTP or HTTPS with rustls), background tasks, graceful shutdown.
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use sigil_core::context::Context;
use sigil_http::{AppState, Metrics};
use sigil_store::signin_writer::SigninWriter;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::Service;

use crate::bootstrap::{self, AnyError};
use crate::config::Config;

pub async fn run(cfg: Config) -> Result<(), AnyError> {
    let opened = bootstrap::open(&cfg).await?;
    let ctx = bootstrap::context(&cfg, &opened).await?;
    let (writer, writer_task) =
        SigninWriter::start(ctx.store.clone(), cfg.signin_log.queue_capacity, cfg.signin_log.batch_size);
    let tls = if cfg.tls() { Some(tls_acceptor(&cfg.server.tls_cert, &cfg.server.tls_key)?) } else { None };
    let drops = writer.clone();
    let metrics = Arc::new(Metrics::new());
    let state = AppState {
        ctx: ctx.clone(),
        signin: writer.clone(),
        metrics: metrics.clone(),
        messages: Arc::new(sigil_core::i18n::Messages::load()),
        pages: Arc::new(sigil_http::pages::Pages::new()),
        admin_token: (!cfg.server.admin_token.is_empty()).then(|| Arc::from(cfg.server.admin_token.as_str())),
        signin_dropped: Arc::new(move || drops.dropped()),
        secure_cookies: cfg.tls(),
    };
    let app = sigil_http::router(state);

    let (stop_tx, stop_rx) = watch::channel(false);
    let refresher = tokio::spawn(refresh_directory(cfg.clone(), ctx.clone(), stop_rx.clone()));
    let maintenance = tokio::spawn(maintenance(cfg.clone(), ctx.clone(), stop_rx.clone()));
    let upkeep = tokio::spawn(metrics_upkeep(metrics, stop_rx.clone()));

    let graceful = Arc::new(GracefulShutdown::new());
    let mut listeners = Vec::new();
    for addr in std::iter::once(&cfg.server.listen).chain(&cfg.server.extra_listen) {
        let l = TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        tracing::info!(address = %l.local_addr()?, public_url = %ctx.public_url, tls = tls.is_some(), store = ctx.store.backend(), "listening");
        listeners.push(tokio::spawn(accept_loop(l, app.clone(), tls.clone(), graceful.clone(), stop_rx.clone())));
    }
    drop(app);
    println!("sigil listening on {} ({})", cfg.server.listen, ctx.public_url);

    shutdown_signal().await;
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
    // Flush the sign-in log: everything queued before shutdown is written.
    let written_before = writer.written();
    writer_task.finish().await;
    tracing::info!(written = writer.written() - written_before, dropped = writer.dropped(), "sign-in log flushed");
    ctx.store.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn accept_loop(
    listener: TcpListener,
    app: Router,
    tls: Option<tokio_rustls::TlsAcceptor>,
    graceful: Arc<GracefulShutdown>,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        let (stream, peer) = tokio::select! {
            r = listener.accept() => match r {
                Ok(x) => x,
                Err(e) => { tracing::warn!(error = %e, "accept failed"); tokio::time::sleep(Duration::from_millis(50)).await; continue; }
            },
            _ = stop.changed() => break,
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let svc = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            app.clone().call(req)
        });
        let builder = {
            let mut b = hyper::server::conn::http1::Builder::new();
            b.timer(TokioTimer::new()).header_read_timeout(Duration::from_secs(10));
            b
        };
        match &tls {
            None => {
                let conn = builder.serve_connection(TokioIo::new(stream), svc);
                let fut = graceful.watch(conn);
                tokio::spawn(async move {
                    let _ = fut.await;
                });
            }
            Some(acceptor) => {
                let acceptor = acceptor.clone();
                let graceful = graceful.clone();
                tokio::spawn(async move {
                    let Ok(Ok(stream)) = tokio::time::timeout(Duration::from_secs(10), acceptor.accept(stream)).await
                    else {
                        return;
                    };
                    let conn = builder.serve_connection(TokioIo::new(stream), svc);
                    let _ = graceful.watch(conn).await;
                });
            }
        }
    }
}

fn tls_acceptor(cert: &str, key: &str) -> Result<tokio_rustls::TlsAcceptor, AnyError> {
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
    Ok(tokio_rustls::TlsAcceptor::from(Arc::new(config)))
}

async fn shutdown_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
    let mut int = signal(SignalKind::interrupt()).expect("SIGINT handler");
    tokio::select! {
        _ = term.recv() => {},
        _ = int.recv() => {},
    }
}

/// Polls the store's generation every second and rebuilds the directory when it moved (changes made
/// by the CLI or another instance), and every 30 s regardless so retired keys leave the JWKS.
async fn refresh_directory(cfg: Config, ctx: Context, mut stop: watch::Receiver<bool>) {
    let mut last_full = tokio::time::Instant::now();
    loop {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(1)) => {},
            _ = stop.changed() => return,
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
/// sources no longer familiar, old sign-in records.
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
        let l = &cfg.lockout;
        match ctx.store.purge_lockouts(now - l.window.max(l.duration), now - l.familiar_for).await {
            Ok(n) if n > 0 => tracing::debug!(removed = n, "lockout rows purged"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "lockout purge failed"),
        }
        let cutoff = ctx.clock.now_millis() - cfg.signin_log.retention_days * 86_400_000;
        match ctx.store.purge_signins(cutoff).await {
            Ok(n) if n > 0 => tracing::info!(removed = n, "sign-in log retention applied"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "sign-in log retention failed"),
        }
    }
}
