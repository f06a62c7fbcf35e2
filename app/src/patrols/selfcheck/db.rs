//! SQL of the 25-item pages. Every query names its enterprises (the caller's own, or those of
//! the regulator's jurisdiction).

use crate::{
    error::AppError,
    hazards::{HazardCategory, HazardState},
    patrols::AnswerResult,
};
use sqlx::PgExecutor;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// An item of a 25-item checklist at its current version.
#[derive(sqlx::FromRow)]
pub struct ItemRow {
    pub enterprise_id: Uuid,
    pub checklist_id: Uuid,
    pub checklist: String,
    pub pack: Option<String>,
    pub item_key: String,
    pub position: i32,
    pub text: String,
    pub category: HazardCategory,
    pub basis: String,
}

pub async fn current_items(
    db: impl PgExecutor<'_>,
    enterprises: &[Uuid],
) -> Result<Vec<ItemRow>, AppError> {
    Ok(sqlx::query_as(
        "select c.enterprise_id, c.id as checklist_id, c.name as checklist, c.pack,
                i.item_key, i.position, i.text, i.category, i.basis
         from checklists c
         join checklist_versions v on v.checklist_id = c.id and v.version = c.current_version
         join checklist_items i on i.version_id = v.id
         where c.enterprise_id = any($1) and c.kind = 'self_check_25'
         order by c.enterprise_id, c.name, i.position",
    )
    .bind(enterprises)
    .fetch_all(db)
    .await?)
}

/// The keys of the 25 items these enterprises' checklists carry now (the matrix's columns).
pub async fn carried_keys(
    db: impl PgExecutor<'_>,
    enterprises: &[Uuid],
) -> Result<Vec<String>, AppError> {
    Ok(sqlx::query_scalar(
        "select distinct i.item_key
         from checklists c
         join checklist_versions v on v.checklist_id = c.id and v.version = c.current_version
         join checklist_items i on i.version_id = v.id
         where c.enterprise_id = any($1) and c.kind = 'self_check_25'",
    )
    .bind(enterprises)
    .fetch_all(db)
    .await?)
}

/// The latest answer to an item (by its key, whatever the version it was given on), and the
/// hazard it raised if it failed.
#[derive(sqlx::FromRow)]
pub struct AnswerRow {
    pub checklist_id: Uuid,
    pub item_key: String,
    pub result: AnswerResult,
    pub submitted_at: OffsetDateTime,
    pub checked_by: String,
    pub note: Option<String>,
    pub number: Option<f64>,
    pub text_value: Option<String>,
    pub hazard_id: Option<Uuid>,
    pub hazard_number: Option<String>,
    pub hazard_state: Option<HazardState>,
    pub measures: Option<String>,
    pub rectifier: Option<String>,
    pub funds_fen: Option<i64>,
    pub deadline: Option<Date>,
    pub closed_at: Option<OffsetDateTime>,
}

/// The latest submitted answer per item of the enterprises' current 25-item checklists (by
/// the item's key, whatever the version it was answered on), submitted in `[from, to)` when
/// given: of all time, as the database keeps it (`selfcheck_latest`); in a period, item by
/// item through `patrol_answers_item`.
pub async fn latest_answers(
    db: impl PgExecutor<'_>,
    enterprises: &[Uuid],
    between: Option<(OffsetDateTime, OffsetDateTime)>,
) -> Result<Vec<AnswerRow>, AppError> {
    let latest = match between {
        None => LATEST_KEPT,
        Some(_) => LATEST_BETWEEN,
    };
    Ok(sqlx::query_as(&format!(
        "select c.id as checklist_id, cur.item_key, a.result, la.submitted_at,
                u.name as checked_by, a.note, a.number, a.text_value,
                h.id as hazard_id, h.number as hazard_number, h.state as hazard_state,
                h.measures, ru.name as rectifier, h.funds_fen, h.deadline, h.closed_at
         from checklists c
         join checklist_versions cv on cv.checklist_id = c.id and cv.version = c.current_version
         join checklist_items cur on cur.version_id = cv.id
         {latest}
         join patrol_answers a on a.record_id = la.record_id and a.item_id = la.item_id
         join users u on u.id = la.patroller_id
         left join hazards h on h.patrol_record_id = la.record_id
                            and h.checklist_item_id = la.item_id
                            and h.enterprise_id = c.enterprise_id
         left join users ru on ru.id = h.rectifier_id
         where c.enterprise_id = any($1) and c.kind = 'self_check_25'"
    ))
    .bind(enterprises)
    .bind(between.map(|b| b.0))
    .bind(between.map(|b| b.1))
    .fetch_all(db)
    .await?)
}

