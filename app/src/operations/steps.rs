//! The steps of an approved operation, enforced on the server in the order
//! 先通风、再检测、后作业: ventilation, gas tests, the attendant (监护人), entries and exits,
//! evacuation and close. Each step is one `AuditedTx` on the locked operation row, so two
//! phones acting at the same instant are applied one after the other (the headcount stays
//! right), and a retried submission is stored once.

use super::{
    db::{self, OpRow},
    model::{EntryInput, ExitInput, GasTestInput},
    permit::{tester_refusal, Cmd, CREW, OFFICERS},
    JudgedPoint, OpRefusal, OperationStatus, SamplePoint, Step,
};
use crate::operations::OperationAction;
use crate::operations::OperationField;
use crate::{
    audit::step::{AuditedTx, Prior},
    auth::Role,
    error::{AppError, Problem, ResultExt},
    fresh_or,
    offline::OfflineRefusal,
    rules::gas::{self, GasPolicy},
    time_fmt::CHINA,
    training::{service as training, QualificationKind},
};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

/// Everyone of the enterprise (`Role::ENTERPRISE_ROLES`): the attendant and entrants may be
/// any of its people; the step's own rules say who exactly (the attendant of this permit, a
/// listed entrant).
const ANYONE: &[Role] = &Role::ENTERPRISE_ROLES;

fn refuse<T>(reason: OpRefusal) -> Result<T, AppError> {
    Err(AppError::refused(reason))
}

async fn lock(tx: &mut AuditedTx<'_>, cmd: &Cmd<'_>) -> Result<OpRow, AppError> {
    let enterprise_id = tx.enterprise_id;
    db::lock(tx.conn(), enterprise_id, cmd.id)
        .await?
        .ok_or(AppError::NotFound)
}

fn require_open(op: &OpRow, now: OffsetDateTime) -> Result<(), AppError> {
    if op.status != OperationStatus::Approved {
        return refuse(OpRefusal::PermitNotApproved);
    }
    if now > op.planned_end {
        return refuse(OpRefusal::PermitExpired);
    }
    Ok(())
}

/// Ventilation and gas tests: recorded on a live permit (approved, not expired, no
/// evacuation) by the attendant, the person in charge or an officer, and never by an entrant
/// of this permit: nobody certifies the atmosphere they are about to breathe.
async fn require_tester(
    conn: &mut PgConnection,
    op: &OpRow,
    cmd: &Cmd<'_>,
) -> Result<(), AppError> {
    // Judged at the act's time: a reading taken offline on a live permit still counts when it
    // arrives after the planned end (online, the act's time is the arrival).
    require_open(op, crate::offline::act().at)?;
    if op.evacuation_at.is_some() {
        return refuse(OpRefusal::Evacuating);
    }
    let is_entrant = db::entrant_briefing(conn, cmd.id, cmd.actor.id)
        .await?
        .is_some();
    match tester_refusal(
        cmd.actor,
        op.attendant_id,
        op.person_in_charge_id,
        is_entrant,
    ) {
        Some(reason) => refuse(reason),
        None => Ok(()),
    }
}

async fn require_training(conn: &mut PgConnection, cmd: &Cmd<'_>) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc();
    if training::holds_valid(conn, cmd.actor.id, QualificationKind::ConfinedSpace, now).await? {
        Ok(())
    } else {
        refuse(OpRefusal::NoValidTraining)
    }
}

/// The one-button steps, by name (the `operation_step` server function).
pub async fn take(pool: &PgPool, cmd: Cmd<'_>, step: Step) -> Result<(), AppError> {
    match step {
        Step::Ventilate => record_ventilation(pool, cmd).await,
        Step::AttendantIn => attendant_check_in(pool, cmd).await,
        Step::AttendantOut => attendant_check_out(pool, cmd).await,
        Step::Evacuate => evacuate(pool, cmd).await,
        Step::Close => close(pool, cmd).await,
    }
}

/// Records that ventilation started (先通风).
pub async fn record_ventilation(pool: &PgPool, cmd: Cmd<'_>) -> Result<(), AppError> {
    let spec = cmd.spec(OperationAction::Ventilate, CREW);
    let mut tx = fresh_or!(AuditedTx::begin(pool, cmd.actor, spec).await?, |_p| Ok(()));
    let op = lock(&mut tx, &cmd).await?;
    require_tester(tx.conn(), &op, &cmd).await?;
    let enterprise_id = tx.enterprise_id;
    db::insert_ventilation(
        tx.conn(),
        enterprise_id,
        cmd.id,
        cmd.actor.id,
        cmd.client_id,
    )
    .await?;
    tx.commit(json!({})).await
}

