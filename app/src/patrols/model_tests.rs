//! The patrol forms' validation: every bad input is a named field error.

use super::{Frequency, ItemForm, PointForm, ScheduleForm};
use crate::error::{AppError, Problem};
use crate::patrols::PatrolField;
use uuid::Uuid;

fn schedule() -> ScheduleForm {
    ScheduleForm {
        name: "早班".into(),
        frequency: "daily".into(),
        window_start: "08:00".into(),
        window_end: "10:00".into(),
        role: "worker".into(),
        points: vec![Uuid::now_v7().to_string()],
        ..Default::default()
    }
}

const BAD: [&str; 8] = ["abc", "-5", "1e309", "NaN", "", "😀", "<b>", "25:99"];

#[test]
fn schedule_times_and_numbers_refuse_bad_input() {
    for bad in BAD {
        let mut f = schedule();
        f.window_start = bad.into();
        let err = f.validate().unwrap_err();
        assert!(
            matches!(
                err,
                AppError::Invalid {
                    field,
                    ..
                } if field == PatrolField::WindowStart
            ),
            "{bad}"
        );
        let mut f = schedule();
        f.frequency = "shift".into();
        f.shifts_per_day = bad.into();
        let err = f.validate().unwrap_err();
        assert!(
            matches!(
                err,
                AppError::Invalid {
                    field,
                    ..
                } if field == PatrolField::ShiftsPerDay
            ),
            "{bad}"
        );
        let mut f = schedule();
        f.frequency = "monthly".into();
        f.month_day = bad.into();
        assert!(f.validate().is_err(), "{bad}");
    }
    let mut f = schedule();
    f.name = "字".repeat(10_000);
    assert_eq!(
        f.validate(),
        Err(AppError::invalid(
            PatrolField::Name,
            Problem::TooLong { max: 60 }
        ))
    );
    let mut f = schedule();
    f.role = "regulator".into();
    assert_eq!(
        f.validate(),
        Err(AppError::invalid(PatrolField::Role, Problem::Invalid))
    );
}

#[test]
fn a_schedule_needs_its_who_and_where_and_a_window_that_fits_its_shifts() {
    let mut f = schedule();
    f.role = String::new();
    assert_eq!(
        f.validate(),
        Err(AppError::invalid(
            PatrolField::Patrollers,
            Problem::Required
        ))
    );
    let mut f = schedule();
    f.points.clear();
    assert_eq!(
        f.validate(),
        Err(AppError::invalid(
            PatrolField::PatrolPoint,
            Problem::Required
        ))
    );
    // Three shifts of 8 h: a 9-hour window would overlap the next shift's.
    let mut f = schedule();
    f.frequency = "shift".into();
    f.shifts_per_day = "3".into();
    f.window_end = "17:00".into();
    assert_eq!(
        f.validate(),
        Err(AppError::invalid(PatrolField::WindowEnd, Problem::TooLate))
    );
    f.window_end = "16:00".into();
    let ok = f.validate().unwrap();
    assert_eq!((ok.frequency, ok.shifts_per_day), (Frequency::Shift, 3));
    // A night window crosses midnight.
    let mut f = schedule();
    f.window_start = "22:00".into();
    f.window_end = "06:00".into();
    assert!(f.validate().is_ok());
}

#[test]
fn point_and_item_fields_are_named() {
    let f = PointForm {
        name: "<script>alert(1)</script>".into(),
        space_id: "abc".into(),
        ..Default::default()
    };
    assert_eq!(
        f.validate(),
        Err(AppError::invalid(PatrolField::Space, Problem::Invalid))
    );
    let f = PointForm {
        name: "配电房\u{0}".into(),
        ..Default::default()
    };
    assert_eq!(
        f.validate(),
        Err(AppError::invalid(PatrolField::Name, Problem::Invalid))
    );
    let item = |min: &str, max: &str| ItemForm {
        text: "压力".into(),
        category: "fire".into(),
        answer_type: "number".into(),
        min_value: min.into(),
        max_value: max.into(),
        ..Default::default()
    };
    for bad in ["abc", "1e309", "NaN", "inf"] {
        assert_eq!(
            item(bad, "").validate(),
            Err(AppError::invalid(PatrolField::MinValue, Problem::Invalid)),
            "{bad}"
        );
    }
    assert_eq!(
        item("2", "1").validate(),
        Err(AppError::invalid(PatrolField::MaxValue, Problem::Invalid))
    );
    let ok = item("-5", "").validate().unwrap();
    assert_eq!(
        (ok.min_value, ok.max_value, ok.verified),
        (Some(-5.0), None, false)
    );
}
