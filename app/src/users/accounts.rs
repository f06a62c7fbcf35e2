//! Accounts opened from above: the platform operator (on the server's console), a regulator
//! and an enterprise's first admin (by the operator or a regulator). Each starts with a
//! password someone else knows, so it must be changed at the first login.

use crate::{
    actor::Role,
    auth::server::password,
    error::{AppError, Problem},
    users::{normalize_mobile, UserField},
};
use sqlx::PgConnection;
use uuid::Uuid;

/// Who the account is for; checked by `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub role: Role,
    pub enterprise_id: Option<Uuid>,
    pub jurisdiction_id: Option<Uuid>,
    pub name: String,
    pub mobile: String,
}

/// The name (1–40 characters) and mobile number (required: these people sign in with it) as
/// kept, naming `name_field` / `mobile_field` when wrong.
pub fn check(
    name: &str,
    mobile: &str,
    name_field: impl Into<crate::error::AnyField>,
    mobile_field: impl Into<crate::error::AnyField>,
) -> Result<(String, String), AppError> {
    let name = crate::input::line(name, name_field, super::model::MAX_NAME_CHARS, true)?;
    let mobile_field = mobile_field.into();
    let mobile = normalize_mobile(mobile)
        .map_err(|p| AppError::invalid(mobile_field, p))?
        .ok_or(AppError::invalid(mobile_field, Problem::Required))?;
    Ok((name, mobile))
}

/// Hashes a first password (slow: before the step's transaction).
pub async fn first_password_hash(password: &str) -> Result<String, AppError> {
    crate::auth::password_rules::validate_new_password(password)?;
    password::hash(password.to_owned()).await
}

/// Inserts the account with a password to change at the first login; a mobile number in use
/// names `mobile_field`.
pub async fn open(
    conn: &mut PgConnection,
    id: Uuid,
    opening: &Opening,
    created_by: Option<Uuid>,
    password_hash: &str,
    mobile_field: impl Into<crate::error::AnyField>,
) -> Result<(), AppError> {
    let inserted = sqlx::query(
        "insert into users (id, enterprise_id, jurisdiction_id, role, name, mobile,
                            password_hash, created_by, must_change_password, password_set_by,
                            password_set_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, true, $8, now())",
    )
    .bind(id)
    .bind(opening.enterprise_id)
    .bind(opening.jurisdiction_id)
    .bind(opening.role)
    .bind(&opening.name)
    .bind(&opening.mobile)
    .bind(password_hash)
    .bind(created_by)
    .execute(conn)
    .await;
    match inserted {
        Ok(_) => Ok(()),
        Err(err) if super::db::taken_field(&err) == Some(UserField::Mobile.into()) => {
            Err(AppError::invalid(mobile_field, Problem::Taken))
        }
        Err(err) => Err(err.into()),
    }
}
