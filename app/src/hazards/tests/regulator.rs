//! The regulator's figures: open, 重大 and overdue hazards per enterprise of their own
//! jurisdiction only, with the clock injected.

use super::world::World;
use crate::{
    auth::Role,
    error::AppError,
    hazards::{regulator::figures_by_enterprise, HazardFigures, HazardGrade, HazardState},
    testing,
};
use sqlx::PgPool;
use time::macros::datetime;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_regulator_sees_open_major_and_overdue_hazards_of_their_enterprises(pool: PgPool) {
    let w = World::new(&pool).await;
    w.hazard_in(HazardState::Rectifying).await; // due 2026-12-08
    w.hazard_in(HazardState::Closed).await;
    w.report_graded(&w.reporter, HazardGrade::Major).await;
    // Another enterprise of the same township, and one elsewhere.
    w.report(&w.outsider).await;
    let orgs_a = w.officer.enterprise_id.unwrap();
    let orgs_b = w.outsider.enterprise_id.unwrap();

    let before_deadline = datetime!(2026-12-08 15:59:59 UTC);
    let seen = figures_by_enterprise(&pool, &w.regulator, before_deadline)
        .await
        .unwrap();
    assert_eq!(
        seen.get(&orgs_a),
        Some(&HazardFigures {
            open: 2,
            major_open: 1,
            overdue: 0
        })
    );
    assert_eq!(seen.get(&orgs_b).map(|f| f.open), Some(1));

    let after_deadline = datetime!(2026-12-08 16:00:00 UTC);
    let seen = figures_by_enterprise(&pool, &w.regulator, after_deadline)
        .await
        .unwrap();
    assert_eq!(seen.get(&orgs_a).map(|f| f.overdue), Some(1));

    // A regulator of another township sees none of them; enterprise people are refused.
    let orgs =
        sqlx::query_scalar::<_, uuid::Uuid>("select id from jurisdictions where id <> $1 limit 1")
            .bind(w.regulator.jurisdiction_id.unwrap())
            .fetch_one(&pool)
            .await
            .unwrap();
    let far = testing::user(&pool, orgs, Role::Regulator, "13400000099").await;
    let far_seen = figures_by_enterprise(&pool, &far, after_deadline)
        .await
        .unwrap();
    assert!(!far_seen.contains_key(&orgs_a) && !far_seen.contains_key(&orgs_b));
    assert_eq!(
        figures_by_enterprise(&pool, &w.officer, after_deadline).await,
        Err(AppError::Forbidden)
    );
}
