//! SQL of login attempts: every attempt claims its place in the account's count before the
//! password is checked, in one atomic statement, so parallel guesses cannot all be checked.

use super::lockout::LoginPolicy;
use sqlx::PgExecutor;
use time::OffsetDateTime;
use uuid::Uuid;

/// The key an existing account is counted under: its mobile and its employee number count
/// against the same allowance.
pub fn user_key(user_id: Uuid) -> String {
    format!("user:{user_id}")
}

/// What an attempt learnt when it claimed its place.
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct Claim {
    /// This attempt's number in the current count (1 for the first after a success or a lock
    /// that ran out).
    pub failures: i32,
    /// Set once the count reached the limit: by this attempt or an earlier one.
    pub locked_until: Option<OffsetDateTime>,
}

impl Claim {
    /// Beyond the limit: answered "locked" without checking the password at all.
    pub fn refused(&self, policy: &LoginPolicy) -> bool {
        self.failures > policy.lock_after
    }
}

/// Counts one attempt on `account_key`. A lock that has run out starts a fresh count; the
/// attempt that reaches the limit sets the lock (and is still checked: it is within the limit).
pub async fn claim(
    db: impl PgExecutor<'_>,
    account_key: &str,
    policy: &LoginPolicy,
) -> Result<Claim, sqlx::Error> {
    sqlx::query_as(
        "insert into login_attempts as a (account_key, failures, locked_until)
         values ($1, 1, case when 1 >= $2 then now() + make_interval(secs => $3) end)
         on conflict (account_key) do update set
            failures = case when a.locked_until <= now() then 1 else a.failures + 1 end,
            locked_until = case
                when a.locked_until > now() then a.locked_until
                when (case when a.locked_until <= now() then 1 else a.failures + 1 end) >= $2
                    then now() + make_interval(secs => $3)
                end,
            last_attempt_at = now()
         returning failures, locked_until",
    )
    .bind(account_key)
    .bind(policy.lock_after)
    .bind(policy.lock_for.as_secs_f64())
    .fetch_one(db)
    .await
}

/// After a right password: the count starts again, unless other attempts claimed a place
/// since this one did (a parallel burst keeps its count and its lock).
pub async fn release(
    db: impl PgExecutor<'_>,
    account_key: &str,
    claimed: &Claim,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update login_attempts set failures = 0, locked_until = null
         where account_key = $1 and failures = $2",
    )
    .bind(account_key)
    .bind(claimed.failures)
    .execute(db)
    .await?;
    Ok(())
}

/// Forgets an account's count and lock (an admin set a new password).
pub async fn forget(db: impl PgExecutor<'_>, account_key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from login_attempts where account_key = $1")
        .bind(account_key)
        .execute(db)
        .await?;
    Ok(())
}

/// Drops counts nobody has added to for longer than a lock lasts and that lock nothing.
pub async fn purge_stale(
    db: impl PgExecutor<'_>,
    policy: &LoginPolicy,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "delete from login_attempts
         where last_attempt_at < now() - make_interval(secs => $1)
           and (locked_until is null or locked_until < now())",
    )
    .bind(policy.lock_for.as_secs_f64())
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}
