//! Cleared for work (未经培训合格不得上岗): who may work and why not, moves (转岗, 复岗),
//! certificates, the training file, the 三级教育卡 and the dashboards.
//!
//! - `rules::clearance` (pure) decides from one person's facts; `service` loads the facts of
//!   one person, a permit's crew or a whole jurisdiction in a few queries (`db`) and asks it;
//! - `service::refuse_not_cleared` is the permit gate operations calls;
//! - `pages`: `/training/people` (coverage), `/training/people/<id>` and `/training/file`
//!   (the 培训档案 with the 三级教育卡), `/training/regulator`, the home card and the policy
//!   form on `/admin/enterprise`; `labels`: the sentences of reasons and categories.

mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod labels;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use api::*;
pub use model::*;
