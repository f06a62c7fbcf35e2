//! The officers' live board: every open operation, refreshed every 30 s (no script needed).

use super::labels::status_label;
use crate::{
    i18n::*,
    operations::{operations_board, OperationView},
    shell::load,
    time_fmt::{minutes, minutes_ago},
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Meta;

#[component]
pub fn BoardPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Meta http_equiv="refresh" content="30"/>
        <h1>{t!(i18n, ops.board)}</h1>
        {load(operations_board, move |list: Vec<OperationView>| {
            if list.is_empty() {
                Either::Left(view! { <p class="muted">{t!(i18n, ops.board_empty)}</p> })
            } else {
                let rows = list.into_iter().map(|o| view! { <BoardRow o/> }).collect_view();
                Either::Right(view! { <ul class="people">{rows}</ul> })
            }
        })}
    }
}

#[component]
fn BoardRow(o: OperationView) -> impl IntoView {
    let i18n = use_i18n();
    let alert = o.overdue || o.retest_due || o.evacuating;
    // The operation's state leads (待审批 / 已批准); a headcount only when someone is inside.
    let (status, count) = (o.status, o.inside.len());
    let inside = o
        .inside
        .iter()
        .map(|p| (p.name.clone(), p.minutes))
        .collect::<Vec<_>>();
    let people = move || {
        let locale = i18n.get_locale();
        inside
            .iter()
            .map(|(name, m)| format!("{name} {}", minutes(locale, *m)))
            .collect::<Vec<_>>()
            .join("、")
    };
    let last_test = o.last_test.as_ref().map(|t| {
        let age = t.age_minutes;
        view! { <span class="muted">{t!(i18n, ops.last_test)}": "{move || minutes_ago(i18n.get_locale(), age)}</span> }
    });
    view! {
        <li class="person board-row" class:alert=alert data-space=o.space_code.clone()>
            <a href=format!("/spaces/{}", o.space_id) class="person-main">
                <strong>{o.space_code.clone()}" "{o.space_name.clone()}</strong>
                <span class="tag op-status" data-status=status.as_str()>{move || status_label(i18n, status)}</span>
                {(count > 0).then(|| view! { <span class="tag">{move || t_string!(i18n, ops.inside_count, n = count).to_string()}</span> })}
                <span class="muted">{people}</span>
                <span class="muted">{t!(i18n, ops.attendant)}": "{o.attendant.clone()}</span>
                {last_test}
                {o.overdue.then(|| view! { <span class="tag danger">{t!(i18n, ops.overdue)}</span> })}
                {o.retest_due.then(|| view! { <span class="tag danger">{t!(i18n, ops.retest_due)}</span> })}
                {o.evacuating.then(|| view! { <span class="tag danger">{t!(i18n, ops.evacuating)}</span> })}
            </a>
        </li>
    }
}
