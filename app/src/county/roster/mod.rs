//! The county's roster (企业名录) in and out: an XLSX or CSV file read into rows (`read`),
//! a dry run that says of every row new / changed / unchanged / error with the field and the
//! reason (`classify`), then one step that applies every valid row or nothing (`service`),
//! idempotent by credit code; and the ledger exported in the same columns (`export`), so a
//! round trip imports unchanged.

#[cfg(feature = "ssr")]
pub mod columns;
#[cfg(feature = "ssr")]
pub mod classify;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod read;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;

use crate::error::{AnyField, Problem};

/// Where a roster file is posted (`http::upload`); the upload page's form names it.
pub const UPLOAD: &str = "/county/enterprises/import";
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One row of a roster file: its line in the file and its cells in `columns::COLUMNS` order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterRow {
    pub line: u32,
    pub cells: Vec<String>,
}

/// What the import does with a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowOutcome {
    New,
    Changed,
    Unchanged,
    Error { field: AnyField, problem: Problem },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowResult {
    pub line: u32,
    pub credit_code: String,
    pub name: String,
    pub outcome: RowOutcome,
}

/// A dry run: every row's outcome, as things stand now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterPreview {
    pub id: Uuid,
    pub file_name: String,
    /// Applied already (the page then only reports).
    pub applied: bool,
    pub rows: Vec<RowResult>,
}

impl RosterPreview {
    /// New, changed, unchanged and refused rows.
    pub fn counts(&self) -> [usize; 4] {
        let mut c = [0; 4];
        for r in &self.rows {
            let i = match r.outcome {
                RowOutcome::New => 0,
                RowOutcome::Changed => 1,
                RowOutcome::Unchanged => 2,
                RowOutcome::Error { .. } => 3,
            };
            c[i] += 1;
        }
        c
    }
}

/// What an applied import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    pub created: usize,
    pub changed: usize,
}

/// The apply form: the first password of the admins the import opens (one for all of them;
/// each changes it at the first sign-in).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApplyForm {
    #[serde(default)]
    pub admin_password: String,
}
