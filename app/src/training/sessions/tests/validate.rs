//! The session form's checks, without a database.

use super::*;
use crate::error::{AnyField, Field};
use crate::training::TrainingField;

#[test]
fn a_good_form_gives_china_times_half_hours_and_a_default_quiz_size() {
    let input = form().validate(NOW).unwrap();
    assert_eq!(input.starts_at, datetime!(2026-12-01 09:00 +8));
    assert_eq!(input.ends_at, datetime!(2026-12-01 11:00 +8));
    assert_eq!(input.credited_half_hours, 4);
    assert_eq!(input.category, Category::ConfinedSpace);
    assert_eq!((input.pass_mark, input.quiz_size), (Some(80), Some(10)));
    assert!(input.open_to_all && input.invitations.is_empty());
    let half = SessionForm {
        hours: "1.5".into(),
        assessment: "none".into(),
        pass_mark: "".into(),
        ..form()
    };
    let input = half.validate(NOW).unwrap();
    assert_eq!((input.credited_half_hours, input.pass_mark), (3, None));
    assert_eq!(input.quiz_size, None);
}

#[test]
fn each_bad_field_is_named() {
    use Problem::*;
    let cases: Vec<(SessionForm, AnyField, Problem)> = vec![
        (
            SessionForm {
                title: " ".into(),
                ..form()
            },
            TrainingField::SessionTitle.into(),
            Required,
        ),
        (
            SessionForm {
                title: "长".repeat(81),
                ..form()
            },
            TrainingField::SessionTitle.into(),
            TooLong { max: 80 },
        ),
        (
            SessionForm {
                title: "a\0".into(),
                ..form()
            },
            TrainingField::SessionTitle.into(),
            Invalid,
        ),
        (
            SessionForm {
                category: "".into(),
                ..form()
            },
            TrainingField::Category.into(),
            Required,
        ),
        (
            SessionForm {
                category: "fun".into(),
                ..form()
            },
            TrainingField::Category.into(),
            Invalid,
        ),
        (
            SessionForm {
                date: "".into(),
                ..form()
            },
            TrainingField::SessionDate.into(),
            Required,
        ),
        (
            SessionForm {
                date: "2026-02-30".into(),
                ..form()
            },
            TrainingField::SessionDate.into(),
            Invalid,
        ),
        (
            SessionForm {
                start: "".into(),
                ..form()
            },
            TrainingField::StartTime.into(),
            Required,
        ),
        (
            SessionForm {
                start: "25:00".into(),
                ..form()
            },
            TrainingField::StartTime.into(),
            Invalid,
        ),
        (
            SessionForm {
                end: "9am".into(),
                ..form()
            },
            TrainingField::EndTime.into(),
            Invalid,
        ),
        (
            SessionForm {
                end: "09:00".into(),
                ..form()
            },
            TrainingField::EndTime.into(),
            BeforeStart,
        ),
        (
            SessionForm {
                end: "08:00".into(),
                ..form()
            },
            TrainingField::EndTime.into(),
            BeforeStart,
        ),
        (
            SessionForm {
                hours: "".into(),
                ..form()
            },
            TrainingField::CreditedHours.into(),
            Required,
        ),
        (
            SessionForm {
                hours: "1.25".into(),
                ..form()
            },
            TrainingField::CreditedHours.into(),
            Invalid,
        ),
        (
            SessionForm {
                hours: "0".into(),
                ..form()
            },
            TrainingField::CreditedHours.into(),
            Invalid,
        ),
        (
            SessionForm {
                hours: "24.5".into(),
                ..form()
            },
            TrainingField::CreditedHours.into(),
            Invalid,
        ),
        (
            SessionForm {
                hours: "NaN".into(),
                ..form()
            },
            TrainingField::CreditedHours.into(),
            Invalid,
        ),
        (
            SessionForm {
                location: "".into(),
                ..form()
            },
            Field::Location.into(),
            Required,
        ),
        (
            SessionForm {
                location: "长".repeat(81),
                ..form()
            },
            Field::Location.into(),
            TooLong { max: 80 },
        ),
        (
            SessionForm {
                trainer_id: "x".into(),
                ..form()
            },
            TrainingField::Trainer.into(),
            Invalid,
        ),
        (
            SessionForm {
                summary: "长".repeat(2001),
                ..form()
            },
            TrainingField::Summary.into(),
            TooLong { max: 2000 },
        ),
        (
            SessionForm {
                audience: "".into(),
                ..form()
            },
            TrainingField::Audience.into(),
            Required,
        ),
        (
            SessionForm {
                audience: "some".into(),
                ..form()
            },
            TrainingField::Audience.into(),
            Invalid,
        ),
        (
            SessionForm {
                audience: "invited".into(),
                ..form()
            },
            TrainingField::Audience.into(),
            Required,
        ),
        (
            SessionForm {
                audience: "invited".into(),
                roles: vec!["regulator".into()],
                ..form()
            },
            TrainingField::Audience.into(),
            Invalid,
        ),
        (
            SessionForm {
                audience: "invited".into(),
                people: vec!["12".into()],
                ..form()
            },
            TrainingField::Audience.into(),
            Invalid,
        ),
        (
            SessionForm {
                audience: "invited".into(),
                departments: vec!["部".repeat(41)],
                ..form()
            },
            TrainingField::Department.into(),
            TooLong { max: 40 },
        ),
        (
            SessionForm {
                assessment: "".into(),
                ..form()
            },
            TrainingField::Assessment.into(),
            Required,
        ),
        (
            SessionForm {
                assessment: "exam".into(),
                ..form()
            },
            TrainingField::Assessment.into(),
            Invalid,
        ),
        (
            SessionForm {
                pass_mark: "".into(),
                ..form()
            },
            TrainingField::PassMark.into(),
            Required,
        ),
        (
            SessionForm {
                pass_mark: "101".into(),
                ..form()
            },
            TrainingField::PassMark.into(),
            Invalid,
        ),
        (
            SessionForm {
                assessment: "score".into(),
                pass_mark: "".into(),
                ..form()
            },
            TrainingField::PassMark.into(),
            Required,
        ),
        (
            SessionForm {
                quiz_size: "0".into(),
                ..form()
            },
            TrainingField::QuizSize.into(),
            Invalid,
        ),
        (
            SessionForm {
                quiz_size: "51".into(),
                ..form()
            },
            TrainingField::QuizSize.into(),
            Invalid,
        ),
    ];
    for (f, field, problem) in cases {
        assert_eq!(check(f.clone()), invalid(field, problem), "{f:?}");
    }
}

