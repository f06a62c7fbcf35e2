//! The operation panel on a space's scan page, and the officers' live board.

use super::{
    crew_options, operation_at_space, operations_board, DecideOperation, EnterSpace, ExitSpace,
    OperationDetail, OperationStatus, OperationStep, OperationView, PersonOption, RequestOperation,
    SamplePoint, SubmitGasTest,
};
use crate::{
    auth::Role,
    i18n::*,
    rules::gas::{Acceptance, Gas, Unit},
    shell::{new_client_id, ErrorNotice},
};
use leptos::{either::Either, prelude::*};
use leptos_i18n::I18nContext;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

fn point_label(i18n: I18nContext<Locale>, p: SamplePoint) -> String {
    match p {
        SamplePoint::Upper => t_string!(i18n, op_point_upper),
        SamplePoint::Middle => t_string!(i18n, op_point_middle),
        SamplePoint::Lower => t_string!(i18n, op_point_lower),
    }
    .to_string()
}

fn unit_label(u: Unit) -> &'static str {
    match u {
        Unit::PercentVolume => "%VOL",
        Unit::PercentLel => "%LEL",
        Unit::Ppm => "ppm",
        Unit::MgPerM3 => "mg/m³",
    }
}

fn acceptance_text(a: Acceptance, u: Unit) -> String {
    let u = unit_label(u);
    match a {
        Acceptance::Between { min, max } => format!("{min}–{max} {u}"),
        Acceptance::Below { max } => format!("< {max} {u}"),
        Acceptance::AtMost { max } => format!("≤ {max:.1} {u}"),
    }
}

/// Hidden inputs every operation form carries.
fn ids(operation_id: Uuid) -> impl IntoView {
    view! {
        <input type="hidden" name="client_id" value=new_client_id()/>
        <input type="hidden" name="operation_id" value=operation_id.to_string()/>
    }
}

/// A one-button step (ventilate, attendant in/out, evacuate, close).
fn step_button(
    action: ServerAction<OperationStep>,
    id: Uuid,
    step: &'static str,
    label: String,
    class: &'static str,
) -> impl IntoView {
    view! {
        <ActionForm action=action>
            {ids(id)}
            <input type="hidden" name="step" value=step/>
            <button type="submit" class=class data-step=step>{label}</button>
        </ActionForm>
    }
}

