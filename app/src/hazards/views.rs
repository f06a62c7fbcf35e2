//! What hazard pages show: the read models shared by the browser and the server.

use super::{
    moves::Allowed, HazardCategory, HazardGrade, HazardSource, HazardState, MajorPlan, PhotoStage,
};
use crate::{audit::TrailEntry, users::PersonOption};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One line of the ledger (隐患台账).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HazardRow {
    pub id: Uuid,
    pub number: String,
    pub state: HazardState,
    pub grade: HazardGrade,
    pub category: HazardCategory,
    pub source: HazardSource,
    pub location: String,
    pub description: String,
    pub found_at: String,
    pub found_by: String,
    pub rectifier: Option<String>,
    pub deadline: Option<String>,
    pub overdue: bool,
}

/// The counts above the ledger, over every hazard the viewer may see (filters aside).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub total: i64,
    pub by_state: Vec<(HazardState, i64)>,
    pub overdue: i64,
    pub major_open: i64,
}

/// The ledger: counts and the rows matching the filter, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    pub counts: Counts,
    pub rows: Vec<HazardRow>,
    /// All of the enterprise's hazards (officers), or the viewer's own (reported or to fix).
    pub everyone: bool,
    /// This page's number (from 1) and whether another follows (`db::LEDGER_PAGE` a page).
    pub page: u32,
    pub has_next: bool,
}

/// The ledger's filter, from the page's query (unknown values mean "all").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerFilter {
    pub state: Option<HazardState>,
    pub grade: Option<HazardGrade>,
    pub category: Option<HazardCategory>,
    pub source: Option<HazardSource>,
    pub overdue: bool,
}

impl LedgerFilter {
    pub fn parse(state: &str, grade: &str, category: &str, source: &str, overdue: &str) -> Self {
        LedgerFilter {
            state: HazardState::parse(state.trim()),
            grade: HazardGrade::parse(grade.trim()),
            category: HazardCategory::parse(category.trim()),
            source: HazardSource::parse(source.trim()),
            overdue: !overdue.trim().is_empty() && overdue.trim() != "0",
        }
    }
}

/// One hazard with everything recorded on it, its trail and what the viewer may do now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HazardDetail {
    pub row: HazardRow,
    pub criterion: String,
    pub on_spot_note: Option<String>,
    pub measures: Option<String>,
    /// Yuan, `1200.50`.
    pub funds: Option<String>,
    pub interim_control: Option<String>,
    pub confirmed: Option<String>,
    pub plan: Option<MajorPlan>,
    pub reported_on: Option<String>,
    pub rectification: Option<String>,
    pub rectified: Option<String>,
    pub recheck_passed: Option<bool>,
    pub recheck_note: Option<String>,
    pub rechecked: Option<String>,
    pub closed: Option<String>,
    pub version: i32,
    /// Its photos, oldest first: the report's (整改前), then each fix's (整改后).
    pub photos: Vec<HazardPhoto>,
    /// The audit trail, oldest first.
    pub trail: Vec<HazardTrailEntry>,
    pub allowed: Allowed,
    /// Who can be made the rectifier (only when the viewer may confirm).
    pub people: Vec<PersonOption>,
}

/// A photo of a hazard: a small `<img>` links to the full one at `url` (`/photos/<token>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HazardPhoto {
    pub stage: PhotoStage,
    pub url: String,
    pub width: u32,
    pub height: u32,
    /// Who took it, and when (China time).
    pub by: String,
    pub at: String,
}

/// A line of the hazard's trail, with the photos its move brought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HazardTrailEntry {
    pub entry: TrailEntry,
    pub photos: Vec<HazardPhoto>,
}

/// What a regulator sees of one enterprise's hazards: how many are open, how many of them are
/// 重大, how many are past their deadline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HazardFigures {
    pub open: i64,
    pub major_open: i64,
    pub overdue: i64,
}
