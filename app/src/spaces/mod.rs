//! Confined spaces (有限空间): the ledger, its posted QR checkpoints and the scan page.
//! Operations (permits, gas tests, the entry log) build on it in `operations`.

mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod export;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use api::*;
pub use model::*;

use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, ParentRoute, Route},
    path,
};

/// The ledger's pages. `spaces/:id` comes last: the other features' `spaces/…` pages are
/// registered before this group in `app.rs`.
#[component(transparent)]
pub fn SpaceRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        // Siblings share an empty parent: one route group whatever the build.
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("spaces") view=pages::SpacesPage/>
            <Route path=path!("spaces/posters") view=pages::PostersPage/>
            <Route path=path!("spaces/:id") view=pages::SpaceDetailPage/>
            <Route path=path!("spaces/:id/poster") view=pages::PosterPage/>
        </ParentRoute>
    }
    .into_inner()
}

mod actions;
mod fields;
pub use actions::SpaceAction;
pub use fields::SpaceField;

/// The words spaces lends the kernel (`crate::words`).
pub const WORDS: crate::words::Words = crate::words::Words::of("spaces")
    .actions::<SpaceAction>()
    .fields::<SpaceField>();

/// spaces's plain HTTP routes (downloads, uploads), merged by the root (`crate::feature_routes`).
#[cfg(feature = "ssr")]
pub fn routes<S>() -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
    crate::photos::PhotoStore: axum::extract::FromRef<S>,
{
    axum::Router::new()
        .merge(export::routes())
}
