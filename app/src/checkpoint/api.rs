//! Server functions and routes of checkpoints.

use super::Resolved;
use crate::error::AppError;
use leptos::prelude::*;

/// A scanned token, trimmed: tokens are letters and digits, anything else is no token of ours.
#[cfg(feature = "ssr")]
pub fn scanned_token(token: &str) -> Result<&str, AppError> {
    let token = token.trim();
    if token.is_empty() || !token.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(AppError::NotFound);
    }
    Ok(token)
}

/// What a scanned QR token leads to, for the signed-in user's enterprise.
#[server(endpoint = "v1/checkpoints/resolve")]
pub async fn resolve_checkpoint(token: String) -> Result<Resolved, AppError> {
    use crate::auth::server::{pool, require_user};
    crate::error::respond(
        async {
            let user = require_user()?;
            let enterprise_id = user.enterprise()?;
            let token = scanned_token(&token)?;
            super::db::resolve(&pool()?, enterprise_id, token)
                .await?
                .ok_or(AppError::NotFound)
        }
        .await,
    )
}

/// The base of QR URLs: `ANXUN_PUBLIC_URL`. Only a development build (`make run`, the browser
/// tests) falls back to the host of the request, so a phone on the same network can open it;
/// elsewhere a poster is refused rather than printed with an address an attacker's `Host`
/// header chose.
#[cfg(feature = "ssr")]
pub fn public_base_url() -> Result<String, AppError> {
    let host = use_context::<http::request::Parts>().and_then(|p| {
        p.headers
            .get(http::header::HOST)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    });
    base_url(crate::site::configured(), crate::site::DEVELOPMENT, host)
}

#[cfg(feature = "ssr")]
fn base_url(
    configured: Option<&crate::site::PublicUrl>,
    development: bool,
    host: Option<String>,
) -> Result<String, AppError> {
    match configured {
        Some(url) => Ok(url.as_str().to_owned()),
        None if development => Ok(format!(
            "http://{}",
            host.unwrap_or_else(|| "127.0.0.1:3000".into())
        )),
        None => Err(AppError::NoPublicUrl),
    }
}

/// `GET /scan/code?code=…`: a typed short code (camera failed) leads to the checkpoint's page.
#[cfg(feature = "ssr")]
pub async fn scan_by_code(
    axum::extract::State(pool): axum::extract::State<sqlx::PgPool>,
    axum::Extension(user): axum::Extension<crate::auth::server::RequestUser>,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> axum::response::Redirect {
    use axum::response::Redirect;
    let code = super::token::normalize_short_code(q.get("code").map(String::as_str).unwrap_or(""));
    let Some(enterprise_id) = user.0.and_then(|u| u.enterprise_id) else {
        return Redirect::to("/login?next=%2Fscan");
    };
    match super::db::by_short_code(&pool, enterprise_id, &code).await {
        // A patrol point's page by its code, never its token: the start made there is then
        // recorded as typed (`short_code`) by the server, whatever the phone says.
        Ok(Some((_, super::CheckpointKind::PatrolPoint, _))) => Redirect::to(&format!("/c/{code}")),
        Ok(Some((token, _, _))) => Redirect::to(&format!("/c/{token}")),
        _ => Redirect::to(&format!(
            "/scan?error=unknown&code={}",
            urlencoding::encode(&code)
        )),
    }
}

/// The checkpoints' plain GET routes.
#[cfg(feature = "ssr")]
pub fn routes<S>() -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
{
    axum::Router::new().route("/scan/code", axum::routing::get(scan_by_code))
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::site::PublicUrl;

    #[test]
    fn posters_print_the_public_url_and_refuse_without_one_outside_development() {
        let url = PublicUrl::parse("https://anxun.example.com/").unwrap();
        let evil = || Some("evil.example".to_owned());
        assert_eq!(
            base_url(Some(&url), false, evil()).unwrap(),
            "https://anxun.example.com"
        );
        assert_eq!(base_url(None, false, evil()), Err(AppError::NoPublicUrl));
        assert_eq!(
            base_url(None, true, Some("192.168.1.5:3000".into())).unwrap(),
            "http://192.168.1.5:3000"
        );
    }
}
