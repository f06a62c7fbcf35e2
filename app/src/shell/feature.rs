//! The app's places in one list: what the bottom navigation and the home cards show. Each
//! place is one entry here (its address, its name in the bar, its home card, its icon); each
//! role's bar and home are lists of these.

use crate::{auth::Role, i18n::*};
use leptos_i18n::I18nContext;

/// A place of the app the bottom bar or a home card leads to.
#[derive(Clone, Copy)]
pub struct Place {
    href: &'static str,
    /// The short name in the bottom bar and as a page title.
    label: fn(Locale) -> String,
    /// Title and one line on the home page, for a role (a worker's may be about their own).
    card: fn(Locale, Role) -> (String, String),
    /// A 24×24 outline icon path (drawn inline: no icon font, no extra request).
    icon: &'static str,
}

impl Place {
    pub fn href(self) -> &'static str {
        self.href
    }

    pub fn label(self, i18n: I18nContext<Locale>) -> String {
        (self.label)(i18n.get_locale())
    }

    pub fn card(self, i18n: I18nContext<Locale>, role: Role) -> (String, String) {
        (self.card)(i18n.get_locale(), role)
    }

    pub fn icon(self) -> &'static str {
        self.icon
    }
}

// A place is its address: two entries with one address are one place.
impl PartialEq for Place {
    fn eq(&self, other: &Place) -> bool {
        self.href == other.href
    }
}

impl std::fmt::Debug for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.href)
    }
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

pub const HOME: Place = Place {
    href: "/",
    label: |l| td_string!(l, common.nav_home).to_string(),
    card: |l, _| pair(td_string!(l, common.nav_home), td_string!(l, common.nav_me)),
    icon: "M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z",
};

pub const SCAN: Place = Place {
    href: "/scan",
    label: |l| td_string!(l, common.nav_scan).to_string(),
    card: |l, _| {
        pair(
            td_string!(l, common.card_scan),
            td_string!(l, common.card_scan_desc),
        )
    },
    icon: "M4 8V4h4M16 4h4v4M20 16v4h-4M8 20H4v-4M4 12h16",
};

pub const SPACES: Place = Place {
    href: "/spaces",
    label: |l| td_string!(l, common.nav_spaces).to_string(),
    card: |l, _| {
        pair(
            td_string!(l, common.card_spaces),
            td_string!(l, common.card_spaces_desc),
        )
    },
    icon: "M6 4h12v16H6zM6 9h12M10 13h4",
};

pub const HAZARDS: Place = Place {
    href: "/hazards",
    label: |l| td_string!(l, common.nav_hazards).to_string(),
    card: |l, role| match role {
        Role::SafetyOfficer | Role::EnterpriseAdmin => pair(
            td_string!(l, common.card_hazards),
            td_string!(l, common.card_hazards_desc),
        ),
        _ => pair(
            td_string!(l, hazards.my_hazards),
            td_string!(l, hazards.my_hazards_hint),
        ),
    },
    icon: "M12 3l10 18H2L12 3zM12 10v5M12 18v.5",
};

pub const PATROLS: Place = Place {
    href: "/patrols",
    label: |l| td_string!(l, common.nav_patrols).to_string(),
    card: |l, _| {
        pair(
            td_string!(l, common.card_patrols),
            td_string!(l, common.card_patrols_desc),
        )
    },
    icon: "M12 21s-7-6-7-11a7 7 0 0 1 14 0c0 5-7 11-7 11zM12 12.5a2.5 2.5 0 1 0 0-5",
};

pub const TRAINING: Place = Place {
    href: "/training",
    label: |l| td_string!(l, common.nav_training).to_string(),
    card: |l, role| match role {
        Role::Worker => pair(
            td_string!(l, common.card_my_training),
            td_string!(l, common.card_my_training_desc),
        ),
        _ => pair(
            td_string!(l, common.card_training),
            td_string!(l, common.card_training_desc),
        ),
    },
    icon: "M3 7l9-4 9 4-9 4-9-4zM7 9v5c0 2 2.5 3 5 3s5-1 5-3V9",
};

const PEOPLE_ICON: &str = "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21c0-4 3-6 7-6s7 2 7 6M17 11a3 3 0 0 0 0-6M22 21c0-3-2-5-5-5.5";

pub const PEOPLE: Place = Place {
    href: "/admin/users",
    label: |l| td_string!(l, common.nav_people).to_string(),
    card: |l, _| {
        pair(
            td_string!(l, common.card_people),
            td_string!(l, common.card_people_desc),
        )
    },
    icon: PEOPLE_ICON,
};

pub const IMPORT_PEOPLE: Place = Place {
    href: "/admin/users/import",
    label: |l| td_string!(l, common.card_import).to_string(),
    card: |l, _| {
        pair(
            td_string!(l, common.card_import),
            td_string!(l, common.card_import_desc),
        )
    },
    icon: PEOPLE_ICON,
};

pub const ENTERPRISES: Place = Place {
    href: "/enterprises",
    label: |l| td_string!(l, common.nav_enterprises).to_string(),
    card: |l, _| {
        pair(
            td_string!(l, common.card_enterprises),
            td_string!(l, common.card_enterprises_desc),
        )
    },
    icon: "M3 21V8l6-4v17M9 21V10l12 4v7M3 21h18",
};

