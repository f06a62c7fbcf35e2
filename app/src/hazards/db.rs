//! The SQL of hazards. Every query names the enterprise: no hazard is ever read or written
//! across enterprises.

use super::{
    model::{ConfirmInput, ReportInput},
    HazardCategory, HazardGrade, HazardSource, HazardState, LedgerFilter, PhotoStage,
};
use crate::audit::AuditAction;
use sqlx::{PgConnection, PgExecutor};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// The next number of the enterprise's year. The upsert locks the counter row until the
/// transaction ends, so concurrent reports are numbered one after the other.
pub async fn next_number(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    year: i32,
) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar(
        "insert into hazard_numbers (enterprise_id, year, last_no) values ($1, $2, 1)
         on conflict (enterprise_id, year)
         do update set last_no = hazard_numbers.last_no + 1
         returning last_no",
    )
    .bind(enterprise_id)
    .bind(year)
    .fetch_one(conn)
    .await
}

pub struct NewHazard<'a> {
    pub id: Uuid,
    pub enterprise_id: Uuid,
    pub number: String,
    pub found_by: Uuid,
    pub found_at: OffsetDateTime,
    pub client_id: Uuid,
    pub input: &'a ReportInput,
}

pub async fn insert(conn: &mut PgConnection, h: NewHazard<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into hazards (id, enterprise_id, number, source, found_at, found_by, location,
            description, category, grade, state, client_id, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'reported', $11, $5, $5)",
    )
    .bind(h.id)
    .bind(h.enterprise_id)
    .bind(h.number)
    .bind(h.input.source)
    .bind(h.found_at)
    .bind(h.found_by)
    .bind(&h.input.location)
    .bind(&h.input.description)
    .bind(h.input.category)
    .bind(h.input.grade)
    .bind(h.client_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Where a patrol finding came from: the record, the failed item and the point.
pub struct Finding<'a> {
    pub record_id: Uuid,
    pub item_id: Uuid,
    pub point_id: Uuid,
    pub criterion: &'a str,
}

