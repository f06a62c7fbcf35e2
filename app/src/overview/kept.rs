//! The features' figures of each enterprise, kept between reads (`overview_figures`). At the
//! size of a county they take seconds to compute (a million training attendances run through
//! the clearance rules, the latest answer to every 25-item check), and a regulator's overview
//! must answer in a tenth of that. An enterprise's kept figures serve while:
//! - no audited step of the enterprise committed that the snapshot taken before computing
//!   them did not see (every change of its records is one, `audit/step.rs`; sign-ins and
//!   password changes do not count, they change no figure);
//! - its ledger entry is at the version they were computed with (an edit or an import may
//!   change which of the 25 items concern it);
//! - they are younger than `MAX_AGE`: some figures change with the clock alone (a round is
//!   missed once its window ends; a hazard is overdue from the day after its deadline, and the
//!   period ends today, so a new day is a new period).
//!
//! The snapshot is taken before the figures are read, so a step committing while they are
//! computed is never hidden: it is outside the snapshot, and the next read computes again.

use super::Figures;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use std::collections::HashMap;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// How long kept figures serve at most.
pub const MAX_AGE: time::Duration = time::Duration::minutes(5);

/// What the features compute of one enterprise (the rest of `Figures` is its ledger's facts,
/// read each time).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Measured {
    pub items_cleared: u32,
    pub items_applicable: u32,
    pub rounds_made: u32,
    pub rounds_expected: u32,
    pub rounds_missed: u32,
    pub hazards_open: u32,
    pub hazards_overdue: u32,
    pub hazards_major: u32,
    pub people: u32,
    pub people_cleared: u32,
    pub operations: u32,
}

impl Measured {
    pub fn apply(&self, f: &mut Figures) {
        f.items_cleared = self.items_cleared;
        f.items_applicable = self.items_applicable;
        f.rounds_made = self.rounds_made;
        f.rounds_expected = self.rounds_expected;
        f.rounds_missed = self.rounds_missed;
        f.hazards_open = self.hazards_open;
        f.hazards_overdue = self.hazards_overdue;
        f.hazards_major = self.hazards_major;
        f.people = self.people;
        f.people_cleared = self.people_cleared;
        f.operations = self.operations;
    }
}

/// The database's snapshot now (`pg_current_snapshot()`), to be taken before computing.
pub async fn snapshot(pool: &PgPool) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("select pg_current_snapshot()::text")
        .fetch_one(pool)
        .await
}

/// The kept figures of `enterprises` over the period that still serve at `now`, given each
/// enterprise's ledger version.
pub async fn read(
    pool: &PgPool,
    enterprises: &[(Uuid, i32)],
    (from, to): (Date, Date),
    now: OffsetDateTime,
) -> Result<HashMap<Uuid, Measured>, sqlx::Error> {
    let (ids, versions): (Vec<Uuid>, Vec<i32>) = enterprises.iter().copied().unzip();
    let rows: Vec<(Uuid, sqlx::types::Json<Measured>)> = sqlx::query_as(
        "select f.enterprise_id, f.figures
         from unnest($1::uuid[], $2::int[]) as e (id, version)
         join overview_figures f on f.enterprise_id = e.id and f.ledger_version = e.version
         where f.period_from = $3 and f.period_to = $4 and f.computed_at > $5
           and not exists (
               select 1 from audit_log a
               where a.enterprise_id = f.enterprise_id
                 and a.xact >= pg_snapshot_xmin(f.snapshot)
                 and not pg_visible_in_snapshot(a.xact, f.snapshot)
                 and a.action not like 'auth.%')",
    )
    .bind(&ids)
    .bind(&versions)
    .bind(from)
    .bind(to)
    .bind(now - MAX_AGE)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(id, f)| (id, f.0)).collect())
}

/// Keeps figures computed after `snapshot` was taken, with each enterprise's ledger version,
/// and drops kept figures a day old (of periods nobody reads any more).
pub async fn store(
    pool: &PgPool,
    figures: &[(Uuid, i32, Measured)],
    (from, to): (Date, Date),
    snapshot: &str,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    let ids: Vec<Uuid> = figures.iter().map(|f| f.0).collect();
    let versions: Vec<i32> = figures.iter().map(|f| f.1).collect();
    let values: Vec<sqlx::types::Json<Measured>> =
        figures.iter().map(|f| sqlx::types::Json(f.2)).collect();
    let mut tx = pool.begin().await?;
    sqlx::query("delete from overview_figures where computed_at < $1")
        .bind(now - time::Duration::DAY)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "insert into overview_figures (enterprise_id, ledger_version, figures, period_from,
             period_to, snapshot, computed_at)
         select id, version, figures, $4, $5, $6::pg_snapshot, $7
         from unnest($1::uuid[], $2::int[], $3::jsonb[]) as f (id, version, figures)
         on conflict (enterprise_id, period_from, period_to) do update
             set ledger_version = excluded.ledger_version, figures = excluded.figures,
                 snapshot = excluded.snapshot, computed_at = excluded.computed_at",
    )
    .bind(&ids)
    .bind(&versions)
    .bind(&values)
    .bind(from)
    .bind(to)
    .bind(snapshot)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}
