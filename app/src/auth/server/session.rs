//! Server-side sessions in PostgreSQL. The cookie holds a random token; the table holds only
//! its SHA-256, so a leaked table does not let anyone sign in. Sessions survive a server
//! restart and are shared by every server process on the same database.

use super::session_cache::{TokenHash, SESSIONS};
use crate::{
    auth::{Role, SessionUser},
    error::AppError,
};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use cookie::{Cookie, SameSite};
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use std::sync::OnceLock;
use time::Duration;
use uuid::Uuid;

pub const COOKIE_NAME: &str = "anxun_session";
/// A session lasts at most this long after login; workers on shared phones log out explicitly.
pub const SESSION_LIFETIME: Duration = Duration::days(30);
/// ...and ends after this long without use (sliding: every use moves it on), so a phone left
/// signed in over a weekend is signed out.
pub const SESSION_IDLE: Duration = Duration::hours(12);
/// Use is recorded at most this often per session (one write per request would cost the
/// scan page its speed; the idle end is then up to this much later).
const TOUCH_EVERY: Duration = Duration::minutes(5);

/// A resolved session: the person, and whether they must change their password first.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub user: SessionUser,
    pub must_change_password: bool,
}

/// A fresh unguessable token: 256 bits from the OS.
pub fn new_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|err| {
        tracing::error!(error = %err, "no randomness");
        AppError::Internal
    })?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

fn token_hash(token: &str) -> TokenHash {
    Sha256::digest(token.as_bytes()).into()
}

/// Starts a session for `user_id` and returns its token.
pub async fn create(pool: &PgPool, user_id: Uuid) -> Result<String, AppError> {
    let token = new_token()?;
    sqlx::query(
        "insert into sessions (token_hash, user_id, enterprise_id, expires_at)
         values ($1, $2, (select enterprise_id from users where id = $2),
                 now() + make_interval(secs => $3))",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(SESSION_LIFETIME.as_seconds_f64())
    .execute(pool)
    .await?;
    Ok(token)
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: Uuid,
    name: String,
    role: String,
    enterprise_id: Option<Uuid>,
    jurisdiction_id: Option<Uuid>,
    org_name: String,
    must_change_password: bool,
    stale: bool,
}

/// `resolve`, answered from this process's memory when the same session was resolved a
/// moment ago (`session_cache`): what the session middleware asks on every request.
pub async fn resolve_cached(pool: &PgPool, token: &str) -> Result<Option<Resolved>, AppError> {
    let hash = token_hash(token);
    if let Some(resolved) = SESSIONS.get(&hash) {
        return Ok(Some(resolved));
    }
    let asked_at = std::time::Instant::now();
    let resolved = resolve_hash(pool, hash).await?;
    if let Some(resolved) = &resolved {
        SESSIONS.put(hash, resolved.clone(), asked_at);
    }
    Ok(resolved)
}

/// Whether this process keeps the session behind `token` now (tests).
#[cfg(test)]
pub fn is_cached(token: &str) -> bool {
    SESSIONS.get(&token_hash(token)).is_some()
}

/// The active user behind a token, if the session exists, has not expired and was used within
/// `SESSION_IDLE`.
pub async fn resolve(pool: &PgPool, token: &str) -> Result<Option<Resolved>, AppError> {
    resolve_hash(pool, token_hash(token)).await
}

async fn resolve_hash(pool: &PgPool, hash: TokenHash) -> Result<Option<Resolved>, AppError> {
    let row: Option<UserRow> = sqlx::query_as(
        "select u.id, u.name, u.role, u.enterprise_id, u.jurisdiction_id,
                coalesce(e.name, j.name, '') as org_name, u.must_change_password,
                s.last_seen_at < now() - make_interval(secs => $3) as stale
         from sessions s
         join users u on u.id = s.user_id
         left join enterprises e on e.id = u.enterprise_id
         left join jurisdictions j on j.id = u.jurisdiction_id
         where s.token_hash = $1 and s.expires_at > now()
           and s.last_seen_at > now() - make_interval(secs => $2) and u.active",
    )
    .bind(hash)
    .bind(SESSION_IDLE.as_seconds_f64())
    .bind(TOUCH_EVERY.as_seconds_f64())
    .fetch_optional(pool)
    .await?;
    if row.as_ref().is_some_and(|r| r.stale) {
        sqlx::query("update sessions set last_seen_at = now() where token_hash = $1")
            .bind(hash)
            .execute(pool)
            .await?;
    }
    Ok(row.and_then(|r| {
        let must_change_password = r.must_change_password;
        let user = SessionUser {
            id: r.id,
            name: r.name,
            role: Role::parse(&r.role)?,
            enterprise_id: r.enterprise_id,
            jurisdiction_id: r.jurisdiction_id,
            org_name: r.org_name,
        };
        Some(Resolved {
            user,
            must_change_password,
        })
    }))
}

pub async fn delete(pool: &PgPool, token: &str) -> Result<(), AppError> {
    let hash = token_hash(token);
    sqlx::query("delete from sessions where token_hash = $1")
        .bind(hash)
        .execute(pool)
        .await?;
    SESSIONS.forget_session(&hash);
    Ok(())
}

/// Drops sessions that have run out (they no longer resolve; this keeps the table small).
pub async fn purge_expired(pool: &PgPool) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "delete from sessions
         where expires_at <= now() or last_seen_at <= now() - make_interval(secs => $1)",
    )
    .bind(SESSION_IDLE.as_seconds_f64())
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// Ends the user's sessions other than `token`'s; returns how many.
pub async fn delete_others(
    conn: &mut sqlx::PgConnection,
    user_id: Uuid,
    token: &str,
) -> Result<u64, AppError> {
    let done = sqlx::query("delete from sessions where user_id = $1 and token_hash <> $2")
        .bind(user_id)
        .bind(token_hash(token))
        .execute(conn)
        .await?;
    // The kept one too: its user changed (a new password).
    SESSIONS.forget_user(user_id);
    Ok(done.rows_affected())
}

