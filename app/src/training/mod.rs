//! Training (安全教育培训), issue 9: sessions, sign-in by rotating QR, hours, assessment,
//! training files and who is cleared for work (未经培训合格不得上岗).
//!
//! - `vocab`: the stored vocabularies (categories, assessment, presence, question kinds, moves);
//! - `session_db` (server): the session record every part reads; `results` (server): the one
//!   write of a person's result, which also fills the confined-space qualification;
//! - `sessions`: creating, copying and listing sessions, the roster (ticks by the trainer,
//!   hours overrides, scores) and the sign-in sheet (print and XLSX);
//! - `signin`: the rotating QR (HMAC of the time step), its projector page, and signing in
//!   and out by scan;
//! - `quiz`: the question bank with its starter questions, the quiz a session draws, and
//!   grading on the server;
//! - `clearance`: who may work and why not (rules in `rules::clearance`), moves (转岗, 复岗),
//!   certificates, the training file, the 三级教育卡 and the dashboards;
//! - `model`, `api`, `db`, `service`, `pages`: qualifications (hand-entered outside
//!   certificates, and the list entry checks).

mod api;
pub mod clearance;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(all(test, feature = "ssr"))]
pub mod fixtures;
mod model;
pub mod pages;
pub mod quiz;
#[cfg(feature = "ssr")]
pub mod results;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session_db;
pub mod sessions;
pub mod signin;
#[cfg(all(test, feature = "ssr"))]
mod tests;
mod vocab;

pub use api::*;
pub use model::*;
pub use vocab::*;

use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, ParentRoute, Route},
    path,
};

/// The training pages. Fixed paths come before the ones with an id.
#[component(transparent)]
pub fn TrainingRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        // Siblings share an empty parent: one route group whatever the build.
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("spaces/qualifications") view=pages::QualificationsPage/>
            <Route path=path!("training/signin/:token") view=signin::pages::SignInPage/>
            <Route path=path!("training") view=sessions::pages::HomePage/>
            <Route path=path!("training/sessions/new") view=sessions::pages::NewSessionPage/>
            <Route path=path!("training/sessions/:id/sheet") view=sessions::pages::SheetPage/>
            <Route path=path!("training/sessions/:id") view=sessions::pages::SessionDetailPage/>
            <Route path=path!("training/questions") view=quiz::pages::QuestionsPage/>
            <Route path=path!("training/quiz/:id") view=quiz::pages::QuizPage/>
            <Route path=path!("training/certificates") view=pages::QualificationsPage/>
            <Route path=path!("training/people") view=clearance::pages::CoveragePage/>
            <Route path=path!("training/people/:id") view=clearance::pages::PersonFilePage/>
            <Route path=path!("training/file") view=clearance::pages::MyFilePage/>
            <Route path=path!("training/regulator") view=clearance::pages::RegulatorPage/>
        </ParentRoute>
    }
    .into_inner()
}

mod actions;
mod fields;
pub use actions::TrainingAction;
pub use fields::TrainingField;

/// The words training lends the kernel (`crate::words`).
pub const WORDS: crate::words::Words = crate::words::Words::of("training")
    .refusals::<TrainingRefusal>()
    .fields::<TrainingField>()
    .actions::<TrainingAction>();

// Training's pages other pages show: a worker's clearance on the home page, the links to
// training, the policy section of the enterprise's settings.
pub use clearance::pages::{NotClearedCard, PolicySection, TrainingLinks};

/// training's plain HTTP routes (downloads, uploads), merged by the root (`crate::feature_routes`).
#[cfg(feature = "ssr")]
pub fn routes<S>() -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
    crate::photos::PhotoStore: axum::extract::FromRef<S>,
{
    axum::Router::new()
        .merge(signin::http::routes())
        .merge(sessions::export::routes())
}
