//! The permit: who may approve, rejections, one open operation per space.

use super::world::{refused, World};
use crate::operations::OperationField;
use crate::{
    auth::Role,
    error::{AppError, Problem},
    operations::OpRefusal,
    testing,
};
use sqlx::PgPool;
use uuid::Uuid;

async fn delegate(w: &World, to: Uuid, from_hours: i32, until_hours: i32, revoked: bool) {
    sqlx::query(
        "insert into approval_delegations (id, enterprise_id, delegate_id, granted_by,
            document_ref, valid_from, valid_until, revoked_at)
         values ($1, $2, $3, $4, '委托书', now() + make_interval(hours => $5),
                 now() + make_interval(hours => $6), case when $7 then now() end)",
    )
    .bind(Uuid::now_v7())
    .bind(w.orgs.a)
    .bind(to)
    .bind(w.principal.id)
    .bind(from_hours)
    .bind(until_hours)
    .bind(revoked)
    .execute(&w.pool)
    .await
    .unwrap();
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn nobody_approves_their_own_request(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.as_(&w.officer).request(&w.permit()).await.unwrap();
    refused(
        w.as_(&w.officer).approve(op).await,
        OpRefusal::ApproverIsRequester,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn workers_do_not_approve(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.as_(&w.officer).request(&w.permit()).await.unwrap();
    assert_eq!(
        w.as_(&w.entrant).approve(op).await,
        Err(AppError::Forbidden)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_toxic_space_needs_the_principal_or_a_valid_delegate(pool: PgPool) {
    let w = World::toxic(&pool).await;
    let other = testing::user(&pool, w.orgs.a, Role::SafetyOfficer, "13300000011").await;
    w.clear(&other).await;
    let op = w.as_(&w.officer).request(&w.permit()).await.unwrap();
    refused(
        w.as_(&other).approve(op).await,
        OpRefusal::ApproverNotAuthorized,
    );
    // An expired and a revoked delegation are not enough.
    delegate(&w, other.id, -48, -24, false).await;
    delegate(&w, other.id, -1, 24, true).await;
    refused(
        w.as_(&other).approve(op).await,
        OpRefusal::ApproverNotAuthorized,
    );
    delegate(&w, other.id, -1, 24, false).await;
    w.as_(&other).approve(op).await.unwrap();
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_principal_approves_a_toxic_space_without_a_delegation(pool: PgPool) {
    let w = World::toxic(&pool).await;
    let op = w.as_(&w.officer).request(&w.permit()).await.unwrap();
    w.as_(&w.principal).approve(op).await.unwrap();
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn any_other_officer_approves_a_space_without_toxic_risk(pool: PgPool) {
    let w = World::new(&pool).await;
    let other = testing::user(&pool, w.orgs.a, Role::SafetyOfficer, "13300000011").await;
    w.clear(&other).await;
    let op = w.as_(&w.entrant).request(&w.permit()).await.unwrap();
    w.as_(&other).approve(op).await.unwrap();
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_rejected_permit_is_not_approved_later(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.as_(&w.entrant).request(&w.permit()).await.unwrap();
    w.as_(&w.officer).reject(op, "未隔断").await.unwrap();
    refused(
        w.as_(&w.principal).approve(op).await,
        OpRefusal::PermitNotApproved,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_attendant_is_not_an_entrant(pool: PgPool) {
    let w = World::new(&pool).await;
    let mut permit = w.permit();
    permit.entrants.push(w.attendant.id);
    refused(
        w.as_(&w.entrant).request(&permit).await,
        OpRefusal::AttendantCannotEnter,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_space_has_one_open_operation(pool: PgPool) {
    let w = World::new(&pool).await;
    w.as_(&w.entrant).request(&w.permit()).await.unwrap();
    refused(
        w.as_(&w.second).request(&w.permit()).await,
        OpRefusal::SpaceBusy,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn people_on_a_permit_are_active_people_of_the_enterprise(pool: PgPool) {
    let w = World::new(&pool).await;
    let mut permit = w.permit();
    permit.entrants = vec![w.outsider.id];
    assert_eq!(
        w.as_(&w.entrant).request(&permit).await,
        Err(AppError::invalid(
            OperationField::Entrants,
            Problem::Invalid
        ))
    );
    let mut permit = w.permit();
    permit.space_id = Uuid::now_v7();
    assert_eq!(
        w.as_(&w.entrant).request(&permit).await,
        Err(AppError::NotFound)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn nobody_who_is_not_cleared_goes_on_a_permit_in_any_role(pool: PgPool) {
    use crate::{
        rules::clearance::Reason,
        training::{clearance::ShortName, TrainingRefusal},
    };
    let w = World::new(&pool).await;
    let new = testing::user(&pool, w.orgs.a, Role::Worker, "13300000031").await;
    w.train(&new).await; // a confined-space qualification is not 三级教育
    let not_cleared = Err(AppError::refused(TrainingRefusal::NotCleared {
        person: ShortName::new(&new.name),
        reason: Reason::InductionMissing {
            company: true,
            workshop: true,
            team: true,
        },
    }));
    let mut as_entrant = w.permit();
    as_entrant.entrants.push(new.id);
    let mut as_attendant = w.permit();
    as_attendant.attendant_id = new.id;
    let mut in_charge = w.permit();
    in_charge.person_in_charge_id = new.id;
    for permit in [&as_entrant, &as_attendant, &in_charge] {
        assert_eq!(w.as_(&w.entrant).request(permit).await, not_cleared);
    }
    assert_eq!(
        testing::count(&pool, "select count(*) from operations").await,
        0
    );
    // Not cleared, the approver approves nothing; cleared, the permit goes through.
    let approver = testing::user(&pool, w.orgs.a, Role::SafetyOfficer, "13300000032").await;
    let op = w.as_(&w.entrant).request(&w.permit()).await.unwrap();
    assert_eq!(
        w.as_(&approver).approve(op).await,
        Err(AppError::refused(TrainingRefusal::NotCleared {
            person: ShortName::new(&approver.name),
            reason: Reason::InductionMissing {
                company: true,
                workshop: true,
                team: true,
            },
        }))
    );
    w.clear(&approver).await;
    w.as_(&approver).approve(op).await.unwrap();
    w.clear(&new).await;
    as_entrant.space_id = w.add_space("YX-02", false).await;
    w.as_(&w.entrant).request(&as_entrant).await.unwrap();
}
