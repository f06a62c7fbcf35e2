//! Checking a login attempt: find the account, enforce the lockout, verify the password.

use super::{lockout::LoginPolicy, password};
use crate::error::{AppError, Field, Problem};
use sqlx::PgPool;
use std::sync::OnceLock;
use time::OffsetDateTime;
use uuid::Uuid;

/// What the login form sends. `enterprise_code` is set when `account` is an employee number.
#[derive(Debug, Clone, Default)]
pub struct LoginInput {
    pub account: String,
    pub password: String,
    pub enterprise_code: Option<String>,
}

impl LoginInput {
    pub fn validate(&self) -> Result<(), AppError> {
        if self.account.trim().is_empty() {
            return Err(AppError::invalid(Field::Account, Problem::Required));
        }
        if self.password.is_empty() {
            return Err(AppError::invalid(Field::Password, Problem::Required));
        }
        if self.account.len() > 64 || self.password.len() > 512 {
            return Err(AppError::BadCredentials);
        }
        Ok(())
    }
}

#[derive(sqlx::FromRow)]
struct Candidate {
    id: Uuid,
    password_hash: String,
    active: bool,
    locked_until: Option<OffsetDateTime>,
}

/// A hash to verify against when the account does not exist, so that "no such account"
/// and "wrong password" take the same time and give the same answer.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password_auth::generate_hash("anxun-no-such-account"))
}

/// Returns the user id on success. Every failure is `BadCredentials` (whatever the reason)
/// or `Locked`, so the answer does not reveal which accounts exist.
pub async fn authenticate(
    pool: &PgPool,
    policy: &LoginPolicy,
    input: &LoginInput,
) -> Result<Uuid, AppError> {
    input.validate()?;
    let account = input.account.trim();
    let candidate: Option<Candidate> = match input
        .enterprise_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(code) => {
            sqlx::query_as(
                "select u.id, u.password_hash, u.active, u.locked_until
                 from users u join enterprises e on e.id = u.enterprise_id
                 where upper(e.code) = upper($1) and u.employee_no = $2",
            )
            .bind(code)
            .bind(account)
            .fetch_optional(pool)
            .await?
        }
        None => {
            sqlx::query_as(
                "select id, password_hash, active, locked_until from users where mobile = $1",
            )
            .bind(account)
            .fetch_optional(pool)
            .await?
        }
    };

    let Some(user) = candidate else {
        let _ = password::verify(input.password.clone(), dummy_hash().to_owned()).await?;
        return Err(AppError::BadCredentials);
    };

    let now = OffsetDateTime::now_utc();
    if let Some(until) = user.locked_until.filter(|until| *until > now) {
        return Err(AppError::Locked {
            minutes: minutes_until(now, until),
        });
    }

    let ok = password::verify(input.password.clone(), user.password_hash).await?;
    if ok && user.active {
        sqlx::query("update users set failed_logins = 0, locked_until = null where id = $1")
            .bind(user.id)
            .execute(pool)
            .await?;
        return Ok(user.id);
    }
    if ok {
        // Right password on a deactivated account: same answer as a wrong one.
        return Err(AppError::BadCredentials);
    }

    // Count the failure atomically; a lock that has run out starts a fresh count.
    let (failures, locked_until): (i32, Option<OffsetDateTime>) = sqlx::query_as(
        "update users set
            failed_logins = case when locked_until is not null and locked_until <= now()
                                 then 1 else failed_logins + 1 end,
            locked_until = case
                when (case when locked_until is not null and locked_until <= now()
                           then 1 else failed_logins + 1 end) >= $2
                then now() + make_interval(secs => $3)
                else null end
         where id = $1
         returning failed_logins, locked_until",
    )
    .bind(user.id)
    .bind(policy.lock_after)
    .bind(policy.lock_for.as_secs_f64())
    .fetch_one(pool)
    .await?;

    tokio::time::sleep(policy.delay_for(failures)).await;
    match locked_until {
        Some(until) => Err(AppError::Locked {
            minutes: minutes_until(now, until),
        }),
        None => Err(AppError::BadCredentials),
    }
}

fn minutes_until(now: OffsetDateTime, until: OffsetDateTime) -> u32 {
    let secs = (until - now).whole_seconds().max(0);
    ((secs + 59) / 60).max(1) as u32
}
