//! Batches sign-in records off the request path. `record` never blocks: when the queue is full the
//! record is dropped and counted. `shutdown` drains what is queued.
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sigil_core::signin_log::{SigninRecord, SigninSink};
use sigil_core::store::Store;
use tokio::sync::mpsc;

pub struct SigninWriter {
    tx: mpsc::Sender<SigninRecord>,
    dropped: Arc<AtomicU64>,
    written: Arc<AtomicU64>,
}

pub struct WriterTask {
    handle: tokio::task::JoinHandle<()>,
    close: tokio::sync::oneshot::Sender<()>,
}

impl SigninWriter {
    /// Starts the background writer. [`WriterTask::finish`] closes the queue and drains it.
    pub fn start(store: Arc<dyn Store>, capacity: usize, batch: usize) -> (Arc<Self>, WriterTask) {
        let (tx, mut rx) = mpsc::channel::<SigninRecord>(capacity);
        let dropped = Arc::new(AtomicU64::new(0));
        let written = Arc::new(AtomicU64::new(0));
        let w = written.clone();
        let d = dropped.clone();
        let (close, mut closed) = tokio::sync::oneshot::channel::<()>();
        let handle = tokio::spawn(async move {
            let mut buf = Vec::with_capacity(batch);
            loop {
                let n = tokio::select! {
                    n = rx.recv_many(&mut buf, batch) => n,
                    _ = &mut closed, if !rx.is_closed() => {
                        // No new records; what is queued is still received below.
                        rx.close();
                        continue;
                    }
                };
                if n == 0 {
                    break;
                }
                // Under load, let a batch fill for up to 20 ms: fewer, larger transactions touch each
                // index page once per batch instead of once per row.
                let deadline = tokio::time::Instant::now() + Duration::from_millis(20);
                while buf.len() < batch && !rx.is_closed() {
                    let room = batch - buf.len();
                    match tokio::time::timeout_at(deadline, rx.recv_many(&mut buf, room)).await {
                        Ok(0) | Err(_) => break,
                        Ok(_) => {}
                    }
                }
                match store.write_signins(&buf).await {
                    Ok(()) => {
                        w.fetch_add(buf.len() as u64, Ordering::Relaxed);
                    }
                    Err(e) => {
                        d.fetch_add(buf.len() as u64, Ordering::Relaxed);
                        tracing::warn!(error = %e, records = buf.len(), "sign-in log batch dropped");
                    }
                }
                buf.clear();
            }
        });
        (Arc::new(Self { tx, dropped, written }), WriterTask { handle, close })
    }

    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }

    pub fn written(&self) -> u64 {
        self.written.load(Ordering::Relaxed)
    }
}

impl SigninSink for SigninWriter {
    fn record(&self, r: SigninRecord) {
        if self.tx.try_send(r).is_err() {
            self.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }
}

impl WriterTask {
    /// Stops accepting records and waits until every queued one is written.
    pub async fn finish(self) {
        let _ = self.close.send(());
        let _ = self.handle.await;
    }
}
