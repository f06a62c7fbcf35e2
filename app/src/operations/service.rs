//! The operation workflow, enforced on the server. Each step locks the operation row, so two
//! phones acting at the same instant are applied one after the other (the headcount stays
//! right). Every step takes a client id and is stored once.

use super::{
    GasTestSummary, Inside, JudgedPoint, OperationStatus, OperationView, PointReading, Refusal,
    SamplePoint,
};
use crate::{
    audit,
    auth::{Role, SessionUser},
    error::{AppError, Field, Problem},
    rules::gas::{self, GasPolicy},
    time_fmt::local_minutes,
};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

const OFFICERS: &[Role] = &[Role::SafetyOfficer, Role::EnterpriseAdmin];
const CREW: &[Role] = &[Role::Worker, Role::SafetyOfficer, Role::EnterpriseAdmin];

fn refuse<T>(r: Refusal) -> Result<T, AppError> {
    Err(AppError::Refused(r))
}

/// What a permit request carries.
#[derive(Debug, Clone)]
pub struct PermitInput {
    pub space_id: Uuid,
    pub work_content: String,
    pub planned_start: OffsetDateTime,
    pub planned_end: OffsetDateTime,
    pub entrants: Vec<Uuid>,
    pub attendant_id: Uuid,
    pub person_in_charge_id: Uuid,
    pub contractor: String,
    pub measures: String,
    /// Pre-entry checklist items confirmed (research §C2 keys).
    pub checklist: Vec<String>,
    pub rescue_equipment: String,
}

#[derive(sqlx::FromRow)]
struct OpRow {
    space_id: Uuid,
    status: String,
    planned_end: OffsetDateTime,
    requested_by: Uuid,
    attendant_id: Uuid,
    attendant_in_at: Option<OffsetDateTime>,
    attendant_out_at: Option<OffsetDateTime>,
    evacuation_at: Option<OffsetDateTime>,
    interrupted_at: Option<OffsetDateTime>,
}

impl OpRow {
    fn status(&self) -> OperationStatus {
        OperationStatus::parse(&self.status).unwrap_or(OperationStatus::Closed)
    }
    fn attendant_present(&self) -> bool {
        self.attendant_in_at.is_some() && self.attendant_out_at.is_none()
    }
}

const OP_COLUMNS: &str = "space_id, status, planned_end, requested_by,
    attendant_id, attendant_in_at, attendant_out_at, evacuation_at, interrupted_at";

/// Loads and locks an operation of the actor's enterprise for the rest of the transaction.
async fn lock(conn: &mut PgConnection, enterprise_id: Uuid, id: Uuid) -> Result<OpRow, AppError> {
    let row: Option<OpRow> = sqlx::query_as(&format!(
        "select {OP_COLUMNS} from operations where id = $1 and enterprise_id = $2 for update"
    ))
    .bind(id)
    .bind(enterprise_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.ok_or(AppError::NotFound)
}

async fn users_in_enterprise(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    ids: &[Uuid],
) -> Result<bool, AppError> {
    let n: i64 = sqlx::query_scalar(
        "select count(*) from users where id = any($1) and enterprise_id = $2 and active",
    )
    .bind(ids)
    .bind(enterprise_id)
    .fetch_one(conn)
    .await?;
    Ok(n as usize == ids.len())
}

/// Whether `user_id` holds confined-space training valid at `at`.
pub async fn has_valid_training(
    conn: &mut PgConnection,
    user_id: Uuid,
    at: OffsetDateTime,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar(
        "select exists (select 1 from qualifications where user_id = $1
            and kind = 'confined_space' and valid_from <= $2 and valid_until > $2)",
    )
    .bind(user_id)
    .bind(at)
    .fetch_one(conn)
    .await?)
}

async fn headcount(conn: &mut PgConnection, operation_id: Uuid) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "select count(*) from entries where operation_id = $1 and exited_at is null",
    )
    .bind(operation_id)
    .fetch_one(conn)
    .await?)
}

