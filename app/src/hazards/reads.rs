//! What the hazard pages read: the ledger with its counts, and one hazard with its trail and
//! the moves the viewer may make now. Officers see every hazard of their enterprise; everyone
//! else of the enterprise sees the ones they reported, must fix or fixed. Regulators are
//! refused here: they read counts per enterprise (`regulator`).

use super::{
    db::{self, DetailRecord, RowRecord},
    model::yuan,
    moves::{self, Allowed, Move},
    steps::{is_officer, ANYONE},
    Counts, HazardDetail, HazardGrade, HazardPhoto, HazardRow, HazardState, HazardTrailEntry,
    Ledger, LedgerFilter, MajorPlan,
};
use crate::{
    audit::TrailEntry, auth::SessionUser, error::AppError, rules::hazard as rules,
    time_fmt::local_minutes, users::PersonOption,
};
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

/// `None` (everything) for officers, else the viewer's own id.
fn scope(actor: &SessionUser) -> Option<uuid::Uuid> {
    (!is_officer(actor)).then_some(actor.id)
}

/// Whether `actor` may see a hazard with these people: an officer sees all; anyone else the
/// hazards they reported, must fix or fixed (the ledger's `db::MINE`).
fn sees(
    actor: &SessionUser,
    found_by: Uuid,
    rectifier_id: Option<Uuid>,
    rectified_by: Option<Uuid>,
) -> bool {
    match scope(actor) {
        None => true,
        Some(me) => found_by == me || rectifier_id == Some(me) || rectified_by == Some(me),
    }
}

/// Whether `reader` may see the hazard that photo `photo_id` shows, for the photos feature (a
/// photo follows its hazard); `None` when the photo shows no hazard of the reader's
/// enterprise. Regulators see no hazard here (they read counts).
/// `photo_visible` as the photos feature calls it (`photos::service::PhotoReader`).
pub fn photo_reader<'a>(
    pool: &'a PgPool,
    reader: &'a SessionUser,
    photo_id: Uuid,
) -> futures::future::BoxFuture<'a, Result<Option<bool>, AppError>> {
    Box::pin(photo_visible(pool, reader, photo_id))
}

pub async fn photo_visible(
    pool: &PgPool,
    reader: &SessionUser,
    photo_id: Uuid,
) -> Result<Option<bool>, AppError> {
    let Some(enterprise_id) = reader.enterprise_id else {
        return Ok(None);
    };
    let people = db::people_of_photo(pool, enterprise_id, photo_id).await?;
    Ok(people.map(|(found_by, rectifier_id, rectified_by)| {
        reader.require_role(ANYONE).is_ok() && sees(reader, found_by, rectifier_id, rectified_by)
    }))
}

fn row_of(r: RowRecord, now: OffsetDateTime) -> HazardRow {
    HazardRow {
        overdue: rules::is_overdue(r.deadline, moves::is_open(r.state), now),
        id: r.id,
        number: r.number,
        state: r.state,
        grade: r.grade,
        category: r.category,
        source: r.source,
        location: r.location,
        description: r.description,
        found_at: local_minutes(r.found_at),
        found_by: r.found_by_name,
        rectifier: r.rectifier_name,
        deadline: r.deadline.map(|d| d.to_string()),
    }
}

/// The ledger (or the viewer's own hazards) matching `filter`, with the counts.
pub async fn ledger(
    pool: &PgPool,
    actor: &SessionUser,
    filter: &LedgerFilter,
    now: OffsetDateTime,
) -> Result<Ledger, AppError> {
    ledger_page(pool, actor, filter, 1, now).await
}

/// Page `page` (from 1) of the ledger, `db::LEDGER_PAGE` rows each, newest first; the counts
/// are the whole ledger's whatever the page.
pub async fn ledger_page(
    pool: &PgPool,
    actor: &SessionUser,
    filter: &LedgerFilter,
    page: u32,
    now: OffsetDateTime,
) -> Result<Ledger, AppError> {
    actor.require_role(ANYONE)?;
    let enterprise_id = actor.enterprise()?;
    let (mine, today) = (scope(actor), crate::time_fmt::china_day(now));
    let page = page.max(1);
    // One row more than a page: whether there is a next one.
    let mut rows = db::ledger(
        pool,
        enterprise_id,
        mine,
        filter,
        today,
        Some(db::LEDGER_PAGE + 1),
        (i64::from(page) - 1) * db::LEDGER_PAGE,
    )
    .await?;
    let has_next = rows.len() > db::LEDGER_PAGE as usize;
    rows.truncate(db::LEDGER_PAGE as usize);
    let mut counts = Counts::default();
    for (state, n, overdue, major) in db::counts(pool, enterprise_id, mine, today).await? {
        counts.total += n;
        counts.overdue += overdue;
        if moves::is_open(state) {
            counts.major_open += major;
        }
        counts.by_state.push((state, n));
    }
    counts
        .by_state
        .sort_by_key(|(s, _)| HazardState::ALL.iter().position(|x| x == s));
    Ok(Ledger {
        counts,
        rows: rows.into_iter().map(|r| row_of(r, now)).collect(),
        everyone: mine.is_none(),
        page,
        has_next,
    })
}