/// A failed patrol item's hazard (the patrols work calls it inside its own submission step):
/// numbered like a report, in 待确认, linked to its record, item and point.
pub async fn insert_from_finding(
    conn: &mut PgConnection,
    h: NewHazard<'_>,
    finding: Finding<'_>,
) -> Result<(), sqlx::Error> {
    let id = h.id;
    insert(&mut *conn, h).await?;
    sqlx::query(
        "update hazards set patrol_record_id = $2, checklist_item_id = $3, patrol_point_id = $4,
            criterion = $5
         where id = $1",
    )
    .bind(id)
    .bind(finding.record_id)
    .bind(finding.item_id)
    .bind(finding.point_id)
    .bind(finding.criterion)
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks a hazard as a visit's finding with its basis, re-checked by the visit's side only.
pub async fn set_oversight_recheck(
    conn: &mut PgConnection,
    id: Uuid,
    criterion: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("update hazards set oversight_recheck = true, criterion = $2 where id = $1")
        .bind(id)
        .bind(criterion)
        .execute(conn)
        .await?;
    Ok(())
}

/// What a move needs to know of the hazard, read under a row lock.
#[derive(Debug, sqlx::FromRow)]
pub struct Locked {
    pub state: HazardState,
    pub grade: HazardGrade,
    pub version: i32,
    pub found_by: Uuid,
    pub rectifier_id: Option<Uuid>,
    pub rectified_by: Option<Uuid>,
    /// The time of its report or its latest move, whichever is later.
    pub last_moved_at: OffsetDateTime,
    /// A visit's finding: re-checked by the visit's side only.
    pub oversight_recheck: bool,
}

pub async fn lock(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    id: Uuid,
) -> Result<Option<Locked>, sqlx::Error> {
    sqlx::query_as(
        "select state, grade, version, found_by, rectifier_id, rectified_by,
                greatest(found_at, confirmed_at, completed_at, rechecked_at, closed_at)
                    as last_moved_at, oversight_recheck
         from hazards where enterprise_id = $1 and id = $2 for update",
    )
    .bind(enterprise_id)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// 已立即整改: the note is also the rectification; a new cycle forgets the last re-check.
pub async fn set_fixed_on_spot(
    conn: &mut PgConnection,
    id: Uuid,
    by: Uuid,
    note: &str,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update hazards set state = 'fixed_on_spot', on_spot_note = $3, rectification = $3,
            rectified_by = $2, completed_at = $4, rechecked_by = null, recheck_passed = null,
            recheck_note = null, rechecked_at = null, version = version + 1, updated_at = $4
         where id = $1",
    )
    .bind(id)
    .bind(by)
    .bind(note)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_confirmed(
    conn: &mut PgConnection,
    id: Uuid,
    by: Uuid,
    input: &ConfirmInput,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    let plan = input.plan.clone().unwrap_or_default();
    let part = |p: &str| (!p.is_empty()).then(|| p.to_owned());
    sqlx::query(
        "update hazards set state = 'rectifying', grade = $3, criterion = $4, rectifier_id = $5,
            measures = $6, funds_fen = $7, deadline = $8, interim_control = $9,
            plan_goal = $10, plan_methods = $11, plan_funds = $12, plan_organisation = $13,
            plan_schedule = $14, plan_safety = $15, reported_to_regulator_on = $16,
            confirmed_by = $2, confirmed_at = $17, version = version + 1, updated_at = $17
         where id = $1",
    )
    .bind(id)
    .bind(by)
    .bind(input.grade)
    .bind(&input.criterion)
    .bind(input.rectifier_id)
    .bind(&input.measures)
    .bind(input.funds_fen)
    .bind(input.deadline)
    .bind(&input.interim_control)
    .bind(part(&plan.goal))
    .bind(part(&plan.methods))
    .bind(part(&plan.funds))
    .bind(part(&plan.organisation))
    .bind(part(&plan.schedule))
    .bind(part(&plan.safety))
    .bind(input.reported_on)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_rectified(
    conn: &mut PgConnection,
    id: Uuid,
    by: Uuid,
    rectification: &str,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update hazards set state = 'awaiting_recheck', rectification = $3, rectified_by = $2,
            completed_at = $4, rechecked_by = null, recheck_passed = null, recheck_note = null,
            rechecked_at = null, version = version + 1, updated_at = $4
         where id = $1",
    )
    .bind(id)
    .bind(by)
    .bind(rectification)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The re-check's outcome: `to` is 已销号 when it passed, else where the loop goes back to.
/// Back at 待确认 (a failed on-the-spot fix) the fix is no longer one: its note goes.
pub async fn set_rechecked(
    conn: &mut PgConnection,
    id: Uuid,
    by: Uuid,
    to: HazardState,
    note: &str,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    let passed = to == HazardState::Closed;
    sqlx::query(
        "update hazards set state = $3, recheck_passed = $4, recheck_note = $5,
            rechecked_by = $2, rechecked_at = $6,
            on_spot_note = case when $3 = 'reported' then null else on_spot_note end,
            closed_at = case when $4 then $6 end, closed_by = case when $4 then $2 end,
            version = version + 1, updated_at = $6
         where id = $1",
    )
    .bind(id)
    .bind(by)
    .bind(to)
    .bind(passed)
    .bind(note)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// A ledger line as stored.
#[derive(Debug, sqlx::FromRow)]
pub struct RowRecord {
    pub id: Uuid,
    pub number: String,
    pub state: HazardState,
    pub grade: HazardGrade,
    pub category: HazardCategory,
    pub source: HazardSource,
    pub location: String,
    pub description: String,
    pub found_at: OffsetDateTime,
    pub found_by: Uuid,
    pub found_by_name: String,
    pub rectifier_id: Option<Uuid>,
    pub rectifier_name: Option<String>,
    pub rectified_by: Option<Uuid>,
    pub deadline: Option<Date>,
    /// A visit's finding: re-checked by the visit's side only.
    pub oversight_recheck: bool,
}

const ROW_COLUMNS: &str = "h.id, h.number, h.state, h.grade, h.category, h.source, h.location,
    h.description, h.found_at, h.found_by, f.name as found_by_name, h.rectifier_id,
    r.name as rectifier_name, h.rectified_by, h.deadline, h.oversight_recheck";

const ROW_JOINS: &str = "from hazards h join users f on f.id = h.found_by
    left join users r on r.id = h.rectifier_id";

/// `mine`: only hazards this person reported, must fix or fixed.
const MINE: &str = "($2::uuid is null or h.found_by = $2 or h.rectifier_id = $2
    or h.rectified_by = $2)";

/// The rows of one ledger page (about nine screens on a phone; the counts cover them all,
/// the export has them all).
pub const LEDGER_PAGE: i64 = 50;

pub async fn ledger(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    mine: Option<Uuid>,
    filter: &LedgerFilter,
    today: Date,
    limit: Option<i64>,
    offset: i64,
) -> Result<Vec<RowRecord>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {ROW_COLUMNS} {ROW_JOINS}
         where h.enterprise_id = $1 and {MINE}
           and ($3::text is null or h.state = $3)
           and ($4::text is null or h.grade = $4)
           and ($5::text is null or h.category = $5)
           and ($6::text is null or h.source = $6)
           and (not $7 or (h.state <> 'closed' and h.deadline < $8))
         order by h.found_at desc, h.id desc
         limit $9 offset $10"
    ))
    .bind(enterprise_id)
    .bind(mine)
    .bind(filter.state)
    .bind(filter.grade)
    .bind(filter.category)
    .bind(filter.source)
    .bind(filter.overdue)
    .bind(today)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// Per state: how many, how many of them overdue, how many 重大. The whole enterprise's
/// (an officer's ledger) come from the counters the database keeps (`hazard_counts`, see
/// migration 20261203000100) plus the overdue ones from their partial index, instead of
/// aggregating every hazard on each view (45 ms at 100,000 hazards; this takes 5).
pub async fn counts(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    mine: Option<Uuid>,
    today: Date,
) -> Result<Vec<(HazardState, i64, i64, i64)>, sqlx::Error> {
    if mine.is_none() {
        return sqlx::query_as(
            "select c.state, c.n, coalesce(o.overdue, 0), c.major
             from (select state, sum(n)::bigint as n,
                          coalesce(sum(n) filter (where grade = 'major'), 0)::bigint as major
                   from hazard_counts where enterprise_id = $1
                   group by state having sum(n) > 0) c
             left join (select state, count(*) as overdue from hazards
                        where enterprise_id = $1 and state <> 'closed' and deadline < $2
                        group by state) o using (state)",
        )
        .bind(enterprise_id)
        .bind(today)
        .fetch_all(db)
        .await;
    }
    sqlx::query_as(&format!(
        "select h.state, count(*),
                count(*) filter (where h.state <> 'closed' and h.deadline < $3),
                count(*) filter (where h.grade = 'major')
         from hazards h
         where h.enterprise_id = $1 and {MINE}
         group by h.state"
    ))
    .bind(enterprise_id)
    .bind(mine)
    .bind(today)
    .fetch_all(db)
    .await
}

/// Everything recorded on one hazard, beyond its ledger line.
#[derive(Debug, sqlx::FromRow)]
pub struct DetailRecord {
    #[sqlx(flatten)]
    pub row: RowRecord,
    pub criterion: String,
    pub on_spot_note: Option<String>,
    pub measures: Option<String>,
    pub funds_fen: Option<i64>,
    pub interim_control: Option<String>,
    pub confirmed_by_name: Option<String>,
    pub confirmed_at: Option<OffsetDateTime>,
    pub plan_goal: Option<String>,
    pub plan_methods: Option<String>,
    pub plan_funds: Option<String>,
    pub plan_organisation: Option<String>,
    pub plan_schedule: Option<String>,
    pub plan_safety: Option<String>,
    pub reported_to_regulator_on: Option<Date>,
    pub rectification: Option<String>,
    pub rectified_by_name: Option<String>,
    pub completed_at: Option<OffsetDateTime>,
    pub recheck_passed: Option<bool>,
    pub recheck_note: Option<String>,
    pub rechecked_by_name: Option<String>,
    pub rechecked_at: Option<OffsetDateTime>,
    pub closed_by_name: Option<String>,
    pub closed_at: Option<OffsetDateTime>,
    pub version: i32,
}

pub async fn detail(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    id: Uuid,
) -> Result<Option<DetailRecord>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {ROW_COLUMNS}, h.criterion, h.on_spot_note, h.measures, h.funds_fen,
                h.interim_control, cf.name as confirmed_by_name, h.confirmed_at, h.plan_goal,
                h.plan_methods, h.plan_funds, h.plan_organisation, h.plan_schedule,
                h.plan_safety, h.reported_to_regulator_on, h.rectification,
                rb.name as rectified_by_name, h.completed_at, h.recheck_passed, h.recheck_note,
                rc.name as rechecked_by_name, h.rechecked_at, cl.name as closed_by_name,
                h.closed_at, h.version
         {ROW_JOINS}
         left join users cf on cf.id = h.confirmed_by
         left join users rb on rb.id = h.rectified_by
         left join users rc on rc.id = h.rechecked_by
         left join users cl on cl.id = h.closed_by
         where h.enterprise_id = $1 and h.id = $2"
    ))
    .bind(enterprise_id)
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The hazard's audit rows, oldest first: who did what, when, in which submission (the
/// client id a photo's link names).
#[allow(clippy::type_complexity)]
pub async fn trail(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    id: Uuid,
) -> Result<
    Vec<(
        OffsetDateTime,
        String,
        AuditAction,
        Option<Uuid>,
        Option<OffsetDateTime>,
    )>,
    sqlx::Error,
