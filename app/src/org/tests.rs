use super::service::enterprises_in_jurisdiction;
use crate::{auth::Role, error::AppError, testing};
use sqlx::PgPool;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_regulator_reads_only_their_own_jurisdiction(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let regulator = testing::user(&pool, orgs.township, Role::Regulator, "13600000001").await;
    let far_regulator =
        testing::user(&pool, orgs.other_township, Role::Regulator, "13600000002").await;
    testing::user(&pool, orgs.a, Role::Worker, "13600000003").await;

    let seen = enterprises_in_jurisdiction(&pool, &regulator)
        .await
        .unwrap();
    let codes: Vec<&str> = seen.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, ["A", "B"]);
    assert_eq!(seen[0].active_people, 1);
    let far: Vec<_> = enterprises_in_jurisdiction(&pool, &far_regulator)
        .await
        .unwrap();
    assert_eq!(far.len(), 1);
    assert_eq!(far[0].id, orgs.elsewhere);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn enterprise_people_cannot_use_the_regulator_view(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let admin = testing::user(&pool, orgs.a, Role::EnterpriseAdmin, "13600000011").await;
    assert_eq!(
        enterprises_in_jurisdiction(&pool, &admin).await,
        Err(AppError::Forbidden)
    );
}
