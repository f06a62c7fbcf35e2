//! When the attendant is gone (deactivated, phone lost, taken ill), an operation must never be
//! stuck: an officer hands the attendant's duty to another qualified person, or, with a
//! reason, records the exits of everyone still inside and closes it. Both are audited steps.

use super::{
    db::{self, OpRow},
    model::{CloseInput, HandoverInput},
    permit::{Cmd, OFFICERS},
    OpRefusal, OperationStatus,
};
use crate::operations::OperationAction;
use crate::{
    audit::step::AuditedTx,
    error::AppError,
    fresh_or,
    training::{service as training, QualificationKind},
};
use serde_json::json;
use sqlx::PgPool;
use time::OffsetDateTime;

async fn lock_open(tx: &mut AuditedTx<'_>, cmd: &Cmd<'_>) -> Result<Option<OpRow>, AppError> {
    let enterprise_id = tx.enterprise_id;
    let op = db::lock(tx.conn(), enterprise_id, cmd.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((op.status == OperationStatus::Approved).then_some(op))
}

/// An officer makes `to` the attendant. The new attendant is an active, trained person of the
/// enterprise and not an entrant of the permit; they check in at the space as usual (entries
/// wait until they have).
pub async fn hand_over(pool: &PgPool, cmd: Cmd<'_>, input: &HandoverInput) -> Result<(), AppError> {
    let spec = cmd.spec(OperationAction::Handover, OFFICERS);
    let mut tx = fresh_or!(AuditedTx::begin(pool, cmd.actor, spec).await?, |_p| Ok(()));
    let Some(op) = lock_open(&mut tx, &cmd).await? else {
        return Err(AppError::refused(OpRefusal::PermitNotApproved));
    };
    let to = input.to;
    let enterprise_id = tx.enterprise_id;
    let now = OffsetDateTime::now_utc();
    if to == op.attendant_id
        || db::entrant_briefing(tx.conn(), cmd.id, to).await?.is_some()
        || !crate::users::db::all_active_people(tx.conn(), enterprise_id, &[to]).await?
        || !training::holds_valid(tx.conn(), to, QualificationKind::ConfinedSpace, now).await?
    {
        return Err(AppError::refused(OpRefusal::CannotAttend));
    }
    super::permit::refuse_not_cleared(tx.conn(), enterprise_id, &[to]).await?;
    db::set_attendant(tx.conn(), cmd.id, to).await?;
    tx.commit(json!({ "from": op.attendant_id, "to": to, "reason": input.reason }))
        .await
}

/// An officer closes in the attendant's place: the exits of everyone still inside are
/// recorded now, by the officer, with the reason, and the operation is closed.
pub async fn close_with_reason(
    pool: &PgPool,
    cmd: Cmd<'_>,
    input: &CloseInput,
) -> Result<(), AppError> {
    let spec = cmd.spec(OperationAction::CloseByOfficer, OFFICERS);
    let mut tx = fresh_or!(AuditedTx::begin(pool, cmd.actor, spec).await?, |_p| Ok(()));
    if lock_open(&mut tx, &cmd).await?.is_none() {
        // Closed already (or never approved): nothing to close.
        return tx.unchanged().await;
    }
    let exited = db::exit_everyone(tx.conn(), cmd.id, cmd.actor.id).await?;
    db::set_closed(tx.conn(), cmd.id, cmd.actor.id).await?;
    tx.commit(json!({ "reason": input.reason, "exits_recorded": exited }))
        .await
}
