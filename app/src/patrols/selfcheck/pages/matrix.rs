//! `/patrols/selfcheck/matrix`: the regulator's read-only enterprise × item matrix of the 25
//! items (逐企逐项销号, seed item 6) with each enterprise's patrol completion over a period.

use super::{item_state_label, item_state_symbol};
use crate::{
    i18n::*,
    patrols::{
        pages::state_label,
        selfcheck::{
            selfcheck_matrix, Completion, ItemState, MatrixRow, SelfCheckMatrix,
            SetItemApplicability,
        },
        RoundState,
    },
    shell::{load, Pager},
};
use leptos::{either::Either, prelude::*};

/// The rate and what it is made of, e.g. `80%` and `done 3 · late 1 · missed 1`.
#[component]
fn Rate(c: Completion) -> impl IntoView {
    let i18n = use_i18n();
    let rate = match c.percent() {
        Some(p) => Either::Left(view! { <strong data-rate=p>{p}"%"</strong> }),
        None => Either::Right(
            view! { <span class="muted" data-rate="">{t!(i18n, selfcheck.no_rounds)}</span> },
        ),
    };
    let part = move |s: RoundState, n: u32| move || format!("{} {n}", state_label(i18n, s));
    view! {
        {rate}
        <br/>
        <small class="muted">
            {part(RoundState::Done, c.done)}" · "{part(RoundState::Late, c.late)}" · "{part(RoundState::LateUpload, c.late_upload)}" · "{part(RoundState::Missed, c.missed)}
        </small>
    }
}

#[component]
fn Row(row: MatrixRow) -> impl IntoView {
    let i18n = use_i18n();
    let cells = row
        .cells
        .into_iter()
        .map(|cell| match cell {
            Some(s) => Either::Left(view! {
                <td class=format!("cell {}", s.as_str()) data-item-state=s.as_str() title=move || item_state_label(i18n, s)>
                    {item_state_symbol(s)}
                </td>
            }),
            None => Either::Right(view! { <td class="cell" title=move || t_string!(i18n, selfcheck.not_carried).to_string()>"—"</td> }),
        })
        .collect_view();
    view! {
        <tr data-enterprise=row.enterprise_id.to_string()>
            <th scope="row">{row.name}</th>
            {cells}
            <td><Rate c=row.completion/></td>
        </tr>
    }
}

#[component]
fn Matrix(m: SelfCheckMatrix) -> impl IntoView {
    let i18n = use_i18n();
    if m.rows.is_empty() {
        return Either::Left(view! { <p class="muted">{t!(i18n, selfcheck.no_enterprises)}</p> });
    }
    let head = m
        .columns
        .into_iter()
        .map(|c| view! { <th scope="col" title=c.text data-item-key=c.key>{c.number}</th> })
        .collect_view();
    Either::Right(view! {
        <p class="muted">
            {t!(i18n, selfcheck.period)}{t!(i18n, selfcheck.colon)}
            <span data-period-from=m.from.clone()>{m.from.clone()}</span>
            " "{t!(i18n, selfcheck.period_to)}" "
            <span data-period-to=m.to.clone()>{m.to.clone()}</span>
        </p>
        <div class="matrix-wrap">
            <table class="matrix">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, selfcheck.enterprise)}</th>
                        {head}
                        <th scope="col">{t!(i18n, selfcheck.completion)}</th>
                    </tr>
                </thead>
                <tbody>{m.rows.into_iter().map(|r| view! { <Row row=r/> }).collect_view()}</tbody>
            </table>
        </div>
    })
}

/// The regulator's own 不涉及 mark (or its taking back) on one enterprise's item, with the
/// reason: the same audited step as the officers', filed as oversight.
#[component]
fn MarkForm(m: SelfCheckMatrix) -> impl IntoView {
    let i18n = use_i18n();
    let mark = ServerAction::<SetItemApplicability>::new();
    let enterprises = m
        .rows
        .iter()
        .map(|r| view! { <option value=r.enterprise_id.to_string()>{r.name.clone()}</option> })
        .collect_view();
    let items = m
        .columns
        .iter()
        .map(|c| view! { <option value=c.key.clone()>{format!("{}. {}", c.number, c.text)}</option> })
        .collect_view();
    view! {
        <details class="card not-applicable" id="mark">
            <summary>{t!(i18n, selfcheck.mark_not_applicable)}</summary>
            <ActionForm action=mark attr:class="stack">
                <input type="hidden" name="client_id" value=crate::shell::new_client_id()/>
                <label><span>{t!(i18n, selfcheck.field_enterprise)}</span><select name="form[enterprise]" required>{enterprises}</select></label>
                <label><span>{t!(i18n, selfcheck.field_item)}</span><select name="form[item_key]" required>{items}</select></label>
                <label>
                    <span>{t!(i18n, selfcheck.not_applicable_reason)}</span>
                    <input name="form[reason]" maxlength="200"/>
                </label>
                <label class="check"><input type="checkbox" name="form[applies]" value="on"/>" "{t!(i18n, selfcheck.mark_applicable)}</label>
                <button type="submit" class="secondary">{t!(i18n, selfcheck.save_mark)}</button>
            </ActionForm>
        </details>
    }
}

#[component]
pub fn MatrixPage() -> impl IntoView {
    let i18n = use_i18n();
    let (f, t) = super::period_query();
    let page = crate::shell::asked_page();
    let legend = ItemState::ALL
        .into_iter()
        .map(|s| view! { <li><span class=format!("cell {}", s.as_str())>{item_state_symbol(s)}</span>" "{move || item_state_label(i18n, s)}</li> })
        .collect_view();
    view! {
        <h1>{t!(i18n, selfcheck.matrix)}</h1>
        <p class="muted">{t!(i18n, selfcheck.matrix_intro)}</p>
        // The date inputs hold the period shown (the default week when none was asked).
        {load(move || selfcheck_matrix(f, t, page), |m: SelfCheckMatrix| {
            let href = {
                let (from, to) = (m.from.clone(), m.to.clone());
                move |page: u32| format!("/patrols/selfcheck/matrix?from={from}&to={to}&page={page}")
            };
            view! {
                <super::PeriodForm action="/patrols/selfcheck/matrix" from=m.from.clone() to=m.to.clone()/>
                {(!m.rows.is_empty()).then(|| view! { <MarkForm m=m.clone()/> })}
                <Pager page=m.page pages=m.pages href=href.clone()/>
                <Matrix m=m.clone()/>
                <Pager page=m.page pages=m.pages href/>
            }
        })}
        <section class="card">
            <h2>{t!(i18n, selfcheck.legend)}</h2>
            <ul class="legend">
                {legend}
                <li><span class="cell">"—"</span>" "{t!(i18n, selfcheck.not_carried)}</li>
            </ul>
            <p class="muted">{t!(i18n, selfcheck.completion)}{t!(i18n, selfcheck.colon)}{t!(i18n, selfcheck.completion_hint)}</p>
        </section>
    }
}
