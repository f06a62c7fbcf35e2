//! The forms of confined-space operations, as strings from a phone, and their validation into
//! typed input. Server functions take the form; the service takes only what `validate()` gave.

use super::SamplePoint;
#[cfg(feature = "ssr")]
use crate::operations::OperationField;
use crate::rules::{
    checklist::PreEntryCheck,
    gas::{GasPolicy, Reading},
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    error::{AppError, Field, Problem},
    input,
    rules::{
        checklist,
        gas::{Gas, Unit},
    },
};

crate::text_enum! {
    /// A one-button step of an operation (`operation_step`).
    pub enum Step {
        Ventilate = "ventilate",
        AttendantIn = "attendant_in",
        AttendantOut = "attendant_out",
        Evacuate = "evacuate",
        Close = "close",
    }
}

/// 作业申请: the permit request form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PermitForm {
    pub space_id: String,
    pub work_content: String,
    pub planned_start: String,
    pub planned_end: String,
    #[serde(default)]
    pub entrants: Vec<String>,
    #[serde(default)]
    pub attendant_id: String,
    #[serde(default)]
    pub person_in_charge_id: String,
    #[serde(default)]
    pub contractor: String,
    #[serde(default)]
    pub measures: String,
    #[serde(default)]
    pub checklist: Vec<String>,
    #[serde(default)]
    pub rescue_equipment: String,
}

/// A checked permit request.
#[derive(Debug, Clone, PartialEq)]
pub struct PermitInput {
    pub space_id: Uuid,
    pub work_content: String,
    pub planned_start: OffsetDateTime,
    pub planned_end: OffsetDateTime,
    /// Each entrant once.
    pub entrants: Vec<Uuid>,
    pub attendant_id: Uuid,
    pub person_in_charge_id: Uuid,
    pub contractor: String,
    pub measures: String,
    pub checklist: Vec<PreEntryCheck>,
    pub rescue_equipment: String,
}

#[cfg(feature = "ssr")]
impl PermitForm {
    pub fn validate(&self, now: OffsetDateTime) -> Result<PermitInput, AppError> {
        let planned_start =
            input::local_datetime(&self.planned_start, OperationField::PlannedStart)?;
        let planned_end = input::local_datetime(&self.planned_end, OperationField::PlannedEnd)?;
        if planned_start < now - crate::rules::permit::START_GRACE {
            return Err(AppError::invalid(
                OperationField::PlannedStart,
                Problem::InPast,
            ));
        }
        let today = crate::time_fmt::china_day(now);
        let latest = today + time::Duration::days(input::PERMIT_PLAN_DAYS_AHEAD);
        input::date_within(
            crate::time_fmt::china_day(planned_start),
            OperationField::PlannedStart,
            today - time::Duration::days(1),
            latest,
        )?;
        if planned_end <= planned_start || planned_end <= now {
            return Err(AppError::invalid(
                OperationField::PlannedEnd,
                Problem::Invalid,
            ));
        }
        let mut entrants = Vec::with_capacity(self.entrants.len());
        for text in &self.entrants {
            let id = input::uuid(text, OperationField::Entrants)?;
            if !entrants.contains(&id) {
                entrants.push(id);
            }
        }
        if entrants.is_empty() {
            return Err(AppError::invalid(
                OperationField::Entrants,
                Problem::Required,
            ));
        }
        Ok(PermitInput {
            space_id: input::uuid(&self.space_id, OperationField::Space)?,
            work_content: input::line(&self.work_content, OperationField::WorkContent, 200, true)?,
            planned_start,
            planned_end,
            entrants,
            attendant_id: input::uuid(&self.attendant_id, OperationField::Attendant)?,
            person_in_charge_id: input::uuid(
                &self.person_in_charge_id,
                OperationField::PersonInCharge,
            )?,
            contractor: input::line(&self.contractor, OperationField::Contractor, 100, false)?,
            measures: input::text(&self.measures, OperationField::Measures, 1000, false, true)?,
            checklist: checklist::ticked(&self.checklist).ok_or(AppError::invalid(
                OperationField::Checklist,
                Problem::Invalid,
            ))?,
            rescue_equipment: input::line(
                &self.rescue_equipment,
                OperationField::Equipment,
                500,
                false,
            )?,
        })
    }
}

