//! What a server function or a server-rendered page knows about its request.

use crate::{auth::SessionUser, error::AppError};
use http::request::Parts;
use leptos::prelude::use_context;
use sqlx::PgPool;

/// Put into request extensions by `load_session`; `None` when nobody is signed in.
#[derive(Debug, Clone)]
pub struct RequestUser(pub Option<SessionUser>);

/// The database pool provided to every page render and server function.
pub fn pool() -> Result<PgPool, AppError> {
    use_context::<PgPool>().ok_or_else(|| {
        tracing::error!("PgPool missing from the leptos context");
        AppError::Internal
    })
}

/// The signed-in user of this request, if any.
pub fn current_user() -> Option<SessionUser> {
    use_context::<Parts>()?
        .extensions
        .get::<RequestUser>()?
        .0
        .clone()
}

/// The signed-in user, or `Unauthenticated`.
pub fn require_user() -> Result<SessionUser, AppError> {
    current_user().ok_or(AppError::Unauthenticated)
}

/// True when the request came from a plain HTML form (no JavaScript), not the app's client.
pub fn request_accepts_html() -> bool {
    use_context::<Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}
