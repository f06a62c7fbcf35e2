//! The page of a feature that arrives in a later issue: its URL and navigation exist now. A
//! feature not built yet (`Feature::ready`) routes its URL here; none does today.

use crate::{i18n::*, shell::Feature};
use leptos::prelude::*;

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
