//! Server functions and routes of checkpoints.

use super::Resolved;
use crate::error::AppError;
use leptos::prelude::*;

/// A scanned token, trimmed: tokens are letters and digits, anything else is no token of ours.
#[cfg(feature = "ssr")]
fn scanned_token(token: &str) -> Result<&str, AppError> {
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

/// What a scanned token opens: one page per checkpoint kind, or the "replaced" page.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Landing {
    /// A confined space and its operation panel (the open operation, or the people to put on
    /// a new request; an error there still shows the space), and its poster's short code.
    Space(
        Box<crate::spaces::Space>,
        Result<crate::operations::pages::PanelData, AppError>,
        String,
    ),
    /// A patrol point: the point and its checklists.
    PatrolPoint(Box<crate::patrols::PointLanding>),
    Replaced,
}

/// Everything the page behind a scanned token shows (`landing`).
#[server(endpoint = "v1/checkpoints/landing")]
pub async fn checkpoint_landing(token: String) -> Result<Landing, AppError> {
    use crate::auth::server::{pool, require_user};
    crate::error::respond(
        async {
            let user = require_user()?;
            let token = scanned_token(&token)?;
            if super::token::is_short_code(token) {
                return typed_landing(&pool()?, &user, token).await;
            }
            landing(pool()?.acquire().await?, &user, token).await
        }
        .await,
    )
}

/// The page behind a scanned token, on one connection (each connection going back to the pool
/// costs a round trip, bench/RESULTS.md (e)): the token, the space and its open operation's
/// version are one query (`spaces::db::landing`); the operation panel is the operation as the
/// last scan read it while that version stands (`operations::panel_cache`), else one more.
#[cfg(feature = "ssr")]
pub async fn landing(
    mut conn: sqlx::pool::PoolConnection<sqlx::Postgres>,
    user: &crate::auth::SessionUser,
    token: &str,
) -> Result<Landing, AppError> {
    use crate::operations::pages::PanelData;
    let found = crate::spaces::service::landing(&mut *conn, user, token)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(match (found.resolved, found.space) {
        (Resolved::Replaced, _) => Landing::Replaced,
        (_, Some(space)) => {
            let panel = PanelData::load(&mut conn, user, space.id, found.open_operation).await;
            Landing::Space(Box::new(space), panel, found.short_code)
        }
        (Resolved::Current { kind, subject_id }, None) => match kind {
            super::CheckpointKind::PatrolPoint => {
                // Its reads take their own connections: this one goes back first.
                drop(conn);
                Landing::PatrolPoint(Box::new(
                    crate::patrols::patrol_landing(subject_id.to_string()).await?,
                ))
            }
            super::CheckpointKind::ConfinedSpace => return Err(AppError::NotFound),
        },
    })
}

/// The page behind a typed short code (`/c/<code>`, from `/scan/code`): a patrol point's
/// page keeps the code (its start is recorded as typed); a space's is its token's.
#[cfg(feature = "ssr")]
async fn typed_landing(
    pool: &sqlx::PgPool,
    user: &crate::auth::SessionUser,
    code: &str,
) -> Result<Landing, AppError> {
    let found = super::db::by_short_code(pool, user.enterprise()?, code).await?;
    match found.ok_or(AppError::NotFound)? {
        (_, super::CheckpointKind::PatrolPoint, point) => Ok(Landing::PatrolPoint(Box::new(
            crate::patrols::patrol_landing(point.to_string()).await?,
        ))),
        (token, super::CheckpointKind::ConfinedSpace, _) => {
            landing(pool.acquire().await?, user, &token).await
        }
    }
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
