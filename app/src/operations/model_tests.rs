//! Plain unit tests of the operation forms' `validate()` (no database).

use super::*;
use crate::error::AnyField;
use crate::error::{AppError, Field, Problem};
use crate::operations::OperationField;
use time::Duration;

fn invalid(field: impl Into<AnyField>) -> AppError {
    let field: AnyField = field.into();
    AppError::invalid(field, Problem::Invalid)
}

fn local(t: OffsetDateTime) -> String {
    let t = t.to_offset(crate::time_fmt::CHINA);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        t.year(),
        t.month() as u8,
        t.day(),
        t.hour(),
        t.minute()
    )
}

fn permit(now: OffsetDateTime) -> PermitForm {
    PermitForm {
        space_id: Uuid::now_v7().to_string(),
        work_content: " 清淤 ".into(),
        planned_start: local(now),
        planned_end: local(now + Duration::hours(4)),
        entrants: vec![Uuid::now_v7().to_string()],
        attendant_id: Uuid::now_v7().to_string(),
        person_in_charge_id: Uuid::now_v7().to_string(),
        measures: "关阀\n加盲板".into(),
        checklist: vec!["isolation".into(), "rescue".into()],
        ..PermitForm::default()
    }
}

#[test]
fn a_permit_is_trimmed_typed_and_its_entrants_listed_once() {
    let now = OffsetDateTime::now_utc();
    let mut form = permit(now);
    form.entrants.push(form.entrants[0].clone());
    let input = form.validate(now).unwrap();
    assert_eq!(input.work_content, "清淤");
    assert_eq!(input.entrants.len(), 1);
    assert_eq!(
        input.checklist,
        vec![PreEntryCheck::Isolation, PreEntryCheck::Rescue]
    );
    assert_eq!(input.measures, "关阀\n加盲板");
}

#[test]
fn a_permit_names_the_field_that_is_wrong() {
    let now = OffsetDateTime::now_utc();
    type Change = fn(&mut PermitForm);
    let cases: Vec<(Change, AppError)> = vec![
        (
            |f| f.work_content = " ".into(),
            AppError::invalid(OperationField::WorkContent, Problem::Required),
        ),
        (
            |f| f.work_content = "清淤\0".into(),
            invalid(OperationField::WorkContent),
        ),
        (
            |f| f.work_content = "长".repeat(201),
            AppError::invalid(OperationField::WorkContent, Problem::TooLong { max: 200 }),
        ),
        (
            |f| f.planned_start = "soon".into(),
            invalid(OperationField::PlannedStart),
        ),
        (
            |f| f.planned_end = f.planned_start.clone(),
            invalid(OperationField::PlannedEnd),
        ),
        (
            |f| f.entrants.clear(),
            AppError::invalid(OperationField::Entrants, Problem::Required),
        ),
        (
            |f| f.entrants = vec!["x".into()],
            invalid(OperationField::Entrants),
        ),
        (
            |f| f.attendant_id = "1".into(),
            invalid(OperationField::Attendant),
        ),
        (
            |f| f.contractor = "包".repeat(101),
            AppError::invalid(OperationField::Contractor, Problem::TooLong { max: 100 }),
        ),
        (
            |f| f.checklist.push("prayer".into()),
            invalid(OperationField::Checklist),
        ),
        (
            |f| f.rescue_equipment = "绳\u{7}".into(),
            invalid(OperationField::Equipment),
        ),
    ];
    for (change, expected) in cases {
        let mut form = permit(now);
        change(&mut form);
        assert_eq!(form.validate(now), Err(expected));
    }
}

#[test]
fn a_permit_that_already_ended_is_refused() {
    let now = OffsetDateTime::now_utc();
    let mut form = permit(now - Duration::minutes(20));
    form.planned_end = local(now - Duration::minutes(5));
    assert_eq!(form.validate(now), Err(invalid(OperationField::PlannedEnd)));
}

#[test]
fn a_permit_starts_no_earlier_than_a_short_grace_before_now() {
    let now = OffsetDateTime::now_utc();
    // Filled in on site a few minutes after the planned start: fine.
    assert!(permit(now - Duration::minutes(10)).validate(now).is_ok());
    let backdated = permit(now - Duration::hours(6));
    assert_eq!(
        backdated.validate(now),
        Err(AppError::invalid(
            OperationField::PlannedStart,
            Problem::InPast
        ))
    );
}

