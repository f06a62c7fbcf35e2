//! What the visits' pages and server functions carry.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::text_enum! {
    /// What kind of visit: 专家指导服务, 执法检查, or the county's 抽查 of a drawn enterprise
    /// (its findings' hazard source follows). `visits.kind`.
    pub enum VisitKind {
        Guidance = "guidance",
        Inspection = "inspection",
        SpotCheck = "spot_check",
    }
}

crate::text_enum! {
    /// The checklist used on site (from the existing packs): the confined-space guidance
    /// checklist, or the enterprise's applicable 25 items. `visits.checklist`.
    pub enum VisitChecklist {
        ConfinedSpace = "confined_space",
        SelfCheck25 = "selfcheck25",
    }
}

/// Opening a visit (a regulator): the enterprise, kind, checklist, day and experts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VisitForm {
    pub enterprise_id: String,
    pub kind: String,
    pub checklist: String,
    pub visited_on: String,
    #[serde(default)]
    pub experts: Vec<String>,
    #[serde(default)]
    pub note: String,
    /// The 抽查 draw whose pick this visit checks (kind `spot_check` only).
    #[serde(default)]
    pub draw_id: String,
}

/// A finding, recorded on site: it becomes a hazard of the enterprise's own ledger.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FindingForm {
    pub location: String,
    pub description: String,
    pub category: String,
    pub grade: String,
    #[serde(default)]
    pub basis: String,
    pub deadline: String,
}

/// 复核 of a finding: passed (present) or not, with the note.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecheckForm {
    pub hazard_id: String,
    #[serde(default)]
    pub passed: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// An expert's account, opened by a regulator at their own node.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExpertForm {
    pub name: String,
    pub mobile: String,
    pub password: String,
}

/// An expert as the forms offer them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ExpertView {
    pub id: Uuid,
    pub name: String,
    pub mobile: String,
}

/// One visit in a list, with how its findings stand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct VisitRow {
    pub id: Uuid,
    pub enterprise_id: Uuid,
    pub enterprise: String,
    pub place: String,
    pub kind: VisitKind,
    pub visited_on: time::Date,
    pub closed: bool,
    pub findings: i64,
    /// Findings whose hazard is not closed (销号).
    pub open_findings: i64,
    /// The most days an open finding is past the deadline the visit set (0: none is).
    pub days_overdue: i64,
}

/// A finding as the visit's page shows it, with its hazard's state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct FindingView {
    pub hazard_id: Uuid,
    pub number: String,
    pub location: String,
    pub description: String,
    pub grade: crate::hazards::HazardGrade,
    pub state: crate::hazards::HazardState,
    pub basis: String,
    pub deadline: time::Date,
    pub days_overdue: i64,
    pub rectification: Option<String>,
    /// Its photos (before, then after), as addresses.
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub photos: Vec<FindingPhoto>,
}

/// A photo of a finding: 整改前 or 整改后, and its address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingPhoto {
    pub stage: crate::hazards::PhotoStage,
    pub url: String,
}

/// One visit with its experts and findings, and what the reader may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitDetail {
    pub id: Uuid,
    pub enterprise_id: Uuid,
    pub enterprise: String,
    pub kind: VisitKind,
    pub checklist: VisitChecklist,
    pub visited_on: String,
    pub note: String,
    pub closed: bool,
    pub opened_by: String,
    pub experts: Vec<String>,
    pub findings: Vec<FindingView>,
    /// The reader records findings and re-checks them (the visit is open, or they are its
    /// regulator).
    pub may_act: bool,
    /// The reader may close the visit (its regulator).
    pub may_close: bool,
}

/// What a new visit's form offers: the enterprises and experts within the regulator's reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewVisitOptions {
    pub enterprises: Vec<(Uuid, String)>,
    pub experts: Vec<ExpertView>,
}

/// A 抽查 draw: how many per township, from the enterprises visited for guidance in a period,
/// and the seed (empty: the server picks one, and shows it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DrawForm {
    pub per_township: String,
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub seed: String,
}

/// A draw in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawView {
    pub id: Uuid,
    /// As drawn: an unsigned 64-bit number (stored as its bits in a bigint).
    pub seed: String,
    pub per_township: i32,
    pub visited_from: String,
    pub visited_to: String,
    pub drawn_by: String,
    pub picks: i64,
    pub checked: i64,
}

/// One enterprise a draw picked, and its check (a visit of kind 抽查) if made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PickView {
    pub enterprise_id: Uuid,
    pub enterprise: String,
    pub township: String,
    pub visit_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawDetail {
    pub draw: DrawView,
    pub picks: Vec<PickView>,
}
