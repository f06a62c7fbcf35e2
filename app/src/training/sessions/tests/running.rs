//! Creating sessions and running their roster: bad input saves nothing, retries, who may
//! tick, hours at the edges, scores and the confined-space qualification.

use super::*;
use crate::error::Field;
use crate::training::TrainingField;

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
            TrainingField::SessionTitle,
        ),
        (
            SessionForm {
                end: "08:00".into(),
                ..today_form()
            },
            TrainingField::EndTime,
        ),
        (
            SessionForm {
                hours: "1.2".into(),
                ..today_form()
            },
            TrainingField::CreditedHours,
        ),
        (
            SessionForm {
                pass_mark: "".into(),
                ..today_form()
            },
            TrainingField::PassMark,
        ),
        // A worker cannot be the trainer; nobody of another enterprise can.
        (
            SessionForm {
                trainer_id: p.worker.id.to_string(),
                ..today_form()
            },
            TrainingField::Trainer,
        ),
        (
            SessionForm {
                trainer_id: p.foreign.id.to_string(),
                ..today_form()
            },
            TrainingField::Trainer,
        ),
        (
            SessionForm {
                audience: "invited".into(),
                people: vec![p.foreign.id.to_string()],
                ..today_form()
            },
            TrainingField::Audience,
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
        Err(AppError::invalid(
            TrainingField::SignOutTime,
            Problem::BeforeStart
        ))
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
        Err(AppError::invalid(
            TrainingField::SignInTime,
            Problem::TooLate
        ))
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
