//! Tenant isolation and who sees what: another enterprise's people never read or move a
//! hazard; regulators neither write nor (for now) read; workers see their own.

use super::world::World;
use crate::{
    error::AppError,
    hazards::{reads, steps, HazardState, LedgerFilter},
};
use sqlx::PgPool;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn another_enterprise_never_reads_or_moves_a_hazard(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = w.hazard_in(HazardState::AwaitingRecheck).await;
    let all = LedgerFilter::default();
    let theirs = reads::ledger(&pool, &w.outsider, &all, w.now)
        .await
        .unwrap();
    assert!(theirs.rows.is_empty());
    assert_eq!(theirs.counts.total, 0);
    assert_eq!(
        reads::detail(&pool, &w.outsider, id, w.now).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        w.recheck(&w.outsider, id, true).await,
        Err(AppError::NotFound)
    );
    let fresh = w.report(&w.reporter).await;
    assert_eq!(
        w.confirm(&w.outsider, fresh, w.five()).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        w.fix_on_spot(&w.outsider, fresh).await,
        Err(AppError::NotFound)
    );
    let rectifying = w.hazard_in(HazardState::Rectifying).await;
    assert_eq!(
        w.rectify(&w.outsider, rectifying).await,
        Err(AppError::NotFound)
    );
    assert_eq!(w.state(id).await, HazardState::AwaitingRecheck);
    assert!(reads::all_rows(&pool, &w.outsider, &all, w.now)
        .await
        .unwrap()
        .is_empty());
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn regulators_neither_write_nor_read_for_now(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = w.report(&w.reporter).await;
    let all = LedgerFilter::default();
    assert_eq!(
        reads::ledger(&pool, &w.regulator, &all, w.now).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        reads::detail(&pool, &w.regulator, id, w.now).await,
        Err(AppError::Forbidden)
    );
    let input = w.report_input(crate::hazards::HazardGrade::General);
    assert_eq!(
        steps::report(
            &pool,
            &w.regulator,
            uuid::Uuid::now_v7(),
            &input,
            None,
            w.now
        )
        .await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        w.confirm(&w.regulator, id, w.five()).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        w.fix_on_spot(&w.regulator, id).await,
        Err(AppError::Forbidden)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn workers_see_what_they_reported_or_must_fix(pool: PgPool) {
    let w = World::new(&pool).await;
    let reported = w.report(&w.reporter).await;
    let assigned = w.hazard_in(HazardState::Rectifying).await; // reported by w.reporter too
    let by_officer = w.report(&w.officer).await;
    let all = LedgerFilter::default();
    let ids = |l: crate::hazards::Ledger| l.rows.into_iter().map(|r| r.id).collect::<Vec<_>>();
    let officer = reads::ledger(&pool, &w.officer, &all, w.now).await.unwrap();
    assert!(officer.everyone);
    assert_eq!(officer.counts.total, 3);
    let reporter = reads::ledger(&pool, &w.reporter, &all, w.now)
        .await
        .unwrap();
    assert!(!reporter.everyone);
    assert_eq!(ids(reporter), vec![assigned, reported]);
    let rectifier = reads::ledger(&pool, &w.rectifier, &all, w.now)
        .await
        .unwrap();
    assert_eq!(rectifier.counts.total, 1);
    assert_eq!(ids(rectifier), vec![assigned]);
    assert!(ids(reads::ledger(&pool, &w.bystander, &all, w.now)
        .await
        .unwrap())
    .is_empty());
    assert_eq!(
        reads::detail(&pool, &w.bystander, by_officer, w.now).await,
        Err(AppError::NotFound)
    );
    // Workers don't export the ledger.
    assert_eq!(
        reads::all_rows(&pool, &w.reporter, &all, w.now).await,
        Err(AppError::Forbidden)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_page_offers_only_the_moves_the_viewer_may_make(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = w.report(&w.reporter).await;
    let now = w.now;
    let allowed = |who| {
        let pool = pool.clone();
        async move { reads::detail(&pool, who, id, now).await.unwrap().allowed }
    };
    let (reporter, officer) = (allowed(&w.reporter).await, allowed(&w.officer).await);
    assert!(reporter.fix_on_spot && !reporter.confirm && !reporter.rectify && !reporter.recheck);
    assert!(officer.fix_on_spot && officer.confirm);
    let detail = reads::detail(&pool, &w.officer, id, w.now).await.unwrap();
    assert!(detail.people.iter().any(|p| p.id == w.rectifier.id));
    assert!(!detail.people.iter().any(|p| p.id == w.outsider.id));
    assert_eq!(detail.trail.len(), 1);

    w.confirm(&w.officer, id, w.five()).await.unwrap();
    assert!(allowed(&w.rectifier).await.rectify);
    assert!(!allowed(&w.reporter).await.rectify);
    w.rectify(&w.rectifier, id).await.unwrap();
    assert!(allowed(&w.officer).await.recheck);
    assert!(!allowed(&w.rectifier).await.recheck);
    let detail = reads::detail(&pool, &w.officer, id, w.now).await.unwrap();
    assert_eq!(detail.funds.as_deref(), Some("1200.50"));
    assert_eq!(detail.trail.len(), 3);
}
