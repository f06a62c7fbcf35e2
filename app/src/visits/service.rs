//! The visits' steps and reads, checked here: who is of a visit's side (its enterprise's
//! regulator, within their reach; an expert it names, while it is open), then the audited
//! oversight step, filed under the visited enterprise. Findings become hazards through
//! `hazards::service`; their 复核 is the side's, never the enterprise's.

use super::{
    db, ExpertForm, ExpertView, FindingForm, RecheckForm, VisitAction, VisitChecklist,
    NewVisitOptions, VisitDetail, VisitField, VisitForm, VisitKind, VisitRefusal, VisitRow,
};
use crate::{
    actor::{Role, SessionUser},
    audit::step::{AuditedTx, StepSpec},
    error::{AppError, Problem},
    fresh_or,
    hazards::{HazardCategory, HazardGrade, HazardSource, ReportInput},
    input,
    time_fmt::china_day,
    users::accounts::{self, Opening},
};
use serde_json::json;
use sqlx::PgPool;
use time::Duration;
use uuid::Uuid;

/// The oversight side: regulators, and the experts they appoint.
pub const SIDE: &[Role] = &[Role::Regulator, Role::Expert];
const REGULATORS: &[Role] = &[Role::Regulator];
const MAX_NOTE_CHARS: u16 = 500;
const MAX_BASIS_CHARS: u16 = 200;
/// How far ahead a visit may be planned.
const PLANNED_DAYS_AHEAD: i64 = 60;

fn spec(action: VisitAction, roles: &'static [Role], client_id: Uuid, subject: Option<Uuid>) -> StepSpec {
    StepSpec {
        action: action.into(),
        roles,
        client_id,
        subject,
    }
}

pub(super) fn node_of(actor: &SessionUser) -> Result<Uuid, AppError> {
    actor.require_role(REGULATORS)?;
    actor.jurisdiction_id.ok_or(AppError::Forbidden)
}

/// The visit as the actor may reach it: its enterprise's regulator always, an expert it names
/// while it is open. Anyone else: not found (its existence is not theirs to learn).
async fn reached(pool: &PgPool, actor: &SessionUser, id: Uuid) -> Result<db::Visit, AppError> {
    actor.require_role(SIDE)?;
    let visit = db::visit(pool, id).await?.ok_or(AppError::NotFound)?;
    match actor.role {
        Role::Regulator => {
            crate::county::service::overseen_enterprise(pool, actor, visit.enterprise_id).await?
        }
        _ => {
            let named = db::is_expert_on(pool, visit.id, actor.id).await?;
            if !named || visit.closed_at.is_some() {
                return Err(AppError::NotFound);
            }
        }
    }
    Ok(visit)
}

/// Opens an expert's account at the regulator's own node (a first password they change at
/// their first sign-in).
pub async fn create_expert(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    form: &ExpertForm,
) -> Result<Uuid, AppError> {
    let node = node_of(actor)?;
    let (name, mobile) = accounts::check(
        &form.name,
        &form.mobile,
        VisitField::ExpertName,
        VisitField::ExpertMobile,
    )?;
    let hash = accounts::first_password_hash(&form.password).await?;
    let begun = AuditedTx::begin_oversight(
        pool,
        actor,
        spec(VisitAction::ExpertCreate, REGULATORS, client_id, None),
        None,
    );
    let mut tx = fresh_or!(begun.await?, |prior| {
        prior.require("mobile", &mobile)?;
        prior.subject_id.ok_or(AppError::Internal)
    });
    let id = Uuid::now_v7();
    let opening = Opening {
        role: Role::Expert,
        enterprise_id: None,
        jurisdiction_id: Some(node),
        name,
        mobile: mobile.clone(),
    };
    accounts::open(tx.conn(), id, &opening, Some(actor.id), &hash, VisitField::ExpertMobile)
        .await?;
    tx.created(id, json!({ "mobile": mobile, "node": node })).await?;
    Ok(id)
}

/// The experts a regulator may appoint: those at or under their node.
pub async fn experts(pool: &PgPool, actor: &SessionUser) -> Result<Vec<ExpertView>, AppError> {
    let node = node_of(actor)?;
    Ok(db::experts_under(pool, node).await?)
}

