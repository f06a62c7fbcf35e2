//! Retried submissions (a double tap, the outbox resending after a lost answer): the same
//! client id gives the same result, one row and one audit row; an id reused for something
//! else is refused. Numbers stay unique when reports arrive at the same instant.

use super::world::World;
use crate::{
    error::AppError,
    hazards::{steps, HazardState},
    testing,
};
use sqlx::PgPool;
use uuid::Uuid;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_retried_report_is_stored_once(pool: PgPool) {
    let w = World::new(&pool).await;
    let client_id = Uuid::now_v7();
    let input = w.report_input(crate::hazards::HazardGrade::General);
    let first = steps::report(&pool, &w.reporter, client_id, &input, None, w.now)
        .await
        .unwrap();
    let again = steps::report(&pool, &w.reporter, client_id, &input, None, w.now)
        .await
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(
        testing::count(&pool, "select count(*) from hazards").await,
        1
    );
    assert_eq!(testing::audit_rows(&pool, "hazard.report").await, 1);
    // The same id for another report (or by someone else) is refused and stores nothing.
    let mut other = input.clone();
    other.description = "另一处隐患".into();
    assert_eq!(
        steps::report(&pool, &w.reporter, client_id, &other, None, w.now).await,
        Err(AppError::ClientIdReused)
    );
    assert_eq!(
        steps::report(&pool, &w.bystander, client_id, &input, None, w.now).await,
        Err(AppError::ClientIdReused)
    );
    assert_eq!(
        testing::count(&pool, "select count(*) from hazards").await,
        1
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn every_retried_move_is_applied_once(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = w.report(&w.reporter).await;
    // Each move twice with one client id (the retry carries the page's old version too).
    let cmd = w.cmd(&w.officer, id).await;
    steps::confirm(&pool, cmd, &w.five()).await.unwrap();
    steps::confirm(&pool, cmd, &w.five()).await.unwrap();
    let cmd = w.cmd(&w.rectifier, id).await;
    let photo = Some(w.photo(&w.rectifier).await.unwrap());
    steps::rectify(&pool, cmd, "done", photo).await.unwrap();
    steps::rectify(&pool, cmd, "done", photo).await.unwrap();
    let cmd = w.cmd(&w.officer, id).await;
    steps::recheck(&pool, cmd, false, "未整改到位")
        .await
        .unwrap();
    steps::recheck(&pool, cmd, false, "未整改到位")
        .await
        .unwrap();
    assert_eq!(w.state(id).await, HazardState::Rectifying);
    // The failed re-check's id cannot pass it now.
    assert_eq!(
        steps::recheck(&pool, cmd, true, "").await,
        Err(AppError::ClientIdReused)
    );
    let cmd = w.cmd(&w.rectifier, id).await;
    let photo = Some(w.photo(&w.rectifier).await.unwrap());
    steps::rectify(&pool, cmd, "again", photo).await.unwrap();
    let cmd = w.cmd(&w.officer, id).await;
    steps::recheck(&pool, cmd, true, "").await.unwrap();
    steps::recheck(&pool, cmd, true, "").await.unwrap();
    assert_eq!(w.state(id).await, HazardState::Closed);
    for (action, n) in [
        ("hazard.report", 1),
        ("hazard.confirm", 1),
        ("hazard.rectify", 2),
        ("hazard.recheck_fail", 1),
        ("hazard.recheck_pass", 1),
    ] {
        assert_eq!(testing::audit_rows(&pool, action).await, n, "{action}");
    }
    // report, confirm, rectify, fail, rectify, pass: six moves, six versions.
    assert_eq!(w.version(id).await, 6);

    // An on-the-spot fix retried.
    let other = w.report(&w.reporter).await;
    let cmd = w.cmd(&w.reporter, other).await;
    let photo = Some(w.photo(&w.reporter).await.unwrap());
    steps::fix_on_spot(&pool, cmd, "已更换", photo)
        .await
        .unwrap();
    steps::fix_on_spot(&pool, cmd, "已更换", photo)
        .await
        .unwrap();
    assert_eq!(testing::audit_rows(&pool, "hazard.fix_on_spot").await, 1);
    assert_eq!(w.version(other).await, 2);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_client_id_is_not_reused_for_another_hazard(pool: PgPool) {
    let w = World::new(&pool).await;
    let (a, b) = (w.report(&w.reporter).await, w.report(&w.reporter).await);
    let cmd = w.cmd(&w.officer, a).await;
    steps::confirm(&pool, cmd, &w.five()).await.unwrap();
    let on_b = crate::hazards::steps::Cmd { id: b, ..cmd };
    assert_eq!(
        steps::confirm(&pool, on_b, &w.five()).await,
        Err(AppError::ClientIdReused)
    );
    assert_eq!(w.state(b).await, HazardState::Reported);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn reports_at_the_same_instant_get_distinct_numbers(pool: PgPool) {
    let w = World::new(&pool).await;
    let input = w.report_input(crate::hazards::HazardGrade::General);
    let reports =
        (0..8).map(|_| steps::report(&pool, &w.reporter, Uuid::now_v7(), &input, None, w.now));
    for id in futures::future::join_all(reports).await {
        id.unwrap();
    }
    let numbers: Vec<String> = sqlx::query_scalar("select number from hazards order by number")
        .fetch_all(&pool)
        .await
        .unwrap();
    let expected: Vec<String> = (1..=8).map(|n| format!("YH-2026-{n:04}")).collect();
    assert_eq!(numbers, expected);
    // Another enterprise starts at 1.
    steps::report(&pool, &w.outsider, Uuid::now_v7(), &input, None, w.now)
        .await
        .unwrap();
    let theirs: String = sqlx::query_scalar("select number from hazards where found_by = $1")
        .bind(w.outsider.id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(theirs, "YH-2026-0001");
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn two_officers_deciding_at_once_are_applied_one_after_the_other(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = w.report(&w.reporter).await;
    // Both pages showed version 1; the row lock orders them, the second finds it stale.
    let (a, b) = (w.cmd(&w.officer, id).await, w.cmd(&w.admin, id).await);
    let five = w.five();
    let (ra, rb) = futures::join!(
        steps::confirm(&pool, a, &five),
        steps::confirm(&pool, b, &five)
    );
    let stale = Err(AppError::invalid(
        crate::hazards::HazardField::Hazard,
        crate::error::Problem::Stale,
    ));
    assert!(
        (ra.is_ok() && rb == stale) || (rb.is_ok() && ra == stale),
        "{ra:?} {rb:?}"
    );
    assert_eq!(w.version(id).await, 2);
    assert_eq!(testing::audit_rows(&pool, "hazard.confirm").await, 1);
}
