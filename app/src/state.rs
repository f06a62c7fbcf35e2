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

/// The plain (non-Leptos) routes of every feature: file downloads, scan redirects. The server
/// merges this one router; a feature adds its routes here.
pub fn feature_routes() -> axum::Router<AppState> {
    axum::Router::new()
        .merge(crate::checkpoint::routes())
        .merge(crate::spaces::export::routes())
        .merge(crate::operations::export::routes())
        .merge(crate::photos::http::routes())
        .merge(crate::hazards::export::routes())
        .merge(crate::hazards::http::routes())
        .merge(crate::patrols::http::routes())
        .merge(crate::patrols::export::routes())
        .merge(crate::training::signin::http::routes())
        .merge(crate::training::sessions::export::routes())
        .merge(crate::pwa::http::routes())
        .merge(crate::pwa::keep::routes())
}
