//! `/training/people`: the enterprise's training coverage for officers, trainers and admins:
//! cleared and not by department, this year's hours, who is not cleared and why, and the
//! qualifications that end within 30 days.

use super::Reasons;
use crate::{
    i18n::*,
    shell::load,
    training::clearance::{
        labels::{hours, qualification_label},
        training_coverage, ClearanceView, Coverage, DepartmentCount, Expiring,
    },
};
use leptos::prelude::*;

#[component]
pub fn CoveragePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, clearance.people_title)}</h1>
        <p class="row-actions">
            <a href="/training/certificates" class="button secondary">{t!(i18n, clearance.to_certificates)}</a>
        </p>
        {load(training_coverage, move |c: Coverage| {
            let h = hours(c.half_hours_this_year);
            let departments = c
                .departments
                .into_iter()
                .map(|d| view! { <DepartmentItem d/> })
                .collect_view();
            let everyone_cleared = c.not_cleared.is_empty();
            let not_cleared = c
                .not_cleared
                .into_iter()
                .map(|p| view! { <NotClearedItem p/> })
                .collect_view();
            let nothing_expiring = c.expiring.is_empty();
            let expiring = c.expiring.into_iter().map(|e| view! { <ExpiringItem e/> }).collect_view();
            let people = c
                .people
                .into_iter()
                .map(|(id, name)| {
                    let href = format!("/training/people/{id}");
                    view! { <li><a href=href>{name}</a></li> }
                })
                .collect_view();
            view! {
                <section class="card stack">
                    <h2>{t!(i18n, clearance.by_department)}</h2>
                    <ul class="people departments">{departments}</ul>
                    <p class="hours-this-year">{move || t_string!(i18n, clearance.hours_this_year, hours = h.clone()).to_string()}</p>
                </section>
                <section class="card stack" id="not-cleared">
                    <h2>{t!(i18n, clearance.not_cleared_heading)}</h2>
                    {everyone_cleared.then(|| view! { <p class="muted">{t!(i18n, clearance.everyone_cleared)}</p> })}
                    <ul class="people">{not_cleared}</ul>
                </section>
                <section class="card stack" id="expiring">
                    <h2>{t!(i18n, clearance.expiring_heading)}</h2>
                    {nothing_expiring.then(|| view! { <p class="muted">{t!(i18n, clearance.nothing_expiring)}</p> })}
                    <ul class="people">{expiring}</ul>
                </section>
                <section class="card stack">
                    <h2>{t!(i18n, clearance.everyone_heading)}</h2>
                    <ul class="everyone">{people}</ul>
                </section>
            }
        })}
    }
}

#[component]
fn DepartmentItem(d: DepartmentCount) -> impl IntoView {
    let i18n = use_i18n();
    let name = d.department.clone();
    let (cleared, not_cleared) = (d.cleared, d.not_cleared);
    view! {
        <li class="person department" data-not-cleared=not_cleared.to_string()>
            <div class="person-main">
                <strong>{move || name.clone().unwrap_or_else(|| t_string!(i18n, clearance.no_department).to_string())}</strong>
                <span class="tag">{move || t_string!(i18n, clearance.count_cleared, count = cleared).to_string()}</span>
                <span class="tag" class:danger=not_cleared != 0>{move || t_string!(i18n, clearance.count_not_cleared, count = not_cleared).to_string()}</span>
            </div>
        </li>
    }
}

#[component]
fn NotClearedItem(p: ClearanceView) -> impl IntoView {
    let href = format!("/training/people/{}", p.user_id);
    view! {
        <li class="person" data-cleared="false">
            <div class="person-main">
                <a href=href><strong>{p.name.clone()}</strong></a>
                <span class="muted">{p.department.clone().unwrap_or_default()}</span>
                <Reasons reasons=p.reasons.clone()/>
            </div>
        </li>
    }
}

#[component]
fn ExpiringItem(e: Expiring) -> impl IntoView {
    let i18n = use_i18n();
    let kind = e.kind;
    let day = e.last_day.clone();
    let href = format!("/training/people/{}", e.user_id);
    view! {
        <li class="person" data-kind=kind.as_str()>
            <div class="person-main">
                <a href=href><strong>{e.name.clone()}</strong></a>
                <span>{move || qualification_label(i18n, kind)}</span>
                <span class="muted">{e.document_ref.clone().unwrap_or_default()}</span>
                <span class="tag danger">{move || t_string!(i18n, clearance.valid_through, day = day.clone()).to_string()}</span>
            </div>
        </li>
    }
}