/// The latest answer's record and item (`la`) of each current item `cur` of checklist `c`,
/// as kept. (`$2` and `$3`, the period, are null.)
const LATEST_KEPT: &str = "join lateral (
        select k.record_id, k.item_id, k.submitted_at, r.patroller_id
        from selfcheck_latest k
        join patrol_records r on r.id = k.record_id and r.enterprise_id = c.enterprise_id
        where k.checklist_id = c.id and k.item_key = cur.item_key
          and $2::timestamptz is null and $3::timestamptz is null) la on true";

/// The same, the latest submitted in `[$2, $3)`.
const LATEST_BETWEEN: &str = "join lateral (
        select a.item_id, r.id as record_id, r.submitted_at, r.patroller_id
        from checklist_versions v
        join checklist_items i on i.version_id = v.id and i.item_key = cur.item_key
        join patrol_answers a on a.item_id = i.id
        join patrol_records r on r.id = a.record_id and r.enterprise_id = c.enterprise_id
        where v.checklist_id = c.id and r.submitted_at is not null
          and r.submitted_at >= $2 and r.submitted_at < $3
        order by r.submitted_at desc, r.id desc
        limit 1) la on true";

/// The enterprise's name and its 主要负责人's, if named.
pub async fn enterprise_and_principal(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
) -> Result<(String, Option<String>), AppError> {
    let row: Option<(String, Option<String>)> = sqlx::query_as(
        "select e.name, p.name from enterprises e
         left join users p on p.id = e.principal_id and p.enterprise_id = e.id
         where e.id = $1",
    )
    .bind(enterprise_id)
    .fetch_optional(db)
    .await?;
    row.ok_or(AppError::NotFound)
}

/// The enterprises of a jurisdiction: id, name, code, by name.
pub async fn jurisdiction_enterprises(
    db: impl PgExecutor<'_>,
    jurisdiction_id: Uuid,
) -> Result<Vec<(Uuid, String, String)>, AppError> {
    Ok(sqlx::query_as(
        "select id, name, code from enterprises where jurisdiction_id in (select * from jurisdictions_under($1)) order by name, code",
    )
    .bind(jurisdiction_id)
    .fetch_all(db)
    .await?)
}

/// The items these enterprises marked 不涉及, with the reason: (enterprise, item key) → reason.
pub async fn not_applicable_marks(
    db: impl PgExecutor<'_>,
    enterprises: &[Uuid],
) -> Result<Vec<(Uuid, String, String)>, AppError> {
    Ok(sqlx::query_as(
        "select enterprise_id, item_key, reason from selfcheck_not_applicable
         where enterprise_id = any($1)",
    )
    .bind(enterprises)
    .fetch_all(db)
    .await?)
}

/// Marks an item 不涉及 with a reason, or takes the mark back (`reason` None); returns the
/// reason it had.
pub async fn set_not_applicable(
    conn: &mut sqlx::PgConnection,
    enterprise_id: Uuid,
    item_key: &str,
    reason: Option<&str>,
    by: Uuid,
) -> Result<Option<String>, AppError> {
    let before: Option<String> = sqlx::query_scalar(
        "select reason from selfcheck_not_applicable
         where enterprise_id = $1 and item_key = $2 for update",
    )
    .bind(enterprise_id)
    .bind(item_key)
    .fetch_optional(&mut *conn)
    .await?;
    match reason {
        Some(reason) => {
            sqlx::query(
                "insert into selfcheck_not_applicable (enterprise_id, item_key, reason, set_by)
                 values ($1, $2, $3, $4)
                 on conflict (enterprise_id, item_key)
                 do update set reason = $3, set_by = $4, set_at = now()",
            )
            .bind(enterprise_id)
            .bind(item_key)
            .bind(reason)
            .bind(by)
            .execute(conn)
            .await?;
        }
        None => {
            sqlx::query(
                "delete from selfcheck_not_applicable where enterprise_id = $1 and item_key = $2",
            )
            .bind(enterprise_id)
            .bind(item_key)
            .execute(conn)
            .await?;
        }
    }
    Ok(before)
}
