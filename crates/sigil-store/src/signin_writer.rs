//! Batches sign-in records off the request path. `record` never blocks: when the queue is full the
//! record is dropped and counted. `shutdown` drains what is queued.
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sigil_core::signin_log::{SigninRecord, SigninSink};
use sigil_core::store::Store;
use tokio::sync::mpsc;

/// Rows a batch waits for before it is written. Waiting for more (up to 20 ms' worth, ~350 rows at
/// 17k tokens/s) made each write a burst of SQLite work that took the CPU from requests for
/// milliseconds: with the server on one core, client credentials at c=16 had a p99 of 3.5–4.1 ms,
/// and 2.3–2.6 ms with this target, at the same throughput and with no drops. Splitting one large
/// batch into several transactions did not help; spreading the writes evenly in time did.
const FILL_TARGET: usize = 64;

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
            // Records dropped since the last batch that was written.
            let mut failing = 0u64;
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
                // Let a batch fill to FILL_TARGET rows, for up to 20 ms: fewer, larger transactions
                // touch each index page once per batch instead of once per row. A backlog larger
                // than that (the store was slow) is taken whole, up to `batch`, to catch up.
                let target = FILL_TARGET.min(batch);
                let deadline = tokio::time::Instant::now() + Duration::from_millis(20);
                while buf.len() < target && !rx.is_closed() {
                    let room = target - buf.len();
                    match tokio::time::timeout_at(deadline, rx.recv_many(&mut buf, room)).await {
                        Ok(0) | Err(_) => break,
                        Ok(_) => {}
                    }
                }
                match store.write_signins(&buf).await {
                    Ok(()) => {
                        w.fetch_add(buf.len() as u64, Ordering::Relaxed);
                        if failing > 0 {
                            tracing::info!(dropped = failing, "sign-in log written again");
                            failing = 0;
                        }
                    }
                    Err(e) => {
                        d.fetch_add(buf.len() as u64, Ordering::Relaxed);
                        // Once when writes start failing (a full disk would log every 20 ms), then
                        // once when they work again, with the number of records lost meanwhile.
                        if failing == 0 {
                            tracing::warn!(error = %e, records = buf.len(), "sign-in log batch dropped");
                        }
                        failing += buf.len() as u64;
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
        // Every record passes here: client-supplied fields are bounded before they are stored.
        if self.tx.try_send(r.bounded()).is_err() {
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
