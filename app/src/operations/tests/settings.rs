//! The enterprise's settings: the gas policy and the principal's delegations.

use super::world::{refused, World};
use crate::{
    auth::SessionUser,
    error::{AppError, Field, Problem},
    operations::{model::DelegationInput, permit::Cmd, settings, OpRefusal},
    rules::gas::GasPolicy,
    testing::audit_rows,
};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn officers_set_the_policy_of_their_own_enterprise(pool: PgPool) {
    let w = World::new(&pool).await;
    assert_eq!(
        settings::policy_for(&pool, w.orgs.a).await.unwrap(),
        GasPolicy::default()
    );
    let strict = GasPolicy {
        test_max_age_minutes: 10,
        ..GasPolicy::default()
    };
    assert_eq!(
        settings::set_policy(&pool, &w.entrant, Uuid::now_v7(), &strict).await,
        Err(AppError::Forbidden)
    );
    settings::set_policy(&pool, &w.officer, Uuid::now_v7(), &strict)
        .await
        .unwrap();
    assert_eq!(settings::policy_for(&pool, w.orgs.a).await.unwrap(), strict);
    assert_eq!(
        settings::policy_for(&pool, w.orgs.b).await.unwrap(),
        GasPolicy::default()
    );
    assert_eq!(audit_rows(&pool, "policy.gas").await, 1);
}

fn delegation(to: Uuid, document_ref: &str) -> DelegationInput {
    DelegationInput {
        delegate_id: to,
        valid_until: OffsetDateTime::now_utc() + Duration::days(30),
        document_ref: document_ref.into(),
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn only_the_principal_delegates_and_only_to_officers_of_the_enterprise(pool: PgPool) {
    let w = World::toxic(&pool).await;
    async fn grant(pool: &PgPool, who: &SessionUser, to: Uuid) -> Result<Uuid, AppError> {
        settings::grant_delegation(pool, who, Uuid::now_v7(), &delegation(to, "委托书1")).await
    }
    assert_eq!(
        grant(&pool, &w.officer, w.officer.id).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        grant(&pool, &w.principal, w.entrant.id).await,
        Err(AppError::invalid(Field::User, Problem::Invalid))
    );
    assert_eq!(
        grant(&pool, &w.principal, w.outsider.id).await,
        Err(AppError::NotFound)
    );
    grant(&pool, &w.principal, w.officer.id).await.unwrap();
    assert_eq!(audit_rows(&pool, "delegation.grant").await, 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_delegate_approves_until_the_delegation_is_revoked(pool: PgPool) {
    let w = World::toxic(&pool).await;
    let other = crate::testing::user(
        &pool,
        w.orgs.a,
        crate::auth::Role::SafetyOfficer,
        "13300000021",
    )
    .await;
    w.clear(&other).await;
    let op = w.as_(&w.officer).request(&w.permit()).await.unwrap();
    refused(
        w.as_(&other).approve(op).await,
        OpRefusal::ApproverNotAuthorized,
    );
    let id = settings::grant_delegation(
        &pool,
        &w.principal,
        Uuid::now_v7(),
        &delegation(other.id, "委托书1"),
    )
    .await
    .unwrap();
    let listed = settings::delegations(&pool, &w.officer).await.unwrap();
    assert!(!listed.i_am_principal);
    assert_eq!(listed.rows.len(), 1);
    assert!(listed.rows[0].valid);
    let revoke = |client_id| {
        let cmd = Cmd {
            actor: &w.principal,
            client_id,
            id,
        };
        settings::revoke_delegation(&pool, cmd)
    };
    revoke(Uuid::now_v7()).await.unwrap();
    // Revoking again changes nothing and records nothing.
    revoke(Uuid::now_v7()).await.unwrap();
    assert_eq!(audit_rows(&pool, "delegation.revoke").await, 1);
    refused(
        w.as_(&other).approve(op).await,
        OpRefusal::ApproverNotAuthorized,
    );
    let outsider = Cmd {
        actor: &w.outsider,
        client_id: Uuid::now_v7(),
        id,
    };
    assert_eq!(
        settings::revoke_delegation(&pool, outsider).await,
        Err(AppError::Forbidden)
    );
}
