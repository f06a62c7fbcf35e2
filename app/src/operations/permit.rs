//! The permit (作业审批): requesting an operation and deciding on it. Rules from
//! 工贸企业有限空间作业安全规定 (应急管理部令第13号).

use super::{
    db,
    model::{Decision, PermitInput},
    OpRefusal, OperationStatus,
};
use crate::operations::OperationAction;
use crate::operations::OperationField;
use crate::{
    audit::{
        step::{AuditedTx, StepSpec},
        AuditAction,
    },
    auth::{Role, SessionUser},
    error::{AppError, Problem, ResultExt},
    fresh_or,
};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

/// Who may request an operation or take part in one.
pub const CREW: &[Role] = &[Role::Worker, Role::SafetyOfficer, Role::EnterpriseAdmin];
/// Who approves and oversees operations.
pub const OFFICERS: &[Role] = &[Role::SafetyOfficer, Role::EnterpriseAdmin];

/// Who records ventilation and gas tests on a permit: its attendant, its person in charge or an
/// officer, and never one of its entrants (nobody certifies the atmosphere they are about to
/// breathe). `None` when `actor` may; the step refuses with the reason, the scan page shows the
/// forms only to those who may.
pub fn tester_refusal(
    actor: &SessionUser,
    attendant_id: Uuid,
    person_in_charge_id: Uuid,
    is_entrant: bool,
) -> Option<OpRefusal> {
    if is_entrant {
        Some(OpRefusal::EntrantCannotTest)
    } else if actor.id != attendant_id
        && actor.id != person_in_charge_id
        && !OFFICERS.contains(&actor.role)
    {
        Some(OpRefusal::NotTester)
    } else {
        None
    }
}

/// One step asked of one operation: who, which submission, which operation.
#[derive(Debug, Clone, Copy)]
pub struct Cmd<'a> {
    pub actor: &'a SessionUser,
    pub client_id: Uuid,
    pub id: Uuid,
}

impl Cmd<'_> {
    pub fn spec(&self, action: impl Into<AuditAction>, roles: &'static [Role]) -> StepSpec {
        let action: AuditAction = action.into();
        StepSpec {
            action,
            roles,
            client_id: self.client_id,
            subject: Some(self.id),
        }
    }
}

/// Everyone a permit names, entrants first, each once.
fn named_people(entrants: &[Uuid], attendant: Uuid, person_in_charge: Uuid) -> Vec<Uuid> {
    let mut named = Vec::new();
    for id in entrants
        .iter()
        .copied()
        .chain([attendant, person_in_charge])
    {
        if !named.contains(&id) {
            named.push(id);
        }
    }
    named
}

/// 未经培训合格不得上岗 (安全生产法 第二十八条): a person who is not cleared for work
/// (`rules::clearance`) is put on a permit in no role. Refuses naming the first such person
/// and their first reason.
pub async fn refuse_not_cleared(
    conn: &mut sqlx::PgConnection,
    enterprise_id: Uuid,
    people: &[Uuid],
) -> Result<(), AppError> {
    let now = time::OffsetDateTime::now_utc();
    crate::training::service::refuse_not_cleared(conn, enterprise_id, people, now).await
}

/// Requests an operation (作业申请). Returns its id; a retry returns the same id.
pub async fn request_permit(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    input: &PermitInput,
) -> Result<Uuid, AppError> {
    let spec = StepSpec {
        action: OperationAction::Request.into(),
        roles: CREW,
        client_id,
        subject: None,
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |prior| {
        prior.require("space", input.space_id)?;
        prior.subject_id.ok_or(AppError::Internal)
    });
    if input.entrants.contains(&input.attendant_id) {
        return Err(AppError::refused(OpRefusal::AttendantCannotEnter));
    }
    let enterprise_id = tx.enterprise_id;
    let policy = db::settings::permit_policy(tx.conn(), enterprise_id).await?;
    if input.planned_end - input.planned_start > policy.max_window() {
        return Err(AppError::invalid(
            OperationField::PlannedEnd,
            Problem::TooLate,
        ));
    }
    if db::space_active(tx.conn(), enterprise_id, input.space_id).await? != Some(true) {
        return Err(AppError::NotFound);
    }
    let mut people = input.entrants.clone();
    people.extend([input.attendant_id, input.person_in_charge_id]);
    people.sort();
    people.dedup();
    if !crate::users::db::all_active_people(tx.conn(), enterprise_id, &people).await? {
        return Err(AppError::invalid(
            OperationField::Entrants,
            Problem::Invalid,
        ));
    }
    let named = named_people(
        &input.entrants,
        input.attendant_id,
        input.person_in_charge_id,
    );
    refuse_not_cleared(tx.conn(), enterprise_id, &named).await?;
    let id = Uuid::now_v7();
    db::insert_permit(tx.conn(), id, enterprise_id, actor.id, client_id, input)
        .await
        .on_constraint("operations_one_open", || {
            AppError::refused(OpRefusal::SpaceBusy)
        })?;
    tx.created(id, json!({ "space": input.space_id })).await?;
    Ok(id)
}

/// Approves or rejects (作业审批). The approver is never the requester; for a space with a
/// toxic/asphyxiation risk the approver is the principal (主要负责人) or holds a written
/// delegation valid now (13号令).
pub async fn decide(pool: &PgPool, cmd: Cmd<'_>, decision: &Decision) -> Result<(), AppError> {
    let action = if decision.approve {
        OperationAction::Approve
    } else {
        OperationAction::Reject
    };
    let mut tx = fresh_or!(
        AuditedTx::begin(pool, cmd.actor, cmd.spec(action, OFFICERS)).await?,
        |_prior| Ok(())
    );
    let enterprise_id = tx.enterprise_id;
    let op = db::lock(tx.conn(), enterprise_id, cmd.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let wanted = if decision.approve {
        OperationStatus::Approved
    } else {
        OperationStatus::Rejected
    };
    if op.status == wanted {
        return tx.unchanged().await; // decided the same way from another phone
    }
    if op.status != OperationStatus::Requested {
        return Err(AppError::refused(OpRefusal::PermitNotApproved));
    }
    if op.requested_by == cmd.actor.id {
        return Err(AppError::refused(OpRefusal::ApproverIsRequester));
    }
    let me = cmd.actor.id;
    if db::settings::permit_policy(tx.conn(), enterprise_id)
        .await?
        .independent_approval
        && (me == op.attendant_id
            || me == op.person_in_charge_id
            || db::entrant_briefing(tx.conn(), cmd.id, me).await?.is_some())
    {
        return Err(AppError::refused(OpRefusal::ApproverOnPermit));
    }
    if decision.approve
        && db::space_is_toxic(tx.conn(), op.space_id).await?
        && !db::is_principal_or_delegate(tx.conn(), enterprise_id, cmd.actor.id).await?
    {
        return Err(AppError::refused(OpRefusal::ApproverNotAuthorized));
    }
    if decision.approve {
        // The permit comes into force now: everyone on it, and its approver, cleared today.
        let entrants = db::entrants(tx.conn(), cmd.id).await?;
        let mut named = named_people(&entrants, op.attendant_id, op.person_in_charge_id);
        named.push(me);
        refuse_not_cleared(tx.conn(), enterprise_id, &named).await?;
    }
    db::set_decision(tx.conn(), cmd.id, wanted, cmd.actor.id, &decision.reason).await?;
    tx.commit(json!({ "reason": decision.reason })).await
}
