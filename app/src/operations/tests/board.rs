//! The officers' live board and the scan page's reads (one query for all open operations).

use super::world::World;
use crate::{error::AppError, operations::board};
use sqlx::PgPool;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_board_shows_each_open_operation_with_its_people_and_test(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    w.as_(&w.entrant).enter(op).briefed().await.unwrap();
    // A second, only requested, operation at another space.
    let other = w.add_space("YX-02", false).await;
    let mut permit = w.permit();
    permit.space_id = other;
    w.as_(&w.second).request(&permit).await.unwrap();

    let views = board::board(&pool, &w.officer).await.unwrap();
    assert_eq!(views.len(), 2);
    let ready = views.iter().find(|v| v.id == op).unwrap();
    let inside: Vec<_> = ready.inside.iter().map(|i| i.user_id).collect();
    assert_eq!(inside, vec![w.entrant.id]);
    assert!(ready.attendant_present);
    let test = ready.last_test.as_ref().unwrap();
    assert!(test.passed && test.fresh);
    assert_eq!(test.readings.len(), 9);
    let requested = views.iter().find(|v| v.id != op).unwrap();
    assert!(requested.inside.is_empty() && requested.last_test.is_none());
    assert!(!requested.attendant_present);
    assert_eq!(
        board::board(&pool, &w.entrant).await,
        Err(AppError::Forbidden)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_scan_page_tells_each_person_their_part(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    let attendant = board::detail_at_space(&pool, &w.attendant, w.space)
        .await
        .unwrap()
        .unwrap();
    assert!(attendant.i_am_attendant && !attendant.i_am_entrant && !attendant.can_decide);
    let entrant = board::detail_at_space(&pool, &w.entrant, w.space)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(entrant.view.id, op);
    assert!(entrant.i_am_entrant && !entrant.i_am_inside);
    assert!(entrant.entrants.iter().all(|e| !e.briefed));
    assert_eq!(entrant.trail.len(), 5); // request, approve, ventilate, test, attendant in
    w.as_(&w.attendant).close(op).await.unwrap();
    let closed = board::detail_at_space(&pool, &w.entrant, w.space)
        .await
        .unwrap();
    assert!(closed.is_none());
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_board_is_one_query_whatever_the_number_of_open_operations(pool: PgPool) {
    let w = World::new(&pool).await;
    let mut figures = Vec::new();
    for n in 1..=12 {
        let space = w.add_space(&format!("N-{n:02}"), false).await;
        let mut permit = w.permit();
        permit.space_id = space;
        w.as_(&w.entrant).request(&permit).await.unwrap();
        if [1, 3, 12].contains(&n) {
            let (views, queries) =
                crate::testing::count_queries(board::board(&pool, &w.officer)).await;
            assert_eq!(views.unwrap().len(), n);
            figures.push((n, queries));
        }
    }
    // Printed for bench/run.sh, which copies it into bench/RESULTS.md.
    println!("board queries by open operations: {figures:?}");
    assert!(figures.iter().all(|(_, q)| *q == 1), "{figures:?}");
    let (detail, queries) =
        crate::testing::count_queries(board::detail_at_space(&pool, &w.entrant, w.space)).await;
    detail.unwrap();
    println!("scan page operation queries: {queries}");
    assert_eq!(queries, 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_scan_page_shows_the_latest_trail_entries_only(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    for _ in 0..30 {
        w.as_(&w.entrant).enter(op).briefed().await.unwrap();
        w.as_(&w.entrant).exit(op, &w.entrant).await.unwrap();
        assert!(w.as_(&w.attendant).test(op, 20.9).await.unwrap());
    }
    let detail = board::detail_at_space(&pool, &w.officer, w.space)
        .await
        .unwrap()
        .unwrap();
    let limit = crate::operations::db::reads::TRAIL_LIMIT as usize;
    assert_eq!(detail.trail.len(), limit);
    // Oldest first, ending with the latest step (the last gas test).
    assert_eq!(
        detail.trail.last().map(|t| t.action),
        Some(crate::operations::OperationAction::GasTest.into())
    );
}
