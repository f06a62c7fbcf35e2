//! Photo files without a row are swept (server only). An upload writes its file before its
//! row commits (so a row always has its file); when the step after fails, is refused (the
//! quota, a reused client id) or the server stops in between, the file stays without a row:
//! nothing can address it (a URL carries a row's token), but it takes space. `run` sweeps at
//! start and every hour, deleting only files older than `MIN_AGE` that no row names.

use super::{db, PhotoStore};
use crate::error::AppError;
use sqlx::PgPool;
use std::{
    sync::atomic::{AtomicUsize, Ordering},
    time::Duration,
};
use time::OffsetDateTime;

/// How old a file without a row must be before it goes: far longer than an upload takes from
/// writing its file to committing its row (seconds; the decode queue is waited out before the
/// file is written), so an upload in flight is never swept.
pub const MIN_AGE: time::Duration = time::Duration::minutes(30);
/// How often the sweep runs after the first, at start.
pub const EVERY: Duration = Duration::from_secs(3600);
/// Keys looked up in the database at a time.
const BATCH: usize = 1000;

/// Deletes the files under `photos/` older than `MIN_AGE` at `now` that no row of `photos`
/// names; how many.
pub async fn sweep(
    pool: &PgPool,
    store: &PhotoStore,
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    let cutoff = (now - MIN_AGE).unix_timestamp();
    let swept = AtomicUsize::new(0);
    let counted = &swept;
    store
        .list_in_batches("photos", BATCH, move |files| async move {
            let old: Vec<String> = files
                .into_iter()
                .filter(|f| f.written_at < cutoff)
                .map(|f| f.key)
                .collect();
            if old.is_empty() {
                return Ok(());
            }
            let known: std::collections::HashSet<String> =
                db::known_keys(pool, &old).await?.into_iter().collect();
            let orphans: Vec<String> = old.into_iter().filter(|k| !known.contains(k)).collect();
            if !orphans.is_empty() {
                tracing::info!(files = orphans.len(), "photo files without a row deleted");
                counted.fetch_add(orphans.len(), Ordering::Relaxed);
                store.delete(orphans).await?;
            }
            Ok(())
        })
        .await?;
    Ok(swept.into_inner())
}

/// Sweeps at start, then every `EVERY`, for as long as the server runs (spawned by it).
pub async fn run(pool: PgPool, store: PhotoStore) {
    let mut every = tokio::time::interval(EVERY);
    loop {
        every.tick().await;
        if let Err(err) = sweep(&pool, &store, OffsetDateTime::now_utc()).await {
            tracing::warn!(error = %err, "photo sweep failed; next in an hour");
        }
    }
}
