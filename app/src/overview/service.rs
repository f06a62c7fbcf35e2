//! The overview's reads: the enterprises of a node with their facts (county), each feature's
//! figures for all of them at once, then the sums per row. Regulators only, within their
//! reach (county's `enterprise_facts` and `tree` check it).

use super::{
    kept::{self, Measured},
    sums, EnterpriseFigures, FigureList, Figures, Filter, Overview, OverviewRow, RowKind,
};
use crate::{
    actor::{Role, SessionUser},
    county::{service::EnterpriseFacts, FocusRisk, StandardGrade},
    error::{AppError, Problem},
    time_fmt::china_day,
};
use sqlx::PgPool;
use std::collections::HashMap;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// The period asked for (`YYYY-MM-DD`, China time; at most `xlsx::MAX_DAYS`): by default
/// this month up to today.
pub fn period(from: &str, to: &str, today: Date) -> Result<(Date, Date), AppError> {
    crate::xlsx::day_range_from(from, to, today, |to| to.replace_day(1).ok())
}

fn node_of(actor: &SessionUser, node: &str) -> Result<Uuid, AppError> {
    actor.require_role(&[Role::Regulator])?;
    match crate::input::optional_uuid(node, crate::county::CountyField::Node)? {
        Some(id) => Ok(id),
        None => actor.jurisdiction_id.ok_or(AppError::Forbidden),
    }
}

/// The features' figures of these enterprises over the period, computed now: one read per
/// figure for all of them.
async fn measure(
    pool: &PgPool,
    ids: &[Uuid],
    (from, to): (Date, Date),
    now: OffsetDateTime,
) -> Result<HashMap<Uuid, Measured>, AppError> {
    let span = crate::xlsx::day_bounds(from, to)?;
    let hazards = crate::hazards::service::figures_of(pool, ids, now).await?;
    let items = crate::patrols::service::cleared_by_enterprise(pool, ids).await?;
    let rounds = crate::patrols::service::completions(pool, ids, (from, to), now).await?;
    let people = crate::training::service::coverage_by_enterprise(pool, ids, now).await?;
    let operations = crate::operations::service::counts_between(pool, ids, span).await?;
    let n = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
    let n64 = |v: i64| i32::try_from(v).unwrap_or(i32::MAX);
    Ok(ids
        .iter()
        .map(|id| {
            let h = hazards.get(id).copied().unwrap_or_default();
            let (items_cleared, items_applicable) = items.get(id).copied().unwrap_or_default();
            let r = rounds.get(id).copied().unwrap_or_default();
            let (people, people_cleared) = people.get(id).copied().unwrap_or_default();
            let measured = Measured {
                items_cleared: n(items_cleared),
                items_applicable: n(items_applicable),
                rounds_made: n(r.done + r.late + r.late_upload),
                rounds_expected: n(r.expected()),
                rounds_missed: n(r.missed),
                hazards_open: n64(h.open),
                hazards_overdue: n64(h.overdue),
                hazards_major: n64(h.major_open),
                people: n(people),
                people_cleared: n(people_cleared),
                operations: n(operations.get(id).copied().unwrap_or_default()),
            };
            (*id, measured)
        })
        .collect())
}

/// The features' figures of these enterprises (with their ledger versions) over the period:
/// kept (`kept`), or, where none serve, computed for those enterprises together and kept.
async fn measured_of(
    pool: &PgPool,
    versions: &[(Uuid, i32)],
    period: (Date, Date),
    now: OffsetDateTime,
) -> Result<HashMap<Uuid, Measured>, AppError> {
    let mut measured = kept::read(pool, versions, period, now).await?;
    let missing: Vec<(Uuid, i32)> = versions
        .iter()
        .filter(|(id, _)| !measured.contains_key(id))
        .copied()
        .collect();
    measured.extend(compute_and_keep(pool, &missing, period, now).await?);
    Ok(measured)
}

/// Computes the figures of `missing` (with their ledger versions) and keeps them, with the
/// snapshot taken before they were read.
async fn compute_and_keep(
    pool: &PgPool,
    missing: &[(Uuid, i32)],
    period: (Date, Date),
    now: OffsetDateTime,
) -> Result<HashMap<Uuid, Measured>, AppError> {
    if missing.is_empty() {
        return Ok(HashMap::new());
    }
    let snapshot = kept::snapshot(pool).await?;
    let ids: Vec<Uuid> = missing.iter().map(|m| m.0).collect();
    let fresh = measure(pool, &ids, period, now).await?;
    let keep: Vec<_> = missing
        .iter()
        .map(|(id, version)| (*id, *version, fresh.get(id).copied().unwrap_or_default()))
        .collect();
    kept::store(pool, &keep, period, &snapshot, now).await?;
    Ok(fresh)
}

/// The figures an enterprise's ledger facts make (the features' are `Measured`'s).
fn facts_figures(f: &EnterpriseFacts) -> Figures {
    let grade_index = f
        .standard_grade
        .and_then(|g| StandardGrade::ALL.iter().position(|x| *x == g))
        .unwrap_or(StandardGrade::ALL.len());
    let mut grades = vec![0; StandardGrade::ALL.len() + 1];
    grades[grade_index] = 1;
    Figures {
        enterprises: 1,
        active: u32::from(f.active),
        with_admin: u32::from(f.has_admin),
        signed_in: u32::from(f.signed_in),
        watched: u32::from(super::WATCHED.iter().any(|w| f.focus_risks.contains(w))),
        by_risk: FocusRisk::ALL
            .iter()
            .map(|r| u32::from(f.focus_risks.contains(r)))
            .collect(),
        major_hazard_source: u32::from(f.major_hazard_source),
        grades,
        ..Figures::default()
    }
}

