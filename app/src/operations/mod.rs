//! Confined-space operations (有限空间作业): the permit (作业审批), ventilation, gas tests,
//! the attendant (监护人) and the entry log. The order 先通风、再检测、后作业 and every
//! refusal are enforced here, on the server.
//!
//! - `model`: the forms and their validation; `views`: what pages show; `refusal`: why a
//!   step was refused, in words;
//! - `permit`, `steps`, `board`, `settings` (server): the rules, each write one audited step;
//! - `db` (server): the SQL; `panel_cache` (server): the scan page's open operation kept
//!   between scans while its version stands; `export` (server): the history as XLSX;
//! - `api`: the server functions; `pages`: the scan-page panel, board, history and settings.

mod api;
#[cfg(feature = "ssr")]
pub mod board;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod export;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod panel_cache;
#[cfg(feature = "ssr")]
pub mod permit;
mod refusal;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod settings;
#[cfg(feature = "ssr")]
pub mod steps;
#[cfg(feature = "ssr")]
pub mod takeover;
#[cfg(all(test, feature = "ssr"))]
mod tests;
mod views;

pub use api::*;
pub use model::*;
pub use refusal::*;
pub use views::*;

use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, ParentRoute, Route},
    path,
};

/// The operation pages, under the spaces section of the app.
#[component(transparent)]
pub fn OperationRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        // Siblings share an empty parent: one route group whatever the build.
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("spaces/board") view=pages::BoardPage/>
            <Route path=path!("spaces/history") view=pages::HistoryPage/>
            <Route path=path!("spaces/policy") view=pages::PolicyPage/>
            <Route path=path!("spaces/delegations") view=pages::DelegationsPage/>
        </ParentRoute>
    }
    .into_inner()
}

mod actions;
mod fields;
pub use actions::OperationAction;
pub use fields::OperationField;

/// The words operations lends the kernel (`crate::words`).
pub const WORDS: crate::words::Words = crate::words::Words::of("operations")
    .refusals::<OpRefusal>()
    .fields::<OperationField>()
    .actions::<OperationAction>();

/// operations's plain HTTP routes (downloads, uploads), merged by the root (`crate::feature_routes`).
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
