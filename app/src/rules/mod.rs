//! Rules that come from regulations and standards. Each lives in one place, names its source
//! in a comment, and has a test. What the research could not verify is an enterprise policy
//! setting with the default and its basis shown, never a hard-coded fact.

pub mod checklist;
pub mod clearance;
pub mod credit_code;
pub mod gas;
#[cfg(feature = "ssr")]
pub mod hazard;
pub mod offline;
pub mod permit;
pub mod risk_classes;
pub mod risk_grade;
pub mod training;
pub mod training_kinds;
