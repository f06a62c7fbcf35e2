//! Confined-space training records that gate entry: who holds a valid one, and a small form
//! to record one by hand until training sessions fill it.

use super::{list_qualifications, GrantTraining, QualificationRow};
use crate::{
    i18n::*,
    shell::{action_error, load, new_client_id, FormFeedback},
};
use leptos::prelude::*;

#[component]
pub fn QualificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let grant = ServerAction::<GrantTraining>::new();
    view! {
        <h1>{t!(i18n, training.title)}</h1>
        <p class="muted">{t!(i18n, clearance.certificates_hint)}</p>
        <FormFeedback error=Signal::derive(move || action_error(grant))/>
        {load(list_qualifications, move |rows: Vec<QualificationRow>| {
            let options = rows
                .iter()
                .map(|r| view! { <option value=r.user_id.to_string()>{r.name.clone()}</option> })
                .collect_view();
            let items = rows.into_iter().map(|row| view! { <QualificationItem row/> }).collect_view();
            view! {
                <section class="card">
                    <ActionForm action=grant attr:class="stack">
                        <input type="hidden" name="client_id" value=new_client_id()/>
                        <label>
                            <span>{t!(i18n, common.field_user)}</span>
                            <select name="form[user_id]">{options}</select>
                        </label>
                        <label>
                            <span>{t!(i18n, clearance.field_qualification_kind)}</span>
                            <select name="form[kind]">
                                {super::QualificationKind::ALL
                                    .into_iter()
                                    .map(|k| view! {
                                        <option value=k.as_str()>{move || super::clearance::labels::qualification_label(i18n, k)}</option>
                                    })
                                    .collect_view()}
                            </select>
                        </label>
                        <label>
                            <span>{t!(i18n, clearance.field_document_ref)}</span>
                            <input type="text" name="form[document_ref]" maxlength="80" required/>
                        </label>
                        <label>
                            <span>{t!(i18n, common.field_valid_until)}</span>
                            <input type="date" name="form[valid_until]"/>
                        </label>
                        <button type="submit" class="primary">{t!(i18n, clearance.certificate_grant)}</button>
                    </ActionForm>
                </section>
                <ul class="people">{items}</ul>
            }
        })}
    }
}

#[component]
fn QualificationItem(row: QualificationRow) -> impl IntoView {
    let i18n = use_i18n();
    let valid = row.valid;
    let validity = move || {
        if valid {
            t_string!(i18n, training.valid)
        } else {
            t_string!(i18n, training.missing)
        }
        .to_string()
    };
    view! {
        <li class="person" data-qualified=valid.to_string()>
            <div class="person-main">
                <strong>{row.name}</strong>
                <span class="tag" class:danger=!valid>{validity}</span>
                <span class="muted">{row.valid_until.unwrap_or_default()}</span>
            </div>
        </li>
    }
}
