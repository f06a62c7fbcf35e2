//! The app's places in one list: what the bottom navigation, the home cards and the
//! "coming soon" page show. A feature appears here once; each role's navigation and home
//! are lists of these.

use crate::{auth::Role, i18n::*};
use leptos_i18n::I18nContext;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    Home,
    Scan,
    Spaces,
    Hazards,
    Patrols,
    Training,
    People,
    ImportPeople,
    Enterprises,
    EnterpriseSettings,
    Me,
}

impl Feature {
    pub fn href(self) -> &'static str {
        match self {
            Feature::Home => "/",
            Feature::Scan => "/scan",
            Feature::Spaces => "/spaces",
            Feature::Hazards => "/hazards",
            Feature::Patrols => "/patrols",
            Feature::Training => "/training",
            Feature::People => "/admin/users",
            Feature::ImportPeople => "/admin/users/import",
            Feature::Enterprises => "/enterprises",
            Feature::EnterpriseSettings => "/admin/enterprise",
            Feature::Me => "/me",
        }
    }

    /// The short name in the bottom bar and as a page title.
    pub fn label(self, i18n: I18nContext<Locale>) -> String {
        match self {
            Feature::Home => t_string!(i18n, common.nav_home),
            Feature::Scan => t_string!(i18n, common.nav_scan),
            Feature::Spaces => t_string!(i18n, common.nav_spaces),
            Feature::Hazards => t_string!(i18n, common.nav_hazards),
            Feature::Patrols => t_string!(i18n, common.nav_patrols),
            Feature::Training => t_string!(i18n, common.nav_training),
            Feature::People => t_string!(i18n, common.nav_people),
            Feature::ImportPeople => t_string!(i18n, common.card_import),
            Feature::Enterprises => t_string!(i18n, common.nav_enterprises),
            Feature::EnterpriseSettings => t_string!(i18n, common.nav_enterprise_settings),
            Feature::Me => t_string!(i18n, common.nav_me),
        }
        .to_string()
    }

    /// Title and one line on the home page; a worker's training card is about their own.
    pub fn card(self, i18n: I18nContext<Locale>, role: Role) -> (String, String) {
        let (title, desc) = match self {
            Feature::Scan => (
                t_string!(i18n, common.card_scan),
                t_string!(i18n, common.card_scan_desc),
            ),
            Feature::Training if role == Role::Worker => (
                t_string!(i18n, common.card_my_training),
                t_string!(i18n, common.card_my_training_desc),
            ),
            Feature::Training => (
                t_string!(i18n, common.card_training),
                t_string!(i18n, common.card_training_desc),
            ),
            Feature::Spaces => (
                t_string!(i18n, common.card_spaces),
                t_string!(i18n, common.card_spaces_desc),
            ),
            Feature::Hazards if !matches!(role, Role::SafetyOfficer | Role::EnterpriseAdmin) => (
                t_string!(i18n, hazards.my_hazards),
                t_string!(i18n, hazards.my_hazards_hint),
            ),
            Feature::Hazards => (
                t_string!(i18n, common.card_hazards),
                t_string!(i18n, common.card_hazards_desc),
            ),
            Feature::Patrols => (
                t_string!(i18n, common.card_patrols),
                t_string!(i18n, common.card_patrols_desc),
            ),
            Feature::People => (
                t_string!(i18n, common.card_people),
                t_string!(i18n, common.card_people_desc),
            ),
            Feature::ImportPeople => (
                t_string!(i18n, common.card_import),
                t_string!(i18n, common.card_import_desc),
            ),
            Feature::Enterprises => (
                t_string!(i18n, common.card_enterprises),
                t_string!(i18n, common.card_enterprises_desc),
            ),
            Feature::EnterpriseSettings => (
                t_string!(i18n, common.card_enterprise_settings),
                t_string!(i18n, common.card_enterprise_settings_desc),
            ),
            Feature::Home | Feature::Me => (
                t_string!(i18n, common.nav_home),
                t_string!(i18n, common.nav_me),
            ),
        };
        (title.to_string(), desc.to_string())
    }

    /// A 24×24 outline icon path (drawn inline: no icon font, no extra request).
    pub fn icon(self) -> &'static str {
        match self {
            Feature::Home => "M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z",
            Feature::Scan => "M4 8V4h4M16 4h4v4M20 16v4h-4M8 20H4v-4M4 12h16",
            Feature::Training => "M3 7l9-4 9 4-9 4-9-4zM7 9v5c0 2 2.5 3 5 3s5-1 5-3V9",
            Feature::Spaces => "M6 4h12v16H6zM6 9h12M10 13h4",
            Feature::Hazards => "M12 3l10 18H2L12 3zM12 10v5M12 18v.5",
            Feature::Patrols => {
                "M12 21s-7-6-7-11a7 7 0 0 1 14 0c0 5-7 11-7 11zM12 12.5a2.5 2.5 0 1 0 0-5"
            }
            Feature::People | Feature::ImportPeople => {
                "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21c0-4 3-6 7-6s7 2 7 6M17 11a3 3 0 0 0 0-6M22 21c0-3-2-5-5-5.5"
            }
            Feature::Enterprises => "M3 21V8l6-4v17M9 21V10l12 4v7M3 21h18",
            Feature::EnterpriseSettings => {
                "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM4 12h2M18 12h2M12 4v2M12 18v2M6.3 6.3l1.4 1.4M16.3 16.3l1.4 1.4M6.3 17.7l1.4-1.4M16.3 7.7l1.4-1.4"
            }
            Feature::Me => "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 4-6 8-6s8 2 8 6",
        }
    }
}

