use super::World;
use crate::patrols::PatrolField;
use crate::{
    auth::Role,
    error::{AppError, Problem},
    patrols::{records, service, RoundState, ScheduleForm},
    testing,
};
use sqlx::PgPool;
use time::macros::{date, datetime};
use uuid::Uuid;

/// A daily schedule of the world's point for every worker.
pub fn daily(w: &World, start: &str, end: &str) -> ScheduleForm {
    ScheduleForm {
        name: "早班巡查".into(),
        frequency: "daily".into(),
        window_start: start.into(),
        window_end: end.into(),
        role: "worker".into(),
        points: vec![w.point.id.to_string()],
        ..Default::default()
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_board_shows_each_round_with_its_state(pool: PgPool) {
    let w = World::new(&pool).await;
    service::create_schedule(
        &pool,
        &w.officer,
        Uuid::now_v7(),
        &daily(&w, "08:00", "10:00"),
    )
    .await
    .unwrap();
    let night = ScheduleForm {
        name: "夜班巡查".into(),
        ..daily(&w, "22:00", "06:00")
    };
    service::create_schedule(&pool, &w.officer, Uuid::now_v7(), &night)
        .await
        .unwrap();
    w.schedules_made_at(datetime!(2026-11-30 12:00 +8)).await;
    let day = date!(2026 - 12 - 01);
    // Submitted at the last second of the morning window.
    let at = datetime!(2026-12-01 09:59:59 +8);
    let record = w.start_before(at).await;
    let answers = w.answers(record, &[]).await;
    records::submit(&pool, &w.worker, Uuid::now_v7(), record, &answers, at)
        .await
        .unwrap();
    let now = datetime!(2026-12-02 07:00 +8);
    let rounds = service::rounds(&pool, &w.officer, day, false, now)
        .await
        .unwrap();
    let states: Vec<_> = rounds
        .iter()
        .map(|r| (r.window.as_str(), r.state))
        .collect();
    assert_eq!(
        states,
        vec![
            ("08:00–10:00", RoundState::Done),
            ("12-01 22:00–12-02 06:00", RoundState::Missed)
        ]
    );
    assert_eq!(rounds[0].by.as_deref(), Some(w.worker.name.as_str()));
    assert_eq!(rounds[0].at.as_deref(), Some("2026-12-01 09:59"));
    // The worker's own rounds (the schedule names their role); not the board.
    let mine = service::rounds(&pool, &w.worker, day, true, now)
        .await
        .unwrap();
    assert_eq!(mine.len(), 2);
    let board = service::rounds(&pool, &w.worker, day, false, now).await;
    assert_eq!(board, Err(AppError::Forbidden));
    // Another enterprise's board is its own: empty.
    let theirs = service::rounds(&pool, &w.foreign, day, false, now)
        .await
        .unwrap();
    assert!(theirs.is_empty());
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_schedule_names_its_points_and_people_of_the_enterprise(pool: PgPool) {
    let w = World::new(&pool).await;
    let mut form = daily(&w, "08:00", "10:00");
    form.role = String::new();
    form.people = vec![w.foreign.id.to_string()];
    let foreign_person = service::create_schedule(&pool, &w.officer, Uuid::now_v7(), &form).await;
    assert_eq!(
        foreign_person,
        Err(AppError::invalid(PatrolField::Patrollers, Problem::Invalid))
    );
    let mut form = daily(&w, "08:00", "10:00");
    form.points = vec![Uuid::now_v7().to_string()];
    let unknown = service::create_schedule(&pool, &w.officer, Uuid::now_v7(), &form).await;
    assert_eq!(
        unknown,
        Err(AppError::invalid(
            PatrolField::PatrolPoint,
            Problem::Invalid
        ))
    );
    let theirs = daily(&w, "08:00", "10:00");
    let foreign = service::create_schedule(&pool, &w.foreign, Uuid::now_v7(), &theirs);
    assert_eq!(
        foreign.await,
        Err(AppError::invalid(
            PatrolField::PatrolPoint,
            Problem::Invalid
        ))
    );
    let mut form = daily(&w, "08:00", "10:00");
    form.role = String::new();
    form.people = vec![w.other_worker.id.to_string()];
    service::create_schedule(&pool, &w.officer, Uuid::now_v7(), &form)
        .await
        .unwrap();
    w.schedules_made_at(datetime!(2026-11-30 12:00 +8)).await;
    let now = datetime!(2026-12-01 09:00 +8);
    let day = date!(2026 - 12 - 01);
    let named = service::rounds(&pool, &w.other_worker, day, true, now)
        .await
        .unwrap();
    assert_eq!(named.len(), 1);
    assert_eq!(named[0].state, RoundState::Pending);
    let not_named = service::rounds(&pool, &w.worker, day, true, now)
        .await
        .unwrap();
    assert!(not_named.is_empty());
}

/// A round made inside its window on a phone without signal counts as done only when the
/// outbox brought it within the enterprise's bound (default 24 h); later, it is "late
/// (offline)" on the board and in the regulator's completion, with how long after it came.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_round_the_outbox_brought_too_late_is_late_offline(pool: PgPool) {
    use crate::offline::{with_act, Act};
    use crate::patrols::policy::PatrolPolicy;
    let w = World::new(&pool).await;
    service::create_schedule(
        &pool,
        &w.officer,
        Uuid::now_v7(),
        &daily(&w, "08:00", "10:00"),
    )
    .await
    .unwrap();
    w.schedules_made_at(datetime!(2026-11-30 12:00 +8)).await;
    let at = datetime!(2026-12-01 09:00 +8);
    let record = w.start_before(at).await;
    let answers = w.answers(record, &[]).await;
    let act = Act::delivered(at, at + time::Duration::hours(30));
    with_act(
        act,
        records::submit(&pool, &w.worker, Uuid::now_v7(), record, &answers, at),
    )
    .await
    .unwrap();
    // The outbox's arrival, as the audit row keeps it: 30 hours after the phone's time.
    sqlx::query("update audit_log set created_at = $1 where action = 'patrol.submit'")
        .bind(at + time::Duration::hours(30))
        .execute(&pool)
        .await
        .unwrap();
    let (day, now) = (date!(2026 - 12 - 01), datetime!(2026-12-03 12:00 +8));
    let board = service::rounds(&pool, &w.officer, day, false, now)
        .await
        .unwrap();
    assert_eq!(board[0].state, RoundState::LateUpload);
    assert_eq!(board[0].upload_delay_hours, Some(30));
    assert_eq!(board[0].at.as_deref(), Some("2026-12-01 09:00"));
    // The admin allows 48 hours: the same round is done.
    let enterprise = w.officer.enterprise_id.unwrap();
    let admin = testing::user(&pool, enterprise, Role::EnterpriseAdmin, "13300000019").await;
    let policy = PatrolPolicy { upload_hours: 48 };
    service::set_policy(&pool, &admin, Uuid::now_v7(), &policy)
        .await
        .unwrap();
    assert_eq!(testing::audit_rows(&pool, "enterprise.settings").await, 1);
    assert_eq!(service::policy(&pool, &admin).await, Ok(policy));
    assert_eq!(
        service::policy(&pool, &w.officer).await,
        Err(AppError::Forbidden)
    );
    let board = service::rounds(&pool, &w.officer, day, false, now)
        .await
        .unwrap();
    assert_eq!(board[0].state, RoundState::Done);
}
