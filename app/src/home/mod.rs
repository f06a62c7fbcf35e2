//! The home page: a greeting, the officer's numbers of the day and the entries each role
//! uses most.

pub mod today;

use crate::{
    auth::{Role, SessionUser},
    i18n::*,
    org::principal_notice,
    shell::{home_cards, load, with_user},
};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::components::A;

fn intro(i18n: I18nContext<Locale>, role: Role) -> String {
    match role {
        Role::Worker => t_string!(i18n, common.home_worker_intro),
        Role::SafetyOfficer => t_string!(i18n, common.home_officer_intro),
        Role::Trainer => t_string!(i18n, common.home_trainer_intro),
        Role::EnterpriseAdmin => t_string!(i18n, common.home_admin_intro),
        Role::Regulator => t_string!(i18n, common.home_regulator_intro),
        Role::Operator => t_string!(i18n, common.home_operator_intro),
        Role::Expert => t_string!(i18n, common.home_expert_intro),
    }
    .to_string()
}

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    with_user(move |u: SessionUser| {
        let role = u.role;
        let name = u.name.clone();
        view! {
            <section class="home" data-role=role.as_str()>
                <h1>{move || t_string!(i18n, common.home_greeting, name = name.clone()).to_string()}</h1>
                <p class="muted">{move || intro(i18n, role)}</p>
                {load(principal_notice, move |notice: Option<(String, String)>| {
                    notice.map(|(by, at)| view! {
                        <p class="notice ok principal-notice" role="status">
                            {move || t_string!(i18n, common.principal_notice, by = by.clone(), at = at.clone()).to_string()}
                        </p>
                    })
                })}
                {Role::ENTERPRISE_ROLES.contains(&role).then(|| view! { <crate::training::NotClearedCard/> })}
                {matches!(role, Role::SafetyOfficer | Role::EnterpriseAdmin).then(|| view! { <today::TodayCard/> })}
                <ul class="cards">
                    {home_cards(role)
                        .iter()
                        .map(|card| {
                            let card = *card;
                            view! {
                                <li>
                                    <A href=card.href() attr:class="card link-card">
                                        <strong>{move || card.card(i18n, role).0}</strong>
                                        <span class="muted">{move || card.card(i18n, role).1}</span>
                                    </A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <crate::training::TrainingLinks role/>
            </section>
        }
    })
}

/// home's plain HTTP routes, merged by the root (`crate::feature_routes`): none yet.
#[cfg(feature = "ssr")]
pub fn routes<S>() -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
    crate::photos::PhotoStore: axum::extract::FromRef<S>,
{
    axum::Router::new()
}

/// The words home lends the kernel (`crate::words`): none of its own yet.
pub const WORDS: crate::words::Words = crate::words::Words::of("home");
