//! The page of a feature that arrives in a later issue: its URL and navigation exist now.

use crate::{i18n::*, shell::Feature};
use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, ParentRoute, Route},
    path,
};

#[component]
pub fn ComingSoon(feature: Feature) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{move || feature.coming_title(i18n)}</h1>
        <section class="card">
            <h2>{t!(i18n, common.coming_soon_title)}</h2>
            <p class="muted">{t!(i18n, common.coming_soon_body)}</p>
        </section>
    }
}

/// The "coming soon" pages of the features not built yet (`Feature::ready`). A feature that
/// arrives replaces its route here with its own route group in `app.rs`.
#[component(transparent)]
pub fn ComingSoonRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        // Siblings share an empty parent: one route group whatever the build.
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("training") view=|| view! { <ComingSoon feature=Feature::Training/> }/>
        </ParentRoute>
    }
    .into_inner()
}