pub const ENTERPRISE_SETTINGS: Place = Place {
    href: "/admin/enterprise",
    label: |l| td_string!(l, common.nav_enterprise_settings).to_string(),
    card: |l, _| {
        pair(
            td_string!(l, common.card_enterprise_settings),
            td_string!(l, common.card_enterprise_settings_desc),
        )
    },
    icon: "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM4 12h2M18 12h2M12 4v2M12 18v2M6.3 6.3l1.4 1.4M16.3 16.3l1.4 1.4M6.3 17.7l1.4-1.4M16.3 7.7l1.4-1.4",
};

pub const ME: Place = Place {
    href: "/me",
    label: |l| td_string!(l, common.nav_me).to_string(),
    card: |l, _| pair(td_string!(l, common.nav_home), td_string!(l, common.nav_me)),
    icon: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 4-6 8-6s8 2 8 6",
};

pub const COUNTY: Place = Place {
    href: "/county/tree",
    label: |l| td_string!(l, county.nav_county).to_string(),
    card: |l, _| {
        pair(
            td_string!(l, county.card_county),
            td_string!(l, county.card_county_desc),
        )
    },
    icon:
        "M9 3h6v4H9zM12 7v4M5 11h14M5 11v3M19 11v3M12 11v3M3 14h4v4H3zM10 14h4v4h-4zM17 14h4v4h-4z",
};

pub const COUNTY_LEDGER: Place = Place {
    href: "/county/enterprises",
    label: |l| td_string!(l, county.nav_ledger).to_string(),
    card: |l, _| {
        pair(
            td_string!(l, county.card_ledger),
            td_string!(l, county.card_ledger_desc),
        )
    },
    icon: "M6 3h9l4 4v14H6zM9 9h6M9 13h6M9 17h4",
};

pub const OVERVIEW: Place = Place {
    href: "/overview",
    label: |l| td_string!(l, overview.nav).to_string(),
    card: |l, _| {
        pair(
            td_string!(l, overview.card),
            td_string!(l, overview.card_desc),
        )
    },
    icon: "M4 20V10M10 20V4M16 20v-7M22 20H2",
};

pub const VISITS: Place = Place {
    href: "/visits",
    label: |l| td_string!(l, visits.nav).to_string(),
    card: |l, _| pair(td_string!(l, visits.card), td_string!(l, visits.card_desc)),
    icon: "M9 5h6M9 3h6v4H9zM6 5H5v16h14V5h-1M9 12l2 2 4-4M9 17h6",
};

pub const RISKS: Place = Place {
    href: "/risks",
    label: |l| td_string!(l, risks.nav).to_string(),
    card: |l, _| pair(td_string!(l, risks.card), td_string!(l, risks.card_desc)),
    icon: "M12 3l9 16H3zM12 10v4M12 17v.5",
};

/// What each role finds in its bottom bar, most frequent first.
pub fn nav_entries(role: Role) -> &'static [Place] {
    match role {
        Role::Worker => &[HOME, SCAN, HAZARDS, TRAINING, ME],
        Role::SafetyOfficer => &[HOME, SPACES, HAZARDS, PATROLS, ME],
        Role::Trainer => &[HOME, TRAINING, SCAN, ME],
        Role::EnterpriseAdmin => &[HOME, PEOPLE, SPACES, TRAINING, ME],
        Role::Regulator => &[HOME, OVERVIEW, VISITS, ENTERPRISES, ME],
        Role::Expert => &[HOME, VISITS, ME],
        Role::Operator => &[HOME, COUNTY, COUNTY_LEDGER, ME],
    }
}

/// The cards on each role's home page.
pub fn home_cards(role: Role) -> &'static [Place] {
    match role {
        Role::Worker => &[SCAN, PATROLS, HAZARDS, TRAINING],
        Role::SafetyOfficer => &[SPACES, HAZARDS, PATROLS, RISKS],
        Role::Trainer => &[TRAINING, SCAN, HAZARDS],
        Role::EnterpriseAdmin => &[
            PEOPLE,
            IMPORT_PEOPLE,
            SPACES,
            HAZARDS,
            TRAINING,
            RISKS,
            ENTERPRISE_SETTINGS,
        ],
        Role::Regulator => &[OVERVIEW, VISITS, ENTERPRISES, COUNTY_LEDGER, COUNTY],
        Role::Expert => &[VISITS],
        Role::Operator => &[COUNTY, COUNTY_LEDGER],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_home_first_and_me_last() {
        for role in Role::ALL {
            let entries = nav_entries(role);
            assert_eq!(entries.first(), Some(&HOME), "{role:?}");
            assert_eq!(entries.last(), Some(&ME), "{role:?}");
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
                let people = list.contains(&PEOPLE) || list.contains(&IMPORT_PEOPLE);
                assert_eq!(people, admin, "{role:?}");
                assert_eq!(list.contains(&ENTERPRISES), role == Role::Regulator);
            }
            assert!(!home_cards(role).is_empty(), "{role:?}");
        }
    }

    #[test]
    fn every_place_has_its_own_address() {
        let all = [
            HOME,
            SCAN,
            SPACES,
            HAZARDS,
            PATROLS,
            TRAINING,
            PEOPLE,
            IMPORT_PEOPLE,
            ENTERPRISES,
            ENTERPRISE_SETTINGS,
            ME,
            COUNTY,
            COUNTY_LEDGER,
            OVERVIEW,
            VISITS,
            RISKS,
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
