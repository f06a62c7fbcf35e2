//! Resolved sessions kept in memory for a few seconds, so that a signed-in page does not ask
//! PostgreSQL who is signed in on every request: one query and one round trip fewer per page
//! (bench/RESULTS.md (e)). Only the session middleware reads through it
//! (`session::resolve_cached`); everything else asks the database.
//!
//! Nothing is served late by this process: ending a session (logout, another device signed
//! out, deactivation, password reset or change) forgets it here at once. The database also
//! announces every deleted session and every changed user (trigger `session_change_notify`,
//! migration 20261206000000) to every server process, which forget them when told, after the
//! change is committed; when the listening connection breaks and announcements may have been
//! missed, everything is forgotten. `KEEP_FOR` bounds the rest: an enterprise renamed, a
//! session past its end by at most that much.

use super::session::Resolved;
use dashmap::DashMap;
use std::{
    sync::{
        atomic::{AtomicU64, Ordering},
        LazyLock,
    },
    time::{Duration, Instant},
};
use uuid::Uuid;

/// How long a resolved session is served from memory.
pub const KEEP_FOR: Duration = Duration::from_secs(30);
/// More live sessions than this and the stale ones are dropped before adding one (and
/// everything, when none is stale: a flood of fresh sessions only costs queries).
const MAX_ENTRIES: usize = 100_000;
/// The channel of `session_change_notify`: `s<hex of token_hash>` or `u<user id>`.
pub const CHANNEL: &str = "anxun_session_change";

/// The key: the SHA-256 of the session token, as the sessions table keeps it.
pub type TokenHash = [u8; 32];

struct Entry {
    resolved: Resolved,
    at: Instant,
}

/// The sessions one server process has resolved lately.
#[cfg_attr(test, allow(clippy::len_without_is_empty))]
pub struct SessionCache {
    entries: DashMap<TokenHash, Entry>,
    keep_for: Duration,
    /// When something was last forgotten, in nanoseconds after `epoch` (0: never). A
    /// resolution that started before it may have read what was just changed, so `put` drops
    /// it (coarse: it may drop a good one too, which only costs the next request a query).
    forgot_at: AtomicU64,
    epoch: Instant,
}

/// This process's cache.
pub static SESSIONS: LazyLock<SessionCache> = LazyLock::new(|| SessionCache::new(KEEP_FOR));

impl SessionCache {
    pub fn new(keep_for: Duration) -> SessionCache {
        SessionCache {
            entries: DashMap::new(),
            keep_for,
            forgot_at: AtomicU64::new(0),
            epoch: Instant::now(),
        }
    }

    /// The session behind `hash` if it was resolved less than `keep_for` ago.
    pub fn get(&self, hash: &TokenHash) -> Option<Resolved> {
        let entry = self.entries.get(hash)?;
        if entry.at.elapsed() < self.keep_for {
            return Some(entry.resolved.clone());
        }
        drop(entry);
        // Only if still stale: a fresh one may have been put meanwhile.
        self.entries
            .remove_if(hash, |_, e| e.at.elapsed() >= self.keep_for);
        None
    }

    /// Keeps a session the database just resolved. `asked_at` is when the query was sent:
    /// a session forgotten since then (it ended meanwhile) is not kept.
    pub fn put(&self, hash: TokenHash, resolved: Resolved, asked_at: Instant) {
        if self.entries.len() >= MAX_ENTRIES {
            self.entries.retain(|_, e| e.at.elapsed() < self.keep_for);
            if self.entries.len() >= MAX_ENTRIES {
                self.entries.clear();
            }
        }
        let forgot_at = self.forgot_at.load(Ordering::SeqCst);
        if forgot_at != 0 && self.epoch + Duration::from_nanos(forgot_at) >= asked_at {
            return;
        }
        self.entries.insert(
            hash,
            Entry {
                resolved,
                at: asked_at,
            },
        );
    }

    pub fn forget_session(&self, hash: &TokenHash) {
        self.entries.remove(hash);
        self.forgotten_now();
    }

    /// Every session of a user: they were signed out, or their account changed.
    pub fn forget_user(&self, user_id: Uuid) {
        self.entries.retain(|_, e| e.resolved.user.id != user_id);
        self.forgotten_now();
    }

    pub fn forget_all(&self) {
        self.entries.clear();
        self.forgotten_now();
    }

    /// Applies one announcement of `session_change_notify`.
    pub fn apply(&self, payload: &str) {
        let forgot = match payload.split_at_checked(1) {
            Some(("s", hash)) => parse_hash(hash).map(|h| self.forget_session(&h)),
            Some(("u", id)) => Uuid::parse_str(id).ok().map(|id| self.forget_user(id)),
            _ => None,
        };
        if forgot.is_none() {
            tracing::warn!(
                payload,
                "unreadable session change: forgetting every session"
            );
            self.forget_all();
        }
    }

    fn forgotten_now(&self) {
        let nanos = self.epoch.elapsed().as_nanos().max(1) as u64;
        self.forgot_at.fetch_max(nanos, Ordering::SeqCst);
    }

