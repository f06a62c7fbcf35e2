//! On `/admin/enterprise`: the enterprise's upload bound for patrol records the offline outbox
//! brings (`patrols::policy`), with its basis.

use crate::{
    i18n::*,
    patrols::{patrol_policy, policy::PatrolPolicy, policy::UPLOAD_HOURS_MAX, SavePatrolPolicy},
    shell::{action_error, load, new_client_id, ErrorNotice},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PatrolPolicySection() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SavePatrolPolicy>::new();
    let query = use_query_map();
    let saved = move || query.with(|q| q.get("patrol_policy_saved").is_some());
    view! {
        <section class="card stack" id="patrol-policy">
            <h2>{t!(i18n, patrols.policy_heading)}</h2>
            {move || action_error(save).map(|err| view! { <ErrorNotice err=err/> })}
            {move || saved().then(|| view! {
                <p class="notice ok" role="status">{t!(i18n, patrols.policy_saved)}</p>
            })}
            {load(patrol_policy, move |p: PatrolPolicy| view! {
                <ActionForm action=save attr:class="stack">
                    <input type="hidden" name="client_id" value=new_client_id()/>
                    <label>
                        <span>{t!(i18n, patrols.field_upload_hours)}</span>
                        <input type="number" name="form[upload_hours]" min="1"
                            max=UPLOAD_HOURS_MAX value=p.upload_hours/>
                    </label>
                    <p class="muted basis">{t!(i18n, patrols.policy_basis)}</p>
                    <button type="submit" class="primary">{t!(i18n, patrols.policy_save)}</button>
                </ActionForm>
            })}
        </section>
    }
}
