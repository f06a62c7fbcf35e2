//! Routes whose features arrive in later issues: the shell, navigation and URL exist now.

use crate::i18n::*;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upcoming {
    Hazards,
    Patrols,
    Training,
}

#[component]
pub fn ComingSoon(feature: Upcoming) -> impl IntoView {
    let i18n = use_i18n();
    let title = move || {
        match feature {
            Upcoming::Hazards => t_string!(i18n, feature_hazards),
            Upcoming::Patrols => t_string!(i18n, feature_patrols),
            Upcoming::Training => t_string!(i18n, feature_training),
        }
        .to_string()
    };
    view! {
        <h1>{title}</h1>
        <section class="card">
            <h2>{t!(i18n, coming_soon_title)}</h2>
            <p class="muted">{t!(i18n, coming_soon_body)}</p>
        </section>
    }
}
