//! The county: the jurisdiction tree (省 / 市 / 县 / 乡镇·街道 / 园区), its regulators, and
//! the enterprise ledger (企业基础信息台账), kept by the platform operator and the regulators
//! (issue 23). A regulator reaches their node and everything under it (`service::Reach`); the
//! database's `jurisdictions_under(node)` is the same reach for every feature's reads.

mod actions;
mod api;
#[cfg(feature = "ssr")]
pub mod db;
mod fields;
#[cfg(feature = "ssr")]
pub mod ledger;
mod model;
pub mod pages;
pub mod roster;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod tests;

pub use actions::CountyAction;
pub use api::*;
pub use fields::CountyField;
pub use model::*;
pub use pages::{grade_label, industry_label, level_label, risk_label};

use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, ParentRoute, Route},
    path,
};

#[component(transparent)]
pub fn CountyRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        // Siblings share an empty parent: one route group whatever the build.
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("county/tree") view=pages::TreePage/>
            <Route path=path!("county/enterprises") view=pages::LedgerPage/>
            <Route path=path!("county/enterprises/new") view=pages::NewEnterprisePage/>
            <Route path=path!("county/enterprises/import") view=pages::ImportPage/>
            <Route path=path!("county/enterprises/import/:id") view=pages::PreviewPage/>
            <Route path=path!("county/enterprises/:id") view=pages::EnterprisePage/>
        </ParentRoute>
    }
    .into_inner()
}

/// The words county lends the kernel (`crate::words`).
pub const WORDS: crate::words::Words = crate::words::Words::of("county")
    .actions::<CountyAction>()
    .fields::<CountyField>();

/// county's plain HTTP routes, merged by the root (`crate::feature_routes`): the roster's
/// upload and the ledger's export.
#[cfg(feature = "ssr")]
pub fn routes<S>() -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
    crate::photos::PhotoStore: axum::extract::FromRef<S>,
{
    roster::http::routes()
}
