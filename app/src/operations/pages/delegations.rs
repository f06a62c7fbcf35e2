//! The principal (主要负责人) and written delegations of approval (书面委托).

use crate::{
    auth::Role,
    i18n::*,
    operations::{
        crew_options, list_delegations, DelegationRow, Delegations, GrantDelegation,
        RevokeDelegation,
    },
    shell::{action_error, load, new_client_id, FormFeedback},
};
use leptos::prelude::*;

#[component]
pub fn DelegationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let grant = ServerAction::<GrantDelegation>::new();
    let revoke = ServerAction::<RevokeDelegation>::new();
    let error = Signal::derive(move || action_error(grant).or_else(|| action_error(revoke)));
    view! {
        <h1>{t!(i18n, ops.deleg_title)}</h1>
        <p class="muted">{t!(i18n, ops.deleg_intro)}</p>
        <FormFeedback error/>
        {load(list_delegations, move |d: Delegations| {
            let principal = d.i_am_principal;
            let rows = d
                .rows
                .into_iter()
                .map(|row| view! { <DelegationItem row principal revoke/> })
                .collect_view();
            view! {
                <section class="card">
                    <p>
                        <strong>{t!(i18n, ops.deleg_principal)}": "</strong>
                        {d.principal.clone().unwrap_or_else(|| "—".into())}
                    </p>
                </section>
                {principal.then(|| view! { <GrantForm grant/> })}
                <ul class="people">{rows}</ul>
            }
        })}
    }
}

#[component]
fn GrantForm(grant: ServerAction<GrantDelegation>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let officers = crew_options()
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|p| matches!(p.role, Role::SafetyOfficer | Role::EnterpriseAdmin))
                    .map(|p| view! { <option value=p.id.to_string()>{p.name}</option> })
                    .collect_view();
                view! {
                    <section class="card">
                        <ActionForm action=grant attr:class="stack" attr:id="grant-delegation">
                            <input type="hidden" name="client_id" value=new_client_id()/>
                            <label>
                                <span>{t!(i18n, ops.deleg_delegate)}</span>
                                <select name="form[delegate_id]">{officers}</select>
                            </label>
                            <label>
                                <span>{t!(i18n, ops.field_document_ref)}</span>
                                <input name="form[document_ref]" maxlength="100"/>
                            </label>
                            <label>
                                <span>{t!(i18n, ops.field_valid_until)}</span>
                                <input type="date" name="form[valid_until]"/>
                            </label>
                            <button type="submit" class="primary">{t!(i18n, ops.deleg_grant)}</button>
                        </ActionForm>
                    </section>
                }
            })}
        </Suspense>
    }
}

#[component]
fn DelegationItem(
    row: DelegationRow,
    principal: bool,
    revoke: ServerAction<RevokeDelegation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let valid = row.valid;
    let validity = move || {
        if valid {
            t_string!(i18n, training.valid)
        } else {
            t_string!(i18n, ops.deleg_invalid)
        }
        .to_string()
    };
    let revoke_form = (principal && !row.revoked).then(|| {
        view! {
            <ActionForm action=revoke>
                <input type="hidden" name="client_id" value=new_client_id()/>
                <input type="hidden" name="id" value=row.id.to_string()/>
                <button type="submit" class="secondary">{t!(i18n, ops.deleg_revoke)}</button>
            </ActionForm>
        }
    });
    view! {
        <li class="person" data-valid=valid.to_string()>
            <div class="person-main">
                <strong>{row.delegate}</strong>
                <span class="muted">{row.document_ref}</span>
                <span class="muted">{row.period}</span>
                <span class="tag" class:danger=!valid>{validity}</span>
            </div>
            {revoke_form}
        </li>
    }
}
