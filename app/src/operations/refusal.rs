//! Why a confined-space operation step was refused, and the sentence a worker reads.

use crate::i18n::*;
use leptos_i18n::I18nContext;
use serde::{Deserialize, Serialize};

/// Why an operation step was refused. Each has its own translated sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpRefusal {
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
    /// An entrant does not certify the atmosphere they are about to enter.
    EntrantCannotTest,
    /// Ventilation and gas tests are recorded by the attendant, the person in charge or an
    /// officer.
    NotTester,
    /// By the enterprise's policy the approver is not on the permit.
    ApproverOnPermit,
    /// The person is inside another space.
    InsideElsewhere,
    /// The new attendant cannot take the duty (an entrant, the same person, not trained).
    CannotAttend,
}

/// The kernel's error carries the refusal as `{"operation": <reason>}` (`error::Refusal`).
impl crate::error::FeatureRefusal for OpRefusal {
    const FEATURE: &'static str = "operation";
    fn text_in(&self, locale: crate::i18n::Locale) -> String {
        refusal_text_in(locale, *self)
    }
}

pub fn refusal_text_in(locale: crate::i18n::Locale, r: OpRefusal) -> String {
    use OpRefusal::*;
    match r {
        PermitNotApproved => td_string!(locale, ops.refused_permit_not_approved),
        PermitExpired => td_string!(locale, ops.refused_permit_expired),
        NotListed => td_string!(locale, ops.refused_not_listed),
        NoValidTraining => td_string!(locale, ops.refused_no_valid_training),
        NoGasTest => td_string!(locale, ops.refused_no_gas_test),
        GasTestFailed => td_string!(locale, ops.refused_gas_test_failed),
        GasTestStale => td_string!(locale, ops.refused_gas_test_stale),
        NoAttendant => td_string!(locale, ops.refused_no_attendant),
        Evacuating => td_string!(locale, ops.refused_evacuating),
        AlreadyInside => td_string!(locale, ops.refused_already_inside),
        NotInside => td_string!(locale, ops.refused_not_inside),
        NotBriefed => td_string!(locale, ops.refused_not_briefed),
        NotVentilated => td_string!(locale, ops.refused_not_ventilated),
        DetectorOverdue => td_string!(locale, ops.refused_detector_overdue),
        ApproverIsRequester => td_string!(locale, ops.refused_approver_is_requester),
        ApproverNotAuthorized => td_string!(locale, ops.refused_approver_not_authorized),
        SpaceBusy => td_string!(locale, ops.refused_space_busy),
        PeopleInside => td_string!(locale, ops.refused_people_inside),
        NotAttendant => td_string!(locale, ops.refused_not_attendant),
        AttendantCannotEnter => td_string!(locale, ops.refused_attendant_cannot_enter),
        EntrantCannotTest => td_string!(locale, ops.refused_entrant_cannot_test),
        NotTester => td_string!(locale, ops.refused_not_tester),
        ApproverOnPermit => td_string!(locale, ops.refused_approver_on_permit),
        InsideElsewhere => td_string!(locale, ops.refused_inside_elsewhere),
        CannotAttend => td_string!(locale, ops.refused_cannot_attend),
    }
    .to_string()
}

/// `refusal_text_in` in the page's language.
pub fn refusal_text(i18n: I18nContext<Locale>, r: OpRefusal) -> String {
    refusal_text_in(i18n.get_locale(), r)
}
