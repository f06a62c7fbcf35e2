//! SQL of confined-space operations. Every query is scoped by enterprise, directly or through
//! an operation already loaded for the actor's enterprise (`lock`). The reads of pages are in
//! `reads`, the enterprise settings in `settings`.

pub mod reads;
pub mod settings;

use super::{model::PermitInput, JudgedPoint, OperationStatus};
use crate::rules::gas::Gas;
use sqlx::PgConnection;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// The columns of an operation the step rules need.
#[derive(sqlx::FromRow)]
pub struct OpRow {
    pub space_id: Uuid,
    pub status: OperationStatus,
    pub planned_end: OffsetDateTime,
    /// When the permit was approved (or rejected).
    pub decided_at: Option<OffsetDateTime>,
    pub requested_by: Uuid,
    pub attendant_id: Uuid,
    pub person_in_charge_id: Uuid,
    pub attendant_in_at: Option<OffsetDateTime>,
    pub attendant_out_at: Option<OffsetDateTime>,
    pub evacuation_at: Option<OffsetDateTime>,
    pub interrupted_at: Option<OffsetDateTime>,
}

impl OpRow {
    pub fn attendant_present(&self) -> bool {
        self.attendant_in_at.is_some() && self.attendant_out_at.is_none()
    }
}

/// Loads and locks an operation of the enterprise for the rest of the transaction, so two
/// phones acting at the same instant are applied one after the other.
pub async fn lock(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    id: Uuid,
) -> Result<Option<OpRow>, sqlx::Error> {
    sqlx::query_as(
        "select space_id, status, planned_end, decided_at, requested_by, attendant_id,
                person_in_charge_id, attendant_in_at, attendant_out_at, evacuation_at, interrupted_at
         from operations where id = $1 and enterprise_id = $2 for update",
    )
    .bind(id)
    .bind(enterprise_id)
    .fetch_optional(conn)
    .await
}

// ---- the permit ----

/// Whether the space exists in the enterprise and is in use (`None`: unknown here).
pub async fn space_active(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    space_id: Uuid,
) -> Result<Option<bool>, sqlx::Error> {
    sqlx::query_scalar("select active from confined_spaces where id = $1 and enterprise_id = $2")
        .bind(space_id)
        .bind(enterprise_id)
        .fetch_optional(conn)
        .await
}

