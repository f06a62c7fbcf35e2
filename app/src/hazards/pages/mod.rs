//! Hazard pages: the ledger (隐患台账) with filters and counts, the 随手拍 report form, and a
//! hazard's page with its fields, photos, trail and the forms of the moves the viewer may make
//! now. Every form is a plain HTML post (no JavaScript needed); those with a photo are
//! multipart.

mod detail;
mod labels;
mod ledger;
mod photos;
mod report;

pub use detail::HazardPage;
pub use photos::stage_label;
pub use labels::{
    category_label, category_text, grade_label, grade_text, source_label, source_text, state_label,
    state_text,
};
pub use ledger::LedgerPage;
pub use report::ReportPage;
