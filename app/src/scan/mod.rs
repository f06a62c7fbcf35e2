//! Where a scanned QR lands (`/c/<token>`) and the scan page: above the features whose pages
//! a checkpoint opens (a confined space with its operation panel, a patrol point), so that the
//! checkpoint service (`checkpoint`: tokens, QR codes, posters) knows none of them.

mod api;
#[cfg(feature = "ssr")]
pub mod db;
mod pages;

#[cfg(feature = "ssr")]
pub use api::landing;
pub use api::{checkpoint_landing, Landing};

use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, ParentRoute, Route},
    path,
};

/// The scan page and where a scanned QR lands.
#[component(transparent)]
pub fn ScanRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        // Siblings share an empty parent: one route group whatever the build.
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("scan") view=pages::ScanPage/>
            <Route path=path!("c/:token") view=pages::CheckpointLanding/>
        </ParentRoute>
    }
    .into_inner()
}
