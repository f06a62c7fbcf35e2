//! county's pages: the tree, the ledger and an enterprise's entry.

mod entry;
mod labels;
mod ledger;
mod roster;
mod tree;

pub use entry::{EnterprisePage, NewEnterprisePage};
pub use labels::{grade_label, industry_label, level_label, risk_label};
pub use ledger::LedgerPage;
pub use roster::{ImportPage, PreviewPage};
pub use tree::TreePage;
