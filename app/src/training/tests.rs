//! Database tests of qualifications: who records them, retries, reuse and isolation.

use super::{service, QualificationInput};
use crate::{
    auth::Role,
    error::AppError,
    testing::{self, audit_rows, count},
};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

fn until_next_year(user_id: Uuid) -> QualificationInput {
    QualificationInput {
        user_id,
        valid_until: OffsetDateTime::now_utc() + Duration::days(365),
        kind: crate::training::QualificationKind::ConfinedSpace,
        document_ref: "外培字2026-001".into(),
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn trainers_record_training_once_per_submission_with_an_audit_row(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let trainer = testing::user(&pool, orgs.a, Role::Trainer, "13600000001").await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13600000002").await;
    let other = testing::user(&pool, orgs.a, Role::Worker, "13600000003").await;
    let id = Uuid::now_v7();
    for _ in 0..2 {
        service::grant_qualification(&pool, &trainer, id, &until_next_year(worker.id))
            .await
            .unwrap();
    }
    assert_eq!(count(&pool, "select count(*) from qualifications").await, 1);
    assert_eq!(audit_rows(&pool, "qualification.grant").await, 1);
    // The same submission id for another person is a reuse, not a retry.
    assert_eq!(
        service::grant_qualification(&pool, &trainer, id, &until_next_year(other.id)).await,
        Err(AppError::ClientIdReused)
    );
    let rows = service::qualifications(&pool, &trainer).await.unwrap();
    let valid: Vec<_> = rows.iter().filter(|r| r.valid).map(|r| r.user_id).collect();
    assert_eq!(valid, vec![worker.id]);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn workers_do_not_record_and_nobody_records_for_another_enterprise(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13600000011").await;
    let officer_b = testing::user(&pool, orgs.b, Role::SafetyOfficer, "13600000012").await;
    assert_eq!(
        service::grant_qualification(&pool, &worker, Uuid::now_v7(), &until_next_year(worker.id))
            .await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        service::grant_qualification(
            &pool,
            &officer_b,
            Uuid::now_v7(),
            &until_next_year(worker.id)
        )
        .await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        service::qualifications(&pool, &worker).await,
        Err(AppError::Forbidden)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn nobody_records_their_own_training(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let officer = testing::user(&pool, orgs.a, Role::SafetyOfficer, "13600000031").await;
    let input = crate::training::QualificationInput {
        user_id: officer.id,
        valid_until: time::OffsetDateTime::now_utc() + time::Duration::days(300),
        kind: crate::training::QualificationKind::ConfinedSpace,
        document_ref: "外培字2026-002".into(),
    };
    let answer = crate::training::service::grant_qualification(
        &pool,
        &officer,
        uuid::Uuid::now_v7(),
        &input,
    )
    .await;
    assert_eq!(
        answer,
        Err(crate::error::AppError::refused(
            crate::training::TrainingRefusal::SelfGrant
        ))
    );
    assert_eq!(
        testing::count(&pool, "select count(*) from qualifications").await,
        0
    );
}
