//! Sign-in by rotating QR (签到 / 签退): the code (HMAC of the time step), the projector page
//! and the worker's scan.
//!
//! - `code` (server): the code of a step, which codes are accepted, and the ticket a good scan
//!   earns (the design, domains and lifetimes are described there);
//! - `service` (server): a scan's arrival, the sign-in page, the two audited steps
//!   (`training.sign_in`, `training.sign_out`) and the projector's figures; `db`: their SQL;
//! - `http` (server): `GET /t/<token>/<code>[/out]` (the scan, no login needed) and
//!   `GET /training/sessions/<id>/qr[?mode=out]` (the projector, plain self-refreshing HTML);
//! - `api`: the server functions; `pages`: `/training/signin/<token>?ticket=…`.

mod api;
#[cfg(feature = "ssr")]
pub mod code;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod http;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use api::*;
pub use model::*;