/// What a new visit's form offers.
pub async fn choices(pool: &PgPool, actor: &SessionUser) -> Result<NewVisitOptions, AppError> {
    let node = node_of(actor)?;
    let enterprises = crate::county::service::ledger(pool, actor, None)
        .await?
        .into_iter()
        .filter(|e| e.active)
        .map(|e| (e.id, e.name))
        .collect();
    Ok(NewVisitOptions {
        enterprises,
        experts: db::experts_under(pool, node).await?,
    })
}

/// Opens a visit of an enterprise within the regulator's reach, naming its experts.
pub async fn open_visit(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    form: &VisitForm,
) -> Result<Uuid, AppError> {
    let node = node_of(actor)?;
    let enterprise = input::uuid(&form.enterprise_id, VisitField::Enterprise)?;
    let kind = VisitKind::parse(form.kind.trim())
        .ok_or(AppError::invalid(VisitField::Kind, Problem::Invalid))?;
    let checklist = VisitChecklist::parse(form.checklist.trim())
        .ok_or(AppError::invalid(VisitField::Checklist, Problem::Invalid))?;
    let act = crate::act::act();
    let today = china_day(act.at);
    let day = input::date(&form.visited_on, VisitField::VisitedOn)?;
    let visited_on = input::date_within(
        day,
        VisitField::VisitedOn,
        input::years_from(today, -1),
        today + Duration::days(PLANNED_DAYS_AHEAD),
    )?;
    let note = input::text(&form.note, VisitField::Note, MAX_NOTE_CHARS, false, true)?;
    // 抽查 checks a pick of the county's draw; no other kind names one.
    let draw = input::optional_uuid(&form.draw_id, VisitField::Draw)?;
    if draw.is_some() != (kind == VisitKind::SpotCheck) {
        return Err(AppError::invalid(VisitField::Kind, Problem::Invalid));
    }
    if let Some(draw) = draw {
        super::draws::own_draw(pool, actor, draw).await?;
    }
    let known: Vec<Uuid> = db::experts_under(pool, node).await?.iter().map(|e| e.id).collect();
    let mut experts = Vec::new();
    for e in form.experts.iter().filter(|e| !e.trim().is_empty()) {
        let id = input::uuid(e, VisitField::Experts)?;
        if !known.contains(&id) {
            return Err(AppError::invalid(VisitField::Experts, Problem::Invalid));
        }
        if !experts.contains(&id) {
            experts.push(id);
        }
    }
    let begun = AuditedTx::begin_oversight(
        pool,
        actor,
        spec(VisitAction::Open, REGULATORS, client_id, None),
        Some(enterprise),
    );
    let mut tx = fresh_or!(begun.await?, |prior| prior.subject_id.ok_or(AppError::Internal));
    crate::county::service::overseen_enterprise(pool, actor, enterprise).await?;
    let id = Uuid::now_v7();
    let visit = db::NewVisit {
        id,
        enterprise_id: enterprise,
        kind,
        checklist,
        visited_on,
        node_id: node,
        opened_by: actor.id,
        opened_at: act.at,
        note: &note,
        experts: &experts,
    };
    db::insert_visit(tx.conn(), visit).await?;
    if let Some(draw) = draw {
        if !super::draw_db::check_pick(tx.conn(), draw, enterprise, id).await? {
            return Err(AppError::invalid(VisitField::Draw, Problem::Taken));
        }
    }
    let detail = json!({ "draw": draw, "kind": kind, "checklist": checklist, "visited_on": visited_on.to_string(), "experts": experts });
    tx.created(id, detail).await?;
    Ok(id)
}

/// Records a finding on an open visit (its regulator or an expert it names): a hazard of the
/// enterprise's own ledger with source 专家指导 (or 执法检查), its grade, basis and the
/// deadline the visit sets. Returns the hazard's id.
pub async fn record_finding(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    visit_id: Uuid,
    form: &FindingForm,
) -> Result<Uuid, AppError> {
    record_finding_with(pool, actor, client_id, visit_id, form, None).await
}

