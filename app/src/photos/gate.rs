//! Who may decode a photo now (server only). Decoding is the one step of an upload that costs
//! the server far more than the sender: a 71 KB PNG can claim 25 megapixels and hold a core for
//! seconds. So at most one decode per core runs at once, each person has at most one of them
//! (one account sending many files waits for itself, not the others), and whoever waits longer
//! than `QUEUE_WAIT` is answered `AppError::Busy` (503: "busy, try again", which the offline
//! outbox keeps and resends).

use crate::error::AppError;
use std::{
    collections::HashMap,
    sync::{Arc, LazyLock, Mutex},
    time::Duration,
};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use uuid::Uuid;

/// How long an upload waits for its turn before the answer is "busy, try again". A phone
/// photo decodes in well under a second on one core, so a queue this long means the server is
/// flooded; the phone (or its outbox) sends again later instead of holding a connection.
pub const QUEUE_WAIT: Duration = Duration::from_secs(10);

/// The gate every upload passes (`process::normalize_off_thread`): one decode per core.
pub static DECODE_GATE: LazyLock<DecodeGate> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    DecodeGate::new(cores, QUEUE_WAIT)
});

/// The decoders in use, in all and per person.
#[derive(Debug)]
pub struct DecodeGate {
    all: Arc<Semaphore>,
    people: Mutex<HashMap<Uuid, Arc<Semaphore>>>,
    wait: Duration,
}

/// A turn to decode: while it lives, its person and one decoder are taken.
#[derive(Debug)]
pub struct DecodeTurn {
    _person: OwnedSemaphorePermit,
    _decoder: OwnedSemaphorePermit,
}

impl DecodeGate {
    pub fn new(decoders: usize, wait: Duration) -> Self {
        DecodeGate {
            all: Arc::new(Semaphore::new(decoders.max(1))),
            people: Mutex::new(HashMap::new()),
            wait,
        }
    }

    /// `person`'s turn, once their previous decode is done and a decoder is free; `Busy`
    /// after waiting `wait` (nothing is taken then).
    pub async fn enter(&self, person: Uuid) -> Result<DecodeTurn, AppError> {
        let mine = self.person(person)?;
        let all = self.all.clone();
        // The person's own turn first: their second file waits without taking a decoder.
        let turn = async move {
            let person = mine.acquire_owned().await.ok()?;
            let decoder = all.acquire_owned().await.ok()?;
            Some(DecodeTurn {
                _person: person,
                _decoder: decoder,
            })
        };
        match tokio::time::timeout(self.wait, turn).await {
            Ok(Some(turn)) => Ok(turn),
            Ok(None) => Err(AppError::Internal),
            Err(_) => {
                tracing::warn!(%person, "photo decoding busy: upload refused, to be retried");
                Err(AppError::Busy)
            }
        }
    }
}

impl DecodeGate {
    /// `person`'s own semaphore (one turn at a time).
    fn person(&self, person: Uuid) -> Result<Arc<Semaphore>, AppError> {
        let mut people = self.people.lock().map_err(|_| AppError::Internal)?;
        // People nobody holds or waits for any more (only the map has their semaphore).
        people.retain(|_, s| Arc::strong_count(s) > 1);
        Ok(people
            .entry(person)
            .or_insert_with(|| Arc::new(Semaphore::new(1)))
            .clone())
    }

    /// Takes `person`'s turn without a decoder: a test's stand-in for their decode in flight
    /// that leaves the decoders to the tests running beside it.
    #[cfg(test)]
    pub async fn hold_person(&self, person: Uuid) -> OwnedSemaphorePermit {
        let mine = self.person(person).unwrap();
        mine.acquire_owned().await.unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WAIT: Duration = Duration::from_millis(50);

    #[tokio::test]
    async fn one_decode_per_person_and_busy_after_the_wait() {
        let gate = DecodeGate::new(2, WAIT);
        let (alice, bob, carol) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let first = gate.enter(alice).await.unwrap();
        // Alice's second file waits for her first: busy, though a decoder is free.
        assert_eq!(gate.enter(alice).await.err(), Some(AppError::Busy));
        // Bob is not held up by Alice's queue.
        let bobs = gate.enter(bob).await.unwrap();
        // Both decoders taken: Carol waits, then is told to try again.
        assert_eq!(gate.enter(carol).await.err(), Some(AppError::Busy));
        drop(first);
        let again = gate.enter(alice).await.unwrap();
        drop((again, bobs));
        assert!(gate.enter(carol).await.is_ok());
    }

    #[tokio::test]
    async fn a_waiting_person_gets_the_turn_when_it_frees_in_time() {
        let gate = Arc::new(DecodeGate::new(1, Duration::from_secs(5)));
        let alice = Uuid::now_v7();
        let first = gate.enter(alice).await.unwrap();
        let waiting = tokio::spawn({
            let gate = gate.clone();
            async move { gate.enter(alice).await.map(drop) }
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        drop(first);
        assert_eq!(waiting.await.unwrap(), Ok(()));
        // Nobody holds or waits: the map forgets people.
        let _ = gate.enter(Uuid::now_v7()).await.unwrap();
        assert_eq!(gate.people.lock().unwrap().len(), 1);
    }
}
