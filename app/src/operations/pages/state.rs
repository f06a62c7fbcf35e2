//! An open operation on the scan page, in the order a person at the manhole reads it: their
//! next action first (进入, or 出来 on their own row), who is inside, the latest gas test
//! summarised (its full table folded), then the permit's facts, the decision for an approver,
//! the other steps and the trail.

use super::{
    gas_form::GasTestForm,
    ids,
    labels::{acceptance_text, point_label, status_label, unit_label},
    panel::PanelActions,
    takeover::Takeover,
};
use crate::{
    i18n::*,
    operations::{
        GasTestSummary, Inside, JudgedPoint, OperationDetail, OperationStatus, OperationStep, Step,
        TrailEntry,
    },
    rules::gas::Gas,
    time_fmt::{minutes, minutes_ago, minutes_ago_template},
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
    let may_enter = approved && detail.i_am_entrant && !detail.i_am_inside;
    view! {
        {view.evacuating.then(|| view! {
            <p class="notice error evacuate" role="alert">{t!(i18n, ops.evacuating)}</p>
        })}
        {may_enter.then(|| view! { <EnterForm operation_id=id action=actions.enter/> })}
        <InsideList
            inside=view.inside.clone()
            operation_id=id
            me=detail.me
            can_exit_others=detail.i_am_attendant
            exit=actions.exit
        />
        {view.last_test.clone().map(|test| view! { <LastTest test/> })}
        <section class="card op" data-status=status.as_str()>
            <p class="state">{move || status_label(i18n, status)}</p>
            <dl class="facts">
                <dt>{t!(i18n, ops.work_content)}</dt>
                <dd>{view.work_content.clone()}</dd>
                <dt>{t!(i18n, ops.planned_end)}</dt>
                <dd class:late=view.overdue>{view.planned_end.clone()}</dd>
                <dt>{t!(i18n, ops.field_entrants)}</dt>
                <dd>{entrants}</dd>
                <dt>{t!(i18n, ops.attendant)}</dt>
                <dd>{view.attendant.clone()}" "{presence}</dd>
            </dl>
        </section>
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
            let mine = person.user_id == me;
            let may_exit = mine || can_exit_others;
            let person_id = person.user_id.to_string();
            // One's own 出来 is the next action: full width and large, like 进入.
            let button_class = if mine { "primary action-big" } else { "secondary" };
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
                        <button type="submit" class=button_class data-exit-person=person_id>{t!(i18n, ops.exit)}</button>
                    </ActionForm>
                }
            });
            let m = person.minutes;
            // `data-exit-person` (row and button) and `data-entered-at`: the phone's kept copy
            // shows a waiting exit and the time inside (`public/offline.js`, keptOverlay).
            view! {
                <li data-inside=person.name.clone() class:mine=mine data-exit-person=person_id>
                    <strong>{person.name.clone()}</strong>
                    " · "{person.since.clone()}" · "
                    <span data-entered-at=person.since_iso.clone() data-age-min=m>{move || minutes(i18n.get_locale(), m)}</span>
                    {exit_form}
                </li>
            }
        })
        .collect_view();
    view! {
        <section
            class="card inside-now"
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
    let summary = gas_summary(&test.readings)
        .into_iter()
        .map(|r| {
            let reading = r.judged.reading;
            view! {
                <li class:bad=!r.judged.ok>
                    <strong>{reading.gas.formula()}</strong>" "{format!("{} {}", reading.value, unit_label(reading.unit))}
                </li>
            }
        })
        .collect_view();
    let count = test.readings.len();
    let age = test.age_minutes;
    let rows = table_order(&test.readings)
        .into_iter()
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
            // `data-tested-at`: a kept copy counts the test's age on from the kept time.
            <h2>
                {t!(i18n, ops.last_test)}" · "{test.tested_at.clone()}" · "
                <span
                    data-tested-at=test.tested_iso.clone()
                    data-age-min=age
                    data-w-ago=move || minutes_ago_template(i18n.get_locale())
                    data-w-just=move || minutes_ago(i18n.get_locale(), 0)
                >
                    {move || minutes_ago(i18n.get_locale(), age)}
                </span>
            </h2>
            <p class="state" class:bad=!passed || !fresh>{verdict}</p>
            <ul class="gas-summary">{summary}</ul>
            <details class="readings-all">
                <summary>{t!(i18n, ops.all_readings)}" ("{count}")"</summary>
                <table class="readings">
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </section>
    }
}

