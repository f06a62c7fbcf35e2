//! The 25-item pages: an enterprise's progress (`/patrols/selfcheck`), its printable report
//! (`/patrols/selfcheck/report`) and the regulator's matrix (`/patrols/selfcheck/matrix`).

mod matrix;
mod report;

pub use matrix::MatrixPage;
pub use report::ReportPage;

use super::{
    category_counts, cleared_of_applicable, selfcheck_progress, state_counts, ItemProgress,
    ItemState, SetItemApplicability,
};
use crate::{hazards::category_label, i18n::*, shell::load};
use leptos::{either::Either, prelude::*};
use leptos_i18n::I18nContext;

/// The period asked for in the page's query (`from`, `to`; empty: the service's default).
fn period_query() -> (String, String) {
    leptos_router::hooks::use_query_map().with_untracked(|q| {
        (
            q.get("from").unwrap_or_default(),
            q.get("to").unwrap_or_default(),
        )
    })
}


/// The period chooser of the report and the matrix: a plain GET form back to `action`.
#[component]
fn PeriodForm(action: &'static str, from: String, to: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="get" action=action class="card stack search">
            <label><span>{t!(i18n, selfcheck.from)}</span><input type="date" name="from" value=from/></label>
            <label><span>{t!(i18n, selfcheck.to)}</span><input type="date" name="to" value=to/></label>
            <button type="submit" class="secondary">{t!(i18n, selfcheck.show)}</button>
        </form>
    }
}

pub fn item_state_label(i18n: I18nContext<Locale>, s: ItemState) -> String {
    match s {
        ItemState::NotChecked => t_string!(i18n, selfcheck.state_not_checked),
        ItemState::Compliant => t_string!(i18n, selfcheck.state_compliant),
        ItemState::Rectifying => t_string!(i18n, selfcheck.state_rectifying),
        ItemState::Closed => t_string!(i18n, selfcheck.state_closed),
        ItemState::NotApplicable => t_string!(i18n, selfcheck.state_not_applicable),
    }
    .to_string()
}

pub fn item_state_class(s: ItemState) -> &'static str {
    match s {
        ItemState::NotChecked => "tag off",
        ItemState::Compliant => "tag ok",
        ItemState::Rectifying => "tag danger",
        ItemState::Closed => "tag",
        ItemState::NotApplicable => "tag off",
    }
}

/// The matrix's compact symbol of a state (explained by its legend).
pub fn item_state_symbol(s: ItemState) -> &'static str {
    match s {
        ItemState::NotChecked => "○",
        ItemState::Compliant => "✓",
        ItemState::Rectifying => "✗",
        ItemState::Closed => "●",
        ItemState::NotApplicable => "/",
    }
}

/// Counts per state as tags.
#[component]
pub fn StateCounts(items: Vec<ItemProgress>) -> impl IntoView {
    let i18n = use_i18n();
    state_counts(&items)
        .into_iter()
        .map(|(s, n)| {
            view! { <span class=item_state_class(s) data-item-state=s.as_str() data-count=n>{move || item_state_label(i18n, s)}" "{n}</span> }
        })
        .collect_view()
}

