//! The axum state shared by the server's handlers (server only).

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::PgPool;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
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
}
