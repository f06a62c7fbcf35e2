//! Guidance visits and their closed loop (seed items 10, 11; issue 23 item 6): a regulator
//! opens a visit of an enterprise of their reach (专家指导服务 or 执法检查) with the experts
//! they appoint (专家: they reach the enterprise only while the visit is open); each finding
//! becomes a hazard of the enterprise's own ledger that runs the enterprise's loop (五落实,
//! 整改, after-photo) and is re-checked (复核) by the visit's side, never the enterprise's;
//! 回头看 lists the visits whose findings are not all closed, with the days overdue.

mod actions;
mod api;
#[cfg(feature = "ssr")]
mod db;
pub mod draw;
#[cfg(feature = "ssr")]
mod draw_db;
#[cfg(feature = "ssr")]
pub mod draws;
#[cfg(feature = "ssr")]
pub mod export;
mod fields;
#[cfg(feature = "ssr")]
pub mod http;
mod model;
pub mod pages;
mod refusal;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use actions::VisitAction;
pub use api::*;
pub use fields::VisitField;
pub use model::*;
pub use refusal::VisitRefusal;

use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, ParentRoute, Route},
    path,
};

#[component(transparent)]
pub fn VisitRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("visits") view=pages::VisitsPage/>
            <Route path=path!("visits/new") view=pages::NewVisitPage/>
            <Route path=path!("visits/experts") view=pages::ExpertsPage/>
            <Route path=path!("visits/draws") view=pages::DrawsPage/>
            <Route path=path!("visits/draws/:id") view=pages::DrawPage/>
            <Route path=path!("visits/:id") view=pages::VisitPage/>
        </ParentRoute>
    }
    .into_inner()
}

/// The words visits lends the kernel (`crate::words`).
pub const WORDS: crate::words::Words = crate::words::Words::of("visits")
    .refusals::<VisitRefusal>()
    .fields::<VisitField>()
    .actions::<VisitAction>();

/// Where the finding form with its photo is posted (`http.rs`).
pub const FINDING_MULTIPART: &str = "/api/v1/visits/finding/multipart";

/// visits' plain HTTP routes, merged by the root (`crate::feature_routes`): the finding form
/// with its photo, and the XLSX of visits and findings.
#[cfg(feature = "ssr")]
pub fn routes<S>() -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
    crate::photos::PhotoStore: axum::extract::FromRef<S>,
{
    http::routes().route(
        "/export/visits.xlsx",
        axum::routing::get(export::download),
    )
}
