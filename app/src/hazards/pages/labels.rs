//! The hazard vocabularies in words. Every match is exhaustive: a new variant needs its label.

use crate::{
    hazards::{HazardCategory, HazardGrade, HazardSource, HazardState},
    i18n::*,
};
use leptos_i18n::I18nContext;

pub fn state_label(i18n: I18nContext<Locale>, v: HazardState) -> String {
    state_text(i18n.get_locale(), v)
}

/// The same in `locale`, outside a page (the export).
pub fn state_text(locale: Locale, s: HazardState) -> String {
    match s {
        HazardState::Reported => td_string!(locale, hazards.state_reported),
        HazardState::FixedOnSpot => td_string!(locale, hazards.state_fixed_on_spot),
        HazardState::Rectifying => td_string!(locale, hazards.state_rectifying),
        HazardState::AwaitingRecheck => td_string!(locale, hazards.state_awaiting_recheck),
        HazardState::Closed => td_string!(locale, hazards.state_closed),
    }
    .to_string()
}

pub fn grade_label(i18n: I18nContext<Locale>, v: HazardGrade) -> String {
    grade_text(i18n.get_locale(), v)
}

/// The same in `locale`, outside a page (the export).
pub fn grade_text(locale: Locale, g: HazardGrade) -> String {
    match g {
        HazardGrade::General => td_string!(locale, hazards.grade_general),
        HazardGrade::Major => td_string!(locale, hazards.grade_major),
    }
    .to_string()
}

pub fn category_label(i18n: I18nContext<Locale>, v: HazardCategory) -> String {
    category_text(i18n.get_locale(), v)
}

/// The same in `locale`, outside a page (the export).
pub fn category_text(locale: Locale, c: HazardCategory) -> String {
    use HazardCategory::*;
    match c {
        DustExplosion => td_string!(locale, hazards.category_dust_explosion),
        ConfinedSpace => td_string!(locale, hazards.category_confined_space),
        Electrical => td_string!(locale, hazards.category_electrical),
        Mechanical => td_string!(locale, hazards.category_mechanical),
        Fire => td_string!(locale, hazards.category_fire),
        SpecialEquipment => td_string!(locale, hazards.category_special_equipment),
        HazardousChemicals => td_string!(locale, hazards.category_hazardous_chemicals),
        Management => td_string!(locale, hazards.category_management),
        Other => td_string!(locale, hazards.category_other),
    }
    .to_string()
}

pub fn source_label(i18n: I18nContext<Locale>, v: HazardSource) -> String {
    source_text(i18n.get_locale(), v)
}

/// The same in `locale`, outside a page (the export).
pub fn source_text(locale: Locale, s: HazardSource) -> String {
    use HazardSource::*;
    match s {
        DailyPatrol => td_string!(locale, hazards.source_daily_patrol),
        SpecialCheck => td_string!(locale, hazards.source_special_check),
        SelfCheck25 => td_string!(locale, hazards.source_self_check_25),
        Enforcement => td_string!(locale, hazards.source_enforcement),
        EmployeeReport => td_string!(locale, hazards.source_employee_report),
        ExpertGuidance => td_string!(locale, hazards.source_expert_guidance),
    }
    .to_string()
}
