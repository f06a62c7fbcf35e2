//! The risk register (安全风险分级管控, the first half of 双重预防; seed items 14–17, issue 24):
//! the enterprise's risk points (风险点: a place, equipment or facility, or a work activity),
//! each point's hazards (危险源) typed by GB 6441 and GB/T 13861, evaluated by the enterprise's
//! method (LEC or LS) and graded 重大 / 较大 / 一般 / 低 by `rules::risk_grade` under the
//! enterprise's policy; a point is as bad as its worst hazard.
//!
//! This first slice is the register itself (`/risks`: points, hazards, grades; `/risks/policy`:
//! the grading policy with its basis); measures turned into patrol checks, identification
//! campaigns, the register as of a date, the four-colour map, post cards and the regulator's
//! view come next.

mod actions;
mod api;
mod fields;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
mod db;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use actions::RiskAction;
pub use api::*;
pub use fields::RiskField;
pub use model::*;

/// The words risks lends the kernel (`crate::words`).
pub const WORDS: crate::words::Words = crate::words::Words::of("risks")
    .fields::<RiskField>()
    .actions::<RiskAction>();

use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, ParentRoute, Route},
    path,
};

#[component(transparent)]
pub fn RiskRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("risks") view=pages::RegisterPage/>
            <Route path=path!("risks/policy") view=pages::PolicyPage/>
        </ParentRoute>
    }
    .into_inner()
}

/// risks' plain HTTP routes, merged by the root (`crate::feature_routes`): none yet.
#[cfg(feature = "ssr")]
pub fn routes<S>() -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
    crate::photos::PhotoStore: axum::extract::FromRef<S>,
{
    axum::Router::new()
}
