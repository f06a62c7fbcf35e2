//! 作业申请: the permit request form on an idle space's scan page.

use super::labels::checklist_label;
use crate::{
    auth::Role,
    i18n::*,
    operations::{PersonOption, RequestOperation},
    rules::checklist::PreEntryCheck,
    shell::new_client_id,
};
use leptos::prelude::*;
use uuid::Uuid;

pub(super) fn options(people: &[PersonOption]) -> impl IntoView {
    people
        .iter()
        .map(|p| view! { <option value=p.id.to_string()>{p.name.clone()}</option> })
        .collect_view()
}

#[component]
pub fn RequestForm(
    space_id: Uuid,
    people: Vec<PersonOption>,
    action: ServerAction<RequestOperation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let workers: Vec<PersonOption> = people
        .iter()
        .filter(|p| p.role == Role::Worker)
        .cloned()
        .collect();
    let entrant_boxes = workers
        .iter()
        .map(|p| {
            view! {
                <label class="check">
                    <input type="checkbox" name="form[entrants][]" value=p.id.to_string()/>
                    {p.name.clone()}
                </label>
            }
        })
        .collect_view();
    let checklist_boxes = PreEntryCheck::ALL
        .into_iter()
        .map(|item| {
            view! {
                <label class="check">
                    <input type="checkbox" name="form[checklist][]" value=item.as_str()/>
                    {move || checklist_label(i18n, item)}
                </label>
            }
        })
        .collect_view();
    view! {
        <p class="state idle">{t!(i18n, spaces.scan_state_idle)}</p>
        <details class="card" id="request-operation">
            <summary>{t!(i18n, ops.request)}</summary>
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <input type="hidden" name="form[space_id]" value=space_id.to_string()/>
                <label>
                    <span>{t!(i18n, ops.work_content)}</span>
                    <input name="form[work_content]" maxlength="200"/>
                </label>
                <label>
                    <span>{t!(i18n, ops.planned_start)}</span>
                    <input type="datetime-local" name="form[planned_start]"/>
                </label>
                <label>
                    <span>{t!(i18n, ops.planned_end)}</span>
                    <input type="datetime-local" name="form[planned_end]"/>
                </label>
                <fieldset class="checks">
                    <legend>{t!(i18n, ops.field_entrants)}</legend>
                    {entrant_boxes}
                </fieldset>
                <label>
                    <span>{t!(i18n, ops.attendant)}</span>
                    <select name="form[attendant_id]">{options(&people)}</select>
                </label>
                <label>
                    <span>{t!(i18n, ops.person_in_charge)}</span>
                    <select name="form[person_in_charge_id]">{options(&people)}</select>
                </label>
                <label>
                    <span>{t!(i18n, ops.contractor)}</span>
                    <input name="form[contractor]" maxlength="100"/>
                </label>
                <label>
                    <span>{t!(i18n, ops.measures)}</span>
                    <input name="form[measures]" maxlength="1000"/>
                </label>
                <fieldset class="checks">
                    <legend>{t!(i18n, ops.checklist)}</legend>
                    {checklist_boxes}
                </fieldset>
                <label>
                    <span>{t!(i18n, spaces.rescue_equipment)}</span>
                    <input name="form[rescue_equipment]" maxlength="500"/>
                </label>
                <button type="submit" class="primary">{t!(i18n, ops.request_submit)}</button>
            </ActionForm>
        </details>
    }
}
