//! What operation pages read: the officers' live board, the scan page's operation with the
//! signed-in person's part in it, the people to put on a permit, and the history.

use super::{
    db::reads::{self, OpenRow},
    panel_cache::{self, OpenOperation},
    permit::{tester_refusal, CREW, OFFICERS},
    Entrant, EntryLine, GasTestSummary, HistoryRow, Inside, OperationDetail, OperationStatus,
    OperationView, PersonOption, TrailEntry,
};
use crate::{auth::SessionUser, error::AppError, rules::gas, time_fmt::local_minutes};
use sqlx::{PgConnection, PgExecutor, PgPool};
use std::collections::HashMap;
use time::OffsetDateTime;
use uuid::Uuid;

/// At most this many operations on the history page (its export holds every one).
pub const HISTORY_LIMIT: i64 = 500;

/// A time for a page's data attribute (read by `public/offline.js`).
fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn view_of(row: &OpenRow, now: OffsetDateTime) -> OperationView {
    let policy = row.policy();
    let inside: Vec<Inside> = row
        .inside_ids
        .iter()
        .zip(&row.inside_names)
        .zip(&row.inside_since)
        .map(|((user_id, name), since)| Inside {
            user_id: *user_id,
            name: name.clone(),
            since: local_minutes(*since),
            minutes: (now - *since).whole_minutes(),
            since_iso: rfc3339(*since),
        })
        .collect();
    let last_test = match (row.test_at, row.test_passed, &row.test_readings) {
        (Some(at), Some(passed), Some(readings)) => Some(GasTestSummary {
            passed,
            tested_at: local_minutes(at),
            age_minutes: (now - at).whole_minutes(),
            tested_iso: rfc3339(at),
            fresh: gas::test_is_fresh(at, now, &policy),
            readings: readings.0.clone(),
        }),
        _ => None,
    };
    let retest_due = !inside.is_empty()
        && row
            .test_at
            .is_some_and(|at| gas::retest_due(at, now, &policy));
    OperationView {
        id: row.id,
        space_id: row.space_id,
        space_code: row.space_code.clone(),
        space_name: row.space_name.clone(),
        status: row.status,
        work_content: row.work_content.clone(),
        planned_end: local_minutes(row.planned_end),
        overdue: now > row.planned_end && !inside.is_empty(),
        attendant: row.attendant.clone(),
        attendant_present: row.attendant_in_at.is_some() && row.attendant_out_at.is_none(),
        inside,
        last_test,
        retest_due,
        evacuating: row.evacuation_at.is_some(),
    }
}

/// Every open operation of the enterprise: the officers' live board, in one query.
pub async fn board(pool: &PgPool, actor: &SessionUser) -> Result<Vec<OperationView>, AppError> {
    actor.require_role(OFFICERS)?;
    let rows = reads::open_operations(pool, actor.enterprise()?).await?;
    let now = OffsetDateTime::now_utc();
    Ok(rows.iter().map(|row| view_of(row, now)).collect())
}

/// The open operation at a space with this user's part in it (the scan page), in one query.
pub async fn detail_at_space(
    db: impl PgExecutor<'_>,
    actor: &SessionUser,
    space_id: Uuid,
) -> Result<Option<OperationDetail>, AppError> {
    let enterprise_id = actor.enterprise()?;
    let row = reads::open_operation_at_space(db, enterprise_id, space_id).await?;
    Ok(row.map(|row| detail_of(&row, actor)))
}

/// The same for the scan page, which already knows the open operation and its version: the
/// read kept since the last scan while that version stands (`panel_cache`), else one query.
pub async fn detail_of_open(
    conn: &mut PgConnection,
    actor: &SessionUser,
    space_id: Uuid,
    open: OpenOperation,
) -> Result<Option<OperationDetail>, AppError> {
    let enterprise_id = actor.enterprise()?;
    let row = panel_cache::open_at_space(conn, enterprise_id, space_id, open).await?;
    Ok(row.map(|row| detail_of(&row, actor)))
}