/// Records a gas test taken from outside the space. Failing readings are stored too (and
/// shown in red); only a passing, fresh test allows entry. Returns whether it passed; a
/// retry returns the first answer.
pub async fn record_gas_test(
    pool: &PgPool,
    cmd: Cmd<'_>,
    input: &GasTestInput,
    policy: &GasPolicy,
) -> Result<bool, AppError> {
    let spec = cmd.spec(OperationAction::GasTest, CREW);
    let mut tx = fresh_or!(AuditedTx::begin(pool, cmd.actor, spec).await?, |prior| {
        passed_of(&prior)
    });
    // Recorded at the act's time (a reading taken without signal counts from when it was
    // taken, also for its age at entry), and the detector judged on that day.
    let now = crate::offline::act().at;
    let today = now.to_offset(CHINA).date();
    if input.calibration_due < today {
        return refuse(OpRefusal::DetectorOverdue);
    }
    // A due date further ahead than any calibration interval is a typo (input::deadline).
    crate::input::deadline(input.calibration_due, OperationField::CalibrationDue, today)?;
    let op = lock(&mut tx, &cmd).await?;
    require_tester(tx.conn(), &op, &cmd).await?;
    // A reading made offline is dated by the phone: never before the permit was approved.
    if let Some(approved_at) = op.decided_at {
        crate::offline::not_before(now, approved_at)?;
    }
    if !db::ventilated(tx.conn(), cmd.id).await? {
        return refuse(OpRefusal::NotVentilated);
    }
    // Every required gas of the space, at each of the three heights.
    for gas in db::required_gases(tx.conn(), op.space_id).await? {
        for point in SamplePoint::ALL {
            let measured = input
                .readings
                .iter()
                .any(|r| r.point == point && r.reading.gas == gas);
            if !measured {
                return Err(AppError::invalid(OperationField::Gases, Problem::Required));
            }
        }
    }
    let mut judged = Vec::with_capacity(input.readings.len());
    for r in &input.readings {
        let verdict = gas::judge(r.reading, policy)
            .map_err(|_| AppError::invalid(OperationField::Gases, Problem::Invalid))?;
        judged.push(JudgedPoint {
            point: r.point,
            judged: verdict,
        });
    }
    let passed = judged.iter().all(|j| j.judged.ok);
    let test = db::NewGasTest {
        enterprise_id: tx.enterprise_id,
        operation_id: cmd.id,
        tester_id: cmd.actor.id,
        detector_id: &input.detector_id,
        calibration_due: input.calibration_due,
        passed,
        readings: &judged,
        client_id: cmd.client_id,
        tested_at: now,
    };
    db::insert_gas_test(tx.conn(), test).await?;
    tx.commit(json!({ "passed": passed })).await?;
    Ok(passed)
}

/// The audit detail of a gas test (`operation.gas_test`): whether it passed.
#[derive(serde::Deserialize)]
struct GasTestDetail {
    passed: bool,
}

fn passed_of(prior: &Prior) -> Result<bool, AppError> {
    prior.detail_as::<GasTestDetail>().map(|d| d.passed)
}

/// The attendant checks in at the space (scan). Needs valid training.
pub async fn attendant_check_in(pool: &PgPool, cmd: Cmd<'_>) -> Result<(), AppError> {
    let spec = cmd.spec(OperationAction::AttendantIn, ANYONE);
    let mut tx = fresh_or!(AuditedTx::begin(pool, cmd.actor, spec).await?, |_p| Ok(()));
    let op = lock(&mut tx, &cmd).await?;
    if op.attendant_id != cmd.actor.id {
        return refuse(OpRefusal::NotAttendant);
    }
    if op.attendant_present() {
        return tx.unchanged().await;
    }
    require_open(&op, OffsetDateTime::now_utc())?;
    require_training(tx.conn(), &cmd).await?;
    db::set_attendant_in(tx.conn(), cmd.id).await?;
    tx.commit(json!({})).await
}

/// An entrant goes in. Refused, with the exact reason, unless every rule holds.
pub async fn enter(
    pool: &PgPool,
    cmd: Cmd<'_>,
    input: &EntryInput,
    policy: &GasPolicy,
) -> Result<(), AppError> {
    // Never from the outbox: the permit, the attendant and the gas test must hold on the
    // server at the moment of entry (the service worker does not queue it; this is defence).
    if crate::offline::act().offline {
        return Err(AppError::refused(OfflineRefusal::EntryNeedsConnection));
    }
    let spec = cmd.spec(OperationAction::Enter, ANYONE);
    let mut tx = fresh_or!(AuditedTx::begin(pool, cmd.actor, spec).await?, |_p| Ok(()));
    let op = lock(&mut tx, &cmd).await?;
    let now = OffsetDateTime::now_utc();
    require_open(&op, now)?;
    if op.evacuation_at.is_some() {
        return refuse(OpRefusal::Evacuating);
    }
    let Some(briefed_at) = db::entrant_briefing(tx.conn(), cmd.id, cmd.actor.id).await? else {
        return refuse(OpRefusal::NotListed);
    };
    require_training(tx.conn(), &cmd).await?;
    if !op.attendant_present() {
        return refuse(OpRefusal::NoAttendant);
    }
    match db::latest_test(tx.conn(), cmd.id).await? {
        None => return refuse(OpRefusal::NoGasTest),
        Some((_, false)) => return refuse(OpRefusal::GasTestFailed),
        Some((at, true)) => {
            let interrupted = op.interrupted_at.is_some_and(|i| i >= at);
            if interrupted || !gas::test_is_fresh(at, now, policy) {
                return refuse(OpRefusal::GasTestStale);
            }
        }
    }
    if briefed_at.is_none() {
        if !input.briefed {
            return refuse(OpRefusal::NotBriefed);
        }
        db::mark_briefed(tx.conn(), cmd.id, cmd.actor.id).await?;
    }
    match db::inside_now(tx.conn(), cmd.actor.id).await? {
        Some(op_id) if op_id == cmd.id => return refuse(OpRefusal::AlreadyInside),
        Some(_) => return refuse(OpRefusal::InsideElsewhere),
        None => {}
    }
    // The unique indexes decide between two phones entering at the same instant.
    let enterprise_id = tx.enterprise_id;
    db::insert_entry(
        tx.conn(),
        enterprise_id,
        cmd.id,
        cmd.actor.id,
        &input.tools,
        cmd.client_id,
    )
    .await
    .on_constraints(|name| match name {
        "entries_one_open" => Some(AppError::refused(OpRefusal::AlreadyInside)),
        "entries_one_space_per_person" => Some(AppError::refused(OpRefusal::InsideElsewhere)),
        _ => None,
    })?;
    tx.commit(json!({ "tools": input.tools })).await
}

