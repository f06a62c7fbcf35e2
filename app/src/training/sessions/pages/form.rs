//! `/training/sessions/new` (and `?copy=<id>`, prefilled from that session): the session
//! form. A plain form post; the server checks every field and names the one that is wrong.

use super::{assessment_text, category_text};
use crate::{
    auth::Role,
    i18n::*,
    shell::{action_error, load, new_client_id, role_label, FormFeedback},
    training::{
        sessions::{session_draft, CreateSession, NewSessionForm},
        Assessment, Category,
    },
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NewSessionPage() -> impl IntoView {
    let i18n = use_i18n();
    let copy = use_query_map().with_untracked(|q| q.get("copy").unwrap_or_default());
    let create = ServerAction::<CreateSession>::new();
    view! {
        <h1>{t!(i18n, sessions.new_session)}</h1>
        <FormFeedback error=Signal::derive(move || action_error(create))/>
        {load(move || session_draft(copy), move |draft: NewSessionForm| {
            let NewSessionForm { form: f, people, departments, trainers, me } = draft;
            let trainer = if f.trainer_id.is_empty() { me.to_string() } else { f.trainer_id.clone() };
            let category = f.category.clone();
            let assessment = f.assessment.clone();
            let invited = f.audience == "invited";
            let categories = Category::ALL.into_iter().map(|c| view! {
                <option value=c.as_str() selected=c.as_str() == category>{move || category_text(i18n.get_locale(), c)}</option>
            }).collect_view();
            let assessments = Assessment::ALL.into_iter().map(|a| view! {
                <option value=a.as_str() selected=a.as_str() == assessment>{move || assessment_text(i18n.get_locale(), a)}</option>
            }).collect_view();
            let trainer_options = trainers.into_iter().map(|p| {
                let id = p.id.to_string();
                view! { <option value=id.clone() selected=id == trainer>{p.name}</option> }
            }).collect_view();
            let person_checks = people.into_iter().map(|p| {
                let id = p.id.to_string();
                let checked = f.people.contains(&id);
                let dept = p.department.map(|d| format!(" · {d}")).unwrap_or_default();
                view! { <label class="check"><input type="checkbox" name="form[people][]" value=id checked=checked/>{p.name}{dept}</label> }
            }).collect_view();
            let department_checks = departments.into_iter().map(|d| {
                let checked = f.departments.contains(&d);
                view! { <label class="check"><input type="checkbox" name="form[departments][]" value=d.clone() checked=checked/>{d.clone()}</label> }
            }).collect_view();
            let role_checks = Role::ENTERPRISE_ROLES.into_iter().map(|r| {
                let checked = f.roles.iter().any(|v| v == r.as_str());
                view! { <label class="check"><input type="checkbox" name="form[roles][]" value=r.as_str() checked=checked/>{move || role_label(i18n, r)}</label> }
            }).collect_view();
            view! {
                <ActionForm action=create attr:class="card stack" attr:id="session-form">
                    <input type="hidden" name="client_id" value=new_client_id()/>
                    <label><span>{t!(i18n, sessions.field_session_title)}</span>
                        <input name="form[title]" maxlength="80" required value=f.title/></label>
                    <label><span>{t!(i18n, sessions.field_category)}</span>
                        <select name="form[category]" required>
                            <option value="">{t!(i18n, sessions.choose)}</option>
                            {categories}
                        </select></label>
                    <label><span>{t!(i18n, sessions.field_session_date)}</span>
                        <input type="date" name="form[date]" required value=f.date/></label>
                    <small class="muted">{t!(i18n, sessions.date_hint)}</small>
                    <label><span>{t!(i18n, sessions.field_start_time)}</span>
                        <input type="time" name="form[start]" required value=f.start/></label>
                    <label><span>{t!(i18n, sessions.field_end_time)}</span>
                        <input type="time" name="form[end]" required value=f.end/></label>
                    <label><span>{t!(i18n, sessions.field_credited_hours)}</span>
                        <input name="form[hours]" inputmode="decimal" required value=f.hours/></label>
                    <small class="muted">{t!(i18n, sessions.hours_hint)}</small>
                    <label><span>{t!(i18n, sessions.field_location)}</span>
                        <input name="form[location]" maxlength="80" required value=f.location/></label>
                    <label><span>{t!(i18n, sessions.field_trainer)}</span>
                        <select name="form[trainer_id]">{trainer_options}</select></label>
                    <label><span>{t!(i18n, sessions.field_summary)}</span>
                        <textarea name="form[summary]" maxlength="2000" rows="4">{f.summary}</textarea></label>
                    <fieldset class="checks">
                        <legend>{t!(i18n, sessions.field_audience)}</legend>
                        <label class="check"><input type="radio" name="form[audience]" value="all" checked=!invited/>{t!(i18n, sessions.audience_all)}</label>
                        <label class="check"><input type="radio" name="form[audience]" value="invited" checked=invited/>{t!(i18n, sessions.audience_invited)}</label>
                    </fieldset>
                    <details class="checks" open=invited>
                        <summary>{t!(i18n, sessions.invite_departments)}</summary>
                        {department_checks}
                    </details>
                    <details class="checks" open=invited>
                        <summary>{t!(i18n, sessions.invite_roles)}</summary>
                        {role_checks}
                    </details>
                    <details class="checks" open=invited>
                        <summary>{t!(i18n, sessions.invite_people)}</summary>
                        {person_checks}
                    </details>
                    <label><span>{t!(i18n, sessions.field_assessment)}</span>
                        <select name="form[assessment]">{assessments}</select></label>
                    <label><span>{t!(i18n, sessions.field_pass_mark)}</span>
                        <input type="number" name="form[pass_mark]" min="0" max="100" inputmode="numeric" value=f.pass_mark/></label>
                    <label><span>{t!(i18n, sessions.field_quiz_size)}</span>
                        <input type="number" name="form[quiz_size]" min="1" max="50" inputmode="numeric" value=f.quiz_size placeholder="10"/></label>
                    <small class="muted">{t!(i18n, sessions.assessment_hint)}</small>
                    <button type="submit" class="primary wide">{t!(i18n, sessions.create)}</button>
                </ActionForm>
            }
        })}
    }
}
