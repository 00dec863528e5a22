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
                // Give a burst a moment to fill the batch: fewer, larger transactions.
                if buf.len() < batch {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    while buf.len() < batch {
                        match rx.try_recv() {
                            Ok(r) => buf.push(r),
                            Err(_) => break,
                        }
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