#[test]
fn a_date_reaches_two_years_back_and_one_year_ahead() {
    let on = |date: &str| {
        check(SessionForm {
            date: date.into(),
            ..form()
        })
    };
    assert_eq!(on("2024-11-30"), Ok(()));
    assert_eq!(
        on("2024-11-29"),
        invalid(TrainingField::SessionDate, Problem::InPast)
    );
    assert_eq!(on("2027-11-30"), Ok(()));
    assert_eq!(
        on("2027-12-01"),
        invalid(TrainingField::SessionDate, Problem::TooLate)
    );
}

#[test]
fn invitations_are_people_departments_and_roles_each_once() {
    let person = Uuid::now_v7();
    let f = SessionForm {
        audience: "invited".into(),
        people: vec![person.to_string(), person.to_string(), "".into()],
        departments: vec!["二车间".into(), " 二车间 ".into(), "".into()],
        roles: vec!["worker".into()],
        ..form()
    };
    let input = f.validate(NOW).unwrap();
    assert!(!input.open_to_all);
    assert_eq!(
        input.invitations,
        vec![
            (InviteKind::Person, person.to_string()),
            (InviteKind::Department, "二车间".into()),
            (InviteKind::Role, "worker".into()),
        ]
    );
}

#[test]
fn an_override_needs_hours_within_the_session_and_a_reason() {
    let user = Uuid::now_v7().to_string();
    let ok = OverrideForm {
        user_id: user.clone(),
        hours: "1.5".into(),
        reason: "中途离场处理设备故障".into(),
    };
    assert_eq!(ok.validate(4).unwrap().half_hours, 3);
    let no_reason = OverrideForm {
        reason: " ".into(),
        ..ok.clone()
    };
    assert_eq!(
        no_reason.validate(4),
        Err(AppError::invalid(Field::Reason, Problem::Required))
    );
    let long = OverrideForm {
        reason: "长".repeat(201),
        ..ok.clone()
    };
    assert_eq!(
        long.validate(4),
        Err(AppError::invalid(
            Field::Reason,
            Problem::TooLong { max: 200 }
        ))
    );
    let too_many = OverrideForm {
        hours: "2.5".into(),
        ..ok
    };
    assert_eq!(
        too_many.validate(4),
        Err(AppError::invalid(
            TrainingField::HoursOverride,
            Problem::Invalid
        ))
    );
}

#[test]
fn scores_are_whole_numbers_to_100_and_at_least_one_is_given() {
    let user = Uuid::now_v7();
    let row = |score: &str| ScoreRow {
        user_id: user.to_string(),
        score: score.into(),
    };
    let form = |rows| ScoresForm { rows };
    assert_eq!(form(vec![row("85")]).validate(), Ok(vec![(user, 85)]));
    assert_eq!(
        form(vec![row("")]).validate(),
        Err(AppError::invalid(TrainingField::Score, Problem::Required))
    );
    for bad in ["101", "-1", "8.5", "abc"] {
        assert_eq!(
            form(vec![row(bad)]).validate(),
            Err(AppError::invalid(TrainingField::Score, Problem::Invalid)),
            "{bad}"
        );
    }
}