/// What each role finds in its bottom bar, most frequent first.
pub fn nav_entries(role: Role) -> &'static [Feature] {
    use Feature::*;
    match role {
        Role::Worker => &[Home, Scan, Hazards, Training, Me],
        Role::SafetyOfficer => &[Home, Spaces, Hazards, Patrols, Me],
        Role::Trainer => &[Home, Training, Scan, Me],
        Role::EnterpriseAdmin => &[Home, People, Spaces, Training, Me],
        Role::Regulator => &[Home, Enterprises, Me],
    }
}

/// The cards on each role's home page.
pub fn home_cards(role: Role) -> &'static [Feature] {
    use Feature::*;
    match role {
        Role::Worker => &[Scan, Patrols, Hazards, Training],
        Role::SafetyOfficer => &[Spaces, Hazards, Patrols],
        Role::Trainer => &[Training, Scan, Hazards],
        Role::EnterpriseAdmin => &[
            People,
            ImportPeople,
            Spaces,
            Hazards,
            Training,
            EnterpriseSettings,
        ],
        Role::Regulator => &[Enterprises],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_home_first_and_me_last() {
        for role in Role::ALL {
            let entries = nav_entries(role);
            assert_eq!(entries.first(), Some(&Feature::Home), "{role:?}");
            assert_eq!(entries.last(), Some(&Feature::Me), "{role:?}");
            assert!(
                entries.len() <= 5,
                "{role:?} has too many entries for a phone"
            );
        }
    }

    #[test]
    fn only_admins_see_people_and_only_regulators_see_enterprises() {
        for role in Role::ALL {
            let admin = role == Role::EnterpriseAdmin;
            for list in [nav_entries(role), home_cards(role)] {
                let people =
                    list.contains(&Feature::People) || list.contains(&Feature::ImportPeople);
                assert_eq!(people, admin, "{role:?}");
                assert_eq!(
                    list.contains(&Feature::Enterprises),
                    role == Role::Regulator
                );
            }
            assert!(!home_cards(role).is_empty(), "{role:?}");
        }
    }

    #[test]
    fn every_place_has_its_own_address() {
        use Feature::*;
        let all = [
            Home,
            Scan,
            Spaces,
            Hazards,
            Patrols,
            Training,
            People,
            ImportPeople,
            Enterprises,
            Me,
        ];
        for a in all {
            assert!(a.href().starts_with('/'));
            assert_eq!(
                all.iter().filter(|b| b.href() == a.href()).count(),
                1,
                "{a:?}"
            );
        }
    }
}
