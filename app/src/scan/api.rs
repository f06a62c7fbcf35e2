//! The scan landing's server function: what a scanned token opens, read on one connection.

#[cfg(feature = "ssr")]
use crate::checkpoint::{CheckpointKind, Resolved};
use crate::error::AppError;
use leptos::prelude::*;

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
            let token = crate::checkpoint::scanned_token(&token)?;
            if crate::checkpoint::is_short_code(token) {
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
    let found = super::db::landing(&mut *conn, user, token)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(match (found.resolved, found.space) {
        (Resolved::Replaced, _) => Landing::Replaced,
        (_, Some(space)) => {
            let panel = PanelData::load(&mut conn, user, space.id, found.open_operation).await;
            Landing::Space(Box::new(space), panel, found.short_code)
        }
        (Resolved::Current { kind, subject_id }, None) => match kind {
            CheckpointKind::PatrolPoint => {
                // Its reads take their own connections: this one goes back first.
                drop(conn);
                Landing::PatrolPoint(Box::new(
                    crate::patrols::patrol_landing(subject_id.to_string()).await?,
                ))
            }
            CheckpointKind::ConfinedSpace => return Err(AppError::NotFound),
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
    let found = crate::checkpoint::db::by_short_code(pool, user.enterprise()?, code).await?;
    match found.ok_or(AppError::NotFound)? {
        (_, CheckpointKind::PatrolPoint, point) => Ok(Landing::PatrolPoint(Box::new(
            crate::patrols::patrol_landing(point.to_string()).await?,
        ))),
        (token, CheckpointKind::ConfinedSpace, _) => {
            landing(pool.acquire().await?, user, &token).await
        }
    }
}
