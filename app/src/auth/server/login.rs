//! Checking a login attempt: find the account, enforce the lockout, verify the password.

use super::{attempts, lockout::LoginPolicy, password};
use crate::auth::AuthAction;
use crate::auth::AuthField;
use crate::{
    audit::{
        step::{record_account_event, AccountEvent},
        AuditAction,
    },
    error::{AppError, Field, Problem},
};
use sqlx::PgPool;
use std::{net::IpAddr, sync::OnceLock};
use time::OffsetDateTime;
use uuid::Uuid;

/// What the login form sends. `enterprise_code` is set when `account` is an employee number.
#[derive(Debug, Clone, Default)]
pub struct LoginInput {
    pub account: String,
    pub password: String,
    pub enterprise_code: Option<String>,
    /// The client's address, for the audit row.
    pub from: Option<IpAddr>,
}

/// The longest account (a mobile or an employee number) and enterprise code a login takes, in
/// characters: checked before anything else (rate limit, database, hashing) looks at them.
pub const ACCOUNT_MAX: u16 = 64;
/// The longest password a login or a password change checks, in bytes (none of ours is longer).
pub const PASSWORD_MAX: usize = 512;

impl LoginInput {
    /// Checks the lengths before anything costs: the login route calls it before the rate
    /// limit, so an account of megabytes never becomes a key, a row or a redirect.
    pub fn validate(&self) -> Result<(), AppError> {
        let account = self.account.trim();
        if account.is_empty() {
            return Err(AppError::invalid(AuthField::Account, Problem::Required));
        }
        if account.chars().count() > usize::from(ACCOUNT_MAX) {
            let max = ACCOUNT_MAX;
            return Err(AppError::invalid(
                AuthField::Account,
                Problem::TooLong { max },
            ));
        }
        if self
            .enterprise_code()
            .is_some_and(|c| c.chars().count() > usize::from(ACCOUNT_MAX))
        {
            return Err(AppError::BadCredentials);
        }
        if self.password.is_empty() {
            return Err(AppError::invalid(Field::Password, Problem::Required));
        }
        if self.password.len() > PASSWORD_MAX {
            return Err(AppError::BadCredentials);
        }
        Ok(())
    }

    pub fn enterprise_code(&self) -> Option<&str> {
        self.enterprise_code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
    }

    /// The key an account that does not exist is counted under (the one it would have).
    pub fn account_key(&self) -> String {
        let account = self.account.trim();
        match self.enterprise_code() {
            Some(code) => format!("employee:{}:{account}", code.to_uppercase()),
            None => format!("mobile:{account}"),
        }
    }
}

#[derive(sqlx::FromRow)]
struct Candidate {
    id: Uuid,
    enterprise_id: Option<Uuid>,
    password_hash: String,
    active: bool,
}

/// A hash to verify against when the account does not exist, so that "no such account"
/// and "wrong password" take the same time and give the same answer.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password_auth::generate_hash("anxun-no-such-account"))
}

/// Returns the user id on success. Every failure is `BadCredentials` (whatever the reason)
/// or `Locked`, and an account that does not exist goes through the same steps as one that
/// does (its own count and lock, a password check against a dummy hash), so neither the
/// answer nor the time taken tells which accounts exist.
pub async fn authenticate(
    pool: &PgPool,
    policy: &LoginPolicy,
    input: &LoginInput,
) -> Result<Uuid, AppError> {
    input.validate()?;
    let candidate = find(pool, input).await?;
    let key = match &candidate {
        Some(user) => attempts::user_key(user.id),
        None => input.account_key(),
    };
    // The attempt takes its place in the count before the password is checked: a burst of
    // parallel guesses gets no more checks than the limit.
    let claim = attempts::claim(pool, &key, policy).await?;
    let now = OffsetDateTime::now_utc();
    if claim.refused(policy) {
        return Err(locked(now, claim.locked_until));
    }
    let hash = candidate
        .as_ref()
        .map_or_else(|| dummy_hash().to_owned(), |u| u.password_hash.clone());
    let ok = password::verify(input.password.clone(), hash).await?;
    if let Some(user) = candidate.as_ref().filter(|u| ok && u.active) {
        attempts::release(pool, &key, &claim).await?;
        // The ledger shows enterprises whose people never signed in (county).
        sqlx::query("update users set last_login_at = now() where id = $1")
            .bind(user.id)
            .execute(pool)
            .await?;
        record(pool, user, AuthAction::Login, input).await;
        return Ok(user.id);
    }
    // A right password on a deactivated account is a failure like a wrong one.
    let reached_limit = claim.locked_until.is_some();
    if let Some(user) = candidate {
        let action = if reached_limit {
            AuthAction::Lock
        } else {
            AuthAction::LoginFailed
        };
        // Written after answering, so a real account's failure takes no longer than an
        // unknown one's (which has no enterprise to audit in; it is logged).
        let (pool, input) = (pool.clone(), input.clone());
        tokio::spawn(async move { record(&pool, &user, action, &input).await });
    } else {
        tracing::info!(
            locked = reached_limit,
            "failed login for an unknown account"
        );
    }
    tokio::time::sleep(policy.delay_for(claim.failures)).await;
    if reached_limit {
        Err(locked(now, claim.locked_until))
    } else {
        Err(AppError::BadCredentials)
    }
}

async fn find(pool: &PgPool, input: &LoginInput) -> Result<Option<Candidate>, sqlx::Error> {
    let account = input.account.trim();
    match input.enterprise_code() {
        Some(code) => {
            sqlx::query_as(
                "select u.id, u.enterprise_id, u.password_hash, u.active
                 from users u join enterprises e on e.id = u.enterprise_id
                 where upper(e.code) = upper($1) and u.employee_no = $2",
            )
            .bind(code)
            .bind(account)
            .fetch_optional(pool)
            .await
        }
        None => {
            sqlx::query_as(
                "select id, enterprise_id, password_hash, active from users where mobile = $1",
            )
            .bind(account)
            .fetch_optional(pool)
            .await
        }
    }
}

/// The audit row of a sign-in event; a failure to write it is logged, not shown.
async fn record(
    pool: &PgPool,
    user: &Candidate,
    action: impl Into<AuditAction>,
    input: &LoginInput,
) {
    let action: AuditAction = action.into();
    let event = AccountEvent {
        enterprise_id: user.enterprise_id,
        user_id: user.id,
        action,
        detail: serde_json::json!({
            "via": if input.enterprise_code().is_some() { "employee_no" } else { "mobile" },
            "from": input.from.map(|ip| ip.to_string()),
        }),
        client_id: None,
    };
    let _ = record_account_event(pool, event).await;
}

fn locked(now: OffsetDateTime, until: Option<OffsetDateTime>) -> AppError {
    AppError::Locked {
        minutes: until.map_or(1, |until| minutes_until(now, until)),
    }
}

/// Whole minutes (at least one) until a lock ends, from now.
pub(super) fn minutes_left(until: OffsetDateTime) -> u32 {
    minutes_until(OffsetDateTime::now_utc(), until)
}

fn minutes_until(now: OffsetDateTime, until: OffsetDateTime) -> u32 {
    let secs = (until - now).whole_seconds().max(0);
    ((secs + 59) / 60).max(1) as u32
}