/// The finding's checked fields, before the visit is read.
fn checked_finding(form: &FindingForm) -> Result<(ReportInput, String, time::Date), AppError> {
    let location = input::line(&form.location, VisitField::Location, 120, true)?;
    let description =
        input::text(&form.description, VisitField::Description, 500, true, true)?;
    let category = HazardCategory::parse(form.category.trim())
        .ok_or(AppError::invalid(VisitField::Category, Problem::Invalid))?;
    let grade = HazardGrade::parse(form.grade.trim())
        .ok_or(AppError::invalid(VisitField::Grade, Problem::Invalid))?;
    let basis = input::line(&form.basis, VisitField::Basis, MAX_BASIS_CHARS, false)?;
    let today = china_day(crate::act::act().at);
    let deadline = input::deadline(
        input::date(&form.deadline, VisitField::Deadline)?,
        VisitField::Deadline,
        today,
    )?;
    let report = ReportInput {
        location,
        description,
        category,
        grade,
        // The visit's kind decides it (`source_of`).
        source: HazardSource::ExpertGuidance,
    };
    Ok((report, basis, deadline))
}

fn source_of(kind: VisitKind) -> HazardSource {
    match kind {
        VisitKind::Guidance => HazardSource::ExpertGuidance,
        VisitKind::Inspection | VisitKind::SpotCheck => HazardSource::Enforcement,
    }
}

/// Checks a finding's fields and the actor's reach of the visit: what the multipart handler
/// does before it stores the photo (`http.rs`). Returns the visited enterprise.
pub async fn check_finding(
    pool: &PgPool,
    actor: &SessionUser,
    visit_id: Uuid,
    form: &FindingForm,
) -> Result<Uuid, AppError> {
    actor.require_role(SIDE)?;
    checked_finding(form)?;
    Ok(reached(pool, actor, visit_id).await?.enterprise_id)
}

/// `record_finding` with the photo the actor took (stored ahead by the multipart handler).
pub async fn record_finding_with(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    visit_id: Uuid,
    form: &FindingForm,
    photo: Option<Uuid>,
) -> Result<Uuid, AppError> {
    actor.require_role(SIDE)?;
    let (mut report, basis, deadline) = checked_finding(form)?;
    let at = crate::act::act().at;
    let visit = reached(pool, actor, visit_id).await?;
    let begun = AuditedTx::begin_oversight(
        pool,
        actor,
        spec(VisitAction::Finding, SIDE, client_id, None),
        Some(visit.enterprise_id),
    );
    let mut tx = fresh_or!(begun.await?, |prior| prior.subject_id.ok_or(AppError::Internal));
    if visit.closed_at.is_some() {
        return Err(AppError::refused(VisitRefusal::Closed));
    }
    report.source = source_of(visit.kind);
    let hazard = crate::hazards::service::raise_for_oversight(
        &mut tx,
        visit.enterprise_id,
        &report,
        &basis,
        photo,
        (visit.id, at),
    )
    .await?;
    db::insert_finding(tx.conn(), visit.enterprise_id, visit.id, hazard, &basis, deadline)
        .await?;
    let detail = json!({ "visit": visit.id, "deadline": deadline.to_string(), "basis": basis });
    tx.created(hazard, detail).await?;
    Ok(hazard)
}

/// 复核 of one of the visit's findings by its side: passed closes the hazard (销号), failed
/// sends it back to the enterprise's rectification (整改中).
pub async fn recheck(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    visit_id: Uuid,
    form: &RecheckForm,
) -> Result<(), AppError> {
    actor.require_role(SIDE)?;
    let hazard = input::uuid(&form.hazard_id, VisitField::Finding)?;
    let passed = input::ticked(&form.passed);
    let note = input::text(&form.note, VisitField::Note, MAX_NOTE_CHARS, !passed, true)?;
    let visit = reached(pool, actor, visit_id).await?;
    if !db::is_finding_of(pool, visit.id, hazard).await? {
        return Err(AppError::NotFound);
    }
    let begun = AuditedTx::begin_oversight(
        pool,
        actor,
        spec(VisitAction::Recheck, SIDE, client_id, Some(hazard)),
        Some(visit.enterprise_id),
    );
    let mut tx = fresh_or!(begun.await?, |_prior| Ok(()));
    let at = crate::act::act().at;
    let to = crate::hazards::service::recheck_by_oversight(
        &mut tx,
        visit.enterprise_id,
        hazard,
        passed,
        &note,
        at,
    )
    .await?;
    tx.commit(json!({ "visit": visit.id, "passed": passed, "note": note, "to": to }))
        .await
}

