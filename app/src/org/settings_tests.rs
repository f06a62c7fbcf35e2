//! Naming the principal and setting the permit rules, against a real PostgreSQL.

use super::{settings, EnterpriseSettingsInput};
use crate::org::OrgField;
use crate::{
    auth::Role,
    error::{AppError, Problem},
    rules::permit::PermitPolicy,
    testing,
};
use sqlx::PgPool;
use uuid::Uuid;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_admin_names_the_principal_audited_and_the_principal_is_told(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let admin = testing::user(&pool, orgs.a, Role::EnterpriseAdmin, "13500000001").await;
    let boss = testing::user(&pool, orgs.a, Role::SafetyOfficer, "13500000002").await;
    let foreign = testing::user(&pool, orgs.b, Role::Worker, "13500000003").await;
    assert_eq!(settings::principal_notice(&pool, &boss).await, Ok(None));
    let input = EnterpriseSettingsInput {
        principal_id: boss.id,
        policy: PermitPolicy {
            independent_approval: false,
            max_window_hours: 12,
        },
    };
    settings::save(&pool, &admin, Uuid::now_v7(), &input)
        .await
        .unwrap();
    let now = settings::current(&pool, &admin).await.unwrap();
    assert_eq!(now.principal_id, Some(boss.id));
    assert_eq!(now.policy, input.policy);
    let (by, _at) = settings::principal_notice(&pool, &boss)
        .await
        .unwrap()
        .expect("the principal is told");
    assert_eq!(by, admin.name);
    assert_eq!(testing::audit_rows(&pool, "enterprise.settings").await, 1);

    // Only an admin, and only someone of the enterprise.
    assert_eq!(
        settings::save(&pool, &boss, Uuid::now_v7(), &input).await,
        Err(AppError::Forbidden)
    );
    let abroad = EnterpriseSettingsInput {
        principal_id: foreign.id,
        ..input
    };
    assert_eq!(
        settings::save(&pool, &admin, Uuid::now_v7(), &abroad).await,
        Err(AppError::invalid(OrgField::Principal, Problem::Invalid))
    );
}
