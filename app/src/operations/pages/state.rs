//! An open operation on the scan page: its facts, who is inside, the latest gas test, the
//! decision for an approver, the trail, and the steps this person may take now.

use super::{
    gas_form::GasTestForm,
    ids,
    labels::{acceptance_text, point_label, status_label, trail_label, unit_label},
    panel::PanelActions,
    takeover::Takeover,
};
use crate::{
    i18n::*,
    operations::{
        GasTestSummary, Inside, OperationDetail, OperationStatus, OperationStep, Step, TrailEntry,
    },
};
use leptos::{either::Either, prelude::*};
use uuid::Uuid;

/// A one-button step (ventilate, attendant in/out, evacuate, close).
fn step_button(
    action: ServerAction<OperationStep>,
    operation_id: Uuid,
    step: Step,
    label: String,
    class: &'static str,
) -> impl IntoView {
    view! {
        <ActionForm action=action>
            {ids(operation_id)}
            <input type="hidden" name="step" value=step.as_str()/>
            <button type="submit" class=class data-step=step.as_str()>{label}</button>
        </ActionForm>
    }
}

#[component]
pub fn OperationState(detail: OperationDetail, actions: PanelActions) -> impl IntoView {
    let i18n = use_i18n();
    let view = detail.view.clone();
    let id = view.id;
    let approved = view.status == OperationStatus::Approved;
    let status = view.status;
    let entrants = detail
        .entrants
        .iter()
        .map(|e| e.name.clone())
        .collect::<Vec<_>>()
        .join("、");
    let attendant_present = view.attendant_present;
    let presence = move || {
        if attendant_present {
            t_string!(i18n, ops.present)
        } else {
            t_string!(i18n, ops.absent)
        }
        .to_string()
    };
    let steps = approved.then(|| view! { <Steps detail=detail.clone() actions/> });
    view! {
        {view.evacuating.then(|| view! {
            <p class="notice error evacuate" role="alert">{t!(i18n, ops.evacuating)}</p>
        })}
        <section class="card op" data-status=status.as_str()>
            <p class="state">{move || status_label(i18n, status)}</p>
            <dl class="facts">
                <dt>{t!(i18n, ops.work_content)}</dt>
                <dd>{view.work_content.clone()}</dd>
                <dt>{t!(i18n, ops.planned_end)}</dt>
                <dd class:late=view.overdue>{view.planned_end.clone()}</dd>
                <dt>{t!(i18n, common.field_entrants)}</dt>
                <dd>{entrants}</dd>
                <dt>{t!(i18n, ops.attendant)}</dt>
                <dd>{view.attendant.clone()}" "{presence}</dd>
            </dl>
        </section>
        <InsideList
            inside=view.inside.clone()
            operation_id=id
            me=detail.me
            can_exit_others=detail.i_am_attendant
            exit=actions.exit
        />
        {view.last_test.clone().map(|test| view! { <LastTest test/> })}
        {detail.can_decide.then(|| view! {
            <section class="card">
                <h2>{t!(i18n, ops.decide)}</h2>
                <ActionForm action=actions.decide attr:class="stack">
                    {ids(id)}
                    <input type="hidden" name="form[approve]" value="true"/>
                    <button type="submit" class="primary">{t!(i18n, ops.approve)}</button>
                </ActionForm>
                <ActionForm action=actions.decide attr:class="stack">
                    {ids(id)}
                    <input type="hidden" name="form[approve]" value="false"/>
                    <label>
                        <span>{t!(i18n, common.field_reason)}</span>
                        <input name="form[reason]" maxlength="200"/>
                    </label>
                    <button type="submit" class="secondary">{t!(i18n, ops.reject)}</button>
                </ActionForm>
            </section>
        })}
        <Trail entries=detail.trail.clone()/>
        {steps}
        {detail.can_take_over.then(|| view! { <Takeover operation_id=id actions/> })}
    }
}

/// Who is inside now, each with their own exit button (or the attendant's for everyone).
#[component]
fn InsideList(
    inside: Vec<Inside>,
    operation_id: Uuid,
    me: Uuid,
    can_exit_others: bool,
    exit: ServerAction<crate::operations::ExitSpace>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = inside.len();
    let people = inside
        .into_iter()
        .map(|person| {
            let may_exit = person.user_id == me || can_exit_others;
            let person_id = person.user_id.to_string();
            let exit_form = may_exit.then({
                let person_id = person_id.clone();
                move || view! {
                    <ActionForm action=exit>
                        {ids(operation_id)}
                        <input type="hidden" name="form[person_id]" value=person_id.clone()/>
                        <input
                            name="form[tools]"
                            maxlength="200"
                            placeholder=move || t_string!(i18n, ops.tools_out).to_string()
                        />
                        <button type="submit" class="secondary" data-exit-person=person_id>{t!(i18n, ops.exit)}</button>
                    </ActionForm>
                }
            });
            // `data-exit-person` (row and button) and `data-entered-at`: the phone's kept copy
            // shows a waiting exit and the time inside (`public/offline.js`, keptOverlay).
            view! {
                <li data-inside=person.name.clone() data-exit-person=person_id>
                    <strong>{person.name.clone()}</strong>
                    " · "{person.since.clone()}" · "
                    <span data-entered-at=person.since_iso.clone() data-age-min=person.minutes>{person.minutes}" min"</span>
                    {exit_form}
                </li>
            }
        })
        .collect_view();
    view! {
        <section
            class="card"
            data-inside-list=operation_id.to_string()
            data-w-exit-waiting=move || t_string!(i18n, ops.kept_exit_waiting).to_string()
            data-w-minutes=move || t_string!(i18n, ops.kept_minutes).to_string()
            data-w-hours=move || t_string!(i18n, ops.kept_hours).to_string()
        >
            <h2>{t!(i18n, ops.inside)}" ("<span data-inside-count=count>{count}</span>")"</h2>
            <ul class="inside">{people}</ul>
        </section>
    }
}

