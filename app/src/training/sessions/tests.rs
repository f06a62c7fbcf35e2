//! Tests of sessions: the form's checks (plain), and against the database: creation with bad
//! input saves nothing, retries, the roster's ticks and hours at the edges, scores with the
//! confined-space qualification, who may do what, and another enterprise's view.

use super::{
    model::{OverrideForm, PresenceForm, ScoreRow, ScoresForm, SessionForm},
    roster, service,
};
use crate::{
    auth::{Role, SessionUser},
    error::{AppError, Field, Problem},
    testing::{self, audit_rows, count},
    training::{
        db::holds_valid, fixtures, session_db, Assessment, Category, InviteKind, QualificationKind,
        TrainingRefusal,
    },
};
use sqlx::PgPool;
use time::{macros::datetime, Duration, OffsetDateTime};
use uuid::Uuid;

const NOW: OffsetDateTime = datetime!(2026-11-30 10:00 +8);

fn form() -> SessionForm {
    SessionForm {
        title: "有限空间作业专题培训".into(),
        category: "confined_space".into(),
        date: "2026-12-01".into(),
        start: "09:00".into(),
        end: "11:00".into(),
        hours: "2".into(),
        location: "三楼会议室".into(),
        trainer_id: String::new(),
        summary: "先通风、再检测、后作业".into(),
        audience: "all".into(),
        assessment: "quiz".into(),
        pass_mark: "80".into(),
        ..Default::default()
    }
}

fn invalid(field: Field, problem: Problem) -> Result<(), AppError> {
    Err(AppError::invalid(field, problem))
}

fn check(f: SessionForm) -> Result<(), AppError> {
    f.validate(NOW).map(|_| ())
}

