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
use std::{collections::HashMap, sync::LazyLock};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// How long kept figures serve at most.
pub const MAX_AGE: time::Duration = time::Duration::minutes(5);

/// What the features compute of one enterprise (the rest of `Figures` is its ledger's facts,
/// read each time); kept as the columns of the same names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Measured {
    pub items_cleared: i32,
    pub items_applicable: i32,
    pub rounds_made: i32,
    pub rounds_expected: i32,
    pub rounds_missed: i32,
    pub hazards_open: i32,
    pub hazards_overdue: i32,
    pub hazards_major: i32,
    pub people: i32,
    pub people_cleared: i32,
    pub operations: i32,
}

/// `Measured`'s columns, in its fields' order.
pub const COLUMNS: [&str; 11] = [
    "items_cleared",
    "items_applicable",
    "rounds_made",
    "rounds_expected",
    "rounds_missed",
    "hazards_open",
    "hazards_overdue",
    "hazards_major",
    "people",
    "people_cleared",
    "operations",
];

impl Measured {
    /// These figures column by column (`COLUMNS`' order), as `unnest` takes them: one array
    /// per column, one element per enterprise.
    pub(super) fn column_arrays<'a>(all: impl Iterator<Item = &'a Measured>) -> Vec<Vec<i32>> {
        let rows: Vec<[i32; 11]> = all.map(Measured::values).collect();
        (0..COLUMNS.len())
            .map(|column| rows.iter().map(|r| r[column]).collect())
            .collect()
    }

    fn values(&self) -> [i32; 11] {
        [
            self.items_cleared,
            self.items_applicable,
            self.rounds_made,
            self.rounds_expected,
            self.rounds_missed,
            self.hazards_open,
            self.hazards_overdue,
            self.hazards_major,
            self.people,
            self.people_cleared,
            self.operations,
        ]
    }

    pub fn apply(&self, f: &mut Figures) {
        f.items_cleared = n(self.items_cleared);
        f.items_applicable = n(self.items_applicable);
        f.rounds_made = n(self.rounds_made);
        f.rounds_expected = n(self.rounds_expected);
        f.rounds_missed = n(self.rounds_missed);
        f.hazards_open = n(self.hazards_open);
        f.hazards_overdue = n(self.hazards_overdue);
        f.hazards_major = n(self.hazards_major);
        f.people = n(self.people);
        f.people_cleared = n(self.people_cleared);
        f.operations = n(self.operations);
    }
}

/// A count the database kept (as `integer`) as a figure.
pub(super) fn n(v: i32) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

/// When the kept row `k` serves the enterprise `e` (with its ledger `version`), over the
/// period `$3`–`$4`, kept after `$5`: the one condition of `read` and of the overview's sums
/// (`sums.rs`), which bind those three alike.
pub const SERVES: &str = "k.enterprise_id = e.id and k.ledger_version = e.version
    and k.period_from = $3 and k.period_to = $4 and k.computed_at > $5
    and not exists (
        select 1 from audit_log a
        where a.enterprise_id = k.enterprise_id
          and a.xact >= pg_snapshot_xmin(k.snapshot)
          and not pg_visible_in_snapshot(a.xact, k.snapshot)
          and a.action not like 'auth.%')";

/// The database's snapshot now (`pg_current_snapshot()`), to be taken before computing.
pub async fn snapshot(pool: &PgPool) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("select pg_current_snapshot()::text")
        .fetch_one(pool)
        .await
}

#[derive(sqlx::FromRow)]
struct KeptRow {
    enterprise_id: Uuid,
    #[sqlx(flatten)]
    measured: Measured,
}

/// The kept figures of `enterprises` over the period that still serve at `now`, given each
/// enterprise's ledger version.
pub async fn read(
    pool: &PgPool,
    enterprises: &[(Uuid, i32)],
    (from, to): (Date, Date),
    now: OffsetDateTime,
) -> Result<HashMap<Uuid, Measured>, sqlx::Error> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "select k.* from unnest($1::uuid[], $2::int[]) as e (id, version)
             join overview_figures k on {SERVES}"
        )
    });
    let (ids, versions): (Vec<Uuid>, Vec<i32>) = enterprises.iter().copied().unzip();
    let rows: Vec<KeptRow> = sqlx::query_as(&SQL)
        .bind(&ids)
        .bind(&versions)
        .bind(from)
        .bind(to)
        .bind(now - MAX_AGE)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(|r| (r.enterprise_id, r.measured)).collect())
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
    static SQL: LazyLock<String> = LazyLock::new(|| {
        let columns = COLUMNS.join(", ");
        let arrays: Vec<String> = (0..COLUMNS.len()).map(|i| format!("${}::int[]", i + 6)).collect();
        let updates: Vec<String> = COLUMNS.iter().map(|c| format!("{c} = excluded.{c}")).collect();
        format!(
            "insert into overview_figures (enterprise_id, ledger_version, period_from, period_to,
                 snapshot, computed_at, {columns})
             select id, version, $3, $4, $5::pg_snapshot, $17, {columns}
             from unnest($1::uuid[], $2::int[], {arrays}) as f (id, version, {columns})
             on conflict (enterprise_id, period_from, period_to) do update
                 set ledger_version = excluded.ledger_version, snapshot = excluded.snapshot,
                     computed_at = excluded.computed_at, {updates}",
            arrays = arrays.join(", "),
            updates = updates.join(", "),
        )
    });
    let ids: Vec<Uuid> = figures.iter().map(|f| f.0).collect();
    let versions: Vec<i32> = figures.iter().map(|f| f.1).collect();
    let mut tx = pool.begin().await?;
    sqlx::query("delete from overview_figures where computed_at < $1")
        .bind(now - time::Duration::DAY)
        .execute(&mut *tx)
        .await?;
    let mut insert = sqlx::query(&SQL)
        .bind(&ids)
        .bind(&versions)
        .bind(from)
        .bind(to)
        .bind(snapshot);
    for column in Measured::column_arrays(figures.iter().map(|f| &f.2)) {
        insert = insert.bind(column);
    }
    insert.bind(now).execute(&mut *tx).await?;
    tx.commit().await
}
