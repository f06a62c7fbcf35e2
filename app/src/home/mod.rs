//! The home page: a greeting and the entries each role uses most.

use crate::{
    auth::{Role, SessionUser},
    i18n::*,
    shell::with_user,
};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::components::A;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Card {
    Scan,
    MyTraining,
    Spaces,
    Hazards,
    Patrols,
    Training,
    People,
    Import,
    Enterprises,
}

fn cards(role: Role) -> &'static [Card] {
    use Card::*;
    match role {
        Role::Worker => &[Scan, MyTraining],
        Role::SafetyOfficer => &[Spaces, Hazards, Patrols],
        Role::Trainer => &[Training, Scan],
        Role::EnterpriseAdmin => &[People, Import, Spaces, Training],
        Role::Regulator => &[Enterprises],
    }
}

impl Card {
    fn href(self) -> &'static str {
        match self {
            Card::Scan => "/scan",
            Card::MyTraining | Card::Training => "/training",
            Card::Spaces => "/spaces",
            Card::Hazards => "/hazards",
            Card::Patrols => "/patrols",
            Card::People => "/admin/users",
            Card::Import => "/admin/users/import",
            Card::Enterprises => "/enterprises",
        }
    }

    fn text(self, i18n: I18nContext<Locale>) -> (String, String) {
        let (title, desc) = match self {
            Card::Scan => (t_string!(i18n, card_scan), t_string!(i18n, card_scan_desc)),
            Card::MyTraining => (
                t_string!(i18n, card_my_training),
                t_string!(i18n, card_my_training_desc),
            ),
            Card::Spaces => (
                t_string!(i18n, card_spaces),
                t_string!(i18n, card_spaces_desc),
            ),
            Card::Hazards => (
                t_string!(i18n, card_hazards),
                t_string!(i18n, card_hazards_desc),
            ),
            Card::Patrols => (
                t_string!(i18n, card_patrols),
                t_string!(i18n, card_patrols_desc),
            ),
            Card::Training => (
                t_string!(i18n, card_training),
                t_string!(i18n, card_training_desc),
            ),
            Card::People => (
                t_string!(i18n, card_people),
                t_string!(i18n, card_people_desc),
            ),
            Card::Import => (
                t_string!(i18n, card_import),
                t_string!(i18n, card_import_desc),
            ),
            Card::Enterprises => (
                t_string!(i18n, card_enterprises),
                t_string!(i18n, card_enterprises_desc),
            ),
        };
        (title.to_string(), desc.to_string())
    }
}

fn intro(i18n: I18nContext<Locale>, role: Role) -> String {
    match role {
        Role::Worker => t_string!(i18n, home_worker_intro),
        Role::SafetyOfficer => t_string!(i18n, home_officer_intro),
        Role::Trainer => t_string!(i18n, home_trainer_intro),
        Role::EnterpriseAdmin => t_string!(i18n, home_admin_intro),
        Role::Regulator => t_string!(i18n, home_regulator_intro),
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
                <h1>{move || t_string!(i18n, home_greeting, name = name.clone()).to_string()}</h1>
                <p class="muted">{move || intro(i18n, role)}</p>
                <ul class="cards">
                    {cards(role)
                        .iter()
                        .map(|card| {
                            let card = *card;
                            view! {
                                <li>
                                    <A href=card.href() attr:class="card link-card">
                                        <strong>{move || card.text(i18n).0}</strong>
                                        <span class="muted">{move || card.text(i18n).1}</span>
                                    </A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_a_home_with_entries_it_may_open() {
        for role in Role::ALL {
            let cs = cards(role);
            assert!(!cs.is_empty(), "{role:?}");
            let admin_only = cs.iter().any(|c| matches!(c, Card::People | Card::Import));
            assert_eq!(admin_only, role == Role::EnterpriseAdmin, "{role:?}");
        }
    }
}
