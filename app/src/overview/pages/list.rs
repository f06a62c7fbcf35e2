//! `/overview/list?node=&filter=&from=&to=`: the enterprises behind one figure (the 重点监管
//! list is `filter=watched`), each with its figures, and the same list as XLSX.

use super::{figures::FiguresLine, overview::PeriodForm};
use crate::{
    county::{grade_label, risk_label},
    i18n::*,
    overview::{overview_list, EnterpriseFigures, FigureList, Filter},
    shell::{load, Pager},
};
use leptos::{either::Either, prelude::*};
use leptos_i18n::I18nContext;

pub fn filter_label(i18n: I18nContext<Locale>, f: Filter) -> String {
    let locale = i18n.get_locale_untracked();
    match f {
        Filter::All => td_string!(locale, overview.enterprises).to_string(),
        Filter::Watched => td_string!(locale, overview.watched).to_string(),
        Filter::Risk(r) => risk_label(locale, r).to_string(),
        Filter::Inactive => td_string!(locale, overview.inactive).to_string(),
        Filter::NoAdmin => td_string!(locale, overview.no_admin).to_string(),
        Filter::NotSignedIn => td_string!(locale, overview.not_signed_in).to_string(),
        Filter::MajorHazardSource => td_string!(locale, overview.major_hazard_source).to_string(),
        Filter::ItemsOpen => td_string!(locale, overview.items_open).to_string(),
        Filter::RoundsMissed => td_string!(locale, overview.rounds_missed).to_string(),
        Filter::HazardsOpen => td_string!(locale, overview.hazards_open).to_string(),
        Filter::HazardsOverdue => td_string!(locale, overview.hazards_overdue).to_string(),
        Filter::HazardsMajor => td_string!(locale, overview.hazards_major).to_string(),
        Filter::NotCleared => td_string!(locale, overview.not_cleared).to_string(),
        Filter::Operations => td_string!(locale, overview.operations).to_string(),
        Filter::Grade(Some(g)) => grade_label(locale, g).to_string(),
        Filter::Grade(None) => td_string!(locale, overview.grade_none).to_string(),
    }
}

#[component]
fn Item(e: EnterpriseFigures) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let f = e.figures;
    let risks = e
        .focus_risks
        .iter()
        .map(|r| view! { <span class="tag warn">{risk_label(locale, *r)}</span> })
        .collect_view();
    view! {
        <li class="person" data-enterprise=e.id.to_string()>
            <div class="person-main">
                <a href=format!("/county/enterprises/{}", e.id)><strong>{e.name}</strong></a>
                <span class="tag">{e.place}</span>
                {e.grade.map(|g| view! { <span class="tag">{grade_label(locale, g)}</span> })}
                {risks}
                <FiguresLine f/>
            </div>
        </li>
    }
}

#[component]
fn Body(l: FigureList) -> impl IntoView {
    let i18n = use_i18n();
    let filter = l.filter;
    let export = format!(
        "/export/overview.xlsx?node={}&filter={}&from={}&to={}",
        l.node,
        filter.key(),
        l.from,
        l.to
    );
    let back = format!("/overview?node={}&from={}&to={}", l.node, l.from, l.to);
    let count = l.total;
    // Earlier and later pages of a long list (a county's 重点监管 are a thousand enterprises).
    let href = {
        let (node, key, from, to) = (l.node, filter.key(), l.from.clone(), l.to.clone());
        move |page: u32| format!("/overview/list?node={node}&filter={key}&from={from}&to={to}&page={page}")
    };
    let pager = view! { <Pager page=l.page pages=l.pages href/> };
    let items = if l.rows.is_empty() {
        Either::Left(view! { <p class="muted">{t!(i18n, overview.list_empty)}</p> })
    } else {
        Either::Right(view! {
            <ul class="people" id="figure-list">
                {l.rows.into_iter().map(|e| view! { <Item e/> }).collect_view()}
            </ul>
        })
    };
    view! {
        <h1>{move || filter_label(i18n, filter)}" · "{l.name.clone()}</h1>
        <p class="muted" id="list-count" data-count=count>
            {move || t_string!(i18n, overview.list_count, count = count).to_string()}
        </p>
        <p class="row-actions">
            <a href=back class="button">{t!(i18n, overview.back)}</a>
            <a href=export class="button" download>{t!(i18n, overview.export)}</a>
        </p>
        <PeriodForm action="/overview/list" node=l.node.to_string() filter=Some(filter.key()) from=l.from.clone() to=l.to.clone()/>
        {items}
        {pager}
    }
}

#[component]
pub fn ListPage() -> impl IntoView {
    let (node, from, to, filter) = super::query();
    let page = crate::shell::asked_page();
    load(move || overview_list(node, filter, from, to, page), |l: FigureList| view! { <Body l/> })
}