/// Inserts a requested operation and its entrants. Fails on `operations_one_open` when the
/// space already has an open operation.
pub async fn insert_permit(
    conn: &mut PgConnection,
    id: Uuid,
    enterprise_id: Uuid,
    requested_by: Uuid,
    client_id: Uuid,
    input: &PermitInput,
) -> Result<(), sqlx::Error> {
    let checklist: Vec<&str> = input.checklist.iter().map(|c| c.as_str()).collect();
    sqlx::query(
        "insert into operations (id, enterprise_id, space_id, status, work_content,
            planned_start, planned_end, requested_by, attendant_id, person_in_charge_id,
            contractor, measures, checklist, rescue_equipment, client_id)
         values ($1, $2, $3, 'requested', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(id)
    .bind(enterprise_id)
    .bind(input.space_id)
    .bind(&input.work_content)
    .bind(input.planned_start)
    .bind(input.planned_end)
    .bind(requested_by)
    .bind(input.attendant_id)
    .bind(input.person_in_charge_id)
    .bind(&input.contractor)
    .bind(&input.measures)
    .bind(sqlx::types::Json(checklist))
    .bind(&input.rescue_equipment)
    .bind(client_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "insert into operation_entrants (operation_id, enterprise_id, user_id)
         select $1, $2, unnest($3::uuid[])",
    )
    .bind(id)
    .bind(enterprise_id)
    .bind(&input.entrants)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether the space has a toxic/asphyxiation risk (中毒和窒息风险).
pub async fn space_is_toxic(conn: &mut PgConnection, space_id: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("select toxic_asphyxiation_risk from confined_spaces where id = $1")
        .bind(space_id)
        .fetch_one(conn)
        .await
}

/// Whether `user_id` is the enterprise's principal or holds a written delegation valid now.
pub async fn is_principal_or_delegate(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    user_id: Uuid,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "select exists (select 1 from enterprises where id = $1 and principal_id = $2)
             or exists (select 1 from approval_delegations
                        where enterprise_id = $1 and delegate_id = $2 and revoked_at is null
                          and valid_from <= now() and valid_until > now())",
    )
    .bind(enterprise_id)
    .bind(user_id)
    .fetch_one(conn)
    .await
}

pub async fn set_decision(
    conn: &mut PgConnection,
    id: Uuid,
    status: OperationStatus,
    by: Uuid,
    reason: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update operations set status = $2, decided_by = $3, decided_at = now(),
            reject_reason = nullif($4, '') where id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(by)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(())
}

// ---- ventilation and gas tests ----

pub async fn insert_ventilation(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    operation_id: Uuid,
    by: Uuid,
    client_id: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into ventilations (id, enterprise_id, operation_id, started_at, recorded_by,
            client_id)
         values ($1, $2, $3, now(), $4, $5)",
    )
    .bind(Uuid::now_v7())
    .bind(enterprise_id)
    .bind(operation_id)
    .bind(by)
    .bind(client_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn ventilated(conn: &mut PgConnection, operation_id: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("select exists (select 1 from ventilations where operation_id = $1)")
        .bind(operation_id)
        .fetch_one(conn)
        .await
}

/// The gases every test at this space must measure.
pub async fn required_gases(
    conn: &mut PgConnection,
    space_id: Uuid,
) -> Result<Vec<Gas>, sqlx::Error> {
    sqlx::query_scalar("select required_gases from confined_spaces where id = $1")
        .bind(space_id)
        .fetch_one(conn)
        .await
}

pub struct NewGasTest<'a> {
    pub enterprise_id: Uuid,
    pub operation_id: Uuid,
    pub tester_id: Uuid,
    pub detector_id: &'a str,
    pub calibration_due: Date,
    pub passed: bool,
    pub readings: &'a [JudgedPoint],
    pub client_id: Uuid,
    /// When the reading was taken: the act's time (`offline::act`).
    pub tested_at: OffsetDateTime,
}

pub async fn insert_gas_test(
    conn: &mut PgConnection,
    t: NewGasTest<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into gas_tests (id, operation_id, tested_at, tester_id, detector_id,
            detector_calibration_due, passed, readings, client_id, enterprise_id)
         values ($1, $2, $9, $3, $4, $5, $6, $7, $8, $10)",
    )
    .bind(Uuid::now_v7())
    .bind(t.operation_id)
    .bind(t.tester_id)
    .bind(t.detector_id)
    .bind(t.calibration_due)
    .bind(t.passed)
    .bind(sqlx::types::Json(t.readings))
    .bind(t.client_id)
    .bind(t.tested_at)
    .bind(t.enterprise_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The latest test's time and result.
pub async fn latest_test(
    conn: &mut PgConnection,
    operation_id: Uuid,
) -> Result<Option<(OffsetDateTime, bool)>, sqlx::Error> {
    sqlx::query_as(
        "select tested_at, passed from gas_tests where operation_id = $1
         order by tested_at desc limit 1",
    )
    .bind(operation_id)
    .fetch_optional(conn)
    .await
}

// ---- attendant, entries, evacuation, close ----

pub async fn set_attendant_in(conn: &mut PgConnection, id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update operations set attendant_in_at = now(), attendant_out_at = null where id = $1",
    )
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_attendant_out(conn: &mut PgConnection, id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query("update operations set attendant_out_at = now() where id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_evacuation(conn: &mut PgConnection, id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query("update operations set evacuation_at = now() where id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Everyone is out: an interruption. Re-entry needs a new passing test (13号令).
pub async fn set_interrupted(conn: &mut PgConnection, id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query("update operations set interrupted_at = now() where id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_closed(conn: &mut PgConnection, id: Uuid, by: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update operations set status = 'closed', closed_at = now(), closed_by = $2,
            attendant_out_at = coalesce(attendant_out_at, now()) where id = $1",
    )
    .bind(id)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(())
}

/// `None`: not an entrant of the permit; `Some(None)`: listed, not yet briefed.
pub async fn entrant_briefing(
    conn: &mut PgConnection,
    operation_id: Uuid,
    user_id: Uuid,
) -> Result<Option<Option<OffsetDateTime>>, sqlx::Error> {
    sqlx::query_scalar(
        "select briefed_at from operation_entrants where operation_id = $1 and user_id = $2",
    )
    .bind(operation_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await
}

pub async fn mark_briefed(
    conn: &mut PgConnection,
    operation_id: Uuid,
    user_id: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update operation_entrants set briefed_at = now() where operation_id = $1 and user_id = $2",
    )
    .bind(operation_id)
    .bind(user_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// A new attendant, who has yet to check in at the space.
pub async fn set_attendant(
    conn: &mut PgConnection,
    id: Uuid,
    attendant: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update operations set attendant_id = $2, attendant_in_at = null, attendant_out_at = null
         where id = $1",
    )
    .bind(id)
    .bind(attendant)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records the exit of everyone still inside, by `by`; returns who they were.
pub async fn exit_everyone(
    conn: &mut PgConnection,
    operation_id: Uuid,
    by: Uuid,
) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar(
        "update entries set exited_at = now(), tools_out = '', exit_recorded_by = $2
         where operation_id = $1 and exited_at is null
         returning user_id",
    )
    .bind(operation_id)
    .bind(by)
    .fetch_all(conn)
    .await
}

/// The operation whose space `user_id` is inside now, if any.
pub async fn inside_now(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar("select operation_id from entries where user_id = $1 and exited_at is null")
        .bind(user_id)
        .fetch_optional(conn)
        .await
}

/// Logs an entry. Fails on `entries_one_open` when the person is inside already, and on
/// `entries_one_space_per_person` when they are inside another space.
pub async fn insert_entry(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    operation_id: Uuid,
    user_id: Uuid,
    tools: &str,
    client_id: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into entries (id, enterprise_id, operation_id, user_id, entered_at, tools_in,
            client_id)
         values ($1, $2, $3, $4, now(), $5, $6)",
    )
    .bind(Uuid::now_v7())
    .bind(enterprise_id)
    .bind(operation_id)
    .bind(user_id)
    .bind(tools)
    .bind(client_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Logs the exit of `person`; false when they were not inside.
pub async fn record_exit(
    conn: &mut PgConnection,
    operation_id: Uuid,
    person: Uuid,
    tools: &str,
    by: Uuid,
    client_id: Uuid,
    at: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    // An exit made offline is recorded at its act time, never before its entry (a phone
    // clock corrected within the allowed skew could put it a little earlier).
    let done = sqlx::query(
        "update entries set exited_at = greatest($6, entered_at), tools_out = $3,
            exit_recorded_by = $4, exit_client_id = $5
         where operation_id = $1 and user_id = $2 and exited_at is null",
    )
    .bind(operation_id)
    .bind(person)
    .bind(tools)
    .bind(by)
    .bind(client_id)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn headcount(conn: &mut PgConnection, operation_id: Uuid) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from entries where operation_id = $1 and exited_at is null")
        .bind(operation_id)
        .fetch_one(conn)
        .await
}

/// The entrants named on an operation's permit.
pub async fn entrants(
    conn: &mut PgConnection,
    operation_id: Uuid,
) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar(
        "select user_id from operation_entrants where operation_id = $1 order by user_id",
    )
    .bind(operation_id)
    .fetch_all(conn)
    .await
}