/// Every hazard of the ledger matching `filter`, for the export (officers only).
pub async fn all_rows(
    pool: &PgPool,
    actor: &SessionUser,
    filter: &LedgerFilter,
    now: OffsetDateTime,
) -> Result<Vec<HazardRow>, AppError> {
    actor.require_role(super::steps::OFFICERS)?;
    let rows = db::ledger(
        pool,
        actor.enterprise()?,
        None,
        filter,
        crate::time_fmt::china_day(now),
        None,
        0,
    )
    .await?;
    Ok(rows.into_iter().map(|r| row_of(r, now)).collect())
}

/// What the viewer may do with this hazard now: the moves possible from its state that the
/// viewer's role and part allow (the steps check the same again).
fn allowed(actor: &SessionUser, r: &RowRecord) -> Allowed {
    let possible = |mv| moves::next(r.state, mv).is_some();
    let officer = is_officer(actor);
    Allowed {
        fix_on_spot: possible(Move::FixOnSpot)
            && rules::may_fix_on_spot(r.grade == HazardGrade::Major)
            && (officer || r.found_by == actor.id),
        confirm: possible(Move::Confirm) && officer,
        rectify: possible(Move::Rectify) && (officer || r.rectifier_id == Some(actor.id)),
        recheck: possible(Move::RecheckPass)
            && officer
            && !r.oversight_recheck
            && rules::recheck_is_independent(actor.id, r.rectifier_id, r.rectified_by),
        recheck_by_visit: possible(Move::RecheckPass) && r.oversight_recheck,
    }
}

fn photo_of(p: db::PhotoRecord) -> HazardPhoto {
    let to_u32 = |v: i32| u32::try_from(v).unwrap_or(0);
    HazardPhoto {
        stage: p.stage,
        url: crate::photos::Photo::url_of(&p.token),
        width: to_u32(p.width),
        height: to_u32(p.height),
        by: p.linked_by_name,
        at: local_minutes(p.linked_at),
    }
}

fn by_at(name: Option<String>, at: Option<OffsetDateTime>) -> Option<String> {
    match (name, at) {
        (Some(name), Some(at)) => Some(format!("{name} · {}", local_minutes(at))),
        _ => None,
    }
}

fn plan_of(d: &mut DetailRecord) -> Option<MajorPlan> {
    Some(MajorPlan {
        goal: d.plan_goal.take()?,
        methods: d.plan_methods.take()?,
        funds: d.plan_funds.take()?,
        organisation: d.plan_organisation.take()?,
        schedule: d.plan_schedule.take()?,
        safety: d.plan_safety.take()?,
    })
}

/// One hazard the viewer may see (else `NotFound`, also for another enterprise's).
pub async fn detail(
    pool: &PgPool,
    actor: &SessionUser,
    id: uuid::Uuid,
    now: OffsetDateTime,
) -> Result<HazardDetail, AppError> {
    actor.require_role(ANYONE)?;
    let enterprise_id = actor.enterprise()?;
    let mut d = db::detail(pool, enterprise_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let r = &d.row;
    if !sees(actor, r.found_by, r.rectifier_id, r.rectified_by) {
        return Err(AppError::NotFound);
    }
    let allowed = allowed(actor, &d.row);
    let people = if allowed.confirm {
        db::people(pool, enterprise_id)
            .await?
            .into_iter()
            .map(|(id, name, role)| PersonOption { id, name, role })
            .collect()
    } else {
        vec![]
    };
    // Read only now that the viewer may see the hazard: its photos follow its visibility.
    let photos: Vec<(Uuid, HazardPhoto)> = db::photos(pool, enterprise_id, id)
        .await?
        .into_iter()
        .map(|p| (p.client_id, photo_of(p)))
        .collect();
    let trail = db::trail(pool, enterprise_id, id)
        .await?
        .into_iter()
        .map(|(at, who, action, client_id, acted)| HazardTrailEntry {
            entry: TrailEntry::new(at, acted, who, action),
            // The photos this move linked (its submission's client id).
            photos: photos
                .iter()
                .filter(|(step, _)| Some(*step) == client_id)
                .map(|(_, p)| p.clone())
                .collect(),
        })
        .collect();
    let plan = plan_of(&mut d);
    Ok(HazardDetail {
        criterion: d.criterion,
        on_spot_note: d.on_spot_note,
        measures: d.measures,
        funds: d.funds_fen.map(yuan),
        interim_control: d.interim_control,
        confirmed: by_at(d.confirmed_by_name, d.confirmed_at),
        plan,
        reported_on: d.reported_to_regulator_on.map(|d| d.to_string()),
        rectification: d.rectification,
        rectified: by_at(d.rectified_by_name, d.completed_at),
        recheck_passed: d.recheck_passed,
        recheck_note: d.recheck_note,
        rechecked: by_at(d.rechecked_by_name, d.rechecked_at),
        closed: by_at(d.closed_by_name, d.closed_at),
        version: d.version,
        row: row_of(d.row, now),
        photos: photos.into_iter().map(|(_, p)| p).collect(),
        trail,
        allowed,
        people,
    })
}
