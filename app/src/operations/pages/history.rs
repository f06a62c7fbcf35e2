//! Operation history with filters, and the XLSX download of the same rows.

use super::labels::status_label;
use crate::{
    i18n::*,
    operations::{crew_options, operation_history, EntryLine, HistoryRow},
    shell::load,
};
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_query_map;

#[component]
pub fn HistoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |k: &str| query.with(|q| q.get(k).unwrap_or_default());
    let export = move || {
        format!(
            "/export/operations.xlsx?space={}&person={}",
            urlencode(&param("space")),
            urlencode(&param("person"))
        )
    };
    view! {
        <h1>{t!(i18n, ops.history)}</h1>
        <HistoryFilter space=param("space") person=param("person")/>
        <p>
            <a class="button secondary wide" href=export rel="external" download>
                {t!(i18n, ops.export)}
            </a>
        </p>
        {load(move || operation_history(param("space"), param("person")), move |rows: Vec<HistoryRow>| {
            if rows.is_empty() {
                Either::Left(view! { <p class="muted">{t!(i18n, ops.history_empty)}</p> })
            } else {
                let items = rows.into_iter().map(|h| view! { <HistoryItem h/> }).collect_view();
                Either::Right(view! { <ul class="people history-list">{items}</ul> })
            }
        })}
    }
}

/// Only ids go into the export link; anything else is dropped rather than passed on.
fn urlencode(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

#[component]
fn HistoryFilter(space: String, person: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (space, person) = (space.clone(), person.clone());
                Suspend::new(async move {
                    let spaces = crate::spaces::list_spaces(String::new(), String::new()).await;
                    let space_options = spaces.unwrap_or_default().into_iter().map(|s| {
                        let id = s.id.to_string();
                        let selected = space == id;
                        view! { <option value=id selected=selected>{s.code}" "{s.name}</option> }
                    }).collect_view();
                    let person_options = crew_options().await.unwrap_or_default().into_iter().map(|p| {
                        let id = p.id.to_string();
                        let selected = person == id;
                        view! { <option value=id selected=selected>{p.name}</option> }
                    }).collect_view();
                    view! {
                        <form method="get" action="/spaces/history" class="card stack">
                            <label>
                                <span>{t!(i18n, ops.field_space)}</span>
                                <select name="space"><option value="">"—"</option>{space_options}</select>
                            </label>
                            <label>
                                <span>{t!(i18n, common.field_user)}</span>
                                <select name="person"><option value="">"—"</option>{person_options}</select>
                            </label>
                            <button type="submit" class="secondary">{t!(i18n, spaces.filter)}</button>
                        </form>
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn HistoryItem(h: HistoryRow) -> impl IntoView {
    let i18n = use_i18n();
    let status = h.status;
    view! {
        <li class="person">
            <div class="person-main">
                <strong>{h.space_code}" "{h.space_name}</strong>
                <span class="tag" data-status=status.as_str()>{move || status_label(i18n, status)}</span>
                <span>{h.work_content}</span>
                <span class="muted">{h.planned}</span>
                <span class="muted">{t!(i18n, ops.attendant)}": "{h.attendant}</span>
                <span class="muted">{EntryLine::join(&h.entries, i18n.get_locale_untracked())}</span>
            </div>
        </li>
    }
}
