//! A person's own account: changing their password (required after an admin set it) and
//! ending their other sessions. Both are audited account events.

use super::{attempts, lockout::LoginPolicy, password, session};
use crate::auth::AuthAction;
use crate::auth::AuthField;
use crate::{
    audit::step::{account_event_seen, AccountTx},
    auth::{password_rules::validate_new_password, SessionUser},
    error::{AppError, Field, Problem},
    time_fmt::local_minutes,
};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

/// Sets a new password after checking the current one; the other sessions end (whoever
/// knew the old password is signed out), this one stays.
///
/// The current password is guessed as a login is (a phone left signed in): each check takes
/// its place in the same count as the account's logins (`attempts`, the user's key) before the
/// password is looked at, so wrong answers here and at login lock the account together, and a
/// locked account's right password is refused here as it is at login.
pub async fn change_password(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    token: &str,
    current: &str,
    new: &str,
) -> Result<(), AppError> {
    if account_event_seen(pool, actor.id, client_id).await? {
        return Ok(()); // a retry of a change that went through
    }
    validate_new_password(new)?;
    if current.is_empty() {
        return Err(AppError::invalid(Field::Password, Problem::Required));
    }
    if new == current {
        return Err(AppError::invalid(AuthField::NewPassword, Problem::Invalid));
    }
    let policy = LoginPolicy::DEFAULT;
    let key = attempts::user_key(actor.id);
    let claim = attempts::claim(pool, &key, &policy).await?;
    let locked = || AppError::Locked {
        minutes: claim.locked_until.map_or(1, super::login::minutes_left),
    };
    if claim.refused(&policy) {
        return Err(locked());
    }
    // No password of ours is this long (login refuses it too): not worth hashing.
    let ok = current.len() <= super::login::PASSWORD_MAX && {
        let hash: String = sqlx::query_scalar("select password_hash from users where id = $1")
            .bind(actor.id)
            .fetch_one(pool)
            .await?;
        password::verify(current.to_owned(), hash).await?
    };
    if !ok {
        tokio::time::sleep(policy.delay_for(claim.failures)).await;
        return Err(if claim.locked_until.is_some() {
            locked()
        } else {
            AppError::invalid(Field::Password, Problem::Invalid)
        });
    }
    attempts::release(pool, &key, &claim).await?;
    let new_hash = password::hash(new.to_owned()).await?;
    let mut step = AccountTx::begin(pool, actor, client_id).await?;
    sqlx::query(
        "update users set password_hash = $2, must_change_password = false,
            password_set_by = $1, password_set_at = now(), updated_at = now()
         where id = $1",
    )
    .bind(actor.id)
    .bind(new_hash)
    .execute(step.conn())
    .await?;
    let ended = session::delete_others(step.conn(), actor.id, token).await?;
    let detail = json!({ "sessions_ended": ended });
    step.commit(AuthAction::PasswordChange, detail).await?;
    // Once more after the commit: this session, resolved meanwhile, may still say "must change".
    super::session_cache::SESSIONS.forget_user(actor.id);
    Ok(())
}

/// Ends every other session of the person (a lost phone, a shared one left signed in).
pub async fn end_other_sessions(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    token: &str,
) -> Result<u64, AppError> {
    if account_event_seen(pool, actor.id, client_id).await? {
        return Ok(0);
    }
    let mut step = AccountTx::begin(pool, actor, client_id).await?;
    let ended = session::delete_others(step.conn(), actor.id, token).await?;
    let detail = json!({ "sessions_ended": ended });
    step.commit(AuthAction::SessionsEnd, detail).await?;
    Ok(ended)
}

/// When the password must be changed: who set it and when (China time).
pub async fn password_notice(
    pool: &PgPool,
    actor: &SessionUser,
) -> Result<Option<(String, String)>, AppError> {
    let row: Option<(String, time::OffsetDateTime)> = sqlx::query_as(
        "select coalesce(b.name, ''), u.password_set_at from users u
         left join users b on b.id = u.password_set_by
         where u.id = $1 and u.must_change_password and u.password_set_at is not null",
    )
    .bind(actor.id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(by, at)| (by, local_minutes(at))))
}