/// How often the sums are read again for figures that went stale while others were computed
/// (a step of the enterprise committed meanwhile), before the view gives up.
const SUM_ATTEMPTS: usize = 4;

/// The overview of `node` (the regulator's own when empty) over the period: one row per
/// child node, and one per enterprise directly at the node, summed by the database.
pub async fn overview(
    pool: &PgPool,
    actor: &SessionUser,
    node: &str,
    (from, to): (&str, &str),
    now: OffsetDateTime,
) -> Result<Overview, AppError> {
    let node = node_of(actor, node)?;
    let (from, to) = period(from, to, china_day(now))?;
    // The tree checks the node is within the regulator's reach.
    let tree = crate::county::service::tree(pool, actor, Some(node)).await?;
    let here = tree.node.ok_or(AppError::NotFound)?;
    let since = crate::xlsx::day_bounds(from, to)?.0;
    let mut fresh: Vec<(Uuid, Measured)> = vec![];
    let mut attempts = 0;
    let sums = loop {
        let (sums, missing) = sums::read(pool, node, since, (from, to), now, &fresh).await?;
        if missing.is_empty() {
            break sums;
        }
        attempts += 1;
        if attempts == SUM_ATTEMPTS {
            // Steps keep committing in the enterprises being computed: try again shortly.
            return Err(AppError::Busy);
        }
        fresh.extend(compute_and_keep(pool, &missing, (from, to), now).await?);
    };
    let mut rows: Vec<OverviewRow> = tree
        .children
        .iter()
        .map(|c| OverviewRow {
            id: c.id,
            name: c.name.clone(),
            kind: RowKind::Node(c.level),
            figures: Figures::default(),
        })
        .collect();
    let mut total = Figures::default();
    for sum in sums {
        total.add(&sum.figures);
        match rows.iter_mut().find(|r| r.id == sum.id) {
            Some(row) if !sum.enterprise => row.figures = sum.figures,
            _ => rows.push(OverviewRow {
                id: sum.id,
                name: sum.name,
                kind: RowKind::Enterprise,
                figures: sum.figures,
            }),
        }
    }
    Ok(Overview {
        node: here.id,
        name: here.name,
        trail: tree
            .ancestors
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect(),
        from: from.to_string(),
        to: to.to_string(),
        total,
        rows,
    })
}

/// Adds the features' figures to these rows (of enterprises with their ledger versions).
async fn add_measured(
    pool: &PgPool,
    rows: &mut [(EnterpriseFigures, i32)],
    period: (Date, Date),
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let versions: Vec<(Uuid, i32)> = rows.iter().map(|(r, v)| (r.id, *v)).collect();
    let measured = measured_of(pool, &versions, period, now).await?;
    for (row, _) in rows.iter_mut() {
        let m = measured.get(&row.id).copied().unwrap_or_default();
        m.apply(&mut row.figures);
    }
    Ok(())
}

/// The enterprises at or under `node` that `filter` keeps, with their figures: the page asked
/// (`Some`: `1`…, empty the first) or all of them (`None`, as the XLSX takes them). A filter
/// of the ledger's facts alone reads the features' figures of the page's enterprises only.
pub async fn list(
    pool: &PgPool,
    actor: &SessionUser,
    node: &str,
    filter: &str,
    (from, to): (&str, &str),
    page: Option<&str>,
    now: OffsetDateTime,
) -> Result<FigureList, AppError> {
    let node = node_of(actor, node)?;
    let filter = Filter::parse(filter)
        .ok_or(AppError::invalid(super::OverviewField::Filter, Problem::Invalid))?;
    let (from, to) = period(from, to, china_day(now))?;
    let tree = crate::county::service::tree(pool, actor, Some(node)).await?;
    let here = tree.node.ok_or(AppError::NotFound)?;
    let since = crate::xlsx::day_bounds(from, to)?.0;
    let facts = crate::county::service::enterprise_facts(pool, actor, node, since).await?;
    let mut rows: Vec<(EnterpriseFigures, i32)> = facts
        .into_iter()
        .map(|f| {
            let figures = facts_figures(&f);
            let row = EnterpriseFigures {
                id: f.id,
                name: f.name,
                credit_code: f.credit_code,
                place: f.place,
                focus_risks: f.focus_risks,
                grade: f.standard_grade,
                figures,
            };
            (row, f.version)
        })
        .collect();
    let by_measured = filter.needs_measured();
    if by_measured {
        add_measured(pool, &mut rows, (from, to), now).await?;
    }
    rows.retain(|(row, _)| filter.keeps(row));
    let total = rows.len();
    let (page, pages, mut rows) = match page {
        Some(asked) => crate::input::page_of(rows, asked)?,
        None => (1, 1, rows),
    };
    if !by_measured {
        add_measured(pool, &mut rows, (from, to), now).await?;
    }
    Ok(FigureList {
        total,
        page,
        pages,
        node: here.id,
        name: here.name,
        from: from.to_string(),
        to: to.to_string(),
        filter,
        rows: rows.into_iter().map(|(row, _)| row).collect(),
    })
}
