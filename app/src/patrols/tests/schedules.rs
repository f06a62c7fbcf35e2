//! Listing and ending schedules: officers of the enterprise only, one audited step, and an
//! ended schedule keeps the rounds it expected while it ran.

use super::World;
use crate::{
    auth::Role,
    error::AppError,
    patrols::{service, RoundState, ScheduleForm},
    testing::{audit_rows, count},
};
use sqlx::PgPool;
use time::{
    macros::{date, datetime},
    Date, OffsetDateTime,
};
use uuid::Uuid;

fn form(w: &World, name: &str, start: &str, end: &str) -> ScheduleForm {
    ScheduleForm {
        name: name.into(),
        ..super::board::daily(w, start, end)
    }
}

async fn states(w: &World, day: Date, now: OffsetDateTime) -> Vec<(String, RoundState)> {
    service::rounds(&w.pool, &w.officer, day, false, now)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.schedule, r.state))
        .collect()
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_ended_schedule_expects_nothing_more_and_keeps_its_past(pool: PgPool) {
    let w = World::new(&pool).await;
    let morning = service::create_schedule(
        &pool,
        &w.officer,
        Uuid::now_v7(),
        &form(&w, "早班巡查", "08:00", "10:00"),
    )
    .await
    .unwrap();
    let evening = form(&w, "晚班巡查", "18:00", "20:00");
    service::create_schedule(&pool, &w.officer, Uuid::now_v7(), &evening)
        .await
        .unwrap();
    w.schedules_made_at(datetime!(2026-11-30 12:00 +8)).await;

    let listed = service::schedules(&pool, &w.officer).await.unwrap();
    let names: Vec<_> = listed.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["早班巡查", "晚班巡查"]);
    let first = &listed[0];
    assert_eq!(first.window, "08:00–10:00");
    assert_eq!(first.role, Some(Role::Worker));
    assert_eq!(first.points, vec![w.point.name.clone()]);
    assert_eq!(first.made, "2026-11-30 12:00");
    assert_eq!(first.ended, None);

    // Ended during the 2nd's morning window: that round is still expected, the evening's of
    // the same day and every later day's are not; the 1st keeps both.
    let client = Uuid::now_v7();
    let at = datetime!(2026-12-02 09:00 +8);
    service::end_schedule(&pool, &w.officer, client, morning, at)
        .await
        .unwrap();
    let after = datetime!(2026-12-04 12:00 +8);
    let both = |s: RoundState| vec![("早班巡查".to_owned(), s), ("晚班巡查".to_owned(), s)];
    assert_eq!(
        states(&w, date!(2026 - 12 - 01), after).await,
        both(RoundState::Missed)
    );
    assert_eq!(
        states(&w, date!(2026 - 12 - 02), after).await,
        both(RoundState::Missed)
    );
    assert_eq!(
        states(&w, date!(2026 - 12 - 03), after).await,
        vec![("晚班巡查".to_owned(), RoundState::Missed)]
    );
    // The worker's own list drops it too.
    let mine = service::rounds(&pool, &w.worker, date!(2026 - 12 - 03), true, after)
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);

    // The list shows it ended, after the running one.
    let listed = service::schedules(&pool, &w.officer).await.unwrap();
    let shown: Vec<_> = listed
        .iter()
        .map(|s| (s.name.as_str(), s.ended.as_deref()))
        .collect();
    assert_eq!(
        shown,
        [("晚班巡查", None), ("早班巡查", Some("2026-12-02 09:00"))]
    );

    // A retry answers as the first; ending it again changes nothing; one audit row.
    let retried = service::end_schedule(&pool, &w.officer, client, morning, after).await;
    assert_eq!(retried, Ok(()));
    let again = service::end_schedule(&pool, &w.officer, Uuid::now_v7(), morning, after).await;
    assert_eq!(again, Ok(()));
    assert_eq!(audit_rows(&pool, "patrol_schedule.end").await, 1);
    let ended_at: OffsetDateTime =
        sqlx::query_scalar("select ended_at from patrol_schedules where id = $1")
            .bind(morning)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(ended_at, at);
    // The same submission id for another schedule is refused, and ends nothing.
    let evening_id = listed[0].id;
    let reused = service::end_schedule(&pool, &w.officer, client, evening_id, after).await;
    assert_eq!(reused, Err(AppError::ClientIdReused));
    let running = "select count(*) from patrol_schedules where ended_at is null";
    assert_eq!(count(&pool, running).await, 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn only_officers_of_the_enterprise_list_and_end_schedules(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = service::create_schedule(
        &pool,
        &w.officer,
        Uuid::now_v7(),
        &form(&w, "早班巡查", "08:00", "10:00"),
    )
    .await
    .unwrap();
    let now = OffsetDateTime::now_utc();
    assert_eq!(
        service::schedules(&pool, &w.worker).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        service::end_schedule(&pool, &w.worker, Uuid::now_v7(), id, now).await,
        Err(AppError::Forbidden)
    );
    // Another enterprise's officer: an empty list, and no such schedule to end.
    assert_eq!(service::schedules(&pool, &w.foreign).await, Ok(vec![]));
    assert_eq!(
        service::end_schedule(&pool, &w.foreign, Uuid::now_v7(), id, now).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        service::end_schedule(&pool, &w.officer, Uuid::now_v7(), Uuid::now_v7(), now).await,
        Err(AppError::NotFound)
    );
    let running = "select count(*) from patrol_schedules where ended_at is null";
    assert_eq!(count(&pool, running).await, 1);
    assert_eq!(audit_rows(&pool, "patrol_schedule.end").await, 0);
}