/// Ends every session of a user (deactivation, password reset).
pub async fn delete_all_for_user(
    conn: &mut sqlx::PgConnection,
    user_id: Uuid,
) -> Result<(), AppError> {
    sqlx::query("delete from sessions where user_id = $1")
        .bind(user_id)
        .execute(conn)
        .await?;
    SESSIONS.forget_user(user_id);
    Ok(())
}

/// Whether cookies get the `Secure` flag: on by default, off only when the server is told it
/// runs on plain http (local development and tests, `ANXUN_INSECURE_COOKIES=1`).
fn secure_cookies() -> bool {
    static SECURE: OnceLock<bool> = OnceLock::new();
    *SECURE.get_or_init(|| std::env::var("ANXUN_INSECURE_COOKIES").as_deref() != Ok("1"))
}

/// The Set-Cookie value for a new session. Lax (not Strict) so that a QR scan, which arrives
/// as a cross-site navigation, still carries the session.
pub fn cookie_for(token: &str) -> String {
    Cookie::build((COOKIE_NAME, token.to_owned()))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure_cookies())
        .path("/")
        .max_age(SESSION_LIFETIME)
        .build()
        .to_string()
}

pub fn clearing_cookie() -> String {
    Cookie::build((COOKIE_NAME, ""))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure_cookies())
        .path("/")
        .max_age(Duration::ZERO)
        .build()
        .to_string()
}

/// The session token in a request's Cookie headers.
pub fn token_from_headers(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == COOKIE_NAME && !c.value().is_empty())
        .map(|c| c.value().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_and_distinct() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
    }

    #[test]
    fn cookie_is_http_only_and_lax() {
        let c = cookie_for("abc");
        assert!(c.contains("HttpOnly"), "{c}");
        assert!(c.contains("SameSite=Lax"), "{c}");
        assert!(c.contains("Path=/"), "{c}");
    }

    #[test]
    fn token_is_found_among_other_cookies() {
        let mut headers = http::HeaderMap::new();
        headers.insert(
            http::header::COOKIE,
            "i18n_pref_locale=en; anxun_session=tok123; x=y"
                .parse()
                .unwrap(),
        );
        assert_eq!(token_from_headers(&headers).as_deref(), Some("tok123"));
    }
}
