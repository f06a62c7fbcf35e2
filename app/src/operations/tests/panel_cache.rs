//! The scan page's kept operation (`panel_cache`): the version moves with every change to what
//! the page shows, whoever makes it, and a scan reads the operation again exactly then.

use super::world::World;
use crate::{
    operations::{pages::PanelData, OperationDetail},
    scan::{self as checkpoint, Landing},
    testing::count_queries,
};
use sqlx::PgPool;
use uuid::Uuid;

async fn version(pool: &PgPool, op: Uuid) -> i64 {
    sqlx::query_scalar("select version from operation_versions where operation_id = $1")
        .bind(op)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Runs `sql` (bound to the operation) and asserts that the operation's version moved.
async fn moves(pool: &PgPool, op: Uuid, sql: &str) {
    let before = version(pool, op).await;
    sqlx::query(sql).bind(op).execute(pool).await.unwrap();
    assert!(version(pool, op).await > before, "did not move: {sql}");
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_version_moves_with_every_change_the_scan_page_shows(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    let mut last = version(&pool, op).await;
    // Once per step after the request (whose transaction made the row): approval,
    // ventilation, gas test, attendant.
    assert_eq!(last, 4);
    // Through the app: each step moves it.
    w.as_(&w.entrant).enter(op).briefed().await.unwrap();
    let entered = version(&pool, op).await;
    assert!(entered > last);
    last = entered;
    w.as_(&w.entrant).exit(op, &w.entrant).await.unwrap();
    assert!(version(&pool, op).await > last);

    // By hand (a tool, a migration, another process): every table the read shows.
    let space = "(select space_id from operations where id = $1)";
    let enterprise = "(select enterprise_id from operations where id = $1)";
    for sql in [
        "update operations set work_content = 'changed' where id = $1".to_owned(),
        "update operation_entrants set briefed_at = null where operation_id = $1".to_owned(),
        "update entries set tools_in = 'rope' where operation_id = $1".to_owned(),
        "update gas_tests set passed = false where operation_id = $1".to_owned(),
        "delete from ventilations where operation_id = $1".to_owned(),
        "insert into audit_log (id, enterprise_id, actor_id, action, subject_id)
         select gen_random_uuid(), enterprise_id, requested_by, 'operation.enter', id
         from operations where id = $1"
            .to_owned(),
        "update users set name = 'Renamed'
         where id = (select attendant_id from operations where id = $1)"
            .to_owned(),
        format!(
            "insert into gas_policies (enterprise_id, test_max_age_minutes, retest_interval_minutes,
                 lel_max_percent, grade2_lel_from_percent, grade2_toxic_fraction, updated_by)
             select {enterprise}, 30, 120, 5, 1, 0.1, requested_by from operations where id = $1"
        ),
        format!(
            "update gas_policies set test_max_age_minutes = 20 where enterprise_id = {enterprise}"
        ),
        format!("update confined_spaces set name = 'Renamed' where id = {space}"),
    ] {
        moves(&pool, op, &sql).await;
    }

    // What it does not show leaves it: another operation's rows, a name set to itself.
    let before = version(&pool, op).await;
    let other = w.add_space("YX-02", false).await;
    let mut permit = w.permit();
    permit.space_id = other;
    w.as_(&w.second).request(&permit).await.unwrap();
    sqlx::query("update users set name = name where id = $1")
        .bind(w.entrant.id)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(version(&pool, op).await, before);
}

/// The scan page as `who` sees it, through the same code as `/c/{token}`, and the statements
/// it ran.
async fn scan(w: &World, who: &crate::auth::SessionUser) -> (OperationDetail, usize) {
    let token: String = sqlx::query_scalar(
        "select token from checkpoints where subject_id = $1 and replaced_at is null",
    )
    .bind(w.space)
    .fetch_one(&w.pool)
    .await
    .unwrap();
    let conn = w.pool.acquire().await.unwrap();
    let (landing, queries) = count_queries(checkpoint::landing(conn, who, &token)).await;
    match landing.unwrap() {
        Landing::Space(_, Ok(PanelData::Open(detail)), _) => (*detail, queries),
        other => panic!("no open operation: {other:?}"),
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_scan_reads_the_operation_again_exactly_when_it_changed(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;

    let (first, queries) = scan(&w, &w.entrant).await;
    assert_eq!(first.view.id, op);
    assert!(first.view.inside.is_empty() && !first.i_am_inside);
    assert_eq!(queries, 2, "the token with the space, then the operation");
    let (again, unchanged) = scan(&w, &w.entrant).await;
    // Printed for bench/run.sh, which copies it into bench/RESULTS.md.
    println!("scan page queries, changed / unchanged: {queries} / {unchanged}");
    assert_eq!(unchanged, 1, "nothing changed: the kept read");
    assert_eq!(again.trail.len(), first.trail.len());

    // A change through the app shows at the next scan.
    w.as_(&w.entrant).enter(op).briefed().await.unwrap();
    let (inside, queries) = scan(&w, &w.entrant).await;
    assert_eq!(queries, 2);
    let names: Vec<_> = inside.view.inside.iter().map(|i| i.user_id).collect();
    assert_eq!(names, vec![w.entrant.id]);
    assert!(inside.i_am_inside);
    assert_eq!(inside.trail.len(), first.trail.len() + 1);

    // Each person's part is their own, also from the kept read.
    let (attendant, queries) = scan(&w, &w.attendant).await;
    assert_eq!(queries, 1);
    assert!(attendant.i_am_attendant && !attendant.i_am_entrant && !attendant.i_am_inside);

    // A change made by hand, outside the app, too.
    sqlx::query("update users set name = '改名' where id = $1")
        .bind(w.entrant.id)
        .execute(&pool)
        .await
        .unwrap();
    let (renamed, queries) = scan(&w, &w.attendant).await;
    assert_eq!(queries, 2);
    assert_eq!(renamed.view.inside[0].name, "改名");

    // Closed: the space is idle again and shows the request form.
    w.as_(&w.entrant).exit(op, &w.entrant).await.unwrap();
    w.as_(&w.attendant).close(op).await.unwrap();
    let token: String = sqlx::query_scalar("select token from checkpoints where subject_id = $1")
        .bind(w.space)
        .fetch_one(&pool)
        .await
        .unwrap();
    let landing = checkpoint::landing(pool.acquire().await.unwrap(), &w.entrant, &token)
        .await
        .unwrap();
    assert!(matches!(
        landing,
        Landing::Space(_, Ok(PanelData::Idle(_)), _)
    ));
}
