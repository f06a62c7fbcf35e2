//! The steps before and during entry, one test per rule (先通风、再检测、后作业; the attendant;
//! training; the briefing; interruptions; evacuation; expiry).

use super::world::{gas_test, refused, World};
use crate::operations::OperationField;
use crate::{
    error::{AppError, Problem},
    operations::{OpRefusal, SamplePoint},
    rules::gas::GasPolicy,
    testing::count,
};
use sqlx::PgPool;
use std::future::IntoFuture;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

/// A requested, approved operation with nobody trained and nothing done yet.
async fn approved(w: &World) -> Uuid {
    let op = w.as_(&w.entrant).request(&w.permit()).await.unwrap();
    w.as_(&w.officer).approve(op).await.unwrap();
    op
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn nobody_enters_before_approval(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.as_(&w.entrant).request(&w.permit()).await.unwrap();
    refused(
        w.as_(&w.entrant).enter(op).briefed().await,
        OpRefusal::PermitNotApproved,
    );
    refused(
        w.as_(&w.attendant).ventilate(op).await,
        OpRefusal::PermitNotApproved,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn only_listed_entrants_enter(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    refused(
        w.as_(&w.officer).enter(op).briefed().await,
        OpRefusal::NotListed,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_untrained_entrant_does_not_enter(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = approved(&w).await;
    refused(
        w.as_(&w.entrant).enter(op).briefed().await,
        OpRefusal::NoValidTraining,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn only_the_trained_attendant_checks_in(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = approved(&w).await;
    refused(
        w.as_(&w.entrant).attendant_in(op).await,
        OpRefusal::NotAttendant,
    );
    refused(
        w.as_(&w.attendant).attendant_in(op).await,
        OpRefusal::NoValidTraining,
    );
    w.train(&w.attendant).await;
    w.as_(&w.attendant).attendant_in(op).await.unwrap();
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn nobody_enters_without_the_attendant(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = approved(&w).await;
    w.train(&w.entrant).await;
    refused(
        w.as_(&w.entrant).enter(op).briefed().await,
        OpRefusal::NoAttendant,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn nobody_enters_without_a_gas_test(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = approved(&w).await;
    w.train(&w.entrant).await;
    w.train(&w.attendant).await;
    w.as_(&w.attendant).attendant_in(op).await.unwrap();
    refused(
        w.as_(&w.entrant).enter(op).briefed().await,
        OpRefusal::NoGasTest,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn gas_is_tested_only_after_ventilation(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = approved(&w).await;
    refused(
        w.as_(&w.attendant).test(op, 20.9).await,
        OpRefusal::NotVentilated,
    );
    w.as_(&w.attendant).ventilate(op).await.unwrap();
    assert!(w.as_(&w.attendant).test(op, 20.9).await.unwrap());
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_overdue_detector_is_refused(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = approved(&w).await;
    w.as_(&w.attendant).ventilate(op).await.unwrap();
    let mut overdue = gas_test(20.9);
    overdue.calibration_due = OffsetDateTime::now_utc().date() - Duration::days(2);
    refused(
        w.as_(&w.attendant).test_with(op, &overdue).await,
        OpRefusal::DetectorOverdue,
    );
}

/// A calibration due date further ahead than two years (input::deadline) is a typo, named.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_calibration_due_date_years_ahead_is_refused_with_the_field_named(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = approved(&w).await;
    w.as_(&w.attendant).ventilate(op).await.unwrap();
    let today = crate::time_fmt::china_day(OffsetDateTime::now_utc());
    let latest = crate::input::years_from(today, crate::input::DEADLINE_YEARS_AHEAD);
    let mut far = gas_test(20.9);
    far.calibration_due = latest + Duration::days(1);
    assert_eq!(
        w.as_(&w.attendant).test_with(op, &far).await,
        Err(AppError::invalid(
            OperationField::CalibrationDue,
            Problem::NotAfter { latest }
        ))
    );
    far.calibration_due = latest;
    assert!(w.as_(&w.attendant).test_with(op, &far).await.unwrap());
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn every_required_gas_is_measured_at_three_heights(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = approved(&w).await;
    w.as_(&w.attendant).ventilate(op).await.unwrap();
    let mut missing = gas_test(20.9);
    missing.readings.retain(|r| r.point != SamplePoint::Lower);
    assert_eq!(
        w.as_(&w.attendant).test_with(op, &missing).await,
        Err(AppError::invalid(OperationField::Gases, Problem::Required))
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_failing_test_is_stored_and_blocks_entry(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    assert!(!w.as_(&w.attendant).test(op, 18.0).await.unwrap());
    assert_eq!(
        count(&pool, "select count(*) from gas_tests where not passed").await,
        1
    );
    refused(
        w.as_(&w.entrant).enter(op).briefed().await,
        OpRefusal::GasTestFailed,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_briefing_is_acknowledged_before_the_first_entry(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    refused(w.as_(&w.entrant).enter(op).await, OpRefusal::NotBriefed);
    w.as_(&w.entrant)
        .enter(op)
        .briefed()
        .tools("手电")
        .await
        .unwrap();
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_person_is_inside_once(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    w.as_(&w.entrant).enter(op).briefed().await.unwrap();
    refused(
        w.as_(&w.entrant).enter(op).briefed().await,
        OpRefusal::AlreadyInside,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_test_older_than_the_policy_lets_nobody_in(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    sqlx::query("update gas_tests set tested_at = tested_at - interval '31 minutes'")
        .execute(&pool)
        .await
        .unwrap();
    refused(
        w.as_(&w.entrant).enter(op).briefed().await,
        OpRefusal::GasTestStale,
    );
    assert!(w.as_(&w.attendant).test(op, 20.9).await.unwrap());
    w.as_(&w.entrant).enter(op).briefed().await.unwrap();
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn after_everyone_left_a_new_test_is_needed(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    w.as_(&w.entrant).enter(op).briefed().await.unwrap();
    w.as_(&w.entrant).exit(op, &w.entrant).await.unwrap();
    // The earlier test is still fresh, but everyone left since: an interruption (13号令).
    refused(
        w.as_(&w.entrant).enter(op).briefed().await,
        OpRefusal::GasTestStale,
    );
    assert!(w.as_(&w.attendant).test(op, 20.9).await.unwrap());
    w.as_(&w.entrant).enter(op).briefed().await.unwrap();
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn nobody_enters_during_an_evacuation(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    w.as_(&w.attendant).evacuate(op).await.unwrap();
    refused(
        w.as_(&w.second).enter(op).briefed().await,
        OpRefusal::Evacuating,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_attendant_stays_and_nobody_closes_over_people_inside(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    w.as_(&w.entrant).enter(op).briefed().await.unwrap();
    refused(
        w.as_(&w.attendant).attendant_out(op).await,
        OpRefusal::PeopleInside,
    );
    refused(w.as_(&w.attendant).close(op).await, OpRefusal::PeopleInside);
    w.as_(&w.entrant).exit(op, &w.entrant).await.unwrap();
    w.as_(&w.attendant).attendant_out(op).await.unwrap();
    refused(
        w.as_(&w.second).enter(op).briefed().await,
        OpRefusal::NoAttendant,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn only_the_attendant_records_someone_elses_exit(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    w.as_(&w.entrant).enter(op).briefed().await.unwrap();
    refused(
        w.as_(&w.second).exit(op, &w.entrant).await,
        OpRefusal::NotAttendant,
    );
    w.as_(&w.attendant).exit(op, &w.entrant).await.unwrap();
    refused(
        w.as_(&w.entrant).exit(op, &w.entrant).await,
        OpRefusal::NotInside,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn only_the_attendant_closes_and_a_closed_permit_admits_nobody(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    refused(w.as_(&w.entrant).close(op).await, OpRefusal::NotAttendant);
    w.as_(&w.attendant).close(op).await.unwrap();
    refused(
        w.as_(&w.entrant).enter(op).briefed().await,
        OpRefusal::PermitNotApproved,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_expired_permit_refuses_entry(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    sqlx::query(
        "update operations set planned_start = now() - interval '2 hours',
            planned_end = now() - interval '1 minute'",
    )
    .execute(&pool)
    .await
    .unwrap();
    refused(
        w.as_(&w.entrant).enter(op).briefed().await,
        OpRefusal::PermitExpired,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_stricter_policy_shortens_how_long_a_test_counts(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    sqlx::query("update gas_tests set tested_at = tested_at - interval '15 minutes'")
        .execute(&pool)
        .await
        .unwrap();
    let strict = GasPolicy {
        test_max_age_minutes: 10,
        ..GasPolicy::default()
    };
    refused(
        w.as_(&w.entrant).enter(op).briefed().under(strict).await,
        OpRefusal::GasTestStale,
    );
    w.as_(&w.entrant)
        .enter(op)
        .briefed()
        .under(GasPolicy::default())
        .await
        .unwrap();
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn simultaneous_entries_keep_the_headcount_right(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    let (a, b) = tokio::join!(
        w.as_(&w.entrant).enter(op).briefed().into_future(),
        w.as_(&w.second).enter(op).briefed().into_future(),
    );
    a.unwrap();
    b.unwrap();
    // The same person from two phones at once: one exit, one refusal.
    let (phone_1, phone_2) = (w.as_(&w.entrant), w.as_(&w.entrant));
    let (c, d) = tokio::join!(phone_1.exit(op, &w.entrant), phone_2.exit(op, &w.entrant));
    assert!(c.is_ok() != d.is_ok(), "{c:?} {d:?}");
    assert_eq!(
        count(
            &pool,
            "select count(*) from entries where exited_at is null"
        )
        .await,
        1
    );
}
