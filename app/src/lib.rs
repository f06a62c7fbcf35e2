//! Anxun (安巡): confined-space checkpoints, hazard patrols and training sign-ins for
//! industry-and-trade enterprises. One module per feature, each holding its pages, server
//! functions, SQL (server-only) and tests.
#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod account;
#[cfg(feature = "ssr")]
pub mod act;
pub mod actor;
pub mod app;
pub mod audit;
pub mod auth;
pub mod checkpoint;
pub mod error;
pub mod offline;
pub mod photos;
pub mod pwa;
pub mod rules;
pub mod scan;
pub mod shell;
pub mod time_fmt;
pub mod users;
pub mod vocab;
pub mod words;

#[cfg(test)]
mod architecture_tests;
#[cfg(all(test, feature = "ssr"))]
mod authz_tests;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(all(test, feature = "ssr"))]
mod db_tenancy_tests;
#[cfg(all(test, feature = "ssr"))]
mod db_vocab_tests;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod input;
#[cfg(feature = "ssr")]
pub mod lang;
#[cfg(feature = "ssr")]
pub mod site;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(all(test, feature = "ssr"))]
mod testing;
#[cfg(feature = "ssr")]
pub mod xlsx;

/// Declares the features: each one's module, its words and its plain HTTP routes, from one
/// list. Adding a feature adds its name to it (its pages' route group goes in `app.rs`, its
/// navigation entry in `shell/feature.rs`; `ARCHITECTURE.md`, "Adding a feature").
macro_rules! features {
    ($($feature:ident),+ $(,)?) => {
        $(pub mod $feature;)+

        /// Every feature's words.
        const FEATURE_WORDS: &[words::Words] = &[$($feature::WORDS),+];

        /// Every feature's plain HTTP routes (downloads, uploads), merged by the server.
        #[cfg(feature = "ssr")]
        pub fn feature_routes<S>() -> axum::Router<S>
        where
            S: Clone + Send + Sync + 'static,
            sqlx::PgPool: axum::extract::FromRef<S>,
            photos::PhotoStore: axum::extract::FromRef<S>,
        {
            axum::Router::new()$(.merge($feature::routes()))+
        }
    };
}

features!(
    spaces, operations, hazards, patrols, training, org, county, overview, visits, risks, home
);

/// The services' words (a service with refusals, fields or audit actions adds its `WORDS`).
const SERVICE_WORDS: &[words::Words] = &[
    auth::WORDS,
    users::WORDS,
    offline::WORDS,
    photos::WORDS,
    pwa::WORDS,
];

/// Every module's words (refusals, fields, audit actions), which the kernel shows without
/// naming the module (`words`).
pub const WORDS: &[&[words::Words]] = &[SERVICE_WORDS, FEATURE_WORDS];

/// Who may read a photo, asked of each feature whose records carry photos (a photo follows
/// what it belongs to). A new feature with photos adds its reader here.
#[cfg(feature = "ssr")]
pub const PHOTO_READERS: &[photos::service::PhotoReader] = &[
    hazards::reads::photo_reader,
    patrols::records::photo_reader,
    visits::service::photo_reader,
];

/// Hands the modules' words to the kernel and, on the server, the features' photo readers to
/// the photos service; called once at start (the server, the WASM entry).
pub fn install_vocabularies() {
    words::install(WORDS);
    #[cfg(feature = "ssr")]
    photos::service::install_readers(PHOTO_READERS);
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    install_vocabularies();
    leptos::mount::hydrate_islands();
    // A marker for browser tests and support: the page is now interactive.
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