/// One reading per gas for the summary line, oxygen first (the commonest killer in a
/// confined space), then the permit's gas order: the failing reading if any, else the worst
/// (lowest oxygen, highest of the others).
fn gas_summary(readings: &[JudgedPoint]) -> Vec<&JudgedPoint> {
    Gas::ALL
        .iter()
        .filter_map(|&gas| {
            let of_gas = readings.iter().filter(move |r| r.judged.reading.gas == gas);
            let worst = |a: &&JudgedPoint, b: &&JudgedPoint| {
                let (va, vb) = (a.judged.reading.value, b.judged.reading.value);
                let order = va.total_cmp(&vb);
                let order = if gas == Gas::Oxygen {
                    order.reverse()
                } else {
                    order
                };
                // A failing reading outranks any passing one.
                (!a.judged.ok).cmp(&!b.judged.ok).then(order)
            };
            of_gas.max_by(worst)
        })
        .collect()
}

/// The full table: gases in the same order (oxygen first), each at its three heights.
fn table_order(readings: &[JudgedPoint]) -> Vec<&JudgedPoint> {
    let mut rows: Vec<&JudgedPoint> = readings.iter().collect();
    let rank = |gas: Gas| {
        Gas::ALL
            .iter()
            .position(|&g| g == gas)
            .unwrap_or(usize::MAX)
    };
    // Stable: the heights keep their recorded order within a gas.
    rows.sort_by_key(|r| rank(r.judged.reading.gas));
    rows
}

/// The entrant's next action: 进入, first on the page and full width.
#[component]
fn EnterForm(
    operation_id: Uuid,
    action: ServerAction<crate::operations::EnterSpace>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card next-action">
            <ActionForm action=action attr:class="stack enter">
                {ids(operation_id)}
                <label class="check">
                    <input type="checkbox" name="form[briefed]"/>
                    {t!(i18n, ops.briefed)}
                </label>
                <label>
                    <span>{t!(i18n, ops.tools_in)}</span>
                    <input name="form[tools]" maxlength="200"/>
                </label>
                <button type="submit" class="primary action-big">{t!(i18n, ops.enter)}</button>
            </ActionForm>
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
            view! { <li>{when}" · "{entry.who}" · "{move || action.label_in(i18n.get_locale())}</li> }
        })
        .collect_view();
    view! {
        <details class="card trail">
            <summary>{t!(i18n, ops.trail)}" ("{count}")"</summary>
            <ol class="history">{items}</ol>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::{gas_summary, table_order};
    use crate::{
        operations::{JudgedPoint, SamplePoint},
        rules::gas::{Acceptance, Gas, Judged, Reading, Unit},
    };

    fn point(point: SamplePoint, gas: Gas, value: f64, ok: bool) -> JudgedPoint {
        JudgedPoint {
            point,
            judged: Judged {
                reading: Reading {
                    gas,
                    value,
                    unit: Unit::Ppm,
                },
                acceptance: Acceptance::Below { max: 10.0 },
                ok,
                fraction_of_limit: None,
            },
        }
    }

    #[test]
    fn the_summary_leads_with_oxygen_and_shows_each_gas_at_its_worst() {
        use SamplePoint::*;
        // Recorded in the form's order: H₂S before O₂.
        let readings = vec![
            point(Upper, Gas::HydrogenSulfide, 1.0, true),
            point(Middle, Gas::HydrogenSulfide, 3.0, true),
            point(Upper, Gas::Oxygen, 20.9, true),
            point(Middle, Gas::Oxygen, 20.1, true),
            point(Lower, Gas::Oxygen, 20.5, true),
            point(Upper, Gas::CarbonMonoxide, 30.0, true),
            point(Lower, Gas::CarbonMonoxide, 12.0, false),
        ];
        let summary: Vec<(Gas, f64)> = gas_summary(&readings)
            .iter()
            .map(|r| (r.judged.reading.gas, r.judged.reading.value))
            .collect();
        // Lowest oxygen, highest H₂S, and the failing CO reading over a higher passing one.
        assert_eq!(
            summary,
            vec![
                (Gas::Oxygen, 20.1),
                (Gas::HydrogenSulfide, 3.0),
                (Gas::CarbonMonoxide, 12.0)
            ]
        );
        let table: Vec<(Gas, SamplePoint)> = table_order(&readings)
            .iter()
            .map(|r| (r.judged.reading.gas, r.point))
            .collect();
        assert_eq!(
            table[..3],
            [
                (Gas::Oxygen, Upper),
                (Gas::Oxygen, Middle),
                (Gas::Oxygen, Lower)
            ]
        );
    }
}