fn detail_of(row: &OpenRow, actor: &SessionUser) -> OperationDetail {
    let view = view_of(row, OffsetDateTime::now_utc());
    let entrants: Vec<Entrant> = row
        .entrant_ids
        .iter()
        .zip(&row.entrant_names)
        .zip(&row.entrant_briefed)
        .map(|((user_id, name), briefed)| Entrant {
            user_id: *user_id,
            name: name.clone(),
            briefed: *briefed,
        })
        .collect();
    let trail = row
        .trail_at
        .iter()
        .zip(&row.trail_who)
        .zip(&row.trail_actions)
        .zip(&row.trail_acted)
        .map(|(((at, who), action), acted)| TrailEntry::new(*at, *acted, who.clone(), *action))
        .collect();
    let i_am_entrant = entrants.iter().any(|e| e.user_id == actor.id);
    OperationDetail {
        can_decide: view.status == OperationStatus::Requested
            && OFFICERS.contains(&actor.role)
            && row.requested_by != actor.id,
        can_test: tester_refusal(
            actor,
            row.attendant_id,
            row.person_in_charge_id,
            i_am_entrant,
        )
        .is_none(),
        can_take_over: view.status == OperationStatus::Approved && OFFICERS.contains(&actor.role),
        i_am_attendant: row.attendant_id == actor.id,
        i_am_entrant,
        i_am_inside: view.inside.iter().any(|i| i.user_id == actor.id),
        me: actor.id,
        entrants,
        ventilated: row.ventilated,
        trail,
        view,
    }
}

/// Active people of the actor's enterprise who can be put on a permit.
pub async fn people(
    db: impl PgExecutor<'_>,
    actor: &SessionUser,
) -> Result<Vec<PersonOption>, AppError> {
    actor.require_role(CREW)?;
    let rows = reads::people(db, actor.enterprise()?).await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, role)| PersonOption { id, name, role })
        .collect())
}

/// Operations of the enterprise, newest first, optionally of one space or one person
/// (as entrant or attendant). Officers and admins only.
pub async fn history(
    pool: &PgPool,
    actor: &SessionUser,
    space_id: Option<Uuid>,
    person_id: Option<Uuid>,
    limit: Option<i64>,
) -> Result<Vec<HistoryRow>, AppError> {
    actor.require_role(OFFICERS)?;
    let enterprise_id = actor.enterprise()?;
    let rows = reads::history(pool, enterprise_id, space_id, person_id, limit).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut entries: HashMap<Uuid, Vec<EntryLine>> = HashMap::new();
    for e in reads::entries_of(pool, &ids).await? {
        entries.entry(e.operation_id).or_default().push(EntryLine {
            name: e.name,
            entered: local_minutes(e.entered_at),
            exited: e.exited_at.map(local_minutes),
            exit_uploaded: e.exit_uploaded.map(local_minutes),
        });
    }
    Ok(rows
        .into_iter()
        .map(|r| HistoryRow {
            entries: entries.remove(&r.id).unwrap_or_default(),
            id: r.id,
            space_code: r.space_code,
            space_name: r.space_name,
            status: r.status,
            work_content: r.work_content,
            planned: format!(
                "{} – {}",
                local_minutes(r.planned_start),
                local_minutes(r.planned_end)
            ),
            requested_by: r.requested_by,
            decided_by: r.decided_by.unwrap_or_default(),
            attendant: r.attendant,
            closed_at: r.closed_at.map(local_minutes).unwrap_or_default(),
            gas_tests: r.gas_tests,
            failed_tests: r.failed_tests,
        })
        .collect())
}

/// Per enterprise, its confined-space operations (not rejected) planned to start in
/// `[from, to)`: one read for all. The caller has checked that the actor may read them (a
/// regulator's reach).
pub async fn counts_between(
    db: impl PgExecutor<'_>,
    enterprises: &[Uuid],
    (from, to): (OffsetDateTime, OffsetDateTime),
) -> Result<HashMap<Uuid, u32>, AppError> {
    let rows: Vec<(Uuid, i64)> = sqlx::query_as(
        "select enterprise_id, count(*) from operations
         where enterprise_id = any($1) and status <> 'rejected'
           and planned_start >= $2 and planned_start < $3
         group by enterprise_id",
    )
    .bind(enterprises)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(e, n)| (e, n as u32)).collect())
}
