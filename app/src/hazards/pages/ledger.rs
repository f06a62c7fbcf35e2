//! The ledger (隐患台账): counts, a filter form (a plain GET) and the hazards, newest first.
//! Officers see the enterprise's; everyone else their own (reported, or theirs to fix).

use super::labels::{category_label, grade_label, source_label, state_label};
use crate::{
    hazards::{
        list_hazards, Counts, HazardCategory, HazardGrade, HazardRow, HazardSource, HazardState,
        Ledger,
    },
    i18n::*,
    shell::{load, Pager},
};
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_query_map;

#[component]
pub fn LedgerPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |k: &str| query.with(|q| q.get(k).unwrap_or_default());
    let fetch = move || {
        list_hazards(
            param("state"),
            param("grade"),
            param("category"),
            param("source"),
            param("overdue"),
            param("page"),
        )
    };
    // The same filters with another page number: the pager's links keep what is shown.
    let page_href = move |page: u32| {
        let mut pairs: Vec<String> = ["state", "grade", "category", "source", "overdue"]
            .into_iter()
            .filter_map(|k| {
                let v = param(k);
                (!v.is_empty()).then(|| format!("{k}={}", urlencode(&v)))
            })
            .collect();
        if page > 1 {
            pairs.push(format!("page={page}"));
        }
        if pairs.is_empty() {
            "/hazards".to_owned()
        } else {
            format!("/hazards?{}", pairs.join("&"))
        }
    };
    view! {
        {load(fetch, move |ledger: Ledger| {
            let everyone = ledger.everyone;
            let title = move || {
                if everyone {
                    t_string!(i18n, hazards.ledger)
                } else {
                    t_string!(i18n, hazards.my_hazards)
                }
                .to_string()
            };
            let rows = if ledger.rows.is_empty() {
                Either::Left(view! { <p class="muted">{t!(i18n, hazards.empty)}</p> })
            } else {
                let items = ledger.rows.into_iter().map(|h| view! { <HazardItem h/> }).collect_view();
                Either::Right(view! { <ul class="people hazards">{items}</ul> })
            };
            view! {
                <h1>{title}</h1>
                {(!everyone).then(|| view! { <p class="muted">{t!(i18n, hazards.my_hazards_hint)}</p> })}
                <p>
                    <a href="/hazards/new" class="button primary wide">{t!(i18n, hazards.report)}</a>
                </p>
                <CountsBar counts=ledger.counts/>
                <Filter
                    state=param("state")
                    grade=param("grade")
                    category=param("category")
                    source=param("source")
                    overdue=!param("overdue").is_empty()
                />
                {everyone.then(|| view! {
                    <p>
                        <a class="button secondary wide" href="/export/hazards.xlsx" rel="external" download>
                            {t!(i18n, hazards.export)}
                        </a>
                    </p>
                })}
                {rows}
                <Pager page=ledger.page has_next=ledger.has_next href=page_href/>
            }
        })}
    }
}

/// A query value as a URL writes it (the vocabularies are ASCII; this keeps odd input safe).
fn urlencode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The counts as links that filter the ledger.
#[component]
fn CountsBar(counts: Counts) -> impl IntoView {
    let i18n = use_i18n();
    let states = counts
        .by_state
        .into_iter()
        .map(|(state, n)| {
            let href = format!("/hazards?state={}", state.as_str());
            view! {
                <li><a href=href class="tag" data-state=state.as_str()>{move || state_label(i18n, state)}" "{n}</a></li>
            }
        })
        .collect_view();
    view! {
        <ul class="row-actions counts" aria-label=move || t_string!(i18n, hazards.state).to_string()>
            <li><a href="/hazards" class="tag">{t!(i18n, hazards.total)}" "{counts.total}</a></li>
            {states}
            <li><a href="/hazards?overdue=1" class="tag danger">{t!(i18n, hazards.overdue)}" "{counts.overdue}</a></li>
            <li><a href="/hazards?grade=major" class="tag danger">{t!(i18n, hazards.major_open)}" "{counts.major_open}</a></li>
        </ul>
    }
}

/// A `<select>` of a vocabulary with "all" first.
fn choice<T: Copy + Send + Sync + 'static>(
    name: &'static str,
    label: impl IntoView + 'static,
    all: &[T],
    current: String,
    key: fn(T) -> &'static str,
    text: impl Fn(T) -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = all
        .iter()
        .map(|v| {
            let v = *v;
            let selected = current == key(v);
            view! { <option value=key(v) selected=selected>{move || text(v)}</option> }
        })
        .collect_view();
    view! {
        <label>
            <span>{label}</span>
            <select name=name>
                <option value="">{t!(i18n, hazards.all)}</option>
                {options}
            </select>
        </label>
    }
}

#[component]
fn Filter(
    state: String,
    grade: String,
    category: String,
    source: String,
    overdue: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = !(state.is_empty()
        && grade.is_empty()
        && category.is_empty()
        && source.is_empty()
        && !overdue);
    view! {
        <details class="card" open=open>
            <summary>{t!(i18n, hazards.filter)}</summary>
            <form method="get" action="/hazards" class="stack">
                {choice("state", t!(i18n, hazards.state), &HazardState::ALL, state, HazardState::as_str, move |s| state_label(i18n, s))}
                {choice("grade", t!(i18n, hazards.grade), &HazardGrade::ALL, grade, HazardGrade::as_str, move |g| grade_label(i18n, g))}
                {choice("category", t!(i18n, hazards.category), &HazardCategory::ALL, category, HazardCategory::as_str, move |c| category_label(i18n, c))}
                {choice("source", t!(i18n, hazards.source), &HazardSource::ALL, source, HazardSource::as_str, move |s| source_label(i18n, s))}
                <label class="check">
                    <input type="checkbox" name="overdue" value="1" checked=overdue/>
                    {t!(i18n, hazards.overdue_only)}
                </label>
                <button type="submit" class="secondary">{t!(i18n, hazards.filter)}</button>
            </form>
        </details>
    }
}

#[component]
fn HazardItem(h: HazardRow) -> impl IntoView {
    let i18n = use_i18n();
    let (state, grade, category) = (h.state, h.grade, h.category);
    let href = format!("/hazards/{}", h.id);
    view! {
        <li class="person" data-state=state.as_str()>
            <a href=href class="person-main">
                <strong>{h.number}" "{h.location}</strong>
                <span>{h.description}</span>
                <span>
                    <span class="tag" data-state=state.as_str()>{move || state_label(i18n, state)}</span>" "
                    <span class="tag" class:danger=grade == HazardGrade::Major>{move || grade_label(i18n, grade)}</span>" "
                    <span class="tag off">{move || category_label(i18n, category)}</span>" "
                    {h.overdue.then(|| view! { <span class="tag danger">{t!(i18n, hazards.overdue)}</span> })}
                </span>
                <span class="muted">{h.found_at}" · "{h.found_by}</span>
                {h.deadline.map(|d| view! {
                    <span class="muted">{t!(i18n, hazards.deadline)}": "{d}" · "{h.rectifier.unwrap_or_default()}</span>
                })}
            </a>
        </li>
    }
}
