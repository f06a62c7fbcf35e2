//! SQL of the confined-space ledger. Every query is scoped by enterprise.

use super::{Hazard, Space, SpaceInput, SpaceType, SpaceVersion};
use crate::spaces::SpaceField;
use crate::{
    error::{AppError, Problem, ResultExt},
    rules::gas::Gas,
};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub(crate) struct Row {
    id: Uuid,
    code: String,
    name: String,
    location: String,
    space_type: SpaceType,
    hazards: Vec<Hazard>,
    required_gases: Vec<Gas>,
    protective_equipment: String,
    rescue_equipment: String,
    responsible_person: String,
    usually_contracted: bool,
    toxic_asphyxiation_risk: bool,
    active: bool,
    version: i32,
}

impl Row {
    pub(crate) fn into_space(self) -> Space {
        Space {
            id: self.id,
            code: self.code,
            name: self.name,
            location: self.location,
            space_type: self.space_type,
            hazards: self.hazards,
            required_gases: self.required_gases,
            protective_equipment: self.protective_equipment,
            rescue_equipment: self.rescue_equipment,
            responsible_person: self.responsible_person,
            usually_contracted: self.usually_contracted,
            toxic_asphyxiation_risk: self.toxic_asphyxiation_risk,
            active: self.active,
            version: self.version,
        }
    }
}

pub(crate) const COLUMNS: &str = "id, code, name, location, space_type, hazards, required_gases,
    protective_equipment, rescue_equipment, responsible_person, usually_contracted,
    toxic_asphyxiation_risk, active, version";

fn code_taken() -> AppError {
    AppError::invalid(SpaceField::SpaceCode, Problem::Taken)
}

/// Locks a space of the enterprise for the rest of the transaction (e.g. two officers
/// regenerating its QR token at once are applied one after the other).
pub async fn lock(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    id: Uuid,
) -> Result<Option<Uuid>, AppError> {
    Ok(sqlx::query_scalar(
        "select id from confined_spaces where id = $1 and enterprise_id = $2 for update",
    )
    .bind(id)
    .bind(enterprise_id)
    .fetch_optional(conn)
    .await?)
}

/// Searches by code, name or location; `space_type` narrows; inactive rows come last.
pub async fn list(
    pool: &PgPool,
    enterprise_id: Uuid,
    search: &str,
    space_type: Option<SpaceType>,
) -> Result<Vec<Space>, AppError> {
    let pattern = format!("%{}%", search.trim().replace(['%', '_'], ""));
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "select {COLUMNS} from confined_spaces
         where enterprise_id = $1
           and (code ilike $2 or name ilike $2 or location ilike $2)
           and ($3::text is null or space_type = $3)
         order by active desc, code"
    ))
    .bind(enterprise_id)
    .bind(pattern)
    .bind(space_type)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Row::into_space).collect())
}

pub async fn get(pool: &PgPool, enterprise_id: Uuid, id: Uuid) -> Result<Space, AppError> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "select {COLUMNS} from confined_spaces where id = $1 and enterprise_id = $2"
    ))
    .bind(id)
    .bind(enterprise_id)
    .fetch_optional(pool)
    .await?;
    row.map(Row::into_space).ok_or(AppError::NotFound)
}

