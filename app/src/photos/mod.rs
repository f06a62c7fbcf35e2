//! Photos (照片) for hazards and patrol records: taken with the phone's camera, checked and
//! re-encoded on the server, kept in an object store, served only to whoever may read the
//! hazard or patrol record it belongs to (`service::open`; before it is linked, to its
//! uploader), kept by the browser for five minutes (`http::CACHE_CONTROL`).
//!
//! How another feature uses it:
//! - its form renders `<PhotoInput name="photo"/>` inside a form with
//!   `enctype="multipart/form-data"` (works without JavaScript; with it the photo is shrunk on
//!   the phone first, public/photo-shrink.js);
//! - its plain axum handler reads the post with `http::read_multipart` and calls
//!   `photos::store(&state, &actor, client_id, &bytes)` before its own step, keeping the
//!   returned `Photo::id` in its rows;
//! - pages show `<img src=photo.url>` (`/photos/<token>`).
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
pub use storage::PhotoStore;
