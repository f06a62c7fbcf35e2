//! An officer's forms for an operation whose attendant is gone: hand the duty over, or record
//! everyone out and close, each with a reason. Folded away: they are for the exception.

use super::{ids, panel::PanelActions, request_form::options};
use crate::{i18n::*, operations::crew_options, shell::load};
use leptos::prelude::*;
use uuid::Uuid;

#[component]
pub fn Takeover(operation_id: Uuid, actions: PanelActions) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details class="card takeover">
            <summary>{t!(i18n, ops.handover_title)}</summary>
            {load(crew_options, move |people| view! {
                <ActionForm action=actions.handover attr:class="stack handover">
                    {ids(operation_id)}
                    <label>
                        <span>{t!(i18n, ops.handover_to)}</span>
                        <select name="form[to]">{options(&people)}</select>
                    </label>
                    <label>
                        <span>{t!(i18n, ops.handover_reason)}</span>
                        <input name="form[reason]" maxlength="200" required/>
                    </label>
                    <button type="submit" class="primary">{t!(i18n, ops.handover_submit)}</button>
                </ActionForm>
            })}
        </details>
        <details class="card takeover">
            <summary>{t!(i18n, ops.close_by_officer_title)}</summary>
            <ActionForm action=actions.close_by_officer attr:class="stack close-by-officer">
                {ids(operation_id)}
                <p class="muted">{t!(i18n, ops.close_by_officer_hint)}</p>
                <label>
                    <span>{t!(i18n, ops.close_by_officer_reason)}</span>
                    <input name="form[reason]" maxlength="200" required/>
                </label>
                <button type="submit" class="danger">{t!(i18n, ops.close_by_officer_submit)}</button>
            </ActionForm>
        </details>
    }
}
