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

/// A password for someone else to hand over (a new operator, an enterprise's first admin, a
/// regulator): 12 characters from a set without look-alikes (no 0/o, 1/l/i), about 59 bits,
/// to be changed at the first login.
pub fn one_time_password() -> Result<String, AppError> {
    const SET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(|err| {
        tracing::error!(error = %err, "no randomness for a password");
        AppError::Internal
    })?;
    // 256 is not a multiple of 31: the first 8 symbols come a little more often (9 vs 8
    // bytes each), which costs well under a bit of the 59.
    Ok(bytes
        .iter()
        .map(|b| SET[*b as usize % SET.len()] as char)
        .collect())
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