/// Closes a visit (its regulator): its experts' access ends; its findings stay in 回头看
/// until each is closed.
pub async fn close_visit(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    visit_id: Uuid,
) -> Result<(), AppError> {
    node_of(actor)?;
    let visit = reached(pool, actor, visit_id).await?;
    let begun = AuditedTx::begin_oversight(
        pool,
        actor,
        spec(VisitAction::Close, REGULATORS, client_id, Some(visit.id)),
        Some(visit.enterprise_id),
    );
    let mut tx = fresh_or!(begun.await?, |_prior| Ok(()));
    if !db::close(tx.conn(), visit.id, actor.id, crate::act::act().at).await? {
        return tx.unchanged().await;
    }
    tx.commit(json!({})).await
}

/// The visits the actor reaches: a regulator's, of enterprises at or under their node
/// (`lookback`, 回头看: those with findings not closed, most overdue first); an expert's, the
/// open visits that name them.
pub async fn visits(
    pool: &PgPool,
    actor: &SessionUser,
    lookback: bool,
) -> Result<Vec<VisitRow>, AppError> {
    actor.require_role(SIDE)?;
    let today = china_day(time::OffsetDateTime::now_utc());
    match actor.role {
        Role::Regulator => {
            let node = node_of(actor)?;
            Ok(db::visits_under(pool, node, today, lookback).await?)
        }
        _ => Ok(db::visits_of_expert(pool, actor.id, today).await?),
    }
}

/// The findings with their photos.
async fn with_photos(
    pool: &PgPool,
    visit: Uuid,
    mut findings: Vec<super::FindingView>,
) -> Result<Vec<super::FindingView>, AppError> {
    for (hazard, stage, token) in db::finding_photos(pool, visit).await? {
        if let Some(f) = findings.iter_mut().find(|f| f.hazard_id == hazard) {
            let url = crate::photos::Photo::url_of(&token);
            f.photos.push(super::FindingPhoto { stage, url });
        }
    }
    Ok(findings)
}

/// One visit with its experts and findings.
pub async fn detail(pool: &PgPool, actor: &SessionUser, id: Uuid) -> Result<VisitDetail, AppError> {
    let visit = reached(pool, actor, id).await?;
    let today = china_day(time::OffsetDateTime::now_utc());
    let open = visit.closed_at.is_none();
    Ok(VisitDetail {
        id: visit.id,
        enterprise_id: visit.enterprise_id,
        enterprise: visit.enterprise,
        kind: visit.kind,
        checklist: visit.checklist,
        visited_on: visit.visited_on.to_string(),
        note: visit.note,
        closed: !open,
        opened_by: visit.opened_by,
        experts: db::expert_names(pool, visit.id).await?,
        findings: with_photos(pool, visit.id, db::findings(pool, visit.id, today).await?).await?,
        may_act: open || actor.role == Role::Regulator,
        may_close: open && actor.role == Role::Regulator,
    })
}

/// Whether `reader` may see a photo of a visit's finding (`lib.rs::PHOTO_READERS`): the
/// oversight side that reaches the visit (its regulator; an expert it names while open).
/// None: the photo shows no finding, or the reader is an enterprise's (hazards decide).
pub fn photo_reader<'a>(
    pool: &'a PgPool,
    reader: &'a SessionUser,
    photo_id: Uuid,
) -> futures::future::BoxFuture<'a, Result<Option<bool>, AppError>> {
    Box::pin(async move {
        if !SIDE.contains(&reader.role) {
            return Ok(None);
        }
        let Some(visit) = db::visit_of_photo(pool, photo_id).await? else {
            return Ok(None);
        };
        match reached(pool, reader, visit).await {
            Ok(_) => Ok(Some(true)),
            Err(AppError::NotFound | AppError::Forbidden) => Ok(Some(false)),
            Err(err) => Err(err),
        }
    })
}
