//! `/training/regulator`: per enterprise of the regulator's jurisdiction, the share of people
//! cleared for work and of confined-space crews with valid training.

use crate::{
    i18n::*,
    shell::load,
    training::clearance::{training_by_enterprise, RegulatorRow},
};
use leptos::prelude::*;

/// A whole percentage, 0 when there is nobody to count.
fn pct(part: u32, whole: u32) -> u32 {
    (part * 100).checked_div(whole).unwrap_or(0)
}

#[component]
pub fn RegulatorPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, clearance.regulator_title)}</h1>
        <p class="muted">{t!(i18n, clearance.regulator_basis)}</p>
        {load(training_by_enterprise, move |rows: Vec<RegulatorRow>| {
            let empty = rows.is_empty();
            let items = rows.into_iter().map(|row| view! { <EnterpriseItem row/> }).collect_view();
            view! {
                {empty.then(|| view! { <p class="muted">{t!(i18n, clearance.no_enterprises)}</p> })}
                <ul class="people">{items}</ul>
            }
        })}
    }
}

#[component]
fn EnterpriseItem(row: RegulatorRow) -> impl IntoView {
    let i18n = use_i18n();
    let (cleared, people) = (row.cleared, row.people);
    let (trained, crew) = (row.confined_space_trained, row.confined_space_people);
    let confined = move || {
        if crew == 0 {
            t_string!(i18n, clearance.regulator_no_crew).to_string()
        } else {
            let p = pct(trained, crew);
            t_string!(
                i18n,
                clearance.regulator_confined,
                trained = trained,
                crew = crew,
                pct = p
            )
            .to_string()
        }
    };
    let p = pct(cleared, people);
    view! {
        <li class="person" data-enterprise=row.enterprise_id.to_string()>
            <div class="person-main">
                <strong>{row.name.clone()}</strong>
                <span class="cleared-share">{move || t_string!(i18n, clearance.regulator_cleared, cleared = cleared, people = people, pct = p).to_string()}</span>
                <span class="confined-share">{confined}</span>
            </div>
        </li>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shares_are_whole_percentages() {
        assert_eq!(super::pct(1, 3), 33);
        assert_eq!(super::pct(0, 0), 0);
        assert_eq!(super::pct(5, 5), 100);
    }
}
