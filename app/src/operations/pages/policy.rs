//! The enterprise's settings for the unverified gas rules, each with its default and basis.

use crate::{
    i18n::*,
    operations::{current_gas_policy, GasPolicyForm, SetGasPolicy},
    rules::gas::GasPolicy,
    shell::{action_error, load, new_client_id, FormFeedback},
};
use leptos::prelude::*;

#[component]
pub fn PolicyPage() -> impl IntoView {
    let i18n = use_i18n();
    let set = ServerAction::<SetGasPolicy>::new();
    let defaults = GasPolicy::default();
    let default_of = GasPolicyForm::of(&defaults);
    view! {
        <h1>{t!(i18n, ops.policy_title)}</h1>
        <p class="muted">{t!(i18n, ops.policy_intro)}</p>
        <FormFeedback error=Signal::derive(move || action_error(set))/>
        {load(current_gas_policy, move |current: GasPolicy| {
            let now = GasPolicyForm::of(&current);
            let d = default_of.clone();
            view! {
                <ActionForm action=set attr:class="card stack" attr:id="gas-policy">
                    <input type="hidden" name="client_id" value=new_client_id()/>
                    <label>
                        <span>{t!(i18n, ops.policy_test_age)}</span>
                        <input type="number" name="form[test_max_age_minutes]" min="5" max="120" value=now.test_max_age_minutes/>
                        <small>{t!(i18n, ops.policy_default)}" "{d.test_max_age_minutes}" · "{t!(i18n, ops.policy_basis_test_age)}</small>
                    </label>
                    <label>
                        <span>{t!(i18n, ops.policy_retest)}</span>
                        <input type="number" name="form[retest_interval_minutes]" min="5" max="240" value=now.retest_interval_minutes/>
                        <small>{t!(i18n, ops.policy_default)}" "{d.retest_interval_minutes}" · "{t!(i18n, ops.policy_basis_retest)}</small>
                    </label>
                    <label>
                        <span>{t!(i18n, ops.policy_lel)}</span>
                        <input type="number" step="0.1" name="form[lel_max_percent]" min="0.1" max="10" value=now.lel_max_percent/>
                        <small>{t!(i18n, ops.policy_default)}" "{d.lel_max_percent}" · "{t!(i18n, ops.policy_basis_lel)}</small>
                    </label>
                    <label>
                        <span>{t!(i18n, ops.policy_grade2_lel)}</span>
                        <input type="number" step="0.1" name="form[grade2_lel_from_percent]" value=now.grade2_lel_from_percent/>
                        <small>{t!(i18n, ops.policy_default)}" "{d.grade2_lel_from_percent}" · "{t!(i18n, ops.policy_basis_grading)}</small>
                    </label>
                    <label>
                        <span>{t!(i18n, ops.policy_grade2_toxic)}</span>
                        <input type="number" step="1" name="form[grade2_toxic_fraction_percent]" value=now.grade2_toxic_fraction_percent/>
                        <small>{t!(i18n, ops.policy_default)}" "{d.grade2_toxic_fraction_percent}" · "{t!(i18n, ops.policy_basis_grading)}</small>
                    </label>
                    <button type="submit" class="primary">{t!(i18n, users.save)}</button>
                </ActionForm>
            }
        })}
    }
}