/// Per category, how many items are in each state.
#[component]
fn CategoryTable(items: Vec<ItemProgress>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = category_counts(&items)
        .into_iter()
        .map(|(c, counts)| {
            view! {
                <tr data-category=c.as_str()>
                    <td>{move || category_label(i18n, c)}</td>
                    {counts.into_iter().map(|n| view! { <td>{n}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="readings selfcheck-counts">
            <thead>
                <tr>
                    <th>{t!(i18n, selfcheck.category)}</th>
                    {ItemState::ALL.into_iter().map(|s| view! { <th>{move || item_state_label(i18n, s)}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// One item: its text, state, latest check and hazard.
#[component]
fn ItemRow(item: ItemProgress, mark: ServerAction<SetItemApplicability>) -> impl IntoView {
    let i18n = use_i18n();
    let s = item.state;
    let checked = match (item.checked_at, item.checked_by) {
        (Some(at), Some(by)) => Either::Left(
            view! { <span class="muted">{t!(i18n, selfcheck.last_check)}" "{at}" · "{by}</span> },
        ),
        _ => Either::Right(view! { <span class="muted">{t!(i18n, selfcheck.never)}</span> }),
    };
    let category = item.category;
    let key = item.key.clone();
    // 不涉及: by hand (its reason, and the way back), or by the ledger (nothing to undo here).
    let applicability = match (s, item.not_applicable_reason) {
        (ItemState::NotApplicable, Some(reason)) => Either::Left(view! {
            <span class="muted">{t!(i18n, selfcheck.not_applicable_reason)}"："{reason}</span>
            <ActionForm action=mark attr:class="inline">
                <input type="hidden" name="client_id" value=crate::shell::new_client_id()/>
                <input type="hidden" name="form[item_key]" value=key.clone()/>
                <input type="hidden" name="form[applies]" value="on"/>
                <button type="submit" class="secondary">{t!(i18n, selfcheck.mark_applicable)}</button>
            </ActionForm>
        }),
        (ItemState::NotApplicable, None) => Either::Right(Either::Left(view! {
            <span class="muted">{t!(i18n, selfcheck.not_applicable_by_ledger)}</span>
        })),
        _ => Either::Right(Either::Right(view! {
            <details class="not-applicable">
                <summary>{t!(i18n, selfcheck.mark_not_applicable)}</summary>
                <ActionForm action=mark attr:class="stack">
                    <input type="hidden" name="client_id" value=crate::shell::new_client_id()/>
                    <input type="hidden" name="form[item_key]" value=key.clone()/>
                    <label>
                        <span>{t!(i18n, selfcheck.not_applicable_reason)}</span>
                        <input name="form[reason]" required maxlength="200"/>
                    </label>
                    <button type="submit" class="secondary">{t!(i18n, selfcheck.mark_not_applicable)}</button>
                </ActionForm>
            </details>
        })),
    };
    view! {
        <li class="person" data-item-key=item.key.clone() data-item-state=s.as_str()>
            <span class="person-main">
                <strong>{item.position}". "{item.text}</strong>
                <span class="muted">{move || category_label(i18n, category)}" · "{item.checklist}</span>
                {checked}
                {(!item.finding.is_empty()).then(|| view! { <span class="pre">{item.finding.clone()}</span> })}
                {item.hazard.map(|h| view! {
                    <a href=format!("/hazards/{}", h.id)>{t!(i18n, selfcheck.hazard)}" "{h.number}</a>
                })}
                {applicability}
            </span>
            <span class=item_state_class(s)>{move || item_state_label(i18n, s)}</span>
        </li>
    }
}

/// `/patrols/selfcheck`: the enterprise's 25 items, their states and counts (officers).
#[component]
pub fn ProgressPage() -> impl IntoView {
    let i18n = use_i18n();
    let mark = ServerAction::<SetItemApplicability>::new();
    view! {
        <h1>{t!(i18n, selfcheck.title)}</h1>
        <p class="muted">{t!(i18n, selfcheck.intro)}</p>
        {load(selfcheck_progress, move |items: Vec<ItemProgress>| {
            if items.is_empty() {
                return Either::Left(view! {
                    <p class="muted">{t!(i18n, selfcheck.none)}</p>
                    <p><a href="/patrols/checklists" class="button secondary">{t!(i18n, selfcheck.install)}</a></p>
                });
            }
            let (cleared, applicable) = cleared_of_applicable(&items);
            Either::Right(view! {
                <p class="row-actions"><StateCounts items=items.clone()/></p>
                <p id="cleared-of-applicable" data-cleared=cleared data-applicable=applicable>
                    {move || t_string!(i18n, selfcheck.cleared_of_applicable, cleared = cleared, applicable = applicable).to_string()}
                </p>
                <p class="row-actions">
                    <a href="/patrols/selfcheck/report" class="button primary">{t!(i18n, selfcheck.report)}</a>
                </p>
                <section class="card">
                    <h2>{t!(i18n, selfcheck.by_category)}</h2>
                    <CategoryTable items=items.clone()/>
                </section>
                <crate::shell::FormFeedback error=Signal::derive(move || crate::shell::action_error(mark))/>
                <ol class="people">
                    {items.into_iter().map(|i| view! { <ItemRow item=i mark=mark/> }).collect_view()}
                </ol>
            })
        })}
    }
}
