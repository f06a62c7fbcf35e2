//! People of an enterprise: the admin's list, create, deactivate, reset and CSV import.

mod api;
#[cfg(feature = "ssr")]
pub mod csv_import;
#[cfg(feature = "ssr")]
pub mod db;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use api::*;
pub use model::{ImportSummary, NewUser, UserRow};

use leptos::prelude::*;
use leptos_router::{components::Route, path, MatchNestedRoutes};

#[component(transparent)]
pub fn UserRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("admin/users") view=pages::UsersPage/>
        <Route path=path!("admin/users/import") view=pages::ImportPage/>
    }
    .into_inner()
}
