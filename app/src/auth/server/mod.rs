//! Server side of accounts: password hashing, login with lockout, sessions in PostgreSQL,
//! the session middleware and the plain-HTML login/logout/language routes.

pub mod account;
pub mod attempts;
mod context;
mod handlers;
pub mod lockout;
pub mod login;
pub mod password;
pub mod session;
pub mod session_cache;
pub mod throttle;

pub use context::{
    back_to_form, current_user, pool, request_accepts_html, require_user, Cx, RequestUser,
};
pub use handlers::{load_session, routes};

use lockout::LoginPolicy;
use sqlx::PgPool;
use throttle::LoginThrottle;

/// Run now and then by the server: drops expired sessions, login counts that lock nothing any
/// more and rate-limit keys whose allowance is full again. Failures are logged and retried
/// next time.
pub async fn housekeeping(pool: &PgPool, throttle: &LoginThrottle) {
    match session::purge_expired(pool).await {
        Ok(n) if n > 0 => tracing::info!(sessions = n, "purged expired sessions"),
        Ok(_) => {}
        Err(err) => tracing::warn!(error = %err, "could not purge sessions"),
    }
    if let Err(err) = attempts::purge_stale(pool, &LoginPolicy::DEFAULT).await {
        tracing::warn!(error = %err, "could not purge login attempts");
    }
    throttle.forget_idle();
}
