//! Confined spaces (有限空间): the ledger, its posted QR checkpoints and the scan page.
//! Permits, gas tests and the entry log build on this (issue 3, next steps).

mod api;
#[cfg(feature = "ssr")]
pub mod db;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use api::*;
pub use model::*;
