//! Why a hazard move was refused, and the sentence a person reads.

use crate::i18n::*;
use leptos_i18n::I18nContext;
use serde::{Deserialize, Serialize};

/// Why a hazard move was refused. Each has its own translated sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HazardRefusal {
    /// The move is not possible in the hazard's state (`moves::next`).
    WrongState,
    /// A 重大 hazard cannot be closed as fixed on the spot.
    MajorNotOnSpot,
    /// A 重大 hazard needs its six-part plan and the date reported to the regulator.
    MajorPlanMissing,
    /// The re-checker is the rectifier or the one who fixed it.
    RecheckerIsRectifier,
    /// Only the assigned rectifier (or an officer) submits the rectification.
    NotRectifier,
    /// Only the reporter (or an officer) records an on-the-spot fix.
    NotReporter,
    /// A visit's finding is re-checked by the visit's side (专家 or 监管), never by the
    /// enterprise.
    RecheckByOversight,
}

/// The kernel's error carries the refusal as `{"hazard": <reason>}` (`error::Refusal`).
impl crate::error::FeatureRefusal for HazardRefusal {
    const FEATURE: &'static str = "hazard";
    fn text_in(&self, locale: crate::i18n::Locale) -> String {
        refusal_text_in(locale, *self)
    }
}

pub fn refusal_text_in(locale: crate::i18n::Locale, r: HazardRefusal) -> String {
    use HazardRefusal::*;
    match r {
        WrongState => td_string!(locale, hazards.refused_wrong_state),
        MajorNotOnSpot => td_string!(locale, hazards.refused_major_not_on_spot),
        MajorPlanMissing => td_string!(locale, hazards.refused_major_plan_missing),
        RecheckerIsRectifier => td_string!(locale, hazards.refused_rechecker_is_rectifier),
        NotRectifier => td_string!(locale, hazards.refused_not_rectifier),
        RecheckByOversight => td_string!(locale, hazards.refused_recheck_by_oversight),
        NotReporter => td_string!(locale, hazards.refused_not_reporter),
    }
    .to_string()
}

/// `refusal_text_in` in the page's language.
pub fn refusal_text(i18n: I18nContext<Locale>, r: HazardRefusal) -> String {
    refusal_text_in(i18n.get_locale(), r)
}
