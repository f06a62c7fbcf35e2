//! Why a patrol step was refused, in words.

use crate::i18n::*;
use leptos_i18n::I18nContext;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PatrolRefusal {
    /// The poster's QR was replaced: a patrol starts only from the current one.
    TokenReplaced,
    /// The code belongs to no patrol point (a confined space's, say).
    NotAPatrolPoint,
    /// The point is no longer patrolled.
    PointInactive,
    /// Someone else started this record.
    NotYourRecord,
    /// This record was submitted already.
    AlreadySubmitted,
    /// A patrol started offline took longer from start to submission than the enterprise's
    /// upload bound (`offline_start`): no proof of a visit.
    OfflineStartTooLong,
}

/// The kernel's error carries the refusal as `{"patrol": <reason>}` (`error::Refusal`).
impl crate::error::FeatureRefusal for PatrolRefusal {
    const FEATURE: &'static str = "patrol";
    fn text_in(&self, locale: crate::i18n::Locale) -> String {
        refusal_text_in(locale, *self)
    }
}

pub fn refusal_text_in(locale: crate::i18n::Locale, r: PatrolRefusal) -> String {
    match r {
        PatrolRefusal::TokenReplaced => td_string!(locale, patrols.refused_token_replaced),
        PatrolRefusal::NotAPatrolPoint => td_string!(locale, patrols.refused_not_a_point),
        PatrolRefusal::PointInactive => td_string!(locale, patrols.refused_point_inactive),
        PatrolRefusal::NotYourRecord => td_string!(locale, patrols.refused_not_your_record),
        PatrolRefusal::AlreadySubmitted => td_string!(locale, patrols.refused_already_submitted),
        PatrolRefusal::OfflineStartTooLong => {
            td_string!(locale, patrols.refused_offline_start_too_long)
        }
    }
    .to_string()
}

/// `refusal_text_in` in the page's language.
pub fn refusal_text(i18n: I18nContext<Locale>, r: PatrolRefusal) -> String {
    refusal_text_in(i18n.get_locale(), r)
}
