//! Argon2id password hashes (password-auth's defaults), computed off the async threads and
//! at most one per core at a time: each holds about 19 MiB, and an unbounded flood of logins
//! took the server from 0.9 GB to 11.8 GB and starved every other request. Callers beyond
//! the cap wait their turn holding nothing but their request.

use crate::error::AppError;
use std::sync::OnceLock;
use tokio::sync::Semaphore;

fn hashing_slots() -> &'static Semaphore {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Semaphore::new(cores)
    })
}

/// Runs one hashing job in a slot on the blocking pool.
async fn in_slot<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _slot = hashing_slots()
        .acquire()
        .await
        .map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(job).await.map_err(|err| {
        tracing::error!(error = %err, "hashing task failed");
        AppError::Internal
    })
}

pub async fn hash(password: String) -> Result<String, AppError> {
    in_slot(move || password_auth::generate_hash(password)).await
}

/// Hashes many passwords on one blocking thread (CSV imports).
pub async fn hash_all(passwords: Vec<String>) -> Result<Vec<String>, AppError> {
    in_slot(move || {
        passwords
            .into_iter()
            .map(password_auth::generate_hash)
            .collect()
    })
    .await
}

pub async fn verify(password: String, hash: String) -> Result<bool, AppError> {
    in_slot(move || password_auth::verify_password(password, &hash).is_ok()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let h = hash("correct horse".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify("correct horse".into(), h.clone()).await.unwrap());
        assert!(!verify("wrong horse".into(), h).await.unwrap());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_hashes_run_at_once_than_there_are_cores() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        use std::sync::Arc;
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let (now, peak) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let jobs = (0..cores * 4).map(|_| {
            let (now, peak) = (now.clone(), peak.clone());
            tokio::spawn(in_slot(move || {
                let running = now.fetch_add(1, SeqCst) + 1;
                peak.fetch_max(running, SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(20));
                now.fetch_sub(1, SeqCst);
            }))
        });
        for job in jobs.collect::<Vec<_>>() {
            job.await.unwrap().unwrap();
        }
        let peak = peak.load(SeqCst);
        assert!(peak >= 1 && peak <= cores, "peak {peak}, cores {cores}");
    }
}
