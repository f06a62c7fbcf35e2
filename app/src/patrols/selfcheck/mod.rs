//! The 25-item self-check (25项执法检查重点事项自查, research §C3), issue 8 parts 6 and 7:
//!
//! - the progress of an enterprise's items: 未自查 / 符合 / 不符合-整改中 / 已销号, from each
//!   item's latest answer (matched across checklist versions by `checklist_items.item_key`)
//!   and the hazard that answer raised (`model::item_state`);
//! - the printable 专项自查报告 with the 主要负责人's signature block (research §A5, seed item 3);
//! - the regulator's enterprise × item matrix (逐企逐项销号) with each enterprise's patrol
//!   completion rate over a period (`completion`, on the board's round functions).
//!
//! `model`: what pages show and the rules; `db`, `service`, `completion` (server); `api`: the
//! server functions; `pages`: the three pages.

mod api;
#[cfg(feature = "ssr")]
pub mod completion;
#[cfg(feature = "ssr")]
pub mod db;
mod model;
mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use api::*;
pub use model::*;
pub use pages::{MatrixPage, ProgressPage, ReportPage};