mod validate {
    use super::*;

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
        let cases: Vec<(SessionForm, Field, Problem)> = vec![
            (
                SessionForm {
                    title: " ".into(),
                    ..form()
                },
                Field::SessionTitle,
                Required,
            ),
            (
                SessionForm {
                    title: "长".repeat(81),
                    ..form()
                },
                Field::SessionTitle,
                TooLong { max: 80 },
            ),
            (
                SessionForm {
                    title: "a\0".into(),
                    ..form()
                },
                Field::SessionTitle,
                Invalid,
            ),
            (
                SessionForm {
                    category: "".into(),
                    ..form()
                },
                Field::Category,
                Required,
            ),
            (
                SessionForm {
                    category: "fun".into(),
                    ..form()
                },
                Field::Category,
                Invalid,
            ),
            (
                SessionForm {
                    date: "".into(),
                    ..form()
                },
                Field::SessionDate,
                Required,
            ),
            (
                SessionForm {
                    date: "2026-02-30".into(),
                    ..form()
                },
                Field::SessionDate,
                Invalid,
            ),
            (
                SessionForm {
                    start: "".into(),
                    ..form()
                },
                Field::StartTime,
                Required,
            ),
            (
                SessionForm {
                    start: "25:00".into(),
                    ..form()
                },
                Field::StartTime,
                Invalid,
            ),
            (
                SessionForm {
                    end: "9am".into(),
                    ..form()
                },
                Field::EndTime,
                Invalid,
            ),
            (
                SessionForm {
                    end: "09:00".into(),
                    ..form()
                },
                Field::EndTime,
                BeforeStart,
            ),
            (
                SessionForm {
                    end: "08:00".into(),
                    ..form()
                },
                Field::EndTime,
                BeforeStart,
            ),
            (
                SessionForm {
                    hours: "".into(),
                    ..form()
                },
                Field::CreditedHours,
                Required,
            ),
            (
                SessionForm {
                    hours: "1.25".into(),
                    ..form()
                },
                Field::CreditedHours,
                Invalid,
            ),
            (
                SessionForm {
                    hours: "0".into(),
                    ..form()
                },
                Field::CreditedHours,
                Invalid,
            ),
            (
                SessionForm {
                    hours: "24.5".into(),
                    ..form()
                },
                Field::CreditedHours,
                Invalid,
            ),
            (
                SessionForm {
                    hours: "NaN".into(),
                    ..form()
                },
                Field::CreditedHours,
                Invalid,
            ),
            (
                SessionForm {
                    location: "".into(),
                    ..form()
                },
                Field::Location,
                Required,
            ),
            (
                SessionForm {
                    location: "长".repeat(81),
                    ..form()
                },
                Field::Location,
                TooLong { max: 80 },
            ),
            (
                SessionForm {
                    trainer_id: "x".into(),
                    ..form()
                },
                Field::Trainer,
                Invalid,
            ),
            (
                SessionForm {
                    summary: "长".repeat(2001),
                    ..form()
                },
                Field::Summary,
                TooLong { max: 2000 },
            ),
            (
                SessionForm {
                    audience: "".into(),
                    ..form()
                },
                Field::Audience,
                Required,
            ),
            (
                SessionForm {
                    audience: "some".into(),
                    ..form()
                },
                Field::Audience,
                Invalid,
            ),
            (
                SessionForm {
                    audience: "invited".into(),
                    ..form()
                },
                Field::Audience,
                Required,
            ),
            (
                SessionForm {
                    audience: "invited".into(),
                    roles: vec!["regulator".into()],
                    ..form()
                },
                Field::Audience,
                Invalid,
            ),
            (
                SessionForm {
                    audience: "invited".into(),
                    people: vec!["12".into()],
                    ..form()
                },
                Field::Audience,
                Invalid,
            ),
            (
                SessionForm {
                    audience: "invited".into(),
                    departments: vec!["部".repeat(41)],
                    ..form()
                },
                Field::Department,
                TooLong { max: 40 },
            ),
            (
                SessionForm {
                    assessment: "".into(),
                    ..form()
                },
                Field::Assessment,
                Required,
            ),
            (
                SessionForm {
                    assessment: "exam".into(),
                    ..form()
                },
                Field::Assessment,
                Invalid,
            ),
            (
                SessionForm {
                    pass_mark: "".into(),
                    ..form()
                },
                Field::PassMark,
                Required,
            ),
            (
                SessionForm {
                    pass_mark: "101".into(),
                    ..form()
                },
                Field::PassMark,
                Invalid,
            ),
            (
                SessionForm {
                    assessment: "score".into(),
                    pass_mark: "".into(),
                    ..form()
                },
                Field::PassMark,
                Required,
            ),
            (
                SessionForm {
                    quiz_size: "0".into(),
                    ..form()
                },
                Field::QuizSize,
                Invalid,
            ),
            (
                SessionForm {
                    quiz_size: "51".into(),
                    ..form()
                },
                Field::QuizSize,
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
            invalid(Field::SessionDate, Problem::InPast)
        );
        assert_eq!(on("2027-11-30"), Ok(()));
        assert_eq!(
            on("2027-12-01"),
            invalid(Field::SessionDate, Problem::TooLate)
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
            Err(AppError::invalid(Field::HoursOverride, Problem::Invalid))
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
            Err(AppError::invalid(Field::Score, Problem::Required))
        );
        for bad in ["101", "-1", "8.5", "abc"] {
            assert_eq!(
                form(vec![row(bad)]).validate(),
                Err(AppError::invalid(Field::Score, Problem::Invalid)),
                "{bad}"
            );
        }
    }
}

/// The enterprise A's people for a test: an admin, an officer, a trainer and two workers,
/// and B's officer.
struct People {
    officer: SessionUser,
    trainer: SessionUser,
    other_trainer: SessionUser,
    worker: SessionUser,
    worker2: SessionUser,
    foreign: SessionUser,
}

async fn people(pool: &PgPool) -> People {
    let orgs = testing::orgs(pool).await;
    let p = |role, mobile| testing::user(pool, orgs.a, role, mobile);
    People {
        officer: p(Role::SafetyOfficer, "13900000001").await,
        trainer: p(Role::Trainer, "13900000002").await,
        other_trainer: p(Role::Trainer, "13900000003").await,
        worker: p(Role::Worker, "13900000004").await,
        worker2: p(Role::Worker, "13900000005").await,
        foreign: testing::user(pool, orgs.b, Role::SafetyOfficer, "13900000006").await,
    }
}

