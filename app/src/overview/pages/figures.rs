//! One row's figures as links: each number opens the list of the enterprises behind it.

use crate::{
    county::{grade_label, risk_label, FocusRisk, StandardGrade},
    i18n::*,
    overview::{Figures, Filter},
};
use leptos::prelude::*;
use uuid::Uuid;

/// One figure: its value, what it counts, and the list behind it; `alert` when it is not
/// what it should be (shown red).
fn figure(href: String, key: String, value: String, label: String, alert: bool) -> impl IntoView {
    view! {
        <li>
            <a href=href class="card today-figure" class:alert=alert data-figure=key>
                <strong>{value}</strong>
                <span>{label}</span>
            </a>
        </li>
    }
}

/// The figures of one row, linking to lists at `node` over the period.
#[component]
pub fn FigureGrid(f: Figures, node: Uuid, from: String, to: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let href = move |filter: Filter| super::list_href(node, filter, &from, &to);
    let n = |x: u32| x.to_string();
    let main = vec![
        figure(href(Filter::All), "enterprises".into(), n(f.enterprises), td_string!(locale, overview.enterprises).into(), false),
        figure(href(Filter::Watched), "watched".into(), n(f.watched), td_string!(locale, overview.watched).into(), false),
        figure(href(Filter::NoAdmin), "no_admin".into(), n(f.enterprises - f.with_admin), td_string!(locale, overview.no_admin).into(), f.with_admin < f.enterprises),
        figure(href(Filter::NotSignedIn), "not_signed_in".into(), n(f.enterprises - f.signed_in), td_string!(locale, overview.not_signed_in).into(), f.signed_in < f.enterprises),
        figure(href(Filter::ItemsOpen), "items".into(), super::share(f.items_cleared, f.items_applicable), td_string!(locale, overview.items).into(), f.items_cleared < f.items_applicable),
        figure(href(Filter::RoundsMissed), "rounds".into(), super::share(f.rounds_made, f.rounds_expected), td_string!(locale, overview.rounds).into(), f.rounds_missed > 0),
        figure(href(Filter::HazardsOpen), "hazards_open".into(), n(f.hazards_open), td_string!(locale, overview.hazards_open).into(), false),
        figure(href(Filter::HazardsOverdue), "hazards_overdue".into(), n(f.hazards_overdue), td_string!(locale, overview.hazards_overdue).into(), f.hazards_overdue > 0),
        figure(href(Filter::HazardsMajor), "hazards_major".into(), n(f.hazards_major), td_string!(locale, overview.hazards_major).into(), f.hazards_major > 0),
        figure(href(Filter::NotCleared), "cleared".into(), super::share(f.people_cleared, f.people), td_string!(locale, overview.cleared).into(), f.people_cleared < f.people),
        figure(href(Filter::Operations), "operations".into(), n(f.operations), td_string!(locale, overview.operations).into(), false),
        figure(href(Filter::MajorHazardSource), "major_hazard_source".into(), n(f.major_hazard_source), td_string!(locale, overview.major_hazard_source).into(), false),
    ];
    // The focus risks and the standardisation grades, each its own list.
    let tag = |filter: Filter, key: String, label: String, count: u32| {
        view! { <a class="tag" href=href(filter) data-figure=key>{label}" "{count}</a> }
    };
    let risks = FocusRisk::ALL
        .iter()
        .zip(f.by_risk.iter())
        .map(|(r, c)| tag(Filter::Risk(*r), format!("risk:{}", r.as_str()), risk_label(locale, *r).into(), *c))
        .collect_view();
    let grades = StandardGrade::ALL
        .iter()
        .map(|g| Some(*g))
        .chain([None])
        .zip(f.grades.iter())
        .map(|(g, c)| {
            let label = match g {
                Some(g) => grade_label(locale, g).to_string(),
                None => td_string!(locale, overview.grade_none).to_string(),
            };
            tag(Filter::Grade(g), Filter::Grade(g).key(), label, *c)
        })
        .collect_view();
    view! {
        <ul class="today-figures overview-figures">{main}</ul>
        <p class="tags" aria-label=td_string!(locale, overview.focus_risks)>{risks}</p>
        <p class="tags" aria-label=td_string!(locale, overview.grades)>
            <span class="muted">{t!(i18n, overview.grades)}" "</span>{grades}
        </p>
    }
}

/// One enterprise's figures on a line or two (a township's rows and the lists): the shares,
/// then its open hazards, with what is wrong marked.
#[component]
pub fn FiguresLine(f: Figures) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let bad = |on: bool, text: String| on.then(|| view! { <span class="tag danger">{text}</span> });
    view! {
        <span class="muted">
            {t!(i18n, overview.items)}" "{super::share(f.items_cleared, f.items_applicable)}" · "
            {t!(i18n, overview.rounds)}" "{super::share(f.rounds_made, f.rounds_expected)}" · "
            {t!(i18n, overview.cleared)}" "{super::share(f.people_cleared, f.people)}" · "
            {t!(i18n, overview.operations)}" "{f.operations}
        </span>
        <span>
            {t!(i18n, overview.hazards_open)}" "{f.hazards_open}
            {bad(f.hazards_overdue > 0, format!("{} {}", td_string!(locale, overview.hazards_overdue), f.hazards_overdue))}
            {bad(f.hazards_major > 0, format!("{} {}", td_string!(locale, overview.hazards_major), f.hazards_major))}
            {bad(f.with_admin == 0, td_string!(locale, overview.no_admin).to_string())}
        </span>
    }
}
