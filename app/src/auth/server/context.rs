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

pub use crate::error::request_accepts_html;

/// Keys this app puts in a page's query to report a form's success after a redirect.
pub const NOTICE_KEYS: [&str; 5] = ["saved", "imported", "reset", "registered", "regenerated"];

/// The page the form was posted from (same site only), with earlier notices and errors
/// removed and `notice` added: where a plain HTML form post goes after success.
pub fn back_to_form(notice: (&str, &str)) -> String {
    let parts = use_context::<Parts>();
    let header = |name| {
        parts
            .as_ref()
            .and_then(|p| p.headers.get(name))
            .and_then(|v| v.to_str().ok())
    };
    let path_and_query = return_path(
        header(http::header::REFERER).unwrap_or(""),
        header(http::header::HOST),
        crate::site::configured(),
    );
    with_notice(path_and_query, notice)
}

/// The path and query of `referer` when it is a page of this site: its origin is the
/// configured public URL, or its host is the one the browser sent this request to. Anything
/// else (another site, `//evil` or `\` in the path, control characters) returns home.
fn return_path<'a>(
    referer: &'a str,
    host: Option<&str>,
    public_url: Option<&crate::site::PublicUrl>,
) -> &'a str {
    let Some((scheme, rest)) = referer.split_once("://") else {
        return "/";
    };
    let (authority, path) = rest.find('/').map_or((rest, "/"), |i| rest.split_at(i));
    let origin_is_ours = public_url.is_some_and(|url| {
        url.as_str().split_once("://").is_some_and(|(s, a)| {
            s.eq_ignore_ascii_case(scheme) && a.eq_ignore_ascii_case(authority)
        })
    }) || host
        .is_some_and(|h| matches!(scheme, "http" | "https") && h.eq_ignore_ascii_case(authority));
    if origin_is_ours {
        super::handlers::safe_next(path)
    } else {
        "/"
    }
}

fn with_notice(path_and_query: &str, notice: (&str, &str)) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::PublicUrl;

    #[test]
    fn a_form_returns_only_to_a_page_of_this_site() {
        let host = Some("127.0.0.1:3000");
        let ours = "http://127.0.0.1:3000/spaces/1?saved=x&q=a";
        assert_eq!(return_path(ours, host, None), "/spaces/1?saved=x&q=a");
        assert_eq!(
            with_notice(return_path(ours, host, None), ("saved", "1")),
            "/spaces/1?q=a&saved=1"
        );
        let public = PublicUrl::parse("https://anxun.example.com").unwrap();
        assert_eq!(
            return_path(
                "https://anxun.example.com/admin/users",
                Some("10.0.0.5:3000"),
                Some(&public)
            ),
            "/admin/users"
        );
        for bad in [
            "",
            "/admin/users",
            "https://evil.example/admin/users",
            "http://127.0.0.1:3000.evil.example/admin",
            "javascript://127.0.0.1:3000/x",
            "http://127.0.0.1:3000//evil.example/x",
            "http://127.0.0.1:3000/\\evil.example/x",
            "http://127.0.0.1:3000/%5Cevil.example/x",
            "http://127.0.0.1:3000/\t/evil.example",
        ] {
            assert_eq!(return_path(bad, host, Some(&public)), "/", "{bad:?}");
        }
        // No host header and no public URL: nothing is ours.
        assert_eq!(return_path(ours, None, None), "/");
    }
}
