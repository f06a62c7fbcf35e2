//! Organisations: the regulator's read-only list of enterprises in their jurisdiction, and an
//! enterprise's own settings (its principal, its permit rules).

mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod settings;
mod settings_api;
mod settings_model;
pub mod settings_page;
#[cfg(all(test, feature = "ssr"))]
mod settings_tests;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use api::*;
pub use settings_api::*;
pub use settings_model::*;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnterpriseSummary {
    pub id: Uuid,
    pub name: String,
    pub code: String,
    pub active_people: i64,
    /// Open, 重大 and overdue hazards.
    pub hazards: crate::hazards::HazardFigures,
}

use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, ParentRoute, Route},
    path,
};

#[component(transparent)]
pub fn OrgRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        // Siblings share an empty parent: one route group whatever the build.
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("enterprises") view=pages::EnterprisesPage/>
            <Route path=path!("admin/enterprise") view=settings_page::EnterpriseSettingsPage/>
        </ParentRoute>
    }
    .into_inner()
}

mod fields;
pub use fields::OrgField;

/// The words org lends the kernel (`crate::words`).
pub const WORDS: crate::words::Words = crate::words::Words::of("org").fields::<OrgField>();

/// org's plain HTTP routes, merged by the root (`crate::feature_routes`): none yet.
#[cfg(feature = "ssr")]
pub fn routes<S>() -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
    crate::photos::PhotoStore: axum::extract::FromRef<S>,
{
    axum::Router::new()
}