/// Someone comes out: themselves, or recorded by the attendant (no phone inside).
pub async fn exit(pool: &PgPool, cmd: Cmd<'_>, input: &ExitInput) -> Result<(), AppError> {
    let spec = cmd.spec(OperationAction::Exit, ANYONE);
    let mut tx = fresh_or!(AuditedTx::begin(pool, cmd.actor, spec).await?, |_p| Ok(()));
    let op = lock(&mut tx, &cmd).await?;
    if input.person_id != cmd.actor.id && op.attendant_id != cmd.actor.id {
        return refuse(OpRefusal::NotAttendant);
    }
    let (person, tools) = (input.person_id, input.tools.as_str());
    if !db::record_exit(
        tx.conn(),
        cmd.id,
        person,
        tools,
        cmd.actor.id,
        cmd.client_id,
        // Always taken; at the act's time when its times are sound (`delivery::outbox`).
        crate::offline::act().at,
    )
    .await?
    {
        return refuse(OpRefusal::NotInside);
    }
    if db::headcount(tx.conn(), cmd.id).await? == 0 {
        db::set_interrupted(tx.conn(), cmd.id).await?;
    }
    tx.commit(json!({ "person": person, "tools": tools })).await
}

/// The attendant (or an officer) orders everyone out; the scan page shows it to all.
pub async fn evacuate(pool: &PgPool, cmd: Cmd<'_>) -> Result<(), AppError> {
    let spec = cmd.spec(OperationAction::Evacuate, ANYONE);
    let mut tx = fresh_or!(AuditedTx::begin(pool, cmd.actor, spec).await?, |_p| Ok(()));
    let op = lock(&mut tx, &cmd).await?;
    if op.attendant_id != cmd.actor.id && !OFFICERS.contains(&cmd.actor.role) {
        return refuse(OpRefusal::NotAttendant);
    }
    if op.evacuation_at.is_some() {
        return tx.unchanged().await;
    }
    db::set_evacuation(tx.conn(), cmd.id).await?;
    tx.commit(json!({})).await
}

/// The attendant leaves the space: never while anyone is inside.
pub async fn attendant_check_out(pool: &PgPool, cmd: Cmd<'_>) -> Result<(), AppError> {
    let spec = cmd.spec(OperationAction::AttendantOut, ANYONE);
    let mut tx = fresh_or!(AuditedTx::begin(pool, cmd.actor, spec).await?, |_p| Ok(()));
    let op = lock(&mut tx, &cmd).await?;
    if op.attendant_id != cmd.actor.id {
        return refuse(OpRefusal::NotAttendant);
    }
    if db::headcount(tx.conn(), cmd.id).await? > 0 {
        return refuse(OpRefusal::PeopleInside);
    }
    if !op.attendant_present() {
        return tx.unchanged().await;
    }
    db::set_attendant_out(tx.conn(), cmd.id).await?;
    tx.commit(json!({})).await
}

/// Closes the operation: headcount zero and the attendant's confirmation.
pub async fn close(pool: &PgPool, cmd: Cmd<'_>) -> Result<(), AppError> {
    let spec = cmd.spec(OperationAction::Close, ANYONE);
    let mut tx = fresh_or!(AuditedTx::begin(pool, cmd.actor, spec).await?, |_p| Ok(()));
    let op = lock(&mut tx, &cmd).await?;
    if op.status == OperationStatus::Closed {
        return tx.unchanged().await;
    }
    if op.attendant_id != cmd.actor.id {
        return refuse(OpRefusal::NotAttendant);
    }
    if db::headcount(tx.conn(), cmd.id).await? > 0 {
        return refuse(OpRefusal::PeopleInside);
    }
    db::set_closed(tx.conn(), cmd.id, cmd.actor.id).await?;
    tx.commit(json!({})).await
}
