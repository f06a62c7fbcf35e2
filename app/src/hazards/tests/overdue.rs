//! Overdue = past the deadline (a China-time day) and not closed, with the clock injected.

use super::world::World;
use crate::hazards::{reads, HazardState, LedgerFilter};
use sqlx::PgPool;
use time::{macros::datetime, Duration};

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn overdue_begins_when_the_deadline_day_ends_in_china(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = w.hazard_in(HazardState::Rectifying).await;
    // w.five() is due 2026-12-08: overdue from 2026-12-09 00:00 Beijing (12-08 16:00 UTC).
    let last_second = datetime!(2026-12-08 15:59:59 UTC);
    let overdue_from = last_second + Duration::seconds(1);
    let only_overdue = LedgerFilter {
        overdue: true,
        ..LedgerFilter::default()
    };
    for (now, expected) in [(last_second, false), (overdue_from, true)] {
        let ledger = reads::ledger(&pool, &w.officer, &LedgerFilter::default(), now)
            .await
            .unwrap();
        assert_eq!(ledger.rows[0].overdue, expected, "{now}");
        assert_eq!(ledger.counts.overdue, i64::from(expected), "{now}");
        let filtered = reads::ledger(&pool, &w.officer, &only_overdue, now)
            .await
            .unwrap();
        assert_eq!(filtered.rows.len(), usize::from(expected), "{now}");
        let detail = reads::detail(&pool, &w.officer, id, now).await.unwrap();
        assert_eq!(detail.row.overdue, expected);
        // The officer's home counts it among today's numbers (the link opens this filter).
        let today = crate::home::today::today(&pool, &w.officer, now)
            .await
            .unwrap();
        assert_eq!(today.hazards_overdue, u32::from(expected), "{now}");
        assert_eq!((today.inside_now, today.rounds_missed), (0, 0));
    }
    // The numbers are the officers': a worker's home does not ask for them.
    assert_eq!(
        crate::home::today::today(&pool, &w.reporter, overdue_from).await,
        Err(crate::error::AppError::Forbidden)
    );
    // Closed, it is no longer overdue, however late.
    w.rectify(&w.rectifier, id).await.unwrap();
    w.recheck(&w.officer, id, true).await.unwrap();
    let later = datetime!(2027-06-01 00:00 UTC);
    let ledger = reads::ledger(&pool, &w.officer, &only_overdue, later)
        .await
        .unwrap();
    assert!(ledger.rows.is_empty());
    assert_eq!(ledger.counts.overdue, 0);
}
