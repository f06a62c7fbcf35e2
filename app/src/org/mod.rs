//! Organisations: the regulator's read-only list of enterprises in their jurisdiction.

mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use api::*;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnterpriseSummary {
    pub id: Uuid,
    pub name: String,
    pub code: String,
    pub active_people: i64,
}

use leptos::prelude::*;
use leptos_router::{components::Route, path};

#[component(transparent)]
pub fn OrgRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! { <Route path=path!("enterprises") view=pages::EnterprisesPage/> }.into_inner()
}
