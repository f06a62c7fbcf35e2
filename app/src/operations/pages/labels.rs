//! The operation vocabularies in words: statuses, sampling heights, units, checklist items
//! and the trail's actions. Every match is exhaustive: a new variant needs its label.

use crate::{
    i18n::*,
    operations::{OperationStatus, SamplePoint},
    rules::{
        checklist::PreEntryCheck,
        gas::{Acceptance, Unit},
    },
};
use leptos_i18n::I18nContext;

pub fn status_label(i18n: I18nContext<Locale>, status: OperationStatus) -> String {
    match status {
        OperationStatus::Requested => t_string!(i18n, ops.status_requested),
        OperationStatus::Approved => t_string!(i18n, ops.status_approved),
        OperationStatus::Rejected => t_string!(i18n, ops.status_rejected),
        OperationStatus::Closed => t_string!(i18n, ops.status_closed),
    }
    .to_string()
}

pub fn point_label(i18n: I18nContext<Locale>, point: SamplePoint) -> String {
    match point {
        SamplePoint::Upper => t_string!(i18n, ops.point_upper),
        SamplePoint::Middle => t_string!(i18n, ops.point_middle),
        SamplePoint::Lower => t_string!(i18n, ops.point_lower),
    }
    .to_string()
}

pub fn unit_label(unit: Unit) -> &'static str {
    match unit {
        Unit::PercentVolume => "%VOL",
        Unit::PercentLel => "%LEL",
        Unit::Ppm => "ppm",
        Unit::MgPerM3 => "mg/m³",
    }
}

pub fn acceptance_text(acceptance: Acceptance, unit: Unit) -> String {
    let unit = unit_label(unit);
    match acceptance {
        Acceptance::Between { min, max } => format!("{min}–{max} {unit}"),
        Acceptance::Below { max } => format!("< {max} {unit}"),
        Acceptance::AtMost { max } => format!("≤ {max:.1} {unit}"),
    }
}

/// The pre-entry checklist (rules::checklist), confirmed on the permit.
pub fn checklist_label(i18n: I18nContext<Locale>, item: PreEntryCheck) -> String {
    match item {
        PreEntryCheck::Isolation => t_string!(i18n, ops.check_isolation),
        PreEntryCheck::Cleaning => t_string!(i18n, ops.check_cleaning),
        PreEntryCheck::VentilationEquipment => t_string!(i18n, ops.check_ventilation),
        PreEntryCheck::Detector => t_string!(i18n, ops.check_detector),
        PreEntryCheck::Ppe => t_string!(i18n, ops.check_ppe),
        PreEntryCheck::Rescue => t_string!(i18n, ops.check_rescue),
        PreEntryCheck::Communication => t_string!(i18n, ops.check_communication),
        PreEntryCheck::Signage => t_string!(i18n, ops.check_signage),
    }
    .to_string()
}