/// 作业审批: approve, or reject with a reason.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DecisionForm {
    pub approve: bool,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub approve: bool,
    pub reason: String,
}

#[cfg(feature = "ssr")]
impl DecisionForm {
    pub fn validate(&self) -> Result<Decision, AppError> {
        Ok(Decision {
            approve: self.approve,
            // A rejection says why, so the requester can fix it.
            reason: input::line(&self.reason, Field::Reason, 200, !self.approve)?,
        })
    }
}

/// A gas test: `values` keyed `gas.point` (e.g. `oxygen.upper`), `units` by gas.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GasTestForm {
    pub detector_id: String,
    pub calibration_due: String,
    #[serde(default)]
    pub values: HashMap<String, String>,
    #[serde(default)]
    pub units: HashMap<String, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GasTestInput {
    pub detector_id: String,
    pub calibration_due: Date,
    pub readings: Vec<PointReading>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PointReading {
    pub point: SamplePoint,
    pub reading: Reading,
}

#[cfg(feature = "ssr")]
impl GasTestForm {
    /// Empty cells are skipped (a gas the space does not need); whether every required gas
    /// was measured at every height is the service's check, since it needs the space.
    pub fn validate(&self) -> Result<GasTestInput, AppError> {
        let mut readings = Vec::new();
        let mut keys: Vec<&String> = self.values.keys().collect();
        keys.sort();
        for key in keys {
            let text = &self.values[key];
            if text.trim().is_empty() {
                continue;
            }
            let bad = || AppError::invalid(OperationField::Gases, Problem::Invalid);
            let (gas, point) = key.split_once('.').ok_or_else(bad)?;
            let gas = Gas::parse(gas).ok_or_else(bad)?;
            let point = SamplePoint::parse(point).ok_or_else(bad)?;
            let value = input::number(text, OperationField::Gases)?;
            let unit = match self.units.get(gas.as_str()) {
                Some(name) => Unit::parse(name)
                    .filter(|u| gas.units().contains(u))
                    .ok_or_else(bad)?,
                None => gas.units()[0],
            };
            readings.push(PointReading {
                point,
                reading: Reading { gas, value, unit },
            });
        }
        Ok(GasTestInput {
            detector_id: input::line(&self.detector_id, OperationField::Detector, 60, true)?,
            calibration_due: input::date(&self.calibration_due, OperationField::CalibrationDue)?,
            readings,
        })
    }
}

/// Going in: the briefing (安全交底) acknowledged, the tools taken in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntryForm {
    /// Checkbox: present when ticked.
    #[serde(default)]
    pub briefed: Option<String>,
    #[serde(default)]
    pub tools: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntryInput {
    pub briefed: bool,
    pub tools: String,
}

#[cfg(feature = "ssr")]
impl EntryForm {
    pub fn validate(&self) -> Result<EntryInput, AppError> {
        Ok(EntryInput {
            briefed: input::ticked(&self.briefed),
            tools: input::line(&self.tools, OperationField::Tools, 200, false)?,
        })
    }
}

/// Coming out: who (oneself, or someone the attendant records) and the tools brought out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExitForm {
    pub person_id: String,
    #[serde(default)]
    pub tools: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExitInput {
    pub person_id: Uuid,
    pub tools: String,
}

#[cfg(feature = "ssr")]
impl ExitForm {
    pub fn validate(&self) -> Result<ExitInput, AppError> {
        Ok(ExitInput {
            person_id: input::uuid(&self.person_id, Field::User)?,
            tools: input::line(&self.tools, OperationField::Tools, 200, false)?,
        })
    }
}

/// An officer hands the attendant's duty to another person, saying why.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HandoverForm {
    pub to: String,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HandoverInput {
    pub to: Uuid,
    pub reason: String,
}

#[cfg(feature = "ssr")]
impl HandoverForm {
    pub fn validate(&self) -> Result<HandoverInput, AppError> {
        Ok(HandoverInput {
            to: input::uuid(&self.to, OperationField::Attendant)?,
            reason: input::line(&self.reason, Field::Reason, 200, true)?,
        })
    }
}

/// An officer closes in the attendant's place; the reason is required.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CloseForm {
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CloseInput {
    pub reason: String,
}

#[cfg(feature = "ssr")]
impl CloseForm {
    pub fn validate(&self) -> Result<CloseInput, AppError> {
        Ok(CloseInput {
            reason: input::line(&self.reason, Field::Reason, 200, true)?,
        })
    }
}

/// The enterprise's gas-test settings, as typed on the policy page (the toxic fraction in %).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GasPolicyForm {
    pub test_max_age_minutes: String,
    pub retest_interval_minutes: String,
    pub lel_max_percent: String,
    pub grade2_lel_from_percent: String,
    pub grade2_toxic_fraction_percent: String,
}

