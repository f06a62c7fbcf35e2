-- Failed-login counting moves out of `users` into one row per account key, so that accounts
-- that do not exist are counted and locked exactly like real ones (same answers, same work),
-- and a burst of parallel guesses claims its attempts atomically before any password check.
-- Key: 'user:<uuid>' for an existing account (both its mobile and its employee number count
-- against it), 'mobile:<text>' or 'employee:<CODE>:<text>' for an account that does not exist.
create table login_attempts (
    account_key text primary key,
    failures integer not null default 0 check (failures >= 0),
    locked_until timestamptz,
    last_attempt_at timestamptz not null default now()
);
create index login_attempts_stale on login_attempts (last_attempt_at);

alter table users drop column failed_logins, drop column locked_until;
