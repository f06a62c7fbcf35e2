//! `/risks/policy`: the grading policy in force, with the basis of each default (the sources
//! leave the edges open: `rules::risk_grade`), and the admin's form to change it.

use crate::{
    i18n::*,
    auth::Role,
    risks::{load_risk_policy, RiskMethod, RiskPolicy, SetRiskPolicy},
    shell::{action_error, load, new_client_id, with_user, FormFeedback},
};
use leptos::prelude::*;

#[component]
fn PolicyEditor(p: RiskPolicy) -> impl IntoView {
    let i18n = use_i18n();
    let set = ServerAction::<SetRiskPolicy>::new();
    let error = Signal::derive(move || action_error(set));
    let edge = |name: &'static str, value: u32, max: u32| {
        view! { <input name=name type="number" inputmode="numeric" min="0" max=max value=value required/> }
    };
    let current = p.method;
    let method = move |m: RiskMethod| {
        view! { <option value=m.as_str() selected=current == m>{m.as_str().to_uppercase()}</option> }
    };
    view! {
        <ActionForm action=set attr:class="card stack" attr:id="risk-policy">
            <h2>{t!(i18n, risks.policy_change)}</h2>
            <FormFeedback error=error/>
            <input type="hidden" name="client_id" value=new_client_id()/>
            <label><span>{t!(i18n, risks.field_method)}</span><select name="form[method]">{method(RiskMethod::Lec)}{method(RiskMethod::Ls)}</select></label>
            <fieldset class="stack">
                <legend>{t!(i18n, risks.policy_lec_edges)}</legend>
                <label><span>{t!(i18n, risks.red_above)}</span>{edge("form[lec_red_above]", p.lec_red_above, 100_000)}</label>
                <label><span>{t!(i18n, risks.orange_above)}</span>{edge("form[lec_orange_above]", p.lec_orange_above, 100_000)}</label>
                <label><span>{t!(i18n, risks.yellow_above)}</span>{edge("form[lec_yellow_above]", p.lec_yellow_above, 100_000)}</label>
            </fieldset>
            <fieldset class="stack">
                <legend>{t!(i18n, risks.policy_ls_edges)}</legend>
                <label><span>{t!(i18n, risks.red_from)}</span>{edge("form[ls_red_from]", p.ls_red_from, 25)}</label>
                <label><span>{t!(i18n, risks.orange_from)}</span>{edge("form[ls_orange_from]", p.ls_orange_from, 25)}</label>
                <label><span>{t!(i18n, risks.yellow_from)}</span>{edge("form[ls_yellow_from]", p.ls_yellow_from, 25)}</label>
            </fieldset>
            <label class="check">
                <input type="checkbox" name="form[confined_toxic_at_least_large]" value="on" checked=p.confined_toxic_at_least_large/>
                " "{t!(i18n, risks.confined_toxic_setting)}
            </label>
            <button type="submit" class="primary">{t!(i18n, risks.save_policy)}</button>
        </ActionForm>
    }
}

#[component]
pub fn PolicyPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, risks.policy_title)}</h1>
        <p class="row-actions"><a href="/risks" class="button">{t!(i18n, risks.back)}</a></p>
        <section class="card">
            <h2>{t!(i18n, risks.policy_basis_title)}</h2>
            <p>{t!(i18n, risks.policy_basis_lec)}</p>
            <p>{t!(i18n, risks.policy_basis_ls)}</p>
            <p>{t!(i18n, risks.policy_basis_forced)}</p>
            <p class="muted">{t!(i18n, risks.policy_basis_source)}</p>
        </section>
        // The admin changes it; the others read the edges in force.
        {with_user(move |user| {
            let admin = user.role == Role::EnterpriseAdmin;
            load(load_risk_policy, move |p: RiskPolicy| {
                let summary = format!(
                    "LEC {} / {} / {} · LS {} / {} / {}",
                    p.lec_red_above, p.lec_orange_above, p.lec_yellow_above,
                    p.ls_red_from, p.ls_orange_from, p.ls_yellow_from
                );
                view! {
                    <p class="card" id="policy-in-force" data-method=p.method.as_str()>
                        {t!(i18n, risks.policy_in_force)}" "<strong>{p.method.as_str().to_uppercase()}</strong>" ("{summary}")"
                    </p>
                    {admin.then(|| view! { <PolicyEditor p/> })}
                }
            })
        })}
    }
}
