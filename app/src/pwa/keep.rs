//! The kept-pages policy as a service: the admin reads and sets it (one audited step), and
//! every signed-in phone asks `GET /api/v1/offline/keep` how long to keep the pages it saves
//! (the service worker asks once per user it learns, `public/sw.js`).

use super::{policy::KeepPolicy, policy_db};
use crate::{
    audit::{
        step::{AuditedTx, StepSpec},
        AuditAction,
    },
    auth::{server::RequestUser, Role, SessionUser},
    error::AppError,
    fresh_or,
};
use axum::{
    extract::State,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Extension, Json, Router,
};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

pub const KEEP_PATH: &str = "/api/v1/offline/keep";
const ADMINS: &[Role] = &[Role::EnterpriseAdmin];

pub async fn policy(pool: &PgPool, actor: &SessionUser) -> Result<KeepPolicy, AppError> {
    actor.require_role(ADMINS)?;
    Ok(policy_db::policy(pool, actor.enterprise()?).await?)
}

/// Sets how long the enterprise's phones keep pages, audited as an enterprise setting.
pub async fn set_policy(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    policy: &KeepPolicy,
) -> Result<(), AppError> {
    let spec = StepSpec {
        action: AuditAction::ENTERPRISE_SETTINGS,
        roles: ADMINS,
        client_id,
        subject: actor.enterprise_id,
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |_prior| Ok(()));
    let (enterprise_id, by) = (tx.enterprise_id, tx.actor.id);
    let before = policy_db::set_policy(tx.conn(), enterprise_id, policy, by).await?;
    if before == *policy {
        return tx.unchanged().await;
    }
    tx.commit(json!({ "keep_pages": { "from": before, "to": policy } }))
        .await
}

/// How long `user`'s phone keeps pages: their enterprise's setting (a regulator's: the default).
pub async fn keep_hours_for(pool: &PgPool, user: &SessionUser) -> Result<i32, AppError> {
    Ok(match user.enterprise_id {
        Some(enterprise_id) => policy_db::policy(pool, enterprise_id).await?,
        None => KeepPolicy::default(),
    }
    .keep_pages_hours)
}

pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
{
    Router::new().route(KEEP_PATH, get(keep))
}

/// `{"keep_hours": 24}` for the signed-in user; 401 for nobody (the worker then keeps nothing).
async fn keep(State(pool): State<PgPool>, Extension(user): Extension<RequestUser>) -> Response {
    let Some(user) = user.0 else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    match keep_hours_for(&pool, &user).await {
        Ok(hours) => {
            let mut res = Json(json!({ "keep_hours": hours })).into_response();
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
        Err(err) => StatusCode::from_u16(err.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{photos::PhotoStore, state::AppState, testing};
    use axum::{body::Body, http::Request};
    use tower::ServiceExt;

    async fn ask(pool: &PgPool, who: Option<&SessionUser>) -> (u16, serde_json::Value) {
        let options = leptos::config::LeptosOptions::builder()
            .output_name("anxun")
            .build();
        let state = AppState::new(options, pool.clone(), PhotoStore::in_memory());
        let mut req = Request::get(KEEP_PATH).body(Body::empty()).unwrap();
        req.extensions_mut().insert(RequestUser(who.cloned()));
        let res = routes().with_state(state).oneshot(req).await.unwrap();
        let status = res.status().as_u16();
        let bytes = axum::body::to_bytes(res.into_body(), 4096).await.unwrap();
        (status, serde_json::from_slice(&bytes).unwrap_or_default())
    }

    #[sqlx::test(migrator = "crate::db::MIGRATOR")]
    async fn phones_keep_pages_as_long_as_their_enterprise_says(pool: PgPool) {
        let orgs = testing::orgs(&pool).await;
        let admin = testing::user(&pool, orgs.a, Role::EnterpriseAdmin, "13500000001").await;
        let worker = testing::user(&pool, orgs.a, Role::Worker, "13500000002").await;
        let other = testing::user(&pool, orgs.b, Role::Worker, "13500000003").await;
        let regulator = testing::user(&pool, orgs.township, Role::Regulator, "13500000004").await;
        // Nothing set: 24 hours, not the 7 days pages were kept before.
        assert_eq!(ask(&pool, Some(&worker)).await.1["keep_hours"], 24);
        let policy = KeepPolicy {
            keep_pages_hours: 8,
        };
        assert_eq!(
            set_policy(&pool, &worker, Uuid::now_v7(), &policy).await,
            Err(AppError::Forbidden)
        );
        set_policy(&pool, &admin, Uuid::now_v7(), &policy)
            .await
            .unwrap();
        assert_eq!(testing::audit_rows(&pool, "enterprise.settings").await, 1);
        assert_eq!(
            ask(&pool, Some(&worker)).await,
            (200, serde_json::json!({ "keep_hours": 8 }))
        );
        // Another enterprise, a regulator: their own (the default).
        assert_eq!(ask(&pool, Some(&other)).await.1["keep_hours"], 24);
        assert_eq!(ask(&pool, Some(&regulator)).await.1["keep_hours"], 24);
        assert_eq!(ask(&pool, None).await.0, 401);
        assert_eq!(super::policy(&pool, &admin).await, Ok(policy));
    }
}
