//! Server functions and routes of checkpoints.

use super::Resolved;
use crate::error::AppError;
use leptos::prelude::*;

/// What a scanned QR token leads to, for the signed-in user's enterprise.
#[server(endpoint = "v1/checkpoints/resolve")]
pub async fn resolve_checkpoint(token: String) -> Result<Resolved, AppError> {
    use crate::auth::server::{pool, require_user};
    crate::error::respond(
        async {
            let user = require_user()?;
            let enterprise_id = user.enterprise()?;
            super::db::resolve(&pool()?, enterprise_id, token.trim())
                .await?
                .ok_or(AppError::NotFound)
        }
        .await,
    )
}

/// The base of QR URLs: `ANXUN_PUBLIC_URL` when set (production, behind https), otherwise
/// the host this request came to, so a phone on the same network can open it.
#[cfg(feature = "ssr")]
pub fn public_base_url() -> String {
    if let Ok(url) = std::env::var("ANXUN_PUBLIC_URL") {
        return url.trim_end_matches('/').to_owned();
    }
    let parts = use_context::<http::request::Parts>();
    let header = |name: &str| {
        parts
            .as_ref()
            .and_then(|p| p.headers.get(name))
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let scheme = header("x-forwarded-proto").unwrap_or_else(|| "http".into());
    let host = header("host").unwrap_or_else(|| "127.0.0.1:3000".into());
    format!("{scheme}://{host}")
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
    match super::db::token_for_short_code(&pool, enterprise_id, &code).await {
        Ok(Some(token)) => Redirect::to(&format!("/c/{token}")),
        _ => Redirect::to(&format!(
            "/scan?error=unknown&code={}",
            urlencoding::encode(&code)
        )),
    }
}

/// The checkpoints' plain GET routes.
#[cfg(feature = "ssr")]
pub fn routes() -> axum::Router<crate::state::AppState> {
    axum::Router::new().route("/scan/code", axum::routing::get(scan_by_code))
}
