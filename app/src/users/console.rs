//! What the server's console does (`anxun admin …`, server/src/cli.rs): open the platform
//! operator's account, and give a locked-out operator a new password. Whoever runs the
//! binary with the database's credentials is trusted; each act is an audit row of the
//! operator's account (auth's actions), and the password it prints must be changed at the
//! first login.

use super::accounts::{self, Opening};
use crate::{
    actor::{Role, SessionUser},
    audit::step::AccountTx,
    auth::{server::password, AuthAction},
    error::{AppError, Field, Problem},
};
use sqlx::PgPool;
use uuid::Uuid;

/// Opens an operator's account; returns its one-time password.
pub async fn create_operator(pool: &PgPool, mobile: &str, name: &str) -> Result<String, AppError> {
    let (name, mobile) = accounts::check(name, mobile, Field::User, super::UserField::Mobile)?;
    let secret = password::one_time_password()?;
    let hash = password::hash(secret.clone()).await?;
    let operator = operator(Uuid::now_v7(), name.clone());
    let mut tx = AccountTx::begin(pool, &operator, Uuid::now_v7()).await?;
    let opening = Opening {
        role: Role::Operator,
        enterprise_id: None,
        jurisdiction_id: None,
        name,
        mobile: mobile.clone(),
    };
    accounts::open(
        tx.conn(),
        operator.id,
        &opening,
        None,
        &hash,
        super::UserField::Mobile,
    )
    .await?;
    let detail = serde_json::json!({ "mobile": mobile, "via": "console" });
    tx.commit(AuthAction::OperatorCreated, detail).await?;
    Ok(secret)
}

/// Gives the operator of `mobile` a new one-time password, clears their lock and ends their
/// sessions. Only an operator: everyone else has someone above them to do it on a page.
pub async fn reset_operator_password(pool: &PgPool, mobile: &str) -> Result<String, AppError> {
    let mobile = super::normalize_mobile(mobile)
        .map_err(|p| AppError::invalid(super::UserField::Mobile, p))?
        .ok_or(AppError::invalid(
            super::UserField::Mobile,
            Problem::Required,
        ))?;
    let found: Option<(Uuid, String)> =
        sqlx::query_as("select id, name from users where mobile = $1 and role = 'operator'")
            .bind(&mobile)
            .fetch_optional(pool)
            .await?;
    let (id, name) = found.ok_or(AppError::NotFound)?;
    let secret = password::one_time_password()?;
    let hash = password::hash(secret.clone()).await?;
    let operator = operator(id, name);
    let mut tx = AccountTx::begin(pool, &operator, Uuid::now_v7()).await?;
    sqlx::query(
        "update users set password_hash = $2, must_change_password = true, active = true,
                          password_set_by = null, password_set_at = now(), updated_at = now()
         where id = $1",
    )
    .bind(id)
    .bind(&hash)
    .execute(tx.conn())
    .await?;
    sqlx::query("delete from sessions where user_id = $1")
        .bind(id)
        .execute(tx.conn())
        .await?;
    let key = crate::auth::server::attempts::user_key(id);
    crate::auth::server::attempts::forget(tx.conn(), &key).await?;
    let detail = serde_json::json!({ "via": "console" });
    tx.commit(AuthAction::ConsolePasswordReset, detail).await?;
    Ok(secret)
}

/// The operator as the actor of their own account's audit row (nobody is signed in on the
/// console).
fn operator(id: Uuid, name: String) -> SessionUser {
    SessionUser {
        id,
        name,
        role: Role::Operator,
        enterprise_id: None,
        jurisdiction_id: None,
        org_name: String::new(),
    }
}
