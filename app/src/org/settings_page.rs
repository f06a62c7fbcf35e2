//! The enterprise admin's settings page (/admin/enterprise): the principal and the permit
//! rules, with their defaults.

use super::{load_enterprise_settings, EnterpriseSettings, SaveEnterpriseSettings};
use crate::{
    i18n::*,
    rules::permit::MAX_WINDOW_HOURS_LIMIT,
    shell::{action_error, load, new_client_id, FormFeedback},
};
use leptos::prelude::*;

#[component]
pub fn EnterpriseSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveEnterpriseSettings>::new();
    view! {
        <h1>{t!(i18n, common.settings_title)}</h1>
        <FormFeedback error=Signal::derive(move || action_error(save))/>
        {load(load_enterprise_settings, move |s: EnterpriseSettings| {
            let chosen = s.principal_id;
            let options = s
                .people
                .iter()
                .map(|p| {
                    let selected = Some(p.id) == chosen;
                    view! { <option value=p.id.to_string() selected=selected>{p.name.clone()}</option> }
                })
                .collect_view();
            view! {
                <ActionForm action=save attr:class="card stack" attr:id="enterprise-settings">
                    <input type="hidden" name="client_id" value=new_client_id()/>
                    <label>
                        <span>{t!(i18n, org.field_principal)}</span>
                        <select name="form[principal_id]">
                            <option value="" selected=chosen.is_none()>"—"</option>
                            {options}
                        </select>
                        <small>{t!(i18n, common.settings_principal_hint)}</small>
                    </label>
                    <label class="check">
                        <input type="checkbox" name="form[independent_approval]" checked=s.policy.independent_approval/>
                        {t!(i18n, common.settings_independent)}
                    </label>
                    <label>
                        <span>{t!(i18n, org.field_max_window_hours)}</span>
                        <input type="number" name="form[max_window_hours]" min="1"
                            max=MAX_WINDOW_HOURS_LIMIT value=s.policy.max_window_hours/>
                    </label>
                    <button type="submit" class="primary">{t!(i18n, common.settings_save)}</button>
                </ActionForm>
                // Shown only to whoever may read the settings: one refusal per page.
                <crate::training::PolicySection/>
                <crate::patrols::PatrolPolicySection/>
                <crate::pwa::KeepPolicySection/>
                <crate::photos::QuotaSection/>
            }
        })}
    }
}
