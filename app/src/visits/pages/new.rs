//! `/visits/new`: a regulator opens a visit: the enterprise, the kind, the checklist used on
//! site, the day and the experts.

use super::{checklist_label, kind_label};
use crate::{
    i18n::*,
    shell::{action_error, load, new_client_id, FormFeedback},
    visits::{visit_choices, OpenVisit, VisitChecklist, NewVisitOptions, VisitKind},
};
use leptos::prelude::*;

#[component]
pub fn NewVisitPage() -> impl IntoView {
    let i18n = use_i18n();
    let open = ServerAction::<OpenVisit>::new();
    let error = Signal::derive(move || action_error(open));
    view! {
        <h1>{t!(i18n, visits.new_visit)}</h1>
        <FormFeedback error=error/>
        {load(visit_choices, move |c: NewVisitOptions| {
            let locale = i18n.get_locale_untracked();
            let today = crate::time_fmt::china_day(time::OffsetDateTime::now_utc()).to_string();
            let enterprises = c
                .enterprises
                .into_iter()
                .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
                .collect_view();
            let kinds = [VisitKind::Guidance, VisitKind::Inspection]
                .into_iter()
                .map(|k| view! { <option value=k.as_str()>{kind_label(locale, k)}</option> })
                .collect_view();
            let checklists = VisitChecklist::ALL
                .into_iter()
                .map(|k| view! { <option value=k.as_str()>{checklist_label(locale, k)}</option> })
                .collect_view();
            let experts = c
                .experts
                .into_iter()
                .map(|e| view! {
                    <label class="check"><input type="checkbox" name="form[experts][]" value=e.id.to_string()/>" "{e.name}" "<span class="muted">{e.mobile}</span></label>
                })
                .collect_view();
            view! {
                <ActionForm action=open attr:class="card stack" attr:id="new-visit">
                    <input type="hidden" name="client_id" value=new_client_id()/>
                    <label><span>{t!(i18n, visits.field_enterprise)}</span><select name="form[enterprise_id]" required>{enterprises}</select></label>
                    <label><span>{t!(i18n, visits.field_kind)}</span><select name="form[kind]">{kinds}</select></label>
                    <label><span>{t!(i18n, visits.field_checklist)}</span><select name="form[checklist]">{checklists}</select></label>
                    <label><span>{t!(i18n, visits.field_visited_on)}</span><input type="date" name="form[visited_on]" value=today required/></label>
                    <fieldset class="stack">
                        <legend>{t!(i18n, visits.field_experts)}</legend>
                        {experts}
                        <a href="/visits/experts" class="muted">{t!(i18n, visits.add_expert)}</a>
                    </fieldset>
                    <label><span>{t!(i18n, visits.field_note)}</span><textarea name="form[note]" maxlength="500"></textarea></label>
                    <button type="submit" class="primary">{t!(i18n, visits.open)}</button>
                </ActionForm>
            }
        })}
    }
}
