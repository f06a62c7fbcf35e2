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

/// Keys this app puts in a page's query to report a form's success after a redirect.
pub const NOTICE_KEYS: [&str; 5] = ["saved", "imported", "reset", "registered", "regenerated"];

/// The page the form was posted from (same site only), with earlier notices and errors
/// removed and `notice` added: where a plain HTML form post goes after success.
pub fn back_to_form(notice: (&str, &str)) -> String {
    let referer = use_context::<Parts>()
        .and_then(|p| p.headers.get(http::header::REFERER).cloned())
        .and_then(|v| v.to_str().ok().map(str::to_owned))
        .unwrap_or_default();
    let after_scheme = referer
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or("");
    let path_and_query = after_scheme
        .find('/')
        .map(|i| &after_scheme[i..])
        .unwrap_or("/");
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|kv| !kv.is_empty())
        .filter(|kv| {
            let key = kv.split('=').next().unwrap_or("");
            !key.starts_with("__") && !NOTICE_KEYS.contains(&key)
        })
        .map(str::to_owned)
        .collect();
    pairs.push(format!("{}={}", notice.0, urlencoding::encode(notice.1)));
    format!("{path}?{}", pairs.join("&"))
}

/// What every server function starts from: the pool and the signed-in user of the request.
pub struct Cx {
    pub pool: PgPool,
    pub actor: SessionUser,
}

impl Cx {
    /// `Unauthenticated` when nobody is signed in.
    pub fn get() -> Result<Cx, AppError> {
        Ok(Cx {
            pool: pool()?,
            actor: require_user()?,
        })
    }
}
