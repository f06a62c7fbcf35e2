//! What the server may ask of the risk register: the grading policy, risk points and their
//! hazards, each change an audited step of the enterprise's officers (the policy its admin's).

use super::{
    db::{self, Linked},
    ControlLevel, HazardForm, MeasureForm, PointForm, PolicyForm, RegisterView, RiskAction,
    RiskField, RiskHazard, RiskMeasure, RiskPoint, RiskPolicy,
};
use crate::{
    actor::{Role, SessionUser},
    audit::step::{AuditedTx, StepSpec},
    error::{AppError, Problem},
    fresh_or,
};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

pub use super::{EDITORS, POLICY_EDITORS, READERS};

fn spec(action: RiskAction, roles: &'static [Role], client_id: Uuid) -> StepSpec {
    StepSpec {
        action: action.into(),
        roles,
        client_id,
        subject: None,
    }
}

/// The enterprise's grading policy (the defaults, with their basis, until its admin sets one).
pub async fn policy(pool: &PgPool, actor: &SessionUser) -> Result<RiskPolicy, AppError> {
    actor.require_role(READERS)?;
    Ok(db::policy(pool, actor.enterprise()?).await?)
}

/// Sets the grading policy. Hazards keep the grade they were given; a later slice regrades
/// them with the register's versions.
pub async fn set_policy(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    form: &PolicyForm,
) -> Result<RiskPolicy, AppError> {
    actor.require_role(POLICY_EDITORS)?;
    let policy = form.validate()?;
    let begun = AuditedTx::begin(pool, actor, spec(RiskAction::PolicySet, POLICY_EDITORS, client_id));
    let mut tx = fresh_or!(begun.await?, |_prior| Ok(db::policy(pool, actor.enterprise()?).await?));
    let enterprise = tx.enterprise_id;
    if db::policy(tx.conn(), enterprise).await? == policy {
        tx.unchanged().await?;
        return Ok(policy);
    }
    db::set_policy(tx.conn(), enterprise, actor.id, &policy).await?;
    tx.commit(json!({ "policy": policy })).await?;
    Ok(policy)
}

/// Records a risk point. Its links name the enterprise's own confined space or patrol point.
pub async fn create_point(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    form: &PointForm,
) -> Result<RiskPoint, AppError> {
    actor.require_role(EDITORS)?;
    let input = form.validate()?;
    let begun = AuditedTx::begin(pool, actor, spec(RiskAction::PointCreate, EDITORS, client_id));
    let mut tx = fresh_or!(begun.await?, |prior| {
        prior.require("name", &input.name)?;
        let id = prior.subject_id.ok_or(AppError::Internal)?;
        point(pool, actor, id).await
    });
    let enterprise = tx.enterprise_id;
    let links = [
        (input.space_id, Linked::Space, RiskField::Space),
        (input.patrol_point_id, Linked::PatrolPoint, RiskField::PatrolPoint),
    ];
    for (id, table, field) in links {
        if let Some(id) = id {
            if !db::owns(tx.conn(), table, enterprise, id).await? {
                return Err(AppError::invalid(field, Problem::Invalid));
            }
        }
    }
    let id = db::insert_point(tx.conn(), enterprise, &input).await?;
    let created = db::points(tx.conn(), enterprise, Some(id)).await?;
    let created = created.into_iter().next().ok_or(AppError::Internal)?;
    tx.created(id, json!({ "name": input.name, "kind": input.kind }))
        .await?;
    Ok(created)
}

/// Records a hazard of a point, scored by the enterprise's method and graded by its policy
/// (the score's grade, raised by the situations that force one).
pub async fn add_hazard(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    form: &HazardForm,
) -> Result<RiskHazard, AppError> {
    actor.require_role(EDITORS)?;
    let begun = AuditedTx::begin(pool, actor, spec(RiskAction::HazardAdd, EDITORS, client_id));
    let mut tx = fresh_or!(begun.await?, |prior| {
        let id = prior.subject_id.ok_or(AppError::Internal)?;
        let beside = hazards_beside(pool, actor.enterprise()?, id).await?;
        beside.into_iter().find(|h| h.id == id).ok_or(AppError::NotFound)
    });
    let enterprise = tx.enterprise_id;
    let policy = db::policy(tx.conn(), enterprise).await?;
    let input = form.validate(policy.method)?;
    // Locks the point (and bumps its version: its grade may change); another's is not found.
    if !db::touch_point(tx.conn(), enterprise, input.point_id).await? {
        return Err(AppError::invalid(RiskField::Point, Problem::Invalid));
    }
    let grade = policy.final_grade(input.score, &input.forced);
    let id = db::insert_hazard(tx.conn(), enterprise, &input, grade).await?;
    let hazards = hazards_of_point(tx.conn(), enterprise, input.point_id).await?;
    let hazard = hazards.into_iter().find(|h| h.id == id).ok_or(AppError::Internal)?;
    let detail = json!({ "point": input.point_id, "grade": grade, "score": hazard.score_hundredths });
    tx.created(id, detail).await?;
    Ok(hazard)
}

