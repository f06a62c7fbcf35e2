//! `/visits/experts`: the experts a regulator may appoint, and the form to open an expert's
//! account at their node.

use crate::{
    i18n::*,
    shell::{action_error, load, new_client_id, FormFeedback},
    visits::{list_experts, CreateExpert, ExpertView},
};
use leptos::{either::Either, prelude::*};

#[component]
pub fn ExpertsPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateExpert>::new();
    let error = Signal::derive(move || action_error(create));
    view! {
        <h1>{t!(i18n, visits.experts_title)}</h1>
        <FormFeedback error=error/>
        {load(list_experts, move |list: Vec<ExpertView>| {
            if list.is_empty() {
                return Either::Left(view! { <p class="muted">{t!(i18n, visits.no_experts)}</p> });
            }
            Either::Right(view! {
                <ul class="people" id="experts">
                    {list.into_iter().map(|e| view! {
                        <li class="person"><div class="person-main"><strong>{e.name}</strong><span class="muted">{e.mobile}</span></div></li>
                    }).collect_view()}
                </ul>
            })
        })}
        <ActionForm action=create attr:class="card stack" attr:id="new-expert">
            <h2>{t!(i18n, visits.add_expert)}</h2>
            <input type="hidden" name="client_id" value=new_client_id()/>
            <label><span>{t!(i18n, visits.field_expert_name)}</span><input name="form[name]" required maxlength="40"/></label>
            <label><span>{t!(i18n, visits.field_expert_mobile)}</span><input name="form[mobile]" type="tel" inputmode="numeric" required maxlength="11"/></label>
            <label><span>{t!(i18n, visits.first_password)}</span><input name="form[password]" type="password" required minlength="8" autocomplete="new-password"/></label>
            <button type="submit" class="primary">{t!(i18n, visits.add_expert)}</button>
        </ActionForm>
    }
}
