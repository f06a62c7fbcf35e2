//! Operation types shared by the browser and the server.

use crate::rules::gas::{Judged, Reading};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Why an operation step was refused. Each has its own translated sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The permit is not approved (requested, rejected or closed).
    PermitNotApproved,
    /// The permit's planned end has passed.
    PermitExpired,
    /// The person is not an entrant on the permit.
    NotListed,
    /// No valid confined-space training (未经培训合格不得参与有限空间作业).
    NoValidTraining,
    /// No gas test yet (先检测、后作业).
    NoGasTest,
    /// The latest gas test failed.
    GasTestFailed,
    /// The latest gas test is too old, or everyone left since (an interruption).
    GasTestStale,
    /// No attendant checked in at the space.
    NoAttendant,
    /// The attendant ordered an evacuation.
    Evacuating,
    AlreadyInside,
    NotInside,
    /// The safety briefing (安全交底) was not acknowledged.
    NotBriefed,
    /// Gas tests come after ventilation has started (先通风、再检测).
    NotVentilated,
    /// The detector's calibration is overdue.
    DetectorOverdue,
    /// An approver may not approve their own request.
    ApproverIsRequester,
    /// A toxic/asphyxiation-risk space needs the principal or a written delegate.
    ApproverNotAuthorized,
    /// The space already has an open operation.
    SpaceBusy,
    /// People are still inside.
    PeopleInside,
    /// Only the operation's attendant may do this.
    NotAttendant,
    /// The attendant cannot also enter.
    AttendantCannotEnter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationStatus {
    Requested,
    Approved,
    Rejected,
    Closed,
}

impl OperationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OperationStatus::Requested => "requested",
            OperationStatus::Approved => "approved",
            OperationStatus::Rejected => "rejected",
            OperationStatus::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<OperationStatus> {
        match text {
            "requested" => Some(OperationStatus::Requested),
            "approved" => Some(OperationStatus::Approved),
            "rejected" => Some(OperationStatus::Rejected),
            "closed" => Some(OperationStatus::Closed),
            _ => None,
        }
    }
}

/// Sampling height (test at upper, middle and lower levels, from outside the space).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SamplePoint {
    Upper,
    Middle,
    Lower,
}

impl SamplePoint {
    pub const ALL: [SamplePoint; 3] = [SamplePoint::Upper, SamplePoint::Middle, SamplePoint::Lower];
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PointReading {
    pub point: SamplePoint,
    pub reading: Reading,
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
    pub fresh: bool,
    pub readings: Vec<JudgedPoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inside {
    pub user_id: Uuid,
    pub name: String,
    pub since: String,
    pub minutes: i64,
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

/// Someone who can be put on a permit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonOption {
    pub id: Uuid,
    pub name: String,
    pub role: crate::auth::Role,
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
    pub i_am_attendant: bool,
    pub i_am_entrant: bool,
    pub i_am_inside: bool,
    pub me: Uuid,
    /// The operation's audit trail, oldest first.
    pub trail: Vec<TrailEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrailEntry {
    pub at: String,
    pub who: String,
    /// The audit action, e.g. `operation.enter`.
    pub action: String,
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
    /// "name in–out" per entry.
    pub entries: Vec<String>,
}

/// A person's confined-space training, as the qualification page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualificationRow {
    pub user_id: Uuid,
    pub name: String,
    /// The latest expiry, if any training was ever recorded.
    pub valid_until: Option<String>,
    pub valid: bool,
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
