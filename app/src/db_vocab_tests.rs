//! Each stored enum against its migration's `check` list: the code and the database know
//! the same names, so no stored value is ever unknown to the code (and none is refused).

use crate::{
    auth::Role,
    checkpoint::CheckpointKind,
    county::{FocusRisk, Industry, Level, StandardGrade},
    hazards::{HazardCategory, HazardGrade, HazardSource, HazardState},
    operations::OperationStatus,
    patrols::{AnswerResult, AnswerType, ChecklistKind, Frequency, Presence},
    rules::gas::Gas,
    spaces::{Hazard, SpaceType},
    training::{
        AssessedBy, Assessment, Category, InviteKind, MoveKind, PresenceBy, QualificationKind,
        QuestionKind,
    },
    vocab::{array_check_list, check_list},
};

const SPACES: &str = include_str!("../migrations/0002_confined_spaces.sql");
const OPERATIONS: &str = include_str!("../migrations/0003_operations.sql");
const AUDITED_STEP: &str = include_str!("../migrations/20261130000000_audited_step.sql");
const HAZARDS: &str = include_str!("../migrations/20261202000100_hazards.sql");
const PATROLS: &str = include_str!("../migrations/20261202000300_patrols.sql");
const TRAINING: &str = include_str!("../migrations/20261204000000_training.sql");
const COUNTY: &str = include_str!("../migrations/20261214000000_county.sql");
const VISITS: &str = include_str!("../migrations/20261215000000_visits.sql");
const RISKS: &str = include_str!("../migrations/20261218000000_risk_register.sql");

/// The part of `sql` from `marker` on (a column name used by several tables).
fn from<'a>(sql: &'a str, marker: &str) -> &'a str {
    &sql[sql.find(marker).unwrap_or_else(|| panic!("no {marker}"))..]
}

fn names(all: impl IntoIterator<Item = &'static str>) -> Vec<String> {
    all.into_iter().map(str::to_owned).collect()
}

#[test]
fn roles_match_users_role() {
    assert_eq!(
        check_list(VISITS, "role"),
        names(Role::ALL.map(Role::as_str))
    );
}

#[test]
fn the_ledgers_vocabularies_match_their_checks() {
    assert_eq!(
        check_list(COUNTY, "level"),
        names(Level::ALL.map(Level::as_str))
    );
    assert_eq!(
        check_list(COUNTY, "industry"),
        names(Industry::ALL.map(Industry::as_str))
    );
    assert_eq!(
        check_list(COUNTY, "standard_grade"),
        names(StandardGrade::ALL.map(StandardGrade::as_str))
    );
    assert_eq!(
        array_check_list(COUNTY, "focus_risks"),
        names(FocusRisk::ALL.map(FocusRisk::as_str))
    );
}

#[test]
fn space_types_match_confined_spaces_space_type() {
    assert_eq!(
        check_list(SPACES, "space_type"),
        names(SpaceType::ALL.map(SpaceType::as_str))
    );
}

#[test]
fn checkpoint_kinds_match_checkpoints_kind() {
    assert_eq!(
        check_list(SPACES, "kind"),
        names(CheckpointKind::ALL.map(CheckpointKind::as_str))
    );
}

#[test]
fn operation_statuses_match_operations_status() {
    assert_eq!(
        check_list(OPERATIONS, "status"),
        names(OperationStatus::ALL.map(OperationStatus::as_str))
    );
}

#[test]
fn qualification_kinds_match_qualifications_kind() {
    assert_eq!(
        check_list(from(TRAINING, "alter table qualifications"), "kind"),
        names(QualificationKind::ALL.map(QualificationKind::as_str))
    );
}

#[test]
fn training_vocabularies_match_their_columns() {
    assert_eq!(
        check_list(TRAINING, "category"),
        names(Category::ALL.map(Category::as_str))
    );
    assert_eq!(
        check_list(
            from(TRAINING, "create table training_questions"),
            "category"
        ),
        names(Category::ALL.map(Category::as_str))
    );
    assert_eq!(
        check_list(TRAINING, "assessment"),
        names(Assessment::ALL.map(Assessment::as_str))
    );
    assert_eq!(
        check_list(from(TRAINING, "create table training_invitations"), "kind"),
        names(InviteKind::ALL.map(InviteKind::as_str))
    );
    for column in ["sign_in_by", "sign_out_by"] {
        assert_eq!(
            check_list(TRAINING, column),
            names(PresenceBy::ALL.map(PresenceBy::as_str))
        );
    }
    assert_eq!(
        check_list(TRAINING, "assessed_by"),
        names(AssessedBy::ALL.map(AssessedBy::as_str))
    );
    assert_eq!(
        check_list(from(TRAINING, "create table training_questions"), "kind"),
        names(QuestionKind::ALL.map(QuestionKind::as_str))
    );
    assert_eq!(
        check_list(from(TRAINING, "create table person_moves"), "kind"),
        names(MoveKind::ALL.map(MoveKind::as_str))
    );
}

