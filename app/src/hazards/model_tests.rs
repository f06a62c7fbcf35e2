//! The hazard forms' validation, without a database.

use super::model::*;
use crate::error::{AnyField, AppError, Field, Problem};
use crate::hazards::HazardField;
use uuid::Uuid;

fn invalid(field: impl Into<AnyField>) -> Result<i64, AppError> {
    let field: AnyField = field.into();
    Err(AppError::invalid(field, Problem::Invalid))
}

fn confirm() -> ConfirmForm {
    ConfirmForm {
        grade: "general".into(),
        rectifier_id: Uuid::now_v7().to_string(),
        measures: "更换防爆灯具".into(),
        funds: "1200.5".into(),
        deadline: "2026-12-31".into(),
        interim_control: "设置警戒区".into(),
        ..ConfirmForm::default()
    }
}

fn major() -> ConfirmForm {
    ConfirmForm {
        grade: "major".into(),
        criterion: "第十一条（三）".into(),
        plan_goal: "目标".into(),
        plan_methods: "方法".into(),
        plan_funds: "经费".into(),
        plan_organisation: "机构".into(),
        plan_schedule: "时限".into(),
        plan_safety: "预案".into(),
        reported_on: "2026-12-01".into(),
        ..confirm()
    }
}

#[test]
fn funds_are_exact_yuan_and_fen() {
    assert_eq!(parse_funds("1200.5"), Ok(120_050));
    assert_eq!(parse_funds(" 0 "), Ok(0));
    assert_eq!(parse_funds("9999999999.99"), Ok(FUNDS_MAX_FEN));
    assert_eq!(parse_funds("0.01"), Ok(1));
    for bad in [
        "abc",
        "-5",
        "1e309",
        "NaN",
        "inf",
        "1,000",
        "1.005",
        ".5",
        "+5",
        "１２",
        "99999999999",
    ] {
        assert_eq!(parse_funds(bad), invalid(HazardField::Funds), "{bad}");
    }
    // "5." is five yuan: a phone's decimal keyboard leaves the point.
    assert_eq!(parse_funds("5."), Ok(500));
    assert_eq!(
        parse_funds(""),
        Err(AppError::invalid(HazardField::Funds, Problem::Required))
    );
    assert_eq!(yuan(120_050), "1200.50");
    assert_eq!(yuan(7), "0.07");
}

#[test]
fn a_report_needs_location_description_and_a_known_category() {
    let form = ReportForm {
        location: " 2号车间 ".into(),
        description: "除尘器泄爆片缺失".into(),
        category: "dust_explosion".into(),
        ..ReportForm::default()
    };
    let input = form.validate().unwrap();
    assert_eq!(input.location, "2号车间");
    assert_eq!(input.grade, HazardGrade::General);
    assert_eq!(input.source, HazardSource::EmployeeReport);
    let bad = |f: ReportForm, field: AnyField, problem| {
        assert_eq!(f.validate(), Err(AppError::invalid(field, problem)));
    };
    bad(
        ReportForm {
            location: String::new(),
            ..form.clone()
        },
        Field::Location.into(),
        Problem::Required,
    );
    bad(
        ReportForm {
            description: "字".repeat(10_000),
            ..form.clone()
        },
        HazardField::Description.into(),
        Problem::TooLong {
            max: DESCRIPTION_MAX,
        },
    );
    bad(
        ReportForm {
            category: "volcano".into(),
            ..form.clone()
        },
        HazardField::Category.into(),
        Problem::Invalid,
    );
    bad(
        ReportForm {
            grade: "huge".into(),
            ..form.clone()
        },
        HazardField::Grade.into(),
        Problem::Invalid,
    );
    bad(
        ReportForm {
            source: "rumour".into(),
            ..form.clone()
        },
        HazardField::Source.into(),
        Problem::Invalid,
    );
    bad(
        ReportForm {
            location: "a\u{0}b".into(),
            ..form.clone()
        },
        Field::Location.into(),
        Problem::Invalid,
    );
    // Emoji and HTML are text, shown escaped.
    let emoji = ReportForm {
        description: "<b>🚧</b>\n第二行".into(),
        ..form
    };
    assert_eq!(emoji.validate().unwrap().description, "<b>🚧</b>\n第二行");
}

#[test]
fn confirm_names_each_missing_or_bad_field() {
    let ok = confirm().validate().unwrap();
    assert_eq!(
        (ok.funds_fen, ok.plan, ok.reported_on),
        (120_050, None, None)
    );
    type Set = fn(&mut ConfirmForm);
    let cases: [(Set, AnyField, Problem); 8] = [
        (
            |f| f.grade = "x".into(),
            HazardField::Grade.into(),
            Problem::Invalid,
        ),
        (
            |f| f.rectifier_id = String::new(),
            HazardField::Rectifier.into(),
            Problem::Required,
        ),
        (
            |f| f.rectifier_id = "12".into(),
            HazardField::Rectifier.into(),
            Problem::Invalid,
        ),
        (
            |f| f.measures = " ".into(),
            HazardField::Measures.into(),
            Problem::Required,
        ),
        (
            |f| f.funds = "NaN".into(),
            HazardField::Funds.into(),
            Problem::Invalid,
        ),
        (
            |f| f.deadline = "2026-02-30".into(),
            HazardField::Deadline.into(),
            Problem::Invalid,
        ),
        (
            |f| f.interim_control = String::new(),
            HazardField::InterimControl.into(),
            Problem::Required,
        ),
        (
            |f| f.reported_on = "abc".into(),
            HazardField::ReportedOn.into(),
            Problem::Invalid,
        ),
    ];
    for (set, field, problem) in cases {
        let mut f = confirm();
        set(&mut f);
        assert_eq!(
            f.validate(),
            Err(AppError::invalid(field, problem)),
            "{field:?}"
        );
    }
}

#[test]
fn a_major_hazard_needs_its_six_part_plan_and_the_report_date() {
    let input = major().validate().unwrap();
    assert!(input.plan.is_some() && input.reported_on.is_some());
    let mut f = major();
    f.plan_organisation = String::new();
    assert_eq!(
        f.validate(),
        Err(AppError::invalid(
            HazardField::PlanOrganisation,
            Problem::Required
        ))
    );
    let mut f = major();
    f.reported_on = String::new();
    assert_eq!(
        f.validate(),
        Err(AppError::invalid(
            HazardField::ReportedOn,
            Problem::Required
        ))
    );
}

#[test]
fn notes_are_required_where_the_move_needs_one() {
    assert_eq!(
        OnSpotForm { note: " ".into() }.validate(),
        Err(AppError::invalid(Field::Note, Problem::Required))
    );
    assert_eq!(
        RectifyForm {
            rectification: String::new()
        }
        .validate(),
        Err(AppError::invalid(
            HazardField::Rectification,
            Problem::Required
        ))
    );
    assert_eq!(
        RecheckForm {
            passed: false,
            note: String::new()
        }
        .validate(),
        Err(AppError::invalid(Field::Note, Problem::Required))
    );
    assert_eq!(
        RecheckForm {
            passed: true,
            note: String::new()
        }
        .validate(),
        Ok((true, String::new()))
    );
}
