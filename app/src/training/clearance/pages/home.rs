//! On the home page: what a person who is not cleared still needs, and the training links of
//! officers, trainers, admins and regulators.

use super::Reasons;
use crate::{
    auth::Role,
    i18n::*,
    shell::load,
    training::clearance::{my_clearance, ClearanceView},
};
use leptos::prelude::*;

/// Shown only when the signed-in person is not cleared: the reasons and a link to their file.
#[component]
pub fn NotClearedCard() -> impl IntoView {
    let i18n = use_i18n();
    load(my_clearance, move |c: ClearanceView| {
        (!c.cleared).then(|| {
            view! {
                <section class="card not-cleared" data-cleared="false" role="status">
                    <h2>{t!(i18n, clearance.home_not_cleared)}</h2>
                    <p>{t!(i18n, clearance.home_not_cleared_hint)}</p>
                    <Reasons reasons=c.reasons.clone()/>
                    <a href="/training/file" class="button primary">{t!(i18n, clearance.home_open_file)}</a>
                </section>
            }
        })
    })
}

/// Links to the clearance pages a role uses.
#[component]
pub fn TrainingLinks(role: Role) -> impl IntoView {
    let i18n = use_i18n();
    let links: Vec<(&'static str, String)> = match role {
        Role::Regulator => vec![(
            "/training/regulator",
            t_string!(i18n, clearance.regulator_title).to_string(),
        )],
        Role::Operator | Role::Expert => vec![],
        Role::SafetyOfficer | Role::Trainer | Role::EnterpriseAdmin => vec![
            (
                "/training/people",
                t_string!(i18n, clearance.people_title).to_string(),
            ),
            (
                "/training/file",
                t_string!(i18n, clearance.my_file_title).to_string(),
            ),
        ],
        Role::Worker => vec![(
            "/training/file",
            t_string!(i18n, clearance.my_file_title).to_string(),
        )],
    };
    let items = links
        .into_iter()
        .map(|(href, text)| view! { <li><a href=href class="card link-card"><strong>{text}</strong></a></li> })
        .collect_view();
    view! { <ul class="cards training-links">{items}</ul> }
}
