//! SQL of the users feature. Every query is scoped by enterprise.

use super::{NewUser, UserRow};
use crate::users::UserField;
use crate::{
    auth::Role,
    error::{AnyField, AppError, Problem},
};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    name: String,
    mobile: Option<String>,
    employee_no: Option<String>,
    department: Option<String>,
    role: Role,
    active: bool,
}

impl Row {
    fn into_user(self) -> Result<UserRow, AppError> {
        Ok(UserRow {
            id: self.id,
            name: self.name,
            mobile: self.mobile,
            employee_no: self.employee_no,
            department: self.department,
            role: self.role,
            active: self.active,
        })
    }
}

const COLUMNS: &str = "id, name, mobile, employee_no, department, role, active";

pub async fn list(pool: &PgPool, enterprise_id: Uuid) -> Result<Vec<UserRow>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "select {COLUMNS} from users where enterprise_id = $1
         order by active desc, name, id"
    ))
    .bind(enterprise_id)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(Row::into_user).collect()
}

/// Whether every one of `ids` is an active person of the enterprise.
pub async fn all_active_people(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    ids: &[Uuid],
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "select count(*) from users where id = any($1) and enterprise_id = $2 and active",
    )
    .bind(ids)
    .bind(enterprise_id)
    .fetch_one(conn)
    .await?;
    Ok(n as usize == ids.len())
}

/// One person of the enterprise.
pub async fn get(pool: &PgPool, enterprise_id: Uuid, id: Uuid) -> Result<UserRow, AppError> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "select {COLUMNS} from users where id = $1 and enterprise_id = $2"
    ))
    .bind(id)
    .bind(enterprise_id)
    .fetch_optional(pool)
    .await?;
    row.ok_or(AppError::NotFound)?.into_user()
}

/// Maps the unique indexes on mobile and employee number to the field a person can fix.
pub fn taken_field(err: &sqlx::Error) -> Option<AnyField> {
    match err.as_database_error()?.constraint()? {
        "users_mobile_key" => Some(UserField::Mobile.into()),
        "users_employee_no_key" => Some(UserField::EmployeeNo.into()),
        _ => None,
    }
}

/// Inserts a person. A retried submission never gets here (the audited step answers it); a
/// `client_id` the enterprise already used fails on `users_enterprise_client_id_key`, which the
/// error conversion turns into `ClientIdReused`. Another enterprise may use the same id.
pub async fn insert(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    created_by: Uuid,
    client_id: Option<Uuid>,
    user: &NewUser,
    password_hash: &str,
) -> Result<UserRow, AppError> {
    let inserted: Result<Row, sqlx::Error> = sqlx::query_as(&format!(
        "insert into users (id, enterprise_id, role, name, mobile, employee_no, password_hash,
                            client_id, created_by, must_change_password, password_set_by,
                            password_set_at, department, hired_on)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, true, $9, now(), $10, $11)
         returning {COLUMNS}"
    ))
    .bind(Uuid::now_v7())
    .bind(enterprise_id)
    .bind(user.role)
    .bind(&user.name)
    .bind(&user.mobile)
    .bind(&user.employee_no)
    .bind(password_hash)
    .bind(client_id)
    .bind(created_by)
    .bind(&user.department)
    .bind(user.hired_on)
    .fetch_one(&mut *conn)
    .await;
    match inserted {
        Ok(row) => row.into_user(),
        Err(err) => match taken_field(&err) {
            Some(field) => Err(AppError::invalid(field, Problem::Taken)),
            None => Err(err.into()),
        },
    }
}

/// Sets `active`; returns false when no such person exists in this enterprise.
pub async fn set_active(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    user_id: Uuid,
    active: bool,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "update users set active = $3, updated_at = now()
         where id = $1 and enterprise_id = $2",
    )
    .bind(user_id)
    .bind(enterprise_id)
    .bind(active)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sets a password chosen by an admin (`set_by`), to be changed at the next login, and clears
/// any lockout; false when not in this enterprise.
pub async fn set_password(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    user_id: Uuid,
    password_hash: &str,
    set_by: Uuid,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "update users set password_hash = $3, updated_at = now(), must_change_password = true,
                          password_set_by = $4, password_set_at = now()
         where id = $1 and enterprise_id = $2",
    )
    .bind(user_id)
    .bind(enterprise_id)
    .bind(password_hash)
    .bind(set_by)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    let key = crate::auth::server::attempts::user_key(user_id);
    crate::auth::server::attempts::forget(conn, &key).await?;
    Ok(true)
}

/// Mobile numbers and employee numbers among `people` that already belong to someone.
pub async fn taken_identifiers(
    pool: &PgPool,
    enterprise_id: Uuid,
    mobiles: &[String],
    employee_nos: &[String],
) -> Result<(Vec<String>, Vec<String>), AppError> {
    let mobiles_taken: Vec<String> =
        sqlx::query_scalar("select mobile from users where mobile = any($1)")
            .bind(mobiles)
            .fetch_all(pool)
            .await?;
    let employee_nos_taken: Vec<String> = sqlx::query_scalar(
        "select employee_no from users where enterprise_id = $1 and employee_no = any($2)",
    )
    .bind(enterprise_id)
    .bind(employee_nos)
    .fetch_all(pool)
    .await?;
    Ok((mobiles_taken, employee_nos_taken))
}

/// Claims the client id of an import; false when another request already holds it.
pub async fn claim_import(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    imported_by: Uuid,
    client_id: Uuid,
    row_count: i32,
) -> Result<bool, AppError> {
    let claimed = sqlx::query(
        "insert into user_imports (client_id, enterprise_id, imported_by, row_count)
         values ($1, $2, $3, $4) on conflict (enterprise_id, client_id) do nothing",
    )
    .bind(client_id)
    .bind(enterprise_id)
    .bind(imported_by)
    .bind(row_count)
    .execute(conn)
    .await?;
    Ok(claimed.rows_affected() == 1)
}