/// Records a control measure of a hazard, owned at `level` (by default the hazard's grade's:
/// 重大 公司, 较大 车间, 一般 班组, 低 岗位) by an active person of the enterprise.
pub async fn add_measure(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    form: &MeasureForm,
) -> Result<RiskMeasure, AppError> {
    actor.require_role(EDITORS)?;
    let input = form.validate()?;
    let begun = AuditedTx::begin(pool, actor, spec(RiskAction::MeasureAdd, EDITORS, client_id));
    let mut tx = fresh_or!(begun.await?, |prior| {
        prior.require("hazard", input.hazard_id)?;
        let id = prior.subject_id.ok_or(AppError::Internal)?;
        let beside = hazards_beside(pool, actor.enterprise()?, input.hazard_id).await?;
        let mut measures = beside.into_iter().flat_map(|h| h.measures);
        measures.find(|m| m.id == id).ok_or(AppError::NotFound)
    });
    let enterprise = tx.enterprise_id;
    let Some((point, grade)) = db::hazard_of(tx.conn(), enterprise, input.hazard_id).await? else {
        return Err(AppError::invalid(RiskField::Hazard, Problem::Invalid));
    };
    let responsible = [input.responsible_id];
    if !crate::users::db::all_active_people(tx.conn(), enterprise, &responsible).await? {
        return Err(AppError::invalid(RiskField::Responsible, Problem::Invalid));
    }
    // Locks the point (its measures changed: a new version).
    if !db::touch_point(tx.conn(), enterprise, point).await? {
        return Err(AppError::invalid(RiskField::Hazard, Problem::Invalid));
    }
    let level = input.level.unwrap_or(ControlLevel::default_for(grade));
    let id = db::insert_measure(tx.conn(), enterprise, &input, level).await?;
    let hazards = hazards_of_point(tx.conn(), enterprise, point).await?;
    let mut measures = hazards.into_iter().flat_map(|h| h.measures);
    let measure = measures.find(|m| m.id == id).ok_or(AppError::Internal)?;
    let detail = json!({ "hazard": input.hazard_id, "level": level, "kind": input.kind });
    tx.created(id, detail).await?;
    Ok(measure)
}

/// The active hazards (with their measures) of one point of the enterprise.
async fn hazards_of_point(
    conn: &mut sqlx::PgConnection,
    enterprise: Uuid,
    point: Uuid,
) -> Result<Vec<RiskHazard>, AppError> {
    let points = db::points(conn, enterprise, Some(point)).await?;
    Ok(points.into_iter().flat_map(|p| p.hazards).collect())
}

/// The hazards of the point `hazard` belongs to: where a retried step finds what its first
/// run recorded (one point read, not the whole register).
async fn hazards_beside(
    pool: &PgPool,
    enterprise: Uuid,
    hazard: Uuid,
) -> Result<Vec<RiskHazard>, AppError> {
    let mut conn = pool.acquire().await?;
    let (point, _) = db::hazard_of(&mut *conn, enterprise, hazard)
        .await?
        .ok_or(AppError::NotFound)?;
    hazards_of_point(&mut conn, enterprise, point).await
}

/// One point of the actor's enterprise with its hazards.
pub async fn point(pool: &PgPool, actor: &SessionUser, id: Uuid) -> Result<RiskPoint, AppError> {
    actor.require_role(READERS)?;
    let mut conn = pool.acquire().await?;
    let found = db::points(&mut conn, actor.enterprise()?, Some(id)).await?;
    found.into_iter().next().ok_or(AppError::NotFound)
}

/// The register (风险分级管控清单): the enterprise's active points with their hazards and
/// measures, by name; the policy they were graded by; for those who record it, the people to
/// name as responsible.
pub async fn register(pool: &PgPool, actor: &SessionUser) -> Result<RegisterView, AppError> {
    actor.require_role(READERS)?;
    let enterprise = actor.enterprise()?;
    let mut conn = pool.acquire().await?;
    let points = db::points(&mut conn, enterprise, None).await?;
    let policy = db::policy(&mut *conn, enterprise).await?;
    let people = if EDITORS.contains(&actor.role) {
        db::people(&mut *conn, enterprise).await?
    } else {
        Vec::new()
    };
    Ok(RegisterView {
        points,
        policy,
        people,
    })
}