> {
    sqlx::query_as(
        "select l.created_at, u.name, l.action, l.client_id, l.acted_at from audit_log l
         join users u on u.id = l.actor_id
         where l.enterprise_id = $1 and l.subject_id = $2
         order by l.created_at, l.id",
    )
    .bind(enterprise_id)
    .bind(id)
    .fetch_all(db)
    .await
}

/// Active people of the enterprise (a rectifier is one of them).
pub async fn people(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
) -> Result<Vec<(Uuid, String, crate::auth::Role)>, sqlx::Error> {
    sqlx::query_as(
        "select id, name, role from users where enterprise_id = $1 and active order by name, id",
    )
    .bind(enterprise_id)
    .fetch_all(db)
    .await
}

/// A photo of the enterprise as a step about to link it sees it: who uploaded it, and whether
/// it already shows a hazard. Locked, so two steps linking one photo go one after the other.
#[derive(Debug, sqlx::FromRow)]
pub struct PhotoToLink {
    pub uploaded_by: Uuid,
    pub linked: bool,
}

pub async fn photo_to_link(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    photo_id: Uuid,
) -> Result<Option<PhotoToLink>, sqlx::Error> {
    sqlx::query_as(
        "select p.uploaded_by,
                exists (select 1 from hazard_photos hp where hp.photo_id = p.id) as linked
         from photos p where p.enterprise_id = $1 and p.id = $2 for update of p",
    )
    .bind(enterprise_id)
    .bind(photo_id)
    .fetch_optional(conn)
    .await
}

