//! What operation pages show: the read models shared by the browser and the server.

use crate::rules::gas::Judged;
pub use crate::{audit::TrailEntry, users::PersonOption};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::text_enum! {
    pub enum OperationStatus {
        Requested = "requested",
        Approved = "approved",
        Rejected = "rejected",
        Closed = "closed",
    }
}

crate::text_enum! {
    /// Sampling height (test at upper, middle and lower levels, from outside the space).
    pub enum SamplePoint {
        Upper = "upper",
        Middle = "middle",
        Lower = "lower",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgedPoint {
    pub point: SamplePoint,
    pub judged: Judged,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GasTestSummary {
    pub passed: bool,
    pub tested_at: String,
    pub age_minutes: i64,
    /// `tested_at` as RFC 3339: a page kept on the phone computes the age from it.
    pub tested_iso: String,
    pub fresh: bool,
    pub readings: Vec<JudgedPoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inside {
    pub user_id: Uuid,
    pub name: String,
    pub since: String,
    pub minutes: i64,
    /// `since` as RFC 3339: a page kept on the phone computes the time inside from it.
    pub since_iso: String,
}

/// An operation as the scan page and the board show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperationView {
    pub id: Uuid,
    pub space_id: Uuid,
    pub space_code: String,
    pub space_name: String,
    pub status: OperationStatus,
    pub work_content: String,
    pub planned_end: String,
    pub overdue: bool,
    pub attendant: String,
    pub attendant_present: bool,
    pub inside: Vec<Inside>,
    pub last_test: Option<GasTestSummary>,
    pub retest_due: bool,
    pub evacuating: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entrant {
    pub user_id: Uuid,
    pub name: String,
    pub briefed: bool,
}

/// The open operation at a space and what the signed-in user may do in it now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperationDetail {
    pub view: OperationView,
    pub entrants: Vec<Entrant>,
    pub ventilated: bool,
    pub can_decide: bool,
    /// May record ventilation and gas tests (`permit::tester_refusal`).
    pub can_test: bool,
    /// An officer, who can hand the attendant's duty over or close in their place.
    pub can_take_over: bool,
    pub i_am_attendant: bool,
    pub i_am_entrant: bool,
    pub i_am_inside: bool,
    pub me: Uuid,
    /// The operation's audit trail, oldest first.
    pub trail: Vec<TrailEntry>,
}

/// One operation in the history (per space, per worker, or all).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub id: Uuid,
    pub space_code: String,
    pub space_name: String,
    pub status: OperationStatus,
    pub work_content: String,
    pub planned: String,
    pub requested_by: String,
    pub decided_by: String,
    pub attendant: String,
    pub closed_at: String,
    pub gas_tests: i64,
    pub failed_tests: i64,
    /// Who went in and out, in time order.
    pub entries: Vec<EntryLine>,
}

/// One entry of an operation in the history: China time, minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryLine {
    pub name: String,
    pub entered: String,
    /// `None` while the person is inside.
    pub exited: Option<String>,
    /// When the offline outbox uploaded the exit, if it was recorded on a phone without signal.
    pub exit_uploaded: Option<String>,
}

impl EntryLine {
    /// "name 09:00–10:12", or with the exit's two times when the outbox brought it later.
    pub fn text(&self, locale: crate::i18n::Locale) -> String {
        let out = match (&self.exited, &self.exit_uploaded) {
            (Some(at), Some(up)) => crate::offline::both_times(locale, at, up),
            (Some(at), None) => at.clone(),
            (None, _) => "…".to_owned(),
        };
        format!("{} {}–{out}", self.name, self.entered)
    }

    /// The entries of one operation as one line.
    pub fn join(lines: &[EntryLine], locale: crate::i18n::Locale) -> String {
        lines
            .iter()
            .map(|e| e.text(locale))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelegationRow {
    pub id: Uuid,
    pub delegate: String,
    pub document_ref: String,
    pub period: String,
    pub valid: bool,
    pub revoked: bool,
}

/// Who approves operations in toxic-risk spaces: the principal and the delegates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delegations {
    pub principal: Option<String>,
    pub i_am_principal: bool,
    pub rows: Vec<DelegationRow>,
}
