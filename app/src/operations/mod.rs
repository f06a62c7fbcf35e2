//! Confined-space operations (有限空间作业): the permit (作业审批), ventilation, gas tests,
//! the attendant (监护人) and the entry log. The order 先通风、再检测、后作业 and every
//! refusal are enforced here, on the server.

mod api;
#[cfg(feature = "ssr")]
pub mod export;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use api::*;
pub use model::*;
