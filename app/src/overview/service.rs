//! The overview's reads: the enterprises of a node with their facts (county), each feature's
//! figures for all of them at once, then the sums per row. Regulators only, within their
//! reach (county's `enterprise_facts` and `tree` check it).

use super::{
    kept::{self, Measured},
    EnterpriseFigures, FigureList, Figures, Filter, Overview, OverviewRow, RowKind,
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
    Ok(ids
        .iter()
        .map(|id| {
            let h = hazards.get(id).copied().unwrap_or_default();
            let (items_cleared, items_applicable) = items.get(id).copied().unwrap_or_default();
            let r = rounds.get(id).copied().unwrap_or_default();
            let (people, people_cleared) = people.get(id).copied().unwrap_or_default();
            let measured = Measured {
                items_cleared,
                items_applicable,
                rounds_made: r.done + r.late + r.late_upload,
                rounds_expected: r.expected(),
                rounds_missed: r.missed,
                hazards_open: h.open as u32,
                hazards_overdue: h.overdue as u32,
                hazards_major: h.major_open as u32,
                people,
                people_cleared,
                operations: operations.get(id).copied().unwrap_or_default(),
            };
            (*id, measured)
        })
        .collect())
}

/// Every enterprise at or under `node` with its figures over the period: its ledger's facts
/// read now, the features' figures kept (`kept`) or, where none serve, computed for those
/// enterprises together and kept.
async fn figures_under(
    pool: &PgPool,
    actor: &SessionUser,
    node: Uuid,
    period: (Date, Date),
    now: OffsetDateTime,
) -> Result<Vec<(EnterpriseFacts, Figures)>, AppError> {
    let span = crate::xlsx::day_bounds(period.0, period.1)?;
    let facts = crate::county::service::enterprise_facts(pool, actor, node, span.0).await?;
    let versions: Vec<(Uuid, i32)> = facts.iter().map(|f| (f.id, f.version)).collect();
    let mut measured = kept::read(pool, &versions, period, now).await?;
    let missing: Vec<(Uuid, i32)> = versions
        .into_iter()
        .filter(|(id, _)| !measured.contains_key(id))
        .collect();
    if !missing.is_empty() {
        let snapshot = kept::snapshot(pool).await?;
        let ids: Vec<Uuid> = missing.iter().map(|m| m.0).collect();
        let fresh = measure(pool, &ids, period, now).await?;
        let keep: Vec<_> = missing
            .iter()
            .map(|(id, version)| (*id, *version, fresh.get(id).copied().unwrap_or_default()))
            .collect();
        kept::store(pool, &keep, period, &snapshot, now).await?;
        measured.extend(fresh);
    }
    Ok(facts
        .into_iter()
        .map(|f| {
            let grade_index = f
                .standard_grade
                .and_then(|g| StandardGrade::ALL.iter().position(|x| *x == g))
                .unwrap_or(StandardGrade::ALL.len());
            let mut grades = vec![0; StandardGrade::ALL.len() + 1];
            grades[grade_index] = 1;
            let mut figures = Figures {
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
            };
            measured.get(&f.id).copied().unwrap_or_default().apply(&mut figures);
            (f, figures)
        })
        .collect())
}

/// The overview of `node` (the regulator's own when empty) over the period: one row per
/// child node, and one per enterprise directly at the node.
pub async fn overview(
    pool: &PgPool,
    actor: &SessionUser,
    node: &str,
    (from, to): (&str, &str),
    now: OffsetDateTime,
) -> Result<Overview, AppError> {
    let node = node_of(actor, node)?;
    let (from, to) = period(from, to, china_day(now))?;
    let tree = crate::county::service::tree(pool, actor, Some(node)).await?;
    let here = tree.node.ok_or(AppError::NotFound)?;
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
    for (facts, figures) in figures_under(pool, actor, node, (from, to), now).await? {
        total.add(&figures);
        // The child of `node` on the enterprise's path, if it is below the node at all.
        let at = facts.path.iter().position(|n| *n == node);
        let child = at.and_then(|i| facts.path.get(i + 1)).copied();
        match child.and_then(|c| rows.iter_mut().find(|r| r.id == c)) {
            Some(row) => row.figures.add(&figures),
            None => rows.push(OverviewRow {
                id: facts.id,
                name: facts.name,
                kind: RowKind::Enterprise,
                figures,
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

/// The enterprises at or under `node` that `filter` keeps, with their figures.
pub async fn list(
    pool: &PgPool,
    actor: &SessionUser,
    node: &str,
    filter: &str,
    (from, to): (&str, &str),
    now: OffsetDateTime,
) -> Result<FigureList, AppError> {
    let node = node_of(actor, node)?;
    let filter = Filter::parse(filter)
        .ok_or(AppError::invalid(super::OverviewField::Filter, Problem::Invalid))?;
    let (from, to) = period(from, to, china_day(now))?;
    let tree = crate::county::service::tree(pool, actor, Some(node)).await?;
    let here = tree.node.ok_or(AppError::NotFound)?;
    let rows = figures_under(pool, actor, node, (from, to), now)
        .await?
        .into_iter()
        .map(|(f, figures)| EnterpriseFigures {
            id: f.id,
            name: f.name,
            credit_code: f.credit_code,
            place: f.place,
            focus_risks: f.focus_risks,
            grade: f.standard_grade,
            figures,
        })
        .filter(|e| filter.keeps(e))
        .collect::<Vec<_>>();
    Ok(FigureList {
        total: rows.len(),
        page: 1,
        pages: 1,
        node: here.id,
        name: here.name,
        from: from.to_string(),
        to: to.to_string(),
        filter,
        rows,
    })
}
