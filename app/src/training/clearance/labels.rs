//! The sentences of clearance: each reason, the refusal that names a person, and the labels
//! of categories, moves and qualification kinds (the file and the lists show them).

use crate::{
    i18n::*,
    rules::clearance::Reason,
    training::{Category, MoveKind, QualificationKind},
};
use leptos_i18n::I18nContext;

/// Half hours as 学时: "24", "23.5" (the one formatter, crate::time_fmt).
pub use crate::time_fmt::half_hours_number as hours;

/// The missing levels, joined ("厂级、班组级").
fn levels(locale: Locale, company: bool, workshop: bool, team: bool) -> String {
    let mut names = Vec::new();
    if company {
        names.push(td_string!(locale, clearance.level_company).to_string());
    }
    if workshop {
        names.push(td_string!(locale, clearance.level_workshop).to_string());
    }
    if team {
        names.push(td_string!(locale, clearance.level_team).to_string());
    }
    names.join(td_string!(locale, clearance.list_separator))
}

pub fn reason_text_in(locale: Locale, reason: &Reason) -> String {
    match *reason {
        Reason::InductionMissing {
            company,
            workshop,
            team,
        } => {
            let levels = levels(locale, company, workshop, team);
            td_string!(locale, clearance.reason_induction_missing, levels = levels).to_string()
        }
        Reason::InductionHours { have, need } => {
            let (have, need) = (hours(have), hours(need));
            td_string!(
                locale,
                clearance.reason_induction_hours,
                have = have,
                need = need
            )
            .to_string()
        }
        Reason::TransferNotRetrained { on, workshop, team } => {
            let (on, levels) = (on.to_string(), levels(locale, false, workshop, team));
            td_string!(locale, clearance.reason_transfer, on = on, levels = levels).to_string()
        }
        Reason::ReturnNotRetrained {
            on,
            away_days,
            workshop,
            team,
        } => {
            let (on, levels) = (on.to_string(), levels(locale, false, workshop, team));
            td_string!(
                locale,
                clearance.reason_return,
                on = on,
                days = away_days,
                levels = levels
            )
            .to_string()
        }
        Reason::AnnualHours { have, need } => {
            let (have, need) = (hours(have), hours(need));
            td_string!(locale, clearance.reason_annual, have = have, need = need).to_string()
        }
    }
}

/// The permit gate's refusal: who, and their first reason.
pub fn not_cleared_text_in(locale: Locale, name: &str, reason: &Reason) -> String {
    let (name, reason) = (name.to_string(), reason_text_in(locale, reason));
    td_string!(
        locale,
        clearance.refused_not_cleared,
        name = name,
        reason = reason
    )
    .to_string()
}

/// `reason_text_in` in the page's language.
pub fn reason_text(i18n: I18nContext<Locale>, reason: &Reason) -> String {
    reason_text_in(i18n.get_locale(), reason)
}

pub fn category_label(i18n: I18nContext<Locale>, c: Category) -> String {
    match c {
        Category::InductionCompany => t_string!(i18n, clearance.category_induction_company),
        Category::InductionWorkshop => t_string!(i18n, clearance.category_induction_workshop),
        Category::InductionTeam => t_string!(i18n, clearance.category_induction_team),
        Category::Transfer => t_string!(i18n, clearance.category_transfer),
        Category::ReturnToPost => t_string!(i18n, clearance.category_return_to_post),
        Category::Restart => t_string!(i18n, clearance.category_restart),
        Category::ConfinedSpace => t_string!(i18n, clearance.category_confined_space),
        Category::FourNew => t_string!(i18n, clearance.category_four_new),
        Category::Daily => t_string!(i18n, clearance.category_daily),
        Category::Other => t_string!(i18n, clearance.category_other),
    }
    .to_string()
}

pub fn move_label(i18n: I18nContext<Locale>, m: MoveKind) -> String {
    match m {
        MoveKind::Transfer => t_string!(i18n, clearance.move_transfer),
        MoveKind::ReturnToPost => t_string!(i18n, clearance.move_return),
    }
    .to_string()
}

pub fn qualification_label(i18n: I18nContext<Locale>, k: QualificationKind) -> String {
    match k {
        QualificationKind::ConfinedSpace => t_string!(i18n, clearance.kind_confined_space),
        QualificationKind::SpecialOperation => t_string!(i18n, clearance.kind_special_operation),
    }
    .to_string()
}
