//! Group commit for the hot single-row operations (refresh-token reads and rotations).
//!
//! Concurrent callers queue their request; one task takes whatever is queued (up to `max`) and runs
//! it as one statement, so under load N rotations cost one hand-off to the database (SQLite: one
//! wake-up of sqlx's connection thread and one WAL commit; PostgreSQL: one round trip and one WAL
//! flush) instead of N. With one caller at a time a batch holds one request and the backend runs its
//! ordinary single-row statement: nothing waits for a batch to fill. A batch forms only while the
//! previous ones are still running (at most `in_flight` at once).
use std::collections::{HashMap, HashSet};
use std::future::Future;

use sigil_core::error::StoreError;
use sigil_core::store::{RefreshTokenState, Rotation, RotationOutcome, StoreResult};
use tokio::sync::{mpsc, oneshot};

type Reply<T> = oneshot::Sender<StoreResult<T>>;

struct Batcher<Req, Resp> {
    tx: mpsc::Sender<(Req, Reply<Resp>)>,
}

impl<Req: Send + 'static, Resp: Send + 'static> Batcher<Req, Resp> {
    /// `exec` answers a batch with one result per request, in order. Up to `in_flight` batches run
    /// at once; requests arriving meanwhile wait for a free slot and form the next batch. The task
    /// ends when the batcher is dropped (with the store).
    fn start<F, Fut>(max: usize, in_flight: usize, exec: F) -> Self
    where
        F: Fn(Vec<Req>) -> Fut + Send + 'static,
        Fut: Future<Output = Vec<StoreResult<Resp>>> + Send + 'static,
    {
        let (tx, mut rx) = mpsc::channel::<(Req, Reply<Resp>)>(4 * max);
        let slots = std::sync::Arc::new(tokio::sync::Semaphore::new(in_flight));
        tokio::spawn(async move {
            let mut queued = Vec::with_capacity(max);
            loop {
                let Ok(slot) = slots.clone().acquire_owned().await else { break };
                if rx.recv_many(&mut queued, max).await == 0 {
                    break;
                }
                let (reqs, replies): (Vec<Req>, Vec<Reply<Resp>>) = queued.drain(..).unzip();
                let run = exec(reqs);
                tokio::spawn(async move {
                    let results = run.await;
                    drop(slot);
                    debug_assert_eq!(results.len(), replies.len());
                    for (result, reply) in results.into_iter().zip(replies) {
                        // The caller may have gone (request cancelled); the work is done either way.
                        let _ = reply.send(result);
                    }
                });
            }
        });
        Self { tx }
    }

    async fn call(&self, req: Req) -> StoreResult<Resp> {
        let (reply, answer) = oneshot::channel();
        self.tx.send((req, reply)).await.map_err(|_| closed())?;
        answer.await.map_err(|_| closed())?
    }
}

fn closed() -> StoreError {
    StoreError::Unavailable("store is shutting down".into())
}

/// The statement size a batch of `n` is padded to: few distinct SQL texts, each prepared once.
pub(crate) fn padded_size(n: usize) -> usize {
    n.next_power_of_two()
}

/// A refresh-token rotation as the batch task holds it (the caller's borrowed [`Rotation`] copied).
pub(crate) struct OwnedRotation {
    pub hash: Vec<u8>,
    pub successor_hash: Vec<u8>,
    pub successor_sealed: Vec<u8>,
    pub now: i64,
}

impl OwnedRotation {
    fn from(r: &Rotation<'_>) -> Self {
        Self {
            hash: r.hash.to_vec(),
            successor_hash: r.successor_hash.to_vec(),
            successor_sealed: r.successor_sealed.to_vec(),
            now: r.now,
        }
    }
}

/// A backend's statements for refresh tokens, one request at a time and many at once.
pub(crate) trait RefreshStatements: Clone + Send + Sync + 'static {
    /// How many batches of reads, and of rotations, may run at once: 1 where the database
    /// serialises them anyway (SQLite's one writer); more where concurrent statements overlap
    /// their work, round trips and WAL flushes (SQLite's readers, PostgreSQL).
    const READS_IN_FLIGHT: usize;
    const ROTATIONS_IN_FLIGHT: usize;
    fn read_one(&self, hash: &[u8]) -> impl Future<Output = StoreResult<Option<RefreshTokenState>>> + Send;
    /// The states of those of `hashes` that exist, by hash.
    fn read_many(
        &self,
        hashes: &[Vec<u8>],
    ) -> impl Future<Output = StoreResult<HashMap<Vec<u8>, RefreshTokenState>>> + Send;
    /// Spends the token and stores its successor atomically; false when the token was not live.
    fn spend_one(&self, rot: &OwnedRotation) -> impl Future<Output = StoreResult<bool>> + Send;
    /// One statement spending every live token of `reqs` (distinct hashes); returns the hashes spent,
    /// or `None` when the statement was rolled back for a reason that running the requests one by
    /// one avoids (a PostgreSQL deadlock with another instance's batch).
    fn spend_many(&self, reqs: &[&OwnedRotation])
    -> impl Future<Output = StoreResult<Option<HashSet<Vec<u8>>>>> + Send;
    /// What a rotation that did not win learns from the committed row.
    fn spent_state(&self, hash: &[u8]) -> impl Future<Output = StoreResult<RotationOutcome>> + Send;
}

