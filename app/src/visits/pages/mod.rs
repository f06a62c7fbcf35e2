//! The visits' pages: the list (and 回头看), a new visit, the experts, one visit.

mod detail;
mod draws;
mod experts;
mod list;
mod new;

pub use detail::VisitPage;
pub use draws::{DrawPage, DrawsPage};
pub use experts::ExpertsPage;
pub use list::VisitsPage;
pub use new::NewVisitPage;

use crate::{i18n::*, visits::VisitKind};

pub fn kind_label(locale: Locale, k: VisitKind) -> &'static str {
    match k {
        VisitKind::Guidance => td_string!(locale, visits.kind_guidance),
        VisitKind::Inspection => td_string!(locale, visits.kind_inspection),
        VisitKind::SpotCheck => td_string!(locale, visits.kind_spot_check),
    }
}

pub fn checklist_label(locale: Locale, c: crate::visits::VisitChecklist) -> &'static str {
    match c {
        crate::visits::VisitChecklist::ConfinedSpace => td_string!(locale, visits.checklist_confined_space),
        crate::visits::VisitChecklist::SelfCheck25 => td_string!(locale, visits.checklist_selfcheck25),
    }
}
