//! The ledger pages 50 hazards at a time, newest first; its counts are the whole ledger's on
//! every page.

use super::world::World;
use crate::hazards::{db::LEDGER_PAGE, reads, LedgerFilter};
use sqlx::PgPool;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_ledger_pages_fifty_at_a_time_with_the_whole_counts(pool: PgPool) {
    let w = World::new(&pool).await;
    let total = LEDGER_PAGE + 1;
    let mut ids = Vec::new();
    for _ in 0..total {
        ids.push(w.report(&w.reporter).await);
    }
    let all = LedgerFilter::default();
    let first = reads::ledger_page(&pool, &w.officer, &all, 1, w.now)
        .await
        .unwrap();
    assert_eq!(first.rows.len(), LEDGER_PAGE as usize);
    assert!(first.has_next);
    assert_eq!(first.counts.total, total);
    // Newest first: the last reported leads the first page, the first reported is on the next.
    assert_eq!(first.rows[0].id, *ids.last().unwrap());
    let second = reads::ledger_page(&pool, &w.officer, &all, 2, w.now)
        .await
        .unwrap();
    assert_eq!(
        second.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![ids[0]]
    );
    assert!(!second.has_next);
    assert_eq!((second.page, second.counts.total), (2, total));
    // Past the end: empty, nothing after it; the counts unchanged.
    let past = reads::ledger_page(&pool, &w.officer, &all, 9, w.now)
        .await
        .unwrap();
    assert!(past.rows.is_empty() && !past.has_next);
    assert_eq!(past.counts.total, total);
}
