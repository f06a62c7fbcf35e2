//! Who may read and record qualifications. The training feature will record them from real
//! sessions; until then officers, trainers and admins record them by hand.

// What other features ask of training: whether people are cleared for work (未经培训合格
// 不得上岗) and hold a valid qualification.
pub use super::clearance::service::{coverage, coverage_by_enterprise, refuse_not_cleared};
pub use super::db::holds_valid;

use super::{db, QualificationInput, QualificationKind, QualificationRow};
use crate::training::TrainingAction;
use crate::{
    audit::step::{AuditedTx, StepSpec},
    auth::{Role, SessionUser},
    error::AppError,
    fresh_or,
    time_fmt::local_minutes,
};
use serde_json::json;
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

pub const RECORDERS: &[Role] = &[Role::SafetyOfficer, Role::Trainer, Role::EnterpriseAdmin];

/// Everyone's confined-space training validity.
pub async fn qualifications(
    pool: &PgPool,
    actor: &SessionUser,
) -> Result<Vec<QualificationRow>, AppError> {
    actor.require_role(RECORDERS)?;
    let rows =
        db::latest_per_person(pool, actor.enterprise()?, QualificationKind::ConfinedSpace).await?;
    let now = OffsetDateTime::now_utc();
    Ok(rows
        .into_iter()
        .map(|(user_id, name, until)| QualificationRow {
            user_id,
            name,
            valid: until.is_some_and(|u| u > now),
            valid_until: until.map(local_minutes),
        })
        .collect())
}

/// Records a valid confined-space training by hand. The audit row's subject is the person.
pub async fn grant_qualification(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    input: &QualificationInput,
) -> Result<(), AppError> {
    let spec = StepSpec {
        action: TrainingAction::QualificationGrant.into(),
        roles: RECORDERS,
        client_id,
        subject: Some(input.user_id),
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |_prior| Ok(()));
    if input.user_id == actor.id {
        return Err(AppError::refused(super::TrainingRefusal::SelfGrant));
    }
    let enterprise_id = tx.enterprise_id;
    if !crate::users::db::all_active_people(tx.conn(), enterprise_id, &[input.user_id]).await? {
        return Err(AppError::NotFound);
    }
    let qualification = db::NewQualification {
        id: Uuid::now_v7(),
        enterprise_id,
        user_id: input.user_id,
        kind: input.kind,
        document_ref: input.document_ref.clone(),
        valid_until: input.valid_until,
        recorded_by: actor.id,
        client_id,
    };
    db::insert(tx.conn(), &qualification).await?;
    let detail = json!({ "qualification": qualification.id, "kind": qualification.kind });
    tx.commit(detail).await
}
