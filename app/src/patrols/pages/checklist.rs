//! One checklist: its items with their basis and verified flag, and the edit form that saves
//! the next version (records filled before keep theirs).

use crate::{
    hazards::{HazardCategory, HazardGrade},
    i18n::*,
    patrols::{get_checklist, AnswerType, Checklist, ChecklistItem, EditChecklist},
    shell::{load, new_client_id, ErrorNotice},
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

fn answer_type_label(i18n: leptos_i18n::I18nContext<Locale>, t: AnswerType) -> String {
    match t {
        AnswerType::PassFail => t_string!(i18n, patrols.answer_pass_fail),
        AnswerType::Number => t_string!(i18n, patrols.answer_number),
        AnswerType::Text => t_string!(i18n, patrols.answer_text),
    }
    .to_string()
}

/// One editable row (`form[items][i][...]`); `item` None is the blank row that adds one.
#[component]
fn ItemFields(index: usize, item: Option<ChecklistItem>) -> impl IntoView {
    let i18n = use_i18n();
    let name = move |f: &str| format!("form[items][{index}][{f}]");
    let it = item.clone();
    let key = it.as_ref().map(|i| i.key.clone()).unwrap_or_default();
    let text = it.as_ref().map(|i| i.text.clone()).unwrap_or_default();
    let basis = it.as_ref().map(|i| i.basis.clone()).unwrap_or_default();
    let unit = it.as_ref().map(|i| i.unit.clone()).unwrap_or_default();
    let num = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let (min, max) = (
        num(it.as_ref().and_then(|i| i.min_value)),
        num(it.as_ref().and_then(|i| i.max_value)),
    );
    let category = it.as_ref().map(|i| i.category);
    let answer_type = it.as_ref().map_or(AnswerType::PassFail, |i| i.answer_type);
    let photo = it.as_ref().is_none_or(|i| i.photo_on_fail);
    let major = it
        .as_ref()
        .is_some_and(|i| i.fail_grade == HazardGrade::Major);
    view! {
        <fieldset class="card stack">
            <legend>{index + 1}</legend>
            // Which item this row edits: its answers on earlier versions still count for it.
            <input type="hidden" name=name("key") value=key/>
            <label><span>{t!(i18n, patrols.item_text)}</span><input name=name("text") value=text maxlength="200"/></label>
            <label>
                <span>{t!(i18n, hazards.category)}</span>
                <select name=name("category")>
                    {HazardCategory::ALL.into_iter().map(|c| view! {
                        <option value=c.as_str() selected=category == Some(c)>{move || crate::hazards::category_label(i18n, c)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label><span>{t!(i18n, patrols.basis)}</span><input name=name("basis") value=basis maxlength="200"/></label>
            <label>
                <span>{t!(i18n, patrols.answer_type)}</span>
                <select name=name("answer_type")>
                    {AnswerType::ALL.into_iter().map(|t| view! {
                        <option value=t.as_str() selected=t == answer_type>{move || answer_type_label(i18n, t)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label><span>{t!(i18n, patrols.min_value)}</span><input name=name("min_value") value=min inputmode="decimal"/></label>
            <label><span>{t!(i18n, patrols.max_value)}</span><input name=name("max_value") value=max inputmode="decimal"/></label>
            <label><span>{t!(i18n, patrols.unit)}</span><input name=name("unit") value=unit maxlength="16"/></label>
            <label class="check"><input type="checkbox" name=name("photo_on_fail") checked=photo/>{t!(i18n, patrols.photo_on_fail)}</label>
            <label class="check"><input type="checkbox" name=name("major") checked=major/>{t!(i18n, patrols.major_on_fail)}</label>
        </fieldset>
    }
}

#[component]
pub fn ChecklistPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let edit = ServerAction::<EditChecklist>::new();
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    view! {
        {move || edit.value().get().and_then(Result::err).map(|err| view! { <ErrorNotice err=err/> })}
        {saved.then(|| view! { <p class="notice ok" role="status">{t!(i18n, patrols.saved)}</p> })}
        {load(move || get_checklist(id), move |c: Checklist| {
            let rows = c.items.len();
            view! {
                <h1>{c.name.clone()}</h1>
                <p class="muted">"v"{c.version}</p>
                <ol class="people">
                    {c.items.iter().cloned().map(|i| view! {
                        <li class="person">
                            <span class="person-main">
                                <strong>{i.text}</strong>
                                <span class="muted">{i.basis}</span>
                            </span>
                            {(!i.verified).then(|| view! { <span class="tag warn">{t!(i18n, patrols.unverified)}</span> })}
                        </li>
                    }).collect_view()}
                </ol>
                <details class="card">
                    <summary>{t!(i18n, patrols.edit_checklist)}</summary>
                    <p class="muted">{t!(i18n, patrols.packs_hint)}</p>
                    <ActionForm action=edit attr:class="stack">
                        <input type="hidden" name="client_id" value=new_client_id()/>
                        <input type="hidden" name="id" value=c.id.to_string()/>
                        <input type="hidden" name="version" value=c.version.to_string()/>
                        <label><span>{t!(i18n, patrols.checklist_name)}</span><input name="form[name]" value=c.name.clone() maxlength="60"/></label>
                        {c.items.into_iter().enumerate().map(|(n, i)| view! { <ItemFields index=n item=Some(i)/> }).collect_view()}
                        <ItemFields index=rows item=None/>
                        <button type="submit" class="primary">{t!(i18n, patrols.save_version)}</button>
                    </ActionForm>
                </details>
            }
        })}
    }
}
