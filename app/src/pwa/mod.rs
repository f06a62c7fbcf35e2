//! Installable and offline (issue 10, docs/offline-design.md §1 and §4): the service worker
//! `/sw.js` (public/sw.js, filled in by `http`), the page script `/offline.js`, the header's
//! badge of records waiting on the phone (`OutboxBadge`) and the `/outbox` page that lists
//! them; how long phones keep pages (`policy`, the enterprise's setting: `keep` serves it to
//! the worker, `policy_page` is the admin's form). What the server does with a replayed record
//! is the `offline` feature's.

mod api;
pub mod assets;
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod keep;
mod pages;
pub mod policy;
#[cfg(feature = "ssr")]
mod policy_db;
mod policy_page;

pub use api::*;
pub use pages::{OthersWaiting, OutboxBadge, OutboxPage};
pub use policy_page::KeepPolicySection;

mod fields;
pub use fields::PwaField;

/// The words pwa lends the kernel (`crate::words`).
pub const WORDS: crate::words::Words = crate::words::Words::of("pwa").fields::<PwaField>();
