//! visits' SQL.

use super::{ExpertView, FindingView, VisitChecklist, VisitKind, VisitRow};
use sqlx::{PgConnection, PgExecutor};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// A visit as its steps need it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Visit {
    pub id: Uuid,
    pub enterprise_id: Uuid,
    pub enterprise: String,
    pub kind: VisitKind,
    pub checklist: VisitChecklist,
    pub visited_on: Date,
    pub note: String,
    pub opened_by: String,
    pub closed_at: Option<OffsetDateTime>,
}

pub async fn visit(db: impl PgExecutor<'_>, id: Uuid) -> Result<Option<Visit>, sqlx::Error> {
    sqlx::query_as(
        "select v.id, v.enterprise_id, e.name as enterprise, v.kind, v.checklist, v.visited_on,
                v.note, u.name as opened_by, v.closed_at
         from visits v join enterprises e on e.id = v.enterprise_id
         join users u on u.id = v.opened_by
         where v.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn is_expert_on(
    db: impl PgExecutor<'_>,
    visit: Uuid,
    user: Uuid,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "select exists (select 1 from visit_experts where visit_id = $1 and user_id = $2)",
    )
    .bind(visit)
    .bind(user)
    .fetch_one(db)
    .await
}

pub async fn expert_names(db: impl PgExecutor<'_>, visit: Uuid) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select u.name from visit_experts x join users u on u.id = x.user_id
         where x.visit_id = $1 order by u.name",
    )
    .bind(visit)
    .fetch_all(db)
    .await
}

/// The active experts at or under `node`.
pub async fn experts_under(
    db: impl PgExecutor<'_>,
    node: Uuid,
) -> Result<Vec<ExpertView>, sqlx::Error> {
    sqlx::query_as(
        "select id, name, mobile from users
         where role = 'expert' and active
           and jurisdiction_id in (select * from jurisdictions_under($1))
         order by name, id",
    )
    .bind(node)
    .fetch_all(db)
    .await
}

pub struct NewVisit<'a> {
    pub id: Uuid,
    pub enterprise_id: Uuid,
    pub kind: VisitKind,
    pub checklist: VisitChecklist,
    pub visited_on: Date,
    pub node_id: Uuid,
    pub opened_by: Uuid,
    pub opened_at: OffsetDateTime,
    pub note: &'a str,
    pub experts: &'a [Uuid],
}

pub async fn insert_visit(conn: &mut PgConnection, v: NewVisit<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into visits (id, enterprise_id, kind, checklist, visited_on, node_id, opened_by,
                             opened_at, note)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(v.id)
    .bind(v.enterprise_id)
    .bind(v.kind)
    .bind(v.checklist)
    .bind(v.visited_on)
    .bind(v.node_id)
    .bind(v.opened_by)
    .bind(v.opened_at)
    .bind(v.note)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "insert into visit_experts (enterprise_id, visit_id, user_id)
         select $1, $2, unnest($3::uuid[])",
    )
    .bind(v.enterprise_id)
    .bind(v.id)
    .bind(v.experts)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_finding(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    visit: Uuid,
    hazard: Uuid,
    basis: &str,
    deadline: Date,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into visit_findings (enterprise_id, visit_id, hazard_id, basis, deadline)
         values ($1, $2, $3, $4, $5)",
    )
    .bind(enterprise_id)
    .bind(visit)
    .bind(hazard)
    .bind(basis)
    .bind(deadline)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether `hazard` is a finding of `visit`.
pub async fn is_finding_of(
    db: impl PgExecutor<'_>,
    visit: Uuid,
    hazard: Uuid,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "select exists (select 1 from visit_findings where visit_id = $1 and hazard_id = $2)",
    )
    .bind(visit)
    .bind(hazard)
    .fetch_one(db)
    .await
}

