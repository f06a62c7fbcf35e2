//! The kept figures' database tests: a step of the enterprise shows at once, a step committed
//! while figures were computed is never hidden, and kept figures end with the ledger's edit
//! and with their age.

use super::{kept, service, tests::report_major};
use crate::county::tests::county;
use sqlx::PgPool;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

async fn version(pool: &PgPool, enterprise: Uuid) -> i32 {
    sqlx::query_scalar("select version from enterprises where id = $1")
        .bind(enterprise)
        .fetch_one(pool)
        .await
        .unwrap()
}

fn period() -> (Date, Date) {
    let today = crate::time_fmt::china_day(OffsetDateTime::now_utc());
    (today, today)
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_step_of_the_enterprise_shows_in_the_next_overview(pool: PgPool) {
    let c = county(&pool).await;
    let now = OffsetDateTime::now_utc();
    let read = || service::overview(&pool, &c.county_regulator, "", ("", ""), now);
    assert_eq!(read().await.unwrap().total.hazards_major, 0);
    let kept: i64 = sqlx::query_scalar("select count(*) from overview_figures")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(kept, 2, "both enterprises' figures kept");
    report_major(&pool, c.e1, "13700000011").await;
    assert_eq!(read().await.unwrap().total.hazards_major, 1);
    report_major(&pool, c.e1, "13700000012").await;
    assert_eq!(read().await.unwrap().total.hazards_major, 2);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_step_committed_while_figures_are_computed_is_not_hidden(pool: PgPool) {
    let c = county(&pool).await;
    let now = OffsetDateTime::now_utc();
    let v = version(&pool, c.e1).await;
    let stale = kept::Measured::default();
    // Taken before the figures were read; the step commits after that, before they are kept.
    let before = kept::snapshot(&pool).await.unwrap();
    report_major(&pool, c.e1, "13700000013").await;
    kept::store(&pool, &[(c.e1, v, stale)], period(), &before, now)
        .await
        .unwrap();
    let served = kept::read(&pool, &[(c.e1, v)], period(), now).await.unwrap();
    assert!(served.is_empty(), "the step is outside the snapshot: computed again");
    // Figures computed after the step serve.
    let after = kept::snapshot(&pool).await.unwrap();
    let fresh = kept::Measured {
        hazards_major: 1,
        ..Default::default()
    };
    kept::store(&pool, &[(c.e1, v, fresh)], period(), &after, now)
        .await
        .unwrap();
    let served = kept::read(&pool, &[(c.e1, v)], period(), now).await.unwrap();
    assert_eq!(served.get(&c.e1), Some(&fresh));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn kept_figures_end_with_their_age_and_the_ledger_entrys_edit(pool: PgPool) {
    let c = county(&pool).await;
    let now = OffsetDateTime::now_utc();
    let v = version(&pool, c.e1).await;
    let figures = kept::Measured {
        people: 3,
        ..Default::default()
    };
    let snapshot = kept::snapshot(&pool).await.unwrap();
    kept::store(&pool, &[(c.e1, v, figures)], period(), &snapshot, now)
        .await
        .unwrap();
    let at = |t: OffsetDateTime, v: i32| {
        let pool = pool.clone();
        async move { kept::read(&pool, &[(c.e1, v)], period(), t).await.unwrap() }
    };
    let edge = now + kept::MAX_AGE;
    assert_eq!(at(edge - time::Duration::SECOND, v).await.len(), 1);
    assert!(at(edge, v).await.is_empty(), "as old as MAX_AGE: computed again");
    assert!(at(now, v + 1).await.is_empty(), "the entry was edited since");
    let other = (period().0 - time::Duration::DAY, period().1);
    assert!(kept::read(&pool, &[(c.e1, v)], other, now).await.unwrap().is_empty());
}
