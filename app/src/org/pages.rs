use super::list_enterprises;
use crate::{
    auth::{Role, SessionUser},
    i18n::*,
    shell::{load, with_user, Forbidden},
};
use leptos::{either::Either, prelude::*};

#[component]
pub fn EnterprisesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, org.enterprises_title)}</h1>
        {with_user(|u: SessionUser| {
            if u.role == Role::Regulator {
                Either::Left(view! { <EnterpriseList/> })
            } else {
                Either::Right(view! { <Forbidden/> })
            }
        })}
    }
}

#[component]
fn EnterpriseList() -> impl IntoView {
    let i18n = use_i18n();
    load(
        list_enterprises,
        move |items: Vec<super::EnterpriseSummary>| {
            if items.is_empty() {
                return Either::Left(
                    view! { <p class="muted">{t!(i18n, org.enterprises_empty)}</p> },
                );
            }
            let rows = items
                .into_iter()
                .map(|e| {
                    let count = e.active_people;
                    let people = move || t_string!(i18n, org.enterprises_people, count).to_string();
                    view! {
                        <li class="person">
                            <div class="person-main">
                                // The name only: the enterprise's code is an internal key.
                                <strong>{e.name}</strong>
                                <span class="tag">{people}</span>
                                <HazardTags figures=e.hazards/>
                            </div>
                        </li>
                    }
                })
                .collect_view();
            Either::Right(view! {
                <p class="row-actions">
                    <a href="/patrols/selfcheck/matrix" class="button primary">{t!(i18n, selfcheck.matrix_link)}</a>
                </p>
                <ul class="people">{rows}</ul>
            })
        },
    )
}

/// An enterprise's open hazards; 重大 and overdue ones stand out.
#[component]
fn HazardTags(figures: crate::hazards::HazardFigures) -> impl IntoView {
    let i18n = use_i18n();
    let open = figures.open;
    let major = figures.major_open;
    let overdue = figures.overdue;
    view! {
        <span class="tag" data-open=open>{move || t_string!(i18n, org.hazards_open, count = open).to_string()}</span>
        {(major > 0).then(|| view! {
            <span class="tag danger" data-major=major>{move || t_string!(i18n, org.hazards_major, count = major).to_string()}</span>
        })}
        {(overdue > 0).then(|| view! {
            <span class="tag danger" data-overdue=overdue>{move || t_string!(i18n, org.hazards_overdue, count = overdue).to_string()}</span>
        })}
    }
}