/// Closes the visit (false: it already was).
pub async fn close(
    conn: &mut PgConnection,
    id: Uuid,
    by: Uuid,
    at: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update visits set closed_at = $3, closed_by = $2 where id = $1 and closed_at is null",
    )
    .bind(id)
    .bind(by)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn findings(
    db: impl PgExecutor<'_>,
    visit: Uuid,
    today: Date,
) -> Result<Vec<FindingView>, sqlx::Error> {
    sqlx::query_as(
        "select h.id as hazard_id, h.number, h.location, h.description, h.grade, h.state,
                f.basis, f.deadline,
                case when h.state <> 'closed' then greatest($2 - f.deadline, 0) else 0 end
                    ::int8 as days_overdue,
                h.rectification
         from visit_findings f join hazards h on h.id = f.hazard_id
         where f.visit_id = $1
         order by h.found_at, h.id",
    )
    .bind(visit)
    .bind(today)
    .fetch_all(db)
    .await
}

const ROW: &str = "select v.id, v.enterprise_id, e.name as enterprise, j.name as place, v.kind,
        v.visited_on, v.closed_at is not null as closed,
        count(f.hazard_id) as findings,
        count(f.hazard_id) filter (where h.state <> 'closed') as open_findings,
        coalesce(max(greatest($2 - f.deadline, 0)) filter (where h.state <> 'closed'), 0)::int8
            as days_overdue
     from visits v
     join enterprises e on e.id = v.enterprise_id
     join jurisdictions j on j.id = e.jurisdiction_id
     left join visit_findings f on f.visit_id = v.id
     left join hazards h on h.id = f.hazard_id";

/// The visits of enterprises at or under `node`, latest first; `lookback` (回头看): only those
/// with findings not yet closed, the most overdue first.
pub async fn visits_under(
    db: impl PgExecutor<'_>,
    node: Uuid,
    today: Date,
    lookback: bool,
) -> Result<Vec<VisitRow>, sqlx::Error> {
    let order = if lookback {
        "having count(f.hazard_id) filter (where h.state <> 'closed') > 0
         order by days_overdue desc, v.visited_on, v.id"
    } else {
        "order by v.visited_on desc, v.id desc"
    };
    sqlx::query_as(&format!(
        "{ROW}
         where e.jurisdiction_id in (select * from jurisdictions_under($1))
         group by v.id, e.name, j.name
         {order}
         limit 500"
    ))
    .bind(node)
    .bind(today)
    .fetch_all(db)
    .await
}

/// The open visits that name `expert`.
pub async fn visits_of_expert(
    db: impl PgExecutor<'_>,
    expert: Uuid,
    today: Date,
) -> Result<Vec<VisitRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{ROW}
         where v.closed_at is null
           and exists (select 1 from visit_experts x where x.visit_id = v.id and x.user_id = $1)
         group by v.id, e.name, j.name
         order by v.visited_on desc, v.id desc"
    ))
    .bind(expert)
    .bind(today)
    .fetch_all(db)
    .await
}

/// The visit whose finding a photo shows (before or after), if any.
pub async fn visit_of_photo(
    db: impl PgExecutor<'_>,
    photo: Uuid,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar(
        "select f.visit_id from hazard_photos hp
         join visit_findings f on f.hazard_id = hp.hazard_id
         where hp.photo_id = $1 limit 1",
    )
    .bind(photo)
    .fetch_optional(db)
    .await
}

/// The photos of the visit's findings: hazard, stage and token, in the order taken.
pub async fn finding_photos(
    db: impl PgExecutor<'_>,
    visit: Uuid,
) -> Result<Vec<(Uuid, crate::hazards::PhotoStage, String)>, sqlx::Error> {
    sqlx::query_as(
        "select hp.hazard_id, hp.stage, p.token from visit_findings f
         join hazard_photos hp on hp.hazard_id = f.hazard_id
         join photos p on p.id = hp.photo_id
         where f.visit_id = $1 order by hp.linked_at",
    )
    .bind(visit)
    .fetch_all(db)
    .await
}
