//! The bottom navigation: each role sees its own entries, thumb-reachable on a phone.

use crate::{auth::Role, i18n::*};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::components::A;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavEntry {
    Home,
    Scan,
    Training,
    Spaces,
    Hazards,
    Patrols,
    People,
    Enterprises,
    Me,
}

impl NavEntry {
    pub fn href(self) -> &'static str {
        match self {
            NavEntry::Home => "/",
            NavEntry::Scan => "/scan",
            NavEntry::Training => "/training",
            NavEntry::Spaces => "/spaces",
            NavEntry::Hazards => "/hazards",
            NavEntry::Patrols => "/patrols",
            NavEntry::People => "/admin/users",
            NavEntry::Enterprises => "/enterprises",
            NavEntry::Me => "/me",
        }
    }

    fn label(self, i18n: I18nContext<Locale>) -> String {
        match self {
            NavEntry::Home => t_string!(i18n, nav_home),
            NavEntry::Scan => t_string!(i18n, nav_scan),
            NavEntry::Training => t_string!(i18n, nav_training),
            NavEntry::Spaces => t_string!(i18n, nav_spaces),
            NavEntry::Hazards => t_string!(i18n, nav_hazards),
            NavEntry::Patrols => t_string!(i18n, nav_patrols),
            NavEntry::People => t_string!(i18n, nav_people),
            NavEntry::Enterprises => t_string!(i18n, nav_enterprises),
            NavEntry::Me => t_string!(i18n, nav_me),
        }
        .to_string()
    }

    /// A 24×24 outline icon path (drawn inline: no icon font, no extra request).
    fn icon(self) -> &'static str {
        match self {
            NavEntry::Home => "M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z",
            NavEntry::Scan => "M4 8V4h4M16 4h4v4M20 16v4h-4M8 20H4v-4M4 12h16",
            NavEntry::Training => "M3 7l9-4 9 4-9 4-9-4zM7 9v5c0 2 2.5 3 5 3s5-1 5-3V9",
            NavEntry::Spaces => "M6 4h12v16H6zM6 9h12M10 13h4",
            NavEntry::Hazards => "M12 3l10 18H2L12 3zM12 10v5M12 18v.5",
            NavEntry::Patrols => "M12 21s-7-6-7-11a7 7 0 0 1 14 0c0 5-7 11-7 11zM12 12.5a2.5 2.5 0 1 0 0-5",
            NavEntry::People => "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21c0-4 3-6 7-6s7 2 7 6M17 11a3 3 0 0 0 0-6M22 21c0-3-2-5-5-5.5",
            NavEntry::Enterprises => "M3 21V8l6-4v17M9 21V10l12 4v7M3 21h18",
            NavEntry::Me => "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 4-6 8-6s8 2 8 6",
        }
    }
}

/// What each role finds in its bottom bar, most frequent first.
pub fn nav_entries(role: Role) -> &'static [NavEntry] {
    use NavEntry::*;
    match role {
        Role::Worker => &[Home, Scan, Training, Me],
        Role::SafetyOfficer => &[Home, Spaces, Hazards, Patrols, Me],
        Role::Trainer => &[Home, Training, Scan, Me],
        Role::EnterpriseAdmin => &[Home, People, Spaces, Training, Me],
        Role::Regulator => &[Home, Enterprises, Me],
    }
}

#[component]
pub fn BottomNav(role: Role) -> impl IntoView {
    let i18n = use_i18n();
    let items = nav_entries(role)
        .iter()
        .map(|entry| {
            let entry = *entry;
            let href = entry.href();
            // <A> marks the current entry with aria-current="page"; Home only on "/" itself.
            view! {
                <li>
                    <A href=href exact={href == "/"} attr:data-nav=href>
                        <svg viewBox="0 0 24 24" aria-hidden="true"><path d=entry.icon()/></svg>
                        <span>{move || entry.label(i18n)}</span>
                    </A>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="bottom-nav" aria-label=move || t_string!(i18n, nav_main).to_string()>
            <ul>{items}</ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_home_first_and_me_last() {
        for role in Role::ALL {
            let entries = nav_entries(role);
            assert_eq!(entries.first(), Some(&NavEntry::Home), "{role:?}");
            assert_eq!(entries.last(), Some(&NavEntry::Me), "{role:?}");
            assert!(
                entries.len() <= 5,
                "{role:?} has too many entries for a phone"
            );
        }
    }

    #[test]
    fn only_admins_see_people_and_only_regulators_see_enterprises() {
        for role in Role::ALL {
            let entries = nav_entries(role);
            assert_eq!(
                entries.contains(&NavEntry::People),
                role == Role::EnterpriseAdmin
            );
            assert_eq!(
                entries.contains(&NavEntry::Enterprises),
                role == Role::Regulator
            );
        }
    }
}
