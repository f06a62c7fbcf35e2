//! Hazard patrols (隐患排查), issue 8 parts 1–4: patrol points with their posted QR codes,
//! versioned checklists installed from ready packs (research §C1, §C3), schedules of expected
//! rounds with their computed states, and the patrol itself, started on site from the QR.
//!
//! - `model`: vocabularies, what pages show, forms and their validation; `packs`: the ready
//!   checklists with their basis and verified flags; `refusal`: refusals in words;
//! - `rounds` (server): expected rounds and their states, a pure function of the clock;
//! - `answers` (server): a patrol form's answers checked against its checklist version;
//! - `service` (server): points, checklists, schedules (made, listed, ended) and the day's
//!   rounds; `records`
//!   (server): starting and submitting a patrol, each one audited step; a failed item raises
//!   one hazard (`hazards::db::insert_from_finding`); `offline_start` (server): a patrol
//!   started and submitted offline from the point's kept page, as one step;
//! - `policy`: the enterprise's upload bound for rounds the outbox brings (`policy_db`: SQL);
//! - `db`, `schedule_db`, `record_db` (server): the SQL; `http` (server): the multipart submission;
//!   `export` (server): the records of a date range as XLSX;
//! - `api`: the server functions; `pages`: points, posters, schedules, the board, the patrol;
//! - `selfcheck`: the 25-item progress, the 专项自查报告 and the regulator's matrix (parts 6, 7).
//!
//! A failed item's photo stays on its answer (`patrol_answers.photo_id`): the hazard-photo
//! link table comes with the hazard-photos work.

#[cfg(feature = "ssr")]
mod answers;
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
#[cfg(feature = "ssr")]
pub mod offline_start;
pub mod packs;
pub mod pages;
pub mod policy;
#[cfg(feature = "ssr")]
pub mod policy_db;
#[cfg(feature = "ssr")]
pub mod record_db;
#[cfg(feature = "ssr")]
pub mod records;
mod refusal;
#[cfg(feature = "ssr")]
pub mod rounds;
#[cfg(feature = "ssr")]
pub mod schedule_db;
pub mod selfcheck;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;

#[cfg(feature = "ssr")]
pub use answers::*;
pub use api::*;
pub use model::*;
pub use refusal::*;

use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, ParentRoute, Route},
    path,
};

/// The patrol pages. Fixed paths come before `patrols/points/:id`.
#[component(transparent)]
pub fn PatrolRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        // Siblings share an empty parent: one route group whatever the build.
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("patrols") view=pages::HomePage/>
            <Route path=path!("patrols/board") view=pages::BoardPage/>
            <Route path=path!("patrols/points") view=pages::PointsPage/>
            <Route path=path!("patrols/posters") view=pages::PostersPage/>
            <Route path=path!("patrols/schedules") view=pages::SchedulesPage/>
            <Route path=path!("patrols/checklists") view=pages::ChecklistsPage/>
            <Route path=path!("patrols/done") view=pages::DonePage/>
            <Route path=path!("patrols/selfcheck") view=selfcheck::ProgressPage/>
            <Route path=path!("patrols/selfcheck/report") view=selfcheck::ReportPage/>
            <Route path=path!("patrols/selfcheck/matrix") view=selfcheck::MatrixPage/>
            <Route path=path!("patrols/records/:id") view=pages::RecordPage/>
            <Route path=path!("patrols/checklists/:id") view=pages::ChecklistPage/>
            <Route path=path!("patrols/points/:id") view=pages::PointPage/>
        </ParentRoute>
    }
    .into_inner()
}

mod actions;
mod fields;
pub use actions::PatrolAction;
pub use fields::PatrolField;

/// The words patrols lends the kernel (`crate::words`).
pub const WORDS: crate::words::Words = crate::words::Words::of("patrols")
    .refusals::<PatrolRefusal>()
    .fields::<PatrolField>()
    .actions::<PatrolAction>();

// The patrol section of the enterprise's settings page.
pub use pages::PatrolPolicySection;

/// patrols's plain HTTP routes (downloads, uploads), merged by the root (`crate::feature_routes`).
#[cfg(feature = "ssr")]
pub fn routes<S>() -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
    crate::photos::PhotoStore: axum::extract::FromRef<S>,
{
    axum::Router::new()
        .merge(http::routes())
        .merge(export::routes())
}
