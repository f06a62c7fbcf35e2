//! Retried submissions are stored once; a client id reused for something else is refused
//! with its own error; every write leaves exactly one audit row.

use super::world::World;
use crate::{
    error::AppError,
    testing::{audit_rows, count},
};
use sqlx::PgPool;
use uuid::Uuid;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_retried_request_answers_the_same_operation(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = Uuid::now_v7();
    let first = w
        .as_(&w.entrant)
        .client(id)
        .request(&w.permit())
        .await
        .unwrap();
    let again = w
        .as_(&w.entrant)
        .client(id)
        .request(&w.permit())
        .await
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(count(&pool, "select count(*) from operations").await, 1);
    assert_eq!(audit_rows(&pool, "operation.request").await, 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn retried_tests_entries_and_exits_are_stored_once(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    let test_id = Uuid::now_v7();
    for _ in 0..2 {
        assert!(w
            .as_(&w.attendant)
            .client(test_id)
            .test(op, 20.9)
            .await
            .unwrap());
    }
    // A failing retry of a passing test still answers the first result.
    assert!(w
        .as_(&w.attendant)
        .client(test_id)
        .test(op, 10.0)
        .await
        .unwrap());
    assert_eq!(count(&pool, "select count(*) from gas_tests").await, 2); // ready's and this
    let entry_id = Uuid::now_v7();
    for _ in 0..2 {
        w.as_(&w.entrant)
            .client(entry_id)
            .enter(op)
            .briefed()
            .await
            .unwrap();
    }
    assert_eq!(count(&pool, "select count(*) from entries").await, 1);
    let exit_id = Uuid::now_v7();
    for _ in 0..2 {
        w.as_(&w.entrant)
            .client(exit_id)
            .exit(op, &w.entrant)
            .await
            .unwrap();
    }
    assert_eq!(audit_rows(&pool, "operation.enter").await, 1);
    assert_eq!(audit_rows(&pool, "operation.exit").await, 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn two_deliveries_of_one_submission_at_once_store_one_entry(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    let id = Uuid::now_v7();
    let (a, b) = tokio::join!(
        std::future::IntoFuture::into_future(w.as_(&w.entrant).client(id).enter(op).briefed()),
        std::future::IntoFuture::into_future(w.as_(&w.entrant).client(id).enter(op).briefed()),
    );
    assert_eq!((a, b), (Ok(()), Ok(())));
    assert_eq!(count(&pool, "select count(*) from entries").await, 1);
    assert_eq!(audit_rows(&pool, "operation.enter").await, 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_client_id_reused_for_another_step_or_person_is_refused(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    let id = Uuid::now_v7();
    w.as_(&w.entrant)
        .client(id)
        .enter(op)
        .briefed()
        .await
        .unwrap();
    // Another kind of step, another author, another operation: each its own refusal.
    assert_eq!(
        w.as_(&w.entrant).client(id).exit(op, &w.entrant).await,
        Err(AppError::ClientIdReused)
    );
    assert_eq!(
        w.as_(&w.second).client(id).enter(op).briefed().await,
        Err(AppError::ClientIdReused)
    );
    let other_space = w.add_space("YX-09", false).await;
    let mut permit = w.permit();
    permit.space_id = other_space;
    let request = Uuid::now_v7();
    w.as_(&w.entrant)
        .client(request)
        .request(&permit)
        .await
        .unwrap();
    assert_eq!(
        w.as_(&w.entrant).client(request).request(&w.permit()).await,
        Err(AppError::ClientIdReused)
    );
    assert_eq!(count(&pool, "select count(*) from entries").await, 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn another_enterprise_may_use_the_same_client_id(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = Uuid::now_v7();
    let ours = w
        .as_(&w.entrant)
        .client(id)
        .request(&w.permit())
        .await
        .unwrap();
    // Client ids are unique per enterprise: B's request under A's id is B's own operation.
    let outsider_space = {
        let form = crate::spaces::SpaceForm {
            code: "B-01".into(),
            name: "池".into(),
            space_type: "pit".into(),
            ..Default::default()
        };
        crate::spaces::service::create(&pool, &w.outsider, Uuid::now_v7(), &form)
            .await
            .unwrap()
            .id
    };
    let b_worker =
        crate::testing::user(&pool, w.orgs.b, crate::auth::Role::Worker, "13300000099").await;
    let b_attendant =
        crate::testing::user(&pool, w.orgs.b, crate::auth::Role::Worker, "13300000098").await;
    w.clear(&b_worker).await;
    w.clear(&b_attendant).await;
    let mut permit = w.permit();
    permit.space_id = outsider_space;
    permit.entrants = vec![b_worker.id];
    permit.attendant_id = b_attendant.id;
    permit.person_in_charge_id = w.outsider.id;
    let theirs = w
        .as_(&w.outsider)
        .client(id)
        .request(&permit)
        .await
        .unwrap();
    assert_ne!(theirs, ours);
    assert_eq!(count(&pool, "select count(*) from operations").await, 2);
    // Its retry answers B's operation; in B the id is taken for anything else.
    assert_eq!(
        w.as_(&w.outsider).client(id).request(&permit).await,
        Ok(theirs)
    );
    assert_eq!(
        w.as_(&w.outsider).client(id).reject(theirs, "未隔断").await,
        Err(AppError::ClientIdReused)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn every_operation_write_leaves_exactly_one_audit_row(pool: PgPool) {
    let w = World::toxic(&pool).await;
    w.train(&w.attendant).await;
    w.train(&w.entrant).await;
    let op = w.as_(&w.entrant).request(&w.permit()).await.unwrap();
    w.as_(&w.principal).approve(op).await.unwrap();
    w.as_(&w.attendant).ventilate(op).await.unwrap();
    w.as_(&w.attendant).test(op, 20.9).await.unwrap();
    w.as_(&w.attendant).attendant_in(op).await.unwrap();
    w.as_(&w.entrant).enter(op).briefed().await.unwrap();
    w.as_(&w.attendant).evacuate(op).await.unwrap();
    w.as_(&w.attendant).exit(op, &w.entrant).await.unwrap();
    w.as_(&w.attendant).attendant_out(op).await.unwrap();
    w.as_(&w.attendant).close(op).await.unwrap();
    let op2 = w.as_(&w.entrant).request(&w.permit()).await.unwrap();
    w.as_(&w.officer).reject(op2, "未隔断").await.unwrap();
    for action in [
        "operation.request",
        "operation.approve",
        "operation.ventilate",
        "operation.gas_test",
        "operation.attendant_in",
        "operation.enter",
        "operation.evacuate",
        "operation.exit",
        "operation.attendant_out",
        "operation.close",
        "operation.reject",
    ] {
        let expected = if action == "operation.request" { 2 } else { 1 };
        assert_eq!(audit_rows(&pool, action).await, expected, "{action}");
    }
    // The trainings of the world and the space each left theirs too.
    assert_eq!(audit_rows(&pool, "qualification.grant").await, 2);
    assert_eq!(audit_rows(&pool, "space.create").await, 1);
    // No-ops change nothing and write nothing: evacuating twice, closing a closed permit.
    w.as_(&w.attendant).close(op).await.unwrap();
    assert_eq!(audit_rows(&pool, "operation.close").await, 1);
}
