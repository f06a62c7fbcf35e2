//! Photos (照片) for hazards and patrol records: taken with the phone's camera, checked and
//! re-encoded on the server, kept in an object store, served only to whoever may read the
//! hazard or patrol record it belongs to (`service::open`; before it is linked, to its
//! uploader), kept by the browser for five minutes (`http::CACHE_CONTROL`).
//!
//! How another feature uses it:
//! - its form renders `<PhotoInput name="photo"/>` inside a form with
//!   `enctype="multipart/form-data"` (works without JavaScript; with it the photo is shrunk on
//!   the phone first, public/photo-shrink.js);
//! - its plain axum handler reads the post with `http::read_multipart` (within its
//!   `http::FormLimits`, checked as the body streams) and calls
//!   `photos::store(&state, &actor, client_id, &bytes)` before its own step, keeping the
//!   returned `Photo::id` in its rows; an `AppError::Busy` it answers with
//!   `http::busy_answer` (503, which the outbox resends), never a redirect;
//! - its reads say who may see its photos (`hazards::reads::photo_visible`,
//!   `patrols::records::photo_visible`, asked by `service::open`);
//! - pages show `<img src=photo.url>` (`/photos/<token>`).
//!
//! What an upload may cost: `process` (the header read first: 50 megapixels at most), `gate`
//! (one decode per core and per person, busy after 10 s), `quota` (the enterprise's storage,
//! its admin's setting), `sweep` (files an upload left without a row, hourly).
//!
//! A page with JavaScript may also send a photo ahead on its own through
//! `POST /api/v1/photos/upload` (multipart: `client_id`, `photo`), which answers the `Photo`
//! as JSON.

mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod gate;
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(all(test, feature = "ssr"))]
mod http_tests;
#[cfg(all(test, feature = "ssr"))]
mod limits_tests;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod process;
#[cfg(feature = "ssr")]
pub mod quota;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
mod state;
#[cfg(feature = "ssr")]
pub mod storage;
#[cfg(feature = "ssr")]
pub mod sweep;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod tests;

pub use api::*;
pub use model::*;
pub use pages::{PhotoInput, QuotaSection};
#[cfg(feature = "ssr")]
pub use service::store;
#[cfg(feature = "ssr")]
pub use state::PhotoState;
#[cfg(feature = "ssr")]
pub use storage::PhotoStore;

mod actions;
mod fields;
pub use actions::PhotoAction;
pub use fields::PhotoField;

/// The words photos lends the kernel (`crate::words`).
pub const WORDS: crate::words::Words = crate::words::Words::of("photos")
    .actions::<PhotoAction>()
    .fields::<PhotoField>();
