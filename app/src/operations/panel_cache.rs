//! The scan page's open operation, kept in memory between scans.
//!
//! Reading an open operation with its people, latest gas test and trail is the scan page's
//! dearest query (bench/RESULTS.md (e)). A space's QR is scanned far more often than its
//! operation changes, so each server process keeps the last read of every open operation with
//! the `version` it was read at. The scan page's first query (the token and the space,
//! `spaces::db::landing`) also reads the open operation's current version; only when that
//! differs from the kept one is the operation read again. Triggers move the version
//! (`operation_versions`) in the same transaction as every change to what the read holds
//! (migration 20261207000000), so a kept read is served only while it is exactly what the
//! database holds: never late, whichever process or tool made the change.

use super::db::reads::{self, OpenRow};
use dashmap::{mapref::entry::Entry, DashMap};
use sqlx::PgConnection;
use std::sync::{Arc, LazyLock};
use uuid::Uuid;

/// An open operation and its version, as the scan page's first query found them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenOperation {
    pub id: Uuid,
    pub version: i64,
}

/// At most this many operations are kept per process (a few kilobytes each); when full, the
/// store is emptied and refilled by the next scans.
pub const MAX_ENTRIES: usize = 4096;

/// Reads kept by operation id, each with its enterprise and version.
#[cfg_attr(test, allow(clippy::len_without_is_empty))]
pub struct Versioned<T> {
    kept: DashMap<Uuid, Kept<T>>,
    max_entries: usize,
}

struct Kept<T> {
    enterprise_id: Uuid,
    version: i64,
    value: Arc<T>,
}

impl<T> Versioned<T> {
    pub fn new(max_entries: usize) -> Self {
        Self {
            kept: DashMap::new(),
            max_entries,
        }
    }

    /// The kept read of `open`, if it was read at exactly that version for this enterprise.
    pub fn get(&self, enterprise_id: Uuid, open: OpenOperation) -> Option<Arc<T>> {
        self.kept
            .get(&open.id)
            .filter(|k| k.enterprise_id == enterprise_id && k.version == open.version)
            .map(|k| k.value.clone())
    }

    /// Keeps a read made at `version`, unless a later one is already kept (two scans may read
    /// at once, and the slower one may hold the older read).
    pub fn put(&self, enterprise_id: Uuid, id: Uuid, version: i64, value: Arc<T>) {
        if self.kept.len() >= self.max_entries && !self.kept.contains_key(&id) {
            self.kept.clear();
        }
        let kept = Kept {
            enterprise_id,
            version,
            value,
        };
        match self.kept.entry(id) {
            Entry::Occupied(mut old) if old.get().version < version => {
                old.insert(kept);
            }
            Entry::Occupied(_) => {}
            Entry::Vacant(new) => {
                new.insert(kept);
            }
        }
    }

    /// How many reads are kept (tests).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.kept.len()
    }
}

static OPEN_ROWS: LazyLock<Versioned<OpenRow>> = LazyLock::new(|| Versioned::new(MAX_ENTRIES));

/// The open operation `open` at `space_id`: the kept read when its version is current, else
/// a new read (kept for the next scan). `None` when it was closed since the first query.
pub async fn open_at_space(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    space_id: Uuid,
    open: OpenOperation,
) -> Result<Option<Arc<OpenRow>>, sqlx::Error> {
    if let Some(row) = OPEN_ROWS.get(enterprise_id, open) {
        return Ok(Some(row));
    }
    let Some(row) = reads::open_operation_at_space(&mut *conn, enterprise_id, space_id).await?
    else {
        return Ok(None);
    };
    let row = Arc::new(row);
    OPEN_ROWS.put(enterprise_id, row.id, row.version, row.clone());
    Ok(Some(row))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(id: Uuid, version: i64) -> OpenOperation {
        OpenOperation { id, version }
    }

    #[test]
    fn a_kept_read_is_served_only_at_its_own_version_and_enterprise() {
        let cache = Versioned::new(8);
        let (enterprise, other, op) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        cache.put(enterprise, op, 3, Arc::new("at 3"));
        assert_eq!(cache.get(enterprise, open(op, 3)).as_deref(), Some(&"at 3"));
        assert!(cache.get(enterprise, open(op, 4)).is_none(), "moved on");
        assert!(cache.get(enterprise, open(op, 2)).is_none());
        assert!(
            cache.get(other, open(op, 3)).is_none(),
            "another enterprise"
        );
        assert!(cache.get(enterprise, open(Uuid::now_v7(), 3)).is_none());
    }

    #[test]
    fn an_older_read_never_replaces_a_newer_one() {
        let cache = Versioned::new(8);
        let (enterprise, op) = (Uuid::now_v7(), Uuid::now_v7());
        cache.put(enterprise, op, 5, Arc::new("at 5"));
        cache.put(enterprise, op, 4, Arc::new("at 4"));
        assert_eq!(cache.get(enterprise, open(op, 5)).as_deref(), Some(&"at 5"));
        assert!(cache.get(enterprise, open(op, 4)).is_none());
        cache.put(enterprise, op, 6, Arc::new("at 6"));
        assert_eq!(cache.get(enterprise, open(op, 6)).as_deref(), Some(&"at 6"));
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn a_full_store_is_emptied_before_it_grows() {
        let cache = Versioned::new(3);
        let enterprise = Uuid::now_v7();
        let ops: Vec<Uuid> = (0..4).map(|_| Uuid::now_v7()).collect();
        for op in &ops[..3] {
            cache.put(enterprise, *op, 1, Arc::new(()));
        }
        assert_eq!(cache.len(), 3);
        // A newer read of a kept operation takes its place without emptying anything.
        cache.put(enterprise, ops[0], 2, Arc::new(()));
        assert_eq!(cache.len(), 3);
        cache.put(enterprise, ops[3], 1, Arc::new(()));
        assert_eq!(cache.len(), 1);
        assert!(cache.get(enterprise, open(ops[3], 1)).is_some());
        assert!(cache.get(enterprise, open(ops[1], 1)).is_none());
    }
}
