//! The enterprise's settings for operations: the gas-test policy (the rules the research could
//! not verify, rules::gas) and the principal's written delegations of approval (书面委托).

use super::{
    db::settings as db,
    model::DelegationInput,
    permit::{Cmd, OFFICERS},
    DelegationRow, Delegations,
};
use crate::operations::OperationAction;
use crate::{
    audit::step::{AuditedTx, StepSpec},
    auth::{Role, SessionUser},
    error::{AppError, Field, Problem},
    fresh_or,
    rules::gas::GasPolicy,
    time_fmt::local_minutes,
};
use serde_json::json;
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

/// Anyone of the enterprise may be its principal; the step checks that the actor is.
const ENTERPRISE: &[Role] = &Role::ENTERPRISE_ROLES;

/// The enterprise's gas policy, or the defaults (with their basis) when none was set.
pub async fn policy_for(pool: &PgPool, enterprise_id: Uuid) -> Result<GasPolicy, AppError> {
    Ok(db::gas_policy(pool, enterprise_id)
        .await?
        .unwrap_or_default())
}

/// Sets the enterprise's gas policy (validated by `GasPolicyForm::validate`).
pub async fn set_policy(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    policy: &GasPolicy,
) -> Result<(), AppError> {
    let spec = StepSpec {
        action: OperationAction::GasPolicySet.into(),
        roles: OFFICERS,
        client_id,
        subject: None,
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |_p| Ok(()));
    let enterprise_id = tx.enterprise_id;
    db::upsert_gas_policy(tx.conn(), enterprise_id, policy, actor.id).await?;
    tx.created(enterprise_id, json!(policy)).await
}

/// The principal (主要负责人) and the written delegations of approval (书面委托).
pub async fn delegations(pool: &PgPool, actor: &SessionUser) -> Result<Delegations, AppError> {
    actor.require_role(OFFICERS)?;
    let enterprise_id = actor.enterprise()?;
    let principal = db::principal(pool, enterprise_id).await?;
    let rows = db::delegations(pool, enterprise_id).await?;
    let now = OffsetDateTime::now_utc();
    Ok(Delegations {
        i_am_principal: principal.as_ref().is_some_and(|(id, _)| *id == actor.id),
        principal: principal.map(|(_, name)| name),
        rows: rows
            .into_iter()
            .map(|d| DelegationRow {
                id: d.id,
                delegate: d.delegate,
                document_ref: d.document_ref,
                valid: d.revoked_at.is_none() && d.valid_from <= now && d.valid_until > now,
                period: format!(
                    "{} – {}",
                    local_minutes(d.valid_from),
                    local_minutes(d.valid_until)
                ),
                revoked: d.revoked_at.is_some(),
            })
            .collect(),
    })
}

/// Forbidden unless the actor is the enterprise's principal (checked again inside the steps).
pub async fn require_principal(pool: &PgPool, actor: &SessionUser) -> Result<(), AppError> {
    let enterprise_id = actor.enterprise()?;
    let mut conn = pool.acquire().await?;
    if db::is_principal(&mut conn, enterprise_id, actor.id).await? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The principal delegates approval in writing to an officer or admin.
pub async fn grant_delegation(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    input: &DelegationInput,
) -> Result<Uuid, AppError> {
    let spec = StepSpec {
        action: OperationAction::DelegationGrant.into(),
        roles: ENTERPRISE,
        client_id,
        subject: None,
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |prior| {
        prior.require("delegate", input.delegate_id)?;
        prior.subject_id.ok_or(AppError::Internal)
    });
    let enterprise_id = tx.enterprise_id;
    if !db::is_principal(tx.conn(), enterprise_id, actor.id).await? {
        return Err(AppError::Forbidden);
    }
    match db::active_role(tx.conn(), enterprise_id, input.delegate_id).await? {
        Some(role) if OFFICERS.contains(&role) => {}
        Some(_) => return Err(AppError::invalid(Field::User, Problem::Invalid)),
        None => return Err(AppError::NotFound),
    }
    let id = Uuid::now_v7();
    db::insert_delegation(tx.conn(), id, enterprise_id, actor.id, input).await?;
    tx.created(id, json!({ "delegate": input.delegate_id }))
        .await?;
    Ok(id)
}

/// The principal revokes a delegation; revoking twice changes nothing.
pub async fn revoke_delegation(pool: &PgPool, cmd: Cmd<'_>) -> Result<(), AppError> {
    let spec = cmd.spec(OperationAction::DelegationRevoke, ENTERPRISE);
    let mut tx = fresh_or!(AuditedTx::begin(pool, cmd.actor, spec).await?, |_p| Ok(()));
    let enterprise_id = tx.enterprise_id;
    if !db::is_principal(tx.conn(), enterprise_id, cmd.actor.id).await? {
        return Err(AppError::Forbidden);
    }
    match db::lock_delegation(tx.conn(), enterprise_id, cmd.id).await? {
        None => Err(AppError::NotFound),
        Some(true) => tx.unchanged().await,
        Some(false) => {
            db::revoke_delegation(tx.conn(), cmd.id).await?;
            tx.commit(json!({})).await
        }
    }
}