/// A permit is planned at most `PERMIT_PLAN_DAYS_AHEAD` days ahead (China days, the last one
/// included); 9999-12-31 is no time at all.
#[test]
fn a_permit_is_planned_no_further_ahead_than_a_quarter() {
    let now = time::macros::datetime!(2026-12-06 10:00 +8);
    let days = crate::input::PERMIT_PLAN_DAYS_AHEAD;
    let last = now + Duration::days(days) + Duration::hours(13);
    assert!(permit(last).validate(now).is_ok(), "23:00 of the last day");
    let latest = time::macros::date!(2026 - 12 - 06) + Duration::days(days);
    assert_eq!(
        permit(last + Duration::hours(1)).validate(now),
        Err(AppError::invalid(
            OperationField::PlannedStart,
            Problem::NotAfter { latest }
        ))
    );
    let mut form = permit(now);
    form.planned_start = "9999-12-31T23:00".into();
    form.planned_end = "9999-12-31T23:59".into();
    assert_eq!(
        form.validate(now),
        Err(invalid(OperationField::PlannedStart))
    );
}

#[test]
fn a_rejection_needs_a_reason_and_an_approval_does_not() {
    let reject = DecisionForm {
        approve: false,
        reason: " ".into(),
    };
    assert_eq!(
        reject.validate(),
        Err(AppError::invalid(Field::Reason, Problem::Required))
    );
    let approve = DecisionForm {
        approve: true,
        reason: String::new(),
    };
    assert!(approve.validate().unwrap().approve);
}

fn gas_form(values: &[(&str, &str)]) -> GasTestForm {
    GasTestForm {
        detector_id: "MX4-0012".into(),
        calibration_due: "2099-01-01".into(),
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        units: HashMap::new(),
    }
}

#[test]
fn gas_readings_are_parsed_per_gas_and_height() {
    let mut form = gas_form(&[
        ("oxygen.upper", "20.9"),
        ("hydrogen_sulfide.lower", "3"),
        ("carbon_monoxide.middle", " "),
    ]);
    form.units.insert("hydrogen_sulfide".into(), "ppm".into());
    let input = form.validate().unwrap();
    assert_eq!(input.readings.len(), 2);
    let h2s = input
        .readings
        .iter()
        .find(|r| r.reading.gas == Gas::HydrogenSulfide)
        .unwrap();
    assert_eq!(
        (h2s.point, h2s.reading.unit),
        (SamplePoint::Lower, Unit::Ppm)
    );
    let o2 = input
        .readings
        .iter()
        .find(|r| r.reading.gas == Gas::Oxygen)
        .unwrap();
    assert_eq!(o2.reading.unit, Unit::PercentVolume);
}

#[test]
fn bad_gas_readings_are_field_errors() {
    for (key, value) in [
        ("oxygen.upper", "abc"),
        ("oxygen.upper", "NaN"),
        ("oxygen.upper", "1e309"),
        ("oxygen.top", "20.9"),
        ("argon.upper", "1"),
        ("oxygen", "20.9"),
    ] {
        assert_eq!(
            gas_form(&[(key, value)]).validate(),
            Err(invalid(OperationField::Gases)),
            "{key}={value}"
        );
    }
    // A unit the gas cannot be measured in.
    let mut form = gas_form(&[("oxygen.upper", "20.9")]);
    form.units.insert("oxygen".into(), "ppm".into());
    assert_eq!(form.validate(), Err(invalid(OperationField::Gases)));
    let mut form = gas_form(&[]);
    form.detector_id = " ".into();
    assert_eq!(
        form.validate(),
        Err(AppError::invalid(
            OperationField::Detector,
            Problem::Required
        ))
    );
    let mut form = gas_form(&[]);
    form.calibration_due = "2026-13-01".into();
    assert_eq!(
        form.validate(),
        Err(invalid(OperationField::CalibrationDue))
    );
}

