//! On `/admin/enterprise`: the enterprise's training requirements (三级教育 hours, yearly
//! re-training hours), with their basis.

use crate::{
    i18n::*,
    rules::clearance::Policy,
    shell::{action_error, load, new_client_id, ErrorNotice},
    training::clearance::{labels::hours, training_policy, SaveTrainingPolicy},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PolicySection() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveTrainingPolicy>::new();
    let query = use_query_map();
    let saved = move || query.with(|q| q.get("training_policy_saved").is_some());
    view! {
        <section class="card stack" id="training-policy">
            <h2>{t!(i18n, clearance.policy_heading)}</h2>
            // Its own saved notice below: the page's `?saved` belongs to the settings form.
            {move || action_error(save).map(|err| view! { <ErrorNotice err=err/> })}
            {move || saved().then(|| view! {
                <p class="notice ok" role="status">{t!(i18n, clearance.policy_saved)}</p>
            })}
            {load(training_policy, move |p: Policy| {
                let induction = hours(p.induction_half_hours);
                let annual = p.annual_half_hours.map(hours).unwrap_or_default();
                view! {
                    <ActionForm action=save attr:class="stack">
                        <input type="hidden" name="client_id" value=new_client_id()/>
                        <label>
                            <span>{t!(i18n, clearance.field_induction_hours)}</span>
                            <input type="number" name="form[induction_hours]" min="1" max="200" step="0.5" value=induction/>
                        </label>
                        <label>
                            <span>{t!(i18n, clearance.field_annual_hours)}</span>
                            <input type="number" name="form[annual_hours]" min="0.5" max="200" step="0.5" value=annual
                                placeholder=move || t_string!(i18n, clearance.policy_annual_off).to_string()/>
                        </label>
                        <p class="muted basis">{t!(i18n, clearance.policy_basis)}</p>
                        <button type="submit" class="primary">{t!(i18n, clearance.policy_save)}</button>
                    </ActionForm>
                }
            })}
        </section>
    }
}
