//! The question bank (with the starter questions), the quiz a session draws, and grading on
//! the server.
//!
//! - `starter`: the starter bank (有限空间专题, 三级教育), installed by stable keys;
//! - `model`: the bank's rows and form, the quiz view and the answers form;
//! - `grade` (server): grading as a pure function;
//! - `db`, `service` (server): the SQL and the steps; `api`: the server functions;
//! - `pages`: the bank page (`/training/questions`) and the quiz page
//!   (`/training/quiz/<session id>`).

mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod grade;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod starter;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use api::*;
pub use model::*;