/// The refresh-token reads and rotations of one store, each batched.
pub(crate) struct RefreshBatches {
    reads: Batcher<Vec<u8>, Option<RefreshTokenState>>,
    rotations: Batcher<OwnedRotation, RotationOutcome>,
}

/// Requests per batched statement.
const BATCH_MAX: usize = 64;

impl RefreshBatches {
    pub(crate) fn start<S: RefreshStatements>(statements: S) -> Self {
        let s = statements.clone();
        let reads = Batcher::start(BATCH_MAX, S::READS_IN_FLIGHT, move |hashes| {
            let s = s.clone();
            async move { read_batch(&s, hashes).await }
        });
        let rotations = Batcher::start(BATCH_MAX, S::ROTATIONS_IN_FLIGHT, move |reqs| {
            let s = statements.clone();
            async move { rotate_batch(&s, reqs).await }
        });
        Self { reads, rotations }
    }

    pub(crate) async fn read(&self, hash: &[u8]) -> StoreResult<Option<RefreshTokenState>> {
        self.reads.call(hash.to_vec()).await
    }

    pub(crate) async fn rotate(&self, rot: &Rotation<'_>) -> StoreResult<RotationOutcome> {
        self.rotations.call(OwnedRotation::from(rot)).await
    }
}

async fn read_batch<S: RefreshStatements>(s: &S, hashes: Vec<Vec<u8>>) -> Vec<StoreResult<Option<RefreshTokenState>>> {
    if let [hash] = hashes.as_slice() {
        return vec![s.read_one(hash).await];
    }
    match s.read_many(&hashes).await {
        Ok(found) => hashes.iter().map(|h| Ok(found.get(h).cloned())).collect(),
        Err(e) => vec![Err(e); hashes.len()],
    }
}

/// The first request for each token goes into one statement; the statement reports which tokens it
/// spent. Every other request (a repeat of a token already in the batch, which must lose to the
/// first; or all of them when the statement was rolled back by a deadlock) then runs alone, exactly
/// as an unbatched call would. Any other failure fails the whole batch, as it would each call.
async fn rotate_batch<S: RefreshStatements>(s: &S, reqs: Vec<OwnedRotation>) -> Vec<StoreResult<RotationOutcome>> {
    let mut out: Vec<Option<StoreResult<RotationOutcome>>> = (0..reqs.len()).map(|_| None).collect();
    let firsts = first_per_hash(&reqs);
    if firsts.len() > 1 {
        let batch: Vec<&OwnedRotation> = firsts.iter().map(|&i| &reqs[i]).collect();
        match s.spend_many(&batch).await {
            Ok(Some(won)) => {
                for &i in &firsts {
                    out[i] = Some(if won.contains(&reqs[i].hash) {
                        Ok(RotationOutcome::Rotated)
                    } else {
                        s.spent_state(&reqs[i].hash).await
                    });
                }
            }
            Ok(None) => tracing::debug!(requests = batch.len(), "batched rotation rolled back; rotating one by one"),
            Err(e) => return vec![Err(e); reqs.len()],
        }
    }
    let mut results = Vec::with_capacity(reqs.len());
    for (o, r) in out.into_iter().zip(&reqs) {
        results.push(match o {
            Some(o) => o,
            None => rotate_one(s, r).await,
        });
    }
    results
}

async fn rotate_one<S: RefreshStatements>(s: &S, r: &OwnedRotation) -> StoreResult<RotationOutcome> {
    if s.spend_one(r).await? { Ok(RotationOutcome::Rotated) } else { s.spent_state(&r.hash).await }
}

