//! The axum state shared by the server's handlers (server only).

use crate::{
    auth::server::throttle::{LoginThrottle, ThrottleLimits},
    photos::PhotoStore,
};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::PgPool;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
    pub login_throttle: Arc<LoginThrottle>,
    /// Where photo files lie (`PhotoStore::from_env`: local files or S3-compatible storage).
    pub photos: PhotoStore,
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, pool: PgPool, photos: PhotoStore) -> Self {
        AppState {
            leptos_options,
            pool,
            login_throttle: Arc::new(LoginThrottle::new(ThrottleLimits::from_env())),
            photos,
        }
    }
}

impl FromRef<AppState> for PhotoStore {
    fn from_ref(state: &AppState) -> Self {
        state.photos.clone()
    }
}

impl FromRef<AppState> for Arc<LoginThrottle> {
    fn from_ref(state: &AppState) -> Self {
        state.login_throttle.clone()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl FromRef<AppState> for PgPool {
    fn from_ref(state: &AppState) -> Self {
        state.pool.clone()
    }
}

/// The plain (non-Leptos) routes: the services' (scan redirects, photos, the outbox's) and
/// every feature's (`crate::feature_routes`). The server merges this one router.
pub fn feature_routes() -> axum::Router<AppState> {
    axum::Router::new()
        .merge(crate::checkpoint::routes())
        .merge(crate::photos::http::routes())
        .merge(crate::pwa::http::routes())
        .merge(crate::pwa::keep::routes())
        .merge(crate::feature_routes())
}
