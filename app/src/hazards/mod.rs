//! Hazards (隐患) and their closed loop: 随手拍 report → 待确认 → 整改中 (五落实) → 待复查 →
//! 已销号, or back to 整改中 when the re-check fails; 已立即整改 for a 一般 hazard fixed on
//! the spot, which waits for the re-check too (research §A5, issue 8 part 5).
//!
//! - `model`: vocabularies and forms with their validation; `moves`: the transition table;
//!   `views`: what pages show; `refusal`: why a move was refused, in words;
//! - `steps` (server): each move one audited step on the locked hazard; `reads` (server): the
//!   ledger and a hazard's page with its photos; `db` (server): the SQL; `export` (server): the
//!   ledger as XLSX;
//! - `api`: the server functions (a photo by id); `http` (server): the multipart form posts
//!   that carry the photo file; `pages`: the ledger, the report form and a hazard's page.
//!
//! Photos (`photos::store`, table `hazard_photos`): the report may carry a before-photo
//! (整改前); the on-the-spot fix and the rectification require an after-photo (整改后). A
//! photo is linked once, to one hazard of its own enterprise, by the person who took it, and is
//! shown to whoever may see the hazard. The patrols work links a failed item's hazard to its
//! record, item and point (`hazards.patrol_record_id`, `checklist_item_id`, `patrol_point_id`).

mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod http;
mod model;
#[cfg(all(test, feature = "ssr"))]
mod model_tests;
pub mod moves;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod reads;
mod refusal;
#[cfg(feature = "ssr")]
pub mod regulator;
#[cfg(feature = "ssr")]
mod regulator_db;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod steps;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod tests;
mod views;

pub use api::*;
#[cfg(feature = "ssr")]
pub use db::Finding;
pub use model::*;
pub use refusal::*;
pub use views::*;

use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, ParentRoute, Route},
    path,
};

/// The hazard pages. `hazards/new` comes before `hazards/:id`.
#[component(transparent)]
pub fn HazardRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        // Siblings share an empty parent: one route group whatever the build.
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("hazards") view=pages::LedgerPage/>
            <Route path=path!("hazards/new") view=pages::ReportPage/>
            <Route path=path!("hazards/:id") view=pages::HazardPage/>
        </ParentRoute>
    }
    .into_inner()
}

mod actions;
mod fields;
pub use actions::HazardAction;
pub use fields::HazardField;

/// The words hazards lends the kernel (`crate::words`).
pub const WORDS: crate::words::Words = crate::words::Words::of("hazards")
    .refusals::<HazardRefusal>()
    .fields::<HazardField>()
    .actions::<HazardAction>();

// Labels other features show (a patrol item's hazard category, a hazard's state).
pub use pages::{category_label, grade_label, grade_text, stage_label, state_label, state_text};

/// hazards's plain HTTP routes (downloads, uploads), merged by the root (`crate::feature_routes`).
#[cfg(feature = "ssr")]
pub fn routes<S>() -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
    crate::photos::PhotoStore: axum::extract::FromRef<S>,
{
    axum::Router::new()
        .merge(export::routes())
        .merge(http::routes())
}
