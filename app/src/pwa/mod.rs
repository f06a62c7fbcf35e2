//! Installable and offline (issue 10, notes/offline-design.md §1 and §4): the service worker
//! `/sw.js` (public/sw.js, filled in by `http`), the page script `/offline.js`, the header's
//! badge of records waiting on the phone (`OutboxBadge`) and the `/outbox` page that lists
//! them. What the server does with a replayed record is the `offline` feature's.

pub mod assets;
#[cfg(feature = "ssr")]
pub mod http;
mod pages;

pub use pages::{OutboxBadge, OutboxPage};