    /// How many sessions are kept (tests).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

fn parse_hash(text: &str) -> Option<TokenHash> {
    let mut hash = [0u8; 32];
    hex::decode_to_slice(text, &mut hash).ok()?;
    Some(hash)
}

/// Listens to `session_change_notify` for as long as the server runs (spawned by the server).
/// A broken connection is opened again, and everything kept is forgotten, since
/// announcements sent meanwhile are lost.
pub async fn listen(pool: sqlx::PgPool) {
    use sqlx::postgres::{PgListener, PgPoolOptions};
    // Its own connection, with the app's options: a listener holds the connection it takes
    // for good, and one of the app pool's few would be one fewer for every page.
    let own = PgPoolOptions::new()
        .max_connections(1)
        .max_lifetime(None)
        .idle_timeout(None)
        .connect_lazy_with((*pool.connect_options()).clone());
    drop(pool);
    loop {
        let mut listener = match PgListener::connect_with(&own).await {
            Ok(listener) => listener,
            Err(err) => {
                tracing::warn!(error = %err, "session announcements: cannot connect, retrying");
                SESSIONS.forget_all();
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if let Err(err) = listener.listen(CHANNEL).await {
            tracing::warn!(error = %err, "session announcements: cannot listen, retrying");
            tokio::time::sleep(Duration::from_secs(1)).await;
            continue;
        }
        // Whatever was kept before listening may have missed an announcement.
        SESSIONS.forget_all();
        loop {
            match listener.try_recv().await {
                Ok(Some(note)) => SESSIONS.apply(note.payload()),
                // The connection was lost (the next call opens it again).
                Ok(None) => SESSIONS.forget_all(),
                Err(err) => {
                    tracing::warn!(error = %err, "session announcements: connection lost");
                    SESSIONS.forget_all();
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{Role, SessionUser};

    fn resolved(user_id: Uuid) -> Resolved {
        Resolved {
            user: SessionUser {
                id: user_id,
                name: "王工".into(),
                role: Role::Worker,
                enterprise_id: Some(Uuid::now_v7()),
                jurisdiction_id: None,
                org_name: "示范厂".into(),
            },
            must_change_password: false,
        }
    }

    #[test]
    fn a_session_is_served_until_it_is_older_than_keep_for() {
        let cache = SessionCache::new(Duration::from_secs(60));
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        cache.put([1; 32], resolved(a), Instant::now());
        assert_eq!(cache.get(&[1; 32]).map(|r| r.user.id), Some(a));
        assert_eq!(cache.get(&[2; 32]), None);
        // Resolved longer ago than it may be kept: asked the database again.
        let old = Instant::now() - Duration::from_secs(61);
        cache.put([2; 32], resolved(b), old);
        assert_eq!(cache.get(&[2; 32]), None);
        assert_eq!(cache.len(), 1, "the stale entry is dropped when found");
    }

    #[test]
    fn forgetting_a_user_forgets_each_of_their_sessions_and_no_one_elses() {
        let cache = SessionCache::new(Duration::from_secs(60));
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let asked = Instant::now();
        cache.put([1; 32], resolved(a), asked);
        cache.put([2; 32], resolved(a), asked);
        cache.put([3; 32], resolved(b), asked);
        cache.forget_user(a);
        assert_eq!(cache.get(&[1; 32]), None);
        assert_eq!(cache.get(&[2; 32]), None);
        assert_eq!(cache.get(&[3; 32]).map(|r| r.user.id), Some(b));
        cache.forget_session(&[3; 32]);
        assert_eq!(cache.get(&[3; 32]), None);
    }

    #[test]
    fn a_resolution_that_started_before_a_forget_is_not_kept() {
        let cache = SessionCache::new(Duration::from_secs(60));
        let asked = Instant::now();
        // The session's user changed while the database was being asked.
        cache.forget_user(Uuid::now_v7());
        cache.put([1; 32], resolved(Uuid::now_v7()), asked);
        assert_eq!(cache.get(&[1; 32]), None);
        // Asked afterwards: kept.
        cache.put([1; 32], resolved(Uuid::now_v7()), Instant::now());
        assert!(cache.get(&[1; 32]).is_some());
    }

    #[test]
    fn announcements_forget_what_they_name_and_unreadable_ones_forget_everything() {
        let cache = SessionCache::new(Duration::from_secs(60));
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let put_all = || {
            let asked = Instant::now();
            cache.put([1; 32], resolved(a), asked);
            cache.put([2; 32], resolved(b), asked);
        };
        put_all();
        cache.apply(&format!("s{}", hex::encode([1; 32])));
        assert_eq!((cache.get(&[1; 32]).is_some(), cache.len()), (false, 1));
        put_all();
        cache.apply(&format!("u{b}"));
        assert_eq!((cache.get(&[2; 32]).is_some(), cache.len()), (false, 1));
        for garbage in ["", "x", "s12", "uno", &format!("s{}zz", "0".repeat(62))] {
            put_all();
            cache.apply(garbage);
            assert_eq!(cache.len(), 0, "{garbage:?}");
        }
    }
}
