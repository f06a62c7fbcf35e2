//! Training (安全教育培训). Today: the confined-space qualifications that gate entry
//! (未经培训合格不得上岗), recorded by hand. Training sessions and sign-ins grow here.

mod api;
#[cfg(feature = "ssr")]
pub mod db;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use api::*;
pub use model::*;

use leptos::prelude::*;
use leptos_router::{components::Route, path};

#[component(transparent)]
pub fn TrainingRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("spaces/qualifications") view=pages::QualificationsPage/>
    }
    .into_inner()
}