impl GasPolicyForm {
    /// The form as the page shows it for `policy`.
    pub fn of(policy: &GasPolicy) -> Self {
        GasPolicyForm {
            test_max_age_minutes: policy.test_max_age_minutes.to_string(),
            retest_interval_minutes: policy.retest_interval_minutes.to_string(),
            lel_max_percent: policy.lel_max_percent.to_string(),
            grade2_lel_from_percent: policy.grade2_lel_from_percent.to_string(),
            grade2_toxic_fraction_percent: (policy.grade2_toxic_fraction * 100.0)
                .round()
                .to_string(),
        }
    }
}

#[cfg(feature = "ssr")]
impl GasPolicyForm {
    /// Settings may be stricter than the defaults' basis, never looser than what is certain:
    /// flammable gas stays below 10 % LEL at most (rules::gas; the migration states the same).
    pub fn validate(&self) -> Result<GasPolicy, AppError> {
        let bad = || AppError::invalid(OperationField::Policy, Problem::Invalid);
        let policy = GasPolicy {
            test_max_age_minutes: input::whole(
                &self.test_max_age_minutes,
                OperationField::Policy,
                5..=120,
            )?,
            retest_interval_minutes: input::whole(
                &self.retest_interval_minutes,
                OperationField::Policy,
                5..=240,
            )?,
            lel_max_percent: input::number(&self.lel_max_percent, OperationField::Policy)?,
            grade2_lel_from_percent: input::number(
                &self.grade2_lel_from_percent,
                OperationField::Policy,
            )?,
            grade2_toxic_fraction: input::number(
                &self.grade2_toxic_fraction_percent,
                OperationField::Policy,
            )? / 100.0,
        };
        let ok = policy.lel_max_percent > 0.0
            && policy.lel_max_percent <= 10.0
            && policy.grade2_lel_from_percent > 0.0
            && policy.grade2_lel_from_percent < policy.lel_max_percent
            && policy.grade2_toxic_fraction > 0.0
            && policy.grade2_toxic_fraction < 1.0;
        if ok {
            Ok(policy)
        } else {
            Err(bad())
        }
    }
}

/// 书面委托: the principal delegates approval in writing until the end of a day.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DelegationForm {
    pub delegate_id: String,
    pub valid_until: String,
    pub document_ref: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DelegationInput {
    pub delegate_id: Uuid,
    pub valid_until: OffsetDateTime,
    pub document_ref: String,
}

#[cfg(feature = "ssr")]
impl DelegationForm {
    pub fn validate(&self, now: OffsetDateTime) -> Result<DelegationInput, AppError> {
        let last_day = input::date(&self.valid_until, OperationField::ValidUntil)?;
        let valid_until = input::end_of_day(&self.valid_until, OperationField::ValidUntil)?;
        if valid_until <= now {
            return Err(AppError::invalid(
                OperationField::ValidUntil,
                Problem::Invalid,
            ));
        }
        // A delegate approves confined-space work and needs the yearly training for it, so a
        // delegation runs no longer than that training may (a new one is written each year).
        let today = now.to_offset(crate::time_fmt::CHINA).date();
        let furthest = crate::rules::training::confined_space_last_day(today);
        input::date_within(last_day, OperationField::ValidUntil, today, furthest)?;
        Ok(DelegationInput {
            delegate_id: input::uuid(&self.delegate_id, Field::User)?,
            valid_until,
            document_ref: input::line(&self.document_ref, OperationField::DocumentRef, 100, true)?,
        })
    }
}

#[cfg(all(test, feature = "ssr"))]
#[path = "model_tests.rs"]
mod tests;