#[component]
pub fn OperationPanel(space_id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let request = ServerAction::<RequestOperation>::new();
    let decide = ServerAction::<DecideOperation>::new();
    let step = ServerAction::<OperationStep>::new();
    let test = ServerAction::<SubmitGasTest>::new();
    let enter = ServerAction::<EnterSpace>::new();
    let exit = ServerAction::<ExitSpace>::new();
    let detail = Resource::new(
        move || (),
        move |_| operation_at_space(space_id.to_string()),
    );
    let people = Resource::new(|| (), |_| crew_options());
    let query = use_query_map();
    let done = move || query.with(|q| q.get("saved"));
    let error = move || {
        request
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| decide.value().get().and_then(Result::err))
            .or_else(|| step.value().get().and_then(Result::err))
            .or_else(|| test.value().get().and_then(Result::err))
            .or_else(|| enter.value().get().and_then(Result::err))
            .or_else(|| exit.value().get().and_then(Result::err))
            .map(|err| view! { <ErrorNotice err=err/> })
    };
    view! {
        {error}
        {move || done().map(|step| {
            let failed = step == "test_failed";
            view! {
                <p class="notice" class:ok=!failed class:error=failed role="status" data-done=step.clone()>
                    {move || if failed { t_string!(i18n, op_done_test_failed) } else { t_string!(i18n, op_done) }.to_string()}
                </p>
            }
        })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let people = people.await.unwrap_or_default();
                match detail.await {
                    Ok(None) => Either::Left(view! { <RequestForm space_id=space_id people=people action=request/> }.into_any()),
                    Ok(Some(d)) => Either::Left(view! {
                        <OperationState d=d decide=decide step=step test=test enter=enter exit=exit/>
                    }.into_any()),
                    Err(err) => Either::Right(view! { <ErrorNotice err=err/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RequestForm(
    space_id: Uuid,
    people: Vec<PersonOption>,
    action: ServerAction<RequestOperation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = move |people: &Vec<PersonOption>| {
        people
            .iter()
            .map(|p| view! { <option value=p.id.to_string()>{p.name.clone()}</option> })
            .collect_view()
    };
    let workers: Vec<PersonOption> = people
        .iter()
        .filter(|p| p.role == Role::Worker)
        .cloned()
        .collect();
    let all = people.clone();
    let checklist = [
        "isolation",
        "cleaning",
        "ventilation_equipment",
        "detector",
        "ppe",
        "rescue",
        "communication",
        "signage",
    ];
    view! {
        <p class="state idle">{t!(i18n, scan_state_idle)}</p>
        <details class="card" id="request-operation">
            <summary>{t!(i18n, op_request)}</summary>
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <input type="hidden" name="space_id" value=space_id.to_string()/>
                <label><span>{t!(i18n, op_work_content)}</span><input name="work_content"/></label>
                <label><span>{t!(i18n, op_planned_start)}</span><input type="datetime-local" name="planned_start"/></label>
                <label><span>{t!(i18n, op_planned_end)}</span><input type="datetime-local" name="planned_end"/></label>
                <fieldset class="checks">
                    <legend>{t!(i18n, field_entrants)}</legend>
                    {workers.iter().map(|p| view! {
                        <label class="check"><input type="checkbox" name="entrants[]" value=p.id.to_string()/>{p.name.clone()}</label>
                    }).collect_view()}
                </fieldset>
                <label><span>{t!(i18n, op_attendant)}</span><select name="attendant_id">{options(&all)}</select></label>
                <label><span>{t!(i18n, op_person_in_charge)}</span><select name="person_in_charge_id">{options(&all)}</select></label>
                <label><span>{t!(i18n, op_contractor)}</span><input name="contractor"/></label>
                <label><span>{t!(i18n, op_measures)}</span><input name="measures"/></label>
                <fieldset class="checks">
                    <legend>{t!(i18n, op_checklist)}</legend>
                    {checklist.into_iter().map(|item| view! {
                        <label class="check"><input type="checkbox" name="checklist[]" value=item/>{move || checklist_label(i18n, item)}</label>
                    }).collect_view()}
                </fieldset>
                <label><span>{t!(i18n, space_rescue_equipment)}</span><input name="rescue_equipment"/></label>
                <button type="submit" class="primary">{t!(i18n, op_request_submit)}</button>
            </ActionForm>
        </details>
    }
}

/// The pre-entry checklist (research §C2), confirmed on the permit.
fn checklist_label(i18n: I18nContext<Locale>, item: &str) -> String {
    match item {
        "isolation" => t_string!(i18n, op_check_isolation),
        "cleaning" => t_string!(i18n, op_check_cleaning),
        "ventilation_equipment" => t_string!(i18n, op_check_ventilation),
        "detector" => t_string!(i18n, op_check_detector),
        "ppe" => t_string!(i18n, op_check_ppe),
        "rescue" => t_string!(i18n, op_check_rescue),
        "communication" => t_string!(i18n, op_check_communication),
        _ => t_string!(i18n, op_check_signage),
    }
    .to_string()
}

#[component]
fn OperationState(
    d: OperationDetail,
    decide: ServerAction<DecideOperation>,
    step: ServerAction<OperationStep>,
    test: ServerAction<SubmitGasTest>,
    enter: ServerAction<EnterSpace>,
    exit: ServerAction<ExitSpace>,
) -> impl IntoView {
    let i18n = use_i18n();
    let v = d.view.clone();
    let id = v.id;
    let approved = v.status == OperationStatus::Approved;
    let status = move || {
        match v.status {
            OperationStatus::Requested => t_string!(i18n, op_status_requested),
            OperationStatus::Approved => t_string!(i18n, op_status_approved),
            OperationStatus::Rejected => t_string!(i18n, op_status_rejected),
            OperationStatus::Closed => t_string!(i18n, op_status_closed),
        }
        .to_string()
    };
    let entrants = d
        .entrants
        .iter()
        .map(|e| e.name.clone())
        .collect::<Vec<_>>()
        .join("、");
    let can_exit_others = d.i_am_attendant;
    let me = d.me;
    view! {
        {d.view.evacuating.then(|| view! { <p class="notice error evacuate" role="alert">{t!(i18n, op_evacuating)}</p> })}
        <section class="card op" data-status=d.view.status.as_str()>
            <p class="state">{status}</p>
            <dl class="facts">
                <dt>{t!(i18n, op_work_content)}</dt><dd>{d.view.work_content.clone()}</dd>
                <dt>{t!(i18n, op_planned_end)}</dt><dd class:late=d.view.overdue>{d.view.planned_end.clone()}</dd>
                <dt>{t!(i18n, field_entrants)}</dt><dd>{entrants}</dd>
                <dt>{t!(i18n, op_attendant)}</dt>
                <dd>{d.view.attendant.clone()}" "{move || if d.view.attendant_present { t_string!(i18n, op_present) } else { t_string!(i18n, op_absent) }.to_string()}</dd>
            </dl>
        </section>
        <section class="card">
            <h2>{t!(i18n, op_inside)}" ("{d.view.inside.len()}")"</h2>
            <ul class="inside">
                {d.view.inside.clone().into_iter().map(|p| {
                    let mine = p.user_id == me;
                    view! {
                        <li data-inside=p.name.clone()>
                            <strong>{p.name.clone()}</strong>" · "{p.since.clone()}" · "{p.minutes}" min"
                            {(mine || can_exit_others).then(move || view! {
                                <ActionForm action=exit>
                                    {ids(id)}
                                    <input type="hidden" name="person_id" value=p.user_id.to_string()/>
                                    <input name="tools" placeholder=move || t_string!(i18n, op_tools_out).to_string()/>
                                    <button type="submit" class="secondary">{t!(i18n, op_exit)}</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        {d.view.last_test.clone().map(|t| view! {
            <section class="card gas-test" class:failed=!t.passed>
                <h2>{t!(i18n, op_last_test)}" · "{t.tested_at.clone()}" ("{t.age_minutes}" min)"</h2>
                <p class="state" class:bad=!t.passed || !t.fresh>
                    {move || if !t.passed { t_string!(i18n, op_test_failed) } else if !t.fresh { t_string!(i18n, op_test_stale) } else { t_string!(i18n, op_test_passed) }.to_string()}
                </p>
                <table class="readings">
                    <tbody>
                        {t.readings.clone().into_iter().map(|r| {
                            let point = r.point;
                            view! {
                            <tr class:bad=!r.judged.ok>
                                <td>{move || point_label(i18n, point)}</td>
                                <td>{r.judged.reading.gas.formula()}</td>
                                <td>{format!("{} {}", r.judged.reading.value, unit_label(r.judged.reading.unit))}</td>
                                <td class="muted">{acceptance_text(r.judged.acceptance, r.judged.reading.unit)}</td>
                            </tr>
                        }}).collect_view()}
                    </tbody>
                </table>
            </section>
        })}
        {d.can_decide.then(|| view! {
            <section class="card">
                <h2>{t!(i18n, op_decide)}</h2>
                <ActionForm action=decide attr:class="stack">
                    {ids(id)}
                    <input type="hidden" name="approve" value="true"/>
                    <button type="submit" class="primary">{t!(i18n, op_approve)}</button>
                </ActionForm>
                <ActionForm action=decide attr:class="stack">
                    {ids(id)}
                    <input type="hidden" name="approve" value="false"/>
                    <label><span>{t!(i18n, field_reason)}</span><input name="reason"/></label>
                    <button type="submit" class="secondary">{t!(i18n, op_reject)}</button>
                </ActionForm>
            </section>
        })}
        <Trail entries=d.trail.clone()/>
        {approved.then(|| view! {
            <section class="card stack steps">
                <h2>{t!(i18n, op_steps)}</h2>
                {if d.ventilated {
                    Either::Left(view! { <p class="done">"✓ "{t!(i18n, op_ventilated)}</p> })
                } else {
                    Either::Right(step_button(step, id, "ventilate", t_string!(i18n, op_ventilate).to_string(), "primary"))
                }}
                {d.ventilated.then(|| view! { <GasTestForm id=id action=test/> })}
                {(d.i_am_attendant && !d.view.attendant_present).then(|| step_button(step, id, "attendant_in", t_string!(i18n, op_attendant_in).to_string(), "primary"))}
                {(d.i_am_entrant && !d.i_am_inside).then(|| view! {
                    <ActionForm action=enter attr:class="stack enter">
                        {ids(id)}
                        <label class="check"><input type="checkbox" name="briefed"/>{t!(i18n, op_briefed)}</label>
                        <label><span>{t!(i18n, op_tools_in)}</span><input name="tools"/></label>
                        <button type="submit" class="primary">{t!(i18n, op_enter)}</button>
                    </ActionForm>
                })}
                {d.i_am_attendant.then(|| view! {
                    <div class="row-actions">
                        {step_button(step, id, "evacuate", t_string!(i18n, op_evacuate).to_string(), "danger")}
                        {d.view.attendant_present.then(|| step_button(step, id, "attendant_out", t_string!(i18n, op_attendant_out).to_string(), "secondary"))}
                        {step_button(step, id, "close", t_string!(i18n, op_close).to_string(), "secondary")}
                    </div>
                })}
            </section>
        })}
    }
}

fn trail_label(i18n: I18nContext<Locale>, action: &str) -> String {
    match action {
        "operation.request" => t_string!(i18n, trail_request),
        "operation.approve" => t_string!(i18n, trail_approve),
        "operation.reject" => t_string!(i18n, trail_reject),
        "operation.ventilate" => t_string!(i18n, trail_ventilate),
        "operation.gas_test" => t_string!(i18n, trail_gas_test),
        "operation.attendant_in" => t_string!(i18n, trail_attendant_in),
        "operation.attendant_out" => t_string!(i18n, trail_attendant_out),
        "operation.enter" => t_string!(i18n, trail_enter),
        "operation.exit" => t_string!(i18n, trail_exit),
        "operation.evacuate" => t_string!(i18n, trail_evacuate),
        "operation.close" => t_string!(i18n, trail_close),
        _ => return action.to_owned(),
    }
    .to_string()
}

#[component]
fn Trail(entries: Vec<super::TrailEntry>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details class="card trail">
            <summary>{t!(i18n, op_trail)}" ("{entries.len()}")"</summary>
            <ol class="history">
                {entries.into_iter().map(|e| {
                    let action = e.action.clone();
                    view! { <li>{e.at}" · "{e.who}" · "{move || trail_label(i18n, &action)}</li> }
                }).collect_view()}
            </ol>
        </details>
    }
}

#[component]
fn GasTestForm(id: Uuid, action: ServerAction<SubmitGasTest>) -> impl IntoView {
    let i18n = use_i18n();
    let gases = Gas::ALL;
    view! {
        <details class="gas-form" open=true>
            <summary>{t!(i18n, op_gas_test)}</summary>
            <ActionForm action=action attr:class="stack">
                {ids(id)}
                <label><span>{t!(i18n, field_detector)}</span><input name="detector_id"/></label>
                <label><span>{t!(i18n, field_calibration_due)}</span><input type="date" name="calibration_due"/></label>
                <p class="muted">{t!(i18n, op_gas_hint)}</p>
                <table class="readings-input">
                    <thead><tr><th></th>{SamplePoint::ALL.into_iter().map(|p| view! { <th>{move || point_label(i18n, p)}</th> }).collect_view()}<th></th></tr></thead>
                    <tbody>
                        {gases.into_iter().map(|g| view! {
                            <tr>
                                <th>{g.formula()}</th>
                                {SamplePoint::ALL.into_iter().map(|p| {
                                    let point = match p { SamplePoint::Upper => "upper", SamplePoint::Middle => "middle", SamplePoint::Lower => "lower" };
                                    view! { <td><input inputmode="decimal" name=format!("values[{}.{}]", g.as_str(), point) size="4"/></td> }
                                }).collect_view()}
                                <td>
                                    {if g.units().len() > 1 {
                                        Either::Left(view! {
                                            <select name=format!("units[{}]", g.as_str())>
                                                <option value="ppm">"ppm"</option>
                                                <option value="mg_per_m3">"mg/m³"</option>
                                            </select>
                                        })
                                    } else {
                                        Either::Right(unit_label(g.units()[0]))
                                    }}
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <button type="submit" class="primary">{t!(i18n, op_record_test)}</button>
            </ActionForm>
        </details>
    }
}

/// The officers' live board: every open operation, refreshed every 30 s (no script needed).
#[component]
pub fn BoardPage() -> impl IntoView {
    let i18n = use_i18n();
    let board = Resource::new(|| (), |_| operations_board());
    view! {
        <Meta http_equiv="refresh" content="30"/>
        <h1>{t!(i18n, op_board)}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(list) if list.is_empty() => Either::Left(view! { <p class="muted">{t!(i18n, op_board_empty)}</p> }.into_any()),
                    Ok(list) => Either::Left(view! { <ul class="people">{list.into_iter().map(|o| view! { <BoardRow o=o/> }).collect_view()}</ul> }.into_any()),
                    Err(err) => Either::Right(view! { <ErrorNotice err=err/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn BoardRow(o: OperationView) -> impl IntoView {
    let i18n = use_i18n();
    let alert = o.overdue || o.retest_due || o.evacuating;
    let people = o
        .inside
        .iter()
        .map(|p| format!("{} {}min", p.name, p.minutes))
        .collect::<Vec<_>>()
        .join("、");
    view! {
        <li class="person board-row" class:alert=alert data-space=o.space_code.clone()>
            <a href=format!("/spaces/{}", o.space_id) class="person-main">
                <strong>{o.space_code.clone()}" "{o.space_name.clone()}</strong>
                <span class="tag">{o.inside.len()}" "{t!(i18n, op_inside)}</span>
                <span class="muted">{people}</span>
                <span class="muted">{t!(i18n, op_attendant)}": "{o.attendant.clone()}</span>
                {o.last_test.as_ref().map(|t| view! { <span class="muted">{t!(i18n, op_last_test)}": "{t.age_minutes}" min"</span> })}
                {o.overdue.then(|| view! { <span class="tag danger">{t!(i18n, op_overdue)}</span> })}
                {o.retest_due.then(|| view! { <span class="tag danger">{t!(i18n, op_retest_due)}</span> })}
                {o.evacuating.then(|| view! { <span class="tag danger">{t!(i18n, op_evacuating)}</span> })}
            </a>
        </li>
    }
}

/// Operation history with filters and the XLSX download of the same rows.
#[component]
pub fn HistoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |k: &str| query.with(|q| q.get(k).unwrap_or_default());
    let history = Resource::new(
        move || (param("space"), param("person")),
        |(space, person)| super::operation_history(space, person),
    );
    let people = Resource::new(|| (), |_| crew_options());
    let spaces = Resource::new(
        || (),
        |_| crate::spaces::list_spaces(String::new(), String::new()),
    );
    let export = move || {
        format!(
            "/export/operations.xlsx?space={}&person={}",
            param("space"),
            param("person")
        )
    };
    view! {
        <h1>{t!(i18n, op_history)}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let people = people.await.unwrap_or_default();
                let spaces = spaces.await.unwrap_or_default();
                view! {
                    <form method="get" action="/spaces/history" class="card stack">
                        <label>
                            <span>{t!(i18n, field_space)}</span>
                            <select name="space">
                                <option value="">"—"</option>
                                {spaces.into_iter().map(|s| {
                                    let id = s.id.to_string();
                                    let selected = param("space") == id;
                                    view! { <option value=id selected=selected>{s.code}" "{s.name}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <label>
                            <span>{t!(i18n, field_user)}</span>
                            <select name="person">
                                <option value="">"—"</option>
                                {people.into_iter().map(|p| {
                                    let id = p.id.to_string();
                                    let selected = param("person") == id;
                                    view! { <option value=id selected=selected>{p.name}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <button type="submit" class="secondary">{t!(i18n, spaces_filter)}</button>
                    </form>
                }
            })}
        </Suspense>
        <p><a class="button secondary wide" href=export rel="external" download>{t!(i18n, op_export)}</a></p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match history.await {
                    Ok(rows) if rows.is_empty() => Either::Left(view! { <p class="muted">{t!(i18n, op_history_empty)}</p> }.into_any()),
                    Ok(rows) => Either::Left(view! {
                        <ul class="people history-list">
                            {rows.into_iter().map(|h| view! {
                                <li class="person">
                                    <div class="person-main">
                                        <strong>{h.space_code}" "{h.space_name}</strong>
                                        <span class="tag">{h.status.as_str()}</span>
                                        <span>{h.work_content}</span>
                                        <span class="muted">{h.planned}</span>
                                        <span class="muted">{t!(i18n, op_attendant)}": "{h.attendant}</span>
                                        <span class="muted">{h.entries.join("; ")}</span>
                                    </div>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()),
                    Err(err) => Either::Right(view! { <ErrorNotice err=err/> }),
                }
            })}
        </Suspense>
    }
}

/// Confined-space training records that gate entry: who holds a valid one, and a small form
/// to record one by hand until training sessions fill it.
#[component]
pub fn QualificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let grant = ServerAction::<super::GrantTraining>::new();
    let list = Resource::new(|| (), |_| super::list_qualifications());
    let query = use_query_map();
    view! {
        <h1>{t!(i18n, qual_title)}</h1>
        {move || grant.value().get().and_then(Result::err).map(|err| view! { <ErrorNotice err=err/> })}
        {move || query.with(|q| q.get("saved")).map(|_| view! { <p class="notice ok" role="status">{t!(i18n, op_done)}</p> })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(rows) => {
                        let options = rows.iter().map(|r| view! { <option value=r.user_id.to_string()>{r.name.clone()}</option> }).collect_view();
                        Either::Left(view! {
                            <section class="card">
                                <ActionForm action=grant attr:class="stack">
                                    <input type="hidden" name="client_id" value=new_client_id()/>
                                    <label><span>{t!(i18n, field_user)}</span><select name="user_id">{options}</select></label>
                                    <label><span>{t!(i18n, field_valid_until)}</span><input type="date" name="valid_until"/></label>
                                    <button type="submit" class="primary">{t!(i18n, qual_grant)}</button>
                                </ActionForm>
                            </section>
                            <ul class="people">
                                {rows.into_iter().map(|r| view! {
                                    <li class="person" data-qualified=r.valid.to_string()>
                                        <div class="person-main">
                                            <strong>{r.name}</strong>
                                            <span class="tag" class:danger=!r.valid>
                                                {move || if r.valid { t_string!(i18n, qual_valid) } else { t_string!(i18n, qual_missing) }.to_string()}
                                            </span>
                                            <span class="muted">{r.valid_until.unwrap_or_default()}</span>
                                        </div>
                                    </li>
                                }).collect_view()}
                            </ul>
                        })
                    }
                    Err(err) => Either::Right(view! { <ErrorNotice err=err/> }),
                }
            })}
        </Suspense>
    }
}

/// The enterprise's settings for the unverified gas rules, each with its default and basis.
#[component]
pub fn PolicyPage() -> impl IntoView {
    let i18n = use_i18n();
    let set = ServerAction::<super::SetGasPolicy>::new();
    let policy = Resource::new(|| (), |_| super::gas_policy());
    let query = use_query_map();
    let d = crate::rules::gas::GasPolicy::default();
    view! {
        <h1>{t!(i18n, policy_title)}</h1>
        <p class="muted">{t!(i18n, policy_intro)}</p>
        {move || set.value().get().and_then(Result::err).map(|err| view! { <ErrorNotice err=err/> })}
        {move || query.with(|q| q.get("saved")).map(|_| view! { <p class="notice ok" role="status">{t!(i18n, op_done)}</p> })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                policy.await.ok().map(|p| view! {
                    <ActionForm action=set attr:class="card stack" attr:id="gas-policy">
                        <label>
                            <span>{t!(i18n, policy_test_age)}</span>
                            <input type="number" name="test_max_age_minutes" min="5" max="120" value=p.test_max_age_minutes.to_string()/>
                            <small>{t!(i18n, policy_default)}" "{d.test_max_age_minutes}" · "{t!(i18n, policy_basis_test_age)}</small>
                        </label>
                        <label>
                            <span>{t!(i18n, policy_retest)}</span>
                            <input type="number" name="retest_interval_minutes" min="5" max="240" value=p.retest_interval_minutes.to_string()/>
                            <small>{t!(i18n, policy_default)}" "{d.retest_interval_minutes}" · "{t!(i18n, policy_basis_retest)}</small>
                        </label>
                        <label>
                            <span>{t!(i18n, policy_lel)}</span>
                            <input type="number" step="0.1" name="lel_max_percent" min="0.1" max="10" value=p.lel_max_percent.to_string()/>
                            <small>{t!(i18n, policy_default)}" "{d.lel_max_percent}" · "{t!(i18n, policy_basis_lel)}</small>
                        </label>
                        <label>
                            <span>{t!(i18n, policy_grade2_lel)}</span>
                            <input type="number" step="0.1" name="grade2_lel_from_percent" value=p.grade2_lel_from_percent.to_string()/>
                            <small>{t!(i18n, policy_default)}" "{d.grade2_lel_from_percent}" · "{t!(i18n, policy_basis_grading)}</small>
                        </label>
                        <label>
                            <span>{t!(i18n, policy_grade2_toxic)}</span>
                            <input type="number" step="1" name="grade2_toxic_fraction_percent" value=(p.grade2_toxic_fraction * 100.0).round().to_string()/>
                            <small>{t!(i18n, policy_default)}" "{(d.grade2_toxic_fraction * 100.0).round()}" · "{t!(i18n, policy_basis_grading)}</small>
                        </label>
                        <button type="submit" class="primary">{t!(i18n, users_save)}</button>
                    </ActionForm>
                })
            })}
        </Suspense>
    }
}

/// The principal (主要负责人) and written delegations of approval (书面委托).
#[component]
pub fn DelegationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let grant = ServerAction::<super::GrantDelegation>::new();
    let revoke = ServerAction::<super::RevokeDelegation>::new();
    let data = Resource::new(|| (), |_| super::list_delegations());
    let people = Resource::new(|| (), |_| crew_options());
    let query = use_query_map();
    view! {
        <h1>{t!(i18n, deleg_title)}</h1>
        <p class="muted">{t!(i18n, deleg_intro)}</p>
        {move || grant.value().get().and_then(Result::err).or_else(|| revoke.value().get().and_then(Result::err)).map(|err| view! { <ErrorNotice err=err/> })}
        {move || query.with(|q| q.get("saved")).map(|_| view! { <p class="notice ok" role="status">{t!(i18n, op_done)}</p> })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let officers: Vec<PersonOption> = people.await.unwrap_or_default().into_iter()
                    .filter(|p| matches!(p.role, Role::SafetyOfficer | Role::EnterpriseAdmin)).collect();
                match data.await {
                    Ok(d) => Either::Left(view! {
                        <section class="card">
                            <p><strong>{t!(i18n, deleg_principal)}": "</strong>{d.principal.clone().unwrap_or_else(|| "—".into())}</p>
                        </section>
                        {d.i_am_principal.then(|| view! {
                            <section class="card">
                                <ActionForm action=grant attr:class="stack" attr:id="grant-delegation">
                                    <input type="hidden" name="client_id" value=new_client_id()/>
                                    <label><span>{t!(i18n, deleg_delegate)}</span>
                                        <select name="delegate_id">{officers.iter().map(|p| view! { <option value=p.id.to_string()>{p.name.clone()}</option> }).collect_view()}</select>
                                    </label>
                                    <label><span>{t!(i18n, field_document_ref)}</span><input name="document_ref"/></label>
                                    <label><span>{t!(i18n, field_valid_until)}</span><input type="date" name="valid_until"/></label>
                                    <button type="submit" class="primary">{t!(i18n, deleg_grant)}</button>
                                </ActionForm>
                            </section>
                        })}
                        <ul class="people">
                            {d.rows.into_iter().map(|r| {
                                let principal = d.i_am_principal;
                                view! {
                                    <li class="person" data-valid=r.valid.to_string()>
                                        <div class="person-main">
                                            <strong>{r.delegate}</strong>
                                            <span class="muted">{r.document_ref}</span>
                                            <span class="muted">{r.period}</span>
                                            <span class="tag" class:danger=!r.valid>{move || if r.valid { t_string!(i18n, qual_valid) } else { t_string!(i18n, deleg_invalid) }.to_string()}</span>
                                        </div>
                                        {(principal && !r.revoked).then(|| view! {
                                            <ActionForm action=revoke>
                                                <input type="hidden" name="client_id" value=new_client_id()/>
                                                <input type="hidden" name="id" value=r.id.to_string()/>
                                                <button type="submit" class="secondary">{t!(i18n, deleg_revoke)}</button>
                                            </ActionForm>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }),
                    Err(err) => Either::Right(view! { <ErrorNotice err=err/> }),
                }
            })}
        </Suspense>
    }
}