/// The latest gas test, failing values in red, each with its acceptance.
#[component]
fn LastTest(test: GasTestSummary) -> impl IntoView {
    let i18n = use_i18n();
    let (passed, fresh) = (test.passed, test.fresh);
    let verdict = move || {
        if !passed {
            t_string!(i18n, ops.test_failed)
        } else if !fresh {
            t_string!(i18n, ops.test_stale)
        } else {
            t_string!(i18n, ops.test_passed)
        }
        .to_string()
    };
    let rows = test
        .readings
        .iter()
        .map(|r| {
            let point = r.point;
            let reading = r.judged.reading;
            view! {
                <tr class:bad=!r.judged.ok>
                    <td>{move || point_label(i18n, point)}</td>
                    <td>{reading.gas.formula()}</td>
                    <td>{format!("{} {}", reading.value, unit_label(reading.unit))}</td>
                    <td class="muted">{acceptance_text(r.judged.acceptance, reading.unit)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card gas-test" class:failed=!passed>
            <h2>
                {t!(i18n, ops.last_test)}" · "{test.tested_at.clone()}" ("
                <span data-tested-at=test.tested_iso.clone() data-age-min=test.age_minutes>{test.age_minutes}" min"</span>
                ")"
            </h2>
            <p class="state" class:bad=!passed || !fresh>{verdict}</p>
            <table class="readings">
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// The steps of an approved operation this person may take now.
#[component]
fn Steps(detail: OperationDetail, actions: PanelActions) -> impl IntoView {
    let i18n = use_i18n();
    let id = detail.view.id;
    let label = move |key: Step| {
        match key {
            Step::Ventilate => t_string!(i18n, ops.ventilate),
            Step::AttendantIn => t_string!(i18n, ops.attendant_in),
            Step::AttendantOut => t_string!(i18n, ops.attendant_out),
            Step::Evacuate => t_string!(i18n, ops.evacuate),
            Step::Close => t_string!(i18n, ops.close),
        }
        .to_string()
    };
    let button = move |step: Step, class: &'static str| {
        step_button(actions.step, id, step, label(step), class)
    };
    let can_test = detail.can_test;
    let ventilation = if detail.ventilated {
        Either::Left(view! { <p class="done">"✓ "{t!(i18n, ops.ventilated)}</p> })
    } else {
        Either::Right(can_test.then(|| button(Step::Ventilate, "primary")))
    };
    let present = detail.view.attendant_present;
    view! {
        <section class="card stack steps">
            <h2>{t!(i18n, ops.steps)}</h2>
            {ventilation}
            {(detail.ventilated && can_test).then(|| view! { <GasTestForm operation_id=id action=actions.test/> })}
            {(detail.i_am_attendant && !present).then(|| button(Step::AttendantIn, "primary"))}
            {(detail.i_am_entrant && !detail.i_am_inside).then(|| view! {
                <ActionForm action=actions.enter attr:class="stack enter">
                    {ids(id)}
                    <label class="check">
                        <input type="checkbox" name="form[briefed]"/>
                        {t!(i18n, ops.briefed)}
                    </label>
                    <label>
                        <span>{t!(i18n, ops.tools_in)}</span>
                        <input name="form[tools]" maxlength="200"/>
                    </label>
                    <button type="submit" class="primary">{t!(i18n, ops.enter)}</button>
                </ActionForm>
            })}
            {detail.i_am_attendant.then(|| view! {
                <div class="row-actions">
                    {button(Step::Evacuate, "danger")}
                    {present.then(|| button(Step::AttendantOut, "secondary"))}
                    {button(Step::Close, "secondary")}
                </div>
            })}
        </section>
    }
}

#[component]
fn Trail(entries: Vec<TrailEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let count = entries.len();
    let items = entries
        .into_iter()
        .map(|entry| {
            let action = entry.action;
            let when = entry.when(i18n.get_locale_untracked());
            view! { <li>{when}" · "{entry.who}" · "{move || trail_label(i18n, action)}</li> }
        })
        .collect_view();
    view! {
        <details class="card trail">
            <summary>{t!(i18n, ops.trail)}" ("{count}")"</summary>
            <ol class="history">{items}</ol>
        </details>
    }
}