fn today_form() -> SessionForm {
    let today = crate::time_fmt::china_day(OffsetDateTime::now_utc());
    SessionForm {
        date: today.to_string(),
        ..form()
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn bad_input_saves_nothing_and_names_the_field(pool: PgPool) {
    let p = people(&pool).await;
    let now = OffsetDateTime::now_utc();
    let bad = [
        (
            SessionForm {
                title: "".into(),
                ..today_form()
            },
            Field::SessionTitle,
        ),
        (
            SessionForm {
                end: "08:00".into(),
                ..today_form()
            },
            Field::EndTime,
        ),
        (
            SessionForm {
                hours: "1.2".into(),
                ..today_form()
            },
            Field::CreditedHours,
        ),
        (
            SessionForm {
                pass_mark: "".into(),
                ..today_form()
            },
            Field::PassMark,
        ),
        // A worker cannot be the trainer; nobody of another enterprise can.
        (
            SessionForm {
                trainer_id: p.worker.id.to_string(),
                ..today_form()
            },
            Field::Trainer,
        ),
        (
            SessionForm {
                trainer_id: p.foreign.id.to_string(),
                ..today_form()
            },
            Field::Trainer,
        ),
        (
            SessionForm {
                audience: "invited".into(),
                people: vec![p.foreign.id.to_string()],
                ..today_form()
            },
            Field::Audience,
        ),
    ];
    for (f, field) in bad {
        let err = service::create(&pool, &p.trainer, Uuid::now_v7(), &f, now)
            .await
            .unwrap_err();
        assert!(
            matches!(err, AppError::Invalid { field: got, .. } if got == field),
            "{field:?}: {err:?}"
        );
    }
    assert_eq!(
        count(&pool, "select count(*) from training_sessions").await,
        0
    );
    assert_eq!(
        count(&pool, "select count(*) from training_invitations").await,
        0
    );
    assert_eq!(audit_rows(&pool, "training.session_create").await, 0);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_retry_stores_one_session_and_a_reused_id_is_refused(pool: PgPool) {
    let p = people(&pool).await;
    let now = OffsetDateTime::now_utc();
    let client_id = Uuid::now_v7();
    let invited = SessionForm {
        audience: "invited".into(),
        departments: vec!["二车间".into()],
        people: vec![p.worker.id.to_string()],
        ..today_form()
    };
    let first = service::create(&pool, &p.trainer, client_id, &invited, now)
        .await
        .unwrap();
    let again = service::create(&pool, &p.trainer, client_id, &invited, now)
        .await
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(
        count(&pool, "select count(*) from training_sessions").await,
        1
    );
    assert_eq!(
        count(&pool, "select count(*) from training_invitations").await,
        2
    );
    assert_eq!(audit_rows(&pool, "training.session_create").await, 1);
    let other = SessionForm {
        title: "另一场培训".into(),
        ..today_form()
    };
    assert_eq!(
        service::create(&pool, &p.trainer, client_id, &other, now).await,
        Err(AppError::ClientIdReused)
    );
    // The session has its trainer (the creator), a sign-in token and a 32-byte QR key.
    let orgs_a = p.trainer.enterprise_id.unwrap();
    let s = session_db::session(&pool, orgs_a, first, false)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (s.trainer_id, s.assessment),
        (p.trainer.id, Assessment::Quiz)
    );
    assert_eq!(s.token.len(), 26);
    let key_len: i32 = sqlx::query_scalar("select length(qr_secret) from training_sessions")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(key_len, 32);
    // Copying prefills the form with everything but the date.
    let draft = service::draft(&pool, &p.officer, Some(first))
        .await
        .unwrap();
    assert_eq!(draft.form.title, invited.title);
    assert_eq!(draft.form.departments, vec!["二车间".to_owned()]);
    assert_eq!(draft.form.people, vec![p.worker.id.to_string()]);
    assert_eq!(
        (draft.form.hours.as_str(), draft.form.start.as_str()),
        ("2", "09:00")
    );
    assert_eq!(draft.form.date, "");
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn workers_cannot_create_or_tick_and_a_trainer_runs_only_their_own(pool: PgPool) {
    let p = people(&pool).await;
    let now = OffsetDateTime::now_utc();
    assert_eq!(
        service::create(&pool, &p.worker, Uuid::now_v7(), &today_form(), now).await,
        Err(AppError::Forbidden)
    );
    let a = p.trainer.enterprise_id.unwrap();
    let s = fixtures::session(&pool, a, p.trainer.id, Default::default()).await;
    let tick = PresenceForm {
        user_id: p.worker2.id.to_string(),
        time: String::new(),
    };
    assert_eq!(
        roster::sign_in(&pool, &p.worker, Uuid::now_v7(), s.id, &tick).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        roster::sign_in(&pool, &p.other_trainer, Uuid::now_v7(), s.id, &tick).await,
        Err(AppError::Forbidden)
    );
    // An officer runs every session of the enterprise.
    roster::sign_in(&pool, &p.officer, Uuid::now_v7(), s.id, &tick)
        .await
        .unwrap();
    assert_eq!(
        count(&pool, "select count(*) from training_attendance").await,
        1
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_tick_is_recorded_once_by_the_trainer_with_their_name(pool: PgPool) {
    let p = people(&pool).await;
    let a = p.trainer.enterprise_id.unwrap();
    let s = fixtures::session(&pool, a, p.trainer.id, Default::default()).await;
    let tick = PresenceForm {
        user_id: p.worker.id.to_string(),
        time: String::new(),
    };
    let client_id = Uuid::now_v7();
    for id in [client_id, client_id, Uuid::now_v7()] {
        roster::sign_in(&pool, &p.trainer, id, s.id, &tick)
            .await
            .unwrap();
    }
    assert_eq!(
        count(&pool, "select count(*) from training_attendance").await,
        1
    );
    assert_eq!(audit_rows(&pool, "training.roster_sign_in").await, 1);
    let by: (String, Uuid) =
        sqlx::query_as("select sign_in_by, sign_in_recorded_by from training_attendance")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(by, ("trainer".to_owned(), p.trainer.id));
    let page = service::page(&pool, &p.trainer, s.id).await.unwrap();
    let row = &page.roster[0];
    assert_eq!(row.ticked_by.as_deref(), Some(p.trainer.name.as_str()));
    assert_eq!((row.half_hours, row.late), (Some(4), false));
    // The same client id for another person is a reuse.
    let other = PresenceForm {
        user_id: p.worker2.id.to_string(),
        time: String::new(),
    };
    assert_eq!(
        roster::sign_in(&pool, &p.trainer, client_id, s.id, &other).await,
        Err(AppError::ClientIdReused)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn hours_at_the_edges_through_the_roster(pool: PgPool) {
    let p = people(&pool).await;
    let a = p.trainer.enterprise_id.unwrap();
    // A 2-hour session of 2 credited hours, 09:00–11:00 China time, yesterday.
    let day = crate::time_fmt::china_day(OffsetDateTime::now_utc()) - Duration::days(1);
    let spec = fixtures::SessionSpec {
        starts_at: day
            .with_hms(9, 0, 0)
            .unwrap()
            .assume_offset(crate::time_fmt::CHINA),
        ..Default::default()
    };
    let s = fixtures::session(&pool, a, p.trainer.id, spec).await;
    let at = |user: &SessionUser, time: &str| PresenceForm {
        user_id: user.id.to_string(),
        time: time.into(),
    };
    let now = OffsetDateTime::now_utc();
    // Late by one minute: 119 minutes present, 1.5 of 2 hours.
    roster::sign_in(
        &pool,
        &p.trainer,
        Uuid::now_v7(),
        s.id,
        &at(&p.worker, "09:01"),
    )
    .await
    .unwrap();
    // On time, left 40 minutes early: 80 minutes, 1 hour.
    roster::sign_in(&pool, &p.trainer, Uuid::now_v7(), s.id, &at(&p.worker2, ""))
        .await
        .unwrap();
    roster::sign_out(
        &pool,
        &p.trainer,
        Uuid::now_v7(),
        s.id,
        &at(&p.worker2, "10:20"),
        now,
    )
    .await
    .unwrap();
    // A sign-out before the sign-in, and a sign-in after the end, are refused.
    assert_eq!(
        roster::sign_out(
            &pool,
            &p.trainer,
            Uuid::now_v7(),
            s.id,
            &at(&p.worker, "09:00"),
            now
        )
        .await,
        Err(AppError::invalid(Field::SignOutTime, Problem::BeforeStart))
    );
    assert_eq!(
        roster::sign_in(
            &pool,
            &p.trainer,
            Uuid::now_v7(),
            s.id,
            &at(&p.officer, "11:01")
        )
        .await,
        Err(AppError::invalid(Field::SignInTime, Problem::TooLate))
    );
    let page = service::page(&pool, &p.trainer, s.id).await.unwrap();
    let row = |u: &SessionUser| {
        page.roster
            .iter()
            .find(|r| r.user_id == u.id)
            .unwrap()
            .clone()
    };
    let late = row(&p.worker);
    assert_eq!(
        (late.half_hours, late.late, late.left_early),
        (Some(3), true, false)
    );
    let early = row(&p.worker2);
    assert_eq!(
        (early.half_hours, early.late, early.left_early),
        (Some(2), false, true)
    );
    assert_eq!(early.signed_out.as_deref(), Some("10:20"));

    // An override needs a reason; with one it counts and is audited.
    let no_reason = OverrideForm {
        user_id: p.worker2.id.to_string(),
        hours: "2".into(),
        reason: "".into(),
    };
    assert_eq!(
        roster::override_hours(&pool, &p.trainer, Uuid::now_v7(), s.id, &no_reason).await,
        Err(AppError::invalid(Field::Reason, Problem::Required))
    );
    assert_eq!(audit_rows(&pool, "training.hours_override").await, 0);
    let with_reason = OverrideForm {
        reason: "提前离场为设备抢修，内容已补学".into(),
        ..no_reason
    };
    roster::override_hours(&pool, &p.trainer, Uuid::now_v7(), s.id, &with_reason)
        .await
        .unwrap();
    assert_eq!(audit_rows(&pool, "training.hours_override").await, 1);
    let detail: serde_json::Value =
        sqlx::query_scalar("select detail from audit_log where action = 'training.hours_override'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(detail["reason"], "提前离场为设备抢修，内容已补学");
    assert_eq!(detail["half_hours"], 4);
    let page = service::page(&pool, &p.trainer, s.id).await.unwrap();
    let overridden = page
        .roster
        .iter()
        .find(|r| r.user_id == p.worker2.id)
        .unwrap();
    assert_eq!(overridden.half_hours, Some(4));
    // Someone not signed in gets no override.
    let absent = OverrideForm {
        user_id: p.officer.id.to_string(),
        ..with_reason
    };
    assert_eq!(
        roster::override_hours(&pool, &p.trainer, Uuid::now_v7(), s.id, &absent).await,
        Err(AppError::refused(TrainingRefusal::PersonNotSignedIn))
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_passing_score_qualifies_for_confined_space_and_a_corrected_fail_withdraws_it(
    pool: PgPool,
) {
    let p = people(&pool).await;
    let a = p.trainer.enterprise_id.unwrap();
    let s = fixtures::session(&pool, a, p.trainer.id, Default::default()).await;
    fixtures::attend(&pool, &s, p.worker.id, s.starts_at).await;
    let scores = |score: &str| ScoresForm {
        rows: vec![ScoreRow {
            user_id: p.worker.id.to_string(),
            score: score.into(),
        }],
    };
    let now = OffsetDateTime::now_utc();
    let holds = |pool: PgPool| async move {
        let mut conn = pool.acquire().await.unwrap();
        holds_valid(
            &mut conn,
            p.worker.id,
            QualificationKind::ConfinedSpace,
            now,
        )
        .await
        .unwrap()
    };
    assert!(!holds(pool.clone()).await);
    // Pass mark 60: 60 passes.
    roster::scores(&pool, &p.trainer, Uuid::now_v7(), s.id, &scores("60"), now)
        .await
        .unwrap();
    let result: (Option<i32>, Option<bool>, Option<String>) =
        sqlx::query_as("select score, passed, assessed_by from training_attendance")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(result, (Some(60), Some(true), Some("trainer".into())));
    assert!(holds(pool.clone()).await);
    // A corrected score of 59 fails and withdraws the qualification.
    roster::scores(&pool, &p.trainer, Uuid::now_v7(), s.id, &scores("59"), now)
        .await
        .unwrap();
    assert!(!holds(pool.clone()).await);
    assert_eq!(audit_rows(&pool, "training.scores").await, 2);
    // A score for someone not signed in is refused, and nothing of the list is stored.
    let mixed = ScoresForm {
        rows: vec![
            ScoreRow {
                user_id: p.worker.id.to_string(),
                score: "90".into(),
            },
            ScoreRow {
                user_id: p.worker2.id.to_string(),
                score: "90".into(),
            },
        ],
    };
    assert_eq!(
        roster::scores(&pool, &p.trainer, Uuid::now_v7(), s.id, &mixed, now).await,
        Err(AppError::refused(TrainingRefusal::PersonNotSignedIn))
    );
    assert!(!holds(pool.clone()).await);
    // A quiz session takes no scores from the trainer.
    let quiz = fixtures::SessionSpec {
        assessment: Assessment::Quiz,
        pass_mark: Some(80),
        quiz_size: Some(10),
        ..Default::default()
    };
    let q = fixtures::session(&pool, a, p.trainer.id, quiz).await;
    fixtures::attend(&pool, &q, p.worker.id, q.starts_at).await;
    assert_eq!(
        roster::scores(&pool, &p.trainer, Uuid::now_v7(), q.id, &scores("90"), now).await,
        Err(AppError::refused(TrainingRefusal::ScoresNotAsked))
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_invited_roster_lists_the_invited_and_refuses_others(pool: PgPool) {
    let p = people(&pool).await;
    let now = OffsetDateTime::now_utc();
    sqlx::query("update users set department = '二车间' where id = $1")
        .bind(p.worker2.id)
        .execute(&pool)
        .await
        .unwrap();
    let f = SessionForm {
        audience: "invited".into(),
        departments: vec!["二车间".into()],
        people: vec![p.worker.id.to_string()],
        assessment: "score".into(),
        ..today_form()
    };
    let id = service::create(&pool, &p.trainer, Uuid::now_v7(), &f, now)
        .await
        .unwrap();
    let page = service::page(&pool, &p.trainer, id).await.unwrap();
    let mut on_roster: Vec<Uuid> = page.roster.iter().map(|r| r.user_id).collect();
    on_roster.sort();
    let mut expected = vec![p.worker.id, p.worker2.id];
    expected.sort();
    assert_eq!(on_roster, expected);
    let tick = PresenceForm {
        user_id: p.officer.id.to_string(),
        time: String::new(),
    };
    assert_eq!(
        roster::sign_in(&pool, &p.trainer, Uuid::now_v7(), id, &tick).await,
        Err(AppError::refused(TrainingRefusal::NotInvitedToSession))
    );
    // The list: invited 2, signed in 0; the worker sees it among their upcoming sessions.
    let home = service::home(&pool, &p.trainer, now - Duration::days(1))
        .await
        .unwrap();
    let line = home.upcoming.iter().find(|l| l.id == id).unwrap();
    assert_eq!((line.invited, line.signed_in), (Some(2), 0));
    let mine = service::home(&pool, &p.worker, now - Duration::days(1))
        .await
        .unwrap();
    assert!(!mine.staff && mine.upcoming.is_empty());
    assert_eq!(
        mine.my_upcoming.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![id]
    );
    let not_invited = service::home(&pool, &p.officer, now - Duration::days(1))
        .await
        .unwrap();
    assert!(not_invited.my_upcoming.is_empty());
    // Cancelled: no more ticks; a second cancel changes nothing.
    service::cancel(&pool, &p.trainer, Uuid::now_v7(), id, now)
        .await
        .unwrap();
    service::cancel(&pool, &p.trainer, Uuid::now_v7(), id, now)
        .await
        .unwrap();
    assert_eq!(audit_rows(&pool, "training.session_cancel").await, 1);
    let worker_tick = PresenceForm {
        user_id: p.worker.id.to_string(),
        time: String::new(),
    };
    assert_eq!(
        roster::sign_in(&pool, &p.trainer, Uuid::now_v7(), id, &worker_tick).await,
        Err(AppError::refused(TrainingRefusal::SessionCancelled))
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn another_enterprise_sees_and_changes_nothing(pool: PgPool) {
    let p = people(&pool).await;
    let a = p.trainer.enterprise_id.unwrap();
    let s = fixtures::session(&pool, a, p.trainer.id, Default::default()).await;
    fixtures::attend(&pool, &s, p.worker.id, s.starts_at).await;
    let now = OffsetDateTime::now_utc();
    let f = &p.foreign;
    assert_eq!(service::page(&pool, f, s.id).await, Err(AppError::NotFound));
    assert_eq!(
        service::draft(&pool, f, Some(s.id)).await,
        Err(AppError::NotFound)
    );
    let home = service::home(&pool, f, now).await.unwrap();
    assert!(home.upcoming.is_empty() && home.past.is_empty() && home.my_past.is_empty());
    let draft = service::draft(&pool, f, None).await.unwrap();
    assert!(draft.people.iter().all(|x| x.id == f.id));
    let tick = PresenceForm {
        user_id: p.worker2.id.to_string(),
        time: String::new(),
    };
    assert_eq!(
        roster::sign_in(&pool, f, Uuid::now_v7(), s.id, &tick).await,
        Err(AppError::NotFound)
    );
    let out = PresenceForm {
        user_id: p.worker.id.to_string(),
        time: String::new(),
    };
    assert_eq!(
        roster::sign_out(&pool, f, Uuid::now_v7(), s.id, &out, now).await,
        Err(AppError::NotFound)
    );
    let hours = OverrideForm {
        user_id: p.worker.id.to_string(),
        hours: "0".into(),
        reason: "x".into(),
    };
    assert_eq!(
        roster::override_hours(&pool, f, Uuid::now_v7(), s.id, &hours).await,
        Err(AppError::NotFound)
    );
    let scores = ScoresForm {
        rows: vec![ScoreRow {
            user_id: p.worker.id.to_string(),
            score: "100".into(),
        }],
    };
    assert_eq!(
        roster::scores(&pool, f, Uuid::now_v7(), s.id, &scores, now).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        service::cancel(&pool, f, Uuid::now_v7(), s.id, now).await,
        Err(AppError::NotFound)
    );
    // Their records file holds none of A's rows.
    let b = f.enterprise_id.unwrap();
    let rows = super::db::records(&pool, b, now - Duration::days(2), now + Duration::days(1))
        .await
        .unwrap();
    assert!(rows.is_empty());
    let ours = super::db::records(&pool, a, now - Duration::days(2), now + Duration::days(1))
        .await
        .unwrap();
    assert_eq!(ours.len(), 1);
    // A's attendance row is as it was.
    let mut conn = pool.acquire().await.unwrap();
    let untouched: i64 = sqlx::query_scalar(
        "select count(*) from training_attendance where signed_out_at is null and override_half_hours is null and score is null",
    )
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    assert_eq!(untouched, 1);
    assert_eq!(
        count(
            &pool,
            "select count(*) from training_sessions where cancelled_at is not null"
        )
        .await,
        0
    );
}

#[test]
fn the_sheet_says_how_presence_was_shown_in_the_users_words() {
    use super::{
        model::RosterRow,
        pages::sheet::{sheet_headers, sheet_rows},
    };
    use crate::i18n::Locale;
    let page = super::model::SessionPage {
        id: Uuid::now_v7(),
        title: "有限空间专题".into(),
        category: Category::ConfinedSpace,
        date: "2026-12-01".into(),
        start: "09:00".into(),
        end: "11:00".into(),
        half_hours: 4,
        location: "三楼".into(),
        trainer: "王培训".into(),
        summary: String::new(),
        open_to_all: true,
        invitations: vec![],
        assessment: Assessment::Score,
        pass_mark: Some(60),
        quiz_size: None,
        cancelled: false,
        can_manage: true,
        roster: vec![RosterRow {
            user_id: Uuid::now_v7(),
            name: "张三".into(),
            employee_no: Some("W01".into()),
            department: Some("二车间".into()),
            signed_in: Some("09:01".into()),
            sign_in_uploaded: None,
            sign_in_by: Some(crate::training::PresenceBy::Trainer),
            ticked_by: Some("王培训".into()),
            signed_out: None,
            sign_out_by: None,
            late: true,
            left_early: false,
            half_hours: Some(3),
            override_reason: None,
            score: Some(85),
            passed: Some(true),
        }],
        others: vec![],
    };
    assert_eq!(sheet_headers(Locale::zh_CN)[0], "序号");
    assert_eq!(sheet_headers(Locale::en)[2], "Employee no.");
    assert_eq!(
        sheet_rows(Locale::zh_CN, &page)[0],
        [
            "1",
            "张三",
            "W01",
            "二车间",
            "09:01 迟到",
            "",
            "培训人代签（王培训）",
            "1.5",
            "85 · 合格"
        ]
    );
    assert_eq!(sheet_rows(Locale::en, &page)[0][6], "By trainer（王培训）");
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_files_admit_trainers_officers_and_admins_of_the_enterprise(pool: PgPool) {
    use crate::auth::server::RequestUser;
    use axum::extract::{Path, Query, State};
    let p = people(&pool).await;
    let a = p.trainer.enterprise_id.unwrap();
    let s = fixtures::session(&pool, a, p.trainer.id, Default::default()).await;
    fixtures::attend(&pool, &s, p.worker.id, s.starts_at).await;
    let as_ = |who: Option<SessionUser>| axum::Extension(RequestUser(who));
    let callers = [
        (Some(p.trainer.clone()), 200),
        (Some(p.officer.clone()), 200),
        (Some(p.worker.clone()), 403),
        // Another enterprise's officer: no such session there; their records file is empty.
        (Some(p.foreign.clone()), 404),
        (None, 401),
    ];
    for (who, status) in callers {
        let sheet = super::export::session_sheet(
            State(pool.clone()),
            as_(who.clone()),
            Path(s.id.to_string()),
            Default::default(),
        )
        .await;
        assert_eq!(sheet.status().as_u16(), status, "{who:?}");
        let records = super::export::records(
            State(pool.clone()),
            as_(who.clone()),
            Ok(Query(Default::default())),
            Default::default(),
        )
        .await;
        let expected = if status == 404 { 200 } else { status };
        assert_eq!(records.status().as_u16(), expected, "{who:?}");
    }
    let bad = super::export::session_sheet(
        State(pool.clone()),
        as_(Some(p.officer.clone())),
        Path("x".into()),
        Default::default(),
    )
    .await;
    assert_eq!(bad.status().as_u16(), 422);
}

#[test]
fn a_records_row_is_one_person_on_one_session_in_the_users_words() {
    use crate::i18n::Locale;
    let start = datetime!(2026-12-01 09:00 +8);
    let row = super::db::RecordRow {
        starts_at: start,
        ends_at: start + Duration::hours(2),
        title: "有限空间专题".into(),
        category: Category::ConfinedSpace,
        credited_half_hours: 4,
        name: "张三".into(),
        employee_no: None,
        department: Some("二车间".into()),
        signed_in_at: start + Duration::minutes(1),
        signed_out_at: None,
        sign_in_by: crate::training::PresenceBy::Scan,
        override_half_hours: None,
        score: Some(90),
        passed: Some(true),
    };
    let rows = super::export::record_rows(Locale::zh_CN, vec![row]);
    assert_eq!(
        rows[0],
        [
            "2026-12-01",
            "有限空间专题",
            "有限空间专题",
            "张三",
            "",
            "二车间",
            "2026-12-01 09:01",
            "",
            "扫码",
            "1.5",
            "90",
            "合格"
        ]
    );
    assert_eq!(super::export::record_headers(Locale::en)[9], "Hours");
}