/// A photo linked to a hazard by the step with `client_id`.
pub struct PhotoLink {
    pub enterprise_id: Uuid,
    pub hazard_id: Uuid,
    pub photo_id: Uuid,
    pub stage: PhotoStage,
    pub by: Uuid,
    pub at: OffsetDateTime,
    pub client_id: Uuid,
}

/// Fails on `hazard_photos_pkey` when the photo is linked already.
pub async fn link_photo(conn: &mut PgConnection, l: PhotoLink) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into hazard_photos (photo_id, hazard_id, enterprise_id, stage, linked_by,
            linked_at, client_id)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(l.photo_id)
    .bind(l.hazard_id)
    .bind(l.enterprise_id)
    .bind(l.stage)
    .bind(l.by)
    .bind(l.at)
    .bind(l.client_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Who reported, must fix and fixed the hazard that photo `photo_id` shows (what decides who
/// may see it, `reads::photo_visible`); `None` when it shows no hazard of the enterprise.
pub async fn people_of_photo(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    photo_id: Uuid,
) -> Result<Option<(Uuid, Option<Uuid>, Option<Uuid>)>, sqlx::Error> {
    sqlx::query_as(
        "select h.found_by, h.rectifier_id, h.rectified_by from hazard_photos hp
         join hazards h on h.enterprise_id = hp.enterprise_id and h.id = hp.hazard_id
         where hp.enterprise_id = $1 and hp.photo_id = $2",
    )
    .bind(enterprise_id)
    .bind(photo_id)
    .fetch_optional(db)
    .await
}

/// A hazard's photo as its page shows it.
#[derive(Debug, sqlx::FromRow)]
pub struct PhotoRecord {
    pub stage: PhotoStage,
    pub token: String,
    pub width: i32,
    pub height: i32,
    pub linked_by_name: String,
    pub linked_at: OffsetDateTime,
    pub client_id: Uuid,
}

/// The hazard's photos, oldest first.
pub async fn photos(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    hazard_id: Uuid,
) -> Result<Vec<PhotoRecord>, sqlx::Error> {
    sqlx::query_as(
        "select hp.stage, p.token, p.width, p.height, u.name as linked_by_name, hp.linked_at,
                hp.client_id
         from hazard_photos hp
         join photos p on p.enterprise_id = hp.enterprise_id and p.id = hp.photo_id
         join users u on u.id = hp.linked_by
         where hp.enterprise_id = $1 and hp.hazard_id = $2
         order by hp.linked_at, p.id",
    )
    .bind(enterprise_id)
    .bind(hazard_id)
    .fetch_all(db)
    .await
}
