//! The SQL of the regulator's hazard figures: per enterprise of a jurisdiction, or of a list
//! of enterprises the caller may read.

use sqlx::PgExecutor;
use time::Date;
use uuid::Uuid;

/// Per enterprise: open hazards, open 重大 ones, and open ones past their deadline
/// (`deadline < today`, the ledger's overdue rule). Enterprises without a hazard are absent.
const COUNTS: &str = "select h.enterprise_id,
        count(*) filter (where h.state <> 'closed'),
        count(*) filter (where h.state <> 'closed' and h.grade = 'major'),
        count(*) filter (where h.state <> 'closed' and h.deadline < $2)
    from hazards h";

/// `COUNTS` of every enterprise at or under a jurisdiction.
pub async fn jurisdiction_counts(
    db: impl PgExecutor<'_>,
    jurisdiction_id: Uuid,
    today: Date,
) -> Result<Vec<(Uuid, i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{COUNTS} join enterprises e on e.id = h.enterprise_id
         where e.jurisdiction_id in (select * from jurisdictions_under($1))
         group by h.enterprise_id"
    ))
    .bind(jurisdiction_id)
    .bind(today)
    .fetch_all(db)
    .await
}

/// `COUNTS` of these enterprises.
pub async fn enterprise_counts(
    db: impl PgExecutor<'_>,
    enterprises: &[Uuid],
    today: Date,
) -> Result<Vec<(Uuid, i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{COUNTS} where h.enterprise_id = any($1) group by h.enterprise_id"
    ))
    .bind(enterprises)
    .bind(today)
    .fetch_all(db)
    .await
}