#[test]
fn hazards_match_confined_spaces_hazards() {
    assert_eq!(
        array_check_list(AUDITED_STEP, "hazards"),
        names(Hazard::ALL.map(Hazard::as_str))
    );
}

#[test]
fn gases_match_confined_spaces_required_gases() {
    assert_eq!(
        array_check_list(AUDITED_STEP, "required_gases"),
        names(Gas::ALL.map(Gas::as_str))
    );
}

#[test]
fn hazard_states_match_hazards_state() {
    assert_eq!(
        check_list(HAZARDS, "state"),
        names(HazardState::ALL.map(HazardState::as_str))
    );
}

#[test]
fn hazard_grades_match_hazards_grade() {
    assert_eq!(
        check_list(HAZARDS, "grade"),
        names(HazardGrade::ALL.map(HazardGrade::as_str))
    );
}

#[test]
fn hazard_categories_match_hazards_category() {
    assert_eq!(
        check_list(HAZARDS, "category"),
        names(HazardCategory::ALL.map(HazardCategory::as_str))
    );
}

#[test]
fn hazard_sources_match_hazards_source() {
    assert_eq!(
        check_list(VISITS, "source"),
        names(HazardSource::ALL.map(HazardSource::as_str))
    );
}

#[test]
fn patrol_vocabularies_match_the_patrols_migration() {
    assert_eq!(
        check_list(PATROLS, "kind"),
        names(ChecklistKind::ALL.map(ChecklistKind::as_str))
    );
    assert_eq!(
        check_list(PATROLS, "answer_type"),
        names(AnswerType::ALL.map(AnswerType::as_str))
    );
    assert_eq!(
        check_list(PATROLS, "frequency"),
        names(Frequency::ALL.map(Frequency::as_str))
    );
    assert_eq!(
        check_list(PATROLS, "presence"),
        names(Presence::ALL.map(Presence::as_str))
    );
    assert_eq!(
        check_list(PATROLS, "result"),
        names(AnswerResult::ALL.map(AnswerResult::as_str))
    );
    // Items raise hazards: their category and grade are the hazards' own vocabularies.
    assert_eq!(
        check_list(PATROLS, "category"),
        names(HazardCategory::ALL.map(HazardCategory::as_str))
    );
    assert_eq!(
        check_list(PATROLS, "fail_grade"),
        names(HazardGrade::ALL.map(HazardGrade::as_str))
    );
    // A schedule's role is one of the enterprise's (a regulator patrols nothing).
    assert_eq!(
        check_list(PATROLS, "role"),
        names(Role::ENTERPRISE_ROLES.map(Role::as_str))
    );
}

#[test]
fn training_review_matches_its_column() {
    use crate::training::Review;
    const PRESENCE: &str = include_str!("../migrations/20261211000000_training_presence.sql");
    assert_eq!(
        check_list(PRESENCE, "review"),
        names(Review::ALL.map(Review::as_str))
    );
}

#[test]
fn visit_kinds_and_checklists_match_visits() {
    use crate::visits::{VisitChecklist, VisitKind};
    assert_eq!(
        check_list(from(VISITS, "create table visits"), "kind"),
        names(VisitKind::ALL.map(VisitKind::as_str))
    );
    assert_eq!(
        check_list(from(VISITS, "create table visits"), "checklist"),
        names(VisitChecklist::ALL.map(VisitChecklist::as_str))
    );
}

#[test]
fn the_risk_registers_vocabularies_match_their_checks() {
    use crate::risks::{AccidentClass, FactorClass, Forced, PointKind, RiskGrade, RiskMethod};
    let points = from(RISKS, "create table risk_points");
    assert_eq!(
        check_list(points, "kind"),
        names(PointKind::ALL.map(PointKind::as_str))
    );
    let hazards = from(RISKS, "create table risk_hazards");
    assert_eq!(
        check_list(hazards, "accident_class"),
        names(AccidentClass::ALL.map(AccidentClass::as_str))
    );
    assert_eq!(
        check_list(hazards, "factor_class"),
        names(FactorClass::ALL.map(FactorClass::as_str))
    );
    assert_eq!(
        check_list(hazards, "method"),
        names(RiskMethod::ALL.map(RiskMethod::as_str))
    );
    assert_eq!(
        check_list(RISKS, "method"),
        names(RiskMethod::ALL.map(RiskMethod::as_str))
    );
    assert_eq!(
        check_list(hazards, "grade"),
        names(RiskGrade::ALL.map(RiskGrade::as_str))
    );
    assert_eq!(
        array_check_list(hazards, "forced"),
        names(Forced::ALL.map(Forced::as_str))
    );
    use crate::risks::{ControlLevel, MeasureKind};
    let measures = from(RISKS, "create table risk_measures");
    assert_eq!(
        check_list(measures, "kind"),
        names(MeasureKind::ALL.map(MeasureKind::as_str))
    );
    assert_eq!(
        check_list(measures, "level"),
        names(ControlLevel::ALL.map(ControlLevel::as_str))
    );
}