/// Inserts a space. A retried submission never gets here (the audited step answers it); a
/// `client_id` the enterprise already used fails on `confined_spaces_enterprise_client_id_key`,
/// which the error conversion turns into `ClientIdReused`. Another enterprise may use the same.
pub async fn insert(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    created_by: Uuid,
    client_id: Uuid,
    input: &SpaceInput,
) -> Result<Space, AppError> {
    let row: Row = sqlx::query_as(&format!(
        "insert into confined_spaces (id, enterprise_id, code, name, location, space_type,
            hazards, required_gases, protective_equipment, rescue_equipment, responsible_person,
            usually_contracted, toxic_asphyxiation_risk, client_id, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         returning {COLUMNS}"
    ))
    .bind(Uuid::now_v7())
    .bind(enterprise_id)
    .bind(&input.code)
    .bind(&input.name)
    .bind(&input.location)
    .bind(input.space_type)
    .bind(&input.hazards)
    .bind(&input.required_gases)
    .bind(&input.protective_equipment)
    .bind(&input.rescue_equipment)
    .bind(&input.responsible_person)
    .bind(input.usually_contracted)
    .bind(input.toxic_asphyxiation_risk)
    .bind(client_id)
    .bind(created_by)
    .fetch_one(&mut *conn)
    .await
    .on_constraint("confined_spaces_code_key", code_taken)?;
    Ok(row.into_space())
}

/// Saves an edit when the row is still at `expected_version` (two officers editing at once
/// must not overwrite each other). Returns the new state, or None when the row moved on.
pub async fn update(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    id: Uuid,
    expected_version: i32,
    input: &SpaceInput,
) -> Result<Option<Space>, AppError> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "update confined_spaces set code = $4, name = $5, location = $6, space_type = $7,
            hazards = $8, required_gases = $9, protective_equipment = $10,
            rescue_equipment = $11, responsible_person = $12, usually_contracted = $13,
            toxic_asphyxiation_risk = $14, version = version + 1, updated_at = now()
         where id = $1 and enterprise_id = $2 and version = $3
         returning {COLUMNS}"
    ))
    .bind(id)
    .bind(enterprise_id)
    .bind(expected_version)
    .bind(&input.code)
    .bind(&input.name)
    .bind(&input.location)
    .bind(input.space_type)
    .bind(&input.hazards)
    .bind(&input.required_gases)
    .bind(&input.protective_equipment)
    .bind(&input.rescue_equipment)
    .bind(&input.responsible_person)
    .bind(input.usually_contracted)
    .bind(input.toxic_asphyxiation_risk)
    .fetch_optional(&mut *conn)
    .await
    .on_constraint("confined_spaces_code_key", code_taken)?;
    Ok(row.map(Row::into_space))
}

pub async fn set_active(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    id: Uuid,
    active: bool,
) -> Result<Option<Space>, AppError> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "update confined_spaces set active = $3, version = version + 1, updated_at = now()
         where id = $1 and enterprise_id = $2 returning {COLUMNS}"
    ))
    .bind(id)
    .bind(enterprise_id)
    .bind(active)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(Row::into_space))
}

/// Appends the saved state to the history.
pub async fn record_version(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    space: &Space,
    edited_by: Uuid,
) -> Result<(), AppError> {
    sqlx::query(
        "insert into confined_space_versions (enterprise_id, space_id, version, snapshot,
            edited_by)
         values ($5, $1, $2, $3, $4)",
    )
    .bind(space.id)
    .bind(space.version)
    .bind(sqlx::types::Json(space))
    .bind(edited_by)
    .bind(enterprise_id)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    version: i32,
    edited_by: String,
    edited_at: time::OffsetDateTime,
    snapshot: sqlx::types::Json<Space>,
}

pub async fn history(
    pool: &PgPool,
    enterprise_id: Uuid,
    id: Uuid,
) -> Result<Vec<SpaceVersion>, AppError> {
    let rows: Vec<VersionRow> = sqlx::query_as(
        "select v.version, u.name as edited_by, v.edited_at, v.snapshot
         from confined_space_versions v
         join confined_spaces s on s.id = v.space_id
         join users u on u.id = v.edited_by
         where v.space_id = $1 and s.enterprise_id = $2
         order by v.version desc",
    )
    .bind(id)
    .bind(enterprise_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SpaceVersion {
            version: r.version,
            edited_by: r.edited_by,
            edited_at: crate::time_fmt::local_minutes(r.edited_at),
            name: r.snapshot.0.name.clone(),
            code: r.snapshot.0.code.clone(),
            active: r.snapshot.0.active,
        })
        .collect())
}
