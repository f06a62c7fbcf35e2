//! The operation export: every matching row (no cap), long cells, empty filters.

use super::world::World;
use crate::{
    auth::server::RequestUser,
    operations::{
        board,
        export::{operations, HistoryFilter},
    },
};
use axum::{
    extract::{Query, State},
    http::StatusCode,
    Extension,
};
use sqlx::PgPool;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_export_holds_every_operation_even_with_a_huge_cell(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.as_(&w.entrant).request(&w.permit()).await.unwrap();
    w.as_(&w.officer).reject(op, "缺少盲板").await.unwrap();
    // 600 more closed operations, copies of that one.
    sqlx::query(
        "insert into operations (id, enterprise_id, space_id, status, work_content,
            planned_start, planned_end, requested_by, attendant_id, person_in_charge_id,
            client_id)
         select gen_random_uuid(), enterprise_id, space_id, 'closed', work_content,
            planned_start, planned_end, requested_by, attendant_id, person_in_charge_id,
            gen_random_uuid()
         from operations, generate_series(1, 600)",
    )
    .execute(&pool)
    .await
    .unwrap();
    // One operation's work content longer than an Excel cell holds.
    sqlx::query("update operations set work_content = repeat('清淤', 20000) where id = $1")
        .bind(op)
        .execute(&pool)
        .await
        .unwrap();

    let all = board::history(&pool, &w.officer, None, None, None)
        .await
        .unwrap();
    assert_eq!(all.len(), 601);
    let page = board::history(&pool, &w.officer, None, None, Some(board::HISTORY_LIMIT))
        .await
        .unwrap();
    assert_eq!(page.len(), 500);

    // The history page's export link with empty filters.
    let filter = HistoryFilter {
        space: String::new(),
        person: String::new(),
    };
    let res = operations(
        State(pool.clone()),
        Extension(RequestUser(Some(w.officer.clone()))),
        Query(filter),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(&body[..2], b"PK");
}
