use super::World;
use crate::{
    error::{AppError, Field, Problem},
    patrols::{records, service, RoundState, ScheduleForm},
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
    let record = w.start().await;
    let answers = w.answers(record, &[]).await;
    let at = datetime!(2026-12-01 09:59:59 +8);
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
            ("22:00–06:00", RoundState::Missed)
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
        Err(AppError::invalid(Field::Patrollers, Problem::Invalid))
    );
    let mut form = daily(&w, "08:00", "10:00");
    form.points = vec![Uuid::now_v7().to_string()];
    let unknown = service::create_schedule(&pool, &w.officer, Uuid::now_v7(), &form).await;
    assert_eq!(
        unknown,
        Err(AppError::invalid(Field::PatrolPoint, Problem::Invalid))
    );
    let theirs = daily(&w, "08:00", "10:00");
    let foreign = service::create_schedule(&pool, &w.foreign, Uuid::now_v7(), &theirs);
    assert_eq!(
        foreign.await,
        Err(AppError::invalid(Field::PatrolPoint, Problem::Invalid))
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