#[test]
fn entry_and_exit_forms_bound_the_tools() {
    let entry = EntryForm {
        briefed: Some("on".into()),
        tools: " 手电 ".into(),
    };
    assert_eq!(
        entry.validate().unwrap(),
        EntryInput {
            briefed: true,
            tools: "手电".into()
        }
    );
    let entry = EntryForm {
        briefed: None,
        tools: "\0".into(),
    };
    assert_eq!(entry.validate(), Err(invalid(OperationField::Tools)));
    let exit = ExitForm {
        person_id: "nobody".into(),
        tools: String::new(),
    };
    assert_eq!(exit.validate(), Err(invalid(Field::User)));
}

#[test]
fn a_gas_policy_is_numbers_within_what_is_certain() {
    let form = GasPolicyForm::of(&GasPolicy::default());
    assert_eq!(form.validate().unwrap(), GasPolicy::default());
    let cases: Vec<fn(&mut GasPolicyForm)> = vec![
        |f| f.test_max_age_minutes = "abc".into(),
        |f| f.test_max_age_minutes = "-5".into(),
        |f| f.retest_interval_minutes = "241".into(),
        |f| f.lel_max_percent = "12".into(),
        |f| f.lel_max_percent = "NaN".into(),
        |f| f.grade2_lel_from_percent = "10".into(),
        |f| f.grade2_toxic_fraction_percent = "100".into(),
        |f| f.grade2_toxic_fraction_percent = "".into(),
    ];
    for change in cases {
        let mut form = GasPolicyForm::of(&GasPolicy::default());
        change(&mut form);
        assert!(
            matches!(
                form.validate(),
                Err(AppError::Invalid {
                    field,
                    ..
                }) if field == OperationField::Policy
            ),
            "{form:?}"
        );
    }
}

#[test]
fn a_delegation_is_in_writing_and_ends_within_a_year() {
    let now = time::macros::datetime!(2026-11-30 10:00 +8);
    let form = DelegationForm {
        delegate_id: Uuid::now_v7().to_string(),
        valid_until: "2027-11-30".into(),
        document_ref: " 委托书1 ".into(),
    };
    assert_eq!(form.validate(now).unwrap().document_ref, "委托书1");
    let mut too_late = form.clone();
    too_late.valid_until = "2099-12-31".into();
    let latest = time::macros::date!(2027 - 11 - 30);
    assert_eq!(
        too_late.validate(now),
        Err(AppError::invalid(
            OperationField::ValidUntil,
            Problem::NotAfter { latest }
        ))
    );
    too_late.valid_until = "9999-12-31".into();
    assert_eq!(
        too_late.validate(now),
        Err(invalid(OperationField::ValidUntil))
    );
    let mut past = form.clone();
    past.valid_until = "2020-01-01".into();
    assert_eq!(past.validate(now), Err(invalid(OperationField::ValidUntil)));
    let mut unnamed = form.clone();
    unnamed.document_ref = String::new();
    assert_eq!(
        unnamed.validate(now),
        Err(AppError::invalid(
            OperationField::DocumentRef,
            Problem::Required
        ))
    );
}

#[test]
fn a_handover_names_the_new_attendant_and_why() {
    let form = HandoverForm {
        to: Uuid::now_v7().to_string(),
        reason: "原监护人手机丢失".into(),
    };
    assert!(form.validate().is_ok());
    let why_not = HandoverForm {
        reason: " ".into(),
        ..form.clone()
    };
    assert_eq!(
        why_not.validate(),
        Err(AppError::invalid(Field::Reason, Problem::Required))
    );
    let nobody = HandoverForm {
        to: "x".into(),
        ..form
    };
    assert_eq!(nobody.validate(), Err(invalid(OperationField::Attendant)));
}

#[test]
fn closing_in_the_attendants_place_needs_a_reason() {
    assert!(CloseForm {
        reason: "监护人突发疾病送医".into()
    }
    .validate()
    .is_ok());
    assert_eq!(
        CloseForm {
            reason: "\u{0}".into()
        }
        .validate()
        .map(|_| ()),
        Err(invalid(Field::Reason))
    );
    assert_eq!(
        CloseForm::default().validate(),
        Err(AppError::invalid(Field::Reason, Problem::Required))
    );
}

#[test]
fn steps_are_a_closed_list() {
    assert_eq!(Step::parse("ventilate"), Some(Step::Ventilate));
    assert_eq!(Step::parse("teleport"), None);
}
