//! Another enterprise's people see and touch nothing of an operation.

use super::world::World;
use crate::{
    error::AppError,
    operations::{board, settings},
};
use sqlx::PgPool;
use uuid::Uuid;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn another_enterprise_cannot_take_any_step(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    let o = w.as_(&w.outsider);
    assert_eq!(o.reject(op, "x").await, Err(AppError::NotFound));
    assert_eq!(o.ventilate(op).await, Err(AppError::NotFound));
    assert_eq!(o.test(op, 20.9).await, Err(AppError::NotFound));
    assert_eq!(o.attendant_in(op).await, Err(AppError::NotFound));
    assert_eq!(o.attendant_out(op).await, Err(AppError::NotFound));
    assert_eq!(o.enter(op).briefed().await, Err(AppError::NotFound));
    assert_eq!(o.exit(op, &w.entrant).await, Err(AppError::NotFound));
    assert_eq!(o.evacuate(op).await, Err(AppError::NotFound));
    assert_eq!(o.close(op).await, Err(AppError::NotFound));
    let mut foreign = w.permit();
    foreign.entrants = vec![w.entrant.id];
    assert_eq!(o.request(&foreign).await, Err(AppError::NotFound));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn another_enterprise_reads_nothing(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    w.as_(&w.entrant).enter(op).briefed().await.unwrap();
    let o = &w.outsider;
    assert!(board::board(&pool, o).await.unwrap().is_empty());
    assert!(board::detail_at_space(&pool, o, w.space)
        .await
        .unwrap()
        .is_none());
    let names: Vec<String> = board::people(&pool, o)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, vec![o.name.clone()]);
    assert!(board::history(&pool, o, None, None, None)
        .await
        .unwrap()
        .is_empty());
    assert!(settings::delegations(&pool, o)
        .await
        .unwrap()
        .rows
        .is_empty());
    let quals = crate::training::service::qualifications(&pool, o)
        .await
        .unwrap();
    assert!(quals.iter().all(|q| q.user_id == o.id));
    // A's own view of the same things is complete.
    let mine = board::detail_at_space(&pool, &w.entrant, w.space)
        .await
        .unwrap()
        .unwrap();
    assert!(mine.i_am_entrant && mine.i_am_inside && !mine.i_am_attendant);
    assert_eq!(
        mine.trail.first().map(|t| t.action),
        Some(crate::operations::OperationAction::Request.into())
    );
    assert_eq!(mine.entrants.len(), 2);
    assert!(mine.ventilated);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn history_per_space_and_person_stays_in_the_enterprise(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    w.as_(&w.entrant).enter(op).briefed().await.unwrap();
    w.as_(&w.entrant).exit(op, &w.entrant).await.unwrap();
    w.as_(&w.attendant).close(op).await.unwrap();
    let all = board::history(&pool, &w.officer, None, None, None)
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].entries.len(), 1);
    assert_eq!(all[0].entries[0].name, "用户13300000004");
    assert_eq!((all[0].gas_tests, all[0].failed_tests), (1, 0));
    let of = |space, person| board::history(&pool, &w.officer, space, person, None);
    assert_eq!(
        of(Some(w.space), Some(w.entrant.id)).await.unwrap().len(),
        1
    );
    assert_eq!(of(None, Some(w.principal.id)).await.unwrap().len(), 0);
    assert_eq!(of(Some(Uuid::now_v7()), None).await.unwrap().len(), 0);
    assert_eq!(
        board::history(&pool, &w.entrant, None, None, None).await,
        Err(AppError::Forbidden)
    );
}
