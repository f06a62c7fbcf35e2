//! Why a step of a visit was refused, and the sentence a person reads.

use crate::i18n::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitRefusal {
    /// The visit is closed: no finding is recorded on it any more.
    Closed,
}

/// The kernel's error carries the refusal as `{"visit": <reason>}` (`error::Refusal`).
impl crate::error::FeatureRefusal for VisitRefusal {
    const FEATURE: &'static str = "visit";
    fn text_in(&self, locale: Locale) -> String {
        match self {
            VisitRefusal::Closed => td_string!(locale, visits.refused_closed),
        }
        .to_string()
    }
}
