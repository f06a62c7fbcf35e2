//! On `/admin/enterprise`: how long phones keep pages for use without signal, with its basis.

use super::{
    api::{offline_policy, SaveOfflinePolicy},
    policy::{KeepPolicy, KEEP_HOURS_MAX},
};
use crate::{
    i18n::*,
    shell::{action_error, load, new_client_id, ErrorNotice},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn KeepPolicySection() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveOfflinePolicy>::new();
    let query = use_query_map();
    let saved = move || query.with(|q| q.get("offline_policy_saved").is_some());
    view! {
        <section class="card stack" id="offline-policy">
            <h2>{t!(i18n, pwa.policy_heading)}</h2>
            {move || action_error(save).map(|err| view! { <ErrorNotice err=err/> })}
            {move || saved().then(|| view! {
                <p class="notice ok" role="status">{t!(i18n, pwa.policy_saved)}</p>
            })}
            {load(offline_policy, move |p: KeepPolicy| view! {
                <ActionForm action=save attr:class="stack">
                    <input type="hidden" name="client_id" value=new_client_id()/>
                    <label>
                        <span>{t!(i18n, pwa.field_keep_pages_hours)}</span>
                        <input type="number" name="form[keep_pages_hours]" min="1"
                            max=KEEP_HOURS_MAX value=p.keep_pages_hours/>
                    </label>
                    <p class="muted basis">{t!(i18n, pwa.policy_basis)}</p>
                    <button type="submit" class="primary">{t!(i18n, pwa.policy_save)}</button>
                </ActionForm>
            })}
        </section>
    }
}