/// The index of the first request for each token; the others are repeats.
fn first_per_hash(reqs: &[OwnedRotation]) -> Vec<usize> {
    let mut seen = HashSet::with_capacity(reqs.len());
    (0..reqs.len()).filter(|&i| seen.insert(reqs[i].hash.as_slice())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_of_a_token_are_set_apart() {
        let r = |h: u8| OwnedRotation { hash: vec![h], successor_hash: vec![], successor_sealed: vec![], now: 0 };
        let reqs = [r(1), r(2), r(1), r(3), r(2)];
        assert_eq!(first_per_hash(&reqs), [0, 1, 3]);
    }

    #[test]
    fn padding_is_a_power_of_two() {
        assert_eq!([1, 2, 3, 5, 64].map(padded_size), [1, 2, 4, 8, 64]);
    }

    /// The batching control flow against statements that keep tokens in memory (the SQL itself is
    /// covered by the conformance suite on both databases): who wins, who falls back, who fails.
    #[derive(Clone, Default)]
    struct Fake {
        spent: std::sync::Arc<std::sync::Mutex<HashMap<Vec<u8>, i64>>>,
        live: std::sync::Arc<std::sync::Mutex<HashSet<Vec<u8>>>>,
        /// What `spend_many` does instead of spending: roll back (`None`) or fail.
        many: Option<Option<StoreError>>,
    }

    impl RefreshStatements for Fake {
        const READS_IN_FLIGHT: usize = 1;
        const ROTATIONS_IN_FLIGHT: usize = 1;

        async fn read_one(&self, _: &[u8]) -> StoreResult<Option<RefreshTokenState>> {
            Ok(None)
        }
        async fn read_many(&self, _: &[Vec<u8>]) -> StoreResult<HashMap<Vec<u8>, RefreshTokenState>> {
            Ok(HashMap::new())
        }
        async fn spend_one(&self, rot: &OwnedRotation) -> StoreResult<bool> {
            let won = self.live.lock().unwrap().remove(&rot.hash);
            if won {
                self.spent.lock().unwrap().insert(rot.hash.clone(), rot.now);
            }
            Ok(won)
        }
        async fn spend_many(&self, reqs: &[&OwnedRotation]) -> StoreResult<Option<HashSet<Vec<u8>>>> {
            match &self.many {
                Some(None) => return Ok(None),
                Some(Some(e)) => return Err(e.clone()),
                None => {}
            }
            let mut won = HashSet::new();
            for r in reqs {
                if self.spend_one(r).await? {
                    won.insert(r.hash.clone());
                }
            }
            Ok(Some(won))
        }
        async fn spent_state(&self, hash: &[u8]) -> StoreResult<RotationOutcome> {
            Ok(match self.spent.lock().unwrap().get(hash) {
                Some(&used_at) => RotationOutcome::AlreadyUsed { used_at, successor_sealed: None },
                None => RotationOutcome::NotLive,
            })
        }
    }

    fn rot(h: u8, now: i64) -> OwnedRotation {
        OwnedRotation { hash: vec![h], successor_hash: vec![100 + h], successor_sealed: vec![], now }
    }

    fn fake(many: Option<Option<StoreError>>) -> Fake {
        let f = Fake { many, ..Fake::default() };
        f.live.lock().unwrap().extend([vec![1], vec![2], vec![3]]);
        f
    }

    #[tokio::test]
    async fn a_batch_spends_each_token_once_and_repeats_lose() {
        for many in [None, Some(None)] {
            let rolled_back = many.is_some();
            let s = fake(many);
            let out = rotate_batch(&s, vec![rot(1, 10), rot(2, 11), rot(1, 12), rot(9, 13), rot(3, 14)]).await;
            let out: Vec<RotationOutcome> = out.into_iter().map(Result::unwrap).collect();
            let used = |at| RotationOutcome::AlreadyUsed { used_at: at, successor_sealed: None };
            assert_eq!(
                out,
                [
                    RotationOutcome::Rotated,
                    RotationOutcome::Rotated,
                    used(10),
                    RotationOutcome::NotLive,
                    RotationOutcome::Rotated
                ],
                "rolled back: {rolled_back}"
            );
        }
    }

    #[tokio::test]
    async fn a_failed_batch_fails_every_request_and_spends_nothing() {
        let s = fake(Some(Some(StoreError::Unavailable("down".into()))));
        let out = rotate_batch(&s, vec![rot(1, 10), rot(2, 10)]).await;
        assert!(out.iter().all(|o| matches!(o, Err(StoreError::Unavailable(_)))));
        assert_eq!(s.live.lock().unwrap().len(), 3, "nothing spent");
    }

    #[tokio::test]
    async fn answers_every_caller_with_its_own_result() {
        let b = std::sync::Arc::new(Batcher::start(8, 2, |reqs: Vec<u32>| async move {
            reqs.into_iter().map(|r| Ok(r * 2)).collect()
        }));
        let calls: Vec<_> = (0..50u32)
            .map(|i| {
                let b = b.clone();
                tokio::spawn(async move { (i, b.call(i).await.unwrap()) })
            })
            .collect();
        for c in calls {
            let (i, out) = c.await.unwrap();
            assert_eq!(out, i * 2);
        }
    }
}
