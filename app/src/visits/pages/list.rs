//! `/visits`: the visits the reader reaches, latest first; `?lookback=1` (回头看): those whose
//! findings are not all closed, the most overdue first.

use super::kind_label;
use crate::{
    i18n::*,
    shell::{load, with_user},
    visits::{list_visits, VisitRow},
};
use leptos::{either::Either, prelude::*};

#[component]
fn Row(v: VisitRow) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let overdue = (v.days_overdue > 0).then(|| {
        let days = v.days_overdue;
        view! { <span class="tag danger" data-days-overdue=days>{move || t_string!(i18n, visits.days_overdue, days = days).to_string()}</span> }
    });
    view! {
        <li class="person" data-visit=v.id.to_string()>
            <div class="person-main">
                <a href=format!("/visits/{}", v.id)><strong>{v.enterprise}</strong></a>
                <span class="tag">{v.place}</span>
                <span class="tag">{kind_label(locale, v.kind)}</span>
                {v.closed.then(|| view! { <span class="tag off">{t!(i18n, visits.closed)}</span> })}
                <span class="muted">
                    {v.visited_on.to_string()}" · "
                    {move || t_string!(i18n, visits.findings_count, open = v.open_findings, all = v.findings).to_string()}
                </span>
                {overdue}
            </div>
        </li>
    }
}

#[component]
pub fn VisitsPage() -> impl IntoView {
    let i18n = use_i18n();
    let lookback = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("lookback").is_some_and(|v| v == "1"));
    with_user(move |u| {
        let regulator = u.role == crate::actor::Role::Regulator;
        view! {
            <h1>{move || if lookback { t_string!(i18n, visits.lookback_title) } else { t_string!(i18n, visits.title) }}</h1>
            {regulator.then(|| view! {
                <p class="row-actions">
                    <a href="/visits/new" class="button primary">{t!(i18n, visits.new_visit)}</a>
                    {if lookback {
                        Either::Left(view! { <a href="/visits" class="button">{t!(i18n, visits.all_visits)}</a> })
                    } else {
                        Either::Right(view! { <a href="/visits?lookback=1" class="button" id="lookback">{t!(i18n, visits.lookback_title)}</a> })
                    }}
                    <a href="/visits/experts" class="button">{t!(i18n, visits.experts_title)}</a>
                    <a href="/visits/draws" class="button">{t!(i18n, visits.draws_title)}</a>
                    <a href=if lookback { "/export/visits.xlsx?lookback=1" } else { "/export/visits.xlsx" } class="button" download>{t!(i18n, visits.export)}</a>
                </p>
            })}
            {load(move || list_visits(lookback), move |rows: Vec<VisitRow>| {
                if rows.is_empty() {
                    return Either::Left(view! { <p class="muted">{t!(i18n, visits.none)}</p> });
                }
                Either::Right(view! {
                    <ul class="people" id="visits">{rows.into_iter().map(|v| view! { <Row v/> }).collect_view()}</ul>
                })
            })}
        }
    })
}
