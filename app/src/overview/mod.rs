//! The regulator's overview by level (seed items 12 and 17): for their node (or one under
//! it), one row per child node, or per enterprise where the node has none, with the figures
//! the plan asks a township to watch. Each figure links to the list of enterprises behind it
//! (`Filter`), which exports to XLSX; the 重点监管 list is that list's `focus` filter.
//!
//! Computed set-wise: one read per figure for every enterprise of the node, through each
//! feature's service (`hazards`, `patrols::selfcheck`, `training::clearance`, `operations`),
//! kept per enterprise (`kept`) and summed per row by the database (`sums`). No read per
//! enterprise.

mod api;
#[cfg(feature = "ssr")]
pub mod export;
mod fields;
#[cfg(feature = "ssr")]
mod kept;
#[cfg(all(test, feature = "ssr"))]
mod kept_tests;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
mod sums;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use api::*;
pub use fields::OverviewField;
pub use model::*;

use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, ParentRoute, Route},
    path,
};

#[component(transparent)]
pub fn OverviewRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("overview") view=pages::OverviewPage/>
            <Route path=path!("overview/list") view=pages::ListPage/>
        </ParentRoute>
    }
    .into_inner()
}

/// The words overview lends the kernel (`crate::words`).
pub const WORDS: crate::words::Words =
    crate::words::Words::of("overview").fields::<OverviewField>();

/// overview's plain HTTP routes, merged by the root (`crate::feature_routes`): the lists'
/// XLSX.
#[cfg(feature = "ssr")]
pub fn routes<S>() -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
    crate::photos::PhotoStore: axum::extract::FromRef<S>,
{
    axum::Router::new().route("/export/overview.xlsx", axum::routing::get(export::download))
}
