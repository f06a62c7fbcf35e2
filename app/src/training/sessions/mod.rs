//! Training sessions: create, copy, upcoming and past lists, the roster (ticks by the trainer,
//! hours overrides, scores) and the sign-in sheet (print and XLSX).
//!
//! - `model`: the forms with their `validate()` and what the pages show;
//! - `service` (server): create, cancel, the lists, the session page; `roster` (server): the
//!   trainer's ticks, sign-outs, hours overrides and scores; `review` (server): accepting or
//!   rejecting offline sign-ins; `back_entry` (server): 补录 and its confirmation by a second
//!   person; `db`: their SQL;
//! - `export` (server): the sign-in sheet's XLSX and the enterprise's training records;
//! - `pages`: `/training`, the new-session form, the session page and the print sheet.

mod api;
#[cfg(feature = "ssr")]
pub mod back_entry;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod export;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod review;
#[cfg(feature = "ssr")]
pub mod roster;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use api::*;
pub use model::*;
