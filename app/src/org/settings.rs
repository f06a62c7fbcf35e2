//! The enterprise admin's settings: naming the principal and the permit policy, one audited
//! step. Today only the demo data named a principal, so outside the demo no toxic-risk space
//! could ever be approved.

use super::{db, EnterpriseSettings, EnterpriseSettingsInput};
use crate::org::OrgField;
use crate::{
    audit::{
        step::{AuditedTx, StepSpec},
        AuditAction,
    },
    auth::{Role, SessionUser},
    error::{AppError, Problem},
    fresh_or,
    operations::service as operations,
    time_fmt::local_minutes,
};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

const ADMINS: &[Role] = &[Role::EnterpriseAdmin];

pub async fn current(pool: &PgPool, actor: &SessionUser) -> Result<EnterpriseSettings, AppError> {
    actor.require_role(ADMINS)?;
    let enterprise_id = actor.enterprise()?;
    Ok(EnterpriseSettings {
        principal_id: db::principal(pool, enterprise_id).await?,
        people: operations::people(pool, actor).await?,
        policy: operations::permit_policy(pool, enterprise_id).await?,
    })
}

pub async fn save(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    input: &EnterpriseSettingsInput,
) -> Result<(), AppError> {
    let enterprise_id = actor.enterprise()?;
    let spec = StepSpec {
        action: AuditAction::ENTERPRISE_SETTINGS,
        roles: ADMINS,
        client_id,
        subject: Some(enterprise_id),
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |_p| Ok(()));
    if !crate::users::db::all_active_people(tx.conn(), enterprise_id, &[input.principal_id]).await?
    {
        return Err(AppError::invalid(OrgField::Principal, Problem::Invalid));
    }
    let before = db::set_principal(tx.conn(), enterprise_id, input.principal_id, actor.id).await?;
    operations::upsert_permit_policy(tx.conn(), enterprise_id, &input.policy).await?;
    tx.commit(json!({
        "principal": { "from": before, "to": input.principal_id },
        "policy": input.policy,
    }))
    .await
}

/// For the principal's home page: who named them and when (China time).
pub async fn principal_notice(
    pool: &PgPool,
    actor: &SessionUser,
) -> Result<Option<(String, String)>, AppError> {
    if actor.enterprise_id.is_none() {
        return Ok(None);
    }
    Ok(db::named_principal_by(pool, actor.id)
        .await?
        .map(|(by, at)| (by, local_minutes(at))))
}
