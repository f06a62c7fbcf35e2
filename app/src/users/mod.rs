//! People of an enterprise: the admin's list, create, deactivate, reset and CSV import.

#[cfg(feature = "ssr")]
pub mod accounts;
mod api;
#[cfg(feature = "ssr")]
pub mod console;
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
pub use model::{
    normalize_mobile, ImportForm, ImportSummary, NewUser, PasswordForm, PersonForm, PersonOption,
    UserRow,
};

use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, ParentRoute, Route},
    path,
};

#[component(transparent)]
pub fn UserRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        // Siblings share an empty parent: one route group whatever the build.
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("admin/users") view=pages::UsersPage/>
            <Route path=path!("admin/users/import") view=pages::ImportPage/>
        </ParentRoute>
    }
    .into_inner()
}

mod actions;
mod fields;
pub use actions::UserAction;
pub use fields::UserField;

/// The words users lends the kernel (`crate::words`).
pub const WORDS: crate::words::Words = crate::words::Words::of("users")
    .actions::<UserAction>()
    .fields::<UserField>();