/// Requests an operation (作业申请). Returns its id; a retry returns the same id.
pub async fn request_permit(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    input: &PermitInput,
) -> Result<Uuid, AppError> {
    actor.require_role(CREW)?;
    let enterprise_id = actor.enterprise()?;
    if let Some(id) = existing(pool, enterprise_id, client_id).await? {
        return Ok(id);
    }
    if input.work_content.trim().is_empty() {
        return Err(AppError::invalid(Field::WorkContent, Problem::Required));
    }
    if input.planned_end <= input.planned_start || input.planned_end <= OffsetDateTime::now_utc() {
        return Err(AppError::invalid(Field::PlannedEnd, Problem::Invalid));
    }
    if input.entrants.is_empty() {
        return Err(AppError::invalid(Field::Entrants, Problem::Required));
    }
    if input.entrants.contains(&input.attendant_id) {
        return refuse(Refusal::AttendantCannotEnter);
    }
    let mut tx = pool.begin().await?;
    let space: Option<bool> = sqlx::query_scalar(
        "select active from confined_spaces where id = $1 and enterprise_id = $2",
    )
    .bind(input.space_id)
    .bind(enterprise_id)
    .fetch_optional(&mut *tx)
    .await?;
    if space != Some(true) {
        return Err(AppError::NotFound);
    }
    let mut people = input.entrants.clone();
    people.extend([input.attendant_id, input.person_in_charge_id]);
    people.sort();
    people.dedup();
    if !users_in_enterprise(&mut tx, enterprise_id, &people).await? {
        return Err(AppError::invalid(Field::Entrants, Problem::Invalid));
    }
    let id = Uuid::now_v7();
    let inserted = sqlx::query(
        "insert into operations (id, enterprise_id, space_id, status, work_content,
            planned_start, planned_end, requested_by, attendant_id, person_in_charge_id,
            contractor, measures, checklist, rescue_equipment, client_id)
         values ($1, $2, $3, 'requested', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(id)
    .bind(enterprise_id)
    .bind(input.space_id)
    .bind(input.work_content.trim())
    .bind(input.planned_start)
    .bind(input.planned_end)
    .bind(actor.id)
    .bind(input.attendant_id)
    .bind(input.person_in_charge_id)
    .bind(input.contractor.trim())
    .bind(input.measures.trim())
    .bind(sqlx::types::Json(&input.checklist))
    .bind(input.rescue_equipment.trim())
    .bind(client_id)
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        Err(err) if constraint(&err) == Some("operations_one_open") => {
            return refuse(Refusal::SpaceBusy)
        }
        Err(err) if constraint(&err) == Some("operations_client_id_key") => {
            tx.rollback().await?;
            return existing(pool, enterprise_id, client_id)
                .await?
                .ok_or(AppError::ClientIdReused);
        }
        Err(err) => return Err(err.into()),
    }
    for entrant in &input.entrants {
        sqlx::query("insert into operation_entrants (operation_id, user_id) values ($1, $2)")
            .bind(id)
            .bind(entrant)
            .execute(&mut *tx)
            .await?;
    }
    audit::record_by(
        &mut tx,
        actor,
        "operation.request",
        Some(id),
        Some(client_id),
        json!({ "space": input.space_id }),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

fn constraint(err: &sqlx::Error) -> Option<&str> {
    err.as_database_error().and_then(|e| e.constraint())
}

async fn existing(
    pool: &PgPool,
    enterprise_id: Uuid,
    client_id: Uuid,
) -> Result<Option<Uuid>, AppError> {
    let row: Option<(Uuid, Uuid)> =
        sqlx::query_as("select id, enterprise_id from operations where client_id = $1")
            .bind(client_id)
            .fetch_optional(pool)
            .await?;
    match row {
        Some((id, e)) if e == enterprise_id => Ok(Some(id)),
        Some(_) => Err(AppError::ClientIdReused),
        None => Ok(None),
    }
}

/// Approves or rejects (作业审批). The approver is never the requester; for a space with a
/// toxic/asphyxiation risk the approver is the principal (主要负责人) or holds a written
/// delegation valid now (工贸企业有限空间作业安全规定, 应急管理部令第13号).
pub async fn decide(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    operation_id: Uuid,
    approve: bool,
    reason: &str,
) -> Result<(), AppError> {
    actor.require_role(OFFICERS)?;
    let enterprise_id = actor.enterprise()?;
    let mut tx = pool.begin().await?;
    let op = lock(&mut tx, enterprise_id, operation_id).await?;
    let wanted = if approve {
        OperationStatus::Approved
    } else {
        OperationStatus::Rejected
    };
    if op.status() == wanted {
        return Ok(()); // a retried decision
    }
    if op.status() != OperationStatus::Requested {
        return refuse(Refusal::PermitNotApproved);
    }
    if op.requested_by == actor.id {
        return refuse(Refusal::ApproverIsRequester);
    }
    if !approve && reason.trim().is_empty() {
        return Err(AppError::invalid(Field::Reason, Problem::Required));
    }
    if approve && !may_approve(&mut tx, actor, op.space_id).await? {
        return refuse(Refusal::ApproverNotAuthorized);
    }
    sqlx::query(
        "update operations set status = $2, decided_by = $3, decided_at = now(),
            reject_reason = nullif($4, '') where id = $1",
    )
    .bind(operation_id)
    .bind(wanted.as_str())
    .bind(actor.id)
    .bind(reason.trim())
    .execute(&mut *tx)
    .await?;
    let action = if approve {
        "operation.approve"
    } else {
        "operation.reject"
    };
    audit::record_by(
        &mut tx,
        actor,
        action,
        Some(operation_id),
        Some(client_id),
        json!({ "reason": reason }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn may_approve(
    conn: &mut PgConnection,
    actor: &SessionUser,
    space_id: Uuid,
) -> Result<bool, AppError> {
    let risky: bool =
        sqlx::query_scalar("select toxic_asphyxiation_risk from confined_spaces where id = $1")
            .bind(space_id)
            .fetch_one(&mut *conn)
            .await?;
    if !risky {
        return Ok(true);
    }
    Ok(sqlx::query_scalar(
        "select exists (select 1 from enterprises where id = $1 and principal_id = $2)
             or exists (select 1 from approval_delegations
                        where enterprise_id = $1 and delegate_id = $2 and revoked_at is null
                          and valid_from <= now() and valid_until > now())",
    )
    .bind(actor.enterprise_id)
    .bind(actor.id)
    .fetch_one(conn)
    .await?)
}

/// Records that ventilation started (先通风).
pub async fn record_ventilation(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    operation_id: Uuid,
) -> Result<(), AppError> {
    actor.require_role(CREW)?;
    let enterprise_id = actor.enterprise()?;
    let mut tx = pool.begin().await?;
    let op = lock(&mut tx, enterprise_id, operation_id).await?;
    if op.status() != OperationStatus::Approved {
        return refuse(Refusal::PermitNotApproved);
    }
    let done = sqlx::query(
        "insert into ventilations (id, operation_id, started_at, recorded_by, client_id)
         values ($1, $2, now(), $3, $4) on conflict (client_id) do nothing",
    )
    .bind(Uuid::now_v7())
    .bind(operation_id)
    .bind(actor.id)
    .bind(client_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 1 {
        audit::record_by(
            &mut tx,
            actor,
            "operation.ventilate",
            Some(operation_id),
            Some(client_id),
            json!({}),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub struct GasTestInput {
    pub detector_id: String,
    pub calibration_due: Date,
    pub readings: Vec<PointReading>,
}

/// Records a gas test taken from outside the space. Failing readings are stored too (and
/// shown in red); only a passing, fresh test allows entry.
pub async fn record_gas_test(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    operation_id: Uuid,
    input: &GasTestInput,
    policy: &GasPolicy,
) -> Result<bool, AppError> {
    actor.require_role(CREW)?;
    let enterprise_id = actor.enterprise()?;
    if input.detector_id.trim().is_empty() {
        return Err(AppError::invalid(Field::Detector, Problem::Required));
    }
    let now = OffsetDateTime::now_utc();
    if input.calibration_due < now.to_offset(crate::time_fmt::CHINA).date() {
        return refuse(Refusal::DetectorOverdue);
    }
    let mut tx = pool.begin().await?;
    let op = lock(&mut tx, enterprise_id, operation_id).await?;
    let previous: Option<bool> = sqlx::query_scalar(
        "select passed from gas_tests where client_id = $1 and operation_id = $2",
    )
    .bind(client_id)
    .bind(operation_id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(passed) = previous {
        return Ok(passed);
    }
    if op.status() != OperationStatus::Approved {
        return refuse(Refusal::PermitNotApproved);
    }
    let ventilated: bool =
        sqlx::query_scalar("select exists (select 1 from ventilations where operation_id = $1)")
            .bind(operation_id)
            .fetch_one(&mut *tx)
            .await?;
    if !ventilated {
        return refuse(Refusal::NotVentilated);
    }
    // Every required gas of the space, at each of the three heights.
    let required: Vec<String> =
        sqlx::query_scalar("select unnest(required_gases) from confined_spaces where id = $1")
            .bind(op.space_id)
            .fetch_all(&mut *tx)
            .await?;
    for gas in required.iter().filter_map(|g| gas::Gas::parse(g)) {
        for point in SamplePoint::ALL {
            if !input
                .readings
                .iter()
                .any(|r| r.point == point && r.reading.gas == gas)
            {
                return Err(AppError::invalid(Field::Gases, Problem::Required));
            }
        }
    }
    let mut judged = Vec::with_capacity(input.readings.len());
    for r in &input.readings {
        let j = gas::judge(r.reading, policy)
            .map_err(|_| AppError::invalid(Field::Gases, Problem::Invalid))?;
        judged.push(JudgedPoint {
            point: r.point,
            judged: j,
        });
    }
    let passed = judged.iter().all(|j| j.judged.ok);
    sqlx::query(
        "insert into gas_tests (id, operation_id, tested_at, tester_id, detector_id,
            detector_calibration_due, passed, readings, client_id)
         values ($1, $2, now(), $3, $4, $5, $6, $7, $8)",
    )
    .bind(Uuid::now_v7())
    .bind(operation_id)
    .bind(actor.id)
    .bind(input.detector_id.trim())
    .bind(input.calibration_due)
    .bind(passed)
    .bind(sqlx::types::Json(&judged))
    .bind(client_id)
    .execute(&mut *tx)
    .await?;
    audit::record_by(
        &mut tx,
        actor,
        "operation.gas_test",
        Some(operation_id),
        Some(client_id),
        json!({ "passed": passed }),
    )
    .await?;
    tx.commit().await?;
    Ok(passed)
}

/// The attendant checks in at the space (scan). Needs valid training.
pub async fn attendant_check_in(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    operation_id: Uuid,
) -> Result<(), AppError> {
    let enterprise_id = actor.enterprise()?;
    let mut tx = pool.begin().await?;
    let op = lock(&mut tx, enterprise_id, operation_id).await?;
    if op.attendant_id != actor.id {
        return refuse(Refusal::NotAttendant);
    }
    if op.attendant_present() {
        return Ok(());
    }
    check_permit_open(&op)?;
    if !has_valid_training(&mut tx, actor.id, OffsetDateTime::now_utc()).await? {
        return refuse(Refusal::NoValidTraining);
    }
    sqlx::query(
        "update operations set attendant_in_at = now(), attendant_out_at = null where id = $1",
    )
    .bind(operation_id)
    .execute(&mut *tx)
    .await?;
    audit::record_by(
        &mut tx,
        actor,
        "operation.attendant_in",
        Some(operation_id),
        Some(client_id),
        json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn check_permit_open(op: &OpRow) -> Result<(), AppError> {
    if op.status() != OperationStatus::Approved {
        return refuse(Refusal::PermitNotApproved);
    }
    if OffsetDateTime::now_utc() > op.planned_end {
        return refuse(Refusal::PermitExpired);
    }
    Ok(())
}

/// An entrant goes in. Refused, with the exact reason, unless every rule holds.
pub async fn enter(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    operation_id: Uuid,
    briefing_acknowledged: bool,
    tools: &str,
    policy: &GasPolicy,
) -> Result<(), AppError> {
    let enterprise_id = actor.enterprise()?;
    let mut tx = pool.begin().await?;
    let op = lock(&mut tx, enterprise_id, operation_id).await?;
    let retried: bool = sqlx::query_scalar(
        "select exists (select 1 from entries where client_id = $1 and operation_id = $2)",
    )
    .bind(client_id)
    .bind(operation_id)
    .fetch_one(&mut *tx)
    .await?;
    if retried {
        return Ok(());
    }
    check_permit_open(&op)?;
    if op.evacuation_at.is_some() {
        return refuse(Refusal::Evacuating);
    }
    let briefed_at: Option<Option<OffsetDateTime>> = sqlx::query_scalar(
        "select briefed_at from operation_entrants where operation_id = $1 and user_id = $2",
    )
    .bind(operation_id)
    .bind(actor.id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(briefed_at) = briefed_at else {
        return refuse(Refusal::NotListed);
    };
    let now = OffsetDateTime::now_utc();
    if !has_valid_training(&mut tx, actor.id, now).await? {
        return refuse(Refusal::NoValidTraining);
    }
    if !op.attendant_present() {
        return refuse(Refusal::NoAttendant);
    }
    let last: Option<(OffsetDateTime, bool)> = sqlx::query_as(
        "select tested_at, passed from gas_tests where operation_id = $1
         order by tested_at desc limit 1",
    )
    .bind(operation_id)
    .fetch_optional(&mut *tx)
    .await?;
    match last {
        None => return refuse(Refusal::NoGasTest),
        Some((_, false)) => return refuse(Refusal::GasTestFailed),
        Some((at, true)) => {
            let interrupted = op.interrupted_at.is_some_and(|i| i >= at);
            if interrupted || !gas::test_is_fresh(at, now, policy) {
                return refuse(Refusal::GasTestStale);
            }
        }
    }
    if briefed_at.is_none() {
        if !briefing_acknowledged {
            return refuse(Refusal::NotBriefed);
        }
        sqlx::query("update operation_entrants set briefed_at = now() where operation_id = $1 and user_id = $2")
            .bind(operation_id)
            .bind(actor.id)
            .execute(&mut *tx)
            .await?;
    }
    let inserted = sqlx::query(
        "insert into entries (id, operation_id, user_id, entered_at, tools_in, client_id)
         values ($1, $2, $3, now(), $4, $5)",
    )
    .bind(Uuid::now_v7())
    .bind(operation_id)
    .bind(actor.id)
    .bind(tools.trim())
    .bind(client_id)
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        Err(err) if constraint(&err) == Some("entries_one_open") => {
            return refuse(Refusal::AlreadyInside)
        }
        Err(err) => return Err(err.into()),
    }
    audit::record_by(
        &mut tx,
        actor,
        "operation.enter",
        Some(operation_id),
        Some(client_id),
        json!({ "tools": tools }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Someone comes out: themselves, or recorded by the attendant (no phone inside).
pub async fn exit(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    operation_id: Uuid,
    person: Uuid,
    tools_out: &str,
) -> Result<(), AppError> {
    let enterprise_id = actor.enterprise()?;
    let mut tx = pool.begin().await?;
    let op = lock(&mut tx, enterprise_id, operation_id).await?;
    let retried: bool = sqlx::query_scalar(
        "select exists (select 1 from entries where exit_client_id = $1 and operation_id = $2)",
    )
    .bind(client_id)
    .bind(operation_id)
    .fetch_one(&mut *tx)
    .await?;
    if retried {
        return Ok(());
    }
    if person != actor.id && op.attendant_id != actor.id {
        return refuse(Refusal::NotAttendant);
    }
    let done = sqlx::query(
        "update entries set exited_at = now(), tools_out = $3, exit_recorded_by = $4,
            exit_client_id = $5
         where operation_id = $1 and user_id = $2 and exited_at is null",
    )
    .bind(operation_id)
    .bind(person)
    .bind(tools_out.trim())
    .bind(actor.id)
    .bind(client_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return refuse(Refusal::NotInside);
    }
    if headcount(&mut tx, operation_id).await? == 0 {
        // Everyone is out: an interruption. Re-entry needs a new passing test (13号令).
        sqlx::query("update operations set interrupted_at = now() where id = $1")
            .bind(operation_id)
            .execute(&mut *tx)
            .await?;
    }
    audit::record_by(
        &mut tx,
        actor,
        "operation.exit",
        Some(operation_id),
        Some(client_id),
        json!({ "person": person, "tools": tools_out }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The attendant (or an officer) orders everyone out; the scan page shows it to all.
pub async fn evacuate(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    operation_id: Uuid,
) -> Result<(), AppError> {
    let enterprise_id = actor.enterprise()?;
    let mut tx = pool.begin().await?;
    let op = lock(&mut tx, enterprise_id, operation_id).await?;
    if op.attendant_id != actor.id && !OFFICERS.contains(&actor.role) {
        return refuse(Refusal::NotAttendant);
    }
    if op.evacuation_at.is_none() {
        sqlx::query("update operations set evacuation_at = now() where id = $1")
            .bind(operation_id)
            .execute(&mut *tx)
            .await?;
        audit::record_by(
            &mut tx,
            actor,
            "operation.evacuate",
            Some(operation_id),
            Some(client_id),
            json!({}),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The attendant leaves the space: never while anyone is inside.
pub async fn attendant_check_out(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    operation_id: Uuid,
) -> Result<(), AppError> {
    let enterprise_id = actor.enterprise()?;
    let mut tx = pool.begin().await?;
    let op = lock(&mut tx, enterprise_id, operation_id).await?;
    if op.attendant_id != actor.id {
        return refuse(Refusal::NotAttendant);
    }
    if headcount(&mut tx, operation_id).await? > 0 {
        return refuse(Refusal::PeopleInside);
    }
    sqlx::query(
        "update operations set attendant_out_at = now() where id = $1 and attendant_out_at is null",
    )
    .bind(operation_id)
    .execute(&mut *tx)
    .await?;
    audit::record_by(
        &mut tx,
        actor,
        "operation.attendant_out",
        Some(operation_id),
        Some(client_id),
        json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Closes the operation: headcount zero and the attendant's confirmation.
pub async fn close(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    operation_id: Uuid,
) -> Result<(), AppError> {
    let enterprise_id = actor.enterprise()?;
    let mut tx = pool.begin().await?;
    let op = lock(&mut tx, enterprise_id, operation_id).await?;
    if op.status() == OperationStatus::Closed {
        return Ok(());
    }
    if op.attendant_id != actor.id {
        return refuse(Refusal::NotAttendant);
    }
    if headcount(&mut tx, operation_id).await? > 0 {
        return refuse(Refusal::PeopleInside);
    }
    sqlx::query(
        "update operations set status = 'closed', closed_at = now(), closed_by = $2,
            attendant_out_at = coalesce(attendant_out_at, now()) where id = $1",
    )
    .bind(operation_id)
    .bind(actor.id)
    .execute(&mut *tx)
    .await?;
    audit::record_by(
        &mut tx,
        actor,
        "operation.close",
        Some(operation_id),
        Some(client_id),
        json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// People inside an operation now.
pub async fn inside(pool: &PgPool, operation_id: Uuid) -> Result<Vec<Inside>, AppError> {
    let now = OffsetDateTime::now_utc();
    let rows: Vec<(Uuid, String, OffsetDateTime)> = sqlx::query_as(
        "select e.user_id, u.name, e.entered_at from entries e join users u on u.id = e.user_id
         where e.operation_id = $1 and e.exited_at is null order by e.entered_at",
    )
    .bind(operation_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(user_id, name, at)| Inside {
            user_id,
            name,
            since: local_minutes(at),
            minutes: (now - at).whole_minutes(),
        })
        .collect())
}

/// Open operations of the enterprise (the officers' live board), or one space's open
/// operation (the scan page) when `space_id` is given.
pub async fn open_operations(
    pool: &PgPool,
    actor: &SessionUser,
    space_id: Option<Uuid>,
    policy: &GasPolicy,
) -> Result<Vec<OperationView>, AppError> {
    let enterprise_id = actor.enterprise()?;
    if space_id.is_none() {
        actor.require_role(OFFICERS)?;
    }
    #[derive(sqlx::FromRow)]
    struct Row {
        id: Uuid,
        space_id: Uuid,
        space_code: String,
        space_name: String,
        status: String,
        work_content: String,
        planned_end: OffsetDateTime,
        attendant: String,
        attendant_in_at: Option<OffsetDateTime>,
        attendant_out_at: Option<OffsetDateTime>,
        evacuation_at: Option<OffsetDateTime>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "select o.id, o.space_id, s.code as space_code, s.name as space_name, o.status,
                o.work_content, o.planned_end, a.name as attendant, o.attendant_in_at,
                o.attendant_out_at, o.evacuation_at
         from operations o join confined_spaces s on s.id = o.space_id
         join users a on a.id = o.attendant_id
         where o.enterprise_id = $1 and o.status in ('requested', 'approved')
           and ($2::uuid is null or o.space_id = $2)
         order by o.planned_end",
    )
    .bind(enterprise_id)
    .bind(space_id)
    .fetch_all(pool)
    .await?;
    let now = OffsetDateTime::now_utc();
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let last: Option<(OffsetDateTime, bool, sqlx::types::Json<Vec<JudgedPoint>>)> =
            sqlx::query_as(
                "select tested_at, passed, readings from gas_tests where operation_id = $1
             order by tested_at desc limit 1",
            )
            .bind(r.id)
            .fetch_optional(pool)
            .await?;
        let inside = inside(pool, r.id).await?;
        let retest_due = !inside.is_empty()
            && last
                .as_ref()
                .is_some_and(|(at, _, _)| gas::retest_due(*at, now, policy));
        out.push(OperationView {
            id: r.id,
            space_id: r.space_id,
            space_code: r.space_code,
            space_name: r.space_name,
            status: OperationStatus::parse(&r.status).unwrap_or(OperationStatus::Closed),
            work_content: r.work_content,
            planned_end: local_minutes(r.planned_end),
            overdue: now > r.planned_end && !inside.is_empty(),
            attendant: r.attendant,
            attendant_present: r.attendant_in_at.is_some() && r.attendant_out_at.is_none(),
            inside,
            last_test: last.map(|(at, passed, readings)| GasTestSummary {
                passed,
                tested_at: local_minutes(at),
                age_minutes: (now - at).whole_minutes(),
                fresh: gas::test_is_fresh(at, now, policy),
                readings: readings.0,
            }),
            retest_due,
            evacuating: r.evacuation_at.is_some(),
        });
    }
    Ok(out)
}

/// Records a valid confined-space training by hand (the training feature will fill this
/// from real sessions).
pub async fn grant_qualification(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    user_id: Uuid,
    valid_until: OffsetDateTime,
) -> Result<(), AppError> {
    actor.require_role(&[Role::SafetyOfficer, Role::Trainer, Role::EnterpriseAdmin])?;
    let enterprise_id = actor.enterprise()?;
    let mut tx = pool.begin().await?;
    if !users_in_enterprise(&mut tx, enterprise_id, &[user_id]).await? {
        return Err(AppError::NotFound);
    }
    if valid_until <= OffsetDateTime::now_utc() {
        return Err(AppError::invalid(Field::ValidUntil, Problem::Invalid));
    }
    sqlx::query(
        "insert into qualifications (id, enterprise_id, user_id, kind, valid_from, valid_until,
            recorded_by, client_id)
         values ($1, $2, $3, 'confined_space', now(), $4, $5, $6)
         on conflict (client_id) do nothing",
    )
    .bind(Uuid::now_v7())
    .bind(enterprise_id)
    .bind(user_id)
    .bind(valid_until)
    .bind(actor.id)
    .bind(client_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The open operation at a space with this user's part in it (the scan page).
pub async fn detail_at_space(
    pool: &PgPool,
    actor: &SessionUser,
    space_id: Uuid,
) -> Result<Option<super::OperationDetail>, AppError> {
    let policy = policy_for(pool, actor.enterprise()?).await?;
    let Some(view) = open_operations(pool, actor, Some(space_id), &policy)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let (requested_by, attendant_id): (Uuid, Uuid) =
        sqlx::query_as("select requested_by, attendant_id from operations where id = $1")
            .bind(view.id)
            .fetch_one(pool)
            .await?;
    let entrants: Vec<(Uuid, String, bool)> = sqlx::query_as(
        "select e.user_id, u.name, e.briefed_at is not null from operation_entrants e
         join users u on u.id = e.user_id where e.operation_id = $1 order by u.name",
    )
    .bind(view.id)
    .fetch_all(pool)
    .await?;
    let ventilated: bool =
        sqlx::query_scalar("select exists (select 1 from ventilations where operation_id = $1)")
            .bind(view.id)
            .fetch_one(pool)
            .await?;
    let trail: Vec<(OffsetDateTime, String, String)> = sqlx::query_as(
        "select a.created_at, u.name, a.action from audit_log a join users u on u.id = a.actor_id
         where a.subject_id = $1 and a.enterprise_id = $2 order by a.created_at, a.id",
    )
    .bind(view.id)
    .bind(actor.enterprise_id)
    .fetch_all(pool)
    .await?;
    Ok(Some(super::OperationDetail {
        trail: trail
            .into_iter()
            .map(|(at, who, action)| super::TrailEntry {
                at: local_minutes(at),
                who,
                action,
            })
            .collect(),
        can_decide: view.status == OperationStatus::Requested
            && OFFICERS.contains(&actor.role)
            && requested_by != actor.id,
        i_am_attendant: attendant_id == actor.id,
        i_am_entrant: entrants.iter().any(|(id, _, _)| *id == actor.id),
        i_am_inside: view.inside.iter().any(|i| i.user_id == actor.id),
        me: actor.id,
        entrants: entrants
            .into_iter()
            .map(|(user_id, name, briefed)| super::Entrant {
                user_id,
                name,
                briefed,
            })
            .collect(),
        ventilated,
        view,
    }))
}

/// Active people of the actor's enterprise who can be put on a permit.
pub async fn people(
    pool: &PgPool,
    actor: &SessionUser,
) -> Result<Vec<super::PersonOption>, AppError> {
    actor.require_role(CREW)?;
    let rows: Vec<(Uuid, String, String)> = sqlx::query_as(
        "select id, name, role from users where enterprise_id = $1 and active
           and role <> 'regulator' order by name",
    )
    .bind(actor.enterprise()?)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, name, role)| {
            Role::parse(&role).map(|role| super::PersonOption { id, name, role })
        })
        .collect())
}

/// Operations of the enterprise, newest first, optionally of one space or one person
/// (as entrant or attendant). Officers and admins only.
pub async fn history(
    pool: &PgPool,
    actor: &SessionUser,
    space_id: Option<Uuid>,
    person_id: Option<Uuid>,
) -> Result<Vec<super::HistoryRow>, AppError> {
    actor.require_role(OFFICERS)?;
    let enterprise_id = actor.enterprise()?;
    #[derive(sqlx::FromRow)]
    struct Row {
        id: Uuid,
        space_code: String,
        space_name: String,
        status: String,
        work_content: String,
        planned_start: OffsetDateTime,
        planned_end: OffsetDateTime,
        requested_by: String,
        decided_by: Option<String>,
        attendant: String,
        closed_at: Option<OffsetDateTime>,
        gas_tests: i64,
        failed_tests: i64,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "select o.id, s.code as space_code, s.name as space_name, o.status, o.work_content,
                o.planned_start, o.planned_end, r.name as requested_by, d.name as decided_by,
                a.name as attendant, o.closed_at,
                (select count(*) from gas_tests g where g.operation_id = o.id) as gas_tests,
                (select count(*) from gas_tests g where g.operation_id = o.id and not g.passed)
                    as failed_tests
         from operations o
         join confined_spaces s on s.id = o.space_id
         join users r on r.id = o.requested_by
         join users a on a.id = o.attendant_id
         left join users d on d.id = o.decided_by
         where o.enterprise_id = $1
           and ($2::uuid is null or o.space_id = $2)
           and ($3::uuid is null or o.attendant_id = $3 or exists (
                select 1 from operation_entrants e where e.operation_id = o.id and e.user_id = $3))
         order by o.created_at desc
         limit 500",
    )
    .bind(enterprise_id)
    .bind(space_id)
    .bind(person_id)
    .fetch_all(pool)
    .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let entries: Vec<(Uuid, String, OffsetDateTime, Option<OffsetDateTime>)> = sqlx::query_as(
        "select e.operation_id, u.name, e.entered_at, e.exited_at from entries e
         join users u on u.id = e.user_id where e.operation_id = any($1) order by e.entered_at",
    )
    .bind(&ids)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| super::HistoryRow {
            entries: entries
                .iter()
                .filter(|(op, ..)| *op == r.id)
                .map(|(_, name, inn, out)| {
                    let out = out.map(local_minutes).unwrap_or_else(|| "…".into());
                    format!("{name} {}–{out}", local_minutes(*inn))
                })
                .collect(),
            id: r.id,
            space_code: r.space_code,
            space_name: r.space_name,
            status: OperationStatus::parse(&r.status).unwrap_or(OperationStatus::Closed),
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

/// Everyone's confined-space training validity (officers, trainers, admins).
pub async fn qualifications(
    pool: &PgPool,
    actor: &SessionUser,
) -> Result<Vec<super::QualificationRow>, AppError> {
    actor.require_role(&[Role::SafetyOfficer, Role::Trainer, Role::EnterpriseAdmin])?;
    let rows: Vec<(Uuid, String, Option<OffsetDateTime>)> = sqlx::query_as(
        "select u.id, u.name, max(q.valid_until) from users u
         left join qualifications q on q.user_id = u.id and q.kind = 'confined_space'
         where u.enterprise_id = $1 and u.active group by u.id order by u.name",
    )
    .bind(actor.enterprise()?)
    .fetch_all(pool)
    .await?;
    let now = OffsetDateTime::now_utc();
    Ok(rows
        .into_iter()
        .map(|(user_id, name, until)| super::QualificationRow {
            user_id,
            name,
            valid: until.is_some_and(|u| u > now),
            valid_until: until.map(local_minutes),
        })
        .collect())
}

/// The enterprise's gas policy, or the defaults (with their basis) when none was set.
pub async fn policy_for(pool: &PgPool, enterprise_id: Uuid) -> Result<GasPolicy, AppError> {
    let row: Option<(i32, i32, f64, f64, f64)> = sqlx::query_as(
        "select test_max_age_minutes, retest_interval_minutes, lel_max_percent,
                grade2_lel_from_percent, grade2_toxic_fraction
         from gas_policies where enterprise_id = $1",
    )
    .bind(enterprise_id)
    .fetch_optional(pool)
    .await?;
    Ok(match row {
        Some((age, retest, lel, grade2_lel, grade2_toxic)) => GasPolicy {
            test_max_age_minutes: age as u32,
            retest_interval_minutes: retest as u32,
            lel_max_percent: lel,
            grade2_lel_from_percent: grade2_lel,
            grade2_toxic_fraction: grade2_toxic,
        },
        None => GasPolicy::default(),
    })
}

/// Sets the enterprise's gas policy. Settings may be stricter than the defaults' basis, never
/// looser than what is certain: flammable gas stays below 10 % LEL at most.
pub async fn set_policy(
    pool: &PgPool,
    actor: &SessionUser,
    policy: &GasPolicy,
) -> Result<(), AppError> {
    actor.require_role(OFFICERS)?;
    let enterprise_id = actor.enterprise()?;
    let bad = |ok: bool| {
        if ok {
            Ok(())
        } else {
            Err(AppError::invalid(Field::Policy, Problem::Invalid))
        }
    };
    bad((5..=120).contains(&policy.test_max_age_minutes))?;
    bad((5..=240).contains(&policy.retest_interval_minutes))?;
    bad(policy.lel_max_percent > 0.0 && policy.lel_max_percent <= 10.0)?;
    bad(policy.grade2_lel_from_percent > 0.0
        && policy.grade2_lel_from_percent < policy.lel_max_percent)?;
    bad(policy.grade2_toxic_fraction > 0.0 && policy.grade2_toxic_fraction < 1.0)?;
    let mut tx = pool.begin().await?;
    sqlx::query(
        "insert into gas_policies (enterprise_id, test_max_age_minutes, retest_interval_minutes,
            lel_max_percent, grade2_lel_from_percent, grade2_toxic_fraction, updated_by)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (enterprise_id) do update set
            test_max_age_minutes = excluded.test_max_age_minutes,
            retest_interval_minutes = excluded.retest_interval_minutes,
            lel_max_percent = excluded.lel_max_percent,
            grade2_lel_from_percent = excluded.grade2_lel_from_percent,
            grade2_toxic_fraction = excluded.grade2_toxic_fraction,
            updated_by = excluded.updated_by, updated_at = now()",
    )
    .bind(enterprise_id)
    .bind(policy.test_max_age_minutes as i32)
    .bind(policy.retest_interval_minutes as i32)
    .bind(policy.lel_max_percent)
    .bind(policy.grade2_lel_from_percent)
    .bind(policy.grade2_toxic_fraction)
    .bind(actor.id)
    .execute(&mut *tx)
    .await?;
    audit::record_by(&mut tx, actor, "policy.gas", None, None, json!(policy)).await?;
    tx.commit().await?;
    Ok(())
}

/// The principal (主要负责人) and the written delegations of approval (书面委托).
pub async fn delegations(
    pool: &PgPool,
    actor: &SessionUser,
) -> Result<super::Delegations, AppError> {
    actor.require_role(OFFICERS)?;
    let enterprise_id = actor.enterprise()?;
    let principal: Option<(Uuid, String)> = sqlx::query_as(
        "select u.id, u.name from enterprises e join users u on u.id = e.principal_id where e.id = $1",
    )
    .bind(enterprise_id)
    .fetch_optional(pool)
    .await?;
    let rows: Vec<(
        Uuid,
        String,
        String,
        OffsetDateTime,
        OffsetDateTime,
        Option<OffsetDateTime>,
    )> = sqlx::query_as(
        "select d.id, u.name, d.document_ref, d.valid_from, d.valid_until, d.revoked_at
         from approval_delegations d join users u on u.id = d.delegate_id
         where d.enterprise_id = $1 order by d.created_at desc",
    )
    .bind(enterprise_id)
    .fetch_all(pool)
    .await?;
    let now = OffsetDateTime::now_utc();
    Ok(super::Delegations {
        i_am_principal: principal.as_ref().is_some_and(|(id, _)| *id == actor.id),
        principal: principal.map(|(_, name)| name),
        rows: rows
            .into_iter()
            .map(
                |(id, delegate, document_ref, from, until, revoked)| super::DelegationRow {
                    id,
                    delegate,
                    document_ref,
                    valid: revoked.is_none() && from <= now && until > now,
                    period: format!("{} – {}", local_minutes(from), local_minutes(until)),
                    revoked: revoked.is_some(),
                },
            )
            .collect(),
    })
}

async fn require_principal(conn: &mut PgConnection, actor: &SessionUser) -> Result<Uuid, AppError> {
    let enterprise_id = actor.enterprise()?;
    let is_principal: bool = sqlx::query_scalar(
        "select exists (select 1 from enterprises where id = $1 and principal_id = $2)",
    )
    .bind(enterprise_id)
    .bind(actor.id)
    .fetch_one(conn)
    .await?;
    if is_principal {
        Ok(enterprise_id)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The principal delegates approval in writing to an officer or admin until `valid_until`.
pub async fn grant_delegation(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    delegate_id: Uuid,
    valid_until: OffsetDateTime,
    document_ref: &str,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let enterprise_id = require_principal(&mut tx, actor).await?;
    let role: Option<String> = sqlx::query_scalar(
        "select role from users where id = $1 and enterprise_id = $2 and active",
    )
    .bind(delegate_id)
    .bind(enterprise_id)
    .fetch_optional(&mut *tx)
    .await?;
    match role.as_deref().and_then(Role::parse) {
        Some(r) if OFFICERS.contains(&r) => {}
        Some(_) => return Err(AppError::invalid(Field::User, Problem::Invalid)),
        None => return Err(AppError::NotFound),
    }
    if document_ref.trim().is_empty() {
        return Err(AppError::invalid(Field::DocumentRef, Problem::Required));
    }
    if valid_until <= OffsetDateTime::now_utc() {
        return Err(AppError::invalid(Field::ValidUntil, Problem::Invalid));
    }
    let id = Uuid::now_v7();
    sqlx::query(
        "insert into approval_delegations (id, enterprise_id, delegate_id, granted_by,
            document_ref, valid_from, valid_until)
         values ($1, $2, $3, $4, $5, now(), $6)",
    )
    .bind(id)
    .bind(enterprise_id)
    .bind(delegate_id)
    .bind(actor.id)
    .bind(document_ref.trim())
    .bind(valid_until)
    .execute(&mut *tx)
    .await?;
    audit::record_by(
        &mut tx,
        actor,
        "delegation.grant",
        Some(id),
        Some(client_id),
        json!({ "delegate": delegate_id }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn revoke_delegation(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    id: Uuid,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let enterprise_id = require_principal(&mut tx, actor).await?;
    let done = sqlx::query(
        "update approval_delegations set revoked_at = coalesce(revoked_at, now())
         where id = $1 and enterprise_id = $2",
    )
    .bind(id)
    .bind(enterprise_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    audit::record_by(
        &mut tx,
        actor,
        "delegation.revoke",
        Some(id),
        Some(client_id),
        json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
