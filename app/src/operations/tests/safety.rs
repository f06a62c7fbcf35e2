//! Safety rules that cannot be bypassed: who records the atmosphere, when, who approves, how
//! long a permit runs, one space at a time, and an operation that is never stuck when its
//! attendant is gone. One test per rule.

use super::world::{refused, World};
use crate::operations::OperationField;
use crate::{
    error::{AppError, Problem},
    operations::{db::settings::upsert_permit_policy, OpRefusal},
    rules::permit::PermitPolicy,
    testing::count,
};
use sqlx::PgPool;
use std::future::IntoFuture;
use time::Duration;
use uuid::Uuid;

/// Approved by the officer; nobody trained, nothing done yet.
async fn approved(w: &World) -> Uuid {
    let op = w.as_(&w.entrant).request(&w.permit()).await.unwrap();
    w.as_(&w.officer).approve(op).await.unwrap();
    op
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_entrant_never_ventilates_or_tests_their_own_space(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = approved(&w).await;
    refused(
        w.as_(&w.entrant).ventilate(op).await,
        OpRefusal::EntrantCannotTest,
    );
    w.as_(&w.attendant).ventilate(op).await.unwrap();
    refused(
        w.as_(&w.entrant).test(op, 20.9).await,
        OpRefusal::EntrantCannotTest,
    );
    // The person in charge may, and so may an officer.
    assert!(w.as_(&w.lead).test(op, 20.9).await.unwrap());
    assert!(w.as_(&w.officer).test(op, 20.9).await.unwrap());
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn someone_who_is_not_on_duty_does_not_record_tests(pool: PgPool) {
    let w = World::new(&pool).await;
    let passer_by =
        crate::testing::user(&pool, w.orgs.a, crate::auth::Role::Worker, "13300000010").await;
    let op = approved(&w).await;
    refused(w.as_(&passer_by).ventilate(op).await, OpRefusal::NotTester);
    w.as_(&w.attendant).ventilate(op).await.unwrap();
    refused(w.as_(&passer_by).test(op, 20.9).await, OpRefusal::NotTester);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn no_gas_test_on_an_expired_permit(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = approved(&w).await;
    w.as_(&w.attendant).ventilate(op).await.unwrap();
    sqlx::query(
        "update operations set planned_start = now() - interval '2 hours',
            planned_end = now() - interval '1 minute' where id = $1",
    )
    .bind(op)
    .execute(&pool)
    .await
    .unwrap();
    refused(
        w.as_(&w.attendant).test(op, 20.9).await,
        OpRefusal::PermitExpired,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn no_gas_test_during_an_evacuation(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    w.as_(&w.attendant).evacuate(op).await.unwrap();
    refused(
        w.as_(&w.attendant).test(op, 20.9).await,
        OpRefusal::Evacuating,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_approver_is_not_on_the_permit_unless_the_enterprise_allows_it(pool: PgPool) {
    let w = World::new(&pool).await;
    let mut permit = w.permit();
    permit.person_in_charge_id = w.officer.id;
    let op = w.as_(&w.entrant).request(&permit).await.unwrap();
    refused(
        w.as_(&w.officer).approve(op).await,
        OpRefusal::ApproverOnPermit,
    );
    // The principal, not on the permit, approves.
    w.as_(&w.principal).approve(op).await.unwrap();

    let mut conn = pool.acquire().await.unwrap();
    let lenient = PermitPolicy {
        independent_approval: false,
        ..PermitPolicy::default()
    };
    upsert_permit_policy(&mut conn, w.orgs.a, &lenient)
        .await
        .unwrap();
    drop(conn);
    let other = w.add_space("YX-02", false).await;
    let permit = crate::operations::PermitInput {
        space_id: other,
        ..permit
    };
    let op = w.as_(&w.entrant).request(&permit).await.unwrap();
    w.as_(&w.officer).approve(op).await.unwrap();
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_permit_covers_at_most_the_enterprises_window(pool: PgPool) {
    let w = World::new(&pool).await;
    let mut permit = w.permit();
    permit.planned_end = permit.planned_start + Duration::hours(25);
    assert_eq!(
        w.as_(&w.entrant).request(&permit).await,
        Err(AppError::invalid(
            OperationField::PlannedEnd,
            Problem::TooLate
        ))
    );
    let mut conn = pool.acquire().await.unwrap();
    let long = PermitPolicy {
        max_window_hours: 48,
        ..PermitPolicy::default()
    };
    upsert_permit_policy(&mut conn, w.orgs.a, &long)
        .await
        .unwrap();
    drop(conn);
    assert!(w.as_(&w.entrant).request(&permit).await.is_ok());
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_person_is_inside_one_space_at_a_time(pool: PgPool) {
    let w = World::new(&pool).await;
    let first = w.ready_operation().await;
    w.as_(&w.entrant).enter(first).briefed().await.unwrap();

    let other = w.add_space("YX-02", false).await;
    let permit = crate::operations::PermitInput {
        space_id: other,
        attendant_id: w.lead.id,
        person_in_charge_id: w.attendant.id,
        ..w.permit()
    };
    w.train(&w.lead).await;
    let second = w.as_(&w.second).request(&permit).await.unwrap();
    w.as_(&w.officer).approve(second).await.unwrap();
    w.as_(&w.lead).ventilate(second).await.unwrap();
    assert!(w.as_(&w.lead).test(second, 20.9).await.unwrap());
    w.as_(&w.lead).attendant_in(second).await.unwrap();
    refused(
        w.as_(&w.entrant)
            .enter(second)
            .briefed()
            .into_future()
            .await,
        OpRefusal::InsideElsewhere,
    );
    // Out of the first, in the second.
    w.as_(&w.entrant).exit(first, &w.entrant).await.unwrap();
    w.as_(&w.entrant).enter(second).briefed().await.unwrap();
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_officer_hands_the_attendants_duty_to_a_trained_person(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    w.as_(&w.entrant).enter(op).briefed().await.unwrap();
    // The attendant's phone is lost. A worker cannot take over; an entrant cannot attend;
    // an untrained person cannot attend.
    assert_eq!(
        w.as_(&w.second).hand_over(op, &w.lead).await,
        Err(AppError::Forbidden)
    );
    refused(
        w.as_(&w.officer).hand_over(op, &w.second).await,
        OpRefusal::CannotAttend,
    );
    refused(
        w.as_(&w.officer).hand_over(op, &w.lead).await,
        OpRefusal::CannotAttend,
    );
    w.train(&w.lead).await;
    w.as_(&w.officer).hand_over(op, &w.lead).await.unwrap();
    // The old attendant no longer is one; entries wait for the new one to check in.
    refused(
        w.as_(&w.attendant).attendant_in(op).await,
        OpRefusal::NotAttendant,
    );
    refused(
        w.as_(&w.second).enter(op).briefed().into_future().await,
        OpRefusal::NoAttendant,
    );
    w.as_(&w.lead).attendant_in(op).await.unwrap();
    w.as_(&w.second).enter(op).briefed().await.unwrap();
    assert_eq!(
        count(
            &pool,
            "select count(*) from audit_log where action = 'operation.handover'"
        )
        .await,
        1
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_officer_records_everyone_out_and_closes_with_a_reason(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    w.as_(&w.entrant).enter(op).briefed().await.unwrap();
    w.as_(&w.second).enter(op).briefed().await.unwrap();
    assert_eq!(
        w.as_(&w.entrant).close_with_reason(op, "x").await,
        Err(AppError::Forbidden)
    );
    w.as_(&w.officer)
        .close_with_reason(op, "监护人突发疾病送医")
        .await
        .unwrap();
    let inside = count(
        &pool,
        "select count(*) from entries where exited_at is null",
    )
    .await;
    assert_eq!(inside, 0);
    let closed = count(
        &pool,
        "select count(*) from operations where status = 'closed' and closed_at is not null",
    )
    .await;
    assert_eq!(closed, 1);
    let reason: String = sqlx::query_scalar(
        "select detail->>'reason' from audit_log where action = 'operation.close_by_officer'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(reason, "监护人突发疾病送医");
    // A second close (another officer's phone) changes nothing.
    w.as_(&w.principal)
        .close_with_reason(op, "重复提交")
        .await
        .unwrap();
}
